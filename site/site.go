// Package site serves a built pushbook site (the directory `make site` writes:
// index.html, app.js, worker.js, main.wasm, wasm_exec.js, examples/) over HTTP.
//
// It is a plain static file server with the things a browser needs from one
// to run the kernel well: the right MIME types (application/wasm lets the page
// compile main.wasm while it downloads; .ipynb is JSON), compression, and
// validators that let a second visit reuse what the first one downloaded. Text
// files and main.wasm are gzipped once, when first asked for or ahead of time
// with [Handler.Precompress], and the compressed bytes are kept in memory until
// the file changes on disk, so the 8 MB kernel costs one compression per build,
// not one per request.
//
// A file may also have a brotli sibling written by the build (`make site`
// writes main.wasm.br, a quarter smaller than gzip at its best; brotli at its
// best takes too long to do per request). To a browser that accepts br, the
// handler sends the sibling's bytes as the file, with Content-Encoding: br and
// the file's own Content-Type. A sibling older than its file is left alone (the
// file was rebuilt without it), so a stale kernel is never served.
//
// Every response says Cache-Control: no-cache with an ETag made from the file's
// content (SHA-256), so a browser keeps each file but asks before using it
// again, and an unchanged file costs a 304 of a few hundred bytes. The tag
// follows the bytes, not the modification time: `make site` writes main.wasm
// anew on every build and copying the site resets times, and an unchanged
// kernel should stay cached, with the code Chromium compiled for it (a 304
// keeps its code cache entry, a 200 drops it).
//
// Both the `serve` command and the browser tests use this package, so what the
// tests measure is what a user gets.
package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
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
	".woff2": "font/woff2",
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

	mu       sync.Mutex
	versions map[string]*fileVersion // by slash path
}

// fileVersion is what the handler keeps about one version of a file (one size
// and modification time): the hash of its content and, for a compressible
// file, its gzipped bytes.
type fileVersion struct {
	once    sync.Once
	modTime time.Time
	size    int64
	tag     string // hex SHA-256 of the content, shortened
	gzip    []byte // nil for a file not worth compressing
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
	return &Handler{dir: dir, root: root, versions: map[string]*fileVersion{}}, nil
}

// Dir returns the directory the handler serves.
func (h *Handler) Dir() string { return h.dir }

// Close releases the directory.
func (h *Handler) Close() error { return h.root.Close() }

