"""tests/data/new_moons_skyfield.csv: every new moon 1900-01-01..2050-12-31 from skyfield + DE421.

skyfield.almanac.moon_phases (apparent geocentric ecliptic longitude of the Moon
minus that of the Sun, ecliptic of date, IAU 2000B nutation) with
searchlib.find_discrete at its default epsilon (0.001 s); phase 0 = new moon.
Written as UT1 = TT - skyfield ΔT, rounded to the millisecond (as the solar
terms; see README).
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402


def main():
    from skyfield import almanac

    ts, eph = common.skyfield_setup()
    t0 = ts.ut1(1900, 1, 1)
    t1 = ts.ut1(2051, 1, 1)
    t, phase = almanac.find_discrete(t0, t1, almanac.moon_phases(eph))
    sel = t[phase == 0]
    ms = common.skyfield_ut1_ms(sel)
    ms.sort()
    out = os.path.join(common.DATA, "new_moons_skyfield.csv")
    with open(out, "w", newline="") as f:
        f.write("utc\n")
        for m in ms:
            f.write(common.ms_to_iso_ms(m) + "\n")
    gaps = [(b - a) / 86400000 for a, b in zip(ms, ms[1:])]
    print(f"wrote {out}: {len(ms)} rows; lunation min {min(gaps):.3f} d max {max(gaps):.3f} d")


if __name__ == "__main__":
    main()
