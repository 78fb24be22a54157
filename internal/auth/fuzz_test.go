package auth

import (
	"strings"
	"testing"
)

// FuzzParseBearer: no Authorization header makes the parser panic, and
// what it accepts is a token of our shape: the skp_ prefix followed by
// base64url characters only, no spaces, controls or other text that would
// reach the lookup or the logs.
func FuzzParseBearer(f *testing.F) {
	for _, seed := range []string{
		"Bearer skp_abc", "bearer skp_" + strings.Repeat("A", 43), "Bearer  skp_abc", "Bearer skp_", "Bearer skp_a b",
		"Bearer skp_abc\r\nX-Evil: 1", "Basic dXNlcjpwYXNz", "Bearer", "", " ", "Bearer skp_\x00", "Bearer skp_é",
		"Bearer\tskp_abc", "Bearer skp_abc ", "BEARER skp_-_", "Bearer " + strings.Repeat("skp_", 1000),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		tok, ok := ParseBearer(header)
		if !ok {
			if tok != "" {
				t.Errorf("ParseBearer(%q) = %q, false: a refusal returns no token", header, tok)
			}
			return
		}
		rest, found := strings.CutPrefix(tok, TokenPrefix)
		if !found || rest == "" || len(tok) > maxTokenLength {
			t.Errorf("ParseBearer(%q) = %q: want skp_ and 1–%d characters", header, tok, maxTokenLength-len(TokenPrefix))
		}
		for _, r := range rest {
			if !isBase64URL(r) {
				t.Errorf("ParseBearer(%q) = %q: %q is not a base64url character", header, tok, r)
			}
		}
	})
}
