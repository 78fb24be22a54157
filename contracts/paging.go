package contracts

import (
	"encoding/base64"
	"encoding/json"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The bounds of a page of any list. The page number stops at maxPage,
// which keeps the offset (page − 1) × page size far from overflow.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
	maxPage         = 1_000_000
)

// NormalizePage bounds a list's page and page size: the page counts from
// 1 (at most 1,000,000), the page size is DefaultPageSize when unset and
// at most MaxPageSize. Every list filter normalizes through it.
func NormalizePage(page, pageSize int) (int, int) {
	page = min(max(page, 1), maxPage)
	if pageSize < 1 {
		pageSize = DefaultPageSize
	}
	return page, min(pageSize, MaxPageSize)
}

// PageOffset returns the number of rows before page, at pageSize rows a
// page.
func PageOffset(page, pageSize int) int { return (page - 1) * pageSize }

// PageCount returns how many pages total rows fill at pageSize rows a
// page: at least one, an empty list being one empty page.
func PageCount(total, pageSize int) int {
	if pageSize < 1 {
		return 1
	}
	return max(1, (total+pageSize-1)/pageSize)
}

// Keyset paging: a list sorted on an index reads the page after (or
// before) the last (first) row shown, seeking in the index instead of
// counting past every row before it. The position travels in the query
// string as an opaque cursor; the store says what its keys are.

// MaxCursorLength bounds a cursor as clients send it back.
const MaxCursorLength = 512

// MaxOffsetRows bounds paging by page number (offset): a page whose rows
// lie further than this from the first is refused; a cursor reaches it.
const MaxOffsetRows = 10_000

// Cursor is a position in a list: the sort keys of a row, for the sort
// order Sort, and whether the page wanted lies before that row (the
// previous page) or after it.
type Cursor struct {
	Sort   string   `json:"s"`
	Before bool     `json:"b,omitempty"`
	Keys   []string `json:"k"`
}

// IsZero reports whether c names no position: the first page.
func (c Cursor) IsZero() bool { return len(c.Keys) == 0 }

// Encode returns c as the opaque text a link carries.
func (c Cursor) Encode() string {
	if c.IsZero() {
		return ""
	}
	b, _ := json.Marshal(c) // strings only: cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a cursor of a list sorted by sort whose rows have
// keys sort keys; "" is the first page. A cursor of another sort order,
// with another number of keys, or not made by Encode is
// apperr.FieldProblem on field.
func DecodeCursor(field, s, sort string, keys int) (Cursor, error) {
	if s == "" {
		return Cursor{}, nil
	}
	bad := apperr.FieldProblem(field, apperr.BadCursor)
	if len(s) > MaxCursorLength {
		return Cursor{}, bad
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, bad
	}
	var c Cursor
	if err := json.Unmarshal(b, &c); err != nil || c.Sort != sort || len(c.Keys) != keys {
		return Cursor{}, bad
	}
	for _, k := range c.Keys {
		if len(k) > 200 {
			return Cursor{}, bad
		}
	}
	return c, nil
}

// ListPage is what a page of a list sorted on an index says besides its
// rows (the vendors, organizations, demand and alerts lists).
type ListPage struct {
	// Total counts the rows matching the filter, from the counters the
	// store keeps; for a filter without a counter it is counted over a
	// bounded number of rows, and TotalAtLeast says there may be more.
	Total        int
	TotalAtLeast bool
	// Next and Prev are the cursors of the pages after and before this
	// one; "" when there is none.
	Next, Prev string
	// Partial says the page stopped looking for rows of a filter no
	// index serves after a bounded number of rows: it may hold fewer rows
	// than asked, and Next goes on from where it stopped.
	Partial bool
}

// The sort orders of the lists sorted by name, as cursors name them (the
// list's name too, so that one list's cursor is no position in another),
// and the number of keys of their cursors.
const (
	VendorSortName       = "vendors.name"
	OrganizationSortName = "organizations.name"
	nameSortKeys         = 2
)

// CheckPageDepth returns apperr.PageTooDeep on field page when a list
// paged by number (no cursor) asks for rows further than MaxOffsetRows
// from the first.
func CheckPageDepth(cursor string, page, pageSize int) error {
	if cursor == "" && PageOffset(page, pageSize) > MaxOffsetRows {
		return apperr.FieldProblem("page", apperr.PageTooDeep, MaxOffsetRows)
	}
	return nil
}
