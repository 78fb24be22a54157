package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
)

// Keyset paging for the lists other than the contracts (vendors,
// organizations, demand, alerts): each sort order reads an index in that
// order and seeks to the row after the cursor, as the contract list does
// (contracts_list.go). A filter no index serves is checked row by row
// along the index for at most listSearchWindow rows a page; the page
// then says it is partial and its next cursor goes on from the last row
// looked at.

// listSearchWindow bounds the rows one page of a list looks at, and the
// candidates a bounded total counts.
const listSearchWindow = 20_000

// keysetList is one page's query of a list sorted on an index.
type keysetList struct {
	// from is the FROM clause, joins included.
	from string
	// cols are the sort keys, the unique key last; ints says which are
	// integers (the cursor carries them as text).
	cols []string
	ints []bool
	// conds and args select the rows an index serves; residual and
	// rargs (may be empty) the condition checked row by row.
	conds    []string
	args     []any
	residual string
	rargs    []any
}

// keysetPage is what keysetRows found: the unique keys of the page's rows
// in order, and the cursors.
type keysetPage struct {
	Keys       []string
	Next, Prev string
	Partial    bool
}

// KeysetSQL returns the statement that reads the sort keys and the hit
// column of the rows from the cursor on (backwards for a cursor before),
// or from offset when there is no cursor, and its arguments.
func (l keysetList) KeysetSQL(seek contracts.Cursor, offset, pageSize int) (string, []any, error) {
	hit, args := "1", slices.Clone(l.args)
	conds := slices.Clone(l.conds)
	byOffset := seek.IsZero() && offset > 0
	if l.residual != "" {
		if byOffset {
			conds, args = append(conds, l.residual), append(args, l.rargs...)
		} else {
			hit, args = hitOf(l.residual), slices.Concat(l.rargs, args)
		}
	}
	if !seek.IsZero() {
		cond, sargs, err := seekWhere(l.cols, l.ints, seek)
		if err != nil {
			return "", nil, err
		}
		conds, args = append(conds, cond), append(args, sargs...)
	}
	q := `SELECT ` + strings.Join(l.cols, ", ") + `, ` + hit + l.from
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += orderBy(l.cols, seek.Before) + " LIMIT ?"
	if byOffset {
		return q + " OFFSET ?", append(args, pageSize+1, offset), nil
	}
	return q, append(args, listSearchWindow), nil
}

// rows reads the page of l at the cursor seek of sort order sort (or at
// offset without one), pageSize rows at most.
func (st *Store) keysetRows(ctx context.Context, l keysetList, sort string, seek contracts.Cursor, offset, pageSize int) (keysetPage, error) {
	var page keysetPage
	q, args, err := l.KeysetSQL(seek, offset, pageSize)
	if err != nil {
		return page, err
	}
	rows, err := st.read().QueryContext(ctx, q, args...)
	if err != nil {
		return page, err
	}
	defer rows.Close()
	n := len(l.cols)
	var (
		out    [][]string
		last   []string
		looked int
		more   bool
	)
	vals := make([]sql.RawBytes, n+1)
	dest := make([]any, n+1)
	for i := range vals {
		dest[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return page, err
		}
		looked++
		keys := make([]string, n)
		for i := range n {
			keys[i] = string(vals[i])
		}
		last = keys
		if string(vals[n]) != "1" {
			continue
		}
		if len(out) == pageSize {
			more = true
			break
		}
		out = append(out, keys)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	byOffset := seek.IsZero() && offset > 0
	if !more && !byOffset && looked == listSearchWindow {
		page.Partial, more = true, true
	}
	if seek.Before {
		slices.Reverse(out)
		if more {
			from := last
			if len(out) > 0 && !page.Partial {
				from = out[0]
			}
			page.Prev = contracts.Cursor{Sort: sort, Before: true, Keys: from}.Encode()
		}
		if len(out) > 0 {
			page.Next = contracts.Cursor{Sort: sort, Keys: out[len(out)-1]}.Encode()
		} else {
			page.Next = contracts.Cursor{Sort: sort, Keys: seek.Keys}.Encode()
		}
	} else {
		if more {
			from := last
			if !page.Partial && len(out) > 0 {
				from = out[len(out)-1]
			}
			page.Next = contracts.Cursor{Sort: sort, Keys: from}.Encode()
		}
		if len(out) > 0 && (!seek.IsZero() || byOffset) {
			page.Prev = contracts.Cursor{Sort: sort, Before: true, Keys: out[0]}.Encode()
		} else if len(out) == 0 && !seek.IsZero() {
			page.Prev = contracts.Cursor{Sort: sort, Before: true, Keys: seek.Keys}.Encode()
		}
	}
	page.Keys = make([]string, len(out))
	for i, k := range out {
		page.Keys[i] = k[n-1]
	}
	return page, nil
}

// BoundedCountSQL counts the candidates of l (the rows its index
// conditions select, up to listSearchWindow + 1) and the matches among
// them.
func (l keysetList) BoundedCountSQL() (string, []any) {
	hit := "1"
	if l.residual != "" {
		hit = hitOf(l.residual)
	}
	where := ""
	if len(l.conds) > 0 {
		where = " WHERE " + strings.Join(l.conds, " AND ")
	}
	return `SELECT count(*), coalesce(sum(hit), 0) FROM (SELECT ` + hit + ` AS hit` + l.from + where + ` LIMIT ?) AS candidates`,
		slices.Concat(l.rargs, l.args, []any{listSearchWindow + 1})
}

// boundedCount counts l's rows, looking at no more than listSearchWindow
// candidates; atLeast says there may be more.
func (st *Store) boundedCount(ctx context.Context, l keysetList) (total int, atLeast bool, err error) {
	q, args := l.BoundedCountSQL()
	var candidates int
	if err := st.read().QueryRowContext(ctx, q, args...).Scan(&candidates, &total); err != nil {
		return 0, false, err
	}
	return total, candidates > listSearchWindow, nil
}

// listCount returns the counter of list kept in list_counts (migration
// 0017).
func (st *Store) listCount(ctx context.Context, list string) (int, error) {
	var n int
	err := st.read().QueryRowContext(ctx, `SELECT coalesce(sum(n), 0) FROM list_counts WHERE list = ?`, list).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count %s: %w", list, err)
	}
	return n, nil
}

// jsonArray returns keys as a JSON array for json_each: numbers when
// ints (the keys are ids), else strings.
func jsonArray(keys []string, ints bool) string {
	if ints {
		return "[" + strings.Join(keys, ",") + "]"
	}
	b, _ := json.Marshal(keys) // strings only: cannot fail
	return string(b)
}
