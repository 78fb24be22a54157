package web_test

import (
	"context"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
)

// BenchmarkNamedListPages measures the vendor and organization lists
// (API, admin token: every organization) on their first, middle and last
// page through the whole app, beside the bare work the page needs: the
// store's very statements (store.VendorListStatements,
// store.OrganizationListStatements: the counter total, the page's keys,
// the page's rows) on a database/sql connection of its own. Small and
// national scale; stress scale with SAMENKOOP_BENCH_STRESS=1.
func BenchmarkNamedListPages(b *testing.B) {
	scales := []demo.Scale{demo.ScaleSmall, demo.ScaleNational}
	if os.Getenv("SAMENKOOP_BENCH_STRESS") == "1" {
		scales = append(scales, demo.ScaleStress)
	}
	for _, scale := range scales {
		b.Run(string(scale), func(b *testing.B) {
			lb := benchRegister(b, scale)
			for _, list := range []struct {
				name, path, sort, keys string
				stmts                  func(contracts.Cursor) (count string, countArgs []any, keys string, keysArgs []any, rows string, rowsArgs []any)
			}{
				{"vendors", "/api/v1/vendors", contracts.VendorSortName, `SELECT name_key, id FROM vendors ORDER BY name_key, id`,
					func(c contracts.Cursor) (string, []any, string, []any, string, []any) {
						s, err := store.VendorListStatements(contracts.VendorFilter{Scope: contracts.Everyone(), Seek: c}.Normalize())
						if err != nil {
							b.Fatal(err)
						}
						return s.Count, s.CountArgs, s.Keys, s.KeysArgs, s.Rows, s.RowsArgs
					}},
				{"organizations", "/api/v1/organizations", contracts.OrganizationSortName, `SELECT name_key, code FROM organizations ORDER BY name_key, code`,
					func(c contracts.Cursor) (string, []any, string, []any, string, []any) {
						s, err := store.OrganizationListStatements(contracts.OrganizationFilter{Seek: c}.Normalize())
						if err != nil {
							b.Fatal(err)
						}
						return s.Count, s.CountArgs, s.Keys, s.KeysArgs, s.Rows, nil
					}},
			} {
				var total int
				if err := lb.db.QueryRow(`SELECT count(*) FROM (` + list.keys + `)`).Scan(&total); err != nil {
					b.Fatal(err)
				}
				for _, at := range []struct {
					name string
					row  int
				}{{"first", -1}, {"middle", total / 2}, {"last", max(total-30, 0)}} {
					var c contracts.Cursor
					if at.row >= 0 {
						c.Sort, c.Keys = list.sort, make([]string, 2)
						if err := lb.db.QueryRow(list.keys+` LIMIT 1 OFFSET ?`, at.row).Scan(&c.Keys[0], &c.Keys[1]); err != nil {
							b.Fatal(err)
						}
					}
					b.Run(list.name+"/"+at.name+"/api", func(b *testing.B) {
						path := list.path
						if !c.IsZero() {
							path += "?cursor=" + c.Encode()
						}
						for b.Loop() {
							req := httptest.NewRequest("GET", path, nil)
							req.Header.Set("Authorization", "Bearer "+lb.token)
							resp, err := lb.app.Test(req, -1)
							if err != nil {
								b.Fatal(err)
							}
							body, err := io.ReadAll(resp.Body)
							resp.Body.Close()
							if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"name"`) {
								b.Fatalf("status %d, %v: %.300s", resp.StatusCode, err, body)
							}
						}
					})
					b.Run(list.name+"/"+at.name+"/bare", func(b *testing.B) {
						count, countArgs, keys, keysArgs, rows, rowsArgs := list.stmts(c)
						for b.Loop() {
							if n := bareNamedPage(b, lb.db, count, countArgs, keys, keysArgs, rows, rowsArgs, 50, list.name == "vendors"); n == 0 {
								b.Fatal("no rows")
							}
						}
					})
				}
			}
		})
	}
}

// bareNamedPage runs the statements of one page as the store does and
// reads every column of every row; it returns the rows read.
func bareNamedPage(b *testing.B, db *sql.DB, count string, countArgs []any, keys string, keysArgs []any, rowsSQL string, rowsArgs []any, size int, ints bool) int {
	ctx := context.Background()
	var total, matches int
	dest := []any{&total}
	if strings.Contains(count, "sum(hit)") {
		dest = append(dest, &matches)
	}
	if err := db.QueryRowContext(ctx, count, countArgs...).Scan(dest...); err != nil {
		b.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, keys, keysArgs...)
	if err != nil {
		b.Fatal(err)
	}
	cols, _ := rows.Columns()
	vals := make([]sql.RawBytes, len(cols))
	dest = make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	var page []string
	for rows.Next() && len(page) < size+1 {
		if err := rows.Scan(dest...); err != nil {
			b.Fatal(err)
		}
		if string(vals[len(vals)-1]) == "1" {
			page = append(page, string(vals[len(vals)-2]))
		}
	}
	rows.Close()
	page = page[:min(len(page), size)]
	js := `["` + strings.Join(page, `","`) + `"]`
	if ints {
		js = "[" + strings.Join(page, ",") + "]"
	}
	rows, err = db.QueryContext(ctx, rowsSQL, append(rowsArgs, js)...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	cols, _ = rows.Columns()
	vals = make([]sql.RawBytes, len(cols))
	dest = make([]any, len(cols))
	for i := range vals {
		dest[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}
