package ml

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
)

// A model read from storage is untrusted input: a payload that is valid JSON can still
// name a feature the model does not have, point a tree at a node that does not exist or
// hold arrays of different lengths, and scoring such a model would index out of range.
// Validate checks everything scoring relies on, so a bad model is refused with an error
// that says what is wrong before any row is scored.

// maxTreeDepth bounds a tree's depth: trained trees stay far below it, and the scorer
// walks trees recursively when it lays them out.
const maxTreeDepth = 1 << 14

// Validate reports whether m is consistent enough to score: its feature list matches its
// Prep, and every coefficient, tree node and index agrees with that many features. Load,
// DecodeModel, Predict and Score call it.
func Validate(m Model) error {
	var err error
	switch m := m.(type) {
	case nil:
		return errors.New("ml: no model")
	case *Logistic:
		err = m.validate()
	case *GBDT:
		err = m.validate()
	case *Forest:
		err = m.validate()
	default:
		return nil // a model from elsewhere checks itself
	}
	if err != nil {
		return fmt.Errorf("ml: the %s model is inconsistent: %w", m.Name(), err)
	}
	return nil
}

// validate checks that the indicators name inputs and that features are the prepared
// columns.
func (p Prep) validate(features []string) error {
	for _, name := range p.Indicators {
		if indexOf(p.Inputs, name) < 0 {
			return fmt.Errorf("prep has a missing-value indicator for %q, which is not one of its inputs [%s]", name, strings.Join(p.Inputs, ", "))
		}
	}
	cols := p.Columns()
	if len(cols) != len(features) {
		return fmt.Errorf("it lists %d features [%s] but its prep makes %d columns [%s]", len(features),
			strings.Join(features, ", "), len(cols), strings.Join(cols, ", "))
	}
	for i := range cols {
		if cols[i] != features[i] {
			return fmt.Errorf("feature %d is %q but its prep makes %q there", i, features[i], cols[i])
		}
	}
	return nil
}

func (m *Logistic) validate() error {
	if err := m.DataPrep.validate(m.Features); err != nil {
		return err
	}
	p := len(m.Features)
	for _, a := range []struct {
		name string
		v    []float64
	}{{"rawCoef", m.RawCoef}, {"coef", m.Coef}, {"mean", m.Mean}, {"scale", m.Scale}} {
		if len(a.v) != p {
			return fmt.Errorf("%s has %d entries for %d features", a.name, len(a.v), p)
		}
		if i := firstNonFinite(a.v); i >= 0 {
			return fmt.Errorf("%s[%d] is %g", a.name, i, a.v[i])
		}
	}
	if math.IsNaN(m.RawIntercept) || math.IsInf(m.RawIntercept, 0) {
		return fmt.Errorf("rawIntercept is %g", m.RawIntercept)
	}
	return nil
}

func (m *GBDT) validate() error {
	if err := m.DataPrep.validate(m.Features); err != nil {
		return err
	}
	if len(m.Gain) != len(m.Features) {
		return fmt.Errorf("gain has %d entries for %d features", len(m.Gain), len(m.Features))
	}
	if math.IsNaN(m.Base) || math.IsInf(m.Base, 0) {
		return fmt.Errorf("base is %g", m.Base)
	}
	return validateTrees(m.Feature, m.Threshold, m.Left, m.Value, m.Roots, len(m.Features))
}

func (f *Forest) validate() error {
	if err := f.DataPrep.validate(f.Features); err != nil {
		return err
	}
	if len(f.Gain) != len(f.Features) {
		return fmt.Errorf("gain has %d entries for %d features", len(f.Gain), len(f.Features))
	}
	if len(f.Roots) == 0 {
		return errors.New("it has no trees")
	}
	if err := validateTrees(f.Feature, f.Threshold, f.Left, f.Value, f.Roots, len(f.Features)); err != nil {
		return err
	}
	// A forest's leaf holds its positive rate (0…1) divided by the number of trees, so
	// every score is a probability; anything else is not a forest (a GBDT's leaf values
	// are log-odds steps, often negative).
	top := 1/float64(len(f.Roots)) + 1e-9
	for k, ft := range f.Feature {
		if ft < 0 && (f.Value[k] < 0 || f.Value[k] > top) {
			return fmt.Errorf("leaf %d holds %g, outside [0, 1/%d trees]: forest leaves hold positive rates (is the payload of another model kind?)",
				k, f.Value[k], len(f.Roots))
		}
	}
	return nil
}

