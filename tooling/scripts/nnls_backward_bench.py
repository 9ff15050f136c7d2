#!/usr/bin/env python3
"""Times the reference's per-column pseudo-inverse backward pass of the NNLS layer
(nnls_backward of ../shared/baselines/reference_like.py) on matrices written by
bench-nnls-backward.ts, and checks its gradients against ours. Prints one JSON line."""
import json, os, sys, time
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "shared", "baselines"))
from reference_like import nnls_backward  # noqa: E402

folder, repeats = sys.argv[1], int(sys.argv[2])
meta = json.load(open(os.path.join(folder, "meta.json")))
m, k, n = meta["m"], meta["k"], meta["n"]
load = lambda name, shape: np.fromfile(os.path.join(folder, name), dtype="<f8").reshape(shape)
A, X, S, G = load("A.bin", (m, k)), load("X.bin", (m, n)), load("S.bin", (k, n)), load("G.bin", (k, n))
gX_ours, gA_ours = load("gX.bin", (m, n)), load("gA.bin", (m, k))
best = float("inf")
for _ in range(repeats):
    t0 = time.perf_counter()
    gX, gA = nnls_backward(A, X, S, G)
    best = min(best, time.perf_counter() - t0)
rel = lambda a, b: float(np.linalg.norm(a - b) / max(np.linalg.norm(b), 1e-300))
print(json.dumps({"ms": best * 1000, "relDiffX": rel(gX_ours, gX), "relDiffA": rel(gA_ours, gA)}))
