package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// This file plans the joint telephony tender, the model case of issue 5:
// one tender for fixed telephony, mobile communication and data on behalf
// of hundreds of public bodies, as in the joint telecom tender that 283
// bodies (241 municipalities) joined by mandate. The plan is made before
// the contracts stage, because the participants' current telephony
// contracts are dated after it: some run past the planned start, some end
// before it with a renewal or option left to bridge the gap, and some end
// before it without one.

// telephonyCategory is the register category of the tender and of the
// current contracts its gaps compare with.
const telephonyCategory = "Vaste telefonie en data"

// telephonyTitle is the title of the joint telephony tender.
const telephonyTitle = "Gezamenlijke aanbesteding telefonie en data"

// The national model case: 283 participants, 241 of them municipalities,
// and 42 other bodies spread over the kinds as telephonyOthers says.
const telephonyMunicipalities = 241

var telephonyOthers = []struct {
	kind contracts.OrgKind
	n    int
}{
	{contracts.KindProvince, 6}, {contracts.KindWaterBoard, 12}, {contracts.KindJointArrangement, 20}, {contracts.KindOther, 4},
}

// telephonyLots are the tender's lots, numbered from 1 in this order. The
// unit prices are yearly prices per unit, excluding VAT.
var telephonyLots = []procurement.Lot{
	{Title: "Vaste telefonie", CPV: "64211000-8", Unit: "gebruikers", UnitPrice: 10_200},      // € 8,50 a month
	{Title: "Mobiele communicatie", CPV: "64212000-5", Unit: "simkaarten", UnitPrice: 17_400}, // € 14,50 a month
	{Title: "Data en internet", CPV: "72400000-4", Unit: "locaties", UnitPrice: 540_000},      // € 450 a month per fibre connection
}

// telephonyDescription states the tender's scope and, because the
// framework runs longer than 48 months with its options, the objective
// justification Aw 2012 art. 2.140 asks for.
const telephonyDescription = "Gezamenlijke Europese aanbesteding van vaste telefonie, mobiele communicatie en data- en " +
	"internetverbindingen namens alle deelnemers, via een raamovereenkomst per perceel waaronder elke deelnemer " +
	"zijn eigen nadere overeenkomst sluit.\n\n" +
	"Looptijd: 48 maanden met twee opties tot verlenging van elk 12 maanden. Een looptijd van meer dan 48 maanden " +
	"is objectief gerechtvaardigd (Aanbestedingswet 2012 art. 2.140): de overgang van alle deelnemers naar de nieuwe " +
	"leverancier, met nummerportering, koppelingen en nieuwe toestellen, duurt 12 tot 18 maanden, en de investeringen " +
	"van de leverancier daarin verdienen zich pas over zes jaar terug."

// telephonyPlan is the joint telephony tender as the telephony stage plans
// it and the tenders stage writes it.
type telephonyPlan struct {
	// tender lacks its category id, which the tenders stage looks up.
	tender procurement.Tender
	// start is the planned start of the new contracts, from the plan's
	// timeline under the default rules.
	start contracts.Date
	// participants are in the order they were chosen; their volumes name
	// the lot by number (1–3) in LotID until the tender is written.
	participants []procurement.Participant
	// endings holds, by organization code, the terms of each participant's
	// current contracts in telephonyCategory.
	endings map[string]plannedEnding
}

// plannedEnding is how a participant's current telephony contract meets
// the planned start, and the contract terms that make it so.
type plannedEnding struct {
	kind  endingKind
	terms contracts.Contract // only the term fields: see apply
}

// apply gives c the planned terms: its start, term, renewal, options and
// notice. Title, vendor, value and exit facts stay as drawn.
func (e plannedEnding) apply(c *contracts.Contract) {
	t := e.terms
	c.Start, c.InitialTermMonths = t.Start, t.InitialTermMonths
	c.RenewalKind, c.RenewalPeriodMonths = t.RenewalKind, t.RenewalPeriodMonths
	c.MaxRenewals, c.MaxEnd, c.RenewalsExercised = t.MaxRenewals, contracts.Date{}, t.RenewalsExercised
	c.NoticeMonths, c.NoticeGivenOn = t.NoticeMonths, t.NoticeGivenOn
	c.NoticeDays, c.NoticeEndsAnyDay = t.NoticeDays, t.NoticeEndsAnyDay
}

