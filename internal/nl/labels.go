package nl

import (
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/procurement"
)

// Every value of the domain's enums has exactly one Dutch label, in lower
// case as it reads inside a sentence ("de status is gegund"); a heading,
// a button or a table cell that starts with one capitalizes it
// (Capitalize). An unknown value, which a validator refuses on input but
// an old row may still hold, is shown as its code.

// label looks v up in labels, falling back to its code.
func label[T ~string](labels map[T]string, v T) string {
	if l, ok := labels[v]; ok {
		return l
	}
	return string(v)
}

var orgKindLabels = map[contracts.OrgKind]string{
	contracts.KindMunicipality:     "gemeente",
	contracts.KindProvince:         "provincie",
	contracts.KindWaterBoard:       "waterschap",
	contracts.KindJointArrangement: "gemeenschappelijke regeling",
	contracts.KindCooperation:      "samenwerkingsverband",
	contracts.KindOther:            "overig",
}

// OrgKind names a kind of organization: gemeente.
func OrgKind(k contracts.OrgKind) string { return label(orgKindLabels, k) }

// orgKindNouns are the nouns for counting organizations of a kind.
var orgKindNouns = map[contracts.OrgKind][2]string{
	contracts.KindMunicipality:     {"gemeente", "gemeenten"},
	contracts.KindProvince:         {"provincie", "provincies"},
	contracts.KindWaterBoard:       {"waterschap", "waterschappen"},
	contracts.KindJointArrangement: {"gemeenschappelijke regeling", "gemeenschappelijke regelingen"},
	contracts.KindCooperation:      {"samenwerkingsverband", "samenwerkingsverbanden"},
	contracts.KindOther:            {"overige organisatie", "overige organisaties"},
}

// OrgKindNoun is the noun for n organizations of kind k: "1 gemeente",
// "39 gemeenten" (without the number).
func OrgKindNoun(k contracts.OrgKind, n int) string {
	nouns, ok := orgKindNouns[k]
	if !ok {
		nouns = orgKindNouns[contracts.KindOther]
	}
	return Plural(n, nouns[0], nouns[1])
}

var sizeClassLabels = map[contracts.SizeClass]string{
	contracts.SizeUnknown: "onbekend",
	contracts.SizeSmall:   "minder dan 20.000 inwoners",
	contracts.SizeMedium:  "20.000 tot 50.000 inwoners",
	contracts.SizeLarge:   "50.000 tot 100.000 inwoners",
	contracts.SizeXLarge:  "100.000 inwoners of meer",
}

// SizeClass names a size class by its population: "20.000 tot 50.000
// inwoners"; an organization without a population is "onbekend".
func SizeClass(s contracts.SizeClass) string { return label(sizeClassLabels, s) }

var contractStatusLabels = map[contracts.ContractStatus]string{
	contracts.StatusDraft:      "concept",
	contracts.StatusActive:     "actief",
	contracts.StatusTerminated: "beëindigd",
}

// ContractStatus names a contract status: actief.
func ContractStatus(s contracts.ContractStatus) string { return label(contractStatusLabels, s) }

var renewalKindLabels = map[contracts.RenewalKind]string{
	contracts.RenewalNone:       "geen verlenging",
	contracts.RenewalTacit:      "stilzwijgende verlenging",
	contracts.RenewalExpress:    "verlengingsoptie",
	contracts.RenewalIndefinite: "daarna voor onbepaalde tijd",
}

// RenewalKind names how a contract is extended: stilzwijgende verlenging.
func RenewalKind(k contracts.RenewalKind) string { return label(renewalKindLabels, k) }

var metricLabels = map[contracts.Metric]string{
	contracts.MetricNamedUser:     "benoemde gebruiker",
	contracts.MetricConcurrent:    "gelijktijdige gebruiker",
	contracts.MetricDevice:        "apparaat",
	contracts.MetricPerInhabitant: "per inwoner",
	contracts.MetricEnterprise:    "organisatiebreed",
}

// Metric names what a licence counts: benoemde gebruiker.
func Metric(m contracts.Metric) string { return label(metricLabels, m) }

