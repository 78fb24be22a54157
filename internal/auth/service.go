package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Options configures a Service. Zero values take the defaults noted.
type Options struct {
	Now  func() time.Time // default time.Now
	Hash HashParams       // default DefaultHashParams
	// SessionLifetime ends a session however active it is (default 12 h).
	SessionLifetime time.Duration
	// IdleTimeout ends a session nobody used for this long (default 30 min).
	IdleTimeout time.Duration
	// LoginFailures is how many wrong passwords an account or a client
	// address may try per LoginWindow before it must wait (default 10 per
	// minute).
	LoginFailures int
	LoginWindow   time.Duration
	// TokenCacheTTL is how long a looked-up API token and its user are
	// kept (default 30 s; negative: no cache). The cache saves the full
	// lookup only: every request still confirms in the store that the
	// token is not revoked and its user not disabled, so a revocation by
	// another process (the CLI, another server sharing the database)
	// holds at once. What else the cache keeps never changes: a token's
	// expiry is fixed when it is made, and no command or page changes a
	// user's role, organization or address once created. A way to change
	// them must make TokenUsable compare them too, or the other servers
	// would act on the old ones for up to this time.
	TokenCacheTTL time.Duration
}

// Service runs logins, sessions, users and tokens over a Store.
type Service struct {
	store    Store
	opts     Options
	accounts *Limiter
	addrs    *Limiter
	dummy    string // a hash to check against when the account is unknown
	tokens   tokenCache
}

// tokenCache keeps recently used API tokens by hash with their user, so
// that an API request costs a two-column read (TokenUsable) rather than
// the full token and user lookup.
type tokenCache struct {
	mu      sync.Mutex
	entries map[string]cachedToken
}

type cachedToken struct {
	token   Token
	user    User
	fetched time.Time
}

// maxCachedTokens bounds the cache; when full it starts over, which only
// costs a lookup per token.
const maxCachedTokens = 10_000

// NewService returns a Service over st.
func NewService(st Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Hash == (HashParams{}) {
		opts.Hash = DefaultHashParams
	}
	if opts.SessionLifetime <= 0 {
		opts.SessionLifetime = 12 * time.Hour
	}
	if opts.IdleTimeout <= 0 {
		opts.IdleTimeout = 30 * time.Minute
	}
	if opts.LoginFailures <= 0 {
		opts.LoginFailures = 10
	}
	if opts.LoginWindow <= 0 {
		opts.LoginWindow = time.Minute
	}
	if opts.TokenCacheTTL == 0 {
		opts.TokenCacheTTL = 30 * time.Second
	}
	dummy, err := HashPassword("no account has this password", opts.Hash)
	if err != nil {
		panic(err) // only a broken random source fails
	}
	return &Service{
		store: st, opts: opts, dummy: dummy, tokens: tokenCache{entries: map[string]cachedToken{}},
		accounts: NewLimiter(opts.LoginFailures, opts.LoginWindow, opts.Now, st),
		addrs:    NewLimiter(opts.LoginFailures, opts.LoginWindow, opts.Now, st),
	}
}

// RateLimitedError says a login must wait; it is apperr.Forbidden's
// cousin that the web layer answers with 429 and Retry-After.
type RateLimitedError struct{ RetryAfter time.Duration }

func (e *RateLimitedError) Error() string {
	return fmt.Sprintf("too many failed logins: try again in %s", e.RetryAfter.Round(time.Second))
}

// ErrBadCredentials is the one answer to a wrong e-mail address, a wrong
// password and a disabled account alike, so that the answer does not say
// whether an account exists.
var ErrBadCredentials = apperr.WithDetail(apperr.Unauthenticated, "e-mail address or password is wrong")

// Login checks email and password, limited per account and per client
// address, and opens a session. It returns the user and the session
// secret for the cookie.
//
// The failures are counted in the store, so every server sharing it
// sees them (Limiter). A wrong password is answered ErrBadCredentials
// only once its failure is recorded, and it is recorded even when the
// client has gone away, so that hanging up early buys no extra guess.
func (s *Service) Login(ctx context.Context, email, password, clientAddr string) (_ User, _ Session, _ string, err error) {
	email = NormalizeEmail(email)
	acct, addr := "account:"+email, "addr:"+clientAddr
	record := context.WithoutCancel(ctx)
	// Start the attempt before the slow hash, so that attempts sent at
	// once cannot all pass the check; only a wrong password counts.
	wait, err := s.accounts.Begin(ctx, acct)
	if err != nil {
		return User{}, Session{}, "", fmt.Errorf("auth: login: %w", err)
	}
	if wait > 0 {
		return User{}, Session{}, "", &RateLimitedError{RetryAfter: wait}
	}
	failed := false
	defer func() {
		if derr := s.accounts.Done(record, acct, failed); derr != nil {
			err = fmt.Errorf("auth: login: %w", derr)
		}
	}()
	wait, err = s.addrs.Begin(ctx, addr)
	if err != nil {
		return User{}, Session{}, "", fmt.Errorf("auth: login: %w", err)
	}
	if wait > 0 {
		return User{}, Session{}, "", &RateLimitedError{RetryAfter: wait}
	}
	defer func() {
		if derr := s.addrs.Done(record, addr, failed); derr != nil {
			err = fmt.Errorf("auth: login: %w", derr)
		}
	}()
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, apperr.NotFound) {
		return User{}, Session{}, "", fmt.Errorf("auth: login: %w", err)
	}
	hash := u.PasswordHash
	if err != nil || hash == "" {
		hash = s.dummy // same work whether or not the account exists
	}
	if ok := CheckPassword(hash, password); !ok || err != nil || u.Disabled {
		failed = true
		return User{}, Session{}, "", ErrBadCredentials
	}
	if err := s.accounts.Reset(record, acct); err != nil {
		return User{}, Session{}, "", fmt.Errorf("auth: login: %w", err)
	}
	sess, secret, err := s.openSession(ctx, u.ID)
	if err != nil {
		return User{}, Session{}, "", err
	}
	return u, sess, secret, nil
}

