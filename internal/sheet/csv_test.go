package sheet

import (
	"bytes"
	"slices"
	"testing"
)

// TestReadCSVEncodingAndSeparator: Dutch Excel's default CSV
// ("gescheiden door lijstscheidingsteken") is Windows-1252 with
// semicolons; its "CSV UTF-8" has a byte order mark; other tools write
// UTF-8 with commas. Each reads to the same text, and the format says how.
func TestReadCSVEncodingAndSeparator(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       []byte
		want     Format
		wantHead []string
		wantRow  []string
	}{
		{"Windows-1252 with semicolons, as Dutch Excel saves CSV",
			[]byte("Omschrijving;Leverancier;Jaarwaarde\r\nCaf\xe9 co\xebperatie;Ge\xefntegreerd B.V.;\x80 1.234,50\r\n"),
			Format{Kind: CSV, Encoding: Windows1252, Separator: ';'},
			[]string{"Omschrijving", "Leverancier", "Jaarwaarde"}, []string{"Café coëperatie", "Geïntegreerd B.V.", "€ 1.234,50"}},
		{"Windows-1252 with commas", []byte("code,name\nGM1900,S\xfadwest-Frysl\xe2n\n"),
			Format{Kind: CSV, Encoding: Windows1252, Separator: ','},
			[]string{"code", "name"}, []string{"GM1900", "Súdwest-Fryslân"}},
		{"UTF-8 with byte order mark and semicolons, as Excel's CSV UTF-8", []byte("\xef\xbb\xbfcode;naam\r\nGM1900;Súdwest-Fryslân €\r\n"),
			Format{Kind: CSV, Encoding: UTF8, BOM: true, Separator: ';'},
			[]string{"code", "naam"}, []string{"GM1900", "Súdwest-Fryslân €"}},
		{"UTF-8 without byte order mark, commas", []byte("code,naam\nGM1900,Súdwest-Fryslân\n"),
			Format{Kind: CSV, Encoding: UTF8, Separator: ','},
			[]string{"code", "naam"}, []string{"GM1900", "Súdwest-Fryslân"}},
		{"quoted commas in a semicolon header count for nothing",
			[]byte("\"Naam, voluit\";\"Plaats, gemeente\";Code\nA;B;C\n"),
			Format{Kind: CSV, Encoding: UTF8, Separator: ';'},
			[]string{"Naam, voluit", "Plaats, gemeente", "Code"}, []string{"A", "B", "C"}},
		{"quoted semicolons in a comma header count for nothing",
			[]byte("\"a;b;c\",d\n1,2\n"),
			Format{Kind: CSV, Encoding: UTF8, Separator: ','},
			[]string{"a;b;c", "d"}, []string{"1", "2"}},
		{"a quoted line break in the header does not end it",
			[]byte("\"Looptijd\n(maanden)\";Jaarwaarde, excl. btw;x\n36;100,50;y\n"),
			Format{Kind: CSV, Encoding: UTF8, Separator: ';'},
			[]string{"Looptijd\n(maanden)", "Jaarwaarde, excl. btw", "x"}, []string{"36", "100,50", "y"}},
		{"blank rows before the header, as Excel writes them, are skipped",
			[]byte(";;\r\n\r\nOrganisatie;Contractnummer, oud\r\nGM0363;2024-1\r\n"),
			Format{Kind: CSV, Encoding: UTF8, Separator: ';'},
			[]string{"Organisatie", "Contractnummer, oud"}, []string{"GM0363", "2024-1"}},
		{"one column", []byte("code\nGM0363\n"), Format{Kind: CSV, Encoding: UTF8, Separator: ','}, []string{"code"}, []string{"GM0363"}},
		{"the apostrophe before a formula sign is dropped, as Excel shows the cell",
			[]byte("a;b;c;d;e;f\n\"'=HYPERLINK(\"\"x\"\")\";'+31 Telecom;'s-Gravenhage;''-x;';'@Groep\n"),
			Format{Kind: CSV, Encoding: UTF8, Separator: ';'},
			[]string{"a", "b", "c", "d", "e", "f"}, []string{`=HYPERLINK("x")`, "+31 Telecom", "'s-Gravenhage", "'-x", "'", "@Groep"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tab, f, err := ReadChecked(bytes.NewReader(tt.in), DefaultLimits, nil)
			if err != nil {
				t.Fatal(err)
			}
			if f != tt.want {
				t.Errorf("format = %+v, want %+v", f, tt.want)
			}
			if !slices.Equal(tab.Header, tt.wantHead) || len(tab.Rows) != 1 || !slices.Equal(tab.Rows[0], tt.wantRow) {
				t.Errorf("read header %q rows %q, want %q and %q", tab.Header, tab.Rows, tt.wantHead, tt.wantRow)
			}
		})
	}
}

// TestReadXLSXFormat: a workbook says it is one, with no encoding or
// separator.
func TestReadXLSXFormat(t *testing.T) {
	t.Parallel()
	_, f, err := ReadChecked(bytes.NewReader(xlsxRows(t, []string{"code"}, []string{"GM0363"})), DefaultLimits, nil)
	if err != nil || f != (Format{Kind: XLSX}) || f.String() != "XLSX" {
		t.Errorf("ReadChecked(xlsx) = %+v (%s), %v; want XLSX", f, f, err)
	}
}

func TestFormatString(t *testing.T) {
	t.Parallel()
	for f, want := range map[Format]string{
		{Kind: CSV, Encoding: Windows1252, Separator: ';'}:     "CSV, Windows-1252, separated by ';'",
		{Kind: CSV, Encoding: UTF8, BOM: true, Separator: ','}: "CSV, UTF-8 with byte order mark, separated by ','",
		{Kind: XLSX}: "XLSX",
	} {
		if got := f.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", f, got, want)
		}
	}
}
