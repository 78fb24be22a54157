package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/samenkoop/samenkoop/contracts"
)

// This file generates the contract register of every organization: a
// dozen core contracts (telephony, the case and finance systems, the
// workplace, …) from vendors that dominate their market, and a tail of
// smaller ones. Dates are relative to Options.Now, so the register looks
// current whenever it is generated: same seed and same day, same data.

// weighted is a choice with its weight.
type weighted[T any] struct {
	v T
	w int
}

// pick draws one of ws in proportion to the weights.
func pick[T any](rng *rand.Rand, ws []weighted[T]) T {
	total := 0
	for _, x := range ws {
		total += x.w
	}
	r := rng.IntN(total)
	for _, x := range ws {
		if r < x.w {
			return x.v
		}
		r -= x.w
	}
	return ws[len(ws)-1].v
}

// between draws an integer in [lo, hi].
func between(rng *rand.Rand, lo, hi int) int { return lo + rng.IntN(hi-lo+1) }

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

// departments qualify the tail titles of larger organizations, which buy
// the same kind of thing for several departments.
var departments = []string{
	"Publiekszaken", "Sociaal Domein", "Ruimte", "Bedrijfsvoering", "Openbare Ruimte",
	"Veiligheid", "Economie en Cultuur", "Financiën", "Informatievoorziening", "Communicatie",
}

// tailReference is the size of the tail whose contracts are worth their
// market's tailCents; a longer tail is worth as much in all.
const tailReference = 40

// offer is one contract to generate: a core contract or a tail one.
type offer struct {
	title  string
	market *market
	cpv    string
	cents  [2]int
	// scale multiplies cents (1 when zero).
	scale      float64
	critical   float64
	vendors    []weighted[string]
	lines      []line
	interfaces [2]int
}

// contractGen draws the contracts of one organization after another.
type contractGen struct {
	rng   *rand.Rand
	scale Scale
	today contracts.Date
	// markets by category name, categories and vendor ids by name: only
	// looked up.
	marketOf   map[string]*market
	categoryOf map[string]contracts.Category
	vendorIDs  map[string]int64
	tailPick   []weighted[*market]
	// endings holds the planned terms of the joint telephony tender's
	// participants' contracts in its category, by organization code;
	// only looked up.
	endings map[string]plannedEnding
}

func newContractGen(g *generator, cats []contracts.Category) (*contractGen, error) {
	cg := &contractGen{
		rng: g.rng, scale: g.opts.Scale, today: contracts.DateOf(g.opts.Now()),
		marketOf: map[string]*market{}, categoryOf: map[string]contracts.Category{}, vendorIDs: g.vendorIDs,
	}
	if g.telephony != nil {
		cg.endings = g.telephony.endings
	}
	for _, c := range cats {
		cg.categoryOf[c.Name] = c
	}
	checkVendors := func(where string, ws []weighted[string]) error {
		for _, v := range ws {
			if _, ok := cg.vendorIDs[v.v]; !ok {
				return fmt.Errorf("%s names vendor %q, which the vendors stage did not create", where, v.v)
			}
		}
		return nil
	}
	for i := range markets {
		m := &markets[i]
		if _, ok := cg.categoryOf[m.category]; !ok {
			return nil, fmt.Errorf("market %q: no such category", m.category)
		}
		if err := checkVendors("market "+m.category, m.vendors); err != nil {
			return nil, err
		}
		cg.marketOf[m.category] = m
		cg.tailPick = append(cg.tailPick, weighted[*market]{m, m.tailWeight})
	}
	for _, c := range cores {
		if _, ok := cg.marketOf[c.category]; !ok {
			return nil, fmt.Errorf("core contract %q: no market for category %q", c.title, c.category)
		}
		if err := checkVendors("core contract "+c.title, c.vendors); err != nil {
			return nil, err
		}
	}
	return cg, nil
}