// endingKind says how a current contract meets the planned start, in the
// terms of procurement.Gaps.
type endingKind string

// The ways a current contract meets the planned start.
const (
	// endsAfterStart: committed past the planned start (an overlap).
	endsAfterStart endingKind = "overlap"
	// endsAtStart: ends the day before the planned start, without renewal
	// or with notice given.
	endsAtStart endingKind = "fits"
	// bridgedByRenewal: ends before the planned start and renews tacitly.
	bridgedByRenewal endingKind = "tacit renewal bridges"
	// bridgedByOption: ends before the planned start with an extension
	// option left that reaches it.
	bridgedByOption endingKind = "option bridges"
	// atRiskNoRenewal: ends before the planned start without renewal.
	atRiskNoRenewal endingKind = "no renewal"
	// atRiskOptionsUsed: ends before the planned start, every option used.
	atRiskOptionsUsed endingKind = "options used"
	// atRiskShortOption: ends before the planned start with a three-month
	// option that does not reach it.
	atRiskShortOption endingKind = "option too short"
)

// endingShares weighs the endings; the first takes what rounding leaves.
var endingShares = []weighted[endingKind]{
	{endsAfterStart, 34}, {endsAtStart, 8}, {bridgedByRenewal, 20}, {bridgedByOption, 12},
	{atRiskNoRenewal, 14}, {atRiskOptionsUsed, 7}, {atRiskShortOption, 5},
}

// planTelephony chooses the joint telephony tender's participants and lead,
// dates the tender relative to today, and draws each participant's
// volumes, mandate and current contract ending. It writes nothing.
func planTelephony(_ context.Context, g *generator) error {
	rng := g.rng
	today := contracts.DateOf(g.opts.Now())
	orgs := g.telephonyParticipants()
	if len(orgs) == 0 {
		return nil
	}
	lead := orgs[0]
	for _, o := range orgs {
		if o.Kind == contracts.KindMunicipality && (lead.Kind != contracts.KindMunicipality || o.Population > lead.Population) {
			lead = o
		}
	}
	t, start, err := telephonyTerms(lead.Code, today)
	if err != nil {
		return err
	}
	p := &telephonyPlan{tender: t, start: start, endings: make(map[string]plannedEnding, len(orgs))}
	statuses := mandateStatuses(rng, len(orgs), slices.IndexFunc(orgs, func(o contracts.Organization) bool { return o.Code == lead.Code }))
	kinds := endingKinds(rng, len(orgs))
	for i, o := range orgs {
		joined := today.AddDays(-between(rng, 45, 150))
		if o.Code == lead.Code {
			joined = today.AddDays(-150)
		}
		p.participants = append(p.participants, procurement.Participant{
			Organization: o.Code, Joined: joined,
			Volumes: telephonyVolumes(rng, o, o.Code == lead.Code),
			Mandate: drawMandate(rng, o, statuses[i], joined, today),
			Name:    o.Name, Kind: o.Kind, Province: o.Province, Population: o.Population,
		})
		kind, terms := planEnding(rng, kinds[i], today, start)
		p.endings[o.Code] = plannedEnding{kind: kind, terms: terms}
	}
	g.telephony = p
	return nil
}

// telephonyTerms returns the telephony tender led by lead, as of today,
// and the planned start of its contracts: the notice goes out on the
// first of the month four months on, and the start follows from the
// legal periods and the default planning durations. The needed start is
// the first of the month after that.
func telephonyTerms(lead string, today contracts.Date) (procurement.Tender, contracts.Date, error) {
	t := procurement.Tender{
		Title: telephonyTitle, Description: telephonyDescription, CPV: "64200000-8", Lead: lead,
		Kind: procurement.KindServices, Framework: true, FrameworkJustified: true,
		TermMonths: 48, Options: []procurement.Option{{Months: 12}, {Months: 12}},
		Electronic: true, DocumentsOnline: true,
		Publication: firstOfMonth(today).AddMonths(4),
		Status:      procurement.TenderMandating,
	}
	plan := procurement.ComputePlan(procurement.PlanInput{Tender: t, Today: today, Rules: procurement.DefaultRules()})
	start := plan.Start()
	if start.IsZero() {
		return t, start, fmt.Errorf("%s: no planned start: %s", telephonyTitle, plan.TimelineProblem.Message())
	}
	t.NeededStart = firstOfMonth(start).AddMonths(1)
	return t, start, nil
}

