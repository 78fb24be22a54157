package store

import "github.com/samenkoop/samenkoop/contracts"

// What a spend pass reads of a contract's stored dates when it asks for
// them (contracts.SpendFilter.StoredFor): three flags computed in the
// query from the columns the list indexes keep, so that the dependency
// pass computes a contract's Dates only when its stored dates were
// computed for another day or put a deadline in the report's window.

// storedFactColumns returns the select-list columns and their arguments
// of the stored facts f asks for; none when it asks for none.
func storedFactColumns(f contracts.SpendFilter) (string, []any) {
	if f.StoredFor.IsZero() {
		return "", nil
	}
	day, until := f.StoredFor.String(), f.StoredUntil.String()
	return `, c.dates_as_of = ?, c.expired,
		(c.notice_deadline BETWEEN ? AND ? OR c.option_decision BETWEEN ? AND ? OR c.committed_end <> c.current_end)`,
		[]any{day, day, until, day, until}
}

// storedFactsRow holds the scan targets of storedFactColumns.
type storedFactsRow struct{ fresh, expired, deadline intCol }

func (r *storedFactsRow) dest() []any { return []any{&r.fresh, &r.expired, &r.deadline} }

func (r *storedFactsRow) facts() contracts.StoredFacts {
	return contracts.StoredFacts{Fresh: r.fresh != 0, Expired: r.expired != 0, Deadline: r.deadline != 0}
}
