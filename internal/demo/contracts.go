package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/samenkoop/samenkoop/contracts"
)

// The contract register of every organization: a dozen core contracts
// (telephony, the case and finance systems, the workplace, …) from vendors
// that dominate their market, and a tail of smaller ones. Dates are
// relative to Options.Now, so the register looks current whenever it is
// generated: same seed and same day, same data.
//
// This file draws which contracts an organization has and from whom
// (contractGen) and loads them; markets.go holds what each category buys
// from whom, and contract_terms.go draws one contract's terms, exit facts
// and licence lines.

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
