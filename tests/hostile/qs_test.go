package hostile

// Attacks on the query-service side of the kernel, run in the real kernel: an impostor on
// the port of a sandbox that went away (row 5), a result too large to fetch into a
// variable (the result-size guard, filed under row 4: it is how a cell grows the kernel
// until it dies), an application/json result holding NaN (row 7) and %sqlplot over a
// column holding Infinity and NaN (row 18).

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
)

func init() {
	register(5, "sandbox stopped, impostor on its port asks for a clear-text password", func(t *testing.T) { qsAttackImpostor(t, "stop") })
	register(5, "sandbox killed, impostor on its port asks for a clear-text password", func(t *testing.T) { qsAttackImpostor(t, "kill") })
	register(4, "sql -o and name << past the result budget", qsAttackResultBudget)
	register(7, "application/json result holding NaN and ±Inf", qsAttackJSONNaN)
	register(18, "sqlplot hist and box over Infinity and NaN", qsAttackPlotInfinity)
}

// qsImpostor is a PostgreSQL-wire server that answers every startup message with
// AuthenticationCleartextPassword and records any password sent to it.
type qsImpostor struct {
	ln        net.Listener
	wg        sync.WaitGroup
	mu        sync.Mutex
	conns     int
	passwords []string
}

// qsListenImpostor takes port on 127.0.0.1 (waiting while its last owner lets go).
func qsListenImpostor(t *testing.T, port int) *qsImpostor {
	t.Helper()
	var ln net.Listener
	var err error
	for i := 0; i < 200; i++ {
		if ln, err = net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port))); err == nil {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("impostor on port %d: %v", port, err)
	}
	f := &qsImpostor{ln: ln}
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.mu.Lock()
			f.conns++
			f.mu.Unlock()
			f.wg.Add(1)
			go func() {
				defer f.wg.Done()
				defer c.Close()
				c.SetDeadline(time.Now().Add(10 * time.Second))
				if pw, ok := qsAskPassword(c); ok {
					f.mu.Lock()
					f.passwords = append(f.passwords, pw)
					f.mu.Unlock()
				}
			}()
		}
	}()
	t.Cleanup(f.close)
	return f
}

// qsAskPassword reads a startup message (declining SSL and GSS encryption), asks for a
// clear-text password and returns it if the client sends one.
func qsAskPassword(c net.Conn) (string, bool) {
	r := bufio.NewReader(c)
	for i := 0; ; i++ {
		var hdr [8]byte
		if _, err := io.ReadFull(r, hdr[:]); err != nil || i == 3 {
			return "", false
		}
		n, code := binary.BigEndian.Uint32(hdr[:4]), binary.BigEndian.Uint32(hdr[4:])
		if n < 8 || n > 1<<16 {
			return "", false
		}
		if _, err := io.CopyN(io.Discard, r, int64(n-8)); err != nil {
			return "", false
		}
		if code != 80877103 && code != 80877104 { // not SSLRequest or GSSENCRequest: the startup message
			break
		}
		c.Write([]byte{'N'})
	}
	c.Write([]byte{'R', 0, 0, 0, 8, 0, 0, 0, 3}) // AuthenticationCleartextPassword
	typ, err := r.ReadByte()
	if err != nil || typ != 'p' {
		return "", false
	}
	var lb [4]byte
	if _, err := io.ReadFull(r, lb[:]); err != nil {
		return "", false
	}
	n := binary.BigEndian.Uint32(lb[:])
	if n < 4 || n > 1<<16 {
		return "", false
	}
	body := make([]byte, n-4)
	io.ReadFull(r, body)
	return strings.TrimRight(string(body), "\x00"), true
}

func (f *qsImpostor) close() {
	f.ln.Close()
	f.wg.Wait()
}

func (f *qsImpostor) seen() (int, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.conns, append([]string(nil), f.passwords...)
}

// qsAttackImpostor: the kernel's sandbox goes away (stopped, or killed with its state
// files left behind) and another local process listens on its old port asking for a
// clear-text password. The next %%sql cell must not send it the password: it runs on a
// fresh sandbox (the kernel starts its own sandbox on demand) or fails clearly; the
// session survives, and the new sandbox has a new password.
func qsAttackImpostor(t *testing.T, how string) {
	k := startKernel(t)
	k.ok("%%sql\nCREATE TABLE row5 AS SELECT 42 AS v")
	st, err := qs.ReadSandboxState(k.sandboxDir())
	if err != nil {
		t.Fatalf("the kernel's sandbox left no state: %v", err)
	}
	if how == "stop" {
		if out, err := exec.Command(k.bin, "sandbox", "stop", "--data", k.sandboxDir()).CombinedOutput(); err != nil {
			t.Fatalf("sandbox stop: %v\n%s", err, out)
		}
	} else {
		p, err := os.FindProcess(st.PID)
		if err != nil {
			t.Fatal(err)
		}
		p.Kill()
		for i := 0; i < 500 && p.Signal(syscall.Signal(0)) == nil; i++ {
			time.Sleep(10 * time.Millisecond)
		}
	}
	imp := qsListenImpostor(t, st.Port)

	c := k.run("%%sql\nSELECT v FROM row5")
	conns, pws := imp.seen()
	if len(pws) > 0 {
		t.Fatalf("the impostor on port %d received a password (%d connections)", st.Port, conns)
	}
	switch {
	case c.status == "ok":
		now, err := qs.ReadSandboxState(k.sandboxDir())
		if err != nil || now.PID == st.PID || now.Port == st.Port {
			t.Fatalf("the cell succeeded but not on a fresh sandbox: %+v %v", now, err)
		}
		if now.Password == st.Password {
			t.Fatal("the restarted sandbox kept the old password")
		}
		if !qsDataHas(c.data, "42") {
			t.Fatalf("the fresh sandbox did not return the kept row: %v", c.data)
		}
	case c.status == "error":
		if !strings.Contains(c.evalue, "sandbox") || strings.Contains(c.evalue, st.Password) {
			t.Fatalf("unclear error: %s: %s", c.ename, c.evalue)
		}
	default:
		t.Fatalf("cell status %q", c.status)
	}
	k.survived()
}

