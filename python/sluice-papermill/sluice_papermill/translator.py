"""The Go translator: papermill parameters become the assignments ``sluice run -p`` writes.

A Go variable has the type its parameters cell declares (``rate := 0.25`` is a float64,
``tags := []string{}`` a slice of strings), and papermill hands a translator only the
values. So the translator asks the ``sluice`` binary that serves the notebook's kernel to
inject the parameters into the notebook (``sluice run --prepare-only``) and takes the cell
it wrote: the conversion rules are the runner's own, with its clear errors for a value
that does not fit its parameter.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from papermill.exceptions import PapermillException
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

# The kernelspec name ``sluice install`` writes, and the language every Sluice kernelspec
# declares: papermill looks a translator up by kernel name first, then by language.
KERNEL_NAME = "sluice"
LANGUAGE = "go"

_HEADER = "// Parameters injected by sluice run"


def register():
    """Registers GoTranslator for the sluice kernel and the Go language (idempotent)."""
    papermill_translators.register(KERNEL_NAME, GoTranslator)
    papermill_translators.register(LANGUAGE, GoTranslator)


class GoTranslator(Translator):
    """Writes papermill's injected-parameters cell for Sluice notebooks."""

    @classmethod
    def comment(cls, cmt_str):
        return f"// {cmt_str}".strip()

    @classmethod
    def translate(cls, val):
        # What the value was on papermill's command line, as sluice run -p receives it.
        return cli_value(val)

    @classmethod
    def codify(cls, parameters, comment="Parameters"):
        nb, kernel_name = _calling_notebook()
        if nb is None:
            raise PapermillException(
                "the Go translator converts parameters to the types the notebook's "
                "parameters cell declares, and was called without a notebook: use "
                "papermill.execute_notebook or papermill.parameterize_notebook"
            )
        source = injected_source(nb, kernel_name, parameters)
        lines = source.split("\n")
        if lines and lines[0] == _HEADER:
            lines = lines[1:]
        return cls.comment(comment) + "\n" + "\n".join(lines) + "\n"

    @classmethod
    def inspect(cls, parameters_cell):
        """The parameters the cell declares: name, Go type, default source and comment."""
        try:
            return declared_parameters(_source(parameters_cell))
        except Exception:  # papermill asks translators to ignore inspection errors
            return []


def cli_value(val):
    """The text papermill's command line had for val, which sluice run -p converts."""
    if isinstance(val, str):
        return val
    if isinstance(val, float):
        return repr(val)  # shortest round trip: 1e+300, -0.0, nan, inf
    if isinstance(val, (list, tuple, dict)):
        return json.dumps(val, ensure_ascii=False, default=_json_default)
    if isinstance(val, (datetime.datetime, datetime.date)):
        return val.isoformat()
    return str(val)  # True, False, None and ints as papermill's command line spells them


def _json_default(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    return str(v)


def injected_source(nb, kernel_name, parameters):
    """The Go source sluice run -p injects into nb for parameters."""
    args = ["run", "--prepare-only", "--quiet", "--no-sign", "--output", "-"]
    if kernel_name:
        args += ["--kernel", kernel_name]
    for name, val in parameters.items():
        value = cli_value(val)
        if "=" in name or "\0" in name or "\0" in value:
            raise PapermillException(f"parameter {name!r}: not a Go identifier or value")
        args += ["-p", f"{name}={value}"]
    out = _run_sluice(kernel_name, args, nb)
    for cell in out.get("cells", []):
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            return _source(cell)
    return ""


def declared_parameters(source):
    """papermill Parameters for a Go parameters cell, in declaration order."""
    cell = {"cell_type": "code", "id": "parameters", "source": source, "outputs": [],
            "execution_count": None, "metadata": {"tags": ["parameters"]}}
    nb = {"cells": [cell], "nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"name": KERNEL_NAME, "language": LANGUAGE,
                                      "display_name": "Go (Sluice)"}}}
    out = _run_sluice(None, ["run", "--prepare-only", "--quiet", "--output", "-"], nb)
    declared = out["metadata"]["papermill"]["default_parameters"]
    params = [
        Parameter(name=name, inferred_type_name=d.get("type") or "None",
                  default=d.get("default", ""), help=d.get("help", ""))
        for name, d in declared.items()
    ]
    return sorted(params, key=lambda p: _declared_at(source, p.name))


def _declared_at(source, name):
    m = re.search(r"(?m)^[ \t]*(?:(?:var|const)[ \t]+)?(?:\w+[ \t]*,[ \t]*)*" + re.escape(name) + r"\b", source)
    return m.start() if m else len(source)


def _run_sluice(kernel_name, args, nb):
    binary = sluice_binary(kernel_name)
    with tempfile.TemporaryDirectory(prefix="sluice-papermill-") as tmp:
        path = os.path.join(tmp, "notebook.ipynb")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(nb, f)
        proc = subprocess.run([binary] + args + [path], capture_output=True, text=True,
                              encoding="utf-8", stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        msg = proc.stderr.strip().replace(path, "the notebook")
        raise PapermillException(f"Go parameters: {msg or 'sluice exited with ' + str(proc.returncode)}")
    return json.loads(proc.stdout)


def sluice_binary(kernel_name=None):
    """The sluice binary that serves the kernel: the kernelspec's program, else PATH's."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:  # papermill depends on jupyter_client; keep PATH as the fallback
        KernelSpecManager = None
    if KernelSpecManager is not None:
        ksm = KernelSpecManager()
        for name in dict.fromkeys([kernel_name, KERNEL_NAME]):
            if not name:
                continue
            try:
                spec = ksm.get_kernel_spec(name)
            except (NoSuchKernel, OSError, ValueError):
                continue
            if spec.language.lower() == LANGUAGE and spec.argv and os.access(spec.argv[0], os.X_OK):
                return spec.argv[0]
    found = shutil.which("sluice")
    if found:
        return found
    raise PapermillException(
        "Go parameters: no sluice binary found: install the kernel (sluice install --user) "
        "or put sluice on PATH"
    )


def _calling_notebook():
    """The notebook papermill's parameterize_notebook is injecting into, and its kernel.

    papermill passes a translator only the values; the notebook is a local of the caller.
    """
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "parameterize_notebook" and "nb" in frame.f_locals:
            return frame.f_locals["nb"], frame.f_locals.get("kernel_name")
        frame = frame.f_back
    return None, None


def _source(cell):
    src = cell.get("source", "") if isinstance(cell, dict) else cell.source
    return "".join(src) if isinstance(src, list) else src
