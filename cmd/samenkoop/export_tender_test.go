package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// TestExportOCDSRelease: the OCDS export names the lead authority as the
// release's buyer, keeps the release id and date while the tender is
// unchanged (the publication log in the database), takes the licence and
// publication policy from the configuration, and warns on stderr while
// the OCID prefix is not a registered one.
func TestExportOCDSRelease(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	dir := t.TempDir()
	registered := writeFile(t, "samenkoop.yaml", "exports:\n  ocidPrefix: ocds-213czf\n"+
		"  ocdsLicense: https://creativecommons.org/publicdomain/zero/1.0/\n"+
		"  ocdsPublicationPolicy: https://samenkoop.example.nl/publicatiebeleid\n")
	type release struct {
		OCID  string `json:"ocid"`
		ID    string `json:"id"`
		Date  string `json:"date"`
		Buyer struct {
			ID string `json:"id"`
		} `json:"buyer"`
		Tender struct {
			ProcuringEntity struct {
				ID string `json:"id"`
			} `json:"procuringEntity"`
		} `json:"tender"`
	}
	type pkg struct {
		PublishedDate     string    `json:"publishedDate"`
		License           string    `json:"license"`
		PublicationPolicy string    `json:"publicationPolicy"`
		Releases          []release `json:"releases"`
	}
	export := func(t *testing.T, name string, extra ...string) (pkg, string) {
		t.Helper()
		path := filepath.Join(dir, name)
		args := append([]string{"export", "--db", db, "-o", path}, extra...)
		_, errOut, status := run(t, context.Background(), append(args, "ocds", "--tender", "1")...)
		if status != 0 {
			t.Fatalf("%v: status %d: %s", args, status, errOut)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var p pkg
		if err := json.Unmarshal(b, &p); err != nil || len(p.Releases) != 1 {
			t.Fatalf("package: %v", err)
		}
		return p, errOut
	}
	first, warned := export(t, "first.json")
	if !strings.Contains(warned, "warning: exports.ocidPrefix") || !strings.Contains(warned, "SAMENKOOP_EXPORTS_OCIDPREFIX") {
		t.Errorf("stderr %q: want a warning that the default OCID prefix is not registered", warned)
	}
	r := first.Releases[0]
	if r.Buyer.ID == "" || r.Buyer.ID != r.Tender.ProcuringEntity.ID {
		t.Errorf("release buyer %q, procuring entity %q: want the lead authority as both", r.Buyer.ID, r.Tender.ProcuringEntity.ID)
	}
	if first.License != "" || first.PublicationPolicy != "" {
		t.Errorf("license %q, publicationPolicy %q without configuration; want both left out", first.License, first.PublicationPolicy)
	}
	time.Sleep(1100 * time.Millisecond) // publishedDate is to the second
	again, _ := export(t, "again.json")
	if a := again.Releases[0]; a.ID != r.ID || a.Date != r.Date {
		t.Errorf("unchanged tender exported again: release %s of %s, first %s of %s; want the same release", a.ID, a.Date, r.ID, r.Date)
	}
	if again.PublishedDate == first.PublishedDate {
		t.Errorf("publishedDate %s both times; want the moment each package was made", first.PublishedDate)
	}
	other, quiet := export(t, "registered.json", "--config", registered)
	if strings.Contains(quiet, "warning") {
		t.Errorf("stderr %q with a registered prefix; want no warning", quiet)
	}
	if o := other.Releases[0]; o.OCID != "ocds-213czf-1" || o.ID == r.ID {
		t.Errorf("with prefix ocds-213czf: ocid %s, release %s; want ocds-213czf-1 and another release", o.OCID, o.ID)
	}
	if other.License != "https://creativecommons.org/publicdomain/zero/1.0/" || other.PublicationPolicy != "https://samenkoop.example.nl/publicatiebeleid" {
		t.Errorf("license %q, publicationPolicy %q; want the configured URLs", other.License, other.PublicationPolicy)
	}
}
