package web_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestSundayDeadlineRefused: a tender deadline chosen by hand on the
// Sunday exactly 40 days after a notice sent on 3 November 2026 is
// refused, naming Monday 14 December, the day the minimum period runs on
// to (Aw 2012 art. 2.71/2.74a; Algemene termijnenwet art. 1; DESIGN §4),
// through the service and through the API; the Monday is accepted.
func TestSundayDeadlineRefused(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	ctx := context.Background()
	cat, err := ta.svc.CreateCategory(ctx, contracts.Category{Name: "Mobiele telefonie", CPV: []string{"64212000-5"}})
	if err != nil {
		t.Fatal(err)
	}
	tender := procurement.Tender{Title: "Mobiele telefonie 2027", CategoryID: cat, Lead: own, Kind: procurement.KindServices, TermMonths: 48,
		Electronic: true, DocumentsOnline: true, Publication: contracts.NewDate(2026, 11, 3), TenderDeadline: contracts.NewDate(2026, 12, 13)}

	t.Run("service", func(t *testing.T) {
		_, err := ta.procurement.CreateTender(ctx, tender)
		fe := apperr.Fields(err)
		if !errors.Is(err, apperr.Invalid) || len(fe) != 1 || fe[0].Field != "tenderDeadline" || !strings.Contains(fe[0].Message(), "on or after 2026-12-14") {
			t.Fatalf("CreateTender(deadline Sunday 2026-12-13) = %v, want a tenderDeadline error naming 2026-12-14", err)
		}
		ok := tender
		ok.TenderDeadline = contracts.NewDate(2026, 12, 14)
		if _, err := ta.procurement.CreateTender(ctx, ok); err != nil {
			t.Errorf("CreateTender(deadline Monday 2026-12-14) = %v, want nil", err)
		}
	})

	t.Run("API", func(t *testing.T) {
		body := func(deadline string) string {
			return fmt.Sprintf(`{"title":"Mobiele telefonie 2027","categoryId":%d,"lead":"GM0363","kind":"services","termMonths":48,
				"electronic":true,"documentsOnline":true,"publication":"2026-11-03","tenderDeadline":%q}`, cat, deadline)
		}
		resp, b := ta.doAs(t, "coordinator", "POST", "/api/v1/tenders", strings.NewReader(body("2026-12-13")), "application/json")
		if resp.StatusCode != 422 || !strings.Contains(string(b), "2026-12-14") || !strings.Contains(string(b), "Algemene termijnenwet art. 1") {
			t.Fatalf("POST a tender with its deadline on Sunday 2026-12-13 = %d %s, want 422 naming 2026-12-14 and the Algemene termijnenwet", resp.StatusCode, b)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("Content-Type %q, want application/problem+json", ct)
		}
		wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"body.tenderDeadline"})
		var tr tenderResp
		call(t, ta, "coordinator", "POST", "/api/v1/tenders", body("2026-12-14"), 201, &tr)
		if got := tr.milestone("tender_deadline"); got != "2026-12-14" {
			t.Errorf("tender deadline %s, want the chosen 2026-12-14", got)
		}
	})
}

