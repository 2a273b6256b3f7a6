#!/usr/bin/python3
"""Side-by-side latency of the sluice kernel and ipykernel, driven by the same
jupyter_client code.

Usage: bench.py [--sluice PATH] [--starts N] [--roundtrips N] [--bursts N]

PATH is a built sluice binary (default: build ./cmd/sluice with `go build`). The script
installs its kernelspec into a temporary prefix and uses Debian's python3 kernelspec for
ipykernel. It measures, for each kernel:

  start      start_kernel() until jupyter_client's wait_for_ready() returns: a
             kernel_info_reply and an iopub message (its busy/idle) have arrived
  execute    round trip of a trivial execute_request (`1+1`): send until reply and idle
  burst      a cell printing 10,000 lines: send until idle, all lines received

and prints medians and the sluice/ipykernel ratios as a Markdown table.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

CODE = {
    "sluice": {"trivial": "1+1", "burst": "for i := range 10000 {\n\tfmt.Println(i)\n}"},
    "python3": {"trivial": "1+1", "burst": "for i in range(10000):\n    print(i)"},
}


def wait_reply_and_idle(kc, msg_id, timeout=60):
    """Wait for the shell reply of msg_id and its idle status; return stdout text."""
    got_reply, idle, text = False, False, []
    deadline = time.time() + timeout
    while not (got_reply and idle):
        if time.time() > deadline:
            raise TimeoutError(msg_id)
        if not got_reply:
            try:
                m = kc.get_shell_msg(timeout=0.001)
                if m["parent_header"].get("msg_id") == msg_id:
                    got_reply = True
            except Exception:
                pass
        while True:
            try:
                m = kc.get_iopub_msg(timeout=0.001)
            except Exception:
                break
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "stream":
                text.append(m["content"]["text"])
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                idle = True
    return "".join(text)


def start(name):
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    # jupyter_client's own readiness check: kernel_info until a reply and an iopub
    # message arrive (what notebooks, consoles and nbclient wait for).
    kc.wait_for_ready(timeout=60)
    return time.perf_counter() - t0, km, kc


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def bench(name, args):
    res = {"start": [], "execute": [], "burst": []}
    # One start first, not measured: it pays for Python's imports and the page cache.
    _, km, kc = start(name)
    stop(km, kc)
    for i in range(args.starts):
        t, km, kc = start(name)
        res["start"].append(t)
        if i < args.starts - 1:
            stop(km, kc)
    code = CODE["sluice" if name != "python3" else "python3"]
    for _ in range(5):  # warm up
        wait_reply_and_idle(kc, kc.execute(code["trivial"]))
    for _ in range(args.roundtrips):
        t0 = time.perf_counter()
        wait_reply_and_idle(kc, kc.execute(code["trivial"]))
        res["execute"].append(time.perf_counter() - t0)
    for _ in range(args.bursts):
        t0 = time.perf_counter()
        out = wait_reply_and_idle(kc, kc.execute(code["burst"]))
        res["burst"].append(time.perf_counter() - t0)
        lines = out.count("\n")
        if lines != 10000:
            print("warning: %s burst delivered %d lines" % (name, lines), file=sys.stderr)
    stop(km, kc)
    if args.verbose:
        print(name, {k: ["%.1f" % (x * 1e3) for x in v][:10] for k, v in res.items()}, file=sys.stderr)
    return {k: statistics.median(v) for k, v in res.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sluice")
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--roundtrips", type=int, default=200)
    ap.add_argument("--bursts", type=int, default=5)
    ap.add_argument("-v", "--verbose", action="store_true", help="print the first samples of each measure")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="sluice-bench-")
    binary = args.sluice
    if not binary:
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        binary = os.path.join(tmp, "sluice")
        subprocess.run(["go", "build", "-o", binary, "./cmd/sluice"], cwd=root, check=True)
    prefix = os.path.join(tmp, "prefix")
    subprocess.run([binary, "install", "--prefix", prefix, "--name", "sluice-bench"], check=True,
                   stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(tmp, "runtime")
    os.environ["SLUICE_HOME"] = os.path.join(tmp, "home")
    s = bench("sluice-bench", args)
    p = bench("python3", args)
    print("| measure | sluice | ipykernel | ratio (sluice / ipykernel) |")
    print("| --- | --- | --- | --- |")
    labels = {"start": "start → kernel_info_reply + idle",
              "execute": "trivial execute round trip (`1+1`)",
              "burst": "10,000-line stdout burst"}
    for k in ("start", "execute", "burst"):
        print("| %s | %.1f ms | %.1f ms | %.2f× |" % (labels[k], s[k] * 1e3, p[k] * 1e3, s[k] / p[k]))


if __name__ == "__main__":
    main()
