package display

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // DecodeConfig of GIF files shown with File
	"image/jpeg"
	"image/png"
	"strings"

	"gonum.org/v1/plot"

	"github.com/sluice-dev/sluice/table"
)

// Render returns the richest MIME bundle for v; the kernel uses it for a cell's value.
// In order of precedence:
//
//   - a Bundle, or a Bundler (charts, helper results), as it describes itself;
//   - a *table.Table, as TableBundle renders it;
//   - a *plot.Plot, as a chart;
//   - a Composite (a value with DisplayParts() []any), as its parts one under the
//     other: each part is rendered by these rules, nil parts are left out, and the
//     bundle holds text/plain (the parts' text joined by newlines) and text/html (their
//     HTML joined by newlines; a part without HTML shows its text as a paragraph, or
//     preformatted when it has several lines); the parts' other representations are
//     not kept;
//   - values with any of HTML(), Markdown(), LaTeX(), PNG(), JPEG(), SVG(): every
//     representation they offer together;
//   - an image.Image, as a PNG;
//   - an error, as its message;
//   - anything else, as fmt formats it.
//
// Every bundle has text/plain. A panic in a value's own rendering method is reported
// in the text rather than propagated.
func Render(v any) (b Bundle) {
	defer func() {
		if r := recover(); r != nil {
			b = Text(fmt.Sprintf("display: rendering %T panicked: %v", v, r))
		}
	}()
	return render(v, 0)
}

// maxPartsDepth bounds the nesting of composites (a value that lists itself among its
// parts): deeper ones show their plain text.
const maxPartsDepth = 8

// render is Render for a value depth composites deep.
func render(v any, depth int) Bundle {
	switch x := v.(type) {
	case nil:
		return Text("<nil>")
	case Bundle:
		return withText(x, v)
	case *Bundle:
		if x == nil {
			return Text("<nil>")
		}
		return withText(*x, v)
	case *plot.Plot:
		return Plot(x).Bundle()
	case *table.Table:
		return TableBundle(x)
	case *table.Summary:
		// t.Describe() as a cell's value: the summary with its histograms.
		return SummaryBundle(x)
	case Bundler:
		return withText(x.Bundle(), v)
	case Composite:
		if depth >= maxPartsDepth {
			return Text(plainText(v))
		}
		return compose(x.DisplayParts(), depth+1)
	}
	b := Bundle{Data: map[string]any{}}
	if x, ok := v.(HTMLer); ok {
		b.Data[MIMEHTML] = x.HTML()
	}
	if x, ok := v.(Markdowner); ok {
		b.Data[MIMEMarkdown] = x.Markdown()
	}
	if x, ok := v.(LaTeXer); ok {
		b.Data[MIMELaTeX] = x.LaTeX()
	}
	if x, ok := v.(PNGer); ok {
		data := x.PNG()
		b.Data[MIMEPNG] = data
		addImageSize(&b, MIMEPNG, data)
	}
	if x, ok := v.(JPEGer); ok {
		data := x.JPEG()
		b.Data[MIMEJPEG] = data
		addImageSize(&b, MIMEJPEG, data)
	}
	if x, ok := v.(SVGer); ok {
		b.Data[MIMESVG] = x.SVG()
	}
	if len(b.Data) > 0 {
		b.Data[MIMEText] = plainText(v)
		return b
	}
	switch x := v.(type) {
	case image.Image:
		return Image(x)
	case error:
		return Text(x.Error())
	}
	return Text(plainText(v))
}

// compose renders parts one under the other (see Render).
func compose(parts []any, depth int) Bundle {
	var texts, htmls []string
	for _, p := range parts {
		if p == nil {
			continue
		}
		b := render(p, depth)
		text, _ := b.Data[MIMEText].(string)
		h, ok := b.Data[MIMEHTML].(string)
		switch {
		case ok:
		case strings.Contains(text, "\n"):
			h = "<pre>" + htmlEscape(text) + "</pre>"
		default:
			h = "<p>" + htmlEscape(text) + "</p>"
		}
		texts, htmls = append(texts, text), append(htmls, h)
	}
	return Bundle{Data: map[string]any{MIMEText: strings.Join(texts, "\n"), MIMEHTML: strings.Join(htmls, "\n")}}
}

// withText makes sure b has a text/plain representation.
func withText(b Bundle, v any) Bundle {
	if _, ok := b.Data[MIMEText]; ok {
		return b
	}
	data := make(map[string]any, len(b.Data)+1)
	for k, x := range b.Data {
		data[k] = x
	}
	if s, ok := b.Data[MIMEMarkdown].(string); ok {
		data[MIMEText] = s
	} else if s, ok := b.Data[MIMEHTML].(string); ok {
		data[MIMEText] = htmlToText(s)
	} else if _, isBundle := v.(Bundle); isBundle {
		data[MIMEText] = ""
	} else {
		data[MIMEText] = fmt.Sprintf("<%T>", v)
	}
	return Bundle{Data: data, Metadata: b.Metadata}
}

// plainText is v's text/plain form: String() when it has one, else fmt's %v.
func plainText(v any) string {
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprintf("%v", v)
}

// addImageSize records an image's pixel size in b's metadata, when it can be decoded.
func addImageSize(b *Bundle, mime string, data []byte) {
	var (
		cfg image.Config
		err error
	)
	switch mime {
	case MIMEPNG:
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case MIMEJPEG:
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
	default:
		cfg, _, err = image.DecodeConfig(bytes.NewReader(data))
	}
	if err != nil {
		return
	}
	if b.Metadata == nil {
		b.Metadata = map[string]any{}
	}
	b.Metadata[mime] = map[string]any{"width": cfg.Width, "height": cfg.Height}
}
