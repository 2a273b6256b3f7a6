"""Runs cells on the installed sluice kernel through jupyter_client and prints, as JSON,
for each cell the iopub messages it produced (type and content) and its execute_reply.

usage: sql_check.py KERNEL_NAME CELLS_JSON
"""
import json, sys
from jupyter_client.manager import start_new_kernel

def run(kc, code, interrupt_after=None, km=None):
    msg_id = kc.execute(code, allow_stdin=False, stop_on_error=False)
    msgs = []
    if interrupt_after is not None:
        import time
        time.sleep(interrupt_after)
        km.interrupt_kernel()
    while True:
        m = kc.get_iopub_msg(timeout=60)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append({"type": m["msg_type"], "content": m["content"]})
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    reply = kc.get_shell_msg(timeout=60)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=60)
    return {"iopub": msgs, "reply": reply["content"]}

def main():
    name, cells = sys.argv[1], json.loads(sys.argv[2])
    km, kc = start_new_kernel(kernel_name=name)
    try:
        out = [run(kc, c["code"], c.get("interrupt_after"), km) for c in cells]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    print(json.dumps(out))

main()
