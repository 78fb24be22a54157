package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/requestid"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// problem is the one place where API operations turn a domain error into
// an RFC 9457 problem: field errors become 422 with one entry per field,
// located "<in>.<field>" where in(field) says which part of the request
// the field came from (body, query, path), with the English message, the
// code and its arguments (newFieldProblem); the other kinds their status with
// a safe detail. Anything unknown becomes a 500 whose detail reveals
// nothing; its cause is logged here, once, with the request ID. An error
// that is a problem already (huma's, or one a handler built with its own
// fields, like the import report) passes as it is.
func (s *server) problem(ctx context.Context, in func(field string) string, err error) error {
	var se huma.StatusError
	if errors.As(err, &se) {
		return err
	}
	if fe := apperr.Fields(err); len(fe) > 0 {
		var l *locatedError
		if errors.As(err, &l) {
			in = func(string) string { return l.in }
		}
		return newFieldProblem(http.StatusUnprocessableEntity, "validation failed", in, fe)
	}
	status, _, detail := classify(err)
	if status >= 500 {
		id, _ := ctx.Value(requestid.ConfigDefault.ContextKey).(string)
		s.log.ErrorContext(ctx, "api request failed", slog.String("request_id", id), slog.Any("error", err))
	}
	return huma.NewError(status, detail)
}

// In says that the field errors of err come from the part in of the
// request ("query", "path", "header", "body"), for an operation whose
// field errors the router would place elsewhere (fieldIn).
func In(in string, err error) error {
	if err == nil {
		return nil
	}
	return &locatedError{in: in, err: err}
}

// locatedError is an error whose field errors come from one part of the
// request (In).
type locatedError struct {
	in  string
	err error
}

func (e *locatedError) Error() string { return e.err.Error() }

func (e *locatedError) Unwrap() error { return e.err }

// fieldIn returns where the field errors of an operation's handler come
// from: its body when the operation has one (an input with Body or
// RawBody), else the path for a field named like one of its path
// parameters, else the query.
func fieldIn(op huma.Operation, input reflect.Type) func(field string) string {
	if input.Kind() == reflect.Struct {
		_, body := input.FieldByName("Body")
		_, raw := input.FieldByName("RawBody")
		if body || raw {
			return func(string) string { return "body" }
		}
	}
	params := map[string]bool{}
	for _, seg := range strings.Split(op.Path, "/") {
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			params[strings.TrimSuffix(name, "}")] = true
		}
	}
	return func(field string) string {
		if params[field] {
			return "path"
		}
		return "query"
	}
}

