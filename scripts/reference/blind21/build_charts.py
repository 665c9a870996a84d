#!/usr/bin/env python3
"""Regenerate charts.json for the blind21 set.

pip install sxtwl lunar_python korean-lunar-calendar
python3 build_charts.py

Same conventions as blind16..blind20 (see README.md); all chart code comes from the shared
scripts/reference/blind_charts.py (imported, not copied).  This file keeps only the
PEOPLE / EVENTS data import, the reuse check and the meta block.
"""
import json
import os
import re
import sys

REF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, REF)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blind_charts import *  # noqa: E402,F401,F403  tables, helpers, compute() etc.
from people21 import PEOPLE, EVENTS, TODAY  # noqa: E402

PREV_FILES = [os.path.join(REF, b, "build_charts.py") for b in ("blind16", "blind17", "blind18", "blind19", "blind20")] + \
             [os.path.join(REF, "blind20", "people20.py")]
DATE_RE = re.compile(r"\(\s*((?:19|20)\d\d)\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)")


def used_dates():
    """Every (Y, M, D) tuple written in blind16..blind20's data files (births, variants, events), plus the
    solar dates of their lunar births (KASI).  Used as a conservative 'do not reuse' list."""
    used = set()
    for fn in PREV_FILES:
        txt = open(fn, encoding="utf-8").read()
        for m in DATE_RE.finditer(txt):
            used.add("%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3))))
        for line in txt.splitlines():
            if 'cal="lunar"' in line:
                m = re.search(r"ymd=\((\d{4}),\s*(\d+),\s*(\d+)\)", line)
                leap = "leap=True" in line
                c = KoreanLunarCalendar()
                if m and c.setLunarDate(int(m.group(1)), int(m.group(2)), int(m.group(3)), leap):
                    used.add("%d-%02d-%02d" % (c.solarYear, c.solarMonth, c.solarDay))
    return used


def my_dates():
    births, events = [], ["%d-%02d-%02d" % e[2] for e in EVENTS]
    for p in PEOPLE:
        if p.get("partial"):
            continue
        start = len(births)
        births.append("%d-%02d-%02d" % p["ymd"])
        for var in p.get("variants", []):
            births.append("%d-%02d-%02d" % var["ymd"])
        if p["cal"] == "lunar":
            c = KoreanLunarCalendar()
            c.setLunarDate(*p["ymd"], p.get("leap", False))
            births.append("%d-%02d-%02d" % (c.solarYear, c.solarMonth, c.solarDay))
        births[start:] = sorted(set(births[start:]))  # one person's own dates may coincide (lunar input = its variant)
    return births, events


def check_not_reused():
    used = used_dates()
    b, e = my_dates()
    clash_b = sorted(set(b) & used)
    clash_e = sorted(set(e) & used)
    assert not clash_b, ("birth date reused from blind16-20", clash_b)
    assert not clash_e, ("event date reused from blind16-20", clash_e)
    assert not (set(e) & set(b)), "an event date equals a birth date"
    assert len(set(b)) == len(b), "a birth date repeats inside blind21"
    print("reuse check ok:", len(set(b)), "birth dates,", len(e), "event dates; none among", len(used), "dates of blind16-20")


def today_pillars():
    c = compute(TODAY, "12:00", "Asia/Seoul", "M", with_extras=False)
    return dict(date="%d-%02d-%02d" % TODAY, **{k: c["pillars"][k] for k in ("year", "month", "day")})


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    MONTHS.extend(r for r in month_table() if r["kst"] >= "2026-12-07")
    check_not_reused()
    charts = build(PEOPLE)
    for p in PEOPLE:  # blind_charts.build() labels every invalid input as '윤N월'; ours is a plain month with a 30th day
        if p.get("invalid_first") and not p["invalid_first"]["leap"]:
            charts[p["id"]]["invalid_first_input"] = dict(input="%d 음력 %d월 %d일 (평달)" % p["invalid_first"]["ymd"], kasi_valid=charts[p["id"]]["invalid_first_input"]["kasi_valid"],
                                                         note="that lunar month has only 29 days (KASI): the date does not exist; ask, do not guess (t2 the user says 3월 1일)")
        if p.get("gender_asked") and p["id"] == "p32a":
            g = charts[p["id"]]["gender_unknown_at_first"]
            g["gender_told_later"] = "never told in the conversation; the main chart uses F (순행) only as a placeholder, M road here (역행)"
            g["note"] = "gender never given: the 대운 road is F 순행 (무오 2012~, 기미 2022~, 경신 2032~) or M 역행 (을묘 2014~, 갑인 2024~, 계축 2034~); pillars, ten gods, 세운 do not depend on it"
    full = {k: v for k, v in charts.items() if v["chart"]}
    lp_bad = sorted(k for k, v in full.items() if not v["chart"]["crosscheck"]["agree_lunar_python"])
    sx_bad = sorted(k for k, v in full.items() if not v["chart"]["crosscheck"]["agree_sxtwl"])
    meta = dict(today="2026-12-08 KST, Tuesday 11:00 (경자월 since 대설 2026-12-07 11:52)", today_pillars=today_pillars(),
                this_year="2026 병오 (until 입춘 2027-02-04)", next_year="2027 정미", year_after="2028 무신",
                conventions=["입춘 instant year", "절 instant month", "civil-date day, 야자시 split",
                             "hour on standard clock (summer time removed), no longitude correction",
                             "Seoul assumed when no place", "KASI lunar via korean-lunar-calendar",
                             "대운 forward for yang-year male / yin-year female, start = days to 절 / 3"],
                crosscheck_summary=dict(
                    people=len(charts), charted=len(full),
                    partial_only=sorted(k for k, v in charts.items() if not v["chart"]),
                    agree_lunar_python=len(full) - len(lp_bad), lunar_python_disagreements=lp_bad,
                    agree_sxtwl_daylevel=len(full) - len(sx_bad), sxtwl_disagreements=sx_bad,
                    max_term_instant_diff_seconds=max(v["chart"]["crosscheck"]["term_instant_diff_seconds_sxtwl_vs_lunar_python"] for v in full.values()),
                    kasi_vs_chinese_lunar_differs=sorted(k for k, v in full.items() if not v["lunar_kr_cn_agree"] or str(v.get("solar_if_chinese_calendar", v["solar"])) != v["solar"])),
                month_pillars_2026_2029=month_table(),
                event_dates=event_days(charts, EVENTS))
    with open("charts.json", "w", encoding="utf-8") as f:
        json.dump(dict(meta=meta, people=charts), f, ensure_ascii=False, indent=1)
    print("people:", len(charts), "charted:", len(full), "lunar_python disagreements:", lp_bad, "sxtwl disagreements:", sx_bad)
