package exports_test

import (
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/procurement"
)

// dossierToday is the fixed day the fixture's plan is computed for.
var dossierToday = date(2026, 11, 22)

// dossierGenerated is when the fixture's exports are made.
var dossierGenerated = time.Date(2026, 11, 22, 14, 30, 0, 0, contracts.Amsterdam)

// mandate returns a signed mandate of the college, or a requested one when
// signed is zero.
func mandate(signed contracts.Date, ref string) procurement.Mandate {
	m := procurement.Mandate{Status: procurement.MandateRequested, Requested: date(2026, 9, 1), Reference: ref}
	if !signed.IsZero() {
		m.Status, m.Signed, m.Body = procurement.MandateSigned, signed, procurement.BodyCollege
		m.Scope = procurement.MandateScope{Documents: true, Award: true, Litigation: true}
	}
	return m
}

func volumes(q1 int64, a1 contracts.Money, q2 int64, a2 contracts.Money, q3 int64, a3 contracts.Money) []procurement.LotVolume {
	return []procurement.LotVolume{{LotID: 11, Quantity: q1, Annual: a1}, {LotID: 12, Quantity: q2, Annual: a2}, {LotID: 13, Quantity: q3, Annual: a3}}
}

// currentContract is a participant's current telephony contract.
func currentContract(org, name, number, vendor string, start contracts.Date, months int, renewal contracts.RenewalKind, periods, max int) contracts.ContractSummary {
	c := contracts.Contract{ID: int64(len(number)), Organization: org, Number: number, Title: "Telefonie en data", VendorID: 7,
		CategoryID: 3, Start: start, InitialTermMonths: months, RenewalKind: renewal, RenewalPeriodMonths: periods,
		MaxRenewals: max, NoticeMonths: 3, AnnualValue: 50_000_00, Status: contracts.StatusActive}
	return contracts.ContractSummary{Contract: c, Dates: c.Dates(dossierToday), OrganizationName: name, VendorName: vendor}
}

// dossierView is the fixed small tender of the dossier and OCDS goldens,
// built by hand: three lots, five participants including
// 's-Hertogenbosch (GM0796) and Súdwest-Fryslân (GM1900), one mandate
// still unsigned (Schiermonnikoog), a must/won't conflict between large
// and small municipalities, a participant whose contract ends before the
// planned start (a gap), and an annual value of exactly € 1.234,56.
// Texts start with = + - @ to check that the workbook keeps them text.
func dossierView() procurement.TenderView {
	t := procurement.Tender{
		ID: 42, Title: "Vaste & mobiele telefonie en data 2027", CategoryID: 3, CPV: "64210000-1",
		Description: "Gezamenlijke aanbesteding van telefonie en datacommunicatie voor gemeenten in Brabant en Fryslân <gebundeld>.",
		Lead:        "GM0796", Kind: procurement.KindServices, Framework: true, TermMonths: 24,
		Options: []procurement.Option{{Months: 12}, {Months: 12}}, Electronic: true, DocumentsOnline: true,
		NeededStart: date(2027, 7, 1), Status: procurement.TenderMandating,
		LeadName: "'s-Hertogenbosch", CategoryName: "Telefonie en datacommunicatie",
	}
	lots := []procurement.Lot{
		{ID: 11, TenderID: 42, Number: 1, Title: "Vaste telefonie", CPV: "64211000-8", Unit: "aansluitingen", UnitPrice: 75_00},
		{ID: 12, TenderID: 42, Number: 2, Title: "Mobiele communicatie", CPV: "64212000-5", Unit: "simkaarten", UnitPrice: 60_00},
		{ID: 13, TenderID: 42, Number: 3, Title: "Data en internet", CPV: "72400000-4", Unit: "locaties", UnitPrice: 1_500_00},
	}
	participants := []procurement.Participant{
		{TenderID: 42, Organization: "GM0088", Joined: date(2026, 9, 1), Name: "Schiermonnikoog", Kind: contracts.KindMunicipality, Province: "PV21", Population: 947,
			Volumes: volumes(8, 600_00, 25, 1_500_00, 2, 3_000_00), Mandate: mandate(contracts.Date{}, "")},
		{TenderID: 42, Organization: "GM0796", Joined: date(2026, 9, 1), Name: "'s-Hertogenbosch", Kind: contracts.KindMunicipality, Province: "PV30", Population: 160_783,
			Volumes: volumes(1_200, 90_000_00, 2_500, 150_000_00, 40, 60_000_00), Mandate: mandate(date(2026, 10, 5), "@BW 2026/1187")},
		{TenderID: 42, Organization: "GM1721", Joined: date(2026, 9, 2), Name: "Bernheze", Kind: contracts.KindMunicipality, Province: "PV30", Population: 32_761,
			Volumes: volumes(140, 10_500_00, 300, 18_000_00, 6, 9_000_00), Mandate: mandate(date(2026, 10, 12), "Z/26/112")},
		{TenderID: 42, Organization: "GM1900", Joined: date(2026, 9, 3), Name: "Súdwest-Fryslân", Kind: contracts.KindMunicipality, Province: "PV21", Population: 92_383,
			Volumes: volumes(20, 1_234_56, 800, 48_000_00, 12, 20_000_00), Mandate: mandate(date(2026, 10, 20), "-2026-0412")},
		{TenderID: 42, Organization: "GM1970", Joined: date(2026, 9, 3), Name: "Noardeast-Fryslân", Kind: contracts.KindMunicipality, Province: "PV21", Population: 45_543,
			Volumes: volumes(300, 22_500_00, 600, 36_000_00, 9, 13_500_00), Mandate: mandate(date(2026, 10, 28), "=HYPERLINK(\"x\")")},
	}
	rate := func(m map[string]procurement.Rating) map[string]procurement.Rating { return m }
	const must, should, could, wont = procurement.Must, procurement.Should, procurement.Could, procurement.Wont
	requirements := []procurement.Requirement{
		{ID: 101, TenderID: 42, Number: 1, Kind: procurement.KnockOut, Text: "Nummerbehoud van alle bestaande vaste en mobiele nummers.",
			Ratings: rate(map[string]procurement.Rating{"GM0088": must, "GM0796": must, "GM1721": must, "GM1900": must, "GM1970": must})},
		{ID: 102, TenderID: 42, Number: 2, Kind: procurement.AwardCriterion, Text: "Vast-mobielintegratie met het telefonieplatform van de gemeente, inclusief koppeling met het klantcontactsysteem.",
			Ratings: rate(map[string]procurement.Rating{"GM0088": wont, "GM0796": must, "GM1721": wont, "GM1900": must, "GM1970": should})},
		{ID: 103, TenderID: 42, Number: 3, Kind: procurement.AwardCriterion, Text: "+31-nummers blijven bereikbaar vanuit het buitenland.",
			Ratings: rate(map[string]procurement.Rating{"GM0088": could, "GM0796": should, "GM1721": could, "GM1900": should, "GM1970": could})},
		{ID: 104, TenderID: 42, Number: 4, Kind: procurement.AwardCriterion, Text: "=Eén factuur per deelnemer per maand",
			Ratings: map[string]procurement.Rating{}},
	}
	current := map[string]contracts.ContractSummary{
		// Ends the day before the planned start.
		"GM0796": currentContract("GM0796", "'s-Hertogenbosch", "DB-2022-014", "KPN B.V.", date(2022, 7, 1), 60, contracts.RenewalNone, 0, 0),
		// Ends half a year early without renewal: a gap.
		"GM1900": currentContract("GM1900", "Súdwest-Fryslân", "SWF 2021-17", "Vodafone Libertel B.V.", date(2022, 1, 1), 60, contracts.RenewalNone, 0, 0),
		// Ends early but renews tacitly: the gap is bridged.
		"GM1721": currentContract("GM1721", "Bernheze", "BH/2024/3", "Odido Netherlands B.V.", date(2024, 4, 1), 36, contracts.RenewalTacit, 12, 2),
		// Runs past the planned start: an overlap.
		"GM1970": currentContract("GM1970", "Noardeast-Fryslân", "NEF-0031", "KPN B.V.", date(2023, 2, 1), 60, contracts.RenewalNone, 0, 0),
	}
	lead := contracts.Organization{Code: "GM0796", Name: "'s-Hertogenbosch", Kind: contracts.KindMunicipality, Province: "PV30", Population: 160_783}
	v := procurement.TenderView{Tender: t, Lots: lots, Participants: participants, Requirements: requirements,
		Current: current, Lead: lead, Today: dossierToday}
	v.Plan = plan(v)
	return v
}

