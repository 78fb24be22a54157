package nl

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The message catalogue: the Dutch text of every code the domain reports
// (apperr.Code, codes.go), for the forms, the dossier, the PDFs and the
// iCalendar feed; the legal bases of a timeline are in basis.go. The English text of each code is in internal/apperr; the
// two are checked against each other by the tests.
//
// A template takes the code's arguments in order, as fmt does, after they
// are made Dutch: an amount (apperr.Cents) becomes "€ 1.234,56", a date
// (apperr.Day) "14-12-2026", and a whole number reads "4.000" with %s
// and "2026" with %d (years). Every other argument is used as it is. A
// template may skip arguments by naming the ones it uses (%[2]s).

// messages is the Dutch text of every code.
var messages = map[apperr.Code]string{
	apperr.Required:           "Vul dit veld in.",
	apperr.TooLong:            "Gebruik hooguit %s tekens.",
	apperr.TooLongBytes:       "Dit is te lang: hooguit %s bytes.",
	apperr.Negative:           "Mag niet negatief zijn.",
	apperr.Positive:           "Vul een getal groter dan 0 in.",
	apperr.AtLeast:            "Vul minstens %s in.",
	apperr.AtMostMonths:       "Hooguit %s maanden.",
	apperr.AtMostDays:         "Hooguit %s dagen.",
	apperr.Range:              "Vul %[1]s tot en met %[2]s in.",
	apperr.RangeMonths:        "Vul %[1]s tot %[2]s maanden in.",
	apperr.RangeDays:          "Vul %[1]s tot %[2]s dagen in.",
	apperr.OneOf:              "Kies een waarde uit de lijst.",
	apperr.Unknown:            "Kies een waarde uit de lijst.",
	apperr.NotAnID:            "Kies een waarde uit de lijst.",
	apperr.DateOutOfRange:     "Kies een datum tussen %[1]s en %[2]s.",
	apperr.DerivedDate:        "Hiermee komt een afgeleide datum (zoals het einde of de opzegdatum) buiten de periode %[1]s tot en met %[2]s te liggen.",
	apperr.MoneyCap:           "Dit bedrag is te hoog: hooguit %s.",
	apperr.Cap:                "Dit getal is te groot: hooguit %s.",
	apperr.ControlChar:        "Deze tekst bevat een onzichtbaar stuurteken (zoals een tab, regeleinde of NUL-teken): verwijder het.",
	apperr.DateFormat:         "Vul een datum in als %s.",
	apperr.DaysFormat:         "Vul een aantal dagen in, zoals 90d.",
	apperr.ToBeforeFrom:       "Mag niet vóór de begindatum liggen.",
	apperr.BeforeStart:        "Mag niet vóór de ingangsdatum liggen.",
	apperr.NotInFuture:        "De datum kan niet in de toekomst liggen.",
	apperr.RequiredWith:       "Vul dit veld ook in.",
	apperr.NoOrganization:     "Deze organisatie bestaat niet.",
	apperr.NoCategory:         "Deze categorie bestaat niet.",
	apperr.NoVendor:           "Deze leverancier bestaat niet.",
	apperr.NoContract:         "Dit contract staat niet in het register.",
	apperr.NoDemand:           "Deze behoefte bestaat niet.",
	apperr.UnknownCPV:         "Onbekende CPV-code %s.",
	apperr.VendorOrCategory:   "Onbekende leverancier of categorie.",
	apperr.CategoryOrContract: "Onbekende categorie of vervangen contract.",

	apperr.CPVFormat:               "Vul een CPV-code in als 64210000-1.",
	apperr.CPVListEmpty:            "Geef minstens één CPV-code.",
	apperr.KvKFormat:               "Een KvK-nummer heeft 8 cijfers.",
	apperr.NoticeEstimate:          "De raming is onvolledig, dus de procedure staat nog niet vast.",
	apperr.NoticeNoMandates:        "Nog geen deelnemer heeft het mandaat getekend; de aankondiging noemt alleen deelnemers met een getekend mandaat.",
	apperr.NoticeBuyerAddress:      "Adres (straat en postcode) van %s ontbreekt.",
	apperr.NoticeBuyerCity:         "Plaats van %s ontbreekt.",
	apperr.NoticeBuyerNUTS:         "NUTS-code van %s ontbreekt.",
	apperr.NoticeBuyerID:           "OIN of KvK-nummer van %s ontbreekt.",
	apperr.NoticeBuyerLegalType:    "Rechtsvorm van de aanbestedende dienst %s ontbreekt.",
	apperr.NoticeBuyerActivity:     "Hoofdactiviteit van %s ontbreekt.",
	apperr.NoticeContactEmail:      "E-mailadres van het contactpunt bij %s ontbreekt.",
	apperr.NoticeDescription:       "Omschrijving van de aanbesteding ontbreekt.",
	apperr.NoticeCPV:               "Hoofd-CPV-code van de aanbesteding ontbreekt.",
	apperr.NoticeNoLots:            "De aanbesteding heeft nog geen percelen.",
	apperr.NoticeLotCPV:            "CPV-code van perceel %s (%s) ontbreekt.",
	apperr.NoticeDocumentsURL:      "Internetadres van de aanbestedingsstukken ontbreekt.",
	apperr.NoticeDeadline:          "De uiterste inschrijfdatum is nog niet gepland.",
	apperr.NoticeNotAwarded:        "De gunningsbeslissing is nog niet verzonden.",
	apperr.NoticeReviewID:          "OIN of KvK-nummer van de beroepsinstantie %s ontbreekt.",
	apperr.NoticeLotVendor:         "Perceel %s (%s) heeft nog geen gegunde leverancier.",
	apperr.NoticeVendorCity:        "Plaats van de winnende leverancier %s ontbreekt.",
	apperr.NoticeBuyerNUTS3:        "NUTS-3-code ontbreekt voor %s (%s is een NUTS-2-gebied).",
	apperr.PostcodeFormat:          "Geef een postcode als 1011 AB.",
	apperr.NUTSFormat:              "Geef een Nederlandse NUTS-3-code als NL32B.",
	apperr.OINFormat:               "Een OIN heeft 20 cijfers.",
	apperr.PhoneFormat:             "Geef een telefoonnummer als +31 20 123 4567.",
	apperr.URLFormat:               "Geef een internetadres dat met https:// begint.",
	apperr.KvKTaken:                "Een andere leverancier heeft dit KvK-nummer al.",
	apperr.CountryFormat:           "Vul een landcode van twee letters in, zoals NL.",
	apperr.ProvinceCode:            "Kies een CBS-provinciecode van PV20 tot en met PV31.",
	apperr.MunicipalityCode:        "Een gemeentecode is GM met 4 cijfers (de CBS-code), zoals GM0363.",
	apperr.ReservedGM:              "Codes die met GM en een cijfer beginnen zijn voor gemeenten.",
	apperr.ReservedPV:              "Codes die met PV en een cijfer beginnen zijn voor provincies.",
	apperr.FreeCode:                "Gebruik 1 tot 32 letters, cijfers of streepjes, te beginnen met een letter of cijfer.",
	apperr.ProvinceSelf:            "Een provincie ligt in zichzelf: vul haar eigen code in.",
	apperr.PopulationDateRequired:  "Vul de peildatum van het inwonertal in.",
	apperr.MemberOfSelf:            "Een organisatie kan geen lid van zichzelf zijn.",
	apperr.NotCooperation:          "%[1]s is geen samenwerkingsverband.",
	apperr.NoPopulation:            "Van %s is het inwonertal niet bekend: uitgaven per inwoner en de vergelijking met organisaties van dezelfde grootteklasse hebben het nodig.",
	apperr.VendorOwnParent:         "Een leverancier kan niet onder zichzelf vallen.",
	apperr.VendorGroupCycle:        "Die leverancier valt zelf onder deze: een groep kan zichzelf niet bezitten.",
	apperr.ContractNumber:          "Vul een contractnummer in: 1 tot 64 letters, cijfers, spaties of . _ / -.",
	apperr.NumberTaken:             "Deze organisatie heeft al een contract met dit nummer.",
	apperr.RenewalIndefinitePeriod: "Een contract dat daarna voor onbepaalde tijd doorloopt, heeft geen verlengingsperiode of maximum: opzegging beëindigt het.",
	apperr.RenewalNonePeriod:       "Een contract zonder verlenging heeft geen verlengingsperiode of maximum.",
	apperr.ExpressFinite:           "Geef bij een verlengingsoptie het aantal opties of een uiterste einddatum.",
	apperr.RenewalsExercised:       "Alleen bij een verlengingsoptie: 0 of meer.",
	apperr.RenewalsExceedOptions:   "Kan niet meer zijn dan het aantal opties (%s).",
	apperr.BeforeInitialEnd:        "Mag niet vóór het einde van de eerste looptijd (%s) liggen.",
	apperr.NoticeBothUnits:         "Geef de opzegtermijn in maanden óf in dagen, niet allebei.",
	apperr.NoticeLongerThanTerm:    "De opzegtermijn mag niet langer zijn dan de eerste looptijd.",
	apperr.NoticeLongerThanRenewal: "De opzegtermijn mag niet langer zijn dan de verlengingsperiode.",
	apperr.LicenceQuantity:         "Vul een positief aantal in, of ‘onbeperkt’.",
	apperr.LicenceAmountCap:        "Prijs maal aantal is te hoog: hooguit %s per periode.",
	apperr.DemandOwner:             "Deze waarde kan niet worden gewijzigd: de behoefte hoort bij %s.",
	apperr.ReplacesOther:           "Kies een contract van dezelfde organisatie.",
	apperr.IndexRate:               "Vul een indexering van −20 %% tot 50 %% in.",
	apperr.IndexYear:               "Het jaar moet tussen %d en %d liggen.",
	apperr.CalendarYear:            "Vul een kalenderjaar van %d tot en met %d in.",
	apperr.ForecastEnd:             "De prognose moet uiterlijk in %d eindigen: begin uiterlijk in %d.",
	apperr.LockInWeight:            "Elk gewicht ligt tussen 0 en 100.",
	apperr.LockInSum:               "De gewichten moeten samen 100 zijn, niet %s.",
	apperr.CompareOrganization:     "Kies de organisatie om te vergelijken.",
	apperr.BadCursor:               "Deze plek in de lijst bestaat niet (meer): begin opnieuw bij de eerste pagina.",
	apperr.PageTooDeep:             "Deze pagina ligt meer dan %s rijen ver: blader verder met Volgende.",
	apperr.TooManyValues:           "Kies hooguit %s waarden.",

	apperr.LeadRequired:             "Kies de penvoerder.",
	apperr.OrganizationCodeRequired: "Vul de code van een organisatie in, zoals GM0363.",
	apperr.JustificationRequired:    "Geef een schriftelijke motivering voor de gekozen procedure (Aw 2012 art. 1.4).",
	apperr.TooManyOptions:           "Hooguit %s opties.",
	apperr.FrameworkIndefinite:      "Een raamovereenkomst loopt hooguit %s maanden, tenzij objectief gerechtvaardigd (Aw 2012 art. 2.140): kies een vaste looptijd of leg de rechtvaardiging vast.",
	apperr.FrameworkTooLong:         "Een raamovereenkomst loopt inclusief opties hooguit %[1]s maanden, tenzij objectief gerechtvaardigd (Aw 2012 art. 2.140): kort de looptijd of de opties in, of leg de rechtvaardiging vast.",
	apperr.IndefiniteTotalPrice:     "Een overeenkomst voor onbepaalde tijd heeft geen totaalprijs: de raming is de maandwaarde × 48 (Aw 2012 art. 2.16). Zet ‘totaalprijs’ uit of kies een vaste looptijd.",
	apperr.IndefiniteOptions:        "Een overeenkomst voor onbepaalde tijd heeft geen opties: laat de opties leeg.",
	apperr.LightRegimeChosen:        "Het verlicht regime volgt uit de soort opdracht en de waarde en kan niet worden gekozen (Aw 2012 art. 2.38).",
	apperr.EuropeanOnlyIncomplete:   "Zolang de raming onvolledig is, mag alleen een Europese procedure worden gekozen (Aw 2012 art. 2.26).",
	apperr.EuropeanOnlyAbove:        "Op of boven de Europese drempel mag alleen een Europese procedure worden gekozen (Aw 2012 art. 2.26).",
	apperr.DeadlineNeedsPublication: "Vul ook de geplande publicatie in: de minimumtermijn loopt vanaf die datum.",
	apperr.DeadlineTooEarly:         "Deze sluitingstermijn is korter dan de minimumtermijn: kies %[1]s of later (Aw 2012 art. 2.71–2.74a).",
	apperr.DeadlineNotAfterPub:      "Onder het verlicht regime geldt geen minimumtermijn, maar de sluitingstermijn moet na de publicatie op %s liggen (Aw 2012 art. 2.38–2.39).",
	apperr.NoPublicationDate:        "Geen publicatiedatum binnen %s dagen geeft een start op %s: de kalender heeft te veel vrije dagen.",
	apperr.MandateSignedRequired:    "Vul dit in voor een getekend mandaat.",
	apperr.MandateScopeEmpty:        "Kies minstens één bevoegdheid die het mandaat verleent.",
	apperr.MandateSignedOnly:        "Alleen een getekend mandaat heeft een datum van ondertekening: laat de datum leeg of kies ‘getekend’.",
	apperr.DemandNotInTender:        "Deze behoefte hoort niet bij de organisatie en de categorie van de aanbesteding.",
	apperr.NotTenderLot:             "Dit perceel hoort niet bij deze aanbesteding.",
	apperr.NotTenderRequirement:     "Deze eis hoort niet bij de aanbesteding.",
	apperr.NotParticipant:           "Deze organisatie neemt niet deel aan de aanbesteding.",
	apperr.LotTwice:                 "Dit perceel staat er twee keer in.",
	apperr.RequirementTwice:         "Deze eis staat er twee keer in.",
	apperr.VolumeCap:                "Dit volume is tegen de prijs van het perceel te veel waard (hooguit %s per jaar): geef de jaarwaarde.",
	apperr.LotNeedsVendor:           "Kies de leverancier van dit perceel: er zijn deelnemers met volume in.",
	apperr.AwardRequired:            "Kies de leverancier per perceel en de datum van de gunningsbeslissing.",
	apperr.DecisionBeforeDeadline:   "De gunningsbeslissing kan pas na de sluiting van de inschrijvingstermijn (%s) worden verzonden.",
	apperr.PublishDeadlineTooEarly:  "Bij publicatie vandaag (%[2]s) is de sluitingstermijn van %[1]s korter dan de minimumtermijn: kies %[3]s of later als sluiting van de inschrijvingstermijn (Aw 2012 art. 2.71–2.74a).",
	apperr.HTTPSURL:                 "Geef een volledige https-link, zoals https://raad.gemeente.nl/besluit/123.",
	apperr.NoParticipants:           "Kies minstens één deelnemer.",
	apperr.MandateRowOrg:            "‘%s’ is geen deelnemer van deze aanbesteding (gezocht op code en naam).",
	apperr.MandateRowTwice:          "%s staat ook in rij %d.",
	apperr.BandAbove:                "Moet hoger zijn dan de grens voor enkelvoudig onderhands, of 0 voor tot de Europese drempel.",
	apperr.RegionWithCooperation:    "Een regio kan niet samen met groeperen per samenwerkingsverband.",
	apperr.ThresholdsEmpty:          "Geef minstens één periode met drempels.",
	apperr.ThresholdOverlap:         "Overlapt met de periode van %s tot en met %s.",
	apperr.ExceedsOpenPeriod:        "Mag niet langer zijn dan de termijn van de openbare procedure (%[1]s dagen).",
	apperr.BelowLegalMinimum:        "Minstens %[1]s dagen (%[2]s).",
	apperr.ImportOtherOrganization:  "Deze import is alleen voor %[2]s; deze rij is van %[1]s.",
	apperr.RowDiffers:               "‘%s’ wijkt af van rij %d van hetzelfde contract: laat de cel leeg of herhaal de waarde van die rij.",
	apperr.DuplicateRow:             "%s staat ook in rij %d.",
	apperr.RequiredChoice:           "Vul een van deze waarden in: %s.",
	apperr.NotAChoice:               "‘%s’ is geen van deze waarden: %s.",
	apperr.NotYesNo:                 "‘%s’ is geen ja of nee.",
	apperr.LineRequired:             "Vul dit in: de rij heeft gegevens van een licentieregel.",
	apperr.LineChoice:               "Vul dit in voor een licentieregel, met een van deze waarden: %s.",
	apperr.LineQuantity:             "Vul het aantal in voor een licentieregel: een heel getal van minstens 1, of onbeperkt.",
	apperr.LinePrice:                "Vul de prijs per eenheid in voor een licentieregel: 0 als de licentie niets kost.",
	apperr.VendorRequired:           "Vul de naam of het KvK-nummer van de leverancier in.",
	apperr.KvKCell:                  "‘%s’ is geen KvK-nummer van 8 cijfers. Een spreadsheet laat de voorloopnul van een getal weg: maak deze kolom op als tekst.",
	apperr.Formula:                  "‘%s’ lijkt een formule. Formules worden niet uitgerekend: vul de waarde zelf in.",
	apperr.NotADate:                 "‘%s’ is geen datum zoals 31-01-2026 of 2026-01-31.",
	apperr.ImplausibleDate:          "‘%s’ wordt gelezen als %s, en dat is geen aannemelijke datum voor een contract.",
	apperr.NotAWholeNumber:          "‘%s’ is geen heel getal.",
	apperr.NotAnAmount:              "‘%s’ is geen bedrag in euro’s zoals €\u00a01.234,56 of 1234,56.",
	apperr.AmountAmbiguous:          "‘%s’ is geen eenduidig bedrag: met drie cijfers na de komma kunnen duizendtallen of centen bedoeld zijn. Schrijf 1234,56 of 1.234,56.",
	apperr.AmountGrouping:           "‘%s’ is geen bedrag: duizendtallen staan in groepen van drie cijfers (1.234.567).",
	apperr.AmountCents:              "‘%s’ is geen bedrag: schrijf hooguit twee cijfers na de komma (hele centen).",
	apperr.WithStoredValues:         "Samen met de opgeslagen waarden van de kolommen die het bestand niet heeft: %s.",
	apperr.NoCategoryNamed:          "Er is geen categorie met de naam ‘%s’.",
	apperr.VendorNotRegistered:      "Leverancier ‘%s’ (KvK %s) staat niet in het register. Leveranciers zijn gedeeld: een beheerder of coördinator voegt hem eerst toe.",
	apperr.NewVendorNamedOtherwise:  "‘%[1]s’: rij %[2]d noemt de nieuwe leverancier met KvK-nummer %[3]s ‘%[4]s’.",
	apperr.VendorKvKDiffers:         "Leverancier ‘%s’ heeft in het register KvK-nummer %s, niet %s.",
	apperr.VendorsNamedNoKvK:        "Er zijn %s leveranciers met de naam ‘%s’, geen met KvK-nummer %s.",
	apperr.VendorsNamed:             "Er zijn %s leveranciers met de naam ‘%s’: vul het KvK-nummer in om te zeggen welke.",
	apperr.NoVendorKvK:              "Er is geen leverancier met KvK-nummer %s: vul ook de naam in om hem toe te voegen.",
	apperr.NoVendorNamed:            "Er is geen leverancier met de naam ‘%s’: vul het KvK-nummer in om hem toe te voegen, of voeg de leverancier eerst toe.",
	apperr.ProvinceMismatch:         "‘%s’ past niet bij provinciecode %s (%s).",
	apperr.NotAProvince:             "‘%s’ is geen Nederlandse provincie.",
	apperr.PopulationNeedsDate:      "Een inwonertal heeft een peildatum nodig (kolom population_date of peildatum).",
	apperr.KindHasMembers:           "%s heeft %s leden: haal die eerst weg voordat de soort verandert.",
	apperr.PasswordTooShort:         "Gebruik minstens %s tekens.",
	apperr.EmailFormat:              "Vul een e-mailadres in kleine letters in, zoals naam@gemeente.nl.",
	apperr.EmailTaken:               "Er is al een gebruiker met dit adres.",
	apperr.MemberNeedsOrganization:  "Een lid handelt voor één organisatie: vul de code in.",
	apperr.StaffHasNoOrganization:   "Beheerders en coördinatoren handelen voor alle organisaties: laat de organisatie leeg.",
	apperr.TokenNameRequired:        "Vul in waarvoor het token is.",

	apperr.TableNoHeader:       "Het bestand heeft geen rij met kolomnamen. Gebruik het sjabloon: de eerste rij noemt de kolommen.",
	apperr.TableMissingColumns: "Verplichte kolommen die niet in het bestand staan: %[2]s. Gebruik de kolomnamen van het sjabloon.",
	apperr.TableNoRows:         "Het bestand heeft geen rijen onder de kolomnamen.",
	apperr.SheetUnsupported:    "Dit soort bestand kan Samenkoop niet lezen. Gebruik een CSV-bestand (UTF-8 of Windows-1252, gescheiden door komma's of puntkomma's) of een Excel-werkmap (.xlsx).",
	apperr.SheetEmpty:          "Het bestand is leeg.",
	apperr.SheetTooLarge:       "Het bestand is groter dan %d MiB. Splits het in kleinere bestanden.",
	apperr.SheetXLS:            "Dit is een oude Excel-werkmap (Excel 97-2003, .xls). Sla het op als Excel-werkmap (.xlsx) of als CSV.",
	apperr.SheetUTF16:          "Dit is Unicode-tekst (UTF-16) van Excel. Sla het op als CSV UTF-8 of als Excel-werkmap (.xlsx).",
	apperr.SheetCSVLine:        "Regel %[1]d van het CSV-bestand kan niet worden gelezen: de aanhalingstekens kloppen niet. Sla het bestand opnieuw op als CSV vanuit de spreadsheet.",
	apperr.SheetBOMNotUTF8:     "Het bestand begint als UTF-8, maar byte %s op regel %d is geen UTF-8. Sla het opnieuw op als CSV UTF-8.",
	apperr.SheetEncoding:       "De tekenset van het bestand is onleesbaar: byte %s op regel %d is geen UTF-8 en geen Windows-1252. Sla het op als CSV UTF-8 of als Excel-werkmap (.xlsx).",
	apperr.SheetTooManyCells:   "Het blad heeft meer dan %s cellen. Splits het in kleinere bestanden.",
	apperr.SheetCellTooLong:    "Rij %d heeft een cel langer dan %s bytes.",
	apperr.SheetTooManyRows:    "Het blad heeft meer dan %s rijen. Splits het in kleinere bestanden.",
	apperr.SheetNotXLSX:        "Dit is geen leesbare Excel-werkmap (.xlsx). Open het in de spreadsheet en sla het opnieuw op.",
	apperr.SheetXLSXRow:        "Rij %d van de Excel-werkmap kan niet worden gelezen.",
	apperr.SheetTooManyParts:   "De Excel-werkmap bestaat uit meer dan %s delen; dat is geen gewone werkmap.",
	apperr.SheetUnpacked:       "De Excel-werkmap is uitgepakt groter dan %s. Splits het in kleinere bestanden.",
	apperr.SheetPartRatio:      "Deel %[1]s van de Excel-werkmap pakt uit tot %[2]s keer zijn grootte; dat is geen gewone werkmap.",
	apperr.SheetPartTooLarge:   "Deel %s van de Excel-werkmap is uitgepakt groter dan %s.",
}

