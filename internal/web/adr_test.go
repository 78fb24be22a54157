package web_test

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestAPIDesignRulesAtRuntime: the NLGov API Design Rules that are about
// what the server does, not what the document says, through the real
// app; and the pages keep their own rules.
func TestAPIDesignRulesAtRuntime(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct {
		name, who, method, path string
		wantStatus              int
		wantHeaders             map[string]string // "" wants the header absent
		problem                 bool
	}{
		{"a collection answers without a trailing slash (/core/no-trailing-slash)", "admin", "GET", "/api/v1/organizations",
			200, map[string]string{"Cache-Control": "no-store", "API-Version": "1.0.0"}, false},
		{"and not with one: one resource, one URI", "admin", "GET", "/api/v1/organizations/",
			404, map[string]string{"Cache-Control": "no-store", "API-Version": "1.0.0"}, true},
		{"a resource with a trailing slash is no resource either", "admin", "GET", "/api/v1/organizations/GM0363/",
			404, nil, true},
		{"nor is the API's root", "admin", "GET", "/api/v1/",
			404, nil, true},
		{"a method the path does not have is 405 with Allow (RFC 9110 §15.5.6)", "admin", "DELETE", "/api/v1/cpv",
			405, map[string]string{"Allow": "GET", "Cache-Control": "no-store"}, true},
		{"Allow names every method of the path", "admin", "PUT", "/api/v1/organizations/GM0363",
			405, map[string]string{"Allow": "DELETE, GET, PATCH"}, true},
		{"a path parameter matches any value", "admin", "POST", "/api/v1/contracts/12345",
			405, map[string]string{"Allow": "DELETE, GET, PATCH"}, true},
		{"405 comes before authentication: the path's methods are public in the document", "", "DELETE", "/api/v1/cpv",
			405, map[string]string{"Allow": "GET"}, true},
		{"a path nobody has is still 404", "admin", "DELETE", "/api/v1/nothing-here",
			404, map[string]string{"Allow": ""}, true},
		{"an error is not kept either", "", "GET", "/api/v1/organizations",
			401, map[string]string{"Cache-Control": "no-store", "API-Version": "1.0.0"}, true},
		{"a download is not kept", "admin", "GET", "/api/v1/exports/contracts?format=csv",
			200, map[string]string{"Cache-Control": "private, no-store"}, false},
		{"the OpenAPI document may be read by any site (/core/publish-openapi)", "", "GET", "/api/v1/openapi.json",
			200, map[string]string{"Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin",
				"Content-Type": "application/openapi+json", "Cache-Control": "no-store"}, false},
		{"in each of its forms", "", "GET", "/api/v1/openapi-3.0.yaml",
			200, map[string]string{"Access-Control-Allow-Origin": "*", "Cross-Origin-Resource-Policy": "cross-origin",
				"Content-Type": "application/openapi+yaml"}, false},
		{"the rest of the API stays same-origin", "admin", "GET", "/api/v1/me",
			200, map[string]string{"Access-Control-Allow-Origin": "", "Cross-Origin-Resource-Policy": "same-origin"}, false},
		{"a page keeps its rules: same-origin, not kept, no CORS", "admin", "GET", "/contracten",
			200, map[string]string{"Access-Control-Allow-Origin": "", "Cross-Origin-Resource-Policy": "same-origin",
				"Cache-Control": "no-store", "API-Version": ""}, false},
		{"a page still answers with a trailing slash", "admin", "GET", "/contracten/",
			200, nil, false},
		{"a static file stays cacheable", "", "GET", "/static/app.css",
			200, map[string]string{"Cache-Control": "public, max-age=31536000, immutable", "Access-Control-Allow-Origin": ""}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ta.doAs(t, tt.who, tt.method, tt.path, nil, "")
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("%s %s = %d, want %d (%s)", tt.method, tt.path, resp.StatusCode, tt.wantStatus, firstLine(body))
			}
			for h, want := range tt.wantHeaders {
				if got := resp.Header.Get(h); got != want {
					t.Errorf("%s %s: %s = %q, want %q", tt.method, tt.path, h, got, want)
				}
			}
			if tt.problem {
				if p := decodeProblem(t, resp, body); p.Status != tt.wantStatus {
					t.Errorf("%s %s: problem status %d, want %d", tt.method, tt.path, p.Status, tt.wantStatus)
				}
			}
		})
	}
}

