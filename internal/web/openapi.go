package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/yaml"
	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
)

// The OpenAPI document: what it says beside what huma derives from the
// operations' Go types (the errors each operation can answer, as
// problem+json: documentErrors; the headers every response carries:
// documentHeaders; the design rules it departs from: apiDescription), and
// the four forms /api/v1 serves it in (documents). The web tests hold
// every API response they provoke to the document
// (internal/web/contract_check_test.go), so what is written here is
// checked against what the app does.

// Problem is the body of every error the API answers: an RFC 9457 problem
// (application/problem+json). A 422 lists every invalid field in Errors.
type Problem struct {
	Type     string          `json:"type,omitempty" format:"uri-reference" doc:"Identifies the problem type; absent means about:blank, a problem described by its status alone (RFC 9457 §4.2.1)"`
	Title    string          `json:"title" example:"Unprocessable Entity" doc:"The status's reason phrase"`
	Status   int             `json:"status" example:"422" doc:"The HTTP status code"`
	Detail   string          `json:"detail" example:"validation failed" doc:"What went wrong, in English, safe to show: never internals"`
	Instance string          `json:"instance,omitempty" format:"uri-reference" doc:"The request path the problem occurred at"`
	Errors   []*ProblemField `json:"errors,omitempty" doc:"One entry per problem with an input field"`
}

// ProblemField is one problem with an input field: where it is, what is
// wrong in English, and (for the domain's checks) a stable code with its
// arguments. The codes and their texts are in internal/apperr/codes.go.
type ProblemField struct {
	Location string      `json:"location,omitempty" example:"body.licenceLines[0].unitPrice" doc:"Where the problem is: body.<field>, query.<name>, path.<name>, or file.row[n].<column> for an import"`
	Message  string      `json:"message" example:"must be at most 300 characters" doc:"The problem in English"`
	Code     apperr.Code `json:"code,omitempty" example:"too_long" doc:"The problem's stable code, for the domain's checks"`
	Args     []any       `json:"args,omitempty" doc:"The code's arguments, e.g. the maximum length"`
	Value    any         `json:"value,omitempty" doc:"The value refused, for a query, path or header parameter"`
}

// Error returns the problem's detail.
func (p *Problem) Error() string { return p.Detail }

// GetStatus returns the problem's status (huma.StatusError).
func (p *Problem) GetStatus() int { return p.Status }

// ContentType makes huma send the problem as application/problem+json,
// as it does its own errors.
func (p *Problem) ContentType(ct string) string {
	if ct == "application/json" {
		return problemJSON
	}
	return ct
}

const problemJSON = "application/problem+json"

// ProblemResponse documents an error response of one operation whose body
// is P, a problem with more in it (an import's 422 carries the whole
// report); the router documents the rest (documentErrors).
func ProblemResponse[P any](r *Router, description string) *huma.Response {
	return problemResponse(r.api, reflect.TypeFor[P](), description)
}

func problemResponse(api huma.API, t reflect.Type, description string) *huma.Response {
	schema := api.OpenAPI().Components.Schemas.Schema(t, true, "")
	return &huma.Response{Description: description, Content: map[string]*huma.MediaType{problemJSON: {Schema: schema}}}
}

// errorResponses name the response of each error status among the
// document's components (#/components/responses/<name>) and say when an
// operation answers it.
var errorResponses = map[int]struct{ name, description string }{
	http.StatusBadRequest:            {"BadRequest", "The body is not well-formed JSON, or a body the operation needs is missing"},
	http.StatusUnauthorized:          {"Unauthorized", "No valid API token: send Authorization: Bearer skp_…"},
	http.StatusForbidden:             {"Forbidden", "The token's role or organization scope does not allow this, or a browser on another site sent a change"},
	http.StatusNotFound:              {"NotFound", "No such resource, in the path or named by a parameter"},
	http.StatusConflict:              {"Conflict", "The change conflicts with existing data or with the resource's state"},
	http.StatusRequestEntityTooLarge: {"ContentTooLarge", "The body is larger than the server accepts"},
	http.StatusUnsupportedMediaType:  {"UnsupportedMediaType", "The body's Content-Type is not one the operation takes"},
	http.StatusUnprocessableEntity:   {"UnprocessableContent", "Invalid input: errors lists every invalid field, and nothing was changed"},
	http.StatusInternalServerError:   {"InternalServerError", "An unexpected error; quote the X-Request-ID header when reporting it"},
	http.StatusServiceUnavailable:    {"ServiceUnavailable", "The server is busy with as many such requests as it allows; retry after Retry-After seconds"},
}

