package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// The entity names of the audit log, one per kind of record; the entity ID
// is the code, id or key named beside each.
const (
	auditOrganization = "organization" // code
	auditCategory     = "category"     // id
	auditCPV          = "cpv"          // none: one entry per import
	auditSetting      = "setting"      // key
)

// The before and after states the log keeps, one small struct per entity
// with the API's camelCase names. Domain types carry no JSON tags (STYLE
// §6), and a fixed struct keeps the recorded form stable when a domain
// type grows a field that is no business of the log.
type (
	organizationRecord struct {
		Code           string   `json:"code"`
		Name           string   `json:"name"`
		Kind           string   `json:"kind"`
		Province       string   `json:"province"`
		Population     int      `json:"population"`
		PopulationDate string   `json:"populationDate"`
		Region         string   `json:"region"`
		Cooperations   []string `json:"cooperations"`
		// The notice details, each left out while empty so that the
		// entries written before them read the same.
		Street       string `json:"street,omitempty"`
		Postcode     string `json:"postcode,omitempty"`
		City         string `json:"city,omitempty"`
		NUTS         string `json:"nuts,omitempty"`
		OIN          string `json:"oin,omitempty"`
		KvK          string `json:"kvk,omitempty"`
		LegalType    string `json:"legalType,omitempty"`
		MainActivity string `json:"mainActivity,omitempty"`
		Email        string `json:"email,omitempty"`
		Phone        string `json:"phone,omitempty"`
		URL          string `json:"url,omitempty"`
	}
	categoryRecord struct {
		ID   int64    `json:"id"`
		Name string   `json:"name"`
		CPV  []string `json:"cpv"`
	}
	cpvImportRecord struct {
		Codes int `json:"codes"`
	}
	settingRecord struct {
		Value string `json:"value"`
	}
)

func auditedOrganization(o contracts.Organization) organizationRecord {
	coops := append([]string{}, o.Cooperations...)
	slices.Sort(coops)
	return organizationRecord{
		Code: o.Code, Name: o.Name, Kind: string(o.Kind), Province: o.Province,
		Population: o.Population, PopulationDate: o.PopulationDate.String(), Region: o.Region,
		Cooperations: coops,
		Street:       o.Street, Postcode: o.Postcode, City: o.City, NUTS: o.NUTS, OIN: o.OIN, KvK: o.KvK,
		LegalType: o.LegalType, MainActivity: o.MainActivity, Email: o.Email, Phone: o.Phone, URL: o.URL,
	}
}

func auditedCategory(c contracts.Category) categoryRecord {
	return categoryRecord{ID: c.ID, Name: c.Name, CPV: append([]string{}, c.CPV...)}
}

// keyedSinceSetting names the settings row where the store records the
// Seq of the first keyed audit entry, written in the same transaction as
// that entry. Verify then names a log re-chained with plain SHA-256 by
// someone without the key (audit.Verifier.KeyedSince). The row is no
// secret and proves nothing alone: whoever can write the database can
// delete it too; it catches the re-chain that forgets it, and a
// checkpoint catches the rest.
const keyedSinceSetting = "audit.keyedSince"

