package procurement

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Scope: every method that acts for a user takes its scope, the
// organizations it may act for (contracts.Everyone for admins and
// coordinators). Reading tenders is open to every user of the cooperative,
// because joining one starts with seeing it; what a tender shows of other
// organizations' contracts (current contracts and their gaps) is limited
// to the scope.

var errOutOfScope = apperr.WithDetail(apperr.Forbidden, "this organization is outside your scope")

// checkScope returns apperr.Forbidden unless scope allows the organization
// org.
func checkScope(scope contracts.Scope, org string) error {
	if !scope.Allows(org) {
		return errOutOfScope
	}
	return nil
}

// frozen is the conflict for a change after the participant list or the
// tender's terms froze.
func frozen(t Tender, what string) error {
	return apperr.WithDetail(apperr.Conflict, fmt.Sprintf("the tender is %s: %s can no longer change (the participant list freezes on publication)", t.Status, what))
}

// joinableTender reads the tender inside a transaction and refuses, as
// frozen, one whose participants (and so what is named by what) can no
// longer change.
func joinableTender(ctx context.Context, st Store, id int64, what string) (Tender, error) {
	t, err := st.Tender(ctx, id)
	if err != nil {
		return Tender{}, err
	}
	if !t.Joinable() {
		return Tender{}, frozen(t, what)
	}
	return t, nil
}

// Tenders returns one page of tenders. Every user reads every tender;
// f.Mine narrows the list to those in which an organization of scope takes
// part or leads.
func (s *Service) Tenders(ctx context.Context, scope contracts.Scope, f TenderFilter) (TenderPage, error) {
	if f.Status != "" && !f.Status.Valid() {
		return TenderPage{}, apperr.FieldProblem("status", apperr.Unknown, string(f.Status))
	}
	f.Scope = contracts.Everyone()
	if f.Mine {
		f.Scope = scope
	}
	page, err := s.store.Tenders(ctx, f.Normalize())
	if err != nil {
		return page, fmt.Errorf("procurement: list tenders: %w", err)
	}
	return page, nil
}

// checkTender validates t and that its lead authority and category exist.
func (s *Service) checkTender(ctx context.Context, st Store, t Tender) error {
	fe := apperr.Fields(t.Validate())
	if t.Lead != "" {
		if _, err := st.Organization(ctx, t.Lead); errors.Is(err, apperr.NotFound) {
			fe.Add("lead", apperr.NoOrganization, t.Lead)
		} else if err != nil {
			return err
		}
	}
	if t.CategoryID > 0 {
		cats, err := st.Categories(ctx)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(cats, func(c contracts.Category) bool { return c.ID == t.CategoryID }) {
			fe.Add("categoryId", apperr.NoCategory)
		}
	}
	return fe.Err()
}

// CreateTender stores a new draft tender.
func (s *Service) CreateTender(ctx context.Context, t Tender) (int64, error) {
	t.Status, t.AwardDecision = TenderDraft, contracts.Date{}
	var id int64
	err := s.store.InTx(ctx, func(st Store) error {
		if err := s.checkTender(ctx, st, t); err != nil {
			return err
		}
		var err error
		if id, err = st.CreateTender(ctx, t); err != nil {
			return err
		}
		return s.checkDeadline(ctx, st, id)
	})
	if err != nil {
		return 0, fmt.Errorf("procurement: create tender: %w", err)
	}
	return id, nil
}

// UpdateTender replaces the terms of tender t.ID: everything but its
// status, award and notice details, and only before publication.
func (s *Service) UpdateTender(ctx context.Context, t Tender) error {
	err := s.store.InTx(ctx, func(st Store) error {
		old, err := st.Tender(ctx, t.ID)
		if err != nil {
			return err
		}
		if !old.Editable() {
			return frozen(old, "its terms")
		}
		// The notice details change on their own (SetNoticeDetails).
		t.Status, t.AwardDecision, t.NoticeDetails = old.Status, old.AwardDecision, old.NoticeDetails
		if err := s.checkTender(ctx, st, t); err != nil {
			return err
		}
		if err := st.UpdateTender(ctx, t); err != nil {
			return err
		}
		return s.checkDeadline(ctx, st, t.ID)
	})
	if err != nil {
		return fmt.Errorf("procurement: update tender %d: %w", t.ID, err)
	}
	return nil
}

