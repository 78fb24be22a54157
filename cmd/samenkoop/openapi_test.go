package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenAPICommand: samenkoop openapi writes the document serve answers,
// with the configured contact, in each form; it needs no database.
func TestOpenAPICommand(t *testing.T) {
	t.Setenv("SAMENKOOP_API_CONTACT_EMAIL", "servicedesk@example.nl")
	t.Setenv("SAMENKOOP_DB", filepath.Join(t.TempDir(), "absent", "samenkoop.db"))
	stdout, stderr, status := run(t, context.Background(), "openapi")
	if status != 0 {
		t.Fatalf("openapi = %d: %s", status, stderr)
	}
	var doc struct {
		OpenAPI string `json:"openapi"`
		Info    struct {
			Contact struct{ Name, Email string } `json:"contact"`
		} `json:"info"`
		Paths map[string]any `json:"paths"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("openapi wrote no JSON: %v\n%.300s", err, stdout)
	}
	if doc.OpenAPI != "3.1.0" || doc.Info.Contact.Name != "Samenkoop" || doc.Info.Contact.Email != "servicedesk@example.nl" || doc.Paths["/contracts/{id}"] == nil {
		t.Errorf("openapi wrote openapi %q, contact %+v, %d paths; want 3.1.0 with the configured contact and the API's paths",
			doc.OpenAPI, doc.Info.Contact, len(doc.Paths))
	}

	out := filepath.Join(t.TempDir(), "openapi-3.0.yaml")
	if _, stderr, status := run(t, context.Background(), "openapi", "--3.0", "--yaml", "-o", out); status != 0 {
		t.Fatalf("openapi --3.0 --yaml -o = %d: %s", status, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The 3.0 form is rewritten as a map, so its keys come in order.
	if !strings.Contains(string(b), "\nopenapi: 3.0.3\n") || !strings.Contains(string(b), "\n  /contracts/{id}:\n") {
		t.Errorf("openapi --3.0 --yaml wrote %.80q…, want the OpenAPI 3.0.3 form in YAML", b)
	}
}
