package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestWriteExportFailures: an export that fails, by an error or a panic
// in its writer, exits non-zero and leaves the output as it was: no
// partial file, no temporary file, an older file untouched (issue #12).
func TestWriteExportFailures(t *testing.T) {
	t.Parallel()
	half := func(w io.Writer) {
		_, _ = io.WriteString(w, "Organisatie;Nummer\r\nGM0363;AMS-")
	}
	tests := []struct {
		name    string
		old     string // the output's content before, "" for none
		write   func(w io.Writer) error
		wantErr string
	}{
		{"writer fails part-way", "", func(w io.Writer) error { half(w); return errors.New("the database went away") }, "the database went away"},
		{"writer panics part-way", "", func(w io.Writer) error { half(w); panic("writer boom") }, "panic: writer boom"},
		{"writer panics at once", "", func(io.Writer) error { panic("writer boom") }, "panic: writer boom"},
		{"a failure keeps the older file", "oud;bestand\r\n", func(w io.Writer) error { half(w); panic("writer boom") }, "panic: writer boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, "contracten.csv")
			if tt.old != "" {
				if err := os.WriteFile(out, []byte(tt.old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			a := &app{stdout: &stdout, stderr: &stderr}
			err := a.writeExport(out, tt.write)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("writeExport = %v, want an error with %q", err, tt.wantErr)
			}
			if status := exitStatus(err); status == 0 {
				t.Errorf("exit status %d, want non-zero", status)
			}
			got, readErr := os.ReadFile(out)
			switch {
			case tt.old == "" && !errors.Is(readErr, os.ErrNotExist):
				t.Errorf("the failed export left %s (%q, %v)", out, got, readErr)
			case tt.old != "" && string(got) != tt.old:
				t.Errorf("the older file holds %q after the failure, want %q", got, tt.old)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(entries); n != min(len(tt.old), 1) {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("the directory holds %v after the failure; a temporary file was left", names)
			}
		})
	}
}

func TestWriteExportStandardOutputPanic(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	a := &app{stdout: &stdout, stderr: &stderr}
	err := a.writeExport("-", func(io.Writer) error { panic("writer boom") })
	if err == nil || exitStatus(err) == 0 {
		t.Fatalf("writeExport to standard output = %v (status %d), want a non-zero exit", err, exitStatus(err))
	}
	if !strings.Contains(stderr.String(), "writer boom") || !strings.Contains(stderr.String(), "goroutine") {
		t.Errorf("standard error lacks the panic and its stack:\n%s", stderr.String())
	}
}

// TestExportTenderOutsideBMP writes the dossier of a tender whose titles
// hold an emoji and mathematical letters as PDF: fpdf panicked on them.
func TestExportTenderOutsideBMP(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "samenkoop.db")
	if _, errOut, status := run(t, ctx, "migrate", "--db", db); status != 0 {
		t.Fatalf("migrate: status %d: %s", status, errOut)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	svc := contracts.NewService(st.Register(), contracts.Options{})
	if err := svc.SeedReference(ctx); err != nil {
		t.Fatal(err)
	}
	if err := svc.CreateOrganization(ctx, contracts.Organization{Code: "GM0796", Name: "'s-Hertogenbosch 🏛️", Kind: contracts.KindMunicipality, Province: "PV30"}); err != nil {
		t.Fatal(err)
	}
	category, err := svc.CreateCategory(ctx, contracts.Category{Name: "Mobiele telefonie", CPV: []string{"64212000-5"}})
	if err != nil {
		t.Fatal(err)
	}
	p := procurement.NewService(st.Procurement(), procurement.Options{Words: nl.ProcurementWords()})
	id, err := p.CreateTender(ctx, procurement.Tender{Title: "Telefonie 🚀 2027", CategoryID: category, CPV: "64212000-5",
		Lead: "GM0796", Kind: procurement.KindServices, TermMonths: 48, Electronic: true, NeededStart: contracts.NewDate(2027, 9, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.AddLot(ctx, procurement.Lot{TenderID: id, Title: "𝐀𝐁 mobiel", Unit: "aansluitingen", UnitPrice: 24_000}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "dossier.pdf")
	if _, errOut, status := run(t, ctx, "export", "--db", db, "-o", out, "dossier", "--tender", strconv.FormatInt(id, 10)); status != 0 {
		t.Fatalf("export dossier: status %d: %s", status, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(len(b)-32, 0):], []byte("%%EOF")) {
		t.Errorf("not a whole PDF: %q … %q", b[:min(len(b), 10)], b[max(len(b)-10, 0):])
	}
}
