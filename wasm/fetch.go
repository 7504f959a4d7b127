//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/hack-pad/safejs"
)

// abortGrace is how long an aborted fetch may take to settle before its
// callbacks are abandoned (left unreleased rather than called after release).
const abortGrace = time.Second

// fetchBytes fetches url with the host's fetch and returns the body and the
// HTTP status; the body is read only for 2xx answers. The calling goroutine
// waits on a channel while the promises settle, so the Go runtime returns to
// the event loop meanwhile; when stop closes, the fetch is aborted and
// fetchBytes returns errInterrupted at once.
func fetchBytes(url string, stop <-chan struct{}) ([]byte, int, error) {
	fetch, err := safejs.Global().Get("fetch")
	if err != nil || fetch.Type() != safejs.TypeFunction {
		return nil, 0, errors.New("this JavaScript host has no fetch")
	}
	abort, init := abortController()
	promise, err := fetch.Invoke(url, init)
	if err != nil {
		return nil, 0, err
	}
	resp, err := awaitPromise(promise, stop, abort)
	if err != nil {
		return nil, 0, err
	}
	status, err := resp.Get("status")
	if err != nil {
		return nil, 0, err
	}
	code, err := status.Int()
	if err != nil {
		return nil, 0, err
	}
	if code < 200 || code > 299 {
		return nil, code, nil
	}
	promise, err = resp.Call("arrayBuffer")
	if err != nil {
		return nil, code, err
	}
	buf, err := awaitPromise(promise, stop, abort)
	if err != nil {
		return nil, code, err
	}
	data, err := bytesOf(buf)
	return data, code, err
}

// abortController returns a function that aborts, and fetch's init argument
// carrying its signal; without AbortController, a no-op and undefined.
func abortController() (abort func() bool, init any) {
	none := func() bool { return false }
	ctor, err := safejs.Global().Get("AbortController")
	if err != nil || ctor.Type() != safejs.TypeFunction {
		return none, safejs.Undefined()
	}
	ctrl, err := ctor.New()
	if err != nil {
		return none, safejs.Undefined()
	}
	signal, err := ctrl.Get("signal")
	if err != nil {
		return none, safejs.Undefined()
	}
	return func() bool {
		_, err := ctrl.Call("abort")
		return err == nil
	}, map[string]any{"signal": signal}
}

// awaitPromise blocks until promise settles, returning its value or its rejection
// as an error, or until stop closes: then it aborts and returns errInterrupted.
func awaitPromise(promise safejs.Value, stop <-chan struct{}, abort func() bool) (safejs.Value, error) {
	type settled struct {
		v   safejs.Value
		err error
	}
	ch := make(chan settled, 1)
	onOK, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		v := safejs.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ch <- settled{v: v}
		return nil
	})
	if err != nil {
		return safejs.Undefined(), err
	}
	onErr, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		ch <- settled{err: errors.New(describeRejection(args))}
		return nil
	})
	if err != nil {
		onOK.Release()
		return safejs.Undefined(), err
	}
	release := func() { onOK.Release(); onErr.Release() }
	if _, err := promise.Call("then", onOK.Value(), onErr.Value()); err != nil {
		release()
		return safejs.Undefined(), err
	}
	select {
	case s := <-ch:
		release()
		return s.v, s.err
	case <-stop:
	}
	// Stopped: abort, and release the callbacks once the promise has settled
	// (calling a released function is an error); if it never does, leave them.
	if abort() {
		select {
		case <-ch:
			release()
		case <-time.After(abortGrace):
		}
	}
	return safejs.Undefined(), errInterrupted
}

// describeRejection is the message of a rejected promise's reason.
func describeRejection(args []safejs.Value) string {
	if len(args) == 0 {
		return "rejected"
	}
	reason := args[0]
	if reason.Type() == safejs.TypeObject {
		if msg, err := reason.Get("message"); err == nil && msg.Type() == safejs.TypeString {
			if s, err := msg.String(); err == nil {
				return s
			}
		}
	}
	if s, err := reason.String(); err == nil {
		return s
	}
	return "rejected"
}

// bytesOf copies an ArrayBuffer or Uint8Array into Go.
func bytesOf(v safejs.Value) ([]byte, error) {
	arr := v
	if ok, _ := isInstance(v, "Uint8Array"); !ok {
		ctor, err := safejs.Global().Get("Uint8Array")
		if err != nil {
			return nil, err
		}
		if arr, err = ctor.New(v); err != nil {
			return nil, fmt.Errorf("not bytes: %w", err)
		}
	}
	n, err := arr.Get("byteLength")
	if err != nil {
		return nil, err
	}
	size, err := n.Int()
	if err != nil {
		return nil, err
	}
	data := make([]byte, size)
	if _, err := safejs.CopyBytesToGo(data, arr); err != nil {
		return nil, err
	}
	return data, nil
}

// isInstance reports whether v is an instance of the global constructor name.
func isInstance(v safejs.Value, name string) (bool, error) {
	ctor, err := safejs.Global().Get(name)
	if err != nil {
		return false, err
	}
	return v.InstanceOf(ctor)
}