// createContracts writes the contracts and licence lines of every
// organization in one bulk load. Each contract is validated first: a
// generator bug fails the run instead of writing bad data.
func createContracts(ctx context.Context, g *generator) error {
	cats, err := g.st.Categories(ctx)
	if err != nil {
		return err
	}
	cg, err := newContractGen(g, cats)
	if err != nil {
		return err
	}
	n, lines := 0, 0
	rows := func(yield func(contracts.ContractDetail, error) bool) {
		for _, kind := range contracts.OrgKinds() {
			for _, o := range g.orgs[kind] {
				for _, d := range cg.organization(o) {
					if err := validate(d); err != nil {
						yield(contracts.ContractDetail{}, err)
						return
					}
					n++
					lines += len(d.Lines)
					if !yield(d, nil) {
						return
					}
				}
			}
		}
	}
	if err := g.st.BulkInsertContracts(ctx, cg.today, rows); err != nil {
		return err
	}
	g.sum.Contracts, g.sum.LicenceLines = n, lines
	return nil
}

// validate checks a generated contract and its lines as the service would.
func validate(d contracts.ContractDetail) error {
	if err := d.Contract.Validate(); err != nil {
		return fmt.Errorf("contract %s/%s: %w", d.Organization, d.Number, err)
	}
	for i, l := range d.Lines {
		if err := l.Validate(); err != nil {
			return fmt.Errorf("contract %s/%s, licence line %d: %w", d.Organization, d.Number, i+1, err)
		}
	}
	return nil
}

// buyer is an organization with the size figures its contracts scale by.
type buyer struct {
	contracts.Organization
	// inhabitants is the population for a municipality; for other bodies,
	// whose spend does not follow the population they serve, a figure of
	// the same order as a municipality with the same spend.
	inhabitants int
	employees   int
	// incumbent is the vendor it mostly buys a category from, see vendor;
	// only looked up.
	incumbent map[string]string
	// numbers counts the contract numbers used per year and code
	// ("2023-ICT").
	numbers map[string]int
}

// equivalentInhabitants gives the spend-equivalent population of bodies
// that are not municipalities.
var equivalentInhabitants = map[contracts.OrgKind][2]int{
	contracts.KindProvince:         {150_000, 400_000},
	contracts.KindWaterBoard:       {60_000, 200_000},
	contracts.KindJointArrangement: {5_000, 60_000},
	contracts.KindOther:            {2_000, 20_000},
	contracts.KindCooperation:      {2_000, 10_000},
}

// contractCount is how many contracts o gets: municipalities by the
// square root of their population, so that a city has several times a
// village's register but not a hundred times; other bodies by kind. The
// small set keeps about 50 per organization, the national set about
// 100,000 in all.
func (cg *contractGen) contractCount(b buyer) int {
	set := 1 // column of contractsPerBody
	if cg.scale == ScaleSmall {
		set = 0
	}
	var n float64
	switch b.Kind {
	case contracts.KindMunicipality:
		root := math.Sqrt(float64(b.inhabitants) / 1000)
		n = [2]float64{35 + 2.5*root, 60 + 25*root}[set]
	case contracts.KindCooperation:
		// Cooperations buy for their members and hold few contracts of
		// their own.
		return cg.rng.IntN(4)
	default:
		n = contractsPerBody[b.Kind][set]
	}
	return max(1, int(math.Round(n*(0.85+0.3*cg.rng.Float64()))))
}

// contractsPerBody is the mean number of contracts of the bodies that are
// not municipalities, in the small set and in the generated sets.
var contractsPerBody = map[contracts.OrgKind][2]float64{
	contracts.KindProvince:         {50, 800},
	contracts.KindWaterBoard:       {45, 380},
	contracts.KindJointArrangement: {35, 30},
	contracts.KindOther:            {25, 22},
}

