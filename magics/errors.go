package magics

import "strings"

// Error is a magic's failure with the fields of a Jupyter error message: the engine
// reports Name as ename, Value as evalue and Traceback as the lines shown under it. Every
// error Handle returns for a failed magic is an *Error (errors from Session.Eval are
// passed through unchanged, so the engine keeps its own mapping for Go errors).
type Error struct {
	Name      string   // ename: "UsageError", "SQLError", "ShellError", "UnknownMagic"…
	Value     string   // evalue: one line saying what went wrong
	Traceback []string // lines to show the user; nil means just "Name: Value"
	// Err is the underlying error, if any, for errors.Is/As.
	Err error
}

// Error returns "Name: Value" followed by the traceback lines.
func (e *Error) Error() string {
	s := e.Name + ": " + e.Value
	if len(e.Traceback) > 0 {
		s += "\n" + strings.Join(e.Traceback, "\n")
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// usageErrorf returns a UsageError: the magic was called wrongly.
func usageErrorf(format string, args ...any) *Error {
	return &Error{Name: "UsageError", Value: sprintf(format, args...)}
}
