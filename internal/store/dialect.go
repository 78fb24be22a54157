package store

import (
	"errors"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// The dialect-specific bits live here. The queries are written once, in
// SQLite's dialect; on PostgreSQL pgRewrite turns each into PostgreSQL's
// (placeholders and the few forms the two spell differently), once per
// query text.

// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY clash
// (PostgreSQL: SQLSTATE 23505).
func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint &&
		(se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}

// isForeignKeyViolation reports whether err is a foreign key clash (a
// RESTRICT delete or a reference to a missing row; PostgreSQL: SQLSTATE
// 23503). SQLite reports a RESTRICT action as SQLITE_CONSTRAINT_TRIGGER,
// not _FOREIGNKEY, so the message is what tells.
func isForeignKeyViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23503"
	}
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

// hitOf returns 1 where the condition cond holds and 0 where it does not
// or is NULL: SQLite's conditions are integers already, PostgreSQL's are
// booleans.
func hitOf(cond string) string { return "CASE WHEN " + cond + " THEN 1 ELSE 0 END" }

// aggregateCodes joins the codes c.code of a subquery's rows with commas
// (PostgreSQL: string_agg, pgForms).
const aggregateCodes = `group_concat(c.code, ',')`

// pgForms are the SQLite forms the queries use and their PostgreSQL
// equivalents, replaced in this order:
//   - json_each(?) reads a JSON array bound as one text value: PostgreSQL
//     reads it with json_array_elements(_text), and its elements are text
//     there, so ids are cast to bigint;
//   - LIKE is case-insensitive for ASCII in SQLite and case-sensitive in
//     PostgreSQL: ILIKE keeps SQLite's behaviour (and folds non-ASCII
//     letters too, where SQLite does not);
//   - SQLite's CROSS JOIN … ON fixes the join order; PostgreSQL takes no
//     ON with CROSS JOIN and plans the order itself;
//   - the spend check's scratch tables live in the session's temporary
//     schema (temp. in SQLite, pg_temp. in PostgreSQL), their sums of
//     cents need PostgreSQL's 64-bit BIGINT (its INTEGER has 32 bits,
//     SQLite's 64), and PostgreSQL tables have no rowid to leave out.
var pgForms = []struct{ sqlite, postgres string }{
	{`c.id NOT IN (SELECT value ->> 0 FROM json_each(?))`, `c.id NOT IN (SELECT (value ->> 0)::bigint FROM json_array_elements(?::json))`},
	{`FROM json_each(?) t`, `FROM json_array_elements(?::json) t`},
	{`c.id = t.value ->> 0`, `c.id = (t.value ->> 0)::bigint`},
	{`.id IN (SELECT value FROM json_each(?))`, `.id IN (SELECT value::bigint FROM json_array_elements_text(?::json))`},
	{`.code IN (SELECT value FROM json_each(?))`, `.code IN (SELECT value FROM json_array_elements_text(?::json))`},
	{aggregateCodes, `string_agg(c.code, ',')`},
	{` LIKE `, ` ILIKE `},
	{`CROSS JOIN contracts c ON`, `JOIN contracts c ON`},
	{`temp.spend_check_`, `pg_temp.spend_check_`},
	{` INTEGER NOT NULL`, ` BIGINT NOT NULL`},
	{` WITHOUT ROWID`, ``},
}

// pgRewritten caches pgRewrite per query text: the queries are a fixed
// set of texts (values are bound, never written into them).
var pgRewritten sync.Map

// pgRewrite returns query in PostgreSQL's dialect: the pgForms replaced,
// then the ? placeholders numbered $1…$n. A ? inside a quoted string or
// identifier, or a comment, stays.
func pgRewrite(query string) string {
	if q, ok := pgRewritten.Load(query); ok {
		return q.(string)
	}
	q := query
	for _, f := range pgForms {
		q = strings.ReplaceAll(q, f.sqlite, f.postgres)
	}
	q = rebind(q)
	pgRewritten.Store(query, q)
	return q
}

// rebind numbers the ? placeholders of q as $1…$n, skipping quoted
// strings ('…'), quoted identifiers ("…") and comments (-- to the end of
// the line). A numbered ?N stays N, and a plain ? after it takes the
// largest number so far + 1, as in SQLite.
func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch c {
		case '\'', '"':
			j := i + 1
			for j < len(q) && q[j] != c {
				j++
			}
			b.WriteString(q[i:min(j+1, len(q))])
			i = j
		case '-':
			if i+1 < len(q) && q[i+1] == '-' {
				j := strings.IndexByte(q[i:], '\n')
				if j < 0 {
					j = len(q) - i
				}
				b.WriteString(q[i : i+j])
				i += j - 1
				continue
			}
			b.WriteByte(c)
		case '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				k, _ := strconv.Atoi(q[i+1 : j])
				n = max(n, k)
				b.WriteByte('$')
				b.WriteString(q[i+1 : j])
				i = j - 1
				continue
			}
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
