package ml

import (
	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

// tableBundle renders t with display's table rendering (HTML and text).
func tableBundle(t *table.Table) display.Bundle { return display.TableBundle(t) }