// telephonyParticipants chooses the tender's participants: every
// municipality of the small set; at the larger scales 241 municipalities,
// every one of 100,000 inhabitants or more among them, and 42 other
// bodies, or as many as there are.
func (g *generator) telephonyParticipants() []contracts.Organization {
	munis := g.orgs[contracts.KindMunicipality]
	if g.opts.Scale == ScaleSmall {
		return slices.Clone(munis)
	}
	var out []contracts.Organization
	chosen := map[string]bool{}
	for _, m := range munis {
		if m.Population >= 100_000 && len(out) < telephonyMunicipalities {
			out, chosen[m.Code] = append(out, m), true
		}
	}
	for _, i := range g.rng.Perm(len(munis)) {
		if m := munis[i]; len(out) < telephonyMunicipalities && !chosen[m.Code] {
			out, chosen[m.Code] = append(out, m), true
		}
	}
	for _, k := range telephonyOthers {
		bodies := g.orgs[k.kind]
		for _, i := range g.rng.Perm(len(bodies))[:min(k.n, len(bodies))] {
			out = append(out, bodies[i])
		}
	}
	return out
}

// mandateStatuses draws the participants' mandate statuses so that the
// progress reads as in the model case, 241 of 283 signed: that share of
// them signed, about 5 in 283 revoked (at least two) and the rest still
// requested. The lead authority, at index lead, has signed.
func mandateStatuses(rng *rand.Rand, n, lead int) []procurement.MandateStatus {
	signed := (n*241 + 141) / 283
	revoked := 0
	if n >= 10 {
		revoked = max(2, (n*5+141)/283)
	}
	out := make([]procurement.MandateStatus, 0, n)
	for i := range n {
		switch {
		case i < signed:
			out = append(out, procurement.MandateSigned)
		case i < n-revoked:
			out = append(out, procurement.MandateRequested)
		default:
			out = append(out, procurement.MandateRevoked)
		}
	}
	rng.Shuffle(n, func(i, j int) { out[i], out[j] = out[j], out[i] })
	if lead >= 0 && out[lead] != procurement.MandateSigned {
		k := slices.Index(out, procurement.MandateSigned)
		if k >= 0 {
			out[k], out[lead] = out[lead], out[k]
		}
	}
	return out
}

// drawMandate draws a participant's mandate with the given status: asked
// for soon after joining, signed a few weeks to two months later by the
// body that decides for its kind, with a reference to that decision.
func drawMandate(rng *rand.Rand, o contracts.Organization, status procurement.MandateStatus, joined, today contracts.Date) procurement.Mandate {
	m := procurement.Mandate{
		Status:    status,
		Requested: joined.AddDays(rng.IntN(11)),
		Scope: procurement.MandateScope{
			Documents: true, Award: true, Litigation: rng.IntN(100) < 85, Substitution: rng.IntN(100) < 25,
		},
	}
	body, decision, numbers := decidingBody(rng, o)
	decided := m.Requested.AddDays(between(rng, 14, 70))
	if !decided.Before(today) {
		decided = today.AddDays(-between(rng, 1, 7))
		if decided.Before(m.Requested) {
			decided = m.Requested
		}
	}
	number := between(rng, 1, numbers)
	switch status {
	case procurement.MandateSigned:
		m.Signed, m.Body = decided, body
		m.Reference = fmt.Sprintf("%s %d/%d", decision, decided.Year(), number)
	case procurement.MandateRevoked:
		m.Body = body
		m.Reference = fmt.Sprintf("Intrekking mandaat, %s %d/%d", decision, decided.Year(), number)
	}
	return m
}

// decidingBody returns who grants an organization's mandate, what its
// decisions are called and about how many it numbers in a year. A
// municipality's college decides on procurement (Gemeentewet art. 160),
// its council now and then where it reserved the decision.
func decidingBody(rng *rand.Rand, o contracts.Organization) (procurement.DecidingBody, string, int) {
	switch o.Kind {
	case contracts.KindMunicipality:
		if rng.IntN(100) < 15 {
			return procurement.BodyCouncil, "Raadsbesluit", 120
		}
		return procurement.BodyCollege, "B&W-besluit", 480
	case contracts.KindProvince:
		return procurement.BodyExecutiveBoard, "GS-besluit", 400
	case contracts.KindWaterBoard:
		return procurement.BodyExecutiveBoard, "DB-besluit", 150
	case contracts.KindJointArrangement:
		if rng.IntN(100) < 30 {
			return procurement.BodyGeneralBoard, "AB-besluit", 40
		}
		return procurement.BodyExecutiveBoard, "DB-besluit", 90
	}
	return procurement.BodyDirector, "Directiebesluit", 60
}

