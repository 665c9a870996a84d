"""tests/data/solar_terms_skyfield.csv: the 24 solar terms of every Gregorian year 1900..=2050.

Apparent geocentric ecliptic longitude of the Sun (true ecliptic and equinox of
date, skyfield `ecliptic_frame`, IAU 2000A nutation, DE421) = target.  Roots are
found in TT by vectorised Newton iteration and then verified by bracketing:
longitude(t - 5 ms) < target <= longitude(t + 5 ms), i.e. the stored instant is
within 0.01 s of the true root.  The instant is written as UT1 = TT - ΔT
(skyfield builtin ΔT), rounded to the millisecond; see README for why UT1.
"""
import csv
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402

Y0, Y1 = int(os.environ.get("TERMS_Y0", 1900)), int(os.environ.get("TERMS_Y1", 2050))


def main():
    from skyfield.framelib import ecliptic_frame

    ts, eph = common.skyfield_setup()
    earth, sun = eph["earth"], eph["sun"]

    years = np.repeat(np.arange(Y0, Y1 + 1), 24)
    idx = np.tile(np.arange(24), Y1 - Y0 + 1)
    target = (285.0 + 15.0 * idx) % 360.0

    # Initial guess: Jan 5 of the year + 15.22 days per term, in TT JD.
    jan5 = np.array([ts.tt(int(y), 1, 5, 12).tt for y in range(Y0, Y1 + 1)])
    tt = np.repeat(jan5, 24) + idx * 15.2184

    def lon(tt_jd):
        t = ts.tt_jd(tt_jd)
        _, l, _ = earth.at(t).observe(sun).apparent().frame_latlon(ecliptic_frame)
        return l.degrees

    def wrap(x):
        return (x + 180.0) % 360.0 - 180.0

    for it in range(12):
        d = wrap(target - lon(tt))
        tt = tt + d / 0.98564736
        if np.max(np.abs(d)) < 1e-9:
            break
    resid = wrap(target - lon(tt))
    assert np.max(np.abs(resid)) < 1e-7, np.max(np.abs(resid))

    eps = 0.005 / 86400.0
    lo = wrap(lon(tt - eps) - target)
    hi = wrap(lon(tt + eps) - target)
    assert np.all(lo < 0) and np.all(hi >= 0), "bracket check failed"

    t = ts.tt_jd(tt)
    ms = common.skyfield_ut1_ms(t)

    rows = []
    for y, i, L, m in zip(years, idx, target, ms):
        s = common.ms_to_iso_ms(m)
        assert int(s[:4]) == y, (y, i, s)
        rows.append((int(y), int(i), int(L), s))
    rows.sort()
    out = os.path.join(common.DATA, "solar_terms_skyfield.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "index", "longitude", "utc"])
        w.writerows(rows)
    print(f"wrote {out}: {len(rows)} rows, max |resid| {np.max(np.abs(resid)):.2e} deg")


if __name__ == "__main__":
    main()