var pricePeriodLabels = map[contracts.PricePeriod]string{
	contracts.PerMonth: "per maand",
	contracts.PerYear:  "per jaar",
	contracts.Once:     "eenmalig",
}

// PricePeriod says what a unit price pays for: per maand.
func PricePeriod(p contracts.PricePeriod) string { return label(pricePeriodLabels, p) }

var alertKindLabels = map[contracts.AlertKind]string{
	contracts.AlertAction: "actiedatum",
	contracts.AlertNotice: "uiterste opzegdatum",
	contracts.AlertOption: "besluit verlengingsoptie",
	contracts.AlertExpiry: "contract verloopt",
}

// AlertKind names what an alert is about, as a badge and a calendar
// event's title say it: uiterste opzegdatum.
func AlertKind(k contracts.AlertKind) string { return label(alertKindLabels, k) }

var contractSortLabels = map[contracts.ContractSort]string{
	contracts.SortNotice: "opzegdatum (eerstvolgende eerst)",
	contracts.SortEnd:    "huidig einde (eerstvolgende eerst)",
	contracts.SortNumber: "organisatie en contractnummer",
	contracts.SortValue:  "jaarwaarde (hoogste eerst)",
	contracts.SortTitle:  "omschrijving",
}

// ContractSort names an order of the contract list.
func ContractSort(s contracts.ContractSort) string { return label(contractSortLabels, s) }

var hhiBandLabels = map[contracts.HHIBand]string{
	contracts.Unconcentrated:         "niet geconcentreerd",
	contracts.ModeratelyConcentrated: "matig geconcentreerd",
	contracts.Concentrated:           "geconcentreerd",
	"":                               "geen uitgaven",
}

// HHIBand names an HHI band (DESIGN §4); a concentration without spend
// has none: "geen uitgaven".
func HHIBand(b contracts.HHIBand) string { return label(hhiBandLabels, b) }

var dayOffLabels = map[contracts.DayOff]string{
	contracts.OffNone:          "werkdag",
	contracts.OffSaturday:      "zaterdag",
	contracts.OffSunday:        "zondag",
	contracts.OffNewYear:       "Nieuwjaarsdag",
	contracts.OffGoodFriday:    "Goede Vrijdag",
	contracts.OffEasterMonday:  "Tweede Paasdag",
	contracts.OffKingsDay:      "Koningsdag",
	contracts.OffLiberationDay: "Bevrijdingsdag",
	contracts.OffAscension:     "Hemelvaartsdag",
	contracts.OffWhitMonday:    "Tweede Pinksterdag",
	contracts.OffChristmas:     "Eerste Kerstdag",
	contracts.OffBoxingDay:     "Tweede Kerstdag",
	contracts.OffByDecree:      "bij besluit gelijkgestelde dag, Algemene termijnenwet art. 3 lid 3",
}

// DayOff names why a day is or is not a working day under the Algemene
// termijnenwet: a holiday by its name (Koningsdag, capitalized as names
// are), the weekend by its day.
func DayOff(k contracts.DayOff) string { return label(dayOffLabels, k) }

// Holiday names a recognized holiday or a day made equal to one, and is
// empty for a working day and the weekend, which have no name beyond
// their weekday.
func Holiday(k contracts.DayOff) string {
	switch k {
	case contracts.OffNone, contracts.OffSaturday, contracts.OffSunday:
		return ""
	}
	return DayOff(k)
}

// spendGroupings name the rows of a spend report: one and many.
var spendGroupings = map[contracts.SpendGroupBy][2]string{
	contracts.ByVendorGroup:  {"leveranciersgroep", "leveranciersgroepen"},
	contracts.ByVendor:       {"leverancier", "leveranciers"},
	contracts.ByCategory:     {"categorie", "categorieën"},
	contracts.ByOrganization: {"organisatie", "organisaties"},
}

// SpendGroupBy names what the rows of a spend report are: leverancier.
func SpendGroupBy(g contracts.SpendGroupBy) string {
	if l, ok := spendGroupings[g]; ok {
		return l[0]
	}
	return string(g)
}

