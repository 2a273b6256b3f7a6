#!/usr/bin/python3
"""Build the example notebooks (../NN-*.ipynb) from their readable sources (NN-*.nb).

A source file is a sequence of cells. A line "//// markdown" or "//// code" starts a
cell; "//// code parameters" starts the code cell tagged "parameters" (the one that
`sluice run -p` and papermill-style tools inject values after). Leading and trailing
blank lines of a cell are dropped. The notebooks are written without outputs, as
nbformat 4.5 with stable cell ids (<notebook number>-<cell number>), so that
regenerating them gives byte-identical files and diffs stay clean.

    /usr/bin/python3 notebooks/src/build.py          # rewrite the notebooks
    /usr/bin/python3 notebooks/src/build.py --check  # exit 1 if any is out of date
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)

METADATA = {
    "kernelspec": {"name": "sluice", "display_name": "Go (Sluice)", "language": "go"},
    "language_info": {
        "name": "go",
        "file_extension": ".go",
        "mimetype": "text/x-go",
        "codemirror_mode": "go",
        "pygments_lexer": "go",
    },
}


def parse(path):
    """Return the cells of one source file as (kind, tags, text) tuples."""
    cells, kind, tags, lines = [], None, [], []

    def flush():
        if kind is None:
            return
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            raise SystemExit(f"{path}: empty {kind} cell")
        cells.append((kind, tags, "\n".join(lines)))

    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f.read().split("\n"), 1):
            if line.startswith("//// "):
                flush()
                words = line[5:].split()
                if not words or words[0] not in ("markdown", "code"):
                    raise SystemExit(f"{path}:{n}: cell marker must be '//// markdown' or '//// code [tags]'")
                kind, tags, lines = words[0], words[1:], []
            elif kind is None:
                if line.strip():
                    raise SystemExit(f"{path}:{n}: text before the first cell marker")
            else:
                lines.append(line)
    flush()
    return cells


def notebook(stem, cells):
    number = stem.split("-", 1)[0]
    out = []
    for i, (kind, tags, text) in enumerate(cells, 1):
        src = text.split("\n")
        source = [l + "\n" for l in src[:-1]] + [src[-1]]
        cell = {"cell_type": kind, "id": f"nb{number}-{i:02d}", "metadata": {}, "source": source}
        if tags:
            cell["metadata"]["tags"] = tags
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        out.append(cell)
    params = [c for c in out if "parameters" in c["metadata"].get("tags", [])]
    if len(params) != 1:
        raise SystemExit(f"{stem}: want exactly one cell tagged parameters, found {len(params)}")
    nb = {"cells": out, "metadata": METADATA, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".nb"):
            continue
        stem = name[:-3]
        text = notebook(stem, parse(os.path.join(HERE, name)))
        target = os.path.join(OUT, stem + ".ipynb")
        old = None
        if os.path.exists(target):
            with open(target, encoding="utf-8") as f:
                old = f.read()
        if old == text:
            continue
        if check:
            stale.append(target)
            continue
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        print("wrote", os.path.relpath(target))
    if stale:
        print("out of date (run notebooks/src/build.py):", *stale, sep="\n  ")
        sys.exit(1)


if __name__ == "__main__":
    main()
