//go:build unix

package kernel

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/sluice-dev/sluice/kernel/wire"
)

func TestKernelInfoOnShellAndControl(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	for _, onControl := range []bool{false, true} {
		reply, pub := c.call(onControl, wire.KernelInfoRequest, nil)
		if got := types(pub); got != "status:busy status:idle" {
			t.Errorf("iopub = %s", got)
		}
		info := decode(t, reply)
		if info["protocol_version"] != "5.5" || info["implementation"] != "sluice" || info["status"] != "ok" {
			t.Errorf("kernel_info = %v", info)
		}
		li := info["language_info"].(map[string]any)
		want := map[string]string{"name": "go", "mimetype": "text/x-go", "file_extension": ".go",
			"pygments_lexer": "go", "codemirror_mode": "go", "nbconvert_exporter": "script"}
		for k, v := range want {
			if li[k] != v {
				t.Errorf("language_info[%s] = %v, want %v", k, li[k], v)
			}
		}
		if !strings.Contains(info["banner"].(string), "yaegi") || len(info["help_links"].([]any)) == 0 {
			t.Errorf("banner/help_links = %v / %v", info["banner"], info["help_links"])
		}
		if reply.Header.Session == c.session || reply.Header.Version != "5.5" {
			t.Errorf("reply header = %+v", reply.Header)
		}
		if _, err := time.Parse(time.RFC3339Nano, reply.Header.Date); err != nil {
			t.Errorf("date: %v", err)
		}
	}
}

func TestExecuteOrderingAndResult(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	reply, pub := c.execute("print hello\nstderr oops\nvalue 42", nil)
	if got := types(pub); got != "status:busy execute_input stream stream execute_result status:idle" {
		t.Fatalf("iopub order = %s", got)
	}
	if reply["status"] != "ok" || reply["execution_count"] != 1.0 {
		t.Fatalf("reply = %v", reply)
	}
	if s := streamText(t, pub, "stdout"); s != "hello\n" {
		t.Errorf("stdout = %q", s)
	}
	if s := streamText(t, pub, "stderr"); s != "oops\n" {
		t.Errorf("stderr = %q", s)
	}
	in := decode(t, find(pub, wire.ExecuteInput))
	if in["code"] != "print hello\nstderr oops\nvalue 42" || in["execution_count"] != 1.0 {
		t.Errorf("execute_input = %v", in)
	}
	res := decode(t, find(pub, wire.ExecuteResult))
	if res["execution_count"] != 1.0 || res["data"].(map[string]any)["text/plain"] != "42" {
		t.Errorf("execute_result = %v", res)
	}
	// The parent_header of every message is the request's header, byte for byte.
	for _, m := range pub {
		if !json.Valid(m.ParentHeader) || m.Parent().MsgType != wire.ExecuteRequest {
			t.Errorf("%s parent = %s", m.Header.MsgType, m.ParentHeader)
		}
	}
}

func TestExecutionCountRules(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	r, _ := c.execute("print a", nil)
	if r["execution_count"] != 1.0 {
		t.Fatalf("first count %v", r["execution_count"])
	}
	r, pub := c.execute("print b", map[string]any{"store_history": false})
	if r["execution_count"] != 1.0 {
		t.Errorf("store_history=false advanced the count: %v", r)
	}
	if in := find(pub, wire.ExecuteInput); in == nil || decode(t, in)["execution_count"] != 1.0 {
		t.Errorf("execute_input without history = %v", types(pub))
	}
	r, pub = c.execute("print c\nvalue v", map[string]any{"silent": true})
	if r["execution_count"] != 1.0 || r["status"] != "ok" {
		t.Errorf("silent reply = %v", r)
	}
	if got := types(pub); got != "status:busy status:idle" {
		t.Errorf("silent execute broadcast %s", got)
	}
	r, _ = c.execute("error", nil)
	if r["execution_count"] != 2.0 || r["status"] != "error" {
		t.Errorf("error reply = %v", r)
	}
	r, _ = c.execute("", nil)
	if r["execution_count"] != 3.0 {
		t.Errorf("count after error = %v", r["execution_count"])
	}
}

