"""Function values made before the debugger attached, through jupyter_client against
the real kernel: a function literal, a method value, a literal in a map, a closure a
function returned and a declared function as a value, all made before attach, stop at
breakpoints inside them while attached (line, function, locals), run after disconnect,
and stop again after a second attach; a value made in one debugger session stops in the
next. Prints what it saw as JSON for debug_values_test.go.

usage: debug_values_check.py KERNEL_NAME
"""
import json, sys, time
from queue import Empty
from jupyter_client.manager import start_new_kernel

import debug_check as dc

DECL = """type acc struct{ n int }

func (a *acc) add(k int) int {
\ta.n += k
\treturn a.n
}

func adder(k int) func(int) int {
\treturn func(x int) int {
\t\ty := x + k
\t\treturn y
\t}
}

func triple(x int) int {
\tr := 3 * x
\treturn r
}"""

MADE = """double := func(x int) int {
\ty := 2 * x
\treturn y
}
a := &acc{}
add := a.add
ops := map[string]func(int) int{"inc": func(x int) int {
\tz := x + 1
\treturn z
}}
plus3 := adder(3)
third := triple"""

CALL = 'fmt.Println(double(4), add(2), ops["inc"](5), plus3(1), third(2))'

QUAD = """quad := func(x int) int {
\tq := 4 * x
\treturn q
}"""


def run_stops(kc, code):
    """Runs code, continuing at every stop; returns the stops and the cell's result."""
    dc.events.clear()
    iopub = []
    msg_id = kc.execute(code, allow_stdin=False, stop_on_error=False)
    stops = []
    deadline = time.time() + dc.TIMEOUT
    while time.time() < deadline:
        for i, e in enumerate(dc.events):
            if e["event"] == "stopped":
                del dc.events[i]
                thread = e["body"]["threadId"]
                view = dc.stopped_view(kc, thread)
                top = view["frames"][0]
                stops.append({"name": top["name"], "line": top["line"], "path": top["path"],
                              "locals": {k.split(".", 1)[1]: v["value"] for k, v in view["variables"].items()
                                         if k.startswith("Locals.")},
                              "continue": dap_ok(kc, "continue", {"threadId": thread})})
                break
        else:
            try:
                reply = kc.get_shell_msg(timeout=0.1)
            except Empty:
                iopub.extend(dc.pump(kc, 0.1))
                continue
            if reply["parent_header"].get("msg_id") != msg_id:
                continue
            iopub.extend(dc.pump(kc, 0.5))
            out = "".join(m["content"]["text"] for m in iopub
                          if m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == msg_id)
            c = reply["content"]
            return stops, {"status": c["status"], "ename": c.get("ename"), "evalue": c.get("evalue"), "stdout": out}
    raise AssertionError("the cell did not finish; stops so far: %r" % stops)


def dap_ok(kc, command, args):
    r = dc.dap(kc, command, args)
    return r["success"] or r.get("message")


def attach(kc, paths):
    dc.dap(kc, "initialize", {"clientID": "jupyterlab", "adapterID": "sluice", "linesStartAt1": True,
                              "columnsStartAt1": True, "pathFormat": "path"})
    ok = [dap_ok(kc, "attach", {})]
    for path, lines in paths:
        r = dc.dap(kc, "setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": n} for n in lines]})
        ok.append([b["verified"] for b in r["body"]["breakpoints"]])
    ok.append(dap_ok(kc, "configurationDone", {}))
    return ok


def main():
    out = {}
    km, kc = start_new_kernel(kernel_name=sys.argv[1], startup_timeout=60)
    try:
        out["made"] = [dc.run(kc, DECL), dc.run(kc, MADE)]
        pd = dc.dap(kc, "dumpCell", {"code": DECL})["body"]["sourcePath"]
        pm = dc.dap(kc, "dumpCell", {"code": MADE})["body"]["sourcePath"]
        out["paths"] = {"decl": pd, "made": pm}
        bps = [(pm, [2, 8]), (pd, [4, 10, 16])]
        out["attach1"] = attach(kc, bps)
        out["stops1"], out["cell1"] = run_stops(kc, CALL)
        out["disconnect1"] = dap_ok(kc, "disconnect", {"restart": False, "terminateDebuggee": False})
        out["detached"] = run_stops(kc, CALL)
        out["attach2"] = attach(kc, bps)
        out["stops2"], out["cell2"] = run_stops(kc, CALL)
        out["quad"] = dc.run(kc, QUAD)
        pq = dc.dap(kc, "dumpCell", {"code": QUAD})["body"]["sourcePath"]
        out["paths"]["quad"] = pq
        dc.dap(kc, "disconnect", {"restart": False, "terminateDebuggee": False})
        out["attach3"] = attach(kc, [(pq, [2])])
        out["stops3"], out["cell3"] = run_stops(kc, "fmt.Println(quad(3))")
        dc.dap(kc, "disconnect", {"restart": False, "terminateDebuggee": False})
        out["after"] = dc.run(kc, CALL)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
