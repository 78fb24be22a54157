package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

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
