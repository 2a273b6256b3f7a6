package runner

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/sluice-dev/sluice/third_party/vega"
)

// mimeVegaLite is the MIME type of the Vega-Lite 5 specs display's charts carry.
const mimeVegaLite = "application/vnd.vegalite.v5+json"

// vegaChart renders a Vega-Lite output as a placeholder that the report's script turns
// into an interactive chart: the spec travels in a JSON script element (json.Marshal
// escapes <, > and &, so it cannot close the element), and the static picture stays
// inside until the chart is drawn, so a browser without JavaScript still shows it.
func vegaChart(spec any, static string) (string, bool) {
	raw, err := json.Marshal(spec)
	if err != nil || !bytes.HasPrefix(raw, []byte("{")) {
		return "", false
	}
	return `<div class="vega-chart"><script type="application/json" class="vega-spec">` + string(raw) +
		`</script>` + static + `</div>`, true
}

// vegaInit draws every chart of the report with vega-embed into a detached element and
// swaps it for the static picture in one step once drawn; a chart that fails to draw
// keeps the picture and says why on the console. The report has no actions menu: its
// charts are already files of their own.
const vegaInit = `(function () {
  for (const el of document.querySelectorAll('div.vega-chart')) {
    const script = el.querySelector('script.vega-spec');
    const target = document.createElement('div');
    vegaEmbed(target, JSON.parse(script.textContent), {renderer: 'svg', actions: false})
      .then(function () { el.replaceChildren(script, target); })
      .catch(function (e) { console.warn('chart not drawn: ' + e); });
  }
})();`

// vegaCSS keeps vega-embed's own layout in the report's content column.
const vegaCSS = `.vega-chart{position:relative}.vega-chart .vega-embed{display:inline-block}.vega-chart .vega-embed svg{max-width:none}`

// writeVegaScripts inlines the renderer (Vega, Vega-Lite and vega-embed, once per page)
// and the script that draws the charts, when body holds any.
func writeVegaScripts(b *bytes.Buffer, body []byte) {
	if !bytes.Contains(body, []byte(`<div class="vega-chart">`)) {
		return
	}
	b.WriteString("<style>" + vegaCSS + "</style>\n")
	for _, s := range vega.Scripts() {
		b.WriteString("<script>")
		b.WriteString(strings.TrimSpace(s))
		b.WriteString("</script>\n")
	}
	b.WriteString("<script>" + vegaInit + "</script>\n")
}
