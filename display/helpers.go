package display

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Show displays each value by its richest representation (see Render), as separate
// outputs of the running cell (display_data). Without a front end it prints text/plain.
func Show(vs ...any) error {
	for _, v := range vs {
		if err := publish(Render(v), "", false); err != nil {
			return fmt.Errorf("display: %w", err)
		}
	}
	return nil
}

// HTML returns an HTML fragment for display; its text/plain form is the text with the
// tags removed.
func HTML(s string) Bundle {
	return Bundle{Data: map[string]any{MIMEHTML: s, MIMEText: htmlToText(s)}}
}

// Markdown returns Markdown for display; its text/plain form is the source.
func Markdown(s string) Bundle {
	return Bundle{Data: map[string]any{MIMEMarkdown: s, MIMEText: s}}
}

// LaTeX returns a LaTeX expression for display (for example "$e^{i\pi} + 1 = 0$").
func LaTeX(s string) Bundle {
	return Bundle{Data: map[string]any{MIMELaTeX: s, MIMEText: s}}
}

// JSON returns v as application/json (front ends show a collapsible tree) with indented
// JSON as its text/plain form. NaN and ±Inf, which JSON cannot express, become null (as
// pandas' to_json writes them). A value that cannot be marshalled shows the error.
func JSON(v any) Bundle {
	raw, err := marshalFinite(v)
	if err != nil {
		return errorBundle(fmt.Errorf("display.JSON: %w", err))
	}
	var ind bytes.Buffer
	_ = json.Indent(&ind, raw, "", "  ")
	return Bundle{Data: map[string]any{MIMEJSON: json.RawMessage(raw), MIMEText: ind.String()}}
}

// PNG returns PNG image bytes for display, with the image's size in the metadata.
func PNG(data []byte) Bundle { return imageBundle(MIMEPNG, data) }

// JPEG returns JPEG image bytes for display, with the image's size in the metadata.
func JPEG(data []byte) Bundle { return imageBundle(MIMEJPEG, data) }

// SVG returns an SVG document for display.
func SVG(doc string) Bundle {
	return Bundle{Data: map[string]any{MIMESVG: doc, MIMEText: fmt.Sprintf("[SVG image, %s]", FormatBytes(int64(len(doc))))}}
}

// Image returns img encoded as PNG for display.
func Image(img image.Image) Bundle {
	if img == nil {
		return errorBundle(errors.New("display.Image: nil image"))
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return errorBundle(fmt.Errorf("display.Image: %w", err))
	}
	return PNG(buf.Bytes())
}

// File returns the file at path for display, chosen by its extension: .png, .jpg/.jpeg,
// .gif, .svg, .html/.htm, .md, .json, .tex; anything else is shown as text. A file that
// cannot be read shows the error.
func File(path string) Bundle {
	data, err := os.ReadFile(path)
	if err != nil {
		return errorBundle(fmt.Errorf("display.File: %w", err))
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png":
		return PNG(data)
	case ".jpg", ".jpeg":
		return JPEG(data)
	case ".gif":
		return imageBundle(MIMEGIF, data)
	case ".svg":
		return SVG(string(data))
	case ".html", ".htm":
		return HTML(string(data))
	case ".md", ".markdown":
		return Markdown(string(data))
	case ".tex", ".latex":
		return LaTeX(string(data))
	case ".json":
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return errorBundle(fmt.Errorf("display.File: %s is not valid JSON: %w", path, err))
		}
		return JSON(v)
	default:
		return Text(string(data))
	}
}

func imageBundle(mime string, data []byte) Bundle {
	b := Bundle{Data: map[string]any{MIMEText: ""}}
	b.Data[mime] = data
	addImageSize(&b, mime, data)
	desc := strings.ToUpper(strings.TrimPrefix(mime, "image/")) + " image"
	if m, ok := b.Metadata[mime].(map[string]any); ok {
		desc += fmt.Sprintf(", %v×%v", m["width"], m["height"])
	} else {
		desc += " (could not read its size: is it really " + mime + "?)"
	}
	b.Data[MIMEText] = "[" + desc + "]"
	return b
}

// errorBundle shows err in text and, in red, in HTML.
func errorBundle(err error) Bundle {
	msg := err.Error()
	return Bundle{Data: map[string]any{
		MIMEText: msg,
		MIMEHTML: `<pre style="color:#b00020;margin:0">` + htmlEscape(msg) + `</pre>`,
	}}
}

// Handle is one output that can be replaced in place (update_display_data), such as a
// status line or a chart that refreshes.
type Handle struct {
	id string
	mu sync.Mutex
}

// NewHandle returns a handle with a fresh display id.
func NewHandle() *Handle {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return &Handle{id: "sluice-" + hex.EncodeToString(b[:])}
}

// ID returns the display id the handle's output is published under.
func (h *Handle) ID() string { return h.id }

// Show displays v as a new output tagged with the handle's id.
func (h *Handle) Show(v any) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return publish(Render(v), h.id, false)
}

// Update replaces every output shown under the handle's id with v. Without a front
// end it prints v's text again.
func (h *Handle) Update(v any) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return publish(Render(v), h.id, true)
}

// Clear clears the running cell's output; with wait, the front end clears only when
// the next output arrives (for flicker-free animation). Without a front end it does
// nothing.
func Clear(wait bool) error {
	if p := currentPublisher(); p != nil {
		return p.Clear(wait)
	}
	return nil
}

// Input asks the user for one line of text; in a notebook the front end shows prompt
// and an input box. Without a front end it reads a line from standard input.
func Input(prompt string) (string, error) { return input(prompt, false) }

