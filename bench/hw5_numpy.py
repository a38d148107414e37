#!/usr/bin/python3
"""NumPy reference for bench_hw5: HW5 Q2 (d) as the homework solution writes it.

The loop a student writes: a Python for-loop over epochs and over the 1 000 points, each step with NumPy
column vectors (np.matmul), phi(v) = 1/(1 + exp(-a v)), the squared loss (f - y)^2, the SGD update, and the
MSE over all points after each epoch — the solution's code, line for line. The problem (data, initial
weights, a, eta, epochs) is read from the JSON that `bench_hw5 --write FILE` stores, so the final MSE must
agree with bench_hw5's.

Timing: --repeats runs from the same start (default 1: one run takes seconds); the median is printed.

    /usr/bin/python3 bench/hw5_numpy.py PROBLEM.json [--epochs N] [--repeats R]
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hw5_common import print_result, read_problem, time_runs  # noqa: E402


def train(p, epochs):
    a, eta = p["a"], p["eta"]

    def phi(v):
        return 1. / (1. + np.exp(-a * v))

    def phi_prime(v):
        return a * phi(v) * (1 - phi(v))

    X = np.array(p["X"]).T  # the solution stores the points as columns: X is (2, N)
    Y = np.array(p["Y"]).T  # (1, N)
    W = np.array(p["W"])
    b = np.array(p["b"]).reshape(-1, 1)
    U = np.array(p["U"])
    c = np.array(p["c"]).reshape(1, 1)
    N = X.shape[1]
    risk = np.zeros(epochs)
    for epoch in range(epochs):
        for i in range(N):
            x = X[:, i].reshape(2, 1)
            y = Y[0, i].reshape(1, 1)
            # Forward - Question 2(b)
            v_z = np.matmul(W, x) + b
            z = phi(v_z)
            v_f = np.matmul(U, z) + c
            f = phi(v_f)
            # Backward - Question 2(c)
            dloss_df = -2 * (y - f)
            delta_f = dloss_df * phi_prime(v_f)
            dloss_dz = np.matmul(np.transpose(U), delta_f)
            delta_z = dloss_dz * phi_prime(v_z)
            grad_W = np.matmul(delta_z, np.transpose(x))
            grad_b = delta_z * 1
            grad_U = np.matmul(delta_f, np.transpose(z))
            grad_c = delta_f * 1
            # SGD
            W = W - eta * grad_W
            b = b - eta * grad_b
            U = U - eta * grad_U
            c = c - eta * grad_c
        Y_predicted = phi(np.matmul(U, phi(np.matmul(W, X) + b)) + c)
        risk[epoch] = np.sum((Y - Y_predicted) ** 2) / N
    return risk


def main():
    p, epochs, repeats = read_problem()
    seconds, risk = time_runs(train, p, epochs, repeats)
    print(f"# numpy {np.__version__}; HW5 Q2 baseline: {len(p['X'])} points x {epochs} epochs, per-sample SGD, "
          f"the solution's loop; median of {repeats} runs")
    print_result("numpy_loop", seconds, risk[-1])


if __name__ == "__main__":
    main()