// documentErrors adds to op the error responses it can answer, each a
// Problem, beside those it lists in op.Errors or documents itself in
// op.Responses:
//   - every operation: 500;
//   - one that needs a token: 401, and 403 (role, organization scope, a
//     cross-site change);
//   - one with parameters: 404 (no such resource, in the path or named
//     in the query);
//   - one with parameters or a body: 422, every invalid field listed;
//   - one with a body: 400, 413 and 415;
//   - a change (POST, PUT, PATCH, DELETE): 409.
//
// Each status's response is written once, among the document's
// components, and referred to. huma's own error list (op.Errors) would
// add a 422 and a 500 of its own model, so the list is taken over here
// and emptied. A status errorResponses lacks is a programmer's error: it
// panics at startup.
func documentErrors(api huma.API, op *huma.Operation, p auth.Policy, input reflect.Type) {
	statuses := append(op.Errors, http.StatusInternalServerError)
	op.Errors = nil
	if !p.Public {
		statuses = append(statuses, http.StatusUnauthorized, http.StatusForbidden)
	}
	params, body := inputParts(input)
	if params {
		// A path parameter, or a query parameter that names an
		// organization, a vendor, a year with no data…
		statuses = append(statuses, http.StatusNotFound)
	}
	if params || body {
		statuses = append(statuses, http.StatusUnprocessableEntity)
	}
	if body {
		statuses = append(statuses, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
	}
	switch op.Method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		statuses = append(statuses, http.StatusConflict)
	}
	// A copy, down to the maps huma and documentHeaders write to: an
	// operation's responses may be a value shared by name, by every app
	// of the process.
	responses := map[string]*huma.Response{}
	for status, r := range op.Responses {
		c := *r
		c.Headers, c.Content = maps.Clone(r.Headers), maps.Clone(r.Content)
		responses[status] = &c
	}
	op.Responses = responses
	components := api.OpenAPI().Components
	if components.Responses == nil {
		components.Responses = map[string]*huma.Response{}
	}
	slices.Sort(statuses)
	for _, status := range slices.Compact(statuses) {
		key := strconv.Itoa(status)
		if op.Responses[key] != nil {
			continue
		}
		e, ok := errorResponses[status]
		if !ok {
			panic(fmt.Sprintf("web: %s %s: no response documents status %d (errorResponses)", op.Method, op.Path, status))
		}
		if components.Responses[e.name] == nil {
			r := problemResponse(api, reflect.TypeFor[Problem](), e.description)
			documentResponseHeaders(key, r)
			components.Responses[e.name] = r
		}
		op.Responses[key] = &huma.Response{Ref: "#/components/responses/" + e.name}
	}
}

// inputParts reports whether an operation's input type has parameters
// (path, query, header or cookie) and whether it has a body.
func inputParts(t reflect.Type) (params, body bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false, false
	}
	for f := range t.Fields() {
		switch {
		case f.Name == "Body" || f.Name == "RawBody":
			body = true
		case f.Anonymous:
			p, b := inputParts(f.Type)
			params, body = params || p, body || b
		case f.Tag.Get("path") != "" || f.Tag.Get("query") != "" || f.Tag.Get("header") != "" || f.Tag.Get("cookie") != "":
			params = true
		}
	}
	return params, body
}

// documentHeaders documents the headers of the responses an operation
// documents itself (documentResponseHeaders). huma calls it as it adds
// the operation to the document, its responses complete; the ones
// referred to among the components have theirs already.
func documentHeaders(_ *huma.OpenAPI, op *huma.Operation) {
	for status, resp := range op.Responses {
		if resp.Ref == "" {
			documentResponseHeaders(status, resp)
		}
	}
}

// documentResponseHeaders documents the headers the app sends with a
// response of status: API-Version with all of them (NLGov API Design
// Rules, /core/version-header), the Bearer challenge with a 401,
// Retry-After with a 503.
func documentResponseHeaders(status string, resp *huma.Response) {
	if resp.Headers == nil {
		resp.Headers = map[string]*huma.Header{}
	}
	resp.Headers["API-Version"] = &huma.Header{Ref: "#/components/headers/API-Version"}
	switch status {
	case "401":
		resp.Headers["WWW-Authenticate"] = &huma.Header{Required: true, Description: "The Bearer challenge (RFC 6750 §3)",
			Schema: &huma.Schema{Type: "string", Examples: []any{`Bearer realm="samenkoop"`}}}
	case "503":
		resp.Headers["Retry-After"] = &huma.Header{Description: "Seconds to wait before trying again",
			Schema: &huma.Schema{Type: "string", Examples: []any{heavyRetryAfter}}}
	}
}

