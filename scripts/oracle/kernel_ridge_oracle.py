#!/usr/bin/python3
"""Reference values for KernelRidgeRegressorTests (Debian python3-sklearn, numpy): predictions and posterior std.

Run: /usr/bin/python3 scripts/oracle/kernel_ridge_oracle.py
StandardScaler on the rows, then KernelRidge(alpha=0.05, kernel="rbf", gamma=0.7 / features) fitted on y - mean(y);
the mean is added back, as BarrierNet's KernelRidgeRegressor does.
"""
import numpy as np
from sklearn.kernel_ridge import KernelRidge
from sklearn.preprocessing import StandardScaler

n = 12
X = np.array([[np.sin(i), np.cos(2 * i), (i % 5) / 4.0, 3.0] for i in range(n)])  # constant last column
y = np.array([0.2 + 0.5 * np.sin(i) ** 2 + 0.1 * i for i in range(n)])
probes = np.array([[0.1, 0.2, 0.3, 3.0], [-0.5, 0.9, 1.0, 3.0], [2.0, -2.0, 0.0, 3.0]])
scaler = StandardScaler().fit(X)
m = y.mean()
kr = KernelRidge(alpha=0.05, kernel="rbf", gamma=0.7 / X.shape[1]).fit(scaler.transform(X), y - m)
print(repr((kr.predict(scaler.transform(probes)) + m).tolist()))

# Gaussian-process posterior standard deviation of the same fit, s * sqrt(1 - k^T (K + alpha I)^-1 k), with s the
# standard deviation of the training targets, at the same probes (numpy's dense solve, no Cholesky).
Z = scaler.transform(X)
gamma = 0.7 / X.shape[1]
def rbf(A, B):
    return np.exp(-gamma * ((A[:, None, :] - B[None, :, :]) ** 2).sum(-1))
kq = rbf(Z, scaler.transform(probes))
var = 1 - (kq * np.linalg.solve(rbf(Z, Z) + 0.05 * np.eye(n), kq)).sum(0)
print(repr((y.std() * np.sqrt(np.maximum(var, 0))).tolist()))
