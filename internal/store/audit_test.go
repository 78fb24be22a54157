package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/store"
)

// clock is a pinned clock that moves one minute per reading, so each entry
// has its own time.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Minute)
	return c.t
}

var auditStart = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// newAuditStore is storetest.New with a pinned clock for the audit times.
func newAuditStore(tb testing.TB) *store.Store {
	tb.Helper()
	clk := &clock{t: auditStart}
	st, err := store.Open(filepath.Join(tb.TempDir(), "audit.db"), store.Options{Now: clk.now})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return st
}

var inkoper = audit.Actor{UserID: 7, Email: "inkoop@amsterdam.nl", Kind: audit.KindUser}

func asUser(requestID string) context.Context {
	return audit.WithRequestID(audit.WithActor(context.Background(), inkoper), requestID)
}

func allEntries(t *testing.T, st *store.Store) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	if err := st.EachAudit(context.Background(), func(e audit.Entry) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonOf(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	if raw == nil {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("entry JSON %s: %v", raw, err)
	}
	return m
}

func TestAuditOrganizationLifecycle(t *testing.T) {
	st := newAuditStore(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
	if err := svc.CreateOrganization(asUser("req-1"), amsterdam()); err != nil {
		t.Fatal(err)
	}
	name := "Gemeente Amsterdam"
	if _, err := svc.UpdateOrganization(asUser("req-2"), "GM0363", contracts.OrganizationPatch{Name: &name}); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteOrganization(asUser("req-3"), "GM0363"); err != nil {
		t.Fatal(err)
	}

	es := allEntries(t, st)
	if len(es) != 3 {
		t.Fatalf("audit log holds %d entries, want 3: %+v", len(es), es)
	}
	wantActions := []string{audit.ActionCreate, audit.ActionUpdate, audit.ActionDelete}
	for i, e := range es {
		if e.Seq != int64(i+1) || e.Entity != "organization" || e.EntityID != "GM0363" || e.Action != wantActions[i] {
			t.Errorf("entry %d = %d %s %s %s, want %d organization GM0363 %s", i, e.Seq, e.Entity, e.EntityID, e.Action, i+1, wantActions[i])
		}
		if e.ActorKind != audit.KindUser || e.ActorID != 7 || e.ActorEmail != "inkoop@amsterdam.nl" {
			t.Errorf("entry %d actor = %s %d %s, want the user inkoop@amsterdam.nl (7)", e.Seq, e.ActorKind, e.ActorID, e.ActorEmail)
		}
		if want := fmt.Sprintf("req-%d", i+1); e.RequestID != want {
			t.Errorf("entry %d request ID = %q, want %q", e.Seq, e.RequestID, want)
		}
		if want := auditStart.Add(time.Duration(i+1) * time.Minute); !e.At.Equal(want) || e.At.Location() != time.UTC {
			t.Errorf("entry %d at %v, want %v in UTC", e.Seq, e.At, want)
		}
	}
	create, update, del := es[0], es[1], es[2]
	if create.Before != nil || jsonOf(t, create.After)["name"] != "Amsterdam" || jsonOf(t, create.After)["populationDate"] != "2025-01-01" {
		t.Errorf("create: before %s, after %s; want no before and Amsterdam after", create.Before, create.After)
	}
	if jsonOf(t, update.Before)["name"] != "Amsterdam" || jsonOf(t, update.After)["name"] != "Gemeente Amsterdam" ||
		jsonOf(t, update.After)["population"] != float64(934526) {
		t.Errorf("update: before %s, after %s; want the name changed and the rest kept", update.Before, update.After)
	}
	if jsonOf(t, del.Before)["name"] != "Gemeente Amsterdam" || del.After != nil {
		t.Errorf("delete: before %s, after %s; want the last state before and nothing after", del.Before, del.After)
	}

	r, err := st.VerifyAudit(context.Background())
	if err != nil || !r.Intact || r.Checked != 3 || r.Head != del.Hash {
		t.Errorf("VerifyAudit = %+v, %v; want intact with 3 entries and head %s", r, err, del.Hash)
	}
}

func TestAuditWithoutActorIsTheSystem(t *testing.T) {
	st := newAuditStore(t)
	if err := st.CreateOrganization(context.Background(), amsterdam()); err != nil {
		t.Fatal(err)
	}
	es := allEntries(t, st)
	if len(es) != 1 || es[0].ActorKind != audit.KindSystem || es[0].ActorEmail != "" || es[0].RequestID != "" {
		t.Errorf("entries = %+v, want one by the system without request ID", es)
	}
}

// TestAuditRejectedChangeWritesNothing: the entry is in the change's
// transaction, so whatever undoes the change undoes the entry.
func TestAuditRejectedChangeWritesNothing(t *testing.T) {
	coop := contracts.Organization{Code: "SSC-ICT", Name: "Samenwerking ICT", Kind: contracts.KindCooperation}
	tests := []struct {
		name    string
		change  func(ctx context.Context, svc *contracts.Service, st *store.Store) error
		wantErr error
	}{
		{"validation error", func(ctx context.Context, svc *contracts.Service, _ *store.Store) error {
			return svc.CreateOrganization(ctx, contracts.Organization{Code: "x y", Kind: "nope"})
		}, apperr.Invalid},
		{"duplicate code", func(ctx context.Context, svc *contracts.Service, _ *store.Store) error {
			return svc.CreateOrganization(ctx, coop)
		}, apperr.Conflict},
		{"update to an unknown cooperation", func(ctx context.Context, svc *contracts.Service, _ *store.Store) error {
			_, err := svc.UpdateOrganization(ctx, "GM0363", contracts.OrganizationPatch{Cooperations: &[]string{"NOPE"}})
			return err
		}, apperr.Invalid},
		{"update of a missing organization", func(ctx context.Context, svc *contracts.Service, st *store.Store) error {
			return st.UpdateOrganization(ctx, contracts.Organization{Code: "GM9999", Name: "Nergens", Kind: contracts.KindMunicipality})
		}, apperr.NotFound},
		{"delete of a cooperation with members", func(ctx context.Context, svc *contracts.Service, _ *store.Store) error {
			return svc.DeleteOrganization(ctx, "SSC-ICT")
		}, apperr.Conflict},
		{"delete of a missing organization", func(ctx context.Context, svc *contracts.Service, _ *store.Store) error {
			return svc.DeleteOrganization(ctx, "GM9999")
		}, apperr.NotFound},
		{"transaction rolled back after the change", func(ctx context.Context, _ *contracts.Service, st *store.Store) error {
			return st.InTx(ctx, func(tx *store.Store) error {
				if err := tx.CreateOrganization(ctx, contracts.Organization{Code: "GM0599", Name: "Rotterdam", Kind: contracts.KindMunicipality}); err != nil {
					return err
				}
				if err := tx.SetSetting(ctx, "k", "v"); err != nil {
					return err
				}
				return apperr.Conflict
			})
		}, apperr.Conflict},
		{"import with a bad row", func(ctx context.Context, svc *contracts.Service, _ *store.Store) error {
			tab := contracts.Table{Header: []string{"code", "name"}, Rows: [][]string{{"GM0599", "Rotterdam"}, {"GM36", "Kort"}}}
			_, err := svc.ImportOrganizations(ctx, tab, false)
			return err
		}, contracts.ErrImportRejected},
		{"import dry run", func(ctx context.Context, svc *contracts.Service, _ *store.Store) error {
			tab := contracts.Table{Header: []string{"code", "name"}, Rows: [][]string{{"GM0599", "Rotterdam"}}}
			_, err := svc.ImportOrganizations(ctx, tab, true)
			return err
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := newAuditStore(t)
			svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
			ams := amsterdam()
			ams.Cooperations = []string{"SSC-ICT"}
			for _, o := range []contracts.Organization{coop, ams} {
				if err := svc.CreateOrganization(context.Background(), o); err != nil {
					t.Fatal(err)
				}
			}
			err := tt.change(asUser("req-bad"), svc, st)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("%s: err = %v, want %v", tt.name, err, tt.wantErr)
			}
			if es := allEntries(t, st); len(es) != 2 {
				t.Errorf("%s: audit log holds %d entries, want the 2 of the set-up: %+v", tt.name, len(es), es[2:])
			}
		})
	}
}

func TestAuditOtherEntities(t *testing.T) {
	st := newAuditStore(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
	ctx := asUser("req-9")
	if err := svc.SeedReference(ctx); err != nil {
		t.Fatal(err)
	}
	id, err := svc.CreateCategory(ctx, contracts.Category{Name: "Mobiele telefonie", CPV: []string{"64212000-5"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting(ctx, "demo_data", "scale=small"); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting(ctx, "demo_data", "scale=national"); err != nil {
		t.Fatal(err)
	}
	es := allEntries(t, st)
	if len(es) != 4 {
		t.Fatalf("audit log holds %d entries, want 4 (one for the whole CPV list): %+v", len(es), es)
	}
	n, err := st.CPVCount(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		e                     audit.Entry
		entity, id, action    string
		wantBefore, wantAfter string
	}{
		{es[0], "cpv", "", audit.ActionImport, "", fmt.Sprintf(`{"codes":%d}`, n)},
		{es[1], "category", fmt.Sprint(id), audit.ActionCreate, "", fmt.Sprintf(`{"id":%d,"name":"Mobiele telefonie","cpv":["64212000-5"]}`, id)},
		{es[2], "setting", "demo_data", audit.ActionCreate, "", `{"value":"scale=small"}`},
		{es[3], "setting", "demo_data", audit.ActionUpdate, `{"value":"scale=small"}`, `{"value":"scale=national"}`},
	}
	for _, tt := range tests {
		e := tt.e
		if e.Entity != tt.entity || e.EntityID != tt.id || e.Action != tt.action || string(e.Before) != tt.wantBefore || string(e.After) != tt.wantAfter {
			t.Errorf("entry %d = %s %q %s %s → %s; want %s %q %s %s → %s", e.Seq, e.Entity, e.EntityID, e.Action, e.Before, e.After,
				tt.entity, tt.id, tt.action, tt.wantBefore, tt.wantAfter)
		}
	}
}

func TestAuditEntriesFilters(t *testing.T) {
	st := newAuditStore(t)
	ctx := context.Background()
	other := audit.WithActor(ctx, audit.Actor{Kind: audit.KindCLI, Email: "beheer"})
	for i := range 5 {
		o := contracts.Organization{Code: fmt.Sprintf("GM%04d", i+1), Name: fmt.Sprintf("Gemeente %d", i+1), Kind: contracts.KindMunicipality}
		if err := st.CreateOrganization(asUser(""), o); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetSetting(other, "demo_data", "x"); err != nil {
		t.Fatal(err)
	}
	// Entry n is at auditStart + n minutes.
	at := func(n int) time.Time { return auditStart.Add(time.Duration(n) * time.Minute) }
	tests := []struct {
		name      string
		f         audit.Filter
		wantSeqs  []int64
		wantTotal int
	}{
		{"all, newest first", audit.Filter{}, []int64{6, 5, 4, 3, 2, 1}, 6},
		{"entity", audit.Filter{Entity: "setting"}, []int64{6}, 1},
		{"entity and ID", audit.Filter{Entity: "organization", EntityID: "GM0002"}, []int64{2}, 1},
		{"actor", audit.Filter{Actor: "inkoop@amsterdam.nl"}, []int64{5, 4, 3, 2, 1}, 5},
		{"CLI actor", audit.Filter{Actor: "beheer"}, []int64{6}, 1},
		{"period: from inclusive, to exclusive", audit.Filter{From: at(2), To: at(4)}, []int64{3, 2}, 2},
		{"period in another time zone", audit.Filter{From: at(5).In(contracts.Amsterdam)}, []int64{6, 5}, 2},
		{"second page", audit.Filter{Page: 2, PageSize: 4}, []int64{2, 1}, 6},
		{"nothing", audit.Filter{Actor: "niemand"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, total, err := st.AuditEntries(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var seqs []int64
			for _, e := range es {
				seqs = append(seqs, e.Seq)
			}
			if fmt.Sprint(seqs) != fmt.Sprint(tt.wantSeqs) || total != tt.wantTotal {
				t.Errorf("AuditEntries(%+v) = %v of %d, want %v of %d", tt.f, seqs, total, tt.wantSeqs, tt.wantTotal)
			}
		})
	}
}

// TestVerifyAuditCatchesTampering edits the stored log as someone with
// access to the database file would, and checks that VerifyAudit names the
// entry.
func TestVerifyAuditCatchesTampering(t *testing.T) {
	tests := []struct {
		name       string
		sql        string
		wantAt     int64
		wantReason string
	}{
		{"after edited", `UPDATE audit_log SET after = replace(after, '934526', '1000000') WHERE seq = 1`, 1, "hash mismatch: row edited"},
		{"actor edited", `UPDATE audit_log SET actor_email = 'iemand@anders.nl' WHERE seq = 2`, 2, "hash mismatch: row edited"},
		{"before removed", `UPDATE audit_log SET before = NULL WHERE seq = 3`, 3, "hash mismatch: row edited"},
		{"time moved", `UPDATE audit_log SET at = '2026-11-22T08:00:00.000000Z' WHERE seq = 2`, 2, "hash mismatch: row edited"},
		{"time rewritten in another form", `UPDATE audit_log SET at = '2026-11-22T09:02:00Z' WHERE seq = 2`, 2, "hash mismatch: row edited"},
		{"middle row deleted", `DELETE FROM audit_log WHERE seq = 3`, 3, "sequence gap after 2"},
		{"first row deleted", `DELETE FROM audit_log WHERE seq = 1`, 1, "sequence starts at 2"},
		{"hash of the last row replaced", `UPDATE audit_log SET hash = '` + strings.Repeat("0", 64) + `' WHERE seq = 5`, 5, "hash mismatch: row edited"},
		{"rows renumbered after a delete", `DELETE FROM audit_log WHERE seq = 3; UPDATE audit_log SET seq = seq - 1 WHERE seq > 3`, 3, "hash mismatch: row edited"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := newAuditStore(t)
			svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
			auditFiveChanges(t, svc)
			if r, err := st.VerifyAudit(ctx); err != nil || !r.Intact || r.Checked != 5 {
				t.Fatalf("VerifyAudit before tampering = %+v, %v; want intact with 5", r, err)
			}
			for _, q := range strings.Split(tt.sql, "; ") {
				if err := st.ExecForTest(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			r, err := st.VerifyAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if r.Intact || r.BrokenAt != tt.wantAt || !strings.Contains(r.Reason, tt.wantReason) {
				t.Errorf("VerifyAudit after %s = %+v, want broken at %d: %q", tt.name, r, tt.wantAt, tt.wantReason)
			}
		})
	}
}

// TestVerifyAuditCannotSeeACutTail documents the limit of a hash chain: the
// newest entries can be cut off unnoticed, unless the head hash was kept
// elsewhere and compared.
func TestVerifyAuditCannotSeeACutTail(t *testing.T) {
	ctx := context.Background()
	st := newAuditStore(t)
	auditFiveChanges(t, contracts.NewService(st.Register(), contracts.Options{Now: fixedNow}))
	before, err := st.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ExecForTest(ctx, `DELETE FROM audit_log WHERE seq = 5`); err != nil {
		t.Fatal(err)
	}
	after, err := st.VerifyAudit(ctx)
	if err != nil || !after.Intact || after.Checked != 4 {
		t.Fatalf("VerifyAudit after cutting the tail = %+v, %v; want an intact chain of 4", after, err)
	}
	if after.Head == before.Head {
		t.Error("the head hash did not change when the last entry was cut off")
	}
}

// auditFiveChanges writes entries 1–5: create Amsterdam and Rotterdam,
// update Amsterdam, create a cooperation, delete Rotterdam.
func auditFiveChanges(t *testing.T, svc *contracts.Service) {
	t.Helper()
	ctx := asUser("req-5")
	name := "Gemeente Amsterdam"
	steps := []func() error{
		func() error { return svc.CreateOrganization(ctx, amsterdam()) },
		func() error {
			return svc.CreateOrganization(ctx, contracts.Organization{Code: "GM0599", Name: "Rotterdam", Kind: contracts.KindMunicipality})
		},
		func() error {
			_, err := svc.UpdateOrganization(ctx, "GM0363", contracts.OrganizationPatch{Name: &name})
			return err
		},
		func() error {
			return svc.CreateOrganization(ctx, contracts.Organization{Code: "SSC-ICT", Name: "Samenwerking ICT", Kind: contracts.KindCooperation})
		},
		func() error { return svc.DeleteOrganization(ctx, "GM0599") },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("change %d: %v", i+1, err)
		}
	}
}

// BenchmarkAppendAudit measures an audited change end to end: creating
// one organization, which in one transaction inserts the row, reads the
// chain's last entry, hashes and inserts the entry. BenchmarkAuditOverhead
// (audit_internal_test.go) isolates the entry's share.
func BenchmarkAppendAudit(b *testing.B) {
	st := newAuditStore(b)
	ctx := asUser("req-bench")
	i := 0
	for b.Loop() {
		i++
		o := contracts.Organization{Code: fmt.Sprintf("B%07d", i), Name: fmt.Sprintf("Gemeente %d", i), Kind: contracts.KindMunicipality, Population: 1000}
		if err := st.CreateOrganization(ctx, o); err != nil {
			b.Fatal(err)
		}
	}
}
