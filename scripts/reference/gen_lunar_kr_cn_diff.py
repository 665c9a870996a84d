"""tests/data/lunar_kr_cn_diff.csv: solar dates 1900-01-31..=2050-12-31 where the Korean and Chinese lunar dates differ.

Korean: korean-lunar-calendar 0.4.0 setSolarDate (KASI data, 135°E / UTC+9 since
1912 per KASI's tables).  Chinese: lunar_python 1.4.8
Solar.fromYmd(y, m, d).getLunar() (寿星 algorithm, UTC+8); its getMonth() is
negative for a leap month, written here as month=abs(), leap=1.
Also prints a per-year count (pasted into the README).
"""
import collections
import csv
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402

from korean_lunar_calendar import KoreanLunarCalendar  # noqa: E402
from lunar_python import Solar  # noqa: E402

START = dt.date(1900, 1, 31)
END = dt.date(2050, 12, 31)


def main():
    c = KoreanLunarCalendar()
    rows = []
    d = START
    while d <= END:
        assert c.setSolarDate(d.year, d.month, d.day)
        k = (c.lunarYear, c.lunarMonth, int(bool(c.isIntercalation)), c.lunarDay)
        lu = Solar.fromYmd(d.year, d.month, d.day).getLunar()
        m = lu.getMonth()
        ch = (lu.getYear(), abs(m), int(m < 0), lu.getDay())
        if k != ch:
            rows.append((d.isoformat(), *k, *ch))
        d += dt.timedelta(days=1)
    out = os.path.join(common.DATA, "lunar_kr_cn_diff.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["solar_date", "korean_year", "korean_month", "korean_leap", "korean_day",
                    "chinese_year", "chinese_month", "chinese_leap", "chinese_day"])
        w.writerows(rows)
    print(f"wrote {out}: {len(rows)} rows")
    per_year = collections.Counter(r[0][:4] for r in rows)
    print("per solar year:", ", ".join(f"{y}: {n}" for y, n in sorted(per_year.items())))
    # group into runs (contiguous solar dates) for a readable summary
    runs = []
    prev = None
    for r in rows:
        day = dt.date.fromisoformat(r[0])
        if prev and (day - prev[1]).days == 1:
            prev[1] = day
            prev[2] += 1
        else:
            prev = [day, day, 1, r]
            runs.append(prev)
    print(f"{len(runs)} runs:")
    for a, b, n, r in runs:
        print(f"  {a}..{b} ({n} d) first: KR {r[1]}-{r[2]}{'L' if r[3] else ''}-{r[4]} CN {r[5]}-{r[6]}{'L' if r[7] else ''}-{r[8]}")


if __name__ == "__main__":
    main()
