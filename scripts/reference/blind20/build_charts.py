#!/usr/bin/env python3
"""Regenerate charts.json for the blind20 set.

pip install sxtwl lunar_python korean-lunar-calendar

Conventions (see README.md):
  * Korean lunar dates -> solar via korean-lunar-calendar (KASI data).  A leap flag for a year
    without that leap month is recorded as invalid (no guess).
  * Birth instant = local civil clock in the birth place's IANA zone (zoneinfo; Asia/Seoul when no
    place is given), so Korea's UTC+8:30 (1954-03-21..1961-08-09) and summer time are handled.
  * Year pillar switches at the 입춘 instant, month pillar at each 절 instant (instants compared in UTC;
    sxtwl and lunar_python report terms in Beijing time, UTC+8, which we convert).
  * Day pillar from the local civil date; 23:00-24:00 keeps the same day (야자시 / split); the hour
    pillar of 23:00-24:00 is the next day's 자시.  A `next_day` (정자시) variant is recorded too.
  * Hour pillar from the local STANDARD clock: summer time removed (Korea 1948-51, 1955-60,
    1987-88; abroad, that zone's DST).  No longitude correction (noted as an option).
  * Cross-check: lunar_python (year/month at the Beijing-time instant, day/hour with sect=2 on the
    local standard clock) and sxtwl (day-granular year/month, day, hour).  Agreement recorded.
  * 대운: forward for yang-year male / yin-year female; start = days to next (or from previous) 절 / 3.
  * People given only partly (a year / 띠 / age, no birthday) carry `partial` and no chart: only what can
    be read (the year pillar if born after 입춘, the 띠) is recorded; the bot must ask for the rest.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from blind_charts import *  # noqa: E402,F401,F403  tables, helpers, compute() etc.: ../blind_charts.py
from people20 import PEOPLE, EVENTS, TODAY  # noqa: E402


def today_pillars():
    c = compute(TODAY, "12:00", "Asia/Seoul", "M", with_extras=False)
    return dict(date="%d-%02d-%02d" % TODAY, **{k: c["pillars"][k] for k in ("year", "month", "day")})


def check_not_reused():
    """No birth (date + time) and no event date of blind16..blind19 may be reused."""
    import os
    used_births, used_events = set(), set()
    for b in ("blind16", "blind17", "blind18", "blind19"):
        fn = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", b, "charts.json")
        if not os.path.exists(fn):
            print("WARNING: cannot check against", fn)
            continue
        d = json.load(open(fn, encoding="utf-8"))
        for v in d["people"].values():
            if v.get("solar"):
                used_births.add(v["solar"])
            if v.get("input"):
                used_births.add("%d-%02d-%02d" % tuple(v["input"]["ymd"]))
            for var in v.get("variants", []) or []:
                used_births.add("%d-%02d-%02d" % tuple(var["solar"]))
        for e in d["meta"].get("event_dates", []):
            used_events.add(e["date"])
    mine_b = []
    for p in PEOPLE:
        if p.get("partial"):
            continue
        mine_b.append("%d-%02d-%02d" % p["ymd"])
        for var in p.get("variants", []):
            mine_b.append("%d-%02d-%02d" % var["ymd"])
        if p["cal"] == "lunar":
            c = KoreanLunarCalendar()
            c.setLunarDate(*p["ymd"], p.get("leap", False))
            mine_b.append("%d-%02d-%02d" % (c.solarYear, c.solarMonth, c.solarDay))
    clash_b = sorted(set(mine_b) & used_births)
    mine_e = ["%d-%02d-%02d" % e[2] for e in EVENTS]
    clash_e = sorted(set(mine_e) & (used_events | used_births))
    assert not clash_b, ("birth date reused from blind16-19", clash_b)
    assert not clash_e, ("event date reused from blind16-19", clash_e)
    assert not (set(mine_e) & set(mine_b)), "an event date equals a birth date"
    print("reuse check ok:", len(set(mine_b)), "birth dates,", len(mine_e), "event dates, none in blind16-19")


if __name__ == "__main__":
    MONTHS.extend(r for r in month_table() if r["kst"] >= "2026-12-07")
    check_not_reused()
    charts = build(PEOPLE)
    full = {k: v for k, v in charts.items() if v["chart"]}
    lp_bad = sorted(k for k, v in full.items() if not v["chart"]["crosscheck"]["agree_lunar_python"])
    sx_bad = sorted(k for k, v in full.items() if not v["chart"]["crosscheck"]["agree_sxtwl"])
    with open("charts.json", "w", encoding="utf-8") as f:
        json.dump(dict(meta=dict(today="2026-12-08 KST, Tuesday (경자월 since 대설 2026-12-07 11:52)", today_pillars=today_pillars(), this_year="2026 병오", next_year="2027 정미", year_after="2028 무신",
                                 conventions=["입춘 instant year", "절 instant month", "civil-date day, 야자시 split",
                                              "hour on standard clock (summer time removed), no longitude correction",
                                              "Seoul assumed when no place", "KASI lunar via korean-lunar-calendar"],
                                 crosscheck_summary=dict(
                                     people=len(charts),
                                     charted=len(full),
                                     partial_only=sorted(k for k, v in charts.items() if not v["chart"]),
                                     agree_lunar_python=len(full) - len(lp_bad),
                                     lunar_python_disagreements=lp_bad,
                                     agree_sxtwl_daylevel=len(full) - len(sx_bad),
                                     sxtwl_disagreements=sx_bad,
                                     max_term_instant_diff_seconds=max(v["chart"]["crosscheck"]["term_instant_diff_seconds_sxtwl_vs_lunar_python"] for v in full.values()),
                                     kasi_vs_chinese_lunar_differs=sorted(k for k, v in full.items() if not v["lunar_kr_cn_agree"] or str(v.get("solar_if_chinese_calendar", v["solar"])) != v["solar"])),
                                 month_pillars_2026_2029=month_table(),
                                 event_dates=event_days(charts, EVENTS)),
                       people=charts), f, ensure_ascii=False, indent=1)
    print("people:", len(charts), "charted:", len(full), "lunar_python disagreements:", lp_bad, "sxtwl disagreements:", sx_bad)
