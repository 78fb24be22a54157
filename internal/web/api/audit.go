package api

import (
	"context"
	"encoding/json"
	"time"

	"github.com/samenkoop/samenkoop/internal/web"
)

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

func (a *api) listAudit(ctx context.Context, in *listAuditInput) (*auditPageJSON, error) {
	f, err := web.AuditFilter(web.AuditQuery{Entity: in.Entity, EntityID: in.EntityID, Actor: in.Actor, From: in.From, To: in.To,
		Page: in.Page, PageSize: in.PageSize})
	if err != nil {
		return nil, err
	}
	entries, total, err := a.audit.AuditEntries(ctx, f)
	if err != nil {
		return nil, err
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
