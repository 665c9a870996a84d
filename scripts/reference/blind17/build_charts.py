#!/usr/bin/env python3
"""Regenerate charts.json for the blind17 set.

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
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from blind_charts import *  # noqa: E402,F401,F403  tables, helpers, compute() etc.: ../blind_charts.py


# ---------------------------------------------------------------- people
# cal: solar|lunar; time None = unknown; tz default Asia/Seoul
PEOPLE = [
    # b17-01
    dict(id="p01a", conv="b17-01", role="user", gender="F", cal="solar", ymd=(1993, 6, 14), time="18:10", place="서울 (assumed)", note="'오후 여섯시 십분'"),
    # b17-02
    dict(id="p02a", conv="b17-02", role="user (male: '군대 다녀와서 복학')", gender="M", cal="solar", ymd=(2002, 9, 3), time="03:30", place="서울 (assumed)", note="'02년생 ... 새벽 3시 반'"),
    # b17-03
    dict(id="p03a", conv="b17-03", role="user (bride)", gender="F", cal="solar", ymd=(1988, 11, 20), time="12:30", place="서울 (assumed)", note="'점심때' -> 12:30 assumed; 오시 11-13 unless it was after 13:00 (미시)"),
    dict(id="p03b", conv="b17-03", role="fiancé", gender="M", cal="solar", ymd=(1985, 3, 2), time=None, place="unknown (Seoul assumed)"),
    # b17-04
    dict(id="p04a", conv="b17-04", role="user (husband: '와이프')", gender="M", cal="solar", ymd=(1986, 4, 18), time="08:00", place="서울 (assumed)"),
    dict(id="p04b", conv="b17-04", role="wife", gender="F", cal="solar", ymd=(1987, 12, 3), time="22:00", place="서울 (assumed)"),
    # b17-05
    dict(id="p05a", conv="b17-05", role="user (mother-to-be)", gender="F", cal="solar", ymd=(1990, 9, 27), time="07:20", place="서울 (assumed)"),
    dict(id="p05b", conv="b17-05", role="husband", gender="M", cal="solar", ymd=(1989, 8, 11), time="14:00", place="서울 (assumed)"),
    dict(id="p05c", conv="b17-05", role="baby (son), C-section option 1", gender="M", cal="solar", ymd=(2027, 3, 5), time="10:00", place="서울 (assumed)", note="event date (planned C-section), not a birth of a person in the conversation yet"),
    dict(id="p05d", conv="b17-05", role="baby (son), C-section option 2", gender="M", cal="solar", ymd=(2027, 3, 8), time="10:00", place="서울 (assumed)", note="after 경칩 2027-03-06 04:39 -> 계묘월 (option 1 is 임인월)"),
    # b17-06
    dict(id="p06a", conv="b17-06", role="user (after a breakup)", gender="F", cal="solar", ymd=(1997, 1, 19), time="02:00", place="서울 (assumed)", note="'빠른 97': before 입춘 -> 병자년"),
    dict(id="p06b", conv="b17-06", role="ex-boyfriend", gender="M", cal="solar", ymd=(1995, 10, 3), time=None, place="unknown (Seoul assumed)"),
    # b17-07
    dict(id="p07a", conv="b17-07", role="user's son (수능 just taken)", gender="M", cal="solar", ymd=(2008, 3, 27), time="15:20", place="서울 (assumed)"),
    dict(id="p07b", conv="b17-07", role="user (mother)", gender="F", cal="solar", ymd=(1975, 5, 5), time="19:20", place="서울 (assumed)",
         note="'해질녘' -> 19:20 assumed (sunset Seoul 1975-05-05 about 19:25): 술시; before 19:00 would be 유시",
         variants=[dict(label="18:40 (유시) if earlier dusk", ymd=(1975, 5, 5), time="18:40")]),
    # b17-08
    dict(id="p08a", conv="b17-08", role="user (male, coin debt)", gender="M", cal="solar", ymd=(1990, 6, 2), time="21:30", place="서울 (assumed)", note="'구공년'"),
    # b17-09
    dict(id="p09a", conv="b17-09", role="father-in-law (시아버님)", gender="M", cal="solar", ymd=(1956, 11, 21), time=None, place="unknown (Seoul assumed)"),
    dict(id="p09b", conv="b17-09", role="husband", gender="M", cal="solar", ymd=(1983, 2, 4), time="16:00", place="서울 (assumed)", note="입춘 1983-02-04 -> check: born before it"),
    # b17-10
    dict(id="p10a", conv="b17-10", role="user", gender="M", cal="solar", ymd=(1985, 10, 15), time="10:00", place="서울 (assumed)"),
    dict(id="p10b", conv="b17-10", role="friend / business partner", gender="M", cal="solar", ymd=(1986, 5, 23), time="18:40", place="서울 (assumed)", note="'18시 40분'"),
    # b17-11
    dict(id="p11a", conv="b17-11", role="user", gender="F", cal="solar", ymd=(1996, 1, 26), time="09:00", place="서울 (assumed)", note="'빠른 96': before 입춘 -> 을해년"),
    # b17-12
    dict(id="p12a", conv="b17-12", role="user (born in New York)", gender="M", cal="solar", ymd=(1990, 8, 12), time="15:10", place="New York", tz="America/New_York", note="EDT in force: standard clock 14:10"),
    # b17-13
    dict(id="p13a", conv="b17-13", role="user", gender="F", cal="lunar", ymd=(1987, 6, 5), leap=True, time="09:30", place="서울 (assumed)", note="1987 윤6월 exists (KASI); summer time 1987 -> standard 08:30"),
    # b17-14
    dict(id="p14a", conv="b17-14", role="user (as corrected: plain 음력 2월 12일)", gender="M", cal="lunar", ymd=(1995, 2, 12), leap=False, time="07:00", place="서울 (assumed)",
         note="turn 1 says 95년 음력 윤2월 12일: 1995 has 윤8월 only -> invalid, must ask; turn 2 corrects to plain 2월",
         invalid_first=dict(ymd=(1995, 2, 12), leap=True)),
    # b17-15
    dict(id="p15a", conv="b17-15", role="user's grandmother (할머니)", gender="F", cal="lunar", ymd=(1946, 10, 16), leap=False, time=None, place="unknown (Seoul assumed)",
         note="user gives only '개띠, 올해 팔순(만 80), 생신 음력 시월 열엿새' -> 1946 (병술)"),
    dict(id="p15b", conv="b17-15", role="user (granddaughter)", gender="F", cal="solar", ymd=(2003, 12, 5), time="11:00", place="서울 (assumed)"),
    # b17-16
    dict(id="p16a", conv="b17-16", role="user", gender="F", cal="solar", ymd=(1995, 10, 21), time="23:50", place="서울 (assumed)",
         note="turn 1 '10월 21일 밤 12시' is ambiguous: end of the 21st (야자시 -> 을유일) or 00:00 of the 22nd (병술일, see variant); turn 2 resolves it to about 23:50 on the 21st (recorded)",
         variants=[dict(label="00:00 of 10-22", ymd=(1995, 10, 22), time="00:00")]),
    # b17-17
    dict(id="p17a", conv="b17-17", role="user (wife)", gender="F", cal="solar", ymd=(1991, 7, 9), time="12:00", place="서울 (assumed)", note="'정오'"),
    dict(id="p17b", conv="b17-17", role="husband", gender="M", cal="solar", ymd=(1989, 1, 17), time="04:00", place="서울 (assumed)", note="'아마 인시?' -> 04:00 (인시 03-05) assumed, uncertain"),
    # b17-18
    dict(id="p18a", conv="b17-18", role="user (husband)", gender="M", cal="solar", ymd=(1990, 3, 28), time="14:00", place="서울 (assumed)"),
    dict(id="p18b", conv="b17-18", role="wife", gender="F", cal="solar", ymd=(1992, 8, 19), time="13:00", place="서울 (assumed)", note="'만 34살, 생일 양력 8월 19일' -> 1992"),
    # b17-19
    dict(id="p19a", conv="b17-19", role="user", gender="F", cal="solar", ymd=(1987, 6, 26), time="13:40", place="서울 (assumed)", note="summer time 1987: standard 12:40 (오시); naive 13:40 = 미시"),
    # b17-20
    dict(id="p20a", conv="b17-20", role="user's older brother (오빠)", gender="M", cal="solar", ymd=(1989, 12, 24), time="09:00", place="서울 (assumed)"),
    dict(id="p20b", conv="b17-20", role="brother's fiancée (새언니)", gender="F", cal="solar", ymd=(1991, 5, 30), time="20:00", place="서울 (assumed)"),
    dict(id="p20c", conv="b17-20", role="user (younger sister)", gender="F", cal="solar", ymd=(1994, 2, 19), time="14:30", place="서울 (assumed)"),
    # b17-21
    dict(id="p21a", conv="b17-21", role="mother-in-law (장모님)", gender="F", cal="solar", ymd=(1958, 6, 10), time="07:30", place="서울 (assumed)", note="1958: UTC+8:30 with summer time (+9:30) -> standard 06:30 (묘시); naive 진시"),
    # b17-22
    dict(id="p22a", conv="b17-22", role="user's older brother (형)", gender="M", cal="solar", ymd=(1980, 5, 15), time="11:00", place="서울 (assumed)"),
    dict(id="p22b", conv="b17-22", role="user (younger brother)", gender="M", cal="solar", ymd=(1984, 9, 9), time="06:00", place="서울 (assumed)"),
    # b17-23
    dict(id="p23a", conv="b17-23", role="user's daughter (bride)", gender="F", cal="solar", ymd=(1996, 4, 12), time="16:00", place="서울 (assumed)"),
    dict(id="p23b", conv="b17-23", role="daughter's fiancé (사윗감)", gender="M", cal="solar", ymd=(1994, 10, 30), time="12:00", place="서울 (assumed)", note="'낮 12시'"),
    # b17-24
    dict(id="p24a", conv="b17-24", role="user (opening a shop)", gender="M", cal="solar", ymd=(1981, 12, 9), time="15:10", place="서울 (assumed)"),
    # b17-25
    dict(id="p25a", conv="b17-25", role="user", gender="F", cal="solar", ymd=(1990, 12, 15), time="05:40", place="서울 (assumed)"),
    # b17-26
    dict(id="p26a", conv="b17-26", role="user", gender="M", cal="solar", ymd=(1984, 11, 2), time="18:30", place="서울 (assumed)", note="'저녁 먹을 때쯤' -> 18:30 assumed (유시 17-19; after 19:00 would be 술시)",
         variants=[dict(label="19:30 (술시) if later", ymd=(1984, 11, 2), time="19:30")]),
    # b17-27
    dict(id="p27a", conv="b17-27", role="user", gender="F", cal="lunar", ymd=(1988, 12, 29), leap=False, time="05:30", place="서울 (assumed)",
         note="'음력 88년 12월 29일 새벽녘' -> 1989-02-05, after 입춘 (1989-02-04) -> 기사년 병인월; 새벽녘 05:30 assumed (묘시 05-07; before 05:00 인시)",
         variants=[dict(label="04:30 (인시) if earlier", ymd=(1989, 2, 5), time="04:30")]),
    # b17-28
    dict(id="p28a", conv="b17-28", role="user", gender="F", cal="solar", ymd=(2000, 3, 15), time="00:05", place="서울 (assumed)", note="'0시 5분' -> 자시 of 03-15 (day 03-15)"),
    # b17-29
    dict(id="p29a", conv="b17-29", role="user", gender="M", cal="solar", ymd=(1992, 8, 30), time="23:59", place="서울 (assumed)", note="'23시 59분' -> 야자시"),
    # b17-30
    dict(id="p30a", conv="b17-30", role="user (high-school senior)", gender="F", cal="solar", ymd=(2008, 10, 2), time="17:00", place="서울 (assumed)", note="17:00 = 유시 start"),
    # b17-31
    dict(id="p31a", conv="b17-31", role="user", gender="M", cal="solar", ymd=(1988, 7, 19), time="07:10", place="서울 (assumed)", note="summer time 1988 -> standard 06:10 (묘시); naive 진시"),
    # b17-32
    dict(id="p32a", conv="b17-32", role="user", gender="F", cal="solar", ymd=(1997, 2, 4), time="08:30", place="서울 (assumed)"),
    dict(id="p32b", conv="b17-32", role="boyfriend", gender="M", cal="solar", ymd=(1995, 9, 18), time="20:00", place="서울 (assumed)"),
    # b17-33
    dict(id="p33a", conv="b17-33", role="user", gender="M", cal="solar", ymd=(1991, 4, 5), time="14:00", place="서울 (assumed)"),
    # b17-34
    dict(id="p34a", conv="b17-34", role="user's younger brother (남동생)", gender="M", cal="solar", ymd=(1999, 6, 21), time="08:00", place="서울 (assumed)"),
    dict(id="p34b", conv="b17-34", role="user's younger sister (여동생)", gender="F", cal="solar", ymd=(2001, 11, 11), time="00:00", place="서울 (assumed)",
         note="'11월 11일 자정' ambiguous: 00:00 starting the 11th (recorded) or the midnight ending the 11th (23:59 -> same day 무인, hour 갑자; 00:00 of the 12th -> 기묘일)",
         variants=[dict(label="~23:59 on 11-11 (야자시)", ymd=(2001, 11, 11), time="23:59"), dict(label="00:00 of 11-12", ymd=(2001, 11, 12), time="00:00")]),
    dict(id="p34c", conv="b17-34", role="user (older sister)", gender="F", cal="solar", ymd=(1994, 7, 7), time="05:20", place="서울 (assumed)"),
    # b17-35
    dict(id="p35a", conv="b17-35", role="user (wife)", gender="F", cal="solar", ymd=(1982, 2, 27), time="10:00", place="서울 (assumed)"),
    dict(id="p35b", conv="b17-35", role="husband", gender="M", cal="solar", ymd=(1980, 11, 8), time="21:00", place="서울 (assumed)"),
    # b17-36
    dict(id="p36a", conv="b17-36", role="user", gender="F", cal="solar", ymd=(1998, 2, 16), time="07:40", place="서울 (assumed)"),
    # b17-37
    dict(id="p37a", conv="b17-37", role="user (wife)", gender="F", cal="solar", ymd=(1986, 7, 13), time="15:00", place="서울 (assumed)"),
    dict(id="p37b", conv="b17-37", role="husband", gender="M", cal="solar", ymd=(1984, 1, 28), time="06:00", place="서울 (assumed)", note="before 입춘 -> 계해년"),
    # b17-38
    dict(id="p38a", conv="b17-38", role="user (born in Los Angeles)", gender="F", cal="solar", ymd=(1998, 7, 4), time="13:20", place="Los Angeles", tz="America/Los_Angeles", note="PDT in force: standard 12:20 (오시); naive 미시"),
    # b17-39
    dict(id="p39a", conv="b17-39", role="user's older sister (누나)", gender="F", cal="solar", ymd=(1990, 7, 19), time="10:30", place="서울 (assumed)"),
    dict(id="p39b", conv="b17-39", role="sister's fiancé (매형)", gender="M", cal="solar", ymd=(1988, 2, 25), time="16:00", place="서울 (assumed)"),
    dict(id="p39c", conv="b17-39", role="user (younger brother)", gender="M", cal="solar", ymd=(1994, 11, 13), time="20:00", place="서울 (assumed)"),
    # b17-40
    dict(id="p40a", conv="b17-40", role="user's mother (recently widowed)", gender="F", cal="lunar", ymd=(1955, 4, 15), leap=False, time="09:30", place="서울 (assumed)", note="UTC+8:30 era + summer time from 1955-05-05 -> check"),
    dict(id="p40b", conv="b17-40", role="user (daughter)", gender="F", cal="solar", ymd=(1979, 9, 20), time="16:00", place="서울 (assumed)", note="'칠십구년 구월 이십일 오후 네시'"),
]


# kept local: reads PEOPLE and has no `partial` (year / 띠 only) people; blind_charts.build(people) is the b18+ version.
def build():
    charts = {}
    for p in PEOPLE:
        tz = p.get("tz", "Asia/Seoul")
        entry = dict(conv=p["conv"], role=p["role"], gender=p["gender"], place=p["place"], input=dict(cal=p["cal"], ymd=p["ymd"], leap=p.get("leap", False), time=p["time"]))
        if p.get("note"):
            entry["note"] = p["note"]
        if p["cal"] == "lunar":
            c = KoreanLunarCalendar()
            ok = c.setLunarDate(*p["ymd"], p.get("leap", False))
            if not ok:
                raise SystemExit("invalid lunar date for %s" % p["id"])
            solar = (c.solarYear, c.solarMonth, c.solarDay)
            entry["lunar_kasi"] = "%d-%02d-%02d%s" % (*p["ymd"], " (윤)" if p.get("leap") else "")
            entry["solar"] = "%d-%02d-%02d" % solar
            # Chinese calendar (lunar_python) interpretation of the same lunar date, for the record
            try:
                from lunar_python import Lunar
                lm = -p["ymd"][1] if p.get("leap") else p["ymd"][1]
                cn = Lunar.fromYmd(p["ymd"][0], lm, p["ymd"][2]).getSolar()
                entry["solar_if_chinese_calendar"] = cn.toYmd()
            except Exception as e:  # leap month absent in the Chinese calendar
                entry["solar_if_chinese_calendar"] = "invalid in Chinese calendar: %s" % e
        else:
            solar = p["ymd"]
            entry["solar"] = "%d-%02d-%02d" % solar
        if p.get("invalid_first"):
            c = KoreanLunarCalendar()
            ok = c.setLunarDate(*p["invalid_first"]["ymd"], p["invalid_first"]["leap"])
            entry["invalid_first_input"] = dict(input="%d 음력 윤%d월 %d일" % p["invalid_first"]["ymd"], kasi_valid=bool(ok),
                                                note="no leap month in that year: must ask, not guess")
        sd = date(*solar)
        kc = KoreanLunarCalendar()
        kc.setSolarDate(*solar)
        entry["korean_lunar_calendar_gapja_NOT_saju"] = kc.getGapJaString() + "  (lunar-year / lunar-month based: not the 입춘/절기 pillars)"
        entry["lunar_of_solar_kr"] = to_lunar_kr(sd)
        entry["lunar_of_solar_cn"] = to_lunar_cn(sd)
        entry["lunar_kr_cn_agree"] = entry["lunar_of_solar_kr"] == entry["lunar_of_solar_cn"]
        entry["chart"] = compute(solar, p["time"], tz, p["gender"])
        if p.get("variants"):
            vs = []
            for v in p["variants"]:
                vymd = v["ymd"] if v.get("ymd") else (next_day(solar) if v.get("next_civil_day") else solar)
                r = compute(vymd, v["time"], tz, p["gender"], with_extras=False)
                vs.append(dict(label=v["label"], solar=vymd, time=v["time"], pillars=r["pillars"], warnings=r["warnings"]))
            entry["variants"] = vs
        charts[p["id"]] = entry
    return charts


# Event dates told beside births (NOT births): (label, conv, date, time or None, people to read it against)
EVENTS = [
    ("today", None, (2026, 12, 7), None, []),
    ("tomorrow (내일)", "b17-16", (2026, 12, 8), None, ["p16a"]),
    ("b17-02 9급 국가직 필기 (user's stated date)", "b17-02", (2027, 4, 3), None, ["p02a"]),
    ("b17-03 wedding", "b17-03", (2027, 5, 16), None, ["p03a", "p03b"]),
    ("b17-04 move option 1", "b17-04", (2027, 1, 9), None, ["p04a", "p04b"]),
    ("b17-04 move option 2", "b17-04", (2027, 1, 23), None, ["p04a", "p04b"]),
    ("b17-05 C-section option 1 (10:00)", "b17-05", (2027, 3, 5), "10:00", ["p05a", "p05b"]),
    ("b17-05 C-section option 2 (10:00)", "b17-05", (2027, 3, 8), "10:00", ["p05a", "p05b"]),
    ("b17-09 surgery option 1", "b17-09", (2027, 1, 12), None, ["p09a"]),
    ("b17-09 surgery option 2", "b17-09", (2027, 1, 19), None, ["p09a"]),
    ("b17-10 opening option 1", "b17-10", (2027, 3, 20), None, ["p10a", "p10b"]),
    ("b17-10 opening option 2", "b17-10", (2027, 4, 10), None, ["p10a", "p10b"]),
    ("b17-15 grandmother move option 1", "b17-15", (2027, 1, 16), None, ["p15a"]),
    ("b17-15 grandmother move option 2", "b17-15", (2027, 3, 13), None, ["p15a"]),
    ("b17-20 brother's wedding", "b17-20", (2027, 10, 9), None, ["p20a", "p20b"]),
    ("b17-23 daughter's wedding option 1", "b17-23", (2027, 4, 24), None, ["p23a", "p23b"]),
    ("b17-23 daughter's wedding option 2", "b17-23", (2027, 9, 11), None, ["p23a", "p23b"]),
    ("b17-24 shop contract option 1", "b17-24", (2026, 12, 21), None, ["p24a"]),
    ("b17-24 shop contract option 2", "b17-24", (2026, 12, 28), None, ["p24a"]),
    ("b17-25 공인중개사 exam (user's stated date)", "b17-25", (2027, 10, 30), None, ["p25a"]),
    ("b17-37 IVF start option 1", "b17-37", (2027, 1, 18), None, ["p37a", "p37b"]),
    ("b17-37 IVF start option 2", "b17-37", (2027, 3, 15), None, ["p37a", "p37b"]),
    ("b17-39 sister's wedding", "b17-39", (2027, 3, 13), None, ["p39a", "p39b"]),
]


if __name__ == "__main__":
    MONTHS.extend(r for r in month_table() if r["kst"] >= "2026-12-07")
    charts = build()
    lp_bad = sorted(k for k, v in charts.items() if not v["chart"]["crosscheck"]["agree_lunar_python"])
    sx_bad = sorted(k for k, v in charts.items() if not v["chart"]["crosscheck"]["agree_sxtwl"])
    with open("charts.json", "w", encoding="utf-8") as f:
        json.dump(dict(meta=dict(today="2026-12-07 KST (대설 11:52 starts 경자월)", this_year="2026 병오", next_year="2027 정미", year_after="2028 무신",
                                 conventions=["입춘 instant year", "절 instant month", "civil-date day, 야자시 split",
                                              "hour on standard clock (summer time removed), no longitude correction",
                                              "Seoul assumed when no place", "KASI lunar via korean-lunar-calendar"],
                                 crosscheck_summary=dict(
                                     people=len(charts),
                                     agree_lunar_python=len(charts) - len(lp_bad),
                                     lunar_python_disagreements=lp_bad,
                                     agree_sxtwl_daylevel=len(charts) - len(sx_bad),
                                     sxtwl_disagreements=sx_bad,
                                     max_term_instant_diff_seconds=max(v["chart"]["crosscheck"]["term_instant_diff_seconds_sxtwl_vs_lunar_python"] for v in charts.values()),
                                     kasi_vs_chinese_lunar_differs=sorted(k for k, v in charts.items() if not v["lunar_kr_cn_agree"] or str(v.get("solar_if_chinese_calendar", v["solar"])) != v["solar"])),
                                 month_pillars_2026_2029=month_table(),
                                 event_dates=event_days(charts, EVENTS)),
                       people=charts), f, ensure_ascii=False, indent=1)
    print("people:", len(charts), "lunar_python disagreements:", lp_bad, "sxtwl disagreements:", sx_bad)
