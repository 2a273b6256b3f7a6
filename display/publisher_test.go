package display

import (
	"encoding/json"
	"sync"
	"testing"
)

// recorder is a Publisher that keeps what it is sent, as the kernel would send it.
type recorder struct {
	mu      sync.Mutex
	msgs    []published
	clears  []bool
	answers []string
	prompts []string
}

type published struct {
	b      Bundle
	id     string
	update bool
}

func (r *recorder) Publish(b Bundle, id string, update bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, published{b, id, update})
	return nil
}

func (r *recorder) Clear(wait bool) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.clears = append(r.clears, wait)
	return nil
}

// inputRecorder also answers input requests.
type inputRecorder struct{ recorder }

func (r *inputRecorder) Input(prompt string, password bool) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if password {
		prompt = "[password] " + prompt
	}
	r.prompts = append(r.prompts, prompt)
	a := r.answers[0]
	r.answers = r.answers[1:]
	return a, nil
}

// withPublisher installs p for the duration of the test.
func withPublisher(t *testing.T, p Publisher) {
	t.Helper()
	old := SetPublisher(p)
	t.Cleanup(func() { SetPublisher(old) })
}

// wireJSON marshals a bundle's data the way it goes on the wire (without the kernel's
// base64 step for []byte).
func wireJSON(t *testing.T, v any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
