package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// CalendarPrefix starts every calendar feed secret, so that one found in a
// log or a shared calendar is recognisable.
const CalendarPrefix = "skc_"

// A calendar feed is a user's calendar subscription: a secret URL that
// calendar apps fetch without logging in, so the secret in the URL is the
// credential. It is a Token of kind TokenCalendar: 256 random bits, of
// which the store keeps only the SHA-256, listed and revoked like any
// token. A user has at most one active feed, and its secret opens nothing
// but the feed.

// CreateCalendarFeed gives the user a new feed secret, revoking the one
// they had: a new URL is also how a leaked one is replaced. The secret is
// returned once and never stored.
func (s *Service) CreateCalendarFeed(ctx context.Context, userID int64) (Token, string, error) {
	secret, err := NewSecret(CalendarPrefix)
	if err != nil {
		return Token{}, "", err
	}
	now := s.opts.Now().UTC()
	t := Token{UserID: userID, Kind: TokenCalendar, Hint: secret[:len(CalendarPrefix)+4], CreatedAt: now}
	err = s.store.InTx(ctx, func(tx Store) error {
		if err := s.revokeCalendarFeed(ctx, tx, userID); err != nil && !errors.Is(err, apperr.NotFound) {
			return err
		}
		id, err := tx.CreateToken(ctx, t, HashSecret(secret))
		t.ID = id
		return err
	})
	if err != nil {
		return Token{}, "", fmt.Errorf("auth: create calendar feed: %w", err)
	}
	return t, secret, nil
}

// CalendarFeed returns the user's active feed, or apperr.NotFound.
func (s *Service) CalendarFeed(ctx context.Context, userID int64) (Token, error) {
	return s.calendarFeed(ctx, s.store, userID)
}

func (s *Service) calendarFeed(ctx context.Context, st Store, userID int64) (Token, error) {
	ts, err := st.Tokens(ctx, userID, TokenCalendar)
	if err != nil {
		return Token{}, fmt.Errorf("auth: calendar feed of user %d: %w", userID, err)
	}
	for _, t := range ts {
		if t.RevokedAt.IsZero() {
			return t, nil
		}
	}
	return Token{}, fmt.Errorf("auth: calendar feed of user %d: %w", userID, apperr.NotFound)
}

// RevokeCalendarFeed revokes the user's active feed; its URL answers 404
// from then on. apperr.NotFound when the user has none.
func (s *Service) RevokeCalendarFeed(ctx context.Context, userID int64) error {
	err := s.store.InTx(ctx, func(tx Store) error { return s.revokeCalendarFeed(ctx, tx, userID) })
	if err != nil {
		return fmt.Errorf("auth: revoke calendar feed: %w", err)
	}
	return nil
}

// revokeCalendarFeed revokes the user's active feed through st, as any
// token is revoked.
func (s *Service) revokeCalendarFeed(ctx context.Context, st Store, userID int64) error {
	t, err := s.calendarFeed(ctx, st, userID)
	if err != nil {
		return err
	}
	return st.RevokeToken(ctx, userID, t.ID, s.opts.Now().UTC())
}

// CalendarUser returns the user whose active feed has the secret, or
// apperr.NotFound for an unknown or revoked secret, a disabled user and
// the secret of a token of another kind (an API token opens no feed): the
// feed URL then does not exist, as far as anyone can tell.
func (s *Service) CalendarUser(ctx context.Context, secret string) (User, error) {
	t, u, err := s.store.TokenByHash(ctx, HashSecret(secret))
	if err != nil {
		return User{}, fmt.Errorf("auth: calendar feed: %w", err)
	}
	if t.Kind != TokenCalendar || !t.RevokedAt.IsZero() || u.Disabled {
		return User{}, fmt.Errorf("auth: calendar feed %d: %w", t.ID, apperr.NotFound)
	}
	return u, nil
}
