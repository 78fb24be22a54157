// Package dburl shows a PostgreSQL connection URL without its secrets, for
// messages and logs.
package dburl

import "net/url"

// Redact returns the URL with the password replaced by "xxxxx", both the
// one in its user part and one given as the password query parameter
// (libpq accepts either).
func Redact(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "(a PostgreSQL URL that does not parse)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}