func (s *Service) openSession(ctx context.Context, userID int64) (Session, string, error) {
	secret, err := NewSecret("")
	if err != nil {
		return Session{}, "", err
	}
	csrf, err := NewSecret("")
	if err != nil {
		return Session{}, "", err
	}
	now := s.opts.Now().UTC()
	sess := Session{Hash: HashSecret(secret), UserID: userID, CSRF: csrf, CreatedAt: now, LastSeen: now}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return Session{}, "", fmt.Errorf("auth: open session: %w", err)
	}
	return sess, secret, nil
}

// touchEvery is how stale a session's last-seen time may get before a
// request writes it again: often enough for the idle timeout, rarely
// enough that reading pages does not mean writing the database.
const touchEvery = time.Minute

// SessionUser returns the user and session for a cookie secret, or
// apperr.Unauthenticated when the session is unknown, idle too long or
// past its lifetime.
func (s *Service) SessionUser(ctx context.Context, secret string) (User, Session, error) {
	if secret == "" {
		return User{}, Session{}, apperr.Unauthenticated
	}
	hash := HashSecret(secret)
	sess, err := s.store.SessionByHash(ctx, hash)
	if errors.Is(err, apperr.NotFound) {
		return User{}, Session{}, apperr.Unauthenticated
	}
	if err != nil {
		return User{}, Session{}, fmt.Errorf("auth: session: %w", err)
	}
	now := s.opts.Now().UTC()
	if now.Sub(sess.CreatedAt) > s.opts.SessionLifetime || now.Sub(sess.LastSeen) > s.opts.IdleTimeout {
		_ = s.store.DeleteSession(ctx, hash)
		return User{}, Session{}, apperr.Unauthenticated
	}
	u, err := s.store.User(ctx, sess.UserID)
	if errors.Is(err, apperr.NotFound) || u.Disabled {
		return User{}, Session{}, apperr.Unauthenticated
	}
	if err != nil {
		return User{}, Session{}, fmt.Errorf("auth: session user: %w", err)
	}
	if now.Sub(sess.LastSeen) > touchEvery {
		if err := s.store.TouchSession(ctx, hash, now); err != nil {
			return User{}, Session{}, fmt.Errorf("auth: touch session: %w", err)
		}
	}
	return u, sess, nil
}

// Logout ends the session with the cookie secret.
func (s *Service) Logout(ctx context.Context, secret string) error {
	if secret == "" {
		return nil
	}
	if err := s.store.DeleteSession(ctx, HashSecret(secret)); err != nil && !errors.Is(err, apperr.NotFound) {
		return fmt.Errorf("auth: logout: %w", err)
	}
	return nil
}

// TokenUser returns the user of an API token, or apperr.Unauthenticated
// when the token is unknown, revoked or expired, its user disabled, or it
// is a token of another kind (a calendar feed's secret opens no API).
// One indexed lookup of the token's SHA-256 per request, in the store and
// never only in memory, so that a token revoked by any process stops
// working at once; no password hash runs per request.
func (s *Service) TokenUser(ctx context.Context, secret string) (User, error) {
	hash := HashSecret(secret)
	now := s.opts.Now()
	t, u, ok := s.tokens.get(hash, now, s.opts.TokenCacheTTL)
	if ok {
		usable, err := s.store.TokenUsable(ctx, hash)
		if err != nil {
			return User{}, fmt.Errorf("auth: token: %w", err)
		}
		if !usable {
			s.tokens.drop(hash)
			return User{}, apperr.Unauthenticated
		}
	} else {
		var err error
		t, u, err = s.store.TokenByHash(ctx, hash)
		if errors.Is(err, apperr.NotFound) {
			return User{}, apperr.Unauthenticated
		}
		if err != nil {
			return User{}, fmt.Errorf("auth: token: %w", err)
		}
		if t.Kind == TokenAPI {
			s.tokens.put(hash, t, u, now, s.opts.TokenCacheTTL)
		}
	}
	if t.Kind != TokenAPI || !t.Active(now) || u.Disabled {
		return User{}, apperr.Unauthenticated
	}
	return u, nil
}

