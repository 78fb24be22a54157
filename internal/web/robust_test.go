package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// Issue #12: a panic in a handler or a stream writer is recovered and
// logged with the request ID, and the next request is served; a download
// that fails part-way is never a clean 200; titles with characters
// outside the Basic Multilingual Plane export.

// lockedBuffer collects log output written from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// robustApp is the real app over a fresh store with Amsterdam, one
// admin and its API token; log collects what the app logs.
type robustApp struct {
	app         *fiber.App
	contracts   *contracts.Service
	procurement *procurement.Service
	token       string
	log         *lockedBuffer
}

func newRobustApp(t *testing.T) robustApp {
	t.Helper()
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: now})
	if err := svc.SeedReference(ctx); err != nil {
		t.Fatal(err)
	}
	if err := svc.CreateOrganization(ctx, contracts.Organization{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality, Province: "PV27"}); err != nil {
		t.Fatal(err)
	}
	authSvc := auth.NewService(st.Auth(), auth.Options{Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	admin, err := authSvc.CreateUser(ctx, auth.User{Email: "admin@test.nl", Name: "Admin", Role: auth.RoleAdmin}, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	_, token, err := authSvc.CreateToken(ctx, admin.ID, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	ra := robustApp{contracts: svc, procurement: procurement.NewService(st.Procurement(), procurement.Options{Now: now, Words: nl.ProcurementWords()}), token: token, log: &lockedBuffer{}}
	ra.app = newApp(web.Options{Logger: slog.New(slog.NewJSONHandler(ra.log, nil)), Version: "test"},
		web.Deps{Contracts: svc, Procurement: ra.procurement, Auth: authSvc, Audit: st, Ping: st.Ping})
	return ra
}

// get sends GET path (with the admin's token under /api/v1) and returns
// what app.Test returns, the error unchecked: a cut-off response is one.
func (ra robustApp) get(t testing.TB, path string) (*http.Response, error) {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if strings.HasPrefix(path, "/api/v1/") {
		req.Header.Set("Authorization", "Bearer "+ra.token)
	}
	return appTest(t, ra.app, req)
}

// mustGet sends GET path and reads the whole body, failing the test on
// any error.
func (ra robustApp) mustGet(t *testing.T, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := ra.get(t, path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read body: %v", path, err)
	}
	return resp, body
}

// checkServes checks that the app still answers after a failure.
func (ra robustApp) checkServes(t *testing.T) {
	t.Helper()
	if resp, body := ra.mustGet(t, "/healthz"); resp.StatusCode != http.StatusOK {
		t.Errorf("the next request: GET /healthz = %d (%s), want 200", resp.StatusCode, body)
	}
}

// checkPanicLogged checks that the log has the panic with the request ID,
// the value and a stack naming this file.
func (ra robustApp) checkPanicLogged(t *testing.T, requestID, value string) {
	t.Helper()
	for _, line := range strings.Split(ra.log.String(), "\n") {
		var entry struct {
			Msg       string `json:"msg"`
			RequestID string `json:"request_id"`
			Panic     string `json:"panic"`
			Stack     string `json:"stack"`
		}
		if json.Unmarshal([]byte(line), &entry) != nil || entry.Msg != "panic recovered" || entry.RequestID != requestID {
			continue
		}
		if entry.Panic != value || !strings.Contains(entry.Stack, "robust_test.go") {
			t.Errorf("panic logged as %q with stack %.200q, want %q and a stack through robust_test.go", entry.Panic, entry.Stack, value)
		}
		return
	}
	t.Errorf("no \"panic recovered\" line with request_id %q in the log:\n%s", requestID, ra.log.String())
}

func TestRobustHandlerPanic(t *testing.T) {
	t.Parallel()
	ra := newRobustApp(t)
	panics := func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="half.csv"`)
		_, _ = c.WriteString("Organisatie;Nummer\r\nGM0363;")
		panic("boom in " + c.Path())
	}
	ra.app.Get("/api/robust/panic", panics)
	ra.app.Get("/robuust/panic", panics)
	tests := []struct {
		name, path, wantType, wantBody string
	}{
		{"API: problem+json", "/api/robust/panic", "application/problem+json", `"status":500`},
		{"page: the Dutch error page", "/robuust/panic", "text/html", "Er ging iets mis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ra.mustGet(t, tt.path)
			if resp.StatusCode != http.StatusInternalServerError {
				t.Errorf("GET %s = %d, want 500", tt.path, resp.StatusCode)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) {
				t.Errorf("Content-Type = %q, want %s", ct, tt.wantType)
			}
			if !strings.Contains(string(body), tt.wantBody) || strings.Contains(string(body), "GM0363;") || strings.Contains(string(body), "boom") {
				t.Errorf("body %s: want %q, without the half-written file or the panic value", body, tt.wantBody)
			}
			if cd := resp.Header.Get("Content-Disposition"); cd != "" {
				t.Errorf("Content-Disposition = %q: the error would be saved as the file", cd)
			}
			id := resp.Header.Get("X-Request-ID")
			if id == "" {
				t.Fatal("no X-Request-ID")
			}
			ra.checkPanicLogged(t, id, "boom in "+tt.path)
			ra.checkServes(t)
		})
	}
}

// streamRows writes n CSV rows, each "rij <i>;…".
func streamRows(w io.Writer, n int) error {
	for i := range n {
		if _, err := fmt.Fprintf(w, "rij %d;%s\r\n", i, strings.Repeat("x", 100)); err != nil {
			return err
		}
	}
	return nil
}

// readCut reads a response that must not arrive whole: app.Test fails, or
// reading its body does, or the body lacks its last row.
func readCut(t *testing.T, ra robustApp, path, lastRow string) {
	t.Helper()
	resp, err := ra.get(t, path)
	if err != nil {
		t.Logf("GET %s: the client sees %v", path, err)
		return
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Logf("GET %s: %d, then reading the body: %v", path, resp.StatusCode, err)
		return
	}
	t.Errorf("GET %s = %d with a %d-byte body read without error; want the client to see the failure", path, resp.StatusCode, len(body))
	if strings.Contains(string(body), lastRow) {
		t.Errorf("the body holds its last row %q: a failed stream looks complete", lastRow)
	}
}

func TestRobustStreamWriter(t *testing.T) {
	t.Parallel()
	ra := newRobustApp(t)
	const rows = 2000 // 200 kB: more than the pipe's and fasthttp's buffers
	ra.app.Get("/robuust/stream/ok", streamHandler(ra, func(w io.Writer) error { return streamRows(w, rows) }))
	ra.app.Get("/robuust/stream/panic", streamHandler(ra, func(w io.Writer) error {
		if err := streamRows(w, rows/2); err != nil {
			return err
		}
		panic("writer boom")
	}))
	ra.app.Get("/robuust/stream/panic-at-once", streamHandler(ra, func(io.Writer) error { panic("writer boom at once") }))
	ra.app.Get("/robuust/stream/error", streamHandler(ra, func(w io.Writer) error {
		if err := streamRows(w, rows/2); err != nil {
			return err
		}
		_, _ = io.WriteString(w, "rij half;")
		return errors.New("the database went away")
	}))
	lastRow := fmt.Sprintf("rij %d;", rows-1)
	for _, path := range []string{"/robuust/stream/panic", "/robuust/stream/panic-at-once", "/robuust/stream/error"} {
		t.Run(path, func(t *testing.T) {
			readCut(t, ra, path, lastRow)
			resp, body := ra.mustGet(t, "/robuust/stream/ok")
			if resp.StatusCode != http.StatusOK || !strings.HasSuffix(string(body), lastRow+strings.Repeat("x", 100)+"\r\n") {
				t.Errorf("the next stream: %d with %d bytes, want 200 and every row", resp.StatusCode, len(body))
			}
			ra.checkServes(t)
		})
	}
	log := ra.log.String()
	for _, want := range []string{`"panic":"writer boom"`, `"panic":"writer boom at once"`, "the database went away", "download failed part-way"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %s:\n%s", want, log)
		}
	}
}

// streamHandler is a route that streams write as a CSV download.
func streamHandler(ra robustApp, write web.ExportWriter) fiber.Handler {
	log := slog.New(slog.NewJSONHandler(ra.log, nil))
	return func(c *fiber.Ctx) error {
		return web.SendFile(c, c.UserContext(), log, "robuust.csv", false, func() { web.SetDownloadHeaders(c, "csv", "robuust.csv") }, write)
	}
}

// TestRobustWholeFileFailure: a file rendered in full before sending (a
// PDF) that fails is a 500 problem, not a cut file.
func TestRobustWholeFileFailure(t *testing.T) {
	t.Parallel()
	ra := newRobustApp(t)
	log := slog.New(slog.NewJSONHandler(ra.log, nil))
	whole := func(write web.ExportWriter) fiber.Handler {
		return func(c *fiber.Ctx) error {
			return web.SendFile(c, c.UserContext(), log, "robuust.pdf", true, func() { web.SetDownloadHeaders(c, "pdf", "robuust.pdf") }, write)
		}
	}
	ra.app.Get("/api/robust/pdf/error", whole(func(w io.Writer) error {
		_, _ = io.WriteString(w, "%PDF-1.3 half")
		return errors.New("font trouble")
	}))
	ra.app.Get("/api/robust/pdf/panic", whole(func(w io.Writer) error {
		_, _ = io.WriteString(w, "%PDF-1.3 half")
		panic("pdf boom")
	}))
	for _, path := range []string{"/api/robust/pdf/error", "/api/robust/pdf/panic"} {
		t.Run(path, func(t *testing.T) {
			resp, body := ra.mustGet(t, path)
			if resp.StatusCode != http.StatusInternalServerError || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("GET %s = %d %s, want a 500 problem", path, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			if bytes.Contains(body, []byte("%PDF")) || resp.Header.Get("Content-Disposition") != "" {
				t.Errorf("the half-made PDF is sent: %s, Content-Disposition %q", body, resp.Header.Get("Content-Disposition"))
			}
			ra.checkServes(t)
		})
	}
}

// TestRobustStreamOverTCP drives a real connection: a writer that fails
// part-way gives an HTTP client a 200 whose body cannot be read to its
// end, and when the client hangs up, the writer's next write fails and
// its goroutine ends; nothing keeps writing into a pipe nobody reads.
func TestRobustStreamOverTCP(t *testing.T) {
	t.Parallel()
	ra := newRobustApp(t)
	done := make(chan error, 1)
	ra.app.Get("/robuust/stream/endless", streamHandler(ra, func(w io.Writer) error {
		line := []byte(strings.Repeat("y", 1000) + "\r\n")
		for {
			if _, err := w.Write(line); err != nil {
				done <- err
				return err
			}
		}
	}))
	ra.app.Get("/robuust/stream/error", streamHandler(ra, func(w io.Writer) error {
		if err := streamRows(w, 1000); err != nil {
			return err
		}
		return errors.New("the database went away")
	}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = ra.app.Listener(ln) }()
	t.Cleanup(func() { _ = ra.app.ShutdownWithTimeout(5 * time.Second) })
	base := "http://" + ln.Addr().String()

	t.Run("writer fails part-way", func(t *testing.T) {
		resp, err := http.Get(base + "/robuust/stream/error")
		if err != nil {
			t.Logf("the client sees %v", err)
			return
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err == nil {
			t.Errorf("%d with a %d-byte body read without error, want a failed read", resp.StatusCode, len(body))
		}
	})
	t.Run("client gone", func(t *testing.T) {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET /robuust/stream/endless HTTP/1.1\r\nHost: localhost\r\n\r\n")
		status, err := bufio.NewReader(conn).ReadString('\n')
		if err != nil || !strings.Contains(status, "200") {
			t.Fatalf("status line %q: %v", status, err)
		}
		_ = conn.Close()
		select {
		case err := <-done:
			if !errors.Is(err, io.ErrClosedPipe) {
				t.Errorf("the writer stopped with %v, want io.ErrClosedPipe", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the writer still writes 10 s after the client left")
		}
	})
}

// TestRobustExportsOutsideBMP: a contract title and a lot title with an
// emoji and mathematical letters export as CSV, XLSX and PDF (issue #12:
// the PDFs panicked in fpdf).
func TestRobustExportsOutsideBMP(t *testing.T) {
	t.Parallel()
	ra := newRobustApp(t)
	ctx := context.Background()
	vendor, err := ra.contracts.CreateVendor(ctx, contracts.Vendor{Name: "Raket 🚀 B.V.", KVK: "12345678"})
	if err != nil {
		t.Fatal(err)
	}
	category, err := ra.contracts.CreateCategory(ctx, contracts.Category{Name: "Mobiele telefonie", CPV: []string{"64212000-5"}})
	if err != nil {
		t.Fatal(err)
	}
	const title = "Zaaksysteem 🚀 𝐀𝐁"
	if _, err := ra.contracts.CreateContract(ctx, contracts.Everyone(), contracts.Contract{Organization: "GM0363", Number: "AMS-2025-1", Title: title,
		VendorID: vendor, CategoryID: category, Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 36,
		RenewalKind: contracts.RenewalNone, AnnualValue: 123_456, Status: contracts.StatusActive}, nil); err != nil {
		t.Fatal(err)
	}
	tender, err := ra.procurement.CreateTender(ctx, procurement.Tender{Title: "Telefonie 🚀 2027", CategoryID: category, CPV: "64212000-5",
		Lead: "GM0363", Kind: procurement.KindServices, TermMonths: 48, Electronic: true, NeededStart: contracts.NewDate(2027, 9, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ra.procurement.AddLot(ctx, procurement.Lot{TenderID: tender, Title: "𝐀𝐁 mobiel 📱", Unit: "aansluitingen", UnitPrice: 24_000}); err != nil {
		t.Fatal(err)
	}
	pdf := func(t *testing.T, body []byte) {
		if !bytes.HasPrefix(body, []byte("%PDF-")) || !bytes.Contains(body[max(len(body)-32, 0):], []byte("%%EOF")) {
			t.Errorf("not a whole PDF: %q … %q", body[:min(len(body), 10)], body[max(len(body)-10, 0):])
		}
	}
	tests := []struct {
		name, path, contentType string
		check                   func(t *testing.T, body []byte)
	}{
		{"contract list as CSV", "/api/v1/exports/contracts?format=csv", web.CSVType, func(t *testing.T, body []byte) {
			if !strings.Contains(string(body), ";"+title+";") {
				t.Errorf("the CSV lacks the title %q:\n%s", title, body)
			}
		}},
		{"contract list as XLSX", "/api/v1/exports/contracts?format=xlsx", web.XLSXType, func(t *testing.T, body []byte) {
			wb, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("the workbook does not open: %v", err)
			}
			defer wb.Close()
			rows, err := wb.GetRows(wb.GetSheetList()[0])
			if err != nil {
				t.Fatal(err)
			}
			var cells []string
			for _, r := range rows {
				cells = append(cells, r...)
			}
			if !strings.Contains(strings.Join(cells, "|"), title) {
				t.Errorf("the workbook lacks the title %q", title)
			}
		}},
		{"dependency report as PDF", "/api/v1/exports/dependency?organization=GM0363", web.PDFType, pdf},
		{"tender dossier as PDF", fmt.Sprintf("/api/v1/tenders/%d/dossier.pdf", tender), web.PDFType, pdf},
		{"tender dossier as XLSX", fmt.Sprintf("/api/v1/tenders/%d/dossier.xlsx", tender), web.XLSXType, func(t *testing.T, body []byte) {
			if _, err := excelize.OpenReader(bytes.NewReader(body)); err != nil {
				t.Errorf("the workbook does not open: %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := ra.mustGet(t, tt.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d (%.300s)", tt.path, resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", ct, tt.contentType)
			}
			tt.check(t, body)
		})
	}
	if strings.Contains(ra.log.String(), "panic recovered") {
		t.Errorf("an export panicked:\n%s", ra.log.String())
	}
}
