package runner

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Notebook is an nbformat 4 notebook. Fields the runner does not interpret are kept as
// they were read, so writing a notebook back changes only what the run changed.
type Notebook struct {
	Cells    []*Cell
	Metadata map[string]any
	Format   int // nbformat
	Minor    int // nbformat_minor
	extra    map[string]any
}

// Cell is one notebook cell. Source is joined into one string; Outputs hold nbformat
// output dictionaries with multi-line text joined.
type Cell struct {
	ID             string
	Type           string // "code", "markdown" or "raw"
	Source         string
	Metadata       map[string]any
	Outputs        []map[string]any
	ExecutionCount *int
	extra          map[string]any
}

// Tags returns the cell's metadata.tags.
func (c *Cell) Tags() []string {
	raw, _ := c.Metadata["tags"].([]any)
	tags := make([]string, 0, len(raw))
	for _, t := range raw {
		if s, ok := t.(string); ok {
			tags = append(tags, s)
		}
	}
	return tags
}

// HasTag reports whether the cell carries tag.
func (c *Cell) HasTag(tag string) bool {
	for _, t := range c.Tags() {
		if t == tag {
			return true
		}
	}
	return false
}

// ReadNotebook reads and validates an nbformat 4 notebook file.
func ReadNotebook(path string) (*Notebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := ParseNotebook(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return nb, nil
}

// ParseNotebook decodes an nbformat 4 notebook. Notebooks older than 4.5 get cell ids.
func ParseNotebook(data []byte) (*Notebook, error) {
	var top map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("not a notebook: invalid JSON: %w", err)
	}
	major, ok := intOf(top["nbformat"])
	if !ok {
		return nil, errors.New("not a notebook: no nbformat field")
	}
	if major < 4 {
		return nil, fmt.Errorf("nbformat %d is too old: convert it with 'jupyter nbconvert --to notebook --nbformat 4'", major)
	}
	if major > 4 {
		return nil, fmt.Errorf("nbformat %d is not supported (only 4.x)", major)
	}
	minor, _ := intOf(top["nbformat_minor"])
	nb := &Notebook{Format: major, Minor: minor, extra: map[string]any{}}
	nb.Metadata, _ = normalize(top["metadata"]).(map[string]any)
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	rawCells, _ := top["cells"].([]any)
	if top["cells"] != nil && rawCells == nil {
		return nil, errors.New("not a notebook: cells is not a list")
	}
	for k, v := range top {
		switch k {
		case "cells", "metadata", "nbformat", "nbformat_minor":
		default:
			nb.extra[k] = normalize(v)
		}
	}
	seen := map[string]bool{}
	for i, rc := range rawCells {
		m, ok := normalize(rc).(map[string]any)
		if !ok {
			return nil, fmt.Errorf("cell %d is not an object", i)
		}
		c := &Cell{extra: map[string]any{}}
		c.Type, _ = m["cell_type"].(string)
		if c.Type == "" {
			return nil, fmt.Errorf("cell %d has no cell_type", i)
		}
		c.ID, _ = m["id"].(string)
		c.Source = joinText(m["source"])
		c.Metadata, _ = m["metadata"].(map[string]any)
		if c.Metadata == nil {
			c.Metadata = map[string]any{}
		}
		if outs, ok := m["outputs"].([]any); ok {
			for _, o := range outs {
				if om, ok := o.(map[string]any); ok {
					c.Outputs = append(c.Outputs, rejoinOutput(om))
				}
			}
		}
		if n, ok := intOf(m["execution_count"]); ok {
			c.ExecutionCount = &n
		}
		for k, v := range m {
			switch k {
			case "cell_type", "id", "source", "metadata", "outputs", "execution_count":
			default:
				c.extra[k] = v
			}
		}
		if c.ID == "" || seen[c.ID] {
			c.ID = NewCellID()
		}
		seen[c.ID] = true
		nb.Cells = append(nb.Cells, c)
	}
	if nb.Minor < 5 {
		nb.Minor = 5
	}
	return nb, nil
}

