package ui

import (
	"net/url"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
)

// pager is the pagination of a list page; partials/pagination.html shows
// it. The links keep the list's filters.
type pager struct {
	Page, Pages      int
	PrevURL, NextURL string
	// PrevLabel and NextLabel default to Vorige and Volgende.
	PrevLabel, NextLabel string
}

// newPager pages total rows by pageSize, linking to path with the filters
// in query and the page number in "pagina".
func newPager(path string, query url.Values, page, pageSize, total int) pager {
	p := pager{Page: page, Pages: contracts.PageCount(total, pageSize), PrevLabel: "Vorige", NextLabel: "Volgende"}
	link := func(n int) string {
		q := url.Values{}
		for k, vs := range query {
			for _, v := range vs {
				if v != "" {
					q.Add(k, v)
				}
			}
		}
		q.Set("pagina", strconv.Itoa(n))
		return path + "?" + q.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page < p.Pages {
		p.NextURL = link(page + 1)
	}
	return p
}
