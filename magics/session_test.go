package magics

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/sluice-dev/sluice/display"
)

// fakeSession is a map-backed Session for unit tests: Eval understands integer, float and
// quoted string literals and variable names, records every source it was given, and
// fails on anything else. The real interpreter is exercised by the engine's tests.
type fakeSession struct {
	mu    sync.Mutex
	vars  map[string]any
	order []string
	evals []string
}

func newFakeSession() *fakeSession { return &fakeSession{vars: map[string]any{}} }

func (s *fakeSession) Eval(ctx context.Context, code string) (reflect.Value, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.evals = append(s.evals, code)
	c := strings.TrimSpace(code)
	if i, err := strconv.ParseInt(c, 10, 64); err == nil {
		return reflect.ValueOf(int(i)), nil
	}
	if f, err := strconv.ParseFloat(c, 64); err == nil {
		return reflect.ValueOf(f), nil
	}
	if u, err := strconv.Unquote(c); err == nil {
		return reflect.ValueOf(u), nil
	}
	if v, ok := s.vars[c]; ok {
		return reflect.ValueOf(v), nil
	}
	if strings.HasPrefix(c, "var ") || strings.HasPrefix(c, "//") {
		return reflect.Value{}, nil
	}
	return reflect.Value{}, fmt.Errorf("fake session: cannot evaluate %q", c)
}

func (s *fakeSession) Set(name string, value any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.vars[name]; !ok {
		s.order = append(s.order, name)
	}
	s.vars[name] = value
	return nil
}

func (s *fakeSession) Vars() []Var {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Var
	for _, n := range s.order {
		out = append(out, Var{Name: n, Type: fmt.Sprintf("%T", s.vars[n]), Value: fmt.Sprint(s.vars[n])})
	}
	return out
}

func (s *fakeSession) Reset() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.vars, s.order = map[string]any{}, nil
	return nil
}

// testEnv returns an Env on a fresh fake session with captured output.
func testEnv() (*Env, *fakeSession, *syncBuffer, *syncBuffer) {
	s := newFakeSession()
	out, errb := &syncBuffer{}, &syncBuffer{}
	return &Env{Session: s, Stdout: out, Stderr: errb}, s, out, errb
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// mustHandle runs code and fails the test on an error or an unhandled cell.
func mustHandle(t *testing.T, env *Env, code string) any {
	t.Helper()
	res, handled, err := Handle(context.Background(), env, code)
	if err != nil {
		t.Fatalf("Handle(%q): %v", code, err)
	}
	if !handled {
		t.Fatalf("Handle(%q) did not handle the cell", code)
	}
	return res
}

// textOf returns the text/plain form of a result.
func textOf(v any) string {
	if v == nil {
		return ""
	}
	s, _ := display.Render(v).Data["text/plain"].(string)
	return s
}
