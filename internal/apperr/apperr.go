// Package apperr defines the error kinds that every layer of Samenkoop shares.
//
// Domain code wraps one of the sentinel kinds with %w; each surface (the JSON
// API and the HTML UI) maps the kind to a response in exactly one place.
package apperr

import (
	"errors"
	"strings"
)

// Sentinel error kinds. Test for them with errors.Is.
var (
	// NotFound means the requested entity does not exist.
	NotFound = errors.New("not found")
	// Invalid means the input is malformed; FieldErrors carries the details.
	Invalid = errors.New("invalid input")
	// Conflict means the change clashes with existing data or with the
	// entity's state (an illegal state transition, a duplicate key).
	Conflict = errors.New("conflict")
	// Forbidden means the caller may not do this.
	Forbidden = errors.New("forbidden")
	// Unauthenticated means the caller is not known.
	Unauthenticated = errors.New("unauthenticated")
)

// FieldError is one problem with one input field: a code from the
// catalogue (codes.go) with its arguments. Surfaces render it: the API
// sends the code, the arguments and the English Message; the forms and
// documents say it in Dutch through internal/nl.
type FieldError struct {
	// Field names the input field in the API's own spelling (camelCase).
	Field string `json:"field"`
	// Code says what is wrong.
	Code Code `json:"code"`
	// Args are the code's arguments (a limit, the value given, a date),
	// JSON-safe values of the kinds Example(Code) shows.
	Args []any `json:"args,omitempty"`
}

// Message returns the problem in English, from its code's template.
func (e FieldError) Message() string { return English(e.Code, e.Args...) }

// FieldErrors lists every problem found in one input. It reports itself as
// Invalid to errors.Is, so a surface needs no special case to classify it.
type FieldErrors []FieldError

// Add appends a problem with field: code with its arguments.
func (fe *FieldErrors) Add(field string, code Code, args ...any) {
	*fe = append(*fe, FieldError{Field: field, Code: code, Args: args})
}

// FieldProblem returns the one problem code with args on field as
// FieldErrors.
func FieldProblem(field string, code Code, args ...any) FieldErrors {
	return FieldErrors{{Field: field, Code: code, Args: args}}
}

// Err returns fe as an error, or nil when it holds no problems.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// Error joins the problems into one line.
func (fe FieldErrors) Error() string {
	parts := make([]string, len(fe))
	for i, e := range fe {
		parts[i] = e.Field + ": " + e.Message()
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Is reports FieldErrors as Invalid.
func (fe FieldErrors) Is(target error) bool { return target == Invalid }

// Fields returns the field errors carried by err, if any.
func Fields(err error) FieldErrors {
	var fe FieldErrors
	if errors.As(err, &fe) {
		return fe
	}
	return nil
}

// detailed is a kind with a message that is safe to show to clients, and
// the code with arguments it was made from, if any.
type detailed struct {
	kind   error
	detail string
	code   Code
	args   []any
}

func (d *detailed) Error() string { return d.detail }
func (d *detailed) Unwrap() error { return d.kind }

// WithDetail returns kind carrying a message that is safe to send to the
// client (it names no internals), e.g. "an organization with code GM0363
// already exists". errors.Is(err, kind) still holds.
func WithDetail(kind error, detail string) error { return &detailed{kind: kind, detail: detail} }

// WithCode returns kind carrying the English text of code with args as
// its detail (WithDetail), and the code itself, so that a page can word
// the same problem in Dutch (CodeOf, internal/nl).
func WithCode(kind error, code Code, args ...any) error {
	return &detailed{kind: kind, detail: English(code, args...), code: code, args: args}
}

// CodeOf returns the code and arguments err was made with by WithCode;
// ok is false for any other error.
func CodeOf(err error) (code Code, args []any, ok bool) {
	var d *detailed
	if errors.As(err, &d) && d.code != "" {
		return d.code, d.args, true
	}
	return "", nil, false
}

// Detail returns the client-safe message carried by err, or fallback.
func Detail(err error, fallback string) string {
	var d *detailed
	if errors.As(err, &d) {
		return d.detail
	}
	if r, ok := Refusal(err); ok {
		return r.Message()
	}
	return fallback
}

// refusal is a change refused by the state of what it changes (a
// Conflict), with the code that says what blocks it.
type refusal struct{ FieldError }

func (r *refusal) Error() string { return "conflict: " + r.Message() }
func (r *refusal) Unwrap() error { return Conflict }

// Refused returns a Conflict that says what blocks the change: code with
// its arguments on field, the input that would lift it (a lifecycle step
// refused by a tender deadline names "tenderDeadline"). Surfaces word it
// from the code; Detail gives its English message.
func Refused(field string, code Code, args ...any) error {
	return &refusal{FieldError{Field: field, Code: code, Args: args}}
}

// Refusal returns the code of a change refused by Refused, if err is one.
func Refusal(err error) (FieldError, bool) {
	var r *refusal
	if errors.As(err, &r) {
		return r.FieldError, true
	}
	return FieldError{}, false
}

// Warning is something a user should know about a valid plan, contract or
// tender (a threshold that had to be assumed, a term beyond the legal
// maximum): a code from the catalogue with its arguments, rendered in
// Dutch by internal/nl and in English by Message.
type Warning struct {
	Kind Code  `json:"kind"`
	Args []any `json:"args,omitempty"`
}

// Warn returns the warning kind with args.
func Warn(kind Code, args ...any) Warning { return Warning{Kind: kind, Args: args} }

// Message returns the warning in English.
func (w Warning) Message() string { return English(w.Kind, w.Args...) }

// Basis is the legal basis of a date, or the planning assumption behind
// it: a code from the catalogue (the Basis… codes) with its arguments. A
// milestone of a tender's timeline carries one, and the problems and
// warnings about a tender deadline quote the basis of the earliest
// deadline. A basis may take another as an argument: a period that runs
// on past a day off is the period's basis with the run-on. internal/nl
// words it in Dutch, Message in English.
type Basis struct {
	Kind Code  `json:"kind"`
	Args []any `json:"args,omitempty"`
}

// Base returns the basis kind with args.
func Base(kind Code, args ...any) Basis { return Basis{Kind: kind, Args: args} }

// Message returns the basis in English.
func (b Basis) Message() string { return English(b.Kind, b.Args...) }
