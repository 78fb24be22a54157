package procurement

import (
	"errors"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

func TestThresholdFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		kind    ContractKind
		pub     contracts.Date
		want    contracts.Money
		wantErr bool
	}{
		{"services published 2025-12-31: €221,000 (Gedelegeerde Verordening (EU) 2023/2495)", KindServices, contracts.NewDate(2025, 12, 31), 221_000 * euro, false},
		{"services published 2026-01-01: €216,000 (Gedelegeerde Verordening (EU) 2025/2152)", KindServices, contracts.NewDate(2026, 1, 1), 216_000 * euro, false},
		{"supplies 2024: €221,000 (Gedelegeerde Verordening (EU) 2023/2495)", KindSupplies, contracts.NewDate(2024, 6, 1), 221_000 * euro, false},
		{"works 2025: €5,538,000 (Gedelegeerde Verordening (EU) 2023/2495)", KindWorks, contracts.NewDate(2025, 3, 1), 5_538_000 * euro, false},
		{"works 2026: €5,404,000 (Gedelegeerde Verordening (EU) 2025/2152)", KindWorks, contracts.NewDate(2026, 3, 1), 5_404_000 * euro, false},
		{"social services 2027-12-31: €750,000 (Richtlijn 2014/24/EU art. 4(d))", KindSocial, contracts.NewDate(2027, 12, 31), 750_000 * euro, false},
		{"publication 2028-01-01 outside every period: invalid", KindServices, contracts.NewDate(2028, 1, 1), 0, true},
		{"publication before 2024: invalid", KindServices, contracts.NewDate(2023, 12, 31), 0, true},
		{"no publication date: invalid", KindServices, contracts.Date{}, 0, true},
		{"unknown kind: invalid", ContractKind("concessions"), contracts.NewDate(2026, 1, 1), 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ThresholdFor(DefaultThresholds(), tt.kind, tt.pub)
			if tt.wantErr {
				if !errors.Is(err, apperr.Invalid) {
					t.Fatalf("ThresholdFor(%s, %s) error = %v, want apperr.Invalid", tt.kind, tt.pub, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ThresholdFor(%s, %s) = %d, %v, want %d", tt.kind, tt.pub, got, err, tt.want)
			}
		})
	}
}

func TestValidateThresholds(t *testing.T) {
	t.Parallel()
	d := contracts.NewDate
	ok := func(from, to contracts.Date) Threshold {
		return Threshold{From: from, To: to, Supplies: 1, Services: 1, Works: 1, Social: 1}
	}
	tests := []struct {
		name       string
		table      []Threshold
		wantFields []string
	}{
		{"default table is valid (Gedelegeerde Verordeningen (EU) 2023/2495 en 2025/2152)", DefaultThresholds(), nil},
		{"adjacent periods do not overlap", []Threshold{ok(d(2026, 1, 1), d(2027, 12, 31)), ok(d(2028, 1, 1), d(2029, 12, 31))}, nil},
		{"overlapping periods are refused", []Threshold{ok(d(2026, 1, 1), d(2027, 12, 31)), ok(d(2027, 12, 31), d(2029, 12, 31))}, []string{"thresholds[1].from"}},
		{"overlap found regardless of order", []Threshold{ok(d(2027, 1, 1), d(2028, 12, 31)), ok(d(2026, 1, 1), d(2027, 6, 30))}, []string{"thresholds[0].from"}},
		{"every non-positive value and a reversed period are listed", []Threshold{{From: d(2026, 1, 1), To: d(2025, 1, 1), Supplies: 0, Services: -1, Works: 1, Social: 1}},
			[]string{"thresholds[0].to", "thresholds[0].supplies", "thresholds[0].services"}},
		{"empty table is refused", nil, []string{"thresholds"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := ValidateThresholds(tt.table)
			fe := apperr.Fields(err)
			if len(tt.wantFields) == 0 {
				if err != nil {
					t.Fatalf("ValidateThresholds() = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, apperr.Invalid) || len(fe) != len(tt.wantFields) {
				t.Fatalf("ValidateThresholds() = %v, want fields %v", err, tt.wantFields)
			}
			for i, f := range tt.wantFields {
				if fe[i].Field != f {
					t.Errorf("ValidateThresholds() field %d = %q, want %q", i, fe[i].Field, f)
				}
			}
		})
	}
}
