package store

import "github.com/samenkoop/samenkoop/contracts"

// scopeCode returns the SQL condition "the organization whose code is
// codeExpr lies in scope", with its arguments: no condition ("") for
// everyone, one organization's code, or false ("0") for the scope that
// allows nothing.
func scopeCode(codeExpr string, scope contracts.Scope) (string, []any) {
	if scope.All() {
		return "", nil
	}
	org, ok := scope.Organization()
	if !ok {
		return "0", nil
	}
	return codeExpr + " = ?", []any{org}
}

// scopeID is scopeCode for a column holding an organization's id.
func scopeID(idColumn string, scope contracts.Scope) (string, []any) {
	cond, args := scopeCode("code", scope)
	if cond == "" || cond == "0" {
		return cond, args
	}
	return idColumn + " = (SELECT id FROM organizations WHERE " + cond + ")", args
}