// organization generates the contracts of o: its core contracts, then
// tail contracts up to its count.
func (cg *contractGen) organization(o contracts.Organization) []contracts.ContractDetail {
	b := buyer{Organization: o, inhabitants: o.Population, incumbent: map[string]string{}, numbers: map[string]int{}}
	if o.Kind != contracts.KindMunicipality || b.inhabitants == 0 {
		r := equivalentInhabitants[o.Kind]
		if r[1] == 0 {
			r = equivalentInhabitants[contracts.KindOther]
		}
		b.inhabitants = between(cg.rng, r[0], r[1])
	}
	// About 7 staff per 1,000 inhabitants, as in municipalities.
	b.employees = max(12, b.inhabitants*7/1000)
	n := cg.contractCount(b)

	var offers []offer
	for _, c := range cores {
		if len(offers) < n && cg.rng.Float64() < c.share[o.Kind] {
			m := cg.marketOf[c.category]
			of := offer{title: c.title, market: m, cpv: c.cpv, cents: c.cents, critical: c.critical,
				vendors: m.vendors, lines: m.lines, interfaces: m.interfaces}
			if c.critical == 0 {
				of.critical = m.critical
			}
			if c.vendors != nil {
				of.vendors = c.vendors
			}
			if c.lines != nil {
				of.lines = c.lines
			}
			offers = append(offers, of)
		}
	}
	// The tail shares out about the same spend however many contracts
	// it has, so that a larger set means more, smaller contracts rather
	// than a larger budget.
	tailScale := float64(tailReference) / float64(max(tailReference, n-len(offers)))
	for len(offers) < n {
		of := cg.tailOffer(b)
		of.scale = tailScale
		offers = append(offers, of)
	}
	out := make([]contracts.ContractDetail, 0, len(offers))
	for _, of := range offers {
		out = append(out, cg.contract(&b, of))
	}
	return out
}

// tailOffer draws one of the smaller contracts.
func (cg *contractGen) tailOffer(b buyer) offer {
	m := pick(cg.rng, cg.tailPick)
	var t tailTitle
	for {
		t = m.tail[cg.rng.IntN(len(m.tail))]
		if !t.municipal || b.Kind == contracts.KindMunicipality {
			break
		}
	}
	title := t.title
	if b.employees >= 300 && cg.rng.IntN(2) == 0 {
		title += " – " + departments[cg.rng.IntN(len(departments))]
	}
	cpvs := cg.categoryOf[m.category].CPV
	return offer{
		title: title, market: m, cpv: cpvs[cg.rng.IntN(len(cpvs))], cents: m.tailCents,
		critical: m.critical, vendors: m.vendors, lines: m.lines, interfaces: [2]int{m.interfaces[0] / 2, m.interfaces[1] / 2},
	}
}

// contract generates one contract of b from of.
func (cg *contractGen) contract(b *buyer, of offer) contracts.ContractDetail {
	rng := cg.rng
	m := of.market
	c := contracts.Contract{
		Organization: b.Code,
		Title:        of.title,
		VendorID:     cg.vendorIDs[cg.vendor(b, m.category, of.vendors)],
		CategoryID:   cg.categoryOf[m.category].ID,
		CPV:          of.cpv,
		Status:       contracts.StatusActive,
	}
	switch r := rng.IntN(100); {
	case r < 2:
		c.Status = contracts.StatusDraft
	case r < 5:
		c.Status = contracts.StatusTerminated
		c.Notes = "Beëindigd met wederzijds goedvinden."
	}
	cg.terms(&c, pick(rng, m.renewal))
	// A participant of the joint telephony tender has its telephony
	// contracts end as planned, all on the same day; the terms were drawn
	// anyway, so that the draws for every other contract stay the same.
	if e, ok := cg.endings[b.Code]; ok && m.category == telephonyCategory && c.Status != contracts.StatusDraft {
		e.apply(&c)
	}
	prefix := fmt.Sprintf("%d-%s", c.Start.Year(), m.code)
	b.numbers[prefix]++
	c.Number = fmt.Sprintf("%s-%03d", prefix, b.numbers[prefix])

	// Value per inhabitant, log-normally spread, in whole euros; no
	// contract is worth less than € 500 to € 4,000 a year.
	perInhabitant := float64(between(rng, of.cents[0], of.cents[1])) * math.Exp(0.3*rng.NormFloat64())
	if of.scale > 0 {
		perInhabitant *= of.scale
	}
	floor := contracts.Money(between(rng, 5, 40)) * 100 * 100 // hundreds of euros, in cents
	c.AnnualValue = max(floor, contracts.Money(math.Round(perInhabitant*float64(b.inhabitants)/100)*100))

	c.Exit = cg.exitFacts(c.Start, of)
	lines := cg.lines(b, c, of.lines)
	return contracts.ContractDetail{
		ContractSummary: contracts.ContractSummary{Contract: c, Dates: c.Dates(cg.today)},
		Lines:           lines,
	}
}