// awardedOnMonday7December takes the seeded tender to awarded with an
// award decision sent on Monday 7 December 2026: published 20 October
// (electronic, documents not fully online: 45 days, Friday 4 December),
// evaluated from 5 December.
func awardedOnMonday7December(t *testing.T, clock *movableClock, ta testApp) tenderFixture {
	t.Helper()
	ctx := context.Background()
	f := seedTender(t, ta)
	for _, org := range []string{own, other} {
		if err := ta.procurement.SetMandate(ctx, contracts.Everyone(), f.Tender, org, procurement.Mandate{Status: procurement.MandateSigned,
			Signed: contracts.NewDate(2026, 10, 1), Body: procurement.BodyCollege, Scope: procurement.MandateScope{Documents: true, Award: true}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, to := range []procurement.TenderStatus{procurement.TenderMandating, procurement.TenderPublished} {
		if _, err := ta.procurement.Transition(ctx, f.Tender, procurement.TransitionInput{To: to}); err != nil {
			t.Fatalf("to %s: %v", to, err)
		}
	}
	clock.set(at(2026, 12, 5))
	if _, err := ta.procurement.Transition(ctx, f.Tender, procurement.TransitionInput{To: procurement.TenderEvaluating}); err != nil {
		t.Fatalf("to evaluating: %v", err)
	}
	clock.set(at(2026, 12, 7))
	v, err := ta.procurement.Transition(ctx, f.Tender, procurement.TransitionInput{To: procurement.TenderAwarded,
		Award: &procurement.Award{DecisionSent: contracts.NewDate(2026, 12, 7), Vendors: map[int64]int64{f.Lot: f.Vendor}}})
	if err != nil {
		t.Fatalf("to awarded: %v", err)
	}
	if m, _ := v.Plan.Milestone(procurement.MilestoneStandstillEnd); m.Date != contracts.NewDate(2026, 12, 28) ||
		!strings.Contains(nl.Basis(m.Basis), "eindigt op zondag 27-12-2026; loopt door tot maandag 28-12-2026 (Algemene termijnenwet art. 1)") {
		t.Fatalf("standstill end %s %q, want 2026-12-28 with the run-on from Sunday 27-12-2026", m.Date, nl.Basis(m.Basis))
	}
	return f
}

// TestContractedAfterStandstillRunsOn: an award decision sent on Monday 7
// December 2026 gives a standstill whose 20th day is Sunday 27 December;
// it runs on to Monday 28 December (Aw 2012 art. 2.127; Algemene
// termijnenwet art. 1; Hof Den Haag 20-04-2021), so contracting on that
// Monday, the day after the unextended standstill, is refused, and on
// Tuesday 29 December allowed: through the service and through the API.
func TestContractedAfterStandstillRunsOn(t *testing.T) {
	t.Parallel()
	t.Run("service", func(t *testing.T) {
		t.Parallel()
		clock := newMovableClock(at(2026, 10, 20))
		ta := newTestAppAt(t, clock.now, sampleOrgs()...)
		f := awardedOnMonday7December(t, clock, ta)
		ctx := context.Background()
		clock.set(at(2026, 12, 28))
		_, err := ta.procurement.Transition(ctx, f.Tender, procurement.TransitionInput{To: procurement.TenderContracted})
		if !errors.Is(err, apperr.Conflict) || !strings.Contains(apperr.Detail(err, ""), "runs until 2026-12-28 inclusive") {
			t.Fatalf("Transition(contracted) on Monday 2026-12-28 = %v, want a conflict: the standstill runs until 2026-12-28", err)
		}
		clock.set(at(2026, 12, 29))
		v, err := ta.procurement.Transition(ctx, f.Tender, procurement.TransitionInput{To: procurement.TenderContracted})
		if err != nil || v.Tender.Status != procurement.TenderContracted {
			t.Fatalf("Transition(contracted) on Tuesday 2026-12-29 = %v, want contracted", err)
		}
		// The call-off contracts carry the note the service was given in
		// Dutch (nl.ProcurementWords), with the decision's Dutch date.
		if len(v.CallOffs) == 0 {
			t.Fatal("contracted without call-off contracts")
		}
		c, err := ta.svc.Contract(ctx, contracts.Everyone(), v.CallOffs[0].ContractID)
		want := fmt.Sprintf("Nadere overeenkomst onder gezamenlijke aanbesteding %d (Mobiele telefonie 2027), gunningsbeslissing 07-12-2026.", f.Tender)
		if err != nil || c.Notes != want || c.Title != "Mobiele telefonie 2027" {
			t.Errorf("call-off contract = %q %q, %v; want the tender's title and the note %q", c.Title, c.Notes, err, want)
		}
	})
	t.Run("API", func(t *testing.T) {
		t.Parallel()
		clock := newMovableClock(at(2026, 10, 20))
		ta := newTestAppAt(t, clock.now, sampleOrgs()...)
		f := awardedOnMonday7December(t, clock, ta)
		path := fmt.Sprintf("/api/v1/tenders/%d/transitions", f.Tender)
		clock.set(at(2026, 12, 28))
		resp, b := ta.doAs(t, "coordinator", "POST", path, strings.NewReader(`{"status":"contracted"}`), "application/json")
		if resp.StatusCode != 409 || !strings.Contains(string(b), "2026-12-28") {
			t.Fatalf("POST contracted on Monday 2026-12-28 = %d %s, want 409 naming the standstill until 2026-12-28", resp.StatusCode, b)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("Content-Type %q, want application/problem+json", ct)
		}
		clock.set(at(2026, 12, 29))
		var tr tenderResp
		call(t, ta, "coordinator", "POST", path, `{"status":"contracted"}`, 200, &tr)
		if tr.Status != "contracted" || tr.milestone("standstill_end") != "2026-12-28" || tr.milestone("contract_signature") != "2026-12-29" {
			t.Errorf("contracted: status %s standstill end %s signature %s, want contracted 2026-12-28 2026-12-29",
				tr.Status, tr.milestone("standstill_end"), tr.milestone("contract_signature"))
		}
	})
}
