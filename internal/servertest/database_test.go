package servertest

import (
	"slices"
	"testing"
)

// TestNumberPlaceholders: the fixtures' ? placeholders become PostgreSQL's
// numbered ones, in order.
func TestNumberPlaceholders(t *testing.T) {
	got := numberPlaceholders("UPDATE tenders SET publication = ? WHERE id = ?")
	if want := "UPDATE tenders SET publication = $1 WHERE id = $2"; got != want {
		t.Errorf("numberPlaceholders = %q, want %q", got, want)
	}
}

// TestDatabaseEnvironment: a process on a test database gets the store
// configuration of its backend, and a PostgreSQL database's name comes
// from its URL.
func TestDatabaseEnvironment(t *testing.T) {
	lite := &Database{Backend: Backend{Name: "sqlite"}, Path: "/tmp/x/samenkoop.db"}
	if got := lite.Env(); !slices.Equal(got, []string{"SAMENKOOP_DB_PATH=/tmp/x/samenkoop.db"}) {
		t.Errorf("SQLite environment = %v", got)
	}
	u := "postgres://app@127.0.0.1:5432/samenkoop_test_1_2?sslmode=disable"
	pg := &Database{Backend: Backend{Name: "postgres"}, URL: u}
	if got := pg.Env(); !slices.Equal(got, []string{"SAMENKOOP_DB_DRIVER=postgres", "SAMENKOOP_DB_URL=" + u}) {
		t.Errorf("PostgreSQL environment = %v", got)
	}
	if got := databaseName(u); got != "samenkoop_test_1_2" {
		t.Errorf("databaseName = %q", got)
	}
}

// TestEnvironmentDropsTheDevelopersSettings: no SAMENKOOP_ variable of
// the shell that runs the tests reaches a test server.
func TestEnvironmentDropsTheDevelopersSettings(t *testing.T) {
	t.Setenv("SAMENKOOP_DB_PATH", "/home/me/real.db")
	env := environ([]string{"SAMENKOOP_DB_PATH=/tmp/test.db"})
	if slices.Contains(env, "SAMENKOOP_DB_PATH=/home/me/real.db") || !slices.Contains(env, "SAMENKOOP_DB_PATH=/tmp/test.db") {
		t.Errorf("environment keeps the developer's database or loses the test's")
	}
}
