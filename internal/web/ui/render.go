package ui

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/templates"
)

// renderer implements fiber.Views over the embedded templates: one template
// set per page (base layout + all partials + the page). The pages are
// parsed once per process (parsedPages) and shared by every app: the
// templates are embedded and the funcs are pure, so nothing in a set
// differs between apps, and html/template executes a set concurrently.
type renderer struct {
	pages map[string]*template.Template
}

var _ fiber.Views = (*renderer)(nil)

func newRenderer() (*renderer, error) {
	r := &renderer{}
	return r, r.Load()
}

// Load takes the parsed pages; it fails when any page does not parse, so a
// broken template stops the server at startup instead of at a user. fiber
// calls it again when the app starts, which costs nothing after the first.
func (r *renderer) Load() error {
	pages, err := parsedPages()
	if err != nil {
		return err
	}
	r.pages = pages
	return nil
}

// parsedPages parses every page the first time it is called and returns
// the same map, never written after, on every call.
var parsedPages = sync.OnceValues(parsePages)

func parsePages() (map[string]*template.Template, error) {
	partials, err := fs.Glob(templates.FS, "partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	pages, err := fs.Glob(templates.FS, "pages/*.html")
	if err != nil || len(pages) == 0 {
		return nil, fmt.Errorf("web: templates: no pages found: %v", err)
	}
	out := make(map[string]*template.Template, len(pages))
	fm := funcs()
	for _, p := range pages {
		files := append([]string{"layouts/base.html"}, partials...)
		files = append(files, p)
		t, err := template.New(path.Base(p)).Funcs(fm).ParseFS(templates.FS, files...)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", p, err)
		}
		out[strings.TrimSuffix(p, ".html")] = t
	}
	return out, nil
}

// Render executes the page name ("pages/organizations_list") into a buffer
// and writes it only when the whole page rendered.
func (r *renderer) Render(w io.Writer, name string, data any, _ ...string) error {
	t, ok := r.pages[name]
	if !ok {
		return fmt.Errorf("web: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", data); err != nil {
		return fmt.Errorf("web: render %s: %w", name, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// static holds the embedded assets with their content hashes, served with
// an ETag and a long cache lifetime under a name that carries the hash.
var static = loadStatic()

type asset struct {
	body        []byte
	contentType string
	etag        string
}

func loadStatic() map[string]asset {
	out := map[string]asset{}
	entries, err := fs.ReadDir(templates.FS, "static")
	if err != nil {
		panic(fmt.Sprintf("web: static assets: %v", err))
	}
	for _, e := range entries {
		b, err := fs.ReadFile(templates.FS, "static/"+e.Name())
		if err != nil {
			panic(fmt.Sprintf("web: static asset %s: %v", e.Name(), err))
		}
		h := sha256.Sum256(b)
		ct := "application/octet-stream"
		switch path.Ext(e.Name()) {
		case ".css":
			ct = "text/css; charset=utf-8"
		case ".svg":
			ct = "image/svg+xml"
		case ".js":
			ct = "text/javascript; charset=utf-8"
		}
		out[e.Name()] = asset{body: b, contentType: ct, etag: hex.EncodeToString(h[:8])}
	}
	return out
}

// assetURL returns the URL of a static asset with its hash, so that a new
// release busts caches: /static/app.css?v=1a2b….
func assetURL(name string) string {
	a, ok := static[name]
	if !ok {
		panic(fmt.Sprintf("web: unknown static asset %s", name))
	}
	return "/static/" + name + "?v=" + a.etag
}

func serveStatic(c *fiber.Ctx) error {
	a, ok := static[c.Params("name")]
	if !ok {
		return fiber.ErrNotFound
	}
	c.Set(fiber.HeaderETag, `"`+a.etag+`"`)
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	if c.Get(fiber.HeaderIfNoneMatch) == `"`+a.etag+`"` {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, a.contentType)
	return c.Send(a.body)
}
