package auth

import (
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Policy says who may call a route. Every route declares one in
// internal/web/routes.go; a route without one does not start.
type Policy struct {
	// Public routes need no login (health, login page, static files).
	Public bool
	// Roles may call the route; empty means every logged-in role.
	Roles []Role
	// OrgParam names the path parameter that holds an organization code;
	// a user whose scope is one organization may call the route only for
	// that organization.
	OrgParam string
}

// Policies used by the routes.
var (
	// Public: anyone, logged in or not.
	Public = Policy{Public: true}
	// AnyUser: every logged-in role, for reading what all may see.
	AnyUser = Policy{}
	// AdminOnly: administrators.
	AdminOnly = Policy{Roles: []Role{RoleAdmin}}
)

// Allow returns p with roles.
func Allow(roles ...Role) Policy { return Policy{Roles: roles} }

// ForOrganization returns p limited to the organization in path parameter
// param: a scoped user may act on its own organization only.
func (p Policy) ForOrganization(param string) Policy {
	p.OrgParam = param
	return p
}

// Check returns nil when u may call a route with policy p for the
// organization org (the value of p.OrgParam, or ""). u is nil when nobody
// is logged in. The error is apperr.Unauthenticated or apperr.Forbidden.
func (p Policy) Check(u *User, org string) error {
	if p.Public {
		return nil
	}
	if u == nil {
		return apperr.Unauthenticated
	}
	if len(p.Roles) > 0 && !slices.Contains(p.Roles, u.Role) {
		return apperr.WithDetail(apperr.Forbidden, fmt.Sprintf("the %s role may not do this", u.Role))
	}
	if p.OrgParam != "" && !u.InScope(org) {
		return apperr.WithDetail(apperr.Forbidden, "this organization is outside your scope")
	}
	return nil
}

// String describes p for documentation and test failures.
func (p Policy) String() string {
	if p.Public {
		return "public"
	}
	who := "any role"
	if len(p.Roles) > 0 {
		rs := make([]string, len(p.Roles))
		for i, r := range p.Roles {
			rs[i] = string(r)
		}
		who = strings.Join(rs, ", ")
	}
	if p.OrgParam != "" {
		who += "; own organization (" + p.OrgParam + ") unless scoped to all"
	}
	return who
}
