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

const auditCalendarFeed = "calendar_feed" // id

// calendarFeedRecord is a calendar feed as the audit log keeps it: never
// the secret or its hash.
type calendarFeedRecord struct {
	UserID    int64  `json:"userId"`
	CreatedAt string `json:"createdAt"`
	RevokedAt string `json:"revokedAt,omitempty"`
}

// CreateCalendarFeed stores f with the hash of its secret and returns its
// id. A user has one active feed: revoke the old one first, in the same
// transaction.
func (st *Store) CreateCalendarFeed(ctx context.Context, f auth.CalendarFeed, hash string) (int64, error) {
	var id int64
	err := st.InTx(ctx, func(tx *Store) error {
		res, err := tx.write().ExecContext(ctx, `INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?, ?, ?)`,
			f.UserID, hash, formatTime(f.CreatedAt))
		switch {
		case isForeignKeyViolation(err):
			return fmt.Errorf("store: create calendar feed: user %d: %w", f.UserID, apperr.NotFound)
		case isUniqueViolation(err):
			return fmt.Errorf("store: create calendar feed: user %d has an active feed: %w", f.UserID, apperr.Conflict)
		case err != nil:
			return fmt.Errorf("store: create calendar feed: %w", err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		return tx.appendAudit(ctx, auditCalendarFeed, strconv.FormatInt(id, 10), audit.ActionCreate, nil,
			calendarFeedRecord{UserID: f.UserID, CreatedAt: formatTime(f.CreatedAt)})
	})
	return id, err
}

const calendarFeedColumns = `f.id, f.user_id, f.created_at, f.revoked_at`

type calendarFeedRow struct {
	f                auth.CalendarFeed
	created, revoked string
}

func (r *calendarFeedRow) dest() []any {
	return []any{&r.f.ID, &r.f.UserID, &r.created, &r.revoked}
}

func (r *calendarFeedRow) feed() (auth.CalendarFeed, error) {
	var err1, err2 error
	r.f.CreatedAt, err1 = parseTime(r.created)
	r.f.RevokedAt, err2 = parseTime(r.revoked)
	return r.f, errors.Join(err1, err2)
}

// CalendarFeed returns the user's active calendar feed.
func (st *Store) CalendarFeed(ctx context.Context, userID int64) (auth.CalendarFeed, error) {
	var r calendarFeedRow
	err := st.read().QueryRowContext(ctx, `SELECT `+calendarFeedColumns+` FROM calendar_feeds f
		WHERE f.user_id = ? AND f.revoked_at = ''`, userID).Scan(r.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return auth.CalendarFeed{}, fmt.Errorf("store: calendar feed of user %d: %w", userID, apperr.NotFound)
	}
	if err != nil {
		return auth.CalendarFeed{}, fmt.Errorf("store: calendar feed of user %d: %w", userID, err)
	}
	return r.feed()
}

// CalendarFeedByHash returns the feed whose secret hashes to hash, revoked
// or not, with its user, in one query: this runs on every feed request.
func (st *Store) CalendarFeedByHash(ctx context.Context, hash string) (auth.CalendarFeed, auth.User, error) {
	var r calendarFeedRow
	u, err := scanUser(st.read().QueryRowContext(ctx, `SELECT `+userColumns+`, `+calendarFeedColumns+`
		FROM calendar_feeds f JOIN users u ON u.id = f.user_id LEFT JOIN organizations o ON o.id = u.organization_id
		WHERE f.token_hash = ?`, hash), r.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return auth.CalendarFeed{}, auth.User{}, fmt.Errorf("store: calendar feed: %w", apperr.NotFound)
	}
	if err != nil {
		return auth.CalendarFeed{}, auth.User{}, fmt.Errorf("store: calendar feed: %w", err)
	}
	u.PasswordHash = ""
	f, err := r.feed()
	return f, u, err
}

// RevokeCalendarFeed marks the user's active feed revoked at at.
func (st *Store) RevokeCalendarFeed(ctx context.Context, userID int64, at time.Time) error {
	return st.InTx(ctx, func(tx *Store) error {
		var (
			id      int64
			created string
		)
		err := tx.write().QueryRowContext(ctx, `
			UPDATE calendar_feeds SET revoked_at = ? WHERE user_id = ? AND revoked_at = ''
			RETURNING id, created_at`, formatTime(at), userID).Scan(&id, &created)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: revoke calendar feed of user %d: %w", userID, apperr.NotFound)
		}
		if err != nil {
			return fmt.Errorf("store: revoke calendar feed of user %d: %w", userID, err)
		}
		before := calendarFeedRecord{UserID: userID, CreatedAt: created}
		after := before
		after.RevokedAt = formatTime(at)
		return tx.appendAudit(ctx, auditCalendarFeed, strconv.FormatInt(id, 10), audit.ActionUpdate, before, after)
	})
}