// telephonyVolumes draws a participant's quantities per lot from its staff
// and, for data, its population: a user and most of a SIM card per member
// of staff, and a fibre connection per location. About one in ten takes
// no data lot because it has its own network; the lead takes every lot.
// The annual value is the quantity at the lot's unit price.
func telephonyVolumes(rng *rand.Rand, o contracts.Organization, lead bool) []procurement.LotVolume {
	staff := float64(staffOf(o))
	locations := int64(between(rng, 1, 6))
	if o.Kind == contracts.KindMunicipality {
		locations = int64(2 + o.Population/12_000 + rng.IntN(3))
	}
	qty := []int64{
		int64(roundNice(staff * (0.7 + 0.3*rng.Float64()))),
		int64(roundNice(staff * (0.5 + 0.4*rng.Float64()))),
		locations,
	}
	if rng.IntN(10) == 0 && !lead {
		qty[2] = 0
	}
	var out []procurement.LotVolume
	for i, q := range qty {
		if q > 0 {
			out = append(out, procurement.LotVolume{LotID: int64(i + 1), Quantity: q, Annual: contracts.Money(q) * telephonyLots[i].UnitPrice})
		}
	}
	return out
}

// staffOf estimates an organization's staff, which its volumes and demand
// follow: about 7 per 1,000 inhabitants, as the contracts stage reckons,
// with the spend-equivalent population for bodies that are not
// municipalities, fixed by their code so that every stage gives the same.
func staffOf(o contracts.Organization) int {
	inhabitants := o.Population
	if o.Kind != contracts.KindMunicipality || inhabitants == 0 {
		r, ok := equivalentInhabitants[o.Kind]
		if !ok {
			r = equivalentInhabitants[contracts.KindOther]
		}
		h := fnv.New32a()
		h.Write([]byte(o.Code))
		inhabitants = r[0] + int(h.Sum32()%uint32(r[1]-r[0]+1))
	}
	return max(12, inhabitants*7/1000)
}

