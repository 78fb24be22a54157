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

	// CreateToken stores t, of its kind, with the hash of its secret and
	// returns its id. A user has one active calendar token: a second is
	// apperr.Conflict.
	CreateToken(ctx context.Context, t Token, hash string) (int64, error)
	// TokenByHash returns the token with the hash, of any kind, and its
	// user.
	TokenByHash(ctx context.Context, hash string) (Token, User, error)
	// TokenUsable reports whether the token with the hash still exists,
	// is not revoked and belongs to a user who is not disabled: the one
	// indexed read that confirms a cached token on every request, so that
	// a revocation by another process (the CLI) holds at once.
	TokenUsable(ctx context.Context, hash string) (bool, error)
	// Tokens returns the user's tokens of kind, revoked ones included,
	// newest first.
	Tokens(ctx context.Context, userID int64, kind TokenKind) ([]Token, error)
	// RevokeToken revokes the user's token id, of any kind, at at;
	// apperr.NotFound when the user has no such active token.
	RevokeToken(ctx context.Context, userID, id int64, at time.Time) error

	CreateSession(ctx context.Context, s Session) error
	SessionByHash(ctx context.Context, hash string) (Session, error)
	TouchSession(ctx context.Context, hash string, at time.Time) error
	DeleteSession(ctx context.Context, hash string) error
	// DeleteSessionsBefore removes sessions last seen before t.
	DeleteSessionsBefore(ctx context.Context, t time.Time) error

	// The failed logins, kept where every server sees them (Limiter).
	FailureStore
}