// SpendGroupByPlural names the rows of a spend report together:
// leveranciers.
func SpendGroupByPlural(g contracts.SpendGroupBy) string {
	if l, ok := spendGroupings[g]; ok {
		return l[1]
	}
	return string(g)
}

var tenderStatusLabels = map[procurement.TenderStatus]string{
	procurement.TenderDraft:      "concept",
	procurement.TenderCollecting: "deelnemers verzamelen",
	procurement.TenderMandating:  "mandaten verzamelen",
	procurement.TenderPublished:  "gepubliceerd",
	procurement.TenderEvaluating: "beoordeling",
	procurement.TenderAwarded:    "gegund",
	procurement.TenderContracted: "gecontracteerd",
	procurement.TenderClosed:     "afgesloten",
	procurement.TenderCancelled:  "geannuleerd",
}

// TenderStatus names a tender's state in its lifecycle: gepubliceerd.
func TenderStatus(s procurement.TenderStatus) string { return label(tenderStatusLabels, s) }

var tenderActionLabels = map[procurement.TenderStatus]string{
	procurement.TenderCollecting: "deelnemers gaan verzamelen",
	procurement.TenderMandating:  "mandaten gaan verzamelen",
	procurement.TenderPublished:  "publiceren",
	procurement.TenderEvaluating: "beoordeling starten",
	procurement.TenderAwarded:    "gunnen",
	procurement.TenderContracted: "contracteren: nadere overeenkomsten aanmaken",
	procurement.TenderClosed:     "afsluiten",
	procurement.TenderCancelled:  "annuleren",
}

// TenderAction is what the step to state s does, as a button says it:
// publiceren. The draft state is never stepped to: it is named.
func TenderAction(s procurement.TenderStatus) string {
	if l, ok := tenderActionLabels[s]; ok {
		return l
	}
	return TenderStatus(s)
}

var contractKindLabels = map[procurement.ContractKind]string{
	procurement.KindSupplies: "leveringen",
	procurement.KindServices: "diensten",
	procurement.KindWorks:    "werken",
	procurement.KindSocial:   "sociale en andere specifieke diensten",
}

// ContractKind names a kind of public contract as the Aanbestedingswet
// does: leveringen.
func ContractKind(k procurement.ContractKind) string { return label(contractKindLabels, k) }

var gapKindLabels = map[procurement.GapKind]string{
	procurement.GapNone:    "geen lopend contract",
	procurement.GapFits:    "sluit aan",
	procurement.GapOverlap: "overlap",
	procurement.GapOpen:    "gat",
	procurement.GapUnknown: "nog niet te vergelijken",
}

// GapKind says in a few words how a current contract meets the planned
// start: sluit aan.
func GapKind(k procurement.GapKind) string { return label(gapKindLabels, k) }

var procedureLabels = map[procurement.Procedure]string{
	procurement.ProcedureOpen:                   "openbare procedure",
	procurement.ProcedureRestricted:             "niet-openbare procedure",
	procurement.ProcedureCompetitiveNegotiation: "mededingingsprocedure met onderhandeling",
	procurement.ProcedureCompetitiveDialogue:    "concurrentiegerichte dialoog",
	procurement.ProcedureMultiplePrivate:        "meervoudig onderhandse procedure",
	procurement.ProcedureSingleSource:           "enkelvoudig onderhandse procedure",
	procurement.ProcedureLight:                  "verlicht regime voor sociale en andere specifieke diensten",
}

// Procedure names a procurement procedure as procurement documents do:
// niet-openbare procedure.
func Procedure(p procurement.Procedure) string { return label(procedureLabels, p) }

var urgencyLabels = map[procurement.Urgency]string{
	procurement.UrgencyLate:  "te laat voor de vroegste start",
	procurement.UrgencyNow:   "voorbereiding binnen 3 maanden starten",
	procurement.UrgencySoon:  "voorbereiding binnen een halfjaar starten",
	procurement.UrgencyLater: "later",
}

// Urgency says how soon a suggested tender's preparation must start.
func Urgency(u procurement.Urgency) string { return label(urgencyLabels, u) }

