"""tests/data/daeun.jsonl: luck-cycle (대운) reference cases for Asia/Seoul births.

For each birth (local civil time in Asia/Seoul -> UTC instant via zoneinfo):
  * year and month pillars: lunar_python EightChar of the instant as a UTC+8
    wall clock (as in pillars.jsonl);
  * direction: forward iff (yang year stem and male) or (yin year stem and female);
  * pillars: the 10 sexagenary pillars following (forward) or preceding
    (backward) the birth month pillar;
  * seconds_to_jie: next jie instant - birth (forward, first jie strictly after
    the birth) or birth - previous jie instant (backward, last jie at or before
    the birth), in seconds with millisecond precision, jie instants from
    solar_terms_skyfield.csv (years <= 2050) else solar_terms_sxtwl.csv;
  * start: lunar_python's own Yun start, getEightChar().getYun(gender, 2)
    (sect 2 = minute based) -> getStartYear/Month/Day/Hour, for comparison only.
Also recorded (outside "expected"): the jie used, its source, and
lunar_python's sect-1 start.  Cases whose year/month references disagree (see
pillars) are tagged `disputed`.
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
from gen_pillars import Refs, lp_eightchar  # noqa: E402

SEED = 19840204
N_RANDOM = 420
N_NEAR = 180


def main():
    rng = random.Random(SEED)
    refs = Refs()
    stats = collections.Counter()
    cases = []
    zone = "Asia/Seoul"
    z = common.ZoneInfo(zone)
    lo = dt.datetime(1900, 3, 1, tzinfo=UTC)
    hi = dt.datetime(2100, 11, 30, tzinfo=UTC)
    span = int((hi - lo).total_seconds())
    n = 0
    while n < N_RANDOM + N_NEAR:
        near = n >= N_RANDOM
        if near:
            year = rng.randint(1901, 2099)
            idx = rng.choice(range(0, 24, 2))
            t = refs.jie_near(year, idx)
            u = common.EPOCH + dt.timedelta(seconds=(t / 1000.0 + rng.uniform(-4 * 86400, 4 * 86400)) // 1)
        else:
            u = lo + dt.timedelta(seconds=rng.randrange(span))
        local = u.astimezone(z).replace(tzinfo=None)
        kind, u0, _ = common.resolve_local(local, zone)
        if kind != "ok":
            continue
        gender = rng.choice(["male", "female"])
        ms = common.dt_to_ms(u)
        w8 = (u + dt.timedelta(hours=8)).replace(tzinfo=None)
        ec = lp_eightchar(w8)
        year_p = common.to_hangul(ec.getYear())
        month_p = common.to_hangul(ec.getMonth())
        yang = common.STEMS_KO.index(year_p[0]) % 2 == 0
        male = gender == "male"
        forward = yang == male
        mi = common.cycle_index(month_p)
        step = 1 if forward else -1
        pillars = [common.cycle_name(mi + step * k) for k in range(1, 11)]

        table = refs.sky if (refs.sky.covers(ms) and refs.sky.ms[-1] > ms) else refs.sx
        if forward:
            jm, jy, ji = table.next(ms)
            secs = (jm - ms) / 1000.0
        else:
            jm, jy, ji = table.prev(ms)
            secs = (ms - jm) / 1000.0
        src = "skyfield" if table is refs.sky else "sxtwl"

        g = 1 if male else 0
        y2 = ec.getYun(g, 2)
        y1 = ec.getYun(g, 1)
        assert y2.isForward() == forward
        lu = ec.getLunar()
        lj = (lu.getNextJie() if forward else lu.getPrevJie()).getSolar()
        lj_naive = dt.datetime(lj.getYear(), lj.getMonth(), lj.getDay(), lj.getHour(), lj.getMinute(), lj.getSecond())
        lj_utc = (lj_naive - dt.timedelta(hours=8)).replace(tzinfo=UTC)
        # lunar_python's sect-2 rule: whole-minute difference of the two UTC+8 wall clocks
        # truncated to the minute, then 3 days (4320 min) = 1 year, 360 min = 1 month,
        # 12 min = 1 day, 1 min = 2 hours; every division truncates.
        a, b = (w8, lj_naive) if forward else (lj_naive, w8)
        mins = int((b.replace(second=0) - a.replace(second=0)).total_seconds() // 60)
        yy, r = divmod(mins, 4320)
        mo, r = divmod(r, 360)
        dd, r = divmod(r, 12)
        assert (yy, mo, dd, r * 2) == (y2.getStartYear(), y2.getStartMonth(), y2.getStartDay(),
                                       y2.getStartHour()), (local, mins)

        tags = ["near_jie" if near else "random"]
        others = refs.year_month_all(ms)
        if any(v != (year_p, month_p) for v in others.values()):
            tags.append("disputed")
            stats["disputed"] += 1
        # The jie used must be the one that starts (backward) / ends (forward) the birth month.
        exp_branch = (ji // 2 - 1 + 2) % 12 if ji != 0 else 1
        if forward:
            exp_branch = (exp_branch - 1) % 12
        if common.BRANCHES_KO.index(month_p[1]) != exp_branch and "disputed" not in tags:
            raise AssertionError((local, month_p, jy, ji))

        cid = f"daeun-{n:04d}"
        cases.append({
            "id": cid,
            "input": {"datetime": local.strftime("%Y-%m-%dT%H:%M:%S"), "timezone": zone, "gender": gender},
            "utc": common.iso_z(u),
            "expected": {
                "direction": "forward" if forward else "backward",
                "pillars": pillars,
                "start": {"years": y2.getStartYear(), "months": y2.getStartMonth(),
                          "days": y2.getStartDay(), "hours": y2.getStartHour()},
                "seconds_to_jie": round(secs, 3),
            },
            "year_pillar": year_p,
            "month_pillar": month_p,
            "jie": {"name": common.TERM_NAMES_KO[ji], "utc": common.ms_to_iso_ms(jm), "source": src,
                    "lunar_python_utc": common.iso_z(lj_utc)},
            "lunar_python_start_sect1": {"years": y1.getStartYear(), "months": y1.getStartMonth(),
                                         "days": y1.getStartDay(), "hours": y1.getStartHour()},
            "tags": tags,
        })
        n += 1

    cases.sort(key=lambda c: c["id"])
    out = os.path.join(common.DATA, "daeun.jsonl")
    with open(out, "w") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"wrote {out}: {len(cases)} cases; stats {dict(stats)}")
    dirs = collections.Counter(c["expected"]["direction"] for c in cases)
    srcs = collections.Counter(c["jie"]["source"] for c in cases)
    print("directions:", dict(dirs), "jie sources:", dict(srcs))
    # How well does the same truncating rule applied to seconds_to_jie reproduce lunar_python's start?
    full = ymd = 0
    for c in cases:
        m = int(c["expected"]["seconds_to_jie"] // 60)
        y, r = divmod(m, 4320)
        mo, r = divmod(r, 360)
        d, r = divmod(r, 12)
        st = c["expected"]["start"]
        full += (y, mo, d, r * 2) == (st["years"], st["months"], st["days"], st["hours"])
        ymd += (y, mo, d) == (st["years"], st["months"], st["days"])
    print(f"truncating rule on seconds_to_jie/60 vs lunar_python start: {full}/{len(cases)} identical, "
          f"{ymd}/{len(cases)} same years/months/days")

if __name__ == "__main__":
    main()