// endingKinds deals the endings out over n participants in proportion to
// endingShares, each at least once when there are enough participants,
// in random order.
func endingKinds(rng *rand.Rand, n int) []endingKind {
	total := 0
	for _, s := range endingShares {
		total += s.w
	}
	out := make([]endingKind, 0, n)
	for _, s := range endingShares[1:] {
		for range max(1, (n*s.w+total/2)/total) {
			if len(out) < n {
				out = append(out, s.v)
			}
		}
	}
	for len(out) < n {
		out = append(out, endingShares[0].v)
	}
	rng.Shuffle(n, func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// planEnding draws the terms of a current contract that meets start as
// kind says, as of today, and returns the kind it meets it by: a contract
// cannot end the day before a start on a day that the month its term
// began in lacks (the 30th, say, from February), so that one runs past
// the start instead. Ends before the
// start lie one to six months before its month, and at least two months
// after today, so that a notice or option deadline is still ahead.
func planEnding(rng *rand.Rand, kind endingKind, today, start contracts.Date) (endingKind, contracts.Contract) {
	first := firstOfMonth(start)
	before := func(lo, hi int) contracts.Date {
		k := between(rng, lo, hi)
		for k > lo && first.AddMonths(-k).Before(today.AddMonths(2)) {
			k--
		}
		return first.AddMonths(-k).AddDays(-1)
	}
	// noticeBefore is a notice period of at most max months whose deadline
	// for end lies after today.
	noticeBefore := func(end contracts.Date, most int) int {
		return max(1, min(between(rng, 1, most), monthsBetween(today, end.AddDays(1))-1))
	}
	// from is the start of a contract that ends on end after months.
	from := func(end contracts.Date, months int) contracts.Date { return end.AddDays(1).AddMonths(-months) }

	c := contracts.Contract{RenewalPeriodMonths: 12}
	switch kind {
	case endsAtStart:
		c.InitialTermMonths = pick(rng, []weighted[int]{{36, 1}, {48, 1}})
		tacit, renewals, given := rng.IntN(2) == 0, rng.IntN(3), between(rng, 7, 90)
		months := c.InitialTermMonths
		if tacit {
			months += 12 * renewals
		}
		if c.Start = start.AddMonths(-months); c.Start.AddMonths(months) != start {
			// The start's day does not exist that many months earlier.
			return planEnding(rng, endsAfterStart, today, start)
		}
		if !tacit {
			c.RenewalKind, c.RenewalPeriodMonths = contracts.RenewalNone, 0
			break
		}
		// Renews tacitly, and notice was given to end it at the start.
		c.RenewalKind, c.NoticeMonths, c.NoticeGivenOn = contracts.RenewalTacit, 3, today.AddDays(-given)
	case bridgedByRenewal:
		end := before(1, 6)
		renewals := rng.IntN(3)
		c.RenewalKind, c.InitialTermMonths = contracts.RenewalTacit, pick(rng, []weighted[int]{{24, 1}, {36, 1}})
		c.NoticeMonths = noticeBefore(end, 3)
		c.Start = from(end, c.InitialTermMonths+12*renewals)
		if rng.IntN(10) < 4 {
			c.MaxRenewals = renewals + between(rng, 1, 3)
		}
	case bridgedByOption:
		end := before(1, 6)
		c.RenewalKind, c.InitialTermMonths = contracts.RenewalExpress, pick(rng, []weighted[int]{{36, 1}, {48, 1}})
		c.MaxRenewals = between(rng, 1, 2)
		c.RenewalsExercised = rng.IntN(c.MaxRenewals)
		c.NoticeMonths = noticeBefore(end, 3)
		c.Start = from(end, c.InitialTermMonths+12*c.RenewalsExercised)
	case atRiskNoRenewal:
		end := before(1, 6)
		c.RenewalKind, c.RenewalPeriodMonths = contracts.RenewalNone, 0
		c.InitialTermMonths = pick(rng, []weighted[int]{{24, 1}, {36, 2}, {48, 2}})
		c.Start = from(end, c.InitialTermMonths)
	case atRiskOptionsUsed:
		end := before(1, 6)
		c.RenewalKind, c.InitialTermMonths, c.NoticeMonths = contracts.RenewalExpress, 36, 3
		c.MaxRenewals = between(rng, 1, 2)
		c.RenewalsExercised = c.MaxRenewals
		c.Start = from(end, c.InitialTermMonths+12*c.MaxRenewals)
	case atRiskShortOption:
		// A three-month option reaches three months past the end, which
		// lies four to six months before the start's month.
		end := before(4, 6)
		c.RenewalKind, c.RenewalPeriodMonths, c.MaxRenewals = contracts.RenewalExpress, 3, 1
		c.InitialTermMonths = pick(rng, []weighted[int]{{24, 1}, {36, 1}})
		c.NoticeMonths = noticeBefore(end, 3)
		c.Start = from(end, c.InitialTermMonths)
	default: // endsAfterStart
		end := first.AddMonths(between(rng, 2, 24)).AddDays(-1)
		// A term long enough that the contract started more than a year
		// ago, as every running demo contract did.
		need := monthsBetween(today, end.AddDays(1)) + 13
		c.InitialTermMonths = pick(rng, []weighted[int]{{36, 2}, {48, 2}, {60, 1}})
		for c.InitialTermMonths < need {
			c.InitialTermMonths += 12
		}
		c.Start = from(end, c.InitialTermMonths)
		switch c.RenewalKind = pick(rng, telecomTerms); c.RenewalKind {
		case contracts.RenewalTacit:
			c.NoticeMonths = between(rng, 1, 3)
		case contracts.RenewalExpress:
			c.MaxRenewals, c.NoticeMonths = between(rng, 1, 2), pick(rng, optionNotice)
		default:
			c.RenewalPeriodMonths = 0
		}
		return endsAfterStart, c
	}
	return kind, c
}

// monthsBetween returns the whole months from a to b: the largest m with
// a + m months on or before b (0 when b is not after a).
func monthsBetween(a, b contracts.Date) int {
	m := max(0, (b.Year()-a.Year())*12+int(b.Month())-int(a.Month()))
	for m > 0 && a.AddMonths(m).After(b) {
		m--
	}
	return m
}
