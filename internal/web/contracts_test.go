package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// registerFixture names what seedRegister created.
type registerFixture struct {
	// Vendors: Group is the top of a group with subsidiary Sub; Other a
	// vendor of its own; Spare has no contracts (so it may be deleted).
	Group, Sub, Other, Spare int64
	// Own is a contract of GM0363 (the scoped test users' organization),
	// OtherOrg one of GM0518; Express a second GM0363 contract, whose
	// option decision (31-12-2026) lies within 90 days of the test clock.
	Own, OtherOrg, Express int64
	Category               int64
}

// glpi15893 is the contract of GLPI issue #15893: 36 months from
// 1 February 2023, then tacit yearly renewals with 3 months' notice.
func glpi15893(org string, vendor int64) contracts.Contract {
	return contracts.Contract{Organization: org, Number: "AMS-2023-001", Title: "Zaaksysteem", VendorID: vendor,
		CPV: "48000000-8", Start: contracts.NewDate(2023, 2, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit,
		RenewalPeriodMonths: 12, NoticeMonths: 3, LeadDays: 30, AnnualValue: 4_850_000, Status: contracts.StatusActive,
		Exit: contracts.ExitFacts{ExitPlan: true, Interfaces: 4, BusinessCritical: true}}
}

// seedRegister fills a test app's register with three vendor groups and
// contracts of the own (GM0363) and another (GM0518) organization. The
// ids are stable in a fresh database, so other tests (the access matrix)
// can use them too.
func seedRegister(t testing.TB, ta testApp) registerFixture {
	t.Helper()
	ctx := context.Background()
	var f registerFixture
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	f.Group = must(ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Centrix Groep", KVK: "12345678"}))
	f.Sub = must(ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Centrix Nederland", KVK: "23456789", ParentID: f.Group}))
	f.Other = must(ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Roze Rots", KVK: "34567890"}))
	f.Spare = must(ta.svc.CreateVendor(ctx, contracts.Vendor{Name: "Ongebruikt", Country: "BE"}))
	f.Category = must(ta.svc.CreateCategory(ctx, contracts.Category{Name: "Zaaksystemen", CPV: []string{"48000000-8"}}))

	own := glpi15893("GM0363", f.Sub)
	own.CategoryID = f.Category
	f.Own = must(ta.svc.CreateContract(ctx, contracts.Everyone(), own, []contracts.LicenceLine{
		{Product: "Zaaksysteem gebruikers", Metric: contracts.MetricNamedUser, Quantity: 250, SeatsInUse: 270, UnitPrice: 12_500, PricePeriod: contracts.PerYear},
		{Product: "Koppelingen", Metric: contracts.MetricEnterprise, Quantity: contracts.Unlimited, SeatsInUse: -1, UnitPrice: 1_000_000, PricePeriod: contracts.Once},
	}))
	other := contracts.Contract{Organization: "GM0518", Number: "DH-2024-7", Title: "Telefonie", VendorID: f.Other, CPV: "64210000-1",
		Start: contracts.NewDate(2024, 1, 1), InitialTermMonths: 48, RenewalKind: contracts.RenewalNone, NoticeMonths: 3,
		AnnualValue: 1_200_000, Status: contracts.StatusActive}
	f.OtherOrg = must(ta.svc.CreateContract(ctx, contracts.Everyone(), other, nil))
	express := contracts.Contract{Organization: "GM0363", Number: "AMS-2024-009", Title: "Werkplekbeheer", VendorID: f.Group,
		Start: contracts.NewDate(2025, 7, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalExpress, RenewalPeriodMonths: 12,
		MaxRenewals: 2, NoticeMonths: 6, LeadDays: 14, AnnualValue: 9_000_000, Status: contracts.StatusActive}
	f.Express = must(ta.svc.CreateContract(ctx, contracts.Everyone(), express, nil))
	return f
}

// registerState renders every contract with its lines and every vendor,
// so a test can see any change.
func registerState(t testing.TB, ta testApp) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	page, err := ta.svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{Sort: contracts.SortNumber, PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, cs := range page.Items {
		d, err := ta.svc.Contract(ctx, contracts.Everyone(), cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(d)
		b.Write(j)
		b.WriteByte('\n')
	}
	vendors, err := ta.svc.Vendors(ctx, contracts.Everyone(), contracts.VendorFilter{PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	j, _ := json.Marshal(vendors)
	b.Write(j)
	return b.String()
}

func jsonBody(s string) io.Reader { return strings.NewReader(s) }

// contractResponse is the part of a contract's JSON the tests read.
type contractResponse struct {
	ID                                     int64
	Organization, OrganizationName, Number string
	Title                                  string
	VendorName, VendorGroupName            string
	InitialEnd, CurrentEnd, CommittedEnd   string
	NoticeDeadline, ActionDate             string
	OptionDecision, MaxExtent, FinalEnd    string
	NoticeMissed, Expired, OverQuota       bool
	Renewals                               int
	AnnualValue                            int64
	LicenceLines                           []struct {
		Product    string
		Quantity   int
		SeatsInUse int
		UnitPrice  int64
		OverQuota  bool
	}
}

func decodeContract(t testing.TB, b []byte) contractResponse {
	t.Helper()
	var c contractResponse
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatalf("contract %s: %v", b, err)
	}
	return c
}

const glpiBody = `{"organization":"GM0363","number":"AMS-2023-001","title":"Zaaksysteem","vendorId":%d,"cpv":"48000000-8",
	"start":"2023-02-01","initialTermMonths":36,"renewalKind":"tacit","renewalPeriodMonths":12,"noticeMonths":3,"leadDays":30,
	"annualValue":4850000,"exitPlan":true,"interfaces":4,
	"licenceLines":[{"product":"Zaaksysteem gebruikers","metric":"named_user","quantity":250,"seatsInUse":270,"unitPrice":12500,"pricePeriod":"year"},
		{"product":"Koppelingen","metric":"enterprise","quantity":-1,"unitPrice":1000000,"pricePeriod":"once"}]}`

// TestContractLifecycleThroughAPI: the GLPI #15893 contract entered
// through the API shows the dates the domain computes for the test clock
// (22-11-2026), and survives a patch and a delete.
func TestContractLifecycleThroughAPI(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	today := contracts.DateOf(fixedNow())
	want := glpi15893("GM0363", f.Sub).Dates(today)
	// As of 22-11-2026 the initial end (31-01-2026) has passed and the
	// deadline for 31-01-2027 (31-10-2026) too: committed to 31-01-2028,
	// next deadline 31-10-2027 (GLPI #23084: after a renewal the deadline
	// follows the renewed end), action 30 days earlier (GLPI #12620).
	if want.CurrentEnd.String() != "2027-01-31" || want.CommittedEnd.String() != "2028-01-31" ||
		want.NoticeDeadline.String() != "2027-10-31" || !want.NoticeMissed || want.ActionDate.String() != "2027-10-01" {
		t.Fatalf("contracts.Dates for GLPI #15893 on %s = %+v; the expectations below assume otherwise", today, want)
	}

	body := fmt.Sprintf(strings.Replace(glpiBody, "AMS-2023-001", "AMS-2023-099", 1), f.Sub)
	resp, b := ta.doAs(t, "admin", "POST", "/api/v1/contracts", jsonBody(body), "application/json")
	if resp.StatusCode != 201 {
		t.Fatalf("POST /api/v1/contracts = %d %s", resp.StatusCode, b)
	}
	got := decodeContract(t, b)
	if loc := resp.Header.Get("Location"); loc != fmt.Sprintf("/api/v1/contracts/%d", got.ID) {
		t.Errorf("Location = %q, want the new contract", loc)
	}
	checkDates := func(what string, got contractResponse, want contracts.Dates) {
		t.Helper()
		pairs := [][2]string{
			{got.InitialEnd, want.InitialEnd.String()}, {got.CurrentEnd, want.CurrentEnd.String()},
			{got.CommittedEnd, want.CommittedEnd.String()}, {got.NoticeDeadline, want.NoticeDeadline.String()},
			{got.ActionDate, want.ActionDate.String()}, {got.OptionDecision, want.OptionDecision.String()},
			{got.MaxExtent, want.MaxExtent.String()}, {got.FinalEnd, want.FinalEnd.String()},
		}
		for i, p := range pairs {
			if p[0] != p[1] {
				t.Errorf("%s: date %d = %q, want %q (%+v)", what, i, p[0], p[1], got)
			}
		}
		if got.NoticeMissed != want.NoticeMissed || got.Expired != want.Expired || got.Renewals != want.Renewals {
			t.Errorf("%s: noticeMissed %v expired %v renewals %d, want %v %v %d", what, got.NoticeMissed, got.Expired, got.Renewals,
				want.NoticeMissed, want.Expired, want.Renewals)
		}
	}
	checkDates("created", got, want)
	if got.OrganizationName != "Amsterdam" || got.VendorName != "Centrix Nederland" || got.VendorGroupName != "Centrix Groep" ||
		got.AnnualValue != 4_850_000 || !got.OverQuota || len(got.LicenceLines) != 2 ||
		!got.LicenceLines[0].OverQuota || got.LicenceLines[1].Quantity != -1 || got.LicenceLines[1].SeatsInUse != -1 {
		t.Errorf("created = %s, want names, value in cents and the over-quota line flagged", b)
	}

	path := fmt.Sprintf("/api/v1/contracts/%d", got.ID)
	resp, b = ta.doAs(t, "admin", "GET", path, nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d %s", path, resp.StatusCode, b)
	}
	checkDates("read back", decodeContract(t, b), want)

	// Notice given on 1 December 2026 is too late for 31-01-2027's
	// deadline and in time for 31-01-2028's: that becomes the final end.
	resp, b = ta.doAs(t, "admin", "PATCH", path, jsonBody(`{"noticeGivenOn":"2026-12-01"}`), "application/json")
	if resp.StatusCode != 200 {
		t.Fatalf("PATCH %s = %d %s", path, resp.StatusCode, b)
	}
	patched := glpi15893("GM0363", f.Sub)
	patched.NoticeGivenOn = contracts.NewDate(2026, 12, 1)
	got = decodeContract(t, b)
	checkDates("after notice", got, patched.Dates(today))
	if got.FinalEnd != "2028-01-31" || got.NoticeDeadline != "" || got.Title != "Zaaksysteem" || len(got.LicenceLines) != 2 {
		t.Errorf("patched = %s, want final end 31-01-2028, no deadline, other fields and lines kept", b)
	}
	resp, b = ta.doAs(t, "admin", "PATCH", path, jsonBody(`{"licenceLines":[]}`), "application/json")
	if got := decodeContract(t, b); resp.StatusCode != 200 || len(got.LicenceLines) != 0 || got.OverQuota {
		t.Errorf("PATCH licenceLines [] = %d %s, want no lines left", resp.StatusCode, b)
	}

	resp, b = ta.doAs(t, "admin", "DELETE", path, nil, "")
	if resp.StatusCode != 204 {
		t.Errorf("DELETE %s = %d %s, want 204", path, resp.StatusCode, b)
	}
	resp, b = ta.doAs(t, "admin", "GET", path, nil, "")
	if p := decodeProblem(t, resp, b); resp.StatusCode != 404 || p.Status != 404 {
		t.Errorf("GET deleted = %d %s, want 404 problem", resp.StatusCode, b)
	}
}

func TestVendorLifecycleThroughAPI(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	resp, b := ta.doAs(t, "coordinator", "POST", "/api/v1/vendors",
		jsonBody(fmt.Sprintf(`{"name":"Centrix Cloud","kvk":"45678901","parentId":%d}`, f.Sub)), "application/json")
	if resp.StatusCode != 201 {
		t.Fatalf("POST /api/v1/vendors = %d %s", resp.StatusCode, b)
	}
	var v struct {
		ID                    int64
		Name, KVK, Country    string
		ParentName, GroupName string
		GroupID               int64
		Contracts             int
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v.Country != "NL" || v.ParentName != "Centrix Nederland" || v.GroupID != f.Group || v.GroupName != "Centrix Groep" {
		t.Errorf("created = %s, want country NL and the group's top as its group", b)
	}
	path := fmt.Sprintf("/api/v1/vendors/%d", v.ID)
	resp, b = ta.doAs(t, "admin", "PATCH", path, jsonBody(`{"parentId":0,"country":"DE"}`), "application/json")
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"groupName":"Centrix Cloud"`) || !strings.Contains(string(b), `"kvk":"45678901"`) ||
		!strings.Contains(string(b), `"country":"DE"`) {
		t.Errorf("PATCH = %d %s, want its own group, KvK kept", resp.StatusCode, b)
	}
	resp, b = ta.doAs(t, "coordinator", "PATCH", path, jsonBody(`{"street":"Stationsplein 8","postcode":"3818 LE","city":"Amersfoort","country":"NL"}`), "application/json")
	if resp.StatusCode != 200 || !strings.Contains(string(b), `"city":"Amersfoort"`) || !strings.Contains(string(b), `"postcode":"3818 LE"`) {
		t.Errorf("PATCH address = %d %s, want the address back", resp.StatusCode, b)
	}
	resp, b = ta.doAs(t, "coordinator", "PATCH", path, jsonBody(`{"postcode":"3818"}`), "application/json")
	if p := decodeProblem(t, resp, b); resp.StatusCode != 422 || len(p.Errors) != 1 || p.Errors[0].Location != "body.postcode" {
		t.Errorf("PATCH a bad Dutch postcode = %d %s, want 422 naming postcode", resp.StatusCode, b)
	}
	if _, b = ta.doAs(t, "member", "GET", path, nil, ""); !strings.Contains(string(b), `"street":"Stationsplein 8"`) {
		t.Errorf("GET %s = %s, want the address kept", path, b)
	}
	resp, b = ta.doAs(t, "member", "GET", "/api/v1/vendors?q=centrix", nil, "")
	var page struct {
		Items []struct {
			Name      string
			GroupName string
			Contracts int
		}
		Total int
	}
	if err := json.Unmarshal(b, &page); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET /api/v1/vendors?q=centrix = %d %s (%v)", resp.StatusCode, b, err)
	}
	if page.Total != 3 || page.Items[0].Name != "Centrix Cloud" || page.Items[2].Name != "Centrix Nederland" || page.Items[2].Contracts != 1 ||
		page.Items[2].GroupName != "Centrix Groep" {
		t.Errorf("vendors matching centrix = %s, want 3 by name with group and contract count", b)
	}
	resp, b = ta.doAs(t, "admin", "DELETE", path, nil, "")
	if resp.StatusCode != 204 {
		t.Errorf("DELETE %s = %d %s", path, resp.StatusCode, b)
	}
	resp, b = ta.doAs(t, "admin", "DELETE", fmt.Sprintf("/api/v1/vendors/%d", f.Group), nil, "")
	if p := decodeProblem(t, resp, b); resp.StatusCode != 409 || p.Status != 409 {
		t.Errorf("DELETE a vendor with subsidiaries and contracts = %d %s, want 409", resp.StatusCode, b)
	}
}

// TestContractBadInputChangesNothing covers the bad input the contract
// register issue names, and more: each answers 422 (or the status given)
// problem+json naming every invalid field, and writes nothing.
func TestContractBadInputChangesNothing(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	good := func(edit func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(fmt.Sprintf(glpiBody, f.Sub)), &m); err != nil {
			t.Fatal(err)
		}
		m["number"] = "NIEUW-1"
		edit(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	line := func(m map[string]any, i int) map[string]any { return m["licenceLines"].([]any)[i].(map[string]any) }
	own, spare := fmt.Sprintf("/api/v1/contracts/%d", f.Own), fmt.Sprintf("/api/v1/vendors/%d", f.Spare)
	tests := []struct {
		name       string
		method     string
		path       string
		body       string
		wantStatus int
		wantFields []string
	}{
		{"end before start: an initial term of 0 months", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { m["initialTermMonths"] = 0 }), 422, []string{"body.initialTermMonths"}},
		{"notice longer than the term", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { m["noticeMonths"] = 48 }), 422, []string{"body.noticeMonths"}},
		{"notice longer than the renewal period", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { m["noticeMonths"] = 13 }), 422, []string{"body.noticeMonths"}},
		{"unknown organization", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { m["organization"] = "GM9999" }), 422, []string{"body.organization"}},
		{"unknown vendor", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { m["vendorId"] = 9999 }), 422, []string{"body.vendorId"}},
		{"negative price", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { line(m, 0)["unitPrice"] = -1 }), 422, []string{"body.licenceLines[0].unitPrice"}},
		{"negative annual value", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { m["annualValue"] = -100 }), 422, []string{"body.annualValue"}},
		{"unknown renewal kind", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { m["renewalKind"] = "monthly" }), 422, []string{"body.renewalKind"}},
		{"licence line ending before it starts", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { line(m, 1)["start"] = "2024-01-01"; line(m, 1)["end"] = "2023-12-31" }), 422,
			[]string{"body.licenceLines[1].end"}},
		{"several problems at once are all listed", "POST", "/api/v1/contracts",
			good(func(m map[string]any) {
				m["organization"], m["vendorId"], m["renewalKind"], m["title"] = "GM9999", 9999, "monthly", ""
				line(m, 0)["unitPrice"], line(m, 1)["metric"] = -1, "seat"
			}), 422,
			[]string{"body.organization", "body.vendorId", "body.renewalKind", "body.title", "body.licenceLines[0].unitPrice", "body.licenceLines[1].metric"}},
		{"a date that does not parse is listed with the other problems", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { m["start"], m["noticeMonths"] = "01-02-2023", 48 }), 422, []string{"body.start", "body.noticeMonths"}},
		{"duplicate number within the organization", "POST", "/api/v1/contracts",
			good(func(m map[string]any) { m["number"] = "AMS-2023-001" }), 422, []string{"body.number"}},
		{"missing required fields", "POST", "/api/v1/contracts", `{"licenceLines":[]}`, 422,
			[]string{"body.organization", "body.number", "body.title", "body.vendorId", "body.start", "body.initialTermMonths", "body.renewalKind"}},
		{"patch: notice longer than the term", "PATCH", own, `{"noticeMonths":40,"renewalPeriodMonths":48}`, 422, []string{"body.noticeMonths"}},
		{"patch: negative price in the new lines", "PATCH", own,
			`{"licenceLines":[{"product":"X","metric":"device","quantity":1,"unitPrice":-5,"pricePeriod":"month"}]}`, 422,
			[]string{"body.licenceLines[0].unitPrice"}},
		{"patch: unknown vendor", "PATCH", own, `{"vendorId":9999}`, 422, []string{"body.vendorId"}},
		{"patch of an unknown contract", "PATCH", "/api/v1/contracts/9999", `{"title":"X"}`, 404, nil},
		{"KvK of 7 digits", "POST", "/api/v1/vendors", `{"name":"Zevencijfers B.V.","kvk":"1234567"}`, 422, []string{"body.kvk"}},
		{"vendor: several problems at once", "POST", "/api/v1/vendors", `{"name":" ","kvk":"12","country":"Nederland"}`, 422,
			[]string{"body.name", "body.kvk", "body.country"}},
		{"vendor: unknown parent", "POST", "/api/v1/vendors", `{"name":"Wees","parentId":9999}`, 422, []string{"body.parentId"}},
		{"vendor: duplicate KvK", "POST", "/api/v1/vendors", `{"name":"Kopie","kvk":"12345678"}`, 422, []string{"body.kvk"}},
		{"vendor patch: KvK of 7 digits", "PATCH", spare, `{"kvk":"7654321"}`, 422, []string{"body.kvk"}},
		{"vendor patch: a group cannot own itself", "PATCH", fmt.Sprintf("/api/v1/vendors/%d", f.Group),
			fmt.Sprintf(`{"parentId":%d}`, f.Sub), 422, []string{"body.parentId"}},
		{"vendor with contracts cannot be deleted", "DELETE", fmt.Sprintf("/api/v1/vendors/%d", f.Other), "", 409, nil},
		{"filter: date not ISO", "GET", "/api/v1/contracts?noticeBefore=31-10-2027", "", 422, []string{"query.noticeBefore"}},
		{"filter: unknown renewal kind", "GET", "/api/v1/contracts?renewalKind=monthly", "", 422, []string{"query.renewalKind"}},
		{"filter: unknown sort", "GET", "/api/v1/contracts?sort=price", "", 422, []string{"query.sort"}},
		{"not a contract id", "GET", "/api/v1/contracts/abc", "", 422, []string{"path.id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := registerState(t, ta)
			var body io.Reader
			if tt.body != "" {
				body = jsonBody(tt.body)
			}
			resp, b := ta.doAs(t, "admin", tt.method, tt.path, body, "application/json")
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("%s %s = %d %s, want %d", tt.method, tt.path, resp.StatusCode, b, tt.wantStatus)
			}
			wantProblemFields(t, decodeProblem(t, resp, b), b, tt.wantFields)
			if after := registerState(t, ta); after != before {
				t.Errorf("the register changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestContractScope: a user scoped to one organization reads and changes
// only its own contracts (403 for another's, nothing written); finance and
// management never write; the unscoped read everything.
func TestContractScope(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	own, other := fmt.Sprintf("/api/v1/contracts/%d", f.Own), fmt.Sprintf("/api/v1/contracts/%d", f.OtherOrg)
	newContract := func(org string) string {
		return fmt.Sprintf(`{"organization":%q,"number":"SCOPE-1","title":"Printers","vendorId":%d,"start":"2025-01-01","initialTermMonths":12,"renewalKind":"none"}`,
			org, f.Other)
	}
	tests := []struct {
		name       string
		who        string
		method     string
		path       string
		body       string
		wantStatus int
	}{
		{"member reads its own contract", "member", "GET", own, "", 200},
		{"member cannot read another organization's contract", "member", "GET", other, "", 403},
		{"scoped finance cannot read another organization's contract", "finance", "GET", other, "", 403},
		{"finance for all reads any contract", "finance-all", "GET", other, "", 200},
		{"member cannot filter on another organization", "member", "GET", "/api/v1/contracts?organization=GM0518", "", 403},
		{"member filters on its own organization", "member", "GET", "/api/v1/contracts?organization=GM0363", "", 200},
		{"member cannot create for another organization", "member", "POST", "/api/v1/contracts", newContract("GM0518"), 403},
		{"member cannot create for another organization, even with bad input", "member", "POST", "/api/v1/contracts",
			strings.Replace(newContract("GM0518"), "2025-01-01", "1-1-2025", 1), 403},
		{"member cannot update another organization's contract", "member", "PATCH", other, `{"title":"Gekaapt"}`, 403},
		{"member cannot update another organization's contract, even with bad input", "member", "PATCH", other, `{"start":"gisteren"}`, 403},
		{"member cannot move its contract to another organization", "member", "PATCH", own, `{"organization":"GM0518"}`, 403},
		{"member cannot delete another organization's contract", "member", "DELETE", other, "", 403},
		{"management never writes", "management", "POST", "/api/v1/contracts", newContract("GM0363"), 403},
		{"management for all never writes", "management-all", "PATCH", own, `{"title":"Nieuw"}`, 403},
		{"finance never deletes", "finance", "DELETE", own, "", 403},
		{"finance for all never deletes", "finance-all", "DELETE", other, "", 403},
		{"member cannot register vendors", "member", "POST", "/api/v1/vendors", `{"name":"Eigen keus"}`, 403},
		{"nobody is asked to log in", "", "GET", "/api/v1/contracts", "", 401},
		{"member creates for its own organization", "member", "POST", "/api/v1/contracts", newContract("GM0363"), 201},
		{"member updates its own contract", "member", "PATCH", own, `{"title":"Zaaksysteem (nieuw)"}`, 200},
		{"member deletes its own contract", "member", "DELETE", own, "", 204},
		{"coordinator changes any organization's contract", "coordinator", "PATCH", other, `{"title":"Vaste telefonie"}`, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := registerState(t, ta)
			var body io.Reader
			if tt.body != "" {
				body = jsonBody(tt.body)
			}
			resp, b := ta.doAs(t, tt.who, tt.method, tt.path, body, "application/json")
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("%s %s as %q = %d %s, want %d", tt.method, tt.path, tt.who, resp.StatusCode, b, tt.wantStatus)
			}
			if tt.wantStatus >= 400 {
				if p := decodeProblem(t, resp, b); p.Status != tt.wantStatus {
					t.Errorf("problem status %d, want %d", p.Status, tt.wantStatus)
				}
				if after := registerState(t, ta); after != before {
					t.Errorf("refused (%d) but the register changed:\nbefore %s\nafter  %s", tt.wantStatus, before, after)
				}
			}
		})
	}

	lists := []struct {
		who  string
		want []string
	}{
		{"member", []string{"GM0363"}},
		{"management", []string{"GM0363"}},
		{"finance-all", []string{"GM0363", "GM0518"}},
		{"management-all", []string{"GM0363", "GM0518"}},
	}
	for _, l := range lists {
		resp, b := ta.doAs(t, l.who, "GET", "/api/v1/contracts", nil, "")
		var page struct {
			Items []struct{ Organization string }
			Total int
		}
		if err := json.Unmarshal(b, &page); err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET /api/v1/contracts as %s = %d %s (%v)", l.who, resp.StatusCode, b, err)
		}
		var orgs []string
		for _, it := range page.Items {
			if !slices.Contains(orgs, it.Organization) {
				orgs = append(orgs, it.Organization)
			}
		}
		sort.Strings(orgs)
		if !slices.Equal(orgs, l.want) || page.Total != len(page.Items) {
			t.Errorf("GET /api/v1/contracts as %s lists organizations %v (total %d of %d items), want %v", l.who, orgs, page.Total, len(page.Items), l.want)
		}
	}
}

// TestContractFilters: the list's filters and sorts return the right rows
// (dates as of 22-11-2026).
func TestContractFilters(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	tests := []struct {
		name string
		who  string
		path string
		want []string // contract numbers, in order
	}{
		{"default: next notice deadline first, then the rest by current end", "admin", "/api/v1/contracts",
			[]string{"AMS-2023-001", "AMS-2024-009", "DH-2024-7"}},
		{"vendor group: the group's own contracts and its subsidiaries'", "admin", fmt.Sprintf("/api/v1/contracts?vendorGroup=%d&sort=number", f.Group),
			[]string{"AMS-2023-001", "AMS-2024-009"}},
		{"vendor: only that vendor", "admin", fmt.Sprintf("/api/v1/contracts?vendor=%d", f.Sub), []string{"AMS-2023-001"}},
		{"noticeBefore: deadline on or before the date (31-10-2027 included)", "admin", "/api/v1/contracts?noticeBefore=2027-10-31",
			[]string{"AMS-2023-001"}},
		{"noticeBefore: the day before excludes it", "admin", "/api/v1/contracts?noticeBefore=2027-10-30", []string{}},
		{"renewalKind none", "admin", "/api/v1/contracts?renewalKind=none", []string{"DH-2024-7"}},
		{"renewalKind express", "admin", "/api/v1/contracts?renewalKind=express", []string{"AMS-2024-009"}},
		{"endsBefore", "admin", "/api/v1/contracts?endsBefore=2027-07-01&sort=end", []string{"AMS-2023-001", "AMS-2024-009"}},
		{"category", "admin", fmt.Sprintf("/api/v1/contracts?category=%d", f.Category), []string{"AMS-2023-001"}},
		{"cpv prefix", "admin", "/api/v1/contracts?cpv=6421", []string{"DH-2024-7"}},
		{"organization", "admin", "/api/v1/contracts?organization=GM0518", []string{"DH-2024-7"}},
		{"search in the vendor name", "admin", "/api/v1/contracts?q=roze", []string{"DH-2024-7"}},
		{"sort by value, highest first", "admin", "/api/v1/contracts?sort=value", []string{"AMS-2024-009", "AMS-2023-001", "DH-2024-7"}},
		{"sort by title", "admin", "/api/v1/contracts?sort=title", []string{"DH-2024-7", "AMS-2024-009", "AMS-2023-001"}},
		{"paging keeps the total", "admin", "/api/v1/contracts?sort=number&page=2&pageSize=2", []string{"DH-2024-7"}},
		{"scope and a filter together", "member", "/api/v1/contracts?renewalKind=none", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d %s", tt.path, resp.StatusCode, b)
			}
			var page struct {
				Items []struct {
					Number         string
					NoticeDeadline string
				}
				Total int
			}
			if err := json.Unmarshal(b, &page); err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, it := range page.Items {
				got = append(got, it.Number)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("GET %s = %v, want %v", tt.path, got, tt.want)
			}
			if strings.Contains(tt.path, "page=2") && page.Total != 3 {
				t.Errorf("GET %s: total %d, want 3", tt.path, page.Total)
			}
		})
	}
}

// TestContractPages: the contract and vendor pages render in Dutch, with
// the deadlines, their explanation and the over-quota flag.
func TestContractPages(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	tests := []struct {
		name    string
		who     string
		path    string
		status  int
		want    []string
		notWant []string
	}{
		{"list: notice deadlines and flags", "admin", "/contracten", 200,
			[]string{"3 contracten", "Opzeggen uiterlijk", "31-10-2027", "termijn gemist: loopt tot 31-01-2028", "licenties overschreden",
				"€\u00a048.500,00", "Amsterdam", "&#39;s-Gravenhage", "Nieuw contract", `<caption`, `scope="col"`,
				`href="/contracten/importeren">Contracten importeren</a>`, `href="/contracten/importeren/sjabloon.xlsx" download>Download sjabloon</a>`}, nil},
		{"list: an option decision within 90 days is highlighted", "admin", "/contracten?verlenging=express", 200,
			[]string{"1 contract gevonden", "31-12-2026", "(optie)", "over 39 dagen", "17-12-2026"}, []string{"AMS-2023-001"}},
		{"list: member sees its own organization only, without an organization filter", "member", "/contracten", 200,
			[]string{"2 contracten", "eigen organisatie", "Contracten importeren", "Download sjabloon"}, []string{"DH-2024-7", `id="organisatie"`}},
		{"list: filters are kept in the form", "admin", fmt.Sprintf("/contracten?groep=%d&opzeggenVoor=31-10-2027&sortering=end", f.Group), 200,
			[]string{"1 contract gevonden", `value="2027-10-31"`, `<option value="end" selected>`}, []string{"AMS-2024-009"}},
		{"list: bad filter values are dropped with a notice", "admin", "/contracten?status=kapot&opzeggenVoor=morgen", 200,
			[]string{"3 contracten", "Onbekende status genegeerd", "Ongeldige datum"}, nil},
		{"list: management reads but cannot create", "management-all", "/contracten", 200, []string{"3 contracten"}, []string{"Nieuw contract", "Contracten importeren"}},
		{"detail: dates explained, GIBIT articles named", "admin", fmt.Sprintf("/contracten/%d", f.Own), 200,
			[]string{"Opzeggen uiterlijk 31-10-2027", "Actiedatum 01-10-2027", "(30 dagen interne doorlooptijd)", "De opzegtermijn voor het einde op 31-01-2027 is verstreken",
				"31-01-2026", "GIBIT art. 26", "GIBIT art. 36", "GIBIT art. 20.4", "art. 21 en art. 8", "overschreden", "onbeperkt", "onbekend",
				"/leveranciers/" + fmt.Sprint(f.Sub), "/organisaties/GM0363", "Bewerken", "Verwijderen", "€\u00a0125,00"}, nil},
		{"detail: no edit buttons for finance", "finance", fmt.Sprintf("/contracten/%d", f.Own), 200, []string{"Zaaksysteem"}, []string{"Bewerken", "verwijderen"}},
		{"detail: another organization's contract is refused for a member", "member", fmt.Sprintf("/contracten/%d", f.OtherOrg), 403, []string{"Geen toegang"}, nil},
		{"detail: a contract that does not exist", "admin", "/contracten/9999", 404, []string{"Pagina niet gevonden"}, nil},
		{"detail: not a number", "admin", "/contracten/abc", 404, []string{"Pagina niet gevonden"}, nil},
		{"new form with blank licence rows", "member", "/contracten/nieuw", 200,
			[]string{"Nieuw contract", `name="_csrf"`, `name="licenceLines[2].product"`, `name="organization" value="GM0363"`, `for="f-number"`}, []string{"Kies een organisatie"}},
		{"edit form keeps the values", "admin", fmt.Sprintf("/contracten/%d/bewerken", f.Own), 200,
			[]string{`value="AMS-2023-001"`, `value="2023-02-01"`, `value="48500,00"`, `value="onbeperkt"`, `name="licenceLines[4].product"`, "checked"}, nil},
		{"vendors list", "member", "/leveranciers", 200, []string{"4 leveranciers", "Centrix Nederland", "12345678", "Centrix Groep"}, []string{"Nieuwe leverancier"}},
		{"vendor page: group and contracts in scope", "member", fmt.Sprintf("/leveranciers/%d", f.Group), 200,
			[]string{"Centrix Groep", "alle contracten van de groep", "AMS-2024-009", "van uw organisatie"}, []string{"Bewerken"}},
		{"vendor page: a subsidiary names its group", "admin", fmt.Sprintf("/leveranciers/%d", f.Sub), 200,
			[]string{"Onderdeel van", "Centrix Groep", "AMS-2023-001", "Bewerken"}, nil},
		{"vendor page: a member does not see another organization's contracts", "member", fmt.Sprintf("/leveranciers/%d", f.Other), 200,
			[]string{"Roze Rots", "Geen contracten van uw organisatie"}, []string{"DH-2024-7"}},
		{"new vendor form", "coordinator", "/leveranciers/nieuw", 200, []string{"Nieuwe leverancier", `value="NL"`, "KvK-nummer"}, nil},
		{"edit vendor form", "admin", fmt.Sprintf("/leveranciers/%d/bewerken", f.Sub), 200,
			[]string{`value="Centrix Nederland"`, `name="parentId" type="search" value="Centrix Groep (KvK 12345678)"`}, []string{`<option value="`}},
		{"members do not edit vendors", "member", "/leveranciers/nieuw", 403, []string{"Geen toegang"}, nil},
		{"nav links to the register", "finance", "/contracten", 200, []string{`href="/contracten" aria-current="page"`, `href="/leveranciers"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := ta.doAs(t, tt.who, "GET", tt.path, nil, "")
			body := string(b)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s as %s = %d, want %d\n%s", tt.path, tt.who, resp.StatusCode, tt.status, body)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type = %q, want text/html", ct)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s as %s lacks %q", tt.path, tt.who, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(body, w) {
					t.Errorf("GET %s as %s contains %q", tt.path, tt.who, w)
				}
			}
			if strings.Contains(body, "ZgotmplZ") || strings.Contains(body, "<no value>") {
				t.Errorf("GET %s shows a template error", tt.path)
			}
		})
	}
}

// postForm sends a UI form as who, with the session's CSRF token.
func postForm(t *testing.T, ta testApp, who, path string, form url.Values) (*http.Response, string) {
	t.Helper()
	form.Set("_csrf", ta.as[who].csrf)
	resp, b := ta.doAs(t, who, "POST", path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
	return resp, string(b)
}

// contractForm is a complete, valid form for a new GM0363 contract.
func contractForm(vendor int64) url.Values {
	return url.Values{
		"organization": {"GM0363"}, "number": {"AMS-FORM-1"}, "title": {"Burgerzakensysteem"}, "vendorId": {fmt.Sprint(vendor)},
		"status": {"active"}, "annualValue": {"12.345,67"}, "start": {"01-02-2023"}, "initialTermMonths": {"36"},
		"renewalKind": {"tacit"}, "renewalPeriodMonths": {"12"}, "noticeMonths": {"3"}, "leadDays": {"30"}, "interfaces": {"2"},
		"exitPlan": {"ja"}, "lineRows": {"3"},
		"licenceLines[0].product": {"Gebruikers"}, "licenceLines[0].metric": {"named_user"}, "licenceLines[0].quantity": {"100"},
		"licenceLines[0].seatsInUse": {"120"}, "licenceLines[0].unitPrice": {"45,50"}, "licenceLines[0].pricePeriod": {"year"},
		"licenceLines[1].metric": {"named_user"}, "licenceLines[1].pricePeriod": {"year"},
		"licenceLines[2].product": {"Servers"}, "licenceLines[2].metric": {"device"}, "licenceLines[2].quantity": {"onbeperkt"},
		"licenceLines[2].unitPrice": {"1.000"}, "licenceLines[2].pricePeriod": {"month"},
	}
}

// TestContractForms: a rejected form comes back (422) with every problem
// in Dutch next to its field and the values as typed, and writes nothing;
// a good one saves and redirects (303) to the contract.
func TestContractForms(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)

	before := registerState(t, ta)
	bad := contractForm(f.Other)
	bad.Set("noticeMonths", "48")
	bad.Set("licenceLines[2].unitPrice", "-10")
	bad.Set("licenceLines[0].quantity", "veel")
	bad.Set("maxRenewals", "twee")
	resp, body := postForm(t, ta, "member", "/contracten/nieuw", bad)
	if resp.StatusCode != 422 {
		t.Fatalf("POST bad form = %d, want 422\n%s", resp.StatusCode, body)
	}
	for _, w := range []string{
		"Het contract is niet opgeslagen", "De opzegtermijn mag niet langer zijn dan de eerste looptijd", "De prijs mag niet negatief zijn",
		"Vul een heel getal in", `href="#f-noticeMonths"`, `href="#l2-unitPrice"`, `id="l0-quantity" name="licenceLines[0].quantity" value="veel"`,
		`value="AMS-FORM-1"`, `value="12.345,67"`, `value="01-02-2023"`, `value="twee"`, `aria-invalid="true"`, "Licentieregel 3, prijs per eenheid",
	} {
		if !strings.Contains(body, w) {
			t.Errorf("rejected form lacks %q", w)
		}
	}
	if strings.Contains(body, "must not") || strings.Contains(body, "ZgotmplZ") {
		t.Error("rejected form shows English or a template error")
	}
	if after := registerState(t, ta); after != before {
		t.Errorf("a rejected form changed the register:\nbefore %s\nafter  %s", before, after)
	}

	resp, body = postForm(t, ta, "member", "/contracten/nieuw", contractForm(f.Other))
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/contracten/") {
		t.Fatalf("POST good form = %d (Location %q), want 303 to the contract\n%s", resp.StatusCode, loc, body)
	}
	resp, b := ta.doAs(t, "member", "GET", loc, nil, "")
	page := string(b)
	if resp.StatusCode != 200 || !strings.Contains(page, "Het contract is opgeslagen") || !strings.Contains(page, "Opzeggen uiterlijk 31-10-2027") ||
		!strings.Contains(page, "€\u00a012.345,67") || !strings.Contains(page, "€\u00a045,50") || !strings.Contains(page, "€\u00a01.000,00") {
		t.Errorf("GET %s = %d, want the saved contract with its dates and amounts\n%s", loc, resp.StatusCode, page)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/contracten/"), "?opgeslagen=1")
	d := contractByID(t, ta, id)
	if len(d.Lines) != 2 || d.Lines[1].Quantity != contracts.Unlimited || d.Lines[0].SeatsInUse != 120 || !d.Exit.ExitPlan || d.Exit.OpenData {
		t.Errorf("saved = %+v, want the blank row skipped, unlimited servers and the exit plan", d)
	}

	edit := contractForm(f.Other)
	edit.Set("title", "Burgerzakensysteem 2.0")
	edit.Set("lineRows", "1")
	resp, body = postForm(t, ta, "member", "/contracten/"+id+"/bewerken", edit)
	if resp.StatusCode != 303 {
		t.Fatalf("POST edit = %d, want 303\n%s", resp.StatusCode, body)
	}
	if d := contractByID(t, ta, id); d.Title != "Burgerzakensysteem 2.0" || len(d.Lines) != 1 {
		t.Errorf("edited = %+v, want the new title and one line", d)
	}

	// Another organization's contract: refused before the form is read.
	before = registerState(t, ta)
	for _, path := range []string{fmt.Sprintf("/contracten/%d/bewerken", f.OtherOrg), fmt.Sprintf("/contracten/%d/verwijderen", f.OtherOrg)} {
		resp, _ := postForm(t, ta, "member", path, contractForm(f.Other))
		if resp.StatusCode != 403 {
			t.Errorf("POST %s as member = %d, want 403", path, resp.StatusCode)
		}
	}
	other := contractForm(f.Other)
	other.Set("organization", "GM0518")
	if resp, _ := postForm(t, ta, "member", "/contracten/nieuw", other); resp.StatusCode != 403 {
		t.Errorf("POST /contracten/nieuw for GM0518 as member = %d, want 403", resp.StatusCode)
	}
	if after := registerState(t, ta); after != before {
		t.Errorf("refused forms changed the register:\nbefore %s\nafter  %s", before, after)
	}

	resp, _ = postForm(t, ta, "member", "/contracten/"+id+"/verwijderen", url.Values{})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/contracten?melding=verwijderd" {
		t.Errorf("POST delete = %d %q, want 303 to the list", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, err := ta.svc.Contract(context.Background(), contracts.Everyone(), mustID(t, id)); err == nil {
		t.Error("the deleted contract still exists")
	}
}

func TestVendorForms(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	before := registerState(t, ta)
	resp, body := postForm(t, ta, "coordinator", "/leveranciers/nieuw", url.Values{"name": {"Zevencijfers B.V."}, "kvk": {"1234567"}, "country": {"nl"}})
	if resp.StatusCode != 422 {
		t.Fatalf("POST vendor with a 7-digit KvK = %d, want 422\n%s", resp.StatusCode, body)
	}
	for _, w := range []string{"Een KvK-nummer heeft 8 cijfers", `value="Zevencijfers B.V."`, `value="1234567"`, `href="#f-kvk"`} {
		if !strings.Contains(body, w) {
			t.Errorf("rejected vendor form lacks %q", w)
		}
	}
	if after := registerState(t, ta); after != before {
		t.Errorf("a rejected vendor form changed the register")
	}
	resp, body = postForm(t, ta, "coordinator", "/leveranciers/nieuw",
		url.Values{"name": {"Centrix Cloud"}, "kvk": {"4567 8901"}, "parentId": {fmt.Sprint(f.Group)}, "country": {"nl"}})
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, "/leveranciers/") {
		t.Fatalf("POST good vendor = %d %q, want 303 to the vendor\n%s", resp.StatusCode, loc, body)
	}
	_, b := ta.doAs(t, "coordinator", "GET", loc, nil, "")
	if page := string(b); !strings.Contains(page, "45678901") || !strings.Contains(page, "Centrix Groep") || !strings.Contains(page, "De leverancier is opgeslagen") {
		t.Errorf("GET %s lacks the saved vendor\n%s", loc, page)
	}
	resp, body = postForm(t, ta, "coordinator", "/leveranciers/nieuw",
		url.Values{"name": {"Postcodeloos B.V."}, "country": {"NL"}, "street": {"Stationsplein 8"}, "postcode": {"38 LE"}, "city": {"Amersfoort"}})
	for _, w := range []string{"Geef een postcode als 1011 AB.", `href="#f-postcode"`, `value="Stationsplein 8"`, `value="Amersfoort"`} {
		if resp.StatusCode != 422 || !strings.Contains(body, w) {
			t.Errorf("POST vendor with a bad postcode = %d, want 422 with %q", resp.StatusCode, w)
		}
	}
	edit, _, _ := strings.Cut(loc, "?")
	edit += "/bewerken"
	resp, _ = postForm(t, ta, "coordinator", edit,
		url.Values{"name": {"Centrix Cloud"}, "kvk": {"45678901"}, "parentId": {fmt.Sprint(f.Group)}, "country": {"NL"},
			"street": {"Stationsplein 8"}, "postcode": {"3818le"}, "city": {"Amersfoort"}})
	if resp.StatusCode != 303 {
		t.Errorf("POST the vendor's address = %d, want 303", resp.StatusCode)
	}
	if _, b = ta.doAs(t, "coordinator", "GET", strings.TrimSuffix(edit, "/bewerken"), nil, ""); !strings.Contains(string(b), "Stationsplein 8, 3818LE Amersfoort") {
		t.Errorf("the vendor page does not show the address")
	}
	if _, b = ta.doAs(t, "coordinator", "GET", edit, nil, ""); !strings.Contains(string(b), `value="3818LE"`) || !strings.Contains(string(b), `value="Amersfoort"`) {
		t.Errorf("the edit form does not show the saved address\n%s", b)
	}
	resp, body = postForm(t, ta, "admin", fmt.Sprintf("/leveranciers/%d/bewerken", f.Group),
		url.Values{"name": {"Centrix Groep"}, "kvk": {"12345678"}, "parentId": {fmt.Sprint(f.Sub)}, "country": {"NL"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "een groep kan zichzelf niet bezitten") {
		t.Errorf("POST a group under its own subsidiary = %d, want 422 with the reason\n%s", resp.StatusCode, body)
	}
	// The parent is a search field: the name as the edit form shows it
	// saves unchanged; a text naming several offers them as choices.
	resp, body = postForm(t, ta, "admin", fmt.Sprintf("/leveranciers/%d/bewerken", f.Sub),
		url.Values{"name": {"Centrix Nederland"}, "kvk": {"23456789"}, "parentId": {"Centrix Groep (KvK 12345678)"}, "country": {"NL"}})
	if resp.StatusCode != 303 {
		t.Errorf("POST the edit form as shown = %d, want 303\n%s", resp.StatusCode, body)
	}
	if v, err := ta.svc.Vendor(context.Background(), f.Sub); err != nil || v.ParentID != f.Group {
		t.Errorf("after the edit the parent is %d (%v), want %d", v.ParentID, err, f.Group)
	}
	resp, body = postForm(t, ta, "admin", fmt.Sprintf("/leveranciers/%d/bewerken", f.Spare),
		url.Values{"name": {"Ongebruikt"}, "parentId": {"Centrix"}, "country": {"BE"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "Meerdere leveranciers") || !strings.Contains(body, fmt.Sprintf(`type="radio" name="parentId" value="%d"`, f.Group)) {
		t.Errorf("POST a parent text naming several = %d, want 422 with the choices\n%s", resp.StatusCode, body)
	}
	resp, _ = postForm(t, ta, "admin", fmt.Sprintf("/leveranciers/%d/verwijderen", f.Spare), url.Values{})
	if resp.StatusCode != 303 {
		t.Errorf("POST delete of an unused vendor = %d, want 303", resp.StatusCode)
	}
	resp, _ = postForm(t, ta, "admin", fmt.Sprintf("/leveranciers/%d/verwijderen", f.Other), url.Values{})
	if resp.StatusCode != 409 {
		t.Errorf("POST delete of a vendor with contracts = %d, want 409", resp.StatusCode)
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscan(s, &id); err != nil {
		t.Fatalf("id %q: %v", s, err)
	}
	return id
}

func contractByID(t *testing.T, ta testApp, id string) contracts.ContractDetail {
	t.Helper()
	d, err := ta.svc.Contract(context.Background(), contracts.Everyone(), mustID(t, id))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// registerAccessRows are the access-matrix rows of the contract register's
// routes (DESIGN §6): {contract} is the own organization's contract (org
// own) or another's (org other), {vendor} a vendor without contracts. They
// need the register seedRegister fills.
var registerAccessRows = func() []accessRow {
	ownForm := contractForm(3).Encode()
	otherValues := contractForm(3)
	otherValues.Set("organization", other)
	otherForm := otherValues.Encode()
	vendorForm := url.Values{"name": {"Nieuwe leverancier B.V."}, "kvk": {"87654321"}, "country": {"NL"}}.Encode()
	newContract := func(org string) string {
		return fmt.Sprintf(`{"organization":%q,"number":"MATRIX-1","title":"Printers","vendorId":3,"start":"2025-01-01","initialTermMonths":12,"renewalKind":"none"}`, org)
	}
	//                  nobody admin coord member fin  mgmt fin-all mgmt-all
	all := statuses{401, 200, 200, 200, 200, 200, 200, 200}
	allPages := statuses{303, 200, 200, 200, 200, 200, 200, 200}
	return []accessRow{
		{"API: every role reads vendors", "GET", "/api/v1/vendors", "", "", all},
		{"API: every role reads a vendor", "GET", "/api/v1/vendors/{vendor}", "", "", all},
		{"API: admin and coordinator register vendors", "POST", "/api/v1/vendors", "", `{"name":"Nieuwe leverancier B.V.","kvk":"87654321"}`,
			statuses{401, 201, 201, 403, 403, 403, 403, 403}},
		{"API: admin and coordinator change vendors", "PATCH", "/api/v1/vendors/{vendor}", "", `{"country":"DE"}`,
			statuses{401, 200, 200, 403, 403, 403, 403, 403}},
		{"API: admin and coordinator delete vendors", "DELETE", "/api/v1/vendors/{vendor}", "", "", statuses{401, 204, 204, 403, 403, 403, 403, 403}},
		{"API: every role lists contracts (scoped users their own)", "GET", "/api/v1/contracts", "", "", all},
		{"API: a member registers contracts of its own organization; finance and management never write", "POST", "/api/v1/contracts", own,
			newContract(own), statuses{401, 201, 201, 201, 403, 403, 403, 403}},
		{"API: a member cannot register another organization's contract", "POST", "/api/v1/contracts", other,
			newContract(other), statuses{401, 201, 201, 403, 403, 403, 403, 403}},
		{"API: every role reads its own organization's contract", "GET", "/api/v1/contracts/{contract}", own, "", all},
		{"API: a scoped user cannot read another organization's contract (403)", "GET", "/api/v1/contracts/{contract}", other, "",
			statuses{401, 200, 200, 403, 403, 403, 200, 200}},
		{"API: a member changes its own organization's contract", "PATCH", "/api/v1/contracts/{contract}", own, `{"title":"Gewijzigd"}`,
			statuses{401, 200, 200, 200, 403, 403, 403, 403}},
		{"API: a member cannot change another organization's contract", "PATCH", "/api/v1/contracts/{contract}", other, `{"title":"Gewijzigd"}`,
			statuses{401, 200, 200, 403, 403, 403, 403, 403}},
		{"API: a member deletes its own organization's contract", "DELETE", "/api/v1/contracts/{contract}", own, "",
			statuses{401, 204, 204, 204, 403, 403, 403, 403}},
		{"API: a member cannot delete another organization's contract", "DELETE", "/api/v1/contracts/{contract}", other, "",
			statuses{401, 204, 204, 403, 403, 403, 403, 403}},

		{"UI: every role reads the contract list", "GET", "/contracten", "", "", allPages},
		{"UI: contract editors get the new-contract form", "GET", "/contracten/nieuw", "", "", statuses{303, 200, 200, 200, 403, 403, 403, 403}},
		{"UI: a member registers contracts of its own organization", "POST", "/contracten/nieuw", own, ownForm,
			statuses{401, 303, 303, 303, 403, 403, 403, 403}},
		{"UI: a member cannot register another organization's contract", "POST", "/contracten/nieuw", other, otherForm,
			statuses{401, 303, 303, 403, 403, 403, 403, 403}},
		{"UI: every role reads its own organization's contract", "GET", "/contracten/{contract}", own, "", allPages},
		{"UI: a scoped user cannot read another organization's contract", "GET", "/contracten/{contract}", other, "",
			statuses{303, 200, 200, 403, 403, 403, 200, 200}},
		{"UI: a member edits its own organization's contract", "GET", "/contracten/{contract}/bewerken", own, "",
			statuses{303, 200, 200, 200, 403, 403, 403, 403}},
		{"UI: a member cannot edit another organization's contract", "GET", "/contracten/{contract}/bewerken", other, "",
			statuses{303, 200, 200, 403, 403, 403, 403, 403}},
		{"UI: a member saves its own organization's contract", "POST", "/contracten/{contract}/bewerken", own, ownForm,
			statuses{401, 303, 303, 303, 403, 403, 403, 403}},
		{"UI: a member cannot save another organization's contract", "POST", "/contracten/{contract}/bewerken", other, otherForm,
			statuses{401, 303, 303, 403, 403, 403, 403, 403}},
		{"UI: a member opens the confirmation of deleting its own organization's contract", "GET", "/contracten/{contract}/verwijderen", own, "",
			statuses{303, 200, 200, 200, 403, 403, 403, 403}},
		{"UI: a member cannot open another organization's contract's deletion", "GET", "/contracten/{contract}/verwijderen", other, "",
			statuses{303, 200, 200, 403, 403, 403, 403, 403}},
		{"UI: a member deletes its own organization's contract", "POST", "/contracten/{contract}/verwijderen", own, "",
			statuses{401, 303, 303, 303, 403, 403, 403, 403}},
		{"UI: a member cannot delete another organization's contract", "POST", "/contracten/{contract}/verwijderen", other, "",
			statuses{401, 303, 303, 403, 403, 403, 403, 403}},
		{"UI: every role reads the vendor list", "GET", "/leveranciers", "", "", allPages},
		{"UI: every role reads a vendor", "GET", "/leveranciers/{vendor}", "", "", allPages},
		{"UI: admin and coordinator get the new-vendor form", "GET", "/leveranciers/nieuw", "", "", statuses{303, 200, 200, 403, 403, 403, 403, 403}},
		{"UI: admin and coordinator register vendors", "POST", "/leveranciers/nieuw", "", vendorForm, statuses{401, 303, 303, 403, 403, 403, 403, 403}},
		{"UI: admin and coordinator edit vendors", "GET", "/leveranciers/{vendor}/bewerken", "", "", statuses{303, 200, 200, 403, 403, 403, 403, 403}},
		{"UI: admin and coordinator save vendors", "POST", "/leveranciers/{vendor}/bewerken", "", vendorForm, statuses{401, 303, 303, 403, 403, 403, 403, 403}},
		{"UI: admin and coordinator open the confirmation of a vendor's deletion", "GET", "/leveranciers/{vendor}/verwijderen", "", "", statuses{303, 200, 200, 403, 403, 403, 403, 403}},
		{"UI: admin and coordinator delete vendors", "POST", "/leveranciers/{vendor}/verwijderen", "", "", statuses{401, 303, 303, 403, 403, 403, 403, 403}},
		{"API: a vendor group's reach is for callers scoped to all (issue 6)", "GET", "/api/v1/vendors/{vendor}/reach", "", "", statuses{401, 200, 200, 403, 403, 403, 200, 200}},
	}
}()

// registerRoute fills in the register's path parameters for a row.
func registerRoute(row accessRow, f registerFixture) accessRow {
	contract := f.Own
	if row.org == other {
		contract = f.OtherOrg
	}
	row.route = strings.NewReplacer("{contract}", fmt.Sprint(contract), "{vendor}", fmt.Sprint(f.Spare)).Replace(row.route)
	return row
}

// TestContractAndVendorAccessMatrix sends every register route as every test user
// and nobody, as TestAccessMatrix does, over a seeded register; a refused
// change leaves the register as it was.
func TestContractAndVendorAccessMatrix(t *testing.T) {
	t.Parallel()
	// Reads and refused changes share one app; a change that is let
	// through gets a fresh one (writesThrough).
	shared, sharedF := newSeededApp(t, "seedRegister", seedRegister)
	warmUp(t, shared)
	for _, row := range registerAccessRows {
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
						ta, f = newSeededApp(t, "seedRegister", seedRegister)
					}
					if f.Other != 3 {
						t.Fatalf("the rows name vendor 3 (Roze Rots), seeded as %d", f.Other)
					}
					refusedChange := row.method != http.MethodGet && row.want[i] >= 400
					var before string
					if refusedChange {
						before = registerState(t, ta)
					}
					checkAccess(t, ta, registerRoute(row, f), who, row.want[i])
					if refusedChange {
						if after := registerState(t, ta); after != before {
							t.Errorf("refused (%d) but the register changed:\nbefore %s\nafter  %s", row.want[i], before, after)
						}
					}
				})
			}
		})
	}
}
