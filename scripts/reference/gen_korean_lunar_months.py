"""tests/data/korean_lunar_months.csv: every Korean lunar month starting in solar 1900-01-31..=2050-12-31.

Source: korean-lunar-calendar 0.4.0 (KASI tables).  Derived by iterating every
solar day through setSolarDate (solar->lunar); a month starts where lunarDay
== 1 and its length is the number of solar days until the next start.  The last
month (lunar 2050-11, starting 2050-12-14) runs past the package's range
(it ends at lunar 2050-11-18 = solar 2050-12-31), so its length is read from the
package's internal month table instead.  Every month is checked in the
lunar->solar direction: day 1 and the last day map back to the expected solar
dates, and day (days+1) is rejected.
"""
import csv
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402

from korean_lunar_calendar import KoreanLunarCalendar  # noqa: E402

START = dt.date(1900, 1, 31)
END = dt.date(2050, 12, 31)


def main():
    c = KoreanLunarCalendar()
    starts = []  # (solar_date, lunar_year, month, leap)
    d = START
    prev = None
    while d <= END:
        assert c.setSolarDate(d.year, d.month, d.day), d
        cur = (c.lunarYear, c.lunarMonth, c.lunarDay, bool(c.isIntercalation))
        if cur[2] == 1:
            starts.append((d, cur[0], cur[1], cur[3]))
        elif prev is not None:
            # consecutive days inside a month
            assert cur[:2] == prev[:2] and cur[3] == prev[3] and cur[2] == prev[2] + 1, (d, prev, cur)
        prev = cur
        d += dt.timedelta(days=1)
    assert starts[0][0] == START

    rows = []
    for i, (sd, ly, lm, leap) in enumerate(starts):
        if i + 1 < len(starts):
            days = (starts[i + 1][0] - sd).days
        else:
            days = c._KoreanLunarCalendar__getLunarDays(ly, lm, leap)
        assert days in (29, 30), (sd, days)
        # lunar -> solar checks
        assert c.setLunarDate(ly, lm, 1, leap)
        assert dt.date(c.solarYear, c.solarMonth, c.solarDay) == sd
        last = sd + dt.timedelta(days=days - 1)
        if last <= END:
            assert c.setLunarDate(ly, lm, days, leap), (ly, lm, days, leap)
            assert dt.date(c.solarYear, c.solarMonth, c.solarDay) == last
            if days == 29:
                assert not c.setLunarDate(ly, lm, 30, leap), (ly, lm, leap)
        rows.append((ly, lm, int(leap), sd.isoformat(), days))

    # Leap flag must be rejected for a non-leap month number of that year.
    leap_of = {}
    for ly, lm, leap, _, _ in rows:
        if leap:
            leap_of[ly] = lm
    for ly in range(1900, 2050):
        for lm in range(1, 13):
            if leap_of.get(ly) != lm:
                assert not c.setLunarDate(ly, lm, 1, True), (ly, lm)

    out = os.path.join(common.DATA, "korean_lunar_months.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["lunar_year", "month", "leap", "solar_start", "days"])
        w.writerows(rows)
    print(f"wrote {out}: {len(rows)} rows; leap months: {len(leap_of)}")
    print("leap months:", " ".join(f"{y}:{m}" for y, m in sorted(leap_of.items())))


if __name__ == "__main__":
    main()