func TestErrorsKeepTheKernelAlive(t *testing.T) {
	eng := &scriptEngine{}
	c := startKernel(t, eng, Options{})
	cases := []struct{ code, ename string }{
		{"print before\nerror", "TestError"},
		{"fail", "Error"},
		{"panic", "panic"},
	}
	for _, tc := range cases {
		reply, pub := c.execute(tc.code, nil)
		if reply["status"] != "error" || reply["ename"] != tc.ename {
			t.Errorf("%q: reply = %v", tc.code, reply)
		}
		tb, ok := reply["traceback"].([]any)
		if !ok || len(tb) == 0 {
			t.Errorf("%q: traceback = %v", tc.code, reply["traceback"])
		}
		n := 0
		for _, m := range pub {
			if m.Header.MsgType == wire.Error {
				n++
				if e := decode(t, m); e["ename"] != tc.ename || e["traceback"] == nil {
					t.Errorf("%q: error message = %v", tc.code, e)
				}
			}
		}
		if n != 1 {
			t.Errorf("%q: %d error messages, want 1 (%s)", tc.code, n, types(pub))
		}
	}
	if reply, _ := c.execute("value alive", nil); reply["status"] != "ok" {
		t.Fatalf("kernel unusable after errors: %v", reply)
	}
}

func TestStopOnErrorAbortsQueuedExecutes(t *testing.T) {
	eng := &scriptEngine{}
	c := startKernel(t, eng, Options{})
	var reqs []*wire.Message
	for _, code := range []string{"wait", "print queued 1", "print queued 2"} {
		reqs = append(reqs, c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": code, "stop_on_error": true}))
	}
	time.Sleep(100 * time.Millisecond) // all three are queued behind the waiting cell
	c.call(true, wire.InterruptRequest, nil)
	want := []string{"error", "aborted", "aborted"}
	for i, req := range reqs {
		r := decode(t, c.replyTo(c.shellIn, req))
		if r["status"] != want[i] {
			t.Errorf("reply %d = %v, want status %s", i, r, want[i])
		}
		if _, ok := r["execution_count"]; !ok {
			t.Errorf("reply %d has no execution_count", i)
		}
	}
	for _, code := range eng.ran() {
		if strings.Contains(code, "queued") {
			t.Errorf("aborted cell %q was executed", code)
		}
	}
	// Later requests run again, and stop_on_error=false lets the queue go on.
	r1 := c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "fail", "stop_on_error": false})
	r2 := c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "print runs"})
	if r := decode(t, c.replyTo(c.shellIn, r1)); r["status"] != "error" {
		t.Errorf("r1 = %v", r)
	}
	if r := decode(t, c.replyTo(c.shellIn, r2)); r["status"] != "ok" {
		t.Errorf("r2 = %v", r)
	}
}

func TestUserExpressions(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	r, _ := c.execute("print x", map[string]any{"user_expressions": map[string]string{"a": "x+1", "b": "bad"}})
	ue := r["user_expressions"].(map[string]any)
	a := ue["a"].(map[string]any)
	if a["status"] != "ok" || a["data"].(map[string]any)["text/plain"] != "value of x+1" {
		t.Errorf("a = %v", a)
	}
	b := ue["b"].(map[string]any)
	if b["status"] != "error" || b["ename"] != "EvalError" {
		t.Errorf("b = %v", b)
	}
}

