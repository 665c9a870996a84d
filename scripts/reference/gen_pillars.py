"""tests/data/pillars.jsonl: four-pillar reference cases (see README for the semantics).

Expected pillars come from lunar_python 1.4.8:
  * year & month: EightChar of the birth instant written as a UTC+8 wall clock
    (lunar_python's solar terms are Beijing time), getYear() / getMonth();
  * day & hour: EightChar of the *corrected clock* (local civil clock, or local
    mean time = UTC + longitude/15 h floored to the second), setSect(2) for
    zi_hour=split and setSect(1) for zi_hour=next_day, getDay() / getTime().
Cross-checks (a failure aborts the run, except the year/month disputes):
  * day & hour also from the JDN formula (common.day_hour_from_clock);
  * year & month also from the jie instants of sxtwl, of skyfield (<= 2050), and
    of "sxtwl TT - skyfield ΔT" (all years).  A case whose references do not
    all agree is kept but tagged `disputed`.
Local times that the generator drew but that are non-existent (gap) or
ambiguous (fold) are not cases; they go to tests/data/pillars_skipped.csv
(same columns as seoul_local_time_edges.csv).
Needs tests/data/solar_terms_skyfield.csv and solar_terms_sxtwl.csv first.
"""
import collections
import datetime as dt
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402
from common import UTC  # noqa: E402

from lunar_python import Solar  # noqa: E402

SEED = 20240204
ABROAD = ["America/New_York", "Europe/London", "America/Los_Angeles", "Asia/Tokyo",
          "Asia/Shanghai", "Australia/Sydney", "Europe/Berlin", "America/Sao_Paulo"]
CITIES = [("seoul", "Asia/Seoul", 126.978), ("busan", "Asia/Seoul", 129.075),
          ("jeju", "Asia/Seoul", 126.531), ("newyork", "America/New_York", -74.006)]
SEOUL_YEARS = [(1908, 1911), (1948, 1951), (1954, 1961), (1987, 1988)]
T0 = dt.datetime(1900, 1, 1, tzinfo=UTC)
T1 = dt.datetime(2101, 1, 1, tzinfo=UTC)
SKIPPED = set()  # non-existent / ambiguous local times drawn by the generator


class Refs:
    """Jie tables used for the year/month cross-check."""

    def __init__(self):
        self.sky = common.TermTable(os.path.join(common.DATA, "solar_terms_skyfield.csv"))
        self.sx = common.TermTable(os.path.join(common.DATA, "solar_terms_sxtwl.csv"))
        self.alt = self._sxtwl_tt_minus_skyfield_dt()

    def _sxtwl_tt_minus_skyfield_dt(self):
        """sxtwl's TT term instant converted to UT with skyfield's ΔT (a skyfield-ΔT stand-in past 2050)."""
        import numpy as np
        ts, _ = common.skyfield_setup()
        rows = self.sx.rows
        tt_ms = [m + round(1000 * common.sxtwl_delta_t(common.ms_to_decimal_year_sxtwl(m))) for m, _, _ in rows]
        tt_jd = np.array(tt_ms, dtype=float) / 86400000.0 + 2440587.5
        dts = ts.tt_jd(tt_jd).delta_t
        t = common.TermTable.__new__(common.TermTable)
        t.rows = sorted((int(round(a - 1000 * d)), y, i) for a, d, (_, y, i) in zip(tt_ms, dts, rows))
        t.ms = [r[0] for r in t.rows]
        return t

    def jie_near(self, year, idx):
        """Term instant (ms) used to build near-jie cases: skyfield <= 2050, sxtwl beyond."""
        table = self.sky if year <= 2050 else self.sx
        for m, y, i in table.rows:
            if y == year and i == idx:
                return m
        raise KeyError((year, idx))

    def year_month_all(self, ms):
        out = {"sxtwl": common.year_month_from_terms(self.sx, ms),
               "sxtwl_tt_skyfield_dt": common.year_month_from_terms(self.alt, ms)}
        if self.sky.covers(ms):
            out["skyfield"] = common.year_month_from_terms(self.sky, ms)
        return out


def lp_eightchar(naive, sect=2):
    s = Solar.fromYmdHms(naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second)
    ec = s.getLunar().getEightChar()
    ec.setSect(sect)
    return ec


def corrected_clock(u, local_naive, correction, lon):
    if correction == "none":
        return local_naive
    off_ms = round(lon * 1000) * 240  # lon degrees * 4 min/deg, exact in ms
    c = u + dt.timedelta(milliseconds=off_ms)
    return c.replace(tzinfo=None, microsecond=0)  # floor to the second


