package procurement

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestBundleContractRows: the bundler takes a contract's committed end and
// whether it expired from the dates the store keeps only when they are
// stored for its own day (they are then the dates it would compute);
// stored for any other day, earlier or later, they are computed from the
// terms, which the store must then hand over (issue 15).
func TestBundleContractRows(t *testing.T) {
	// Initial end 2026-12-31, no renewal: committed to that day, never
	// expired on bdToday (2026-04-01).
	terms := bdContract(1, "GM0001", bdDate(2024, 1, 1), 36, 10_000, "Vodafone").Contract
	stored := func(asOf, committed, final contracts.Date, withTerms bool) BundleContract {
		c := BundleContract{ID: 1, Organization: "GM0001", Status: contracts.StatusActive, DatesAsOf: asOf, CommittedEnd: committed, FinalEnd: final}
		if withTerms {
			c.Terms = &terms
		}
		return c
	}
	tests := []struct {
		name          string
		in            BundleContract
		wantCommitted contracts.Date
		wantExpired   bool
		wantErr       bool
	}{
		{name: "stored for the day: the stored dates, not the terms'",
			in: stored(bdToday, bdDate(2027, 6, 30), bdDate(2027, 6, 30), true), wantCommitted: bdDate(2027, 6, 30)},
		{name: "stored for the day, final end the day before: expired",
			in: stored(bdToday, bdDate(2026, 3, 31), bdDate(2026, 3, 31), false), wantCommitted: bdDate(2026, 3, 31), wantExpired: true},
		{name: "stored for the day, final end that day: not expired yet",
			in: stored(bdToday, bdToday, bdToday, false), wantCommitted: bdToday},
		{name: "stored for the day, no final end (tacit renewal without limit): not expired",
			in: stored(bdToday, bdDate(2026, 12, 31), contracts.Date{}, false), wantCommitted: bdDate(2026, 12, 31)},
		{name: "stored for the day before: computed from the terms",
			in: stored(bdDate(2026, 3, 31), bdDate(2020, 1, 1), bdDate(2020, 1, 1), true), wantCommitted: bdDate(2026, 12, 31)},
		{name: "stored for a later day: computed from the terms",
			in: stored(bdDate(2026, 4, 2), bdDate(2020, 1, 1), bdDate(2020, 1, 1), true), wantCommitted: bdDate(2026, 12, 31)},
		{name: "stored for another day without terms: an error",
			in: stored(bdDate(2026, 3, 31), bdDate(2026, 12, 31), bdDate(2026, 12, 31), false), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := bundleContractRows([]BundleContract{tt.in}, bdCategory.ID, bdToday)
			if (err != nil) != tt.wantErr {
				t.Fatalf("bundleContractRows() error = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			if r := rows[0]; r.committedEnd != tt.wantCommitted || r.expired != tt.wantExpired {
				t.Errorf("bundleContractRows() = committed end %s, expired %v; want %s, %v", r.committedEnd, r.expired, tt.wantCommitted, tt.wantExpired)
			}
		})
	}
	t.Run("a contract not active has no dates, and needs no terms", func(t *testing.T) {
		in := stored(bdDate(2026, 3, 31), bdDate(2026, 12, 31), bdDate(2026, 12, 31), false)
		in.Status = contracts.StatusDraft
		rows, err := bundleContractRows([]BundleContract{in}, bdCategory.ID, bdToday)
		if err != nil || rows[0].committedEnd != (contracts.Date{}) || rows[0].expired {
			t.Errorf("bundleContractRows(draft) = %+v, %v; want no dates", rows, err)
		}
	})
}
