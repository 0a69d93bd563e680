#!/usr/bin/env python3
"""Paired A/B timing for a shared, noisy machine: runs two shell commands alternately (A B, B A,
A B …), each as a child process with its output discarded, and prints the median wall and CPU time
of each and the median and range of the per-pair ratios B/A. The ratio of a pair is taken from two
runs seconds apart, so it moves less with the machine's load than two separate medians do.

    python3 Benchmarks/pairs.py [--pairs N] [--warmup] 'COMMAND A' 'COMMAND B'

Exit codes of the commands are not checked beyond 0–1 (`plancheck check` exits 1 on findings).
"""
import os, resource, statistics, subprocess, sys, time


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    p = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 1):
        sys.exit(f"exit {p.returncode}: {cmd}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    args = sys.argv[1:]
    pairs = 7
    if "--pairs" in args:
        i = args.index("--pairs"); pairs = int(args[i + 1]); del args[i:i + 2]
    warmup = "--warmup" in args
    args = [a for a in args if a != "--warmup"]
    if len(args) != 2:
        sys.exit(__doc__)
    a, b = args
    if warmup:
        run(a); run(b)
    wa, wb, ca, cb, ratios = [], [], [], [], []
    for k in range(pairs):
        order = [(a, wa, ca), (b, wb, cb)] if k % 2 == 0 else [(b, wb, cb), (a, wa, ca)]
        for cmd, walls, cpus in order:
            w, c = run(cmd)
            walls.append(w); cpus.append(c)
        ratios.append(wb[-1] / wa[-1])
        print(f"pair {k + 1}: A {wa[-1]:.3f} s, B {wb[-1]:.3f} s, B/A {ratios[-1]:.3f}", flush=True)
    med = statistics.median
    print(f"A: median wall {med(wa):.3f} s, CPU {med(ca):.2f} s   ({a})")
    print(f"B: median wall {med(wb):.3f} s, CPU {med(cb):.2f} s   ({b})")
    print(f"B/A over {pairs} pairs: median {med(ratios):.3f}, range {min(ratios):.3f}-{max(ratios):.3f}")


if __name__ == "__main__":
    main()
