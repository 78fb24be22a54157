package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
)

// contractsCSV is a small register as Dutch Excel saves it; row 3 belongs
// to 's-Gravenhage.
const contractsCSV = "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd (maanden);Verlenging;Verlengingsperiode (maanden);Opzegtermijn (maanden);Jaarwaarde\n" +
	"GM0363;A-1;Telefonie;KPN B.V.;27124701;01-02-2023;36;stilzwijgend;12;3;€ 125.000,00\n" +
	"GM0518;B-1;Printers;Printbedrijf B.V.;87654321;2024-01-01;24;geen;;1;1.000\n"

// ownCSV has no organization column: the import's organization fills it.
const ownCSV = "Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd;Verlenging\n" +
	"M-1;Zaaksysteem;Voorbeeld Software B.V.;12345678;2024-02-01;36;geen\n"

func (ta testApp) contractTotal(t testing.TB) int {
	t.Helper()
	p, err := ta.svc.Contracts(context.Background(), contracts.Everyone(), contracts.ContractFilter{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

type contractImportJSON struct {
	DryRun     bool     `json:"dryRun"`
	Rows       int      `json:"rows"`
	Created    []string `json:"created"`
	Updated    []string `json:"updated"`
	Unchanged  int      `json:"unchanged"`
	NewVendors []string `json:"newVendors"`
}

func TestImportContractsAPI(t *testing.T) {
	t.Parallel()
	bad := strings.Replace(contractsCSV, "€ 125.000,00", "=SUM(K1:K9)", 1)
	bad = strings.Replace(bad, ";geen;", ";soms;", 1)
	tests := []struct {
		name        string
		who         string
		query       string
		file        string
		wantStatus  int
		wantCreated []string
		wantErrors  []string // problem locations
		wantTotal   int
	}{
		{"admin imports every organization", "admin", "", contractsCSV, 200, []string{"GM0363/A-1", "GM0518/B-1"}, nil, 2},
		{"dry run writes nothing", "coordinator", "?dryRun=true", contractsCSV, 200, []string{"GM0363/A-1", "GM0518/B-1"}, nil, 0},
		{"bad rows: 422 naming row and column, nothing written", "admin", "", bad, 422, nil,
			[]string{"file.row[2].Jaarwaarde", "file.row[3].Verlenging"}, 0},
		{"org fills the organization", "admin", "?org=GM0518", ownCSV, 200, []string{"GM0518/M-1"}, nil, 1},
		{"a member may not add a vendor: vendors are shared (DESIGN §6)", "member", "", ownCSV, 422, nil, []string{"file.row[2].Leverancier"}, 0},
		{"a member's file with another organization's row", "member", "", contractsCSV, 422, nil, []string{"file.row[3].Organisatie"}, 0},
		{"a member cannot name another organization", "member", "?org=GM0518", ownCSV, 403, nil, nil, 0},
		{"a missing column is one problem for the file", "admin", "", "Organisatie;Omschrijving\nGM0363;x\n", 422, nil, nil, 0},
		{"finance never writes", "finance-all", "", contractsCSV, 403, nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ta := newTestApp(t, sampleOrgs()...)
			body, ct := multipartFile(t, "contracten.csv", []byte(tt.file))
			resp, b := ta.doAs(t, tt.who, "POST", "/api/v1/imports/contracts"+tt.query, body, ct)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("POST as %s = %d %s, want %d", tt.who, resp.StatusCode, b, tt.wantStatus)
			}
			if got := ta.contractTotal(t); got != tt.wantTotal {
				t.Errorf("stored contracts = %d, want %d", got, tt.wantTotal)
			}
			if resp.StatusCode != 200 {
				p := decodeProblem(t, resp, b)
				var locs []string
				for _, e := range p.Errors {
					locs = append(locs, e.Location)
				}
				if tt.wantErrors != nil && strings.Join(locs, " ") != strings.Join(tt.wantErrors, " ") {
					t.Errorf("problem locations %q, want %q (%s)", locs, tt.wantErrors, b)
				}
				return
			}
			var rep contractImportJSON
			if err := json.Unmarshal(b, &rep); err != nil {
				t.Fatal(err)
			}
			if strings.Join(rep.Created, " ") != strings.Join(tt.wantCreated, " ") || len(rep.NewVendors) != len(tt.wantCreated) {
				t.Errorf("report %+v, want created %q with a new vendor each", rep, tt.wantCreated)
			}
		})
	}
}

func TestImportContractsAPIReimportChangesNothing(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	for i, want := range []contractImportJSON{{Rows: 2, Created: []string{"GM0363/A-1", "GM0518/B-1"}}, {Rows: 2, Unchanged: 2}} {
		body, ct := multipartFile(t, "contracten.csv", []byte(contractsCSV))
		resp, b := ta.do(t, "POST", "/api/v1/imports/contracts", body, ct)
		var got contractImportJSON
		if err := json.Unmarshal(b, &got); err != nil || resp.StatusCode != 200 {
			t.Fatalf("import %d = %d %s", i+1, resp.StatusCode, b)
		}
		if len(got.Created) != len(want.Created) || got.Unchanged != want.Unchanged || len(got.Updated) != 0 {
			t.Errorf("import %d = %+v, want %+v", i+1, got, want)
		}
	}
}

func TestContractTemplateDownload(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	for _, tc := range []struct{ who, path string }{
		{"management", "/api/v1/imports/contracts/template.xlsx"},
		{"finance", "/contracten/importeren/sjabloon.xlsx"},
	} {
		resp, b := ta.doAs(t, tc.who, "GET", tc.path, nil, "")
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s as %s = %d %s", tc.path, tc.who, resp.StatusCode, firstLine(b))
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Errorf("GET %s: Content-Type %q, want the XLSX type", tc.path, ct)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".xlsx") {
			t.Errorf("GET %s: Content-Disposition %q, want an .xlsx attachment", tc.path, cd)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("GET %s: the download does not open as a workbook: %v", tc.path, err)
		}
		if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[0] != "Contracten" || sheets[1] != "Toelichting" {
			t.Errorf("GET %s: sheets %q, want Contracten and Toelichting", tc.path, sheets)
		}
		f.Close()
	}
	resp, _ := ta.doAs(t, "", "GET", "/api/v1/imports/contracts/template.xlsx", nil, "")
	if resp.StatusCode != 401 {
		t.Errorf("template without a token = %d, want 401", resp.StatusCode)
	}
}

