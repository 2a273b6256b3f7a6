package display

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"
)

type jsonInner struct {
	W float64 `json:"w"`
	V string
}

type jsonOuter struct {
	X      float64         `json:"x"`
	Y      float64         `json:"y,omitempty"`
	Z      *float64        `json:"z"`
	N      int             `json:"n,string"`
	T      time.Time       `json:"t"`
	Skip   float64         `json:"-"`
	M      map[int]float32 `json:"m"`
	B      []byte          `json:"b"`
	L      []any           `json:"l"`
	E      []string        `json:"e,omitempty"`
	Nested map[string]*jsonInner
	hidden float64
	jsonInner
}

// TestJSONNonFinite checks that NaN and ±Inf anywhere in a value become null in
// display.JSON's application/json (and the rest is what encoding/json writes), where
// json.Marshal fails on the whole value.
func TestJSONNonFinite(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	z := math.Inf(-1)
	build := func(bad bool) jsonOuter {
		pick := func(f float64) float64 {
			if bad {
				return f
			}
			return 0
		}
		zp := &z
		if !bad {
			zero := 0.0
			zp = &zero
		}
		return jsonOuter{X: pick(nan), Y: 3, Z: zp, N: 7, T: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Skip: nan,
			M: map[int]float32{1: float32(pick(inf)), 2: 2}, B: []byte("hi"), L: []any{1, pick(nan), "s"},
			Nested: map[string]*jsonInner{"k": {W: pick(-inf), V: "v"}, "nil": nil}, hidden: nan,
			jsonInner: jsonInner{W: pick(nan), V: "inner"}}
	}
	if _, err := json.Marshal(build(true)); err == nil {
		t.Fatal("encoding/json accepted NaN; the test proves nothing")
	}
	got := decoded(t, JSON(build(true)))
	want := decoded(t, JSON(build(false)))
	// Where the finite value holds 0, the non-finite one holds null.
	for _, path := range [][]any{{"x"}, {"z"}, {"m", "1"}, {"l", 1}, {"Nested", "k", "w"}, {"w"}} {
		setPath(want, path, nil)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("JSON with NaN/Inf:\n got %v\nwant %v", got, want)
	}

	if v := decoded(t, JSON([]float64{1, nan, -inf})); !reflect.DeepEqual(v, []any{1.0, nil, nil}) {
		t.Fatalf("slice: %v", v)
	}
	if v := decoded(t, JSON(nan)); v != nil {
		t.Fatalf("bare NaN: %v", v)
	}
	// A value that is wrong for other reasons still shows the error.
	if b := JSON(map[string]any{"f": func() {}}); b.Data[MIMEJSON] != nil {
		t.Fatalf("a func marshalled: %v", b.Data)
	}
}

// decoded returns the application/json of b, checked to be valid JSON, decoded.
func decoded(t *testing.T, b Bundle) any {
	t.Helper()
	raw, ok := b.Data[MIMEJSON].(json.RawMessage)
	if !ok {
		t.Fatalf("no application/json: %v", b.Data)
	}
	if !json.Valid(raw) {
		t.Fatalf("invalid JSON: %s", raw)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func setPath(v any, path []any, x any) {
	for i, p := range path {
		last := i == len(path)-1
		switch k := p.(type) {
		case string:
			m := v.(map[string]any)
			if last {
				m[k] = x
				return
			}
			v = m[k]
		case int:
			s := v.([]any)
			if last {
				s[k] = x
				return
			}
			v = s[k]
		}
	}
}
