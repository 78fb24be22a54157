package apperr

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEnglish: every code renders its English template with arguments of
// the kinds its callers pass, with no fmt complaint (%!d(string=…),
// %!(EXTRA …), %!v(MISSING)) and no verb left over.
func TestEnglish(t *testing.T) {
	t.Parallel()
	leftover := regexp.MustCompile(`%[-+# 0-9.\[\]]*[a-zA-Z]`)
	for _, c := range Codes() {
		got := English(c, Example(c)...)
		if got == "" || strings.Contains(got, "%!") || leftover.MatchString(got) {
			t.Errorf("English(%s, %v) = %q, want a sentence with every argument in place", c, Example(c), got)
		}
	}
}

func TestEnglishExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code Code
		args []any
		want string
	}{
		{Required, nil, "is required"},
		{TooLong, []any{300}, "must be at most 300 characters"},
		{MoneyCap, []any{Cents(100_000_000_000_000)}, "exceeds the cap of 100000000000000 cents (€10^12)"},
		{ControlChar, []any{rune(0), 4}, "contains a control character (U+0000 at byte 4): remove it"},
		{DateOutOfRange, []any{Day("1900-01-01"), Day("2199-12-31"), Day("2200-03-01")}, "lies outside 1900-01-01..2199-12-31: 2200-03-01"},
		{OneOf, []any{Or("draft", "active", "terminated"), "klaar"}, `must be draft, active or terminated, got "klaar"`},
		{IndexRate, []any{-2000, 5000, 6000}, "must be -2000–5000 basis points (−20 %–50 %), got 6000"},
		{Code("no_such_code"), nil, "no_such_code"},
	}
	for _, tt := range tests {
		if got := English(tt.code, tt.args...); got != tt.want {
			t.Errorf("English(%s, %v) = %q, want %q", tt.code, tt.args, got, tt.want)
		}
	}
}

// TestCodesAreStable: codes are lower-case snake case, listed once, and
// their examples survive JSON, as the API sends them.
func TestCodesAreStable(t *testing.T) {
	t.Parallel()
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	seen := map[Code]bool{}
	for _, c := range Codes() {
		if !snake.MatchString(string(c)) {
			t.Errorf("code %q is not lower-case snake case", c)
		}
		if seen[c] {
			t.Errorf("code %q listed twice", c)
		}
		seen[c] = true
		if !Known(c) {
			t.Errorf("Known(%q) = false", c)
		}
		b, err := json.Marshal(FieldError{Field: "f", Code: c, Args: Example(c)})
		if err != nil {
			t.Errorf("json.Marshal(%s) = %v", c, err)
		}
		var back struct {
			Code Code  `json:"code"`
			Args []any `json:"args"`
		}
		if err := json.Unmarshal(b, &back); err != nil || back.Code != c || len(back.Args) != len(Example(c)) {
			t.Errorf("JSON of %s = %s, want the code and its %d arguments back", c, b, len(Example(c)))
		}
	}
	if Known("is required") {
		t.Error(`Known("is required") = true, want a sentence not to pass as a code`)
	}
}

func TestOr(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a or b"}, {[]string{"a", "b", "c"}, "a, b or c"}} {
		if got := Or(tt.in...); got != tt.want {
			t.Errorf("Or(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNoSentenceAsCode: Code is a string type, so an untyped string
// constant passes where a code is wanted. This test reads the module's
// sources for a sentence written in its place: fe.Add(field, "is
// required"), FieldProblem(field, "…"), FieldError{Code: "…"} or Warn("…").
func TestNoSentenceAsCode(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		sentence := func(e ast.Expr) bool {
			lit, ok := e.(*ast.BasicLit)
			return ok && lit.Kind == token.STRING && strings.Contains(lit.Value, " ")
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				name, warn := "", false
				switch fun := n.Fun.(type) {
				case *ast.SelectorExpr:
					name = fun.Sel.Name
					// apperr.Warn, not a logger's Warn.
					x, ok := fun.X.(*ast.Ident)
					warn = ok && x.Name == "apperr"
				case *ast.Ident:
					name, warn = fun.Name, true
				}
				switch {
				case (name == "Add" || name == "FieldProblem") && len(n.Args) >= 2 && sentence(n.Args[1]),
					warn && name == "Warn" && len(n.Args) >= 1 && sentence(n.Args[0]):
					t.Errorf("%s: a sentence where a code belongs", fset.Position(n.Pos()))
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && (k.Name == "Code" || k.Name == "Kind") && sentence(n.Value) {
					t.Errorf("%s: a sentence where a code belongs", fset.Position(n.Pos()))
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
