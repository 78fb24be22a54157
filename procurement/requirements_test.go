package procurement_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// rater is a participant with one lot's annual volume (in euro) and a
// population that fixes its size class.
func rater(org string, population int, annualEuro contracts.Money) procurement.Participant {
	return procurement.Participant{Organization: org, Name: "Gemeente " + org, Kind: contracts.KindMunicipality, Population: population,
		Volumes: []procurement.LotVolume{{LotID: 1, Annual: annualEuro * euro}}}
}

// rated is a requirement with the given ratings.
func rated(ratings map[string]procurement.Rating) procurement.Requirement {
	return procurement.Requirement{ID: 1, Number: 1, Text: "Dekking 4G binnen de gemeentegrenzen", Kind: procurement.KnockOut, Ratings: ratings}
}

func TestConsolidatePriority(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		participants []procurement.Participant
		ratings      map[string]procurement.Rating
		mustShare    int
		want         procurement.Rating
		wantUnrated  bool
		wantInsuff   bool
		wantBP       [4]int // must, should, could, wont
		wantReason   string
	}{
		{
			name:         "DESIGN §4 consolidation: exactly 50 % of volume must → must",
			participants: []procurement.Participant{rater("A", 30_000, 5_000), rater("B", 30_000, 5_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Wont},
			want:         procurement.Must, wantBP: [4]int{5000, 0, 0, 5000}, wantReason: "moet: deelnemers met 50 % van het volume",
		},
		{
			name:         "DESIGN §4 consolidation: 49.99 % must + 0.01 % should → should",
			participants: []procurement.Participant{rater("A", 30_000, 4_999), rater("B", 30_000, 1), rater("C", 30_000, 5_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Should, "C": procurement.Wont},
			want:         procurement.Should, wantBP: [4]int{4999, 1, 0, 5000}, wantReason: "zou moeten: moet 49,99 % van het volume (< 50 %); zou moeten of hoger samen 50 %",
		},
		{
			name: "DESIGN §4 consolidation: a share just under 50 % never rounds up to must",
			// 99,999 of 200,000 cents is 49.9995 %.
			participants: []procurement.Participant{
				{Organization: "A", Volumes: []procurement.LotVolume{{LotID: 1, Annual: 99_999}}},
				{Organization: "B", Volumes: []procurement.LotVolume{{LotID: 1, Annual: 100_001}}},
			},
			ratings: map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Could},
			want:    procurement.Could, wantBP: [4]int{4999, 0, 5000, 0},
		},
		{
			name:         "DESIGN §4 consolidation: must + should + could reach 50 % → could",
			participants: []procurement.Participant{rater("A", 30_000, 2_000), rater("B", 30_000, 2_000), rater("C", 30_000, 1_000), rater("D", 30_000, 5_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Should, "C": procurement.Could, "D": procurement.Wont},
			want:         procurement.Could, wantBP: [4]int{2000, 2000, 1000, 5000},
		},
		{
			name:         "DESIGN §4 consolidation: under 50 % must, should or could → wont",
			participants: []procurement.Participant{rater("A", 30_000, 4_000), rater("B", 30_000, 6_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Should, "B": procurement.Wont},
			want:         procurement.Wont, wantBP: [4]int{0, 4000, 0, 6000}, wantReason: "minder dan 50 %",
		},
		{
			name:         "DESIGN §4 consolidation: 40 % must, 60 % not rated → insufficiently rated 1 of 2, never a silent wont",
			participants: []procurement.Participant{rater("A", 30_000, 4_000), rater("B", 30_000, 6_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must},
			wantInsuff:   true, wantBP: [4]int{4000, 0, 0, 0}, wantReason: "onvoldoende beoordeeld (1 van 2): wie beoordeelde heeft samen 40 % van het volume (grens 50 %)",
		},
		{
			name:         "DESIGN §4 consolidation: an invalid rating counts as not rated (1 of 2 rated, 40 % → insufficiently rated)",
			participants: []procurement.Participant{rater("A", 30_000, 4_000), rater("B", 30_000, 6_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": "MUST"},
			wantInsuff:   true, wantBP: [4]int{4000, 0, 0, 0}, wantReason: "(1 van 2)",
		},
		{
			name:         "DESIGN §4 consolidation: ratings of organizations outside the tender do not count (1 of 2 rated → insufficiently rated)",
			participants: []procurement.Participant{rater("A", 30_000, 4_000), rater("B", 30_000, 6_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "GM9999": procurement.Must},
			wantInsuff:   true, wantBP: [4]int{4000, 0, 0, 0}, wantReason: "(1 van 2)",
		},
		{
			name:         "DESIGN §4 consolidation: all-zero volumes weigh one each (2 of 4 must → must)",
			participants: []procurement.Participant{rater("A", 30_000, 0), rater("B", 30_000, 0), rater("C", 30_000, 0), rater("D", 30_000, 0)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Must, "C": procurement.Could, "D": procurement.Wont},
			want:         procurement.Must, wantBP: [4]int{5000, 0, 2500, 2500},
		},
		{
			name:         "DESIGN §4 consolidation: all-zero volumes weigh one each (1 must, 1 should of 3 → should)",
			participants: []procurement.Participant{rater("A", 30_000, 0), rater("B", 30_000, 0), rater("C", 30_000, 0)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Should, "C": procurement.Wont},
			want:         procurement.Should, wantBP: [4]int{3333, 3333, 0, 3333},
		},
		{
			name:         "DESIGN §4 consolidation: with some volume, zero-volume participants weigh nothing",
			participants: []procurement.Participant{rater("A", 30_000, 1_000), rater("B", 30_000, 0), rater("C", 30_000, 0)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Wont, "C": procurement.Wont},
			want:         procurement.Must, wantBP: [4]int{10_000, 0, 0, 0},
		},
		{
			name:         "DESIGN §4 consolidation share is configurable: 60 % needed, 50 % must → should",
			participants: []procurement.Participant{rater("A", 30_000, 5_000), rater("B", 30_000, 1_000), rater("C", 30_000, 4_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Should, "C": procurement.Wont},
			mustShare:    6000,
			want:         procurement.Should, wantBP: [4]int{5000, 1000, 0, 4000}, wantReason: "(< 60 %)",
		},
		{
			name:         "DESIGN §4 consolidation: a share of 0 means the default 50 %",
			participants: []procurement.Participant{rater("A", 30_000, 5_000), rater("B", 30_000, 5_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Could},
			want:         procurement.Must, wantBP: [4]int{5000, 0, 5000, 0}, wantReason: "grens 50 %",
		},
		{
			name:         "DESIGN §4 consolidation: a requirement nobody rated is unrated, without priority",
			participants: []procurement.Participant{rater("A", 30_000, 5_000), rater("B", 30_000, 5_000)},
			ratings:      nil,
			wantUnrated:  true, wantReason: "door geen enkele deelnemer beoordeeld",
		},
		{
			name:        "DESIGN §4 consolidation: no participants → unrated",
			ratings:     map[string]procurement.Rating{"A": procurement.Must},
			wantUnrated: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := procurement.Consolidate([]procurement.Requirement{rated(tt.ratings)}, tt.participants, tt.mustShare)
			if len(got) != 1 {
				t.Fatalf("Consolidate() returned %d consolidations, want 1", len(got))
			}
			c := got[0]
			if c.Priority != tt.want || c.Unrated != tt.wantUnrated || c.Insufficient != tt.wantInsuff {
				t.Errorf("Consolidate() priority = %q unrated %v insufficient %v, want %q unrated %v insufficient %v (%s)",
					c.Priority, c.Unrated, c.Insufficient, tt.want, tt.wantUnrated, tt.wantInsuff, nl.ConsolidationReason(c))
			}
			var bp [4]int
			for i, s := range c.Shares {
				if s.Rating != procurement.Ratings()[i] {
					t.Errorf("Shares[%d].Rating = %q, want %q (must first)", i, s.Rating, procurement.Ratings()[i])
				}
				bp[i] = s.BasisPoints
			}
			if len(c.Shares) != 4 || bp != tt.wantBP {
				t.Errorf("Consolidate() basis points = %v, want %v", bp, tt.wantBP)
			}
			if reason := nl.ConsolidationReason(c); !strings.Contains(reason, tt.wantReason) {
				t.Errorf("Consolidate() reason = %q, want it to contain %q", reason, tt.wantReason)
			}
			if c.Requirement.ID != 1 {
				t.Errorf("Consolidate() requirement = %+v, want the input", c.Requirement)
			}
		})
	}
}

func TestConsolidateConflicts(t *testing.T) {
	t.Parallel()
	// Populations on the size-class boundaries of DESIGN §3: <20k, 20–50k,
	// 50–100k, 100k+ and unknown. The input order is not the expected order.
	participants := []procurement.Participant{
		rater("GM0001", 19_999, 1_000),   // small, must
		rater("GM0002", 20_000, 3_000),   // medium, must
		rater("GM0003", 49_999, 3_000),   // medium, wont
		rater("GM0004", 100_000, 20_000), // 100k+, must
		rater("GM0600", 50_000, 5_000),   // 50–100k, wont
		rater("GM0500", 99_999, 5_000),   // 50–100k, wont (ties GM0600: code order)
		rater("PV27", 0, 2_000),          // unknown size, wont
		rater("GM0007", 60_000, 9_000),   // 50–100k, should: on no side
	}
	conflict := rated(map[string]procurement.Rating{
		"GM0001": procurement.Must, "GM0002": procurement.Must, "GM0003": procurement.Wont, "GM0004": procurement.Must,
		"GM0600": procurement.Wont, "GM0500": procurement.Wont, "PV27": procurement.Wont, "GM0007": procurement.Should,
	})
	agreed := rated(map[string]procurement.Rating{"GM0001": procurement.Must, "GM0002": procurement.Should, "GM0004": procurement.Must, "GM0007": procurement.Could})
	onlyWont := rated(map[string]procurement.Rating{"GM0003": procurement.Wont, "PV27": procurement.Wont})

	got := procurement.Consolidate([]procurement.Requirement{conflict, agreed, onlyWont}, participants, 0)
	if len(got) != 3 {
		t.Fatalf("Consolidate() returned %d consolidations, want 3", len(got))
	}
	orgs := func(sides []procurement.SideRef) []string {
		var out []string
		for _, s := range sides {
			out = append(out, s.Organization)
		}
		return out
	}

	t.Run("DESIGN §4 conflict: one participant must, another wont; sides by volume, then code", func(t *testing.T) {
		c := got[0]
		if !c.Conflict {
			t.Fatalf("Conflict = false, want true (%s)", nl.ConsolidationReason(c))
		}
		if want := []string{"GM0004", "GM0002", "GM0001"}; !slices.Equal(orgs(c.MustSide), want) {
			t.Errorf("MustSide = %v, want %v", orgs(c.MustSide), want)
		}
		if want := []string{"GM0500", "GM0600", "GM0003", "PV27"}; !slices.Equal(orgs(c.WontSide), want) {
			t.Errorf("WontSide = %v, want %v", orgs(c.WontSide), want)
		}
		first := c.MustSide[0]
		if first.Name != "Gemeente GM0004" || first.SizeClass != contracts.SizeXLarge || first.Annual != 20_000*euro {
			t.Errorf("MustSide[0] = %+v, want Gemeente GM0004, 100k+, €\u00a020.000", first)
		}
	})

	t.Run("DESIGN §3/§4 conflict by size class: <20k, 20–50k, 50–100k, 100k+, then unknown", func(t *testing.T) {
		want := []procurement.ClassConflict{
			{SizeClass: contracts.SizeSmall, Must: 1},
			{SizeClass: contracts.SizeMedium, Must: 1, Wont: 1},
			{SizeClass: contracts.SizeLarge, Wont: 2},
			{SizeClass: contracts.SizeXLarge, Must: 1},
			{SizeClass: contracts.SizeUnknown, Wont: 1},
		}
		if !slices.Equal(got[0].ByClass, want) {
			t.Errorf("ByClass = %+v, want %+v", got[0].ByClass, want)
		}
	})

	t.Run("DESIGN §4 conflict: must + should + could without wont is no conflict; sides nil", func(t *testing.T) {
		c := got[1]
		if c.Conflict || c.MustSide != nil || c.WontSide != nil || c.ByClass != nil {
			t.Errorf("agreed requirement: Conflict %v MustSide %v WontSide %v ByClass %v, want no conflict and nil sides",
				c.Conflict, c.MustSide, c.WontSide, c.ByClass)
		}
	})

	t.Run("DESIGN §4 conflict: wont without must is no conflict; sides nil (2 of 8 rated, 10 % of volume: insufficiently rated)", func(t *testing.T) {
		c := got[2]
		if c.Conflict || c.MustSide != nil || c.WontSide != nil || c.ByClass != nil || c.MustBy != nil {
			t.Errorf("wont-only requirement: Conflict %v MustSide %v WontSide %v MustBy %v, want no conflict and nil sides", c.Conflict, c.MustSide, c.WontSide, c.MustBy)
		}
		if c.Priority != "" || !c.Insufficient || c.Rated != 2 || c.Participants != 8 {
			t.Errorf("wont-only requirement: Priority %q insufficient %v rated %d of %d, want insufficiently rated 2 of 8", c.Priority, c.Insufficient, c.Rated, c.Participants)
		}
	})

	t.Run("DESIGN §4 a must of any participant stays visible: MustBy in a conflict and without one", func(t *testing.T) {
		if want := []string{"GM0004", "GM0002", "GM0001"}; !slices.Equal(orgs(got[0].MustBy), want) {
			t.Errorf("conflict MustBy = %v, want %v", orgs(got[0].MustBy), want)
		}
		if want := []string{"GM0004", "GM0001"}; !slices.Equal(orgs(got[1].MustBy), want) {
			t.Errorf("agreed MustBy = %v, want %v (no conflict, still listed)", orgs(got[1].MustBy), want)
		}
	})

	t.Run("DESIGN §4 consolidation keeps the requirements' order", func(t *testing.T) {
		for i, want := range []procurement.Requirement{conflict, agreed, onlyWont} {
			if len(got[i].Requirement.Ratings) != len(want.Ratings) {
				t.Errorf("consolidation %d is of another requirement", i)
			}
		}
	})
}

// valueless is a participant with a quantity in lot 1 but no annual value
// (the lot has no unit price).
func valueless(org string, population int) procurement.Participant {
	return procurement.Participant{Organization: org, Name: "Gemeente " + org, Kind: contracts.KindMunicipality, Population: population,
		Volumes: []procurement.LotVolume{{LotID: 1, Quantity: 40}}}
}

func TestConsolidateInsufficient(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		participants []procurement.Participant
		ratings      map[string]procurement.Rating
		mustShare    int
		wantState    string
		wantDutch    string
		wantReason   string
		wantMustBy   []string
	}{
		{
			name:         "must by one participant without valued volume: insufficiently rated 1 of 3 (DESIGN §4 requirements)",
			participants: []procurement.Participant{valueless("A", 30_000), rater("B", 30_000, 6_000), rater("C", 30_000, 4_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must},
			wantState:    procurement.StateInsufficient, wantDutch: "onvoldoende beoordeeld (1 van 3)",
			wantReason: "alleen deelnemers zonder gewaardeerd volume beoordeelden", wantMustBy: []string{"A"},
		},
		{
			name:         "only participants without valued volume rated, must and wont: insufficiently rated 2 of 3, not a wont (DESIGN §4 requirements)",
			participants: []procurement.Participant{valueless("A", 30_000), valueless("B", 30_000), rater("C", 30_000, 4_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Wont},
			wantState:    procurement.StateInsufficient, wantDutch: "onvoldoende beoordeeld (2 van 3)",
			wantReason: "alleen deelnemers zonder gewaardeerd volume", wantMustBy: []string{"A"},
		},
		{
			name:         "too few rated: raters hold 49,99 % of the volume under the 50 % share → insufficiently rated 1 of 2 (DESIGN §4 requirements)",
			participants: []procurement.Participant{rater("A", 30_000, 4_999), rater("B", 30_000, 5_001)},
			ratings:      map[string]procurement.Rating{"A": procurement.Wont},
			wantState:    procurement.StateInsufficient, wantDutch: "onvoldoende beoordeeld (1 van 2)",
			wantReason: "wie beoordeelde heeft samen 49,99 % van het volume (grens 50 %)",
		},
		{
			name:         "raters hold exactly the 50 % share: decided, all wont → wont (DESIGN §4 requirements)",
			participants: []procurement.Participant{rater("A", 30_000, 5_000), rater("B", 30_000, 5_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Wont},
			wantState:    string(procurement.Wont), wantDutch: "niet nu", wantReason: "niet nu:",
		},
		{
			name:         "the share is configurable: 60 % rated under a 70 % share → insufficiently rated (DESIGN §4 requirements)",
			participants: []procurement.Participant{rater("A", 30_000, 6_000), rater("B", 30_000, 4_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must},
			mustShare:    7000,
			wantState:    procurement.StateInsufficient, wantDutch: "onvoldoende beoordeeld (1 van 2)", wantReason: "(grens 70 %)", wantMustBy: []string{"A"},
		},
		{
			name:         "a valued participant's must with the valueless ones unrated → must, the valueless weigh nothing (DESIGN §4 requirements)",
			participants: []procurement.Participant{valueless("A", 30_000), rater("B", 30_000, 6_000), valueless("C", 30_000)},
			ratings:      map[string]procurement.Rating{"B": procurement.Must},
			wantState:    string(procurement.Must), wantDutch: "moet", wantMustBy: []string{"B"},
		},
		{
			name:         "nobody has a valued volume: each weighs one, 1 of 3 rated → insufficiently rated (DESIGN §4 requirements)",
			participants: []procurement.Participant{valueless("A", 30_000), valueless("B", 30_000), valueless("C", 30_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must},
			wantState:    procurement.StateInsufficient, wantDutch: "onvoldoende beoordeeld (1 van 3)",
			wantReason: "wie beoordeelde heeft samen 33,33 % van het volume", wantMustBy: []string{"A"},
		},
		{
			name:         "nobody has a valued volume: 2 of 3 must → must (DESIGN §4 requirements)",
			participants: []procurement.Participant{valueless("A", 30_000), valueless("B", 30_000), valueless("C", 30_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Must},
			wantState:    string(procurement.Must), wantDutch: "moet", wantMustBy: []string{"A", "B"},
		},
		{
			name:         "a valueless participant's must beside a valued majority's wont → wont, conflict, the must stays listed (DESIGN §4 requirements)",
			participants: []procurement.Participant{valueless("A", 30_000), rater("B", 30_000, 6_000), rater("C", 30_000, 4_000)},
			ratings:      map[string]procurement.Rating{"A": procurement.Must, "B": procurement.Wont},
			wantState:    string(procurement.Wont), wantDutch: "niet nu", wantMustBy: []string{"A"},
		},
		{
			name:         "nobody rated: unrated, not insufficient (DESIGN §4 requirements)",
			participants: []procurement.Participant{valueless("A", 30_000), rater("B", 30_000, 6_000)},
			wantState:    procurement.StateUnrated, wantDutch: "nog niet beoordeeld",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := procurement.Consolidate([]procurement.Requirement{rated(tt.ratings)}, tt.participants, tt.mustShare)[0]
			if got := c.State(); got != tt.wantState {
				t.Errorf("Consolidate().State() = %q, want %q (%s)", got, tt.wantState, nl.ConsolidationReason(c))
			}
			if got := nl.Consolidation(c); got != tt.wantDutch {
				t.Errorf("nl.Consolidation(Consolidate()) = %q, want %q", got, tt.wantDutch)
			}
			if c.Insufficient && c.Priority != "" {
				t.Errorf("insufficiently rated with Priority %q, want none (never a silent won't)", c.Priority)
			}
			if reason := nl.ConsolidationReason(c); !strings.Contains(reason, tt.wantReason) {
				t.Errorf("nl.ConsolidationReason(Consolidate()) = %q, want it to contain %q", reason, tt.wantReason)
			}
			var must []string
			for _, s := range c.MustBy {
				must = append(must, s.Organization)
			}
			if !slices.Equal(must, tt.wantMustBy) {
				t.Errorf("Consolidate().MustBy = %v, want %v", must, tt.wantMustBy)
			}
		})
	}
}

func TestWithoutValueWarning(t *testing.T) {
	t.Parallel()
	many := make([]procurement.Participant, 0, 8)
	for _, org := range []string{"A", "B", "C", "D", "E", "F", "G"} {
		many = append(many, valueless(org, 30_000))
	}
	many = append(many, rater("H", 30_000, 1_000))
	tests := []struct {
		name         string
		participants []procurement.Participant
		want         string
	}{
		{"every volume valued: no warning (DESIGN §4 requirements)", []procurement.Participant{rater("A", 30_000, 1_000)}, ""},
		{"no volume at all: no warning", []procurement.Participant{{Organization: "A"}}, ""},
		{"one participant with a quantity and no value: named (DESIGN §4 requirements)",
			[]procurement.Participant{rater("A", 30_000, 1_000), valueless("B", 30_000)},
			"1 deelnemer heeft volume zonder waarde (Gemeente B): geef een jaarwaarde of een eenheidsprijs van het perceel."},
		{"seven without value: five named and the rest counted (DESIGN §4 requirements)", many,
			"7 deelnemers hebben volume zonder waarde (Gemeente A, Gemeente B, Gemeente C, Gemeente D, Gemeente E, en 2 andere)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w, ok := procurement.WithoutValueWarning(tt.participants)
			got := ""
			if ok {
				got = nl.Warning(w)
			}
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("WithoutValueWarning() = %q, want %q", got, tt.want)
			}
		})
	}
}
