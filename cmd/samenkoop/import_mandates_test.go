package main

import (
	"context"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/store"
)

// TestImportMandates imports the mandates of the demo's tender 1 from the
// command line: a file with a bad RIS link names its row and column and
// changes nothing (exit status 1), a file without the Status column is
// refused before its rows are read (2), and the corrected file passes.
func TestImportMandates(t *testing.T) {
	ctx := context.Background()
	db := demoDB(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := st.Procurement().Participants(ctx, 1)
	st.Close()
	if err != nil || len(ps) < 2 {
		t.Fatalf("demo tender 1 has %d participants, %v; want at least 2", len(ps), err)
	}
	a, b := ps[0], ps[1]
	file := "Organisatie;Status;Datum;Orgaan;Bevoegdheden;RIS-link\n" +
		a.Organization + ";aangevraagd;01-01-2026;;;\n" +
		b.Name + ";aangevraagd;01-01-2026;;;ftp://ris.example.nl/1\n"
	bad := writeFile(t, "mandaten.csv", file)
	_, errOut, status := run(t, ctx, "import", "mandates", bad, "--tender", "1", "--db", db)
	if status != 1 || !strings.Contains(errOut, "row 3, column RIS-link: must be an absolute https URL") {
		t.Fatalf("import with a bad link = %d, err %q; want 1 naming row 3's RIS-link", status, errOut)
	}
	noStatus := writeFile(t, "zonder-status.csv", "Organisatie;Datum\n"+a.Organization+";01-01-2026\n")
	if _, errOut, status := run(t, ctx, "import", "mandates", noStatus, "--tender", "1", "--db", db); status != 2 || !strings.Contains(errOut, "status") {
		t.Errorf("import without a Status column = %d, err %q; want 2 naming the column", status, errOut)
	}
	good := writeFile(t, "mandaten-goed.csv", strings.Replace(file, "ftp://", "https://", 1))
	out, errOut, status := run(t, ctx, "import", "mandates", good, "--tender", "1", "--db", db, "--dry-run")
	if status != 0 || !strings.Contains(out, "dry run, nothing changed: 2 rows") {
		t.Errorf("dry run of the corrected file = %d, out %q, err %q", status, out, errOut)
	}
}
