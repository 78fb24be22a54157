package procurement

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// A tender's lifecycle steps (lifecycle.go) as the service takes them:
// the award, and the call-off contracts that follow it in the register.

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
			if err := s.publicationRefusal(v); err != nil {
				return err
			}
			t.Publication = today
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

// publicationRefusal checks that v's chosen tender deadline still leaves
// the minimum period after a publication today: the refusal names the
// deadline, today and the earliest deadline allowed.
func (s *Service) publicationRefusal(v TenderView) error {
	t, today := v.Tender, v.Today
	if t.TenderDeadline.IsZero() {
		return nil
	}
	err := CheckDeadline(today, t.TenderDeadline, v.Plan.TimelineProcedure, s.planOptions(t), s.opts.Rules.Limits)
	if err == nil {
		return nil
	}
	earliest, _, eerr := EarliestDeadline(today, v.Plan.TimelineProcedure, s.planOptions(t), s.opts.Rules.Limits)
	if eerr != nil || len(apperr.Fields(err)) == 0 {
		return apperr.WithDetail(apperr.Conflict, "published today, "+reason(err)+": choose a later tender deadline first")
	}
	return apperr.Refused("tenderDeadline", apperr.PublishDeadlineTooEarly, apperr.Day(t.TenderDeadline.String()),
		apperr.Day(today.String()), apperr.Day(earliest.String()))
}

// CheckPublication reports whether tender id could be published today as
// far as its tender deadline goes (the other guards are in Transition):
// nil, or the refusal Transition would give. It changes nothing.
func (s *Service) CheckPublication(ctx context.Context, id int64) (TenderView, error) {
	v, err := s.load(ctx, s.store, id, contracts.Everyone())
	if err != nil {
		return v, err
	}
	return v, s.publicationRefusal(v)
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
