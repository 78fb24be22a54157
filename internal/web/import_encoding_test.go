package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// excelCSV1252 is a register as Dutch Excel saves "CSV (gescheiden door
// lijstscheidingsteken)": Windows-1252, semicolons, CRLF. é is 0xE9, ë
// 0xEB, ï 0xEF and € 0x80; none of them is valid UTF-8 on its own.
var excelCSV1252 = []byte("Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd (maanden);Verlenging;Continu\xefteit/escrow;Jaarwaarde\r\n" +
	"GM0363;E-1;Caf\xe9-inrichting co\xf6peratie \x80 5 p.p.;Geb\xebrsma Caf\xe9 B.V.;27124701;01-02-2024;36;geen;ja;\x80 1.234,50\r\n")

// importedContract returns the stored contract org/number with its
// vendor's name.
func (ta testApp) importedContract(t *testing.T, org, number string) (contracts.ContractSummary, contracts.Vendor) {
	t.Helper()
	ctx := context.Background()
	p, err := ta.svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{Organization: org, Q: number, PageSize: 10})
	if err != nil || len(p.Items) != 1 {
		t.Fatalf("contract %s/%s: %v, %d found", org, number, err, len(p.Items))
	}
	v, err := ta.svc.Vendor(ctx, p.Items[0].VendorID)
	if err != nil {
		t.Fatal(err)
	}
	return p.Items[0], v
}

// TestImportWindows1252CSV: the CSV Dutch Excel writes by default used to
// be refused as "unsupported file type"; it is read as Windows-1252, its
// é, ë, ï and € land in the register as those characters, and the report
// says how the file was read.
func TestImportWindows1252CSV(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	body, ct := multipartFile(t, "contracten.csv", excelCSV1252)
	resp, b := ta.do(t, "POST", "/api/v1/imports/contracts", body, ct)
	if resp.StatusCode != 200 {
		t.Fatalf("POST Windows-1252 CSV = %d %s", resp.StatusCode, b)
	}
	var rep struct {
		Created []string `json:"created"`
		File    struct {
			Format, Encoding, Separator string
			ByteOrderMark               bool
		} `json:"file"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.File.Format != "csv" || rep.File.Encoding != "Windows-1252" || rep.File.Separator != "semicolon" || rep.File.ByteOrderMark {
		t.Errorf("report file = %+v, want csv, Windows-1252, semicolon, no byte order mark (%s)", rep.File, b)
	}
	c, v := ta.importedContract(t, "GM0363", "E-1")
	if want := "Café-inrichting coöperatie € 5 p.p."; c.Title != want {
		t.Errorf("title = %q, want %q", c.Title, want)
	}
	if want := "Gebërsma Café B.V."; v.Name != want {
		t.Errorf("vendor = %q, want %q", v.Name, want)
	}
	if c.AnnualValue != 123450 || !c.Exit.Continuity {
		t.Errorf("annual value %d cents, continuity %v; want 123450 from € 1.234,50 and the column Continuïteit/escrow read", c.AnnualValue, c.Exit.Continuity)
	}
}

// TestImportCSVEncodingsAndSeparators: UTF-8 with or without a byte order
// mark, with commas or semicolons, all import the same contract, and the
// API's report names each.
func TestImportCSVEncodingsAndSeparators(t *testing.T) {
	t.Parallel()
	semicolons := "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd (maanden);Verlenging;Jaarwaarde\r\n" +
		"GM0363;U-1;Café coöperatie € 5;Gebërsma B.V.;27124701;2024-02-01;36;geen;\"1.234,50\"\r\n"
	commas := strings.NewReplacer(";", ",", `"1.234,50"`, `"1234,50"`).Replace(semicolons)
	tests := []struct {
		name, file            string
		wantEncoding, wantSep string
		wantBOM               bool
	}{
		{"UTF-8 with byte order mark, semicolons (Excel's CSV UTF-8)", "\ufeff" + semicolons, "UTF-8", "semicolon", true},
		{"UTF-8 with byte order mark, commas", "\ufeff" + commas, "UTF-8", "comma", true},
		{"UTF-8 without byte order mark, commas", commas, "UTF-8", "comma", false},
		{"UTF-8 without byte order mark, semicolons", semicolons, "UTF-8", "semicolon", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ta := newTestApp(t, sampleOrgs()...)
			body, ct := multipartFile(t, "contracten.csv", []byte(tt.file))
			resp, b := ta.do(t, "POST", "/api/v1/imports/contracts", body, ct)
			if resp.StatusCode != 200 {
				t.Fatalf("POST = %d %s", resp.StatusCode, b)
			}
			var rep struct {
				File map[string]any `json:"file"`
			}
			if err := json.Unmarshal(b, &rep); err != nil {
				t.Fatal(err)
			}
			if rep.File["format"] != "csv" || rep.File["encoding"] != tt.wantEncoding || rep.File["separator"] != tt.wantSep ||
				(rep.File["byteOrderMark"] == true) != tt.wantBOM {
				t.Errorf("report file = %v, want %s, %s, byte order mark %v", rep.File, tt.wantEncoding, tt.wantSep, tt.wantBOM)
			}
			c, v := ta.importedContract(t, "GM0363", "U-1")
			if c.Title != "Café coöperatie € 5" || v.Name != "Gebërsma B.V." || c.AnnualValue != 123450 {
				t.Errorf("stored %q by %q for %d cents; want the file's text and € 1.234,50", c.Title, v.Name, c.AnnualValue)
			}
		})
	}
}

// TestImportPageNamesTheFormat: the import page says in Dutch how it read
// the file, for a report and for a rejected file alike.
func TestImportPageNamesTheFormat(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	post := func(file []byte) (*http.Response, string) {
		t.Helper()
		body, ct := uploadForm(t, ta.as["admin"].csrf, string(file), map[string]string{})
		req := httptest.NewRequest("POST", "/contracten/importeren", body)
		req.Header.Set("Content-Type", ct)
		req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as["admin"].cookie})
		return send(t, ta, req)
	}
	resp, page := post(excelCSV1252)
	if got := html.UnescapeString(page); resp.StatusCode != 200 || !strings.Contains(got, "Gelezen als CSV in Windows-1252 met puntkomma's.") {
		t.Errorf("import of a Windows-1252 file = %d; want the page to say how it was read:\n%s", resp.StatusCode, page)
	}
	bad := strings.Replace(contractsCSV, ";", ",", -1)
	bad = strings.Replace(bad, "€ 125.000,00", "x", 1)
	resp, page = post([]byte("\ufeff" + bad))
	if got := html.UnescapeString(page); resp.StatusCode != 422 || !strings.Contains(got, "Gelezen als CSV in UTF-8 met komma's.") {
		t.Errorf("rejected UTF-8 file = %d; want the page to say how it was read:\n%s", resp.StatusCode, page)
	}
}
