#!/usr/bin/env python3
"""Regenerate charts.json for the blind18 set.

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


# ---------------------------------------------------------------- people
# cal: solar|lunar; time None = unknown; tz default Asia/Seoul
PEOPLE = [
    # b18-01
    dict(id="p01a", conv="b18-01", role="user", gender="F", cal="lunar", ymd=(1993, 3, 12), leap=True, time="23:30", place="서울 (assumed)",
         note="'구십삼년 음력 윤삼월 열이틀 밤 열한시 반': 1993 윤3월 exists (KASI); 23:30 -> 야자시 (day kept, hour = next day's 자시)"),
    # b18-02
    dict(id="p02a", conv="b18-02", role="user (son; father died last month)", gender="M", cal="solar", ymd=(1988, 5, 21), time="05:20", place="서울 (assumed)",
         note="'새벽 다섯시 이십분': summer time 1988 (05-08..10-09) -> standard 04:20 = 인시; naive 묘시"),
    dict(id="p02b", conv="b18-02", role="user's mother (엄마, recently widowed)", gender="F", cal="lunar", ymd=(1958, 7, 5), leap=False, time="07:00", place="서울 (assumed)",
         note="t2 gives only '58년 개띠'; t3 '음력 칠월 초닷새 아침 일곱시'. 1958: UTC+8:30 and summer time -> check standard clock"),
    # b18-03
    dict(id="p03a", conv="b18-03", role="user (19, 수능 just failed)", gender="F", cal="solar", ymd=(2007, 3, 6), time="07:40", place="서울 (assumed)",
         note="37 min before 경칩 2007-03-06 08:17 -> 임인월 (not 계묘월)"),
    # b18-04
    dict(id="p04a", conv="b18-04", role="user (mother)", gender="F", cal="solar", ymd=(1991, 9, 14), time="14:20", place="서울 (assumed)"),
    dict(id="p04b", conv="b18-04", role="husband", gender="M", cal="solar", ymd=(1989, 11, 30), time="08:00", place="서울 (assumed)"),
    dict(id="p04c", conv="b18-04", role="baby daughter (18 months)", gender="F", cal="solar", ymd=(2025, 6, 10), time="03:10", place="서울 (assumed)", note="'새벽 세시 십분'"),
    # b18-05
    dict(id="p05a", conv="b18-05", role="user (stocks/coins)", gender="M", cal="solar", ymd=(1985, 2, 19), time="10:30", place="서울 (assumed)"),
    # b18-06
    dict(id="p06a", conv="b18-06", role="user (claims: 신약, 물이 많다)", gender="F", cal="solar", ymd=(1994, 6, 2), time="12:10", place="서울 (assumed)", note="'열두시 십분'"),
    # b18-07
    dict(id="p07a", conv="b18-07", role="user (claim: 관살혼잡)", gender="F", cal="solar", ymd=(1992, 3, 1), time="10:30", place="서울 (assumed)"),
    # b18-08
    dict(id="p08a", conv="b18-08", role="user (born in Toronto; claim: 역마살)", gender="M", cal="solar", ymd=(1992, 5, 30), time="07:20", place="Toronto", tz="America/Toronto",
         note="EDT in force: standard clock 06:20 (묘시); naive 진시. Never convert to KST"),
    # b18-09
    dict(id="p09a", conv="b18-09", role="user (says '97 소띠')", gender="M", cal="solar", ymd=(1997, 2, 4), time="03:30", place="서울 (assumed)",
         note="31 min before 입춘 1997-02-04 04:01 -> 병자년 신축월 (쥐띠 in saju, not 소)"),
    # b18-10
    dict(id="p10a", conv="b18-10", role="user (daughter)", gender="F", cal="solar", ymd=(1990, 10, 8), time="21:50", place="서울 (assumed)",
         note="23 min before 한로 1990-10-08 22:13 -> 을유월 (not 병술월)"),
    dict(id="p10b", conv="b18-10", role="user's mother (엄마, surgery)", gender="F", cal="lunar", ymd=(1962, 3, 10), leap=False, time=None, place="unknown (Seoul assumed)",
         note="'62년 범띠, 음력 삼월 열흘, 시간 모름'"),
    # b18-11
    dict(id="p11a", conv="b18-11", role="user (wife, thinking of divorce)", gender="F", cal="solar", ymd=(1984, 12, 7), time="07:00", place="서울 (assumed)",
         note="28 min before 대설 1984-12-07 07:28 -> 을해월 (not 병자월); 07:00 = 진시 start"),
    dict(id="p11b", conv="b18-11", role="husband", gender="M", cal="solar", ymd=(1982, 6, 15), time="22:00", place="서울 (assumed)"),
    dict(id="p11c", conv="b18-11", role="son (12)", gender="M", cal="solar", ymd=(2014, 9, 3), time="16:40", place="서울 (assumed)"),
    # b18-12
    dict(id="p12a", conv="b18-12", role="user (wife, after a miscarriage)", gender="F", cal="solar", ymd=(1987, 8, 11), time="13:10", place="서울 (assumed)",
         note="summer time 1987 (05-10..10-11) -> standard 12:10 = 오시; naive 미시"),
    dict(id="p12b", conv="b18-12", role="husband (as corrected: plain 음력 4월 8일)", gender="M", cal="lunar", ymd=(1985, 4, 8), leap=False, time="02:00", place="서울 (assumed)",
         note="t1 says '85년 음력 윤4월 8일': 1985 has no 윤4월 -> invalid, must ask; t2 corrects to plain 4월",
         invalid_first=dict(ymd=(1985, 4, 8), leap=True)),
    # b18-13
    dict(id="p13a", conv="b18-13", role="user (laid off, planning a business)", gender="M", cal="solar", ymd=(1979, 10, 25), time="18:00", place="서울 (assumed)"),
    dict(id="p13b", conv="b18-13", role="friend / would-be partner (only '80년생 원숭이띠, 남자')", gender="M", partial=dict(given="80년생 원숭이띠", years=[1980])),
    # b18-14
    dict(id="p14a", conv="b18-14", role="user (her dog died)", gender="F", cal="solar", ymd=(1999, 12, 24), time="11:15", place="서울 (assumed)"),
    dict(id="p14b", conv="b18-14", role="user's mother (엄마)", gender="F", cal="solar", ymd=(1971, 6, 2), time="08:00", place="서울 (assumed)"),
    # b18-15
    dict(id="p15a", conv="b18-15", role="user (man living alone)", gender="M", cal="solar", ymd=(1968, 3, 3), time="14:00", place="서울 (assumed)",
         note="'만 쉰여덟, 생일 3월 3일 (지났음)' -> 1968"),
    # b18-16
    dict(id="p16a", conv="b18-16", role="user (daughter-in-law)", gender="F", cal="solar", ymd=(1988, 1, 22), time="09:40", place="서울 (assumed)", note="before 입춘 -> 정묘년"),
    dict(id="p16b", conv="b18-16", role="mother-in-law (시어머니)", gender="F", cal="solar", ymd=(1955, 7, 18), time="07:20", place="서울 (assumed)",
         note="1955: UTC+8:30 with summer time (+9:30) -> standard 06:20 = 묘시; naive 진시"),
    dict(id="p16c", conv="b18-16", role="husband", gender="M", cal="solar", ymd=(1986, 4, 2), time="13:00", place="서울 (assumed)", note="13:00 = 미시 start"),
    # b18-17
    dict(id="p17a", conv="b18-17", role="user's friend (소개팅)", gender="F", cal="solar", ymd=(1996, 7, 22), time="20:30", place="서울 (assumed)"),
    dict(id="p17b", conv="b18-17", role="user (t3 gives only '96 쥐띠 동갑'; t4 gives the full birth)", gender="F", cal="solar", ymd=(1996, 2, 20), time="13:20", place="서울 (assumed)",
         note="t3: partial (only 96 쥐띠) -> must ask; t4: 96년 2월 20일 오후 1시 20분"),
    # b18-18
    dict(id="p18a", conv="b18-18", role="user (born in Sydney)", gender="F", cal="solar", ymd=(1990, 1, 15), time="09:30", place="Sydney", tz="Australia/Sydney",
         note="AEDT in force: standard clock 08:30 (진시); naive 사시. Before 입춘 -> 기사년. Never convert to KST"),
    dict(id="p18b", conv="b18-18", role="user's younger brother (남동생), born in Seoul", gender="M", cal="solar", ymd=(1993, 3, 15), time="14:00", place="서울"),
    # b18-19
    dict(id="p19a", conv="b18-19", role="user", gender="M", cal="solar", ymd=(1975, 11, 27), time="05:50", place="서울 (assumed)"),
    # b18-20
    dict(id="p20a", conv="b18-20", role="user (as corrected: 8월 17일)", gender="F", cal="solar", ymd=(1992, 8, 17), time="16:00", place="서울 (assumed)",
         note="t1 says 7월 17일, t2 corrects to 8월 17일 (variant records the first input)",
         variants=[dict(label="first input 1992-07-17 16:00 (corrected away)", ymd=(1992, 7, 17), time="16:00")]),
    # b18-21
    dict(id="p21a", conv="b18-21", role="user's daughter (11)", gender="F", cal="solar", ymd=(2015, 5, 8), time="10:10", place="서울 (assumed)"),
    dict(id="p21b", conv="b18-21", role="user (mother)", gender="F", cal="lunar", ymd=(1982, 4, 20), leap=True, time="20:00", place="서울 (assumed)",
         note="t3 gives only '82년생'; t4 '음력 윤사월 스무날 저녁 8시' (1982 윤4월 exists)"),
    # b18-22
    dict(id="p22a", conv="b18-22", role="user", gender="F", cal="solar", ymd=(1998, 4, 13), time="15:00", place="서울 (assumed)", note="15:00 = 신시 start"),
    dict(id="p22b", conv="b18-22", role="boyfriend ('두 살 연상 남친')", gender="M", cal="solar", ymd=(1996, 10, 3), time=None, place="unknown (Seoul assumed)",
         note="t1 gives only '두 살 연상'; t2 gives 96년 10월 3일, time unknown"),
    # b18-23
    dict(id="p23a", conv="b18-23", role="user (husband)", gender="M", cal="solar", ymd=(1981, 7, 29), time="07:30", place="서울 (assumed)"),
    dict(id="p23b", conv="b18-23", role="wife", gender="F", cal="solar", ymd=(1983, 12, 11), time="23:40", place="서울 (assumed)", note="'밤 열한시 사십분' -> 야자시"),
    # b18-24
    dict(id="p24a", conv="b18-24", role="user (빠른 01, exam)", gender="M", cal="solar", ymd=(2001, 1, 27), time="13:30", place="서울 (assumed)", note="'빠른 01': before 입춘 -> 경진년"),
    # b18-25
    dict(id="p25a", conv="b18-25", role="user (first job)", gender="F", cal="solar", ymd=(2000, 6, 19), time="17:45", place="서울 (assumed)", note="'17시 45분'"),
    # b18-26
    dict(id="p26a", conv="b18-26", role="user (용신)", gender="M", cal="solar", ymd=(1990, 3, 3), time="19:00", place="서울 (assumed)", note="19:00 = 술시 start"),
    # b18-27
    dict(id="p27a", conv="b18-27", role="user's mother (엄마)", gender="F", cal="solar", ymd=(1965, 3, 2), time="09:00", place="서울 (assumed)", note="09:00 = 사시 start"),
    dict(id="p27b", conv="b18-27", role="user's father (only '63년생 토끼띠')", gender="M", partial=dict(given="63년생 토끼띠, 생일 모름", years=[1963])),
    # b18-28
    dict(id="p28a", conv="b18-28", role="user (남편복)", gender="F", cal="solar", ymd=(1995, 11, 21), time="11:30", place="서울 (assumed)"),
    # b18-29
    dict(id="p29a", conv="b18-29", role="user", gender="F", cal="solar", ymd=(1986, 7, 5), time="00:40", place="서울 (assumed)", note="'0시 40분' -> 자시 of 07-05 (not 야자시)"),
    # b18-30
    dict(id="p30a", conv="b18-30", role="user", gender="M", cal="solar", ymd=(1997, 11, 3), time="21:15", place="서울 (assumed)", note="'만 스물아홉, 11월 3일 21시 15분' -> 1997"),
    # b18-31
    dict(id="p31a", conv="b18-31", role="user's son (enlisting)", gender="M", cal="solar", ymd=(2005, 8, 22), time="12:30", place="서울 (assumed)"),
    dict(id="p31b", conv="b18-31", role="user's husband (the son's father)", gender="M", cal="solar", ymd=(1974, 10, 3), time="15:40", place="서울 (assumed)"),
    # b18-32
    dict(id="p32a", conv="b18-32", role="user (business partner 1)", gender="M", cal="solar", ymd=(1983, 5, 9), time="10:00", place="서울 (assumed)"),
    dict(id="p32b", conv="b18-32", role="friend (business partner 2)", gender="M", cal="solar", ymd=(1984, 2, 11), time="19:30", place="서울 (assumed)", note="'19시 30분'"),
    # b18-33
    dict(id="p33a", conv="b18-33", role="husband (lost his job)", gender="M", cal="solar", ymd=(1980, 12, 30), time="06:00", place="서울 (assumed)"),
    dict(id="p33b", conv="b18-33", role="user (wife)", gender="F", cal="solar", ymd=(1982, 9, 9), time="14:10", place="서울 (assumed)"),
    # b18-34
    dict(id="p34a", conv="b18-34", role="user", gender="F", cal="solar", ymd=(1978, 4, 26), time="08:20", place="서울 (assumed)"),
    # b18-35
    dict(id="p35a", conv="b18-35", role="user's daughter (임용 failed)", gender="F", cal="solar", ymd=(1999, 2, 10), time="04:15", place="서울 (assumed)"),
    # b18-36
    dict(id="p36a", conv="b18-36", role="user (younger sister)", gender="F", cal="solar", ymd=(1976, 10, 16), time="12:00", place="서울 (assumed)"),
    dict(id="p36b", conv="b18-36", role="user's older brother (오빠)", gender="M", cal="solar", ymd=(1972, 8, 30), time=None, place="unknown (Seoul assumed)"),
    # b18-37
    dict(id="p37a", conv="b18-37", role="user (born in Tokyo, coin debt)", gender="M", cal="solar", ymd=(1994, 12, 2), time="22:10", place="Tokyo", tz="Asia/Tokyo"),
    dict(id="p37b", conv="b18-37", role="user's girlfriend (여자친구)", gender="F", cal="solar", ymd=(1996, 3, 8), time="17:40", place="서울 (assumed)"),
    # b18-38
    dict(id="p38a", conv="b18-38", role="user (claim: 도화살)", gender="F", cal="solar", ymd=(2002, 5, 17), time="06:10", place="서울 (assumed)"),
    # b18-39
    dict(id="p39a", conv="b18-39", role="user (says '91 양띠')", gender="M", cal="solar", ymd=(1991, 1, 28), time="20:40", place="서울 (assumed)", note="before 입춘 -> 경오년 (말띠 in saju)"),
    dict(id="p39b", conv="b18-39", role="date partner (only '95년생 여자')", gender="F", partial=dict(given="95년생 여자, 생일 모름", years=[1995])),
    # b18-40
    dict(id="p40a", conv="b18-40", role="user", gender="F", cal="lunar", ymd=(1998, 5, 3), leap=True, time="15:30", place="서울 (assumed)",
         note="'구팔년 음력 윤 5월 초사흘 오후 세시 반': 1998 윤5월 exists (KASI)"),
]


# Event dates told beside births (NOT births): (label, conv, date, time or None, people to read it against)
EVENTS = [
    ("today", None, (2026, 12, 7), None, []),
    ("tomorrow (내일)", "b18-34", (2026, 12, 8), None, ["p34a"]),
    ("b18-02 move (mother and son)", "b18-02", (2027, 3, 20), None, ["p02a", "p02b"]),
    ("b18-03 수능 2028학년도 (user's stated date)", "b18-03", (2027, 11, 18), None, ["p03a"]),
    ("b18-09 interview option 1", "b18-09", (2026, 12, 22), None, ["p09a"]),
    ("b18-09 interview option 2 (소한 at 23:09 that evening)", "b18-09", (2027, 1, 5), None, ["p09a"]),
    ("b18-10 mother's surgery option 1", "b18-10", (2026, 12, 29), None, ["p10b"]),
    ("b18-10 mother's surgery option 2", "b18-10", (2027, 1, 12), None, ["p10b"]),
    ("b18-12 embryo transfer", "b18-12", (2027, 2, 17), None, ["p12a", "p12b"]),
    ("b18-17 friend's 소개팅", "b18-17", (2026, 12, 19), None, ["p17a"]),
    ("b18-23 flat sale contract option 1", "b18-23", (2027, 1, 15), None, ["p23a", "p23b"]),
    ("b18-23 flat sale contract option 2", "b18-23", (2027, 1, 29), None, ["p23a", "p23b"]),
    ("b18-24 exam (user's stated date)", "b18-24", (2027, 4, 10), None, ["p24a"]),
    ("b18-25 first day at work", "b18-25", (2027, 1, 4), None, ["p25a"]),
    ("b18-29 surgery", "b18-29", (2027, 1, 21), None, ["p29a"]),
    ("b18-31 son's enlistment", "b18-31", (2026, 12, 28), None, ["p31a"]),
    ("b18-32 partnership contract option 1 (before 입춘)", "b18-32", (2027, 2, 3), None, ["p32a", "p32b"]),
    ("b18-32 partnership contract option 2 (after 입춘)", "b18-32", (2027, 2, 10), None, ["p32a", "p32b"]),
    ("b18-39 first date (크리스마스 이브)", "b18-39", (2026, 12, 24), None, ["p39a"]),
    ("b18-36 inheritance meeting", "b18-36", (2027, 1, 20), None, ["p36a", "p36b"]),
]


if __name__ == "__main__":
    MONTHS.extend(r for r in month_table() if r["kst"] >= "2026-12-07")
    charts = build(PEOPLE)
    full = {k: v for k, v in charts.items() if v["chart"]}
    lp_bad = sorted(k for k, v in full.items() if not v["chart"]["crosscheck"]["agree_lunar_python"])
    sx_bad = sorted(k for k, v in full.items() if not v["chart"]["crosscheck"]["agree_sxtwl"])
    with open("charts.json", "w", encoding="utf-8") as f:
        json.dump(dict(meta=dict(today="2026-12-07 KST (대설 11:52 starts 경자월)", this_year="2026 병오", next_year="2027 정미", year_after="2028 무신",
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
