package kernel

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"

	"go.starlark.net/starlark"

	"pushbook/notebook"
)

// maxGraphs is how many shown pipeline graphs a session keeps for
// re-drawing; older ones are forgotten (the page then leaves their outputs
// as they were drawn).
const maxGraphs = 64

// graphs are the pipeline graphs a session has shown, by number, for
// Session.Graph. A graph's id is the session's nonce and its number
// ("3f9c01d2e4a5b6c7-4"): unique across sessions, so a restarted kernel (or
// a replaced worker) never answers for an output of the one before.
type graphs struct {
	mu     sync.Mutex
	nonce  string
	next   int
	values map[int]*Stage
}

// newNonce is 16 random hex digits: math/rand/v2's generator, which the
// runtime seeds randomly, is enough to tell sessions apart (crypto/rand
// would add its FIPS module, about 100 KB of gzipped wasm).
func newNonce() string {
	return fmt.Sprintf("%016x", rand.Uint64())
}

// register keeps v and returns its id; the newest maxGraphs are kept.
func (g *graphs) register(v *Stage) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.nonce == "" {
		g.nonce = newNonce()
	}
	if g.values == nil {
		g.values = map[int]*Stage{}
	}
	g.next++
	g.values[g.next] = v
	delete(g.values, g.next-maxGraphs)
	return g.nonce + "-" + strconv.Itoa(g.next)
}

// lookup returns the graph of id, if this session showed it and keeps it.
func (g *graphs) lookup(id string) (*Stage, bool) {
	nonce, num, ok := strings.Cut(id, "-")
	if !ok {
		return nil, false
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return nil, false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.nonce == "" || nonce != g.nonce {
		return nil, false
	}
	v, ok := g.values[n]
	return v, ok
}

// forget drops every graph (a closed session draws none again).
func (g *graphs) forget() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.values = nil
}

// liveMetadata returns the output metadata of v as shown by a cell of s:
// a stage's graph is kept in s, its id in the metadata
// ({"pushbook": {"kind": "pipeline", "graph": ID}}), so that the page can
// ask Session.Graph for it as it is now. s may be nil (no session): then
// the metadata is metadata(v)'s, as it is when s does not keep live graphs
// (Options.LiveGraphs).
func (s *Session) liveMetadata(v starlark.Value) map[string]any {
	md := metadata(v)
	st, ok := v.(*Stage)
	if !ok || s == nil || !s.opts.LiveGraphs {
		return md
	}
	id := s.graphs.register(st)
	if md == nil {
		md = map[string]any{}
	}
	pb, _ := md["pushbook"].(map[string]any)
	if pb == nil {
		pb = map[string]any{}
	}
	pb["graph"] = id
	md["pushbook"] = pb
	return md
}

// Graph re-draws the pipeline graph an earlier cell of this session showed
// (the id in its output's metadata.pushbook.graph) with the counts and
// states as they are now: the same MIME bundle as the output, current. It
// reports false for an id this session did not give out (none without
// Options.LiveGraphs) or no longer keeps
// (the newest 64 are kept; a restarted session keeps none of the old one's),
// and while a cell runs: the pipeline's counters are plain fields that the
// running cell changes, so Graph only tries the session's lock, as Complete
// does, and never waits for the cell. It is safe to call from any goroutine.
func (s *Session) Graph(id string) (notebook.MIMEBundle, bool) {
	v, ok := s.graphs.lookup(id)
	if !ok {
		return nil, false
	}
	if !s.exec.TryLock() {
		return nil, false
	}
	defer s.exec.Unlock()
	data, err := drawNow(v)
	if err != nil {
		return nil, false
	}
	return data, true
}

// drawNow is bundle(v), with a panic while drawing turned into an error.
func drawNow(v *Stage) (data notebook.MIMEBundle, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing the graph: %v", r)
		}
	}()
	return bundle(v), nil
}
