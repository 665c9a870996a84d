#!/usr/bin/env python3
"""Regenerate charts.json for the blind16 set.

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


# kept local: looks each character up in STEMS first, so a 신 branch comes out as 辛 (not 申);
# blind_charts.gz_han (b17+) reads stem then branch.
def gz_han(s):
    return "".join(STEMS_H[STEMS.index(c)] if c in STEMS else BRANCHES_H[BRANCHES.index(c)] for c in s)


# ---------------------------------------------------------------- people
# cal: solar|lunar; time None = unknown; tz default Asia/Seoul
PEOPLE = [
    # b16-01
    dict(id="p01a", conv="b16-01", role="user", gender="F", cal="solar", ymd=(1991, 8, 17), time="23:40", place="서울"),
    dict(id="p01b", conv="b16-01", role="user's mother", gender="F", cal="lunar", ymd=(1960, 2, 3), leap=False, time="04:00", place="서울 (assumed)", note="'새벽 4시쯤'"),
    # b16-02
    dict(id="p02a", conv="b16-02", role="user's father", gender="M", cal="lunar", ymd=(1966, 3, 15), leap=True, time="14:00", place="서울 (assumed)"),
    dict(id="p02b", conv="b16-02", role="user", gender="M", cal="solar", ymd=(1998, 5, 21), time="07:30", place="부산", tz="Asia/Seoul"),
    # b16-03
    dict(id="p03a", conv="b16-03", role="user's mother", gender="F", cal="solar", ymd=(1962, 11, 8), time="06:00", place="서울 (assumed)"),
    dict(id="p03b", conv="b16-03", role="user's stepfather", gender="M", cal="lunar", ymd=(1958, 7, 7), leap=False, time="09:30", place="서울 (assumed)", note="칠월칠석; summer time in force"),
    dict(id="p03c", conv="b16-03", role="user", gender="F", cal="solar", ymd=(1985, 3, 5), time="23:10", place="서울 (assumed)"),
    # b16-04
    dict(id="p04a", conv="b16-04", role="user's daughter", gender="F", cal="solar", ymd=(2019, 4, 2), time="15:00", place="서울 (assumed)"),
    dict(id="p04b", conv="b16-04", role="user (father)", gender="M", cal="lunar", ymd=(1979, 6, 2), leap=True, time="13:00", place="서울 (assumed)", note="'점심 먹고 나서 1시쯤'"),
    # b16-05
    dict(id="p05a", conv="b16-05", role="user", gender="F", cal="solar", ymd=(1994, 10, 8), time="16:00", place="대구"),
    dict(id="p05b", conv="b16-05", role="user's team leader", gender="M", cal="solar", ymd=(1977, 9, 3), time=None, place="unknown (Seoul assumed)"),
    # b16-06
    dict(id="p06a", conv="b16-06", role="user's mother (recently widowed)", gender="F", cal="lunar", ymd=(1948, 8, 15), leap=False, time="06:00", place="서울 (assumed)", note="'해 뜰 무렵' read as about 06:00 (sunrise in Seoul mid-Sept ~06:10); 묘시 either way from 05:00-07:00"),
    dict(id="p06b", conv="b16-06", role="user", gender="M", cal="solar", ymd=(1969, 12, 28), time="22:00", place="서울 (assumed)"),
    # b16-07
    dict(id="p07a", conv="b16-07", role="user", gender="F", cal="lunar", ymd=(2001, 4, 10), leap=True, time="11:00", place="서울"),
    dict(id="p07b", conv="b16-07", role="boyfriend's mother", gender="F", cal="solar", ymd=(1967, 2, 4), time="05:00", place="서울 (assumed)"),
    dict(id="p07c", conv="b16-07", role="boyfriend", gender="M", cal="solar", ymd=(2000, 12, 31), time="23:50", place="서울 (assumed)"),
    # b16-08
    dict(id="p08a", conv="b16-08", role="father-in-law", gender="M", cal="solar", ymd=(1951, 6, 10), time="07:00", place="서울 (assumed)", note="summer time 1951 in force"),
    dict(id="p08b", conv="b16-08", role="husband", gender="M", cal="solar", ymd=(1979, 1, 30), time="17:00", place="서울 (assumed)"),
    dict(id="p08c", conv="b16-08", role="user", gender="F", cal="lunar", ymd=(1976, 8, 20), leap=False, time=None, place="서울 (assumed)", note="1976 also has 윤8월; user said plain 8월"),
    # b16-09
    dict(id="p09a", conv="b16-09", role="user", gender="M", cal="solar", ymd=(1990, 2, 3), time="01:10", place="서울 (assumed)", note="'새벽 한시 좀 넘어서' -> 01:10 assumed (축시 01-03 either way)"),
    dict(id="p09b", conv="b16-09", role="girlfriend's father", gender="M", cal="lunar", ymd=(1963, 4, 8), leap=False, time="10:00", place="서울 (assumed)", note="1963 has 윤4월 too; 부처님오신날 = plain 4/8"),
    # b16-10
    dict(id="p10a", conv="b16-10", role="user's friend", gender="F", cal="solar", ymd=(1996, 7, 7), time="10:00", place="서울 (assumed)"),
    dict(id="p10b", conv="b16-10", role="user", gender="F", cal="solar", ymd=(1999, 1, 1), time="00:30", place="서울 (assumed)"),
    # b16-11
    dict(id="p11a", conv="b16-11", role="granddaughter", gender="F", cal="lunar", ymd=(2025, 6, 3), leap=True, time="21:00", place="서울 (assumed)"),
    dict(id="p11b", conv="b16-11", role="user (grandfather)", gender="M", cal="solar", ymd=(1957, 8, 15), time="11:30", place="서울 (assumed)", note="UTC+8:30 era plus summer time (+9:30 clock)"),
    # b16-12
    dict(id="p12a", conv="b16-12", role="mother-in-law", gender="F", cal="lunar", ymd=(1952, 5, 10), leap=True, time=None, place="서울 (assumed)"),
    dict(id="p12b", conv="b16-12", role="wife", gender="F", cal="solar", ymd=(1978, 3, 6), time="07:00", place="서울 (assumed)"),
    dict(id="p12c", conv="b16-12", role="user", gender="M", cal="lunar", ymd=(1974, 12, 25), leap=False, time="20:00", place="서울 (assumed)"),
    # b16-13
    dict(id="p13a", conv="b16-13", role="user's younger brother", gender="M", cal="solar", ymd=(2008, 11, 7), time="15:00", place="서울 (assumed)"),
    dict(id="p13b", conv="b16-13", role="user", gender="F", cal="solar", ymd=(2003, 1, 15), time="03:20", place="Sydney", tz="Australia/Sydney", note="AEDT (UTC+11) in force; standard clock 02:20"),
    # b16-14
    dict(id="p14a", conv="b16-14", role="user's son", gender="M", cal="solar", ymd=(2010, 5, 5), time="05:05", place="서울 (assumed)"),
    dict(id="p14b", conv="b16-14", role="user", gender="F", cal="solar", ymd=(1975, 11, 30), time="10:00", place="서울 (assumed)"),
    # b16-15
    dict(id="p15a", conv="b16-15", role="husband", gender="M", cal="solar", ymd=(1987, 7, 7), time="23:30", place="서울 (assumed)", note="summer time 1987: standard clock 22:30"),
    dict(id="p15b", conv="b16-15", role="user (wife)", gender="F", cal="lunar", ymd=(1989, 10, 3), leap=False, time="14:00", place="서울 (assumed)"),
    # b16-16
    dict(id="p16a", conv="b16-16", role="husband", gender="M", cal="solar", ymd=(1982, 9, 15), time="08:00", place="인천"),
    dict(id="p16b", conv="b16-16", role="user (wife)", gender="F", cal="lunar", ymd=(1984, 10, 5), leap=True, time="19:00", place="서울 (assumed)"),
    # b16-17
    dict(id="p17a", conv="b16-17", role="user (wife)", gender="F", cal="lunar", ymd=(1993, 3, 17), leap=True, time="08:00", place="서울 (assumed)"),
    dict(id="p17b", conv="b16-17", role="husband", gender="M", cal="solar", ymd=(1992, 11, 30), time="18:30", place="서울 (assumed)"),
    # b16-18
    dict(id="p18a", conv="b16-18", role="user (wife)", gender="F", cal="solar", ymd=(1981, 2, 4), time="06:00", place="서울 (assumed)"),
    dict(id="p18b", conv="b16-18", role="husband", gender="M", cal="solar", ymd=(1980, 10, 8), time="19:00", place="제주"),
    # b16-19
    dict(id="p19a", conv="b16-19", role="user (wife)", gender="F", cal="solar", ymd=(1955, 7, 20), time="07:00", place="서울 (assumed)", note="UTC+8:30 era plus summer time"),
    dict(id="p19b", conv="b16-19", role="husband", gender="M", cal="lunar", ymd=(1953, 3, 3), leap=False, time="18:00", place="경북", note="'삼짇날 저녁 6시쯤'; 18:00 is the 유시/... boundary? no: 유시 17-19"),
    # b16-20
    dict(id="p20a", conv="b16-20", role="husband", gender="M", cal="solar", ymd=(1995, 3, 12), time="14:00", place="Los Angeles", tz="America/Los_Angeles", note="PST (US DST 1995 began Apr 2)"),
    dict(id="p20b", conv="b16-20", role="user (wife)", gender="F", cal="solar", ymd=(1996, 6, 25), time="03:30", place="서울"),
    # b16-21
    dict(id="p21a", conv="b16-21", role="husband", gender="M", cal="lunar", ymd=(1973, 1, 2), leap=False, time="07:00", place="서울 (assumed)"),
    dict(id="p21b", conv="b16-21", role="user (wife)", gender="F", cal="solar", ymd=(1977, 1, 20), time="16:00", place="서울 (assumed)"),
    # b16-22
    dict(id="p22a", conv="b16-22", role="husband", gender="M", cal="solar", ymd=(1986, 8, 8), time="08:00", place="서울 (assumed)"),
    dict(id="p22b", conv="b16-22", role="user (wife)", gender="F", cal="solar", ymd=(1986, 11, 22), time="23:59", place="서울 (assumed)",
         note="'11월 22일 밤 12시' is ambiguous: end of the 22nd (recorded here as 23:59 -> day 22, 야자시) or 00:00 of the 23rd; see variant",
         variants=[dict(label="00:00 of 11-23", ymd=(1986, 11, 23), time="00:00")]),
    # b16-23
    dict(id="p23a", conv="b16-23", role="user", gender="F", cal="solar", ymd=(1992, 7, 25), time="21:40", place="서울 (assumed)"),
    dict(id="p23b", conv="b16-23", role="user's girlfriend", gender="F", cal="solar", ymd=(1991, 12, 7), time="10:00", place="서울 (assumed)"),
    # b16-24
    dict(id="p24a", conv="b16-24", role="user", gender="F", cal="solar", ymd=(1997, 9, 7), time="13:00", place="서울 (assumed)"),
    dict(id="p24b", conv="b16-24", role="suitor A", gender="M", cal="solar", ymd=(1995, 4, 20), time="23:40", place="서울 (assumed)"),
    dict(id="p24c", conv="b16-24", role="suitor B", gender="M", cal="solar", ymd=(1993, 12, 22), time=None, place="unknown (Seoul assumed)"),
    # b16-25
    dict(id="p25a", conv="b16-25", role="user", gender="M", cal="solar", ymd=(1989, 5, 5), time="09:00", place="서울 (assumed)"),
    dict(id="p25b", conv="b16-25", role="wife", gender="F", cal="solar", ymd=(1990, 1, 25), time="11:00", place="서울 (assumed)", note="빠른 90"),
    # b16-26
    dict(id="p26a", conv="b16-26", role="user", gender="F", cal="lunar", ymd=(1964, 4, 1), leap=False, time="10:00", place="서울 (assumed)"),
    dict(id="p26b", conv="b16-26", role="husband", gender="M", cal="solar", ymd=(1961, 8, 10), time="00:10", place="서울 (assumed)",
         note="NON-EXISTENT local time: at 1961-08-10 00:00 (+8:30) clocks jumped to 00:30 (+9:00). Earlier offset (+8:30) used; pillars (day 8/10, 자시) identical either way"),
    # b16-27
    dict(id="p27a", conv="b16-27", role="user", gender="M", cal="solar", ymd=(1978, 11, 27), time="04:00", place="서울 (assumed)"),
    dict(id="p27b", conv="b16-27", role="partner A", gender="M", cal="lunar", ymd=(1980, 3, 1), leap=False, time=None, place="unknown (Seoul assumed)"),
    dict(id="p27c", conv="b16-27", role="partner B", gender="M", cal="solar", ymd=(1975, 6, 6), time="17:00", place="서울 (assumed)"),
    # b16-28
    dict(id="p28a", conv="b16-28", role="baby, candidate date 1", gender="M", cal="solar", ymd=(2027, 1, 5), time="10:00", place="서울 (assumed)"),
    dict(id="p28b", conv="b16-28", role="baby, candidate date 2", gender="M", cal="solar", ymd=(2027, 1, 8), time="14:00", place="서울 (assumed)"),
    dict(id="p28c", conv="b16-28", role="user (mother)", gender="F", cal="lunar", ymd=(1994, 5, 5), leap=False, time="16:00", place="서울 (assumed)", note="'음 5/5 단오'"),
    # b16-29
    dict(id="p29a", conv="b16-29", role="user (bride)", gender="F", cal="solar", ymd=(1994, 2, 4), time="11:00", place="서울 (assumed)"),
    dict(id="p29b", conv="b16-29", role="groom", gender="M", cal="solar", ymd=(1995, 2, 4), time="11:00", place="서울 (assumed)"),
    # b16-30
    dict(id="p30a", conv="b16-30", role="user's son", gender="M", cal="solar", ymd=(2008, 1, 21), time="06:00", place="서울 (assumed)"),
    dict(id="p30b", conv="b16-30", role="user (mother)", gender="F", cal="solar", ymd=(1972, 2, 15), time="15:00", place="서울 (assumed)"),
    # b16-31
    dict(id="p31a", conv="b16-31", role="twin son 1", gender="M", cal="lunar", ymd=(2012, 3, 20), leap=True, time="02:10", place="서울 (assumed)", note="2012 윤3월 exists in KASI; Chinese calendar has 윤4월 instead"),
    dict(id="p31b", conv="b16-31", role="twin son 2", gender="M", cal="lunar", ymd=(2012, 3, 20), leap=True, time="02:35", place="서울 (assumed)"),
    dict(id="p31c", conv="b16-31", role="user (mother)", gender="F", cal="solar", ymd=(1983, 6, 21), time="12:30", place="서울 (assumed)"),
    # b16-32
    dict(id="p32a", conv="b16-32", role="twin daughter 1", gender="F", cal="solar", ymd=(2018, 12, 31), time="22:55", place="서울 (assumed)"),
    dict(id="p32b", conv="b16-32", role="twin daughter 2", gender="F", cal="solar", ymd=(2018, 12, 31), time="23:05", place="서울 (assumed)"),
    dict(id="p32c", conv="b16-32", role="user (father)", gender="M", cal="solar", ymd=(1988, 8, 20), time="13:10", place="서울 (assumed)", note="summer time 1988: standard 12:10"),
    # b16-33
    dict(id="p33a", conv="b16-33", role="user's older brother", gender="M", cal="solar", ymd=(1984, 1, 20), time="10:00", place="서울 (assumed)", note="빠른 84"),
    dict(id="p33b", conv="b16-33", role="user", gender="M", cal="solar", ymd=(1987, 10, 11), time="01:30", place="서울 (assumed)",
         note="night summer time ended (1987-10-11 03:00 DST -> 02:00): 01:30 is unambiguous DST -> standard 00:30"),
    # b16-34
    dict(id="p34a", conv="b16-34", role="user's older sister", gender="F", cal="lunar", ymd=(1990, 5, 5), leap=True, time="17:00", place="서울 (assumed)"),
    dict(id="p34b", conv="b16-34", role="user", gender="F", cal="solar", ymd=(1993, 1, 3), time="23:30", place="서울 (assumed)"),
    dict(id="p34c", conv="b16-34", role="user's mother", gender="F", cal="lunar", ymd=(1963, 4, 4), leap=True, time="07:30", place="서울 (assumed)", note="'아침' -> 07:30 assumed; 진시 07-09 (06:xx would be 묘시)"),
    # b16-35
    dict(id="p35a", conv="b16-35", role="user's male friend", gender="M", cal="solar", ymd=(1996, 2, 19), time="18:00", place="서울 (assumed)"),
    dict(id="p35b", conv="b16-35", role="user's female friend", gender="F", cal="solar", ymd=(1998, 3, 21), time="08:00", place="서울 (assumed)"),
    dict(id="p35c", conv="b16-35", role="user", gender="F", cal="solar", ymd=(1997, 6, 30), time="14:00", place="서울 (assumed)"),
    # b16-36
    dict(id="p36a", conv="b16-36", role="user", gender="F", cal="solar", ymd=(1992, 3, 5), time="20:00", place="Toronto", tz="America/Toronto"),
    dict(id="p36b", conv="b16-36", role="user's mother", gender="F", cal="lunar", ymd=(1965, 9, 9), leap=False, time="23:30", place="서울 (assumed)"),
    # b16-37
    dict(id="p37a", conv="b16-37", role="user's son", gender="M", cal="solar", ymd=(1990, 6, 15), time="15:00", place="서울 (assumed)"),
    dict(id="p37b", conv="b16-37", role="son's fiancée", gender="F", cal="solar", ymd=(1992, 9, 23), time="05:00", place="서울 (assumed)"),
    dict(id="p37c", conv="b16-37", role="user (father)", gender="M", cal="solar", ymd=(1960, 11, 3), time="00:00", place="Osaka", tz="Asia/Tokyo",
         note="'11월 3일 자정 무렵' ambiguous: start of the 3rd (00:00, recorded) or end of the 3rd (~23:50 -> same day, 야자시) or just after midnight into the 4th",
         variants=[dict(label="~23:50 on 11-03 (야자시)", ymd=(1960, 11, 3), time="23:50"), dict(label="~00:10 on 11-04", ymd=(1960, 11, 4), time="00:10")]),
    # b16-38
    dict(id="p38a", conv="b16-38", role="user's father", gender="M", cal="lunar", ymd=(1968, 7, 7), leap=True, time="22:00", place="서울 (assumed)"),
    dict(id="p38b", conv="b16-38", role="user's mother", gender="F", cal="solar", ymd=(1970, 4, 5), time="04:00", place="서울 (assumed)"),
    dict(id="p38c", conv="b16-38", role="user", gender="F", cal="solar", ymd=(2005, 3, 1), time="14:00", place="서울 (assumed)"),
    # b16-39
    dict(id="p39a", conv="b16-39", role="girlfriend (as corrected: plain 음력 3월 5일)", gender="F", cal="lunar", ymd=(1992, 3, 5), leap=False, time="06:00", place="서울 (assumed)",
         note="turn 1 said 92년 음력 윤3월 5일: 1992 has NO leap month (KASI) -> invalid, must ask; turn 2 corrects to plain 3월",
         invalid_first=dict(ymd=(1992, 3, 5), leap=True)),
    dict(id="p39b", conv="b16-39", role="user", gender="M", cal="solar", ymd=(1994, 8, 15), time="23:55", place="서울 (assumed)"),
    # b16-40
    dict(id="p40a", conv="b16-40", role="older son", gender="M", cal="solar", ymd=(1988, 6, 1), time="08:30", place="서울 (assumed)", note="summer time 1988: standard 07:30"),
    dict(id="p40b", conv="b16-40", role="younger son", gender="M", cal="lunar", ymd=(1991, 11, 20), leap=False, time="23:30", place="서울 (assumed)",
         note="'자시쯤' ambiguous (23:00-01:00): recorded 23:30 on the 20th (야자시, day stays); variant 00:30 on the next civil day",
         variants=[dict(label="00:30 next civil day (음 11/21)", ymd=None, time="00:30", next_civil_day=True)]),
    dict(id="p40c", conv="b16-40", role="user (mother)", gender="F", cal="solar", ymd=(1963, 1, 9), time="16:00", place="서울 (assumed)"),
]


# kept local: b16's chart has 세운 2026/2027 only, no 월운 / season_of_month_branch, and the
# boundary_warning text "born within ..."; blind_charts.compute is the b17+ version.
def compute(ymd, time, tz_name, gender, with_extras=True):
    tz = ZoneInfo(tz_name)
    y, m, d = ymd
    warnings = []
    if time is None:
        hh, mm = 12, 0
    else:
        hh, mm = map(int, time.split(":"))
    local = datetime(y, m, d, hh, mm, tzinfo=tz)
    # detect non-existent / ambiguous local time
    u0 = datetime(y, m, d, hh, mm, tzinfo=tz, fold=0).astimezone(timezone.utc)
    u1 = datetime(y, m, d, hh, mm, tzinfo=tz, fold=1).astimezone(timezone.utc)
    if u0 != u1:
        back0 = u0.astimezone(tz).replace(tzinfo=None)
        if back0 != datetime(y, m, d, hh, mm):
            warnings.append("non-existent local time (clock jumped forward); earlier offset used")
        else:
            warnings.append("ambiguous local time (clock set back); earlier (first) offset used")
    utc = u0
    offset = local.utcoffset()
    dst = local.dst() or timedelta(0)
    std_clock = datetime(y, m, d, hh, mm) - dst
    # civil date drives the day pillar (ya-jasi: 23:00-24:00 stays)
    civil_date = date(y, m, d)
    if std_clock.date() != civil_date:
        warnings.append("removing summer time moves the clock across midnight; day pillar kept from civil date")

    terms = jie_instants_sxtwl(y)
    terms_lp = jie_instants_lunar_python(y)
    # year
    ip = ipchun(y, terms)
    saju_year = y if utc >= ip else y - 1
    yi = (saju_year - 4) % 60
    ys = yi % 10
    # month
    prev, nxt = prev_next_jie(utc, terms)
    mb = JIE_BRANCH[prev[1]]
    first_stem = {0: 2, 5: 2, 1: 4, 6: 4, 2: 6, 7: 6, 3: 8, 8: 8, 4: 0, 9: 0}[ys]
    ms = (first_stem + (mb - 2) % 12) % 10
    mi = gz_index(ms, mb)
    # day
    di = day_index(civil_date)
    dstem = di % 10
    # hour (standard clock)
    hi = None
    hi_nextday = None
    if time is not None:
        h = std_clock.hour
        hb = ((h + 1) // 2) % 12
        day_for_hour = di
        if h == 23:
            day_for_hour = (di + 1) % 60  # 야자시: next day's 자시 stem
        hs = ((day_for_hour % 10) % 5 * 2 + hb) % 10
        hi = gz_index(hs, hb)
    pillars = {"year": (yi % 10, yi % 12), "month": (ms, mb), "day": (dstem, di % 12)}
    if hi is not None:
        pillars["hour"] = (hi % 10, hi % 12)

    out = dict(
        civil_local=local.strftime("%Y-%m-%d %H:%M") if time else local.strftime("%Y-%m-%d") + " (time unknown; 12:00 used for terms/대운)",
        tz=tz_name, utc_offset=str(offset), dst_in_force=bool(dst),
        standard_clock=std_clock.strftime("%Y-%m-%d %H:%M") if time else None,
        utc=utc.strftime("%Y-%m-%d %H:%M"),
        warnings=warnings,
        pillars=dict(year=gz(yi), month=gz(mi), day=gz(di), hour=gz(hi) if hi is not None else None),
        pillars_hanja=dict(year=gz_han(gz(yi)), month=gz_han(gz(mi)), day=gz_han(gz(di)), hour=gz_han(gz(hi)) if hi is not None else None),
        saju_year_animal=ANIMALS[yi % 12], calendar_year_animal_naive=ANIMALS[(y - 4) % 12],
        day_master=STEMS[dstem] + ELEM[dstem // 2] + " (" + ("양" if dstem % 2 == 0 else "음") + ")",
        prev_jie=dict(name=JIE_NAMES[prev[1]], kst=prev[0].astimezone(KST_FIXED).strftime("%Y-%m-%d %H:%M")),
        next_jie=dict(name=JIE_NAMES[nxt[1]], kst=nxt[0].astimezone(KST_FIXED).strftime("%Y-%m-%d %H:%M")),
        ipchun_of_birth_year_kst=ip.astimezone(KST_FIXED).strftime("%Y-%m-%d %H:%M"),
    )
    hours_from_prev = (utc - prev[0]).total_seconds() / 3600
    hours_to_next = (nxt[0] - utc).total_seconds() / 3600
    if min(hours_from_prev, hours_to_next) < 48:
        out["boundary_warning"] = "born within %.1f h of a 절 (%s): month%s pillar would differ on the other side" % (
            min(hours_from_prev, hours_to_next),
            JIE_NAMES[prev[1]] if hours_from_prev < hours_to_next else JIE_NAMES[nxt[1]],
            " and year" if (prev[1] == 3 and hours_from_prev < 48) or (nxt[1] == 3 and hours_to_next < 48) else "")
    if time is not None:
        h = std_clock.hour
        mins = std_clock.minute
        if (h % 2 == 1 and mins < 15) or (h % 2 == 0 and mins >= 45):
            out.setdefault("hour_boundary_note", "within 15 min of a 시 boundary (standard clock)")
        if h == 23:
            ni = (di + 1) % 60
            out["variant_jeongjasi_next_day"] = dict(day=gz(ni), hour=gz(hi))
    if dst:
        # naive reading (summer time not removed)
        h = hh
        hb = ((h + 1) // 2) % 12
        dfh = di if h != 23 else (di + 1) % 60
        hs = ((dfh % 10) % 5 * 2 + hb) % 10
        out["naive_hour_if_summer_time_not_removed"] = gz(gz_index(hs, hb))

    # ---------------- cross-checks
    cc = {}
    bj = utc.astimezone(BEIJING)
    lp = Solar.fromYmdHms(bj.year, bj.month, bj.day, bj.hour, bj.minute, 0).getLunar()
    lp_year = "".join(HAN2KO[c] for c in lp.getYearInGanZhiExact())
    lp_month = "".join(HAN2KO[c] for c in lp.getMonthInGanZhiExact())
    lpd = Solar.fromYmdHms(y, m, d, std_clock.hour if time else 12, std_clock.minute if time else 0, 0).getLunar()
    ec = lpd.getEightChar()
    ec.setSect(2)
    lp_day = "".join(HAN2KO[c] for c in ec.getDay())
    lp_hour = "".join(HAN2KO[c] for c in ec.getTime()) if time else None
    cc["lunar_python"] = dict(year=lp_year, month=lp_month, day=lp_day, hour=lp_hour)
    sx = sxtwl.fromSolar(y, m, d)
    sy, sm, sd = sx.getYearGZ(), sx.getMonthGZ(), sx.getDayGZ()
    sx_year = STEMS[sy.tg] + BRANCHES[sy.dz]
    sx_month = STEMS[sm.tg] + BRANCHES[sm.dz]
    sx_day = STEMS[sd.tg] + BRANCHES[sd.dz]
    sx_hour = None
    if time:
        hgz = sxtwl.getShiGz(sd.tg, std_clock.hour, True)
        sx_hour = STEMS[hgz.tg] + BRANCHES[hgz.dz]
    cc["sxtwl_daylevel"] = dict(year=sx_year, month=sx_month, day=sx_day, hour=sx_hour)
    mine = out["pillars"]
    agree_lp = all(cc["lunar_python"][k] == mine[k] for k in ("year", "month", "day", "hour"))
    agree_sx = all(cc["sxtwl_daylevel"][k] == mine[k] for k in ("year", "month", "day", "hour"))
    # term instant agreement
    lp_prev = [t for t in terms_lp if abs((t[0] - prev[0]).total_seconds()) < 86400 * 3 and t[1] == prev[1]]
    term_diff = abs((lp_prev[0][0] - prev[0]).total_seconds()) if lp_prev else None
    cc["agree_lunar_python"] = agree_lp
    cc["agree_sxtwl"] = agree_sx
    if not agree_sx:
        cc["sxtwl_note"] = "sxtwl switches year/month by calendar day (and its hour stem for 23h may follow 정자시); disagreement expected on a term day / 23시"
    cc["term_instant_diff_seconds_sxtwl_vs_lunar_python"] = round(term_diff, 1) if term_diff is not None else None
    out["crosscheck"] = cc

    if not with_extras:
        return out
    # ---------------- interpretation helpers
    tg = {}
    for pos, (s, b) in pillars.items():
        tg[pos] = dict(stem=("일간" if pos == "day" else ten_god(dstem, s)), branch=ten_god(dstem, branch_main_stem(b)),
                       hidden=[STEMS[STEMS.index(c)] + ":" + ten_god(dstem, STEMS.index(c)) for c in HIDDEN[b]],
                       unseong=unseong(dstem, b))
    out["ten_gods"] = tg
    out["elements"] = element_counts(pillars)
    out["strength"] = strength(pillars, dstem)
    out["gongmang"] = gongmang(di)
    yb, dbr = yi % 12, di % 12
    present = [b for _, b in pillars.values()]
    stars = {}
    for label, base in (("from_year", yb), ("from_day", dbr)):
        g = SAMHAP_GROUP[base]
        stars[label] = dict(dohwa=BRANCHES[DOHWA[g]] + (" (있음)" if DOHWA[g] in present else ""),
                            yeokma=BRANCHES[YEOKMA[g]] + (" (있음)" if YEOKMA[g] in present else ""),
                            hwagae=BRANCHES[HWAGAE[g]] + (" (있음)" if HWAGAE[g] in present else ""))
    stars["cheoneul"] = [BRANCHES[b] + (" (있음)" if b in present else "") for b in CHEONEUL[dstem]]
    out["sinsal"] = stars
    # natal internal relations
    rels = []
    names = list(pillars.keys())
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            a, b = pillars[names[i]], pillars[names[j]]
            r = stem_relations(a[0], b[0]) + branch_relations(a[1], b[1])
            r = [x for x in r if x != "같은 지지"]
            if r:
                rels.append("%s-%s: %s" % (names[i], names[j], ", ".join(r)))
    out["natal_relations"] = rels
    # 대운
    yang_year = ys % 2 == 0
    forward = (yang_year and gender == "M") or ((not yang_year) and gender == "F")
    if forward:
        days = (nxt[0] - utc).total_seconds() / 86400
    else:
        days = (utc - prev[0]).total_seconds() / 86400
    years_f = days / 3
    yrs = int(years_f)
    months = int(round((years_f - yrs) * 12))
    if months == 12:
        yrs, months = yrs + 1, 0
    daeun_su = max(1, int(round(years_f))) if years_f >= 0.5 else 1
    seq = []
    birth_year = y
    for k in range(1, 10):
        idx = (mi + k) % 60 if forward else (mi - k) % 60
        start_age = daeun_su + 10 * (k - 1)
        seq.append(dict(pillar=gz(idx), start_age_korean_count_approx=start_age + 1, start_age_man=start_age,
                        start_year_approx=birth_year + start_age,
                        stem_god=ten_god(dstem, idx % 10), branch_god=ten_god(dstem, branch_main_stem(idx % 12))))
    cur = [s for s in seq if s["start_year_approx"] <= 2026]
    out["daeun"] = dict(direction="순행" if forward else "역행", days_to_jie=round(days, 2),
                        start_exact="%d년 %d개월" % (yrs, months), daeun_su=daeun_su,
                        sequence=seq, current_2026=cur[-1]["pillar"] if cur else "대운 시작 전")
    # 세운 2026 병오, 2027 정미
    se = {}
    for yr in (2026, 2027):
        idx = (yr - 4) % 60
        s_, b_ = idx % 10, idx % 12
        rel = []
        for pos, (ps, pb) in pillars.items():
            r = stem_relations(s_, ps) + branch_relations(b_, pb)
            r = [x for x in r if x != "같은 지지"] + (["같은 지지"] if b_ == pb else [])
            if r:
                rel.append("%s(%s): %s" % (pos, STEMS[ps] + BRANCHES[pb], ", ".join(r)))
        se[str(yr)] = dict(pillar=gz(idx), stem_god=ten_god(dstem, s_), branch_god=ten_god(dstem, branch_main_stem(b_)),
                           unseong=unseong(dstem, b_), relations=rel)
    out["seun"] = se
    return out


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


# kept local: 입춘 2026 .. 입춘 2028 only (blind_charts.month_table runs to 입춘 2029).
def month_table():
    """절 instants (KST) and month pillars from 입춘 2026 to 입춘 2028 (for 월운 questions)."""
    rows = []
    for t, i in jie_instants_sxtwl(2027):
        kst = t.astimezone(KST_FIXED)
        if not (datetime(2026, 2, 1, tzinfo=KST_FIXED) <= kst <= datetime(2028, 2, 10, tzinfo=KST_FIXED)):
            continue
        if i not in JIE_BRANCH:
            continue
        mb = JIE_BRANCH[i]
        sy = kst.year if (i != 1) else kst.year - 1  # 소한 belongs to the previous saju year
        ys = (sy - 4) % 10
        first_stem = {0: 2, 5: 2, 1: 4, 6: 4, 2: 6, 7: 6, 3: 8, 8: 8, 4: 0, 9: 0}[ys]
        ms = (first_stem + (mb - 2) % 12) % 10
        rows.append(dict(jie=JIE_NAMES[i], kst=kst.strftime("%Y-%m-%d %H:%M"), saju_year=gz((sy - 4) % 60),
                         month_pillar=STEMS[ms] + BRANCHES[mb]))
    return rows


EVENT_DATES = [("b16-25 job A start", (2027, 1, 4)), ("b16-25 job B start", (2027, 3, 2)),
               ("b16-26 move option 1", (2026, 12, 20)), ("b16-26 move option 2", (2027, 1, 10)),
               ("b16-29 wedding option 1", (2027, 4, 10)), ("b16-29 wedding option 2", (2027, 5, 22)),
               ("today", (2026, 12, 7))]


# kept local: b16 events are (label, date) only, read at noon, not against people.
def event_days():
    out = []
    for label, ymd in EVENT_DATES:
        c = compute(ymd, "12:00", "Asia/Seoul", "M", with_extras=False)
        out.append(dict(label=label, date="%d-%02d-%02d" % ymd, year=c["pillars"]["year"], month_at_noon=c["pillars"]["month"],
                        day=c["pillars"]["day"]))
    return out


if __name__ == "__main__":
    charts = build()
    with open("charts.json", "w", encoding="utf-8") as f:
        json.dump(dict(meta=dict(today="2026-12-07 KST", this_year="2026 병오", next_year="2027 정미",
                                 conventions=["입춘 instant year", "절 instant month", "civil-date day, 야자시 split",
                                              "hour on standard clock (summer time removed), no longitude correction",
                                              "Seoul assumed when no place", "KASI lunar via korean-lunar-calendar"],
                                 crosscheck_summary=dict(
                                     people=len(charts),
                                     agree_lunar_python=sum(1 for v in charts.values() if v["chart"]["crosscheck"]["agree_lunar_python"]),
                                     agree_sxtwl_daylevel=sum(1 for v in charts.values() if v["chart"]["crosscheck"]["agree_sxtwl"]),
                                     sxtwl_disagreements_all_on_term_days=sorted(k for k, v in charts.items() if not v["chart"]["crosscheck"]["agree_sxtwl"]),
                                     max_term_instant_diff_seconds=max(v["chart"]["crosscheck"]["term_instant_diff_seconds_sxtwl_vs_lunar_python"] for v in charts.values()),
                                     kasi_vs_chinese_lunar_differs=sorted(k for k, v in charts.items() if not v["lunar_kr_cn_agree"] or str(v.get("solar_if_chinese_calendar", v["solar"])) != v["solar"])),
                                 month_pillars_2026_2027=month_table(),
                                 event_dates=event_days()),
                       people=charts), f, ensure_ascii=False, indent=1)
    bad = [k for k, v in charts.items() if not v["chart"]["crosscheck"]["agree_lunar_python"]]
    print("people:", len(charts), "lunar_python disagreements:", bad)
