package runner

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// pythonSource returns an injected-parameters cell for a Python kernel: one assignment per
// parameter, values written as Python literals (-p strings are typed the way papermill
// types them: ints, floats, True/False/None, else str).
func pythonSource(values map[string]any) (string, error) {
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("# Parameters injected by sluice run\n")
	for _, n := range names {
		lit, err := pyLiteral(values[n], true)
		if err != nil {
			return "", fmt.Errorf("parameter %s: %w", n, err)
		}
		fmt.Fprintf(&b, "%s = %s\n", n, lit)
	}
	return b.String(), nil
}

func pyLiteral(v any, fromCLI bool) (string, error) {
	switch x := v.(type) {
	case nil:
		return "None", nil
	case bool:
		if x {
			return "True", nil
		}
		return "False", nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case string:
		if fromCLI {
			switch x {
			case "True", "False", "None":
				return x, nil
			}
			if _, err := strconv.ParseInt(x, 10, 64); err == nil {
				return x, nil
			}
			if _, err := strconv.ParseFloat(x, 64); err == nil {
				return x, nil
			}
		}
		return strconv.Quote(x), nil
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			s, err := pyLiteral(e, false)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			s, err := pyLiteral(x[k], false)
			if err != nil {
				return "", err
			}
			parts[i] = strconv.Quote(k) + ": " + s
		}
		return "{" + strings.Join(parts, ", ") + "}", nil
	}
	return "", fmt.Errorf("cannot write %v (%T) as a Python value", v, v)
}
