#!/usr/bin/python3
"""scikit-learn side of bench/ml: trains RandomForestClassifier(100 trees) and
HistGradientBoostingClassifier on the train/test CSVs that bench/ml's Go program wrote,
and prints one JSON object with test AUC, training seconds and scoring rows/s.

Usage: /usr/bin/python3 sklearn_bench.py DIR SCORE_ROWS [hgb-only]
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.metrics import roc_auc_score

d, score_rows = sys.argv[1], int(sys.argv[2])
train = np.loadtxt(f"{d}/train.csv", delimiter=",", skiprows=1)
test = np.loadtxt(f"{d}/test.csv", delimiter=",", skiprows=1)
Xtr, ytr = train[:, :-1], train[:, -1]
Xte, yte = test[:, :-1], test[:, -1]
big = np.tile(Xte, (score_rows // len(Xte) + 1, 1))[:score_rows]

out = {"sklearn": sklearn.__version__, "train_rows": len(ytr), "test_rows": len(yte)}
models = {
    "hgb": lambda: HistGradientBoostingClassifier(random_state=0),
    "rf": lambda: RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0),
}
if len(sys.argv) > 3 and sys.argv[3] == "hgb-only":
    del models["rf"]
for name, make in models.items():
    best = None
    for _ in range(3 if name == "hgb" else 1):
        m = make()
        t0 = time.perf_counter()
        m.fit(Xtr, ytr)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    auc = roc_auc_score(yte, m.predict_proba(Xte)[:, 1])
    t0 = time.perf_counter()
    m.predict_proba(big)
    st = time.perf_counter() - t0
    out[name] = {"auc": auc, "train_seconds": best, "score_rows_per_second": score_rows / st}
    if name == "hgb":
        out[name]["iterations"] = int(m.n_iter_)
print(json.dumps(out))
