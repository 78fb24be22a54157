package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// TokenPrefix starts every API token, so that a leaked one is easy to
// recognise in logs and by secret scanners.
const TokenPrefix = "skp_"

// TokenKind says what a token opens.
type TokenKind string

// The token kinds. An API token opens the JSON API (a bearer token); a
// calendar token opens the user's calendar feed only, whose URL carries
// it (CalendarFeed). Neither opens what the other does.
const (
	TokenAPI      TokenKind = "api"
	TokenCalendar TokenKind = "calendar"
)

// Token is a secret of a user: an API token or a calendar feed (Kind). The
// secret itself is shown once, at creation, and stored only as its
// SHA-256 hash: a token has 256 random bits, so a fast hash is safe where
// a password needs a slow one, and the per-request lookup stays cheap.
type Token struct {
	ID        int64
	UserID    int64
	Kind      TokenKind
	Name      string
	Hint      string // the first characters, to tell tokens apart
	CreatedAt time.Time
	ExpiresAt time.Time // zero: never
	RevokedAt time.Time // zero: not revoked
	LastUsed  time.Time
}

// Active reports whether t can be used at now.
func (t Token) Active(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// NewSecret returns a fresh random secret with the given prefix.
func NewSecret(prefix string) (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: random secret: %w", err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// HashSecret returns the hex SHA-256 of a token or session secret, which is
// what the store keeps and looks up.
func HashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// maxTokenLength bounds what ParseBearer accepts: our tokens have
// len(TokenPrefix)+43 characters, so anything much longer is not one.
const maxTokenLength = 128

// ParseBearer returns the token of an "Authorization: Bearer …" header
// (RFC 6750 §2.1: the scheme in any case, one space). Only a token of our
// shape is accepted, the skp_ prefix and base64url characters, so that
// nothing else reaches the lookup or the logs.
func ParseBearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimRight(token, " ")
	rest, ok := strings.CutPrefix(token, TokenPrefix)
	if !ok || rest == "" || len(token) > maxTokenLength || strings.ContainsFunc(rest, func(r rune) bool { return !isBase64URL(r) }) {
		return "", false
	}
	return token, true
}

// isBase64URL reports whether r is in the alphabet of
// base64.RawURLEncoding, which NewSecret uses.
func isBase64URL(r rune) bool {
	return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_'
}

// ParseDuration reads a token lifetime such as "90d", "12h" or "2w";
// "0" or "" means no expiry.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return 0, nil
	}
	if n := len(s); n > 1 && (s[n-1] == 'd' || s[n-1] == 'w') {
		var v int
		if _, err := fmt.Sscanf(s[:n-1], "%d", &v); err != nil || v <= 0 || fmt.Sprint(v) != s[:n-1] {
			return 0, fmt.Errorf("auth: duration %q: want e.g. 90d, 2w or 12h", s)
		}
		days := v
		if s[n-1] == 'w' {
			days *= 7
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("auth: duration %q: want e.g. 90d, 2w or 12h", s)
	}
	return d, nil
}
