package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// tenderFixture is a joint tender in the collecting phase with Amsterdam
// (own) and 's-Gravenhage (other) as participants, one lot, one
// requirement, and one demand of each organization.
type tenderFixture struct {
	Category, Vendor       int64
	DemandCategory         int64
	Tender, Lot, Req       int64
	OwnDemand, OtherDemand int64
}

func seedTender(t testing.TB, ta testApp) tenderFixture {
	t.Helper()
	ctx := context.Background()
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	var f tenderFixture
	f.Category = must(ta.svc.CreateCategory(ctx, contracts.Category{Name: "Mobiele telefonie", CPV: []string{"64212000-5"}}))
	f.DemandCategory = must(ta.svc.CreateCategory(ctx, contracts.Category{Name: "Vaste telefonie", CPV: []string{"64211000-8"}}))
	f.Vendor = must(ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Blauw Mobiel B.V.", KVK: "45678901"}))
	p := ta.procurement
	f.Tender = must(p.CreateTender(ctx, procurement.Tender{Title: "Mobiele telefonie 2027", CategoryID: f.Category, CPV: "64212000-5",
		Lead: own, Kind: procurement.KindServices, TermMonths: 48, Options: []procurement.Option{{Months: 12}, {Months: 12}},
		Electronic: true, NeededStart: contracts.NewDate(2027, 9, 1)}))
	f.Lot = must(p.AddLot(ctx, procurement.Lot{TenderID: f.Tender, Title: "Mobiele communicatie", Unit: "aansluitingen", UnitPrice: 24_000}))
	f.Req = must(p.AddRequirement(ctx, procurement.Requirement{TenderID: f.Tender, Text: "Nummerbehoud", Kind: procurement.KnockOut}))
	if _, err := p.Transition(ctx, f.Tender, procurement.TransitionInput{To: procurement.TenderCollecting}); err != nil {
		t.Fatal(err)
	}
	for _, org := range []string{own, other} {
		if err := p.SetParticipant(ctx, contracts.Everyone(), procurement.Participant{TenderID: f.Tender, Organization: org,
			Volumes: []procurement.LotVolume{{LotID: f.Lot, Quantity: 100}}}); err != nil {
			t.Fatal(err)
		}
	}
	demand := func(org string) procurement.Demand {
		return procurement.Demand{Organization: org, CategoryID: f.DemandCategory, Quantity: 500, Unit: "aansluitingen",
			DesiredStart: contracts.NewDate(2027, 9, 1), Status: procurement.DemandSubmitted}
	}
	f.OwnDemand = must(p.CreateDemand(ctx, contracts.Everyone(), demand(own)))
	f.OtherDemand = must(p.CreateDemand(ctx, contracts.Everyone(), demand(other)))
	return f
}

// tenderRoute fills in the tender fixture's path parameters for a row.
func tenderRoute(row accessRow, f tenderFixture) accessRow {
	demand := f.OwnDemand
	if row.org == other {
		demand = f.OtherDemand
	}
	row.route = strings.NewReplacer("{tender}", fmt.Sprint(f.Tender), "{lot}", fmt.Sprint(f.Lot),
		"{requirement}", fmt.Sprint(f.Req), "{demand}", fmt.Sprint(demand), "{step}", "cancelled").Replace(row.route)
	row.body = strings.NewReplacer("{lot}", fmt.Sprint(f.Lot), "{requirement}", fmt.Sprint(f.Req), "{category}", fmt.Sprint(f.Category)).Replace(row.body)
	return row
}

// tenderAccessRows are the access-matrix rows of the tender and demand
// routes (DESIGN §6; internal/web/policies.go states the policy in words).
var tenderAccessRows = func() []accessRow {
	//                     nobody admin coord member fin  mgmt fin-all mgmt-all
	all := statuses{401, 200, 200, 200, 200, 200, 200, 200}
	runners := func(ok int) statuses { return statuses{401, ok, ok, 403, 403, 403, 403, 403} }
	ownParticipant := func(ok int) statuses { return statuses{401, ok, ok, ok, 403, 403, 403, 403} }
	volumes := `{"volumes":[{"lotId":{lot},"quantity":250}]}`
	mandate := `{"status":"signed","signed":"2026-11-20","body":"college","documents":true,"award":true}`
	ratings := `{"ratings":[{"requirementId":{requirement},"rating":"must"}]}`
	demandBody := func(org string) string {
		return fmt.Sprintf(`{"organization":%q,"categoryId":{category},"quantity":10,"desiredStart":"2027-01-01"}`, org)
	}
	tender := `{"title":"Vaste telefonie","categoryId":{category},"lead":"GM0363","kind":"services","termMonths":36}`
	return []accessRow{
		{"API: every role reads tenders (issue 5)", "GET", "/api/v1/tenders", "", "", all},
		{"API: admin and coordinator create tenders (issue 5)", "POST", "/api/v1/tenders", "", tender, runners(201)},
		{"API: every role reads a tender", "GET", "/api/v1/tenders/{tender}", "", "", all},
		{"API: admin and coordinator change a tender's terms", "PUT", "/api/v1/tenders/{tender}", "", tender, runners(200)},
		{"API: only a draft or cancelled tender is deleted (409 while collecting)", "DELETE", "/api/v1/tenders/{tender}", "", "", runners(409)},
		{"API: admin and coordinator move a tender through its lifecycle", "POST", "/api/v1/tenders/{tender}/transitions", "", `{"status":"mandating"}`, runners(200)},
		{"API: admin and coordinator add lots", "POST", "/api/v1/tenders/{tender}/lots", "", `{"title":"Data"}`, runners(201)},
		{"API: admin and coordinator change lots", "PUT", "/api/v1/tenders/{tender}/lots/{lot}", "", `{"title":"Mobiel"}`, runners(200)},
		{"API: admin and coordinator remove lots", "DELETE", "/api/v1/tenders/{tender}/lots/{lot}", "", "", runners(204)},
		{"API: admin and coordinator add participants from their demand", "POST", "/api/v1/tenders/{tender}/participants/from-demand", "", "", runners(200)},
		{"API: a member joins with its own organization (issue 5)", "PUT", "/api/v1/tenders/{tender}/participants/{code}", own, volumes, ownParticipant(200)},
		{"API: a member cannot act for another organization", "PUT", "/api/v1/tenders/{tender}/participants/{code}", other, volumes, runners(200)},
		{"API: a member leaves with its own organization", "DELETE", "/api/v1/tenders/{tender}/participants/{code}", own, "", ownParticipant(204)},
		{"API: a member cannot remove another organization", "DELETE", "/api/v1/tenders/{tender}/participants/{code}", other, "", runners(204)},
		{"API: admin and coordinator mark many mandates at once (issue 17)", "POST", "/api/v1/tenders/{tender}/mandates", "", `{"all":true,"status":"requested","date":"2026-11-20"}`, runners(200)},
		{"API: admin and coordinator import mandates (issue 17)", "POST", "/api/v1/tenders/{tender}/mandates/import", "", "Organisatie;Status;Datum\nGM0363;aangevraagd;20-11-2026\n", runners(200)},
		{"API: a member records its own mandate (issue 5)", "PUT", "/api/v1/tenders/{tender}/participants/{code}/mandate", own, mandate, ownParticipant(200)},
		{"API: a member cannot record another organization's mandate", "PUT", "/api/v1/tenders/{tender}/participants/{code}/mandate", other, mandate, runners(200)},
		{"API: a member rates for its own organization", "PUT", "/api/v1/tenders/{tender}/participants/{code}/ratings", own, ratings, ownParticipant(200)},
		{"API: a member cannot rate for another organization", "PUT", "/api/v1/tenders/{tender}/participants/{code}/ratings", other, ratings, runners(200)},
		{"API: admin and coordinator add requirements", "POST", "/api/v1/tenders/{tender}/requirements", "", `{"text":"Eigen beheerportaal","kind":"award"}`, runners(201)},
		{"API: admin and coordinator change requirements", "PUT", "/api/v1/tenders/{tender}/requirements/{requirement}", "", `{"text":"Nummerbehoud van alle nummers","kind":"knockout"}`, runners(200)},
		{"API: admin and coordinator remove requirements", "DELETE", "/api/v1/tenders/{tender}/requirements/{requirement}", "", "", runners(204)},
		{"API: every role reads an organization's procurement policy", "GET", "/api/v1/organizations/{code}/procurement-policy", own, "", all},
		{"API: every role reads another organization's procurement policy", "GET", "/api/v1/organizations/{code}/procurement-policy", other, "", all},
		{"API: admin and coordinator set procurement policies", "PUT", "/api/v1/organizations/{code}/procurement-policy", own, `{"singleSourceBelow":3000000}`, runners(200)},
		{"API: admin and coordinator set another organization's policy", "PUT", "/api/v1/organizations/{code}/procurement-policy", other, `{"singleSourceBelow":3000000}`, runners(200)},
		{"UI: admin and coordinator set an organization's procurement policy", "POST", "/organisaties/{code}/inkoopbeleid", own,
			url.Values{"enkelvoudig": {"30.000"}, "meervoudig": {""}}.Encode(), statuses{401, 303, 303, 403, 403, 403, 403, 403}},
		{"UI: admin and coordinator set another organization's procurement policy", "POST", "/organisaties/{code}/inkoopbeleid", other,
			url.Values{"enkelvoudig": {"30.000"}, "meervoudig": {"150.000"}}.Encode(), statuses{401, 303, 303, 403, 403, 403, 403, 403}},
		{"API: every role reads the demand in its scope", "GET", "/api/v1/demand", "", "", all},
		{"API: every role reads demand per category in its scope", "GET", "/api/v1/demand/by-category", "", "", all},
		{"API: a member registers its own organization's demand (issue 5)", "POST", "/api/v1/demand", own, demandBody(own), ownParticipant(201)},
		{"API: a member cannot register another organization's demand", "POST", "/api/v1/demand", other, demandBody(other), runners(201)},
		{"API: every role reads its own organization's demand", "GET", "/api/v1/demand/{demand}", own, "", all},
		{"API: a scoped user cannot read another organization's demand", "GET", "/api/v1/demand/{demand}", other, "", statuses{401, 200, 200, 403, 403, 403, 200, 200}},
		{"API: a member changes its own demand", "PUT", "/api/v1/demand/{demand}", own, demandBody(own), ownParticipant(200)},
		{"API: a member cannot change another organization's demand", "PUT", "/api/v1/demand/{demand}", other, demandBody(other), runners(200)},
		{"API: a member deletes its own demand", "DELETE", "/api/v1/demand/{demand}", own, "", ownParticipant(204)},
		{"API: a member cannot delete another organization's demand", "DELETE", "/api/v1/demand/{demand}", other, "", runners(204)},
	}
}()

func init() { areaAccessRows = append(areaAccessRows, tenderAccessRows...) }

// tenderState is the seeded tender and every demand as the admin sees
// them: a refused write must leave it as it was.
func tenderState(t *testing.T, ta testApp, f tenderFixture) string {
	t.Helper()
	ctx := context.Background()
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), f.Tender)
	if err != nil {
		return "tender: " + err.Error()
	}
	d, err := ta.procurement.Demands(ctx, contracts.Everyone(), procurement.DemandFilter{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal([]any{v.Tender, v.Lots, v.Participants, v.Requirements, d})
	return string(b)
}

// TestTenderAccessMatrix sends every tender and demand route as every test
// user and nobody over a seeded tender.
func TestTenderAccessMatrix(t *testing.T) {
	t.Parallel()
	checkTenderAreaMatrix(t, tenderAccessRows)
}

// checkTenderAreaMatrix sends every row as every test user and nobody over
// a seeded tender (seedTender). Reads and refused changes share one app;
// a change that is let through gets a fresh app, so that it cannot decide
// another caller's status. A refused change must leave the tender and the
// demand as they were.
func checkTenderAreaMatrix(t *testing.T, rows []accessRow) {
	shared, sharedF := newSeededApp(t, "seedTender", seedTender)
	warmUp(t, shared)
	for _, row := range rows {
		t.Run(row.name(), func(t *testing.T) {
			t.Parallel()
			for i, who := range matrixWho {
				caller := who
				if caller == "" {
					caller = "nobody"
				}
				t.Run(caller, func(t *testing.T) {
					t.Parallel()
					ta, f := shared, sharedF
					if writesThrough(row, row.want[i]) {
						ta, f = newSeededApp(t, "seedTender", seedTender)
					}
					refusedChange := row.method != http.MethodGet && row.want[i] >= 400
					var before string
					if refusedChange {
						before = tenderState(t, ta, f)
					}
					checkAccess(t, ta, tenderRoute(row, f), who, row.want[i])
					if refusedChange {
						if after := tenderState(t, ta, f); after != before {
							t.Errorf("refused (%d) but the tender or demand changed:\nbefore %s\nafter  %s", row.want[i], before, after)
						}
					}
				})
			}
		})
	}
}

// call sends a JSON request as who and decodes a JSON answer into out (when
// not nil), failing unless the status is want.
func call(t *testing.T, ta testApp, who, method, path, body string, want int, out any) []byte {
	t.Helper()
	var rd *strings.Reader
	if body != "" {
		rd = strings.NewReader(body)
	} else {
		rd = strings.NewReader("")
	}
	resp, b := ta.doAs(t, who, method, path, rd, "application/json")
	if resp.StatusCode != want {
		t.Fatalf("%s %s as %s = %d, want %d: %s", method, path, who, resp.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, path, b, err)
		}
	}
	return b
}

