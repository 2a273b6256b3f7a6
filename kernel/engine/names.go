package engine

import (
	"go/ast"
	"go/token"
)

// Names the front end introduces into the session. They start with "__sluice" so that
// completion and %who hide them.
const (
	hiddenPrefix = "__sluice"
	rtPkg        = "__sluice_rt" // compiled runtime helpers (see runtime.go)
)

// unsupportedError is a Go feature the interpreter cannot run, found before yaegi sees it.
type unsupportedError struct {
	pos     int // cell offset
	feature string
	hint    string
}

func (e *unsupportedError) Error() string {
	return e.feature + " is not supported by the Sluice interpreter: " + e.hint
}

// declInfo is one top-level declaration of a cell.
type declInfo struct {
	names []string // declared names; methods as "Type.Method"
	kind  token.Token
	start int // cell offsets
	end   int
	refs  map[string]bool
}

// importInfo is one import spec of a cell.
type importInfo struct {
	name, path string
	pos        int
}

// analysis is what importAll needs to know about a cell.
type analysis struct {
	defines []string
	imports []importInfo
	pkgRefs map[string]bool // identifiers used as X in X.Sel that no local declaration resolves
}

// syntaxError reports a parse failure at cell offset pos.
type syntaxError struct {
	pos int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// recvTypeName is the base type name of a method receiver.
func recvTypeName(e ast.Expr) string {
	if id := recvIdent(e); id != nil {
		return id.Name
	}
	return "?"
}
