// Package edge exercises the corners of symbol generation: the generator test compares
// its table as yaegi's extractor writes it (from source) and as symgen writes it (from
// export data).
package edge

import (
	"context"
	"io"
	"time"
)

// Untyped constants of every kind, some too large for any Go type.
const (
	Name      = "tab\there \"quoted\" ünïcode \x00"
	Big       = 1 << 100
	Negative  = -42
	Rune      = 'é'
	Tenth     = 0.1
	Third     = 1.0 / 3
	Huge      = 1e400
	Tiny      = 1e-400
	Pi        = 3.14159265358979323846264338327950288419716939937510582097494459
	Truth     = true
	Imaginary = 2i
)

// Typed constants and iota.
const (
	Low Level = iota
	High
)

// Level is a named integer.
type Level int

// String names the level.
func (l Level) String() string { return [...]string{"low", "high"}[l] }

// Counter is a variable cells can assign.
var Counter int

// Default is a variable of a pointer type.
var Default = &Options{}

// Options is a struct with fields of several kinds.
type Options struct {
	Timeout time.Duration
	Tags    map[string][]string
	Out     chan<- int
}

// Handler has unnamed, named, variadic and package-typed parameters and results.
type Handler interface {
	Handle(context.Context, *Options) error
	Log(format string, args ...any)
	Join(sep string, parts ...[]byte) (joined []byte, n int)
	Copy(w io.Writer, r io.Reader) (written int64, err error)
	Empty(x interface{}, y any) (interface{}, any)
	Funcs(f func(int) (string, error), g func(...string)) func() Level
	Chans(a <-chan struct{}, b chan []map[string]*Options) [2]chan int
	String() string
	hidden()
}

// Stringer's String method returns a named string type.
type Stringer interface {
	String() Label
}

// Label is a named string.
type Label string

// ReadHandler embeds interfaces from this and another package.
type ReadHandler interface {
	io.Reader
	Handler
	Close() error
}

// Any is the empty interface under a name.
type Any interface{}

// Number is a constraint: it is left out of the table.
type Number interface {
	~int | ~float64
}

// Ordered embeds a constraint: left out as well.
type Ordered interface {
	Number
}

// Pair is generic: left out.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// IntPair instantiates Pair under an alias name.
type IntPair = Pair[int, int]

// Duration aliases a type of another package.
type Duration = time.Duration

// Sum is generic: left out.
func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

// Process is an ordinary function.
func Process(ctx context.Context, h Handler, opts ...Options) (Level, error) { return Low, nil }

// Exit is named like a function the symbols package replaces only for os and log.
func Exit(code int) {}

type private struct{}

// Public returns an unexported type.
func Public() private { return private{} }
