package auth

import (
	"context"
	"time"
)

// Session is a logged-in browser. The cookie holds the secret; the store
// keeps only its hash.
type Session struct {
	Hash      string
	UserID    int64
	CSRF      string // the token every form of this session must carry
	CreatedAt time.Time
	LastSeen  time.Time
}

// Store is what the auth package needs from persistence.
type Store interface {
	InTx(ctx context.Context, fn func(Store) error) error

	CreateUser(ctx context.Context, u User) (int64, error)
	User(ctx context.Context, id int64) (User, error)
	UserByEmail(ctx context.Context, email string) (User, error)
	Users(ctx context.Context) ([]User, error)
	// OrganizationExists reports whether an organization has code.
	OrganizationExists(ctx context.Context, code string) (bool, error)

	CreateToken(ctx context.Context, t Token, hash string) (int64, error)
	// TokenByHash returns the token with the hash and its user.
	TokenByHash(ctx context.Context, hash string) (Token, User, error)
	// TokenUsable reports whether the token with the hash still exists,
	// is not revoked and belongs to a user who is not disabled: the one
	// indexed read that confirms a cached token on every request, so that
	// a revocation by another process (the CLI) holds at once.
	TokenUsable(ctx context.Context, hash string) (bool, error)
	Tokens(ctx context.Context, userID int64) ([]Token, error)
	RevokeToken(ctx context.Context, userID, id int64, at time.Time) error

	CreateSession(ctx context.Context, s Session) error
	SessionByHash(ctx context.Context, hash string) (Session, error)
	TouchSession(ctx context.Context, hash string, at time.Time) error
	DeleteSession(ctx context.Context, hash string) error
	// DeleteSessionsBefore removes sessions last seen before t.
	DeleteSessionsBefore(ctx context.Context, t time.Time) error

	// CreateCalendarFeed stores f with the hash of its secret and returns
	// its id; CalendarFeed returns the user's active feed, and
	// CalendarFeedByHash the feed (active or not) whose secret hashes to
	// hash, with its user. RevokeCalendarFeed revokes the user's active
	// feed at at; apperr.NotFound when there is none.
	CreateCalendarFeed(ctx context.Context, f CalendarFeed, hash string) (int64, error)
	CalendarFeed(ctx context.Context, userID int64) (CalendarFeed, error)
	CalendarFeedByHash(ctx context.Context, hash string) (CalendarFeed, User, error)
	RevokeCalendarFeed(ctx context.Context, userID int64, at time.Time) error
}
