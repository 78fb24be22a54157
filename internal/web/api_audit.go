package web

import (
	"context"
	"encoding/json"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// AuditLog reads and checks the audit trail; the store implements it.
type AuditLog interface {
	AuditEntries(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error)
	// VerifyAudit walks the whole hash chain.
	VerifyAudit(ctx context.Context) (audit.Report, error)
}

type auditEntryJSON struct {
	Seq        int64           `json:"seq"`
	At         time.Time       `json:"at"`
	ActorKind  string          `json:"actorKind" enum:"user,cli,system"`
	ActorEmail string          `json:"actorEmail,omitempty"`
	Entity     string          `json:"entity"`
	EntityID   string          `json:"entityId"`
	Action     string          `json:"action"`
	Before     json.RawMessage `json:"before,omitempty"`
	After      json.RawMessage `json:"after,omitempty"`
	RequestID  string          `json:"requestId,omitempty"`
	Hash       string          `json:"hash"`
}

type listAuditInput struct {
	Entity   string `query:"entity" maxLength:"50" doc:"Only this kind of entity (organization, category, cpv, setting, user, token, vendor, contract, calendar_feed)"`
	EntityID string `query:"entityId" maxLength:"100"`
	Actor    string `query:"actor" maxLength:"200" doc:"Only changes by this e-mail address"`
	From     string `query:"from" format:"date" doc:"From this day (Europe/Amsterdam), inclusive"`
	To       string `query:"to" format:"date" doc:"Up to and including this day"`
	Page     int    `query:"page" minimum:"1" maximum:"1000000" default:"1"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"500" default:"50"`
}

type auditPageJSON struct {
	Body struct {
		Items    []auditEntryJSON `json:"items"`
		Total    int              `json:"total"`
		Page     int              `json:"page"`
		PageSize int              `json:"pageSize"`
	}
}

// auditFilter turns the query into a filter; days are Amsterdam calendar
// days, so "to" includes the whole day.
func auditFilter(in *listAuditInput) (audit.Filter, error) {
	f := audit.Filter{Entity: in.Entity, EntityID: in.EntityID, Actor: in.Actor, Page: in.Page, PageSize: in.PageSize}
	var fe apperr.FieldErrors
	if d := parseDateField(&fe, "from", in.From); !d.IsZero() {
		f.From = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, amsterdam())
	}
	if d := parseDateField(&fe, "to", in.To); !d.IsZero() {
		f.To = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, amsterdam())
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		fe.Add("to", apperr.ToBeforeFrom)
	}
	return f.Normalize(), fe.Err()
}

func (a *api) listAudit(ctx context.Context, in *listAuditInput) (*auditPageJSON, error) {
	f, err := auditFilter(in)
	if err != nil {
		return nil, a.problem(ctx, "query", err)
	}
	entries, total, err := a.audit.AuditEntries(ctx, f)
	if err != nil {
		return nil, a.problem(ctx, "query", err)
	}
	out := &auditPageJSON{}
	out.Body.Items = make([]auditEntryJSON, len(entries))
	for i, e := range entries {
		out.Body.Items[i] = auditEntryJSON{Seq: e.Seq, At: e.At, ActorKind: e.ActorKind, ActorEmail: e.ActorEmail,
			Entity: e.Entity, EntityID: e.EntityID, Action: e.Action, Before: e.Before, After: e.After, RequestID: e.RequestID, Hash: e.Hash}
	}
	out.Body.Total, out.Body.Page, out.Body.PageSize = total, f.Page, f.PageSize
	return out, nil
}