// movableClock is a test clock that tests move forward.
type movableClock struct{ unix atomic.Int64 }

func newMovableClock(d time.Time) *movableClock {
	c := &movableClock{}
	c.set(d)
	return c
}

func (c *movableClock) set(d time.Time) { c.unix.Store(d.Unix()) }
func (c *movableClock) now() time.Time  { return time.Unix(c.unix.Load(), 0).In(contracts.Amsterdam) }
func at(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 10, 0, 0, 0, contracts.Amsterdam)
}

type tenderResp struct {
	ID           int64                `json:"id"`
	Status       string               `json:"status"`
	Publication  string               `json:"publication"`
	Lots         []struct{ ID int64 } `json:"lots"`
	Requirements []struct {
		ID       int64  `json:"id"`
		Priority string `json:"priority"`
		Conflict bool   `json:"conflict"`
	} `json:"requirements"`
	Plan struct {
		Estimated int64  `json:"estimated"`
		Procedure string `json:"procedure"`
		Timeline  []struct {
			Key, Date string
		} `json:"timeline"`
		Signed    int `json:"signed"`
		Conflicts int `json:"conflicts"`
	} `json:"plan"`
	CallOffs []struct {
		Organization   string `json:"organization"`
		ContractID     int64  `json:"contractId"`
		ContractNumber string `json:"contractNumber"`
	} `json:"callOffs"`
}

