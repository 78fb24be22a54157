package store

import (
	"errors"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// The SQLite-specific bits live here, so that a PostgreSQL port touches
// this file and leaves the queries alone.

// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY clash.
func isUniqueViolation(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint &&
		(se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}

// isForeignKeyViolation reports whether err is a foreign key clash (a
// RESTRICT delete or a reference to a missing row). SQLite reports a
// RESTRICT action as SQLITE_CONSTRAINT_TRIGGER, not _FOREIGNKEY, so the
// message is what tells.
func isForeignKeyViolation(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint && strings.Contains(se.Error(), "FOREIGN KEY")
}

// likePattern returns a LIKE pattern matching s anywhere, with LIKE's own
// wildcards escaped (use with ESCAPE '\').
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	if n == 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// aggregateCodes joins the codes c.code of a subquery's rows with commas
// (PostgreSQL: string_agg(c.code, ',')).
const aggregateCodes = `group_concat(c.code, ',')`
