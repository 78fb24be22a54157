package contracts

import "testing"

// TestQuartile: quartiles by linear interpolation between the closest
// ranks, as a spreadsheet's QUARTILE.INC, rounded half away from zero.
func TestQuartile(t *testing.T) {
	t.Parallel()
	values := []Money{10, 20, 30, 40, 75}
	tests := []struct {
		k    int
		want Money
	}{{1, 20}, {2, 30}, {3, 40}}
	for _, tt := range tests {
		if got := quartile(values, tt.k); got != tt.want {
			t.Errorf("quartile(%v, %d) = %d, want %d", values, tt.k, got, tt.want)
		}
	}
	// Between ranks: (n−1)·k/4 = 1.25 for n = 6, k = 1 → 20 + 0.25·(30−20) = 22.5 → 23.
	six := []Money{10, 20, 30, 40, 50, 60}
	if got := quartile(six, 1); got != 23 {
		t.Errorf("quartile(%v, 1) = %d, want 23", six, got)
	}
	if got := quartile(six, 3); got != 48 {
		t.Errorf("quartile(%v, 3) = %d, want 48 (47.5 rounded half away from zero)", six, got)
	}
}
