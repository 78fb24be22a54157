package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
)

// The contract list, one page at a time (issue 15: a view costs one
// page, not the whole register). Each sort order reads an index in that
// order (migration 0014) and seeks to the row after the cursor; the
// total comes from the counters the triggers keep (contract_counts), or
// is counted up to a bound when the filter has no counter. A filter no
// index serves is checked row by row along the sort index, for at most
// contractSearchWindow rows a page: the page then says it is partial and
// its next cursor goes on from the last row looked at.

// contractSearchWindow bounds the rows one page looks at.
const contractSearchWindow = 20_000

// contractCountBound bounds the count of a filter without a counter.
const contractCountBound = 1000

// seekOrder is a sort order as SQL: the expressions it orders on, the id
// last, over the table (table) or over the result columns of todayKeys
// (keys); ints says which keys are integers.
type seekOrder struct {
	table, keys []string
	ints        []bool
}

// contractSeeks holds the order of each contracts.ContractSort; the
// number of keys is contracts' contractSortKeys.
var contractSeeks = map[contracts.ContractSort]seekOrder{
	contracts.SortNotice: {[]string{"c.notice_key", "c.current_end", "c.id"}, []string{"notice_key", "current_end", "id"}, []bool{false, false, true}},
	contracts.SortEnd:    {[]string{"c.current_end", "c.id"}, []string{"current_end", "id"}, []bool{false, true}},
	contracts.SortNumber: {[]string{"o.code", "c.number", "c.id"}, []string{"code", "number", "id"}, []bool{false, false, true}},
	contracts.SortValue:  {[]string{"-c.annual_value", "c.id"}, []string{"neg_value", "id"}, []bool{true, true}},
	contracts.SortTitle:  {[]string{"c.title_key", "c.id"}, []string{"title_key", "id"}, []bool{false, true}},
}

// orderBy returns the ORDER BY of cols, descending when back.
func orderBy(cols []string, back bool) string {
	dir := ""
	if back {
		dir = " DESC"
	}
	return " ORDER BY " + strings.Join(cols, dir+", ") + dir
}

// seekWhere returns the condition for the rows after (before, when
// c.Before) the cursor on cols, and its arguments. The first key is
// bounded on its own as well, so that the planner seeks on an index
// whose first column is an expression.
func seekWhere(cols []string, ints []bool, c contracts.Cursor) (string, []any, error) {
	args := make([]any, len(c.Keys))
	for i, k := range c.Keys {
		if !ints[i] {
			args[i] = k
			continue
		}
		n, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			return "", nil, fmt.Errorf("store: cursor key %q: %w", k, err)
		}
		args[i] = n
	}
	op, op1 := ">", ">="
	if c.Before {
		op, op1 = "<", "<="
	}
	return fmt.Sprintf("%s %s ? AND (%s) %s (%s)", cols[0], op1, strings.Join(cols, ", "), op, placeholders(len(cols))),
		append([]any{args[0]}, args...), nil
}

// plainColumns reports whether cols are columns of the contracts table
// alone, no expression: an index holds them in that order, and the row
// value of a cursor seeks on it.
func plainColumns(cols []string) bool {
	for _, c := range cols {
		if !strings.HasPrefix(c, "c.") {
			return false
		}
	}
	return true
}

// rowSeek drops the bound of the first key from a condition of seekWhere:
// over columns an index holds in order, SQLite then seeks on the row value
// of the cursor, where the first key's bound made it read every row that
// shares the cursor's first key from the first (the contracts without a
// notice deadline share one notice key: 341,000 of them at stress scale,
// 95 ms for the last page of /contracten).
func rowSeek(cond string, args []any) (string, []any) {
	_, rest, _ := strings.Cut(cond, " AND ")
	return rest, args[1:]
}

// contractCounted reports whether the total of f can be read from
// contract_counts: it filters on nothing the counters do not keep.
func contractCounted(f contracts.ContractFilter) bool {
	return f.VendorID == 0 && f.VendorGroupID == 0 && f.CPV == "" && f.RenewalKind == "" && f.EndsBefore.IsZero() &&
		f.NoticeBefore.IsZero() && strings.TrimSpace(f.Q) == ""
}

// countedTotal sums the counters of f (contractCounted).
func (st *Store) countedTotal(ctx context.Context, f contracts.ContractFilter) (int, error) {
	q, args, none := countedTotalSQL(f)
	if none {
		return 0, nil
	}
	var n int
	if err := st.read().QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count contracts: %w", err)
	}
	return n, nil
}

// countedTotalSQL returns the sum over contract_counts that totals f;
// none says f's scope and organization exclude every contract.
func countedTotalSQL(f contracts.ContractFilter) (q string, args []any, none bool) {
	var where []string
	org := f.Organization
	if code, ok := f.Scope.Organization(); ok && !f.Scope.All() {
		if org != "" && org != code {
			return "", nil, true
		}
		org = code
	} else if !f.Scope.All() {
		return "", nil, true
	}
	if org != "" {
		where = append(where, "organization_id = (SELECT id FROM organizations WHERE code = ?)")
		args = append(args, org)
	} else {
		where = append(where, "organization_id = 0")
	}
	if len(f.CategoryIDs) > 0 {
		where = append(where, "category_id IN ("+placeholders(len(f.CategoryIDs))+")")
		for _, id := range f.CategoryIDs {
			args = append(args, id)
		}
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(f.Status))
	}
	if f.HideExpired {
		where = append(where, "expired = 0")
	}
	if f.OverQuota {
		where = append(where, "over_quota = 1")
	}
	return `SELECT coalesce(sum(n), 0) FROM contract_counts WHERE ` + strings.Join(where, " AND "), args, false
}

