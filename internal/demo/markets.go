package demo

import (
	"github.com/samenkoop/samenkoop/contracts"
)

// The demo markets: per category who sells it, on which renewal terms and
// with which licence lines, the titles of its smaller contracts, and the
// core contracts nearly every organization of a kind has.

// line is a licence line as a category offers it.
type line struct {
	product string
	metric  contracts.Metric
	period  contracts.PricePeriod
}

// market is how one category is bought: who sells it, on which terms, with
// which licence lines, and the smaller contracts it adds to the tail.
type market struct {
	category string
	// code goes into the contract number: 2023-ICT-014.
	code    string
	vendors []weighted[string]
	// renewal weighs the renewal kinds.
	renewal  []weighted[contracts.RenewalKind]
	critical float64 // chance a contract is business-critical
	// interfaces is the range of interfaces with other systems.
	interfaces [2]int
	// lines are the licence lines its contracts choose from; none for
	// services bought by the hour.
	lines []line
	// tail lists the titles of its smaller contracts; municipal ones only
	// municipalities buy.
	tail []tailTitle
	// tailWeight weighs the market when a tail contract is drawn, and
	// tailCents is the annual value of one per inhabitant, in cents.
	tailWeight int
	tailCents  [2]int
}

type tailTitle struct {
	title     string
	municipal bool
}

var (
	// Software and cloud terms of supply often continue indefinitely after
	// the initial term ("daarna voor onbepaalde tijd, opzegbaar met drie
	// maanden", DESIGN §4), as do service agreements; leased hardware has
	// a fixed end.
	mostlyTacit = []weighted[contracts.RenewalKind]{{contracts.RenewalTacit, 58}, {contracts.RenewalIndefinite, 12},
		{contracts.RenewalExpress, 15}, {contracts.RenewalNone, 15}}
	telecomTerms = []weighted[contracts.RenewalKind]{{contracts.RenewalTacit, 48}, {contracts.RenewalIndefinite, 7},
		{contracts.RenewalExpress, 35}, {contracts.RenewalNone, 10}}
	hardwareTerms = []weighted[contracts.RenewalKind]{{contracts.RenewalTacit, 20}, {contracts.RenewalExpress, 40}, {contracts.RenewalNone, 40}}
	serviceTerms  = []weighted[contracts.RenewalKind]{{contracts.RenewalTacit, 12}, {contracts.RenewalIndefinite, 8},
		{contracts.RenewalExpress, 30}, {contracts.RenewalNone, 50}}
)

