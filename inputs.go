package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sync/atomic"

	"go.starlark.net/starlark"

	"pushbook/notebook"
)

// The headless runner's inputs are the notebooks named on the command line
// and the data files their cells read. Each is bounded before any work
// starts, as the Go playground bounds programs: it must be a regular file
// (a device such as /dev/zero, a named pipe or a directory is refused before
// it is opened, so nothing blocks or reads forever) no larger than its
// limit. Data files are read in chunks that stop when the running cell's
// --timeout expires.

// maxNotebookBytes is the largest notebook run and check read: 64 MiB, far
// above any notebook of text and pictures, and safe to hold in memory with
// its decoded form.
const maxNotebookBytes = 64 << 20

// maxDataFileBytes is the largest data file a cell may read: 256 MiB.
// Decoding into events or a table takes a few times the file's size.
const maxDataFileBytes = 256 << 20

// readChunkBytes is how much is read between checks of the cell's deadline.
const readChunkBytes = 1 << 20

// errNotRegularFile is wrapped by the error for a device, named pipe,
// directory or socket given where a file is wanted.
var errNotRegularFile = errors.New("not a regular file")

// tooLargeError reports a file over its size limit.
type tooLargeError struct {
	name  string // the file as the user named it
	what  string // "notebooks" or "data files"
	limit int64  // bytes
}

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("%s: larger than the %d MiB limit for %s", e.name, e.limit>>20, e.what)
}

// fileSystem is what readRegular needs of os or an os.Root.
type fileSystem interface {
	Stat(name string) (fs.FileInfo, error)
	Open(name string) (*os.File, error)
}

// hostFiles is the whole file system, named as on the command line.
type hostFiles struct{}

func (hostFiles) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }
func (hostFiles) Open(name string) (*os.File, error)    { return os.Open(name) }

// readNotebook reads and decodes the notebook at path, a regular file of at
// most maxNotebookBytes. Its errors begin with path.
func readNotebook(path string, stderr io.Writer) (*notebook.Notebook, error) {
	data, err := readRegular(context.Background(), hostFiles{}, path, "notebooks", maxNotebookBytes)
	if err != nil {
		return nil, err
	}
	nb, err := notebook.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, w := range nb.Warnings { // what was repaired or dropped, so the user knows
		fmt.Fprintln(stderr, terminalText(path+": warning: "+w.String()))
	}
	return nb, nil
}

// readRegular reads the regular file name from fsys, refusing anything else
// and anything over limit bytes (what names the kind of file in the error)
// before opening it. It stops with context.Cause(ctx) once ctx is done.
func readRegular(ctx context.Context, fsys fileSystem, name, what string, limit int64) ([]byte, error) {
	info, err := fsys.Stat(name)
	if err != nil {
		return nil, err
	}
	if err := checkFile(name, what, info, limit); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !os.SameFile(info, opened) {
		return nil, fmt.Errorf("%s: replaced while being opened", name)
	}
	if err := checkFile(name, what, opened, limit); err != nil {
		return nil, err
	}
	return readBounded(ctx, f, name, what, opened.Size(), limit)
}

// checkFile refuses a file that is not regular or is larger than limit.
func checkFile(name, what string, info fs.FileInfo, limit int64) error {
	mode := info.Mode()
	switch {
	case mode.IsDir():
		return fmt.Errorf("%s: a directory, %w", name, errNotRegularFile)
	case mode&fs.ModeNamedPipe != 0:
		return fmt.Errorf("%s: a named pipe, %w", name, errNotRegularFile)
	case mode&fs.ModeDevice != 0:
		return fmt.Errorf("%s: a device, %w", name, errNotRegularFile)
	case !mode.IsRegular():
		return fmt.Errorf("%s: %w", name, errNotRegularFile)
	case info.Size() > limit:
		return &tooLargeError{name: name, what: what, limit: limit}
	}
	return nil
}

// readBounded reads r to the end in chunks of readChunkBytes, at most limit
// bytes (sizeHint sizes the buffer), and stops with context.Cause(ctx) at
// the first chunk after ctx is done.
func readBounded(ctx context.Context, r io.Reader, name, what string, sizeHint, limit int64) ([]byte, error) {
	buf := make([]byte, 0, min(max(sizeHint, 0), limit)+1)
	for {
		if err := context.Cause(ctx); err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, readChunkBytes)
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), len(buf)+readChunkBytes)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, &tooLargeError{name: name, what: what, limit: limit}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
}

// dataFiles reads the data files cells ask for (kernel.Options.ReadFile)
// from dir and the folders below it: os.Root refuses absolute paths, ".."
// and links that leave dir. Each must be a regular file of at most
// maxDataFileBytes; a read stops when the running cell's context ends.
type dataFiles struct {
	dir  string
	cell atomic.Pointer[context.Context] // the running cell's; nil: no deadline
}

// setCell makes reads from now on stop when ctx ends.
func (d *dataFiles) setCell(ctx context.Context) { d.cell.Store(&ctx) }

// read returns the contents of the data file name. Refusals are OSErrors,
// a missing file a FileNotFoundError, a read cut short by the cell's
// timeout the cell's TimeoutError.
func (d *dataFiles) read(name string) ([]byte, error) {
	ctx := context.Background()
	if p := d.cell.Load(); p != nil {
		ctx = *p
	}
	root, err := os.OpenRoot(d.dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	data, err := readRegular(ctx, root, name, "data files", maxDataFileBytes)
	var tooLarge *tooLargeError
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no file %q next to the notebook (in %s)", name, d.dir)
	case errors.As(err, &tooLarge), errors.Is(err, errNotRegularFile):
		return nil, starlark.Wrap(starlark.OSError, err)
	}
	return nil, err
}

// readBeside reads data files for cells from dir and the folders below it,
// as dataFiles does, with no deadline.
func readBeside(dir string) func(name string) ([]byte, error) {
	return (&dataFiles{dir: dir}).read
}