// NewCellID returns a fresh random cell id (nbformat 4.5).
func NewCellID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Marshal encodes the notebook the way nbformat writes it: one-space indent, sorted keys,
// multi-line text split into lists of lines, no ASCII escaping, a trailing newline.
func (nb *Notebook) Marshal() ([]byte, error) {
	top := withExtra(nb.extra)
	top["nbformat"] = nb.Format
	top["nbformat_minor"] = nb.Minor
	top["metadata"] = nb.Metadata
	cells := make([]any, 0, len(nb.Cells))
	for _, c := range nb.Cells {
		m := withExtra(c.extra)
		m["cell_type"] = c.Type
		m["id"] = c.ID
		m["metadata"] = c.Metadata
		m["source"] = splitLines(c.Source)
		if c.Type == "code" {
			outs := make([]any, 0, len(c.Outputs))
			for _, o := range c.Outputs {
				outs = append(outs, splitOutput(o))
			}
			m["outputs"] = outs
			if c.ExecutionCount != nil {
				m["execution_count"] = *c.ExecutionCount
			} else {
				m["execution_count"] = nil
			}
		}
		cells = append(cells, m)
	}
	top["cells"] = cells
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(top); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteFile writes the notebook atomically: to a temporary file in the same directory,
// then renamed over path, so a reader never sees a half-written notebook. It replaces
// only a regular file: when path is a device, a FIFO, a directory or a symbolic link,
// it fails and leaves path as it was.
func (nb *Notebook) WriteFile(path string) error {
	data, err := nb.Marshal()
	if err != nil {
		return err
	}
	return writeAtomic(path, data)
}

func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	// Checked again right before the rename: the path may have changed since the run began.
	if err := checkReplaceable(path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// KernelName returns metadata.kernelspec.name, or "".
func (nb *Notebook) KernelName() string {
	ks, _ := nb.Metadata["kernelspec"].(map[string]any)
	name, _ := ks["name"].(string)
	return name
}

// normalize turns json.Number values into int64 or float64, recursively.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
		return x
	}
	return v
}

func intOf(v any) (int, bool) {
	switch x := v.(type) {
	case json.Number:
		i, err := x.Int64()
		return int(i), err == nil
	case int64:
		return int(x), true
	case int:
		return x, true
	case float64:
		return int(x), x == float64(int(x))
	}
	return 0, false
}

// joinText joins nbformat's list-of-lines text into one string.
func joinText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var b strings.Builder
		for _, e := range x {
			if s, ok := e.(string); ok {
				b.WriteString(s)
			}
		}
		return b.String()
	}
	return ""
}

// splitLines splits text after each newline, keeping the newlines, as nbformat does.
func splitLines(s string) []string {
	lines := []string{}
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

func isJSONMime(mime string) bool {
	return mime == "application/json" || strings.HasSuffix(mime, "+json")
}

func splitsMime(mime string) bool {
	return strings.HasPrefix(mime, "text/") || mime == "image/svg+xml" || mime == "application/javascript"
}

// rejoinOutput joins list-of-lines fields of an output read from a file.
func rejoinOutput(o map[string]any) map[string]any {
	if t, ok := o["text"].([]any); ok {
		o["text"] = joinText(t)
	}
	if data, ok := o["data"].(map[string]any); ok {
		for k, v := range data {
			if !isJSONMime(k) {
				if l, ok := v.([]any); ok {
					data[k] = joinText(l)
				}
			}
		}
	}
	return o
}

// splitOutput returns a copy of o with multi-line text split the way nbformat writes it.
func splitOutput(o map[string]any) map[string]any {
	out := make(map[string]any, len(o))
	for k, v := range o {
		out[k] = v
	}
	if s, ok := o["text"].(string); ok && o["output_type"] == "stream" {
		out["text"] = splitLines(s)
	}
	if data, ok := o["data"].(map[string]any); ok {
		d := make(map[string]any, len(data))
		for k, v := range data {
			if s, ok := v.(string); ok && splitsMime(k) {
				d[k] = splitLines(s)
			} else {
				d[k] = v
			}
		}
		out["data"] = d
	}
	return out
}

// withExtra starts a JSON object with the fields a notebook or cell carried that the
// runner does not model, so writing it keeps them.
func withExtra(extra map[string]any) map[string]any {
	m := make(map[string]any, len(extra)+8)
	for k, v := range extra {
		m[k] = v
	}
	return m
}
