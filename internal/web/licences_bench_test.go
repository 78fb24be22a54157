package web_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// BenchmarkLicences reads the first page of the licence view on the
// national demo set (~300,000 licence lines): over quota, and every line,
// costliest excess first, beside the bare SQL that only counts the lines
// over quota.
func BenchmarkLicences(b *testing.B) {
	st, svc, _, _, _ := nationalRegister(b)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		all  bool
	}{{"over-quota", false}, {"all", true}} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				p, err := svc.Licences(ctx, contracts.Everyone(), contracts.LicenceFilter{All: tt.all}.Normalize())
				if err != nil || len(p.Items) == 0 {
					b.Fatalf("licences: %d items, %v", len(p.Items), err)
				}
			}
		})
	}
	b.Run("sql-count", func(b *testing.B) {
		db, err := sql.Open("sqlite3", "file:"+st.Path()+"?mode=ro&_busy_timeout=5000&_cache_size=-16000")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for b.Loop() {
			var n int
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM licence_lines l WHERE l.quantity <> -1 AND l.seats_in_use > l.quantity`).Scan(&n); err != nil {
				b.Fatal(err)
			}
		}
	})
}
