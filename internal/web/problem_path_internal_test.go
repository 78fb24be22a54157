package web

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestJSONPathBothFieldForms: encoding/json names a field inside a list
// as "licenceLines.quantity" before Go 1.27 and "licenceLines.1.quantity"
// from Go 1.27 on; the problem's location is the element either way.
func TestJSONPathBothFieldForms(t *testing.T) {
	t.Parallel()
	body := []byte(`{"licenceLines":[{"quantity":1},{"quantity":1e30}],"annualValue":"veel"}`)
	int64Type := reflect.TypeFor[int64]()
	tests := []struct {
		name  string
		field string
		value string
		want  string
	}{
		{"Go 1.26: no index, the element is searched for", "licenceLines.quantity", "number 1e30", ".licenceLines[1].quantity"},
		{"Go 1.27: the index is given and followed", "licenceLines.1.quantity", "number 1e30", ".licenceLines[1].quantity"},
		{"a top-level field", "annualValue", "string", ".annualValue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			te := &json.UnmarshalTypeError{Field: tt.field, Value: tt.value, Type: int64Type}
			if got := jsonPath(body, te); got != tt.want {
				t.Errorf("jsonPath(%q) = %q, want %q", tt.field, got, tt.want)
			}
		})
	}
}