// vendor picks the seller: mostly the organization's incumbent in the
// category, which makes its spend concentrate, sometimes another. The
// incumbent is kept per category and list of vendors, because local taxes
// share a category with finance but not its vendors.
func (cg *contractGen) vendor(b *buyer, category string, ws []weighted[string]) string {
	key := category + "\x00" + ws[0].v
	inc, ok := b.incumbent[key]
	if !ok {
		inc = pick(cg.rng, ws)
		b.incumbent[key] = inc
	}
	if cg.rng.Float64() < 0.75 {
		return inc
	}
	return pick(cg.rng, ws)
}

// Renewal terms, weighted: most contracts renew tacitly by the year with
// three months' notice; express contracts have one to three options; a
// contract that continues indefinitely mostly has one to three months'
// notice to a month end, sometimes notice in days ("90 dagen"), and a few
// let notice end on any day. Some tacit contracts state notice in days.
var (
	noticeDays       = []weighted[int]{{30, 30}, {60, 25}, {90, 45}}
	indefiniteNotice = []weighted[int]{{1, 25}, {2, 15}, {3, 45}, {6, 15}}
	tacitTerms       = []weighted[int]{{12, 30}, {24, 25}, {36, 30}, {48, 10}, {60, 5}}
	expressTerms     = []weighted[int]{{24, 30}, {36, 35}, {48, 30}, {60, 5}}
	fixedTerms       = []weighted[int]{{12, 10}, {24, 20}, {36, 30}, {48, 30}, {60, 10}}
	noticeMonths     = []weighted[int]{{1, 10}, {2, 15}, {3, 45}, {4, 5}, {6, 25}}
	optionNotice     = []weighted[int]{{2, 20}, {3, 50}, {6, 30}}
	leadDays         = []weighted[int]{{0, 20}, {14, 20}, {30, 30}, {45, 15}, {60, 15}}
	options          = []weighted[int]{{1, 30}, {2, 40}, {3, 30}}
)

