package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/servertest"
)

// BenchmarkBackends asks a server on SQLite and a server on PostgreSQL
// the same requests over the same national register (issue 19,
// Benchmarks): the contract list's first page and a page deep in it by
// cursor, concentration, the first page of bundles and spend. The
// PostgreSQL database is filled from the SQLite one by `samenkoop
// migrate-store`, so both hold the same rows under the same ids. The
// bare side is /healthz on each server: one round trip and one trivial
// query, the part of every request that is not the page's own work.
//
//	SAMENKOOP_TEST_POSTGRES_URL=postgres://…/postgres?sslmode=disable \
//	SAMENKOOP_BENCH_DB_NATIONAL=/tmp/national.db \
//	    go test ./cmd/samenkoop -run X -bench Backends -benchtime 15x
//
// The national file is copied (and the copy migrated) first; the file
// itself is never written. The figures are
// wall-clock times of whole requests: run it on a quiet machine.
func BenchmarkBackends(b *testing.B) {
	pgURL, national := os.Getenv(servertest.PostgresURLEnv), os.Getenv("SAMENKOOP_BENCH_DB_NATIONAL")
	if pgURL == "" || national == "" {
		b.Skip("needs " + servertest.PostgresURLEnv + " and SAMENKOOP_BENCH_DB_NATIONAL (a national demo database)")
	}
	bin := servertest.Binary(b, "samenkoop")
	var sqlite, postgres *servertest.Database
	for _, be := range servertest.Backends() {
		switch be.Name {
		case "sqlite":
			sqlite = be.NewDatabase(b)
		case "postgres":
			postgres = be.NewDatabase(b)
		}
	}
	copyFileBench(b, national, sqlite.Path)
	// A file made by an older binary is brought to this one's schema.
	servertest.Run(b, bin, sqlite, "migrate")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "migrate-store", "--from", "sqlite:"+sqlite.Path, "--to", "postgres:"+postgres.URL)
	cmd.Dir = b.TempDir()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("migrate-store into PostgreSQL: %v\n%s", err, out)
	}
	// migrate-store leaves the planner statistics to autovacuum; until it
	// comes by, the estimates of the contract list's rows are off by a
	// hundred times and PostgreSQL compiles the query (JIT) at each call.
	postgres.Exec(b, "ANALYZE")
	client := &http.Client{Timeout: time.Minute}
	type server struct {
		name, base, token string
	}
	var servers []server
	for _, db := range []*servertest.Database{sqlite, postgres} {
		s := servertest.Start(b, bin, db)
		out := servertest.Run(b, bin, db, "token", "create", "--user", "coordinator@demo.samenkoop.nl", "--expires", "1d", "--name", "bench")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		servers = append(servers, server{db.Backend.Name, s.Base, lines[len(lines)-1]})
	}
	b.Cleanup(client.CloseIdleConnections)
	for _, s := range servers {
		deep := "/api/v1/contracts?cursor=" + url.QueryEscape(nextOf(b, client, s.base+"/api/v1/contracts?page=200", s.token))
		for _, r := range []struct{ name, path string }{
			{"healthz", "/healthz"},
			{"contract list", "/api/v1/contracts"},
			{"contract list page 201", deep},
			{"concentration", "/api/v1/concentration"},
			{"bundles", "/api/v1/bundles"},
			{"spend", "/api/v1/spend"},
		} {
			b.Run(strings.ReplaceAll(r.name, " ", "_")+"/"+s.name, func(b *testing.B) {
				// The first answer may fill a cache; it is not timed.
				benchGet(b, client, s.base+r.path, s.token)
				b.ResetTimer()
				for b.Loop() {
					benchGet(b, client, s.base+r.path, s.token)
				}
			})
		}
	}
}

// benchGet asks u with token and reads the answer, which must be 200.
func benchGet(b *testing.B, client *http.Client, u, token string) []byte {
	b.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %s %v\n%.300s", u, resp.Status, err, body)
	}
	return body
}

// nextOf returns the next cursor of the list page at url.
func nextOf(b *testing.B, client *http.Client, u, token string) string {
	b.Helper()
	var page struct {
		Next string `json:"next"`
	}
	if err := json.Unmarshal(benchGet(b, client, u, token), &page); err != nil || page.Next == "" {
		b.Fatalf("GET %s: no next cursor (%v)", u, err)
	}
	return page.Next
}

// copyFileBench copies the SQLite database src to dst.
func copyFileBench(b *testing.B, src, dst string) {
	b.Helper()
	data, err := os.ReadFile(filepath.Clean(src))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		b.Fatal(err)
	}
}
