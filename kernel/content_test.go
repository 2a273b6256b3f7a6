//go:build unix

package kernel

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// TestReplyContentBytes drives every reply and iopub message the kernel builds itself
// through a real client and compares their content, byte for byte, with
// testdata/replies.golden: what clients receive must not change when the code that
// builds it does. SLUICE_UPDATE_GOLDEN=1 rewrites the file.
func TestReplyContentBytes(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	var got strings.Builder
	record := func(what string, m *wire.Message) {
		t.Helper()
		if m == nil {
			t.Fatalf("%s: no message", what)
		}
		got.WriteString(what + " " + m.Header.MsgType + " " + string(m.Content) + "\n")
	}
	call := func(what string, onControl bool, typ string, content any) []*wire.Message {
		t.Helper()
		reply, pub := c.call(onControl, typ, content)
		record(what, reply)
		return pub
	}

	call("kernel_info", false, wire.KernelInfoRequest, nil)
	pub := call("execute", false, wire.ExecuteRequest, map[string]any{"code": "value 42", "silent": false,
		"store_history": true, "allow_stdin": false, "user_expressions": map[string]string{"a": "x+1", "b": "bad"}})
	record("execute", find(pub, wire.ExecuteInput))
	record("execute", find(pub, wire.ExecuteResult))
	pub = call("clear", false, wire.ExecuteRequest, map[string]any{"code": "clear wait", "silent": false})
	record("clear", find(pub, wire.ClearOutput))
	call("complete", false, wire.CompleteRequest, map[string]any{"code": "fmt.Pri", "cursor_pos": 7})
	call("complete none", false, wire.CompleteRequest, map[string]any{"code": "zzz", "cursor_pos": 3})
	call("complete bad", false, wire.CompleteRequest, json.RawMessage(`"text"`))
	call("inspect", false, wire.InspectRequest, map[string]any{"code": "é fmt", "cursor_pos": 3, "detail_level": 1})
	call("inspect none", false, wire.InspectRequest, map[string]any{"code": "nothing", "cursor_pos": 3})
	call("inspect bad", false, wire.InspectRequest, json.RawMessage(`[]`))
	for _, code := range []string{"x := 1", "func f() {", "x := := 1"} {
		call("is_complete", false, wire.IsCompleteRequest, map[string]any{"code": code})
	}
	call("is_complete bad", false, wire.IsCompleteRequest, json.RawMessage(`null`))
	call("history", false, wire.HistoryRequest, map[string]any{"hist_access_type": "tail", "n": 2, "output": true, "raw": true})
	call("history bad", false, wire.HistoryRequest, json.RawMessage(`[]`))
	call("comm_info", false, wire.CommInfoRequest, map[string]any{})
	req := c.send(c.shell, wire.CommOpen, map[string]any{"comm_id": "c1", "target_name": "no.such.target", "data": map[string]any{}})
	record("comm_open", find(c.iopubFor(req), wire.CommClose))
	call("wrong channel", true, wire.ExecuteRequest, map[string]any{"code": "value 1"})
	call("interrupt", true, wire.InterruptRequest, map[string]any{})
	pub = call("shutdown", true, wire.ShutdownRequest, map[string]any{"restart": true})
	record("shutdown", find(pub, wire.ShutdownReply))
	<-c.done
	c.done <- nil

	// Versions and the wording of encoding/json's errors are not the kernel's to keep.
	v := Versions()
	text := strings.NewReplacer(strings.TrimPrefix(v.Go, "go"), "GOVERSION", "yaegi "+v.Yaegi, "yaegi YAEGI").Replace(got.String())
	text = regexp.MustCompile(`json: cannot unmarshal \w+ into Go value of type (struct \{[^}]*\}|[\w.]+)`).ReplaceAllString(text, "JSONERROR")
	golden := filepath.Join("testdata", "replies.golden")
	if os.Getenv("SLUICE_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if text != string(want) {
		gl, wl := strings.Split(text, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Errorf("line %d:\n got  %s\n want %s", i+1, g, w)
			}
		}
	}
}
