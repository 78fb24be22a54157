package web

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"

	"github.com/gofiber/fiber/v2"
)

// Panics and streamed bodies (issue #12). A panic in a handler, or in the
// writer of a download, is recovered, logged once with its stack and the
// request ID, and answered as an error; the process stays up. A download
// that fails part-way never ends as a clean 200: a file rendered in full
// first (a PDF) fails before the status is sent, and a streamed file (a
// workbook, a CSV) aborts the connection, so the client sees an error
// instead of a file that looks complete.

// errPanic marks the error a recovered panic becomes.
var errPanic = errors.New("panic")

// recoverPanics turns a panic in a later handler into an error that the
// error handler answers: a 500 problem under /api, the Dutch error page
// elsewhere. It sits after requestIDs, so the log names the request, and
// inside the access log, so that the request is logged with its 500.
// Whatever the handler set before it panicked (a download's headers, part
// of a body, a stream) is dropped. A handler that returns an error has
// its stream dropped too: the error response is what is sent.
func recoverPanics(log *slog.Logger) fiber.Handler {
	return func(c *fiber.Ctx) (err error) {
		defer func() {
			v := recover()
			if v == nil && err == nil {
				return
			}
			dropStream(c)
			if v == nil {
				return
			}
			logPanic(c.UserContext(), log, RequestID(c), v, slog.String("method", c.Method()), slog.String("path", c.Path()))
			c.Response().ResetBody()
			c.Response().Header.Del(fiber.HeaderContentDisposition)
			err = fmt.Errorf("web: %w: %v", errPanic, v)
		}()
		return c.Next()
	}
}

// logPanic logs a recovered panic with its stack; call it from the
// deferred function that recovered, so that the stack is the panic's.
func logPanic(ctx context.Context, log *slog.Logger, requestID string, v any, attrs ...any) {
	attrs = append([]any{slog.String("request_id", requestID), slog.Any("panic", v), slog.String("stack", string(debug.Stack()))}, attrs...)
	log.ErrorContext(ctx, "panic recovered", attrs...)
}

// safeWrite runs write on w, turning a panic into an error after logging
// it with its stack and the request ID.
func safeWrite(ctx context.Context, log *slog.Logger, requestID string, write ExportWriter, w io.Writer) (err error) {
	defer func() {
		if v := recover(); v != nil {
			logPanic(ctx, log, requestID, v)
			err = fmt.Errorf("web: %w: %v", errPanic, v)
		}
	}()
	return write(w)
}

// SendFile answers with the file write produces, named name for the log.
// setHeaders sets its Content-Type and Content-Disposition, only once the
// answer is known to be the file. When whole, the file is rendered in
// memory before the status is sent, so that a failure is an error
// response (the caller returns it to the error handler): for PDFs, which
// fpdf holds in memory anyway. Otherwise it streams (StreamBody), as
// DESIGN §5 asks of large exports.
func SendFile(c *fiber.Ctx, ctx context.Context, log *slog.Logger, name string, whole bool, setHeaders func(), write ExportWriter) error {
	if !whole {
		setHeaders()
		c.Status(fiber.StatusOK)
		StreamBody(c, ctx, log, name, write)
		return nil
	}
	var buf bytes.Buffer
	if err := safeWrite(ctx, log, RequestID(c), write, &buf); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	setHeaders()
	return c.Status(fiber.StatusOK).Send(buf.Bytes())
}

// streamKey is the c.Locals key under which a handler leaves the body it
// wants streamed; sendStreams attaches it.
type streamKey struct{}

// bodyStream is a body to stream: its writer, and what its log lines need
// once the handler has returned.
type bodyStream struct {
	ctx       context.Context
	log       *slog.Logger
	requestID string
	name      string
	write     ExportWriter
	// release gives back what the stream holds while it runs (an
	// export's slot, exportSlots.handOver); nil when nothing.
	release func()
}

// done gives back what the stream holds, once.
func (s *bodyStream) done() {
	if s.release != nil {
		s.release()
		s.release = nil
	}
}

// dropStream drops the body a handler left to stream, giving back what
// the stream holds.
func dropStream(c *fiber.Ctx) {
	if s, ok := c.Locals(streamKey{}).(*bodyStream); ok && s != nil {
		c.Locals(streamKey{}, nil)
		s.done()
	}
}

// StreamBody makes what write produces the response body, streamed after
// every handler and middleware has run (sendStreams). The handler sets
// the status and headers first and returns nil after calling it.
func StreamBody(c *fiber.Ctx, ctx context.Context, log *slog.Logger, name string, write ExportWriter) {
	c.Locals(streamKey{}, &bodyStream{ctx: ctx, log: log, requestID: RequestID(c), name: name, write: write})
}

// sendStreams attaches the body a handler left with StreamBody, after
// the rest of the chain has run. It sits outside the access log and the
// metrics because a middleware that reads the response body (the access
// log counts its bytes with Response.Body) would otherwise read the whole
// stream into memory, and turn a failed stream into a 200 whose body is
// the error message. A HEAD request gets the headers only; the file is
// not made.
func sendStreams(c *fiber.Ctx) error {
	err := c.Next()
	s, _ := c.Locals(streamKey{}).(*bodyStream)
	if s == nil || err != nil {
		dropStream(c)
		return err
	}
	c.Locals(streamKey{}, nil)
	if c.Method() == fiber.MethodHead {
		s.done()
		return nil
	}
	c.Context().SetBodyStream(s.start(), -1)
	return nil
}

// start runs the writer in a goroutine that feeds a pipe, and returns the
// pipe's reader for fasthttp to send with chunked encoding. A panic in
// the writer is recovered there (fasthttp does not recover panics in
// goroutines it did not start, and neither can the recover middleware):
// it would otherwise end the process. When the writer fails or panics,
// the pipe is closed with the error: fasthttp's writeBodyChunked returns
// it before the terminating chunk, and serveConn closes the connection,
// so the client sees a cut-off response, never a complete-looking file.
// When the client goes away, fasthttp closes the reader
// (closeBodyStream), the writer's next write fails with
// io.ErrClosedPipe, and the goroutine ends.
func (s *bodyStream) start() io.Reader {
	pr, pw := io.Pipe()
	go func() {
		defer s.done()
		// Gather small writes (a CSV row at a time) into chunks.
		bw := bufio.NewWriterSize(pw, 32<<10)
		err := safeWrite(s.ctx, s.log, s.requestID, s.write, bw)
		if err == nil {
			err = bw.Flush()
		}
		switch {
		case err == nil:
			_ = pw.Close()
			return
		case errors.Is(err, io.ErrClosedPipe):
			s.log.InfoContext(s.ctx, "download abandoned by the client",
				slog.String("request_id", s.requestID), slog.String("file", s.name))
		default:
			s.log.ErrorContext(s.ctx, "download failed part-way; connection aborted",
				slog.String("request_id", s.requestID), slog.String("file", s.name), slog.Any("error", err))
		}
		_ = pw.CloseWithError(fmt.Errorf("web: stream %s: %w", s.name, err))
	}()
	return pr
}
