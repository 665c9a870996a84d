"""Sanity checks over the generated files (run last by generate_all.sh; exits non-zero on failure).

Also compares KASI's months (korean_lunar_months.csv) with the pure
astronomical rule computed from skyfield (new moons and principal terms, civil
dates in UTC+9) and prints every month where they differ.
"""
import csv
import datetime as dt
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402
from common import UTC  # noqa: E402

from lunar_python import Solar  # noqa: E402

FAIL = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (f"  [{detail}]" if detail else ""))
    if not ok:
        FAIL.append(name)


def ec_of(naive, sect):
    e = Solar.fromYmdHms(naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second) \
        .getLunar().getEightChar()
    e.setSect(sect)
    return e


def main():
    D = common.DATA
    # 1. 2000-01-01 day pillar
    e = ec_of(dt.datetime(2000, 1, 1, 12), 2)
    check("2000-01-01 day pillar 무오 (lunar_python)", common.to_hangul(e.getDay()) == "무오", e.getDay())
    check("2000-01-01 day pillar 무오 (JDN formula)", common.day_hour_from_clock(dt.datetime(2000, 1, 1, 12), "split")[0] == "무오")

    # 2. 1984 입춘 year pillar
    sky = {(int(r["year"]), int(r["index"])): r["utc"] for r in csv.DictReader(open(os.path.join(D, "solar_terms_skyfield.csv")))}
    lc = common.iso_ms_to_ms(sky[(1984, 2)])
    for delta, want in ((+1000, "갑자"), (-1000, "계해")):
        u = common.EPOCH + dt.timedelta(milliseconds=lc + delta)
        w8 = (u + dt.timedelta(hours=8)).replace(tzinfo=None, microsecond=0)
        y = common.to_hangul(ec_of(w8, 2).getYear())
        check(f"1984 입춘 ({sky[(1984, 2)]}) {delta:+d} ms -> year {want}", y == want, y)

    # 3. Seoul 1988-05-08 02:30 is a gap
    k, u0, u1 = common.resolve_local(dt.datetime(1988, 5, 8, 2, 30), "Asia/Seoul")
    check("Asia/Seoul 1988-05-08T02:30 is a gap", k == "gap", f"{k} {u0} {u1}")
    rows = list(csv.DictReader(open(os.path.join(D, "seoul_local_time_edges.csv"))))
    check("  ... and listed in seoul_local_time_edges.csv",
          any(r["local"] == "1988-05-08T02:30:00" and r["zone"] == "Asia/Seoul" and r["kind"] == "gap" for r in rows))

    # 4. 2020 윤4월
    months = list(csv.DictReader(open(os.path.join(D, "korean_lunar_months.csv"))))
    m = [r for r in months if r["lunar_year"] == "2020" and r["leap"] == "1"]
    check("2020 has 윤4월 (KASI)", len(m) == 1 and m[0]["month"] == "4", str(m))

    # 5. zi_hour sect check: 2000-01-01 (무오) 23:30; next day 2000-01-02 is 기미; 기 day -> 갑자시.
    late = dt.datetime(2000, 1, 1, 23, 30)
    s2, s1 = ec_of(late, 2), ec_of(late, 1)
    got2 = (common.to_hangul(s2.getDay()), common.to_hangul(s2.getTime()))
    got1 = (common.to_hangul(s1.getDay()), common.to_hangul(s1.getTime()))
    check("sect 2 = split: 2000-01-01T23:30 -> day 무오, hour 갑자", got2 == ("무오", "갑자"), str(got2))
    check("sect 1 = next_day: 2000-01-01T23:30 -> day 기미, hour 갑자", got1 == ("기미", "갑자"), str(got1))
    e0 = ec_of(dt.datetime(2000, 1, 1, 0, 30), 2)
    check("2000-01-01T00:30 -> day 무오, hour 임자 (무 day -> 임자)",
          (common.to_hangul(e0.getDay()), common.to_hangul(e0.getTime())) == ("무오", "임자"))

    # 6. pillars.jsonl internal consistency
    cases = [json.loads(l) for l in open(os.path.join(D, "pillars.jsonl"))]
    check("pillars.jsonl has >= 4000 cases", len(cases) >= 4000, str(len(cases)))
    daeun = [json.loads(l) for l in open(os.path.join(D, "daeun.jsonl"))]
    check("daeun.jsonl has >= 500 cases", len(daeun) >= 500, str(len(daeun)))

    # 7. KASI vs the astronomical rule (UTC+9 civil dates, skyfield new moons and principal terms)
    nm = [common.iso_ms_to_ms(r["utc"]) for r in csv.DictReader(open(os.path.join(D, "new_moons_skyfield.csv")))]
    # KASI's tables use the 120°E meridian (UTC+8) before 1912 and 135°E (UTC+9) from 1912 on:
    # with UTC+9 throughout, 8 month starts in 1903-1911 differ by one day (see README).
    switch = common.dt_to_ms(dt.datetime(1912, 1, 1, tzinfo=UTC)) - 9 * 3600000

    def kst(ms):
        off = 8 if ms < switch else 9
        return (common.EPOCH + dt.timedelta(milliseconds=ms + off * 3600000)).date()
    starts = [kst(x) for x in nm]
    zq = sorted((kst(common.iso_ms_to_ms(v)), common.term_longitude(i)) for (y, i), v in sky.items() if i % 2 == 1)
    # principal terms per month
    import bisect
    zq_dates = [d for d, _ in zq]
    mon = []
    for a, b in zip(starts, starts[1:]):
        i, j = bisect.bisect_left(zq_dates, a), bisect.bisect_left(zq_dates, b)
        mon.append([a, b, [zq[k][1] for k in range(i, j)]])
    # number months sui by sui (between months containing 동지 270°)
    winter = [k for k, mm in enumerate(mon) if 270 in mm[2]]
    astro = {}
    for w0, w1 in zip(winter, winter[1:]):
        leap_done = False
        n_months = w1 - w0
        num = 11
        astro[mon[w0][0]] = (11, 0)
        for k in range(w0 + 1, w1):
            if n_months == 13 and not leap_done and not mon[k][2]:
                leap_done = True
                astro[mon[k][0]] = (num, 1)
            else:
                num = num % 12 + 1
                astro[mon[k][0]] = (num, 0)
    diffs = []
    kasi = {dt.date.fromisoformat(r["solar_start"]): (int(r["month"]), int(r["leap"])) for r in months}
    for d, v in sorted(kasi.items()):
        if d < min(astro) or d > max(astro):
            continue
        a = astro.get(d)
        if a != v:
            diffs.append((d, v, a))
    print(f"KASI vs astronomical rule (new moons / principal terms, UTC+8 before 1912, UTC+9 after): "
          f"{len(diffs)} months differ (start date, number or leap flag)")
    for d, v, a in diffs:
        print(f"   {d}: KASI month {v[0]}{'L' if v[1] else ''}, rule {a}")
    check("KASI months == astronomical rule 1900-2050", not diffs)

    def margin(ms):
        off = 8 if ms < switch else 9
        sec = ((ms + off * 3600000) % 86400000) / 1000.0
        return min(sec, 86400 - sec), off
    close = sorted((margin(x)[0], common.ms_to_iso_ms(x), margin(x)[1]) for x in nm)[:6]
    print("new moons closest to local midnight (seconds, utc, UTC offset used):")
    for c in close:
        print(f"   {c[0]:8.1f} s  {c[1]}  UTC+{c[2]}")
    zq_all = sorted((common.iso_ms_to_ms(v), i) for (y, i), v in sky.items() if i % 2 == 1)
    closez = sorted((margin(x)[0], common.ms_to_iso_ms(x), common.TERM_NAMES_KO[i]) for x, i in zq_all)[:6]
    print("principal terms closest to local midnight:")
    for c in closez:
        print(f"   {c[0]:8.1f} s  {c[1]}  {c[2]}")

    # 8. Term instants of the three references compared (informational, for the README)
    from lunar_python import Lunar
    sx = {(int(r["year"]), int(r["index"])): common.iso_ms_to_ms(r["utc"])
          for r in csv.DictReader(open(os.path.join(D, "solar_terms_sxtwl.csv")))}
    names = {"小寒": 0, "大寒": 1, "立春": 2, "雨水": 3, "惊蛰": 4, "春分": 5, "清明": 6, "谷雨": 7,
             "立夏": 8, "小满": 9, "芒种": 10, "夏至": 11, "小暑": 12, "大暑": 13, "立秋": 14, "处暑": 15,
             "白露": 16, "秋分": 17, "寒露": 18, "霜降": 19, "立冬": 20, "小雪": 21, "大雪": 22, "冬至": 23}
    lp = {}
    for y in range(1900, 2101):
        for name, so in Lunar.fromYmd(y, 6, 1).getJieQiTable().items():
            if name in names and so.getYear() == y:
                w = dt.datetime(so.getYear(), so.getMonth(), so.getDay(), so.getHour(), so.getMinute(), so.getSecond())
                lp[(y, names[name])] = common.dt_to_ms((w - dt.timedelta(hours=8)).replace(tzinfo=UTC))
    ts, _ = common.skyfield_setup()
    import numpy as np
    keys = sorted(sx)
    tt_ms = np.array([sx[k] + 1000 * common.sxtwl_delta_t(common.ms_to_decimal_year_sxtwl(sx[k])) for k in keys])
    dts = ts.tt_jd(tt_ms / 86400000.0 + 2440587.5).delta_t
    alt = {k: int(round(a - 1000 * d)) for k, a, d in zip(keys, tt_ms, dts)}
    print("term instant differences in seconds (min / mean / max), all 24 terms:")
    for a, b in ((1900, 1949), (1950, 1999), (2000, 2014), (2015, 2029), (2030, 2050), (2051, 2075), (2076, 2100)):
        def stat(d1, d2):
            v = [(d1[k] - d2[k]) / 1000 for k in d1 if a <= k[0] <= b and k in d2]
            return f"{min(v):7.1f} {sum(v) / len(v):7.1f} {max(v):7.1f}" if v else "      -       -       -"
        skyd = {k: common.iso_ms_to_ms(v) for k, v in sky.items()}
        print(f"   {a}-{b}: sxtwl-skyfield {stat(sx, skyd)} | lunar_python-skyfield {stat(lp, skyd)}"
              f" | lunar_python-sxtwl {stat(lp, sx)} | lunar_python-(sxtwl TT - skyfield ΔT) {stat(lp, alt)}")
    if FAIL:
        print("FAILED:", FAIL)
        sys.exit(1)


if __name__ == "__main__":
    main()
