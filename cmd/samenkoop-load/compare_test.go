package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestNormalizeIDs: with -ids normalize two answers that number the same
// rows differently compare equal, and answers whose other values differ
// do not.
func TestNormalizeIDs(t *testing.T) {
	a := []byte(`{"items":[{"id":7,"vendorId":3,"name":"x","next":"abc"},{"id":9,"vendorId":3,"amount":12}],"next":"c1"}`)
	b := []byte(`{"next":"c2","items":[{"id":107,"vendorId":40,"name":"x","next":"zzz"},{"id":108,"vendorId":40,"amount":12}]}`)
	if na, nb := normalizeIDs(a), normalizeIDs(b); !bytes.Equal(na, nb) {
		t.Errorf("normalized answers differ:\n%s\n%s", na, nb)
	}
	// The second row names another vendor than the first in c only.
	c := []byte(`{"items":[{"id":7,"vendorId":3,"name":"x"},{"id":9,"vendorId":4,"amount":12}]}`)
	d := []byte(`{"items":[{"id":7,"vendorId":3,"name":"x"},{"id":9,"vendorId":3,"amount":12}]}`)
	if bytes.Equal(normalizeIDs(c), normalizeIDs(d)) {
		t.Error("normalizing hides that the second row names another vendor")
	}
	e := []byte(`{"items":[{"id":9,"amount":13}]}`)
	if bytes.Equal(normalizeIDs([]byte(`{"items":[{"id":9,"amount":12}]}`)), normalizeIDs(e)) {
		t.Error("normalizing hides a different amount")
	}
	if got := normalizeIDs([]byte("not json")); string(got) != "not json" {
		t.Errorf("a body that is not JSON became %q", got)
	}
}

// TestDiffers: the status, the representation's headers and the body are
// compared; the request's own headers are not.
func TestDiffers(t *testing.T) {
	base := answer{path: "/x", status: 200, headers: []string{"Content-Type: application/json", "Link: "}, body: []byte(`{"a":1}`)}
	if why := differs(base, base, false); why != "" {
		t.Errorf("an answer differs from itself: %s", why)
	}
	for _, tc := range []struct {
		name string
		edit func(*answer)
		want string
	}{
		{"status", func(a *answer) { a.status = 500 }, "status"},
		{"content type", func(a *answer) { a.headers = []string{"Content-Type: text/html", "Link: "} }, "header"},
		{"body", func(a *answer) { a.body = []byte(`{"a":2}`) }, "from byte 5"},
	} {
		b := base
		tc.edit(&b)
		if why := differs(base, b, false); !strings.Contains(why, tc.want) {
			t.Errorf("%s: differs = %q, want it to name %s", tc.name, why, tc.want)
		}
	}
}
