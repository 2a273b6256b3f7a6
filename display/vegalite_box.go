package display

// BoxStats are the numbers of one box of a box plot.
type BoxStats struct {
	Name                        string
	Min, WhiskerLow, Q1, Median float64
	Q3, WhiskerHigh, Max        float64
}

// WithBoxPlotSpec gives a box plot drawn by hand (Plot of a gonum plot of
// plotter.BoxPlot values) its interactive Vega-Lite form: one box per entry of boxes,
// coloured in series order, the extremes beyond the whiskers as dots, titled and
// labelled as o says. Call it before the chart is displayed.
func (c *Chart) WithBoxPlotSpec(boxes []BoxStats, o ChartOptions) *Chart {
	boxes = append([]BoxStats(nil), boxes...)
	c.vl = func() obj { return boxSpec(boxes, o, c.width, c.height) }
	return c
}

func boxSpec(boxes []BoxStats, o ChartOptions, width, height int) obj {
	if len(boxes) == 0 {
		return nil
	}
	names := make([]string, len(boxes))
	var rows, extremes []any
	for i, b := range boxes {
		names[i] = b.Name
		rows = append(rows, obj{"name": b.Name, "min": vlNum(b.Min), "lo": vlNum(b.WhiskerLow), "q1": vlNum(b.Q1),
			"median": vlNum(b.Median), "q3": vlNum(b.Q3), "hi": vlNum(b.WhiskerHigh), "max": vlNum(b.Max)})
		if b.Min < b.WhiskerLow {
			extremes = append(extremes, obj{"name": b.Name, "v": vlNum(b.Min), "what": "minimum"})
		}
		if b.Max > b.WhiskerHigh {
			extremes = append(extremes, obj{"name": b.Name, "v": vlNum(b.Max), "what": "maximum"})
		}
	}
	x := obj{"field": "name", "type": "nominal", "sort": names, "axis": obj{"title": vlTitle(o.XLabel), "ticks": false, "labelAngle": 0}}
	yAxis := vlValueAxis(o.YLabel)
	y := func(f string) obj {
		return obj{"field": f, "type": "quantitative", "axis": yAxis, "scale": obj{"zero": false}}
	}
	colour := vlSeriesColor(names, nil)
	colour["field"] = "name"
	colour["legend"] = nil
	tips := []any{vlTip("name", "column")}
	for _, f := range []struct{ field, title string }{{"max", "max"}, {"hi", "upper whisker"}, {"q3", "q3"},
		{"median", "median"}, {"q1", "q1"}, {"lo", "lower whisker"}, {"min", "min"}} {
		tips = append(tips, vlTip(f.field+"_text", f.title))
	}
	s := vlBase(o.Title, "", width, height)
	s["data"] = vlRows(rows)
	s["transform"] = vlText("min", "lo", "q1", "median", "q3", "hi", "max")
	layers := []any{
		obj{"mark": obj{"type": "rule", "color": vlInk}, "params": []any{vlZoom("y")},
			"encoding": obj{"x": x, "y": y("lo"), "y2": obj{"field": "hi"}, "tooltip": tips}},
		obj{"mark": obj{"type": "bar", "size": 40, "stroke": vlInk, "strokeWidth": 1},
			"encoding": obj{"x": x, "y": y("q1"), "y2": obj{"field": "q3"}, "color": colour, "tooltip": tips}},
		obj{"mark": obj{"type": "tick", "size": 40, "color": vlInk, "thickness": 2},
			"encoding": obj{"x": x, "y": y("median"), "tooltip": tips}},
	}
	if len(extremes) > 0 {
		layers = append(layers, obj{"data": vlRows(extremes), "transform": vlText("v"),
			"mark":     obj{"type": "circle", "size": 30, "color": vlInk},
			"encoding": obj{"x": x, "y": y("v"), "tooltip": []any{vlTip("name", "column"), vlTip("what", "extreme"), vlTip("v_text", "value")}}})
	}
	s["layer"] = layers
	return s
}