// appendAudit records one change in the audit log: who (the actor in ctx),
// what (entity, entityID, action), before and after (marshalled to JSON;
// nil for none) and the request ID in ctx. It must run in the transaction
// that makes the change, so that the entry and the change are kept or
// dropped together. The transaction reads the last entry and writes the
// next: the writer is one connection and BEGIN takes the write lock
// (_txlock=immediate), also against another process on the same file, so
// two changes can never extend the chain from the same entry; and were
// they to, seq is the primary key and the second insert would fail.
//
// With an audit key the entry is sealed with HMAC-SHA-256 (audit.Entry.Seal).
// The first keyed entry chains onto the last unkeyed hash, and its Seq is
// recorded in the settings (keyedSinceSetting). Once the log is keyed, a
// change is refused rather than recorded with a seal that would break it:
// without a key, or with a key the last entry does not verify under (the
// wrong key file).
func (st *Store) appendAudit(ctx context.Context, entity, entityID, action string, before, after any) error {
	if st.tx == nil {
		return fmt.Errorf("store: audit %s %s %s: not in a transaction", action, entity, entityID)
	}
	if st.audited != nil {
		*st.audited = true
	}
	last, err := scanAudit(st.write().QueryRowContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq DESC LIMIT 1`))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		last = audit.Entry{Hash: audit.GenesisHash}
	case err != nil:
		return fmt.Errorf("store: audit %s %s %s: last entry: %w", action, entity, entityID, err)
	case last.Keyed() && len(st.auditKey) == 0:
		return fmt.Errorf("store: audit %s %s %s: the audit log is keyed (entry #%d is sealed with HMAC-SHA-256) and no audit key is configured (audit.keyFile)",
			action, entity, entityID, last.Seq)
	case last.Keyed() && last.Hash != last.ComputeHMAC(st.auditKey):
		return fmt.Errorf("store: audit %s %s %s: the last audit entry #%d does not verify under the configured key (a wrong audit.keyFile, or an edited entry: run samenkoop audit verify)",
			action, entity, entityID, last.Seq)
	}
	var e audit.Entry
	actor := audit.ActorFrom(ctx)
	e.Seq, e.PrevHash = last.Seq+1, last.Hash
	e.At = st.now().UTC().Truncate(time.Microsecond)
	e.ActorKind, e.ActorID, e.ActorEmail = actor.Kind, actor.UserID, actor.Email
	e.Entity, e.EntityID, e.Action = entity, entityID, action
	e.RequestID = audit.RequestIDFrom(ctx)
	if e.Before, err = auditJSON(before); err != nil {
		return fmt.Errorf("store: audit %s %s %s: before: %w", action, entity, entityID, err)
	}
	if e.After, err = auditJSON(after); err != nil {
		return fmt.Errorf("store: audit %s %s %s: after: %w", action, entity, entityID, err)
	}
	e.Hash = e.Seal(st.auditKey)
	if _, err := st.write().ExecContext(ctx, `
		INSERT INTO audit_log (seq, at, actor_kind, actor_id, actor_email, entity, entity_id, action, before, after, request_id, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At.Format(audit.TimeLayout), e.ActorKind, e.ActorID, e.ActorEmail, e.Entity, e.EntityID, e.Action,
		nullJSON(e.Before), nullJSON(e.After), e.RequestID, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("store: audit %s %s %s: %w", action, entity, entityID, err)
	}
	if e.Keyed() && !last.Keyed() {
		if _, err := st.write().ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
			keyedSinceSetting, strconv.FormatInt(e.Seq, 10)); err != nil {
			return fmt.Errorf("store: audit %s %s %s: record the first keyed entry: %w", action, entity, entityID, err)
		}
	}
	return nil
}

