#!/usr/bin/env python3
"""Regenerate charts.json for the blind19 set.

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
    # b19-01
    dict(id="p01a", conv="b19-01", role="user (wife; both births in one message)", gender="F", cal="solar", ymd=(1992, 9, 5), time="10:00", place="서울 (assumed)"),
    dict(id="p01b", conv="b19-01", role="husband (남편)", gender="M", cal="solar", ymd=(1990, 12, 19), time="04:00", place="서울 (assumed)", note="'새벽 4시' = 인시 (03-05)"),
    # b19-02
    dict(id="p02a", conv="b19-02", role="user (mother)", gender="F", cal="solar", ymd=(1979, 5, 27), time="14:30", place="서울 (assumed)"),
    dict(id="p02b", conv="b19-02", role="son (중1, 13)", gender="M", cal="solar", ymd=(2013, 1, 10), time="18:30", place="서울 (assumed)", note="'18:30' = 유시; before 입춘 -> 임진년 (calendar 뱀띠 2013 is wrong)"),
    dict(id="p02c", conv="b19-02", role="user's husband (only '72년생 쥐띠')", gender="M", partial=dict(given="72년생 쥐띠, 생일 모름", years=[1972])),
    # b19-03
    dict(id="p03a", conv="b19-03", role="user (younger brother; father died, inheritance)", gender="M", cal="solar", ymd=(1976, 11, 11), time="06:40", place="서울 (assumed)"),
    dict(id="p03b", conv="b19-03", role="older sister (누나)", gender="F", cal="solar", ymd=(1971, 4, 25), time="21:00", place="서울 (assumed)"),
    # b19-04
    dict(id="p04a", conv="b19-04", role="user (older brother, partner)", gender="M", cal="solar", ymd=(1985, 9, 17), time="11:20", place="서울 (assumed)"),
    dict(id="p04b", conv="b19-04", role="younger brother (동생, partner; claim: 재다신약)", gender="M", cal="solar", ymd=(1988, 6, 3), time="15:20", place="서울 (assumed)",
         note="1988 summer time: standard 14:20 = 미시; naive 신시"),
    # b19-05
    dict(id="p05a", conv="b19-05", role="user (daughter-in-law)", gender="F", cal="solar", ymd=(1989, 2, 14), time="13:50", place="서울 (assumed)"),
    dict(id="p05b", conv="b19-05", role="mother-in-law (시어머니)", gender="F", cal="solar", ymd=(1957, 8, 1), time="07:30", place="서울 (assumed)",
         note="1957: UTC+8:30 with summer time (+9:30) -> standard 06:30 = 묘시; naive 진시"),
    dict(id="p05c", conv="b19-05", role="husband (남편)", gender="M", cal="solar", ymd=(1986, 10, 2), time="09:10", place="서울 (assumed)"),
    # b19-06
    dict(id="p06a", conv="b19-06", role="user (son-in-law)", gender="M", cal="solar", ymd=(1983, 7, 21), time="22:00", place="서울 (assumed)"),
    dict(id="p06b", conv="b19-06", role="wife (아내)", gender="F", cal="solar", ymd=(1985, 1, 29), time="08:10", place="서울 (assumed)", note="before 입춘 1985-02-04 -> 갑자년 (not 을축)"),
    dict(id="p06c", conv="b19-06", role="mother-in-law (장모, surgery)", gender="F", cal="lunar", ymd=(1960, 3, 15), leap=False, time=None, place="unknown (Seoul assumed)",
         note="'60년 음력 3월 보름, 시간 모름'"),
    # b19-07
    dict(id="p07a", conv="b19-07", role="user (office worker)", gender="F", cal="solar", ymd=(1995, 3, 14), time="18:00", place="서울 (assumed)", note="'18시' = 유시 start"),
    dict(id="p07b", conv="b19-07", role="team leader (팀장, only '79년생 양띠')", gender="M", partial=dict(given="79년생 양띠 남자, 생일 모름", years=[1979])),
    # b19-08
    dict(id="p08a", conv="b19-08", role="user (claim: 불이 너무 많다)", gender="F", cal="solar", ymd=(1997, 7, 3), time="12:30", place="서울 (assumed)"),
    # b19-09
    dict(id="p09a", conv="b19-09", role="user (claim: 사주가 차갑다)", gender="F", cal="solar", ymd=(1992, 12, 21), time="22:00", place="서울 (assumed)"),
    # b19-10
    dict(id="p10a", conv="b19-10", role="user (app says 토, 철학관 says 수)", gender="M", cal="solar", ymd=(1997, 6, 17), time="10:00", place="서울 (assumed)"),
    # b19-11
    dict(id="p11a", conv="b19-11", role="user (claim: 겨울생이라 사주가 차갑다)", gender="M", cal="solar", ymd=(1975, 1, 21), time="08:30", place="서울 (assumed)", note="before 입춘 -> 갑인년"),
    # b19-12
    dict(id="p12a", conv="b19-12", role="user", gender="F", cal="solar", ymd=(1998, 10, 20), time="21:10", place="서울 (assumed)"),
    dict(id="p12b", conv="b19-12", role="boyfriend (t1 '두 살 많아요'; t2 '96년 4월 9일 오후 2시'; t3 '음력이었어요')", gender="M", cal="lunar", ymd=(1996, 4, 9), leap=False, time="14:00", place="서울 (assumed)",
         note="t2 reads as solar 1996-04-09; t3 corrects: 음력 -> solar 1996-05-25",
         variants=[dict(label="t2 input read as solar 1996-04-09 14:00 (corrected away in t3)", ymd=(1996, 4, 9), time="14:00")]),
    # b19-13
    dict(id="p13a", conv="b19-13", role="user (son)", gender="M", cal="solar", ymd=(1990, 7, 24), time="19:20", place="서울 (assumed)"),
    dict(id="p13b", conv="b19-13", role="user's mother (엄마; t1 only '64년 10월생'; t3 '음력 10월 3일, 시간 몰라요')", gender="F", cal="lunar", ymd=(1964, 10, 3), leap=False, time=None, place="unknown (Seoul assumed)"),
    # b19-14
    dict(id="p14a", conv="b19-14", role="user (just broke up)", gender="F", cal="solar", ymd=(2000, 2, 17), time="09:50", place="서울 (assumed)"),
    dict(id="p14b", conv="b19-14", role="ex-boyfriend (only '98년생 범띠')", gender="M", partial=dict(given="98년생 범띠 남자, 생일 모름", years=[1998])),
    # b19-15
    dict(id="p15a", conv="b19-15", role="user (failed 공무원 exam)", gender="M", cal="solar", ymd=(1999, 11, 28), time="06:15", place="서울 (assumed)"),
    # b19-16
    dict(id="p16a", conv="b19-16", role="user (debt; crisis-adjacent)", gender="M", cal="solar", ymd=(1981, 4, 16), time="03:30", place="서울 (assumed)"),
    dict(id="p16b", conv="b19-16", role="wife (아내)", gender="F", cal="solar", ymd=(1983, 9, 30), time="11:00", place="서울 (assumed)"),
    # b19-17
    dict(id="p17a", conv="b19-17", role="user (claim: 역마살)", gender="M", cal="solar", ymd=(1993, 3, 18), time="20:20", place="서울 (assumed)"),
    # b19-18
    dict(id="p18a", conv="b19-18", role="user (claim: 원진살 with boyfriend)", gender="F", cal="solar", ymd=(1996, 11, 5), time="16:10", place="서울 (assumed)"),
    dict(id="p18b", conv="b19-18", role="boyfriend (남친)", gender="M", cal="solar", ymd=(1991, 4, 13), time="17:30", place="서울 (assumed)"),
    # b19-19
    dict(id="p19a", conv="b19-19", role="user (plain questions)", gender="M", cal="solar", ymd=(1972, 8, 14), time="09:30", place="서울 (assumed)"),
    # b19-20
    dict(id="p20a", conv="b19-20", role="user (대운 흐름)", gender="F", cal="solar", ymd=(1984, 10, 26), time="15:30", place="서울 (assumed)"),
    # b19-21
    dict(id="p21a", conv="b19-21", role="user (born in Los Angeles)", gender="F", cal="solar", ymd=(1994, 7, 19), time="09:10", place="Los Angeles", tz="America/Los_Angeles",
         note="PDT in force: standard clock 08:10 (진시); naive 사시. Never convert to KST"),
    # b19-22
    dict(id="p22a", conv="b19-22", role="user (as corrected: 17시)", gender="M", cal="solar", ymd=(1987, 8, 27), time="17:00", place="서울 (assumed)",
         note="t1 '7시', t2 '7시가 아니라 17시요'. 1987 summer time: 17:00 -> standard 16:00 = 신시 (naive 유시); 07:00 -> 06:00 묘시",
         variants=[dict(label="t1 input 07:00 (corrected away)", ymd=(1987, 8, 27), time="07:00")]),
    # b19-23
    dict(id="p23a", conv="b19-23", role="user (bride)", gender="F", cal="solar", ymd=(1994, 11, 25), time="23:40", place="서울 (assumed)", note="'23시 40분' -> 야자시"),
    dict(id="p23b", conv="b19-23", role="fiance (예비신랑)", gender="M", cal="solar", ymd=(1992, 2, 27), time="10:20", place="서울 (assumed)"),
    # b19-24
    dict(id="p24a", conv="b19-24", role="user (빠른 96)", gender="M", cal="solar", ymd=(1996, 1, 22), time="14:00", place="서울 (assumed)", note="'빠른 96': before 입춘 -> 을해년"),
    # b19-25
    dict(id="p25a", conv="b19-25", role="user", gender="F", cal="solar", ymd=(1994, 6, 6), time="06:30", place="서울 (assumed)", note="34 min before 망종 1994-06-06 07:04 -> 기사월 (not 경오월)"),
    # b19-26
    dict(id="p26a", conv="b19-26", role="user (22)", gender="F", cal="lunar", ymd=(2004, 2, 5), leap=True, time="16:00", place="서울 (assumed)",
         note="'음력 윤 2월 초닷새 오후 4시': 2004 윤2월 exists (KASI)"),
    # b19-27
    dict(id="p27a", conv="b19-27", role="user (as corrected: plain 음력 3월 20일)", gender="F", cal="lunar", ymd=(1989, 3, 20), leap=False, time="02:00", place="서울 (assumed)",
         note="t1 says '89년 윤달 3월 20일': 1989 has no leap month -> invalid, must ask; t2 corrects to plain 3월",
         invalid_first=dict(ymd=(1989, 3, 20), leap=True)),
    # b19-28
    dict(id="p28a", conv="b19-28", role="user (52, retirement)", gender="M", cal="lunar", ymd=(1974, 4, 21), leap=True, time="11:30", place="서울 (assumed)",
         note="'칠십사년 음력 윤사월 스무하루 오전 열한시 반': 1974 윤4월 exists"),
    # b19-29
    dict(id="p29a", conv="b19-29", role="user", gender="F", cal="lunar", ymd=(1995, 10, 2), leap=False, time="04:15", place="서울 (assumed)",
         note="'구십오년 음력 시월 초이틀 새벽 네시 십오분' (1995 has 윤8월; 10월 is plain)"),
    # b19-30
    dict(id="p30a", conv="b19-30", role="user (husband)", gender="M", cal="solar", ymd=(1988, 12, 3), time="00:15", place="서울 (assumed)", note="'0시 15분' -> 자시 of 12-03 (not 야자시 of 12-02)"),
    dict(id="p30b", conv="b19-30", role="wife (아내)", gender="F", cal="solar", ymd=(1990, 4, 14), time="13:00", place="서울 (assumed)", note="'13시' = 미시 start"),
    # b19-31
    dict(id="p31a", conv="b19-31", role="user (surgery)", gender="F", cal="solar", ymd=(1968, 5, 9), time="10:40", place="서울 (assumed)"),
    # b19-32
    dict(id="p32a", conv="b19-32", role="user (shop contract around 설날)", gender="M", cal="solar", ymd=(1980, 6, 22), time="05:30", place="서울 (assumed)"),
    # b19-33
    dict(id="p33a", conv="b19-33", role="user (as corrected: 음력 6월 11일)", gender="F", cal="lunar", ymd=(1993, 6, 11), leap=False, time="18:30", place="서울 (assumed)",
         note="t1 '93년 6월 11일 18:30' read as solar; t2 '아 음력이었어요' -> solar 1993-07-29",
         variants=[dict(label="t1 input read as solar 1993-06-11 18:30 (corrected away)", ymd=(1993, 6, 11), time="18:30")]),
    # b19-34
    dict(id="p34a", conv="b19-34", role="user (mother)", gender="F", cal="lunar", ymd=(1966, 3, 8), leap=True, time="05:00", place="서울 (assumed)",
         note="'66년 윤달 3월 초여드레 새벽 다섯시': 1966 윤3월 exists"),
    dict(id="p34b", conv="b19-34", role="daughter (딸)", gender="F", cal="solar", ymd=(1994, 12, 14), time="08:40", place="서울 (assumed)"),
    dict(id="p34c", conv="b19-34", role="daughter's fiance (예비사위, only '93년 5월생')", gender="M", partial=dict(given="93년 5월생 남자, 날짜·시간 모름", years=[1993])),
    # b19-35
    dict(id="p35a", conv="b19-35", role="user (office worker)", gender="M", cal="solar", ymd=(1991, 8, 30), time="11:50", place="서울 (assumed)"),
    dict(id="p35b", conv="b19-35", role="colleague (옆자리 동료)", gender="F", cal="solar", ymd=(1988, 3, 8), time=None, place="unknown (Seoul assumed)"),
    # b19-36
    dict(id="p36a", conv="b19-36", role="user (grandmother)", gender="F", cal="solar", ymd=(1956, 7, 12), time="05:40", place="서울 (assumed)",
         note="1956: UTC+8:30 with summer time (+9:30) -> standard 04:40 = 인시; naive 묘시"),
    dict(id="p36b", conv="b19-36", role="grandson (손자, 7)", gender="M", cal="solar", ymd=(2019, 6, 25), time="07:00", place="서울 (assumed)", note="07:00 = 진시 start"),
    dict(id="p36c", conv="b19-36", role="daughter (the grandson's mother)", gender="F", cal="solar", ymd=(1984, 3, 19), time="20:10", place="서울 (assumed)"),
    # b19-37
    dict(id="p37a", conv="b19-37", role="user (middle sister)", gender="F", cal="solar", ymd=(1992, 5, 20), time="07:50", place="서울 (assumed)"),
    dict(id="p37b", conv="b19-37", role="older sister (언니)", gender="F", cal="solar", ymd=(1989, 8, 12), time="16:30", place="서울 (assumed)"),
    dict(id="p37c", conv="b19-37", role="youngest brother (막내; t2 only '스물아홉 살', t3 full)", gender="M", cal="solar", ymd=(1997, 11, 8), time="21:00", place="서울 (assumed)",
         note="t2 '스물아홉 살' only -> ask; t3 '97년 11월 8일 밤 9시'"),
    # b19-38
    dict(id="p38a", conv="b19-38", role="user (claim: 재다신약)", gender="F", cal="solar", ymd=(1990, 9, 29), time="15:40", place="서울 (assumed)"),
    # b19-39
    dict(id="p39a", conv="b19-39", role="user (claims: 신약, 화가 많다)", gender="F", cal="solar", ymd=(1995, 3, 25), time="07:40", place="서울 (assumed)"),
    # b19-40
    dict(id="p40a", conv="b19-40", role="user (언제 풀려요, 대운 전체)", gender="M", cal="solar", ymd=(1978, 12, 7), time="19:50", place="서울 (assumed)",
         note="30 min before 대설 1978-12-07 20:20 -> 계해월 (not 갑자월); 순행 대운 starts almost at birth (대운수 1)"),
]


# Event dates told beside births (NOT births): (label, conv, date, time or None, people to read it against)
EVENTS = [
    ("today", None, (2026, 12, 7), None, []),
    ("b19-03 inheritance meeting option 1", "b19-03", (2027, 1, 7), None, ["p03a", "p03b"]),
    ("b19-03 inheritance meeting option 2", "b19-03", (2027, 1, 11), None, ["p03a", "p03b"]),
    ("b19-03 inheritance meeting option 3", "b19-03", (2027, 1, 14), None, ["p03a", "p03b"]),
    ("b19-04 opening option 1: 입춘 day 09:00 (before 입춘 10:45)", "b19-04", (2027, 2, 4), "09:00", ["p04a", "p04b"]),
    ("b19-04 opening option 2: 입춘 day 15:00 (after 입춘 10:45)", "b19-04", (2027, 2, 4), "15:00", ["p04a", "p04b"]),
    ("b19-04 opening option 3", "b19-04", (2027, 2, 11), None, ["p04a", "p04b"]),
    ("b19-06 mother-in-law's surgery option 1", "b19-06", (2026, 12, 14), None, ["p06c"]),
    ("b19-06 mother-in-law's surgery option 2", "b19-06", (2026, 12, 17), None, ["p06c"]),
    ("b19-15 exam day ('4월 셋째 주 토요일')", "b19-15", (2027, 4, 17), None, ["p15a"]),
    ("b19-23 wedding option 1", "b19-23", (2027, 5, 15), None, ["p23a", "p23b"]),
    ("b19-23 wedding option 2 (the mother-in-law's date)", "b19-23", (2027, 5, 30), None, ["p23a", "p23b"]),
    ("b19-23 wedding option 3", "b19-23", (2027, 10, 16), None, ["p23a", "p23b"]),
    ("b19-30 move 'next week' Mon", "b19-30", (2026, 12, 14), None, ["p30a", "p30b"]),
    ("b19-30 move 'next week' Tue", "b19-30", (2026, 12, 15), None, ["p30a", "p30b"]),
    ("b19-30 move 'next week' Wed", "b19-30", (2026, 12, 16), None, ["p30a", "p30b"]),
    ("b19-30 move 'next week' Thu", "b19-30", (2026, 12, 17), None, ["p30a", "p30b"]),
    ("b19-30 move 'next week' Fri", "b19-30", (2026, 12, 18), None, ["p30a", "p30b"]),
    ("b19-31 surgery option 1 (before 소한)", "b19-31", (2026, 12, 31), None, ["p31a"]),
    ("b19-31 surgery option 2 (after 소한)", "b19-31", (2027, 1, 7), None, ["p31a"]),
    ("b19-32 contract option 1 (before 입춘)", "b19-32", (2027, 2, 2), None, ["p32a"]),
    ("b19-32 contract option 2: 설날 2027-02-07 (lunar 1/1, after 입춘)", "b19-32", (2027, 2, 7), None, ["p32a"]),
    ("b19-32 contract option 3 (the day after 설날)", "b19-32", (2027, 2, 8), None, ["p32a"]),
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
