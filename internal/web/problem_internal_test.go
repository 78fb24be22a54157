package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"slices"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

type (
	bodyInput struct {
		ID   int64 `path:"id"`
		Body struct{ Title string }
	}
	uploadInput struct {
		RawBody []byte
	}
	pathInput struct {
		ID    int64  `path:"id"`
		LotID int64  `path:"lotId"`
		Year  string `query:"year"`
	}
)

// TestProblemLocations: the router places a handler's field errors in the
// part of the request they came from, as the handlers did one by one
// before (body.code, query.page, path.id), and In overrides it.
func TestProblemLocations(t *testing.T) {
	t.Parallel()
	s := &server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	fields := apperr.FieldErrors{{Field: "id", Code: apperr.Required}, {Field: "lotId", Code: apperr.Required}, {Field: "year", Code: apperr.Required},
		{Field: "licenceLines[0].start", Code: apperr.Required}}
	tests := []struct {
		name  string
		op    huma.Operation
		input reflect.Type
		err   error
		want  []string
	}{
		{"an operation with a body: every field is the body's", huma.Operation{Method: http.MethodPut, Path: "/tenders/{id}"},
			reflect.TypeFor[bodyInput](), fields, []string{"body.id", "body.lotId", "body.year", "body.licenceLines[0].start"}},
		{"an upload (RawBody) is a body too", huma.Operation{Method: http.MethodPost, Path: "/imports/contracts"},
			reflect.TypeFor[uploadInput](), fields, []string{"body.id", "body.lotId", "body.year", "body.licenceLines[0].start"}},
		{"without a body: path parameters by name, the rest the query", huma.Operation{Method: http.MethodDelete, Path: "/tenders/{id}/lots/{lotId}"},
			reflect.TypeFor[pathInput](), fields, []string{"path.id", "path.lotId", "query.year", "query.licenceLines[0].start"}},
		{"In places them elsewhere", huma.Operation{Method: http.MethodGet, Path: "/tenders/{id}"},
			reflect.TypeFor[pathInput](), In("header", fields[:1]), []string{"header.id"}},
		{"In through a wrapped error", huma.Operation{Method: http.MethodPut, Path: "/tenders/{id}"},
			reflect.TypeFor[bodyInput](), errors.Join(In("query", fields[2:3])), []string{"query.year"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := s.problem(context.Background(), fieldIn(tt.op, tt.input), tt.err)
			var m *Problem
			if !errors.As(err, &m) || m.Status != http.StatusUnprocessableEntity {
				t.Fatalf("problem(%v) = %v, want a 422 problem", tt.err, err)
			}
			var got []string
			for _, d := range m.Errors {
				got = append(got, d.Location)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("locations %q, want %q", got, tt.want)
			}
		})
	}
}

// TestProblemKinds: the other kinds get their status; a problem a handler
// built itself passes as it is; nil stays nil through In.
func TestProblemKinds(t *testing.T) {
	t.Parallel()
	s := &server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	in := fieldIn(huma.Operation{Path: "/x"}, reflect.TypeFor[struct{}]())
	own := huma.Error503ServiceUnavailable("busy")
	tests := []struct {
		err        error
		wantStatus int
	}{
		{apperr.NotFound, http.StatusNotFound},
		{apperr.Conflict, http.StatusConflict},
		{apperr.Forbidden, http.StatusForbidden},
		{apperr.Unauthenticated, http.StatusUnauthorized},
		{errors.New("disk full"), http.StatusInternalServerError},
		{own, http.StatusServiceUnavailable},
	}
	for _, tt := range tests {
		var se huma.StatusError
		if err := s.problem(context.Background(), in, tt.err); !errors.As(err, &se) || se.GetStatus() != tt.wantStatus {
			t.Errorf("problem(%v) = %v, want status %d", tt.err, err, tt.wantStatus)
		}
	}
	if err := s.problem(context.Background(), in, own); err != own {
		t.Errorf("problem(a huma error) = %v, want it unchanged", err)
	}
	if err := In("query", nil); err != nil {
		t.Errorf("In(query, nil) = %v, want nil", err)
	}
}