// warnings is the Dutch text of every kind of warning whose text is a
// template; warningRenderers writes the others. Warnings are clauses
// without a final stop: the pages list them, the dossier writes them
// after a label.
var warnings = map[apperr.Code]string{
	apperr.WarnThresholdAssumed: "geen drempel bekend voor publicatie op %s; de laatst bekende drempel is gebruikt",
	apperr.WarnFrameworkTerm:    "raamovereenkomst van %s maanden inclusief opties: zonder vastgelegde objectieve rechtvaardiging maximaal %s maanden (Aw 2012 art. 2.140)",
	apperr.WarnLightDeadline: "de gekozen sluitingstermijn %s ligt %s dagen na de publicatie, korter dan de planningsaanname van %s dagen; " +
		"het verlicht regime kent geen wettelijke minimumtermijn (Aw 2012 art. 2.38–2.39), maar de termijn moet redelijk zijn voor de inschrijvers, " +
		"gelet op de aard van de opdracht (beginselen van proportionaliteit en transparantie)",
	apperr.WarnSplit: "categorie %s: %s aanbestedingen elk onder de drempel, samen %s ≥ drempel %s; " +
		"opsplitsen om de Europese procedure te ontlopen is verboden (Aw 2012 art. 2.15–2.19; Richtlijn 2014/24/EU art. 5(3))",
	apperr.WarnStartAfterNeeded: "met publicatie op %s start de overeenkomst op zijn vroegst %s, na de benodigde start %s",
	apperr.WarnPublicationPast: "voor de benodigde start %s had de aankondiging uiterlijk %s verzonden moeten worden (wettelijke minimumtermijnen); " +
		"die datum is voorbij",
	apperr.WarnNoPlanDates: "geen publicatiedatum en geen benodigde startdatum: er is nog geen planning",
	apperr.WarnNoTimeline:  "de planning kan niet worden gemaakt: %s",
	apperr.WarnDeadlineNotAfter: "de gekozen sluitingstermijn %s ligt niet na de publicatie op %s; het verlicht regime kent geen wettelijke minimumtermijn " +
		"(Aw 2012 art. 2.38–2.39), maar inschrijven kan pas na de aankondiging",
	apperr.WarnDeadlineTooShort: "de gekozen sluitingstermijn %s is korter dan de minimumtermijn: na publicatie op %s is %s de vroegste sluitingstermijn (%s)",
	apperr.WarnDeadlineRestricted: "de gekozen sluitingstermijn %s is korter dan de minimumtermijn: na publicatie op %s is %s de vroegste sluitingstermijn " +
		"(%s, na %s dagen voor verzoeken tot deelneming en %s dagen selectie)",

	// The alerts, as the dashboard and the calendar feed say them. A
	// deadline is the last day on which the act is still in time (DESIGN
	// §4), so the texts say "uiterlijk" (at the latest), never "vóór"
	// (before), which would be a day early.
	apperr.AlertNoticeMissed:     "Opzegtermijn gemist: verlengd tot %[2]s (uiterste opzegdatum was %[1]s)",
	apperr.AlertOverdueNotice:    "Begin nu: de actiedatum %s is verstreken; opzeggen uiterlijk %s",
	apperr.AlertOverdueOption:    "Begin nu: de actiedatum %s is verstreken; besluit over de verlengingsoptie uiterlijk %s",
	apperr.AlertNoticeAction:     "Actiedatum: start de besluitvorming over opzeggen (uiterlijk %s)",
	apperr.AlertNotice:           "Opzeggen uiterlijk %[1]s, anders verlengt het contract tot %[3]s",
	apperr.AlertNoticeIndefinite: "Opzeggen uiterlijk %s om te eindigen op %s; daarna loopt het contract voor onbepaalde tijd door (vroegste einde dan %s)",
	apperr.AlertOptionAction:     "Actiedatum: start de besluitvorming over de verlengingsoptie (besluit uiterlijk %s)",
	apperr.AlertOption:           "Optie verlengen: besluit uiterlijk %s; verlengd loopt het contract tot %s, anders eindigt het op %s",
	apperr.AlertExpiry:           "Verloopt op %s",
	apperr.AlertBeginNow:         "Begin nu: de actiedatum %s is verstreken",
}