// boundedTotalSQL counts the candidates of f (the rows its index
// conditions select, up to contractSearchWindow + 1) and the matches
// among them.
func boundedTotalSQL(f contracts.ContractFilter) (string, []any) {
	indexed, args, residual, rargs := contractConds(f, tableCols)
	hit := "1"
	if len(residual) > 0 {
		hit = hitOf(strings.Join(residual, " AND "))
	}
	where := ""
	if len(indexed) > 0 {
		where = " WHERE " + strings.Join(indexed, " AND ")
	}
	return `SELECT count(*), coalesce(sum(hit), 0) FROM (SELECT ` + hit + ` AS hit` + contractFilterFrom + where + ` LIMIT ?) AS candidates`,
		slices.Concat(rargs, args, []any{contractSearchWindow + 1})
}

// ContractListSQL is the SQL of one page of the contract list, statement
// by statement, as Contracts runs it: for benchmarks whose bare side must
// do exactly the work the page does.
type ContractListSQL struct {
	// Total sums the counters, or (Bounded) counts the candidates and
	// the matches up to a bound where the filter has no counter.
	Total     string
	TotalArgs []any
	Bounded   bool
	// Keys reads the sort keys, the id last, and the hit column of the
	// rows of the page and after it (Contracts stops at the page size).
	Keys     string
	KeysArgs []any
	// Rows reads the page's contracts (contractSelect); its one argument
	// is the ids as a JSON array.
	Rows string
}

// ContractListStatements returns the SQL of f's page (f as the service
// hands it to the store: normalized, scoped, its cursor in Seek).
func ContractListStatements(f contracts.ContractFilter) (ContractListSQL, error) {
	seek, ok := contractSeeks[f.Sort]
	if !ok {
		return ContractListSQL{}, fmt.Errorf("store: contracts: unknown sort %q", f.Sort)
	}
	var out ContractListSQL
	if contractCounted(f) {
		out.Total, out.TotalArgs, _ = countedTotalSQL(f)
	} else {
		out.Total, out.TotalArgs = boundedTotalSQL(f)
		out.Bounded = true
	}
	var err error
	out.Keys, out.KeysArgs, err = contractPageQuery(f, seek)
	out.Rows = contractSelect + ` WHERE c.id IN (SELECT value FROM json_each(?))`
	return out, err
}

// Contracts returns one page of contracts matching f (f.Seek, or
// f.Page by offset), with the total.
func (st *Store) Contracts(ctx context.Context, f contracts.ContractFilter) (contracts.ContractPage, error) {
	page := contracts.ContractPage{Items: []contracts.ContractSummary{}}
	seek, ok := contractSeeks[f.Sort]
	if !ok {
		return page, fmt.Errorf("store: contracts: unknown sort %q", f.Sort)
	}
	var err error
	if contractCounted(f) {
		page.Total, err = st.countedTotal(ctx, f)
	} else {
		page.Total, page.TotalAtLeast, err = st.boundedTotal(ctx, f)
	}
	if err != nil {
		return page, err
	}
	keys, err := st.contractPageKeys(ctx, f, seek, &page)
	if err != nil {
		return page, err
	}
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = k.id
	}
	if len(ids) > 0 {
		if page.Items, err = st.contractsByID(ctx, ids); err != nil {
			return page, err
		}
	}
	return page, nil
}

// pageKey is a row of a page: its id and its sort keys.
type pageKey struct {
	id   int64
	keys []string
}

// numberOrderFrom is contractFilterFrom in the join order of the number
// sort.
const numberOrderFrom = ` FROM organizations o
	CROSS JOIN contracts c ON c.organization_id = o.id
	JOIN vendors v ON v.id = c.vendor_id`

