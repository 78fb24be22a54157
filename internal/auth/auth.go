// Package auth owns who may do what: users with one role and a scope (one
// organization or all), password hashing (argon2id), web sessions, API
// tokens, login rate limits and the policy every route declares.
//
// Roles follow DESIGN §6: admin; coordinator (all joint tenders of the
// cooperative); member (its own organization's demand, contracts,
// participation and mandates); finance (spend, own organization or all);
// management (read-only, reports and exports, own organization or all).
// The Dutch government baseline (BIO) asks that every change is traceable
// to a person; internal/audit records it, this package says who it was.
package auth

import (
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Role is what a user may do.
type Role string

// The roles (DESIGN §6).
const (
	RoleAdmin       Role = "admin"
	RoleCoordinator Role = "coordinator"
	RoleMember      Role = "member"
	RoleFinance     Role = "finance"
	RoleManagement  Role = "management"
)

// Roles returns every role, most powerful first.
func Roles() []Role {
	return []Role{RoleAdmin, RoleCoordinator, RoleMember, RoleFinance, RoleManagement}
}

// roleList is the roles as messages list them.
func roleList() string {
	s := make([]string, 0, len(Roles()))
	for _, r := range Roles() {
		s = append(s, string(r))
	}
	return apperr.Or(s...)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles(), r) }

// User is a person who logs in, or a script acting with one of their API
// tokens.
type User struct {
	ID    int64
	Email string
	Name  string
	Role  Role
	// Organization is the code of the organization the user acts for; ""
	// means all organizations. A member always has one.
	Organization string
	// PasswordHash is the argon2id hash in PHC form; never logged, never
	// sent.
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
}

// AllOrganizations reports whether the user's scope is every organization.
func (u User) AllOrganizations() bool { return u.Organization == "" }

// InScope reports whether the organization code lies in the user's scope.
func (u User) InScope(code string) bool { return u.AllOrganizations() || u.Organization == code }

// Scope returns the user's scope as the services take it: everyone for a
// user of all organizations (administrators, coordinators, finance and
// management for all), else the user's own organization.
func (u User) Scope() contracts.Scope {
	if u.AllOrganizations() {
		return contracts.Everyone()
	}
	return contracts.Only(u.Organization)
}

// NormalizeEmail lower-cases and trims an address, so that logins do not
// depend on how someone typed it.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate returns every problem with u as apperr.FieldErrors, or nil. It
// does not check that the organization exists; the service does.
func (u User) Validate() error {
	var fe apperr.FieldErrors
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email || u.Email != NormalizeEmail(u.Email) {
		fe.Add("email", apperr.EmailFormat)
	}
	if strings.TrimSpace(u.Name) == "" {
		fe.Add("name", apperr.Required)
	} else if len(u.Name) > 200 {
		fe.Add("name", apperr.TooLongBytes, 200)
	}
	contracts.CheckText(&fe, "name", u.Name, false)
	contracts.CheckText(&fe, "organization", u.Organization, false)
	switch {
	case !u.Role.Valid():
		fe.Add("role", apperr.OneOf, roleList(), string(u.Role))
	case u.Role == RoleMember && u.Organization == "":
		fe.Add("organization", apperr.MemberNeedsOrganization)
	case (u.Role == RoleAdmin || u.Role == RoleCoordinator) && u.Organization != "":
		fe.Add("organization", apperr.StaffHasNoOrganization)
	}
	return fe.Err()
}
