package display

import (
	"math"
	"strings"
	"testing"
)

func TestGlueScrapbookFormat(t *testing.T) {
	r := &recorder{}
	withPublisher(t, r)
	if err := Glue("auc", map[string]any{"value": 0.873, "model": "gbm"}); err != nil {
		t.Fatal(err)
	}
	if len(r.msgs) != 1 || r.msgs[0].update || r.msgs[0].id != "" {
		t.Fatalf("Glue published %+v; want one plain display_data", r.msgs)
	}
	b := r.msgs[0].b
	data := wireJSON(t, b.Data)
	scrap, ok := data["application/scrapbook.scrap.json+json"].(map[string]any)
	if !ok {
		t.Fatalf("no scrap payload object in %v", data)
	}
	if scrap["name"] != "auc" || scrap["encoder"] != "json" || scrap["version"] != float64(1) {
		t.Errorf("payload header = %v", scrap)
	}
	if d := scrap["data"].(map[string]any); d["value"] != 0.873 || d["model"] != "gbm" {
		t.Errorf("payload data = %v", scrap["data"])
	}
	if len(scrap) != 4 {
		t.Errorf("payload has extra fields: %v", scrap)
	}
	if txt := data[MIMEText].(string); !strings.HasPrefix(txt, "auc = ") {
		t.Errorf("text/plain = %q", txt)
	}
	md := wireJSON(t, b.Metadata)["scrapbook"].(map[string]any)
	if md["name"] != "auc" || md["data"] != true || md["display"] != false {
		t.Errorf("metadata = %v", md)
	}
}

func TestGlueRejectsBadInput(t *testing.T) {
	withPublisher(t, &recorder{})
	if err := Glue("", 1); err == nil {
		t.Error("empty name accepted")
	}
	if err := Glue("ch", make(chan int)); err == nil || !strings.Contains(err.Error(), `glue "ch"`) {
		t.Errorf("unencodable value: %v", err)
	}
	// Scalars are valid scraps too.
	b, err := GlueBundle("rows", 1064337)
	if err != nil {
		t.Fatal(err)
	}
	if d := wireJSON(t, b.Data)[MIMEScrapJSON].(map[string]any)["data"]; d != float64(1064337) {
		t.Errorf("scalar data = %v", d)
	}
}

// TestGlueNonFiniteFloats checks that a scrap holding NaN or ±Inf (a metric over an empty
// set, a ratio by zero) is recorded with null in their place instead of failing.
func TestGlueNonFiniteFloats(t *testing.T) {
	type metrics struct {
		AUC   float64   `json:"auc"`
		Lifts []float64 `json:"lifts"`
	}
	nan, inf := math.NaN(), math.Inf(1)
	b, err := GlueBundle("m", map[string]any{"m": metrics{AUC: nan, Lifts: []float64{1.5, inf, -inf}}, "ok": 2.0})
	if err != nil {
		t.Fatal(err)
	}
	data := wireJSON(t, b.Data)[MIMEScrapJSON].(map[string]any)["data"].(map[string]any)
	m := data["m"].(map[string]any)
	lifts := m["lifts"].([]any)
	if m["auc"] != nil || len(lifts) != 3 || lifts[0] != 1.5 || lifts[1] != nil || lifts[2] != nil || data["ok"] != 2.0 {
		t.Errorf("scrap data = %v", data)
	}
	if _, err := GlueBundle("x", nan); err != nil {
		t.Errorf("a bare NaN: %v", err)
	}
}
