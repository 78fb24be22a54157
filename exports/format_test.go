package exports

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

func TestMoneyNL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   contracts.Money
		want string
	}{
		{123456, "€ 1.234,56"},
		{5, "€ 0,05"},
		{0, "€ 0,00"},
		{100_000_000_00, "€ 100.000.000,00"},
		{-1200, "€ -12,00"},
	}
	for _, tt := range tests {
		if got := Money(tt.in); got != tt.want {
			t.Errorf("Money(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNumberAndDateNL(t *testing.T) {
	t.Parallel()
	if got := Number(934526); got != "934.526" {
		t.Errorf("Number(934526) = %q, want 934.526", got)
	}
	if got := Number(-1000); got != "-1.000" {
		t.Errorf("Number(-1000) = %q, want -1.000", got)
	}
	if got := Date(contracts.NewDate(2026, 11, 22)); got != "22-11-2026" {
		t.Errorf("Date = %q, want 22-11-2026", got)
	}
	if got := Percent(1250); got != "12,5 %" {
		t.Errorf("Percent(1250) = %q, want 12,5 %%", got)
	}
	if got := Percent(-50); got != "-0,5 %" {
		t.Errorf("Percent(-50) = %q, want -0,5 %%", got)
	}
	if got := Percent(5000); got != "50 %" {
		t.Errorf("Percent(5000) = %q, want 50 %%", got)
	}
}
