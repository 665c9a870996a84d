"""tests/data/delta_t.csv: skyfield's ΔT = TT - UT1 (seconds) on Jan 1 0h UT1 and Jul 1 0h UT1, 1700..=2250.

Uses skyfield's builtin timescale (the one every other skyfield-derived file
uses).  Values are rounded to 1e-6 s.  Also prints the structure of the model
(segments) so the README can describe it.
"""
import csv
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402


def main():
    ts, _ = common.skyfield_setup()
    years = np.arange(1700, 2251)
    jan = ts.ut1(years, 1, 1).delta_t
    jul = ts.ut1(years, 7, 1).delta_t
    out = os.path.join(common.DATA, "delta_t.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "delta_t_seconds", "delta_t_mid"])
        for y, a, b in zip(years, jan, jul):
            w.writerow([int(y), f"{a:.6f}", f"{b:.6f}"])
    print(f"wrote {out}: {len(years)} rows")

    # Model description for the README.
    tt, dt = ts.delta_t_table
    first = ts.tt_jd(tt[0]).ut1_strftime("%Y-%m-%d")
    last = ts.tt_jd(tt[-1]).ut1_strftime("%Y-%m-%d")
    print(f"daily IERS table: {first} .. {last} ({len(tt)} days), ΔT {dt[0]:.4f} .. {dt[-1]:.4f}")
    curve = ts.delta_t_function.long_term_function
    print("long-term spline segments (year ranges):")
    lower, upper = curve.lower, curve.upper
    for a, b in zip(lower, upper):
        if b >= 1600 and a <= 3000:
            print(f"  {a:8.1f} .. {b:8.1f}")


if __name__ == "__main__":
    main()
