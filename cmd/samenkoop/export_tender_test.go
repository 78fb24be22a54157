package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportTender writes the demo's joint telephony tender (id 1) as
// dossier and OCDS release, and refuses bad flags and unknown tenders
// with status 2, leaving no file behind.
func TestExportTender(t *testing.T) {
	db := demoDB(t)
	dir := t.TempDir()
	files := []struct {
		name  string
		args  []string
		file  string
		check func(t *testing.T, b []byte)
	}{
		{"dossier as XLSX from the extension", []string{"dossier", "--tender", "1"}, "dossier.xlsx", func(t *testing.T, b []byte) {
			if v := cellOf(t, b, "Samenvatting", "A3"); v != "Aanbesteding" {
				t.Errorf("Samenvatting!A3 = %q, want the summary", v)
			}
			if v := cellOf(t, b, "Deelnemers", "A1"); v != "Code" {
				t.Errorf("Deelnemers!A1 = %q, want the participants' header", v)
			}
		}},
		{"dossier as PDF by --format", []string{"dossier", "--tender", "1", "--format", "pdf"}, "dossier.bin", func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("not a PDF: %q", b[:min(len(b), 10)])
			}
		}},
		{"OCDS release package", []string{"ocds", "--tender", "1"}, "ocds.json", func(t *testing.T, b []byte) {
			var pkg struct {
				Version  string `json:"version"`
				Releases []struct {
					OCID string `json:"ocid"`
				} `json:"releases"`
			}
			if err := json.Unmarshal(b, &pkg); err != nil || pkg.Version != "1.1" || len(pkg.Releases) != 1 || pkg.Releases[0].OCID != "ocds-samenkoop-1" {
				t.Errorf("package %+v (%v), want one release with ocid ocds-samenkoop-1 (the default prefix)", pkg, err)
			}
		}},
	}
	for _, tt := range files {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			args := append([]string{"export", "--db", db, "-o", path}, tt.args...)
			if _, errOut, status := run(t, context.Background(), args...); status != 0 {
				t.Fatalf("%v: status %d: %s", args, status, errOut)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, b)
		})
	}
	bad := t.TempDir()
	usage := []struct {
		name string
		args []string
		want string
	}{
		{"no tender", []string{"dossier", "-o", filepath.Join(bad, "d.xlsx")}, "--tender"},
		{"unknown tender", []string{"ocds", "--tender", "9999", "-o", filepath.Join(bad, "o.json")}, "not found"},
		{"the dossier has no CSV", []string{"dossier", "--tender", "1", "--format", "csv", "-o", filepath.Join(bad, "d.csv")}, "--format"},
	}
	for _, tt := range usage {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, status := run(t, context.Background(), append([]string{"export", "--db", db}, tt.args...)...)
			if status != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("%v: status %d, errors %q; want 2 naming %s", tt.args, status, errOut, tt.want)
			}
		})
	}
	if left, _ := os.ReadDir(bad); len(left) > 0 {
		t.Errorf("failed exports left files behind: %v", left)
	}
}
