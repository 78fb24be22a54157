package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestAppendAuditNeedsATransaction: an entry written beside, not inside,
// the change's transaction could survive a rolled-back change, or be lost
// with a kept one.
func TestAppendAuditNeedsATransaction(t *testing.T) {
	ctx := context.Background()
	st, err := Open(filepath.Join(t.TempDir(), "tx.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	err = st.appendAudit(ctx, auditSetting, "k", "create", nil, settingRecord{Value: "v"})
	if err == nil || !strings.Contains(err.Error(), "not in a transaction") {
		t.Errorf("appendAudit outside InTx: err = %v, want a refusal", err)
	}
	if err := st.InTx(ctx, func(tx *Store) error {
		return tx.appendAudit(ctx, auditSetting, "k", "create", nil, settingRecord{Value: "v"})
	}); err != nil {
		t.Errorf("appendAudit inside InTx: %v", err)
	}
}

// BenchmarkAuditOverhead compares a transaction that inserts an
// organization with the same transaction plus its audit entry.
func BenchmarkAuditOverhead(b *testing.B) {
	for _, audited := range []bool{false, true} {
		name := map[bool]string{false: "insert", true: "insert+audit"}[audited]
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			st, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Migrate(ctx); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				o := contracts.Organization{Code: fmt.Sprintf("B%07d", i), Name: fmt.Sprintf("Gemeente %d", i), Kind: contracts.KindMunicipality}
				err := st.InTx(ctx, func(tx *Store) error {
					if _, err := tx.write().ExecContext(ctx, `
						INSERT INTO organizations (name, kind, province, population, population_date, region, name_key, code)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, append(organizationArgs(o), o.Code)...); err != nil {
						return err
					}
					if !audited {
						return nil
					}
					return tx.appendAudit(ctx, auditOrganization, o.Code, "create", nil, auditedOrganization(o))
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
