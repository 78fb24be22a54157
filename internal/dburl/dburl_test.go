package dburl

import (
	"strings"
	"testing"
)

func TestRedactHidesEveryPassword(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"user part", "postgres://samenkoop:geheim@db:5432/sk", "postgres://samenkoop:xxxxx@db:5432/sk"},
		{"query parameter (libpq)", "postgres://samenkoop@db/sk?sslmode=require&password=geheim", "postgres://samenkoop@db/sk?password=xxxxx&sslmode=require"},
		{"both", "postgres://a:geheim@db/sk?password=ookgeheim", "postgres://a:xxxxx@db/sk?password=xxxxx"},
		{"none", "postgres://a@db/sk", "postgres://a@db/sk"},
		{"does not parse", "postgres://a:geheim@db:port/sk", "(a PostgreSQL URL that does not parse)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Redact(tc.in)
			if got != tc.want || strings.Contains(got, "geheim") {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