// markets covers every demo category (categories.go), by name.
var markets = []market{
	{
		category: "Mobiele telefonie", code: "TEL", renewal: telecomTerms, critical: 0.3, interfaces: [2]int{0, 2},
		vendors: []weighted[string]{{"Polderlink Mobiel B.V.", 60}, {"Wadkabel Telecom B.V.", 25}, {"Kwelderkabel Zakelijk B.V.", 15}},
		lines: []line{
			{"Abonnement onbeperkt bellen en data", contracts.MetricNamedUser, contracts.PerMonth},
			{"Abonnement basis", contracts.MetricNamedUser, contracts.PerMonth},
			{"Data-simkaart", contracts.MetricDevice, contracts.PerMonth},
			{"Mobiel apparaatbeheer", contracts.MetricDevice, contracts.PerMonth},
			{"Toestel (lease)", contracts.MetricDevice, contracts.PerMonth},
			{"Zakelijk roaming-bundel", contracts.MetricNamedUser, contracts.PerMonth},
		},
		tail:       []tailTitle{{"Toestellen en accessoires", false}, {"IoT-simkaarten", false}, {"Simkaarten handhaving en buitendienst", true}},
		tailWeight: 4, tailCents: [2]int{10, 60},
	},
	{
		category: "Vaste telefonie en data", code: "TEL", renewal: telecomTerms, critical: 0.5, interfaces: [2]int{0, 3},
		vendors: []weighted[string]{{"Polderlink Telecom B.V.", 50}, {"Kwelderkabel Zakelijk B.V.", 25}, {"Wadkabel Telecom B.V.", 25}},
		lines: []line{
			{"Glasvezelverbinding 1 Gbit/s", contracts.MetricDevice, contracts.PerMonth},
			{"Cloudtelefonie", contracts.MetricNamedUser, contracts.PerMonth},
			{"SIP-trunk", contracts.MetricConcurrent, contracts.PerMonth},
			{"Klantcontactcentrum-licentie", contracts.MetricConcurrent, contracts.PerMonth},
			{"Aansluiting en installatie", contracts.MetricEnterprise, contracts.Once},
		},
		tail:       []tailTitle{{"Telefonie klantcontactcentrum", false}, {"Alarm- en liftlijnen", false}, {"Glasvezel buitenlocaties", false}},
		tailWeight: 5, tailCents: [2]int{10, 80},
	},
	{
		category: "Werkplekapparatuur", code: "HW", renewal: hardwareTerms, critical: 0.1, interfaces: [2]int{0, 1},
		vendors: []weighted[string]{{"Werkplekkade B.V.", 50}, {"Werkbankje ICT-diensten B.V.", 30}, {"Nimbusveld Nederland B.V.", 20}},
		lines: []line{
			{"Laptop (lease)", contracts.MetricDevice, contracts.PerMonth},
			{"Monitor (lease)", contracts.MetricDevice, contracts.PerMonth},
			{"Dockingstation", contracts.MetricDevice, contracts.Once},
			{"Werkplekbeheer", contracts.MetricDevice, contracts.PerMonth},
			{"Garantie-uitbreiding", contracts.MetricDevice, contracts.PerYear},
		},
		tail: []tailTitle{
			{"Printers en multifunctionals", false}, {"Tablets raadsleden", true}, {"Monitoren", false},
			{"Vergaderruimte-apparatuur", false}, {"Smartphones", false},
		},
		tailWeight: 10, tailCents: [2]int{20, 150},
	},
	{
		category: "Zaaksysteem", code: "ICT", renewal: mostlyTacit, critical: 0.6, interfaces: [2]int{2, 25},
		vendors: []weighted[string]{{"Dossierveld Zaakgericht B.V.", 45}, {"Zaakstroom Software B.V.", 25}, {"Archiefduin B.V.", 15}, {"Formulierenhof B.V.", 15}},
		lines: []line{
			{"Gebruikerslicentie", contracts.MetricNamedUser, contracts.PerYear},
			{"Documentbeheer", contracts.MetricNamedUser, contracts.PerYear},
			{"Koppelingen (ZGW-API's)", contracts.MetricEnterprise, contracts.PerYear},
			{"E-formulieren", contracts.MetricPerInhabitant, contracts.PerYear},
			{"Implementatie en migratie", contracts.MetricEnterprise, contracts.Once},
			{"Raadpleeglicentie", contracts.MetricConcurrent, contracts.PerYear},
		},
		tail: []tailTitle{
			{"E-formulieren", false}, {"Digitaal archief (e-depot)", false}, {"Documentcreatie", false},
			{"Vergunningenapplicatie (Omgevingswet)", true}, {"Klantcontactsysteem", false},
			{"Applicatie sociaal domein", true}, {"Applicatie burgerzaken", true}, {"Raadsinformatiesysteem", true},
		},
		tailWeight: 15, tailCents: [2]int{15, 150},
	},
	{
		category: "Financieel systeem", code: "ICT", renewal: mostlyTacit, critical: 0.5, interfaces: [2]int{1, 15},
		vendors: []weighted[string]{{"Kroonboek Financiën B.V.", 60}, {"Rekenduin Gemeentesoftware B.V.", 40}},
		lines: []line{
			{"Financieel pakket", contracts.MetricPerInhabitant, contracts.PerYear},
			{"Gebruikerslicentie", contracts.MetricNamedUser, contracts.PerYear},
			{"Factuurverwerking", contracts.MetricNamedUser, contracts.PerYear},
			{"Rapportagemodule", contracts.MetricConcurrent, contracts.PerYear},
			{"Implementatie", contracts.MetricEnterprise, contracts.Once},
		},
		tail: []tailTitle{
			{"Inkoop- en factuurverwerking", false}, {"Debiteurenbeheer", false}, {"Subsidieregistratie", false},
			{"Begrotingsapplicatie", false}, {"Parkeerheffing", true},
		},
		tailWeight: 8, tailCents: [2]int{10, 90},
	},
	{
		category: "Personeels- en salarissysteem", code: "ICT", renewal: mostlyTacit, critical: 0.4, interfaces: [2]int{1, 8},
		vendors: []weighted[string]{{"Kroonboek Salaris B.V.", 60}, {"Rekenduin Gemeentesoftware B.V.", 25}, {"Zaakstroom Software B.V.", 15}},
		lines: []line{
			{"Salarisverwerking per medewerker", contracts.MetricNamedUser, contracts.PerMonth},
			{"HR-selfservice", contracts.MetricNamedUser, contracts.PerYear},
			{"Verlofregistratie", contracts.MetricNamedUser, contracts.PerYear},
			{"Formatiebeheer", contracts.MetricConcurrent, contracts.PerYear},
			{"Inrichting", contracts.MetricEnterprise, contracts.Once},
		},
		tail: []tailTitle{
			{"Verlof- en verzuimregistratie", false}, {"E-learningplatform", false}, {"Werving en selectie", false}, {"Roosterplanning", false},
		},
		tailWeight: 6, tailCents: [2]int{10, 60},
	},
	{
		category: "Netwerk en wifi", code: "NET", renewal: telecomTerms, critical: 0.6, interfaces: [2]int{0, 3},
		vendors: []weighted[string]{{"Golfbreker Netwerken B.V.", 55}, {"Kwelderkabel Zakelijk B.V.", 20}, {"Werkbankje ICT-diensten B.V.", 25}},
		lines: []line{
			{"Beheer access point", contracts.MetricDevice, contracts.PerMonth},
			{"Switchbeheer", contracts.MetricDevice, contracts.PerMonth},
			{"Netwerkmonitoring", contracts.MetricEnterprise, contracts.PerYear},
			{"Firewall-licentie", contracts.MetricDevice, contracts.PerYear},
			{"Installatie", contracts.MetricEnterprise, contracts.Once},
		},
		tail: []tailTitle{
			{"Publieke wifi", true}, {"Wifi in gebouwen", false}, {"Firewallbeheer", false}, {"Netwerk buitenlocaties", false},
		},
		tailWeight: 7, tailCents: [2]int{10, 80},
	},
	{
		category: "Hosting en cloud", code: "CLD", renewal: mostlyTacit, critical: 0.5, interfaces: [2]int{0, 6},
		vendors: []weighted[string]{{"Nimbusveld Nederland B.V.", 40}, {"Hanzewolk Hosting B.V.", 35}, {"Rekenzolder Hosting B.V.", 25}},
		lines: []line{
			{"Virtuele server", contracts.MetricDevice, contracts.PerMonth},
			{"Opslag en back-up", contracts.MetricEnterprise, contracts.PerMonth},
			{"Databaseplatform", contracts.MetricDevice, contracts.PerMonth},
			{"Beheer en monitoring", contracts.MetricEnterprise, contracts.PerMonth},
			{"Migratie", contracts.MetricEnterprise, contracts.Once},
		},
		tail: []tailTitle{
			{"Website en CMS", false}, {"Back-up als dienst", false}, {"Datacenterhuisvesting", false},
			{"Open-dataportaal", false}, {"Online afspraken maken", true}, {"Dataplatform", false},
		},
		tailWeight: 14, tailCents: [2]int{10, 120},
	},
	{
		category: "Informatiebeveiliging", code: "SEC", renewal: mostlyTacit, critical: 0.4, interfaces: [2]int{0, 4},
		vendors: []weighted[string]{{"Golfbreker Cyberveiligheid B.V.", 45}, {"Bitbaken Beveiliging B.V.", 40}, {"Werkbankje ICT-diensten B.V.", 15}},
		lines: []line{
			{"SOC-monitoring", contracts.MetricDevice, contracts.PerMonth},
			{"Endpointbeveiliging", contracts.MetricDevice, contracts.PerYear},
			{"Tweefactorauthenticatie", contracts.MetricNamedUser, contracts.PerYear},
			{"Wachtwoordkluis", contracts.MetricNamedUser, contracts.PerYear},
			{"E-mailbeveiliging", contracts.MetricNamedUser, contracts.PerMonth},
		},
		tail: []tailTitle{
			{"Penetratietest", false}, {"Security-awarenesstraining", false}, {"Wachtwoordkluis", false},
			{"Tweefactorauthenticatie", false}, {"E-mailbeveiliging", false},
		},
		tailWeight: 10, tailCents: [2]int{5, 60},
	},
	{
		category: "ICT-advies en -ondersteuning", code: "ADV", renewal: serviceTerms, critical: 0.05, interfaces: [2]int{0, 0},
		vendors: []weighted[string]{{"Raadsbank Advies B.V.", 40}, {"Werkbankje ICT-diensten B.V.", 35}, {"Dossierveld Zaakgericht B.V.", 10}, {"Golfbreker Netwerken B.V.", 15}},
		tail: []tailTitle{
			{"Detachering informatiemanager", false}, {"Projectleiding migratie", false}, {"Architectuuradvies", false},
			{"Privacy- en AVG-advies", false}, {"Applicatiebeheer op afroep", false}, {"Ondersteuning Omgevingswet", true},
		},
		tailWeight: 13, tailCents: [2]int{10, 100},
	},
	{
		category: "Communicatie en samenwerken", code: "ICT", renewal: mostlyTacit, critical: 0.3, interfaces: [2]int{0, 4},
		vendors: []weighted[string]{{"Nimbusveld Nederland B.V.", 70}, {"Hanzewolk Hosting B.V.", 15}, {"Formulierenhof B.V.", 15}},
		lines: []line{
			{"Kantoorlicentie E3", contracts.MetricNamedUser, contracts.PerMonth},
			{"Kantoorlicentie F1", contracts.MetricNamedUser, contracts.PerMonth},
			{"Videovergaderen", contracts.MetricNamedUser, contracts.PerMonth},
			{"E-mailarchivering", contracts.MetricEnterprise, contracts.PerYear},
			{"Intranet", contracts.MetricNamedUser, contracts.PerYear},
		},
		tail: []tailTitle{
			{"Intranet", false}, {"Chat en livechat", false}, {"Digitale nieuwsbrief", false}, {"Videobellen met inwoners", true},
		},
		tailWeight: 8, tailCents: [2]int{5, 60},
	},
}