var demandStatusLabels = map[procurement.DemandStatus]string{
	procurement.DemandDraft:     "concept",
	procurement.DemandSubmitted: "ingediend",
	procurement.DemandWithdrawn: "ingetrokken",
}

// DemandStatus names where registered demand stands: ingediend.
func DemandStatus(s procurement.DemandStatus) string { return label(demandStatusLabels, s) }

var mandateStatusLabels = map[procurement.MandateStatus]string{
	procurement.MandateRequested: "aangevraagd",
	procurement.MandateSigned:    "getekend",
	procurement.MandateRevoked:   "ingetrokken",
}

// MandateStatus names where a mandate stands: getekend.
func MandateStatus(s procurement.MandateStatus) string { return label(mandateStatusLabels, s) }

var decidingBodyLabels = map[procurement.DecidingBody]string{
	procurement.BodyCollege:        "college van B&W",
	procurement.BodyCouncil:        "gemeenteraad",
	procurement.BodyExecutiveBoard: "dagelijks bestuur",
	procurement.BodyGeneralBoard:   "algemeen bestuur",
	procurement.BodyDirector:       "directie",
}

// DecidingBody names the body that granted a mandate.
func DecidingBody(b procurement.DecidingBody) string { return label(decidingBodyLabels, b) }

var requirementKindLabels = map[procurement.RequirementKind]string{
	procurement.KnockOut:       "knock-out-eis",
	procurement.AwardCriterion: "gunningscriterium",
}

// RequirementKind names how a requirement weighs: knock-out-eis.
func RequirementKind(k procurement.RequirementKind) string { return label(requirementKindLabels, k) }

var ratingLabels = map[procurement.Rating]string{
	procurement.Must:   "moet",
	procurement.Should: "zou moeten",
	procurement.Could:  "kan",
	procurement.Wont:   "niet nu",
}

// Rating names a MoSCoW rating in Dutch: moet, zou moeten, kan, niet
// nu. RatingLegend explains the letters and the English names once.
func Rating(r procurement.Rating) string { return label(ratingLabels, r) }

// RatingLegend explains the MoSCoW ratings once, for a page or document
// that shows them: each letter with its Dutch and English name.
func RatingLegend() string {
	return "MoSCoW: M = moet (must have), S = zou moeten (should have), C = kan (could have), W = niet nu (won't have)"
}

var ratingLetters = map[procurement.Rating]string{
	procurement.Must: "M", procurement.Should: "S", procurement.Could: "C", procurement.Wont: "W",
}

// RatingLetter is a rating's MoSCoW letter, for the cells of a rating
// matrix: M, S, C or W; no rating is empty.
func RatingLetter(r procurement.Rating) string { return ratingLetters[r] }

var groupingLabels = map[procurement.Grouping]string{
	procurement.GroupNone:        "alle organisaties samen",
	procurement.GroupRegion:      "per regio",
	procurement.GroupCooperation: "per samenwerkingsverband",
}

// Grouping names how the bundler groups candidates: per regio.
func Grouping(g procurement.Grouping) string { return label(groupingLabels, g) }

var needSourceLabels = map[procurement.NeedSource]string{
	procurement.NeedContract: "contract",
	procurement.NeedDemand:   "behoefte",
}

// NeedSource names where a candidate's needed start comes from: behoefte.
func NeedSource(s procurement.NeedSource) string { return label(needSourceLabels, s) }

var lotBasisLabels = map[procurement.LotBasis]string{
	procurement.LotSingle:  "in één perceel",
	procurement.LotService: "naar dienst (CPV-groep)",
	procurement.LotRegion:  "per provincie",
}

// LotBasis says how a suggestion's lots are divided: naar dienst
// (CPV-groep).
func LotBasis(b procurement.LotBasis) string { return label(lotBasisLabels, b) }

