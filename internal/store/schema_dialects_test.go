package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// The two migration directories are kept in step: every version has a
// file of the same name in both, so that a version means one schema on
// either backend.
func TestMigrationDialectsInStep(t *testing.T) {
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".sql") {
				out = append(out, e.Name())
			}
		}
		return out
	}
	sqlite, postgres := names("migrations"), names("migrations_postgres")
	if len(sqlite) == 0 {
		t.Fatal("no migrations")
	}
	for _, n := range sqlite {
		if !slices.Contains(postgres, n) {
			t.Errorf("migrations/%s has no migrations_postgres/%s", n, n)
		}
	}
	for _, n := range postgres {
		if !slices.Contains(sqlite, n) {
			t.Errorf("migrations_postgres/%s has no migrations/%s", n, n)
		}
	}
}

// TestSchemaDialectsMatch migrates a new SQLite file and a new PostgreSQL
// database and compares their logical schemas: tables; columns with
// their type class (integer, text), NOT NULL and whether they have a
// default; primary keys, unique constraints and foreign keys (with their
// ON DELETE action); and the named indexes with their columns,
// uniqueness and whether they are partial. It lists every difference.
func TestSchemaDialectsMatch(t *testing.T) {
	if storetest.PostgresURL() == "" {
		t.Skipf("compares with PostgreSQL: set %s to a PostgreSQL URL (.ci/postgres.sh start prints one)", storetest.PostgresEnv)
	}
	ctx := context.Background()
	lite, err := store.Open(filepath.Join(t.TempDir(), "schema.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	if _, err := lite.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	pg := storetest.New(t)
	if pg.Driver() != store.DriverPostgres {
		t.Fatalf("storetest.New gave a %s store, want postgres", pg.Driver())
	}
	a, b := sqliteSchema(t, ctx, lite), postgresSchema(t, ctx, pg)
	if len(a) < 100 {
		t.Fatalf("the SQLite schema has %d facts; the catalog queries read nothing", len(a))
	}
	for _, f := range a {
		if !slices.Contains(b, f) {
			t.Errorf("only on SQLite:     %s", f)
		}
	}
	for _, f := range b {
		if !slices.Contains(a, f) {
			t.Errorf("only on PostgreSQL: %s", f)
		}
	}
}

func rows(t *testing.T, ctx context.Context, st *store.Store, q string, args ...any) [][]string {
	t.Helper()
	r, err := st.RowsForTest(ctx, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return r
}

// typeClass maps a declared type to the class the scanners see.
func typeClass(t *testing.T, typ string) string {
	switch strings.ToLower(typ) {
	case "integer", "bigint", "int", "smallint":
		return "integer"
	case "text", "character varying":
		return "text"
	}
	t.Errorf("a column of type %q, which the comparison does not know", typ)
	return typ
}

var plainColumn = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// indexColumn is a column of an index, or <expr> for an expression.
// PostgreSQL quotes a column named by a keyword ("position").
func indexColumn(c string) string {
	if u := strings.Trim(c, `"`); plainColumn.MatchString(u) {
		return u
	}
	if plainColumn.MatchString(c) {
		return c
	}
	return "<expr>"
}

func sqliteSchema(t *testing.T, ctx context.Context, st *store.Store) []string {
	var facts []string
	add := func(f string, a ...any) { facts = append(facts, fmt.Sprintf(f, a...)) }
	for _, tr := range rows(t, ctx, st, `SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'goose_%' ORDER BY name`) {
		table := tr[0]
		add("table %s", table)
		var pk []string
		for _, c := range rows(t, ctx, st, `SELECT name, type, "notnull", dflt_value IS NOT NULL, pk FROM pragma_table_xinfo(?) ORDER BY pk, cid`, table) {
			notNull := c[2] == "1" || c[4] != "0"
			add("column %s.%s %s notnull=%t default=%s", table, c[0], typeClass(t, c[1]), notNull, c[3])
			if c[4] != "0" {
				pk = append(pk, c[0])
			}
		}
		if len(pk) > 0 {
			add("primary key %s (%s)", table, strings.Join(pk, ", "))
		}
		for _, fk := range rows(t, ctx, st, `SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY "from"`, table) {
			add("foreign key %s (%s) -> %s (%s) on delete %s", table, fk[1], fk[0], fk[2], fk[3])
		}
		for _, ix := range rows(t, ctx, st, `SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY name`, table) {
			var cols []string
			for _, c := range rows(t, ctx, st, `SELECT coalesce(name, '') FROM pragma_index_info(?) ORDER BY seqno`, ix[0]) {
				cols = append(cols, indexColumn(c[0]))
			}
			switch ix[2] {
			case "pk":
			case "u":
				add("unique %s (%s)", table, strings.Join(cols, ", "))
			default:
				add("index %s on %s (%s) unique=%s partial=%s", ix[0], table, strings.Join(cols, ", "), ix[1], ix[3])
			}
		}
	}
	slices.Sort(facts)
	return facts
}

func postgresSchema(t *testing.T, ctx context.Context, st *store.Store) []string {
	var facts []string
	add := func(f string, a ...any) { facts = append(facts, fmt.Sprintf(f, a...)) }
	actions := map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
	bool01 := map[string]string{"true": "1", "false": "0"}
	for _, tr := range rows(t, ctx, st, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'goose%' ORDER BY table_name`) {
		table := tr[0]
		add("table %s", table)
		for _, c := range rows(t, ctx, st, `SELECT column_name, data_type, is_nullable = 'NO', column_default IS NOT NULL
			FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position`, table) {
			add("column %s.%s %s notnull=%s default=%s", table, c[0], typeClass(t, c[1]), c[2], bool01[c[3]])
		}
		for _, k := range rows(t, ctx, st, `SELECT x.contype, x.confdeltype, coalesce(f.relname, ''),
				(SELECT string_agg(a.attname, ', ' ORDER BY k.i) FROM unnest(x.conkey) WITH ORDINALITY k(n, i)
					JOIN pg_attribute a ON a.attrelid = x.conrelid AND a.attnum = k.n),
				coalesce((SELECT string_agg(a.attname, ', ' ORDER BY k.i) FROM unnest(x.confkey) WITH ORDINALITY k(n, i)
					JOIN pg_attribute a ON a.attrelid = x.confrelid AND a.attnum = k.n), '')
			FROM pg_constraint x JOIN pg_class r ON r.oid = x.conrelid LEFT JOIN pg_class f ON f.oid = x.confrelid
			WHERE r.relname = ? AND r.relnamespace = 'public'::regnamespace AND x.contype IN ('p', 'u', 'f')`, table) {
			switch k[0] {
			case "p":
				add("primary key %s (%s)", table, k[3])
			case "u":
				add("unique %s (%s)", table, k[3])
			case "f":
				add("foreign key %s (%s) -> %s (%s) on delete %s", table, k[3], k[2], k[4], actions[k[1]])
			}
		}
		for _, ix := range rows(t, ctx, st, `SELECT c.relname, i.indisunique, i.indpred IS NOT NULL,
				(SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), '|' ORDER BY k) FROM generate_series(1, i.indnatts) k)
			FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class r ON r.oid = i.indrelid
			WHERE r.relname = ? AND r.relnamespace = 'public'::regnamespace
				AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid AND x.contype IN ('p', 'u'))
			ORDER BY c.relname`, table) {
			var cols []string
			for c := range strings.SplitSeq(ix[3], "|") {
				cols = append(cols, indexColumn(c))
			}
			add("index %s on %s (%s) unique=%s partial=%s", ix[0], table, strings.Join(cols, ", "), bool01[ix[1]], bool01[ix[2]])
		}
	}
	slices.Sort(facts)
	return facts
}
