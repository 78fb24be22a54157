package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
)

// Setting returns the value stored under key, or apperr.NotFound.
func (st *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := st.read().QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: setting %s: %w", key, apperr.NotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores value under key, replacing any earlier value.
func (st *Store) SetSetting(ctx context.Context, key, value string) error {
	return st.InTx(ctx, func(tx *Store) error {
		action, before := audit.ActionCreate, any(nil)
		old, err := tx.Setting(ctx, key)
		switch {
		case err == nil:
			action, before = audit.ActionUpdate, settingRecord{Value: old}
		case !errors.Is(err, apperr.NotFound):
			return err
		}
		if _, err := tx.write().ExecContext(ctx,
			`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
			return fmt.Errorf("store: set setting %s: %w", key, err)
		}
		return tx.appendAudit(ctx, auditSetting, key, action, before, settingRecord{Value: value})
	})
}
