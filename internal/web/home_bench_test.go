package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// BenchmarkHomePage measures the start page over the model case (the
// 283-participant tender, tender283) beside procurement.TenderOverview
// alone, the one service call its tender block adds: the share of the
// page the block costs. The member's page carries the notice to sign
// Amsterdam's mandate, the admin's the counts per status.
func BenchmarkHomePage(b *testing.B) {
	ta, _ := tender283(b)
	ctx := context.Background()
	warmUp(b, ta, "/")
	overview := func(scope contracts.Scope) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ta.procurement.TenderOverview(ctx, scope, 10); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	page := func(who, want string) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchPage(b, ta, who, "/", want)
			}
		}
	}
	b.Run("overview-member", overview(contracts.Only("GM0363")))
	b.Run("page-member", page("member", "teken het mandaat"))
	b.Run("overview-all", overview(contracts.Everyone()))
	b.Run("page-admin", page("admin", "Gezamenlijke aanbestedingen"))
}

// benchPage gets path as who and fails unless the page answers 200 and
// contains want; it returns the page's size.
func benchPage(b *testing.B, ta testApp, who, path, want string) int {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as[who].cookie})
	resp, err := ta.app.Test(req, -1)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || !bytes.Contains(body, []byte(want)) {
		b.Fatalf("GET %s as %s: status %d, %v: %.300s", path, who, resp.StatusCode, err, body)
	}
	return len(body)
}
