package kernel

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/sluice-dev/sluice/display"
)

// render returns the richest MIME bundle of a cell's value (display.Render).
func render(v any) display.Bundle { return display.Render(v) }

// bundleData converts a bundle's data into what goes on the wire: []byte values of
// binary types are base64 text, of text types plain text, and of JSON types the JSON
// they hold.
func bundleData(b display.Bundle) map[string]any {
	out := make(map[string]any, len(b.Data))
	for mime, v := range b.Data {
		raw, ok := v.([]byte)
		if !ok {
			out[mime] = v
			continue
		}
		switch {
		case isJSONMIME(mime) && json.Valid(raw):
			out[mime] = json.RawMessage(raw)
		case strings.HasPrefix(mime, "text/") || mime == display.MIMESVG:
			out[mime] = string(raw)
		default:
			out[mime] = base64.StdEncoding.EncodeToString(raw)
		}
	}
	return out
}

func isJSONMIME(mime string) bool {
	return mime == display.MIMEJSON || strings.HasSuffix(mime, "+json")
}

func bundleMetadata(b display.Bundle) map[string]any {
	if b.Metadata == nil {
		return map[string]any{}
	}
	return b.Metadata
}
