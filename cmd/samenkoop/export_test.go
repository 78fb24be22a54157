package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// demoDB returns a fresh database filled by the demo command with the
// small demo data set, whose municipalities are real: GM1900 is
// Súdwest-Fryslân, GM0796 's-Hertogenbosch. The command runs once per
// test process (demoImage); each test gets its own copy of the file.
func demoDB(t *testing.T) string {
	t.Helper()
	image, err := demoImage()
	if err != nil {
		t.Fatalf("demo: %v", err)
	}
	db := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(db, image, 0o600); err != nil {
		t.Fatal(err)
	}
	return db
}

// demoImage runs `samenkoop demo --db <file>` in a directory of its own
// and returns the file it wrote, which the command closed, so that its
// WAL is checkpointed into it; the directory is removed at once.
var demoImage = sync.OnceValues(func() (image []byte, err error) {
	dir, err := os.MkdirTemp("", "samenkoop-demo-")
	if err != nil {
		return nil, err
	}
	defer func() { err = errors.Join(err, os.RemoveAll(dir)) }()
	db := filepath.Join(dir, "demo.db")
	var out, errOut syncBuffer
	root := newRoot(&out, &errOut)
	root.SetArgs([]string{"demo", "--db", db})
	if err := root.ExecuteContext(context.Background()); err != nil {
		return nil, fmt.Errorf("%w: %s", err, errOut.String())
	}
	if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() > 0 {
		return nil, fmt.Errorf("the demo command left %d bytes in the WAL of %s", fi.Size(), db)
	}
	return os.ReadFile(db)
})

// TestExport runs the export subcommands on one demo database.
func TestExport(t *testing.T) {
	t.Parallel()
	db := demoDB(t)
	t.Run("files", func(t *testing.T) { exportFiles(t, db) })
	t.Run("standard output", func(t *testing.T) { exportToStandardOutput(t, db) })
	t.Run("usage errors", func(t *testing.T) { exportUsageErrors(t, db) })
}

func exportFiles(t *testing.T, db string) {
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name  string
		args  []string
		file  string
		check func(t *testing.T, b []byte)
	}{
		{"dependency report of one organization as PDF", []string{"dependency", "--organization", "GM1900"}, "afhankelijkheid.pdf",
			func(t *testing.T, b []byte) {
				if !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Errorf("not a PDF: %q", b[:min(len(b), 10)])
				}
			}},
		{"dependency report as XLSX by --format", []string{"dependency", "--organization", "GM0796", "--format", "xlsx"}, "afhankelijkheid.bin",
			func(t *testing.T, b []byte) {
				if v := cellOf(t, b, "Samenvatting", "B3"); v != "'s-Hertogenbosch (GM0796)" {
					t.Errorf("Samenvatting!B3 = %q, want the organization", v)
				}
			}},
		{"the cooperative's dependency report", []string{"dependency", "--format", "pdf"}, "samenwerking.pdf",
			func(t *testing.T, b []byte) {
				if !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Error("not a PDF")
				}
			}},
		{"spend workbook of every organization", []string{"spend", "--year", "2026"}, "uitgaven.xlsx",
			func(t *testing.T, b []byte) {
				if v := cellOf(t, b, "Per leveranciersgroep", "C1"); v != "2026" {
					t.Errorf("first year column = %q, want 2026", v)
				}
			}},
		{"contracts of one organization as CSV, format from the extension", []string{"contracts", "--organization", "GM1900", "--status", "active"}, "contracten.csv",
			func(t *testing.T, b []byte) {
				lines := strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n")
				if !strings.HasPrefix(lines[0], "\uFEFFOrganisatie;") || len(lines) < 2 {
					t.Fatalf("CSV starts %q with %d lines, want the header with BOM and contracts", lines[0], len(lines))
				}
				for _, l := range lines[1:] {
					if !strings.HasPrefix(l, "GM1900;Súdwest-Fryslân;") {
						t.Errorf("row %q is not Súdwest-Fryslân's", l)
					}
				}
			}},
		{"contracts as XLSX", []string{"contracts", "--renewal", "tacit", "--sort", "value"}, "contracten.xlsx",
			func(t *testing.T, b []byte) {
				if v := cellOf(t, b, "Contracten", "L2"); v != "stilzwijgend" {
					t.Errorf("Contracten!L2 (Verlenging) = %q, want only tacit renewals", v)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := out(tt.file)
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
}

// cellOf opens a workbook and returns one cell's value.
func cellOf(t *testing.T, b []byte, sheet, cell string) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func exportToStandardOutput(t *testing.T, db string) {
	stdout, errOut, status := run(t, context.Background(), "export", "--db", db, "contracts", "--format", "csv", "-o", "-")
	if status != 0 || !strings.HasPrefix(stdout, "\uFEFFOrganisatie;") {
		t.Errorf("export to -: status %d, output %.40q, errors %s", status, stdout, errOut)
	}
}

// exportUsageErrors: bad flags and unknown organizations exit with
// status 2 and leave no file behind.
func exportUsageErrors(t *testing.T, db string) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no output", []string{"contracts"}, "--output"},
		{"unknown format", []string{"contracts", "--format", "ods", "-o", filepath.Join(dir, "c.ods")}, "--format"},
		{"spend has no PDF", []string{"spend", "--format", "pdf", "-o", filepath.Join(dir, "s.pdf")}, "--format"},
		{"bad status", []string{"contracts", "--status", "lopend", "-o", filepath.Join(dir, "c.csv")}, "status"},
		{"bad date", []string{"contracts", "--ends-before", "morgen", "-o", filepath.Join(dir, "c.csv")}, "ends-before"},
		{"bad renewal kind: the message lists every kind, indefinite too", []string{"contracts", "--renewal", "stilzwijgend", "-o", filepath.Join(dir, "c.csv")},
			"renewal: must be none, tacit, express or indefinite"},
		{"unknown organization", []string{"dependency", "--organization", "GM9999", "-o", filepath.Join(dir, "d.pdf")}, "not found"},
		{"bad year", []string{"spend", "--year", "1999", "-o", filepath.Join(dir, "s.xlsx")}, "year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"export", "--db", db}, tt.args...)
			_, errOut, status := run(t, context.Background(), args...)
			if status != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("%v: status %d, errors %q; want 2 naming %s", tt.args, status, errOut, tt.want)
			}
		})
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("failed exports left files behind: %v", left)
	}
}
