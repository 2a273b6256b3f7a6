package ml

import "github.com/sluice-dev/sluice/display"

// tableBundle renders t with display's table rendering (HTML and text).
func tableBundle(t *display.Table) display.Bundle { return t.Bundle() }