func (r tenderResp) milestone(key string) string {
	for _, m := range r.Plan.Timeline {
		if m.Key == key {
			return m.Date
		}
	}
	return ""
}

// TestTenderEndToEnd runs a joint tender through the API from draft to
// contracted (issue 5 Must show): three participants rate requirements
// and sign their mandates, the tender is published, awarded after its
// deadline and contracted after the standstill, and the register then
// holds one call-off contract per participant with the right dates.
func TestTenderEndToEnd(t *testing.T) {
	t.Parallel()
	clock := newMovableClock(at(2026, 11, 22))
	ta := newTestAppAt(t, clock.now, sampleOrgs()...)
	ctx := context.Background()
	cat, err := ta.svc.CreateCategory(ctx, contracts.Category{Name: "Mobiele telefonie", CPV: []string{"64212000-5"}})
	if err != nil {
		t.Fatal(err)
	}
	vendor, err := ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Blauw Mobiel B.V.", KVK: "45678901"})
	if err != nil {
		t.Fatal(err)
	}

	var tr tenderResp
	call(t, ta, "coordinator", "POST", "/api/v1/tenders", fmt.Sprintf(`{"title":"Mobiele telefonie 2027","categoryId":%d,"cpv":"64212000-5",
		"lead":"GM0363","kind":"services","termMonths":48,"options":[{"months":12},{"months":12}],"totalPrice":true,"electronic":true,"documentsOnline":true,"neededStart":"2027-09-01"}`, cat), 201, &tr)
	id := tr.ID
	base := fmt.Sprintf("/api/v1/tenders/%d", id)
	call(t, ta, "coordinator", "POST", base+"/lots", `{"title":"Mobiele communicatie","unit":"aansluitingen","unitPrice":24000}`, 201, &tr)
	lot := tr.Lots[0].ID
	call(t, ta, "coordinator", "POST", base+"/requirements", `{"text":"Nummerbehoud","kind":"knockout"}`, 201, &tr)
	call(t, ta, "coordinator", "POST", base+"/requirements", `{"text":"Eigen beheerportaal","kind":"award"}`, 201, &tr)
	reqA, reqB := tr.Requirements[0].ID, tr.Requirements[1].ID
	call(t, ta, "coordinator", "POST", base+"/transitions", `{"status":"collecting"}`, 200, &tr)

	// Amsterdam joins itself; the coordinator adds the other two.
	call(t, ta, "member", "PUT", base+"/participants/GM0363", fmt.Sprintf(`{"volumes":[{"lotId":%d,"quantity":8000}]}`, lot), 200, &tr)
	for _, org := range []string{"GM0518", "GM0096"} {
		call(t, ta, "coordinator", "PUT", base+"/participants/"+org, fmt.Sprintf(`{"volumes":[{"lotId":%d,"quantity":100}]}`, lot), 200, &tr)
	}
	rate := func(who, org, a, b string) {
		call(t, ta, who, "PUT", base+"/participants/"+org+"/ratings",
			fmt.Sprintf(`{"ratings":[{"requirementId":%d,"rating":%q},{"requirementId":%d,"rating":%q}]}`, reqA, a, reqB, b), 200, &tr)
	}
	rate("member", "GM0363", "must", "must")
	rate("coordinator", "GM0518", "must", "should")
	rate("coordinator", "GM0096", "should", "wont")
	if tr.Requirements[0].Priority != "must" || tr.Requirements[1].Priority != "must" || !tr.Requirements[1].Conflict || tr.Plan.Conflicts != 1 {
		t.Errorf("consolidation = %+v, conflicts %d; want both must (Amsterdam holds most volume) and a conflict on the portal", tr.Requirements, tr.Plan.Conflicts)
	}
	// 8200 connections × € 240 a year over 4 + 2 years (Aw 2012 art. 2.15).
	if want := int64(8200 * 24_000 * 6); tr.Plan.Estimated != want || tr.Plan.Procedure != "open" {
		t.Errorf("estimate %d procedure %s, want %d open", tr.Plan.Estimated, tr.Plan.Procedure, want)
	}
	call(t, ta, "coordinator", "POST", base+"/transitions", `{"status":"mandating"}`, 200, &tr)

	// Publishing before every mandate is signed is refused, and changes nothing.
	b := call(t, ta, "coordinator", "POST", base+"/transitions", `{"status":"published"}`, 409, nil)
	if !strings.Contains(string(b), "signed mandate") {
		t.Errorf("409 body %s does not name the unmet guard", b)
	}
	sign := func(who, org string) {
		call(t, ta, who, "PUT", base+"/participants/"+org+"/mandate",
			`{"status":"signed","signed":"2026-11-20","body":"college","documents":true,"award":true,"litigation":true,"reference":"B&W 2026/311"}`, 200, &tr)
	}
	sign("member", "GM0363")
	sign("coordinator", "GM0518")
	call(t, ta, "coordinator", "GET", base, "", 200, &tr)
	if tr.Status != "mandating" || tr.Plan.Signed != 2 {
		t.Fatalf("after the refused publication: status %s, %d signed; want mandating, 2", tr.Status, tr.Plan.Signed)
	}
	sign("coordinator", "GM0096")
	call(t, ta, "coordinator", "POST", base+"/transitions", `{"status":"published"}`, 200, &tr)
	// Open procedure, electronic: 40 days from the notice (Aw 2012
	// art. 2.71/2.74a) is New Year's Day 2027, a Friday; the period runs on
	// to Monday 4 January (Algemene termijnenwet art. 1 and 3).
	if tr.Status != "published" || tr.Publication != "2026-11-22" || tr.milestone("tender_deadline") != "2027-01-04" {
		t.Fatalf("published: status %s publication %s deadline %s; want published 2026-11-22 2027-01-04", tr.Status, tr.Publication, tr.milestone("tender_deadline"))
	}
	// The participant list froze.
	call(t, ta, "coordinator", "PUT", base+"/participants/GM1900", fmt.Sprintf(`{"volumes":[{"lotId":%d,"quantity":1}]}`, lot), 409, nil)

	// Awarding before the deadline is refused.
	award := fmt.Sprintf(`{"status":"awarded","award":{"decisionSent":"2027-01-05","vendors":[{"lotId":%d,"vendorId":%d}]}}`, lot, vendor)
	call(t, ta, "coordinator", "POST", base+"/transitions", `{"status":"evaluating"}`, 409, nil)
	clock.set(at(2027, 1, 4))
	call(t, ta, "coordinator", "POST", base+"/transitions", `{"status":"evaluating"}`, 409, nil)
	clock.set(at(2027, 1, 5))
	call(t, ta, "coordinator", "POST", base+"/transitions", `{"status":"evaluating"}`, 200, &tr)
	call(t, ta, "coordinator", "POST", base+"/transitions", award, 200, &tr)
	// Standstill: 20 calendar days from the day after sending (Aw 2012 art. 2.127).
	if tr.milestone("standstill_end") != "2027-01-25" {
		t.Errorf("standstill end %s, want 2027-01-25", tr.milestone("standstill_end"))
	}
	b = call(t, ta, "coordinator", "POST", base+"/transitions", `{"status":"contracted"}`, 409, nil)
	if !strings.Contains(string(b), "standstill") {
		t.Errorf("409 body %s does not name the standstill", b)
	}
	clock.set(at(2027, 1, 26))
	call(t, ta, "coordinator", "POST", base+"/transitions", `{"status":"contracted"}`, 200, &tr)
	if tr.Status != "contracted" || len(tr.CallOffs) != 3 {
		t.Fatalf("contracted: status %s with %d call-offs, want 3", tr.Status, len(tr.CallOffs))
	}
	// Each participant has its own call-off contract in the register: it
	// starts at the needed start (later than the standstill plus
	// implementation), runs 48 months to the inclusive end, and carries the
	// two one-year options as express renewals (last option decision three
	// months before the end).
	var page struct {
		Items []struct {
			Organization, Number, Start, InitialEnd, OptionDecision, MaxExtent, RenewalKind string
			VendorID, AnnualValue                                                           int64
		} `json:"items"`
		Total int `json:"total"`
	}
	call(t, ta, "admin", "GET", fmt.Sprintf("/api/v1/contracts?q=AB-%d-P1", id), "", 200, &page)
	if page.Total != 3 {
		t.Fatalf("register holds %d call-off contracts, want 3: %+v", page.Total, page.Items)
	}
	for _, c := range page.Items {
		if c.Start != "2027-09-01" || c.InitialEnd != "2031-08-31" || c.MaxExtent != "2033-08-31" || c.OptionDecision != "2031-05-31" ||
			c.RenewalKind != "express" || c.VendorID != vendor {
			t.Errorf("call-off %s of %s: start %s end %s max %s option decision %s renewal %s vendor %d; want 2027-09-01 2031-08-31 2033-08-31 2031-05-31 express %d",
				c.Number, c.Organization, c.Start, c.InitialEnd, c.MaxExtent, c.OptionDecision, c.RenewalKind, c.VendorID, vendor)
		}
		want := int64(100 * 24_000)
		if c.Organization == "GM0363" {
			want = 8000 * 24_000
		}
		if c.AnnualValue != want {
			t.Errorf("call-off of %s: annual value %d, want %d (volume × unit price)", c.Organization, c.AnnualValue, want)
		}
	}
}

