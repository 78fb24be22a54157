package archtest

import (
	"bufio"
	"errors"
	"fmt"
	"go/build"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// module is the import path every rule below is written against;
// TestModulePath checks that go.mod still declares it.
const module = "github.com/samenkoop/samenkoop"

// pkg is one package of the module: its directory relative to the module
// root ("contracts", "internal/web") and its non-test imports.
type pkg struct {
	dir     string
	imports []string
}

// rule forbids some imports in some packages. An edge is reported once,
// under the first rule it breaks, so specific rules come before general ones.
type rule struct {
	in     func(dir string) bool
	forbid func(imp string) bool
	why    string
}

// rules is STYLE §2 as a table.
var rules = []rule{
	// Rule 1: domain packages import the standard library, data,
	// internal/apperr and internal/nl/parse, and procurement may import
	// contracts.
	{in: is("contracts"), forbid: ours("procurement"),
		why: "contracts never imports procurement; procurement builds on contracts, so move the shared type down into contracts"},
	{in: domain, forbid: webFramework,
		why: "domain packages never import the web framework"},
	{in: domain, forbid: anyOf(viper, cobra, module+"/internal/config"),
		why: "domain packages never read configuration or flags; they get an Options struct"},
	{in: domain, forbid: database,
		why: "domain packages never touch the database; internal/store implements their Store interface"},
	{in: domain, forbid: documents,
		why: "domain packages never render HTML or documents; that is internal/web and exports"},
	{in: under("contracts"), forbid: onlyStdlibAnd("contracts", "data", "internal/apperr", "internal/nl/parse"),
		why: "contracts imports only the standard library, data, internal/apperr and internal/nl/parse"},
	{in: under("procurement"), forbid: onlyStdlibAnd("procurement", "contracts", "data", "internal/apperr", "internal/nl/parse"),
		why: "procurement imports only the standard library, contracts, data, internal/apperr and internal/nl/parse"},

	// Rule 2: exports writes already-loaded domain values to an io.Writer.
	{in: under("exports"), forbid: webFramework,
		why: "exports writes to an io.Writer and never imports the web framework"},
	{in: under("exports"), forbid: anyOf("database/sql", module+"/internal/store"),
		why: "exports takes already-loaded domain values and never touches the store"},
	{in: under("exports"), forbid: anyOf(viper, module+"/internal/config"),
		why: "exports receives plain options and never reads configuration"},

	// Rule 3: the store implements the domain's interfaces and knows nothing
	// of the layers above it.
	{in: under("internal/store"), forbid: webFramework,
		why: "internal/store never imports the web framework"},
	{in: under("internal/store"), forbid: anyOf(viper),
		why: "internal/store receives plain options and never reads configuration"},

	// Rule 6 and the apperr leaf of §4.
	{in: either(under("templates"), under("data")), forbid: isModule,
		why: "templates and data are leaves and import nothing of the module"},
	{in: under("internal/apperr"), forbid: not(isStdlib),
		why: "internal/apperr is the shared leaf and imports only the standard library"},
	// STYLE §14: internal/nl speaks Dutch and imports the domain to name
	// its values; the domain reads the amounts and dates of its imports
	// with internal/nl/parse, which therefore imports nothing of the
	// module and writes no text for users.
	{in: under("internal/nl/parse"), forbid: not(isStdlib),
		why: "internal/nl/parse reads what the domain's imports read and imports only the standard library"},

	// Rule 4 for the split web layer: internal/web is the server the two
	// surfaces plug into, so it imports neither, and they do not import
	// each other (what both need lives in internal/web).
	{in: is("internal/web"), forbid: anyOf(module+"/internal/web/api", module+"/internal/web/ui"),
		why: "internal/web never imports its surfaces; they plug into web.New, and cmd/samenkoop composes them"},
	{in: is("internal/web/api"), forbid: ours("internal/web/ui"),
		why: "the JSON API never imports the HTML UI; what both need lives in internal/web"},
	{in: is("internal/web/ui"), forbid: ours("internal/web/api"),
		why: "the HTML UI never imports the JSON API; what both need lives in internal/web"},

	// Rules 4 and 5: the one package allowed to import each framework.
	{in: not(webPackages), forbid: webFramework,
		why: "only internal/web and its surfaces (internal/web/api, internal/web/ui) import the web framework"},
	{in: not(webPackages), forbid: anyOf(huma),
		why: "only internal/web and its surfaces declare the JSON API with huma"},
	{in: not(under("internal/config")), forbid: anyOf(viper),
		why: "only internal/config imports viper; everything else gets a typed Config or plain values"},
	{in: not(is("cmd/samenkoop")), forbid: ours("internal/config"),
		why: "only cmd/samenkoop imports internal/config; other packages receive plain values or an Options struct"},
	{in: not(is("cmd/samenkoop")), forbid: anyOf(cobra),
		why: "only cmd/samenkoop builds the command line with cobra"},
}

const (
	viper = "github.com/spf13/viper"
	cobra = "github.com/spf13/cobra"
	huma  = "github.com/danielgtaylor/huma"
)

var (
	domain = either(under("contracts"), under("procurement"))

	// webPackages are the server and its two surfaces.
	webPackages = either(is("internal/web"), either(is("internal/web/api"), is("internal/web/ui")))

	// webFramework is fiber, fasthttp under it, and the adapters that
	// exist only to plug into fiber.
	webFramework = anyOf(
		"github.com/gofiber",
		"github.com/valyala/fasthttp",
		"github.com/ansrivas/fiberprometheus",
		"github.com/danielgtaylor/huma/v2/adapters/humafiber",
	)

	database = anyOf(
		"database/sql",
		"github.com/mattn/go-sqlite3",
		"modernc.org/sqlite",
		"github.com/jackc/pgx",
		"github.com/lib/pq",
		"github.com/pressly/goose",
		module+"/internal/store",
	)

	documents = anyOf(
		"html/template",
		"github.com/xuri/excelize",
		"github.com/go-pdf/fpdf",
		"github.com/jung-kurt/gofpdf",
		"github.com/phpdave11/gofpdf",
		"github.com/signintech/gopdf",
	)
)

// violations lists every forbidden import of p, one message per edge.
func violations(p pkg) []string {
	var out []string
	for _, imp := range p.imports {
		for _, r := range rules {
			if r.in(p.dir) && r.forbid(imp) {
				out = append(out, fmt.Sprintf("%s imports %s: %s (STYLE §2)", p.dir, imp, r.why))
				break
			}
		}
	}
	return out
}

// within reports whether path is root or below it, so "github.com/gofiber"
// matches "github.com/gofiber/fiber/v2" but not "github.com/gofiberx".
func within(path, root string) bool {
	return path == root || strings.HasPrefix(path, root+"/")
}

func is(dir string) func(string) bool { return func(d string) bool { return d == dir } }

func under(dir string) func(string) bool { return func(d string) bool { return within(d, dir) } }

func either(a, b func(string) bool) func(string) bool {
	return func(s string) bool { return a(s) || b(s) }
}

func not(f func(string) bool) func(string) bool { return func(s string) bool { return !f(s) } }

func anyOf(roots ...string) func(string) bool {
	return func(imp string) bool {
		return slices.ContainsFunc(roots, func(r string) bool { return within(imp, r) })
	}
}

// ours matches a package of the module, given relative to its root.
func ours(dir string) func(string) bool { return anyOf(module + "/" + dir) }

func isModule(imp string) bool { return within(imp, module) }

// isStdlib uses the go command's own test: standard library paths have no
// dot in their first element. "C" is cgo, not the standard library.
func isStdlib(imp string) bool {
	first, _, _ := strings.Cut(imp, "/")
	return imp != "C" && !strings.Contains(first, ".")
}

// onlyStdlibAnd forbids everything except the standard library and the
// listed packages of the module (and their subpackages).
func onlyStdlibAnd(dirs ...string) func(string) bool {
	return func(imp string) bool {
		if isStdlib(imp) {
			return false
		}
		return !slices.ContainsFunc(dirs, func(d string) bool { return within(imp, module+"/"+d) })
	}
}

// modulePackages reads every package under root with go/build. It skips
// testdata, hidden and underscore directories, vendor and nested modules,
// as the go command does; plain files (data/*.db among them) are only
// looked at by ImportDir as candidates for Go source.
func modulePackages(root string) ([]pkg, error) {
	var pkgs []pkg
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if path != root {
			name := d.Name()
			if name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir
			}
		}
		bp, err := build.ImportDir(path, 0)
		var noGo *build.NoGoError
		if errors.As(err, &noGo) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("archtest: read package %s: %w", path, err)
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		pkgs = append(pkgs, pkg{dir: filepath.ToSlash(rel), imports: bp.Imports})
		return nil
	})
	return pkgs, err
}

