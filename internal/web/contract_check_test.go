package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/web"
)

// appTest sends req through app as app.Test(req, -1) does, and checks an
// exchange under /api/v1 against the OpenAPI document the app serves
// (checkExchange): every test that talks to the real app sends through
// here, so every API response the tests provoke is held to the published
// contract. TestEveryRequestIsChecked keeps it so.
func appTest(t testing.TB, app *fiber.App, req *http.Request) (*http.Response, error) {
	t.Helper()
	var reqBody []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, fmt.Errorf("read request body: %w", err)
		}
		reqBody = b
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	// The request as it was sent: app.Test consumes req's body.
	sent := req.Clone(context.Background())
	sent.Body = io.NopCloser(bytes.NewReader(reqBody))
	resp, err := app.Test(req, -1)
	if err != nil {
		return resp, err
	}
	body, readErr := io.ReadAll(resp.Body)
	resp.Body.Close()
	// The caller reads what came, and the read error where it came (a
	// download cut off part-way is what some tests look for).
	resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{readErr}))
	if readErr == nil {
		checkExchange(t, sent, reqBody, resp, body)
	}
	return resp, nil
}

// errReader returns err, or io.EOF when err is nil.
type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	return 0, io.EOF
}

// isAPIv1 reports whether path is under /api/v1, the document's server
// (tests mount routes of their own elsewhere under /api/).
func isAPIv1(path string) bool { return path == "/api/v1" || strings.HasPrefix(path, "/api/v1/") }

// servedDocuments are the paths of the OpenAPI document's other forms,
// which are not among its operations (GET /openapi.json is);
// TestOpenAPI30Document checks them.
var servedDocuments = map[string]bool{
	"/api/v1/openapi.yaml": true, "/api/v1/openapi-3.0.json": true, "/api/v1/openapi-3.0.yaml": true,
}

// checkExchange fails t when an exchange under /api/v1 departs from the
// served OpenAPI document:
//   - a request the app accepted (status below 400) must be valid by the
//     document: its path, query and body (a refused one is meant to be
//     invalid, so it is not checked);
//   - every response must be documented for its operation, by status, by
//     Content-Type and by its body's schema, and its documented headers
//     must match theirs;
//   - a request that matches no operation is answered 404 (no such path)
//     or 405 (no such method, with Allow), a Problem like the rest
//     (checkUnrouted).
func checkExchange(t testing.TB, req *http.Request, reqBody []byte, resp *http.Response, body []byte) {
	t.Helper()
	if !isAPIv1(req.URL.Path) || req.Method == http.MethodHead || servedDocuments[req.URL.Path] {
		return
	}
	doc, err := servedContract()
	if err != nil {
		t.Errorf("the OpenAPI document: %v", err)
		return
	}
	exchange := fmt.Sprintf("%s %s → %d %s", req.Method, req.URL.RequestURI(), resp.StatusCode, resp.Header.Get("Content-Type"))
	route, params, ok := doc.findRoute(req)
	if !ok {
		checkUnrouted(t, doc, exchange, req, resp, body)
		return
	}
	opts := &openapi3filter.Options{
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus: true,
		MultiError:            true,
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	ctx := context.Background()
	if resp.StatusCode < 400 {
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			t.Errorf("%s: the app accepted a request the OpenAPI document rejects: %v", exchange, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: opts}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		t.Errorf("%s: the response departs from the OpenAPI document (operation %s): %v\nbody: %s",
			exchange, route.Operation.OperationID, err, abbreviate(body))
	}
}

// checkUnrouted checks the answer to a request that matches none of the
// document's operations: 405 naming the path's methods in Allow when the
// path has operations, else 404; a Problem either way.
func checkUnrouted(t testing.TB, doc *contract, exchange string, req *http.Request, resp *http.Response, body []byte) {
	t.Helper()
	var allow []string
	for _, m := range []string{http.MethodDelete, http.MethodGet, http.MethodPatch, http.MethodPost, http.MethodPut} {
		other := req.Clone(context.Background())
		other.Method = m
		if _, _, ok := doc.findRoute(other); ok {
			allow = append(allow, m)
		}
	}
	want := http.StatusNotFound
	if len(allow) > 0 {
		want = http.StatusMethodNotAllowed
		if got := resp.Header.Get("Allow"); got != strings.Join(allow, ", ") {
			t.Errorf("%s: Allow = %q, want the path's methods %q (RFC 9110 §15.5.6)", exchange, got, strings.Join(allow, ", "))
		}
	}
	if resp.StatusCode != want {
		t.Errorf("%s: the OpenAPI document has no such operation, and its path has the methods %v, so the answer must be %d", exchange, allow, want)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("%s: want application/problem+json", exchange)
		return
	}
	value, err := decodeJSON(body)
	if err == nil {
		err = doc.problem.VisitJSON(value, openapi3.VisitAsResponse(), openapi3.EnableJSONSchema2020())
	}
	if err != nil {
		t.Errorf("%s: the problem departs from the document's Problem schema: %v\nbody: %s", exchange, err, abbreviate(body))
	}
}

// contract is the OpenAPI document the real app serves, loaded once per
// test process (servedContract), with a router that finds an
// exchange's operation.
type contract struct {
	doc     *openapi3.T
	router  routers.Router
	problem *openapi3.Schema
}

// findRoute returns the operation of req and its path parameters.
// kin-openapi's router lets a path parameter at the end match nothing
// (/tenders/1/lots as /tenders/{id}/lots/{lotId}); the app's router does
// not, and neither does this.
func (c *contract) findRoute(req *http.Request) (*routers.Route, map[string]string, bool) {
	route, params, err := c.router.FindRoute(req)
	if err != nil || slices.Contains(slices.Collect(maps.Values(params)), "") {
		return nil, nil, false
	}
	return route, params, true
}

// servedContract returns the document /api/v1/openapi.json serves,
// checked by kin-openapi's validator; the same for every test.
var servedContract = sync.OnceValues(func() (*contract, error) {
	b, err := servedDocument("/api/v1/openapi.json")
	if err != nil {
		return nil, err
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(b)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	// legacy.NewRouter validates the document first.
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	problem := doc.Components.Schemas["Problem"]
	if problem == nil || problem.Value == nil {
		return nil, errors.New("components.schemas lacks Problem, the schema of every error")
	}
	return &contract{doc: doc, router: router, problem: problem.Value}, nil
})

// servedDocument returns the body the real app serves at path.
func servedDocument(path string) ([]byte, error) {
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, web.Deps{})
	resp, err := app.Test(httptest.NewRequest(http.MethodGet, path, nil), -1)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s = %d %s", path, resp.StatusCode, abbreviate(b))
	}
	return b, nil
}

