package ui

import (
	"net/url"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// pager is the pagination of a list page; partials/pagination.html shows
// it. The links keep the list's filters.
type pager struct {
	Page, Pages      int
	PrevURL, NextURL string
	// PrevLabel and NextLabel default to Vorige and Volgende.
	PrevLabel, NextLabel string
	// Keyset: the list pages by cursor and knows no page numbers.
	Keyset bool
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

// newCursorPager links to the pages before and after this one of a list
// paged by cursor (keyset), keeping the filters in query; the page has
// no number. Page is 1 on the first page (no cursor), else 0.
func newCursorPager(path string, query url.Values, cursor, next, prev string) pager {
	p := pager{PrevLabel: "Vorige", NextLabel: "Volgende", Keyset: true}
	if cursor == "" {
		p.Page = 1
	}
	link := func(c string) string {
		q := url.Values{}
		for k, vs := range query {
			for _, v := range vs {
				if v != "" {
					q.Add(k, v)
				}
			}
		}
		q.Set("cursor", c)
		return path + "?" + q.Encode()
	}
	if prev != "" {
		p.PrevURL = link(prev)
	}
	if next != "" {
		p.NextURL = link(next)
	}
	if p.PrevURL != "" || p.NextURL != "" {
		p.Pages = 2 // more than one page: the partial shows the links
	}
	return p
}

// listPager is the pager of a list paged by cursor whose page may also be
// numbered (pagina, for links kept from before): a numbered page beyond
// the first has a previous page.
func listPager(path string, query url.Values, cursor string, page int, res contracts.ListPage) pager {
	if cursor == "" && page > 1 {
		cursor = "page"
	}
	return newCursorPager(path, query, cursor, res.Next, res.Prev)
}

// firstPageOnBadPosition reports whether err refuses only the position
// of a list page (its cursor or page number, from a link kept from
// before or an edited URL), with the notice that says so: the page then
// shows the first page instead.
func firstPageOnBadPosition(err error) (string, bool) {
	if fields := apperr.Fields(err); len(fields) == 1 && (fields[0].Field == "cursor" || fields[0].Field == "page") {
		return nl.FieldMessage(fields[0]), true
	}
	return "", false
}