// qsDataHas reports whether some bundle's text/plain contains s.
func qsDataHas(data []map[string]any, s string) bool {
	for _, d := range data {
		if txt, ok := d["text/plain"].(string); ok && strings.Contains(txt, s) {
			return true
		}
	}
	return false
}

// qsAttackResultBudget fetches a result past the budget into variables, with the budget
// from the kernel's environment and from %sql --config: the cell fails with a message
// naming LIMIT and the setting, the variable keeps its value, and the kernel lives.
func qsAttackResultBudget(t *testing.T) {
	k := startKernel(t, "SLUICE_MAX_RESULT_ROWS=100000")
	k.ok(`big := "before"`)
	c := k.run("%%sql -o big\nSELECT range AS id, 'padding' AS pad FROM range(5000000)")
	if c.status != "error" || c.ename != "ResultTooLarge" || !strings.Contains(c.evalue, "LIMIT") ||
		!strings.Contains(c.evalue, "SLUICE_MAX_RESULT_ROWS") || !strings.Contains(c.evalue, "100,000 rows") {
		t.Fatalf("-o past SLUICE_MAX_RESULT_ROWS: %s %s: %s", c.status, c.ename, c.evalue)
	}
	k.ok("%sql --config maxrows=0 --config maxbytes=1MB")
	c = k.run("%%sql big <<\nSELECT range AS id FROM range(1000000)")
	if c.status != "error" || c.ename != "ResultTooLarge" || !strings.Contains(c.evalue, "LIMIT") || !strings.Contains(c.evalue, "maxbytes") {
		t.Fatalf("name << past maxbytes: %s %s: %s", c.status, c.ename, c.evalue)
	}
	if c := k.ok(`fmt.Println(big)`); !strings.Contains(c.stdout, "before") {
		t.Fatalf("the variable changed: %q", c.stdout)
	}
	k.ok("%%sql -o small\nSELECT range AS id FROM range(1000)")
	if c := k.ok(`fmt.Println(small.NumRows())`); !strings.Contains(c.stdout, "1000") {
		t.Fatalf("a result within the budget: %q", c.stdout)
	}
	k.survived()
}

// qsAttackJSONNaN displays JSON holding NaN and ±Inf: the output is valid JSON with null
// in their place (pandas' to_json choice), not an error or nothing.
func qsAttackJSONNaN(t *testing.T) {
	k := startKernel(t)
	c := k.ok(`display.JSON(map[string]any{"nan": math.NaN(), "inf": []float64{1, math.Inf(1), math.Inf(-1)}, "ok": 2.5})`)
	var found bool
	for _, d := range c.data {
		v, ok := d["application/json"]
		if !ok {
			continue
		}
		found = true
		raw, _ := json.Marshal(v)
		if string(raw) != `{"inf":[1,null,null],"nan":null,"ok":2.5}` {
			t.Fatalf("application/json = %s", raw)
		}
	}
	if !found {
		t.Fatalf("no application/json output: %v (stderr %q)", c.data, c.stderr)
	}
	k.survived()
}

// qsAttackPlotInfinity charts a column holding Infinity, -Infinity and NaN: finite bins
// and a note saying what was left out, never Go float text spliced into SQL.
func qsAttackPlotInfinity(t *testing.T) {
	k := startKernel(t)
	k.ok("%%sql\nCREATE TABLE row18 AS SELECT CAST(range AS DOUBLE) AS v FROM range(100)\n" +
		"UNION ALL SELECT 'Infinity'::float8 UNION ALL SELECT '-Infinity'::float8 UNION ALL SELECT 'NaN'::float8")
	for _, kind := range []string{"hist", "box"} {
		c := k.ok("%sqlplot " + kind + " -t row18 -c v -o agg")
		if len(c.data) == 0 || c.data[0]["image/png"] == nil {
			t.Fatalf("%s: no chart: %v", kind, c.data)
		}
		if !strings.Contains(c.stderr, "3 values of v (±Infinity or NaN) left out") {
			t.Fatalf("%s: no note about the non-finite values: %q", kind, c.stderr)
		}
	}
	k.ok("%%sql\nCREATE TABLE row18b AS SELECT 'Infinity'::float8 AS v UNION ALL SELECT 'NaN'::float8")
	c := k.run("%sqlplot hist -t row18b -c v")
	if c.status != "error" || !strings.Contains(c.evalue, "no finite values") {
		t.Fatalf("a column with no finite value: %s %s: %s", c.status, c.ename, c.evalue)
	}
	k.survived()
}
