// Package vega embeds the minified Vega, Vega-Lite and vega-embed builds (see README.md
// for their versions and licenses), so a standalone HTML page can render Vega-Lite specs
// with no network access.
package vega

import (
	_ "embed"
	"regexp"
)

// Versions of the embedded packages.
const (
	VegaVersion      = "5.33.1"
	VegaLiteVersion  = "5.23.0"
	VegaEmbedVersion = "6.29.0"
)

var (
	//go:embed vega.min.js
	vegaJS string
	//go:embed vega-lite.min.js
	vegaLiteJS string
	//go:embed vega-embed.min.js
	vegaEmbedJS string
)

// sourceMap matches the source-map comment the builds end with: the maps are not shipped,
// so a browser's developer tools must not go looking for them.
var sourceMap = regexp.MustCompile(`(?m)^//# sourceMappingURL=.*$`)

// Scripts returns the three scripts in load order (vega, vega-lite, vega-embed), each
// safe to place inside an HTML <script> element: none holds "</script".
func Scripts() []string {
	return []string{
		sourceMap.ReplaceAllString(vegaJS, ""),
		sourceMap.ReplaceAllString(vegaLiteJS, ""),
		sourceMap.ReplaceAllString(vegaEmbedJS, ""),
	}
}
