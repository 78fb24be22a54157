package web_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/internal/web"
)

// bombWorkbook is an XLSX written by hand whose sheet is a contract
// register's header and then one row repeated until the sheet unpacks to
// unpacked bytes: a few hundred KB packed.
func bombWorkbook(t testing.TB, unpacked int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestCompression) })
	const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", rels + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="Contracten" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", rels + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	}
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, p.body); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	cells := func(vals ...string) string {
		var b strings.Builder
		b.WriteString("<row>")
		for _, v := range vals {
			b.WriteString(`<c t="inlineStr"><is><t>` + v + `</t></is></c>`)
		}
		return b.String() + "</row>"
	}
	head := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		cells("Organisatie", "Contractnummer", "Omschrijving", "Leverancier", "KvK-nummer", "Ingangsdatum", "Looptijd", "Verlenging")
	chunk := strings.Repeat(cells("GM0363", "A-1", "Telefonie", "KPN B.V.", "27124701", "2023-02-01", "36", "geen"), 1000)
	if _, err := io.WriteString(w, head); err != nil {
		t.Fatal(err)
	}
	for n := 0; n < unpacked; n += len(chunk) {
		if _, err := io.WriteString(w, chunk); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := io.WriteString(w, `</sheetData></worksheet>`); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	apiBombOnce sync.Once
	apiBomb     []byte
)

// bomb200MB is the bomb of the report: under a megabyte, 200 MB unpacked.
func bomb200MB(t testing.TB) []byte {
	apiBombOnce.Do(func() { apiBomb = bombWorkbook(t, 200<<20) })
	return apiBomb
}

// TestImportRefusesBomb: the 200 MB bomb cost 22-55 s of CPU and some
// 850 MB per upload; the API and the page now refuse it at once, as a
// file that cannot be read, and write nothing.
func TestImportRefusesBomb(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	b := bomb200MB(t)
	if len(b) > 1<<20 {
		t.Fatalf("bomb is %d bytes packed, want under 1 MiB", len(b))
	}

	// Unpacking the bomb took 22-55 s; the refusal takes milliseconds
	// (BenchmarkImportBombAPI measures it). The bound tells the two apart
	// also on a machine that runs other tests at the same time, where a
	// request refused at once can still take over a second of wall time.
	start := time.Now()
	body, ct := multipartFile(t, "contracten.xlsx", b)
	resp, out := ta.doAs(t, "admin", "POST", "/api/v1/imports/contracts", body, ct)
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Errorf("POST bomb took %v, want it refused before anything is unpacked", elapsed)
	}
	p := decodeProblem(t, resp, out)
	if resp.StatusCode != 422 || !strings.Contains(p.Detail, "unpacks to") {
		t.Errorf("POST bomb = %d %s, want 422 saying what the file unpacks to", resp.StatusCode, out)
	}

	form, ct := uploadForm(t, ta.as["admin"].csrf, string(b), map[string]string{})
	req := httptest.NewRequest("POST", "/contracten/importeren", form)
	req.Header.Set("Content-Type", ct)
	req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as["admin"].cookie})
	resp, page := send(t, ta, req)
	// The page says it in Dutch (internal/nl), the API above in English.
	if resp.StatusCode != 422 || !strings.Contains(page, "Het bestand kan niet worden gelezen") || !strings.Contains(page, "van de Excel-werkmap pakt uit tot") ||
		strings.Contains(page, "unpacks to") {
		t.Errorf("upload bomb on the page = %d, want 422 saying in Dutch that the file cannot be read:\n%s", resp.StatusCode, page)
	}
	if n := ta.contractTotal(t); n != 0 {
		t.Errorf("after the bomb %d contracts, want 0", n)
	}
}

