package web

import (
	"slices"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
)

// The caller's scope, as the API and the UI both read it.

// ScopeOf returns the organizations u may see, as the contracts service
// takes them: nil for every organization.
func ScopeOf(u *auth.User) []string {
	switch {
	case u == nil:
		return []string{} // nobody: nothing (the policy keeps them out anyway)
	case u.AllOrganizations():
		return nil
	}
	return []string{u.Organization}
}

// ScopeAllows reports whether org lies in scope (nil: every organization).
func ScopeAllows(scope []string, org string) bool { return scope == nil || slices.Contains(scope, org) }

// ErrOtherOrganization refuses a scoped user another organization's
// contracts, in the API and the UI alike.
var ErrOtherOrganization = apperr.WithDetail(apperr.Forbidden, "this organization is outside your scope")

// SpendOrganization returns the organization a spend request is about:
// the one named, or the caller's own when scoped to one.
func SpendOrganization(scope []string, named string) string {
	if named == "" && len(scope) == 1 {
		return scope[0]
	}
	return named
}
