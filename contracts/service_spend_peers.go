package contracts

import (
	"context"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// One organization's spend per inhabitant next to its size-class peers'
// (PeerComparison); the peers are read from the whole register but not
// named.

// PeerComparison compares one organization's spend per inhabitant with
// its peers: the organizations of the same kind and size class
// (SizeClassOf) with spend in the year, the organization itself among
// them. An organization without registered spend is no peer: an empty
// register is not a cheap municipality.
type PeerComparison struct {
	Organization Organization
	SizeClass    SizeClass
	Year         int
	AsOf         Date
	Amount       Money
	// PerInhabitant is the organization's spend per inhabitant, in cents.
	PerInhabitant Money
	// Peers counts the organizations compared, the organization included
	// when it has spend.
	Peers int
	// Min, Q1, Median, Q3 and Max describe the peers' spend per
	// inhabitant, in cents: quartiles by linear interpolation between the
	// sorted values (as a spreadsheet's QUARTILE.INC), rounded to the cent.
	Min, Q1, Median, Q3, Max Money
	// Rank is the organization's place among the peers from the lowest
	// spend per inhabitant (1) up; 0 when it has no spend.
	Rank int
	// TooFewPeers is set when fewer than MinPeers organizations compare:
	// then the minimum, maximum and quartiles (and the rank) are left out,
	// because with two peers the maximum is the other's spend.
	TooFewPeers bool
}

// MinPeers is the fewest organizations a peer comparison shows figures
// for, so that no single peer's spend can be read off the minimum, the
// maximum or a quartile.
const MinPeers = 5

// PeerComparison returns organization's spend per inhabitant in year next
// to its size-class peers'. The organization must be in scope; the peers
// are read from the whole register but not named. An
// organization without a population has no size class:
// apperr.FieldErrors ("organization").
func (s *Service) PeerComparison(ctx context.Context, scope Scope, organization string, year int) (PeerComparison, error) {
	var fe apperr.FieldErrors
	checkYear(&fe, "year", year)
	if err := fe.Err(); err != nil {
		return PeerComparison{}, err
	}
	o, err := s.scopedOrganization(ctx, scope, organization)
	if err != nil {
		return PeerComparison{}, fmt.Errorf("contracts: peer comparison: %w", err)
	}
	today := s.Today()
	out := PeerComparison{Organization: o, SizeClass: o.SizeClass(), Year: year, AsOf: today}
	if out.SizeClass == SizeUnknown {
		return out, apperr.FieldProblem("organization", apperr.NoPopulation, o.Code)
	}
	parts, err := spendEach(ctx, s, SpendFilter{Scope: Everyone(), Lean: true}, today, year, 1, &CellKeys{Organization: true}, func() map[string]*peerSpend { return map[string]*peerSpend{} },
		func(m map[string]*peerSpend, sc *SpendContract, _ int, spend SpendSplit, _ int) {
			if sc.OrganizationKind != o.Kind || SizeClassOf(sc.Population) != out.SizeClass {
				return
			}
			p := m[sc.Organization]
			if p == nil {
				p = &peerSpend{population: sc.Population}
				m[sc.Organization] = p
			}
			p.amount = SatAdd(p.amount, spend.Total())
		})
	if err != nil {
		return out, fmt.Errorf("contracts: peer comparison: %w", err)
	}
	totals := map[string]*peerSpend{}
	for _, m := range parts {
		for code, p := range m {
			if t := totals[code]; t != nil {
				t.amount = SatAdd(t.amount, p.amount)
			} else {
				totals[code] = p
			}
		}
	}
	values := make([]Money, 0, len(totals))
	for _, p := range totals {
		values = append(values, perInhabitant(p.amount, p.population))
	}
	slices.Sort(values)
	out.Peers = len(values)
	if own := totals[o.Code]; own != nil {
		out.Amount, out.PerInhabitant = own.amount, perInhabitant(own.amount, o.Population)
		out.Rank = 1 + slices.IndexFunc(values, func(v Money) bool { return v >= out.PerInhabitant })
	}
	if len(values) < MinPeers {
		out.TooFewPeers, out.Rank = true, 0
		return out, nil
	}
	out.Min, out.Max = values[0], values[len(values)-1]
	out.Q1, out.Median, out.Q3 = quartile(values, 1), quartile(values, 2), quartile(values, 3)
	return out, nil
}

// peerSpend is one organization's spend in a peer comparison.
type peerSpend struct {
	amount     Money
	population int
}

// quartile returns the k-th quartile (k = 1, 2, 3) of sorted, non-empty
// values by linear interpolation between the closest ranks (position
// (n−1)·k/4, as QUARTILE.INC), rounded half away from zero.
func quartile(sorted []Money, k int) Money {
	pos := (len(sorted) - 1) * k
	i, rest := pos/4, pos%4
	if rest == 0 {
		return sorted[i]
	}
	lo, hi := sorted[i], sorted[i+1]
	return lo + Money(mulDivRound(int64(hi-lo), int64(rest), 1, 4))
}