func TestMisSignedAndMalformedMessagesAreDropped(t *testing.T) {
	eng := &scriptEngine{}
	c := startKernel(t, eng, Options{})
	// Signed with the wrong key.
	bad, _ := wire.NewSigner("hmac-sha256", "not-the-key")
	m, _ := wire.New(wire.ExecuteRequest, c.session, nil, map[string]any{"code": "print evil"})
	if err := wire.Send(c.shell, m, bad); err != nil {
		t.Fatal(err)
	}
	// Unsigned.
	m2, _ := wire.New(wire.ExecuteRequest, c.session, nil, map[string]any{"code": "print unsigned"})
	wire.Send(c.shell, m2, nil)
	// Raw garbage frames: no delimiter, too few frames, bad JSON under a valid signature.
	c.shell.SendMulti(zmq4.NewMsgFrom([]byte("garbage")))
	c.shell.SendMulti(zmq4.NewMsgFrom([]byte("<IDS|MSG>"), []byte("sig")))
	sig := c.signer.Sign([]byte(`{"msg_type":"execute_request"`), []byte("{}"), []byte("{}"), []byte("{}"))
	c.shell.SendMulti(zmq4.NewMsgFrom([]byte("<IDS|MSG>"), []byte(sig), []byte(`{"msg_type":"execute_request"`), []byte("{}"), []byte("{}"), []byte("{}")))
	// A good request still works, and nothing else ran.
	r, _ := c.execute("print good", nil)
	if r["status"] != "ok" || r["execution_count"] != 1.0 {
		t.Fatalf("reply = %v", r)
	}
	if ran := eng.ran(); len(ran) != 1 || ran[0] != "print good" {
		t.Fatalf("executed = %q", ran)
	}
	select {
	case m := <-c.shellIn:
		t.Fatalf("unexpected reply %s to a dropped message", m.Header.MsgType)
	default:
	}
}

func TestInterruptByMessageAndSignal(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{HandleSIGINT: true})
	for _, how := range []string{"message", "signal"} {
		req := c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "print started\nwait"})
		time.Sleep(150 * time.Millisecond)
		if how == "message" {
			reply, pub := c.call(true, wire.InterruptRequest, nil)
			if decode(t, reply)["status"] != "ok" || types(pub) != "status:busy status:idle" {
				t.Errorf("interrupt_reply %v, iopub %s", decode(t, reply), types(pub))
			}
		} else {
			syscall.Kill(syscall.Getpid(), syscall.SIGINT)
		}
		r := decode(t, c.replyTo(c.shellIn, req))
		if r["status"] != "error" || r["ename"] != "Interrupted" {
			t.Errorf("%s: reply = %v", how, r)
		}
		c.iopubFor(req)
	}
	if r, _ := c.execute("value still here", nil); r["status"] != "ok" {
		t.Fatalf("after interrupts: %v", r)
	}
}

func TestInterruptOfStuckCell(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{InterruptGrace: 200 * time.Millisecond})
	req := c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "stuck"})
	time.Sleep(100 * time.Millisecond)
	c.call(true, wire.InterruptRequest, nil)
	r := decode(t, c.replyTo(c.shellIn, req))
	if r["ename"] != "StuckInNativeCall" {
		t.Fatalf("reply = %v", r)
	}
	// The kernel answers control and shell requests that do not need the engine.
	if reply, _ := c.call(true, wire.KernelInfoRequest, nil); decode(t, reply)["status"] != "ok" {
		t.Fatal("kernel_info while stuck")
	}
	if reply, _ := c.call(false, wire.IsCompleteRequest, map[string]any{"code": "x"}); decode(t, reply)["status"] != "unknown" {
		t.Errorf("is_complete while stuck = %v", decode(t, reply))
	}
	// The next cell runs once the stuck one returns.
	if r, _ := c.execute("value after", nil); r["status"] != "ok" {
		t.Fatalf("after stuck cell: %v", r)
	}
}

