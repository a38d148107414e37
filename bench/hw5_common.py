"""Shared by the HW5 Q2 references (bench/hw5_numpy.py, bench/hw5_torch.py): the command line, the problem
that `bench_hw5 --write FILE` stores (data X, Y, initial weights W, b, U, c, a, eta, epochs), the timed runs
and the result table, whose columns bench/hw5.sh reads.

    SCRIPT PROBLEM.json [--epochs N] [--repeats R]
"""
import argparse
import json
import statistics
import time


def read_problem():
    """(p, epochs, repeats) from the command line: the problem as a dict, the epochs (the problem's unless
    --epochs is given) and the number of timed runs."""
    ap = argparse.ArgumentParser()
    ap.add_argument("problem")
    ap.add_argument("--epochs", type=int, default=0, help="default: the problem's (100)")
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args()
    with open(args.problem) as fh:
        p = json.load(fh)
    return p, args.epochs or p["epochs"], args.repeats


def time_runs(train, p, epochs, repeats):
    """(median seconds, risk) over `repeats` runs of train(p, epochs) from the same start; risk is the last
    run's MSE after each epoch."""
    times, risk = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        risk = train(p, epochs)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), risk


def print_result(name, seconds, final_mse):
    print(f"{'name':<12} {'seconds':>10} {'final_mse':>14}")
    print(f"{name:<12} {seconds:>10.4f} {final_mse:>14.10f}")
