//go:build js && wasm

package main

import (
	"time"

	"github.com/hack-pad/safejs"
)

// yielder lets the JavaScript event loop run while a cell computes: it posts a message
// to itself through a MessageChannel and parks the calling goroutine until the message
// comes back. A MessageChannel message is a task, not a microtask, so every message the
// worker already has queued (an interrupt) runs first. setTimeout(0) would do the same
// but browsers clamp nested timeouts to 4 ms.
type yielder struct {
	interval time.Duration
	last     time.Time
	port     safejs.Value // port2; port1's onmessage wakes the parked goroutine
	wake     chan struct{}
	onWake   safejs.Func
	ok       bool
	// before runs just before each trip through the event loop (the
	// bridge hands JavaScript the outputs it held back).
	before func()
}

func newYielder(interval time.Duration) *yielder {
	y := &yielder{interval: interval, wake: make(chan struct{}, 1)}
	ctor, err := safejs.Global().Get("MessageChannel")
	if err != nil || ctor.Type() != safejs.TypeFunction {
		return y // no MessageChannel: cells cannot be interrupted, only terminated
	}
	ch, err := ctor.New()
	if err != nil {
		return y
	}
	port1, err1 := ch.Get("port1")
	port2, err2 := ch.Get("port2")
	if err1 != nil || err2 != nil {
		return y
	}
	y.onWake, err = safejs.FuncOf(func(safejs.Value, []safejs.Value) any {
		select {
		case y.wake <- struct{}{}:
		default:
		}
		return nil
	})
	if err != nil {
		return y
	}
	if port1.Set("onmessage", y.onWake.Value()) != nil {
		return y
	}
	y.port, y.ok = port2, true
	return y
}

// reset starts the interval afresh, at the start of a cell.
func (y *yielder) reset() { y.last = time.Now() }

// maybeYield parks the goroutine for one trip through the event loop when the
// interval has passed since the last trip.
func (y *yielder) maybeYield() {
	if !y.ok || time.Since(y.last) < y.interval {
		return
	}
	if y.before != nil {
		y.before()
	}
	if _, err := y.port.Call("postMessage", nil); err != nil {
		return
	}
	<-y.wake
	y.last = time.Now()
}
