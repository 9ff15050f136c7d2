#!/usr/bin/env python3
"""scipy side of tooling/scripts/bench-nnls-forward.ts.

Usage: python3 tooling/scripts/nnls_scipy_bench.py DIR [CASE]

DIR/manifest.json lists cases {name, m, k, n, repeats}; DIR/<name>.A.f64 (m x k) and
DIR/<name>.X.f64 (m x n) hold row-major little-endian float64 matrices written by the TypeScript
side. For every case (or only CASE) this times scipy.optimize.nnls called column by column (the
way the Neural NMF reference calls it), `repeats` times, writes scipy's solution to
DIR/<name>.S.f64 (k x n) and prints one JSON document with the timings on stdout. The TypeScript
side calls it once per case and round, interleaved with its own runs, so both see the same load.
"""

import json
import os
import platform
import sys
import time

import numpy as np
import scipy
from scipy.optimize import nnls


def main():
    directory = sys.argv[1]
    only = sys.argv[2] if len(sys.argv) > 2 else None
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    results = []
    for case in manifest["cases"]:
        if only is not None and case["name"] != only:
            continue
        name, m, k, n = case["name"], case["m"], case["k"], case["n"]
        A = np.fromfile(os.path.join(directory, f"{name}.A.f64"), dtype="<f8").reshape(m, k)
        X = np.fromfile(os.path.join(directory, f"{name}.X.f64"), dtype="<f8").reshape(m, n)
        # scipy works on Fortran-ordered copies internally; give it contiguous columns up front
        # (not timed) so the loop measures the solver, not the slicing.
        A = np.asfortranarray(A)
        cols = [np.ascontiguousarray(X[:, j]) for j in range(n)]
        S = np.zeros((k, n))
        times = []
        for _ in range(case["repeats"]):
            t0 = time.perf_counter()
            for j in range(n):
                S[:, j] = nnls(A, cols[j])[0]
            times.append((time.perf_counter() - t0) * 1e3)
        S.astype("<f8").tofile(os.path.join(directory, f"{name}.S.f64"))
        times.sort()
        results.append(
            {
                "name": name,
                "ms": times,
                "bestMs": times[0],
                "medianMs": times[len(times) // 2],
            }
        )
    json.dump(
        {
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "results": results,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