// warningRenderers write the warnings whose Dutch depends on their
// arguments more than a template can say. (Set in init: a refusal renders
// its reasons through Message.)
var warningRenderers map[apperr.Code]func(args []any) string

func init() { warningRenderers = renderers() }

func renderers() map[apperr.Code]func(args []any) string {
	return map[apperr.Code]func(args []any) string{
		apperr.WarnProcedureRefused: func(args []any) string {
			return msgRefusal(args) + "; de bepaalde procedure geldt"
		},
		apperr.WarnProcedureUndecided: func(args []any) string {
			return msgRefusal(args) + "; er is nog geen procedure bepaald"
		},
		apperr.WarnWithoutValue: func(args []any) string {
			n, _ := msgArg(msgAt(args, 0)).(msgInt)
			names := strings.Join(msgStrings(msgAt(args, 1)), ", ")
			if more := int64(n) - int64(len(msgStrings(msgAt(args, 1)))); more > 0 {
				names += fmt.Sprintf(", en %d andere", more)
			}
			who := "1 deelnemer heeft"
			if n != 1 {
				who = fmt.Sprintf("%d deelnemers hebben", n)
			}
			return fmt.Sprintf("%s volume zonder waarde (%s): geef een jaarwaarde of een eenheidsprijs van het perceel. "+
				"Zonder waarde telt dat volume niet mee in de geraamde waarde en wegen hun beoordelingen van de eisen niet mee naast die van deelnemers met waarde",
				who, names)
		},
	}
}