// terms sets the start, term, renewal and notice of c. Starts lie one to
// eight years before today; a contract that cannot renew indefinitely
// starts late enough that most are still running. A draft is being
// entered: it starts in the coming months.
func (cg *contractGen) terms(c *contracts.Contract, kind contracts.RenewalKind) {
	rng := cg.rng
	c.RenewalKind = kind
	c.LeadDays = pick(rng, leadDays)
	total := 0 // months to the last possible end; 0: no limit
	switch kind {
	case contracts.RenewalTacit:
		c.InitialTermMonths = pick(rng, tacitTerms)
		c.RenewalPeriodMonths = 12
		if rng.IntN(20) == 0 {
			c.RenewalPeriodMonths = 24
		}
		c.NoticeMonths = min(pick(rng, noticeMonths), c.InitialTermMonths)
		if rng.IntN(100) < 8 {
			c.NoticeMonths, c.NoticeDays = 0, pick(rng, noticeDays)
		}
	case contracts.RenewalIndefinite:
		c.InitialTermMonths = pick(rng, tacitTerms)
		if rng.IntN(100) < 30 {
			c.NoticeDays = pick(rng, noticeDays)
		} else {
			c.NoticeMonths = pick(rng, indefiniteNotice)
			c.NoticeEndsAnyDay = rng.IntN(100) < 15
		}
	case contracts.RenewalExpress:
		c.InitialTermMonths = pick(rng, expressTerms)
		c.RenewalPeriodMonths = 12
		if rng.IntN(10) < 3 {
			c.RenewalPeriodMonths = 24
		}
		c.MaxRenewals = pick(rng, options)
		c.NoticeMonths = pick(rng, optionNotice)
		total = c.InitialTermMonths + c.MaxRenewals*c.RenewalPeriodMonths
	default:
		c.InitialTermMonths = pick(rng, fixedTerms)
		c.NoticeMonths = 0
		if rng.IntN(3) == 0 {
			c.NoticeMonths = pick(rng, noticeMonths) // notice to end early
		}
		total = c.InitialTermMonths
	}
	elapsed := between(rng, 12, 96)
	if total > 0 {
		elapsed = between(rng, 12, max(12, min(96, total+6)))
	}
	if c.Status == contracts.StatusDraft {
		elapsed = -between(rng, 1, 4)
	}
	c.Start = firstOfMonth(cg.today).AddMonths(-elapsed)
	if rng.IntN(100) < 15 {
		c.Start = c.Start.AddDays(rng.IntN(27) + 1)
	}

	switch kind {
	case contracts.RenewalTacit, contracts.RenewalIndefinite:
		// A cap on the renewals, by number or by date, for a quarter of
		// the tacit ones.
		switch r := rng.IntN(100); {
		case kind == contracts.RenewalIndefinite:
		case r < 15:
			c.MaxRenewals = between(rng, 2, 5)
		case r < 25:
			c.MaxEnd = contracts.TermEnd(c.Start, c.InitialTermMonths+between(rng, 1, 4)*c.RenewalPeriodMonths)
		}
		// Notice given, in the weeks up to today, for some of those with
		// a deadline still ahead. The numbers are drawn whatever the
		// dates, here and below, so that another day draws the same ones
		// and gives the same register, moved in time.
		gives, daysAgo := rng.IntN(100) < 6, rng.IntN(60)
		if d := c.Dates(cg.today); gives && c.Status == contracts.StatusActive && !d.NoticeDeadline.IsZero() {
			c.NoticeGivenOn = cg.today.AddDays(-daysAgo)
			if c.NoticeGivenOn.Before(c.Start) {
				c.NoticeGivenOn = c.Start
			}
		}
	case contracts.RenewalExpress:
		// Options are exercised as their decisions come, most of the time;
		// one left to lapse ends the contract.
		exercise := make([]bool, c.MaxRenewals)
		for k := range exercise {
			exercise[k] = rng.IntN(100) < 85
		}
		for _, yes := range exercise {
			decision := c.NoticeDeadlineFor(contracts.TermEnd(c.Start, c.InitialTermMonths+c.RenewalsExercised*c.RenewalPeriodMonths))
			if !yes || !cg.today.After(decision) {
				break
			}
			c.RenewalsExercised++
		}
	}
}

func firstOfMonth(d contracts.Date) contracts.Date {
	return contracts.NewDate(d.Year(), d.Month(), 1)
}

// gibit2023 is mid-2023, about when GIBIT 2023 came into use; contracts
// signed after it more often arrange the exit.
var gibit2023 = contracts.NewDate(2023, 6, 1)

// exitFacts draws the GIBIT exit facts: mostly poor, as registers show, a
// little better for recent and business-critical contracts.
func (cg *contractGen) exitFacts(start contracts.Date, of offer) contracts.ExitFacts {
	rng := cg.rng
	recent := 0.0
	if !start.Before(gibit2023) {
		recent = 0.15
	}
	e := contracts.ExitFacts{BusinessCritical: rng.Float64() < of.critical}
	critical := 0.0
	if e.BusinessCritical {
		critical = 0.1
	}
	e.ExitPlan = rng.Float64() < 0.1+recent+critical
	e.OpenData = rng.Float64() < 0.25+recent
	e.Continuity = rng.Float64() < 0.05+2*critical
	sourceRights := 0.03
	if of.market.lines == nil {
		sourceRights = 0.25 // custom work bought by the hour
	}
	e.SourceRights = rng.Float64() < sourceRights
	e.Interfaces = between(rng, of.interfaces[0], of.interfaces[1])
	return e
}

