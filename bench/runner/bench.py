#!/usr/bin/env python3
"""Runner overhead: `sluice run` vs `jupyter nbconvert --execute` on the same notebooks
with the same kernel, side by side in one run. Prints wall-time ratios.

usage: /usr/bin/python3 bench/runner/bench.py SLUICE_BINARY [--kernels python3,sluice] [--repeat 5]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

def notebook(kernel, cells):
    lang = "python" if kernel == "python3" else "go"
    src = "x = 1" if lang == "python" else "x := 1"
    body = [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "source": src if i == 0 else ("x + %d" % i),
             "outputs": [], "execution_count": None} for i in range(cells)]
    return {"cells": body, "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"name": kernel, "display_name": kernel, "language": lang}}}

def timed(cmd, env):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sluice")
    ap.add_argument("--kernels", default="python3")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cells", type=int, default=50)
    a = ap.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as d:
        # nbconvert finds the sluice kernel through a kernelspec in a private prefix.
        subprocess.run([a.sluice, "install", "--prefix", d], check=True, stdout=subprocess.DEVNULL)
        env["JUPYTER_PATH"] = os.path.join(d, "share", "jupyter")
        for kernel in a.kernels.split(","):
            path = os.path.join(d, f"{kernel}.ipynb")
            json.dump(notebook(kernel, a.cells), open(path, "w"))
            ours, theirs = [], []
            for _ in range(a.repeat):  # interleaved so machine noise hits both alike
                ours.append(timed([a.sluice, "run", "--quiet", path, "--output", os.path.join(d, "o1.ipynb")], env))
                theirs.append(timed(["jupyter", "nbconvert", "--to", "notebook", "--execute", path,
                                     "--ExecutePreprocessor.kernel_name=" + kernel, "--output", os.path.join(d, "o2.ipynb")], env))
            o, t = statistics.median(ours), statistics.median(theirs)
            print(f"{kernel:8s} {a.cells}-cell notebook: sluice run {o:.3f}s, nbconvert --execute {t:.3f}s, ratio {o/t:.2f}x")

if __name__ == "__main__":
    main()