// fieldHint keys a form's own instruction for one code on one field.
type fieldHint struct {
	code  apperr.Code
	field string // the field without indices: "licenceLines.unitPrice", "ratings"
}

// fieldHints are the forms' instructions that say more than the code's
// text because they know the field ("Kies een organisatie." rather than
// "Vul dit veld in."). A field not listed gets the code's text.
var fieldHints = map[fieldHint]string{
	{apperr.Required, "organization"}:                "Kies een organisatie.",
	{apperr.Required, "title"}:                       "Vul een titel in.",
	{apperr.NoOrganization, "organization"}:          "Er is geen organisatie met deze code.",
	{apperr.Required, "vendorId"}:                    "Kies een leverancier.",
	{apperr.Required, "categoryId"}:                  "Kies een categorie.",
	{apperr.Required, "start"}:                       "Vul de ingangsdatum in.",
	{apperr.Required, "licenceLines.product"}:        "Vul het product in.",
	{apperr.Required, "name"}:                        "Vul de naam in.",
	{apperr.Required, "text"}:                        "Vul de tekst van de eis in.",
	{apperr.Required, "desiredStart"}:                "Vul de gewenste startdatum in, als 01-07-2027.",
	{apperr.Negative, "noticeMonths"}:                "De opzegtermijn mag niet negatief zijn.",
	{apperr.Negative, "noticeDays"}:                  "De opzegtermijn mag niet negatief zijn.",
	{apperr.Negative, "unitPrice"}:                   "De prijs mag niet negatief zijn.",
	{apperr.Negative, "licenceLines.unitPrice"}:      "De prijs mag niet negatief zijn.",
	{apperr.Negative, "quantity"}:                    "Het aantal mag niet negatief zijn.",
	{apperr.Negative, "volumes.quantity"}:            "Vul 0 of meer in.",
	{apperr.Negative, "volumes.annual"}:              "De jaarwaarde mag niet negatief zijn.",
	{apperr.Negative, "annualBudget"}:                "Het budget mag niet negatief zijn.",
	{apperr.Positive, "termMonths"}:                  "Vul een looptijd van minstens 1 maand in.",
	{apperr.AtLeast, "termMonths"}:                   "Vul een looptijd van minstens %s maand in.",
	{apperr.AtLeast, "initialTermMonths"}:            "Vul een looptijd van minstens %s maand in: het einde kan niet vóór het begin liggen.",
	{apperr.AtMostMonths, "termMonths"}:              "Een looptijd is hooguit %s maanden.",
	{apperr.AtMostMonths, "initialTermMonths"}:       "Een looptijd is hooguit %s maanden.",
	{apperr.AtMostMonths, "noticeMonths"}:            "Een opzegtermijn is hooguit %s maanden.",
	{apperr.AtMostDays, "noticeDays"}:                "Een opzegtermijn is hooguit %s dagen.",
	{apperr.RangeMonths, "renewalPeriodMonths"}:      "Vul een verlengingsperiode van %[1]s tot %[2]s maanden in.",
	{apperr.RangeMonths, "options.months"}:           "Een optie duurt %[1]s tot %[2]s maanden.",
	{apperr.RangeMonths, "window"}:                   "Vul een venster van %[1]s tot %[2]s maanden in.",
	{apperr.OneOf, "status"}:                         "Kies een status.",
	{apperr.OneOf, "licenceLines.metric"}:            "Kies een licentiemaat.",
	{apperr.OneOf, "licenceLines.pricePeriod"}:       "Kies een prijsperiode.",
	{apperr.OneOf, "renewalKind"}:                    "Kies een soort verlenging.",
	{apperr.OneOf, "mandate.status"}:                 "Kies de status van het mandaat.",
	{apperr.OneOf, "mandate.body"}:                   "Kies een orgaan uit de lijst.",
	{apperr.OneOf, "ratings"}:                        "Kies moet, zou moeten, kan of niet nu.",
	{apperr.OneOf, "grouping"}:                       "Kies een groepering uit de lijst.",
	{apperr.Unknown, "procedure"}:                    "Kies een procedure uit de lijst.",
	{apperr.Unknown, "status"}:                       "Kies een status.",
	{apperr.NotAnID, "category"}:                     "Kies een categorie uit de lijst.",
	{apperr.NoCategory, "category"}:                  "Kies een categorie uit de lijst.",
	{apperr.MandateSignedRequired, "mandate.signed"}: "Vul de datum in waarop het mandaat is getekend.",
	{apperr.MandateSignedRequired, "mandate.body"}:   "Kies het orgaan dat het mandaat verleende.",
	{apperr.NotInFuture, "mandate.signed"}:           "De datum van ondertekening kan niet in de toekomst liggen.",
	{apperr.BeforeStart, "licenceLines.end"}:         "Het einde mag niet vóór het begin liggen.",
}

