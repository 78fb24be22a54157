package contracts

import "testing"

func TestNormalizePage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                     string
		page, size               int
		wantPage, wantSize       int
		wantOffset, wantPagesOf5 int
	}{
		{"defaults: page 1 of 50", 0, 0, 1, 50, 0, 1},
		{"a negative page is the first", -3, 20, 1, 20, 0, 1},
		{"the third page of 20 starts after 40 rows", 3, 20, 3, 20, 40, 1},
		{"page size capped at 500", 2, 10_000, 2, 500, 500, 1},
		{"page number capped far from overflow", 1 << 62, 500, 1_000_000, 500, 499_999_500, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			page, size := NormalizePage(tt.page, tt.size)
			if page != tt.wantPage || size != tt.wantSize {
				t.Errorf("NormalizePage(%d, %d) = %d, %d; want %d, %d", tt.page, tt.size, page, size, tt.wantPage, tt.wantSize)
			}
			if got := PageOffset(page, size); got != tt.wantOffset {
				t.Errorf("PageOffset(%d, %d) = %d, want %d", page, size, got, tt.wantOffset)
			}
			if got := PageCount(5, size); got != tt.wantPagesOf5 {
				t.Errorf("PageCount(5, %d) = %d, want %d", size, got, tt.wantPagesOf5)
			}
		})
	}
}

func TestPageCount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		total, size int
		want        int
	}{
		{"nothing found is one page", 0, 50, 1},
		{"exactly full", 50, 50, 1},
		{"one row over", 51, 50, 2},
		{"101 rows of 50", 101, 50, 3},
		{"no page size is one page", 10, 0, 1},
	}
	for _, tt := range tests {
		if got := PageCount(tt.total, tt.size); got != tt.want {
			t.Errorf("%s: PageCount(%d, %d) = %d, want %d", tt.name, tt.total, tt.size, got, tt.want)
		}
	}
}