func TestInputRoundTrip(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	req := c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "input Your name?", "allow_stdin": true})
	var ir *wire.Message
	select {
	case ir = <-c.stdinIn:
	case <-time.After(testTimeout):
		t.Fatal("no input_request")
	}
	if ir.Header.MsgType != wire.InputRequest || ir.ParentID() != req.Header.MsgID {
		t.Fatalf("got %s parent %s", ir.Header.MsgType, ir.ParentID())
	}
	if p := decode(t, ir); p["prompt"] != "Your name?" || p["password"] != false {
		t.Fatalf("input_request = %v", p)
	}
	rep, _ := wire.New(wire.InputReply, c.session, ir, wire.InputReplyContent{Value: "Ada"})
	wire.Send(c.stdin, rep, c.signer)
	if r := decode(t, c.replyTo(c.shellIn, req)); r["status"] != "ok" {
		t.Fatalf("reply = %v", r)
	}
	if s := streamText(t, c.iopubFor(req), "stdout"); s != "got Ada\n" {
		t.Fatalf("stdout = %q", s)
	}
	// display.Password reaches the same channel through the kernel's publisher.
	req = c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "dinput Token:", "allow_stdin": true})
	select {
	case ir = <-c.stdinIn:
	case <-time.After(testTimeout):
		t.Fatal("no input_request from display.Password")
	}
	if p := decode(t, ir); p["prompt"] != "Token:" || p["password"] != true {
		t.Fatalf("input_request = %v", p)
	}
	rep, _ = wire.New(wire.InputReply, c.session, ir, wire.InputReplyContent{Value: "s3cret"})
	wire.Send(c.stdin, rep, c.signer)
	c.replyTo(c.shellIn, req)
	if s := streamText(t, c.iopubFor(req), "stdout"); s != "secret s3cret\n" {
		t.Fatalf("stdout = %q", s)
	}

	// Text printed just before an input without prompt becomes the prompt.
	req = c.send(c.shell, wire.ExecuteRequest, map[string]any{"code": "ask Name:", "allow_stdin": true})
	select {
	case ir = <-c.stdinIn:
	case <-time.After(testTimeout):
		t.Fatal("no input_request for ask")
	}
	if p := decode(t, ir); p["prompt"] != "Name:" {
		t.Fatalf("input_request = %v", p)
	}
	rep, _ = wire.New(wire.InputReply, c.session, ir, wire.InputReplyContent{Value: "Bo"})
	wire.Send(c.stdin, rep, c.signer)
	c.replyTo(c.shellIn, req)
	if s := streamText(t, c.iopubFor(req), "stdout"); s != "line before\nanswer Bo\n" {
		t.Fatalf("stdout = %q", s)
	}

	r, _ := c.execute("input no", map[string]any{"allow_stdin": false})
	if r["status"] != "error" || !strings.Contains(r["evalue"].(string), "allow_stdin=false") {
		t.Fatalf("input without stdin: %v", r)
	}
}

