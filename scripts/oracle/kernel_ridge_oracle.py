#!/usr/bin/python3
"""Reference predictions for KernelRidgeRegressorTests.AgreesWithScikitLearn (Debian python3-sklearn).

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
