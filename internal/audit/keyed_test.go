package audit_test

import (
	"bytes"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/audit"
)

var (
	testKey  = bytes.Repeat([]byte{0x5a}, audit.KeySize)
	otherKey = bytes.Repeat([]byte{0xa5}, audit.KeySize)
)

// reseal seals es[from:] again under key (nil: plain SHA-256), relinking
// each to the one before, as the store or a forger with that key would.
func reseal(es []audit.Entry, from int, key []byte) []audit.Entry {
	out := append([]audit.Entry(nil), es...)
	for i := from; i < len(out); i++ {
		if i > 0 {
			out[i].PrevHash = out[i-1].Hash
		}
		out[i].Hash = out[i].Seal(key)
	}
	return out
}

func TestSealSchemes(t *testing.T) {
	t.Parallel()
	e := chain(1)[0]
	plain, keyed := e.Seal(nil), e.Seal(testKey)
	if plain != e.ComputeHash() || len(plain) != 64 {
		t.Errorf("Seal(nil) = %q, want ComputeHash, 64 hex digits", plain)
	}
	if !strings.HasPrefix(keyed, audit.KeyedPrefix) || len(keyed) != len(audit.KeyedPrefix)+64 {
		t.Errorf("Seal(key) = %q, want %q and 64 hex digits", keyed, audit.KeyedPrefix)
	}
	if keyed == e.Seal(otherKey) {
		t.Error("Seal gives the same HMAC under two keys")
	}
	e.Hash = keyed
	if !e.Keyed() {
		t.Error("Keyed() = false for an HMAC-sealed entry")
	}
}

// TestVerifyKeyed covers a chain that is keyed from its third entry, as
// one started without a key and continued with one, and the ways it can
// be rewritten.
func TestVerifyKeyed(t *testing.T) {
	t.Parallel()
	base := reseal(chain(5), 2, testKey) // 1–2 plain, 3–5 keyed
	tests := []struct {
		name       string
		es         []audit.Entry
		v          audit.Verifier
		wantAt     int64 // 0: intact
		wantReason string
	}{
		{"keyed from the third entry, verified with the key", base, audit.Verifier{Key: testKey, KeyedSince: 3}, 0, ""},
		{"all keyed", reseal(chain(5), 0, testKey), audit.Verifier{Key: testKey, KeyedSince: 1}, 0, ""},
		{"unkeyed chain with a key configured: nothing keyed yet", chain(5), audit.Verifier{Key: testKey}, 0, ""},
		{"keyed entries without the key", base, audit.Verifier{}, 3, "no key was given"},
		{"verified under another key", base, audit.Verifier{Key: otherKey, KeyedSince: 3}, 3, "HMAC does not match under the configured key"},
		{"re-chained under another key", reseal(base, 0, otherKey), audit.Verifier{Key: testKey, KeyedSince: 3}, 1, "HMAC does not match under the configured key"},
		{"re-chained with plain SHA-256, first keyed entry recorded", reseal(base, 0, nil), audit.Verifier{Key: testKey, KeyedSince: 3}, 3, "HMAC does not match under the configured key: the entry has a plain SHA-256 hash"},
		{"re-chained with plain SHA-256 from the fourth entry", reseal(base, 3, nil), audit.Verifier{Key: testKey}, 4, "keyed from entry #3 on"},
		{"edited keyed entry", func() []audit.Entry {
			es := append([]audit.Entry(nil), base...)
			es[3].ActorEmail = "iemand@anders.nl"
			return es
		}(), audit.Verifier{Key: testKey, KeyedSince: 3}, 4, "HMAC does not match"},
		{"log cut before the first keyed entry", base[:2], audit.Verifier{Key: testKey, KeyedSince: 3}, 3, "entries after #2 were removed: the log was keyed from entry #3 on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := tt.v.Verify(entries(tt.es))
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantAt == 0 {
				if !r.Intact || r.Checked != len(tt.es) {
					t.Errorf("Verify = %+v, want intact with %d entries", r, len(tt.es))
				}
				return
			}
			if r.Intact || r.BrokenAt != tt.wantAt || !strings.Contains(r.Reason, tt.wantReason) {
				t.Errorf("Verify = %q (at %d), want broken at %d: %q", r, r.BrokenAt, tt.wantAt, tt.wantReason)
			}
		})
	}
	r, _ := audit.Verifier{Key: testKey}.Verify(entries(base))
	if r.Keyed != 3 || r.FirstKeyed != 3 || r.LastSeq != 5 {
		t.Errorf("Verify counts %d keyed from #%d up to #%d, want 3 from #3 up to #5", r.Keyed, r.FirstKeyed, r.LastSeq)
	}
	r, _ = audit.Verifier{}.Verify(entries(base))
	if !r.NeedsKey {
		t.Error("Verify without a key on a keyed chain: NeedsKey = false")
	}
}

