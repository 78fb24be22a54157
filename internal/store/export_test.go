package store

import "context"

// ExecForTest runs a raw statement on the writer, for tests that must put
// the database in a state no method produces.
func (st *Store) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := st.writer.ExecContext(ctx, query, args...)
	return err
}
