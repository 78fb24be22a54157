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

var (
	auditKey   = []byte("0123456789abcdef0123456789abcdef")
	anotherKey = []byte("fedcba9876543210fedcba9876543210")
)

// openAuditStore opens the database at path with the audit key (nil: an
// unkeyed log), migrated, with a pinned clock.
func openAuditStore(t *testing.T, path string, key []byte) *store.Store {
	t.Helper()
	clk := &clock{t: auditStart}
	st, err := store.Open(path, store.Options{Now: clk.now, AuditKey: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// rechain recomputes every entry's hash, as someone who
// rewrites the log would: sealed under key, or plain SHA-256 for nil.
func rechain(t *testing.T, st *store.Store, key []byte) {
	t.Helper()
	ctx := context.Background()
	prev := audit.GenesisHash
	for _, e := range allEntries(t, st) {
		e.PrevHash = prev
		e.Hash = e.Seal(key)
		if err := st.ExecForTest(ctx, `UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?`, e.PrevHash, e.Hash, e.Seq); err != nil {
			t.Fatal(err)
		}
		prev = e.Hash
	}
}

// TestAuditKeyContinuesAnUnkeyedLog: a log written without a key goes on
// keyed once a key is configured; the first keyed entry chains onto the
// last unkeyed hash and is recorded, the whole log verifies under the key,
// and from then on the store refuses to record a change without the key
// or under another one, rather than break the chain.
func TestAuditKeyContinuesAnUnkeyedLog(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "keyed.db")
	plain := openAuditStore(t, path, nil)
	svc := contracts.NewService(plain.Register(), contracts.Options{Now: fixedNow})
	if err := svc.CreateOrganization(asUser("r1"), contracts.Organization{Code: "GM0014", Name: "Groningen", Kind: contracts.KindMunicipality}); err != nil {
		t.Fatal(err)
	}
	if r, err := plain.VerifyAudit(ctx); err != nil || !r.Intact || r.Keyed != 0 {
		t.Fatalf("unkeyed VerifyAudit = %+v, %v", r, err)
	}
	plain.Close()

	keyed := openAuditStore(t, path, auditKey)
	auditFiveChanges(t, contracts.NewService(keyed.Register(), contracts.Options{Now: fixedNow}))
	es := allEntries(t, keyed)
	if len(es) != 6 || es[0].Keyed() || !es[1].Keyed() || es[1].PrevHash != es[0].Hash {
		t.Fatalf("entries: %d, #1 keyed %v, #2 keyed %v linked %v; want 6, the first plain, the rest keyed and linked",
			len(es), es[0].Keyed(), es[1].Keyed(), es[1].PrevHash == es[0].Hash)
	}
	if v, err := keyed.Setting(ctx, "audit.keyedSince"); err != nil || v != "2" {
		t.Errorf("audit.keyedSince = %q, %v; want 2", v, err)
	}
	r, err := keyed.VerifyAudit(ctx)
	if err != nil || !r.Intact || r.Checked != 6 || r.Keyed != 5 || r.FirstKeyed != 2 {
		t.Fatalf("keyed VerifyAudit = %+v, %v; want intact, 6 entries, 5 keyed from #2", r, err)
	}
	keyed.Close()

	for _, tt := range []struct {
		name       string
		key        []byte
		wantVerify string
		wantWrite  string
	}{
		{"without the key", nil, "no key was given", "no audit key is configured"},
		{"under another key", anotherKey, "HMAC does not match under the configured key", "does not verify under the configured key"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := openAuditStore(t, path, tt.key)
			r, err := st.VerifyAudit(ctx)
			if err != nil || r.Intact || r.BrokenAt != 2 || !strings.Contains(r.Reason, tt.wantVerify) {
				t.Errorf("VerifyAudit %s = %q, %v; want broken at 2: %q", tt.name, r, err, tt.wantVerify)
			}
			err = contracts.NewService(st.Register(), contracts.Options{Now: fixedNow}).
				CreateOrganization(asUser("r9"), contracts.Organization{Code: "GM0034", Name: "Almere", Kind: contracts.KindMunicipality})
			if err == nil || !strings.Contains(err.Error(), tt.wantWrite) {
				t.Errorf("change %s: err = %v, want a refusal: %q", tt.name, err, tt.wantWrite)
			}
			if n := len(allEntries(t, st)); n != 6 {
				t.Errorf("%d entries after the refused change, want 6", n)
			}
		})
	}
}

// TestVerifyAuditNamesARechainedLog: someone who can write the database
// but has not the key recomputes every hash, after editing an entry; with
// the key configured, verify names the first entry.
func TestVerifyAuditNamesARechainedLog(t *testing.T) {
	tests := []struct {
		name       string
		key        []byte // the re-chain's key; nil: plain SHA-256
		dropSince  bool   // the settings row recording the first keyed entry removed too
		wantAt     int64
		wantReason string
	}{
		{"plain SHA-256", nil, false, 1, "HMAC does not match under the configured key: the entry has a plain SHA-256 hash, but the log is keyed from entry #1 on"},
		{"another key", anotherKey, false, 1, "HMAC does not match under the configured key"},
		{"another key, record of the first keyed entry removed", anotherKey, true, 1, "HMAC does not match under the configured key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := openAuditStore(t, filepath.Join(t.TempDir(), "rechain.db"), auditKey)
			auditFiveChanges(t, contracts.NewService(st.Register(), contracts.Options{Now: fixedNow}))
			if err := st.ExecForTest(ctx, `UPDATE audit_log SET actor_email = 'iemand@anders.nl' WHERE seq = 3`); err != nil {
				t.Fatal(err)
			}
			rechain(t, st, tt.key)
			if tt.dropSince {
				if err := st.ExecForTest(ctx, `DELETE FROM settings WHERE key = 'audit.keyedSince'`); err != nil {
					t.Fatal(err)
				}
			}
			r, err := st.VerifyAudit(ctx)
			if err != nil || r.Intact || r.BrokenAt != tt.wantAt || !strings.Contains(r.Reason, tt.wantReason) {
				t.Errorf("VerifyAudit after a re-chain with %s = %q, %v; want broken at %d: %q", tt.name, r, err, tt.wantAt, tt.wantReason)
			}
		})
	}
}