// TestOpenAPI30Document: the 3.0 form is valid OpenAPI 3.0 by
// kin-openapi's validator, which refuses 3.1's keywords in it, as JSON
// and as YAML, and says what the 3.1 form says.
func TestOpenAPI30Document(t *testing.T) {
	t.Parallel()
	docs := map[string]*openapi3.T{}
	for _, path := range []string{"/api/v1/openapi-3.0.json", "/api/v1/openapi-3.0.yaml", "/api/v1/openapi.json"} {
		b, err := servedDocument(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := openapi3.NewLoader().LoadFromData(b)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := doc.Validate(context.Background()); err != nil {
			t.Errorf("%s is not valid OpenAPI %s: %v", path, doc.OpenAPI, err)
		}
		docs[path] = doc
	}
	v30, v31 := docs["/api/v1/openapi-3.0.json"], docs["/api/v1/openapi.json"]
	if v30.OpenAPI != "3.0.3" || !v30.IsOpenAPI30() {
		t.Errorf("openapi-3.0.json says openapi %q, want 3.0.3", v30.OpenAPI)
	}
	asJSON := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if asJSON(v30) != asJSON(docs["/api/v1/openapi-3.0.yaml"]) {
		t.Error("openapi-3.0.yaml and openapi-3.0.json differ")
	}
	if got, want := operationIDs(v30), operationIDs(v31); !reflect.DeepEqual(got, want) {
		t.Errorf("the 3.0 form has the operations %v, the 3.1 form %v", got, want)
	}
	// A binary body is a string of format binary in 3.0, and a schema's
	// description beside a $ref survives as an allOf.
	file := v30.Paths.Value("/imports/contracts").Post.RequestBody.Value.Content.Get("multipart/form-data").Schema.Value.Properties["file"].Value
	if file.Format != "binary" || file.Type.Is("string") != true {
		t.Errorf("the uploaded file is %v %q in 3.0, want a string of format binary", file.Type, file.Format)
	}
	plan := v30.Components.Schemas["Suggestion"].Value.Properties["plan"]
	if plan.Ref != "" || len(plan.Value.AllOf) != 1 || plan.Value.Description == "" {
		t.Errorf("Suggestion.plan in 3.0 = %s, want an allOf of the reference with the description beside it", asJSON(plan))
	}
}

func operationIDs(doc *openapi3.T) []string {
	var ids []string
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	slices.Sort(ids)
	return ids
}

// TestDocumentStatesTheDesignRules: what the NLGov API Design Rules ask of
// the document itself, beside what the Spectral rulesets check in CI
// (.ci/run): who answers for the API, why it deviates where it does, the
// version header on every response, and errors by their status, not one
// "default".
func TestDocumentStatesTheDesignRules(t *testing.T) {
	t.Parallel()
	doc, err := servedContract()
	if err != nil {
		t.Fatal(err)
	}
	if c := doc.doc.Info.Contact; c == nil || c.Name == "" {
		t.Errorf("info.contact = %+v, want at least a name (/core/doc-openapi-contact)", c)
	}
	for _, deviation := range []string{"API-04", "API-17", "422", "API-54"} {
		if !strings.Contains(doc.doc.Info.Description, deviation) {
			t.Errorf("info.description does not explain the deviation %s (pas toe of leg uit)", deviation)
		}
	}
	for _, path := range doc.doc.Paths.InMatchingOrder() {
		for method, op := range doc.doc.Paths.Value(path).Operations() {
			if op.Responses.Default() != nil {
				t.Errorf("%s %s documents a default response; every error has its status", method, path)
			}
			for status, r := range op.Responses.Map() {
				if h := r.Value.Headers["API-Version"]; h == nil || !h.Value.Required {
					t.Errorf("%s %s %s does not document the API-Version header (/core/version-header)", method, path, status)
				}
				if status >= "400" && r.Value.Content.Get("application/problem+json") == nil {
					t.Errorf("%s %s %s is not a problem+json", method, path, status)
				}
			}
			if op.Security != nil && len(*op.Security) > 0 {
				if op.Responses.Status(401) == nil || op.Responses.Status(403) == nil {
					t.Errorf("%s %s needs a token but does not document 401 and 403", method, path)
				}
			}
		}
	}
}
