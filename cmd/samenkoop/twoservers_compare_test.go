package main

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/samenkoop/samenkoop/internal/servertest"
)

// TestSameAnswersOnTwoDatabases seeds two databases separately with the
// same demo (scale and seed) and has `samenkoop-load -compare` ask a
// server on each the same sample of API requests (issue 19, Must show):
// contract list pages, contract details, alerts, spend, concentration,
// bundles, vendors, organizations, a dependency report. It compares
// SQLite with PostgreSQL when SAMENKOOP_TEST_POSTGRES_URL is set (CI
// sets it), and skips otherwise: two SQLite files would only show that the
// demo is deterministic, which costs `go test ./...` two seeds and two
// servers. SAMENKOOP_TEST_NATIONAL=1 uses the national scale (minutes).
func TestSameAnswersOnTwoDatabases(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries, seeds two databases and starts two servers: not with -short")
	}
	backends := servertest.Backends()
	if len(backends) < 2 {
		t.Skip(servertest.PostgresURLEnv + " is not set: no PostgreSQL to compare SQLite's answers with")
	}
	bin, loadBin := servertest.Binary(t, "samenkoop"), servertest.Binary(t, "samenkoop-load")
	pair := [2]servertest.Backend{backends[0], backends[len(backends)-1]}
	scale := "small"
	if os.Getenv("SAMENKOOP_TEST_NATIONAL") == "1" {
		scale = "national"
	}
	var dbs [2]*servertest.Database
	var wg sync.WaitGroup
	for i, be := range pair {
		if be.Name == "sqlite" && scale == "small" && i == 0 {
			// The small demo this package's tests share, made by the
			// same generator in another run.
			dbs[i] = &servertest.Database{Backend: be, Path: demoDB(t)}
			continue
		}
		dbs[i] = be.NewDatabase(t)
		wg.Go(func() {
			if _, errOut, err := servertest.RunStatus(bin, dbs[i], "demo", "--scale", scale, "--seed", "1"); err != nil {
				t.Errorf("demo on %s: %v\n%s", be.Name, err, errOut)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	var addrs, tokens []string
	for _, db := range dbs {
		s := servertest.Start(t, bin, db)
		addrs = append(addrs, strings.TrimPrefix(s.Base, "http://"))
		tokens = append(tokens, newToken(t, bin, db, "beheerder@demo.samenkoop.nl").secret)
	}
	out, errOut, err := servertest.RunStatus(loadBin, &servertest.Database{}, "-compare", "-addr", strings.Join(addrs, ","),
		"-token", tokens[0], "-token", tokens[1])
	if err != nil {
		t.Errorf("%s against %s (%s demo): %v\n%s%s", pair[0].Name, pair[1].Name, scale, err, out, errOut)
	}
	if !strings.Contains(out, "21 of 21 answers the same") {
		t.Errorf("the comparison did not give the 21 answers it asks for:\n%s", out)
	}
}
