//go:build unix

package kernel

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/sluice-dev/sluice/display"
)

// scriptEngine is a test engine whose cells are lines of commands, one per line:
//
//	print TEXT     write TEXT and a newline through CellIO.Stdout
//	stderr TEXT    write TEXT and a newline through CellIO.Stderr
//	osstdout TEXT  write to os.Stdout (reaches the cell only with output capture)
//	fd1 TEXT       write(2) on file descriptor 1
//	value TEXT     the cell's value is TEXT
//	html TEXT      the cell's value renders as HTML
//	png            the cell's value is a PNG image
//	display ID     publish a display with that display id; "update ID" updates it
//	clear          clear the output
//	error          fail with an *ExecError
//	fail           fail with a plain error
//	panic          panic in the engine
//	wait           block until the context is cancelled
//	stuck          ignore the context for two seconds
//	input PROMPT   ask CellIO.Input and print what came back
//	ask PROMPT     print a line and PROMPT without newline, then ask CellIO.Input("")
//	dinput PROMPT  ask display.Password (through the kernel's publisher) and print it
//	readline       read a line from os.Stdin and print it
//	latereadline   the same after two seconds (the watcher polls slowly by then)
//	burst N        print N numbered lines
type scriptEngine struct {
	mu       sync.Mutex
	executed []string
	closed   bool
}

// ran returns the cells executed so far.
func (e *scriptEngine) ran() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.executed...)
}

func (e *scriptEngine) isClosed() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.closed
}

type htmlValue string

func (h htmlValue) HTML() string   { return string(h) }
func (h htmlValue) String() string { return "html:" + string(h) }

type pngValue []byte

func (p pngValue) PNG() []byte { return p }

func currentPublisher() display.Publisher {
	p := display.SetPublisher(nil)
	display.SetPublisher(p)
	return p
}

func (e *scriptEngine) Execute(ctx context.Context, code string, cio *CellIO) (any, error) {
	e.mu.Lock()
	e.executed = append(e.executed, code)
	e.mu.Unlock()
	var value any
	for _, line := range strings.Split(code, "\n") {
		cmd, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch cmd {
		case "":
		case "print":
			fmt.Fprintln(cio.Stdout, arg)
		case "stderr":
			fmt.Fprintln(cio.Stderr, arg)
		case "osstdout":
			fmt.Fprintln(os.Stdout, arg)
		case "fd1":
			syscall.Write(1, []byte(arg+"\n"))
		case "value":
			value = arg
		case "html":
			value = htmlValue(arg)
		case "png":
			value = pngValue{0x89, 'P', 'N', 'G'}
		case "display":
			currentPublisher().Publish(display.Text("shown "+arg), arg, false)
		case "update":
			currentPublisher().Publish(display.Text("updated "+arg), arg, true)
		case "clear":
			currentPublisher().Clear(arg == "wait")
		case "error":
			return nil, &ExecError{Name: "TestError", Value: "it failed", Traceback: []string{"line 1: it failed"}}
		case "fail":
			return nil, errors.New("plain failure")
		case "panic":
			panic("engine exploded")
		case "wait":
			<-ctx.Done()
			return nil, fmt.Errorf("cell stopped: %w", ctx.Err())
		case "stuck":
			time.Sleep(2 * time.Second)
		case "input":
			v, err := cio.Input(arg, false)
			if err != nil {
				return nil, err
			}
			fmt.Fprintln(cio.Stdout, "got "+v)
		case "ask":
			fmt.Fprint(cio.Stdout, "line before\n"+arg)
			v, err := cio.Input("", false)
			if err != nil {
				return nil, err
			}
			fmt.Fprintln(cio.Stdout, "answer "+v)
		case "dinput":
			v, err := display.Password(arg)
			if err != nil {
				return nil, err
			}
			fmt.Fprintln(cio.Stdout, "secret "+v)
		case "readline", "latereadline":
			if cmd == "latereadline" {
				time.Sleep(2 * time.Second)
			}
			line, err := bufio.NewReader(os.Stdin).ReadString('\n')
			if err != nil {
				return nil, fmt.Errorf("readline: %w", err)
			}
			fmt.Fprint(cio.Stdout, "read "+line)
		case "halfrune":
			// "é" in two writes, with a pause longer than the flush interval between them.
			cio.Stdout.Write([]byte("caf\xc3"))
			time.Sleep(200 * time.Millisecond)
			cio.Stdout.Write([]byte("\xa9\n"))
		case "bgread":
			// A goroutine left behind reading os.Stdin after the cell returns.
			go func() { _, _ = bufio.NewReader(os.Stdin).ReadString('\n') }()
			time.Sleep(500 * time.Millisecond)
		case "burst":
			var n int
			fmt.Sscan(arg, &n)
			for i := range n {
				fmt.Fprintf(cio.Stdout, "line %d\n", i)
			}
		default:
			return nil, &ExecError{Name: "UnknownCommand", Value: cmd, Traceback: []string{"unknown command " + cmd}}
		}
	}
	return value, nil
}

var words = []string{"fmt", "Println", "Printf", "func", "for", "ünïcode"}

// Complete completes the identifier before cursor (a byte offset) from words.
func (e *scriptEngine) Complete(ctx context.Context, code string, cursor int) ([]string, int, int) {
	start := cursor
	for start > 0 && !strings.ContainsRune(" \n\t.(", rune(code[start-1])) {
		start--
	}
	prefix := code[start:cursor]
	var m []string
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			m = append(m, w)
		}
	}
	return m, start, cursor
}

func (e *scriptEngine) Inspect(ctx context.Context, code string, cursor, detail int) (display.Bundle, bool) {
	if strings.Contains(code, "fmt") {
		return display.Text(fmt.Sprintf("package fmt (detail %d, cursor %d)", detail, cursor)), true
	}
	return display.Bundle{}, false
}

func (e *scriptEngine) IsComplete(code string) (string, string) {
	switch {
	case strings.HasSuffix(strings.TrimSpace(code), "{"):
		return "incomplete", "\t"
	case strings.Contains(code, ":= :="):
		return "invalid", ""
	}
	return "complete", ""
}

func (e *scriptEngine) Eval(ctx context.Context, expr string) (any, error) {
	if expr == "bad" {
		return nil, &ExecError{Name: "EvalError", Value: "bad expression"}
	}
	return "value of " + expr, nil
}

func (e *scriptEngine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.closed = true
	return nil
}
