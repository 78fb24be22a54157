package web_test

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// splitFixture holds two overlapping tenders of one category, each under
// the €216,000 threshold and together over it (North € 200.000, South
// € 60.000), and one tender of another category that nothing overlaps.
// North's knock-out requirement is rated must only by Amsterdam, whose
// volume has no value (its lot has no unit price).
type splitFixture struct {
	North, South, Other int64
	Req                 int64
}

func seedSplit(t *testing.T, ta testApp) splitFixture {
	t.Helper()
	ctx := context.Background()
	must := func(id int64, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	p := ta.procurement
	telefonie := must(ta.svc.CreateCategory(ctx, contracts.Category{Name: "Telefonie", CPV: []string{"64212000-5"}}))
	fixed := must(ta.svc.CreateCategory(ctx, contracts.Category{Name: "Vaste telefonie", CPV: []string{"64211000-8"}}))
	// tender creates a collecting tender of 24 months with one lot without
	// unit price and the participants' annual values (0: a quantity only).
	tender := func(title string, category int64, start contracts.Date, annual map[string]contracts.Money) (int64, int64) {
		t.Helper()
		id := must(p.CreateTender(ctx, procurement.Tender{Title: title, CategoryID: category, Lead: own, Kind: procurement.KindServices,
			TermMonths: 24, TotalPrice: true, Electronic: true, NeededStart: start}))
		lot := must(p.AddLot(ctx, procurement.Lot{TenderID: id, Title: "Mobiel", Unit: "aansluitingen"}))
		if _, err := p.Transition(ctx, id, procurement.TransitionInput{To: procurement.TenderCollecting}); err != nil {
			t.Fatal(err)
		}
		for _, org := range []string{own, other, "GM1900"} {
			a, ok := annual[org]
			if !ok {
				continue
			}
			if err := p.SetParticipant(ctx, contracts.Everyone(), procurement.Participant{TenderID: id, Organization: org,
				Volumes: []procurement.LotVolume{{LotID: lot, Quantity: 100, Annual: a}}}); err != nil {
				t.Fatal(err)
			}
		}
		return id, lot
	}
	var f splitFixture
	f.North, _ = tender("Telefonie Noord", telefonie, contracts.NewDate(2027, 9, 1),
		map[string]contracts.Money{own: 0, other: 60_000_00, "GM1900": 40_000_00})
	f.South, _ = tender("Telefonie Zuid", telefonie, contracts.NewDate(2028, 1, 1),
		map[string]contracts.Money{other: 30_000_00})
	f.Other, _ = tender("Vaste telefonie", fixed, contracts.NewDate(2027, 9, 1),
		map[string]contracts.Money{other: 60_000_00, "GM1900": 40_000_00})
	// Editable only while collecting, as the requirement was added.
	f.Req = must(p.AddRequirement(ctx, procurement.Requirement{TenderID: f.North, Text: "Dekking in alle gemeentelijke gebouwen", Kind: procurement.KnockOut}))
	if err := p.Rate(ctx, contracts.Everyone(), f.North, own, map[int64]procurement.Rating{f.Req: procurement.Must}); err != nil {
		t.Fatal(err)
	}
	return f
}

type splitTenderResp struct {
	Requirements []struct {
		ID       int64    `json:"id"`
		Priority string   `json:"priority"`
		State    string   `json:"state"`
		Label    string   `json:"label"`
		Rated    int      `json:"rated"`
		Of       int      `json:"of"`
		MustBy   []string `json:"mustBy"`
		Reason   string   `json:"reason"`
	} `json:"requirements"`
	Plan struct {
		Warnings      []string `json:"warnings"`
		SplitWarnings []struct {
			Category  string `json:"category"`
			Sum       int64  `json:"sum"`
			Threshold int64  `json:"threshold"`
			Message   string `json:"message"`
			Tenders   []struct {
				ID    int64  `json:"id"`
				Title string `json:"title"`
				Value int64  `json:"value"`
				Start string `json:"start"`
				End   string `json:"end"`
			} `json:"tenders"`
		} `json:"splitWarnings"`
	} `json:"plan"`
}

// TestSplitWarningAPI reads the tenders through the real app: the plan
// names the split, the requirement its own state.
func TestSplitWarningAPI(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedSplit(t, ta)

	t.Run("two overlapping tenders of one category each under €216,000, together over it: splitWarnings (Aw 2012 art. 2.16, Delegated Reg. (EU) 2025/2152)", func(t *testing.T) {
		for _, tt := range []struct {
			id      int64
			wantIDs []int64
		}{{f.North, []int64{f.North, f.South}}, {f.South, []int64{f.South, f.North}}} {
			var got splitTenderResp
			call(t, ta, "member", "GET", fmt.Sprintf("/api/v1/tenders/%d", tt.id), "", 200, &got)
			if len(got.Plan.SplitWarnings) != 1 {
				t.Fatalf("tender %d: splitWarnings = %+v, want one", tt.id, got.Plan.SplitWarnings)
			}
			sw := got.Plan.SplitWarnings[0]
			var ids []int64
			for _, st := range sw.Tenders {
				ids = append(ids, st.ID)
			}
			if !slices.Equal(ids, tt.wantIDs) || sw.Sum != 260_000_00 || sw.Threshold != 216_000_00 || sw.Category != "Telefonie" {
				t.Errorf("tender %d: split %+v, want tenders %v, sum 26000000, threshold 21600000, category Telefonie", tt.id, sw, tt.wantIDs)
			}
			if !strings.Contains(sw.Message, "opsplitsen om de Europese procedure te ontlopen is verboden") {
				t.Errorf("tender %d: message %q, want the prohibition", tt.id, sw.Message)
			}
			if n := sw.Tenders[0]; tt.id == f.North && (n.Value != 200_000_00 || n.Start != "2027-09-01" || n.End != "2029-08-31") {
				t.Errorf("North in the split = %+v, want €\u00a0200.000 from 2027-09-01 to 2029-08-31", n)
			}
		}
	})

	t.Run("another category overlapping in time: an empty splitWarnings list (DESIGN §4 estimated value)", func(t *testing.T) {
		b := call(t, ta, "member", "GET", fmt.Sprintf("/api/v1/tenders/%d", f.Other), "", 200, nil)
		if !strings.Contains(string(b), `"splitWarnings":[]`) {
			t.Errorf("GET tender %d: want \"splitWarnings\":[] in %s", f.Other, b)
		}
	})

	t.Run("must by one participant without valued volume: insufficiently rated 1 of 3, not won't (DESIGN §4 requirements)", func(t *testing.T) {
		var got splitTenderResp
		call(t, ta, "member", "GET", fmt.Sprintf("/api/v1/tenders/%d", f.North), "", 200, &got)
		if len(got.Requirements) != 1 {
			t.Fatalf("requirements = %+v, want one", got.Requirements)
		}
		r := got.Requirements[0]
		if r.State != "insufficient" || r.Priority != "" || r.Label != "onvoldoende beoordeeld (1 van 3)" || r.Rated != 1 || r.Of != 3 {
			t.Errorf("requirement = %+v, want state insufficient, no priority, 1 of 3", r)
		}
		if !slices.Equal(r.MustBy, []string{own}) {
			t.Errorf("mustBy = %v, want [%s]: a must of any participant stays visible", r.MustBy, own)
		}
		if !slices.ContainsFunc(got.Plan.Warnings, func(w string) bool { return strings.Contains(w, "1 deelnemer heeft volume zonder waarde (Amsterdam)") }) {
			t.Errorf("plan warnings = %q, want the volume without value of Amsterdam", got.Plan.Warnings)
		}
	})
}

// TestSplitWarningPage renders the tender page with the split warning and
// the insufficiently rated requirement in Dutch.
func TestSplitWarningPage(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	f := seedSplit(t, ta)
	resp, b := ta.doAs(t, "member", "GET", fmt.Sprintf("/aanbestedingen/%d", f.North), nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /aanbestedingen/%d = %d, want 200", f.North, resp.StatusCode)
	}
	body := html.UnescapeString(string(b))
	checkTenderPage(t, "tender page with a split", body, []string{
		"Waarschuwing: mogelijk opgesplitste opdracht",
		"Telefonie Noord (deze aanbesteding)",
		fmt.Sprintf(`<a href="/aanbestedingen/%d">Telefonie Zuid</a>`, f.South),
		"categorie Telefonie: 2 aanbestedingen elk onder de drempel, samen €\u00a0260.000,00 ≥ drempel €\u00a0216.000,00",
		"01-09-2027 tot en met 31-08-2029",
		"onvoldoende beoordeeld (1 van 3)",
		"alleen deelnemers zonder gewaardeerd volume beoordeelden deze eis",
		"moet bij: Amsterdam",
		"1 deelnemer heeft volume zonder waarde (Amsterdam)",
	}, []string{"<strong>niet nu</strong>"})

	resp, b = ta.doAs(t, "member", "GET", fmt.Sprintf("/aanbestedingen/%d", f.Other), nil, "")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /aanbestedingen/%d = %d, want 200", f.Other, resp.StatusCode)
	}
	checkTenderPage(t, "tender page without a split", string(b), nil, []string{"mogelijk opgesplitste opdracht"})
}
