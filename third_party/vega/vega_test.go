package vega

import (
	"strings"
	"testing"
)

// TestScripts checks the embedded builds are the versions README.md names, are safe to
// inline, and lost their source-map comments.
func TestScripts(t *testing.T) {
	s := Scripts()
	if len(s) != 3 {
		t.Fatalf("%d scripts, want 3", len(s))
	}
	for i, want := range []string{`version="` + VegaVersion + `"`, VegaLiteVersion, VegaEmbedVersion} {
		if !strings.Contains(s[i], want) {
			t.Errorf("script %d does not hold %q", i, want)
		}
		low := strings.ToLower(s[i])
		if strings.Contains(low, "</script") || strings.Contains(low, "<!--") {
			t.Errorf("script %d cannot be inlined in <script>", i)
		}
		if strings.Contains(s[i], "sourceMappingURL") {
			t.Errorf("script %d still names a source map", i)
		}
	}
}
