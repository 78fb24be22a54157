package auth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// CalendarPrefix starts every calendar feed secret, so that one found in a
// log or a shared calendar is recognisable.
const CalendarPrefix = "skc_"

// CalendarFeed is a user's calendar subscription: a secret URL that
// calendar apps fetch without logging in, so the secret in the URL is the
// credential. Like an API token it has 256 random bits and the store keeps
// only its SHA-256. A user has at most one active feed.
type CalendarFeed struct {
	ID        int64
	UserID    int64
	CreatedAt time.Time
	RevokedAt time.Time // zero: active
}

// CreateCalendarFeed gives the user a new feed secret, revoking the one
// they had: a new URL is also how a leaked one is replaced. The secret is
// returned once and never stored.
func (s *Service) CreateCalendarFeed(ctx context.Context, userID int64) (CalendarFeed, string, error) {
	secret, err := NewSecret(CalendarPrefix)
	if err != nil {
		return CalendarFeed{}, "", err
	}
	now := s.opts.Now().UTC()
	f := CalendarFeed{UserID: userID, CreatedAt: now}
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := tx.RevokeCalendarFeed(ctx, userID, now); err != nil && !errors.Is(err, apperr.NotFound) {
			return err
		}
		id, err := tx.CreateCalendarFeed(ctx, f, HashSecret(secret))
		f.ID = id
		return err
	})
	if err != nil {
		return CalendarFeed{}, "", fmt.Errorf("auth: create calendar feed: %w", err)
	}
	return f, secret, nil
}

// CalendarFeed returns the user's active feed, or apperr.NotFound.
func (s *Service) CalendarFeed(ctx context.Context, userID int64) (CalendarFeed, error) {
	return s.store.CalendarFeed(ctx, userID)
}

// RevokeCalendarFeed revokes the user's active feed; its URL answers 404
// from then on. apperr.NotFound when the user has none.
func (s *Service) RevokeCalendarFeed(ctx context.Context, userID int64) error {
	if err := s.store.RevokeCalendarFeed(ctx, userID, s.opts.Now().UTC()); err != nil {
		return fmt.Errorf("auth: revoke calendar feed: %w", err)
	}
	return nil
}

// CalendarUser returns the user whose active feed has the secret, or
// apperr.NotFound for an unknown or revoked secret and a disabled user:
// the feed URL then does not exist, as far as anyone can tell.
func (s *Service) CalendarUser(ctx context.Context, secret string) (User, error) {
	f, u, err := s.store.CalendarFeedByHash(ctx, HashSecret(secret))
	if err != nil {
		return User{}, fmt.Errorf("auth: calendar feed: %w", err)
	}
	if !f.RevokedAt.IsZero() || u.Disabled {
		return User{}, fmt.Errorf("auth: calendar feed %d: %w", f.ID, apperr.NotFound)
	}
	return u, nil
}
