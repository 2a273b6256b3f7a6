// Package magics implements the % line magics and %% cell magics that a cell may start
// with: the parser, the registry, and the built-in magics (%%sql and %sql, %time, %env,
// %who, %%html, %%markdown, %%sh, %lsmagic, %help and others).
//
// magics knows nothing about ZeroMQ or the interpreter: the engine hands each magic an
// Env whose Session evaluates Go expressions and reads and writes session variables.
//
// The engine calls three functions: IsMagic to tell a magic cell from Go, Handle to run
// one, and Complete to complete inside one. A failed magic returns an *Error whose Name,
// Value and Traceback are the Jupyter error's ename, evalue and traceback ("SQLError" with
// the SQLSTATE, the server's message and a caret under the failing position; "UsageError"
// for a wrong call; "Interrupted" wrapping context.Canceled when the cell was
// interrupted). Errors from Session.Eval are returned unchanged.
package magics

import (
	"context"
	"io"
	"reflect"

	"github.com/sluice-dev/sluice/display"
)

// Session is the interpreter session a magic runs against, implemented by the engine.
type Session interface {
	// Eval evaluates a Go expression (or statements) in the session and returns the value
	// of the last expression, or an invalid Value when there is none.
	Eval(ctx context.Context, code string) (reflect.Value, error)
	// Set binds name to value in the session, declaring or redeclaring it with value's type.
	Set(name string, value any) error
	// Vars lists the session's cell-defined variables in declaration order.
	Vars() []Var
	// Reset forgets every cell-defined name.
	Reset() error
}

// Var is a session variable: its name, its Go type as written, and a short rendering of
// its current value.
type Var struct {
	Name  string
	Type  string
	Value string
}

// Env is what a running magic may use: the session, the cell's output streams, a way to
// show rich output, and a way to ask the user for input.
type Env struct {
	Session Session
	Stdout  io.Writer
	Stderr  io.Writer
	// Display shows a bundle in the cell's output.
	Display func(display.Bundle) error
	// Input asks the user for a line of input (nil when the front end does not allow it).
	Input func(prompt string, password bool) (string, error)

	state *State // the session's, set by Handle and Complete
}

// Invocation is one parsed magic call: its name without % signs, whether it is a cell
// magic (%%), the text after the name on its line, and for cell magics the cell body
// after the first line.
type Invocation struct {
	Name string
	Cell bool
	Args string
	Body string
}

// Func runs a magic. It returns a value the caller displays as the cell's result (nil for
// none) or an error that fails the cell.
type Func func(ctx context.Context, env *Env, inv Invocation) (any, error)

// Magic is a registered magic: its name, whether it works as a line magic, a cell magic
// or both, a one-line summary for %lsmagic, the help text for %help, and its Func.
type Magic struct {
	Name    string
	Line    bool
	Cell    bool
	Summary string
	Help    string
	Run     Func
	// Complete, when set, completes the magic's arguments or body (for example table and
	// column names in %%sql): the matches for the text ending at cursor (a byte offset into
	// the whole cell) and the byte offset where the completed token starts.
	Complete func(ctx context.Context, env *Env, cell string, cursor int) (matches []string, start int)
}