// ServeHTTP answers GET and HEAD requests with the file the URL path names;
// a path ending in / serves that directory's index.html, and a directory
// named without the trailing slash is redirected to it (so relative URLs in
// the page resolve under a sub-path). A file with a fresh brotli sibling goes
// out as that sibling's bytes when Accept-Encoding allows br (at a quality no
// lower than gzip's); otherwise, with "Accept-Encoding: gzip", a compressible
// file is sent gzipped. Conditional and range requests work
// through http.ServeContent, with the content's ETag.
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
	// file costs a 304 (see the package comment).
	hdr.Set("Cache-Control", "no-cache")
	v, err := h.version(name, st)
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	br := h.brotliSibling(name, st)
	if v.gzip != nil || br != nil {
		hdr.Add("Vary", "Accept-Encoding")
	}
	accept := r.Header.Get("Accept-Encoding")
	brQ, gzipQ := acceptQ(accept, "br"), acceptQ(accept, "gzip")
	if br != nil && brQ > 0 && (brQ >= gzipQ || v.gzip == nil) {
		if h.serveSibling(w, r, name+brotliExt, br, "br", `"`+v.tag+`-br"`) {
			return
		}
	}
	if v.gzip != nil && gzipQ > 0 {
		hdr.Set("Content-Encoding", "gzip")
		hdr.Set("ETag", `"`+v.tag+`-gz"`) // a strong tag names one encoding's bytes
		serveEncoded(w, r, name, st.ModTime(), int64(len(v.gzip)), bytes.NewReader(v.gzip))
		return
	}
	f, err := h.root.Open(filepath.FromSlash(name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	hdr.Set("ETag", `"`+v.tag+`"`)
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// brotliExt is the suffix of a file's brotli sibling: main.wasm.br.
const brotliExt = ".br"

// brotliSibling returns the state of name's brotli sibling, or nil when it
// has none, when the sibling is not a regular file, or when it is older than
// the file st describes (then the file was rebuilt and the sibling is stale).
func (h *Handler) brotliSibling(name string, st fs.FileInfo) fs.FileInfo {
	if strings.HasSuffix(name, brotliExt) {
		return nil
	}
	sib, err := h.root.Stat(filepath.FromSlash(name + brotliExt))
	if err != nil || !sib.Mode().IsRegular() || sib.ModTime().Before(st.ModTime()) {
		return nil
	}
	return sib
}

// serveSibling answers r with the file sibling (st is its state), which holds
// the asked-for file compressed with coding, under the ETag tag, through
// http.ServeContent, so Content-Length, HEAD, ranges and conditional requests
// work on the compressed bytes. It reports false, having written nothing,
// when the sibling cannot be opened.
func (h *Handler) serveSibling(w http.ResponseWriter, r *http.Request, sibling string, st fs.FileInfo, coding, tag string) bool {
	f, err := h.root.Open(filepath.FromSlash(sibling))
	if err != nil {
		return false
	}
	defer f.Close()
	w.Header().Set("Content-Encoding", coding)
	w.Header().Set("ETag", tag) // a strong tag names one encoding's bytes
	serveEncoded(w, r, sibling, st.ModTime(), st.Size(), f)
	return true
}

// serveEncoded is http.ServeContent for a body of size bytes already encoded
// as the Content-Encoding header says. ServeContent leaves such a response
// without a Content-Length (unless it answers a range), so Go's server would
// send it chunked and a browser could not show download progress; this adds
// it to a 200 (a range response sets its own; a 304 or 412 has no body).
func serveEncoded(w http.ResponseWriter, r *http.Request, name string, modTime time.Time, size int64, body io.ReadSeeker) {
	http.ServeContent(&lengthWriter{ResponseWriter: w, size: size}, r, name, modTime, body)
}

// lengthWriter sets Content-Length to size on a 200 response that has none.
type lengthWriter struct {
	http.ResponseWriter
	size int64
}

func (w *lengthWriter) WriteHeader(code int) {
	if code == http.StatusOK && w.Header().Get("Content-Length") == "" {
		w.Header().Set("Content-Length", strconv.FormatInt(w.size, 10))
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *lengthWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Precompress hashes every file of the site and gzips every compressible one
// now, so the first request for main.wasm does not wait for either. It
// returns the first error met; files that fail are read again on request.
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
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		st, err := d.Info()
		if err != nil {
			note(fmt.Errorf("precompress %s: %w", name, err))
			return nil
		}
		if _, err := h.version(name, st); err != nil {
			note(err)
		}
		return nil
	})
	if err != nil {
		note(err)
	}
	return first
}

// version returns the hash (and, if compressible, the gzipped bytes) of the
// file name whose current state is st, reading the file at most once per
// version.
func (h *Handler) version(name string, st fs.FileInfo) (*fileVersion, error) {
	h.mu.Lock()
	v := h.versions[name]
	if v == nil || !v.modTime.Equal(st.ModTime()) || v.size != st.Size() {
		v = &fileVersion{modTime: st.ModTime(), size: st.Size()}
		h.versions[name] = v
	}
	h.mu.Unlock()
	v.once.Do(func() {
		v.tag, v.gzip, v.err = h.readVersion(name, compressible(ContentType(name)))
	})
	return v, v.err
}

// readVersion reads the file name once, hashing it and, if compress is set,
// gzipping it at the best compression.
func (h *Handler) readVersion(name string, compress bool) (tag string, gz []byte, err error) {
	f, err := h.root.Open(filepath.FromSlash(name))
	if err != nil {
		return "", nil, fmt.Errorf("read %s: %w", name, err)
	}
	defer f.Close()
	sum := sha256.New()
	var buf bytes.Buffer
	var zw *gzip.Writer
	w := io.Writer(sum)
	if compress {
		zw, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level: no error
		w = io.MultiWriter(sum, zw)
	}
	if _, err := io.Copy(w, f); err != nil {
		return "", nil, fmt.Errorf("read %s: %w", name, err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return "", nil, fmt.Errorf("gzip %s: %w", name, err)
		}
		gz = buf.Bytes()
	}
	return hex.EncodeToString(sum.Sum(nil)[:16]), gz, nil
}

// acceptQ returns the quality, 0 to 1, that an Accept-Encoding header value
// gives coding: its own entry's q (1 when it has none), else that of "*",
// else 0 (not acceptable).
func acceptQ(header, coding string) float64 {
	q, star := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.TrimSpace(name)
		switch {
		case strings.EqualFold(name, coding):
			q = qValue(params)
		case name == "*":
			star = qValue(params)
		}
	}
	switch {
	case q >= 0:
		return q
	case star >= 0:
		return star
	}
	return 0
}

// qValue reads the q parameter of one Accept-Encoding entry ("q=0.5"): 1 when
// there is none, 0 when it is malformed.
func qValue(params string) float64 {
	for _, p := range strings.Split(params, ";") {
		k, v, ok := strings.Cut(strings.ReplaceAll(p, " ", ""), "=")
		if !ok || !strings.EqualFold(k, "q") {
			continue
		}
		q, err := strconv.ParseFloat(v, 64)
		if err != nil || q < 0 || q > 1 {
			return 0
		}
		return q
	}
	return 1
}