// core is a contract nearly every organization of a kind has once: the
// systems it runs on. Where vendors or lines are set they replace the
// market's, for functions with their own market inside a category (local
// taxes, geo data).
type core struct {
	title    string
	category string
	cpv      string // one of the category's codes
	// share is the chance an organization of a kind has it; kinds not
	// named have none.
	share    map[contracts.OrgKind]float64
	cents    [2]int  // annual value per inhabitant, in cents
	critical float64 // the market's when zero
	vendors  []weighted[string]
	lines    []line
}

var (
	everyBody = map[contracts.OrgKind]float64{
		contracts.KindMunicipality: 1, contracts.KindProvince: 1, contracts.KindWaterBoard: 1,
		contracts.KindJointArrangement: 0.8, contracts.KindOther: 0.6,
	}
	ownSystems = map[contracts.OrgKind]float64{
		contracts.KindMunicipality: 1, contracts.KindProvince: 1, contracts.KindWaterBoard: 1,
		contracts.KindJointArrangement: 0.4, contracts.KindOther: 0.3,
	}
)

// cores lists the core contracts, in the order they are numbered.
var cores = []core{
	{title: "Mobiele telefonie en data", category: "Mobiele telefonie", cpv: "64212000-5", share: everyBody, cents: [2]int{150, 300}},
	{title: "Vaste telefonie en dataverbindingen", category: "Vaste telefonie en data", cpv: "64210000-1", share: everyBody, cents: [2]int{150, 400}},
	{title: "Zaaksysteem en documentbeheer", category: "Zaaksysteem", cpv: "48300000-1", share: ownSystems, cents: [2]int{200, 500}, critical: 0.9},
	{title: "Financiële administratie", category: "Financieel systeem", cpv: "48440000-4", share: ownSystems, cents: [2]int{150, 400}, critical: 0.85},
	{title: "Personeels- en salarisadministratie", category: "Personeels- en salarissysteem", cpv: "48450000-7", share: ownSystems, cents: [2]int{100, 250}, critical: 0.8},
	{title: "Netwerkbeheer en wifi", category: "Netwerk en wifi", cpv: "32420000-3", share: everyBody, cents: [2]int{100, 300}, critical: 0.8},
	{title: "Werkplekken en werkplekbeheer", category: "Werkplekapparatuur", cpv: "30213000-5", share: everyBody, cents: [2]int{300, 700}, critical: 0.3},
	{title: "Kantoorsoftware en samenwerken in de cloud", category: "Communicatie en samenwerken", cpv: "48500000-3", share: everyBody, cents: [2]int{200, 450}, critical: 0.7},
	{title: "Hosting en applicatiebeheer", category: "Hosting en cloud", cpv: "72400000-4", share: ownSystems, cents: [2]int{150, 500}, critical: 0.8},
	{title: "Security operations center", category: "Informatiebeveiliging", cpv: "72800000-8", share: ownSystems, cents: [2]int{60, 200}, critical: 0.6},
	{
		title: "Belastingen en WOZ", category: "Financieel systeem", cpv: "48440000-4", cents: [2]int{100, 250}, critical: 0.7,
		share:   map[contracts.OrgKind]float64{contracts.KindMunicipality: 0.9, contracts.KindWaterBoard: 1, contracts.KindJointArrangement: 0.1},
		vendors: []weighted[string]{{"Heffingshuis B.V.", 65}, {"Rekenduin Gemeentesoftware B.V.", 35}},
		lines: []line{
			{"Belastingapplicatie", contracts.MetricPerInhabitant, contracts.PerYear},
			{"WOZ-taxatiemodule", contracts.MetricPerInhabitant, contracts.PerYear},
			{"Aanslagen en invordering", contracts.MetricNamedUser, contracts.PerYear},
			{"Koppeling basisregistraties", contracts.MetricEnterprise, contracts.PerYear},
			{"Conversie", contracts.MetricEnterprise, contracts.Once},
		},
	},
	{
		title: "Geo-informatie en kaartviewer", category: "Hosting en cloud", cpv: "72300000-8", cents: [2]int{40, 150}, critical: 0.4,
		share:   map[contracts.OrgKind]float64{contracts.KindMunicipality: 0.95, contracts.KindProvince: 1, contracts.KindWaterBoard: 1, contracts.KindJointArrangement: 0.2},
		vendors: []weighted[string]{{"Perceelkompas Geo B.V.", 70}, {"Hanzewolk Hosting B.V.", 30}},
		lines: []line{
			{"GIS-desktoplicentie", contracts.MetricConcurrent, contracts.PerYear},
			{"Kaartviewer", contracts.MetricEnterprise, contracts.PerYear},
			{"BGT-beheer", contracts.MetricNamedUser, contracts.PerYear},
			{"Geo-dataopslag", contracts.MetricEnterprise, contracts.PerMonth},
			{"Inrichting", contracts.MetricEnterprise, contracts.Once},
		},
	},
}