// TestImportRefusesHeaderBeforeBody: a file without a required column is
// refused for that column, before the rows under it are read: here the
// body holds a cell past the length limit, which would answer otherwise.
func TestImportRefusesHeaderBeforeBody(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	file := "Organisatie;Omschrijving\nGM0363;" + strings.Repeat("x", sheet.DefaultLimits.MaxCellBytes+1) + "\n"
	body, ct := multipartFile(t, "contracten.csv", []byte(file))
	resp, out := ta.doAs(t, "admin", "POST", "/api/v1/imports/contracts", body, ct)
	p := decodeProblem(t, resp, out)
	if resp.StatusCode != 422 || !strings.Contains(p.Detail, "missing required column Contractnummer") {
		t.Errorf("POST file without Contractnummer = %d %s, want 422 naming the column", resp.StatusCode, out)
	}

	body, ct = multipartFile(t, "gemeenten.csv", []byte("Gemeentenaam\n"+strings.Repeat("x", sheet.DefaultLimits.MaxCellBytes+1)+"\n"))
	resp, out = ta.doAs(t, "admin", "POST", "/api/v1/imports/organizations", body, ct)
	if p := decodeProblem(t, resp, out); resp.StatusCode != 422 || !strings.Contains(p.Detail, "missing required column") {
		t.Errorf("POST organizations without a code column = %d %s, want 422 naming the column", resp.StatusCode, out)
	}
}

// TestImportLimitsFromOptions: the limits of web.Options are the ones
// applied, for contracts and organizations alike.
func TestImportLimitsFromOptions(t *testing.T) {
	t.Parallel()
	ta, _ := newImportApp(t, web.Options{ImportLimits: sheet.Limits{MaxRows: 2}})
	tests := []struct {
		name, path, file string
	}{
		{"contracts", "/api/v1/imports/contracts", contractsCSV},
		{"organizations", "/api/v1/imports/organizations", "Gemeentecode;Gemeentenaam\nGM0363;Amsterdam\nGM0518;'s-Gravenhage\n"},
	}
	for _, tt := range tests {
		body, ct := multipartFile(t, "bestand.csv", []byte(tt.file))
		resp, out := ta.doAs(t, "admin", "POST", tt.path, body, ct)
		if p := decodeProblem(t, resp, out); resp.StatusCode != 422 || p.Detail != "the sheet has more than 2 rows" {
			t.Errorf("%s: POST 3 rows with MaxRows 2 = %d %s, want 422 naming the limit", tt.name, resp.StatusCode, out)
		}
	}
}