func decodeJSON(b []byte) (any, error) {
	var v any
	err := json.Unmarshal(b, &v)
	return v, err
}

func abbreviate(b []byte) string {
	const max = 600
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}

// TestEveryRequestIsChecked: the tests of this package send requests to
// the app through appTest, so that every API response they provoke is
// checked against the document. What may call app.Test itself: appTest
// and the document's own loading, the benchmarks (checking would be the
// measurement), and the tests named here, with the reason.
func TestEveryRequestIsChecked(t *testing.T) {
	t.Parallel()
	allowed := map[string]string{
		"appTest":                  "it is the check",
		"servedDocument":           "it loads the document the check uses",
		"TestHeavyReadsAreBounded": "its app serves a test route of its own, /api/v1/view, which no document has",
	}
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name.Name != "web_test" {
			continue // the package's internal tests build apps of their own routes
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || allowed[fn.Name.Name] != "" || strings.HasPrefix(fn.Name.Name, "Benchmark") || strings.HasPrefix(fn.Name.Name, "bench") {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Test" && len(call.Args) == 2 {
					t.Errorf("%s: %s calls app.Test directly; send through appTest, so that the response is checked against the OpenAPI document",
						fset.Position(call.Pos()), fn.Name.Name)
				}
				return true
			})
		}
	}
}

// TestCheckExchangeCatchesDepartures: the check fails a test for each way
// a response can depart from the document; what it accepts, it accepts.
func TestCheckExchangeCatchesDepartures(t *testing.T) {
	t.Parallel()
	problem := `{"title":"Not Found","status":404,"detail":"no such resource"}`
	me := `{"email":"a@b.nl","name":"A","role":"admin"}`
	tests := []struct {
		name, method, path string
		status             int
		contentType, body  string
		header             http.Header
		want               string // "" for no complaint
	}{
		{"a documented answer", "GET", "/api/v1/me", 200, "application/json", me, nil, ""},
		{"a field the schema does not have", "GET", "/api/v1/me", 200, "application/json",
			`{"email":"a@b.nl","name":"A","role":"admin","secret":"x"}`, nil, `additional properties 'secret' not allowed`},
		{"a required field missing", "GET", "/api/v1/me", 200, "application/json", `{"email":"a@b.nl"}`, nil, "missing properties"},
		{"an undocumented status", "GET", "/api/v1/me", 418, "application/problem+json", problem, nil, "status is not supported"},
		{"an undocumented content type", "GET", "/api/v1/me", 200, "text/plain", "hi", nil, `Content-Type has unexpected value: "text/plain"`},
		{"a problem that is no Problem", "GET", "/api/v1/organizations/GM0363", 404, "application/problem+json",
			`{"message":"gone"}`, nil, "doesn't match schema"},
		{"the version header missing", "GET", "/api/v1/me", 200, "application/json", me, http.Header{"Api-Version": nil}, "API-Version"},
		{"an accepted request the document rejects", "GET", "/api/v1/organizations?pageSize=100000", 200, "application/json",
			`{"items":[],"page":1,"pageSize":100000,"total":0}`, nil, "accepted a request the OpenAPI document rejects"},
		{"a path nobody has must be 404", "GET", "/api/v1/nothing", 200, "application/json", `{}`, nil, "must be 404"},
		{"a method the path lacks must be 405", "DELETE", "/api/v1/cpv", 404, "application/problem+json", problem, nil, "must be 405"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := &recordingTB{TB: t}
			req := httptest.NewRequest(tt.method, tt.path, nil)
			header := http.Header{"Content-Type": {tt.contentType}, "Api-Version": {"1.0.0"}}
			for k, v := range tt.header {
				header[k] = v
				if v == nil {
					delete(header, k)
				}
			}
			resp := &http.Response{StatusCode: tt.status, Header: header}
			checkExchange(rec, req, nil, resp, []byte(tt.body))
			got := strings.Join(rec.errors, "\n")
			switch {
			case tt.want == "" && got != "":
				t.Errorf("the check complained about a documented exchange: %s", got)
			case tt.want != "" && !strings.Contains(got, tt.want):
				t.Errorf("the check said %q, want a complaint with %q", got, tt.want)
			}
		})
	}
}

// recordingTB records what a check reports instead of failing the test.
type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
