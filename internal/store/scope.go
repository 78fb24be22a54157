package store

import "github.com/samenkoop/samenkoop/contracts"

// scopeCode returns the SQL condition "the organization whose code is
// codeExpr lies in scope", with its arguments: no condition ("") for
// everyone, one organization's code, or false (sqlFalse) for the scope
// that allows nothing.
func scopeCode(codeExpr string, scope contracts.Scope) (string, []any) {
	if scope.All() {
		return "", nil
	}
	org, ok := scope.Organization()
	if !ok {
		return sqlFalse, nil
	}
	return codeExpr + " = ?", []any{org}
}

// sqlFalse is the condition that holds for no row, in both dialects
// (PostgreSQL wants a boolean where SQLite takes 0).
const sqlFalse = "1 = 0"

// scopeID is scopeCode for a column holding an organization's id.
func scopeID(idColumn string, scope contracts.Scope) (string, []any) {
	cond, args := scopeCode("code", scope)
	if cond == "" || cond == sqlFalse {
		return cond, args
	}
	return idColumn + " = (SELECT id FROM organizations WHERE " + cond + ")", args
}
