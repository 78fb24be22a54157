package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

func TestReadCSV(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		wantHead  []string
		wantRows  [][]string
		wantLines []int
	}{
		{"comma separated", "code,name\nGM0363,Amsterdam\n", []string{"code", "name"}, [][]string{{"GM0363", "Amsterdam"}}, []int{2}},
		{"semicolon separated, as Dutch Excel writes", "code;name\nGM0820;Nuenen, Gerwen en Nederwetten\n",
			[]string{"code", "name"}, [][]string{{"GM0820", "Nuenen, Gerwen en Nederwetten"}}, []int{2}},
		{"byte order mark is dropped", "\ufeffcode,name\nGM1900,Súdwest-Fryslân\n", []string{"code", "name"}, [][]string{{"GM1900", "Súdwest-Fryslân"}}, []int{2}},
		{"blank lines keep the file's line numbers", "\ncode,name\n\nGM0363,Amsterdam\n\n\nGM0599,Rotterdam\n",
			[]string{"code", "name"}, [][]string{{"GM0363", "Amsterdam"}, {"GM0599", "Rotterdam"}}, []int{4, 7}},
		{"CRLF line ends", "code,name\r\nGM0363,Amsterdam\r\n", []string{"code", "name"}, [][]string{{"GM0363", "Amsterdam"}}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got.Header, tt.wantHead) || !slices.Equal(got.Lines, tt.wantLines) || len(got.Rows) != len(tt.wantRows) {
				t.Fatalf("Read(%q) = %+v, want header %v rows %v lines %v", tt.in, got, tt.wantHead, tt.wantRows, tt.wantLines)
			}
			for i := range tt.wantRows {
				if !slices.Equal(got.Rows[i], tt.wantRows[i]) {
					t.Errorf("row %d = %v, want %v", i, got.Rows[i], tt.wantRows[i])
				}
			}
		})
	}
}

func TestReadRejectsWhatIsNotATable(t *testing.T) {
	t.Parallel()
	var notWorkbook bytes.Buffer
	zw := zip.NewWriter(&notWorkbook)
	w, _ := zw.Create("hello.txt")
	_, _ = w.Write([]byte("not a workbook"))
	_ = zw.Close()
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"only whitespace", []byte(" \n\n "), "empty"},
		{"binary", []byte{0x25, 0x50, 0x44, 0x46, 0x00, 0x01}, "unsupported file type"},
		{"neither UTF-8 nor Windows-1252: 0x81 has no character there", []byte("code,name\nGM1900,S\xfadwest\n\x81\n"), "byte 0x81 on line 3"},
		{"UTF-8 byte order mark, then Windows-1252", []byte("\xef\xbb\xbfcode,name\nGM1900,S\xfadwest\n"), "byte 0xFA on line 2 is not UTF-8"},
		{"UTF-16, as Excel's Unicode text", []byte("\xff\xfec\x00o\x00d\x00e\x00"), "UTF-16"},
		{"Excel 97-2003 workbook", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 512)...), ".xls"},
		{"only a byte order mark", []byte("\xef\xbb\xbf\r\n"), "empty"},
		{"a zip that is no workbook", notWorkbook.Bytes(), "not a readable XLSX"},
		{"unbalanced quote", []byte("code,name\nGM0363,\"Amster\"dam\n"), "CSV line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Read(bytes.NewReader(tt.in))
			if !errors.Is(err, apperr.Invalid) || !strings.Contains(apperr.Detail(err, ""), tt.want) {
				t.Errorf("Read(%s) = %v, want Invalid saying %q", tt.name, err, tt.want)
			}
		})
	}
}

// TestReadXLSXRawValues: a workbook's numbers arrive as digits whatever
// their display format, and a date cell as Excel's serial day, which the
// organization import turns into the right date.
func TestReadXLSXRawValues(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "GemeentecodeGM")
	set("B1", "Gemeentenaam")
	set("C1", "Inwoners")
	set("D1", "Peildatum")
	set("A3", "GM0363") // row 2 left blank
	set("B3", "Amsterdam")
	set("C3", 934526)
	style, err := f.NewStyle(&excelize.Style{NumFmt: 3}) // #,##0
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(sh, "C3", "C3", style); err != nil {
		t.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // m/d/yy
	if err != nil {
		t.Fatal(err)
	}
	set("D3", 45658) // 2025-01-01 as Excel counts days
	if err := f.SetCellStyle(sh, "D3", "D3", dateStyle); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tab, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 1 || tab.Line(0) != 3 || tab.Rows[0][2] != "934526" {
		t.Fatalf("Read(xlsx) = %+v, want one row on line 3 with the raw population", tab)
	}
	orgs, problems, err := contracts.ParseOrganizationTable(tab)
	if err != nil || len(problems) > 0 || len(orgs) != 1 {
		t.Fatalf("ParseOrganizationTable: %v %v", problems, err)
	}
	if got, want := orgs[0].PopulationDate, contracts.NewDate(2025, 1, 1); got != want || orgs[0].Population != 934526 {
		t.Errorf("parsed %+v, want population 934526 on %v", orgs[0], want)
	}
}