def build_case(refs, cid, zone, local_naive, zi_hour, correction, lon, tags, stats):
    kind, u0, _ = common.resolve_local(local_naive, zone)
    if kind != "ok":
        stats["skipped_" + kind] += 1
        SKIPPED.add((local_naive.strftime("%Y-%m-%dT%H:%M:%S"), zone, kind, common.iso_z(u0), common.iso_z(_)))
        return None
    u = u0
    if not (T0 <= u < T1):
        return None
    ms = common.dt_to_ms(u)
    w8 = (u + dt.timedelta(hours=8)).replace(tzinfo=None)
    ec8 = lp_eightchar(w8)
    year = common.to_hangul(ec8.getYear())
    month = common.to_hangul(ec8.getMonth())
    clock = corrected_clock(u, local_naive, correction, lon)
    ecc = lp_eightchar(clock, 2 if zi_hour == "split" else 1)
    day = common.to_hangul(ecc.getDay())
    hour = common.to_hangul(ecc.getTime())
    f_day, f_hour = common.day_hour_from_clock(clock, zi_hour)
    assert (day, hour) == (f_day, f_hour), (cid, local_naive, clock, zi_hour, day, hour, f_day, f_hour)

    tags = list(tags)
    others = refs.year_month_all(ms)
    if any(v != (year, month) for v in others.values()):
        tags.append("disputed")
        stats["disputed"] += 1
        for k, v in others.items():
            if v != (year, month):
                stats["disagree_lunar_python_vs_" + k] += 1
    best = refs.sky if refs.sky.covers(ms) else refs.alt
    near_ms = ms - best.prev(ms)[0]
    if ms < best.ms[-1]:
        near_ms = min(near_ms, best.next(ms)[0] - ms)
    if near_ms < 5000:
        tags.append("close_call")  # within 5 s of a jie (skyfield, or sxtwl TT - skyfield ΔT past 2050)
        stats["close_call"] += 1
    if "skyfield" in others and others["skyfield"] != others["sxtwl"]:
        stats["disagree_skyfield_vs_sxtwl"] += 1
    offset = int((local_naive - u.replace(tzinfo=None)).total_seconds())
    if offset % 60:
        tags.append("lmt")
    inp = {"datetime": local_naive.strftime("%Y-%m-%dT%H:%M:%S"), "timezone": zone,
           "zi_hour": zi_hour, "time_correction": correction}
    if correction == "longitude":
        inp["longitude"] = lon
    return {"id": cid, "input": inp, "utc": common.iso_z(u),
            "expected": {"year": year, "month": month, "day": day, "hour": hour},
            "tags": tags,
            "clock": clock.strftime("%Y-%m-%dT%H:%M:%S"), "offset_seconds": offset}


def rand_instant(rng, a=T0, b=T1):
    span = int((b - a).total_seconds())
    return a + dt.timedelta(seconds=rng.randrange(span))


def rand_local(rng, y0, y1):
    d = dt.datetime(y0, 1, 1) + dt.timedelta(seconds=rng.randrange(
        int((dt.datetime(y1 + 1, 1, 1) - dt.datetime(y0, 1, 1)).total_seconds())))
    return d


