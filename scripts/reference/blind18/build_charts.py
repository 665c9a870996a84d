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
import math
from datetime import datetime, timedelta, timezone, date
from zoneinfo import ZoneInfo

import sxtwl
from lunar_python import Solar
from korean_lunar_calendar import KoreanLunarCalendar

STEMS = "갑을병정무기경신임계"
STEMS_H = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "자축인묘진사오미신유술해"
BRANCHES_H = "子丑寅卯辰巳午未申酉戌亥"
ANIMALS = ["쥐", "소", "호랑이", "토끼", "용", "뱀", "말", "양", "원숭이", "닭", "개", "돼지"]
ELEM = "목화토금수"
BR_ELEM = [4, 2, 0, 0, 2, 1, 1, 2, 3, 3, 2, 4]  # 자축인묘진사오미신유술해
HIDDEN = {  # 여기, 중기, 정기 (last = 본기)
    0: "임계", 1: "계신기", 2: "무병갑", 3: "갑을", 4: "을계무", 5: "무경병",
    6: "병기정", 7: "정을기", 8: "무임경", 9: "경신", 10: "신정무", 11: "무갑임",
}
JIE_NAMES = {3: "입춘", 5: "경칩", 7: "청명", 9: "입하", 11: "망종", 13: "소서", 15: "입추",
             17: "백로", 19: "한로", 21: "입동", 23: "대설", 1: "소한"}
ALL_TERM_NAMES = ['동지', '소한', '대한', '입춘', '우수', '경칩', '춘분', '청명', '곡우', '입하', '소만', '망종',
                  '하지', '소서', '대서', '입추', '처서', '백로', '추분', '한로', '상강', '입동', '소설', '대설']
# jie index (sxtwl numbering) -> month branch
JIE_BRANCH = {3: 2, 5: 3, 7: 4, 9: 5, 11: 6, 13: 7, 15: 8, 17: 9, 19: 10, 21: 11, 23: 0, 1: 1}
LP_JIE = {"立春": 3, "惊蛰": 5, "清明": 7, "立夏": 9, "芒种": 11, "小暑": 13, "立秋": 15, "白露": 17,
          "寒露": 19, "立冬": 21, "大雪": 23, "小寒": 1,
          "LI_CHUN": 3, "JING_ZHE": 5, "DA_XUE": 23, "XIAO_HAN": 1}
HAN2KO = dict(zip(STEMS_H + BRANCHES_H, STEMS + BRANCHES))
UNSEONG = ["장생", "목욕", "관대", "건록", "제왕", "쇠", "병", "사", "묘", "절", "태", "양"]
UNSEONG_START = {0: 11, 2: 2, 4: 2, 6: 5, 8: 8, 1: 6, 3: 9, 5: 9, 7: 0, 9: 3}

BEIJING = timezone(timedelta(hours=8))
KST_FIXED = timezone(timedelta(hours=9))


def gz(i):
    i %= 60
    return STEMS[i % 10] + BRANCHES[i % 12]


def gz_index(stem, branch):
    for i in range(60):
        if i % 10 == stem and i % 12 == branch:
            return i
    raise ValueError


def gz_han(s):
    # first character is a stem, second a branch (신 is both 辛 and 申: do not look it up blindly)
    return STEMS_H[STEMS.index(s[0])] + BRANCHES_H[BRANCHES.index(s[1])]


def jdn(d):
    a = (14 - d.month) // 12
    y = d.year + 4800 - a
    m = d.month + 12 * a - 3
    return d.day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def day_index(d):
    return (jdn(d) + 49) % 60


# ---------------------------------------------------------------- solar terms (UTC instants)
_TERM_CACHE = {}


def jie_instants_sxtwl(year):
    """All 24 terms from sxtwl for solar years year-1..year+1 as (utc_datetime, index)."""
    if year in _TERM_CACHE:
        return _TERM_CACHE[year]
    out = {}
    for y in (year - 1, year, year + 1):
        for x in sxtwl.getJieQiByYear(y):
            t = sxtwl.JD2DD(x.jd)
            sec = float(t.s)
            bj = datetime(int(t.Y), int(t.M), int(t.D), int(t.h), int(t.m), 0, tzinfo=BEIJING) + timedelta(seconds=sec)
            key = (x.jqIndex, bj.year, bj.month)
            out[key] = (bj.astimezone(timezone.utc), x.jqIndex)
    res = sorted(out.values())
    _TERM_CACHE[year] = res
    return res


