package web

import (
	"context"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// AuditLog reads and checks the audit trail; the store implements it.
type AuditLog interface {
	AuditEntries(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error)
	// VerifyAudit walks the whole hash chain.
	VerifyAudit(ctx context.Context) (audit.Report, error)
}

// AuditQuery is a filter of the audit trail as the API and the audit page
// take it: days as ISO dates.
type AuditQuery struct {
	Entity, EntityID, Actor string
	From, To                string
	Page, PageSize          int
}

// AuditFilter turns the query into a filter; days are Amsterdam calendar
// days, so "to" includes the whole day.
func AuditFilter(in AuditQuery) (audit.Filter, error) {
	f := audit.Filter{Entity: in.Entity, EntityID: in.EntityID, Actor: in.Actor, Page: in.Page, PageSize: in.PageSize}
	var fe apperr.FieldErrors
	if d := ParseDateField(&fe, "from", in.From); !d.IsZero() {
		f.From = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, contracts.Amsterdam)
	}
	if d := ParseDateField(&fe, "to", in.To); !d.IsZero() {
		f.To = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, contracts.Amsterdam)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		fe.Add("to", apperr.ToBeforeFrom)
	}
	return f.Normalize(), fe.Err()
}
