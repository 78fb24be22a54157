package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// This file registers demand: organizations saying what they will need in
// a category, how much and from when. With the contracts that end, it is
// what the bundler proposes joint tenders from; mobile telephony has the
// most, from organizations outside the joint telephony tender, with
// desired starts spread over two years.

// demandPlan is how much demand one category gets and what it counts.
type demandPlan struct {
	category string
	// core is the title of the core contract the demand replaces.
	core string
	unit string
	// count is the number of organizations registering demand in the
	// small set and in the generated sets.
	count [2]int
	// perStaff bounds the quantity per member of staff.
	perStaff [2]float64
	// price is the yearly price per unit the budget follows.
	price contracts.Money
	// outsideTelephony limits the demand to organizations that are not
	// in the joint telephony tender, or revoked their mandate.
	outsideTelephony bool
}

var demandPlans = []demandPlan{
	{category: "Mobiele telefonie", core: "Mobiele telefonie en data", unit: "simkaarten", count: [2]int{10, 60},
		perStaff: [2]float64{0.5, 0.9}, price: 17_400, outsideTelephony: true},
	{category: "Zaaksysteem", core: "Zaaksysteem en documentbeheer", unit: "gebruikers", count: [2]int{5, 24},
		perStaff: [2]float64{0.4, 0.7}, price: 26_000},
	{category: "Werkplekapparatuur", core: "Werkplekken en werkplekbeheer", unit: "werkplekken", count: [2]int{6, 30},
		perStaff: [2]float64{0.8, 1.0}, price: 54_000},
	{category: "Netwerk en wifi", core: "Netwerkbeheer en wifi", unit: "locaties", count: [2]int{5, 20},
		perStaff: [2]float64{0.004, 0.01}, price: 480_000},
	{category: "Hosting en cloud", core: "Hosting en applicatiebeheer", unit: "virtuele servers", count: [2]int{4, 16},
		perStaff: [2]float64{0.02, 0.06}, price: 240_000},
	{category: "Informatiebeveiliging", core: "Security operations center", unit: "gebruikers", count: [2]int{5, 20},
		perStaff: [2]float64{0.9, 1.0}, price: 6_500},
}

// demandKinds are the kinds of organization that register demand.
var demandKinds = []contracts.OrgKind{
	contracts.KindMunicipality, contracts.KindProvince, contracts.KindWaterBoard, contracts.KindJointArrangement, contracts.KindOther,
}

// demandNotes are the notes organizations add, now and then.
var demandNotes = []string{
	"Huidig contract loopt af; we sluiten graag aan bij een gezamenlijke aanbesteding.",
	"Aantallen zijn een schatting op basis van de huidige formatie.",
	"Budget is opgenomen in de meerjarenbegroting.",
	"Voorkeur voor een leverancier die ook de overige gemeenten in de regio bedient.",
	"Eerst nog afstemmen met de afdeling Informatievoorziening.",
}

// createDemand registers demand per demandPlans. Each wants to start on
// the first of a month three to twenty-six months ahead, and replaces the
// organization's running core contract in the category when it has one;
// it then starts no earlier than the day after that contract's committed
// end, if that lies within the same horizon.
func createDemand(ctx context.Context, g *generator) error {
	rng := g.rng
	today := contracts.DateOf(g.opts.Now())
	cats, err := g.ps.Categories(ctx)
	if err != nil {
		return err
	}
	set := 1
	if g.opts.Scale == ScaleSmall {
		set = 0
	}
	for _, dp := range demandPlans {
		i := slices.IndexFunc(cats, func(c contracts.Category) bool { return c.Name == dp.category })
		if i < 0 {
			return fmt.Errorf("demand: no category %q", dp.category)
		}
		orgs := g.demandOrganizations(rng, dp, dp.count[set])
		codes := make([]string, len(orgs))
		for k, o := range orgs {
			codes[k] = o.Code
		}
		current, err := g.coreContracts(ctx, cats[i].ID, codes, dp.core, today)
		if err != nil {
			return err
		}
		for _, o := range orgs {
			d := drawDemand(rng, dp, o, current[o.Code], today)
			d.CategoryID = cats[i].ID
			if err := d.Validate(); err != nil {
				return fmt.Errorf("demand of %s in %q: %w", o.Code, dp.category, err)
			}
			if _, err := g.ps.CreateDemand(ctx, d); err != nil {
				return err
			}
			g.sum.Demand++
		}
	}
	return nil
}

// demandOrganizations draws n organizations that register demand under dp.
func (g *generator) demandOrganizations(rng *rand.Rand, dp demandPlan, n int) []contracts.Organization {
	inTelephony := map[string]bool{}
	if dp.outsideTelephony && g.telephony != nil {
		for _, p := range g.telephony.participants {
			inTelephony[p.Organization] = p.Mandate.Status != procurement.MandateRevoked
		}
	}
	var pool []contracts.Organization
	for _, k := range demandKinds {
		for _, o := range g.orgs[k] {
			if !inTelephony[o.Code] {
				pool = append(pool, o)
			}
		}
	}
	out := make([]contracts.Organization, 0, n)
	for _, i := range rng.Perm(len(pool))[:min(n, len(pool))] {
		out = append(out, pool[i])
	}
	return out
}

// coreContracts returns, by organization code, the running contract with
// the given title in the category of each of orgs that has one; with
// several, the one committed longest.
func (g *generator) coreContracts(ctx context.Context, category int64, orgs []string, title string, today contracts.Date) (map[string]contracts.ContractSummary, error) {
	out := map[string]contracts.ContractSummary{}
	if len(orgs) == 0 {
		return out, nil
	}
	cs, err := g.ps.CategoryContracts(ctx, category, orgs)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if c.Title != title || c.Status != contracts.StatusActive {
			continue
		}
		c.Dates = c.Contract.Dates(today)
		if old, ok := out[c.Organization]; !c.Dates.Expired && (!ok || old.Dates.CommittedEnd.Before(c.Dates.CommittedEnd)) {
			out[c.Organization] = c
		}
	}
	return out, nil
}

// drawDemand draws o's demand under dp; current is the contract it
// replaces (ID 0: none).
func drawDemand(rng *rand.Rand, dp demandPlan, o contracts.Organization, current contracts.ContractSummary, today contracts.Date) procurement.Demand {
	staff := float64(staffOf(o))
	qty := int64(roundNice(staff * (dp.perStaff[0] + (dp.perStaff[1]-dp.perStaff[0])*rng.Float64())))
	budget := float64(contracts.Money(qty)*dp.price) * (0.9 + 0.35*rng.Float64())
	d := procurement.Demand{
		Organization: o.Code, Quantity: qty, Unit: dp.unit,
		DesiredStart: firstOfMonth(today).AddMonths(between(rng, 3, 26)),
		// Whole hundreds of euros.
		AnnualBudget: contracts.Money(math.Round(budget/10_000)) * 10_000,
		Status:       pick(rng, []weighted[procurement.DemandStatus]{{procurement.DemandSubmitted, 75}, {procurement.DemandDraft, 20}, {procurement.DemandWithdrawn, 5}}),
	}
	if note := rng.IntN(2 * len(demandNotes)); note < len(demandNotes) {
		d.Notes = demandNotes[note]
	}
	if current.ID != 0 {
		d.ReplacesContractID = current.ID
		// Not before the contract it replaces is free, when that is
		// within the horizon; later is fine, a renewal bridges.
		if next := current.Dates.CommittedEnd.AddDays(1); next.After(d.DesiredStart) && !next.After(today.AddMonths(26)) {
			d.DesiredStart = next
		}
	}
	return d
}