// Password is Input with the typed text hidden.
func Password(prompt string) (string, error) { return input(prompt, true) }

func input(prompt string, password bool) (string, error) {
	p := currentPublisher()
	if p == nil {
		fmt.Fprint(os.Stderr, prompt)
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", fmt.Errorf("display.Input: read standard input: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	in, ok := p.(Inputter)
	if !ok {
		return "", errors.New("display.Input: this front end cannot ask for input")
	}
	return in.Input(prompt, password)
}

// htmlToText strips tags and collapses white space, for text/plain forms of HTML.
func htmlToText(s string) string {
	var b strings.Builder
	inTag, inStyle := false, false
	lower := strings.ToLower(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '<':
			inTag = true
			if strings.HasPrefix(lower[i:], "<style") || strings.HasPrefix(lower[i:], "<script") {
				inStyle = true
			}
			if strings.HasPrefix(lower[i:], "</style") || strings.HasPrefix(lower[i:], "</script") {
				inStyle = false
			}
			b.WriteByte(' ')
		case c == '>':
			inTag = false
		case !inTag && !inStyle:
			b.WriteByte(c)
		}
	}
	text := strings.Join(strings.Fields(htmlUnescape(b.String())), " ")
	return shorten(text, 2000)
}

// marshalFinite is json.Marshal, except that NaN and ±Inf floats anywhere in v are
// written as null instead of failing the whole value.
func marshalFinite(v any) ([]byte, error) {
	raw, err := json.Marshal(v)
	var unsupported *json.UnsupportedValueError
	if err == nil || !errors.As(err, &unsupported) || !strings.Contains(unsupported.Str, "Inf") && !strings.Contains(unsupported.Str, "NaN") {
		return raw, err
	}
	tree, err := finiteTree(reflect.ValueOf(v), 0)
	if err != nil {
		return nil, err
	}
	return json.Marshal(tree)
}

// finiteTree rebuilds v as maps, slices and plain values that encoding/json marshals the
// way it marshals v (struct fields by their json tags; values that marshal themselves
// are left to), with every NaN or ±Inf float replaced by nil.
func finiteTree(v reflect.Value, depth int) (any, error) {
	if depth > 1000 {
		return nil, errors.New("json: value nested too deeply (a cycle?)")
	}
	if !v.IsValid() {
		return nil, nil
	}
	if v.Kind() != reflect.Interface && v.Kind() != reflect.Pointer || !v.IsNil() {
		if _, ok := v.Interface().(json.Marshaler); ok {
			return v.Interface(), nil
		}
		if _, ok := v.Interface().(interface{ MarshalText() ([]byte, error) }); ok {
			return v.Interface(), nil
		}
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return nil, nil
		}
		return finiteTree(v.Elem(), depth+1)
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308 {
			return nil, nil
		}
		return v.Interface(), nil
	case reflect.Map:
		if v.IsNil() {
			return nil, nil
		}
		out := make(map[string]any, v.Len())
		it := v.MapRange()
		for it.Next() {
			k, err := mapKey(it.Key())
			if err != nil {
				return nil, err
			}
			if out[k], err = finiteTree(it.Value(), depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && (v.IsNil() || v.Type().Elem().Kind() == reflect.Uint8) {
			return v.Interface(), nil // null, or base64 for []byte
		}
		out := make([]any, v.Len())
		for i := range out {
			var err error
			if out[i], err = finiteTree(v.Index(i), depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	case reflect.Struct:
		out := map[string]any{}
		if err := structFields(v, out, depth); err != nil {
			return nil, err
		}
		return out, nil
	}
	return v.Interface(), nil
}

// structFields adds the fields encoding/json would write for struct v to out: exported
// fields under their json tag's name, skipping "-" and empty omitempty (zero omitzero)
// fields; an untagged embedded struct's fields are promoted unless out has them.
func structFields(v reflect.Value, out map[string]any, depth int) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fv := v.Field(i)
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				if fv.IsNil() {
					continue
				}
				ft, fv = ft.Elem(), fv.Elem()
			}
			if ft.Kind() == reflect.Struct {
				inner := map[string]any{}
				if err := structFields(fv, inner, depth+1); err != nil {
					return err
				}
				defer func() {
					for k, x := range inner {
						if _, taken := out[k]; !taken {
							out[k] = x
						}
					}
				}()
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if hasOpt(opts, "omitzero") && fv.IsZero() || hasOpt(opts, "omitempty") && emptyJSON(fv) {
			continue
		}
		x, err := finiteTree(fv, depth+1)
		if err != nil {
			return err
		}
		if hasOpt(opts, "string") && x != nil {
			switch fv.Kind() {
			case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
				x = fmt.Sprint(x)
			}
		}
		out[name] = x
	}
	return nil
}

func hasOpt(opts, name string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == name {
			return true
		}
	}
	return false
}

// emptyJSON reports whether omitempty leaves v out.
func emptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return v.IsZero() && v.Kind() != reflect.Struct
}

// mapKey writes a map key the way encoding/json does: strings as they are, values
// with MarshalText through it, integers in decimal.
func mapKey(k reflect.Value) (string, error) {
	if k.Kind() == reflect.String {
		return k.String(), nil
	}
	if tm, ok := k.Interface().(interface{ MarshalText() ([]byte, error) }); ok {
		b, err := tm.MarshalText()
		return string(b), err
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10), nil
	}
	return "", fmt.Errorf("json: unsupported map key type %s", k.Type())
}
