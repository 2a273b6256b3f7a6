// The typed front end, part 8: interface values (comparison, conversion) where yaegi's
// semantics differ from Go's.

package engine

import "go/ast"

// ifaceCompare lowers == and != involving interface values; it reports whether it
// handled n (lowering its operands itself).
func (l *lowerer) ifaceCompare(n *ast.BinaryExpr) bool { return false }
