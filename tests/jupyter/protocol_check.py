#!/usr/bin/python3
"""Drive an installed kernel with jupyter_client and check the protocol as a front end sees it.

Usage: protocol_check.py SPEC.json

The spec names the kernel (found through JUPYTER_PATH) and gives, in the kernel's own
language, the code for each check:

  kernel_name      kernelspec to start
  language         expected language_info.name
  hello            {"code", "stdout"}: output text the cell must print
  stderr           {"code", "stderr"}
  result           {"code", "text"}: text/plain of the execute_result
  error            {"code", "ename"}
  display          {"code", "mime"}: a display_data carrying that MIME type
  stdin            {"code", "reply", "stdout", "prompt"} or a list of them: the cell asks
                   for input (with that prompt, if given), gets reply
  block            code that runs until interrupted
  complete         {"code", "match"}: completing at the end of code offers match
  inspect          {"code"}: inspect at the end of code finds something
  is_complete      {"complete": code, "incomplete": code, "invalid": code}
  cells            optional list of {"code", "status", "ename", "stdout", "result",
                   "interrupt"}: run in order; "interrupt" (seconds) interrupts the cell
                   through the kernel manager after that long; the other keys are
                   expectations (ename and result exact, stdout a substring)

Prints one line per check and exits 1 if any failed.
"""
import json
import sys
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 30
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)), flush=True)
    if not cond:
        failures.append(name)


def check_header(msg):
    h = msg["header"]
    for k in ("msg_id", "session", "username", "date", "msg_type", "version"):
        if k not in h:
            return "header lacks " + k
    if not str(h["version"]).startswith("5."):
        return "version " + str(h["version"])
    return None


def collect(kc, msg_id, timeout=TIMEOUT):
    """iopub messages of msg_id from busy to idle."""
    out = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=1)
        except Exception:
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return out
    raise TimeoutError("no idle for " + msg_id)


def reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.time() + timeout
    while time.time() < deadline:
        m = kc.get_shell_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") == msg_id:
            return m
    raise TimeoutError("no reply for " + msg_id)


def execute(kc, code, **kw):
    msg_id = kc.execute(code, **kw)
    r = reply(kc, msg_id)
    return r, collect(kc, msg_id)


def stream(msgs, name):
    return "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == name)


def main():
    spec = json.load(open(sys.argv[1]))
    km = KernelManager(kernel_name=spec["kernel_name"])
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        check("wait_for_ready", True)
        run(spec, km, kc)
        # A shutdown_request on control must make the kernel exit by itself.
        km.request_shutdown()
        deadline = time.time() + 10
        while km.is_alive() and time.time() < deadline:
            time.sleep(0.05)
        check("kernel exits after shutdown_request", not km.is_alive(), "still running after 10 s")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    if failures:
        print("%d check(s) failed: %s" % (len(failures), ", ".join(failures)))
        sys.exit(1)
    print("all checks passed")