// Message returns the Dutch text of code with its arguments. A code
// without a Dutch text (none, the tests check) gets a general hint rather
// than English.
func Message(code apperr.Code, args ...any) string {
	if r, ok := warningRenderers[code]; ok {
		return r(args)
	}
	if r, ok := basisRenderers[code]; ok {
		return r(args)
	}
	tmpl, ok := messages[code]
	if !ok {
		tmpl, ok = warnings[code]
	}
	if !ok {
		tmpl, ok = bases[code]
	}
	if !ok {
		return "Controleer deze waarde."
	}
	return render(tmpl, args)
}

// FieldMessage returns the Dutch text of e for a form: the field's own
// instruction when there is one, otherwise the text of e's code.
func FieldMessage(e apperr.FieldError) string {
	if tmpl, ok := fieldHints[fieldHint{e.Code, hintField(e.Field)}]; ok {
		return render(tmpl, e.Args)
	}
	return Message(e.Code, e.Args...)
}

// ErrorMessage returns the Dutch text of the code err carries
// (apperr.WithCode), or fallback when it carries none.
func ErrorMessage(err error, fallback string) string {
	if code, args, ok := apperr.CodeOf(err); ok {
		return Message(code, args...)
	}
	return fallback
}

// Warning returns the Dutch text of w.
func Warning(w apperr.Warning) string { return Message(w.Kind, w.Args...) }

