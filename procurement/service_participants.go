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

// A tender's participants: joining and their volumes, their mandates and
// ratings, and participants added from registered demand.

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
		t, err := joinableTender(ctx, st, p.TenderID, "its participants")
		if err != nil {
			return err
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
		if _, err := joinableTender(ctx, st, tender, "its participants"); err != nil {
			return err
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
		if _, err := joinableTender(ctx, st, tender, "its mandates"); err != nil {
			return err
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

// AddFromDemand adds every organization with submitted demand in the
// tender's category that does not take part yet, before publication: its
// quantity goes to the lot counting the same unit (the first lot when
// none does), valued at the lot's unit price or else at the demand's
// annual budget. It returns how many organizations joined; all join in
// one transaction or none does.
func (s *Service) AddFromDemand(ctx context.Context, tender int64) (int, error) {
	added := 0
	err := s.store.InTx(ctx, func(st Store) error {
		t, err := joinableTender(ctx, st, tender, "its participants")
		if err != nil {
			return err
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