func TestCompleteInspectIsComplete(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	code := "s := \"ünïcode ☃\"\nfmt.Pri"
	pos := len([]rune(code))
	reply, pub := c.call(false, wire.CompleteRequest, map[string]any{"code": code, "cursor_pos": pos})
	if types(pub) != "status:busy status:idle" {
		t.Errorf("complete iopub = %s", types(pub))
	}
	r := decode(t, reply)
	if r["status"] != "ok" || r["cursor_start"] != float64(pos-3) || r["cursor_end"] != float64(pos) {
		t.Errorf("complete = %v (cursor %d)", r, pos)
	}
	if m := r["matches"].([]any); len(m) != 2 || m[0] != "Println" {
		t.Errorf("matches = %v", m)
	}
	// A cursor in the middle of non-ASCII text, and no matches at all.
	code2 := "ünï"
	reply, _ = c.call(false, wire.CompleteRequest, map[string]any{"code": code2, "cursor_pos": 2})
	r = decode(t, reply)
	if r["cursor_start"] != 0.0 || r["cursor_end"] != 2.0 || r["matches"] == nil {
		t.Errorf("complete mid-unicode = %v", r)
	}
	if m := r["matches"].([]any); len(m) != 1 || m[0] != "ünïcode" {
		t.Errorf("matches = %v", m)
	}
	reply, _ = c.call(false, wire.CompleteRequest, map[string]any{"code": "zzz", "cursor_pos": 3})
	if r = decode(t, reply); r["status"] != "ok" || len(r["matches"].([]any)) != 0 {
		t.Errorf("no matches = %v", r)
	}

	reply, _ = c.call(false, wire.InspectRequest, map[string]any{"code": "é fmt", "cursor_pos": 3, "detail_level": 1})
	r = decode(t, reply)
	if r["found"] != true || r["data"].(map[string]any)["text/plain"] != "package fmt (detail 1, cursor 4)" {
		t.Errorf("inspect = %v", r)
	}
	reply, _ = c.call(false, wire.InspectRequest, map[string]any{"code": "nothing", "cursor_pos": 3})
	if r = decode(t, reply); r["found"] != false || r["status"] != "ok" {
		t.Errorf("inspect not found = %v", r)
	}

	for code, want := range map[string]string{"x := 1": "complete", "func f() {": "incomplete", "x := := 1": "invalid"} {
		reply, _ = c.call(false, wire.IsCompleteRequest, map[string]any{"code": code})
		r = decode(t, reply)
		if r["status"] != want {
			t.Errorf("is_complete(%q) = %v", code, r)
		}
		if want == "incomplete" && r["indent"] != "\t" {
			t.Errorf("indent = %q", r["indent"])
		}
	}
}

func TestHistory(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	c.execute("value one", nil)
	c.execute("print two", nil)
	c.execute("value one", nil)
	c.execute("print hidden", map[string]any{"store_history": false})
	hist := func(q map[string]any) []any {
		reply, pub := c.call(false, wire.HistoryRequest, q)
		if types(pub) != "status:busy status:idle" {
			t.Errorf("history iopub = %s", types(pub))
		}
		return decode(t, reply)["history"].([]any)
	}
	h := hist(map[string]any{"hist_access_type": "tail", "n": 2, "output": false, "raw": true})
	if len(h) != 2 || h[0].([]any)[2] != "print two" || h[1].([]any)[1] != 3.0 {
		t.Errorf("tail = %v", h)
	}
	h = hist(map[string]any{"hist_access_type": "tail", "n": 1, "output": true, "raw": true})
	if pair := h[0].([]any)[2].([]any); pair[0] != "value one" || pair[1] != "one" {
		t.Errorf("tail with output = %v", h)
	}
	h = hist(map[string]any{"hist_access_type": "range", "session": 0, "start": 2, "stop": 3, "raw": true})
	if len(h) != 1 || h[0].([]any)[2] != "print two" {
		t.Errorf("range = %v", h)
	}
	h = hist(map[string]any{"hist_access_type": "search", "pattern": "value*", "unique": true, "raw": true})
	if len(h) != 1 || h[0].([]any)[1] != 3.0 {
		t.Errorf("search unique = %v", h)
	}
	h = hist(map[string]any{"hist_access_type": "search", "pattern": "*o*", "n": 10, "raw": true})
	if len(h) != 3 {
		t.Errorf("search = %v", h)
	}
}

