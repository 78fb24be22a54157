package procurement

import (
	"context"
	"fmt"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// A tender's lots and requirements change only before publication; these
// methods share that check (editTender) and the lookup of one part by id
// (partOf).

// editableTender loads tender id through st and checks its terms may
// change.
func editableTender(ctx context.Context, st Store, id int64, what string) (Tender, error) {
	t, err := st.Tender(ctx, id)
	if err != nil {
		return t, err
	}
	if !t.Editable() {
		return t, frozen(t, what)
	}
	return t, nil
}

// editTender runs fn in one transaction once tender's terms may still
// change; what names the part for the refusal.
func (s *Service) editTender(ctx context.Context, tender int64, what string, fn func(st Store) error) error {
	return s.store.InTx(ctx, func(st Store) error {
		if _, err := editableTender(ctx, st, tender, what); err != nil {
			return err
		}
		return fn(st)
	})
}

// partOf returns the part of tender with id among parts, or NotFound
// naming what it is ("lot", "requirement").
func partOf[T any](parts []T, idOf func(T) int64, tender, id int64, what string) (T, error) {
	for _, p := range parts {
		if idOf(p) == id {
			return p, nil
		}
	}
	var zero T
	return zero, apperr.WithDetail(apperr.NotFound, fmt.Sprintf("tender %d has no %s %d", tender, what, id))
}

func lotID(l Lot) int64                 { return l.ID }
func requirementID(r Requirement) int64 { return r.ID }

// lotOf returns the lot with id of tender, or NotFound.
func lotOf(ctx context.Context, st Store, tender, id int64) (Lot, error) {
	lots, err := st.Lots(ctx, tender)
	if err != nil {
		return Lot{}, err
	}
	return partOf(lots, lotID, tender, id, "lot")
}

// requirementOf returns requirement id of tender, or NotFound.
func requirementOf(ctx context.Context, st Store, tender, id int64) (Requirement, error) {
	reqs, err := st.Requirements(ctx, tender)
	if err != nil {
		return Requirement{}, err
	}
	return partOf(reqs, requirementID, tender, id, "requirement")
}

// AddLot adds a lot to a tender before publication.
func (s *Service) AddLot(ctx context.Context, l Lot) (int64, error) {
	l.VendorID = 0
	var id int64
	err := s.editTender(ctx, l.TenderID, "its lots", func(st Store) error {
		if err := l.Validate(); err != nil {
			return err
		}
		var err error
		id, err = st.CreateLot(ctx, l)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("procurement: add lot: %w", err)
	}
	return id, nil
}

// UpdateLot changes a lot's title, CPV, unit and unit price before
// publication; its number and vendor stay.
func (s *Service) UpdateLot(ctx context.Context, l Lot) error {
	err := s.editTender(ctx, l.TenderID, "its lots", func(st Store) error {
		old, err := lotOf(ctx, st, l.TenderID, l.ID)
		if err != nil {
			return err
		}
		l.Number, l.VendorID = old.Number, old.VendorID
		if err := l.Validate(); err != nil {
			return err
		}
		return st.UpdateLot(ctx, l)
	})
	if err != nil {
		return fmt.Errorf("procurement: update lot %d: %w", l.ID, err)
	}
	return nil
}

// DeleteLot removes a lot before publication, with the participants'
// volumes in it.
func (s *Service) DeleteLot(ctx context.Context, tender, id int64) error {
	err := s.editTender(ctx, tender, "its lots", func(st Store) error {
		if _, err := lotOf(ctx, st, tender, id); err != nil {
			return err
		}
		return st.DeleteLot(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("procurement: delete lot %d: %w", id, err)
	}
	return nil
}

// AddRequirement adds a requirement before publication; it starts
// unrated.
func (s *Service) AddRequirement(ctx context.Context, r Requirement) (int64, error) {
	r.Ratings = nil
	var id int64
	err := s.editTender(ctx, r.TenderID, "its requirements", func(st Store) error {
		if err := r.Validate(); err != nil {
			return err
		}
		var err error
		id, err = st.CreateRequirement(ctx, r)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("procurement: add requirement: %w", err)
	}
	return id, nil
}

// UpdateRequirement changes a requirement's text and kind before
// publication; its number and ratings stay.
func (s *Service) UpdateRequirement(ctx context.Context, r Requirement) error {
	err := s.editTender(ctx, r.TenderID, "its requirements", func(st Store) error {
		old, err := requirementOf(ctx, st, r.TenderID, r.ID)
		if err != nil {
			return err
		}
		r.Number, r.Ratings = old.Number, nil
		if err := r.Validate(); err != nil {
			return err
		}
		return st.UpdateRequirement(ctx, r)
	})
	if err != nil {
		return fmt.Errorf("procurement: update requirement %d: %w", r.ID, err)
	}
	return nil
}

// DeleteRequirement removes a requirement with its ratings before
// publication.
func (s *Service) DeleteRequirement(ctx context.Context, tender, id int64) error {
	err := s.editTender(ctx, tender, "its requirements", func(st Store) error {
		if _, err := requirementOf(ctx, st, tender, id); err != nil {
			return err
		}
		return st.DeleteRequirement(ctx, id)
	})
	if err != nil {
		return fmt.Errorf("procurement: delete requirement %d: %w", id, err)
	}
	return nil
}
