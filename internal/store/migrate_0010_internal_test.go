package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
)

// TestMigration0010KeepsCalendarFeeds seeds a database at schema 0009 with
// calendar feeds in their own table (an active and a revoked one of one
// user, an active one of another) and an API token, migrates, and checks
// that every feed URL still opens what it opened (the revoked one nothing),
// that the feeds are now tokens of kind calendar, listed and revoked like
// any token, and that neither kind opens what the other does (STYLE §8:
// seed at N−1, check after N).
func TestMigration0010KeepsCalendarFeeds(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)
	st, err := Open(filepath.Join(t.TempDir(), "v9.db"), Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := st.provider()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(ctx, 9); err != nil {
		t.Fatal(err)
	}
	const (
		active, revoked, other = "skc_feed-of-anna-active", "skc_feed-of-anna-revoked", "skc_feed-of-bert"
		apiSecret              = "skp_token-of-anna"
	)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO users (id, email, name, role, password_hash, created_at)
			VALUES (1, 'anna@test.nl', 'Anna', 'admin', 'x', '2026-01-01T00:00:00.000000000Z'),
			(2, 'bert@test.nl', 'Bert', 'admin', 'x', '2026-01-01T00:00:00.000000000Z')`, nil},
		{`INSERT INTO calendar_feeds (id, user_id, token_hash, created_at, revoked_at) VALUES
			(1, 1, ?, '2026-02-01T00:00:00.000000000Z', '2026-03-01T00:00:00.000000000Z'),
			(2, 1, ?, '2026-03-01T00:00:00.000000000Z', ''),
			(3, 2, ?, '2026-04-01T00:00:00.000000000Z', '')`,
			[]any{auth.HashSecret(revoked), auth.HashSecret(active), auth.HashSecret(other)}},
		{`INSERT INTO api_tokens (id, user_id, name, hint, token_hash, created_at)
			VALUES (1, 1, 'koppeling', 'skp_toke', ?, '2026-01-15T00:00:00.000000000Z')`, []any{auth.HashSecret(apiSecret)}},
	} {
		if err := st.ExecForTest(ctx, q.sql, q.args...); err != nil {
			t.Fatalf("seed at 0009: %v\n%s", err, q.sql)
		}
	}

	applied, err := st.Migrate(ctx)
	if err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if len(applied) == 0 || applied[0] != 10 {
		t.Fatalf("Migrate applied %v, want 0010 first", applied)
	}
	var tables int
	if err := st.reader.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'calendar_feeds'`).Scan(&tables); err != nil || tables != 0 {
		t.Errorf("calendar_feeds after the migration: %d tables, %v; want it gone", tables, err)
	}

	svc := auth.NewService(st.Auth(), auth.Options{Now: func() time.Time { return now }, Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	for _, tt := range []struct {
		secret   string
		wantUser string // "": no feed opens
	}{
		{active, "anna@test.nl"},
		{other, "bert@test.nl"},
		{revoked, ""},
		{apiSecret, ""}, // an API token opens no feed
	} {
		u, err := svc.CalendarUser(ctx, tt.secret)
		switch {
		case tt.wantUser == "" && !errors.Is(err, apperr.NotFound):
			t.Errorf("CalendarUser(%s) = %s, %v; want apperr.NotFound", tt.secret, u.Email, err)
		case tt.wantUser != "" && (err != nil || u.Email != tt.wantUser):
			t.Errorf("CalendarUser(%s) = %s, %v; want %s", tt.secret, u.Email, err, tt.wantUser)
		}
	}
	if u, err := svc.TokenUser(ctx, apiSecret); err != nil || u.Email != "anna@test.nl" {
		t.Errorf("TokenUser(the API token) = %s, %v; want anna@test.nl", u.Email, err)
	}
	if _, err := svc.TokenUser(ctx, active); !errors.Is(err, apperr.Unauthenticated) {
		t.Errorf("TokenUser(a calendar feed's secret) = %v, want apperr.Unauthenticated", err)
	}

	// Listed and revoked as tokens: the API tokens alone on the account
	// page, the feeds by kind.
	if ts, err := svc.Tokens(ctx, 1); err != nil || len(ts) != 1 || ts[0].Kind != auth.TokenAPI || ts[0].Name != "koppeling" {
		t.Errorf("Tokens(anna) = %+v, %v; want the API token only", ts, err)
	}
	feeds, err := st.Tokens(ctx, 1, auth.TokenCalendar)
	if err != nil || len(feeds) != 2 || !feeds[1].RevokedAt.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) ||
		!feeds[0].RevokedAt.IsZero() || feeds[0].Hint != auth.CalendarPrefix {
		t.Errorf("calendar tokens of anna = %+v, %v; want the active and the revoked feed, newest first", feeds, err)
	}
	f, err := svc.CalendarFeed(ctx, 1)
	if err != nil || f.ID != feeds[0].ID {
		t.Errorf("CalendarFeed(anna) = %+v, %v; want token %d", f, err, feeds[0].ID)
	}
	// A new feed revokes the migrated one: one active feed per user.
	if _, _, err := svc.CreateCalendarFeed(ctx, 1); err != nil {
		t.Fatalf("CreateCalendarFeed: %v", err)
	}
	if _, err := svc.CalendarUser(ctx, active); !errors.Is(err, apperr.NotFound) {
		t.Errorf("the migrated feed after a new one = %v, want apperr.NotFound", err)
	}
	if err := st.ExecForTest(ctx, `INSERT INTO api_tokens (user_id, kind, name, hint, token_hash, created_at)
		VALUES (2, 'calendar', '', 'skc_', 'another', '2026-11-22T00:00:00.000000000Z')`); err == nil {
		t.Error("a second active calendar token for one user was accepted")
	}
	if err := svc.RevokeCalendarFeed(ctx, 2); err != nil {
		t.Errorf("RevokeCalendarFeed(bert) = %v", err)
	}
	if _, err := svc.CalendarUser(ctx, other); !errors.Is(err, apperr.NotFound) {
		t.Errorf("bert's revoked feed = %v, want apperr.NotFound", err)
	}
	if u, err := svc.TokenUser(ctx, apiSecret); err != nil || u.Email != "anna@test.nl" {
		t.Errorf("TokenUser(the API token) after the feeds changed = %s, %v; want anna@test.nl", u.Email, err)
	}
}