func TestCommsAndShutdown(t *testing.T) {
	eng := &scriptEngine{}
	c := startKernel(t, eng, Options{})
	reply, _ := c.call(false, wire.CommInfoRequest, map[string]any{"target_name": "jupyter.widget"})
	if r := decode(t, reply); r["status"] != "ok" || len(r["comms"].(map[string]any)) != 0 {
		t.Errorf("comm_info = %v", r)
	}
	req := c.send(c.shell, wire.CommOpen, map[string]any{"comm_id": "c1", "target_name": "no.such.target", "data": map[string]any{}})
	pub := c.iopubFor(req)
	if got := types(pub); got != "status:busy comm_close status:idle" {
		t.Fatalf("comm_open iopub = %s", got)
	}
	if cc := decode(t, find(pub, wire.CommClose)); cc["comm_id"] != "c1" {
		t.Errorf("comm_close = %v", cc)
	}
	req = c.send(c.shell, wire.CommMsg, map[string]any{"comm_id": "c1", "data": map[string]any{}})
	if got := types(c.iopubFor(req)); got != "status:busy status:idle" {
		t.Errorf("comm_msg iopub = %s", got)
	}

	reply, pub = c.call(true, wire.ShutdownRequest, map[string]any{"restart": true})
	if r := decode(t, reply); r["status"] != "ok" || r["restart"] != true {
		t.Errorf("shutdown_reply = %v", r)
	}
	if find(pub, wire.ShutdownReply) == nil {
		t.Errorf("no shutdown_reply on iopub: %s", types(pub))
	}
	select {
	case err := <-c.done:
		if !errors.Is(err, ErrRestart) {
			t.Errorf("Serve = %v, want ErrRestart", err)
		}
		c.done <- err // for close
	case <-time.After(testTimeout):
		t.Fatal("kernel did not stop after shutdown_request")
	}
	if !eng.isClosed() {
		t.Error("engine not closed at shutdown")
	}
}

func TestDisplayPublisher(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	_, pub := c.execute("print before\ndisplay d1\nupdate d1\nclear wait\nhtml <b>x</b>", nil)
	if got := types(pub); got != "status:busy execute_input stream display_data update_display_data clear_output execute_result status:idle" {
		t.Fatalf("iopub = %s", got)
	}
	dd := decode(t, find(pub, wire.DisplayData))
	if dd["transient"].(map[string]any)["display_id"] != "d1" || dd["data"].(map[string]any)["text/plain"] != "shown d1" {
		t.Errorf("display_data = %v", dd)
	}
	ud := decode(t, find(pub, wire.UpdateDisplayData))
	if ud["transient"].(map[string]any)["display_id"] != "d1" {
		t.Errorf("update_display_data = %v", ud)
	}
	if co := decode(t, find(pub, wire.ClearOutput)); co["wait"] != true {
		t.Errorf("clear_output = %v", co)
	}
	res := decode(t, find(pub, wire.ExecuteResult))["data"].(map[string]any)
	if res["text/html"] != "<b>x</b>" || res["text/plain"] != "html:<b>x</b>" {
		t.Errorf("html result = %v", res)
	}
	_, pub = c.execute("png", nil)
	data := decode(t, find(pub, wire.ExecuteResult))["data"].(map[string]any)
	if b, err := base64.StdEncoding.DecodeString(data["image/png"].(string)); err != nil || string(b[1:4]) != "PNG" {
		t.Errorf("png = %v (%v)", data["image/png"], err)
	}
}

func TestStreamsAreCoalesced(t *testing.T) {
	// A long interval: the cell's end, not the timer, flushes the burst.
	c := startKernel(t, &scriptEngine{}, Options{FlushInterval: time.Second})
	_, pub := c.execute("burst 2000", nil)
	text := streamText(t, pub, "stdout")
	if strings.Count(text, "\n") != 2000 || !strings.HasPrefix(text, "line 0\n") || !strings.HasSuffix(text, "line 1999\n") {
		t.Fatalf("burst text wrong: %d lines", strings.Count(text, "\n"))
	}
	n := 0
	for _, m := range pub {
		if m.Header.MsgType == wire.Stream {
			n++
		}
	}
	if n > 5 {
		t.Errorf("2000 lines became %d stream messages; want them coalesced", n)
	}
}

func TestStreamKeepsCharacterSplitAcrossWrites(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{FlushInterval: 20 * time.Millisecond})
	_, pub := c.execute("halfrune", nil)
	if text := streamText(t, pub, "stdout"); text != "café\n" {
		t.Fatalf("stdout = %q, want %q", text, "café\n")
	}
}

