package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/auth"
)

// TestUserAndTokenChangesAreAudited: accounts and tokens are changes like
// any other (issue 3 item 6), and their secrets never reach the log.
func TestUserAndTokenChangesAreAudited(t *testing.T) {
	ctx := audit.WithActor(context.Background(), audit.Actor{Kind: audit.KindCLI, Email: "beheer"})
	_, st := newService(t)
	svc := auth.NewService(st.Auth(), auth.Options{Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	u, err := svc.CreateUser(ctx, auth.User{Email: "fin@test.nl", Name: "Financiën", Role: auth.RoleFinance}, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	tok, secret, err := svc.CreateToken(ctx, u.ID, "rapportage", 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.RevokeToken(ctx, u.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	entries, total, err := st.AuditEntries(ctx, audit.Filter{})
	if err != nil || total != 3 {
		t.Fatalf("AuditEntries = %d entries, %v; want user create, token create, token revoke", total, err)
	}
	want := []struct{ entity, action string }{{"token", "update"}, {"token", "create"}, {"user", "create"}}
	for i, w := range want {
		e := entries[i]
		if e.Entity != w.entity || e.Action != w.action || e.ActorEmail != "beheer" {
			t.Errorf("entry %d = %s %s by %s, want %s %s by beheer", i, e.Entity, e.Action, e.ActorEmail, w.entity, w.action)
		}
		for _, secretPart := range []string{secret, auth.HashSecret(secret), "argon2id"} {
			if strings.Contains(string(e.Before)+string(e.After), secretPart) {
				t.Errorf("entry %d records a secret: %s %s", i, e.Before, e.After)
			}
		}
	}
	if !strings.Contains(string(entries[0].After), `"revokedAt"`) {
		t.Errorf("revoke entry after = %s, want the revocation time", entries[0].After)
	}
	if rep, err := st.VerifyAudit(ctx); err != nil || !rep.Intact {
		t.Errorf("VerifyAudit = %+v, %v", rep, err)
	}
}

// TestTokenKinds: a calendar feed is a token of kind calendar, made,
// listed, revoked and audited through the token code; its secret opens
// only the feed, and an API token's only the API.
func TestTokenKinds(t *testing.T) {
	ctx := audit.WithActor(context.Background(), audit.Actor{Kind: audit.KindCLI, Email: "beheer"})
	_, st := newService(t)
	svc := auth.NewService(st.Auth(), auth.Options{Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	u, err := svc.CreateUser(ctx, auth.User{Email: "inkoop@test.nl", Name: "Inkoop", Role: auth.RoleAdmin}, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	api, apiSecret, err := svc.CreateToken(ctx, u.ID, "koppeling", 0)
	if err != nil {
		t.Fatal(err)
	}
	feed, feedSecret, err := svc.CreateCalendarFeed(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if api.Kind != auth.TokenAPI || feed.Kind != auth.TokenCalendar || !strings.HasPrefix(feedSecret, auth.CalendarPrefix) {
		t.Fatalf("kinds = %s, %s (feed secret %.4s…); want api, calendar (skc_…)", api.Kind, feed.Kind, feedSecret)
	}
	if got, err := svc.CalendarUser(ctx, feedSecret); err != nil || got.ID != u.ID {
		t.Errorf("CalendarUser(feed) = %d, %v; want user %d", got.ID, err, u.ID)
	}
	if _, err := svc.CalendarUser(ctx, apiSecret); !errors.Is(err, apperr.NotFound) {
		t.Errorf("CalendarUser(API token) = %v, want apperr.NotFound: an API token opens no feed", err)
	}
	if got, err := svc.TokenUser(ctx, apiSecret); err != nil || got.ID != u.ID {
		t.Errorf("TokenUser(API token) = %d, %v; want user %d", got.ID, err, u.ID)
	}
	for range 2 { // the second time from the token cache, had it kept it
		if _, err := svc.TokenUser(ctx, feedSecret); !errors.Is(err, apperr.Unauthenticated) {
			t.Errorf("TokenUser(feed) = %v, want apperr.Unauthenticated: a feed opens no API", err)
		}
	}
	if ts, err := svc.Tokens(ctx, u.ID); err != nil || len(ts) != 1 || ts[0].ID != api.ID {
		t.Errorf("Tokens = %+v, %v; want the API token only", ts, err)
	}
	if f, err := svc.CalendarFeed(ctx, u.ID); err != nil || f.ID != feed.ID {
		t.Errorf("CalendarFeed = %+v, %v; want token %d", f, err, feed.ID)
	}
	// Revoked like any token: by the token code, by id.
	if err := svc.RevokeToken(ctx, u.ID, feed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CalendarUser(ctx, feedSecret); !errors.Is(err, apperr.NotFound) {
		t.Errorf("CalendarUser(revoked feed) = %v, want apperr.NotFound", err)
	}
	if err := svc.RevokeCalendarFeed(ctx, u.ID); !errors.Is(err, apperr.NotFound) {
		t.Errorf("RevokeCalendarFeed with none active = %v, want apperr.NotFound", err)
	}
	if _, err := svc.TokenUser(ctx, apiSecret); err != nil {
		t.Errorf("TokenUser(API token) after the feed was revoked = %v", err)
	}
	entries, _, err := st.AuditEntries(ctx, audit.Filter{Entity: "calendar_feed"})
	if err != nil || len(entries) != 2 || entries[0].Action != "update" || entries[1].Action != "create" ||
		!strings.Contains(string(entries[1].After), `"kind":"calendar"`) {
		t.Fatalf("audit of the feed = %+v, %v; want its create and revoke, of kind calendar", entries, err)
	}
	for _, e := range entries {
		if strings.Contains(string(e.Before)+string(e.After), feedSecret) || strings.Contains(string(e.Before)+string(e.After), auth.HashSecret(feedSecret)) {
			t.Errorf("audit entry records the feed's secret: %s %s", e.Before, e.After)
		}
	}
}
