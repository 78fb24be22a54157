package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// tenderExportRows are the access-matrix rows of the tender's downloads:
// whoever may read the tender may download it (tender_downloads.go).
var tenderExportRows = func() []accessRow {
	//                     nobody admin coord member fin  mgmt fin-all mgmt-all
	all := statuses{401, 200, 200, 200, 200, 200, 200, 200}
	page := statuses{303, 200, 200, 200, 200, 200, 200, 200} // nobody goes to the login page
	return []accessRow{
		{"API: every role downloads a tender's dossier as XLSX (issue 7)", "GET", "/api/v1/tenders/{tender}/dossier.xlsx", "", "", all},
		{"API: every role downloads a tender's dossier as PDF (issue 7)", "GET", "/api/v1/tenders/{tender}/dossier.pdf", "", "", all},
		{"API: every role downloads a tender's OCDS release (issue 7)", "GET", "/api/v1/tenders/{tender}/ocds", "", "", all},
		{"UI: every role downloads the dossier as XLSX from the tender page", "GET", "/aanbestedingen/{tender}/dossier.xlsx", "", "", page},
		{"UI: every role downloads the dossier as PDF from the tender page", "GET", "/aanbestedingen/{tender}/dossier.pdf", "", "", page},
		{"UI: every role downloads the OCDS release from the tender page", "GET", "/aanbestedingen/{tender}/ocds.json", "", "", page},
	}
}()

func init() { areaAccessRows = append(areaAccessRows, tenderExportRows...) }

// TestTenderExportAccessMatrix drives the rows on one app: downloads
// change nothing, so the callers can share the seeded tender.
func TestTenderExportAccessMatrix(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	for _, row := range tenderExportRows {
		t.Run(row.name(), func(t *testing.T) {
			for i, who := range matrixWho {
				checkAccess(t, ta, tenderRoute(row, f), who, row.want[i])
			}
		})
	}
}

// seedCurrentContract gives 's-Gravenhage (other) a current contract in
// the tender's category, which only callers scoped to all organizations
// may see in the dossier.
func seedCurrentContract(t *testing.T, ta testApp, f tenderFixture) {
	t.Helper()
	_, err := ta.svc.CreateContract(context.Background(), contracts.Everyone(), contracts.Contract{Organization: other, Number: "DH-MOB-2024",
		Title: "Mobiele telefonie", VendorID: f.Vendor, CategoryID: f.Category, Start: contracts.NewDate(2024, 1, 1),
		InitialTermMonths: 36, RenewalKind: contracts.RenewalNone, AnnualValue: 123_456, Status: contracts.StatusActive}, nil)
	if err != nil {
		t.Fatal(err)
	}
}