def jie_instants_lunar_python(year):
    out = {}
    for y in (year - 1, year, year + 1):
        tbl = Solar.fromYmd(y, 6, 1).getLunar().getJieQiTable()
        for name, s in tbl.items():
            if name in LP_JIE:
                bj = datetime(s.getYear(), s.getMonth(), s.getDay(), s.getHour(), s.getMinute(), s.getSecond(), tzinfo=BEIJING)
                out[(LP_JIE[name], bj.year, bj.month)] = (bj.astimezone(timezone.utc), LP_JIE[name])
    return sorted(out.values())


def prev_next_jie(utc, terms):
    jies = [t for t in terms if t[1] in JIE_BRANCH]
    prev = max((t for t in jies if t[0] <= utc), key=lambda t: t[0])
    nxt = min((t for t in jies if t[0] > utc), key=lambda t: t[0])
    return prev, nxt


def ipchun(year, terms):
    for t, i in terms:
        if i == 3 and t.year == year:
            return t
    raise KeyError(year)


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


# ---------------------------------------------------------------- chart computation
def ten_god(day_stem, other_stem):
    de, oe = day_stem // 2, other_stem // 2
    same_pol = (day_stem % 2) == (other_stem % 2)
    if oe == de:
        return "비견" if same_pol else "겁재"
    if oe == (de + 1) % 5:
        return "식신" if same_pol else "상관"
    if oe == (de + 2) % 5:
        return "편재" if same_pol else "정재"
    if de == (oe + 2) % 5:
        return "편관" if same_pol else "정관"
    if de == (oe + 1) % 5:
        return "편인" if same_pol else "정인"
    raise ValueError


def branch_main_stem(b):
    return STEMS.index(HIDDEN[b][-1])


def unseong(day_stem, branch):
    start = UNSEONG_START[day_stem]
    if day_stem % 2 == 0:
        k = (branch - start) % 12
    else:
        k = (start - branch) % 12
    return UNSEONG[k]