def run(spec, km, kc):
    # kernel_info
    msg_id = kc.kernel_info()
    r = reply(kc, msg_id)
    pub = collect(kc, msg_id)
    li = r["content"].get("language_info", {})
    check("kernel_info language", li.get("name") == spec["language"], li)
    check("kernel_info busy/idle", [m["content"].get("execution_state") for m in pub] == ["busy", "idle"], pub)
    check("kernel_info header", check_header(r) is None, check_header(r))

    # hello: ordering busy -> execute_input -> stream -> idle, reply with execution_count
    r, pub = execute(kc, spec["hello"]["code"])
    types = [m["msg_type"] for m in pub]
    check("execute status ok", r["content"]["status"] == "ok", r["content"])
    check("execute ordering", types[0] == "status" and types[1] == "execute_input" and types[-1] == "status", types)
    check("execute stdout", spec["hello"]["stdout"] in stream(pub, "stdout"), stream(pub, "stdout"))
    count = r["content"].get("execution_count")
    check("execution_count present", isinstance(count, int) and count >= 1, r["content"])
    bad = [check_header(m) for m in pub if check_header(m)]
    check("iopub headers", not bad, bad)

    if "stderr" in spec:
        r, pub = execute(kc, spec["stderr"]["code"])
        check("stderr stream", spec["stderr"]["stderr"] in stream(pub, "stderr"), pub)
        count = r["content"]["execution_count"]

    r, pub = execute(kc, spec["result"]["code"])
    res = [m for m in pub if m["msg_type"] == "execute_result"]
    check("execute_result", len(res) == 1 and res[0]["content"]["data"].get("text/plain") == spec["result"]["text"], res)
    check("execution_count advances", r["content"]["execution_count"] == count + 1, r["content"])

    r, pub = execute(kc, "", silent=True)
    check("silent keeps count", r["content"]["execution_count"] == count + 1, r["content"])
    check("silent broadcasts nothing", [m["msg_type"] for m in pub] == ["status", "status"], pub)

    r, pub = execute(kc, spec["error"]["code"])
    errs = [m for m in pub if m["msg_type"] == "error"]
    c = r["content"]
    check("error reply", c["status"] == "error" and c.get("ename") == spec["error"]["ename"]
          and isinstance(c.get("traceback"), list), c)
    check("one error message", len(errs) == 1 and isinstance(errs[0]["content"]["traceback"], list), errs)

    if "display" in spec:
        r, pub = execute(kc, spec["display"]["code"])
        dd = [m for m in pub if m["msg_type"] in ("display_data", "execute_result")]
        check("display_data", any(spec["display"]["mime"] in m["content"]["data"] for m in dd), pub)

    # stdin round trips: one spec or a list; "prompt" is the input_request's expected prompt
    cases = spec["stdin"] if isinstance(spec["stdin"], list) else [spec["stdin"]]
    for st in cases:
        msg_id = kc.execute(st["code"], allow_stdin=True)
        try:
            req = kc.get_stdin_msg(timeout=TIMEOUT)
            check("input_request", req["msg_type"] == "input_request"
                  and req["parent_header"].get("msg_id") == msg_id
                  and req["content"]["prompt"] == st.get("prompt", req["content"]["prompt"]), req)
            kc.input(st["reply"])
        except Exception as e:
            check("input_request", False, repr(e))
        r = reply(kc, msg_id)
        pub = collect(kc, msg_id)
        check("input reply used", st["stdout"] in stream(pub, "stdout"), stream(pub, "stdout"))
        r, pub = execute(kc, st["code"], allow_stdin=False)
        # The read fails (end of file, or the engine's error) and says why; a cell that
        # ignores the read's error may still finish "ok".
        said = stream(pub, "stderr") + stream(pub, "stdout") + str(r["content"].get("evalue", ""))
        check("input without allow_stdin fails", r["content"]["status"] == "error"
              or "allow_stdin=false" in said or "not available" in said, (r["content"], said))

    # interrupt a blocked cell through the kernel manager (interrupt_mode message)
    msg_id = kc.execute(spec["block"])
    time.sleep(0.5)
    km.interrupt_kernel()
    r = reply(kc, msg_id)
    collect(kc, msg_id)
    check("interrupt stops the cell", r["content"]["status"] == "error", r["content"])
    r, pub = execute(kc, spec["hello"]["code"])
    check("alive after interrupt", r["content"]["status"] == "ok", r["content"])

    # complete / inspect / is_complete
    code = spec["complete"]["code"]
    msg_id = kc.complete(code, len(code))
    r = reply(kc, msg_id)
    collect(kc, msg_id)
    c = r["content"]
    check("complete", c["status"] == "ok" and spec["complete"]["match"] in c["matches"]
          and c["cursor_end"] == len(code) and 0 <= c["cursor_start"] <= len(code), c)
    code = spec["inspect"]["code"]
    msg_id = kc.inspect(code, len(code))
    r = reply(kc, msg_id)
    collect(kc, msg_id)
    check("inspect", r["content"]["status"] == "ok" and r["content"]["found"] and r["content"]["data"], r["content"])
    for want, code in spec["is_complete"].items():
        msg_id = kc.is_complete(code)
        r = reply(kc, msg_id)
        collect(kc, msg_id)
        check("is_complete " + want, r["content"]["status"] == want, r["content"])

    # history, comm_info
    msg_id = kc.history(hist_access_type="tail", n=2, output=False, raw=True)
    r = reply(kc, msg_id)
    collect(kc, msg_id)
    h = r["content"].get("history", [])
    check("history tail", len(h) == 2 and all(len(e) == 3 for e in h), h)
    msg_id = kc.comm_info()
    r = reply(kc, msg_id)
    collect(kc, msg_id)
    check("comm_info", r["content"]["status"] == "ok" and "comms" in r["content"], r["content"])
    check("heartbeat", kc.hb_channel.is_beating(), "not beating")

    for i, cell in enumerate(spec.get("cells", [])):
        name = "cell %d %r" % (i + 1, cell["code"][:30])
        msg_id = kc.execute(cell["code"])
        if "interrupt" in cell:
            time.sleep(cell["interrupt"])
            km.interrupt_kernel()
        r = reply(kc, msg_id)
        pub = collect(kc, msg_id)
        c = r["content"]
        ok = c["status"] == cell.get("status", "ok")
        if "ename" in cell:
            ok = ok and c.get("ename") == cell["ename"]
        if "stdout" in cell:
            ok = ok and cell["stdout"] in stream(pub, "stdout")
        if "result" in cell:
            res = [m["content"]["data"].get("text/plain") for m in pub if m["msg_type"] == "execute_result"]
            ok = ok and res == [cell["result"]]
        check(name, ok, (c, [m["msg_type"] for m in pub]))


if __name__ == "__main__":
    main()
