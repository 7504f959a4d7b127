// Copyright 2026 The pushbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package starlark

// This file is the pushbook fork's model of Python exceptions (FORK.md).
//
// Every error a Starlark program can observe has a Python exception class.
// An error made by Errorf (or NewException) is an *Exception and carries
// its class as data; an error of any other type is of class Exception.
// try/except compares classes, never message text. Cancellation
// (Thread.Cancel: a stop button, a step budget) is not an exception at all:
// no handler, not even a bare except or a finally clause, runs once a
// thread is cancelled.

import (
	"errors"
	"fmt"
	"strings"
	"unsafe"

	"go.starlark.net/internal/compile"
)

// An ExceptionClass is a Python exception class such as ValueError. Calling
// it makes an exception: ValueError("msg"). Classes form a single-
// inheritance tree rooted at BaseException; except C catches the
// exceptions whose class is C or below it.
type ExceptionClass struct {
	name string
	base *ExceptionClass
}

// NewExceptionClass returns a new class named name below base, for a host
// that raises exceptions of its own kind.
func NewExceptionClass(name string, base *ExceptionClass) *ExceptionClass {
	return &ExceptionClass{name: name, base: base}
}

// Python's built-in exception classes that a cell can name, in Python's
// hierarchy.
var (
	BaseException     = NewExceptionClass("BaseException", nil)
	GeneratorExit     = NewExceptionClass("GeneratorExit", BaseException)
	KeyboardInterrupt = NewExceptionClass("KeyboardInterrupt", BaseException)
	SystemExit        = NewExceptionClass("SystemExit", BaseException)

	ExceptionBase       = NewExceptionClass("Exception", BaseException) // Python's Exception
	StopIteration       = NewExceptionClass("StopIteration", ExceptionBase)
	ArithmeticError     = NewExceptionClass("ArithmeticError", ExceptionBase)
	ZeroDivisionError   = NewExceptionClass("ZeroDivisionError", ArithmeticError)
	OverflowError       = NewExceptionClass("OverflowError", ArithmeticError)
	AssertionError      = NewExceptionClass("AssertionError", ExceptionBase)
	AttributeError      = NewExceptionClass("AttributeError", ExceptionBase)
	ImportError         = NewExceptionClass("ImportError", ExceptionBase)
	ModuleNotFoundError = NewExceptionClass("ModuleNotFoundError", ImportError)
	LookupError         = NewExceptionClass("LookupError", ExceptionBase)
	IndexError          = NewExceptionClass("IndexError", LookupError)
	KeyError            = NewExceptionClass("KeyError", LookupError)
	MemoryError         = NewExceptionClass("MemoryError", ExceptionBase)
	NameError           = NewExceptionClass("NameError", ExceptionBase)
	UnboundLocalError   = NewExceptionClass("UnboundLocalError", NameError)
	OSError             = NewExceptionClass("OSError", ExceptionBase)
	FileNotFoundError   = NewExceptionClass("FileNotFoundError", OSError)
	TimeoutError        = NewExceptionClass("TimeoutError", OSError)
	RuntimeError        = NewExceptionClass("RuntimeError", ExceptionBase)
	NotImplementedError = NewExceptionClass("NotImplementedError", RuntimeError)
	RecursionError      = NewExceptionClass("RecursionError", RuntimeError)
	TypeError           = NewExceptionClass("TypeError", ExceptionBase)
	ValueError          = NewExceptionClass("ValueError", ExceptionBase)
	UnicodeError        = NewExceptionClass("UnicodeError", ValueError)
)

// ExceptionClasses are the classes predeclared in the universe, by name.
var ExceptionClasses = []*ExceptionClass{
	BaseException, GeneratorExit, KeyboardInterrupt, SystemExit,
	ExceptionBase, StopIteration, ArithmeticError, ZeroDivisionError,
	OverflowError, AssertionError, AttributeError, ImportError,
	ModuleNotFoundError, LookupError, IndexError, KeyError, MemoryError,
	NameError, UnboundLocalError, OSError, FileNotFoundError, TimeoutError,
	RuntimeError, NotImplementedError, RecursionError, TypeError, ValueError,
	UnicodeError,
}

func init() {
	for _, c := range ExceptionClasses {
		Universe[c.name] = c
	}
}

var (
	_ Callable = (*ExceptionClass)(nil)
	_ HasAttrs = (*ExceptionClass)(nil)
)

// Name returns the class name, e.g. "ValueError".
func (c *ExceptionClass) Name() string { return c.name }

// Base returns the class this one derives from; nil for BaseException.
func (c *ExceptionClass) Base() *ExceptionClass { return c.base }

// IsSubclassOf reports whether c is base or derives from it.
func (c *ExceptionClass) IsSubclassOf(base *ExceptionClass) bool {
	for ; c != nil; c = c.base {
		if c == base {
			return true
		}
	}
	return false
}

