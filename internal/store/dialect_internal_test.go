package store

import "testing"

func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT a FROM t WHERE b = ? AND c IN (?, ?)`, `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)`},
		{`SELECT '?', "a?b" FROM t WHERE x = ?`, `SELECT '?', "a?b" FROM t WHERE x = $1`},
		{"SELECT x -- what?\nFROM t WHERE y = ?", "SELECT x -- what?\nFROM t WHERE y = $1"},
		{`WHERE a < ?1 AND b = ? AND c >= ?1`, `WHERE a < $1 AND b = $2 AND c >= $1`},
		{`WHERE a LIKE ? ESCAPE '\' AND b = ?`, `WHERE a LIKE $1 ESCAPE '\' AND b = $2`},
		{`VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, `VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`},
	}
	for _, tt := range tests {
		if got := rebind(tt.in); got != tt.want {
			t.Errorf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPgRewriteForms(t *testing.T) {
	got := pgRewrite(`SELECT ` + aggregateCodes + ` FROM x WHERE c.id IN (SELECT value FROM json_each(?)) AND n LIKE ? ESCAPE '\'`)
	want := `SELECT string_agg(c.code, ',') FROM x WHERE c.id IN (SELECT value::bigint FROM json_array_elements_text($1::json)) AND n ILIKE $2 ESCAPE '\'`
	if got != want {
		t.Errorf("pgRewrite = %q,\nwant %q", got, want)
	}
}

func TestPgArgsConvertsBooleans(t *testing.T) {
	in := []any{true, "x", false, int64(3)}
	out := pgArgs(in)
	if out[0] != int64(1) || out[1] != "x" || out[2] != int64(0) || out[3] != int64(3) {
		t.Errorf("pgArgs = %#v", out)
	}
	if in[0] != true {
		t.Errorf("pgArgs changed the caller's slice: %#v", in)
	}
}
