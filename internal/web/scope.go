package web

import "github.com/samenkoop/samenkoop/contracts"

// SpendOrganization returns the organization a spend request is about:
// the one named, or the caller's own when scoped to one.
func SpendOrganization(scope contracts.Scope, named string) string {
	if org, ok := scope.Organization(); ok && named == "" {
		return org
	}
	return named
}
