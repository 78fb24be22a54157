package store

import (
	"context"
	"database/sql"
)

// ExecForTest runs a raw statement on the writer, for tests that must put
// the database in a state no method produces.
func (st *Store) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := st.write().ExecContext(ctx, query, args...)
	return err
}

// CountForTest runs a raw query that returns one integer, for tests that
// look at rows no method reads.
func (st *Store) CountForTest(ctx context.Context, query string, args ...any) (int, error) {
	var n int
	err := st.read().QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// RowsForTest runs a raw query and returns its rows as text (NULL as
// "<null>"), for tests that read the catalog.
func (st *Store) RowsForTest(ctx context.Context, query string, args ...any) ([][]string, error) {
	rows, err := st.read().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		dest := make([]any, len(cols))
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
			if !v.Valid {
				row[i] = "<null>"
			}
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