func (c *tokenCache) get(hash string, now time.Time, ttl time.Duration) (Token, User, bool) {
	if ttl < 0 {
		return Token{}, User{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[hash]
	if !ok || now.Sub(e.fetched) > ttl {
		return Token{}, User{}, false
	}
	return e.token, e.user, true
}

func (c *tokenCache) put(hash string, t Token, u User, now time.Time, ttl time.Duration) {
	if ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxCachedTokens {
		clear(c.entries)
	}
	c.entries[hash] = cachedToken{token: t, user: u, fetched: now}
}

// drop forgets one cached token.
func (c *tokenCache) drop(hash string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.entries, hash)
}

// forget drops the cached tokens of a user (after a revocation).
func (c *tokenCache) forget(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for h, e := range c.entries {
		if e.user.ID == userID {
			delete(c.entries, h)
		}
	}
}

// CreateUser validates u and stores it with the hash of password.
func (s *Service) CreateUser(ctx context.Context, u User, password string) (User, error) {
	u.Email = NormalizeEmail(u.Email)
	err := u.Validate()
	fe := apperr.Fields(err)
	if len(password) < MinPasswordLength {
		fe.Add("password", apperr.PasswordTooShort, MinPasswordLength)
	}
	if err := fe.Err(); err != nil {
		return User{}, fmt.Errorf("auth: create user: %w", err)
	}
	hash, err := HashPassword(password, s.opts.Hash)
	if err != nil {
		return User{}, err
	}
	u.PasswordHash, u.CreatedAt = hash, s.opts.Now().UTC()
	err = s.store.InTx(ctx, func(tx Store) error {
		if u.Organization != "" {
			ok, err := tx.OrganizationExists(ctx, u.Organization)
			if err != nil {
				return err
			}
			if !ok {
				return apperr.FieldProblem("organization", apperr.NoOrganization, u.Organization)
			}
		}
		id, err := tx.CreateUser(ctx, u)
		u.ID = id
		return err
	})
	if err != nil {
		return User{}, fmt.Errorf("auth: create user: %w", err)
	}
	return u, nil
}

// Users returns every user.
func (s *Service) Users(ctx context.Context) ([]User, error) { return s.store.Users(ctx) }

// UserByEmail returns the user with the address.
func (s *Service) UserByEmail(ctx context.Context, email string) (User, error) {
	return s.store.UserByEmail(ctx, NormalizeEmail(email))
}

// CreateToken makes an API token for the user, valid for ttl (0: no
// expiry). The secret is returned once and never stored.
func (s *Service) CreateToken(ctx context.Context, userID int64, name string, ttl time.Duration) (Token, string, error) {
	var fe apperr.FieldErrors
	if name == "" {
		fe.Add("name", apperr.TokenNameRequired)
	} else if len(name) > 100 {
		fe.Add("name", apperr.TooLong, 100)
	}
	contracts.CheckText(&fe, "name", name, false)
	if ttl < 0 {
		fe.Add("expires", apperr.Negative, ttl.String())
	}
	if err := fe.Err(); err != nil {
		return Token{}, "", fmt.Errorf("auth: create token: %w", err)
	}
	secret, err := NewSecret(TokenPrefix)
	if err != nil {
		return Token{}, "", err
	}
	now := s.opts.Now().UTC()
	t := Token{UserID: userID, Kind: TokenAPI, Name: name, Hint: secret[:len(TokenPrefix)+4], CreatedAt: now}
	if ttl > 0 {
		t.ExpiresAt = now.Add(ttl)
	}
	id, err := s.store.CreateToken(ctx, t, HashSecret(secret))
	if err != nil {
		return Token{}, "", fmt.Errorf("auth: create token: %w", err)
	}
	t.ID = id
	return t, secret, nil
}

// Tokens returns the user's API tokens, revoked ones included.
func (s *Service) Tokens(ctx context.Context, userID int64) ([]Token, error) {
	return s.store.Tokens(ctx, userID, TokenAPI)
}

// RevokeToken revokes the user's token id, of any kind; it stays listed
// as revoked.
func (s *Service) RevokeToken(ctx context.Context, userID, id int64) error {
	if err := s.store.RevokeToken(ctx, userID, id, s.opts.Now().UTC()); err != nil {
		return fmt.Errorf("auth: revoke token %d: %w", id, err)
	}
	s.tokens.forget(userID)
	return nil
}

// Now returns the service's clock, for pages that show whether a token is
// still active.
func (s *Service) Now() time.Time { return s.opts.Now() }

// SessionLifetime is how long a session lasts at most; the cookie gets the
// same lifetime.
func (s *Service) SessionLifetime() time.Duration { return s.opts.SessionLifetime }
