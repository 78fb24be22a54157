package ui

import (
	"net/url"
	"testing"
)

func TestPager(t *testing.T) {
	t.Parallel()
	q := url.Values{"q": {"fryslân"}, "soort": {""}}
	tests := []struct {
		name              string
		page, size, total int
		want              pager
	}{
		{"one page: no links", 1, 50, 50, pager{Page: 1, Pages: 1}},
		{"first of three", 1, 50, 101, pager{Page: 1, Pages: 3, NextURL: "/x?pagina=2&q=frysl%C3%A2n"}},
		{"middle keeps the filters, drops empty ones", 2, 50, 101,
			pager{Page: 2, Pages: 3, PrevURL: "/x?pagina=1&q=frysl%C3%A2n", NextURL: "/x?pagina=3&q=frysl%C3%A2n"}},
		{"nothing found is one page", 1, 50, 0, pager{Page: 1, Pages: 1}},
	}
	for _, tt := range tests {
		got := newPager("/x", q, tt.page, tt.size, tt.total)
		got.PrevLabel, got.NextLabel = "", ""
		if got != tt.want {
			t.Errorf("%s: newPager = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
