package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// builtSite writes a minimal built site: index.html and main.wasm.
func builtSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html><title>pushbook</title>"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.wasm"), []byte("\x00asm\x01\x00\x00\x00"+strings.Repeat("\x01", 1000)), 0o644))
	return dir
}

func TestServeRefusesDirectoryWithoutSite(t *testing.T) {
	code, stdout, stderr := invoke("serve", "-addr", "127.0.0.1:0", "-dir", t.TempDir())
	assert.Equal(t, 1, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "no index.html (run make site first)")
}

func TestServeRejectsBadUsage(t *testing.T) {
	cases := [][]string{
		{"serve", "-port", "8080"},
		{"serve", "extra"},
	}
	for _, args := range cases {
		code, _, stderr := invoke(args...)
		assert.Equal(t, 2, code, "args %q", args)
		assert.NotEmpty(t, stderr, "args %q", args)
	}
}

func TestServeReportsListenErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	code, _, stderr := invoke("serve", "-addr", ln.Addr().String(), "-dir", builtSite(t))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "address already in use")
}

// startServe runs the serve command with args until stop is called; it
// returns the URL the command printed, and stop returns its exit code and stderr.
func startServe(t *testing.T, args ...string) (url string, stop func() (int, string)) {
	t.Helper()
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr strings.Builder
	done := make(chan int, 1)
	go func() {
		code := serveUntil(ctx, args, pw, &stderr)
		pw.Close()
		done <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	require.NoError(t, err, "serve printed nothing; stderr: %s", stderr.String())
	m := regexp.MustCompile(`^pushbook: serving .* at (http://\S+/)\n$`).FindStringSubmatch(line)
	require.NotNil(t, m, "first line %q", line)
	go io.Copy(io.Discard, pr)
	return m[1], func() (int, string) {
		cancel()
		select {
		case code := <-done:
			return code, stderr.String()
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop within 10 s of its context ending")
			return -1, ""
		}
	}
}

func TestServePrintsURLServesGzippedWasmAndStops(t *testing.T) {
	dir := builtSite(t)
	url, stop := startServe(t, "-addr", "127.0.0.1:0", "-dir", dir)
	assert.Regexp(t, `^http://127\.0\.0\.1:[1-9][0-9]*/$`, url)

	req, err := http.NewRequest(http.MethodGet, url+"main.wasm", nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	assert.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	zr, err := gzip.NewReader(resp.Body)
	require.NoError(t, err)
	got, err := io.ReadAll(zr)
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(dir, "main.wasm"))
	require.NoError(t, err)
	assert.Equal(t, want, got)

	code, stderr := stop()
	assert.Equal(t, 0, code, "stderr: %s", stderr)
}

func TestServeSendsTheBrotliSiblingWithItsLength(t *testing.T) {
	dir := builtSite(t)
	// The server sends a sibling's bytes as they are: a stand-in will do.
	br := []byte("brotli of main.wasm, as make site writes it")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.wasm.br"), br, 0o644))
	url, stop := startServe(t, "-addr", "127.0.0.1:0", "-dir", dir)
	cases := []struct {
		method, accept, encoding string
		body                     []byte
	}{
		{http.MethodGet, "gzip, deflate, br, zstd", "br", br},
		{http.MethodHead, "gzip, deflate, br, zstd", "br", nil},
		{http.MethodGet, "gzip", "gzip", nil},
		{http.MethodGet, "identity", "", nil},
	}
	for _, c := range cases {
		req, err := http.NewRequest(c.method, url+"main.wasm", nil)
		require.NoError(t, err)
		req.Header.Set("Accept-Encoding", c.accept)
		resp, err := http.DefaultTransport.RoundTrip(req)
		require.NoError(t, err, "%s, Accept-Encoding: %s", c.method, c.accept)
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode, "%s, Accept-Encoding: %s", c.method, c.accept)
		assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"), "%s, Accept-Encoding: %s", c.method, c.accept)
		assert.Equal(t, c.encoding, resp.Header.Get("Content-Encoding"), "%s, Accept-Encoding: %s", c.method, c.accept)
		assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"), "%s, Accept-Encoding: %s", c.method, c.accept)
		assert.Empty(t, resp.TransferEncoding, "%s, Accept-Encoding: %s: a length, not chunks", c.method, c.accept)
		if c.method == http.MethodHead {
			assert.Empty(t, got, "HEAD has no body")
			assert.Equal(t, int64(len(br)), resp.ContentLength, "HEAD says the length a GET would send")
			continue
		}
		assert.Equal(t, int64(len(got)), resp.ContentLength, "%s, Accept-Encoding: %s", c.method, c.accept)
		if c.body != nil {
			assert.Equal(t, c.body, got, "%s, Accept-Encoding: %s", c.method, c.accept)
		}
	}
	code, stderr := stop()
	assert.Equal(t, 0, code, "stderr: %s", stderr)
}

func TestPageURLKeepsTheHostTheUserTyped(t *testing.T) {
	bound := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 43210}
	cases := map[string]string{
		"localhost:0":    "http://localhost:43210/",
		"127.0.0.1:8080": "http://127.0.0.1:43210/",
		":8080":          "http://localhost:43210/",
		"0.0.0.0:8080":   "http://localhost:43210/",
		"[::1]:0":        "http://[::1]:43210/",
	}
	for addr, want := range cases {
		assert.Equal(t, want, pageURL(addr, bound), "addr %q", addr)
	}
}

func TestSiteHandlerServesIndexAtRoot(t *testing.T) {
	h, err := siteHandler(builtSite(t))
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Contains(t, rec.Body.String(), "<title>pushbook</title>")
}
