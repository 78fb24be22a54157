package procurement

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

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

// TenderOverview counts the tenders in scope (nil: all) per state and
// returns the newest of them, at most newest, with the scope's own
// participation. A limited scope also gets every tender before
// publication that waits for one of its mandates (DESIGN §3: the
// participant's mandate; issue 8: participants are told on their
// dashboard). One count per state and one participant read per own
// tender shown: cheap enough for a start page.
func (s *Service) TenderOverview(ctx context.Context, scope []string, newest int) (TenderOverview, error) {
	var ov TenderOverview
	own := map[int64]TenderParticipation{}
	participation := func(t TenderSummary) (TenderParticipation, error) {
		if p, ok := own[t.ID]; ok {
			return p, nil
		}
		p := TenderParticipation{TenderSummary: t}
		if scope != nil {
			p.Leads = slices.Contains(scope, t.Lead)
			for _, org := range scope {
				part, err := s.store.Participant(ctx, t.ID, org)
				switch {
				case errors.Is(err, apperr.NotFound):
					continue
				case err != nil:
					return p, err
				}
				p.Own = append(p.Own, part)
			}
		}
		own[t.ID] = p
		return p, nil
	}
	for _, st := range TenderStatuses() {
		size := 1
		if scope != nil && (st == TenderDraft || st == TenderCollecting || st == TenderMandating) {
			size = maxAwaiting
		}
		page, err := s.store.Tenders(ctx, TenderFilter{Scope: scope, Status: st, PageSize: size})
		if err != nil {
			return ov, fmt.Errorf("procurement: tender overview: %w", err)
		}
		if page.Total == 0 {
			continue
		}
		ov.Total += page.Total
		ov.ByStatus = append(ov.ByStatus, StatusCount{Status: st, N: page.Total})
		if size == 1 {
			continue
		}
		for _, t := range page.Items {
			p, err := participation(t)
			if err != nil {
				return ov, fmt.Errorf("procurement: tender overview: %w", err)
			}
			if p.MandatePending() {
				ov.AwaitingMandate = append(ov.AwaitingMandate, p)
			}
		}
	}
	// Newest first across the states, as the list of tenders orders them.
	slices.SortFunc(ov.AwaitingMandate, func(a, b TenderParticipation) int { return cmp.Compare(b.ID, a.ID) })
	if newest < 1 || ov.Total == 0 {
		return ov, nil
	}
	page, err := s.store.Tenders(ctx, TenderFilter{Scope: scope, PageSize: newest})
	if err != nil {
		return ov, fmt.Errorf("procurement: tender overview: %w", err)
	}
	for _, t := range page.Items {
		p, err := participation(t)
		if err != nil {
			return ov, fmt.Errorf("procurement: tender overview: %w", err)
		}
		ov.Newest = append(ov.Newest, p)
	}
	return ov, nil
}