// contractedView is the fixture after the award and the call-offs, seen
// on 20 May 2027: published on 15 January, the award decision sent on 30
// March, every mandate signed, lots 1 and 3 with KPN, lot 2 with Vodafone, and one
// call-off contract per participant and lot.
func contractedView() procurement.TenderView {
	v := dossierView()
	v.Today = date(2027, 5, 20)
	v.Tender.Status = procurement.TenderContracted
	v.Tender.Publication = date(2027, 1, 15)
	v.Tender.AwardDecision = date(2027, 3, 30)
	v.Participants[0].Mandate = mandate(date(2026, 11, 30), "")
	vendors := []struct {
		id   int64
		name string
	}{{3, "KPN B.V."}, {5, "Vodafone Libertel B.V."}, {3, "KPN B.V."}}
	for i := range v.Lots {
		v.Lots[i].VendorID, v.Lots[i].VendorName = vendors[i].id, vendors[i].name
	}
	id := int64(900)
	for _, p := range v.Participants {
		for _, l := range v.Lots {
			id++
			v.CallOffs = append(v.CallOffs, procurement.CallOff{TenderID: 42, LotID: l.ID, Organization: p.Organization,
				ContractID: id, ContractNumber: "SK-42-" + p.Organization + "-" + string(rune('0'+l.Number))})
		}
	}
	v.Plan = plan(v)
	return v
}

// plan computes the view's plan as the service does, for the fixed day.
func plan(v procurement.TenderView) procurement.Plan {
	return procurement.ComputePlan(procurement.PlanInput{
		Tender: v.Tender, Lots: v.Lots, Participants: v.Participants, Requirements: v.Requirements,
		Current: v.Current, Bands: procurement.DefaultPolicyBands(), Today: v.Today, Rules: procurement.DefaultRules(),
	})
}

func fixtureDossier(v procurement.TenderView) exports.Dossier {
	return exports.NewDossier(v, dossierGenerated, exports.DossierOptions{
		OCIDPrefix: "ocds-t3st42", Publisher: "Coöperatie Samenkoop", BaseURL: "https://samenkoop.example.nl/",
	})
}
