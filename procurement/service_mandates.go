package procurement

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Mandates in bulk: one status on one date for many participants at once,
// and a spreadsheet of mandates (mandate_import.go), each all or nothing
// in one transaction.

// BulkMandate marks the mandates of many participants of one tender as
// requested or signed on one date.
type BulkMandate struct {
	// Organizations are the participants' codes; All takes every
	// participant instead.
	Organizations []string
	All           bool
	// Status is requested or signed; Date is the day it was requested or
	// signed (zero: today).
	Status MandateStatus
	Date   contracts.Date
	// Body and Scope are the deciding body and the powers of a signed
	// mandate; empty keeps each participant's stored ones.
	Body  DecidingBody
	Scope MandateScope
}

// bulkMandate applies b to a stored mandate.
func (b BulkMandate) apply(m Mandate, today contracts.Date) Mandate {
	d := b.Date
	if d.IsZero() {
		d = today
	}
	m.Status = b.Status
	switch b.Status {
	case MandateRequested:
		m.Requested, m.Signed = d, contracts.Date{}
	case MandateSigned:
		m.Signed = d
		if m.Requested.IsZero() || m.Requested.After(d) {
			m.Requested = d
		}
		if b.Body != "" {
			m.Body = b.Body
		}
		if b.Scope != (MandateScope{}) {
			m.Scope = b.Scope
		}
	}
	return m
}

// SetMandates records b on the chosen participants of tender, before
// publication, in one transaction: when one participant's mandate would
// be invalid (a signed mandate without a deciding body or powers, stored
// or given), or a code is no participant, nothing changes and the error
// names the first such participant: its problems are on the fields
// "organizations.<code>.<field>" (organizations.GM0363.body). It returns how many mandates it set.
func (s *Service) SetMandates(ctx context.Context, scope contracts.Scope, tender int64, b BulkMandate) (int, error) {
	var fe apperr.FieldErrors
	if b.Status != MandateRequested && b.Status != MandateSigned {
		fe.Add("status", apperr.OneOf, apperr.Or(string(MandateRequested), string(MandateSigned)), string(b.Status))
	}
	if b.Body != "" && !b.Body.Valid() {
		fe.Add("body", apperr.OneOf, mandateBodyList(), string(b.Body))
	}
	today := s.Today()
	if !b.Date.IsZero() && b.Date.After(today) {
		fe.Add("date", apperr.NotInFuture)
	}
	contracts.CheckDate(&fe, "date", b.Date)
	if !b.All && len(b.Organizations) == 0 {
		fe.Add("organizations", apperr.NoParticipants)
	}
	if err := fe.Err(); err != nil {
		return 0, err
	}
	n := 0
	err := s.store.InTx(ctx, func(st Store) error {
		if _, err := joinableTender(ctx, st, tender, "its mandates"); err != nil {
			return err
		}
		ps, err := st.Participants(ctx, tender)
		if err != nil {
			return err
		}
		chosen := map[string]bool{}
		for _, o := range b.Organizations {
			chosen[o] = true
		}
		for _, o := range slices.Sorted(maps.Keys(chosen)) {
			if !slices.ContainsFunc(ps, func(p Participant) bool { return p.Organization == o }) {
				fe.Add("organizations", apperr.NotParticipant, o)
			}
		}
		if err := fe.Err(); err != nil {
			return err
		}
		for _, p := range ps {
			if !b.All && !chosen[p.Organization] {
				continue
			}
			if err := checkScope(scope, p.Organization); err != nil {
				return err
			}
			m := b.apply(p.Mandate, today)
			if err := m.Validate(today); err != nil {
				for _, f := range apperr.Fields(err) {
					fe.Add("organizations."+p.Organization+"."+strings.TrimPrefix(f.Field, "mandate."), f.Code, f.Args...)
				}
				return fe
			}
			p.Mandate = m
			if err := st.UpsertParticipant(ctx, p); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return apperr.FieldProblem("organizations", apperr.NoParticipants)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("procurement: mandates of tender %d: %w", tender, err)
	}
	return n, nil
}