// auditJSON marshals v for an entry's before or after; nil stays nil.
func auditJSON(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// nullJSON stores absent JSON as NULL, so that it reads back as nil and
// hashes the same.
func nullJSON(b json.RawMessage) any {
	if len(b) == 0 {
		return nil
	}
	return string(b)
}

const auditColumns = `seq, at, actor_kind, actor_id, actor_email, entity, entity_id, action, before, after, request_id, prev_hash, hash`

func scanAudit(s scanner) (audit.Entry, error) {
	var (
		e             audit.Entry
		at            string
		before, after sql.NullString
	)
	if err := s.Scan(&e.Seq, &at, &e.ActorKind, &e.ActorID, &e.ActorEmail, &e.Entity, &e.EntityID, &e.Action,
		&before, &after, &e.RequestID, &e.PrevHash, &e.Hash); err != nil {
		return e, err
	}
	// A time edited by hand into another form is not a read error: the
	// entry keeps a zero time, and its hash tells that it was changed. Text
	// that parses but is not in TimeLayout's exact form counts as edited
	// too, because the hash covers the instant, not the text.
	if t, err := time.Parse(audit.TimeLayout, at); err == nil && t.Format(audit.TimeLayout) == at {
		e.At = t
	}
	if before.Valid {
		e.Before = json.RawMessage(before.String)
	}
	if after.Valid {
		e.After = json.RawMessage(after.String)
	}
	return e, nil
}

// AuditEntries returns one page of the audit log matching f, newest first,
// with the total number of entries that match.
func (st *Store) AuditEntries(ctx context.Context, f audit.Filter) ([]audit.Entry, int, error) {
	f = f.Normalize()
	var (
		where []string
		args  []any
	)
	if f.Entity != "" {
		where, args = append(where, "entity = ?"), append(args, f.Entity)
	}
	if f.EntityID != "" {
		where, args = append(where, "entity_id = ?"), append(args, f.EntityID)
	}
	if f.Actor != "" {
		where, args = append(where, "actor_email = ?"), append(args, f.Actor)
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, f.From.UTC().Format(audit.TimeLayout))
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, f.To.UTC().Format(audit.TimeLayout))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := st.read().QueryRowContext(ctx, `SELECT count(*) FROM audit_log`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count audit entries: %w", err)
	}
	rows, err := st.read().QueryContext(ctx,
		`SELECT `+auditColumns+` FROM audit_log`+cond+` ORDER BY seq DESC LIMIT ? OFFSET ?`,
		append(args, f.PageSize, f.Offset())...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list audit entries: %w", err)
	}
	defer rows.Close()
	out := make([]audit.Entry, 0, min(f.PageSize, total))
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("store: scan audit entry: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: list audit entries: %w", err)
	}
	return out, total, nil
}

// EachAudit calls fn with every entry of the audit log in Seq order,
// reading row by row so memory stays bounded. It stops at the first error
// fn returns and returns it. The rows come from one statement, so they are
// one consistent snapshot even while changes are being written.
func (st *Store) EachAudit(ctx context.Context, fn func(audit.Entry) error) error {
	rows, err := st.read().QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return fmt.Errorf("store: read audit log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return fmt.Errorf("store: scan audit entry: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: read audit log: %w", err)
	}
	return nil
}

// VerifyAudit walks the audit log's chain from the first entry under the
// store's audit key and reports the first broken link (audit.Verifier). A
// broken chain is in the report; the error is for a log that could not be
// read.
func (st *Store) VerifyAudit(ctx context.Context) (audit.Report, error) {
	return st.VerifyAuditAnchored(ctx)
}

// VerifyAuditAnchored is VerifyAudit that also checks that the log still
// passes through each anchor (a checkpoint, the head a backup printed) and
// is at least as long, so that a removed tail is named.
func (st *Store) VerifyAuditAnchored(ctx context.Context, anchors ...audit.Anchor) (audit.Report, error) {
	// The first keyed entry is read before the entries: it can only
	// appear later than they are read, never vanish, so a change written
	// in between is no false alarm.
	since, err := st.auditKeyedSince(ctx)
	if err != nil {
		return audit.Report{}, err
	}
	errStop := errors.New("stop")
	entries := func(yield func(audit.Entry, error) bool) {
		err := st.EachAudit(ctx, func(e audit.Entry) error {
			if !yield(e, nil) {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			yield(audit.Entry{}, err)
		}
	}
	v := audit.Verifier{Key: st.auditKey, KeyedSince: since, Anchors: anchors}
	r, err := v.Verify(entries)
	if err != nil {
		return r, fmt.Errorf("store: verify audit log: %w", err)
	}
	return r, nil
}

// auditKeyedSince returns the Seq of the first keyed entry as recorded in
// the settings, or 0.
func (st *Store) auditKeyedSince(ctx context.Context) (int64, error) {
	var v string
	err := st.read().QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, keyedSinceSetting).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: read %s: %w", keyedSinceSetting, err)
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("store: setting %s is %q, not an entry number: it was edited by hand", keyedSinceSetting, v)
	}
	return n, nil
}
