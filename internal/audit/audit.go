// Package audit is the tamper-evident audit trail (DESIGN §6): every change
// to the data is one Entry saying who changed which entity, when, and what
// it was before and after. Entries form a hash chain: each carries the hash
// of the one before it, so editing, deleting or reordering a stored entry
// breaks the chain, and Verify finds the first break.
//
// The package holds the entry, its hash and the check, and nothing that
// touches the database: internal/store writes and reads the entries, in the
// same transaction as the change they record. Domain packages do not import
// it; the store learns the actor and request ID from the context.
//
// A hash chain proves that no stored entry was altered, but not that the
// newest entries are still there: cutting off the tail leaves a shorter,
// intact chain. Report.Head is the hash of the last entry; keeping it
// elsewhere (a backup log, a ticket) anchors the chain up to that point.
package audit

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"
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
	// Hash is ComputeHash of this entry.
	Hash string
}

// GenesisHash is the PrevHash of the first entry.
const GenesisHash = ""

// hashVersion starts the hashed encoding, so that a later change of the
// encoding can be told from tampering.
const hashVersion = "samenkoop-audit-v1"

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
	return hex.EncodeToString(h.Sum(nil))
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

// Normalize fills in paging defaults and bounds.
func (f Filter) Normalize() Filter {
	f.Page = max(f.Page, 1)
	if f.PageSize < 1 {
		f.PageSize = 50
	}
	f.PageSize = min(f.PageSize, 500)
	return f
}

// Offset returns the number of entries before the filter's page.
func (f Filter) Offset() int { return (f.Page - 1) * f.PageSize }
