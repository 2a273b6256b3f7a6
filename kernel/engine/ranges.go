// Rewrites of range loops: over integers (which yaegi v0.16.1 cannot run) and the
// refusal of range over functions.

package engine

import (
	"fmt"
	"go/ast"
	"go/token"
)

// iterFuncs are standard functions returning iter.Seq/Seq2 values.
var iterFuncs = map[string]map[string]bool{
	"maps":    {"Keys": true, "Values": true, "All": true},
	"slices":  {"All": true, "Values": true, "Backward": true, "Chunk": true},
	"strings": {"Lines": true, "SplitSeq": true, "SplitAfterSeq": true, "FieldsSeq": true, "FieldsFuncSeq": true},
	"bytes":   {"Lines": true, "SplitSeq": true, "SplitAfterSeq": true, "FieldsSeq": true, "FieldsFuncSeq": true},
}

func (r *rewriter) rangeStmt(n *ast.RangeStmt) error {
	if r.rangeOverFunc(n.X) {
		return &unsupportedError{pos: r.off(n.X.Pos()), feature: "range over a function (Go 1.23 iterators)",
			hint: "collect the values into a slice first (for example with slices.Collect in compiled code) or call the iterator with a yield func"}
	}
	target := &r.an.edits
	if !r.isInt(n.X, 0) {
		if r.notInt(n.X) {
			return nil
		}
		// Unknown: rewritten only when yaegi fails on the loop as written.
		target = &r.an.rangeMaybe
	}
	k := "" // loop variable
	switch {
	case n.Key == nil:
		k = r.tmp("i")
	default:
		k = r.text(n.Key)
	}
	op := ":="
	if n.Tok == token.ASSIGN {
		op = "="
	}
	if n.Key == nil {
		op = ":="
	}
	nv := r.tmp("n")
	x := r.text(n.X)
	head := fmt.Sprintf("{ %s := %s; for %s %s %s - %s; %s < %s; %s++ ", nv, x, k, op, nv, nv, k, nv, k)
	if _, pure := n.X.(*ast.BasicLit); pure && op == ":=" {
		// A literal needs no temporary; this form also keeps labels working.
		head = fmt.Sprintf("for %s := 0; %s < %s; %s++ ", k, k, x, k)
		*target = append(*target, edit{off: r.off(n.For), n: r.off(n.Body.Lbrace) - r.off(n.For), text: head})
		return nil
	}
	if id, ok := n.X.(*ast.Ident); ok && op == ":=" {
		head = fmt.Sprintf("for %s, %s := %s - %s, %s; %s < %s; %s++ ", k, nv, id.Name, id.Name, id.Name, k, nv, k)
		*target = append(*target, edit{off: r.off(n.For), n: r.off(n.Body.Lbrace) - r.off(n.For), text: head})
		return nil
	}
	*target = append(*target,
		edit{off: r.off(n.For), n: r.off(n.Body.Lbrace) - r.off(n.For), text: head},
		edit{off: r.off(n.Body.Rbrace) + 1, n: 0, text: " }"})
	return nil
}

// notInt reports whether x is recognisably not an integer (a slice, map, string, array,
// channel or composite value).
func (r *rewriter) notInt(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.CompositeLit, *ast.SliceExpr, *ast.FuncLit:
		return true
	case *ast.BasicLit:
		return x.Kind == token.STRING
	case *ast.ParenExpr:
		return r.notInt(x.X)
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Obj == nil {
			return id.Name == "make" || id.Name == "append" || id.Name == "string"
		}
		if _, ok := x.Fun.(*ast.ArrayType); ok {
			return true
		}
	case *ast.Ident:
		if x.Obj == nil {
			if !r.sess.global(x.Name) {
				return false
			}
			return !r.sess.intGlobal(x.Name) && !r.sess.funcGlobal(x.Name)
		}
		switch d := x.Obj.Decl.(type) {
		case *ast.AssignStmt:
			for i, l := range d.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == x.Name && len(d.Lhs) == len(d.Rhs) {
					return r.notInt(d.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			if d.Type != nil {
				_, basic := d.Type.(*ast.Ident)
				return !basic
			}
			for i, n := range d.Names {
				if n.Name == x.Name && i < len(d.Values) {
					return r.notInt(d.Values[i])
				}
			}
		case *ast.Field:
			_, basic := d.Type.(*ast.Ident)
			return !basic
		}
	}
	return false
}

// rangeOverFunc reports whether x is recognisably a function value.
func (r *rewriter) rangeOverFunc(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.FuncLit:
		return true
	case *ast.ParenExpr:
		return r.rangeOverFunc(x.X)
	case *ast.Ident:
		if x.Obj != nil {
			if fd, ok := x.Obj.Decl.(*ast.FuncDecl); ok && fd.Recv == nil {
				return true
			}
			return false
		}
		return r.sess.funcGlobal(x.Name)
	case *ast.CallExpr:
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Obj == nil {
				path := r.sess.importPath(id.Name)
				if path == "" {
					path = id.Name
				}
				return iterFuncs[path][sel.Sel.Name]
			}
		}
	}
	return false
}

var intTypes = map[string]bool{"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true, "byte": true, "rune": true}

// isInt reports whether x is recognisably an integer expression.
func (r *rewriter) isInt(x ast.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	switch x := x.(type) {
	case *ast.BasicLit:
		return x.Kind == token.INT || x.Kind == token.CHAR
	case *ast.ParenExpr:
		return r.isInt(x.X, depth+1)
	case *ast.UnaryExpr:
		return r.isInt(x.X, depth+1)
	case *ast.BinaryExpr:
		switch x.Op {
		case token.ADD, token.SUB, token.MUL, token.QUO, token.REM, token.AND, token.OR, token.XOR, token.SHL, token.SHR, token.AND_NOT:
			return r.isInt(x.X, depth+1) || r.isInt(x.Y, depth+1)
		}
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Obj == nil {
			return id.Name == "len" || id.Name == "cap" || intTypes[id.Name]
		}
	case *ast.Ident:
		if x.Obj == nil {
			return r.sess.intGlobal(x.Name)
		}
		switch d := x.Obj.Decl.(type) {
		case *ast.AssignStmt:
			for i, l := range d.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == x.Name && i < len(d.Rhs) && len(d.Lhs) == len(d.Rhs) {
					return r.isInt(d.Rhs[i], depth+1)
				}
			}
		case *ast.ValueSpec:
			if t, ok := d.Type.(*ast.Ident); ok {
				return intTypes[t.Name]
			}
			for i, n := range d.Names {
				if n.Name == x.Name && i < len(d.Values) {
					return r.isInt(d.Values[i], depth+1)
				}
			}
		case *ast.Field:
			if t, ok := d.Type.(*ast.Ident); ok {
				return intTypes[t.Name]
			}
		}
	}
	return false
}
