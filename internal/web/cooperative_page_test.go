package web_test

import (
	"strings"
	"testing"
)

// TestCooperativePageForScopedRoles: the cooperative overview adds up all
// organizations' spend. Management scoped to Amsterdam sees it, without
// the figures of a category too small to hide another organization's
// spend (Telefonie: Amsterdam and 's-Gravenhage only), and with its own
// report to download instead of the cooperative's; management scoped to
// all sees everything; a member gets a Dutch page that says who may see
// it and why, with the way back.
func TestCooperativePageForScopedRoles(t *testing.T) {
	ta, _, _ := seedSpendPages(t)
	const path = "/afhankelijkheid/samenwerking?jaar=2026"

	resp, body := ta.doAs(t, "management", "GET", path, nil, "")
	page := string(body)
	if resp.StatusCode != 200 {
		t.Fatalf("scoped management = %d, want 200", resp.StatusCode)
	}
	checkPage(t, path, body, "Concentratie in het samenwerkingsverband", "noemt geen andere organisatie",
		"niet getoond: minder dan 3 organisaties", "/afhankelijkheid/GM0363/rapport?formaat=pdf&amp;jaar=2026")
	if strings.Contains(page, "/afhankelijkheid/samenwerking/rapport") {
		t.Error("scoped management is offered the cooperative report, which lists other organizations' contracts")
	}
	row := func(page, name string) string {
		i := strings.Index(page, `<th scope="row">`+name+`</th>`)
		if i < 0 {
			return ""
		}
		j := strings.Index(page[i:], "</tr>")
		return page[i : i+j]
	}
	if r := row(page, "Telefonie"); r == "" || !strings.Contains(r, "niet getoond") || strings.Contains(r, "€") {
		t.Errorf("scoped management's Telefonie row = %q, want its figures left out", r)
	}

	_, body = ta.doAs(t, "management-all", "GET", path, nil, "")
	if r := row(string(body), "Telefonie"); r == "" || strings.Contains(r, "niet getoond") || !strings.Contains(r, "hhi-band") {
		t.Errorf("management for all: Telefonie row = %q, want its HHI and band", r)
	}
	if !strings.Contains(string(body), "/afhankelijkheid/samenwerking/rapport?formaat=pdf") {
		t.Error("management for all is not offered the cooperative report")
	}

	resp, body = ta.doAs(t, "member", "GET", path, nil, "")
	if resp.StatusCode != 403 {
		t.Fatalf("member = %d, want 403", resp.StatusCode)
	}
	_, own := ta.doAs(t, "management", "GET", "/afhankelijkheid", nil, "")
	if !strings.Contains(string(own), `href="/afhankelijkheid/samenwerking?jaar=`) {
		t.Error("scoped management's own dependency page does not link to the cooperative overview")
	}
	checkPage(t, path, body, "Dit overzicht is niet voor uw rol", "financiën", "management", `href="/afhankelijkheid/GM0363"`)

	// The cooperative report itself stays for those scoped to all.
	resp, _ = ta.doAs(t, "management", "GET", "/afhankelijkheid/samenwerking/rapport?formaat=pdf&jaar=2026", nil, "")
	if resp.StatusCode != 403 {
		t.Errorf("scoped management downloading the cooperative report = %d, want 403", resp.StatusCode)
	}
	resp, _ = ta.doAs(t, "management", "GET", "/afhankelijkheid/GM0363/rapport?formaat=pdf&jaar=2026", nil, "")
	if resp.StatusCode != 200 {
		t.Errorf("scoped management downloading its own report = %d, want 200", resp.StatusCode)
	}
}
