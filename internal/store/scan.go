package store

import "strings"

// column is one column of an entity's row: its SQL and where a row of type
// R scans it. An entity keeps its columns in one list of these, so the
// SELECT and the scan targets cannot drift apart (STYLE §14); a read that
// needs less takes a prefix of the list (the cheap columns come first),
// and a join adds its columns after it.
type column[R any] struct {
	sql  string
	dest func(*R) any
}

// columnList returns the SQL of cols, comma-separated.
func columnList[R any](cols []column[R]) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.sql
	}
	return strings.Join(names, ", ")
}

// columnDest returns the scan targets of cols in r, then extra.
func columnDest[R any](r *R, cols []column[R], extra []any) []any {
	dest := make([]any, 0, len(cols)+len(extra))
	for _, c := range cols {
		dest = append(dest, c.dest(r))
	}
	return append(dest, extra...)
}

// columnsThrough returns how many of cols there are up to and including
// the one whose SQL is last. It panics when there is none: the lists are
// package variables, so that happens at start-up.
func columnsThrough[R any](cols []column[R], last string) int {
	for i, c := range cols {
		if c.sql == last {
			return i + 1
		}
	}
	panic("store: no column " + last)
}
