package engine

import (
	"go/scanner"
	"go/token"
)

// groupKind says how a run of top-level cell text is handed to the interpreter.
type groupKind int

const (
	groupImport groupKind = iota // import declarations
	groupDecl                    // func, method, type, var and const declarations
	groupStmt                    // statements, run in the session's global scope
)

func (k groupKind) String() string {
	switch k {
	case groupImport:
		return "import"
	case groupDecl:
		return "declaration"
	}
	return "statement"
}

// group is a run of consecutive top-level chunks of one kind: cell[start:end].
type group struct {
	kind       groupKind
	start, end int
}

type tok struct {
	pos int
	tok token.Token
	lit string
}

func (t tok) end() int {
	if t.lit != "" && t.tok != token.SEMICOLON {
		return t.pos + len(t.lit)
	}
	if t.tok == token.SEMICOLON {
		return t.pos
	}
	return t.pos + len(t.tok.String())
}

// splitCell cuts a cell into top-level chunks (import, declaration or statement) and
// merges consecutive chunks of the same kind into groups, in cell order. A cell that does
// not scan is returned as one statement group so that the parser reports the error.
func splitCell(src string) []group {
	fset := token.NewFileSet()
	file := fset.AddFile("cell", -1, len(src))
	var s scanner.Scanner
	bad := false
	s.Init(file, []byte(src), func(token.Position, string) { bad = true }, 0)
	var toks []tok
	for {
		p, t, lit := s.Scan()
		if t == token.EOF {
			break
		}
		toks = append(toks, tok{file.Offset(p), t, lit})
	}
	if bad || len(toks) == 0 {
		if len(toks) == 0 {
			return nil
		}
		return []group{{groupStmt, toks[0].pos, len(src)}}
	}
	type chunk struct {
		kind       groupKind
		start, end int
	}
	var chunks []chunk
	depth := 0
	startIdx := -1
	for i, t := range toks {
		if startIdx < 0 {
			if t.tok == token.SEMICOLON {
				continue
			}
			startIdx = i
		}
		switch t.tok {
		case token.LPAREN, token.LBRACE, token.LBRACK:
			depth++
		case token.RPAREN, token.RBRACE, token.RBRACK:
			depth--
		}
		last := i == len(toks)-1
		if (t.tok == token.SEMICOLON && depth <= 0) || last {
			endTok := t
			if t.tok == token.SEMICOLON && i > startIdx {
				endTok = toks[i-1]
			}
			chunks = append(chunks, chunk{chunkKind(toks, startIdx), toks[startIdx].pos, endTok.end()})
			startIdx = -1
			if depth < 0 {
				depth = 0
			}
		}
	}
	var groups []group
	for _, c := range chunks {
		if n := len(groups); n > 0 && groups[n-1].kind == c.kind {
			groups[n-1].end = c.end
			continue
		}
		groups = append(groups, group{c.kind, c.start, c.end})
	}
	return groups
}

// chunkKind classifies the chunk starting at toks[i].
func chunkKind(toks []tok, i int) groupKind {
	switch toks[i].tok {
	case token.IMPORT:
		return groupImport
	case token.CONST, token.TYPE, token.VAR:
		return groupDecl
	case token.FUNC:
		if i+1 >= len(toks) {
			return groupStmt
		}
		switch toks[i+1].tok {
		case token.IDENT:
			return groupDecl // func name(...)
		case token.LPAREN:
			// A method declaration "func (r T) Name(" versus a function literal.
			depth := 0
			for j := i + 1; j < len(toks); j++ {
				switch toks[j].tok {
				case token.LPAREN:
					depth++
				case token.RPAREN:
					depth--
				}
				if depth == 0 {
					if j+2 < len(toks) && toks[j+1].tok == token.IDENT && (toks[j+2].tok == token.LPAREN || toks[j+2].tok == token.LBRACK) {
						return groupDecl
					}
					return groupStmt
				}
			}
		}
	}
	return groupStmt
}