var milestoneLabels = map[string]string{
	procurement.MilestonePreparationStart:       "start voorbereiding (behoefte en mandaten)",
	procurement.MilestonePublication:            "verzending aankondiging opdracht",
	procurement.MilestoneSelectionClarification: "laatste nota van inlichtingen selectiefase",
	procurement.MilestoneRequestDeadline:        "sluitingstermijn verzoeken tot deelneming",
	procurement.MilestoneInvitation:             "uitnodiging tot inschrijving",
	procurement.MilestoneClarification:          "laatste nota van inlichtingen",
	procurement.MilestoneTenderDeadline:         "sluitingstermijn inschrijving",
	procurement.MilestoneAwardDecision:          "verzending gunningsbeslissing",
	procurement.MilestoneStandstillEnd:          "laatste dag opschortende termijn",
	procurement.MilestoneContractSignature:      "ondertekening overeenkomst",
	procurement.MilestoneStart:                  "start overeenkomst",
	procurement.MilestoneAwardNotice:            "aankondiging gegunde opdracht",
}

// Milestone names a step of a tender's timeline by its key
// (procurement.MilestoneTenderDeadline…): sluitingstermijn inschrijving.
func Milestone(key string) string {
	if l, ok := milestoneLabels[key]; ok {
		return l
	}
	return key
}

var roleLabels = map[auth.Role]string{
	auth.RoleAdmin:       "beheerder",
	auth.RoleCoordinator: "coördinator (inkoper samenwerkingsverband)",
	auth.RoleMember:      "deelnemer (inkoper van de eigen organisatie)",
	auth.RoleFinance:     "financiën",
	auth.RoleManagement:  "management (alleen lezen)",
}

// Role names what a user may do: beheerder.
func Role(r auth.Role) string { return label(roleLabels, r) }

// auditActions name what an audit entry records (internal/audit's
// Action… constants).
var auditActions = map[string]string{
	"create": "aangemaakt",
	"update": "gewijzigd",
	"delete": "verwijderd",
	"import": "geïmporteerd",
}

// AuditAction names what an audit entry records: gewijzigd.
func AuditAction(a string) string { return auditActions[a] }

// auditEntities name what an audit entry is about, by its entity.
var auditEntities = map[string]string{
	"organization":  "organisatie",
	"category":      "categorie",
	"cpv":           "CPV-lijst",
	"setting":       "instelling",
	"user":          "gebruiker",
	"token":         "API-token",
	"vendor":        "leverancier",
	"contract":      "contract",
	"calendar_feed": "agenda-abonnement",
}

// AuditEntities returns the entities an audit entry can be about, with
// their names: "vendor" → "leverancier".
func AuditEntities() map[string]string {
	out := make(map[string]string, len(auditEntities))
	for k, v := range auditEntities {
		out[k] = v
	}
	return out
}

// Label names any enum value of the domain, auth included, by the
// function for its type; a value of another type is written with
// fmt.Sprint.
func Label(v any) string {
	switch v := v.(type) {
	case contracts.OrgKind:
		return OrgKind(v)
	case contracts.SizeClass:
		return SizeClass(v)
	case contracts.ContractStatus:
		return ContractStatus(v)
	case contracts.RenewalKind:
		return RenewalKind(v)
	case contracts.Metric:
		return Metric(v)
	case contracts.PricePeriod:
		return PricePeriod(v)
	case contracts.AlertKind:
		return AlertKind(v)
	case contracts.ContractSort:
		return ContractSort(v)
	case contracts.HHIBand:
		return HHIBand(v)
	case contracts.DayOff:
		return DayOff(v)
	case contracts.SpendGroupBy:
		return SpendGroupBy(v)
	case procurement.TenderStatus:
		return TenderStatus(v)
	case procurement.ContractKind:
		return ContractKind(v)
	case procurement.GapKind:
		return GapKind(v)
	case procurement.Procedure:
		return Procedure(v)
	case procurement.Urgency:
		return Urgency(v)
	case procurement.DemandStatus:
		return DemandStatus(v)
	case procurement.MandateStatus:
		return MandateStatus(v)
	case procurement.DecidingBody:
		return DecidingBody(v)
	case procurement.RequirementKind:
		return RequirementKind(v)
	case procurement.Rating:
		return Rating(v)
	case procurement.Grouping:
		return Grouping(v)
	case procurement.NeedSource:
		return NeedSource(v)
	case procurement.LotBasis:
		return LotBasis(v)
	case auth.Role:
		return Role(v)
	}
	return fmt.Sprint(v)
}