// writeProblem writes a problem+json response for errors outside huma
// operations (unknown API routes, a method a path lacks, panics): a
// Problem, as the operations answer.
func writeProblem(c *fiber.Ctx, status int, title, detail string, fields apperr.FieldErrors) error {
	p := &Problem{Title: title, Status: status, Detail: detail, Instance: c.Path()}
	if len(fields) > 0 {
		p = newFieldProblem(status, detail, func(string) string { return "body" }, fields)
		p.Title, p.Instance = title, c.Path()
	}
	if status == fiber.StatusUnauthorized {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="samenkoop"`) // RFC 6750 §3
	}
	c.Status(status)
	c.Set(fiber.HeaderContentType, problemJSON)
	return c.JSON(p, problemJSON)
}

func statusTitle(status int) string { return http.StatusText(status) }

// newFieldProblem returns the problem with status for fe, each field in
// the part of the request in(field) names ("body", "query", "path"), with
// the English message, the code and its arguments, e.g. {"location":
// "body.title", "message": "must be at most 300 characters", "code":
// "too_long", "args": [300]}.
func newFieldProblem(status int, detail string, in func(field string) string, fe apperr.FieldErrors) *Problem {
	p := &Problem{Title: http.StatusText(status), Status: status, Detail: detail}
	for _, f := range fe {
		p.Errors = append(p.Errors, &ProblemField{Location: in(f.Field) + "." + f.Field, Message: f.Message(), Code: f.Code, Args: f.Args})
	}
	return p
}

func isAPIPath(p string) bool { return p == "/api/v1" || strings.HasPrefix(p, "/api/") }

// maxJSONBody caps the body of a JSON API operation (huma answers a
// larger one with a 413 problem). Spreadsheet uploads are multipart and
// only bound by the server's BodyLimit (server.bodyLimitMB); a JSON body
// is decoded twice (validated, then into its type), so it gets less.
const maxJSONBody = 8 << 20

// jsonFormat is huma's JSON format with body decoding errors that name
// the field: a value of the wrong kind or out of range for its field
// (2^63 in an int64) becomes "body.annualValue: must be an integer
// between … and …" instead of encoding/json's message with Go type
// names, which plainErrors then turns into the field's own entry.
func jsonFormat() huma.Format {
	f := huma.DefaultJSONFormat
	f.Unmarshal = func(data []byte, v any) error {
		err := json.Unmarshal(data, v)
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return bodyFieldError{path: "body" + jsonPath(data, te), msg: typeMessage(te.Type)}
		}
		return err
	}
	return f
}

// bodyFieldError is a body decoding error of one field.
type bodyFieldError struct{ path, msg string }

func (e bodyFieldError) Error() string { return e.path + ": " + e.msg }

// plainErrors is the huma transformer that finishes every problem: a
// body decoding error becomes the entry of its field (jsonFormat), and no
// entry echoes the whole body back.
func plainErrors(_ huma.Context, _ string, v any) (any, error) {
	m, ok := v.(*huma.ErrorModel)
	if !ok {
		return v, nil
	}
	for _, d := range m.Errors {
		if d == nil || d.Location != "body" {
			continue
		}
		d.Value = nil
		if path, msg, ok := strings.Cut(d.Message, ": "); ok && strings.HasPrefix(path, "body.") {
			d.Location, d.Message = path, msg
		}
	}
	return m, nil
}

// typeMessage says in plain words what a field of type t takes.
func typeMessage(t reflect.Type) string {
	if t == nil {
		return "has the wrong type"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		hi := int64(math.MaxInt64) >> (64 - t.Bits())
		return fmt.Sprintf("must be an integer between %d and %d", -hi-1, hi)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fmt.Sprintf("must be an integer between 0 and %d", uint64(math.MaxUint64)>>(64-t.Bits()))
	case reflect.Float32, reflect.Float64:
		return "must be a number"
	case reflect.String:
		return "must be a string"
	case reflect.Bool:
		return "must be true or false"
	case reflect.Slice, reflect.Array:
		return "must be a list"
	case reflect.Map, reflect.Struct:
		return "must be an object"
	}
	return "has the wrong type"
}

// jsonPath returns the location of te's field in huma's notation
// (".licenceLines[0].quantity"). encoding/json before Go 1.27 names the
// field without list indices, so the body is searched for the first
// element whose value there is the one that did not fit; from Go 1.27 it
// gives the index, which is followed.
func jsonPath(data []byte, te *json.UnmarshalTypeError) string {
	if te.Field == "" {
		return ""
	}
	segs := strings.Split(te.Field, ".")
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) == nil {
		if p, ok := findJSONPath(doc, segs, te.Value); ok {
			return p
		}
	}
	return "." + te.Field
}

// findJSONPath walks doc along segs, trying every element of the lists on
// the way, to the value described by want (encoding/json's "number 1e30",
// "string", …).
func findJSONPath(doc any, segs []string, want string) (string, bool) {
	if arr, ok := doc.([]any); ok {
		// Go 1.27's encoding/json names the element ("lines.1.quantity");
		// older releases leave the index out and every element is tried.
		if len(segs) > 0 {
			if i, err := strconv.Atoi(segs[0]); err == nil && i >= 0 && i < len(arr) {
				p, ok := findJSONPath(arr[i], segs[1:], want)
				return "[" + segs[0] + "]" + p, ok
			}
		}
		for i, el := range arr {
			if p, ok := findJSONPath(el, segs, want); ok {
				return "[" + strconv.Itoa(i) + "]" + p, true
			}
		}
		return "", false
	}
	if len(segs) == 0 {
		return "", jsonValueIs(doc, want)
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return "", false
	}
	for k, v := range obj {
		if !strings.EqualFold(k, segs[0]) {
			continue
		}
		if p, ok := findJSONPath(v, segs[1:], want); ok {
			return "." + k + p, true
		}
	}
	return "", false
}

// jsonValueIs reports whether v is the value encoding/json described as
// want.
func jsonValueIs(v any, want string) bool {
	kind, literal, _ := strings.Cut(want, " ")
	switch v := v.(type) {
	case json.Number:
		return kind == "number" && (literal == "" || literal == v.String())
	case string:
		return kind == "string"
	case bool:
		return kind == "bool"
	case []any:
		return kind == "array"
	case map[string]any:
		return kind == "object"
	}
	return false
}