// TestVerifyAnchors: a checkpoint or a head kept outside the database
// names a removed tail and a log rewritten up to it.
func TestVerifyAnchors(t *testing.T) {
	t.Parallel()
	es := chain(7)
	at := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	cp := audit.Checkpoint{Entries: 7, LastSeq: 7, Head: es[6].Hash, At: at}
	tests := []struct {
		name       string
		es         []audit.Entry
		anchor     audit.Anchor
		wantAt     int64 // 0: intact
		wantTail   bool
		wantReason string
	}{
		{"checkpoint at the head", es, cp.Anchor(), 0, false, ""},
		{"checkpoint in the middle", es, audit.Anchor{Seq: 5, Hash: es[4].Hash, Source: "x"}, 0, false, ""},
		{"head given by hash alone", es, audit.Anchor{Hash: es[4].Hash, Source: "the head given"}, 0, false, ""},
		{"tail removed, checkpoint", es[:4], cp.Anchor(), 5, true,
			"entries after #4 were removed: the checkpoint of 2026-11-22 10:00:00 UTC recorded #7 with hash " + es[6].Hash},
		{"tail removed, head by hash alone", es[:4], audit.Anchor{Hash: es[6].Hash, Source: "the head given"}, 5, true,
			"entries after #4 were removed or re-chained: no entry has the hash " + es[6].Hash},
		{"everything removed", nil, cp.Anchor(), 1, true, "entries after #0 were removed"},
		{"re-chained up to the checkpoint", func() []audit.Entry {
			out := append([]audit.Entry(nil), es...)
			out[2].ActorEmail = "iemand@anders.nl"
			return reseal(out, 2, nil)
		}(), cp.Anchor(), 7, false, "differs from the checkpoint of 2026-11-22 10:00:00 UTC, which recorded #7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, err := audit.Verifier{Anchors: []audit.Anchor{tt.anchor}}.Verify(entries(tt.es))
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantAt == 0 {
				if !r.Intact {
					t.Errorf("Verify = %q, want intact", r)
				}
				return
			}
			if r.Intact || r.BrokenAt != tt.wantAt || r.TailRemoved != tt.wantTail || !strings.Contains(r.Reason, tt.wantReason) {
				t.Errorf("Verify = %q (at %d, tail %v), want at %d, tail %v: %q", r, r.BrokenAt, r.TailRemoved, tt.wantAt, tt.wantTail, tt.wantReason)
			}
		})
	}
	r, _ := audit.Verifier{Anchors: []audit.Anchor{cp.Anchor()}}.Verify(entries(es[:4]))
	if want := "audit log incomplete: entries after #4 were removed"; !strings.HasPrefix(r.String(), want) {
		t.Errorf("String() = %q, want it to start %q", r, want)
	}
}

func TestParseKey(t *testing.T) {
	t.Parallel()
	key, err := audit.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		in      []byte
		wantErr string
	}{
		{"as keygen writes it", audit.EncodeKey(key), ""},
		{"surrounding white space", append(append([]byte("  "), audit.EncodeKey(key)...), "\r\n"...), ""},
		{"too short", []byte("abcd\n"), "at least 32"},
		{"not hex", []byte(strings.Repeat("zz", 32)), "not hex"},
		{"empty", nil, "at least 32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := audit.ParseKey(tt.in)
			if tt.wantErr == "" {
				if err != nil || !bytes.Equal(got, key) {
					t.Errorf("ParseKey(%q) = %x, %v; want %x", tt.in, got, err, key)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseKey(%q) err = %v, want %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

func TestCheckpointFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "checkpoint.json")
	if _, err := audit.ReadCheckpoint(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadCheckpoint of a missing file: err = %v, want fs.ErrNotExist", err)
	}
	es := reseal(chain(3), 0, testKey)
	r, err := audit.Verifier{Key: testKey}.Verify(entries(es))
	if err != nil || !r.Intact {
		t.Fatal(r, err)
	}
	want := audit.CheckpointOf(r, time.Date(2026, 11, 22, 10, 0, 0, 500, time.UTC))
	if want.Entries != 3 || want.LastSeq != 3 || want.Head != es[2].Hash || !want.Keyed {
		t.Errorf("CheckpointOf = %+v, want 3 entries, #3, head %s, keyed", want, es[2].Hash)
	}
	if err := audit.WriteCheckpoint(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := audit.ReadCheckpoint(path)
	if err != nil || got != want {
		t.Errorf("ReadCheckpoint = %+v, %v; want %+v", got, err, want)
	}
}