func (c *ExceptionClass) String() string        { return "<class '" + c.name + "'>" }
func (c *ExceptionClass) Type() string          { return "type" }
func (c *ExceptionClass) Freeze()               {}
func (c *ExceptionClass) Truth() Bool           { return True }
func (c *ExceptionClass) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(c)) >> 3), nil }

// CallInternal makes an exception of class c with the call's arguments.
func (c *ExceptionClass) CallInternal(thread *Thread, args Tuple, kwargs []Tuple) (Value, error) {
	if len(kwargs) > 0 {
		return nil, Errorf(TypeError, "%s() takes no keyword arguments", c.name)
	}
	return NewException(c, args...), nil
}

func (c *ExceptionClass) Attr(name string) (Value, error) {
	switch name {
	case "__name__":
		return String(c.name), nil
	case "__base__":
		if c.base == nil {
			return None, nil
		}
		return c.base, nil
	}
	return nil, nil
}

func (c *ExceptionClass) AttrNames() []string { return []string{"__base__", "__name__"} }

// An Exception is a Python exception: a Starlark value (what
// "except E as e" binds) and a Go error (what builtins return to raise it).
type Exception struct {
	Class *ExceptionClass
	Args  Tuple
	// Value is StopIteration's value: what the generator returned.
	Value Value

	cause error // wrapped by Errorf's %w, for errors.Is/As
	// raised is the whole error this exception was caught as (an
	// *EvalError with its call stack, say), so that a bare raise re-raises
	// it with its traceback and whatever it wrapped.
	raised error
}

var (
	_ Value    = (*Exception)(nil)
	_ HasAttrs = (*Exception)(nil)
	_ error    = (*Exception)(nil)
)

// NewException returns an exception of class c with the given arguments, as
// c(args...) does in Python.
func NewException(c *ExceptionClass, args ...Value) *Exception {
	e := &Exception{Class: c, Args: Tuple(args), Value: None}
	if c == StopIteration && len(args) > 0 {
		e.Value = args[0]
	}
	return e
}

// Errorf returns an exception of class c whose single argument is the
// message formatted as by fmt.Errorf; a %w verb wraps that error, for
// errors.Is and errors.As.
func Errorf(c *ExceptionClass, format string, args ...any) *Exception {
	err := fmt.Errorf(format, args...)
	e := NewException(c, String(err.Error()))
	e.cause = errors.Unwrap(err)
	e.Value = None // a message is not a StopIteration's value
	return e
}

// NewWrapping returns an exception of class c with the given arguments
// that wraps err, for errors.Is and errors.As: a host's exception with
// Python's arguments and the host's cause.
func NewWrapping(c *ExceptionClass, err error, args ...Value) *Exception {
	e := NewException(c, args...)
	e.cause = err
	return e
}

// Wrap returns an exception of class c whose message is err's and which
// wraps err.
func Wrap(c *ExceptionClass, err error) *Exception {
	e := NewException(c, String(err.Error()))
	e.cause = err
	return e
}

// Message returns str(e): the only argument, or the arguments as a tuple, or
// "" with none; a KeyError shows its key's repr, as Python does.
func (e *Exception) Message() string {
	switch len(e.Args) {
	case 0:
		return ""
	case 1:
		if s, ok := e.Args[0].(String); ok && !e.Class.IsSubclassOf(KeyError) {
			return string(s)
		}
		if e.Class.IsSubclassOf(KeyError) {
			return e.Args[0].String()
		}
		return e.Args[0].String()
	}
	return e.Args.String()
}

// Error returns "Class: message", the last line of a Python traceback.
func (e *Exception) Error() string {
	msg := e.Message()
	if msg == "" {
		return e.Class.name
	}
	return e.Class.name + ": " + msg
}

// Unwrap returns the error that Errorf's %w or Wrap wrapped, if any.
func (e *Exception) Unwrap() error { return e.cause }

// String is repr(e), ValueError('msg'), as String is repr for every
// Starlark value; str(e) and print(e) show Message.
func (e *Exception) String() string {
	var out strings.Builder
	out.WriteString(e.Class.name)
	out.WriteByte('(')
	for i, a := range e.Args {
		if i > 0 {
			out.WriteString(", ")
		}
		writeValue(&out, a, nil)
	}
	out.WriteByte(')')
	return out.String()
}

// Type is the class name, e.g. "ValueError".
func (e *Exception) Type() string          { return e.Class.name }
func (e *Exception) Freeze()               { e.Args.Freeze() }
func (e *Exception) Truth() Bool           { return True }
func (e *Exception) Hash() (uint32, error) { return uint32(uintptr(unsafe.Pointer(e)) >> 3), nil }

func (e *Exception) Attr(name string) (Value, error) {
	switch name {
	case "args":
		return e.Args, nil
	case "__class__":
		return e.Class, nil
	case "value":
		if e.Class.IsSubclassOf(StopIteration) {
			return e.Value, nil
		}
	}
	return nil, nil
}