def main():
    rng = random.Random(SEED)
    refs = Refs()
    stats = collections.Counter()
    cases = []

    def add(c):
        if c is not None:
            cases.append(c)
            return True
        return False

    # 1. random instants, 1900..2100 uniform
    n = 0
    while n < 1000:
        u = rand_instant(rng)
        zone = "Asia/Seoul" if rng.random() < 0.85 else rng.choice(ABROAD)
        local = u.astimezone(common.ZoneInfo(zone)).replace(tzinfo=None)
        n += add(build_case(refs, f"random-{n:04d}", zone, local, rng.choice(["split", "next_day"]),
                            "none", None, ["random"], stats))

    # 2. +-3 h around jie instants (입춘 weighted)
    n = 0
    while n < 1200:
        year = rng.randint(1900, 2100)
        idx = 2 if rng.random() < 0.4 else rng.choice(range(0, 24, 2))
        t = refs.jie_near(year, idx)
        if rng.random() < 0.15:
            off = rng.uniform(-600, 600)
        else:
            off = rng.uniform(-3 * 3600, 3 * 3600)
        u = common.EPOCH + dt.timedelta(seconds=(t / 1000.0 + off) // 1)
        zone = "Asia/Seoul" if rng.random() < 0.85 else rng.choice(ABROAD)
        local = u.astimezone(common.ZoneInfo(zone)).replace(tzinfo=None)
        tags = ["near_jie"] + (["ipchun"] if idx == 2 else [])
        n += add(build_case(refs, f"near_jie-{n:04d}", zone, local, rng.choice(["split", "next_day"]),
                            "none", None, tags, stats))

    # 3. local 22:00..02:00, both zi_hour conventions for each local time
    n = 0
    fixed = [(23, 0, 0), (22, 59, 59), (0, 0, 0), (23, 59, 59), (0, 59, 59), (1, 0, 0), (23, 30, 0)]
    while n < 800:
        d = rand_local(rng, 1900, 2100).date()
        if rng.random() < 0.15:
            h, mi, s = rng.choice(fixed)
        else:
            h = rng.choice([22, 23, 23, 23, 0, 0, 1])
            mi, s = rng.randrange(60), rng.randrange(60)
        local = dt.datetime(d.year, d.month, d.day, h, mi, s)
        zone = "Asia/Seoul" if rng.random() < 0.8 else rng.choice(ABROAD)
        a = build_case(refs, f"late_night-{n:04d}", zone, local, "split", "none", None, ["late_night"], stats)
        b = build_case(refs, f"late_night-{n + 1:04d}", zone, local, "next_day", "none", None, ["late_night"], stats)
        if a and b:
            cases.extend([a, b])
            n += 2

    # 4. Seoul history years, 40% within +-3 days of an offset/DST transition
    seoul_tr = [t for t, _, _ in common.transitions("Asia/Seoul")
                if any(a <= (t + dt.timedelta(hours=9)).year <= b for a, b in SEOUL_YEARS)]
    n = 0
    while n < 600:
        if rng.random() < 0.4:
            t = rng.choice(seoul_tr)
            local = (t + dt.timedelta(hours=9) + dt.timedelta(seconds=rng.randrange(-3 * 86400, 3 * 86400))
                     ).replace(tzinfo=None)
            if rng.random() < 0.3:  # right at the transition
                local = (t + dt.timedelta(hours=9, seconds=rng.randrange(-5400, 5400))).replace(tzinfo=None)
        else:
            a, b = rng.choice(SEOUL_YEARS)
            local = rand_local(rng, a, b)
        n += add(build_case(refs, f"seoul_history-{n:04d}", "Asia/Seoul", local,
                            rng.choice(["split", "next_day"]), "none", None, ["seoul_history"], stats))

    # 5. abroad: 50 per zone, 30% near that zone's DST/offset transitions
    n = 0
    for zone in ABROAD:
        tr = [t for t, _, _ in common.transitions(zone)]
        k = 0
        while k < 50:
            if tr and rng.random() < 0.3:
                t = rng.choice(tr)
                u = t + dt.timedelta(seconds=rng.randrange(-2 * 86400, 2 * 86400))
                local = u.astimezone(common.ZoneInfo(zone)).replace(tzinfo=None)
            else:
                local = rand_local(rng, 1900, 2100)
            ok = add(build_case(refs, f"abroad-{n:04d}", zone, local, rng.choice(["split", "next_day"]),
                                "none", None, ["abroad"], stats))
            n += ok
            k += ok

    # 6. longitude correction (local mean time), half near a double-hour boundary
    n = 0
    for name, zone, lon in CITIES:
        k = 0
        while k < 100:
            if rng.random() < 0.5:
                # corrected clock within +-20 min of an odd hour (double-hour boundary)
                d = rand_local(rng, 1900, 2100).date()
                h = rng.choice([23, 23, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21])
                target = dt.datetime(d.year, d.month, d.day, h, 0, 0) + dt.timedelta(
                    seconds=rng.randrange(-1200, 1200))
                u = (target - dt.timedelta(milliseconds=round(lon * 1000) * 240)).replace(tzinfo=UTC)
                local = u.replace(microsecond=0).astimezone(common.ZoneInfo(zone)).replace(tzinfo=None)
            else:
                local = rand_local(rng, 1900, 2100)
            ok = add(build_case(refs, f"longitude-{n:04d}", zone, local, rng.choice(["split", "next_day"]),
                                "longitude", lon, ["longitude", name], stats))
            n += ok
            k += ok

    cases.sort(key=lambda c: c["id"])
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids))
    out = os.path.join(common.DATA, "pillars.jsonl")
    with open(out, "w") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False, sort_keys=False) + "\n")
    out2 = os.path.join(common.DATA, "pillars_skipped.csv")
    with open(out2, "w") as f:
        f.write("local,zone,kind,earlier_utc,later_utc\n")
        for r in sorted(SKIPPED, key=lambda r: (r[1], r[0])):
            f.write(",".join(r) + "\n")
    print(f"wrote {out2}: {len(SKIPPED)} rows")
    tagc = collections.Counter(t for c in cases for t in c["tags"])
    print(f"wrote {out}: {len(cases)} cases")
    print("tags:", dict(sorted(tagc.items())))
    print("stats:", dict(sorted(stats.items())))
    for c in cases:
        if "disputed" in c["tags"]:
            ms = common.dt_to_ms(dt.datetime.strptime(c["utc"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC))
            print("  disputed", c["id"], c["utc"], c["expected"]["year"], c["expected"]["month"],
                  refs.year_month_all(ms))


if __name__ == "__main__":
    main()
