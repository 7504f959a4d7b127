//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hack-pad/safejs"
)

// Data files: the files module's read_events/read_table/read_text look first among the
// files the user dropped on the page (sent here with pushbook.addFile), then
// fetch the name from the page's own site, relative to the notebook's
// location (pushbook.setBase). Both outlive a restart: they belong to the
// bridge, not to a session.

// errInterrupted ends a read the user stopped; the kernel reports the cell as
// interrupted because Stop has already cancelled it.
var errInterrupted = errors.New("stopped while reading")

// dataFiles holds the dropped files and the base URL that names resolve
// against.
type dataFiles struct {
	mu    sync.Mutex
	files map[string][]byte
	base  string
}

// add keeps data under name, replacing a file of the same name.
func (d *dataFiles) add(name string, data []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.files == nil {
		d.files = map[string][]byte{}
	}
	d.files[name] = data
}

// remove forgets name; it reports whether there was such a file.
func (d *dataFiles) remove(name string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.files[name]
	delete(d.files, name)
	return ok
}

// names lists the dropped files, sorted.
func (d *dataFiles) names() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]string, 0, len(d.files))
	for name := range d.files {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

func (d *dataFiles) setBase(url string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.base = url
}

// lookup returns a dropped file and the base URL.
func (d *dataFiles) lookup(name string) (data []byte, ok bool, base string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	data, ok = d.files[name]
	return data, ok, d.base
}

// read returns the dropped file name, else fetches name relative to the base
// URL. stop ends a fetch early (the user pressed Stop).
func (d *dataFiles) read(name string, stop <-chan struct{}) ([]byte, error) {
	data, ok, base := d.lookup(name)
	if ok {
		return data, nil
	}
	if err := checkRelative(name); err != nil {
		return nil, err
	}
	if base == "" {
		return nil, fmt.Errorf("no file %s: it is not among the dropped files, and the page gave no address to fetch it from", name)
	}
	url, err := resolveSameOrigin(name, base)
	if err != nil {
		return nil, err
	}
	data, status, err := fetchBytes(url, stop)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: fetching %s: %w", name, url, err)
	case status == 404 || status == 410:
		return nil, fmt.Errorf("no file %s (looked among dropped files and at %s)", name, url)
	case status < 200 || status > 299:
		return nil, fmt.Errorf("%s: fetching %s: HTTP %d", name, url, status)
	}
	return data, nil
}

// checkRelative refuses names that could leave the page's site: URLs with a
// scheme, scheme-relative "//host" names, paths from the server's root and
// backslashes (which browsers read as slashes).
func checkRelative(name string) error {
	refuse := func(why string) error {
		return fmt.Errorf("%q: %s; cells read dropped files or files next to the notebook, by a relative path such as \"data.jsonl\" or \"data/events.csv\"", name, why)
	}
	switch {
	case strings.HasPrefix(name, "//"):
		return refuse("a URL of another site is not allowed")
	case strings.HasPrefix(name, "/"):
		return refuse("a path from the server's root is not allowed")
	case strings.Contains(name, `\`):
		return refuse("backslashes are not allowed")
	case hasScheme(name):
		return refuse("an absolute URL is not allowed")
	}
	return nil
}

// hasScheme reports whether name starts with a URL scheme ("https:",
// "data:", "javascript:"), as RFC 3986 spells one.
func hasScheme(name string) bool {
	colon := strings.IndexByte(name, ':')
	if colon < 1 {
		return false
	}
	if slash := strings.IndexAny(name, "/?#"); slash >= 0 && slash < colon {
		return false // "dir/a:b.csv" is a relative path
	}
	for i, r := range name[:colon] {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false
		}
	}
	return true
}

// resolveSameOrigin resolves name against base with the URL parser of the
// JavaScript host (new URL(name, base)) and insists that the result stays on
// base's origin.
func resolveSameOrigin(name, base string) (string, error) {
	ctor, err := safejs.Global().Get("URL")
	if err != nil {
		return "", fmt.Errorf("%s: no URL parser: %w", name, err)
	}
	u, err := ctor.New(name, base)
	if err != nil {
		return "", fmt.Errorf("%s: not a usable path relative to %s: %w", name, base, err)
	}
	b, err := ctor.New(base)
	if err != nil {
		return "", fmt.Errorf("base address %q: %w", base, err)
	}
	href, err1 := stringProp(u, "href")
	origin, err2 := stringProp(u, "origin")
	baseOrigin, err3 := stringProp(b, "origin")
	if err := errors.Join(err1, err2, err3); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if origin != baseOrigin {
		return "", fmt.Errorf("%q resolves to %s, outside the page's site %s", name, href, baseOrigin)
	}
	return href, nil
}

func stringProp(v safejs.Value, name string) (string, error) {
	p, err := v.Get(name)
	if err != nil {
		return "", err
	}
	return p.String()
}
