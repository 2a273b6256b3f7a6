"""Execute notebooks in order with nbclient, the way CI and JupyterLab run them.

usage: execute.py OUTDIR NOTEBOOK...

Each notebook runs in a fresh kernel (its kernelspec, found on JUPYTER_PATH) with the
notebook's own directory as working directory, and the executed copy is written to OUTDIR
under the same name, also when a cell fails. The first failing cell stops the run with
exit status 1 and its notebook, cell id, source and error on stderr.
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

outdir, paths = sys.argv[1], sys.argv[2:]
for path in paths:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, startup_timeout=120,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    start = time.time()
    failed = None
    try:
        client.execute()
    except CellExecutionError as e:
        failed = e
    out = os.path.join(outdir, os.path.basename(path))
    nbformat.write(nb, out)
    if failed is not None:
        for cell in nb.cells:
            for o in cell.get("outputs", []):
                if o.get("output_type") == "error":
                    sys.stderr.write("%s: cell %s failed:\n%s\n%s: %s\n" % (
                        os.path.basename(path), cell.get("id"), cell.source, o.get("ename"), o.get("evalue")))
        sys.stderr.write(str(failed)[-4000:] + "\n")
        sys.exit(1)
    print("%s: %.1fs" % (os.path.basename(path), time.time() - start), flush=True)
