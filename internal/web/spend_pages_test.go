package web_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// xssName is the name of an organization and a vendor in the page tests:
// it must reach the pages, the charts included, only escaped.
const xssName = "<script>alert(1)</script>"

// seedSpendPages is seedSpend (spend_test.go) plus an organization and a
// vendor named xssName, with a contract between them in Werkplek.
func seedSpendPages(t *testing.T) (testApp, spendFixture, int64) {
	t.Helper()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedSpend(t, ta)
	ctx := context.Background()
	if err := ta.svc.CreateOrganization(ctx, contracts.Organization{Code: "GM0999", Name: xssName, Kind: contracts.KindMunicipality,
		Population: 30000, PopulationDate: contracts.NewDate(2025, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	v, err := ta.svc.CreateVendor(ctx, contracts.Vendor{Name: xssName})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ta.svc.CreateContract(ctx, contracts.Everyone(), contracts.Contract{Organization: "GM0999", Number: "X1", Title: "Contract X1", VendorID: v, CategoryID: f.werkplek,
		Start: contracts.NewDate(2026, 1, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalNone, AnnualValue: 500_000,
		Status: contracts.StatusActive}, nil); err != nil {
		t.Fatal(err)
	}
	return ta, f, v
}

// checkPage fails on a response that is not a whole Dutch page.
func checkPage(t *testing.T, path string, body []byte, wantContains ...string) {
	t.Helper()
	s := string(body)
	if !strings.Contains(s, `<html lang="nl">`) || !strings.Contains(s, "</html>") {
		t.Errorf("GET %s: not a whole page:\n%s", path, s)
	}
	for _, bad := range []string{"template:", "<no value>", "executing", "%!"} {
		if strings.Contains(s, bad) {
			t.Errorf("GET %s: page contains %q (a template error)", path, bad)
		}
	}
	for _, w := range wantContains {
		if !strings.Contains(s, w) {
			t.Errorf("GET %s: page lacks %q", path, w)
		}
	}
}

func TestSpendPagesAccess(t *testing.T) {
	ta, f, _ := seedSpendPages(t)
	group := fmt.Sprintf("/leveranciers/%d", f.polderGroup)
	tests := []struct {
		name         string
		who, path    string
		wantStatus   int
		wantContains []string
	}{
		{"spend for all, by vendor group", "finance-all", "/uitgaven", 200, []string{"Uitgaven 2026", "Polder Groep B.V.", "Prognose", "CBS", "J62", "GIBIT art. 11.8"}},
		{"spend by category", "admin", "/uitgaven?per=categorie&jaar=2026", 200, []string{"Telefonie", "Werkplek", "Categorie"}},
		{"spend of one organization: too few peers to compare without giving them away", "coordinator", "/uitgaven?organisatie=GM0363", 200, []string{"Amsterdam", "minder dan 5 vergelijkbare organisaties", "Per inwoner"}},
		{"spend, scoped finance gets its own", "finance", "/uitgaven?per=organisatie", 200, []string{"Amsterdam", "eigen organisatie", "minder dan 5 vergelijkbare organisaties"}},
		{"spend, scoped management asks another: 403", "management", "/uitgaven?organisatie=GM0518", 403, nil},
		{"spend, member: 403", "member", "/uitgaven", 403, nil},
		{"spend, bad year and grouping: notices", "finance-all", "/uitgaven?jaar=1999&per=x", 200, []string{"Onbekend jaar genegeerd", "Onbekende indeling genegeerd"}},
		{"spend, nobody: login", "", "/uitgaven", 303, nil},
		{"chooser for all", "admin", "/afhankelijkheid", 200, []string{"Kies een organisatie", `<input id="organisatie" name="organisatie" type="search"`, "/afhankelijkheid/samenwerking"}},
		{"chooser leads to the organization", "management-all", "/afhankelijkheid?organisatie=GM0518&jaar=2026", 303, nil},
		{"chooser finds the organization by name", "management-all", "/afhankelijkheid?organisatie=amsterdam&jaar=2026", 303, nil},
		{"own dependency for a scoped member", "member", "/afhankelijkheid", 200, []string{"Afhankelijkheid van Amsterdam", "HHI"}},
		{"dependency, own organization", "member", "/afhankelijkheid/GM0363", 200, []string{"Afhankelijkheid van Amsterdam, 2026", "HHI", "Onder 1.000: niet geconcentreerd",
			"1.500", "2.500", "geen exitplan (GIBIT art. 26): +20", "Exitgereedheid", "/contracten/"}},
		{"dependency, other organization: 403", "member", "/afhankelijkheid/GM0518", 403, nil},
		{"dependency, finance-all any organization", "finance-all", "/afhankelijkheid/GM0518", 200, []string{"Afhankelijkheid van &#39;s-Gravenhage"}},
		{"dependency, unknown organization: 404", "admin", "/afhankelijkheid/GM9999", 404, nil},
		{"dependency, nobody: login", "", "/afhankelijkheid/GM0363", 303, nil},
		{"cooperative overview", "management-all", "/afhankelijkheid/samenwerking", 200, []string{"Categorieën, meest geconcentreerd eerst", "Grootste bereik", "Telefonie"}},
		{"cooperative overview, scoped finance: the aggregates, its own report", "finance", "/afhankelijkheid/samenwerking", 200,
			[]string{"Categorieën, meest geconcentreerd eerst", "noemt geen andere organisatie", "/afhankelijkheid/GM0363/rapport?formaat=pdf"}},
		{"cooperative overview, member: 403 on a page saying who may see it", "member", "/afhankelijkheid/samenwerking", 403, nil},
		{"cooperative overview, nobody: login", "", "/afhankelijkheid/samenwerking", 303, nil},
		{"vendor page shows the group's reach", "admin", group, 200, []string{"Bereik van Polder Groep B.V. in 2026", "Telefonie"}},
		{"vendor page of a subsidiary shows the group's reach", "coordinator", fmt.Sprintf("/leveranciers/%d", f.polderTelecom), 200, []string{"Bereik van Polder Groep B.V.", "hele groep"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("GET %s as %q = %d, want %d:\n%s", tt.path, tt.who, resp.StatusCode, tt.wantStatus, body)
			}
			if tt.wantStatus == 200 || tt.wantStatus == 403 {
				checkPage(t, tt.path, body, tt.wantContains...)
			}
		})
	}
	// A scoped user sees no reach: it covers every organization.
	_, body := ta.doAs(t, "finance", "GET", group, nil, "")
	if strings.Contains(string(body), "Bereik van") {
		t.Errorf("GET %s as a scoped user shows the reach", group)
	}
}

var svgRE = regexp.MustCompile(`(?s)<svg[^>]*>.*?</svg>`)

func TestSpendPagesCharts(t *testing.T) {
	ta, _, x := seedSpendPages(t)
	for _, path := range []string{
		"/uitgaven?per=organisatie", "/uitgaven?per=leverancier", "/uitgaven?organisatie=GM0999",
		"/afhankelijkheid/GM0999", "/afhankelijkheid/samenwerking", fmt.Sprintf("/leveranciers/%d", x),
	} {
		t.Run(path, func(t *testing.T) {
			resp, body := ta.doAs(t, "admin", "GET", path, nil, "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d, want 200:\n%s", path, resp.StatusCode, body)
			}
			s := string(body)
			if strings.Contains(s, xssName) {
				t.Errorf("GET %s: %s appears unescaped", path, xssName)
			}
			if !strings.Contains(s, "&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Errorf("GET %s: the escaped name is missing", path)
			}
			for _, svg := range svgRE.FindAllString(s, -1) {
				for _, want := range []string{`role="img"`, `aria-labelledby="`, "<title id=", "<desc id=", "<rect", `class="chart__value"`} {
					if !strings.Contains(svg, want) {
						t.Errorf("GET %s: chart lacks %s:\n%s", path, want, svg)
					}
				}
				for _, bad := range []string{"style=", "<script", "on"} {
					if bad == "on" {
						if regexp.MustCompile(`\son[a-z]+=`).MatchString(svg) {
							t.Errorf("GET %s: chart has an event handler attribute", path)
						}
						continue
					}
					if strings.Contains(svg, bad) {
						t.Errorf("GET %s: chart contains %q", path, bad)
					}
				}
			}
		})
	}
	// The pages with spend show at least one chart.
	for _, path := range []string{"/uitgaven", "/afhankelijkheid/GM0363", "/afhankelijkheid/samenwerking"} {
		_, body := ta.doAs(t, "admin", "GET", path, nil, "")
		if !svgRE.Match(body) {
			t.Errorf("GET %s: no chart", path)
		}
	}
}

// TestSpendPagesEqualAPI compares the figures on the pages with the API's
// answers, formatted the way the pages format them.
func TestSpendPagesEqualAPI(t *testing.T) {
	ta, _, _ := seedSpendPages(t)
	money := func(cents int64) string { return nl.Money(contracts.Money(cents)) }

	t.Run("spend", func(t *testing.T) {
		tests := []struct{ who, page, api string }{
			{"finance-all", "/uitgaven?jaar=2026&per=leveranciersgroep", "/api/v1/spend?year=2026&groupBy=vendorGroup"},
			{"finance-all", "/uitgaven?jaar=2026&per=organisatie", "/api/v1/spend?year=2026&groupBy=organization"},
			{"admin", "/uitgaven?jaar=2027&per=categorie", "/api/v1/spend?year=2027&groupBy=category"},
			{"finance", "/uitgaven?jaar=2026&per=leverancier", "/api/v1/spend?year=2026&groupBy=vendor"},
			{"management", "/uitgaven?jaar=2026", "/api/v1/spend?year=2026"},
		}
		for _, tt := range tests {
			var rep spendResult
			getJSON(t, ta, tt.who, tt.api, 200, &rep)
			_, body := ta.doAs(t, tt.who, "GET", tt.page, nil, "")
			s := string(body)
			if want := `<strong class="spend-total">` + money(rep.Total) + `</strong>`; !strings.Contains(s, want) {
				t.Errorf("GET %s as %s: total %q of %s missing", tt.page, tt.who, want, tt.api)
			}
			// Contract and licence spend apart (issue 17): the parts add up,
			// and the page shows both.
			if rep.ContractSpend+rep.LicenceSpend != rep.Total {
				t.Errorf("GET %s: contract spend %d + licence spend %d != total %d", tt.api, rep.ContractSpend, rep.LicenceSpend, rep.Total)
			}
			for _, want := range []string{`<dd class="spend-contract">` + money(rep.ContractSpend) + ` `, `<dd class="spend-licence">` + money(rep.LicenceSpend) + ` `} {
				if !strings.Contains(s, want) {
					t.Errorf("GET %s as %s: %q missing", tt.page, tt.who, want)
				}
			}
			if rep.PerInhabitant != nil && !strings.Contains(s, money(*rep.PerInhabitant)) {
				t.Errorf("GET %s: per inhabitant %s missing", tt.page, money(*rep.PerInhabitant))
			}
			for _, r := range rep.Rows {
				want := `<td class="num">` + money(r.Amount) + `</td>
        <td class="num">` + money(r.ContractSpend) + `</td>
        <td class="num">` + money(r.LicenceSpend) + `</td>`
				if !strings.Contains(s, want) || r.ContractSpend+r.LicenceSpend != r.Amount {
					t.Errorf("GET %s: row %s: %q missing, or its parts %d + %d do not add up to %d", tt.page, r.Label, want, r.ContractSpend, r.LicenceSpend, r.Amount)
				}
			}
		}
	})

	t.Run("forecast", func(t *testing.T) {
		var fc struct {
			Years []struct {
				Year   int   `json:"year"`
				Amount int64 `json:"amount"`
			} `json:"years"`
		}
		getJSON(t, ta, "finance", "/api/v1/spend/forecast", 200, &fc)
		_, body := ta.doAs(t, "finance", "GET", "/uitgaven", nil, "")
		for _, y := range fc.Years {
			if want := fmt.Sprintf(`<th scope="row">%d</th><td class="num">%s</td>`, y.Year, money(y.Amount)); !strings.Contains(string(body), want) {
				t.Errorf("GET /uitgaven: forecast %q missing", want)
			}
		}
	})

	t.Run("dependency", func(t *testing.T) {
		for _, code := range []string{"GM0363", "GM0518", "GM0096"} {
			var dep struct {
				Concentration struct {
					HHI int `json:"hhi"`
					CR1 int `json:"cr1"`
					CR3 int `json:"cr3"`
				} `json:"concentration"`
				Vendors []struct {
					Amount int64 `json:"amount"`
				} `json:"vendors"`
				LockIn []struct {
					Score int `json:"score"`
				} `json:"lockIn"`
				Exit struct {
					BasisPoints int `json:"basisPoints"`
				} `json:"exitReadiness"`
			}
			getJSON(t, ta, "admin", "/api/v1/organizations/"+code+"/dependency?year=2026", 200, &dep)
			path := "/afhankelijkheid/" + code + "?jaar=2026"
			_, body := ta.doAs(t, "admin", "GET", path, nil, "")
			s := string(body)
			wants := []string{
				`<strong class="hhi">` + nl.Number(dep.Concentration.HHI) + `</strong>`,
				`<dt>Grootste leverancier (CR1)</dt><dd>` + nl.Percent(dep.Concentration.CR1) + `</dd>`,
				`<dt>Drie grootste (CR3)</dt><dd>` + nl.Percent(dep.Concentration.CR3) + `</dd>`,
				`<strong class="exit-share">` + nl.Percent(dep.Exit.BasisPoints) + `</strong>`,
			}
			for _, v := range dep.Vendors {
				wants = append(wants, `<td class="num">`+money(v.Amount)+`</td>`)
			}
			for _, l := range dep.LockIn {
				wants = append(wants, fmt.Sprintf(`<td class="num"><strong>%d</strong></td>`, l.Score))
			}
			for _, w := range wants {
				if !strings.Contains(s, w) {
					t.Errorf("GET %s: %q missing (API %+v)", path, w, dep)
				}
			}
		}
	})

	t.Run("cooperative overview", func(t *testing.T) {
		var cc struct {
			Categories []struct {
				Name          string `json:"name"`
				Concentration struct {
					HHI int `json:"hhi"`
				} `json:"concentration"`
			} `json:"categories"`
			Reach []struct {
				GroupName     string `json:"groupName"`
				Organizations int    `json:"organizations"`
			} `json:"reach"`
		}
		getJSON(t, ta, "admin", "/api/v1/concentration?year=2026", 200, &cc)
		_, body := ta.doAs(t, "admin", "GET", "/afhankelijkheid/samenwerking?jaar=2026", nil, "")
		s := string(body)
		if len(cc.Categories) < 2 || len(cc.Reach) == 0 {
			t.Fatalf("fixture too small: %+v", cc)
		}
		// The categories appear in the API's order (highest HHI first),
		// each with its HHI.
		at := 0
		for _, c := range cc.Categories {
			row := fmt.Sprintf(`<th scope="row">%s</th>
        <td class="num"><strong>%s</strong></td>`, c.Name, nl.Number(c.Concentration.HHI))
			i := strings.Index(s[at:], row)
			if i < 0 {
				t.Fatalf("category %s with HHI %d missing or out of order", c.Name, c.Concentration.HHI)
			}
			at += i + len(row)
		}
		want := `Grootste bereik: <strong><a href="/leveranciers/`
		if i := strings.Index(s, want); i < 0 || !strings.Contains(s[i:i+300], cc.Reach[0].GroupName) {
			t.Errorf("the largest reach (%s) is not named first", cc.Reach[0].GroupName)
		}
	})
}

// spendPageAccessRows are the access-matrix rows of the finance and
// dependency pages (ui/routes.go, mirroring api/routes.go):
// spend for finance, management, administrators and coordinators, not
// members; an organization's dependency also for members, each scoped
// user on its own organization only; the cooperative overview only for
// those roles when scoped to all (a scoped finance or management user
// gets 403 from the service).
var spendPageAccessRows = []accessRow{
	//                                                                                                     nobody admin coord member fin  mgmt fin-all mgmt-all
	{"UI: spend for finance, management, admin, coordinator (issue 6)", "GET", "/uitgaven", "", "", statuses{303, 200, 200, 403, 200, 200, 200, 200}},
	{"UI: dependency chooser, or a scoped user's own (issue 6)", "GET", "/afhankelijkheid", "", "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: cooperative overview, aggregates only: spend readers, scoped ones too; a member gets a page saying who may (issue 17)", "GET", "/afhankelijkheid/samenwerking", "", "", statuses{303, 200, 200, 403, 200, 200, 200, 200}},
	{"UI: an organization's dependency, own (issue 6)", "GET", "/afhankelijkheid/{code}", own, "", statuses{303, 200, 200, 200, 200, 200, 200, 200}},
	{"UI: an organization's dependency, other (issue 6)", "GET", "/afhankelijkheid/{code}", other, "", statuses{303, 200, 200, 403, 403, 403, 200, 200}},
}

func TestSpendPagesAccessMatrix(t *testing.T) {
	t.Parallel()
	// Empty, as the access matrix runs it, and with spend.
	empty, seeded := newTestApp(t, sampleOrgs()...), newTestApp(t, sampleOrgs()...)
	seedSpend(t, seeded)
	for _, row := range spendPageAccessRows {
		t.Run(row.name(), func(t *testing.T) {
			for _, ta := range []testApp{empty, seeded} {
				for i, who := range matrixWho {
					checkAccess(t, ta, row, who, row.want[i])
				}
			}
		})
	}
}

// TestSpendOrganizationPicker: /uitgaven, /licenties and the dependency
// chooser (/afhankelijkheid) choose their organization by a search field, not from a list of every organization
// (issue 15): a name
// that names one shows that organization's spend, one that names several
// offers them as links, one that names none says so and shows all.
func TestSpendOrganizationPicker(t *testing.T) {
	t.Parallel()
	ta, _, _ := seedSpendPages(t)
	for _, tc := range []struct {
		name, query string
		want        []string
		notWant     []string
	}{
		{"a unique name picks the organization", "amsterdam",
			[]string{`value="Amsterdam (GM0363)"`, `/uitgaven/werkmap?jaar=2026&amp;organisatie=GM0363`}, []string{"Meerdere organisaties", "Geen organisaties"}},
		{"a code picks the organization", "GM0518",
			[]string{`value="&#39;s-Gravenhage (GM0518)"`, `organisatie=GM0518`}, nil},
		{"a part of several codes offers them", "GM0",
			[]string{"Meerdere organisaties passen bij “GM0”", `href="/uitgaven?jaar=2026&amp;organisatie=GM0363&amp;per=`, `organisatie=GM0518&amp;per=`},
			[]string{`/uitgaven/werkmap?jaar=2026&amp;organisatie=`}},
		{"a name of none says so and shows every organization", "Rotterdam",
			[]string{"Geen organisaties gevonden bij “Rotterdam”"}, []string{`/uitgaven/werkmap?jaar=2026&amp;organisatie=`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := "/uitgaven?jaar=2026&organisatie=" + url.QueryEscape(tc.query)
			resp, body := ta.doAs(t, "admin", "GET", path, nil, "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d:\n%s", path, resp.StatusCode, body)
			}
			checkPage(t, path, body, tc.want...)
			for _, bad := range append(tc.notWant, `<select id="organisatie"`) {
				if strings.Contains(string(body), bad) {
					t.Errorf("GET %s contains %q", path, bad)
				}
			}
		})
	}
	for _, tc := range []struct{ name, query, want string }{
		{"licences: a unique name picks the organization", "amsterdam", `value="Amsterdam (GM0363)"`},
		{"licences: a part of several codes offers them", "GM0", `href="/licenties?organisatie=GM0363"`},
		{"licences: a name of none says so", "Rotterdam", "Geen organisaties gevonden bij “Rotterdam”"},
		{"dependency chooser: a part of several codes offers them", "GM0", `href="/afhankelijkheid?jaar=2026&amp;organisatie=GM0363"`},
		{"dependency chooser: a name of none says so", "Rotterdam", "Geen organisaties gevonden bij “Rotterdam”"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := "/licenties?"
			if strings.HasPrefix(tc.name, "dependency") {
				page = "/afhankelijkheid?jaar=2026&"
			}
			path := page + "organisatie=" + url.QueryEscape(tc.query)
			resp, body := ta.doAs(t, "admin", "GET", path, nil, "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d:\n%s", path, resp.StatusCode, body)
			}
			checkPage(t, path, body, tc.want)
			if strings.Contains(string(body), `<select id="organisatie"`) {
				t.Errorf("GET %s still lists every organization", path)
			}
		})
	}
}