// checkDeadline refuses a tender, as just written through st, whose
// chosen tender deadline comes before the earliest the procedure allows
// from its publication (CheckDeadline, a field error on "tenderDeadline";
// the plan says the same in Dutch, Plan.DeadlineProblem). The caller's
// transaction then keeps nothing.
func (s *Service) checkDeadline(ctx context.Context, st Store, id int64) error {
	v, err := s.load(ctx, st, id, contracts.Everyone())
	if err != nil {
		return err
	}
	t := v.Tender
	if err := timelineBounds(t, v.Plan.Timeline); err != nil {
		return err
	}
	if t.TenderDeadline.IsZero() || t.Publication.IsZero() {
		return nil
	}
	return CheckDeadline(t.Publication, t.TenderDeadline, v.Plan.TimelineProcedure, s.planOptions(t), s.opts.Rules.Limits)
}

// timelineBounds refuses a tender whose planned timeline runs outside the
// date bounds (contracts.MinDate..MaxDate): the dates given are bounded by
// Validate, but the plan runs months forward from the publication or back
// from the needed start. The problem is named on the date the plan runs
// from.
func timelineBounds(t Tender, ms []Milestone) error {
	field := "neededStart"
	if !t.Publication.IsZero() {
		field = "publication"
	}
	var fe apperr.FieldErrors
	for _, m := range ms {
		if !m.Date.InBounds() {
			contracts.CheckDerivedDate(&fe, field, "timeline date ("+m.Key+")", m.Date)
			break
		}
	}
	return fe.Err()
}

// planOptions are the circumstances and durations the tender's timeline
// is planned with, as ComputePlan takes them.
func (s *Service) planOptions(t Tender) PlanOptions {
	d := s.opts.Rules.Durations
	return PlanOptions{Electronic: t.Electronic, DocumentsOnline: t.DocumentsOnline, PIN: t.PIN, Urgent: t.Urgent,
		SelectionDays: d.Selection, EvaluationDays: d.Evaluation, ImplementationDays: d.Implementation}
}

