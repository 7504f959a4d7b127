package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"pushbook/site"
)

func init() {
	commands["serve"] = command{
		usage: "serve [-addr HOST:PORT] [-dir DIR]",
		summary: "Serve the built notebook site (make site writes it to build/site) at http://HOST:PORT/\n" +
			"with the right MIME types, brotli where the build wrote a .br file beside one (main.wasm.br), gzip\n" +
			"otherwise; Ctrl+C stops. Defaults: -addr localhost:8080 -dir build/site.",
		run: serveCommand,
	}
}

// siteHandler returns the handler that serves the built site in dir, or an
// error that says to run make site when dir holds no site.
func siteHandler(dir string) (http.Handler, error) {
	return site.NewHandler(dir)
}

func serveCommand(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, args, stdout, stderr)
}

// serveUntil runs the serve command until ctx ends, then shuts the server
// down, letting requests in flight finish for up to five seconds.
func serveUntil(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "localhost:8080", "listen on `HOST:PORT` (port 0 picks a free one)")
	dir := fs.String("dir", "build/site", "serve the built site in `DIR`")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q\nusage: go run . serve [-addr HOST:PORT] [-dir DIR]\n", fs.Arg(0))
		return 2
	}
	h, err := site.NewHandler(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	defer h.Close()
	// Compress main.wasm and the rest before the first browser asks; errors
	// show again, per file, when that file is asked for.
	warm := make(chan struct{})
	go func() {
		defer close(warm)
		h.Precompress()
	}()
	defer func() { <-warm }()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "pushbook: serving %s at %s\n", *dir, pageURL(*addr, ln.Addr()))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintf(stderr, "serve: shutting down: %v\n", err)
		return 1
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	return 0
}

// pageURL is the URL to print for a server asked to listen on addr that
// listens on bound: the host as the user wrote it (localhost stays
// localhost), the port as bound (so port 0 shows the real one).
func pageURL(addr string, bound net.Addr) string {
	host, _, err := net.SplitHostPort(addr)
	_, port, perr := net.SplitHostPort(bound.String())
	if err != nil || perr != nil {
		return "http://" + bound.String() + "/"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