// TestTenderBadInput: each bad input answers 4xx naming the problem and
// changes nothing (issue 5 Must show).
func TestTenderBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		who        string
		method     string
		path, body string
		wantStatus int
		wantFields []string
		wantText   string
	}{
		{name: "publish with an unsigned mandate (DESIGN §4 guard)", who: "coordinator", method: "POST", path: "/transitions",
			body: `{"status":"mandating"}`, wantStatus: 200},
		{name: "a participant from an unknown organization", who: "coordinator", method: "PUT", path: "/participants/GM9999",
			body: `{"volumes":[{"lotId":{lot},"quantity":1}]}`, wantStatus: 422, wantFields: []string{"body.organization"}},
		{name: "a rating other than must/should/could/wont", who: "member", method: "PUT", path: "/participants/GM0363/ratings",
			body: `{"ratings":[{"requirementId":{requirement},"rating":"essential"}]}`, wantStatus: 422, wantText: "ratings"},
		{name: "a negative volume", who: "member", method: "PUT", path: "/participants/GM0363",
			body: `{"volumes":[{"lotId":{lot},"quantity":-5}]}`, wantStatus: 422, wantText: "quantity"},
		{name: "a volume in a lot of another tender", who: "member", method: "PUT", path: "/participants/GM0363",
			body: `{"volumes":[{"lotId":99999,"quantity":5}]}`, wantStatus: 422, wantFields: []string{"body.volumes[0].lotId"}},
		{name: "a rating for a requirement of another tender", who: "member", method: "PUT", path: "/participants/GM0363/ratings",
			body: `{"ratings":[{"requirementId":99999,"rating":"must"}]}`, wantStatus: 422, wantFields: []string{"body.ratings.99999"}},
		{name: "a signed mandate without date, body or scope", who: "member", method: "PUT", path: "/participants/GM0363/mandate",
			body: `{"status":"signed"}`, wantStatus: 422, wantFields: []string{"body.mandate.signed", "body.mandate.body", "body.mandate.scope"}},
		{name: "a framework over 48 months without justification (Aw 2012 art. 2.140)", who: "coordinator", method: "PUT", path: "",
			body:       `{"title":"Raam","categoryId":{category},"lead":"GM0363","kind":"services","termMonths":48,"framework":true,"options":[{"months":24}]}`,
			wantStatus: 422, wantFields: []string{"body.termMonths"}},
		{name: "an override without justification", who: "coordinator", method: "PUT", path: "",
			body:       `{"title":"X","categoryId":{category},"lead":"GM0363","kind":"services","termMonths":12,"procedure":"restricted"}`,
			wantStatus: 422, wantFields: []string{"body.procedureJustification"}},
		{name: "an unknown lead authority and category", who: "coordinator", method: "PUT", path: "",
			body:       `{"title":"X","categoryId":9999,"lead":"GM9999","kind":"services","termMonths":12}`,
			wantStatus: 422, wantFields: []string{"body.categoryId", "body.lead"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ta := newTestApp(t, sampleOrgs()...)
			f := seedTender(t, ta)
			base := fmt.Sprintf("/api/v1/tenders/%d", f.Tender)
			before := call(t, ta, "admin", "GET", base, "", 200, nil)
			body := tenderRoute(accessRow{body: tt.body}, f).body
			if tt.name == "publish with an unsigned mandate (DESIGN §4 guard)" {
				call(t, ta, tt.who, tt.method, base+tt.path, body, 200, nil)
				before = call(t, ta, "admin", "GET", base, "", 200, nil)
				body, tt.wantStatus, tt.wantText = `{"status":"published"}`, 409, "signed mandate"
			}
			resp, b := ta.doAs(t, tt.who, tt.method, base+tt.path, strings.NewReader(body), "application/json")
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.wantStatus, b)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("Content-Type %q, want application/problem+json", ct)
			}
			if len(tt.wantFields) > 0 {
				wantProblemFields(t, decodeProblem(t, resp, b), b, tt.wantFields)
			}
			if !strings.Contains(string(b), tt.wantText) {
				t.Errorf("problem %s does not mention %q", b, tt.wantText)
			}
			if after := call(t, ta, "admin", "GET", base, "", 200, nil); string(after) != string(before) {
				t.Errorf("a refused request changed the tender:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestAddParticipantsFromDemand: organizations with submitted demand in the
// tender's category join with their quantity in the lot of the same unit;
// those already in, and draft demand, are left alone (issue 5 item 3).
func TestAddParticipantsFromDemand(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	ctx := context.Background()
	for _, d := range []procurement.Demand{
		{Organization: "GM1900", Quantity: 500, Unit: "aansluitingen", Status: procurement.DemandSubmitted},
		{Organization: "GM0096", Quantity: 20, Unit: "aansluitingen", Status: procurement.DemandDraft},
		{Organization: own, Quantity: 9000, Unit: "aansluitingen", Status: procurement.DemandSubmitted},
	} {
		d.CategoryID, d.DesiredStart = f.Category, contracts.NewDate(2027, 9, 1)
		if _, err := ta.procurement.CreateDemand(ctx, contracts.Everyone(), d); err != nil {
			t.Fatal(err)
		}
	}
	var got struct{ Added, Participants int }
	call(t, ta, "coordinator", "POST", fmt.Sprintf("/api/v1/tenders/%d/participants/from-demand", f.Tender), "", 200, &got)
	if got.Added != 1 || got.Participants != 3 {
		t.Fatalf("added %d, participants %d; want 1 (Súdwest-Fryslân) and 3", got.Added, got.Participants)
	}
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), f.Tender)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range v.Participants {
		if p.Organization == "GM1900" {
			if p.Annual() != 500*24_000 || p.Mandate.Status != procurement.MandateRequested || p.DemandID == 0 {
				t.Errorf("Súdwest-Fryslân joined with %d a year, mandate %s, demand %d; want %d, requested, its demand", p.Annual(), p.Mandate.Status, p.DemandID, 500*24_000)
			}
			return
		}
	}
	t.Error("Súdwest-Fryslân did not join")
}

// TestTenderGapsInScope: a member sees the gap of its own organization
// only; other participants' contracts are not its to see (DESIGN §6).
func TestTenderGapsInScope(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	var got struct {
		Plan struct {
			Gaps []struct{ Organization string } `json:"gaps"`
		} `json:"plan"`
	}
	path := fmt.Sprintf("/api/v1/tenders/%d", f.Tender)
	call(t, ta, "member", "GET", path, "", 200, &got)
	if len(got.Plan.Gaps) != 1 || got.Plan.Gaps[0].Organization != own {
		t.Errorf("member sees gaps %+v, want Amsterdam's only", got.Plan.Gaps)
	}
	call(t, ta, "coordinator", "GET", path, "", 200, &got)
	if len(got.Plan.Gaps) != 2 {
		t.Errorf("coordinator sees %d gaps, want both participants'", len(got.Plan.Gaps))
	}
}

// TestPolicyBandsPage: the organization page states the procurement-policy
// bands, marked as an assumption until set; a coordinator sets them, and a
// bad amount re-renders with a Dutch message and changes nothing.
func TestPolicyBandsPage(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	_, page := ta.doAs(t, "coordinator", http.MethodGet, "/organisaties/GM0363", nil, "")
	for _, want := range []string{"Enkelvoudig onderhands onder €\u00a050.000,00", "Aanname:", `action="/organisaties/GM0363/inkoopbeleid"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("organization page lacks %q", want)
		}
	}
	_, memberPage := ta.doAs(t, "member", http.MethodGet, "/organisaties/GM0363", nil, "")
	if strings.Contains(string(memberPage), "/inkoopbeleid\"") {
		t.Error("a member gets the policy form")
	}
	form := func(single, multiple string) io.Reader {
		return strings.NewReader(url.Values{"_csrf": {ta.as["coordinator"].csrf}, "enkelvoudig": {single}, "meervoudig": {multiple}}.Encode())
	}
	resp, body := ta.doAs(t, "coordinator", http.MethodPost, "/organisaties/GM0363/inkoopbeleid", form("60.000", "40.000"), "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "boven de grens voor enkelvoudig") {
		t.Fatalf("bands in the wrong order: %d, want 422 with a Dutch message", resp.StatusCode)
	}
	if b, _ := ta.procurement.PolicyBands(context.Background(), "GM0363"); !b.Assumption {
		t.Error("a refused form changed the bands")
	}
	resp, _ = ta.doAs(t, "coordinator", http.MethodPost, "/organisaties/GM0363/inkoopbeleid", form("30.000", "150.000,00"), "application/x-www-form-urlencoded")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("valid bands: %d, want 303", resp.StatusCode)
	}
	b, err := ta.procurement.PolicyBands(context.Background(), "GM0363")
	if err != nil || b.Assumption || b.SingleSourceBelow != 3_000_000 || b.MultiplePrivateBelow != 15_000_000 {
		t.Errorf("bands %+v, %v; want €\u00a030.000 and €\u00a0150.000, set by the organization", b, err)
	}
}

// TestTenderDeadlineChosen: a tender deadline chosen by hand replaces the
// planned one when it respects the legal minimum, and a shorter one is
// refused naming the earliest allowed date, through the API and the form
// (issue 5 item 6, Aw 2012 art. 2.71–2.74a).
func TestTenderDeadlineChosen(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedTender(t, ta)
	base := fmt.Sprintf("/api/v1/tenders/%d", f.Tender)
	body := func(deadline string) string {
		return fmt.Sprintf(`{"title":"Mobiele telefonie 2027","categoryId":%d,"lead":"GM0363","kind":"services","termMonths":48,
			"electronic":true,"documentsOnline":true,"publication":"2027-02-01","tenderDeadline":%q}`, f.Category, deadline)
	}
	// Open procedure, electronic: at least 40 days, so Saturday
	// 13-03-2027, running on to Monday 15-03-2027 (Algemene termijnenwet
	// art. 1).
	before := call(t, ta, "admin", "GET", base, "", 200, nil)
	resp, b := ta.doAs(t, "coordinator", "PUT", base, strings.NewReader(body("2027-03-12")), "application/json")
	if resp.StatusCode != 422 || !strings.Contains(string(b), "2027-03-15") {
		t.Fatalf("a deadline one day short: %d %s, want 422 naming 2027-03-15", resp.StatusCode, b)
	}
	wantProblemFields(t, decodeProblem(t, resp, b), b, []string{"body.tenderDeadline"})
	if after := call(t, ta, "admin", "GET", base, "", 200, nil); string(after) != string(before) {
		t.Error("a refused deadline changed the tender")
	}
	var tr tenderResp
	call(t, ta, "coordinator", "PUT", base, body("2027-03-29"), 200, &tr)
	if tr.milestone("tender_deadline") != "2027-03-29" || tr.milestone("clarification") != "2027-03-19" {
		t.Errorf("deadline %s clarification %s, want the chosen 2027-03-29 and ten days before it", tr.milestone("tender_deadline"), tr.milestone("clarification"))
	}
	form := url.Values{"_csrf": {ta.as["coordinator"].csrf}, "title": {"Mobiele telefonie 2027"}, "categoryId": {fmt.Sprint(f.Category)},
		"lead": {"GM0363"}, "kind": {"services"}, "termMonths": {"48"}, "electronic": {"ja"}, "documentsOnline": {"ja"},
		"publication": {"2027-02-01"}, "tenderDeadline": {"2027-03-01"}}
	resp, page := ta.doAs(t, "coordinator", "POST", fmt.Sprintf("/aanbestedingen/%d/bewerken", f.Tender), strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
	if resp.StatusCode != 422 || !strings.Contains(string(page), "kies 15-03-2027 of later") {
		t.Errorf("the form with a short deadline: %d, want 422 with the earliest date in Dutch", resp.StatusCode)
	}
}