// DeleteTender removes a draft or cancelled tender.
func (s *Service) DeleteTender(ctx context.Context, id int64) error {
	err := s.store.InTx(ctx, func(st Store) error {
		t, err := st.Tender(ctx, id)
		if err != nil {
			return err
		}
		if t.Status != TenderDraft && t.Status != TenderCancelled {
			return apperr.WithDetail(apperr.Conflict, fmt.Sprintf("only a draft or cancelled tender can be deleted; this one is %s (cancel it first)", t.Status))
		}
		return st.DeleteTender(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("procurement: delete tender %d: %w", id, err)
	}
	return nil
}

// Tender loads tender id with everything it shows and computes its plan
// for today. Current contracts are limited to scope.
func (s *Service) Tender(ctx context.Context, scope contracts.Scope, id int64) (TenderView, error) {
	v, err := s.load(ctx, s.store, id, scope)
	if err != nil {
		return v, fmt.Errorf("procurement: tender %d: %w", id, err)
	}
	return v, nil
}

// load reads a tender's view through st, computing its plan.
func (s *Service) load(ctx context.Context, st Store, id int64, scope contracts.Scope) (TenderView, error) {
	v := TenderView{Today: s.Today()}
	var err error
	if v.Tender, err = st.Tender(ctx, id); err != nil {
		return v, err
	}
	if v.Lots, err = st.Lots(ctx, id); err != nil {
		return v, err
	}
	if v.Participants, err = st.Participants(ctx, id); err != nil {
		return v, err
	}
	if v.Requirements, err = st.Requirements(ctx, id); err != nil {
		return v, err
	}
	if v.CallOffs, err = st.CallOffs(ctx, id); err != nil {
		return v, err
	}
	if v.Lead, err = st.Organization(ctx, v.Tender.Lead); err != nil {
		return v, err
	}
	bands, err := s.policyBands(ctx, st, v.Tender.Lead)
	if err != nil {
		return v, err
	}
	if v.Current, err = s.currentContracts(ctx, st, v.Tender.CategoryID, v.Participants, scope); err != nil {
		return v, err
	}
	v.Plan = ComputePlan(PlanInput{
		Tender: v.Tender, Lots: v.Lots, Participants: v.Participants, Requirements: v.Requirements,
		Current: v.Current, Bands: bands, Today: v.Today, Rules: s.opts.Rules,
	})
	if !v.Tender.AwardDecision.IsZero() {
		v.Plan.Timeline = withAward(v.Plan.Timeline, v.Tender, s.opts.Rules)
	}
	if v.Splits, err = s.splitWarnings(ctx, st, v); err != nil {
		return v, err
	}
	if !scope.All() {
		// Other organizations' contracts are not the caller's to see:
		// their gaps are left out rather than shown as "no contract".
		gaps := v.Plan.Gaps[:0]
		for _, g := range v.Plan.Gaps {
			if scope.Allows(g.Organization) {
				gaps = append(gaps, g)
			}
		}
		v.Plan.Gaps = gaps
	}
	return v, nil
}

// splitWarnings compares tender v with the other tenders of its category
// (SplitWarnings): read only when v could take part in a split, that is
// when it has a period and stays under its threshold. The other tenders
// are open to every user, as tenders are.
func (s *Service) splitWarnings(ctx context.Context, st Store, v TenderView) ([]TenderSplit, error) {
	t := v.Tender
	if _, _, ok := ContractPeriod(t); !ok || t.Status == TenderCancelled || v.Plan.Estimate.Total >= v.Plan.Threshold {
		return nil, nil
	}
	others, err := st.CategoryTenders(ctx, t.CategoryID)
	if err != nil {
		return nil, err
	}
	return SplitWarnings(t, v.Plan.Estimate.Total, v.Plan.Threshold, others), nil
}

// withAward replaces the planned award milestones by those that follow
// from the award decision actually sent.
func withAward(ms []Milestone, t Tender, r Rules) []Milestone {
	var deadline Milestone
	out := make([]Milestone, 0, len(ms))
	for _, m := range ms {
		if m.Key == MilestoneTenderDeadline {
			deadline = m
		}
		if m.Key == MilestoneAwardDecision {
			break
		}
		out = append(out, m)
	}
	if deadline.Key == "" {
		return ms
	}
	opts := PlanOptions{CallOff: false, EvaluationDays: deadline.Date.DaysUntil(t.AwardDecision), ImplementationDays: r.Durations.Implementation}
	// The light regime's plan is the one with an award notice to keep.
	tp := TimelineOpen
	if slices.ContainsFunc(ms, func(m Milestone) bool { return m.Key == MilestoneAwardNotice }) {
		tp = TimelineLight
	}
	rest := tail(deadline.Date, tp, opts, r.Limits, deadline.Basis)
	for _, m := range rest {
		if m.Key == MilestoneClarification || m.Key == MilestoneTenderDeadline {
			continue
		}
		if m.Key == MilestoneAwardDecision {
			m.Basis = apperr.Base(apperr.BasisDecisionSent)
		}
		if m.Key == MilestoneStart && t.NeededStart.After(m.Date) {
			// The call-off contracts start when the participants need
			// them, not earlier (see contract).
			m.Date, m.Basis = t.NeededStart, apperr.Base(apperr.BasisNeededStart)
		}
		out = append(out, m)
	}
	return out
}

// currentContracts picks each participant's current contract in the
// category as the bundler does (CurrentContracts): the running contract
// that is committed longest, because that is the one the new contract
// must follow. Participants outside scope are left out.
func (s *Service) currentContracts(ctx context.Context, st Store, category int64, ps []Participant, scope contracts.Scope) (map[string]contracts.ContractSummary, error) {
	orgs := make([]string, 0, len(ps))
	for _, p := range ps {
		if scope.Allows(p.Organization) {
			orgs = append(orgs, p.Organization)
		}
	}
	out := map[string]contracts.ContractSummary{}
	if len(orgs) == 0 || category == 0 {
		return out, nil
	}
	cs, err := st.CategoryContracts(ctx, category, orgs)
	if err != nil {
		return nil, err
	}
	return CurrentContracts(cs, s.Today()), nil
}
