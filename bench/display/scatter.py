"""Reference timing: matplotlib (Agg) rendering the same 100,000-point scatter that
display's BenchmarkScatter100k renders, at the same size (800x450 CSS px, PNG at 2x),
to PNG and to SVG. Prints ns per PNG+SVG pair and the output sizes, for vector points
and for a rasterized point layer (what display does above 5,000 points)."""
import io
import sys
import time

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(1)
x = rng.standard_normal(100_000)
y = x + rng.standard_normal(100_000)


def render(rasterized):
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    ax.scatter(x, y, s=2, alpha=0.3, color="#0072B2", rasterized=rasterized)
    ax.set_title("100k")
    png, svg = io.BytesIO(), io.BytesIO()
    fig.savefig(png, format="png", dpi=200)
    fig.savefig(svg, format="svg")
    plt.close(fig)
    return len(png.getvalue()), len(svg.getvalue())


for rasterized in (False, True):
    render(rasterized)
    reps = 3
    t0 = time.perf_counter_ns()
    for _ in range(reps):
        sizes = render(rasterized)
    ns = (time.perf_counter_ns() - t0) // reps
    print(f"rasterized={rasterized} ns/op={ns} png-bytes={sizes[0]} svg-bytes={sizes[1]}")
    sys.stdout.flush()