def gongmang(day_idx):
    xun = (day_idx // 10) * 10  # 갑X 순 start
    b0 = xun % 12
    return BRANCHES[(b0 + 10) % 12] + BRANCHES[(b0 + 11) % 12]


SAMHAP_GROUP = {8: 0, 0: 0, 4: 0, 11: 1, 3: 1, 7: 1, 2: 2, 6: 2, 10: 2, 5: 3, 9: 3, 1: 3}
DOHWA = {0: 9, 1: 3, 2: 3, 3: 6}    # 신자진->유, 해묘미->자, 인오술->묘, 사유축->오
YEOKMA = {0: 2, 1: 5, 2: 8, 3: 11}  # ->인, 사, 신, 해
HWAGAE = {0: 4, 1: 7, 2: 10, 3: 1}  # ->진, 미, 술, 축
CHEONEUL = {0: [1, 7], 4: [1, 7], 6: [1, 7], 1: [0, 8], 5: [0, 8], 2: [11, 9], 3: [11, 9],
            7: [2, 6], 8: [3, 5], 9: [3, 5]}

# fixed: DOHWA for 해묘미 is 자, 인오술 묘, 사유축 오
DOHWA = {0: 9, 1: 0, 2: 3, 3: 6}

CLASH = {frozenset(p) for p in [(0, 6), (1, 7), (2, 8), (3, 9), (4, 10), (5, 11)]}
SIXHAP = {frozenset(p): e for p, e in [((0, 1), "토"), ((2, 11), "목"), ((3, 10), "화"), ((4, 9), "금"), ((5, 8), "수"), ((6, 7), "화/토")]}
HARM = {frozenset(p) for p in [(0, 7), (1, 6), (2, 5), (3, 4), (8, 11), (9, 10)]}
BREAK = {frozenset(p) for p in [(0, 9), (1, 4), (2, 11), (3, 6), (5, 8), (10, 7)]}
PUNISH = [({2, 5, 8}, "인사신 형"), ({1, 10, 7}, "축술미 형"), ({0, 3}, "자묘 형")]
SELF_PUNISH = {4, 6, 9, 11}
STEM_HAP = {frozenset(p): e for p, e in [((0, 5), "토"), ((1, 6), "금"), ((2, 7), "수"), ((3, 8), "목"), ((4, 9), "화")]}
STEM_CLASH = {frozenset(p) for p in [(0, 6), (1, 7), (2, 8), (3, 9)]}


def branch_relations(a, b):
    rel = []
    s = frozenset((a, b))
    if a == b:
        if a in SELF_PUNISH:
            rel.append("자형(" + BRANCHES[a] + ")")
        rel.append("같은 지지")
    if s in CLASH:
        rel.append("충")
    if s in SIXHAP:
        rel.append("육합(" + SIXHAP[s] + ")")
    if SAMHAP_GROUP[a] == SAMHAP_GROUP[b] and a != b:
        rel.append("삼합 일부")
    if s in HARM:
        rel.append("해(害)")
    if s in BREAK:
        rel.append("파")
    for grp, name in PUNISH:
        if a != b and a in grp and b in grp:
            rel.append(name)
    return rel


def stem_relations(a, b):
    s = frozenset((a, b))
    rel = []
    if s in STEM_HAP:
        rel.append("천간합(" + STEM_HAP[s] + ")")
    if s in STEM_CLASH:
        rel.append("천간충")
    return rel


def strength(pillars, ds):
    """Rough 억부 estimate: stems weight 1; branches 1.2 (month branch 3), split over hidden stems
    (본기 0.7, the others share 0.3)."""
    de = ds // 2
    support = {de, (de + 4) % 5}
    score_s = score_d = 0.0
    for pos, (s, b) in pillars.items():
        if s is None:
            continue
        if pos != "day":
            if s // 2 in support:
                score_s += 1.0
            else:
                score_d += 1.0
        w = 3.0 if pos == "month" else 1.2
        hs = [STEMS.index(c) for c in HIDDEN[b]]
        shares = [0.7] if len(hs) == 1 else ([0.3, 0.7] if len(hs) == 2 else [0.15, 0.15, 0.7])
        for h, sh in zip(hs, shares):
            if h // 2 in support:
                score_s += w * sh
            else:
                score_d += w * sh
        if len(hs) == 1:
            pass
    ratio = score_s / (score_s + score_d)
    if ratio >= 0.55:
        verdict = "신강 (estimate)"
    elif ratio >= 0.45:
        verdict = "중화 (estimate, " + ("약간 강" if ratio >= 0.5 else "약간 약") + ")"
    else:
        verdict = "신약 (estimate)"
    # favourable element (억부): strong -> 식상/재/관, weak -> 인/비
    if ratio >= 0.5:
        fav = [ELEM[(de + 1) % 5] + "(식상)", ELEM[(de + 2) % 5] + "(재성)", ELEM[(de + 3) % 5] + "(관성)"]
    else:
        fav = [ELEM[(de + 4) % 5] + "(인성)", ELEM[de] + "(비겁)"]
    return dict(support_ratio=round(ratio, 2), verdict=verdict, favourable_elements_eokbu=fav)


def element_counts(pillars):
    cnt = {e: 0 for e in ELEM}
    for s, b in pillars.values():
        if s is None:
            continue
        cnt[ELEM[s // 2]] += 1
        cnt[ELEM[BR_ELEM[b]]] += 1
    return cnt


def to_lunar_kr(d):
    c = KoreanLunarCalendar()
    c.setSolarDate(d.year, d.month, d.day)
    return dict(year=c.lunarYear, month=c.lunarMonth, day=c.lunarDay, leap=bool(c.isIntercalation))


def to_lunar_cn(d):
    lu = Solar.fromYmd(d.year, d.month, d.day).getLunar()
    m = lu.getMonth()
    return dict(year=lu.getYear(), month=abs(m), day=lu.getDay(), leap=m < 0)


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
        out["boundary_warning"] = "within %.1f h of a 절 (%s): month%s pillar would differ on the other side" % (
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
    # 세운 2026..2036 (2026 병오, 2027 정미, 2028 무신 ...)
    se = {}
    for yr in range(2026, 2037):
        idx = (yr - 4) % 60
        se[str(yr)] = luck_relations(idx, pillars, dstem)
    out["seun"] = se
    # 월운: month pillars from 대설 2026 to 입춘 2029 (절기 months), read against the chart
    wo = []
    for row in MONTHS:
        mb_ = BRANCHES.index(row["month_pillar"][1])
        ms_ = STEMS.index(row["month_pillar"][0])
        r = luck_relations(gz_index(ms_, mb_), pillars, dstem)
        wo.append(dict(starts_kst=row["kst"], saju_year=row["saju_year"], **r))
    out["wolun_2026_12_to_2029_01"] = wo
    out["season_of_month_branch"] = SEASON[mb]
    out["seun"] = se
    return out


def luck_relations(idx, pillars, dstem):
    s_, b_ = idx % 10, idx % 12
    rel = []
    for pos, (ps, pb) in pillars.items():
        r = stem_relations(s_, ps) + branch_relations(b_, pb)
        r = [x for x in r if x != "같은 지지"] + (["같은 지지"] if b_ == pb else [])
        if r:
            rel.append("%s(%s): %s" % (pos, STEMS[ps] + BRANCHES[pb], ", ".join(r)))
    return dict(pillar=gz(idx), stem_god=ten_god(dstem, s_), branch_god=ten_god(dstem, branch_main_stem(b_)),
                unseong=unseong(dstem, b_), relations=rel)


SEASON = {2: "봄(인월)", 3: "봄(묘월)", 4: "봄(진월, 환절기 토)", 5: "여름(사월)", 6: "여름(오월)", 7: "여름(미월, 환절기 토)",
          8: "가을(신월)", 9: "가을(유월)", 10: "가을(술월, 환절기 토)", 11: "겨울(해월)", 0: "겨울(자월)", 1: "겨울(축월, 환절기 토)"}


def next_day(ymd):
    d = date(*ymd) + timedelta(days=1)
    return (d.year, d.month, d.day)


def build():
    charts = {}
    for p in PEOPLE:
        if p.get("partial"):
            cands = []
            for yy in p["partial"]["years"]:
                yi_after = (yy - 4) % 60
                yi_before = (yy - 5) % 60
                cands.append(dict(calendar_year=yy, year_pillar_if_born_after_ipchun=gz(yi_after) + " (" + ANIMALS[yi_after % 12] + "띠)",
                                  year_pillar_if_born_before_ipchun=gz(yi_before) + " (" + ANIMALS[yi_before % 12] + "띠)"))
            charts[p["id"]] = dict(conv=p["conv"], role=p["role"], gender=p["gender"], partial=dict(given=p["partial"]["given"], candidates=cands,
                                   readable="only the year pillar / 띠 (and only if the birthday is after 입춘); month, day and hour pillars unknown -> ask, never invent"),
                                   chart=None)
            continue
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


def month_table():
    """절 instants (KST) and month pillars from 입춘 2026 to 입춘 2029 (for 월운 questions)."""
    rows = []
    seen = set()
    for yy in (2027, 2028):
        for t, i in jie_instants_sxtwl(yy):
            kst = t.astimezone(KST_FIXED)
            if not (datetime(2026, 2, 1, tzinfo=KST_FIXED) <= kst <= datetime(2029, 2, 10, tzinfo=KST_FIXED)):
                continue
            if i not in JIE_BRANCH or kst.strftime("%Y-%m-%d %H:%M") in seen:
                continue
            seen.add(kst.strftime("%Y-%m-%d %H:%M"))
            mb = JIE_BRANCH[i]
            sy = kst.year if (i != 1) else kst.year - 1  # 소한 belongs to the previous saju year
            ys = (sy - 4) % 10
            first_stem = {0: 2, 5: 2, 1: 4, 6: 4, 2: 6, 7: 6, 3: 8, 8: 8, 4: 0, 9: 0}[ys]
            ms = (first_stem + (mb - 2) % 12) % 10
            rows.append(dict(jie=JIE_NAMES[i], kst=kst.strftime("%Y-%m-%d %H:%M"), saju_year=gz((sy - 4) % 60),
                             month_pillar=STEMS[ms] + BRANCHES[mb]))
    return sorted(rows, key=lambda r: r["kst"])


MONTHS = []  # filled in main (from 대설 2026)


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


def event_days(charts):
    out = []
    for label, conv, ymd, time, who in EVENTS:
        c = compute(ymd, time or "12:00", "Asia/Seoul", "M", with_extras=False)
        P = c["pillars"]
        e = dict(label=label, conv=conv, date="%d-%02d-%02d" % ymd, time=time, year=P["year"], month=P["month"] + ("" if time else " (at noon)"),
                 day=P["day"], hour=P["hour"] if time else None, crosscheck_lunar_python=c["crosscheck"]["lunar_python"],
                 lunar_kasi=to_lunar_kr(date(*ymd)))
        lp = c["crosscheck"]["lunar_python"]
        e["agree_lunar_python"] = all(lp[k] == P[k] for k in ("year", "month", "day")) and (not time or lp["hour"] == P["hour"])
        if c.get("boundary_warning"):
            e["boundary_warning"] = c["boundary_warning"]
        per = {}
        for pid in who:
            ch = charts[pid]["chart"]
            ds = STEMS.index(ch["pillars"]["day"][0])
            pp = {k: (STEMS.index(v[0]), BRANCHES.index(v[1])) for k, v in ch["pillars"].items() if v}
            per[pid] = dict(day=luck_relations(day_index(date(*ymd)), pp, ds),
                            month=luck_relations(gz_index(STEMS.index(P["month"][0]), BRANCHES.index(P["month"][1])), pp, ds),
                            year=luck_relations(gz_index(STEMS.index(P["year"][0]), BRANCHES.index(P["year"][1])), pp, ds))
        e["read_against"] = per
        out.append(e)
    return out


if __name__ == "__main__":
    MONTHS.extend(r for r in month_table() if r["kst"] >= "2026-12-07")
    charts = build()
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
                                 event_dates=event_days(charts)),
                       people=charts), f, ensure_ascii=False, indent=1)
    print("people:", len(charts), "charted:", len(full), "lunar_python disagreements:", lp_bad, "sxtwl disagreements:", sx_bad)