func TestHeartbeat(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	if err := c.hb.Send(zmq4.NewMsgString("ping-123")); err != nil {
		t.Fatal(err)
	}
	m, err := c.hb.Recv()
	if err != nil || string(m.Frames[0]) != "ping-123" {
		t.Fatalf("heartbeat = %v, %v", m, err)
	}
}

func TestIPCTransport(t *testing.T) {
	dir := t.TempDir()
	ci := wire.ConnectionInfo{Transport: "ipc", IP: filepath.Join(dir, "kernel"), ShellPort: 1, IOPubPort: 2,
		StdinPort: 3, ControlPort: 4, HBPort: 5, SignatureScheme: "hmac-sha256", Key: "k"}
	c := startKernelWith(t, ci, &scriptEngine{}, Options{})
	if r, pub := c.execute("print over ipc", nil); r["status"] != "ok" || streamText(t, pub, "stdout") != "over ipc\n" {
		t.Fatalf("ipc execute = %v %s", r, types(pub))
	}
}

func TestCursorConversion(t *testing.T) {
	code := "aé☃𝄞b"
	for runes, want := range map[int]int{-1: 0, 0: 0, 1: 1, 2: 3, 3: 6, 4: 10, 5: 11, 9: 11} {
		if got := byteOffset(code, runes); got != want {
			t.Errorf("byteOffset(%d) = %d, want %d", runes, got, want)
		}
	}
	for b, want := range map[int]int{0: 0, 1: 1, 2: 1, 3: 2, 6: 3, 8: 3, 10: 4, 11: 5, 50: 5} {
		if got := runeOffset(code, b); got != want {
			t.Errorf("runeOffset(%d) = %d, want %d", b, got, want)
		}
	}
}

// TestOddContentIsAnswered sends requests whose content is valid JSON of the wrong
// shape or with out-of-range values: each still gets a reply and busy/idle, and the
// kernel keeps working.
func TestOddContentIsAnswered(t *testing.T) {
	c := startKernel(t, &scriptEngine{}, Options{})
	cases := []struct {
		typ     string
		content json.RawMessage
	}{
		{wire.ExecuteRequest, json.RawMessage(`[]`)},
		{wire.ExecuteRequest, json.RawMessage(`{"code": 5}`)},
		{wire.CompleteRequest, json.RawMessage(`{"code": "fmt.P", "cursor_pos": 1000}`)},
		{wire.CompleteRequest, json.RawMessage(`{"code": "fmt.P", "cursor_pos": -7}`)},
		{wire.CompleteRequest, json.RawMessage(`"text"`)},
		{wire.InspectRequest, json.RawMessage(`{"code": "", "cursor_pos": 3}`)},
		{wire.IsCompleteRequest, json.RawMessage(`null`)},
		{wire.HistoryRequest, json.RawMessage(`{"hist_access_type": "tail", "n": -1}`)},
		{wire.HistoryRequest, json.RawMessage(`{"hist_access_type": "nonsense"}`)},
		{wire.HistoryRequest, json.RawMessage(`{"hist_access_type": "search", "pattern": "[("}`)},
		{wire.ShutdownRequest + "x", json.RawMessage(`{}`)},
	}
	for _, tc := range cases {
		req := c.send(c.shell, tc.typ, tc.content)
		pub := c.iopubFor(req)
		if got := types(pub); !strings.HasPrefix(got, "status:busy") || !strings.HasSuffix(got, "status:idle") {
			t.Errorf("%s %s: iopub %s", tc.typ, tc.content, got)
		}
		if strings.HasSuffix(tc.typ, "_request") {
			r := c.replyTo(c.shellIn, req)
			if r.Header.MsgType != replyType(tc.typ) {
				t.Errorf("%s: reply type %s", tc.typ, r.Header.MsgType)
			}
		}
	}
	if r, _ := c.execute("value fine", nil); r["status"] != "ok" {
		t.Fatalf("after odd requests: %v", r)
	}
}