// indexPart matches the indices of a field name: "[2]" and ".12".
var indexPart = regexp.MustCompile(`\[\d+\]|\.\d+`)

// hintField is field without its indices: "licenceLines[0].unitPrice" →
// "licenceLines.unitPrice", "ratings.12" → "ratings".
func hintField(field string) string { return indexPart.ReplaceAllString(field, "") }

// msgRefusal is the head of a refused procedure: "de gekozen openbare
// procedure is niet toegestaan: <why>".
func msgRefusal(args []any) string {
	p, _ := msgAt(args, 0).(string)
	return fmt.Sprintf("de gekozen %s is niet toegestaan: %s", msgProcedure(p), msgArg(msgAt(args, 1)))
}

// msgProcedure is the Dutch name of a procedure code, as procurement
// documents use it. (To be replaced by the package's labels.)
func msgProcedure(code string) string {
	switch code {
	case "open":
		return "openbare procedure"
	case "restricted":
		return "niet-openbare procedure"
	case "competitive_negotiation":
		return "mededingingsprocedure met onderhandeling"
	case "competitive_dialogue":
		return "concurrentiegerichte dialoog"
	case "multiple_private":
		return "meervoudig onderhandse procedure"
	case "single_source":
		return "enkelvoudig onderhandse procedure"
	case "light_regime":
		return "verlicht regime voor sociale en andere specifieke diensten"
	}
	return fmt.Sprintf("procedure %q", code)
}