// uploadForm is the import page's multipart form as a browser sends it.
func uploadForm(t testing.TB, csrf, file string, fields map[string]string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fields["_csrf"] = csrf
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if file != "" {
		fw, err := w.CreateFormFile("bestand", "contracten.csv")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write([]byte(file)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}

func TestImportContractsPage(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	post := func(who, file string, fields map[string]string) (*http.Response, string) {
		t.Helper()
		body, ct := uploadForm(t, ta.as[who].csrf, file, fields)
		req := httptest.NewRequest("POST", "/contracten/importeren", body)
		req.Header.Set("Content-Type", ct)
		req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as[who].cookie})
		return send(t, ta, req)
	}

	resp, b := ta.doAs(t, "admin", "GET", "/contracten/importeren", nil, "")
	if resp.StatusCode == 404 {
		t.Fatal(`GET /contracten/importeren = 404: a route registered before it, /contracten/:id, takes "importeren" for an id; ` +
			`declare that route as /contracten/:id<int> in internal/web/ui/routes.go`)
	}
	page := string(b)
	if resp.StatusCode != 200 || !strings.Contains(page, "Contracten importeren") || !strings.Contains(page, `name="voorbeeld" type="checkbox" value="1" checked`) ||
		!strings.Contains(page, `<input id="organisatie" name="organisatie" type="search"`) || strings.Contains(page, "<select id=\"organisatie\"") ||
		!strings.Contains(page, "sjabloon.xlsx") {
		t.Fatalf("GET form as admin = %d; want the upload form with Voorbeeld on and an organization search field, no list of all:\n%s", resp.StatusCode, page)
	}
	resp, b = ta.doAs(t, "member", "GET", "/contracten/importeren", nil, "")
	if resp.StatusCode != 200 || strings.Contains(string(b), `id="organisatie"`) || !strings.Contains(string(b), "eigen organisatie (GM0363)") {
		t.Errorf("GET form as member = %d; want no organization choice, its own named", resp.StatusCode)
	}

	resp, page = post("admin", contractsCSV, map[string]string{"voorbeeld": "1"})
	if resp.StatusCode != 200 || !strings.Contains(page, "Voorbeeld: er is nog niets opgeslagen") || !strings.Contains(page, "GM0518/B-1") ||
		strings.Contains(page, `value="1" checked`) || ta.contractTotal(t) != 0 {
		t.Fatalf("preview = %d; want the report, nothing stored and the form ready to import for real:\n%s", resp.StatusCode, page)
	}
	resp, page = post("admin", contractsCSV, map[string]string{})
	if resp.StatusCode != 200 || !strings.Contains(page, "Geïmporteerd") || ta.contractTotal(t) != 2 {
		t.Fatalf("import = %d, %d contracts; want both imported:\n%s", resp.StatusCode, ta.contractTotal(t), page)
	}

	resp, page = post("member", contractsCSV, map[string]string{"organisatie": "GM0518"})
	if resp.StatusCode != 422 || !strings.Contains(page, "Er is niets geïmporteerd") || !strings.Contains(page, "<td class=\"num\">3</td><td>Organisatie</td>") {
		t.Errorf("member's file with another organization's row = %d; want 422 naming row 3, column Organisatie:\n%s", resp.StatusCode, page)
	}
	// The organization is searched for, as on every page: a text that
	// names none or several imports nothing and asks again (the file
	// cannot be kept); one that names one imports for it.
	before := ta.contractTotal(t)
	resp, page = post("admin", ownCSV, map[string]string{"organisatie": "Atlantis"})
	if resp.StatusCode != 422 || !strings.Contains(page, "Geen organisatie gevonden bij “Atlantis”") || ta.contractTotal(t) != before {
		t.Errorf("import for an organization named by nothing = %d; want 422 saying so, nothing imported:\n%s", resp.StatusCode, page)
	}
	resp, page = post("admin", ownCSV, map[string]string{"organisatie": "a"})
	if resp.StatusCode != 422 || !strings.Contains(page, "Kies de organisatie en daarna het bestand opnieuw") ||
		!strings.Contains(page, `<input type="radio" name="organisatie" value="GM0096">`) || ta.contractTotal(t) != before ||
		// The search field keeps the text: sent again without a choice,
		// it is refused again, not taken for "from the column".
		!strings.Contains(page, `<input id="organisatie" name="organisatie" type="search" value="a"`) {
		t.Errorf("import for a text several organizations match = %d; want 422 offering them, nothing imported:\n%s", resp.StatusCode, page)
	}
	// The choice among them, sent after the search field of the same
	// name, wins.
	var chosen bytes.Buffer
	w := multipart.NewWriter(&chosen)
	for _, kv := range [][2]string{{"_csrf", ta.as["admin"].csrf}, {"organisatie", "a"}, {"organisatie", "GM1900"}, {"voorbeeld", "1"}} {
		if err := w.WriteField(kv[0], kv[1]); err != nil {
			t.Fatal(err)
		}
	}
	if fw, err := w.CreateFormFile("bestand", "contracten.csv"); err != nil {
		t.Fatal(err)
	} else if _, err := fw.Write([]byte(ownCSV)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("POST", "/contracten/importeren", &chosen)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as["admin"].cookie})
	if resp, page := send(t, ta, req); resp.StatusCode != 200 || !strings.Contains(page, "Voorbeeld: er is nog niets opgeslagen") ||
		!strings.Contains(page, "Súdwest-Fryslân (GM1900)") {
		t.Errorf("preview for the organization chosen among the matches = %d; want the preview for GM1900:\n%s", resp.StatusCode, page)
	}
	resp, page = post("admin", ownCSV, map[string]string{"organisatie": "vlieland"})
	if resp.StatusCode != 200 || !strings.Contains(page, "Geïmporteerd") || !strings.Contains(page, `value="Vlieland (GM0096)"`) ||
		ta.contractTotal(t) == before {
		t.Errorf("import for the one organization a text names = %d, %d contracts; want the file imported for it:\n%s", resp.StatusCode, ta.contractTotal(t), page)
	}
	// Every problem of a bad row reads in Dutch, the accepted values in
	// the template's words; none in the API's English.
	bad := strings.Replace(contractsCSV, "€ 125.000,00", "=SUM(K1:K9)", 1)
	bad = strings.Replace(bad, ";geen;", ";soms;", 1)
	bad = strings.Replace(bad, "27124701", "2712470", 1)
	resp, page = post("admin", bad, map[string]string{})
	for _, want := range []string{
		"<td class=\"num\">2</td><td>Jaarwaarde</td><td>‘=SUM(K1:K9)’ lijkt een formule. Formules worden niet uitgerekend: vul de waarde zelf in.</td>",
		"<td class=\"num\">2</td><td>KvK-nummer</td><td>‘2712470’ is geen KvK-nummer van 8 cijfers.",
		"<td class=\"num\">3</td><td>Verlenging</td><td>‘soms’ is geen van deze waarden: geen, stilzwijgend, optie of onbepaalde tijd.</td>",
	} {
		if resp.StatusCode != 422 || !strings.Contains(page, want) {
			t.Errorf("bad rows = %d; want 422 and the row problem %q:\n%s", resp.StatusCode, want, page)
		}
	}
	for _, english := range []string{"is not one of", "looks like a formula", "must be 8 digits"} {
		if strings.Contains(page, english) {
			t.Errorf("the import page says %q in English", english)
		}
	}
	resp, page = post("admin", "", map[string]string{})
	if resp.StatusCode != 422 || !strings.Contains(page, "Kies een bestand") {
		t.Errorf("upload without a file = %d; want 422 asking for one", resp.StatusCode)
	}
	resp, page = post("admin", "Organisatie;Omschrijving\nGM0363;x\n", map[string]string{})
	if resp.StatusCode != 422 || !strings.Contains(page, "Contractnummer") {
		t.Errorf("upload without a required column = %d; want 422 naming the column", resp.StatusCode)
	}

	// Without the form's token nothing happens.
	body, ct := uploadForm(t, "wrong", contractsCSV, map[string]string{})
	req = httptest.NewRequest("POST", "/contracten/importeren", body)
	req.Header.Set("Content-Type", ct)
	req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as["admin"].cookie})
	if resp, _ := send(t, ta, req); resp.StatusCode != 403 {
		t.Errorf("upload with a wrong CSRF token = %d, want 403", resp.StatusCode)
	}
}