// contractPageQuery returns the SQL that reads the sort keys (the id
// last) of the rows of f's page in order, backwards for a cursor before,
// with a column hit for the filters no index serves, and its arguments.
// It reads the page and one row more when every row it reads matches,
// else no more than contractSearchWindow rows.
func contractPageQuery(f contracts.ContractFilter, seek seekOrder) (string, []any, error) {
	var (
		cols, conds []string
		args        []any
		from        = contractFilterFrom
		hit         = "1"
		limit       = contractSearchWindow
	)
	offset := f.Seek.IsZero() && f.Offset() > 0
	switch {
	case len(f.DatesToday) > 0:
		keys, kargs, err := todayKeys(f)
		if err != nil {
			return "", nil, err
		}
		cols, from, args = seek.keys, ` FROM (`+keys+`) AS k`, kargs
	default:
		indexed, iargs, residual, rargs := contractConds(f, tableCols)
		cols, conds = seek.table, indexed
		if f.Sort == contracts.SortNumber {
			// Organizations by code, then each one's contracts by number
			// (its UNIQUE index): CROSS JOIN keeps SQLite to that order
			// rather than sorting the register.
			from = numberOrderFrom
		}
		switch {
		case len(residual) == 0:
			args = iargs
		case offset:
			// Paging by number skips the rows before the page (bounded by
			// contracts.MaxOffsetRows), every filter applied.
			conds, args = append(conds, residual...), slices.Concat(iargs, rargs)
		default:
			hit, args = hitOf(strings.Join(residual, " AND ")), slices.Concat(rargs, iargs)
		}
	}
	if !f.Seek.IsZero() {
		cond, sargs, err := seekWhere(cols, seek.ints, f.Seek)
		if err != nil {
			return "", nil, err
		}
		if plainColumns(cols) {
			cond, sargs = rowSeek(cond, sargs)
		}
		conds, args = append(conds, cond), append(args, sargs...)
	}
	q := `SELECT ` + strings.Join(cols, ", ") + `, ` + hit + from
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += orderBy(cols, f.Seek.Before) + " LIMIT ?"
	if hit == "1" {
		// Every row read is on the page: the page and one row to tell
		// whether another follows. PostgreSQL sends all the rows a LIMIT
		// allows before the reader can stop, so the bound is the page's.
		limit = f.PageSize + 1
	}
	if offset {
		q += " OFFSET ?"
		args = append(args, limit, f.Offset())
		return q, args, nil
	}
	return q, append(args, limit), nil
}

// contractPageKeys reads the rows of f's page and sets the page's cursors
// and Partial.
func (st *Store) contractPageKeys(ctx context.Context, f contracts.ContractFilter, seek seekOrder, page *contracts.ContractPage) ([]pageKey, error) {
	q, args, err := contractPageQuery(f, seek)
	if err != nil {
		return nil, err
	}
	rows, err := st.read().QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: contracts: %w", err)
	}
	defer rows.Close()
	n := len(seek.table)
	var (
		out    []pageKey
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
			return nil, fmt.Errorf("store: contracts: %w", err)
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
		if len(out) == f.PageSize {
			more = true
			break
		}
		id, err := strconv.ParseInt(keys[n-1], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("store: contracts: id %q: %w", keys[n-1], err)
		}
		out = append(out, pageKey{id: id, keys: keys})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: contracts: %w", err)
	}
	offsetPaged := f.Seek.IsZero() && f.Offset() > 0
	if !more && !offsetPaged && looked == contractSearchWindow {
		page.Partial, more = true, true
	}
	sort := string(f.Sort)
	if f.Seek.Before {
		slices.Reverse(out)
		if more {
			// The page before this one starts before its first row, or, when
			// the window stopped the search, before the last row looked at.
			from := last
			if len(out) > 0 && !page.Partial {
				from = out[0].keys
			}
			page.Prev = contracts.Cursor{Sort: sort, Before: true, Keys: from}.Encode()
		}
		if len(out) > 0 {
			page.Next = contracts.Cursor{Sort: sort, Keys: out[len(out)-1].keys}.Encode()
		} else {
			page.Next = contracts.Cursor{Sort: sort, Keys: f.Seek.Keys}.Encode()
		}
		return out, nil
	}
	if more {
		from := last
		if !page.Partial && len(out) > 0 {
			from = out[len(out)-1].keys
		}
		page.Next = contracts.Cursor{Sort: sort, Keys: from}.Encode()
	}
	if len(out) > 0 && (!f.Seek.IsZero() || offsetPaged) {
		page.Prev = contracts.Cursor{Sort: sort, Before: true, Keys: out[0].keys}.Encode()
	} else if len(out) == 0 && !f.Seek.IsZero() {
		page.Prev = contracts.Cursor{Sort: sort, Before: true, Keys: f.Seek.Keys}.Encode()
	}
	return out, nil
}

// boundedTotal counts the contracts matching f, looking at no more than
// contractSearchWindow candidates (the rows the index conditions select)
// and stopping at contractCountBound matches; atLeast says there are
// more than the count.
func (st *Store) boundedTotal(ctx context.Context, f contracts.ContractFilter) (total int, atLeast bool, err error) {
	if len(f.DatesToday) > 0 {
		keys, args, err := todayKeys(f)
		if err != nil {
			return 0, false, err
		}
		err = st.read().QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM (`+keys+`) AS k LIMIT ?) AS candidates`,
			append(args, contractCountBound+1)...).Scan(&total)
		if err != nil {
			return 0, false, fmt.Errorf("store: count contracts: %w", err)
		}
		return min(total, contractCountBound), total > contractCountBound, nil
	}
	q, args := boundedTotalSQL(f)
	var candidates int
	if err = st.read().QueryRowContext(ctx, q, args...).Scan(&candidates, &total); err != nil {
		return 0, false, fmt.Errorf("store: count contracts: %w", err)
	}
	if total > contractCountBound {
		return contractCountBound, true, nil
	}
	return total, candidates > contractSearchWindow, nil
}
