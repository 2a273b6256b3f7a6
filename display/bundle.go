// Package display is the public display API that notebook cells import: MIME bundles,
// tables, charts, Markdown/HTML/JSON/images, updatable displays and progress.
//
// display knows nothing about the kernel. It emits bundles through a Publisher that the
// kernel installs with SetPublisher; without one (plain Go programs, tests) output falls
// back to text/plain on standard output.
package display

import (
	"fmt"
	"os"
	"sync"
)

// MIME types used in bundles.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMELaTeX    = "text/latex"
	MIMEPNG      = "image/png"
	MIMEJPEG     = "image/jpeg"
	MIMESVG      = "image/svg+xml"
	MIMEJSON     = "application/json"
)

// Bundle is a MIME bundle: one value in several representations, keyed by MIME type,
// plus per-type metadata (for example image width and height). Text types hold strings,
// binary image types hold []byte (the kernel base64-encodes them) and JSON types hold any
// JSON-marshalable value.
type Bundle struct {
	Data     map[string]any
	Metadata map[string]any
}

// Text returns a bundle holding only text/plain.
func Text(s string) Bundle { return Bundle{Data: map[string]any{MIMEText: s}} }

// Bundler is implemented by values that know their full MIME bundle.
type Bundler interface{ Bundle() Bundle }

// Composite is implemented by values that display as a column of other values, one under
// the other, without importing display: a summary line above a table, a table above its
// SQL. Render renders each part as it renders a cell's value; see Render.
type Composite interface{ DisplayParts() []any }

// HTMLer is implemented by values that render themselves as HTML.
type HTMLer interface{ HTML() string }

// Markdowner is implemented by values that render themselves as Markdown.
type Markdowner interface{ Markdown() string }

// PNGer is implemented by values that render themselves as a PNG image.
type PNGer interface{ PNG() []byte }

// SVGer is implemented by values that render themselves as an SVG document.
type SVGer interface{ SVG() string }

// Publisher sends bundles to the front end. The kernel installs one per session.
type Publisher interface {
	// Publish shows b. A non-empty displayID names the output so it can be updated later;
	// update=true replaces the output previously shown under displayID.
	Publish(b Bundle, displayID string, update bool) error
	// Clear clears the current cell's output; wait=true defers it until new output arrives.
	Clear(wait bool) error
}

var (
	pubMu     sync.RWMutex
	publisher Publisher
)

// SetPublisher installs p as the destination of every display call and returns the one
// it replaces. The kernel calls it once at start-up; nil restores the text fallback.
func SetPublisher(p Publisher) Publisher {
	pubMu.Lock()
	defer pubMu.Unlock()
	old := publisher
	publisher = p
	return old
}

// currentPublisher returns the installed publisher, or nil.
func currentPublisher() Publisher {
	pubMu.RLock()
	defer pubMu.RUnlock()
	return publisher
}

// publish sends b through the installed publisher, or prints its text/plain form.
func publish(b Bundle, displayID string, update bool) error {
	if p := currentPublisher(); p != nil {
		return p.Publish(b, displayID, update)
	}
	if s, ok := b.Data[MIMEText].(string); ok {
		_, err := fmt.Fprintln(os.Stdout, s)
		return err
	}
	return nil
}

// Bundle returns b itself, so a Bundle is also a Bundler: helper results such as
// HTML("…") display the same way whether they are a cell's value or passed to Show.
func (b Bundle) Bundle() Bundle { return b }

// WithSize returns b with display width and height (CSS pixels) in the metadata of every
// image type it holds; front ends scale the image to that size.
func (b Bundle) WithSize(width, height int) Bundle {
	out := Bundle{Data: b.Data, Metadata: make(map[string]any, len(b.Metadata)+2)}
	for k, v := range b.Metadata {
		out.Metadata[k] = v
	}
	for _, mime := range []string{MIMEPNG, MIMEJPEG, MIMESVG, MIMEGIF} {
		if _, ok := b.Data[mime]; ok {
			out.Metadata[mime] = map[string]any{"width": width, "height": height}
		}
	}
	return out
}

// MIMEGIF is the MIME type of GIF images.
const MIMEGIF = "image/gif"

// LaTeXer is implemented by values that render themselves as LaTeX.
type LaTeXer interface{ LaTeX() string }

// JPEGer is implemented by values that render themselves as a JPEG image.
type JPEGer interface{ JPEG() []byte }

// Inputter is implemented by publishers that can ask the front end for a line of input;
// Input and Password use it.
type Inputter interface {
	Input(prompt string, password bool) (string, error)
}
