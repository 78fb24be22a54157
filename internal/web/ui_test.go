package web_test

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/web"
)

func TestPages(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct {
		name       string
		path       string
		wantStatus int
		want       []string
		notWant    []string
	}{
		{"home counts the register", "/", 200, []string{"Overzicht", "4</span> <span class=\"stat__label\">gemeenten", "1</span> <span class=\"stat__label\">samenwerkingsverband<", "Direct naar de inhoud"}, nil},
		{"organizations list", "/organisaties", 200,
			[]string{"5 organisaties", "&#39;s-Gravenhage", "Súdwest-Fryslân", "934.526", `aria-current="page"`}, nil},
		{"search and filters", "/organisaties?q=vlie&provincie=PV21", 200,
			[]string{"1 organisatie gevonden", "Vlieland", `<option value="PV21" selected>`}, []string{"Amsterdam</a>"}},
		{"unknown filter values are dropped, with a notice", "/organisaties?soort=dorp&provincie=PV99", 200, []string{"5 organisaties", "genegeerd"}, nil},
		{"detail page with size class and cooperation", "/organisaties/GM0363", 200,
			[]string{"Amsterdam", "934.526", "01-01-2025", "100.000 inwoners of meer", "Noord-Holland", "Coöperatie ICT-inkoop"}, nil},
		{"unknown organization is a Dutch 404 page", "/organisaties/GM9999", 404, []string{"Pagina niet gevonden", "Verzoeknummer"}, nil},
		{"unknown page", "/bestaat-niet", 404, []string{"Pagina niet gevonden"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := ta.do(t, "GET", tt.path, nil, "")
			body := string(b)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("GET %s = %d, want %d\n%s", tt.path, resp.StatusCode, tt.wantStatus, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type = %q, want text/html", ct)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s lacks %q", tt.path, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(body, w) {
					t.Errorf("GET %s contains %q", tt.path, w)
				}
			}
			if strings.Contains(body, "ZgotmplZ") || strings.Contains(body, "<no value>") {
				t.Errorf("GET %s shows a template error", tt.path)
			}
		})
	}
}

func TestNamesAreEscaped(t *testing.T) {
	evil := `<script>alert(1)</script>`
	ta := newTestApp(t, contracts.Organization{Code: "EVIL-1", Name: evil, Kind: contracts.KindOther, Region: evil})
	for _, path := range []string{"/organisaties", "/organisaties/EVIL-1"} {
		_, b := ta.do(t, "GET", path, nil, "")
		if strings.Contains(string(b), evil) {
			t.Errorf("GET %s echoes the name unescaped", path)
		}
		if !strings.Contains(string(b), "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("GET %s does not show the escaped name", path)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	ta := newTestApp(t)
	for _, path := range []string{"/organisaties", "/api/v1/organizations"} {
		resp, _ := ta.do(t, "GET", path, nil, "")
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("GET %s: Content-Security-Policy = %q", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
			t.Errorf("GET %s: nosniff/referrer policy missing: %v", path, resp.Header)
		}
		if resp.Header.Get("X-Request-ID") == "" {
			t.Errorf("GET %s: no X-Request-ID", path)
		}
	}
}

func TestDemoBanner(t *testing.T) {
	ta := newTestApp(t)
	_, b := ta.do(t, "GET", "/", nil, "")
	if strings.Contains(string(b), "Demonstratiegegevens") {
		t.Error("banner shown without demo data")
	}
}

func TestStaticAssetsAreCached(t *testing.T) {
	ta := newTestApp(t)
	_, page := ta.do(t, "GET", "/", nil, "")
	i := strings.Index(string(page), "/static/app.css?v=")
	if i < 0 {
		t.Fatal("page does not link the hashed stylesheet")
	}
	url := string(page[i:])
	url = url[:strings.IndexByte(url, '"')]
	resp, b := ta.do(t, "GET", url, nil, "")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || len(b) == 0 {
		t.Errorf("GET %s = %d, Cache-Control %q", url, resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}

func TestDemoBannerShownForDemoData(t *testing.T) {
	ta := newTestApp(t)
	ta.app = newApp(web.Options{Demo: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, web.Deps{Contracts: ta.svc, Auth: ta.auth})
	_, b := ta.do(t, "GET", "/organisaties", nil, "")
	if !strings.Contains(string(b), "Demonstratiegegevens") {
		t.Error("demo app does not say its data is demo data")
	}
}

// TestAuditTrailShowsWhoChangedWhat: a change through the API appears in
// the admin's audit page and API with the user and request ID (issue 3
// item 6), and the chain checks out.
func TestAuditTrailShowsWhoChangedWhat(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	resp, b := ta.doAs(t, "coordinator", "PATCH", "/api/v1/organizations/GM0363", strings.NewReader(`{"region":"Amstelland"}`), "application/json")
	if resp.StatusCode != 200 {
		t.Fatalf("PATCH = %d %s", resp.StatusCode, b)
	}
	reqID := resp.Header.Get("X-Request-ID")
	_, b = ta.do(t, "GET", "/api/v1/audit?entity=organization&actor=coordinator@test.nl", nil, "")
	body := string(b)
	for _, want := range []string{`"entityId":"GM0363"`, `"action":"update"`, `"actorKind":"user"`, `"requestId":"` + reqID + `"`, `"region":"Amstelland"`} {
		if !strings.Contains(body, want) {
			t.Errorf("audit API lacks %s:\n%s", want, body)
		}
	}
	_, b = ta.do(t, "GET", "/beheer/audit?entiteit=organization&controleer=1", nil, "")
	for _, want := range []string{"coordinator@test.nl", "gewijzigd", "GM0363", "De keten is intact"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("audit page lacks %q", want)
		}
	}
	resp, _ = ta.do(t, "GET", "/beheer/audit?van=2026-13-01", nil, "")
	if resp.StatusCode != 422 {
		t.Errorf("audit page with a bad date = %d, want 422", resp.StatusCode)
	}
}

// TestVendorCountsStayInScope: a user scoped to one organization learns
// nothing of other organizations' contracts through vendor counts
// (DESIGN §6).
func TestVendorCountsStayInScope(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	ctx := t.Context()
	vendor, err := ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Printbedrijf B.V.", KVK: "11223344"})
	if err != nil {
		t.Fatal(err)
	}
	c := contracts.Contract{Organization: "GM0518", Number: "P-1", Title: "Printers", VendorID: vendor,
		Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 12, RenewalKind: contracts.RenewalNone, Status: contracts.StatusActive}
	if _, err := ta.svc.CreateContract(ctx, contracts.Everyone(), c, nil); err != nil {
		t.Fatal(err)
	}
	for who, want := range map[string]string{"admin": `"contracts":1`, "finance": `"contracts":0`, "member": `"contracts":0`} {
		_, b := ta.doAs(t, who, "GET", "/api/v1/vendors?q=printbedrijf", nil, "")
		if !strings.Contains(string(b), want) {
			t.Errorf("vendor list as %s: %s, want %s", who, b, want)
		}
		_, b = ta.doAs(t, who, "GET", fmt.Sprintf("/api/v1/vendors/%d", vendor), nil, "")
		if !strings.Contains(string(b), want) {
			t.Errorf("vendor detail as %s: %s, want %s", who, b, want)
		}
	}
}
