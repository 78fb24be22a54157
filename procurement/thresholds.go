package procurement

import (
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// ContractKind is the kind of public contract a threshold and the value
// rules distinguish (Directive 2014/24/EU art. 2 and art. 4).
type ContractKind string

// The contract kinds. KindSocial is "social and other specific services"
// (Directive 2014/24/EU art. 74 and Annex XIV), which has its own threshold.
const (
	KindSupplies ContractKind = "supplies"
	KindServices ContractKind = "services"
	KindWorks    ContractKind = "works"
	KindSocial   ContractKind = "social"
)

// ContractKinds returns the contract kinds.
func ContractKinds() []ContractKind {
	return []ContractKind{KindSupplies, KindServices, KindWorks, KindSocial}
}

// Valid reports whether k is one of the known contract kinds.
func (k ContractKind) Valid() bool {
	switch k {
	case KindSupplies, KindServices, KindWorks, KindSocial:
		return true
	}
	return false
}

// euro is one euro in contracts.Money (cents).
const euro contracts.Money = 100

// Threshold is one validity period of the EU thresholds for sub-central
// contracting authorities, excluding VAT. From and To are inclusive
// calendar dates. Source names the legal act, for the stated reasons; it
// may be empty in a configured override.
type Threshold struct {
	From, To                          contracts.Date
	Supplies, Services, Works, Social contracts.Money
	Source                            string
}

// DefaultThresholds returns the EU thresholds for sub-central contracting
// authorities (municipalities, provinces, water boards):
//
//   - 2024-01-01 to 2025-12-31, Delegated Regulation (EU) 2023/2495:
//     supplies and services €221,000, works €5,538,000;
//   - 2026-01-01 to 2027-12-31, Delegated Regulation (EU) 2025/2152:
//     supplies and services €216,000, works €5,404,000;
//
// and for social and other specific services €750,000 in both periods
// (Directive 2014/24/EU art. 4(d), not revised by the delegated acts).
// The configuration may replace this table; check it with
// ValidateThresholds.
func DefaultThresholds() []Threshold {
	return []Threshold{
		{
			From: contracts.NewDate(2024, 1, 1), To: contracts.NewDate(2025, 12, 31),
			Supplies: 221_000 * euro, Services: 221_000 * euro, Works: 5_538_000 * euro, Social: 750_000 * euro,
			Source: "Gedelegeerde Verordening (EU) 2023/2495",
		},
		{
			From: contracts.NewDate(2026, 1, 1), To: contracts.NewDate(2027, 12, 31),
			Supplies: 216_000 * euro, Services: 216_000 * euro, Works: 5_404_000 * euro, Social: 750_000 * euro,
			Source: "Gedelegeerde Verordening (EU) 2025/2152",
		},
	}
}

// covers reports whether d falls in t's period, both ends inclusive.
func (t Threshold) covers(d contracts.Date) bool {
	return !d.Before(t.From) && !d.After(t.To)
}

// amount returns t's threshold for kind, or false for an unknown kind.
func (t Threshold) amount(kind ContractKind) (contracts.Money, bool) {
	switch kind {
	case KindSupplies:
		return t.Supplies, true
	case KindServices:
		return t.Services, true
	case KindWorks:
		return t.Works, true
	case KindSocial:
		return t.Social, true
	}
	return 0, false
}

// ThresholdFor returns the EU threshold for kind from table, choosing the
// period by the planned publication date of the contract notice: the
// threshold in force when the procedure starts applies, since Directive
// 2014/24/EU art. 5 values the contract at the moment the call for
// competition is sent. A date no period covers, a zero date or an
// unknown kind is an error wrapping apperr.Invalid.
func ThresholdFor(table []Threshold, kind ContractKind, publication contracts.Date) (contracts.Money, error) {
	t, err := periodFor(table, publication)
	if err != nil {
		return 0, err
	}
	m, ok := t.amount(kind)
	if !ok {
		return 0, fmt.Errorf("procurement: threshold: unknown contract kind %q: %w", kind, apperr.Invalid)
	}
	return m, nil
}

// periodFor returns the period of table that covers publication.
func periodFor(table []Threshold, publication contracts.Date) (Threshold, error) {
	if publication.IsZero() {
		return Threshold{}, fmt.Errorf("procurement: threshold: no publication date: %w", apperr.Invalid)
	}
	for _, t := range table {
		if t.covers(publication) {
			return t, nil
		}
	}
	return Threshold{}, fmt.Errorf("procurement: threshold: no period covers %s: %w", publication, apperr.Invalid)
}

// ValidateThresholds checks a configured threshold table: every period has
// both dates with From ≤ To, every amount is positive, and no two periods
// overlap. It reports every problem as apperr.FieldErrors, with fields
// such as "thresholds[1].works".
func ValidateThresholds(table []Threshold) error {
	var fe apperr.FieldErrors
	if len(table) == 0 {
		fe.Add("thresholds", apperr.ThresholdsEmpty)
	}
	for i, t := range table {
		f := fmt.Sprintf("thresholds[%d]", i)
		switch {
		case t.From.IsZero():
			fe.Add(f+".from", apperr.Required)
		case t.To.IsZero():
			fe.Add(f+".to", apperr.Required)
		case t.To.Before(t.From):
			fe.Add(f+".to", apperr.ToBeforeFrom)
		}
		for _, a := range []struct {
			field string
			m     contracts.Money
		}{{"supplies", t.Supplies}, {"services", t.Services}, {"works", t.Works}, {"social", t.Social}} {
			if a.m <= 0 {
				fe.Add(f+"."+a.field, apperr.Positive)
			}
		}
	}
	order := make([]int, 0, len(table))
	for i, t := range table {
		if !t.From.IsZero() && !t.To.IsZero() && !t.To.Before(t.From) {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case table[a].From.Before(table[b].From):
			return -1
		case table[a].From.After(table[b].From):
			return 1
		}
		return 0
	})
	for k := 1; k < len(order); k++ {
		prev, cur := table[order[k-1]], table[order[k]]
		if !cur.From.After(prev.To) {
			fe.Add(fmt.Sprintf("thresholds[%d].from", order[k]), apperr.ThresholdOverlap, apperr.Day(prev.From.String()), apperr.Day(prev.To.String()))
		}
	}
	return fe.Err()
}
