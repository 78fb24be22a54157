package config

import (
	"strings"
	"testing"
)

func TestDBDriverFromEnv(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		wantTarget string
		wantErr    string
	}{
		{"default is sqlite on the file", nil, "data/samenkoop.db", ""},
		{"postgres with a URL", map[string]string{"SAMENKOOP_DB_DRIVER": "postgres", "SAMENKOOP_DB_URL": "postgres://app:s3cret@db:5432/samenkoop"},
			"postgres://app:s3cret@db:5432/samenkoop", ""},
		{"postgres without a URL", map[string]string{"SAMENKOOP_DB_DRIVER": "postgres"}, "", "db.url: is required with db.driver postgres"},
		{"postgres with a file path for a URL", map[string]string{"SAMENKOOP_DB_DRIVER": "postgres", "SAMENKOOP_DB_URL": "data/x.db"},
			"", "db.url: must be a postgres://"},
		{"an unknown driver", map[string]string{"SAMENKOOP_DB_DRIVER": "mysql"}, "", `db.driver: must be sqlite or postgres, got "mysql"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := Load(New())
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load: %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got := c.DB.Target(); got != tt.wantTarget {
				t.Errorf("Target() = %q, want %q", got, tt.wantTarget)
			}
		})
	}
}

func TestDBDisplayHidesThePassword(t *testing.T) {
	c := DBConfig{Driver: "postgres", URL: "postgres://app:s3cret@db:5432/samenkoop?sslmode=require"}
	got := c.Display()
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "app:xxxxx@db:5432/samenkoop") {
		t.Errorf("Display() = %q, want the URL with the password replaced", got)
	}
	if got := (DBConfig{Driver: "sqlite", Path: "data/x.db"}).Display(); got != "data/x.db" {
		t.Errorf("Display() on sqlite = %q, want the path", got)
	}
}
