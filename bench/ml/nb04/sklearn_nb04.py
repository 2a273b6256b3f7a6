"""scikit-learn side of bench/ml/nb04: on the train/test CSVs the Go program wrote, trains
StandardScaler + LogisticRegression (L2, lbfgs, C matched to sluice's default λ = 1e-4 on
the mean loss, i.e. C = 1/(1e-4·n)) and HistGradientBoostingClassifier (defaults) REPS
times each, alternating, and prints one JSON object: every training time (wall and
process CPU), test AUC, the
logistic coefficients in standardized units and HGB's iterations.

Usage: python3 sklearn_nb04.py DIR REPS
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

d, reps = sys.argv[1], int(sys.argv[2])
train = np.loadtxt(f"{d}/train.csv", delimiter=",", skiprows=1)
test = np.loadtxt(f"{d}/test.csv", delimiter=",", skiprows=1)
Xtr, ytr = train[:, :-1], train[:, -1]
Xte, yte = test[:, :-1], test[:, -1]
C = 1.0 / (1e-4 * len(ytr))
out = {"sklearn": sklearn.__version__, "python": sys.version.split()[0], "C": C,
       "logistic": {"seconds": [], "cpu": []}, "hgb": {"seconds": [], "cpu": []}}
for _ in range(reps):
    lr = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=1000))
    t0, c0 = time.perf_counter(), time.process_time()
    lr.fit(Xtr, ytr)
    out["logistic"]["seconds"].append(time.perf_counter() - t0)
    out["logistic"]["cpu"].append(time.process_time() - c0)
    hgb = HistGradientBoostingClassifier(random_state=0)
    t0, c0 = time.perf_counter(), time.process_time()
    hgb.fit(Xtr, ytr)
    out["hgb"]["seconds"].append(time.perf_counter() - t0)
    out["hgb"]["cpu"].append(time.process_time() - c0)
lrm = lr[-1]
out["logistic"].update(auc=roc_auc_score(yte, lr.predict_proba(Xte)[:, 1]),
                       coef=lrm.coef_[0].tolist(), intercept=float(lrm.intercept_[0]),
                       iterations=int(lrm.n_iter_[0]))
out["hgb"].update(auc=roc_auc_score(yte, hgb.predict_proba(Xte)[:, 1]), iterations=int(hgb.n_iter_))
print(json.dumps(out))
