package web

import (
	"context"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"
)

// heavyReads bounds how many computed views over the whole register
// (bundles, spend, concentration, dependency and their reports) are built
// at once: each costs seconds and megabytes at national scale, so callers
// beyond the limit must not pile up until the server runs out of memory.
// A caller waits a short while for a slot, then gets 503 with Retry-After.
type heavyReads struct{ *slots }

// slots admits a fixed number of callers at once: the heavy reads here,
// the imports (Imports).
type slots struct {
	ch   chan struct{}
	wait time.Duration
}

// heavyReadsWait is how long a caller waits for a slot before the 503.
const heavyReadsWait = 2 * time.Second

// heavyRetryAfter is the Retry-After of the 503, in seconds.
const heavyRetryAfter = "5"

// newHeavyReads allows n views at once (2 when n ≤ 0), each caller
// waiting at most wait for a slot.
func newHeavyReads(n int, wait time.Duration) *heavyReads {
	return &heavyReads{newSlots(n, wait)}
}

// newSlots admits n callers at once (2 when n ≤ 0), each waiting at most
// wait for a slot.
func newSlots(n int, wait time.Duration) *slots {
	if n <= 0 {
		n = 2
	}
	return &slots{ch: make(chan struct{}, n), wait: wait}
}

// acquire takes a slot, waiting at most s.wait and no longer than ctx
// lives; false when no slot came free.
func (s *slots) acquire(ctx context.Context) bool {
	select {
	case s.ch <- struct{}{}:
		return true
	default:
	}
	if s.wait <= 0 {
		return false
	}
	t := time.NewTimer(s.wait)
	defer t.Stop()
	select {
	case s.ch <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

func (s *slots) release() { <-s.ch }

// busyDetail is the 503's detail on the API.
const busyDetail = "the server is computing as many reports as it may at once; retry after the time in Retry-After"

// operation is the huma middleware of a heavy API operation. Placed after
// the policy check (router.operation), so a refused caller never takes a
// slot; the slot is held while the handler builds the view.
func (h *heavyReads) operation(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		if !h.acquire(ctx.Context()) {
			ctx.SetHeader(fiber.HeaderRetryAfter, heavyRetryAfter)
			_ = huma.WriteErr(api, ctx, fiber.StatusServiceUnavailable, busyDetail)
			return
		}
		defer h.release()
		next(ctx)
	}
}

// page wraps a heavy UI handler; a caller beyond the limit gets the
// Dutch error page with 503 and Retry-After.
func (h *heavyReads) page(next fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !h.acquire(c.UserContext()) {
			c.Set(fiber.HeaderRetryAfter, heavyRetryAfter)
			return fiber.NewError(fiber.StatusServiceUnavailable, busyDetail)
		}
		defer h.release()
		return next(c)
	}
}

// exportSlots bounds how many exports and reports (the dependency report,
// the spend workbook, the tender dossier and OCDS package, the contract
// list) are made at once, apart from the heavy reads, so that downloads
// cannot take every reader connection or hold up the computed views: the
// store's reader pool has room for both limits beside the connections of
// every other request (store.ReaderPool). A slot is held until the file
// is sent: a streamed file reads the database while it is written, after
// its handler has returned, so the stream it left (StreamBody) takes the
// slot over and gives it back when its writer ends or the stream is
// dropped (an error, a HEAD request). A caller waits a short while for a
// slot, then gets 503 with Retry-After.
type exportSlots struct{ *slots }

// newExportSlots allows n exports at once (2 when n ≤ 0), each caller
// waiting at most wait for a slot.
func newExportSlots(n int, wait time.Duration) *exportSlots {
	return &exportSlots{newSlots(n, wait)}
}

// exportsBusyDetail is the 503's detail on the API.
const exportsBusyDetail = "the server is making as many exports as it may at once; retry after the time in Retry-After"

// handOver gives the slot taken for the request in c to the stream its
// handler left, or back at once when it left none.
func (e *exportSlots) handOver(c *fiber.Ctx) {
	if s, ok := c.Locals(streamKey{}).(*bodyStream); ok && s != nil && s.release == nil {
		s.release = e.release
		return
	}
	e.release()
}

// operation is the huma middleware of an export operation, placed after
// the policy check like heavyReads.operation.
func (e *exportSlots) operation(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		if !e.acquire(ctx.Context()) {
			ctx.SetHeader(fiber.HeaderRetryAfter, heavyRetryAfter)
			_ = huma.WriteErr(api, ctx, fiber.StatusServiceUnavailable, exportsBusyDetail)
			return
		}
		defer e.handOver(humafiber.Unwrap(ctx))
		next(ctx)
	}
}

// page wraps an export's UI handler; a caller beyond the limit gets the
// Dutch error page with 503 and Retry-After.
func (e *exportSlots) page(next fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if !e.acquire(c.UserContext()) {
			c.Set(fiber.HeaderRetryAfter, heavyRetryAfter)
			return fiber.NewError(fiber.StatusServiceUnavailable, exportsBusyDetail)
		}
		defer e.handOver(c)
		return next(c)
	}
}
