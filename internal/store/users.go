package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/auth"
)

// timeFormat stores instants as RFC 3339 text in UTC with a fixed nine
// fraction digits, so that text order is time order (RFC3339Nano drops
// trailing zeros, and "…05Z" would sort after "…05.5Z").
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

const userColumns = `u.id, u.email, u.name, u.role, coalesce(o.code, ''), u.password_hash, u.disabled, u.created_at`

const userFrom = ` FROM users u LEFT JOIN organizations o ON o.id = u.organization_id`

// scanUser reads a row of userColumns, then extra: a read that looks a
// user up through a secret's hash (an API token, a calendar feed) scans
// that row's columns after the user's.
func scanUser(s scanner, extra ...any) (auth.User, error) {
	var (
		u       auth.User
		role    string
		created string
	)
	if err := s.Scan(append([]any{&u.ID, &u.Email, &u.Name, &role, &u.Organization, &u.PasswordHash, &u.Disabled, &created}, extra...)...); err != nil {
		return u, err
	}
	u.Role = auth.Role(role)
	t, err := parseTime(created)
	if err != nil {
		return u, fmt.Errorf("user %d: %w", u.ID, err)
	}
	u.CreatedAt = t
	return u, nil
}

// userRecord is a user as the audit log keeps it: never the password
// hash.
type userRecord struct {
	Email        string `json:"email"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	Organization string `json:"organization"`
	Disabled     bool   `json:"disabled"`
}

// tokenRecord is a token as the audit log keeps it: never the secret or
// its hash.
type tokenRecord struct {
	UserID    int64  `json:"userId"`
	Kind      string `json:"kind"`
	Name      string `json:"name,omitempty"`
	Hint      string `json:"hint"`
	ExpiresAt string `json:"expiresAt,omitempty"`
	RevokedAt string `json:"revokedAt,omitempty"`
}

// tokenEntity is the audit entity of a token of kind: "token" for an API
// token, "calendar_feed" for a calendar token, the entity calendar feeds
// had before they became tokens (migration 0010), so their trail goes on
// under one name.
func tokenEntity(kind auth.TokenKind) string {
	if kind == auth.TokenCalendar {
		return "calendar_feed"
	}
	return "token"
}

// CreateUser inserts u and returns its id.
func (st *Store) CreateUser(ctx context.Context, u auth.User) (int64, error) {
	var id int64
	err := st.InTx(ctx, func(tx *Store) error {
		err := tx.write().QueryRowContext(ctx, `
			INSERT INTO users (email, name, role, organization_id, password_hash, disabled, created_at)
			VALUES (?, ?, ?, (SELECT id FROM organizations WHERE code = ?), ?, ?, ?) RETURNING id`,
			u.Email, u.Name, string(u.Role), u.Organization, u.PasswordHash, u.Disabled, formatTime(u.CreatedAt)).Scan(&id)
		if isUniqueViolation(err) {
			return fmt.Errorf("store: create user: %w", apperr.FieldProblem("email", apperr.EmailTaken))
		}
		if err != nil {
			return fmt.Errorf("store: create user %s: %w", u.Email, err)
		}
		return tx.appendAudit(ctx, "user", strconv.FormatInt(id, 10), audit.ActionCreate, nil,
			userRecord{Email: u.Email, Name: u.Name, Role: string(u.Role), Organization: u.Organization, Disabled: u.Disabled})
	})
	return id, err
}

// User returns the user with id.
func (st *Store) User(ctx context.Context, id int64) (auth.User, error) {
	u, err := scanUser(st.read().QueryRowContext(ctx, `SELECT `+userColumns+userFrom+` WHERE u.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("store: user %d: %w", id, apperr.NotFound)
	}
	if err != nil {
		return u, fmt.Errorf("store: user %d: %w", id, err)
	}
	return u, nil
}

// UserByEmail returns the user with the (normalized) address.
func (st *Store) UserByEmail(ctx context.Context, email string) (auth.User, error) {
	u, err := scanUser(st.read().QueryRowContext(ctx, `SELECT `+userColumns+userFrom+` WHERE u.email = ?`, email))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("store: user %s: %w", email, apperr.NotFound)
	}
	if err != nil {
		return u, fmt.Errorf("store: user %s: %w", email, err)
	}
	return u, nil
}

