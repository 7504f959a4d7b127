package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeSite writes files (slash paths to contents) into a new directory.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	}
	return dir
}

func newTestHandler(t *testing.T, files map[string]string) *Handler {
	t.Helper()
	h, err := NewHandler(writeSite(t, files))
	require.NoError(t, err)
	t.Cleanup(func() { h.Close() })
	return h
}

func get(h http.Handler, target string, header ...string) *http.Response {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

func gunzip(t *testing.T, resp *http.Response) string {
	t.Helper()
	zr, err := gzip.NewReader(resp.Body)
	require.NoError(t, err, "body is not gzip")
	b, err := io.ReadAll(zr)
	require.NoError(t, err)
	return string(b)
}

var page = map[string]string{
	"index.html":             "<!doctype html><title>pushbook</title>",
	"app.js":                 strings.Repeat("console.log('pushbook');\n", 200),
	"main.wasm":              "\x00asm\x01\x00\x00\x00" + strings.Repeat("\x00", 4096),
	"examples/seed.ipynb":    `{"cells": [], "nbformat": 4}`,
	"examples/index.json":    `[]`,
	"some/sub/index.html":    "<!doctype html><title>sub</title>",
	"pictures/logo.png":      "\x89PNG not really",
	"no-index/readme.txt":    "hello",
	"style.css":              "body { color: black }",
	"examples/data.unknownx": "?",
}

func TestContentTypeByExtension(t *testing.T) {
	cases := map[string]string{
		"main.wasm":           "application/wasm",
		"app.js":              "text/javascript; charset=utf-8",
		"examples/seed.ipynb": "application/json",
		"examples/index.json": "application/json",
		"index.html":          "text/html; charset=utf-8",
		"style.css":           "text/css; charset=utf-8",
		"APP.JS":              "text/javascript; charset=utf-8",
		"data.unknownx":       "application/octet-stream",
		"favicon.ico":         "image/x-icon",
		"katex/fonts/a.woff2": "font/woff2",
	}
	for name, want := range cases {
		assert.Equal(t, want, ContentType(name), "ContentType(%q)", name)
	}
}

func TestNewHandlerRefusesDirectoryWithoutIndex(t *testing.T) {
	dir := writeSite(t, map[string]string{"app.js": "x"})
	_, err := NewHandler(dir)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrNotBuilt)
	assert.Contains(t, err.Error(), dir)
	assert.Contains(t, err.Error(), "run make site first")

	_, err = NewHandler(filepath.Join(dir, "missing"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing")
}

func TestServesFilesWithTheirMIMETypes(t *testing.T) {
	h := newTestHandler(t, page)
	cases := []struct{ path, ctype, body string }{
		{"/", "text/html; charset=utf-8", page["index.html"]},
		{"/index.html", "text/html; charset=utf-8", page["index.html"]},
		{"/main.wasm", "application/wasm", page["main.wasm"]},
		{"/app.js", "text/javascript; charset=utf-8", page["app.js"]},
		{"/examples/seed.ipynb", "application/json", page["examples/seed.ipynb"]},
		{"/some/sub/", "text/html; charset=utf-8", page["some/sub/index.html"]},
	}
	for _, c := range cases {
		resp := get(h, c.path)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s", c.path)
		assert.Equal(t, c.ctype, resp.Header.Get("Content-Type"), "GET %s", c.path)
		assert.Empty(t, resp.Header.Get("Content-Encoding"), "GET %s without Accept-Encoding", c.path)
		assert.Equal(t, c.body, body(t, resp), "GET %s", c.path)
	}
}

func TestGzipsCompressibleFilesWhenAccepted(t *testing.T) {
	h := newTestHandler(t, page)
	cases := []struct {
		path    string
		gzipped bool
	}{
		{"/main.wasm", true},
		{"/app.js", true},
		{"/examples/seed.ipynb", true},
		{"/", true},
		{"/pictures/logo.png", false},
	}
	for _, c := range cases {
		resp := get(h, c.path, "Accept-Encoding", "br, gzip;q=0.8")
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s", c.path)
		want := strings.TrimPrefix(c.path, "/")
		if want == "" {
			want = "index.html"
		}
		if !c.gzipped {
			assert.Empty(t, resp.Header.Get("Content-Encoding"), "GET %s", c.path)
			assert.Equal(t, page[want], body(t, resp), "GET %s", c.path)
			continue
		}
		assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"), "GET %s", c.path)
		assert.Contains(t, resp.Header.Values("Vary"), "Accept-Encoding", "GET %s", c.path)
		assert.Equal(t, page[want], gunzip(t, resp), "GET %s", c.path)
	}
}

func TestGzipRefusedWithQZeroSendsIdentity(t *testing.T) {
	h := newTestHandler(t, page)
	for _, accept := range []string{"gzip;q=0", "identity", "br", "gzip; q=0.0"} {
		resp := get(h, "/main.wasm", "Accept-Encoding", accept)
		assert.Empty(t, resp.Header.Get("Content-Encoding"), "Accept-Encoding: %s", accept)
		assert.Equal(t, page["main.wasm"], body(t, resp), "Accept-Encoding: %s", accept)
	}
}

func TestGzipCacheFollowsChangesOnDisk(t *testing.T) {
	h := newTestHandler(t, page)
	first := get(h, "/app.js", "Accept-Encoding", "gzip")
	assert.Equal(t, page["app.js"], gunzip(t, first))

	p := filepath.Join(h.Dir(), "app.js")
	require.NoError(t, os.WriteFile(p, []byte("console.log('rebuilt');\n"), 0o644))
	later := time.Now().Add(2 * time.Second)
	require.NoError(t, os.Chtimes(p, later, later))

	second := get(h, "/app.js", "Accept-Encoding", "gzip")
	assert.Equal(t, "console.log('rebuilt');\n", gunzip(t, second))
}

func TestConditionalRequestGetsNotModified(t *testing.T) {
	h := newTestHandler(t, page)
	first := get(h, "/main.wasm", "Accept-Encoding", "gzip")
	tag := first.Header.Get("ETag")
	require.NotEmpty(t, tag)
	again := get(h, "/main.wasm", "Accept-Encoding", "gzip", "If-None-Match", tag)
	assert.Equal(t, http.StatusNotModified, again.StatusCode)

	plain := get(h, "/main.wasm")
	assert.NotEqual(t, tag, plain.Header.Get("ETag"), "gzip and identity bodies need different ETags")
}

func TestETagFollowsTheContentNotTheModificationTime(t *testing.T) {
	h := newTestHandler(t, page)
	p := filepath.Join(h.Dir(), "main.wasm")
	touch := func(content string, secondsLater int) {
		t.Helper()
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		at := time.Now().Add(time.Duration(secondsLater) * time.Second)
		require.NoError(t, os.Chtimes(p, at, at))
	}
	for _, accept := range []string{"gzip", "identity"} {
		first := get(h, "/main.wasm", "Accept-Encoding", accept)
		tag := first.Header.Get("ETag")
		require.NotEmpty(t, tag, "Accept-Encoding: %s", accept)
		assert.False(t, strings.HasPrefix(tag, "W/"), "a content hash is a strong validator: %s", tag)
		assert.Equal(t, "no-cache", first.Header.Get("Cache-Control"))

		touch(page["main.wasm"], 2) // rebuilt, same bytes
		again := get(h, "/main.wasm", "Accept-Encoding", accept, "If-None-Match", tag,
			"If-Modified-Since", first.Header.Get("Last-Modified"))
		assert.Equal(t, http.StatusNotModified, again.StatusCode, "same bytes, newer file, Accept-Encoding: %s", accept)

		touch(page["main.wasm"]+"\x01", 4) // rebuilt, new bytes
		changed := get(h, "/main.wasm", "Accept-Encoding", accept, "If-None-Match", tag)
		assert.Equal(t, http.StatusOK, changed.StatusCode, "new bytes, Accept-Encoding: %s", accept)
		assert.NotEqual(t, tag, changed.Header.Get("ETag"), "Accept-Encoding: %s", accept)
		touch(page["main.wasm"], 6)
	}
}

func TestDirectoryWithoutSlashRedirectsRelativeToItself(t *testing.T) {
	h := newTestHandler(t, page)
	resp := get(h, "/some/sub?notebook=examples/seed.ipynb")
	assert.Equal(t, http.StatusMovedPermanently, resp.StatusCode)
	assert.Equal(t, "sub/?notebook=examples/seed.ipynb", resp.Header.Get("Location"))
}

func TestRefusesWhatIsNotAFileOfTheSite(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	require.NoError(t, os.WriteFile(outside, []byte("secret"), 0o644))
	h := newTestHandler(t, page)
	require.NoError(t, os.Symlink(outside, filepath.Join(h.Dir(), "link.txt")))

	for _, p := range []string{"/missing.js", "/no-index/", "/no-index", "/../" + filepath.Base(outside), "/link.txt"} {
		resp := get(h, p)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, "GET %s", p)
		assert.NotContains(t, body(t, resp), "secret", "GET %s", p)
	}
}

func TestOnlyGetAndHeadAreAllowed(t *testing.T) {
	h := newTestHandler(t, page)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/index.html", bytes.NewReader(nil)))
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	assert.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/main.wasm", nil))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Empty(t, rec.Body.String())
}

func TestConcurrentGzipRequestsShareOneCompression(t *testing.T) {
	h := newTestHandler(t, page)
	done := make(chan string, 8)
	for range 8 {
		go func() {
			req := httptest.NewRequest(http.MethodGet, "/main.wasm", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				done <- "not gzip: " + err.Error()
				return
			}
			b, _ := io.ReadAll(zr)
			done <- string(b)
		}()
	}
	for range 8 {
		assert.Equal(t, page["main.wasm"], <-done)
	}
	assert.Len(t, h.versions, 1)
}

func TestPrecompressFillsTheCacheForEveryCompressibleFile(t *testing.T) {
	h := newTestHandler(t, page)
	require.NoError(t, h.Precompress())
	for _, name := range []string{"index.html", "app.js", "main.wasm", "examples/seed.ipynb", "style.css"} {
		v := h.versions[name]
		require.NotNil(t, v, "%s not precompressed", name)
		assert.NotEmpty(t, v.gzip, "%s", name)
	}
	require.NotNil(t, h.versions["pictures/logo.png"], "every file is hashed ahead")
	assert.Nil(t, h.versions["pictures/logo.png"].gzip, "PNG is not compressible")
	assert.Equal(t, page["main.wasm"], gunzip(t, get(h, "/main.wasm", "Accept-Encoding", "gzip")))
}

// newBrotliHandler serves page with a brotli sibling for main.wasm, as fresh
// as main.wasm itself. The handler sends a sibling's bytes as they are, so
// the test's stand-in need not be brotli.
func newBrotliHandler(t *testing.T) *Handler {
	t.Helper()
	files := maps.Clone(page)
	files["main.wasm.br"] = "brotli of main.wasm"
	h := newTestHandler(t, files)
	st, err := os.Stat(filepath.Join(h.Dir(), "main.wasm"))
	require.NoError(t, err)
	require.NoError(t, os.Chtimes(filepath.Join(h.Dir(), "main.wasm.br"), st.ModTime(), st.ModTime()))
	return h
}

func TestServesTheBrotliSiblingWhenAccepted(t *testing.T) {
	h := newBrotliHandler(t)
	br := "brotli of main.wasm"
	cases := []struct {
		path, accept, encoding string
	}{
		{"/main.wasm", "gzip, deflate, br, zstd", "br"}, // Chromium's
		{"/main.wasm", "br", "br"},
		{"/main.wasm", "*", "br"},
		{"/main.wasm", "gzip, br;q=0", "gzip"},
		{"/main.wasm", "gzip;q=1, br;q=0.5", "gzip"},
		{"/main.wasm", "gzip", "gzip"},
		{"/main.wasm", "", ""},
		{"/main.wasm", "identity", ""},
		{"/app.js", "gzip, br", "gzip"}, // no sibling
		{"/app.js", "br", ""},
	}
	for _, c := range cases {
		resp := get(h, c.path, "Accept-Encoding", c.accept)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s, Accept-Encoding: %s", c.path, c.accept)
		assert.Equal(t, c.encoding, resp.Header.Get("Content-Encoding"), "GET %s, Accept-Encoding: %s", c.path, c.accept)
		assert.Equal(t, ContentType(c.path), resp.Header.Get("Content-Type"), "GET %s, Accept-Encoding: %s", c.path, c.accept)
		assert.Contains(t, resp.Header.Values("Vary"), "Accept-Encoding", "GET %s, Accept-Encoding: %s", c.path, c.accept)
		raw := body(t, resp)
		assert.Equal(t, strconv.Itoa(len(raw)), resp.Header.Get("Content-Length"), "GET %s, Accept-Encoding: %s", c.path, c.accept)
		want := page[strings.TrimPrefix(c.path, "/")]
		switch c.encoding {
		case "br":
			assert.Equal(t, br, raw, "GET %s, Accept-Encoding: %s", c.path, c.accept)
		case "gzip":
			zr, err := gzip.NewReader(strings.NewReader(raw))
			require.NoError(t, err, "GET %s, Accept-Encoding: %s: body is not gzip", c.path, c.accept)
			got, err := io.ReadAll(zr)
			require.NoError(t, err)
			assert.Equal(t, want, string(got), "GET %s, Accept-Encoding: %s", c.path, c.accept)
		default:
			assert.Equal(t, want, raw, "GET %s, Accept-Encoding: %s", c.path, c.accept)
		}
	}
}

func TestBrotliSiblingAnswersHeadAndConditionalRequests(t *testing.T) {
	h := newBrotliHandler(t)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodHead, "/main.wasm", nil)
	req.Header.Set("Accept-Encoding", "br")
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "br", rec.Header().Get("Content-Encoding"))
	assert.Equal(t, strconv.Itoa(len("brotli of main.wasm")), rec.Header().Get("Content-Length"))
	assert.Empty(t, rec.Body.String())

	failed := get(h, "/main.wasm", "Accept-Encoding", "br", "If-Match", `"another version"`)
	assert.Equal(t, http.StatusPreconditionFailed, failed.StatusCode)
	assert.Empty(t, failed.Header.Get("Content-Length"), "a 412 has no body to give a length to")

	ranged := get(h, "/main.wasm", "Accept-Encoding", "br", "Range", "bytes=0-5")
	assert.Equal(t, http.StatusPartialContent, ranged.StatusCode)
	assert.Equal(t, "6", ranged.Header.Get("Content-Length"))
	assert.Equal(t, "brotli", body(t, ranged), "a range of the encoded bytes")

	tags := map[string]string{}
	for _, accept := range []string{"br", "gzip", "identity"} {
		resp := get(h, "/main.wasm", "Accept-Encoding", accept)
		tag := resp.Header.Get("ETag")
		require.NotEmpty(t, tag, "Accept-Encoding: %s", accept)
		for other, otherTag := range tags {
			assert.NotEqual(t, otherTag, tag, "the %s and %s bodies need different ETags", other, accept)
		}
		tags[accept] = tag
		again := get(h, "/main.wasm", "Accept-Encoding", accept, "If-None-Match", tag)
		assert.Equal(t, http.StatusNotModified, again.StatusCode, "Accept-Encoding: %s", accept)
	}
}

