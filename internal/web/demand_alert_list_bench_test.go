package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/procurement"
)

// BenchmarkDemandList measures one page of the demand list of every
// organization (first, middle, last) through the store, beside the
// store's very statements (store.DemandListStatements: the counter total,
// the page's keys, the page's rows) on a database/sql connection of its
// own. Small and national scale.
func BenchmarkDemandList(b *testing.B) {
	for _, scale := range []demo.Scale{demo.ScaleSmall, demo.ScaleNational} {
		b.Run(string(scale), func(b *testing.B) {
			lb := benchRegister(b, scale)
			ctx := context.Background()
			const keys = `SELECT desired_start, id FROM demand ORDER BY desired_start, id`
			var total int
			if err := lb.db.QueryRow(`SELECT count(*) FROM demand`).Scan(&total); err != nil || total == 0 {
				b.Fatalf("%d demand, %v", total, err)
			}
			const size = 20
			for _, at := range []struct {
				name string
				row  int
			}{{"first", -1}, {"middle", total / 2}, {"last", max(total-size, 0)}} {
				f := procurement.DemandFilter{Scope: contracts.Everyone(), PageSize: size}.Normalize()
				if at.row >= 0 {
					f.Seek.Sort, f.Seek.Keys = procurement.DemandSortStart, make([]string, 2)
					if err := lb.db.QueryRow(keys+` LIMIT 1 OFFSET ?`, at.row).Scan(&f.Seek.Keys[0], &f.Seek.Keys[1]); err != nil {
						b.Fatal(err)
					}
				}
				b.Run(at.name+"/store", func(b *testing.B) {
					for b.Loop() {
						p, err := lb.st.Demands(ctx, f)
						if err != nil || len(p.Items) == 0 || p.Total != total {
							b.Fatalf("%d items of %d, %v; want a page of %d", len(p.Items), p.Total, err, total)
						}
					}
				})
				b.Run(at.name+"/bare", func(b *testing.B) {
					s, err := store.DemandListStatements(f)
					if err != nil {
						b.Fatal(err)
					}
					for b.Loop() {
						if n := bareNamedPage(b, lb.db, s.Count, s.CountArgs, s.Keys, s.KeysArgs, s.Rows, nil, size, true); n == 0 {
							b.Fatal("no rows")
						}
					}
				})
			}
		})
	}
}

// BenchmarkAlertList measures the alerts of every organization for the
// next 90 days through the whole API (admin token), which lists them all
// at once (no pages yet), beside its bare statement
// (store.AlertListStatement) read into raw bytes on a connection of its
// own. Small and national scale.
func BenchmarkAlertList(b *testing.B) {
	for _, scale := range []demo.Scale{demo.ScaleSmall, demo.ScaleNational} {
		b.Run(string(scale), func(b *testing.B) {
			lb := benchRegister(b, scale)
			today := contracts.NewDate(2026, 11, 22)
			b.Run("api", func(b *testing.B) {
				for b.Loop() {
					req := httptest.NewRequest(http.MethodGet, "/api/v1/alerts?within=90d", nil)
					req.Header.Set("Authorization", "Bearer "+lb.token)
					resp, err := lb.app.Test(req, -1)
					if err != nil {
						b.Fatal(err)
					}
					body, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"contract"`) {
						b.Fatalf("status %d, %v: %.300s", resp.StatusCode, err, body)
					}
				}
			})
			b.Run("bare", func(b *testing.B) {
				q, args := store.AlertListStatement(today.String(), today.AddDays(90).String())
				for b.Loop() {
					readRaw(b, lb.db, q, args...)
				}
			})
		})
	}
}
