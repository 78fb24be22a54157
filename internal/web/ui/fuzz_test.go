package ui

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzLocalPath: the login form's return address (terug) never panics the
// sanitiser and always stays on this site: a relative path that starts
// with one "/", with no "//" or "\" a browser could read as another host,
// no control characters, no scheme, and that resolves against this site
// to this site.
func FuzzLocalPath(f *testing.F) {
	for _, seed := range []string{
		"/", "/organisaties?q=amsterdam", "//evil.example", "https://evil.example", `/\evil.example`, "/\t/evil.example",
		"/%2F%2Fevil.example", "javascript:alert(1)", "", " /x", "/x#//evil", "///evil", "/.//evil", "\\\\evil",
		"http:/evil", "/x?terug=//evil", "/\x00", "/é", "/%zz", "/\u2028//evil", "/\uff0f\uff0fevil",
	} {
		f.Add(seed)
	}
	site, err := url.Parse("https://samenkoop.example/inloggen")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := localPath(in)
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.Contains(got, `\`) {
			t.Fatalf("localPath(%q) = %q: want one leading / and no backslash", in, got)
		}
		if strings.ContainsFunc(got, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("localPath(%q) = %q: holds a control character", in, got)
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Fatalf("localPath(%q) = %q, which does not parse: %v", in, got, err)
		}
		if u.Scheme != "" || u.Host != "" || u.User != nil {
			t.Fatalf("localPath(%q) = %q: scheme %q, host %q", in, got, u.Scheme, u.Host)
		}
		if to := site.ResolveReference(u); to.Host != site.Host || to.Scheme != site.Scheme {
			t.Fatalf("localPath(%q) = %q leads to %s", in, got, to)
		}
		if in != got && got != "/" {
			t.Fatalf("localPath(%q) = %q: a refused path goes home, an accepted one is kept as it is", in, got)
		}
	})
}
