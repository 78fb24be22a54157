package web_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestImportPageSaysFileErrorsInDutch: a file that is no table at all is
// refused on the import page in Dutch, while the API keeps its English
// detail for the same file.
func TestImportPageSaysFileErrorsInDutch(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct {
		name, file        string
		wantPage, wantAPI string
	}{
		{"an old Excel workbook", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", "oude Excel-werkmap (Excel 97-2003, .xls)", "Excel 97-2003 workbook"},
		{"UTF-16 text", "\xFF\xFEo\x00r\x00g\x00", "Unicode-tekst (UTF-16)", "UTF-16 text"},
		{"an unreadable encoding", "organisatie;nummer\nGM0363;\x81\n", "De tekenset van het bestand is onleesbaar: byte 0x81 op regel 2", "neither UTF-8 nor Windows-1252"},
		{"a missing column", "organisatie;nummer\nGM0363;1\n", "Verplichte kolommen die niet in het bestand staan: Omschrijving, Leverancier", "missing required column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form, ct := uploadForm(t, ta.as["member"].csrf, tt.file, map[string]string{})
			req := httptest.NewRequest("POST", "/contracten/importeren", form)
			req.Header.Set("Content-Type", ct)
			req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as["member"].cookie})
			resp, page := send(t, ta, req)
			if resp.StatusCode != 422 || !strings.Contains(page, "Het bestand kan niet worden gelezen. ") || !strings.Contains(page, tt.wantPage) {
				t.Errorf("page = %d, want 422 with %q:\n%s", resp.StatusCode, tt.wantPage, grepLines(page, "gelezen"))
			}
			if strings.Contains(page, tt.wantAPI) {
				t.Errorf("page shows the API's English %q", tt.wantAPI)
			}
			body, ct := multipartFile(t, "contracten.csv", []byte(tt.file))
			resp, out := ta.doAs(t, "member", "POST", "/api/v1/imports/contracts", body, ct)
			if p := decodeProblem(t, resp, out); resp.StatusCode != 422 || !strings.Contains(p.Detail, tt.wantAPI) {
				t.Errorf("API = %d %s, want 422 with %q", resp.StatusCode, out, tt.wantAPI)
			}
		})
	}
}

// TestContractTemplateDownloadPerRole: the template a member downloads
// says an unknown vendor is refused; a coordinator's promises a new one.
func TestContractTemplateDownloadPerRole(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	for _, tt := range []struct{ who, want, wantNot string }{
		{"member", "onbekende leverancier wordt geweigerd", "wordt alleen aangemaakt"},
		{"coordinator", "wordt alleen aangemaakt", "onbekende leverancier wordt geweigerd"},
	} {
		for _, path := range []string{"/contracten/importeren/sjabloon.xlsx", "/api/v1/imports/contracts/template.xlsx"} {
			resp, body := ta.doAs(t, tt.who, "GET", path, nil, "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s as %s = %d", path, tt.who, resp.StatusCode)
			}
			f, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows("Toelichting")
			if err != nil {
				t.Fatal(err)
			}
			var guide strings.Builder
			for _, r := range rows {
				guide.WriteString(strings.Join(r, " | ") + "\n")
			}
			if g := guide.String(); !strings.Contains(g, tt.want) || strings.Contains(g, tt.wantNot) {
				t.Errorf("GET %s as %s: guide lacks %q or has %q", path, tt.who, tt.want, tt.wantNot)
			}
		}
	}
}
