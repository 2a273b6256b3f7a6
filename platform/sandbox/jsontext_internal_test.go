package sandbox

import (
	"strings"
	"testing"
)

// TestJSONOutStyles checks sluice_json_out's styles against PostgreSQL 15's text (the
// differential corpus json.sql compares them with a real server).
func TestJSONOutStyles(t *testing.T) {
	for _, c := range []struct{ in, style, want string }{
		{`{"b":1,  "a":2, "a":3}`, "json", `{"b":1,  "a":2, "a":3}`},
		{`{"b":1,  "a":2, "a":3}`, "jsonb", `{"a": 3, "b": 1}`},
		{`null`, "json", `null`},
		{`null`, "jsonb", `null`},
		{`{"a":1,"b":[1,2]}`, "object", `{"a" : 1, "b" : [1,2]}`},
		{`{"a":1,"b":2}`, "object_agg", `{ "a" : 1, "b" : 2 }`},
		{`[1,"x",null]`, "array", `[1, "x", null]`},
		{`[{"a":1},{"a":2},3]`, "agg", "[{\"a\":1}, \n {\"a\":2}, 3]"},
		{`[{"b":1,"a":2},[1,2]]`, "agg_json", `[{"b":1,"a":2}, [1,2]]`},
		{`[{"b":1,"a":2},[1,2]]`, "agg_jsonb", `[{"a": 2, "b": 1}, [1, 2]]`},
		{`{"a" : "<é>" , "b":[ 1 ]}`, "compact", `{"a":"<é>","b":[1]}`},
	} {
		got, err := jsonOut(c.in, c.style)
		if err != nil || got != c.want {
			t.Errorf("jsonOut(%q, %s) = %q, %v; want %q", c.in, c.style, got, err, c.want)
		}
	}
	if _, err := jsonOut(`{bad`, "json"); err == nil || !strings.Contains(err.Error(), "invalid input syntax for type json") {
		t.Errorf("invalid json: %v", err)
	}
	deep := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	if got, err := jsonOut(deep, "json"); err != nil || got != deep {
		t.Errorf("deep json as stored: %v", err)
	}
}
