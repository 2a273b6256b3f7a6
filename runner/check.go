package runner

import (
	"errors"
	"os"
	"strings"
)

// PrepareCheck reads the notebook at path for `sluice check`: it must be a Go notebook
// (the sluice kernel's), and params are validated and injected after its parameters cell
// exactly as a run would (an unknown name or a value that does not fit its type is a
// *UsageError). Nothing runs.
func PrepareCheck(path string, params map[string]any) (*Notebook, error) {
	nb, err := ReadNotebook(path)
	if err != nil {
		if os.IsNotExist(err) || errors.Is(err, os.ErrPermission) {
			return nil, &IOError{err}
		}
		return nil, &UsageError{err}
	}
	lang := languageOf(nb, nil)
	if lang == "" {
		if ks, ok := nb.Metadata["kernelspec"].(map[string]any); ok {
			l, _ := ks["language"].(string)
			lang = strings.ToLower(l)
		}
	}
	if name := nb.KernelName(); lang != "go" && name != "sluice" {
		return nil, usageErrorf("%s is not a Go notebook (kernel %q, language %q): sluice check checks notebooks of the sluice kernel", path, name, lang)
	}
	if err := prepare(nb, &KernelSpec{Language: "go"}, params); err != nil {
		return nil, err
	}
	return nb, nil
}