// Users returns every user by address.
func (st *Store) Users(ctx context.Context) ([]auth.User, error) {
	rows, err := st.read().QueryContext(ctx, `SELECT `+userColumns+userFrom+` ORDER BY u.email`)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []auth.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan user: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// OrganizationExists reports whether an organization has code.
func (st *Store) OrganizationExists(ctx context.Context, code string) (bool, error) {
	var n int
	if err := st.read().QueryRowContext(ctx, `SELECT count(*) FROM organizations WHERE code = ?`, code).Scan(&n); err != nil {
		return false, fmt.Errorf("store: organization exists %s: %w", code, err)
	}
	return n > 0, nil
}

// CreateToken stores t, of its kind, with the hash of its secret and
// returns its id. A user has one active calendar token
// (api_tokens_calendar_active): a second is apperr.Conflict.
func (st *Store) CreateToken(ctx context.Context, t auth.Token, hash string) (int64, error) {
	var id int64
	err := st.InTx(ctx, func(tx *Store) error {
		err := tx.write().QueryRowContext(ctx, `
			INSERT INTO api_tokens (user_id, kind, name, hint, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			t.UserID, string(t.Kind), t.Name, t.Hint, hash, formatTime(t.CreatedAt), formatTime(t.ExpiresAt)).Scan(&id)
		switch {
		case isForeignKeyViolation(err):
			return fmt.Errorf("store: create token: user %d: %w", t.UserID, apperr.NotFound)
		case isUniqueViolation(err) && t.Kind == auth.TokenCalendar:
			return fmt.Errorf("store: create token: user %d has an active calendar feed: %w", t.UserID, apperr.Conflict)
		case err != nil:
			return fmt.Errorf("store: create token: %w", err)
		}
		return tx.appendAudit(ctx, tokenEntity(t.Kind), strconv.FormatInt(id, 10), audit.ActionCreate, nil,
			tokenRecord{UserID: t.UserID, Kind: string(t.Kind), Name: t.Name, Hint: t.Hint, ExpiresAt: formatTime(t.ExpiresAt)})
	})
	return id, err
}

// tokenColumns read a token, of any kind; a read that joins its user
// scans them after the user's (scanUser's extra).
const tokenColumns = `t.id, t.user_id, t.kind, t.name, t.hint, t.created_at, t.expires_at, t.revoked_at`

// tokenRow holds the scan targets of a row of tokenColumns.
type tokenRow struct {
	t                               auth.Token
	kind, created, expires, revoked string
}

func (r *tokenRow) dest() []any {
	return []any{&r.t.ID, &r.t.UserID, &r.kind, &r.t.Name, &r.t.Hint, &r.created, &r.expires, &r.revoked}
}

func (r *tokenRow) token() (auth.Token, error) {
	var err1, err2, err3 error
	r.t.Kind = auth.TokenKind(r.kind)
	r.t.CreatedAt, err1 = parseTime(r.created)
	r.t.ExpiresAt, err2 = parseTime(r.expires)
	r.t.RevokedAt, err3 = parseTime(r.revoked)
	return r.t, errors.Join(err1, err2, err3)
}

// TokenByHash returns the token, of any kind, whose secret hashes to hash,
// with its user, in one query: this runs on every API request and every
// fetch of a calendar feed.
func (st *Store) TokenByHash(ctx context.Context, hash string) (auth.Token, auth.User, error) {
	var r tokenRow
	u, err := scanUser(st.read().QueryRowContext(ctx, `SELECT `+userColumns+`, `+tokenColumns+`
		FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN organizations o ON o.id = u.organization_id
		WHERE t.token_hash = ?`, hash), r.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return auth.Token{}, auth.User{}, fmt.Errorf("store: token: %w", apperr.NotFound)
	}
	if err != nil {
		return auth.Token{}, auth.User{}, fmt.Errorf("store: token: %w", err)
	}
	// The lookup by a secret never needs the password hash.
	u.PasswordHash = ""
	t, err := r.token()
	return t, u, err
}

// TokenUsable reports whether the token with the hash exists, is not
// revoked and its user is not disabled; an unknown hash is false, not an
// error. One lookup on the token_hash index, two columns read.
func (st *Store) TokenUsable(ctx context.Context, hash string) (bool, error) {
	var ok bool
	err := st.read().QueryRowContext(ctx, `SELECT t.revoked_at = '' AND u.disabled = 0
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`, hash).Scan(&ok)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: token usable: %w", err)
	}
	return ok, nil
}

// Tokens returns the user's tokens of kind, newest first.
func (st *Store) Tokens(ctx context.Context, userID int64, kind auth.TokenKind) ([]auth.Token, error) {
	rows, err := st.read().QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens t WHERE t.user_id = ? AND t.kind = ? ORDER BY t.id DESC`,
		userID, string(kind))
	if err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	defer rows.Close()
	var out []auth.Token
	for rows.Next() {
		var r tokenRow
		if err := rows.Scan(r.dest()...); err != nil {
			return nil, fmt.Errorf("store: scan token: %w", err)
		}
		t, err := r.token()
		if err != nil {
			return nil, fmt.Errorf("store: token %d: %w", r.t.ID, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken marks the user's token id, of any kind, revoked at at.
func (st *Store) RevokeToken(ctx context.Context, userID, id int64, at time.Time) error {
	return st.InTx(ctx, func(tx *Store) error {
		var kind, name, hint, expires string
		err := tx.write().QueryRowContext(ctx, `
			UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at = ''
			RETURNING kind, name, hint, expires_at`, formatTime(at), id, userID).Scan(&kind, &name, &hint, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: revoke token %d: %w", id, apperr.NotFound)
		}
		if err != nil {
			return fmt.Errorf("store: revoke token %d: %w", id, err)
		}
		rec := tokenRecord{UserID: userID, Kind: kind, Name: name, Hint: hint, ExpiresAt: expires}
		after := rec
		after.RevokedAt = formatTime(at)
		return tx.appendAudit(ctx, tokenEntity(auth.TokenKind(kind)), strconv.FormatInt(id, 10), audit.ActionUpdate, rec, after)
	})
}

// CreateSession stores s.
func (st *Store) CreateSession(ctx context.Context, s auth.Session) error {
	_, err := st.write().ExecContext(ctx, `INSERT INTO sessions (hash, user_id, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)`,
		s.Hash, s.UserID, s.CSRF, formatTime(s.CreatedAt), formatTime(s.LastSeen))
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionByHash returns the session whose secret hashes to hash.
func (st *Store) SessionByHash(ctx context.Context, hash string) (auth.Session, error) {
	var (
		s             auth.Session
		created, seen string
	)
	err := st.read().QueryRowContext(ctx, `SELECT hash, user_id, csrf, created_at, last_seen_at FROM sessions WHERE hash = ?`, hash).
		Scan(&s.Hash, &s.UserID, &s.CSRF, &created, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("store: session: %w", apperr.NotFound)
	}
	if err != nil {
		return s, fmt.Errorf("store: session: %w", err)
	}
	var err1, err2 error
	s.CreatedAt, err1 = parseTime(created)
	s.LastSeen, err2 = parseTime(seen)
	return s, errors.Join(err1, err2)
}

// TouchSession records that the session was used at at.
func (st *Store) TouchSession(ctx context.Context, hash string, at time.Time) error {
	if _, err := st.write().ExecContext(ctx, `UPDATE sessions SET last_seen_at = ? WHERE hash = ?`, formatTime(at), hash); err != nil {
		return fmt.Errorf("store: touch session: %w", err)
	}
	return nil
}

// DeleteSession removes the session with hash.
func (st *Store) DeleteSession(ctx context.Context, hash string) error {
	if _, err := st.write().ExecContext(ctx, `DELETE FROM sessions WHERE hash = ?`, hash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteSessionsBefore removes sessions last seen before t.
func (st *Store) DeleteSessionsBefore(ctx context.Context, t time.Time) error {
	if _, err := st.write().ExecContext(ctx, `DELETE FROM sessions WHERE last_seen_at < ?`, formatTime(t)); err != nil {
		return fmt.Errorf("store: delete old sessions: %w", err)
	}
	return nil
}
