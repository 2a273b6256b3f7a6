// The typed front end, part 7: panics, recover and the runtime errors Go reports.

package engine

import "go/ast"

// panicCall lowers calls of panic, recover, print and println. It reports whether it
// handled n (lowering its arguments itself).
func (l *lowerer) panicCall(n *ast.CallExpr) bool { return false }

// deferStmt lowers a defer statement; it reports whether it handled n.
func (l *lowerer) deferStmt(n *ast.DeferStmt) bool { return false }
