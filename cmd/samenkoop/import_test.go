package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportWindows1252 imports the CSV files Dutch Excel writes by
// default (Windows-1252, semicolons) from the command line: each run says
// how it read the file, and the register exported as UTF-8 afterwards
// holds the é, ë, ú, â and € of the files.
func TestImportWindows1252(t *testing.T) {
	db := filepath.Join(t.TempDir(), "import.db")
	orgs := writeFile(t, "gemeenten.csv", "Gemeentecode;Gemeentenaam;Provincienaam;Inwoners;Peildatum\r\n"+
		"1900;S\xfadwest-Frysl\xe2n;Frysl\xe2n;90000;01-01-2025\r\n")
	out, errOut, status := run(t, context.Background(), "import", "organizations", orgs, "--db", db)
	if status != 0 || !strings.Contains(out, "read as CSV, Windows-1252, separated by ';'") || !strings.Contains(out, "1 created") {
		t.Fatalf("import organizations = %d, out %q, err %q; want 1 created, read as Windows-1252 with semicolons", status, out, errOut)
	}
	register := writeFile(t, "contracten.csv", "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd (maanden);Verlenging;Jaarwaarde\r\n"+
		"GM1900;E-1;Caf\xe9-inrichting co\xf6peratie \x80 5 p.p.;Geb\xebrsma Caf\xe9 B.V.;27124701;01-02-2024;36;geen;\x80 1.234,50\r\n")
	out, errOut, status = run(t, context.Background(), "import", "contracts", register, "--db", db)
	if status != 0 || !strings.Contains(out, "read as CSV, Windows-1252, separated by ';'") || !strings.Contains(out, "1 created") {
		t.Fatalf("import contracts = %d, out %q, err %q; want 1 created, read as Windows-1252 with semicolons", status, out, errOut)
	}
	out, errOut, status = run(t, context.Background(), "export", "--db", db, "contracts", "--format", "csv", "-o", "-")
	if status != 0 {
		t.Fatalf("export = %d: %s", status, errOut)
	}
	for _, want := range []string{"Súdwest-Fryslân", "Café-inrichting coöperatie € 5 p.p.", "Gebërsma Café B.V.", "1234,50"} {
		if !strings.Contains(out, want) {
			t.Errorf("exported register lacks %q:\n%s", want, out)
		}
	}
}
