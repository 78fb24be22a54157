package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/samenkoop/samenkoop/procurement"
)

// The data version the bundler's suggestions are cached by. Every change
// is written to the audit log in the transaction that makes it (DESIGN
// §6, appendAudit), and the log's seq grows by one per entry in commit
// order (the single writer assigns it under the write lock), so the
// newest seq a reader sees names the state it reads. No write path needs
// an extra write: the version is derived, exactly, from the log. The
// nightly refresh of the stored contract dates is not audited, and the
// bundler does not depend on it: it reads the dates stored for its own day
// (BundleContracts), which are the dates it would compute, and computes
// those of every other row for the day, which is part of the cache key.

// bundleIndifferent are the audited entities no suggestion depends on: the
// bundler reads organizations, categories, vendors, contracts, demand and
// tenders with their participants, never users, tokens, lots or
// requirements. Every other entity, including one added later, counts as
// a change, so a new write path can only make the cache recompute more
// often, never serve a stale suggestion.
var bundleIndifferent = []string{"user", "token", "calendar_feed", auditLot, auditRequirement, auditRatings}

// bundleVersionQuery finds the newest change the bundler depends on among
// the entries after one seq and up to another: a range of the primary
// key, only the entries written since the caller last looked.
var bundleVersionQuery = `SELECT max(seq) FROM audit_log WHERE seq > ? AND seq <= ? AND entity NOT IN (` +
	strings.TrimSuffix(strings.Repeat("?,", len(bundleIndifferent)), ",") + `)`

// BundleVersion returns the version of the data the bundler reads, given
// the version the caller saw before (the zero value the first time): Head
// is the newest audit entry, Inputs the newest that can change a
// suggestion. When the log has not grown since prev, it answers with one
// lookup of the newest seq; otherwise it reads the entries since
// prev.Head. A log that shrank (a restored backup) is read again from the
// start.
func (st *Store) BundleVersion(ctx context.Context, prev procurement.DataVersion) (procurement.DataVersion, error) {
	var head int64
	if err := st.read().QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM audit_log`).Scan(&head); err != nil {
		return prev, fmt.Errorf("store: bundle version: %w", err)
	}
	if head == prev.Head {
		return prev, nil
	}
	if head < prev.Head {
		prev = procurement.DataVersion{}
	}
	args := []any{prev.Head, head}
	for _, e := range bundleIndifferent {
		args = append(args, e)
	}
	var inputs sql.NullInt64
	if err := st.read().QueryRowContext(ctx, bundleVersionQuery, args...).Scan(&inputs); err != nil {
		return prev, fmt.Errorf("store: bundle version: %w", err)
	}
	v := procurement.DataVersion{Head: head, Inputs: prev.Inputs}
	if inputs.Valid {
		v.Inputs = inputs.Int64
	}
	return v, nil
}
