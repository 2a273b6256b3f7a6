package display

import (
	"encoding/json"
	"errors"
	"fmt"
)

// MIMEScrapJSON is the MIME type scrapbook reads JSON-encoded scraps from.
const MIMEScrapJSON = "application/scrapbook.scrap.json+json"

// Glue records value under name in the notebook's output in scrapbook's format, so
// Python tooling (scrapbook.read_notebook(path).scraps, and the sluice runner's summary)
// can read results back from an executed Go notebook. value must marshal to JSON; NaN
// and ±Inf floats anywhere in it, which JSON cannot express, are recorded as null.
func Glue(name string, value any) error {
	b, err := GlueBundle(name, value)
	if err != nil {
		return err
	}
	return publish(b, "", false)
}

// GlueBundle returns the bundle Glue displays: the scrap payload
// {"name", "data", "encoder": "json", "version": 1} under MIMEScrapJSON, a text/plain
// line, and scrapbook's metadata {"scrapbook": {"name", "data": true, "display": false}}.
func GlueBundle(name string, value any) (Bundle, error) {
	if name == "" {
		return Bundle{}, errors.New("glue: the scrap needs a name")
	}
	raw, err := marshalFinite(value)
	if err != nil {
		return Bundle{}, fmt.Errorf("glue %q: value is not JSON-encodable: %w", name, err)
	}
	payload := map[string]any{
		"name":    name,
		"data":    json.RawMessage(raw),
		"encoder": "json",
		"version": 1,
	}
	return Bundle{
		Data: map[string]any{
			MIMEScrapJSON: payload,
			MIMEText:      name + " = " + shorten(string(raw), 200),
		},
		Metadata: map[string]any{
			"scrapbook": map[string]any{"name": name, "data": true, "display": false},
		},
	}, nil
}
