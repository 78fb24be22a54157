package web_test

import (
	"fmt"
	"html"
	"strings"
	"testing"
)

// TestStandstillRefusalNamesRunOn: the tender page refuses contracted on
// Monday 28 December 2026, the last day of a standstill whose 20th day was
// Sunday 27 December (Aw 2012 art. 2.127; Algemene termijnenwet art. 1;
// Hof Den Haag 20-04-2021), and says in Dutch that the period ran on past
// the weekend, and from which day the contract may be concluded.
func TestStandstillRefusalNamesRunOn(t *testing.T) {
	t.Parallel()
	clock := newMovableClock(at(2026, 10, 20))
	ta := newTestAppAt(t, clock.now, sampleOrgs()...)
	f := awardedOnMonday7December(t, clock, ta)
	clock.set(at(2026, 12, 28))
	base := fmt.Sprintf("/aanbestedingen/%d", f.Tender)
	want := "De standstill-termijn loopt tot en met maandag 28-12-2026 (dag 20 viel op zondag 27-12-2026; Algemene termijnenwet art. 1). " +
		"U kunt het contract sluiten vanaf 29-12-2026"

	resp, page := ta.doAs(t, "coordinator", "GET", base, nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", base, resp.StatusCode)
	}
	checkTenderPage(t, "tender page in the standstill", html.UnescapeString(string(page)), []string{want, "(Aw 2012 art. 2.127)"}, nil)

	resp, body := postForm(t, ta, "coordinator", base+"/status", map[string][]string{"status": {"contracted"}})
	if resp.StatusCode != 409 {
		t.Fatalf("POST contracted on Monday 28-12-2026 = %d, want 409\n%s", resp.StatusCode, body)
	}
	checkTenderPage(t, "contracted refused on the standstill's last day", html.UnescapeString(body), []string{want}, nil)
	if strings.Contains(body, "contracteren kan pas vanaf de dag erna") {
		t.Errorf("refusal still says only \"the day after\":\n%s", body)
	}
}
