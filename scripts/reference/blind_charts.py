"""Shared helpers for scripts/reference/blindNN/build_charts.py (blind answer sets b16..b19).

Tables (stems, branches, hidden stems, 절 names, 신살, relations), 절 instants from sxtwl and
lunar_python, ten gods, 12운성, 공망, relations, strength, element counts, KASI / Chinese lunar
dates, compute() (one chart), luck_relations(), the 2026..2029 month table, build(people) and
event_days(charts, events).  Each build_charts.py keeps its own PEOPLE / EVENTS data, its
`__main__` block (the meta written to charts.json) and any function whose behaviour differs
from the version here (it is defined after `from blind_charts import *` and so takes precedence
in that script).  MONTHS is filled by the script's main (MONTHS.extend(...)) and read by compute().
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


def build(people):
    charts = {}
    for p in people:
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
        if p.get("gender_asked"):
            # (blind20: the gender was not told at first; the 대운 for the other gender, to grade a guess.)
            og = "F" if p["gender"] == "M" else "M"
            du = compute(solar, p["time"], tz, og)["daeun"]
            entry["gender_unknown_at_first"] = dict(note="gender not given in t1; 대운 direction depends on it", gender_told_later=p["gender"],
                                                    daeun_if_other_gender=og, direction=du["direction"], start_exact=du["start_exact"],
                                                    sequence=[(s["pillar"], s["start_year_approx"], s["start_age_man"]) for s in du["sequence"]])
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


def event_days(charts, events):
    out = []
    for label, conv, ymd, time, who in events:
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

