package audit_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/audit"
)

var t0 = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// chain builds n linked entries, as the store would write them.
func chain(n int) []audit.Entry {
	out := make([]audit.Entry, n)
	prev := audit.GenesisHash
	for i := range out {
		e := audit.Entry{
			Seq:        int64(i + 1),
			At:         t0.Add(time.Duration(i) * time.Second),
			ActorKind:  audit.KindUser,
			ActorID:    7,
			ActorEmail: "inkoop@amsterdam.nl",
			Entity:     "organization",
			EntityID:   fmt.Sprintf("GM%04d", i+1),
			Action:     audit.ActionUpdate,
			Before:     json.RawMessage(fmt.Sprintf(`{"population":%d}`, 1000+i)),
			After:      json.RawMessage(fmt.Sprintf(`{"population":%d}`, 2000+i)),
			RequestID:  fmt.Sprintf("req-%d", i+1),
			PrevHash:   prev,
		}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		out[i] = e
	}
	return out
}

func entries(es []audit.Entry) iter.Seq2[audit.Entry, error] {
	return func(yield func(audit.Entry, error) bool) {
		for _, e := range es {
			if !yield(e, nil) {
				return
			}
		}
	}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		tamper     func([]audit.Entry) []audit.Entry
		wantAt     int64 // 0: intact
		wantReason string
	}{
		{"intact", func(es []audit.Entry) []audit.Entry { return es }, 0, ""},
		{"empty log", func([]audit.Entry) []audit.Entry { return nil }, 0, ""},
		{"before edited", func(es []audit.Entry) []audit.Entry {
			es[2].Before = json.RawMessage(`{"population":1}`)
			return es
		}, 3, "hash mismatch: row edited"},
		{"after edited", func(es []audit.Entry) []audit.Entry {
			es[1].After = json.RawMessage(`{"population":1}`)
			return es
		}, 2, "hash mismatch: row edited"},
		{"after edited by whitespace only", func(es []audit.Entry) []audit.Entry {
			es[1].After = json.RawMessage(`{"population": 2001}`)
			return es
		}, 2, "hash mismatch: row edited"},
		{"actor edited", func(es []audit.Entry) []audit.Entry {
			es[3].ActorEmail = "someone@else.nl"
			return es
		}, 4, "hash mismatch: row edited"},
		{"actor id edited", func(es []audit.Entry) []audit.Entry {
			es[0].ActorID = 8
			return es
		}, 1, "hash mismatch: row edited"},
		{"time edited by a microsecond", func(es []audit.Entry) []audit.Entry {
			es[4].At = es[4].At.Add(time.Microsecond)
			return es
		}, 5, "hash mismatch: row edited"},
		{"request ID edited", func(es []audit.Entry) []audit.Entry {
			es[2].RequestID = ""
			return es
		}, 3, "hash mismatch: row edited"},
		{"middle row deleted", func(es []audit.Entry) []audit.Entry {
			return slices.Delete(es, 2, 3)
		}, 3, "sequence gap after 2"},
		{"first row deleted", func(es []audit.Entry) []audit.Entry {
			return es[1:]
		}, 1, "sequence starts at 2"},
		{"middle row deleted and later rows renumbered", func(es []audit.Entry) []audit.Entry {
			es = slices.Delete(es, 2, 3)
			for i := 2; i < len(es); i++ {
				es[i].Seq--
			}
			return es
		}, 3, "hash mismatch: row edited"},
		{"rows swapped", func(es []audit.Entry) []audit.Entry {
			es[1], es[2] = es[2], es[1]
			return es
		}, 2, "sequence gap after 1"},
		{"rows swapped keeping their seq", func(es []audit.Entry) []audit.Entry {
			es[1], es[2] = es[2], es[1]
			es[1].Seq, es[2].Seq = 2, 3
			return es
		}, 2, "hash mismatch: row edited"},
		{"hash of last row edited", func(es []audit.Entry) []audit.Entry {
			es[len(es)-1].Hash = strings.Repeat("0", 64)
			return es
		}, 5, "hash mismatch: row edited"},
		{"row edited and re-hashed", func(es []audit.Entry) []audit.Entry {
			es[1].After = json.RawMessage(`{"population":1}`)
			es[1].Hash = es[1].ComputeHash()
			return es
		}, 3, "prev_hash does not link to entry 2"},
		{"first row relinked and re-hashed", func(es []audit.Entry) []audit.Entry {
			es[0].PrevHash = "x"
			es[0].Hash = es[0].ComputeHash()
			return es
		}, 1, "prev_hash of the first entry"},
		{"duplicate row", func(es []audit.Entry) []audit.Entry {
			return slices.Insert(es, 2, es[1])
		}, 2, "sequence out of order: entry 2 follows entry 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			es := tt.tamper(chain(5))
			r, err := audit.Verify(entries(es))
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if tt.wantAt == 0 {
				if !r.Intact || r.Checked != len(es) || r.BrokenAt != 0 {
					t.Errorf("Verify(%s) = %+v, want intact with %d entries", tt.name, r, len(es))
				}
				return
			}
			if r.Intact || r.BrokenAt != tt.wantAt || !strings.Contains(r.Reason, tt.wantReason) {
				t.Errorf("Verify(%s) = %+v, want broken at %d: %q", tt.name, r, tt.wantAt, tt.wantReason)
			}
		})
	}
}

