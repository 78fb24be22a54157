package procurement

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

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
// status and award, and only before publication.
func (s *Service) UpdateTender(ctx context.Context, t Tender) error {
	err := s.store.InTx(ctx, func(st Store) error {
		old, err := st.Tender(ctx, t.ID)
		if err != nil {
			return err
		}
		if !old.Editable() {
			return frozen(old, "its terms")
		}
		t.Status, t.AwardDecision = old.Status, old.AwardDecision
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

// policyKey is the settings key of an organization's policy bands.
func policyKey(org string) string { return "procurement.policyBands." + org }

// policyBandsJSON is how policy bands are kept in the settings. The works
// bands came later: settings without them keep the default works bands,
// as an assumption.
type policyBandsJSON struct {
	SingleSourceBelow         contracts.Money  `json:"singleSourceBelow"`
	MultiplePrivateBelow      contracts.Money  `json:"multiplePrivateBelow"`
	WorksSingleSourceBelow    *contracts.Money `json:"worksSingleSourceBelow,omitempty"`
	WorksMultiplePrivateBelow *contracts.Money `json:"worksMultiplePrivateBelow,omitempty"`
}

// policyBands returns the organization's own procurement-policy bands, or
// the default bands (an assumption) when it has set none.
func (s *Service) policyBands(ctx context.Context, st Store, org string) (PolicyBands, error) {
	raw, err := st.Setting(ctx, policyKey(org))
	if errors.Is(err, apperr.NotFound) {
		return DefaultPolicyBands(), nil
	}
	if err != nil {
		return PolicyBands{}, err
	}
	var b policyBandsJSON
	if err := json.Unmarshal([]byte(raw), &b); err != nil {
		return PolicyBands{}, fmt.Errorf("policy bands of %s: %w", org, err)
	}
	out := PolicyBands{SingleSourceBelow: b.SingleSourceBelow, MultiplePrivateBelow: b.MultiplePrivateBelow}
	out.WorksSingleSourceBelow, out.WorksMultiplePrivateBelow, out.WorksAssumption = DefaultWorksBands()
	if b.WorksSingleSourceBelow != nil {
		out.WorksSingleSourceBelow, out.WorksMultiplePrivateBelow, out.WorksAssumption = *b.WorksSingleSourceBelow, 0, false
		if b.WorksMultiplePrivateBelow != nil {
			out.WorksMultiplePrivateBelow = *b.WorksMultiplePrivateBelow
		}
	}
	return out, nil
}

// PolicyBands returns the organization's procurement-policy bands.
func (s *Service) PolicyBands(ctx context.Context, org string) (PolicyBands, error) {
	if _, err := s.store.Organization(ctx, org); err != nil {
		return PolicyBands{}, fmt.Errorf("procurement: policy bands: %w", err)
	}
	return s.policyBands(ctx, s.store, org)
}

// SetPolicyBands records the organization's own procurement-policy bands
// (DESIGN §4: configurable per organization, separately for works). Bands
// must be positive and increasing; a zero upper band means "up to the EU
// threshold". Zero works bands keep the default works bands, which stay
// an assumption.
func (s *Service) SetPolicyBands(ctx context.Context, scope contracts.Scope, org string, b PolicyBands) error {
	if err := checkScope(scope, org); err != nil {
		return fmt.Errorf("procurement: policy bands: %w", err)
	}
	var fe apperr.FieldErrors
	checkBands(&fe, "singleSourceBelow", "multiplePrivateBelow", b.SingleSourceBelow, b.MultiplePrivateBelow)
	stored := policyBandsJSON{SingleSourceBelow: b.SingleSourceBelow, MultiplePrivateBelow: b.MultiplePrivateBelow}
	switch {
	case b.WorksSingleSourceBelow == 0 && b.WorksMultiplePrivateBelow == 0:
	case b.WorksSingleSourceBelow == 0:
		fe.Add("worksSingleSourceBelow", apperr.RequiredWith, "worksMultiplePrivateBelow")
	default:
		checkBands(&fe, "worksSingleSourceBelow", "worksMultiplePrivateBelow", b.WorksSingleSourceBelow, b.WorksMultiplePrivateBelow)
		stored.WorksSingleSourceBelow, stored.WorksMultiplePrivateBelow = &b.WorksSingleSourceBelow, &b.WorksMultiplePrivateBelow
	}
	if err := fe.Err(); err != nil {
		return err
	}
	raw, _ := json.Marshal(stored)
	err := s.store.InTx(ctx, func(st Store) error {
		if _, err := st.Organization(ctx, org); err != nil {
			return err
		}
		return st.SetSetting(ctx, policyKey(org), string(raw))
	})
	if err != nil {
		return fmt.Errorf("procurement: policy bands: %w", err)
	}
	return nil
}

// checkBands checks one pair of bands: single positive, multiple zero (up
// to the EU threshold) or above single.
func checkBands(fe *apperr.FieldErrors, singleField, multipleField string, single, multiple contracts.Money) {
	if single <= 0 {
		fe.Add(singleField, apperr.Positive)
	} else {
		contracts.CheckMoney(fe, singleField, single)
	}
	if multiple < 0 {
		fe.Add(multipleField, apperr.Negative, apperr.Cents(multiple))
	} else if multiple > contracts.MaxMoney {
		contracts.CheckMoney(fe, multipleField, multiple)
	} else if multiple > 0 && multiple <= single {
		fe.Add(multipleField, apperr.BandAbove, singleField)
	}
}

// SetParticipant adds the organization p.Organization to the tender or
// changes its volumes, for a caller limited to scope: members join and
// change only their own organization, and only while the tender collects
// participants. Volumes without an annual value are priced at the lot's
// unit price. A new participant's mandate starts as requested.
func (s *Service) SetParticipant(ctx context.Context, scope contracts.Scope, p Participant) error {
	if p.Organization != "" {
		if err := checkScope(scope, p.Organization); err != nil {
			return fmt.Errorf("procurement: participant: %w", err)
		}
	}
	err := s.store.InTx(ctx, func(st Store) error {
		t, err := st.Tender(ctx, p.TenderID)
		if err != nil {
			return err
		}
		if !t.Joinable() {
			return frozen(t, "its participants")
		}
		var fe apperr.FieldErrors
		if p.Organization == "" {
			fe.Add("organization", apperr.OrganizationCodeRequired)
		} else if _, err := st.Organization(ctx, p.Organization); errors.Is(err, apperr.NotFound) {
			fe.Add("organization", apperr.NoOrganization, p.Organization)
		} else if err != nil {
			return err
		}
		lots, err := st.Lots(ctx, p.TenderID)
		if err != nil {
			return err
		}
		fe = append(fe, apperr.Fields(p.ValidateVolumes(lots))...)
		if p.DemandID != 0 {
			d, err := st.Demand(ctx, p.DemandID)
			switch {
			case errors.Is(err, apperr.NotFound):
				fe.Add("demandId", apperr.NoDemand)
			case err != nil:
				return err
			case d.Organization != p.Organization || d.CategoryID != t.CategoryID:
				fe.Add("demandId", apperr.DemandNotInTender)
			}
		}
		if err := fe.Err(); err != nil {
			return err
		}
		priced := make([]LotVolume, 0, len(p.Volumes))
		for i, v := range p.Volumes {
			if v.Annual == 0 {
				for _, l := range lots {
					if l.ID == v.LotID {
						v.Annual = contracts.SatMul(l.UnitPrice, v.Quantity)
					}
				}
				if v.Annual > contracts.MaxMoney {
					fe.Add(fmt.Sprintf("volumes[%d].quantity", i), apperr.VolumeCap, apperr.Cents(contracts.MaxMoney))
				}
			}
			priced = append(priced, v)
		}
		if err := fe.Err(); err != nil {
			return err
		}
		p.Volumes = priced
		old, err := st.Participant(ctx, p.TenderID, p.Organization)
		switch {
		case errors.Is(err, apperr.NotFound):
			p.Joined = s.Today()
			p.Mandate = Mandate{Status: MandateRequested, Requested: s.Today()}
		case err != nil:
			return err
		default:
			p.Joined, p.Mandate = old.Joined, old.Mandate
			if p.DemandID == 0 {
				p.DemandID = old.DemandID
			}
		}
		return st.UpsertParticipant(ctx, p)
	})
	if err != nil {
		return fmt.Errorf("procurement: participant %s: %w", p.Organization, err)
	}
	return nil
}

// RemoveParticipant takes an organization out of a tender before
// publication, with its ratings.
func (s *Service) RemoveParticipant(ctx context.Context, scope contracts.Scope, tender int64, org string) error {
	if err := checkScope(scope, org); err != nil {
		return fmt.Errorf("procurement: remove participant: %w", err)
	}
	err := s.store.InTx(ctx, func(st Store) error {
		t, err := st.Tender(ctx, tender)
		if err != nil {
			return err
		}
		if !t.Joinable() {
			return frozen(t, "its participants")
		}
		if _, err := st.Participant(ctx, tender, org); err != nil {
			return err
		}
		reqs, err := st.Requirements(ctx, tender)
		if err != nil {
			return err
		}
		clear := map[int64]Rating{}
		for _, r := range reqs {
			if _, ok := r.Ratings[org]; ok {
				clear[r.ID] = ""
			}
		}
		if len(clear) > 0 {
			if err := st.SetRatings(ctx, tender, org, clear); err != nil {
				return err
			}
		}
		return st.DeleteParticipant(ctx, tender, org)
	})
	if err != nil {
		return fmt.Errorf("procurement: remove participant %s: %w", org, err)
	}
	return nil
}

// SetMandate records a participant's mandate, for a caller limited to
// scope, before publication.
func (s *Service) SetMandate(ctx context.Context, scope contracts.Scope, tender int64, org string, m Mandate) error {
	if err := checkScope(scope, org); err != nil {
		return fmt.Errorf("procurement: mandate: %w", err)
	}
	if err := m.Validate(s.Today()); err != nil {
		return err
	}
	err := s.store.InTx(ctx, func(st Store) error {
		t, err := st.Tender(ctx, tender)
		if err != nil {
			return err
		}
		if !t.Joinable() {
			return frozen(t, "its mandates")
		}
		p, err := st.Participant(ctx, tender, org)
		if err != nil {
			return err
		}
		if m.Requested.IsZero() {
			m.Requested = p.Mandate.Requested
		}
		p.Mandate = m
		return st.UpsertParticipant(ctx, p)
	})
	if err != nil {
		return fmt.Errorf("procurement: mandate of %s: %w", org, err)
	}
	return nil
}

// Rate records a participant's MoSCoW ratings of the tender's
// requirements (by requirement id; an empty rating removes one), for a
// caller limited to scope, before publication. Every rating is checked
// before any is stored: a bad one names its field ("ratings.<id>") and
// nothing changes.
func (s *Service) Rate(ctx context.Context, scope contracts.Scope, tender int64, org string, ratings map[int64]Rating) error {
	if err := checkScope(scope, org); err != nil {
		return fmt.Errorf("procurement: rate: %w", err)
	}
	err := s.store.InTx(ctx, func(st Store) error {
		if _, err := editableTender(ctx, st, tender, "its ratings"); err != nil {
			return err
		}
		if _, err := st.Participant(ctx, tender, org); errors.Is(err, apperr.NotFound) {
			return apperr.FieldProblem("organization", apperr.NotParticipant, org)
		} else if err != nil {
			return err
		}
		reqs, err := st.Requirements(ctx, tender)
		if err != nil {
			return err
		}
		known := map[int64]bool{}
		for _, r := range reqs {
			known[r.ID] = true
		}
		var fe apperr.FieldErrors
		for _, id := range slices.Sorted(maps.Keys(ratings)) {
			f := fmt.Sprintf("ratings.%d", id)
			if !known[id] {
				fe.Add(f, apperr.NotTenderRequirement, id)
			}
			if r := ratings[id]; r != "" && !r.Valid() {
				fe.Add(f, apperr.OneOf, RatingList, string(r))
			}
		}
		if err := fe.Err(); err != nil {
			return err
		}
		return st.SetRatings(ctx, tender, org, ratings)
	})
	if err != nil {
		return fmt.Errorf("procurement: rate tender %d for %s: %w", tender, org, err)
	}
	return nil
}

// TransitionInput is what a lifecycle step may need besides the target
// status: the award, when moving to awarded.
type TransitionInput struct {
	To    TenderStatus
	Award *Award
}

// Transition moves tender id to in.To (DESIGN §4), checking the lifecycle
// and its guards (Transition in lifecycle.go). Publishing records today as
// the publication date and freezes the participant list. Awarding needs
// the vendor of every lot with volume and the date the decision was sent
// (not before the tender deadline, not after today). Moving to contracted
// creates one call-off contract per participant and lot in the register,
// all in the same transaction as the status change.
func (s *Service) Transition(ctx context.Context, id int64, in TransitionInput) (TenderView, error) {
	var view TenderView
	err := s.store.InTx(ctx, func(st Store) error {
		v, err := s.load(ctx, st, id, contracts.Everyone())
		if err != nil {
			return err
		}
		t, today := v.Tender, v.Today
		if !in.To.Valid() {
			return apperr.FieldProblem("status", apperr.Unknown, string(in.To))
		}
		g := v.Guards()
		if err := Transition(t.Status, in.To, g); err != nil {
			return err
		}
		switch in.To {
		case TenderPublished:
			t.Publication = today
			if !t.TenderDeadline.IsZero() {
				if err := CheckDeadline(today, t.TenderDeadline, v.Plan.TimelineProcedure, s.planOptions(t), s.opts.Rules.Limits); err != nil {
					return apperr.WithDetail(apperr.Conflict, "published today, "+reason(err)+": choose a later tender deadline first")
				}
			}
		case TenderAwarded:
			if err := s.award(ctx, st, &t, v, in.Award, g.TenderDeadline); err != nil {
				return err
			}
		case TenderContracted:
			if err := s.contract(ctx, st, v, g.StandstillEnd); err != nil {
				return err
			}
		}
		t.Status = in.To
		if err := st.UpdateTender(ctx, t); err != nil {
			return err
		}
		view, err = s.load(ctx, st, id, contracts.Everyone())
		return err
	})
	if err != nil {
		return view, fmt.Errorf("procurement: tender %d to %s: %w", id, in.To, err)
	}
	return view, nil
}

// award records the vendor per lot and the award decision date.
func (s *Service) award(ctx context.Context, st Store, t *Tender, v TenderView, a *Award, deadline contracts.Date) error {
	var fe apperr.FieldErrors
	if a == nil {
		return apperr.FieldProblem("award", apperr.AwardRequired)
	}
	sent := a.DecisionSent
	switch {
	case sent.IsZero():
		sent = v.Today
	case sent.After(v.Today):
		fe.Add("award.decisionSent", apperr.NotInFuture)
	case !sent.After(deadline):
		fe.Add("award.decisionSent", apperr.DecisionBeforeDeadline, apperr.Day(deadline.String()))
	default:
		contracts.CheckDate(&fe, "award.decisionSent", sent)
	}
	withVolume := map[int64]bool{}
	for _, p := range v.Participants {
		for _, vol := range p.Volumes {
			if vol.Annual > 0 || vol.Quantity > 0 {
				withVolume[vol.LotID] = true
			}
		}
	}
	lots := map[int64]Lot{}
	for _, l := range v.Lots {
		lots[l.ID] = l
	}
	for _, id := range slices.Sorted(maps.Keys(a.Vendors)) {
		if _, ok := lots[id]; !ok {
			fe.Add(fmt.Sprintf("award.vendors.%d", id), apperr.NotTenderLot, id)
		}
	}
	for _, l := range v.Lots {
		f := fmt.Sprintf("award.vendors.%d", l.ID)
		vendor, ok := a.Vendors[l.ID]
		switch {
		case !ok && withVolume[l.ID]:
			fe.Add(f, apperr.LotNeedsVendor, l.Number, l.Title)
		case ok:
			if _, err := st.Vendor(ctx, vendor); errors.Is(err, apperr.NotFound) {
				fe.Add(f, apperr.NoVendor)
			} else if err != nil {
				return err
			}
		}
	}
	if err := fe.Err(); err != nil {
		return err
	}
	for _, l := range v.Lots {
		if vendor, ok := a.Vendors[l.ID]; ok {
			l.VendorID = vendor
			if err := st.UpdateLot(ctx, l); err != nil {
				return err
			}
		}
	}
	t.AwardDecision = sent
	return nil
}

// CallOffNumber is the register number of the call-off contract of a
// tender's lot: unique per buyer.
func CallOffNumber(tender int64, lot int) string {
	return fmt.Sprintf("AB-%d-P%d", tender, lot)
}

// CallOffNoticeMonths is the notice period of a call-off contract: the
// decision period of its extension options, and the notice that ends a
// contract continuing indefinitely. A tender records no notice terms of
// its own, so this is the default: three months to a month end, the most
// common clause in supplier terms ("daarna voor onbepaalde tijd,
// opzegbaar met drie maanden", DESIGN §4). The contract manager corrects
// it on the call-off contract when the awarded terms say otherwise.
const CallOffNoticeMonths = 3

// callOffTerms returns the renewal terms of a call-off contract with the
// tender's options: express options of equal length become that many
// renewals; options of different lengths are capped by the maximum end. A
// tender with an indefinite term gives a contract that continues
// indefinitely after the initial term, until notice ends it.
func callOffTerms(c *contracts.Contract, t Tender) {
	c.RenewalKind = contracts.RenewalNone
	if t.TermIndefinite {
		c.RenewalKind, c.NoticeMonths = contracts.RenewalIndefinite, CallOffNoticeMonths
		return
	}
	if len(t.Options) == 0 {
		return
	}
	c.RenewalKind, c.RenewalPeriodMonths, c.NoticeMonths = contracts.RenewalExpress, t.Options[0].Months, CallOffNoticeMonths
	same := true
	for _, o := range t.Options {
		same = same && o.Months == t.Options[0].Months
	}
	if same {
		c.MaxRenewals = len(t.Options)
		return
	}
	c.MaxEnd = contracts.TermEnd(c.Start, t.TotalMonths())
}

// contract creates one call-off contract per participant and awarded lot
// in which it has volume (one contract per buyer, DESIGN §4). The contract
// starts after the standstill and the implementation lead, or at the
// tender's needed start when that is later.
func (s *Service) contract(ctx context.Context, st Store, v TenderView, standstillEnd contracts.Date) error {
	t := v.Tender
	start := standstillEnd.AddDays(1 + s.opts.Rules.Durations.Implementation)
	if t.NeededStart.After(start) {
		start = t.NeededStart
	}
	lots := map[int64]Lot{}
	for _, l := range v.Lots {
		lots[l.ID] = l
	}
	for _, p := range v.Participants {
		for _, vol := range p.Volumes {
			l := lots[vol.LotID]
			if l.VendorID == 0 || (vol.Annual == 0 && vol.Quantity == 0) {
				continue
			}
			cpv := l.CPV
			if cpv == "" {
				cpv = t.CPV
			}
			title := t.Title
			if len(v.Lots) > 1 {
				title = s.opts.Words.callOffTitle(t.Title, l.Number, l.Title)
			}
			c := contracts.Contract{
				Organization: p.Organization, Number: CallOffNumber(t.ID, l.Number),
				Title: truncate(title, 300), VendorID: l.VendorID, CategoryID: t.CategoryID, CPV: cpv,
				Start: start, InitialTermMonths: t.TermMonths, AnnualValue: vol.Annual,
				Status: contracts.StatusActive,
				Notes:  s.opts.Words.callOffNotes(t),
			}
			callOffTerms(&c, t)
			if err := c.Validate(); err != nil {
				return err
			}
			if err := c.CheckDatesAsOf(v.Today); err != nil {
				return err
			}
			id, err := st.CreateContract(ctx, c, nil, c.Dates(v.Today), v.Today)
			if err != nil {
				return err
			}
			if err := st.CreateCallOff(ctx, CallOff{TenderID: t.ID, LotID: l.ID, Organization: p.Organization, ContractID: id, ContractNumber: c.Number}); err != nil {
				return err
			}
		}
	}
	return nil
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.ToValidUTF8(s[:n], "")
	return cut
}

// AddFromDemand adds every organization with submitted demand in the
// tender's category that does not take part yet, before publication: its
// quantity goes to the lot counting the same unit (the first lot when
// none does), valued at the lot's unit price or else at the demand's
// annual budget. It returns how many organizations joined; all join in
// one transaction or none does.
func (s *Service) AddFromDemand(ctx context.Context, tender int64) (int, error) {
	added := 0
	err := s.store.InTx(ctx, func(st Store) error {
		t, err := st.Tender(ctx, tender)
		if err != nil {
			return err
		}
		if !t.Joinable() {
			return frozen(t, "its participants")
		}
		lots, err := st.Lots(ctx, tender)
		if err != nil {
			return err
		}
		if len(lots) == 0 {
			return apperr.WithDetail(apperr.Conflict, "add a lot before adding participants from demand")
		}
		existing, err := st.Participants(ctx, tender)
		if err != nil {
			return err
		}
		joined := map[string]bool{}
		for _, p := range existing {
			joined[p.Organization] = true
		}
		for page := 1; ; page++ {
			f := DemandFilter{Scope: contracts.Everyone(), CategoryID: t.CategoryID, Status: DemandSubmitted, Page: page, PageSize: 500}.Normalize()
			ds, err := st.Demands(ctx, f)
			if err != nil {
				return err
			}
			for _, d := range ds.Items {
				if joined[d.Organization] {
					continue
				}
				joined[d.Organization] = true
				lot := lots[0]
				for _, l := range lots {
					if d.Unit != "" && strings.EqualFold(l.Unit, d.Unit) {
						lot = l
						break
					}
				}
				annual := contracts.SatMul(lot.UnitPrice, d.Quantity)
				if annual == 0 {
					annual = d.AnnualBudget
				}
				if annual > contracts.MaxMoney {
					return apperr.WithDetail(apperr.Conflict, fmt.Sprintf("the demand of %s (%d %s) priced at lot %d's unit price exceeds €10^12: correct the demand or the unit price first",
						d.Organization, d.Quantity, d.Unit, lot.Number))
				}
				p := Participant{TenderID: tender, Organization: d.Organization, DemandID: d.ID, Joined: s.Today(),
					Volumes: []LotVolume{{LotID: lot.ID, Quantity: d.Quantity, Annual: annual}},
					Mandate: Mandate{Status: MandateRequested, Requested: s.Today()}}
				if err := st.UpsertParticipant(ctx, p); err != nil {
					return err
				}
				added++
			}
			if f.Offset()+len(ds.Items) >= ds.Total || len(ds.Items) == 0 {
				return nil
			}
		}
	})
	if err != nil {
		return 0, fmt.Errorf("procurement: add participants from demand to tender %d: %w", tender, err)
	}
	return added, nil
}
