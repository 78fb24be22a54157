package store

import (
	"context"
	"fmt"
	"time"
)

// State that several servers sharing one database must agree on
// (migration 0018): the failed logins that decide a lockout
// (auth.Limiter), and the leases that let one server at a time run a
// background job. Times are stored as Unix nanoseconds, so that both
// dialects compare them as integers.

// RecordLoginFailure records a failed login of key at at.
func (st *Store) RecordLoginFailure(ctx context.Context, key string, at time.Time) error {
	if _, err := st.write().ExecContext(ctx, `INSERT INTO login_failures (key, at) VALUES (?, ?)`, key, at.UnixNano()); err != nil {
		return fmt.Errorf("store: record login failure: %w", err)
	}
	return nil
}

// LoginFailures returns the times of key's failed logins after since,
// newest first, at most limit of them: enough to tell whether key reached
// a limit of limit failures and, when it did, when the oldest of those
// leaves the window. One range read of the (key, at) index.
func (st *Store) LoginFailures(ctx context.Context, key string, since time.Time, limit int) ([]time.Time, error) {
	rows, err := st.read().QueryContext(ctx,
		`SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at DESC LIMIT ?`, key, since.UnixNano(), limit)
	if err != nil {
		return nil, fmt.Errorf("store: login failures: %w", err)
	}
	defer rows.Close()
	var out []time.Time
	for rows.Next() {
		var ns int64
		if err := rows.Scan(&ns); err != nil {
			return nil, fmt.Errorf("store: login failures: %w", err)
		}
		out = append(out, time.Unix(0, ns).UTC())
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: login failures: %w", err)
	}
	return out, nil
}

// PruneLoginFailures forgets every failed login at or before before, of
// any key: a range of the index on at.
func (st *Store) PruneLoginFailures(ctx context.Context, before time.Time) error {
	if _, err := st.write().ExecContext(ctx, `DELETE FROM login_failures WHERE at <= ?`, before.UnixNano()); err != nil {
		return fmt.Errorf("store: prune login failures: %w", err)
	}
	return nil
}

// ClearLoginFailures forgets key's failed logins.
func (st *Store) ClearLoginFailures(ctx context.Context, key string) error {
	if _, err := st.write().ExecContext(ctx, `DELETE FROM login_failures WHERE key = ?`, key); err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}

// TryLease takes the lease on the job name for holder for ttl from now
// (Options.Now), and reports whether holder has it: when no one held it,
// when the last lease ran out, or when holder held it already (which
// extends it). One statement decides, so that of two servers asking at
// once exactly one gets it: the insert of the first, or the update that
// the other's condition refuses.
func (st *Store) TryLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	now := st.now()
	res, err := st.write().ExecContext(ctx, `
		INSERT INTO job_leases (name, holder, until) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
		WHERE job_leases.until <= ? OR job_leases.holder = excluded.holder`,
		name, holder, now.Add(ttl).UnixNano(), now.UnixNano())
	if err != nil {
		return false, fmt.Errorf("store: lease %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: lease %s: %w", name, err)
	}
	return n == 1, nil
}

// LeaseHolder returns who holds the lease on the job name and until
// when; "" when no one does or the last lease ran out.
func (st *Store) LeaseHolder(ctx context.Context, name string) (string, time.Time, error) {
	rows, err := st.read().QueryContext(ctx, `SELECT holder, until FROM job_leases WHERE name = ? AND until > ?`, name, st.now().UnixNano())
	if err != nil {
		return "", time.Time{}, fmt.Errorf("store: lease %s: %w", name, err)
	}
	defer rows.Close()
	var (
		holder string
		until  int64
	)
	if rows.Next() {
		if err := rows.Scan(&holder, &until); err != nil {
			return "", time.Time{}, fmt.Errorf("store: lease %s: %w", name, err)
		}
	}
	if err := rows.Err(); err != nil {
		return "", time.Time{}, fmt.Errorf("store: lease %s: %w", name, err)
	}
	if holder == "" {
		return "", time.Time{}, nil
	}
	return holder, time.Unix(0, until).UTC(), nil
}

// ReleaseLease gives up holder's lease on the job name, so that another
// server may take it at once; a lease someone else holds stays.
func (st *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	if _, err := st.write().ExecContext(ctx, `DELETE FROM job_leases WHERE name = ? AND holder = ?`, name, holder); err != nil {
		return fmt.Errorf("store: release lease %s: %w", name, err)
	}
	return nil
}
