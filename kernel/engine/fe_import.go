package engine

import (
	"go/importer"
	"go/token"
	"go/types"

	"github.com/traefik/yaegi/interp"
)

type (
	interpProgram = interp.Program
	interpPanic   = interp.Panic
)

// newImporter returns the importer the front end checks cells with.
func newImporter() types.ImporterFrom {
	return importer.ForCompiler(token.NewFileSet(), "gc", nil).(types.ImporterFrom)
}
