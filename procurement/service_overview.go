package procurement

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TenderOverview is what a start page shows of the joint tenders in a
// user's scope: how many there are in each state, the newest, and the
// ones that wait for a mandate of the scope's organizations.
type TenderOverview struct {
	// Total counts the tenders in scope; ByStatus splits it per state, in
	// lifecycle order, leaving out states without tenders.
	Total    int
	ByStatus []StatusCount
	// Newest are the newest tenders in scope, newest first.
	Newest []TenderParticipation
	// AwaitingMandate are the tenders before publication in which an
	// organization of a limited scope takes part with its mandate still
	// requested, newest first; always empty for a scope of all.
	AwaitingMandate []TenderParticipation
}

// StatusCount is the number of tenders in one state.
type StatusCount struct {
	Status TenderStatus
	N      int
}

// TenderParticipation is a tender with how the organizations of a scope
// take part in it.
type TenderParticipation struct {
	TenderSummary
	// Own are the participants among the scope's organizations, with their
	// mandates; empty for a scope of all, and when they only lead.
	Own []Participant
	// Leads says an organization of the scope is the lead authority.
	Leads bool
}

// MandatePending reports whether the tender is before publication and
// one of the own participants has not yet signed its mandate (requested).
func (p TenderParticipation) MandatePending() bool {
	switch p.Status {
	case TenderDraft, TenderCollecting, TenderMandating:
	default:
		return false
	}
	return slices.ContainsFunc(p.Own, func(o Participant) bool { return o.Mandate.Status == MandateRequested })
}

// maxAwaiting bounds the tenders per state the overview searches for a
// requested mandate.
const maxAwaiting = 100

// TenderOverview counts the tenders in scope per state and
// returns the newest of them, at most newest, with the scope's own
// participation. A limited scope also gets every tender before
// publication that waits for one of its mandates (DESIGN §3: the
// participant's mandate; issue 8: participants are told on their
// dashboard). When the newest are all the tenders in scope, as for most
// organizations, that one read is all it takes; otherwise it counts per
// state. Either way one participant read per own tender shown: cheap
// enough for a start page.
func (s *Service) TenderOverview(ctx context.Context, scope contracts.Scope, newest int) (TenderOverview, error) {
	var ov TenderOverview
	o := overview{s: s, scope: scope, seen: map[int64]TenderParticipation{}}
	page, err := s.store.Tenders(ctx, TenderFilter{Scope: scope, PageSize: max(newest, 1)})
	if err != nil {
		return ov, fmt.Errorf("procurement: tender overview: %w", err)
	}
	ov.Total = page.Total
	if page.Total <= len(page.Items) {
		err = o.countInHand(ctx, &ov, page.Items)
	} else {
		err = o.countPerState(ctx, &ov)
	}
	if err != nil {
		return ov, fmt.Errorf("procurement: tender overview: %w", err)
	}
	for _, t := range page.Items[:min(max(newest, 0), len(page.Items))] {
		p, err := o.participation(ctx, t)
		if err != nil {
			return ov, fmt.Errorf("procurement: tender overview: %w", err)
		}
		ov.Newest = append(ov.Newest, p)
	}
	return ov, nil
}

// overview reads the scope's participation in tenders once per tender.
type overview struct {
	s     *Service
	scope contracts.Scope
	seen  map[int64]TenderParticipation
}

func (o overview) participation(ctx context.Context, t TenderSummary) (TenderParticipation, error) {
	if p, ok := o.seen[t.ID]; ok {
		return p, nil
	}
	p := TenderParticipation{TenderSummary: t}
	if org, ok := o.scope.Organization(); ok {
		p.Leads = t.Lead == org
		part, err := o.s.store.Participant(ctx, t.ID, org)
		switch {
		case errors.Is(err, apperr.NotFound):
		case err != nil:
			return p, err
		default:
			p.Own = append(p.Own, part)
		}
	}
	o.seen[t.ID] = p
	return p, nil
}

// awaiting adds the tenders of ts that wait for an own mandate.
func (o overview) awaiting(ctx context.Context, ov *TenderOverview, ts []TenderSummary) error {
	if o.scope.All() {
		return nil
	}
	for _, t := range ts {
		switch t.Status {
		case TenderDraft, TenderCollecting, TenderMandating:
		default:
			continue
		}
		p, err := o.participation(ctx, t)
		if err != nil {
			return err
		}
		if p.MandatePending() {
			ov.AwaitingMandate = append(ov.AwaitingMandate, p)
		}
	}
	return nil
}

// countInHand counts ts, every tender in scope, per state.
func (o overview) countInHand(ctx context.Context, ov *TenderOverview, ts []TenderSummary) error {
	for _, st := range TenderStatuses() {
		n := 0
		for _, t := range ts {
			if t.Status == st {
				n++
			}
		}
		if n > 0 {
			ov.ByStatus = append(ov.ByStatus, StatusCount{Status: st, N: n})
		}
	}
	return o.awaiting(ctx, ov, ts)
}

// countPerState counts the tenders in scope per state in the store, and
// reads those before publication, newest first, for a limited scope.
func (o overview) countPerState(ctx context.Context, ov *TenderOverview) error {
	for _, st := range TenderStatuses() {
		size := 1
		if !o.scope.All() && (st == TenderDraft || st == TenderCollecting || st == TenderMandating) {
			size = maxAwaiting
		}
		page, err := o.s.store.Tenders(ctx, TenderFilter{Scope: o.scope, Status: st, PageSize: size})
		if err != nil {
			return err
		}
		if page.Total == 0 {
			continue
		}
		ov.ByStatus = append(ov.ByStatus, StatusCount{Status: st, N: page.Total})
		if size > 1 {
			if err := o.awaiting(ctx, ov, page.Items); err != nil {
				return err
			}
		}
	}
	// Newest first across the states, as the list of tenders orders them.
	slices.SortFunc(ov.AwaitingMandate, func(a, b TenderParticipation) int { return cmp.Compare(b.ID, a.ID) })
	return nil
}
