package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
)

// Conditional GET (RFC 9110 §13) for responses made afresh on each
// request, such as the calendar feed: a strong entity tag from the bytes,
// a Last-Modified that moves when they change, and the test whether the
// client's copy is still current.

// ContentETag returns the strong entity tag of what write writes: the
// first 128 bits of its SHA-256, in hex and quoted. write writes into the
// hash only, so nothing is held in memory; a handler calls write again to
// send the body.
func ContentETag(write ExportWriter) (string, error) {
	h := sha256.New()
	if err := write(h); err != nil {
		return "", err
	}
	return `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`, nil
}

// NotModified reports whether the request's conditions say the client
// holds the representation with etag and lastModified, so that a GET or
// HEAD is answered 304 (RFC 9110 §13.2.2): If-None-Match when the request
// has it, compared weakly (§13.1.2: W/"x" matches "x") and "*" matching
// any; else If-Modified-Since, when lastModified is not after it. An
// unparsable date is ignored, as §13.1.3 says.
func NotModified(c *fiber.Ctx, etag string, lastModified time.Time) bool {
	if m := c.Method(); m != fiber.MethodGet && m != fiber.MethodHead {
		return false
	}
	if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == "*" || tag == strings.TrimPrefix(etag, "W/") {
				return true
			}
		}
		return false
	}
	ims, err := http.ParseTime(c.Get(fiber.HeaderIfModifiedSince))
	if err != nil || lastModified.IsZero() {
		return false
	}
	return !lastModified.Truncate(time.Second).After(ims)
}

// Versions gives content made afresh on each request a Last-Modified:
// per resource, the entity tag last served and when it was first served.
// Content unchanged keeps its time; changed content gets the time it was
// first seen, always later than the previous one, so that a client
// asking If-Modified-Since for its older copy never gets 304. The times
// live in memory: after a restart each resource is modified "now" once,
// which costs a client one full download and is never wrong. A nil
// *Versions says every content was modified now.
//
// Several servers sharing one database each keep their own times. The
// entity tag is exact across them (it is a hash of the bytes, which every
// server makes alike), and If-None-Match, which calendar clients send,
// takes precedence. The times are not shared: a client that sends only
// If-Modified-Since and meets another server may get a full download it
// did not need, or, when content changes within the second in which it
// got the old content (or the servers' clocks disagree by more than the
// time between its requests), a 304 for its old copy until the content
// changes again. Sharing them needs the times in the database.
type Versions struct {
	mu   sync.Mutex
	now  func() time.Time
	seen map[string]version
}

type version struct {
	etag  string
	since time.Time
}

// maxVersions bounds the resources remembered; past it, the memory starts
// afresh (one full download each).
const maxVersions = 10_000

// NewVersions returns an empty Versions reading the time from now (nil:
// the clock).
func NewVersions(now func() time.Time) *Versions {
	if now == nil {
		now = time.Now
	}
	return &Versions{now: now, seen: map[string]version{}}
}

// Since returns when key's content first had etag, to the second.
func (v *Versions) Since(key, etag string) time.Time {
	if v == nil {
		return time.Now().Truncate(time.Second)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	old, ok := v.seen[key]
	if ok && old.etag == etag {
		return old.since
	}
	since := v.now().UTC().Truncate(time.Second)
	if ok && !since.After(old.since) {
		since = old.since.Add(time.Second)
	}
	if len(v.seen) >= maxVersions {
		clear(v.seen)
	}
	v.seen[key] = version{etag: etag, since: since}
	return since
}
