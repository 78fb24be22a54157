// Package audit is the tamper-evident audit trail (DESIGN §6): every change
// to the data is one Entry saying who changed which entity, when, and what
// it was before and after. Entries form a hash chain: each carries the hash
// of the one before it, so editing, deleting or reordering a stored entry
// breaks the chain, and Verify finds the first break.
//
// The package holds the entry, its hash, the key, the checkpoint and the
// check, and nothing that touches the database: internal/store writes and
// reads the entries, in the same transaction as the change they record.
// Domain packages do not import it; the store learns the actor and request
// ID from the context.
//
// # Two schemes
//
// Without a key, an entry's Hash is the SHA-256 of its fields (ComputeHash),
// 64 hex digits. With a key (audit.keyFile, made by `samenkoop audit
// keygen`), it is the HMAC-SHA-256 of the same fields under that key,
// written with the prefix "hmac-sha256:" (ComputeHMAC), so every entry says
// which scheme sealed it. A log started without a key continues when one is
// configured: the first keyed entry carries the last unkeyed hash as its
// PrevHash, so the unkeyed entries before it are sealed by the keyed chain.
// From then on every entry must be keyed; the store refuses to append an
// unkeyed entry after a keyed one, and Verify names a plain hash that
// follows a keyed one, or one at or after the first keyed entry the store
// recorded beside the log (Verifier.KeyedSince).
//
// # What it proves, and what it does not
//
// With only the chain, Verify proves that the entries present were not
// edited, reordered or removed from the middle, by anyone who does not
// recompute the hashes after them. Unkeyed, anyone who can write the
// database can recompute them all (re-chain the log); keyed, that needs
// the key, so whoever can write the database but not read the key file
// cannot rewrite the log unnoticed: Verify then reports "HMAC does not
// match under the configured key".
//
// A chain alone cannot show that its newest entries were cut off: a shorter
// chain is still intact. A Checkpoint (the entry count and head hash,
// written by `samenkoop audit checkpoint`) or the head a backup prints,
// kept outside the database, anchors the chain: Verify with an Anchor
// names a removed tail ("entries after #N were removed") and a log
// re-chained up to the anchor.
//
// It does not prove more than its inputs allow:
//   - whoever holds the key and can write the database (root on a machine
//     that has both, or the running server itself) can rewrite the log
//     and produce valid HMACs; only a checkpoint kept where that writer
//     cannot change it (another machine, write-once storage, a ticket)
//     still shows the entries that were there when it was taken;
//   - changes after the newest checkpoint can be removed unnoticed by
//     someone with the key;
//   - the log records what the application wrote; a change made directly
//     in the database, without an entry, is not seen by Verify at all;
//   - without the key, Verify cannot check keyed entries and says so.
package audit

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"hash"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// The kinds of actor an entry names.
const (
	KindUser   = "user"   // a signed-in user or an API token of one
	KindCLI    = "cli"    // a samenkoop command run on the server
	KindSystem = "system" // the server itself: start-up seeding, jobs
)

// The actions an entry records.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	// ActionImport records a bulk load as one entry (the CPV list), not one
	// per row.
	ActionImport = "import"
)

// Actor is who makes a change. UserID and Email are set for KindUser; a
// CLI actor carries the operating-system user name in Email.
type Actor struct {
	UserID int64
	Email  string
	Kind   string
}

type actorKey struct{}

type requestIDKey struct{}

// WithActor returns a copy of ctx that carries a as the actor of the
// changes made with it.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor ctx carries. Without one, or with one that
// has no Kind, the change is the system's own: Kind is KindSystem.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	if a.Kind == "" {
		a.Kind = KindSystem
	}
	return a
}

// WithRequestID returns a copy of ctx that carries the ID of the request
// that makes the changes, so an entry can be matched with the access log.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestIDFrom returns the request ID ctx carries, or "".
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// TimeLayout is how At is written, both in storage and in the hash: UTC
// with exactly six fractional digits. The fixed width makes text order
// time order (a period filter compares strings), and microseconds are
// what PostgreSQL's timestamp keeps, so a port loses nothing.
const TimeLayout = "2006-01-02T15:04:05.000000Z"