// TestVerifyAuditAnchoredNamesARemovedTail: the newest entries cut off
// leave an intact chain (TestVerifyAuditCannotSeeACutTail), but not one
// that passes through a checkpoint or a head recorded before.
func TestVerifyAuditAnchoredNamesARemovedTail(t *testing.T) {
	ctx := context.Background()
	for _, key := range [][]byte{nil, auditKey} {
		name := map[bool]string{false: "unkeyed", true: "keyed"}[key != nil]
		t.Run(name, func(t *testing.T) {
			st := openAuditStore(t, filepath.Join(t.TempDir(), "tail.db"), key)
			auditFiveChanges(t, contracts.NewService(st.Register(), contracts.Options{Now: fixedNow}))
			r, err := st.VerifyAudit(ctx)
			if err != nil || !r.Intact {
				t.Fatal(r, err)
			}
			cp := audit.CheckpointOf(r, time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC))
			head := audit.Anchor{Hash: r.Head, Source: "the head given"}
			if r, err := st.VerifyAuditAnchored(ctx, cp.Anchor(), head); err != nil || !r.Intact {
				t.Fatalf("VerifyAuditAnchored before the cut = %q, %v; want intact", r, err)
			}
			if err := st.ExecForTest(ctx, `DELETE FROM audit_log WHERE seq > 3`); err != nil {
				t.Fatal(err)
			}
			for _, tt := range []struct {
				anchor audit.Anchor
				want   string
			}{
				{cp.Anchor(), "entries after #3 were removed: the checkpoint of 2026-11-22 12:00:00 UTC recorded #5 with hash " + cp.Head},
				{head, "entries after #3 were removed or re-chained: no entry has the hash " + cp.Head},
			} {
				r, err := st.VerifyAuditAnchored(ctx, tt.anchor)
				if err != nil || r.Intact || !r.TailRemoved || !strings.Contains(r.Reason, tt.want) {
					t.Errorf("VerifyAuditAnchored(%s) after the cut = %q, %v; want %q", tt.anchor.Source, r, err, tt.want)
				}
			}
		})
	}
}
