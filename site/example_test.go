package site_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"pushbook/site"
)

// A built site served on a test server: main.wasm goes out gzipped, with the
// MIME type that lets the browser compile it while it downloads.
func ExampleNewHandler() {
	dir, _ := os.MkdirTemp("", "site")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.wasm"), []byte("\x00asm\x01\x00\x00\x00"), 0o644)

	h, err := site.NewHandler(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/main.wasm", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.Header.Get("Content-Type"), resp.Header.Get("Content-Encoding"))

	empty, _ := os.MkdirTemp("", "empty")
	defer os.RemoveAll(empty)
	_, err = site.NewHandler(empty)
	fmt.Println(errors.Is(err, site.ErrNotBuilt))
	// Output:
	// application/wasm gzip
	// true
}

func ExampleContentType() {
	fmt.Println(site.ContentType("main.wasm"))
	fmt.Println(site.ContentType("examples/seed.ipynb"))
	// Output:
	// application/wasm
	// application/json
}