func TestVerifyHeadAndString(t *testing.T) {
	t.Parallel()
	es := chain(3)
	r, err := audit.Verify(entries(es))
	if err != nil {
		t.Fatal(err)
	}
	if r.Head != es[2].Hash {
		t.Errorf("Head = %s, want the last entry's hash %s", r.Head, es[2].Hash)
	}
	if got, want := r.String(), "audit log intact: 3 entries"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	es[1].Action = audit.ActionDelete
	r, _ = audit.Verify(entries(es))
	if got, want := r.String(), "audit log broken at entry 2: hash mismatch: row edited"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if r.Checked != 1 || r.Head != es[0].Hash {
		t.Errorf("broken report = %+v, want 1 checked and the head at entry 1", r)
	}
}

func TestVerifyReadError(t *testing.T) {
	t.Parallel()
	boom := errors.New("disk on fire")
	seq := func(yield func(audit.Entry, error) bool) {
		es := chain(2)
		if yield(es[0], nil) {
			yield(audit.Entry{}, boom)
		}
	}
	if _, err := audit.Verify(seq); !errors.Is(err, boom) {
		t.Errorf("Verify with a read error: err = %v, want it wrapped", err)
	}
}

// TestComputeHashIsUnambiguous: moving characters from one field to its
// neighbour, which naive concatenation would not notice, changes the hash.
func TestComputeHashIsUnambiguous(t *testing.T) {
	t.Parallel()
	base := chain(1)[0]
	tests := []struct {
		name string
		edit func(*audit.Entry)
	}{
		{"entity into entity ID", func(e *audit.Entry) { e.Entity, e.EntityID = "organizationGM", "0001" }},
		{"actor kind into e-mail", func(e *audit.Entry) { e.ActorKind, e.ActorEmail = "use", "rinkoop@amsterdam.nl" }},
		{"before into after", func(e *audit.Entry) {
			e.Before, e.After = append(slices.Clone(e.Before), e.After[:1]...), e.After[1:]
		}},
		{"absent before and after swapped", func(e *audit.Entry) { e.Before, e.After = e.After, nil }},
		{"seq", func(e *audit.Entry) { e.Seq = 2 }},
		{"prev hash", func(e *audit.Entry) { e.PrevHash = "a" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := base
			tt.edit(&e)
			if e.ComputeHash() == base.ComputeHash() {
				t.Errorf("ComputeHash unchanged after moving %s", tt.name)
			}
		})
	}
	if h := base.ComputeHash(); len(h) != 64 || h != base.ComputeHash() {
		t.Errorf("ComputeHash = %q, want 64 hex digits, the same every time", h)
	}
	e := base
	e.Hash = "anything"
	if e.ComputeHash() != base.ComputeHash() {
		t.Error("ComputeHash depends on Hash itself")
	}
	e.At = base.At.In(time.FixedZone("CET", 3600))
	if e.ComputeHash() != base.ComputeHash() {
		t.Error("ComputeHash depends on At's time zone, not only the instant")
	}
}

func TestContext(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if got := audit.ActorFrom(ctx); got != (audit.Actor{Kind: audit.KindSystem}) {
		t.Errorf("ActorFrom(empty) = %+v, want the system", got)
	}
	if got := audit.RequestIDFrom(ctx); got != "" {
		t.Errorf("RequestIDFrom(empty) = %q, want \"\"", got)
	}
	a := audit.Actor{UserID: 3, Email: "fin@utrecht.nl", Kind: audit.KindUser}
	ctx = audit.WithRequestID(audit.WithActor(ctx, a), "req-42")
	if got := audit.ActorFrom(ctx); got != a {
		t.Errorf("ActorFrom = %+v, want %+v", got, a)
	}
	if got := audit.RequestIDFrom(ctx); got != "req-42" {
		t.Errorf("RequestIDFrom = %q, want req-42", got)
	}
	// Another package's string key of the same text does not collide.
	type key string
	ctx = context.WithValue(context.Background(), key("request_id"), "x")
	if got := audit.RequestIDFrom(ctx); got != "" {
		t.Errorf("RequestIDFrom with a foreign key = %q, want \"\"", got)
	}
}

func TestFilterNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       audit.Filter
		wantPage int
		wantSize int
	}{
		{audit.Filter{}, 1, 50},
		{audit.Filter{Page: 3, PageSize: 20}, 3, 20},
		{audit.Filter{Page: -1, PageSize: 9999}, 1, 500},
	}
	for _, tt := range tests {
		got := tt.in.Normalize()
		if got.Page != tt.wantPage || got.PageSize != tt.wantSize {
			t.Errorf("%+v.Normalize() = page %d size %d, want %d %d", tt.in, got.Page, got.PageSize, tt.wantPage, tt.wantSize)
		}
	}
	if got := (audit.Filter{Page: 3, PageSize: 20}).Offset(); got != 40 {
		t.Errorf("Offset = %d, want 40", got)
	}
}

// ExampleVerify shows a chain of two entries checked, then the same chain
// with the first entry's "after" edited.
func ExampleVerify() {
	var es []audit.Entry
	prev := audit.GenesisHash
	for i, code := range []string{"GM0363", "GM0518"} {
		e := audit.Entry{
			Seq: int64(i + 1), At: time.Date(2026, 11, 22, 9, 0, i, 0, time.UTC),
			ActorKind: audit.KindCLI, ActorEmail: "beheer",
			Entity: "organization", EntityID: code, Action: audit.ActionCreate,
			After: json.RawMessage(`{"code":"` + code + `"}`), PrevHash: prev,
		}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		es = append(es, e)
	}
	r, _ := audit.Verify(entries(es))
	fmt.Println(r)
	es[0].After = json.RawMessage(`{"code":"GM9999"}`)
	r, _ = audit.Verify(entries(es))
	fmt.Println(r)
	// Output:
	// audit log intact: 2 entries
	// audit log broken at entry 1: hash mismatch: row edited
}
