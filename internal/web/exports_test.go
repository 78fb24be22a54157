package web_test

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// exportAccessRows are the access-matrix rows of the export downloads
// (DESIGN §6, issue 7): the roles that read what an export holds may
// download it, scoped users only their own organization.
var exportAccessRows = func() []accessRow {
	//                nobody admin coord member fin  mgmt fin-all mgmt-all
	all := statuses{401, 200, 200, 200, 200, 200, 200, 200}
	spend := statuses{401, 200, 200, 403, 200, 200, 200, 200}
	return []accessRow{
		{"API: every role that reads dependency exports it; scoped users their own organization (issue 7)", "GET", "/api/v1/exports/dependency", "", "", all},
		{"API: the spend workbook is for finance, management, admin and coordinator (issue 7)", "GET", "/api/v1/exports/spend", "", "", spend},
		{"API: every role exports the contracts in its scope (issue 7)", "GET", "/api/v1/exports/contracts", "", "", all},
		{"UI: the cooperative's dependency report, users scoped to all (issue 7)", "GET", "/afhankelijkheid/samenwerking/rapport", "", "",
			statuses{303, 200, 200, 403, 403, 403, 200, 200}},
		{"UI: an organization's dependency report, own (issue 7)", "GET", "/afhankelijkheid/{code}/rapport", own, "",
			statuses{303, 200, 200, 200, 200, 200, 200, 200}},
		{"UI: an organization's dependency report, other (issue 7)", "GET", "/afhankelijkheid/{code}/rapport", other, "",
			statuses{303, 200, 200, 403, 403, 403, 200, 200}},
		{"UI: the spend workbook (issue 7)", "GET", "/uitgaven/werkmap", "", "", statuses{303, 200, 200, 403, 200, 200, 200, 200}},
	}
}()

// xlsxMediaType is the media type of a workbook download.
const xlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func init() { areaAccessRows = append(areaAccessRows, exportAccessRows...) }

// TestExportAccessMatrix sends every export route as every test user and
// nobody over a seeded register.
func TestExportAccessMatrix(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	seedRegister(t, ta)
	for _, row := range exportAccessRows {
		t.Run(row.name(), func(t *testing.T) {
			for i, who := range matrixWho {
				checkAccess(t, ta, row, who, row.want[i])
			}
		})
	}
}

// TestExportScope names organizations in the query: a scoped user gets
// 403 for another organization and for the cooperative as a whole.
func TestExportScope(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	seedRegister(t, ta)
	tests := []struct {
		name, who, path string
		want            int
	}{
		{"a member exports its own organization's dependency", "member", "/api/v1/exports/dependency?organization=" + own, 200},
		{"a member cannot export another organization's dependency (DESIGN §6)", "member", "/api/v1/exports/dependency?organization=" + other, 403},
		{"finance scoped to one organization cannot export another's spend", "finance", "/api/v1/exports/spend?organization=" + other, 403},
		{"finance for all organizations exports any organization's spend", "finance-all", "/api/v1/exports/spend?organization=" + other, 200},
		{"management scoped to one organization cannot export another's contracts", "management", "/api/v1/exports/contracts?organization=" + other, 403},
		{"a coordinator exports the cooperative's dependency report", "coordinator", "/api/v1/exports/dependency?format=xlsx", 200},
		{"an unknown organization is 404", "admin", "/api/v1/exports/dependency?organization=GM9999", 404},
		{"an unknown format is 422", "admin", "/api/v1/exports/contracts?format=ods", 422},
		{"a bad date filter is 422", "admin", "/api/v1/exports/contracts?endsBefore=morgen", 422},
		{"UI: management scoped to one organization cannot open the cooperative's report", "management", "/afhankelijkheid/samenwerking/rapport", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, http.MethodGet, tt.path, nil, "")
			if resp.StatusCode != tt.want {
				t.Errorf("GET %s as %s = %d, want %d (%s)", tt.path, tt.who, resp.StatusCode, tt.want, firstLine(body))
			}
		})
	}
}

// TestExportDownloads checks the type, the Dutch file name and that each
// file opens as what it says it is.
func TestExportDownloads(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	seedRegister(t, ta)
	year := ta.svc.Today().Year()
	tests := []struct {
		path, contentType, file string
	}{
		{"/api/v1/exports/dependency?organization=" + other, "application/pdf", "afhankelijkheid-'s-gravenhage-%d.pdf"},
		{"/api/v1/exports/dependency?organization=" + other + "&format=xlsx", xlsxMediaType, "afhankelijkheid-'s-gravenhage-%d.xlsx"},
		{"/api/v1/exports/dependency", "application/pdf", "afhankelijkheid-samenwerking-%d.pdf"},
		{"/api/v1/exports/spend?organization=" + own, xlsxMediaType, "uitgaven-amsterdam-%d"},
		{"/api/v1/exports/contracts", xlsxMediaType, "contracten-"},
		{"/api/v1/exports/contracts?format=csv&status=active", "text/csv; charset=utf-8", "contracten-"},
		{"/afhankelijkheid/" + own + "/rapport?formaat=xlsx", xlsxMediaType, "afhankelijkheid-amsterdam-%d.xlsx"},
		{"/uitgaven/werkmap", xlsxMediaType, "uitgaven-alle-organisaties-%d"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := ta.doAs(t, "admin", http.MethodGet, tt.path, nil, "")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d (%s)", tt.path, resp.StatusCode, firstLine(body))
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", ct, tt.contentType)
			}
			cd := resp.Header.Get("Content-Disposition")
			file := tt.file
			if strings.Contains(file, "%d") {
				file = strings.ReplaceAll(file, "%d", strconv.Itoa(year))
			}
			if !strings.HasPrefix(cd, `attachment; filename="`+file) || !strings.Contains(cd, "filename*=UTF-8''") {
				t.Errorf("Content-Disposition = %q, want an attachment named %s…", cd, file)
			}
			switch {
			case strings.Contains(tt.contentType, "pdf"):
				if !bytes.HasPrefix(body, []byte("%PDF-")) {
					t.Errorf("body starts %q, want a PDF", body[:min(len(body), 10)])
				}
			case strings.Contains(tt.contentType, "csv"):
				if !bytes.HasPrefix(body, []byte("\uFEFFOrganisatie;")) {
					t.Errorf("body starts %q, want a CSV with BOM", body[:min(len(body), 20)])
				}
			default:
				f, err := excelize.OpenReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("the workbook does not open: %v", err)
				}
				f.Close()
			}
		})
	}
}

// TestExportButtons: the dependency and finance pages link to their
// downloads.
func TestExportButtons(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	seedRegister(t, ta)
	tests := []struct{ path, want string }{
		{"/afhankelijkheid/" + own, `href="/afhankelijkheid/` + own + `/rapport?formaat=pdf&amp;jaar=`},
		{"/afhankelijkheid/" + own, `/rapport?formaat=xlsx&amp;jaar=`},
		{"/afhankelijkheid/samenwerking", `href="/afhankelijkheid/samenwerking/rapport?formaat=pdf&amp;jaar=`},
		{"/uitgaven?organisatie=" + own, `href="/uitgaven/werkmap?jaar=`},
	}
	for _, tt := range tests {
		resp, body := ta.doAs(t, "admin", http.MethodGet, tt.path, nil, "")
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), tt.want) {
			t.Errorf("GET %s = %d, want a page with %s", tt.path, resp.StatusCode, tt.want)
		}
	}
}
