// Package site serves a built pushbook site (the directory `make site` writes:
// index.html, app.js, worker.js, main.wasm, wasm_exec.js, examples/) over HTTP.
//
// It is a plain static file server with the two things a browser needs from one
// to run the kernel well: the right MIME types (application/wasm lets the page
// compile main.wasm while it downloads; .ipynb is JSON) and gzip. Text files and
// main.wasm are compressed once, when first asked for or ahead of time with
// [Handler.Precompress], and the compressed bytes are kept in memory until the
// file changes on disk, so the 6 MB kernel costs one compression per build, not
// one per request.
//
// Both the `serve` command and the browser tests use this package, so what the
// tests measure is what a user gets.
package site

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ErrNotBuilt is returned by NewHandler when the directory holds no index.html.
var ErrNotBuilt = errors.New("no index.html (run make site first)")

// contentTypes maps the extensions a pushbook site holds to their MIME types,
// so the answer does not depend on the host's /etc/mime.types.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".ipynb": "application/json",
	".wasm":  "application/wasm",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
}

// ContentType returns the MIME type the site sends for a file name, by its
// extension: application/wasm for .wasm, text/javascript for .js,
// application/json for .json and .ipynb; other extensions fall back to the
// mime package and then to application/octet-stream.
func ContentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// compressible reports whether a MIME type is worth gzipping.
func compressible(contentType string) bool {
	switch {
	case strings.HasPrefix(contentType, "text/"),
		strings.HasPrefix(contentType, "application/json"),
		strings.HasPrefix(contentType, "application/wasm"),
		strings.HasPrefix(contentType, "image/svg+xml"):
		return true
	}
	return false
}

// Handler serves the files of one directory. It never lists directories and
// never serves a file outside the directory (it opens files through an
// os.Root). It is safe for concurrent use.
type Handler struct {
	dir  string
	root *os.Root

	mu    sync.Mutex
	gzips map[string]*gzipEntry // by slash path
}

// gzipEntry is the compressed form of one version of a file.
type gzipEntry struct {
	once    sync.Once
	modTime time.Time
	size    int64
	data    []byte
	err     error
}

// NewHandler returns a Handler for the site in dir. It fails with an error
// wrapping ErrNotBuilt when dir has no index.html, and with the os error when
// dir cannot be opened.
func NewHandler(dir string) (*Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("site %s: %w", dir, err)
	}
	if st, err := root.Stat("index.html"); err != nil || st.IsDir() {
		root.Close()
		return nil, fmt.Errorf("site %s: %w", dir, ErrNotBuilt)
	}
	return &Handler{dir: dir, root: root, gzips: map[string]*gzipEntry{}}, nil
}

// Dir returns the directory the handler serves.
func (h *Handler) Dir() string { return h.dir }

// Close releases the directory.
func (h *Handler) Close() error { return h.root.Close() }

// ServeHTTP answers GET and HEAD requests with the file the URL path names;
// a path ending in / serves that directory's index.html, and a directory
// named without the trailing slash is redirected to it (so relative URLs in
// the page resolve under a sub-path). With "Accept-Encoding: gzip" a
// compressible file is sent gzipped. Conditional and range requests work
// through http.ServeContent.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if name == "" {
		name = "index.html"
	}
	st, err := h.root.Stat(filepath.FromSlash(name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if st.IsDir() {
		if _, err := h.root.Stat(filepath.FromSlash(path.Join(name, "index.html"))); err != nil {
			http.NotFound(w, r)
			return
		}
		target := path.Base(r.URL.Path) + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		// A relative Location stays right behind http.StripPrefix and proxies.
		w.Header().Set("Location", target)
		w.WriteHeader(http.StatusMovedPermanently)
		return
	}
	h.serveFile(w, r, name, st)
}

func (h *Handler) serveFile(w http.ResponseWriter, r *http.Request, name string, st fs.FileInfo) {
	ctype := ContentType(name)
	hdr := w.Header()
	hdr.Set("Content-Type", ctype)
	hdr.Set("X-Content-Type-Options", "nosniff")
	// Revalidate every time: a rebuilt site shows at once, and an unchanged
	// file costs a 304.
	hdr.Set("Cache-Control", "no-cache")
	if compressible(ctype) {
		hdr.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			data, err := h.compressed(name, st)
			if err != nil {
				http.Error(w, "cannot read "+name, http.StatusInternalServerError)
				return
			}
			hdr.Set("Content-Encoding", "gzip")
			hdr.Set("ETag", etag(st, "gz"))
			http.ServeContent(w, r, name, st.ModTime(), bytes.NewReader(data))
			return
		}
	}
	f, err := h.root.Open(filepath.FromSlash(name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	hdr.Set("ETag", etag(st, ""))
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// Precompress gzips every compressible file of the site now, so the first
// request for main.wasm does not wait for its compression. It returns the
// first error met; files that fail are compressed again on request.
func (h *Handler) Precompress() error {
	var first error
	note := func(err error) {
		if first == nil {
			first = err
		}
	}
	err := fs.WalkDir(h.root.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			note(fmt.Errorf("precompress %s: %w", name, err))
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !compressible(ContentType(name)) {
			return nil
		}
		st, err := d.Info()
		if err != nil {
			note(fmt.Errorf("precompress %s: %w", name, err))
			return nil
		}
		if _, err := h.compressed(name, st); err != nil {
			note(err)
		}
		return nil
	})
	if err != nil {
		note(err)
	}
	return first
}

// compressed returns the gzipped bytes of the file name whose current state
// is st, compressing it at most once per version.
func (h *Handler) compressed(name string, st fs.FileInfo) ([]byte, error) {
	h.mu.Lock()
	e := h.gzips[name]
	if e == nil || !e.modTime.Equal(st.ModTime()) || e.size != st.Size() {
		e = &gzipEntry{modTime: st.ModTime(), size: st.Size()}
		h.gzips[name] = e
	}
	h.mu.Unlock()
	e.once.Do(func() { e.data, e.err = h.gzipFile(name) })
	return e.data, e.err
}

func (h *Handler) gzipFile(name string) ([]byte, error) {
	f, err := h.root.Open(filepath.FromSlash(name))
	if err != nil {
		return nil, fmt.Errorf("gzip %s: %w", name, err)
	}
	defer f.Close()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("gzip %s: %w", name, err)
	}
	if _, err := io.Copy(zw, f); err != nil {
		return nil, fmt.Errorf("gzip %s: %w", name, err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gzip %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (and does not give it q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.TrimSpace(coding) != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// etag is a weak validator from the file's size and modification time.
func etag(st fs.FileInfo, variant string) string {
	tag := fmt.Sprintf("%x-%x", st.ModTime().UnixNano(), st.Size())
	if variant != "" {
		tag += "-" + variant
	}
	return `W/"` + tag + `"`
}