// TestTenderExportDownloads checks each download's type, its Dutch file
// name, that the file is what it says, and that the dossier shows
// another organization's current contract only to a caller whose scope
// holds it.
func TestTenderExportDownloads(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	seedCurrentContract(t, ta, f)
	base := fmt.Sprintf("/api/v1/tenders/%d", f.Tender)
	currentNumbers := func(t *testing.T, body []byte) string {
		t.Helper()
		wb, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		defer wb.Close()
		if title, _ := wb.GetCellValue("Samenvatting", "B3"); title != "Mobiele telefonie 2027" {
			t.Errorf("Samenvatting!B3 = %q, want the tender's title", title)
		}
		cols, err := wb.GetCols("Huidige contracten")
		if err != nil || len(cols) < 3 {
			t.Fatalf("Huidige contracten: %v", err)
		}
		return strings.Join(cols[2], " ")
	}
	tests := []struct {
		name, who, path, contentType, file string
		check                              func(t *testing.T, body []byte)
	}{
		{"dossier workbook with every current contract for the admin", "admin", base + "/dossier.xlsx", xlsxMediaType,
			"aanbestedingsdossier-mobiele-telefonie-2027.xlsx", func(t *testing.T, body []byte) {
				if got := currentNumbers(t, body); !strings.Contains(got, "DH-MOB-2024") {
					t.Errorf("Huidige contracten holds %q, want 's-Gravenhage's DH-MOB-2024", got)
				}
			}},
		{"dossier workbook without another organization's contract for a scoped member", "member", base + "/dossier.xlsx", xlsxMediaType,
			"aanbestedingsdossier-mobiele-telefonie-2027.xlsx", func(t *testing.T, body []byte) {
				if got := currentNumbers(t, body); strings.Contains(got, "DH-MOB-2024") {
					t.Errorf("a member scoped to %s sees %q, another organization's contract", own, got)
				}
			}},
		{"dossier PDF", "coordinator", base + "/dossier.pdf", "application/pdf", "aanbestedingsdossier-mobiele-telefonie-2027.pdf",
			func(t *testing.T, body []byte) {
				if !bytes.HasPrefix(body, []byte("%PDF-")) {
					t.Errorf("body starts %q, want a PDF", body[:min(len(body), 10)])
				}
			}},
		{"OCDS release package", "management", base + "/ocds", "application/json; charset=utf-8", "ocds-mobiele-telefonie-2027.json",
			func(t *testing.T, body []byte) {
				var pkg struct {
					URI      string `json:"uri"`
					Releases []struct {
						OCID string `json:"ocid"`
					} `json:"releases"`
				}
				if err := json.Unmarshal(body, &pkg); err != nil || len(pkg.Releases) != 1 {
					t.Fatalf("package %s: %v", body[:min(len(body), 80)], err)
				}
				if want := fmt.Sprintf("ocds-samenkoop-%d", f.Tender); pkg.Releases[0].OCID != want {
					t.Errorf("ocid = %q, want %q (the default prefix)", pkg.Releases[0].OCID, want)
				}
				if !strings.HasSuffix(pkg.URI, base+"/ocds") || !strings.HasPrefix(pkg.URI, "http") {
					t.Errorf("package uri = %q, want the address it was served from", pkg.URI)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, http.MethodGet, tt.path, nil, "")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s as %s = %d (%s)", tt.path, tt.who, resp.StatusCode, firstLine(body))
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", ct, tt.contentType)
			}
			if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="`+tt.file+`"`) || !strings.Contains(cd, "filename*=UTF-8''") {
				t.Errorf("Content-Disposition = %q, want an attachment named %s", cd, tt.file)
			}
			tt.check(t, body)
		})
	}
}

// TestTenderPageDownloads: the tender page links its three downloads, and
// each link gives the file the API gives.
func TestTenderPageDownloads(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	page := fmt.Sprintf("/aanbestedingen/%d", f.Tender)
	resp, body := ta.doAs(t, "member", http.MethodGet, page, nil, "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", page, resp.StatusCode)
	}
	downloads := []struct{ link, contentType, file string }{
		{page + "/dossier.pdf", "application/pdf", "aanbestedingsdossier-mobiele-telefonie-2027.pdf"},
		{page + "/dossier.xlsx", xlsxMediaType, "aanbestedingsdossier-mobiele-telefonie-2027.xlsx"},
		{page + "/ocds.json", "application/json; charset=utf-8", "ocds-mobiele-telefonie-2027.json"},
	}
	for _, d := range downloads {
		if !strings.Contains(string(body), `href="`+d.link+`" download>`) {
			t.Errorf("the tender page has no download link to %s", d.link)
		}
		resp, file := ta.doAs(t, "member", http.MethodGet, d.link, nil, "")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != d.contentType ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), `attachment; filename="`+d.file+`"`) || len(file) == 0 {
			t.Errorf("GET %s = %d, %q, %q, %d bytes; want 200 with %s named %s", d.link, resp.StatusCode,
				resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), len(file), d.contentType, d.file)
		}
	}
	resp, _ = ta.doAs(t, "member", http.MethodGet, "/aanbestedingen/999/dossier.pdf", nil, "")
	if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("an unknown tender's dossier = %d %q, want the 404 page", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

// TestTenderExportUnknownTender: an unknown tender answers 404 as
// problem+json, before any file is begun.
func TestTenderExportUnknownTender(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	for _, path := range []string{"/api/v1/tenders/999/dossier.xlsx", "/api/v1/tenders/999/dossier.pdf", "/api/v1/tenders/999/ocds"} {
		resp, body := ta.doAs(t, "admin", http.MethodGet, path, nil, "")
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
			continue
		}
		if p := decodeProblem(t, resp, body); p.Status != http.StatusNotFound {
			t.Errorf("GET %s: problem status %d, want 404", path, p.Status)
		}
		if cd := resp.Header.Get("Content-Disposition"); cd != "" {
			t.Errorf("GET %s: a 404 with Content-Disposition %q", path, cd)
		}
	}
}

// TestTenderOCDSRelease: the OCDS download is one release per content.
// Downloaded again later, through the API or the tender page, an
// unchanged tender is the same release (id and date); a change makes a
// new release dated when it was first downloaded. The lead authority is
// the release's buyer, and an unknown value is left out, not €0.
func TestTenderOCDSRelease(t *testing.T) {
	t.Parallel()
	now := fixedNow()
	ta := newTestAppAt(t, func() time.Time { return now }, sampleOrgs()...)
	f := seedTender(t, ta)
	type release struct {
		ID    string `json:"id"`
		Date  string `json:"date"`
		Buyer struct {
			ID string `json:"id"`
		} `json:"buyer"`
		Tender struct {
			Value *struct {
				Amount json.Number `json:"amount"`
			} `json:"value"`
			Lots []struct {
				Value *struct {
					Amount json.Number `json:"amount"`
				} `json:"value"`
			} `json:"lots"`
		} `json:"tender"`
	}
	get := func(who, path string) release {
		t.Helper()
		resp, body := ta.doAs(t, who, http.MethodGet, path, nil, "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s = %d (%s)", path, resp.StatusCode, firstLine(body))
		}
		var pkg struct {
			Releases []release `json:"releases"`
		}
		if err := json.Unmarshal(body, &pkg); err != nil || len(pkg.Releases) != 1 {
			t.Fatalf("GET %s: package %s: %v", path, firstLine(body), err)
		}
		return pkg.Releases[0]
	}
	api := fmt.Sprintf("/api/v1/tenders/%d/ocds", f.Tender)
	page := fmt.Sprintf("/aanbestedingen/%d/ocds.json", f.Tender)

	first := get("admin", api)
	if first.Date != "2026-11-22T09:00:00Z" {
		t.Errorf("first download: release date %s, want the moment it was first recorded, 2026-11-22T09:00:00Z", first.Date)
	}
	if first.Buyer.ID != own {
		t.Errorf("release buyer %q, want the lead authority %s", first.Buyer.ID, own)
	}
	if first.Tender.Value == nil || len(first.Tender.Lots) != 1 || first.Tender.Lots[0].Value == nil {
		t.Errorf("every volume is valued by the lot's unit price: want the tender's and the lot's value, got %+v", first.Tender)
	}

	now = now.Add(2 * time.Hour)
	if again := get("member", page); again.ID != first.ID || again.Date != first.Date {
		t.Errorf("unchanged tender two hours later from the tender page: release %s of %s, want %s of %s", again.ID, again.Date, first.ID, first.Date)
	}

	// A lot without a volume leaves its value, and the tender's, unknown.
	if _, err := ta.procurement.AddLot(context.Background(), procurement.Lot{TenderID: f.Tender, Title: "Vaste telefonie", Unit: "aansluitingen"}); err != nil {
		t.Fatal(err)
	}
	changed := get("admin", api)
	if changed.ID == first.ID || changed.Date != "2026-11-22T11:00:00Z" {
		t.Errorf("after adding a lot: release %s of %s, want a new release dated 2026-11-22T11:00:00Z", changed.ID, changed.Date)
	}
	if changed.Tender.Value != nil || len(changed.Tender.Lots) != 2 || changed.Tender.Lots[1].Value != nil || changed.Tender.Lots[0].Value == nil {
		t.Errorf("after adding a lot nobody has a volume in: tender value %v, lots %+v; want the tender's and the new lot's value left out", changed.Tender.Value, changed.Tender.Lots)
	}
	now = now.Add(time.Hour)
	if again := get("admin", api); again.ID != changed.ID || again.Date != changed.Date {
		t.Errorf("the changed tender downloaded again: release %s of %s, want %s of %s", again.ID, again.Date, changed.ID, changed.Date)
	}
}