// Entry is one record of the audit log.
type Entry struct {
	// Seq numbers the entries 1, 2, 3, … with no gaps.
	Seq int64
	// At is when the change was made, in UTC, truncated to the microsecond
	// (TimeLayout); finer precision would not survive storage and the hash
	// would no longer match.
	At         time.Time
	ActorKind  string
	ActorID    int64
	ActorEmail string
	// Entity names what changed ("organization", "category", "cpv",
	// "setting", …) and EntityID which one (a code, an id, a key).
	Entity   string
	EntityID string
	Action   string
	// Before and After are the entity as JSON before and after the change;
	// nil when there is no such state (Before of a create, After of a
	// delete).
	Before    json.RawMessage
	After     json.RawMessage
	RequestID string
	// PrevHash is the Hash of entry Seq-1, and GenesisHash for entry 1.
	PrevHash string
	// Hash is ComputeHash of this entry, or ComputeHMAC under the key when
	// the log is keyed (then it starts with KeyedPrefix).
	Hash string
}

// GenesisHash is the PrevHash of the first entry.
const GenesisHash = ""

// hashVersion starts the hashed encoding, so that a later change of the
// encoding can be told from tampering.
const hashVersion = "samenkoop-audit-v1"

// KeyedPrefix starts the Hash of an entry sealed with HMAC-SHA-256 under a
// key; a Hash without it is a plain SHA-256.
const KeyedPrefix = "hmac-sha256:"

// Keyed reports whether e's Hash is an HMAC under a key (KeyedPrefix).
func (e Entry) Keyed() bool { return strings.HasPrefix(e.Hash, KeyedPrefix) }

// ComputeHash returns the SHA-256, in lower-case hex, of every field of e
// except Hash. The encoding is unambiguous: after the version string
// "samenkoop-audit-v1", each field in the order Seq, At, ActorKind,
// ActorID, ActorEmail, Entity, EntityID, Action, Before, After, RequestID,
// PrevHash is written as its length (8 bytes, big-endian) followed by its
// bytes. Integers are written in decimal, At with TimeLayout, Before and
// After as their exact bytes (nil and empty are the same). Because every
// field is length-prefixed, no shift of characters between neighbouring
// fields gives the same input; because Seq and PrevHash are hashed, an
// entry cannot be moved or relinked without changing its hash.
func (e Entry) ComputeHash() string {
	h := sha256.New()
	e.encode(h)
	return hex.EncodeToString(h.Sum(nil))
}

// ComputeHMAC returns KeyedPrefix followed by the HMAC-SHA-256 under key,
// in lower-case hex, of the same encoding ComputeHash hashes. Without the
// key nobody can compute it, so a log rewritten without the key does not
// verify.
func (e Entry) ComputeHMAC(key []byte) string {
	h := hmac.New(sha256.New, key)
	e.encode(h)
	return KeyedPrefix + hex.EncodeToString(h.Sum(nil))
}

// Seal returns the Hash e gets when written: ComputeHMAC under key, or
// ComputeHash when key is empty (an unkeyed log).
func (e Entry) Seal(key []byte) string {
	if len(key) == 0 {
		return e.ComputeHash()
	}
	return e.ComputeHMAC(key)
}

// encode writes the hashed encoding of e (see ComputeHash) to h.
func (e Entry) encode(h hash.Hash) {
	var n [8]byte
	field := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	field([]byte(hashVersion))
	field(strconv.AppendInt(nil, e.Seq, 10))
	field([]byte(e.At.UTC().Format(TimeLayout)))
	field([]byte(e.ActorKind))
	field(strconv.AppendInt(nil, e.ActorID, 10))
	field([]byte(e.ActorEmail))
	field([]byte(e.Entity))
	field([]byte(e.EntityID))
	field([]byte(e.Action))
	field(e.Before)
	field(e.After)
	field([]byte(e.RequestID))
	field([]byte(e.PrevHash))
}

// Filter selects entries of the log for reading, newest first. Empty
// fields do not filter.
type Filter struct {
	Entity   string
	EntityID string
	// Actor is the actor's e-mail address (or CLI user name), exactly.
	Actor string
	// From and To bound At: From inclusive, To exclusive.
	From, To time.Time
	// Page counts from 1; PageSize defaults to 50 and is at most 500.
	Page     int
	PageSize int
}

// Normalize fills in paging defaults and bounds, as every list does
// (contracts.NormalizePage).
func (f Filter) Normalize() Filter {
	f.Page, f.PageSize = contracts.NormalizePage(f.Page, f.PageSize)
	return f
}

// Offset returns the number of entries before the filter's page.
func (f Filter) Offset() int { return contracts.PageOffset(f.Page, f.PageSize) }