func (e *Exception) AttrNames() []string {
	if e.Class.IsSubclassOf(StopIteration) {
		return []string{"__class__", "args", "value"}
	}
	return []string{"__class__", "args"}
}

// ExceptionOf returns the exception that err raises: the *Exception in its
// chain, or else an Exception of class Exception with err's message. It
// remembers err, so that re-raising the result re-raises err itself.
func ExceptionOf(err error) *Exception {
	var e *Exception
	if !errors.As(err, &e) {
		var ee *EvalError
		msg := err.Error()
		if errors.As(err, &ee) && ee.cause != nil {
			msg = ee.cause.Error()
		}
		e = NewException(ExceptionBase, String(msg))
		e.cause = err
	}
	if e.raised == nil {
		e.raised = err
	}
	return e
}

// ClassOf returns the class of the exception err raises (see ExceptionOf).
func ClassOf(err error) *ExceptionClass {
	var e *Exception
	if errors.As(err, &e) {
		return e.Class
	}
	return ExceptionBase
}

// IsClass reports whether err raises an exception of class c or below it.
func IsClass(err error, c *ExceptionClass) bool { return ClassOf(err).IsSubclassOf(c) }

// raise returns the error that "raise x" raises: x is an exception or an
// exception class (called with no arguments). An exception that was caught
// is re-raised as the error it was caught as, keeping its traceback.
func raise(x Value) error {
	switch x := x.(type) {
	case *Exception:
		if x.raised != nil {
			return x.raised
		}
		return x
	case *ExceptionClass:
		return NewException(x)
	case NoneType:
		return Errorf(RuntimeError, "No active exception to reraise")
	}
	return Errorf(TypeError, "exceptions must derive from BaseException, not %s", x.Type())
}

// exceptionMatches reports whether exc is an instance of cls, which may be
// an exception class or a tuple of them, for "except cls".
func exceptionMatches(exc, cls Value) (bool, error) {
	e, ok := exc.(*Exception)
	if !ok {
		return false, fmt.Errorf("internal error: except clause tested a %s", exc.Type())
	}
	switch cls := cls.(type) {
	case *ExceptionClass:
		return e.Class.IsSubclassOf(cls), nil
	case Tuple:
		for _, c := range cls {
			if ok, err := exceptionMatches(exc, c); ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	}
	return false, Errorf(TypeError, "catching classes that do not inherit from BaseException is not allowed (got %s)", cls.Type())
}

// A GeneratorHost gives a thread's programs Python generators. When a
// function whose body contains yield is called, NewGenerator makes the
// generator object; the host runs the body later, on a thread of its own,
// by calling fn.GeneratorBody(). In that body, yield v calls Yield, and
// yield from g calls YieldFrom.
type GeneratorHost interface {
	// NewGenerator returns the generator object for a call of fn.
	NewGenerator(thread *Thread, fn *Function, args Tuple, kwargs []Tuple) (Value, error)
	// Yield hands v to whoever resumed the generator running on thread and
	// waits; it returns the value sent in next (None for next()), or the
	// exception thrown in (GeneratorExit when it was closed).
	Yield(thread *Thread, v Value) (Value, error)
	// YieldFrom delegates to the iterable x until it is exhausted, passing
	// sends, throws and close through, and returns its return value.
	YieldFrom(thread *Thread, x Value) (Value, error)
}

// IsGenerator reports whether fn's body contains yield, which makes
// calling it return a generator object.
func (fn *Function) IsGenerator() bool { return fn.funcode.Generator }

// GeneratorBody returns fn as a function whose call runs its body (rather
// than making a generator object), for a GeneratorHost.
func (fn *Function) GeneratorBody() *Function {
	body := *fn
	body.generatorBody = true
	return &body
}

func (thread *Thread) generatorHost(fn *Function) (GeneratorHost, error) {
	if thread.Generators == nil {
		return nil, Errorf(RuntimeError, "%s is a generator function (it contains yield), and this application runs no generators", fn.Name())
	}
	return thread.Generators, nil
}

// handlerFor returns the exception-table entry covering pc, or nil.
func handlerFor(table []compile.Handler, pc uint32) *compile.Handler {
	for i := range table {
		if h := &table[i]; h.Start <= pc && pc < h.End {
			return h
		}
	}
	return nil
}

// iterErr returns the error that ended iter, if it can tell: an iterator
// over a generator whose body raised, say.
func iterErr(iter Iterator) error {
	if it, ok := iter.(interface{ Err() error }); ok {
		return it.Err()
	}
	return nil
}

// notIterable is the TypeError of iterating x; Starlark's strings are not
// iterable, which a Python programmer would not expect, so it says what to
// write instead.
func notIterable(x Value) *Exception {
	if _, ok := x.(String); ok {
		return Errorf(TypeError, "string value is not iterable: iterate its characters with s.elems()")
	}
	return Errorf(TypeError, "%s value is not iterable", x.Type())
}
