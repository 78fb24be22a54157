package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestContractListDownload: the contract list page links to its download,
// and the download holds the contracts of the user's scope only, with the
// list's filters (issue 7 item 5).
func TestContractListDownload(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	seedRegister(t, ta)
	resp, page := ta.doAs(t, "member", http.MethodGet, "/contracten?q=Zaak", nil, "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), `href="/contracten/export?q=Zaak&amp;formaat=csv"`) {
		t.Fatalf("list page %d does not link the filtered CSV download:\n%s", resp.StatusCode, page)
	}
	resp, csv := ta.doAs(t, "member", http.MethodGet, "/contracten/export?formaat=csv", nil, "")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("download %d, Content-Disposition %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	body := string(csv)
	if !strings.Contains(body, "AMS-2024-009") || strings.Contains(body, "DH-2024-7") {
		t.Errorf("a member's download must hold Amsterdam's contracts and not 's-Gravenhage's:\n%s", body)
	}
	resp, _ = ta.doAs(t, "member", http.MethodGet, "/contracten/export?organisatie=GM0518", nil, "")
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a member asking another organization's contracts: %d, want 403", resp.StatusCode)
	}
}
