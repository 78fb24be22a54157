package web_test

import (
	"context"
	"database/sql"
	"io"
	"net/http/httptest"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/samenkoop/samenkoop/contracts"
)

// BenchmarkListOrganizations compares one page of 50 organizations through
// the whole API (routing, validation, service, store, JSON) with the bare
// SQL that reads the same page, on the national demo set (~700
// organizations); "service" is the domain service and store without HTTP.
// Compare the ns/op figures: the target is API ≤ 2× bare SQL.
func BenchmarkListOrganizations(b *testing.B) {
	ctx := context.Background()
	st, svc, app, token, _ := nationalRegister(b)
	const path = "/api/v1/organizations?page=3&pageSize=50"

	b.Run("api", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest("GET", path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := app.Test(req, -1)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("status %d", resp.StatusCode)
			}
		}
	})

	b.Run("service", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			page, err := svc.Organizations(ctx, contracts.OrganizationFilter{Page: 3, PageSize: 50})
			if err != nil || len(page.Items) != 50 {
				b.Fatalf("page: %d items, %v", len(page.Items), err)
			}
		}
	})

	// The bare query, once with the driver's defaults and once with the
	// store's connection settings (its prepared-statement cache above all),
	// so the report can show both ratios.
	b.Run("sql", func(b *testing.B) { bareListQuery(b, "file:"+st.Path()+"?mode=ro&_busy_timeout=5000") })
	b.Run("sql-store-dsn", func(b *testing.B) {
		bareListQuery(b, "file:"+st.Path()+"?mode=ro&_busy_timeout=5000&_journal_mode=WAL&_cache_size=-16000&_stmt_cache_size=64")
	})
}

// bareListQuery reads page 3 of the organization list with plain
// database/sql: the count and the same SELECT the store runs.
func bareListQuery(b *testing.B, dsn string) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ReportAllocs()
	for b.Loop() {
		var total int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM organizations`).Scan(&total); err != nil {
			b.Fatal(err)
		}
		rows, err := db.QueryContext(ctx, `
			SELECT o.id, o.code, o.name, o.kind, o.province, o.population, o.population_date, o.region,
				(SELECT group_concat(c.code, ',') FROM organization_memberships m
				 JOIN organizations c ON c.id = m.cooperation_id WHERE m.organization_id = o.id)
			FROM organizations o ORDER BY o.name_key, o.code LIMIT ? OFFSET ?`, 50, 100)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var (
				id, pop                            int64
				code, name, kind, prov, pd, region string
				coops                              sql.NullString
			)
			if err := rows.Scan(&id, &code, &name, &kind, &prov, &pop, &pd, &region, &coops); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		if n != 50 || total < 600 {
			b.Fatalf("read %d of %d rows", n, total)
		}
	}
}
