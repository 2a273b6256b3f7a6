"""Drives the sluice kernel's debugger through jupyter_client as JupyterLab's debugger
panel does (debug_request on the control channel, Debug Adapter Protocol inside,
debug_event on iopub) and prints what it saw as JSON for debug_test.go.

usage: debug_check.py KERNEL_NAME
"""
import json, sys, time
from queue import Empty
from jupyter_client.manager import start_new_kernel

TIMEOUT = 30
seq = 0
events = []  # debug_event contents not consumed yet


def murmur2(data, seed):
    """32-bit MurmurHash2 of bytes, written from the algorithm's description."""
    m = 0x5BD1E995
    mask = 0xFFFFFFFF
    h = (seed ^ len(data)) & mask
    i = 0
    while len(data) - i >= 4:
        k = int.from_bytes(data[i:i + 4], "little")
        k = (k * m) & mask
        k ^= k >> 24
        k = (k * m) & mask
        h = ((h * m) & mask) ^ k
        i += 4
    rest = len(data) - i
    if rest == 3:
        h ^= data[i + 2] << 16
    if rest >= 2:
        h ^= data[i + 1] << 8
    if rest >= 1:
        h ^= data[i]
        h = (h * m) & mask
    h ^= h >> 13
    h = (h * m) & mask
    h ^= h >> 15
    return h


def dap(kc, command, arguments=None):
    """Sends a DAP request in a debug_request on control and returns the response."""
    global seq
    seq += 1
    msg = kc.session.msg("debug_request", {"type": "request", "seq": seq, "command": command,
                                           "arguments": arguments or {}})
    kc.control_channel.send(msg)
    while True:
        reply = kc.get_control_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
            assert reply["msg_type"] == "debug_reply", reply["msg_type"]
            return reply["content"]


def pump(kc, timeout=0.2):
    """Moves debug events from iopub into `events`; returns other iopub messages."""
    other = []
    deadline = time.time() + timeout
    while True:
        try:
            m = kc.get_iopub_msg(timeout=max(0.01, deadline - time.time()))
        except Empty:
            return other
        if m["msg_type"] == "debug_event":
            events.append(m["content"])
        else:
            other.append(m)
        if time.time() > deadline:
            return other


def wait_event(kc, name, iopub):
    """Waits for the next debug event called name, keeping other iopub messages."""
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        for i, e in enumerate(events):
            if e["event"] == name:
                del events[i]
                return e
        iopub.extend(pump(kc, 0.2))
    raise AssertionError("no %s event; events: %r" % (name, events))


def finish(kc, msg_id, iopub):
    """Waits for the execute_reply of msg_id; returns it with the cell's stdout."""
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    iopub.extend(pump(kc, 0.5))
    out = "".join(m["content"]["text"] for m in iopub
                  if m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == msg_id)
    return {"status": reply["content"]["status"], "ename": reply["content"].get("ename"), "stdout": out}


def run(kc, code):
    msg_id = kc.execute(code, allow_stdin=False, stop_on_error=False)
    return finish(kc, msg_id, [])


def stopped_view(kc, thread):
    """The stack of a stopped thread with the variables of its scopes."""
    st = dap(kc, "stackTrace", {"threadId": thread})
    frames = st["body"]["stackFrames"]
    scopes = dap(kc, "scopes", {"frameId": frames[0]["id"]})["body"]["scopes"]
    variables = {}
    for sc in scopes:
        vs = dap(kc, "variables", {"variablesReference": sc["variablesReference"]})["body"]["variables"]
        for v in vs:
            entry = {"value": v["value"], "type": v["type"]}
            if v["variablesReference"]:
                kids = dap(kc, "variables", {"variablesReference": v["variablesReference"]})["body"]["variables"]
                entry["children"] = {k["name"]: k["value"] for k in kids}
                # one level further: the first child's children (a struct in a slice)
                if kids and kids[0]["variablesReference"]:
                    grand = dap(kc, "variables", {"variablesReference": kids[0]["variablesReference"]})["body"]["variables"]
                    entry["grandchildren"] = {g["name"]: g["value"] for g in grand}
            variables[sc["name"] + "." + v["name"]] = entry
    return {"frames": [{"name": f["name"], "line": f["line"], "path": f["source"]["path"]} for f in frames],
            "variables": variables}


CELL1 = """type point struct{ X, Y int }

func scale(p point, k int) point {
\tq := point{p.X * k, p.Y * k}
\treturn q
}"""

# Non-ASCII text: the source path must be the hash of the UTF-8 bytes JupyterLab hashes.
CELL2 = """name := "café ☕"
pts := []point{{1, 2}, {3, 4}}
m := map[string]int{"a": 1}
p := &pts[0]
s := scale(*p, 10)
fmt.Println(name, s, len(m))"""

CELL3 = """r := scale(point{5, 6}, 2)
fmt.Println("r =", r)"""

CELL4 = """n := 0
for i := 0; i < 3; i++ {
\tn += i
}
fmt.Println("n =", n)"""