func TestStaleBrotliSiblingIsNotServed(t *testing.T) {
	h := newBrotliHandler(t)
	// main.wasm rebuilt after its sibling was written.
	later := time.Now().Add(2 * time.Second)
	require.NoError(t, os.Chtimes(filepath.Join(h.Dir(), "main.wasm"), later, later))
	resp := get(h, "/main.wasm", "Accept-Encoding", "gzip, br")
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, page["main.wasm"], gunzip(t, resp))

	resp = get(h, "/main.wasm", "Accept-Encoding", "br")
	assert.Empty(t, resp.Header.Get("Content-Encoding"))
	assert.Equal(t, page["main.wasm"], body(t, resp))
}

func TestAcceptQReadsEachCodingsQuality(t *testing.T) {
	cases := []struct {
		header, coding string
		want           float64
	}{
		{"gzip, deflate, br, zstd", "br", 1},
		{"gzip, deflate, br, zstd", "gzip", 1},
		{"gzip;q=0.8, br", "gzip", 0.8},
		{"GZIP; Q=0.5", "gzip", 0.5},
		{"gzip; q=0", "gzip", 0},
		{"gzip;q=0.000", "gzip", 0},
		{"*;q=0.3, gzip", "br", 0.3},
		{"*;q=0, gzip", "gzip", 1},
		{"br;q=0, *", "br", 0},
		{"gzip;q=x", "gzip", 0},
		{"identity", "gzip", 0},
		{"", "br", 0},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, acceptQ(c.header, c.coding), "acceptQ(%q, %q)", c.header, c.coding)
	}
}
