package contracts

import "github.com/samenkoop/samenkoop/internal/apperr"

// Scope is whose records a caller may see and change: every
// organization's, or one organization's. Every service method that acts
// for a user takes it right after the context, and the service alone
// decides from it what the user may do (DESIGN §6: administrators and
// coordinators act for all; a member, and finance and management tied to
// an organization, for their own).
//
// The zero Scope allows nothing, so a Scope that was never set refuses
// rather than grants: callers say Everyone (the command line, imports, the
// demo generator, users acting for all) or Only(code).
type Scope struct {
	org string
	all bool
}

// Everyone is the scope of every organization.
func Everyone() Scope { return Scope{all: true} }

// Only is the scope of the organization with code; Only("") allows
// nothing.
func Only(code string) Scope { return Scope{org: code} }

// Allows reports whether the organization with code lies in s.
func (s Scope) Allows(code string) bool { return s.all || s.org != "" && s.org == code }

// All reports whether s is every organization.
func (s Scope) All() bool { return s.all }

// Organization returns the one organization of s; ok is false for
// Everyone and for the scope that allows nothing.
func (s Scope) Organization() (code string, ok bool) { return s.org, !s.all && s.org != "" }

// String describes s for logs and test failures: "everyone", the
// organization's code, or "nothing".
func (s Scope) String() string {
	switch {
	case s.all:
		return "everyone"
	case s.org != "":
		return s.org
	}
	return "nothing"
}

// errOutOfScope is the refusal of an organization outside the caller's
// scope.
var errOutOfScope = apperr.WithDetail(apperr.Forbidden, "this organization is outside your scope")

// check returns apperr.Forbidden unless s allows the organization with
// code.
func (s Scope) check(code string) error {
	if !s.Allows(code) {
		return errOutOfScope
	}
	return nil
}

// requireAll returns apperr.Forbidden unless s is every organization: the
// views across the whole cooperative name every organization.
func requireAll(s Scope) error {
	if !s.All() {
		return apperr.WithDetail(apperr.Forbidden, "this view covers every organization; your scope is one organization")
	}
	return nil
}