// apiVersionHeader is the API-Version header among the document's
// components.
var apiVersionHeader = &huma.Header{Required: true,
	Description: "The full version of the API contract (semantic versioning); the major version is the /v1 in the path",
	Schema:      &huma.Schema{Type: "string", Examples: []any{APIVersion}}}

// schemaName is huma's name for a type's schema without the JSON the API's
// Go types carry in theirs (ContractJSON is Contract): clients generate
// their types from these names, and the NLGov API Design Rules want them
// in UpperCamelCase, which JSON in capitals is not.
func schemaName(t reflect.Type, hint string) string {
	return strings.ReplaceAll(huma.DefaultSchemaNamer(t, hint), "JSON", "")
}

// apiTags describe the document's tags, in the order a reader meets them.
var apiTags = []*huma.Tag{
	{Name: "account", Description: "Who the token belongs to"},
	{Name: "organizations", Description: "Municipalities, provinces and the other public bodies, and their cooperations"},
	{Name: "vendors", Description: "Suppliers and their groups"},
	{Name: "contracts", Description: "The contract register: contracts, licence lines and their computed renewal and notice dates"},
	{Name: "alerts", Description: "Action dates and notice deadlines coming up"},
	{Name: "spend", Description: "Committed spend, forecasts, peers, concentration and vendor dependency"},
	{Name: "demand", Description: "Demand registered by organizations, the start of a joint tender"},
	{Name: "tenders", Description: "Joint tenders with their lots, participants, mandates, requirements and lifecycle"},
	{Name: "bundles", Description: "Suggested joint tenders: contracts of several organizations that end near each other"},
	{Name: "imports", Description: "Organizations and contracts from spreadsheets, all or nothing"},
	{Name: "exports", Description: "Reports and dossiers as PDF, XLSX, CSV and OCDS"},
	{Name: "audit", Description: "The hash-chained audit trail"},
	{Name: "reference", Description: "Code lists: CPV"},
	{Name: "documentation", Description: "This document"},
}

// documentPaths maps each form of the OpenAPI document /api/v1 serves to
// its media type: 3.1 (what huma writes) and 3.0 (for tools that read no
// 3.1), each as JSON and YAML.
var documentPaths = map[string]string{
	"/openapi.json":     "application/openapi+json",
	"/openapi.yaml":     "application/openapi+yaml",
	"/openapi-3.0.json": "application/openapi+json",
	"/openapi-3.0.yaml": "application/openapi+yaml",
}

// documents returns the forms of the document, by their path in
// documentPaths, each built once, on its first request, when every
// surface has registered its operations.
func documents(oapi *huma.OpenAPI) map[string]func() ([]byte, error) {
	doc30 := sync.OnceValues(func() ([]byte, error) { return downgrade(oapi) })
	return map[string]func() ([]byte, error){
		"/openapi.json":     sync.OnceValues(func() ([]byte, error) { return json.Marshal(oapi) }),
		"/openapi.yaml":     sync.OnceValues(oapi.YAML),
		"/openapi-3.0.json": doc30,
		"/openapi-3.0.yaml": sync.OnceValues(func() ([]byte, error) {
			b, err := doc30()
			if err != nil {
				return nil, err
			}
			var out bytes.Buffer
			err = yaml.Convert(&out, bytes.NewReader(b))
			return out.Bytes(), err
		}),
	}
}

