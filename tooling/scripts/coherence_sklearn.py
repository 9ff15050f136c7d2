"""Top words of scikit-learn's flat NMF at given ranks, for the coherence study.

Reads a words x documents Matrix Market file and its vocabulary (one word per line), fits
sklearn.decomposition.NMF (defaults: init nndsvda, coordinate descent, Frobenius loss) on the
documents x words transpose at every rank given, and prints JSON: {rank: {"topics": [[word, ...], ...],
"relative_error": float}}.

Usage: python3 coherence_sklearn.py X.mtx vocab.txt 15,5,2 [top_n]
"""
import json
import sys

import numpy as np
import scipy.io
from sklearn.decomposition import NMF


def main() -> None:
    mtx, vocab_path, ranks = sys.argv[1], sys.argv[2], [int(r) for r in sys.argv[3].split(",")]
    top_n = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    x = scipy.io.mmread(mtx).tocsr().T.tocsr()  # documents x words
    with open(vocab_path, encoding="utf8") as f:
        vocab = [line.rstrip("\n") for line in f]
    out = {}
    norm = np.sqrt(x.multiply(x).sum())
    for k in ranks:
        model = NMF(n_components=k, random_state=0, max_iter=1000)
        w = model.fit_transform(x)
        h = model.components_
        topics = [[vocab[i] for i in np.argsort(-row)[:top_n]] for row in h]
        out[str(k)] = {"topics": topics, "relative_error": float(model.reconstruction_err_ / norm)}
        del w
    print(json.dumps(out))


if __name__ == "__main__":
    main()
