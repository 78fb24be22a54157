package store

import "context"

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
