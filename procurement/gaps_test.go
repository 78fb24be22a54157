package procurement_test

import (
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

func TestGaps(t *testing.T) {
	t.Parallel()
	d := func(y int, m time.Month, day int) contracts.Date { return contracts.NewDate(y, m, day) }
	today := d(2025, 10, 15)
	start := d(2026, 7, 1) // the joint contract's planned start
	current := func(c contracts.Contract) contracts.ContractSummary {
		c.ID, c.Number, c.Organization = 42, "TEL-2023-01", "GM0363"
		return contracts.ContractSummary{Contract: c, VendorName: "Telecom B.V."}
	}
	tests := []struct {
		name           string
		contract       *contracts.Contract
		start          contracts.Date
		want           procurement.GapKind
		wantEnd        contracts.Date
		wantDays       int
		wantBridgeable bool
		wantUntil      contracts.Date
		wantReason     string
	}{
		{
			name: "DESIGN §4 bundling: no current contract in the category",
			want: procurement.GapNone, wantReason: "geen lopend contract",
		},
		{
			name: "DESIGN §4 renewal maths: ends 30-06-2026, the day before the start → fits (end dates inclusive)",
			// 01-07-2023 + 36 months − 1 day = 30-06-2026.
			contract: &contracts.Contract{Start: d(2023, 7, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalNone},
			want:     procurement.GapFits, wantEnd: d(2026, 6, 30), wantReason: "de dag voor de geplande start",
		},
		{
			name:     "DESIGN §4 bundling: ends on the start date itself → one day overlap",
			contract: &contracts.Contract{Start: d(2023, 7, 2), InitialTermMonths: 36, RenewalKind: contracts.RenewalNone},
			want:     procurement.GapOverlap, wantEnd: d(2026, 7, 1), wantDays: 1,
		},
		{
			name:     "DESIGN §4 bundling: fixed term running to 31-12-2027 → 549 days overlap",
			contract: &contracts.Contract{Start: d(2024, 1, 1), InitialTermMonths: 48, RenewalKind: contracts.RenewalNone},
			want:     procurement.GapOverlap, wantEnd: d(2027, 12, 31), wantDays: 549, wantReason: "549 dagen overlap met de geplande start 01-07-2026",
		},
		{
			name: "DESIGN §4 notice maths: tacit contract, notice deadline 30-09-2025 passed → committed to 31-12-2026, overlap",
			// Initial end 31-12-2025, 3 months' notice → deadline 30-09-2025,
			// missed on 15-10-2025: the yearly renewal to 31-12-2026 is
			// committed, 184 days past the start.
			contract: &contracts.Contract{Start: d(2023, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit,
				RenewalPeriodMonths: 12, NoticeMonths: 3},
			want: procurement.GapOverlap, wantEnd: d(2026, 12, 31), wantDays: 184, wantReason: "loopt vast tot en met 31-12-2026",
		},
		{
			name: "DESIGN §4 bundling: gap bridgeable by tacit renewal without limit",
			// Ends 31-03-2026; the notice deadline 31-12-2025 has not passed,
			// so the committed end is the current end: 91 days short.
			contract: &contracts.Contract{Start: d(2023, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit,
				RenewalPeriodMonths: 12, NoticeMonths: 3},
			want: procurement.GapOpen, wantEnd: d(2026, 3, 31), wantDays: 91, wantBridgeable: true, wantReason: "stilzwijgende verlenging (onbeperkt)",
		},
		{
			name: "DESIGN §4 bundling: gap bridgeable by tacit renewal up to the maximum end 31-03-2028",
			contract: &contracts.Contract{Start: d(2023, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit,
				RenewalPeriodMonths: 12, NoticeMonths: 3, MaxEnd: d(2028, 3, 31)},
			want: procurement.GapOpen, wantEnd: d(2026, 3, 31), wantDays: 91, wantBridgeable: true, wantUntil: d(2028, 3, 31),
			wantReason: "stilzwijgende verlenging tot uiterlijk 31-03-2028",
		},
		{
			name: "DESIGN §4 bundling: gap bridgeable by an express extension option (2 × 12 months left)",
			// Option decision by 31-12-2025, still ahead on 15-10-2025.
			contract: &contracts.Contract{Start: d(2023, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalExpress,
				RenewalPeriodMonths: 12, MaxRenewals: 2, NoticeMonths: 3},
			want: procurement.GapOpen, wantEnd: d(2026, 3, 31), wantDays: 91, wantBridgeable: true, wantUntil: d(2028, 3, 31),
			wantReason: "verlengingsoptie tot uiterlijk 31-03-2028",
		},
		{
			name: "DESIGN §4 bundling: the last renewal ends exactly the day before the start → bridgeable",
			// Quarterly renewals, at most 2: 31-12-2025 → 31-03-2026 → 30-06-2026.
			contract: &contracts.Contract{Start: d(2023, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit,
				RenewalPeriodMonths: 3, MaxRenewals: 2, NoticeMonths: 1},
			want: procurement.GapOpen, wantEnd: d(2025, 12, 31), wantDays: 181, wantBridgeable: true, wantUntil: d(2026, 6, 30),
		},
		{
			name: "DESIGN §4 indefinite continuation: earliest end 31-03-2026 before the start → bridgeable, it runs on until notice",
			// Initial end 31-03-2026, 3 months' notice to a month end:
			// notice by 31-03-2026 ends it on 30-06-2026, the day before
			// the start.
			contract: &contracts.Contract{Start: d(2023, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalIndefinite,
				NoticeMonths: 3},
			want: procurement.GapOpen, wantEnd: d(2026, 3, 31), wantDays: 91, wantBridgeable: true,
			wantReason: "loopt voor onbepaalde tijd door tot opzegging (opzeggen uiterlijk 31-03-2026 om op 30-06-2026 te eindigen)",
		},
		{
			name: "DESIGN §4 indefinite continuation past its initial end, 90 days' notice → bridgeable, notice by 01-04-2026",
			// Initial end 31-12-2024; notice today (15-10-2025) with 90
			// days ends it 13-01-2026; to end it 30-06-2026, by 01-04-2026.
			contract: &contracts.Contract{Start: d(2022, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalIndefinite,
				NoticeDays: 90},
			want: procurement.GapOpen, wantEnd: d(2026, 1, 13), wantDays: 168, wantBridgeable: true,
			wantReason: "eindigt op zijn vroegst 13-01-2026, 168 dagen voor de geplande start; te overbruggen: het loopt voor onbepaalde tijd door tot opzegging (opzeggen uiterlijk 01-04-2026 om op 30-06-2026 te eindigen)",
		},
		{
			name: "DESIGN §4 indefinite continuation with notice to a month end and a start mid-month → bridgeable, no exact notice date",
			contract: &contracts.Contract{Start: d(2023, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalIndefinite,
				NoticeMonths: 3},
			start: d(2026, 7, 15),
			want:  procurement.GapOpen, wantEnd: d(2026, 3, 31), wantDays: 105, wantBridgeable: true,
			wantReason: "te overbruggen: het loopt voor onbepaalde tijd door tot opzegging",
		},
		{
			name: "DESIGN §4 indefinite continuation with notice given → ends, the gap is a risk",
			contract: &contracts.Contract{Start: d(2023, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalIndefinite,
				NoticeMonths: 3, NoticeGivenOn: d(2025, 10, 1)},
			want: procurement.GapOpen, wantEnd: d(2026, 3, 31), wantDays: 91, wantReason: "(risico)",
		},
		{
			name:     "DESIGN §4 bundling: no renewal → gap without contract is a risk",
			contract: &contracts.Contract{Start: d(2023, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalNone},
			want:     procurement.GapOpen, wantEnd: d(2026, 3, 31), wantDays: 91, wantReason: "zonder verlenging: 91 dagen zonder contract voor de geplande start 01-07-2026 (risico)",
		},
		{
			name: "DESIGN §4 bundling: contract that already expired → the whole gap is a risk",
			contract: &contracts.Contract{Start: d(2022, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit,
				RenewalPeriodMonths: 12, MaxRenewals: 0, MaxEnd: d(2024, 12, 31), NoticeMonths: 3},
			want: procurement.GapOpen, wantEnd: d(2024, 12, 31), wantDays: 546, wantReason: "(risico)",
		},
		{
			name: "DESIGN §4 bundling: express options exhausted (2 of 2 taken) → risk",
			contract: &contracts.Contract{Start: d(2021, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalExpress,
				RenewalPeriodMonths: 12, MaxRenewals: 2, RenewalsExercised: 2, NoticeMonths: 3},
			want: procurement.GapOpen, wantEnd: d(2026, 3, 31), wantDays: 91, wantReason: "zonder verlenging",
		},
		{
			name: "DESIGN §4 renewal maths: express option lapsed (decision deadline 30-09-2025 passed) → risk",
			contract: &contracts.Contract{Start: d(2023, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalExpress,
				RenewalPeriodMonths: 12, MaxRenewals: 2, NoticeMonths: 6},
			want: procurement.GapOpen, wantEnd: d(2026, 3, 31), wantDays: 91, wantReason: "zonder verlenging",
		},
		{
			name: "DESIGN §4 bundling: tacit renewal reaches only 31-03-2026 → partial, 91 days still uncovered",
			// Quarterly renewal, at most one: 31-12-2025 → 31-03-2026.
			contract: &contracts.Contract{Start: d(2023, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit,
				RenewalPeriodMonths: 3, MaxRenewals: 1, NoticeMonths: 1},
			want: procurement.GapOpen, wantEnd: d(2025, 12, 31), wantDays: 181, wantUntil: d(2026, 3, 31),
			wantReason: "met stilzwijgende verlenging uiterlijk tot 31-03-2026, nog 91 dagen zonder contract",
		},
		{
			name: "DESIGN §4 bundling: express option reaches only 31-03-2026 → partial",
			contract: &contracts.Contract{Start: d(2023, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalExpress,
				RenewalPeriodMonths: 3, MaxRenewals: 1, NoticeMonths: 1},
			want: procurement.GapOpen, wantEnd: d(2025, 12, 31), wantDays: 181, wantUntil: d(2026, 3, 31),
			wantReason: "met verlengingsoptie uiterlijk tot 31-03-2026, nog 91 dagen",
		},
		{
			name:     "DESIGN §4 bundling: no planned start yet → unknown",
			contract: &contracts.Contract{Start: d(2023, 4, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalNone},
			start:    contracts.Date{},
			want:     procurement.GapUnknown, wantEnd: d(2026, 3, 31), wantReason: "nog geen geplande start",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cur := map[string]contracts.ContractSummary{}
			if tt.contract != nil {
				cur["GM0363"] = current(*tt.contract)
			}
			s := start
			if tt.want == procurement.GapUnknown || !tt.start.IsZero() {
				s = tt.start
			}
			got := procurement.Gaps([]procurement.Participant{{Organization: "GM0363", Name: "Amsterdam"}}, cur, s, today)
			if len(got) != 1 {
				t.Fatalf("procurement.Gaps() returned %d gaps, want 1", len(got))
			}
			g := got[0]
			if g.Kind != tt.want || g.CommittedEnd != tt.wantEnd || g.Days != tt.wantDays ||
				g.Bridgeable != tt.wantBridgeable || g.BridgeUntil != tt.wantUntil {
				t.Errorf("procurement.Gaps() = %s end %s days %d bridgeable %v until %s,\nwant %s end %s days %d bridgeable %v until %s\n(%s)",
					g.Kind, g.CommittedEnd, g.Days, g.Bridgeable, g.BridgeUntil,
					tt.want, tt.wantEnd, tt.wantDays, tt.wantBridgeable, tt.wantUntil, nl.GapReason(g))
			}
			if reason := nl.GapReason(g); !strings.Contains(reason, tt.wantReason) {
				t.Errorf("procurement.Gaps() reason = %q, want it to contain %q", reason, tt.wantReason)
			}
			if g.Organization != "GM0363" || g.Name != "Amsterdam" {
				t.Errorf("procurement.Gaps() participant = %s %s, want GM0363 Amsterdam", g.Organization, g.Name)
			}
			if tt.contract != nil && (g.ContractID != 42 || g.ContractNumber != "TEL-2023-01" || g.VendorName != "Telecom B.V.") {
				t.Errorf("procurement.Gaps() contract = %d %s %s, want 42 TEL-2023-01 Telecom B.V.", g.ContractID, g.ContractNumber, g.VendorName)
			}
		})
	}
}

func TestGapsKeepsParticipantOrder(t *testing.T) {
	t.Parallel()
	today := contracts.NewDate(2025, 10, 15)
	ps := []procurement.Participant{{Organization: "GM0599"}, {Organization: "GM0014"}, {Organization: "GM0363"}}
	cur := map[string]contracts.ContractSummary{
		"GM0014": {Contract: contracts.Contract{Start: contracts.NewDate(2023, 7, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalNone}},
	}
	got := procurement.Gaps(ps, cur, contracts.NewDate(2026, 7, 1), today)
	want := []struct {
		org  string
		kind procurement.GapKind
	}{{"GM0599", procurement.GapNone}, {"GM0014", procurement.GapFits}, {"GM0363", procurement.GapNone}}
	if len(got) != len(want) {
		t.Fatalf("procurement.Gaps() returned %d gaps, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Organization != w.org || got[i].Kind != w.kind {
			t.Errorf("procurement.Gaps()[%d] = %s %s, want %s %s", i, got[i].Organization, got[i].Kind, w.org, w.kind)
		}
	}
}