// validateTrees checks flat trees as GBDT and Forest store them: arrays of one length;
// tree t occupies nodes [roots[t], roots[t+1]) (the last up to the end), starting at its
// root; a split node k tests a feature in [0, cols) and has its children at left[k] and
// left[k]+1, after k and inside its tree (so walks end); leaves have feature −1; depths
// stay below maxTreeDepth; thresholds and values are finite.
func validateTrees(feature []int32, threshold []float64, left []int32, value []float64, roots []int32, cols int) error {
	n := len(feature)
	if len(threshold) != n || len(left) != n || len(value) != n {
		return fmt.Errorf("its node arrays have different lengths (feature %d, threshold %d, left %d, value %d): truncated?",
			n, len(threshold), len(left), len(value))
	}
	if len(roots) == 0 {
		if n != 0 {
			return fmt.Errorf("it has %d nodes but no trees", n)
		}
		return nil
	}
	if roots[0] != 0 {
		return fmt.Errorf("its first tree starts at node %d, not 0", roots[0])
	}
	for t, r := range roots {
		if int(r) < 0 || int(r) >= n {
			return fmt.Errorf("tree %d has its root at node %d; there are %d nodes", t, r, n)
		}
		if t > 0 && r <= roots[t-1] {
			return fmt.Errorf("tree %d starts at node %d, not after tree %d (node %d)", t, r, t-1, roots[t-1])
		}
	}
	if i := firstNonFinite(threshold); i >= 0 {
		return fmt.Errorf("node %d has threshold %g", i, threshold[i])
	}
	if i := firstNonFinite(value); i >= 0 {
		return fmt.Errorf("node %d has value %g", i, value[i])
	}
	depth := make([]int32, n)
	for t := len(roots) - 1; t >= 0; t-- {
		start, end := int(roots[t]), n
		if t+1 < len(roots) {
			end = int(roots[t+1])
		}
		// Children come after their parent, so depths are known walking backwards.
		for k := end - 1; k >= start; k-- {
			f := feature[k]
			if f < 0 {
				if f != -1 {
					return fmt.Errorf("node %d has feature index %d (a leaf has −1)", k, f)
				}
				continue
			}
			if int(f) >= cols {
				return fmt.Errorf("node %d splits on feature index %d, but the model has %d features", k, f, cols)
			}
			l := int(left[k])
			if l <= k || l+1 >= end {
				return fmt.Errorf("node %d of tree %d has children %d and %d, outside nodes %d…%d after it", k, t, l, l+1, k+1, end-1)
			}
			depth[k] = 1 + max(depth[l], depth[l+1])
			if depth[k] > maxTreeDepth {
				return fmt.Errorf("tree %d is deeper than %d levels", t, maxTreeDepth)
			}
		}
	}
	return nil
}

func firstNonFinite(v []float64) int {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return i
		}
	}
	return -1
}

// payloadFields lists, per model kind, the payload fields that must be present: a
// payload of another kind lacks some of them or has fields this kind does not know.
var payloadFields = map[string][]string{
	"logistic": {"coef", "rawCoef", "rawIntercept", "mean", "scale", "features", "prep"},
	"gbdt":     {"base", "roots", "feature", "threshold", "left", "value", "features", "prep"},
	"forest":   {"roots", "feature", "threshold", "left", "value", "features", "prep"},
}

// decodeStrict decodes payload into m, refusing a payload that lacks one of kind's
// required fields or has a field m does not have.
func decodeStrict(kind string, payload []byte, m Model) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(payload, &fields); err != nil {
		return fmt.Errorf("decode %s model: %w", kind, err)
	}
	var lacking []string
	for _, f := range payloadFields[kind] {
		if _, ok := fields[f]; !ok {
			lacking = append(lacking, f)
		}
	}
	if len(lacking) > 0 {
		sort.Strings(lacking)
		return fmt.Errorf("the payload is not a %s model: it lacks %s (does model.json name the right kind?)", kind, strings.Join(lacking, ", "))
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(m); err != nil {
		if strings.Contains(err.Error(), "unknown field") {
			return fmt.Errorf("the payload is not a %s model: %v (does model.json name the right kind?)", kind, err)
		}
		return fmt.Errorf("decode %s model: %w", kind, err)
	}
	return nil
}
