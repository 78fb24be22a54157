package web_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// termsBody is a contract body for the terms tests, with vendor and the
// terms given as JSON fragments.
func termsBody(number string, vendor int64, terms string) string {
	return fmt.Sprintf(`{"organization":"GM0363","number":%q,"title":"Termijnen","vendorId":%d,%s}`, number, vendor, terms)
}

// TestContractTermsThroughAPI: the month rule, indefinite continuation and
// notice in days entered through the API, with the dates the domain
// computes for the test clock (22-11-2026), and the overdue action in the
// alerts.
func TestContractTermsThroughAPI(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	type want struct {
		InitialEnd, CurrentEnd, CommittedEnd, NoticeDeadline, ActionDate string
		RollingNotice                                                    bool
		NoticeDays                                                       int
		RenewalKind                                                      string
	}
	tests := []struct {
		name  string
		terms string
		want  want
	}{
		{"31-03-2027 + 1 month ends 30-04-2027 (Reg. 1182/71 art. 3(2)(c))",
			`"start":"2027-03-31","initialTermMonths":1,"renewalKind":"none"`,
			want{InitialEnd: "2027-04-30", CurrentEnd: "2027-04-30", CommittedEnd: "2027-04-30", RenewalKind: "none"}},
		{"29-02-2024 + 36 months ends 28-02-2027, tacit with 90 days' notice by 30-11-2026 (DESIGN §4)",
			`"start":"2024-02-29","initialTermMonths":36,"renewalKind":"tacit","renewalPeriodMonths":12,"noticeDays":90`,
			want{InitialEnd: "2027-02-28", CurrentEnd: "2027-02-28", CommittedEnd: "2027-02-28", NoticeDeadline: "2026-11-30",
				ActionDate: "2026-11-30", NoticeDays: 90, RenewalKind: "tacit"}},
		{"indefinite after 24 months, 3 months' notice: notice today ends it at the month end 28-02-2027 (DESIGN §4)",
			`"start":"2024-11-01","initialTermMonths":24,"renewalKind":"indefinite","noticeMonths":3,"leadDays":30`,
			want{InitialEnd: "2026-10-31", CurrentEnd: "2027-02-28", CommittedEnd: "2027-02-28", NoticeDeadline: "2026-11-30",
				RollingNotice: true, RenewalKind: "indefinite"}},
		{"indefinite, notice ending on any day: notice today ends it on 22-02-2027 (DESIGN §4)",
			`"start":"2024-11-01","initialTermMonths":24,"renewalKind":"indefinite","noticeMonths":3,"noticeEndsAnyDay":true`,
			want{InitialEnd: "2026-10-31", CurrentEnd: "2027-02-22", CommittedEnd: "2027-02-22", NoticeDeadline: "2026-11-22",
				RollingNotice: true, RenewalKind: "indefinite"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := ta.do(t, "POST", "/api/v1/contracts", jsonBody(termsBody(fmt.Sprintf("TERM-%d", i), f.Sub, tt.terms)), "application/json")
			if resp.StatusCode != 201 {
				t.Fatalf("POST = %d %s, want 201", resp.StatusCode, b)
			}
			var got want
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatalf("contract %s: %v", b, err)
			}
			if got != tt.want {
				t.Errorf("POST %s\n got  %+v\n want %+v", tt.terms, got, tt.want)
			}
		})
	}
}

// TestOverdueActionAlertThroughAPI: a contract whose action date passed
// while its notice deadline has not is listed as an overdue action dated
// today, even when the deadline lies beyond the window (DESIGN §4).
func TestOverdueActionAlertThroughAPI(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	// 29-02-2024 + 36 months ends 28-02-2027; 90 days' notice by
	// 30-11-2026; 30 lead days: act by 31-10-2026, before today.
	body := termsBody("LAAT-1", f.Sub, `"start":"2024-02-29","initialTermMonths":36,"renewalKind":"tacit","renewalPeriodMonths":12,"noticeDays":90,"leadDays":30`)
	resp, b := ta.do(t, "POST", "/api/v1/contracts", jsonBody(body), "application/json")
	if resp.StatusCode != 201 {
		t.Fatalf("POST = %d %s", resp.StatusCode, b)
	}
	id := decodeContract(t, b).ID
	resp, b = ta.do(t, "GET", "/api/v1/alerts?within=3d&organization=GM0363", nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET alerts = %d %s", resp.StatusCode, b)
	}
	var page struct {
		Items []struct {
			Kind, Date, ActionDate, Deadline, What string
			Overdue                                bool
			Contract                               struct{ ID int64 }
		}
	}
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range page.Items {
		if a.Contract.ID != id {
			continue
		}
		found = true
		if a.Kind != "action" || !a.Overdue || a.Date != "2026-11-22" || a.ActionDate != "2026-10-31" || a.Deadline != "2026-11-30" {
			t.Errorf("alert = %+v, want an overdue action dated 2026-11-22 for action date 2026-10-31 and deadline 2026-11-30", a)
		}
	}
	if !found {
		t.Errorf("alerts %s: no overdue action for contract %d", b, id)
	}
	resp, b = ta.do(t, "GET", "/", nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET / = %d", resp.StatusCode)
	}
	if !strings.Contains(string(b), "Begin nu") {
		t.Errorf("dashboard does not say start now (Begin nu)")
	}
}

// TestContractNoticeBadInput: notice in months and in days, or a
// negative notice, is a 422 naming each field; nothing is written.
func TestContractNoticeBadInput(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	f := seedRegister(t, ta)
	own := fmt.Sprintf("/api/v1/contracts/%d", f.Own)
	base := `"start":"2023-02-01","initialTermMonths":36,"renewalKind":"tacit","renewalPeriodMonths":12`
	tests := []struct {
		name, method, path, body string
		fields                   []string
	}{
		{"notice in months and in days (DESIGN §4)", "POST", "/api/v1/contracts",
			termsBody("FOUT-1", f.Sub, base+`,"noticeMonths":3,"noticeDays":90`), []string{"body.noticeMonths", "body.noticeDays"}},
		{"negative notice in days", "POST", "/api/v1/contracts",
			termsBody("FOUT-2", f.Sub, base+`,"noticeDays":-1`), []string{"body.noticeDays"}},
		{"negative notice in months", "POST", "/api/v1/contracts",
			termsBody("FOUT-3", f.Sub, base+`,"noticeMonths":-3`), []string{"body.noticeMonths"}},
		{"indefinite with a renewal period", "POST", "/api/v1/contracts",
			termsBody("FOUT-4", f.Sub, `"start":"2023-02-01","initialTermMonths":36,"renewalKind":"indefinite","renewalPeriodMonths":12`),
			[]string{"body.renewalKind"}},
		{"patch: days beside the stored months", "PATCH", own, `{"noticeDays":90}`, []string{"body.noticeMonths", "body.noticeDays"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := registerState(t, ta)
			resp, b := ta.do(t, tt.method, tt.path, jsonBody(tt.body), "application/json")
			if resp.StatusCode != 422 {
				t.Fatalf("%s %s = %d %s, want 422", tt.method, tt.path, resp.StatusCode, b)
			}
			wantProblemFields(t, decodeProblem(t, resp, b), b, tt.fields)
			if after := registerState(t, ta); after != before {
				t.Errorf("the register changed")
			}
		})
	}
}
