package api

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoUnexportedEmbeddedStruct: huma builds the OpenAPI schema of a type
// by reflection and skips unexported fields, an unexported embedded
// struct among them, while encoding/json writes that struct's fields:
// the document then lacks them and, its schemas closed
// (additionalProperties false), declares every real response invalid.
// That happened to the contract, the tender and the demand; the types
// they embed are exported now, and this test keeps it so.
func TestNoUnexportedEmbeddedStruct(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			st, ok := n.(*ast.StructType)
			if !ok {
				return true
			}
			checked++
			for _, field := range st.Fields.List {
				if len(field.Names) > 0 {
					continue
				}
				typ := field.Type
				if star, ok := typ.(*ast.StarExpr); ok {
					typ = star.X
				}
				if id, ok := typ.(*ast.Ident); ok && !ast.IsExported(id.Name) {
					t.Errorf("%s: a struct embeds the unexported %s, whose fields the OpenAPI document would lack; export it",
						fset.Position(field.Pos()), id.Name)
				}
			}
			return true
		})
	}
	if checked < 50 {
		t.Errorf("checked %d struct types, want the whole API's", checked)
	}
}
