#!/usr/bin/python3
"""Reference coefficients for platform/ml's logistic-regression test.

Run from this directory with Debian's python3-sklearn:

    /usr/bin/python3 sklearn_logistic.py

It writes logistic_data.csv (features x0..x4 and a 0/1 label) and logistic_ref.json
(scikit-learn's coefficients for several penalties). Features are standardized with
StandardScaler first, so the coefficients are in standardized units; the Go side maps
scikit-learn's C to lambda = 1/(C*n).
"""
import csv
import json

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

rng = np.random.RandomState(7)
n, p = 400, 5
X = rng.normal(size=(n, p)) * np.array([1.0, 3.0, 0.5, 10.0, 2.0]) + np.array([0.0, 5.0, -1.0, 50.0, 0.0])
X[:, 4] += 0.8 * X[:, 0]  # a correlated pair
true_w = np.array([1.2, -0.4, 2.0, 0.05, 0.0])
z = (X - X.mean(axis=0)) @ true_w - 0.7
y = (rng.uniform(size=n) < 1 / (1 + np.exp(-z))).astype(int)

with open("logistic_data.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow([f"x{j}" for j in range(p)] + ["label"])
    for i in range(n):
        w.writerow([repr(float(v)) for v in X[i]] + [int(y[i])])

Z = StandardScaler().fit_transform(X)
cases = []
for penalty, C, solver in [("l2", 1.0, "lbfgs"), ("l2", 0.05, "lbfgs"), ("l1", 0.5, "saga"), ("l1", 0.02, "saga")]:
    m = LogisticRegression(penalty=penalty, C=C, solver=solver, tol=1e-12, max_iter=1000000)
    m.fit(Z, y)
    cases.append({"penalty": penalty, "C": C, "solver": solver,
                  "coef": [float(v) for v in m.coef_[0]], "intercept": float(m.intercept_[0])})

with open("logistic_ref.json", "w") as f:
    json.dump({"sklearn": sklearn.__version__, "rows": n, "cases": cases}, f, indent=1)
    f.write("\n")
