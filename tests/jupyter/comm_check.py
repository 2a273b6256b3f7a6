"""Drives comms and widgets on the installed sluice kernel through jupyter_client, the
way a front end's widget manager does, and prints what it saw as JSON for comm_test.go.

usage: comm_check.py KERNEL_NAME
"""
import json, sys, time
from jupyter_client.manager import start_new_kernel

TIMEOUT = 60


def collect(kc, msg_id):
    """iopub messages whose parent is msg_id, up to its idle status."""
    msgs = []
    while True:
        m = kc.get_iopub_msg(timeout=TIMEOUT)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append({"type": m["msg_type"], "content": m["content"], "metadata": m["metadata"],
                     "buffers": [bytes(b).decode("latin-1") for b in m.get("buffers", [])]})
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return msgs


def execute(kc, code):
    msg_id = kc.execute(code, allow_stdin=False, stop_on_error=False)
    msgs = collect(kc, msg_id)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    return {"iopub": msgs, "reply": reply["content"]}


def send(kc, msg_type, content, buffers=None):
    msg = kc.session.msg(msg_type, content)
    kc.session.send(kc.shell_channel.socket, msg, buffers=buffers)
    return msg["header"]["msg_id"]


def comm(kc, msg_type, content, buffers=None):
    return collect(kc, send(kc, msg_type, content, buffers))


def comm_info(kc, target=None):
    content = {} if target is None else {"target_name": target}
    msg_id = send(kc, "comm_info_request", content)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    return reply["content"]


ECHO_TARGET = '''import (
\t"fmt"
\t"github.com/sluice-dev/sluice/widgets/comm"
)
var events []string
comm.RegisterTarget("sluice.echo", func(c *comm.Comm, m comm.Message) {
\tevents = append(events, fmt.Sprint("open ", m.Data["x"]))
\tc.OnMsg(func(m comm.Message) {
\t\tif m.Data["panic"] == true {
\t\t\tpanic("handler boom")
\t\t}
\t\tevents = append(events, fmt.Sprint("msg ", m.Data["n"], " ", string(m.Buffers[0])))
\t\tc.Send(comm.Message{Data: map[string]any{"echo": m.Data["n"]}, Buffers: [][]byte{[]byte("re:" + string(m.Buffers[0]))}})
\t})
\tc.OnClose(func(m comm.Message) { events = append(events, "close") })
})'''


def main():
    name = sys.argv[1]
    km, kc = start_new_kernel(kernel_name=name)
    out = {}
    try:
        # Plain comms, with a target registered from a cell.
        out["register"] = execute(kc, ECHO_TARGET)
        out["info_before"] = comm_info(kc, "sluice.echo")
        out["open"] = comm(kc, "comm_open", {"comm_id": "c1", "target_name": "sluice.echo", "data": {"x": 1}})
        out["info_open"] = comm_info(kc, "sluice.echo")
        out["info_all"] = comm_info(kc)
        out["msg"] = comm(kc, "comm_msg", {"comm_id": "c1", "data": {"n": 7}}, [b"abc"])
        out["panic"] = comm(kc, "comm_msg", {"comm_id": "c1", "data": {"panic": True}})
        out["close"] = comm(kc, "comm_close", {"comm_id": "c1", "data": {}})
        out["info_closed"] = comm_info(kc, "sluice.echo")
        out["unknown"] = comm(kc, "comm_open", {"comm_id": "c2", "target_name": "nobody", "data": {}})
        out["events"] = execute(kc, "events")

        # A widget: created in a cell, moved by the front end, read and set from Go.
        out["slider"] = execute(kc, 'import "github.com/sluice-dev/sluice/widgets"\n'
                                    'var seen []int\n'
                                    's := widgets.NewIntSlider("n", 0, 10, 3)\n'
                                    's.OnChange(func(v int) { seen = append(seen, v); fmt.Println("changed to", v) })\n'
                                    's')
        opens = [m for m in out["slider"]["iopub"] if m["type"] == "comm_open"]
        sid = opens[0]["content"]["comm_id"] if opens else ""
        out["slider_id"] = sid
        out["update"] = comm(kc, "comm_msg", {"comm_id": sid, "data": {
            "method": "update", "state": {"value": 7}, "buffer_paths": []}})
        out["value"] = execute(kc, "s.Value()")
        out["set"] = execute(kc, "s.SetValue(99)")
        out["request_state"] = comm(kc, "comm_msg", {"comm_id": sid, "data": {"method": "request_state"}})
        out["control"] = comm(kc, "comm_open", {"comm_id": "ctl", "target_name": "jupyter.widget.control",
                                                "data": {}}) + \
            comm(kc, "comm_msg", {"comm_id": "ctl", "data": {"method": "request_states"}})

        # A callback never runs beside a cell: an update sent while a cell sleeps is
        # served after the cell's reply, but the cell reads the new value at once.
        cell = kc.execute('time.Sleep(700 * time.Millisecond)\nfmt.Println("cell done, seen", seen, "value", s.Value())',
                          allow_stdin=False)
        time.sleep(0.2)
        upd = send(kc, "comm_msg", {"comm_id": sid, "data": {"method": "update", "state": {"value": 4},
                                                            "buffer_paths": []}})
        order = []
        idle = set()
        while len(idle) < 2:
            m = kc.get_iopub_msg(timeout=TIMEOUT)
            pid = m["parent_header"].get("msg_id")
            if pid not in (cell, upd):
                continue
            who = "cell" if pid == cell else "update"
            if m["msg_type"] == "stream":
                order.append(who + ":" + m["content"]["text"].strip())
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                idle.add(pid)
                order.append(who + ":idle")
        out["order"] = order
        out["seen"] = execute(kc, "seen")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    print(json.dumps(out))


main()
