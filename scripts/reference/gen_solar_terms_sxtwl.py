"""tests/data/solar_terms_sxtwl.csv: the 24 solar terms of every Gregorian year 1900..=2100 from sxtwl 2.0.7.

sxtwl.getJieQiByYear(Y) returns the terms from 立春 of Y to 立春 of Y+1 (25
entries) as JieQiInfo(jd, jqIndex).  jqIndex 0 = 冬至 (270°), 1 = 小寒 (285°),
..., so longitude = (270 + 15*jqIndex) % 360.  The jd is a Julian Day in
Beijing time based on UT: sxtwl's `qi_accurate` returns
  TT(root of its VSOP87-truncated solar longitude) - dt_T(TT) + 8/24
where dt_T is sxtwl's own ΔT model (see README).  We therefore take
UTC := jd - 8/24 (i.e. UT1 by sxtwl's ΔT), rounded to the millisecond (the
algorithm itself is only good to about a second). The column sxtwl_delta_t is the ΔT sxtwl
subtracted, so utc + sxtwl_delta_t is its TT instant, comparable across ΔT models.
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402

import sxtwl  # noqa: E402

Y0, Y1 = 1900, 2100


def main():
    by_year = {}
    for sy in range(Y0 - 1, Y1 + 1):
        for j in sxtwl.getJieQiByYear(sy):
            jd_utc = j.jd - 8.0 / 24.0
            ms = round((jd_utc - 2440587.5) * 86400000.0)
            s = common.ms_to_iso_ms(ms)
            lon = (270 + 15 * j.jqIndex) % 360
            idx = (j.jqIndex - 1) % 24
            assert common.term_longitude(idx) == lon
            gy = int(s[:4])
            if Y0 <= gy <= Y1:
                prev = by_year.setdefault(gy, {}).get(idx)
                if prev is not None:
                    assert abs(common.iso_ms_to_ms(prev) - ms) < 1000, (gy, idx, prev, s)
                    continue
                by_year[gy][idx] = s
    rows = []
    for y in range(Y0, Y1 + 1):
        assert sorted(by_year[y]) == list(range(24)), (y, sorted(by_year[y]))
        for i in range(24):
            ms = common.iso_ms_to_ms(by_year[y][i])
            dt = common.sxtwl_delta_t(common.ms_to_decimal_year_sxtwl(ms))
            rows.append((y, i, common.term_longitude(i), by_year[y][i], f"{dt:.3f}"))
    out = os.path.join(common.DATA, "solar_terms_sxtwl.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["year", "index", "longitude", "utc", "sxtwl_delta_t"])
        w.writerows(rows)
    print(f"wrote {out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
