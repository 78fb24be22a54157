package web

import (
	"testing"
	"time"
)

// TestVersionsSince: a resource keeps its time while its tag does, and
// every new tag gets a later time than the one before, even within the
// same second and when an old tag comes back.
func TestVersionsSince(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 9, 0, 0, 500, time.UTC)
	v := NewVersions(func() time.Time { return now })
	first := v.Since("feed", `"a"`)
	if want := now.Truncate(time.Second); !first.Equal(want) {
		t.Fatalf("first tag since %v, want %v", first, want)
	}
	now = now.Add(time.Hour)
	if got := v.Since("feed", `"a"`); !got.Equal(first) {
		t.Errorf("same tag an hour later since %v, want %v", got, first)
	}
	b := v.Since("feed", `"b"`)
	if !b.After(first) {
		t.Errorf("new tag since %v, want after %v", b, first)
	}
	back := v.Since("feed", `"a"`)
	if !back.After(b) {
		t.Errorf("the old tag back, same second: since %v, want after %v", back, b)
	}
	if other := v.Since("other feed", `"a"`); !other.Equal(now.Truncate(time.Second)) {
		t.Errorf("another feed since %v, want now", other)
	}
}
