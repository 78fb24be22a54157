package contracts

import "context"

// The dates the store keeps of each contract (current end, committed end,
// notice deadline, action date, option decision, final end) are a copy of
// Dates computed for one day, the row's "as of" day, so that SQL can
// filter and sort the contract list on them. The rules stay in Dates.
//
// The copy goes stale when the calendar moves on: RefreshDates brings it
// up to date, run by the server as a job at 00:00 Europe/Amsterdam and at
// start-up, never inside a request. Between midnight and the end of that
// job (seconds; longer only if the job fails and until its retry) rows
// are stored for an earlier day. Reads stay read-only and still answer
// for today: the dates they return per row are computed for today, and
// the rows whose stored copy may have moved since its day
// (Dates.MayMoveBetween) are computed afresh for the request, their
// dates for today handed to the store (ContractFilter.DatesToday) for the
// list's date filters and sort. Most rows keep their dates from one day
// to the next, so the request computes only the few that could change.

// MayMoveBetween reports whether a contract's dates stored for asOf (d)
// can differ from its dates for today, a later day. They can only when
// one of the dates that moves the others once it has passed lay on or
// after asOf and before today: the current end (a tacit renewal takes
// effect, an indefinitely continued contract passes its initial end), the
// notice deadline (notice was missed, or a rolling deadline moves on) or
// the option decision (an express option lapses); the committed end is
// counted too, since it moves with them. A date before asOf had already
// passed when d was computed, and d accounted for it. The store selects
// the same rows in SQL (Store.MovedContracts); renewal_moved_test.go
// checks this rule against Dates for many contracts and days.
func (d Dates) MayMoveBetween(asOf, today Date) bool {
	if !asOf.Before(today) {
		return false
	}
	for _, x := range [...]Date{d.CurrentEnd, d.CommittedEnd, d.NoticeDeadline, d.OptionDecision} {
		if !x.IsZero() && !x.Before(asOf) && x.Before(today) {
			return true
		}
	}
	return false
}

// storedDatesEqual compares the dates the store keeps of a contract.
func storedDatesEqual(a, b Dates) bool {
	return a.CurrentEnd == b.CurrentEnd && a.CommittedEnd == b.CommittedEnd && a.NoticeDeadline == b.NoticeDeadline &&
		a.ActionDate == b.ActionDate && a.OptionDecision == b.OptionDecision && a.FinalEnd == b.FinalEnd
}

// StaleDates reports whether the dates of any contract are stored for a
// day before today, or the maintained spend model is missing or computed
// for another day or indexation, so that RefreshDates has work to do.
func (s *Service) StaleDates(ctx context.Context) (bool, error) {
	today := s.Today()
	if stale, err := s.store.HasStaleContracts(ctx, today); err != nil || stale {
		return stale, err
	}
	return s.store.SpendModelStale(ctx, today, s.opts.Index)
}

// datesToday returns, for the contracts matching f whose stored dates are
// stale and may have moved since (MayMoveBetween), the dates for today of
// those whose stored dates differ from them; nil when every stored date
// is current, which is the case but between midnight and the end of the
// nightly refresh. It only reads.
func (s *Service) datesToday(ctx context.Context, f ContractFilter, today Date) (map[int64]Dates, error) {
	stale, err := s.store.HasStaleContracts(ctx, today)
	if err != nil || !stale {
		return nil, err
	}
	moved, err := s.store.MovedContracts(ctx, f, today)
	if err != nil {
		return nil, err
	}
	var out map[int64]Dates
	for _, c := range moved {
		if d := c.Contract.Dates(today); !storedDatesEqual(c.Dates, d) {
			if out == nil {
				out = make(map[int64]Dates, len(moved))
			}
			out[c.ID] = d
		}
	}
	return out, nil
}
