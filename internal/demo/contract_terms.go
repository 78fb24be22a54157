package demo

import (
	"math"

	"github.com/samenkoop/samenkoop/contracts"
)

// One generated contract's terms (start, term, renewal and notice), its
// GIBIT exit facts and its licence lines.

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