// downgrade returns the document as OpenAPI 3.0.3. huma's Downgrade
// rewrites type lists, exclusive bounds and examples, and leaves two
// things 3.0 does not allow, which are rewritten here:
//   - contentMediaType and contentEncoding, JSON Schema keywords 3.0's
//     schema object lacks: a file is a string of format binary there,
//     which huma writes beside them;
//   - a $ref with a description beside it (3.0 ignores a $ref's siblings):
//     the reference goes into an allOf of one, the description stays.
func downgrade(oapi *huma.OpenAPI) ([]byte, error) {
	b, err := oapi.Downgrade()
	if err != nil {
		return nil, fmt.Errorf("web: OpenAPI 3.0 document: %w", err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("web: OpenAPI 3.0 document: %w", err)
	}
	downgradeSchemas(v)
	return json.Marshal(v)
}

func downgradeSchemas(v any) {
	switch v := v.(type) {
	case map[string]any:
		if _, ok := v["type"].(string); ok {
			delete(v, "contentMediaType")
			delete(v, "contentEncoding")
		}
		if ref, ok := v["$ref"].(string); ok && len(v) > 1 && strings.HasPrefix(ref, "#/components/schemas/") {
			delete(v, "$ref")
			v["allOf"] = []any{map[string]any{"$ref": ref}}
		}
		for _, e := range v {
			downgradeSchemas(e)
		}
	case []any:
		for _, e := range v {
			downgradeSchemas(e)
		}
	}
}

// documentOperation registers GET /openapi.json as an operation of the
// document itself, with the header that lets any site read it (NLGov API
// Design Rules, /core/publish-openapi; shareDocuments sets it).
func documentOperation(r *Router, form func() ([]byte, error)) {
	Operation(r, huma.Operation{OperationID: "getOpenAPI", Method: http.MethodGet, Path: "/openapi.json",
		Summary: "This OpenAPI document", Tags: []string{"documentation"},
		Description: "The OpenAPI 3.1 document of this API, which any site may read. The same document is at /openapi.yaml as YAML, " +
			"and as OpenAPI 3.0.3 at /openapi-3.0.json and /openapi-3.0.yaml.",
		Responses: map[string]*huma.Response{"200": {
			Description: "The document",
			// In lower case, as the ADR linter looks it up; header names
			// are case-insensitive.
			Headers: map[string]*huma.Header{"access-control-allow-origin": {Required: true, Description: "Any site may read the document",
				Schema: &huma.Schema{Type: "string", Enum: []any{"*"}}}},
			Content: map[string]*huma.MediaType{documentPaths["/openapi.json"]: {Schema: &huma.Schema{Type: "object"}}},
		}},
	}, auth.Public, func(context.Context, *struct{}) (*huma.StreamResponse, error) {
		b, err := form()
		if err != nil {
			return nil, fmt.Errorf("web: OpenAPI document: %w", err)
		}
		return &huma.StreamResponse{Body: func(hc huma.Context) {
			hc.SetHeader(fiber.HeaderContentType, documentPaths["/openapi.json"])
			hc.SetStatus(http.StatusOK)
			_, _ = hc.BodyWriter().Write(b)
		}}, nil
	})
}

// serveDocument answers with a form of the document.
func serveDocument(form func() ([]byte, error), mediaType string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		b, err := form()
		if err != nil {
			return fmt.Errorf("web: OpenAPI document: %w", err)
		}
		c.Set(fiber.HeaderContentType, mediaType)
		return c.Send(b)
	}
}

// apiDescription is the OpenAPI document's info.description: what the API
// is, how to call it, and where it departs from the NLGov API Design
// Rules 2.0 and why ("pas toe of leg uit": apply or explain).
const apiDescription = "Joint procurement for Dutch public bodies: organizations, vendors, contracts and their licences, " +
	"spend and dependency, demand, joint tenders, bundles, exports and imports.\n\n" +
	"Authenticate with an API token (Authorization: Bearer skp_…), created with `samenkoop token create` or on the account page. " +
	"Every response carries API-Version, the full version of this contract; the major version is the /v1 in the path. " +
	"Errors are RFC 9457 problem+json; a 422 lists each invalid field. " +
	"This document is OpenAPI 3.1; the same document as OpenAPI 3.0.3 is at /api/v1/openapi-3.0.json (and .yaml) for tools that read no 3.1.\n\n" +
	"## NLGov API Design Rules 2.0\n\n" +
	"The API applies the NLGov API Design Rules 2.0 and departs from them where explained here:\n\n" +
	"- API-04 (interfaces in Dutch) and API-17 (documentation in Dutch): resource names, fields and this document are English. " +
	"Joint procurement is defined by EU law, whose English texts (Directive 2014/24/EU, eForms, the Open Contracting Data Standard " +
	"this API also exports) are the official glossary the rule allows; integrators read those in English too. " +
	"The Dutch terms are in the web interface and the exports.\n" +
	"- Invalid input: a body that is not well-formed JSON, or a missing body, is 400; input that is well-formed but wrong " +
	"(a value out of range, an unknown code, a date that is no date), in the body, the query or the path, is " +
	"422 Unprocessable Content (RFC 9110 §15.5.21) listing every invalid field with its location, an English message and a " +
	"stable code, where later drafts of the rules ask 400 for invalid parameters: 422 tells a client the request was " +
	"understood and which fields to correct, and nothing was changed.\n" +
	"- API-54 (plural names for collections): /spend, /demand and /audit are uncountable nouns, and /cpv is the name of the " +
	"EU code list; they keep those names.\n" +
	"- Downloads are resources of their own with the format in the path (/tenders/{id}/dossier.pdf, …/dossier.xlsx) or a " +
	"format parameter (/exports/…?format=csv), so that a plain link downloads them; they are not chosen by Accept."