// lineCounts weighs the number of licence lines on a contract.
var lineCounts = []weighted[int]{{1, 5}, {2, 15}, {3, 30}, {4, 27}, {5, 23}}

// lines draws the licence lines of c from the offer's: their quantities
// follow the organization's size, seats in use are known for most counted
// licences and now and then exceed them, and the unit prices share out the
// contract's annual value.
func (cg *contractGen) lines(b *buyer, c contracts.Contract, from []line) []contracts.LicenceLine {
	if len(from) == 0 {
		return nil
	}
	rng := cg.rng
	n := min(pick(rng, lineCounts), len(from))
	chosen := rng.Perm(len(from))[:n]
	out := make([]contracts.LicenceLine, 0, n)
	weights := make([]float64, n)
	total := 0.0
	for i := range chosen {
		weights[i] = 0.2 + rng.Float64()
		total += weights[i]
	}
	for i, k := range chosen {
		t := from[k]
		l := contracts.LicenceLine{Product: t.product, Metric: t.metric, PricePeriod: t.period, SeatsInUse: -1}
		staff := float64(b.employees)
		switch t.metric {
		case contracts.MetricNamedUser:
			l.Quantity = roundNice(staff * (0.1 + 0.9*rng.Float64()))
		case contracts.MetricConcurrent:
			l.Quantity = roundNice(staff * (0.02 + 0.13*rng.Float64()))
		case contracts.MetricDevice:
			l.Quantity = roundNice(staff * (0.05 + 1.05*rng.Float64()))
		case contracts.MetricPerInhabitant:
			l.Quantity = max(100, b.inhabitants/100*100)
		default:
			l.Quantity = 1
			if t.period != contracts.Once && rng.IntN(10) < 4 {
				l.Quantity = contracts.Unlimited
			}
		}
		if l.Quantity != contracts.Unlimited && t.metric != contracts.MetricPerInhabitant && t.metric != contracts.MetricEnterprise && rng.IntN(10) < 7 {
			if rng.IntN(100) < 8 {
				// Over quota: a true-up or an audit claim is coming.
				l.SeatsInUse = l.Quantity + max(1, int(float64(l.Quantity)*0.25*rng.Float64()))
			} else {
				l.SeatsInUse = int(float64(l.Quantity) * (0.6 + 0.4*rng.Float64()))
			}
		}
		yearly := float64(c.AnnualValue) * weights[i] / total
		units := float64(max(l.Quantity, 1))
		switch t.period {
		case contracts.PerMonth:
			l.UnitPrice = contracts.Money(math.Round(yearly / units / 12))
		case contracts.PerYear:
			l.UnitPrice = contracts.Money(math.Round(yearly / units))
		default:
			// A one-off fee: a fraction of a year's value.
			l.UnitPrice = contracts.Money(math.Round(yearly * (0.3 + 0.7*rng.Float64()) / units))
		}
		l.UnitPrice = max(l.UnitPrice, 1)
		// Now and then a line was added during the term.
		if rng.IntN(100) < 5 {
			if start := c.Start.AddMonths(12 * between(rng, 1, 3)); start.Before(cg.today) {
				l.Start = start
			}
		}
		out = append(out, l)
	}
	return out
}

// roundNice rounds a count as contracts write it: exact below 20, then to
// fives, tens or twenty-fives; never below 1.
func roundNice(x float64) int {
	n := int(math.Round(x))
	switch {
	case n < 1:
		return 1
	case n < 20:
		return n
	case n < 200:
		return (n + 2) / 5 * 5
	case n < 1000:
		return (n + 5) / 10 * 10
	default:
		return (n + 12) / 25 * 25
	}
}