// TestImportsAtOnce: with every import slot taken, the next import is
// refused at once with 503 and Retry-After, on the API as problem+json and
// on the page in Dutch, and the slot is free again when the import ends.
func TestImportsAtOnce(t *testing.T) {
	t.Parallel()
	ta, st := newImportApp(t, web.Options{MaxImports: 1})

	// An import holds its slot for as long as it waits for the database's
	// one writer, which this transaction keeps.
	release, held := make(chan struct{}), make(chan struct{})
	txDone := make(chan error, 1)
	go func() {
		txDone <- st.InTx(context.Background(), func(*store.Store) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	// However the test ends, the transaction ends: a page import that got
	// the slot would otherwise wait for the writer forever.
	releaseTx := sync.OnceFunc(func() { close(release) })
	defer releaseTx()
	slow := make(chan int, 1)
	sendSlow := func() {
		body, ct := multipartFile(t, "contracten.csv", []byte(contractsCSV))
		req := httptest.NewRequest("POST", "/api/v1/imports/contracts", body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("Authorization", "Bearer "+ta.as["admin"].token)
		resp, err := appTest(t, ta.app, req)
		if err != nil {
			slow <- -1
			return
		}
		resp.Body.Close()
		slow <- resp.StatusCode
	}
	go sendSlow()

	// A file without a required column leaves at once when it gets a slot
	// (422); once the slow import holds the only one it gets 503.
	probe := func() (*http.Response, []byte) {
		body, ct := multipartFile(t, "contracten.csv", []byte("Organisatie\nGM0363\n"))
		return ta.doAs(t, "admin", "POST", "/api/v1/imports/contracts", body, ct)
	}
	var resp *http.Response
	var out []byte
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		select {
		case code := <-slow:
			// The slow import came while a probe held the slot, and was
			// refused: it is sent again. Anything else is wrong.
			if code != http.StatusServiceUnavailable {
				t.Fatalf("the slow import ended with %d while the database's writer was held", code)
			}
			go sendSlow()
			continue
		default:
		}
		if resp, out = probe(); resp.StatusCode != 422 {
			break
		}
	}
	p := decodeProblem(t, resp, out)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(p.Detail, "too many imports") {
		t.Fatalf("import while the slot is held = %d %s (Retry-After %q), want 503 with Retry-After",
			resp.StatusCode, out, resp.Header.Get("Retry-After"))
	}

	form, ct := uploadForm(t, ta.as["admin"].csrf, contractsCSV, map[string]string{"voorbeeld": "1"})
	req := httptest.NewRequest("POST", "/contracten/importeren", form)
	req.Header.Set("Content-Type", ct)
	req.AddCookie(&http.Cookie{Name: "samenkoop_session", Value: ta.as["admin"].cookie})
	resp, page := send(t, ta, req)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(page, "te veel imports tegelijk") {
		t.Errorf("page import while the slot is held = %d (Retry-After %q), want 503 with Retry-After in Dutch:\n%s",
			resp.StatusCode, resp.Header.Get("Retry-After"), page)
	}

	releaseTx()
	if err := <-txDone; err != nil {
		t.Fatal(err)
	}
	if code := <-slow; code != 200 {
		t.Errorf("the import that held the slot = %d, want 200", code)
	}
	if resp, out := probe(); resp.StatusCode != 422 {
		t.Errorf("import after the slot is free = %d %s, want 422 for its header", resp.StatusCode, out)
	}
}

// newImportApp is newTestApp with the web options given, and its store,
// with the admin as its only user.
func newImportApp(t testing.TB, opts web.Options) (testApp, *store.Store) {
	t.Helper()
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
	authSvc := auth.NewService(st.Auth(), auth.Options{Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	ctx := context.Background()
	if err := svc.SeedReference(ctx); err != nil {
		t.Fatal(err)
	}
	for _, o := range sampleOrgs() {
		if err := svc.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	admin, err := authSvc.CreateUser(ctx, testUsers[0], testPassword)
	if err != nil {
		t.Fatal(err)
	}
	_, token, err := authSvc.CreateToken(ctx, admin.ID, "test", 0)
	if err != nil {
		t.Fatal(err)
	}
	_, sess, cookie, err := authSvc.Login(ctx, admin.Email, testPassword, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	opts.Logger, opts.Version = slog.New(slog.NewTextHandler(io.Discard, nil)), "test"
	app := newApp(opts, web.Deps{Contracts: svc, Auth: authSvc, Audit: st, Ping: st.Ping})
	return testApp{app: app, svc: svc, auth: authSvc, as: map[string]credentials{"admin": {user: admin, token: token, cookie: cookie, csrf: sess.CSRF}}}, st
}

// BenchmarkImportBombAPI is the cost of refusing the bomb through the
// API: time, allocation and the peak of the heap in use while it runs.
func BenchmarkImportBombAPI(b *testing.B) {
	ta := newTestApp(b, sampleOrgs()...)
	bomb := bomb200MB(b)
	var peak uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	b.ResetTimer()
	for b.Loop() {
		body, ct := multipartFile(b, "contracten.xlsx", bomb)
		if resp, out := ta.doAs(b, "admin", "POST", "/api/v1/imports/contracts", body, ct); resp.StatusCode != 422 {
			b.Fatalf("POST bomb = %d %s, want 422", resp.StatusCode, out)
		}
	}
	b.StopTimer()
	close(stop)
	<-sampled
	b.ReportMetric(float64(peak-min(peak, base.HeapInuse))/(1<<20), "peak-heap-MiB")
}