// moduleRoot walks up from the test's directory to go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

func TestImports(t *testing.T) {
	pkgs, err := modulePackages(moduleRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		t.Run(p.dir, func(t *testing.T) {
			for _, v := range violations(p) {
				t.Error(v)
			}
		})
	}
}

// TestWalkFindsModule guards TestImports against passing because the walk
// found nothing.
func TestWalkFindsModule(t *testing.T) {
	pkgs, err := modulePackages(moduleRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, p := range pkgs {
		found[p.dir] = true
		for _, elem := range strings.Split(p.dir, "/") {
			if elem == "testdata" || strings.HasPrefix(elem, ".") {
				t.Errorf("walk read %s, want testdata and hidden directories skipped", p.dir)
			}
		}
	}
	for _, dir := range []string{
		"cmd/samenkoop", "contracts", "procurement", "exports", "templates", "data",
		"internal/apperr", "internal/config", "internal/store", "internal/web", "internal/web/api", "internal/web/ui", "internal/nl", "internal/nl/parse",
	} {
		if !found[dir] {
			t.Errorf("walk did not find package %s; found %v", dir, slices.Sorted(maps.Keys(found)))
		}
	}
}

func TestModulePath(t *testing.T) {
	f, err := os.Open(filepath.Join(moduleRoot(t), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if path, ok := strings.CutPrefix(strings.TrimSpace(s.Text()), "module "); ok {
			if got := strings.Trim(strings.TrimSpace(path), `"`); got != module {
				t.Fatalf("go.mod declares module %q, want %q (update the rules)", got, module)
			}
			return
		}
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatal("go.mod has no module line")
}

// TestWalkSkips runs the walk over a throwaway module holding everything it
// must not read.
func TestWalkSkips(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"go.mod":                      "module example.test/m\n",
		"a/a.go":                      "package a\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n",
		"a/testdata/x/x.go":           "package x\n\nimport \"github.com/gofiber/fiber/v2\"\n",
		".hidden/h.go":                "package h\n",
		"_scratch/s.go":               "package s\n",
		"nested/go.mod":               "module example.test/nested\n",
		"nested/n.go":                 "package n\n",
		"data/data.go":                "package data\n",
		"data/samenkoop.db":           "SQLite format 3\x00",
		"templates/static/app.css":    "body{}\n",
		"onlytests/only_test.go":      "package onlytests\n",
		"onlytests/testdata/t.golden": "x\n",
	}
	for name, body := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkgs, err := modulePackages(root)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pkgs {
		got = append(got, p.dir+" "+strings.Join(p.imports, ","))
	}
	want := []string{"a fmt", "data ", "onlytests "}
	if !slices.Equal(got, want) {
		t.Errorf("modulePackages = %q, want %q", got, want)
	}
}

// TestRules feeds the rules made-up import lists, so a rule that stopped
// matching fails here even though the real module is clean.
func TestRules(t *testing.T) {
	const (
		fiber   = "github.com/gofiber/fiber/v2"
		fasthtp = "github.com/valyala/fasthttp"
	)
	tests := []struct {
		name    string
		dir     string
		imports []string
		want    []string
	}{
		{
			name:    "domain importing the web framework is reported",
			dir:     "contracts",
			imports: []string{"context", fiber},
			want:    []string{"contracts imports github.com/gofiber/fiber/v2: domain packages never import the web framework (STYLE §2)"},
		},
		{
			name:    "contracts importing procurement is reported",
			dir:     "contracts",
			imports: []string{module + "/procurement"},
			want:    []string{"contracts imports " + module + "/procurement: contracts never imports procurement; procurement builds on contracts, so move the shared type down into contracts (STYLE §2)"},
		},
		{
			name:    "procurement may import contracts, data and apperr",
			dir:     "procurement",
			imports: []string{"fmt", "time", module + "/contracts", module + "/data", module + "/internal/apperr"},
		},
		{
			name:    "contracts may import data and apperr",
			dir:     "contracts",
			imports: []string{"encoding/csv", module + "/data", module + "/internal/apperr"},
		},
		{
			name:    "domain never touches SQL, config or rendering",
			dir:     "procurement",
			imports: []string{"database/sql", "github.com/mattn/go-sqlite3", viper, "html/template", "github.com/xuri/excelize/v2", "github.com/go-pdf/fpdf", module + "/internal/store"},
			want: []string{
				"procurement imports database/sql: domain packages never touch the database; internal/store implements their Store interface (STYLE §2)",
				"procurement imports github.com/mattn/go-sqlite3: domain packages never touch the database; internal/store implements their Store interface (STYLE §2)",
				"procurement imports github.com/spf13/viper: domain packages never read configuration or flags; they get an Options struct (STYLE §2)",
				"procurement imports html/template: domain packages never render HTML or documents; that is internal/web and exports (STYLE §2)",
				"procurement imports github.com/xuri/excelize/v2: domain packages never render HTML or documents; that is internal/web and exports (STYLE §2)",
				"procurement imports github.com/go-pdf/fpdf: domain packages never render HTML or documents; that is internal/web and exports (STYLE §2)",
				"procurement imports " + module + "/internal/store: domain packages never touch the database; internal/store implements their Store interface (STYLE §2)",
			},
		},
		{
			name:    "domain imports nothing else of the module or third parties",
			dir:     "contracts",
			imports: []string{module + "/internal/sheet", "github.com/google/uuid"},
			want: []string{
				"contracts imports " + module + "/internal/sheet: contracts imports only the standard library, data, internal/apperr and internal/nl/parse (STYLE §2)",
				"contracts imports github.com/google/uuid: contracts imports only the standard library, data, internal/apperr and internal/nl/parse (STYLE §2)",
			},
		},
		{
			name:    "the domain reads with internal/nl/parse but never speaks through internal/nl (STYLE §14)",
			dir:     "procurement",
			imports: []string{module + "/internal/nl/parse", module + "/internal/nl"},
			want: []string{
				"procurement imports " + module + "/internal/nl: procurement imports only the standard library, contracts, data, internal/apperr and internal/nl/parse (STYLE §2)",
			},
		},
		{
			name:    "internal/nl/parse imports only the standard library",
			dir:     "internal/nl/parse",
			imports: []string{"strconv", module + "/contracts"},
			want: []string{
				"internal/nl/parse imports " + module + "/contracts: internal/nl/parse reads what the domain's imports read and imports only the standard library (STYLE §2)",
			},
		},
		{
			name:    "internal/nl may import the domain to name its values",
			dir:     "internal/nl",
			imports: []string{module + "/contracts", module + "/procurement", module + "/internal/auth", module + "/internal/nl/parse"},
		},
		{
			name:    "exports never reaches the store, the web or configuration",
			dir:     "exports",
			imports: []string{module + "/contracts", "github.com/xuri/excelize/v2", fasthtp, module + "/internal/store", module + "/internal/config"},
			want: []string{
				"exports imports github.com/valyala/fasthttp: exports writes to an io.Writer and never imports the web framework (STYLE §2)",
				"exports imports " + module + "/internal/store: exports takes already-loaded domain values and never touches the store (STYLE §2)",
				"exports imports " + module + "/internal/config: exports receives plain options and never reads configuration (STYLE §2)",
			},
		},
		{
			name:    "internal/web may import fiber and the domain",
			dir:     "internal/web",
			imports: []string{fiber, fiber + "/middleware/helmet", "github.com/danielgtaylor/huma/v2/adapters/humafiber", module + "/contracts", module + "/exports", module + "/templates"},
		},
		{
			name:    "only internal/web and its surfaces import fiber and huma",
			dir:     "internal/sheet",
			imports: []string{"github.com/gofiber/fiber/v2/middleware/logger", "github.com/danielgtaylor/huma/v2"},
			want: []string{
				"internal/sheet imports github.com/gofiber/fiber/v2/middleware/logger: only internal/web and its surfaces (internal/web/api, internal/web/ui) import the web framework (STYLE §2)",
				"internal/sheet imports github.com/danielgtaylor/huma/v2: only internal/web and its surfaces declare the JSON API with huma (STYLE §2)",
			},
		},
		{
			name:    "a package below internal/web other than the surfaces does not import fiber",
			dir:     "internal/web/forms",
			imports: []string{fiber},
			want:    []string{"internal/web/forms imports github.com/gofiber/fiber/v2: only internal/web and its surfaces (internal/web/api, internal/web/ui) import the web framework (STYLE §2)"},
		},
		{
			name:    "the surfaces may import fiber, huma and internal/web",
			dir:     "internal/web/api",
			imports: []string{fiber, "github.com/danielgtaylor/huma/v2", "github.com/danielgtaylor/huma/v2/adapters/humafiber", module + "/internal/web", module + "/contracts"},
		},
		{
			name:    "internal/web imports neither surface",
			dir:     "internal/web",
			imports: []string{module + "/internal/web/api", module + "/internal/web/ui"},
			want: []string{
				"internal/web imports " + module + "/internal/web/api: internal/web never imports its surfaces; they plug into web.New, and cmd/samenkoop composes them (STYLE §2)",
				"internal/web imports " + module + "/internal/web/ui: internal/web never imports its surfaces; they plug into web.New, and cmd/samenkoop composes them (STYLE §2)",
			},
		},
		{
			name:    "the surfaces do not import each other",
			dir:     "internal/web/ui",
			imports: []string{module + "/internal/web/api"},
			want:    []string{"internal/web/ui imports " + module + "/internal/web/api: the HTML UI never imports the JSON API; what both need lives in internal/web (STYLE §2)"},
		},
		{
			name:    "the API does not import the UI",
			dir:     "internal/web/api",
			imports: []string{module + "/internal/web/ui"},
			want:    []string{"internal/web/api imports " + module + "/internal/web/ui: the JSON API never imports the HTML UI; what both need lives in internal/web (STYLE §2)"},
		},
		{
			name:    "cmd/samenkoop composes the server and its surfaces",
			dir:     "cmd/samenkoop",
			imports: []string{module + "/internal/web", module + "/internal/web/api", module + "/internal/web/ui"},
		},
		{
			name:    "store never imports fiber or viper",
			dir:     "internal/store",
			imports: []string{"database/sql", module + "/contracts", fiber, viper},
			want: []string{
				"internal/store imports github.com/gofiber/fiber/v2: internal/store never imports the web framework (STYLE §2)",
				"internal/store imports github.com/spf13/viper: internal/store receives plain options and never reads configuration (STYLE §2)",
			},
		},
		{
			name:    "only internal/config imports viper, even from cmd",
			dir:     "cmd/samenkoop",
			imports: []string{cobra, viper, module + "/internal/config", module + "/internal/web"},
			want:    []string{"cmd/samenkoop imports github.com/spf13/viper: only internal/config imports viper; everything else gets a typed Config or plain values (STYLE §2)"},
		},
		{
			name:    "only cmd/samenkoop imports internal/config and cobra",
			dir:     "internal/web",
			imports: []string{module + "/internal/config", cobra},
			want: []string{
				"internal/web imports " + module + "/internal/config: only cmd/samenkoop imports internal/config; other packages receive plain values or an Options struct (STYLE §2)",
				"internal/web imports github.com/spf13/cobra: only cmd/samenkoop builds the command line with cobra (STYLE §2)",
			},
		},
		{
			name:    "internal/config may import viper",
			dir:     "internal/config",
			imports: []string{"time", viper},
		},
		{
			name:    "templates and data are leaves",
			dir:     "templates",
			imports: []string{"embed", module + "/data"},
			want:    []string{"templates imports " + module + "/data: templates and data are leaves and import nothing of the module (STYLE §2)"},
		},
		{
			name:    "apperr imports only the standard library",
			dir:     "internal/apperr",
			imports: []string{"errors", "golang.org/x/text/language"},
			want:    []string{"internal/apperr imports golang.org/x/text/language: internal/apperr is the shared leaf and imports only the standard library (STYLE §2)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := violations(pkg{dir: tt.dir, imports: tt.imports})
			if !slices.Equal(got, tt.want) {
				t.Errorf("violations(%s, %q):\n got  %q\n want %q", tt.dir, tt.imports, got, tt.want)
			}
		})
	}
}