def main():
    out = {}
    km, kc = start_new_kernel(kernel_name=sys.argv[1], startup_timeout=60)
    try:
        kc.kernel_info()
        info = kc.get_shell_msg(timeout=TIMEOUT)["content"]
        out["kernel_info"] = {"debugger": info.get("debugger"), "protocol_version": info["protocol_version"]}

        di = dap(kc, "debugInfo")["body"]
        out["debug_info"] = di
        out["run1"] = run(kc, CELL1)  # before the debugger starts, as in a session
        out["initialize"] = dap(kc, "initialize", {"clientID": "jupyterlab", "adapterID": "sluice",
                                                    "linesStartAt1": True, "columnsStartAt1": True,
                                                    "pathFormat": "path"})
        out["attach"] = dap(kc, "attach", {})
        p2 = dap(kc, "dumpCell", {"code": CELL2})["body"]["sourcePath"]
        p1 = dap(kc, "dumpCell", {"code": CELL1})["body"]["sourcePath"]
        out["paths"] = {"cell1": p1, "cell2": p2,
                        "expected2": di["tmpFilePrefix"] + str(murmur2(CELL2.encode("utf-8"), di["hashSeed"])) + di["tmpFileSuffix"],
                        "expected1": di["tmpFilePrefix"] + str(murmur2(CELL1.encode("utf-8"), di["hashSeed"])) + di["tmpFileSuffix"]}
        out["set2"] = dap(kc, "setBreakpoints", {"source": {"path": p2}, "breakpoints": [{"line": 4}]})
        out["configurationDone"] = dap(kc, "configurationDone")
        out["debug_info_started"] = dap(kc, "debugInfo")["body"]

        # A breakpoint in the cell: stop, read, step twice, continue.
        iopub = []
        msg_id = kc.execute(CELL2, allow_stdin=False, stop_on_error=False)
        ev = wait_event(kc, "stopped", iopub)
        thread = ev["body"]["threadId"]
        out["stop1"] = {"event": ev["body"], "view": stopped_view(kc, thread),
                        "threads": dap(kc, "threads")["body"]["threads"],
                        "evaluate": dap(kc, "evaluate", {"expression": "pts[1].Y",
                                                          "frameId": dap(kc, "stackTrace", {"threadId": thread})["body"]["stackFrames"][0]["id"],
                                                          "context": "watch"}),
                        "rich": dap(kc, "richInspectVariables", {"variableName": "name", "frameId": 0}),
                        "info": dap(kc, "debugInfo")["body"]["stoppedThreads"]}
        steps = []
        for _ in range(2):
            r = dap(kc, "next", {"threadId": thread})
            ev = wait_event(kc, "stopped", iopub)
            steps.append({"success": r["success"], "reason": ev["body"]["reason"],
                          "line": dap(kc, "stackTrace", {"threadId": thread})["body"]["stackFrames"][0]["line"],
                          "s": stopped_view(kc, thread)["variables"].get("Session.s", {}).get("value")})
        out["steps"] = steps
        out["continue"] = dap(kc, "continue", {"threadId": thread})
        out["cell2"] = finish(kc, msg_id, iopub)

        # A breakpoint in a function an earlier cell declared (before attach).
        out["set1"] = dap(kc, "setBreakpoints", {"source": {"path": p1}, "breakpoints": [{"line": 4}]})
        iopub = []
        msg_id = kc.execute(CELL3, allow_stdin=False, stop_on_error=False)
        ev = wait_event(kc, "stopped", iopub)
        thread = ev["body"]["threadId"]
        out["stop3"] = {"event": ev["body"], "view": stopped_view(kc, thread)}
        r = dap(kc, "stepOut", {"threadId": thread})
        ev = wait_event(kc, "stopped", iopub)
        out["stepout"] = {"success": r["success"], "frames": stopped_view(kc, thread)["frames"]}
        dap(kc, "continue", {"threadId": thread})
        out["cell3"] = finish(kc, msg_id, iopub)
        dap(kc, "setBreakpoints", {"source": {"path": p1}, "breakpoints": []})

        # A paused cell can be interrupted; the session keeps its variables.
        p4 = dap(kc, "dumpCell", {"code": CELL4})["body"]["sourcePath"]
        dap(kc, "setBreakpoints", {"source": {"path": p4}, "breakpoints": [{"line": 3}]})
        iopub = []
        msg_id = kc.execute(CELL4, allow_stdin=False, stop_on_error=False)
        ev = wait_event(kc, "stopped", iopub)
        km.interrupt_kernel()
        out["interrupted"] = finish(kc, msg_id, iopub)
        out["after_interrupt"] = run(kc, 'fmt.Println(name, r)')
        out["inspect"] = dap(kc, "inspectVariables")["body"]["variables"]

        # Stopping the debugger: breakpoints no longer stop, the session stays.
        out["disconnect"] = dap(kc, "disconnect", {"restart": False, "terminateDebuggee": False})
        out["after_disconnect"] = run(kc, CELL4)
        pump(kc, 0.3)
        out["events_left"] = [e["event"] for e in events]
        out["after_disconnect2"] = run(kc, 'fmt.Println(name, len(pts), n)')

        # Requests the kernel cannot serve are answered as failures; the kernel goes on.
        out["unknown"] = dap(kc, "frobnicate", {})
        out["bad_args"] = dap(kc, "stackTrace", {"threadId": "one"})
        msg = kc.session.msg("debug_request", {"type": "request", "seq": 99})
        kc.control_channel.send(msg)
        reply = kc.get_control_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
            reply = kc.get_control_msg(timeout=TIMEOUT)
        out["no_command"] = reply["content"]
        out["still_alive"] = run(kc, 'fmt.Println(len(pts))')
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
