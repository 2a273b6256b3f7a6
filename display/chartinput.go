package display

import (
	"errors"
	"fmt"
)

func checkPairs(aName string, a int, bName string, b int) error {
	if a != b {
		return fmt.Errorf("%d %s but %d %s; they must match", a, aName, b, bName)
	}
	if a == 0 {
		return fmt.Errorf("no %s given", aName)
	}
	return nil
}

func defaultLabels(o *ChartOptions, x, y string) {
	if o.XLabel == "" {
		o.XLabel = x
	}
	if o.YLabel == "" {
		o.YLabel = y
	}
}

func tableFloats(t *Table, col string) ([]float64, error) {
	if t == nil {
		return nil, errors.New("nil table")
	}
	c, err := t.Column(col)
	if err != nil {
		return nil, err
	}
	if k := c.Kind(); k != KindFloat && k != KindInt && k != KindBool {
		return nil, fmt.Errorf("column %q is %s, not numeric", col, c.TypeName())
	}
	return append([]float64(nil), c.Floats()...), nil
}

func tableStrings(t *Table, col string) ([]string, error) {
	if t == nil {
		return nil, errors.New("nil table")
	}
	c, err := t.Column(col)
	if err != nil {
		return nil, err
	}
	out := make([]string, c.Len())
	for i := range out {
		if c.IsNull(i) {
			out[i] = "NULL"
		} else {
			out[i] = c.Text(i)
		}
	}
	return out, nil
}
