"""scikit-learn side of `pnpm bench:scale`: fits NMF (k = 20, nndsvda, coordinate descent) and
MiniBatchNMF (k = 20) on a words × documents Matrix Market file, one thread, and prints one JSON
object per model: seconds, peak resident memory of this process (MB), relative error
‖X − W H‖_F / ‖X‖_F, and the post-hoc accuracy of the planted labels from the document weights
(B̂ = Y pinv(H), prediction argmax B̂ H, fitted and scored on all documents — the paper's protocol
for synthetic data). Usage: bench_scale_sklearn.py X.mtx subtopics.txt groups.txt
"""
import json
import resource
import sys
import time

import numpy as np
import scipy.io
from sklearn.decomposition import NMF, MiniBatchNMF


def posthoc_accuracy(h, labels):
    classes = labels.max() + 1
    y = np.zeros((classes, h.shape[1]))
    y[labels, np.arange(h.shape[1])] = 1
    b = y @ np.linalg.pinv(h)
    return float(np.mean(np.argmax(b @ h, axis=0) == labels))


def relative_error(x, w, h):
    # ‖X − WH‖² = ‖X‖² − 2⟨X, WH⟩ + ⟨WᵀW, HHᵀ⟩ without the dense m×n product.
    xx = x.multiply(x).sum()
    cross = np.sum((x @ h.T) * w)
    quad = np.sum((w.T @ w) * (h @ h.T))
    return float(np.sqrt(max(0.0, xx - 2 * cross + quad) / xx))


def main():
    x = scipy.io.mmread(sys.argv[1]).tocsr().astype(np.float64)
    sub = np.loadtxt(sys.argv[2], dtype=np.int64)
    grp = np.loadtxt(sys.argv[3], dtype=np.int64)
    models = [
        ("NMF", NMF(n_components=20, init="nndsvda", solver="cd", random_state=0, max_iter=400)),
        ("MiniBatchNMF", MiniBatchNMF(n_components=20, init="nndsvda", random_state=0)),
    ]
    for name, model in models:
        start = time.perf_counter()
        w = model.fit_transform(x)  # X is words × documents: W holds the topics, H the documents
        seconds = time.perf_counter() - start
        h = model.components_
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            json.dumps(
                {
                    "model": name,
                    "seconds": seconds,
                    "peakMB": peak,
                    "relativeError": relative_error(x, w, h),
                    "accuracySubtopics": posthoc_accuracy(h, sub),
                    "accuracyGroups": posthoc_accuracy(h, grp),
                    "iterations": int(model.n_iter_),
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
