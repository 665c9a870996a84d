#!/usr/bin/env python3
"""Extract the test vectors of independent saju engines ("peers") into tests/data/peers/*.jsonl.

Facts, not code: each vector is a birth (date, time, place) and the pillars the peer's own tests assert
for it. Nothing of the peers' code is copied or run. Each vector carries the engine options that match
that peer's documented defaults, so that `tests/engine/peers.rs` can run it unchanged.

Usage (each PATH is a checkout or a bare git directory of the repository; files are read at HEAD):

    scripts/reference/extract_peer_vectors.py \
        --repo yhj1024/manseryeok=PATH --repo golbin/ssaju=PATH \
        --repo 6tail/lunar-javascript=PATH --repo 6tail/lunar-java=PATH \
        --repo dan914/saju-engine=PATH [--out tests/data/peers]

Standard library only (Python 3.9+). The output is deterministic: the same commits give the same files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

STEMS_HANJA = "甲乙丙丁戊己庚辛壬癸"
STEMS = "갑을병정무기경신임계"
BRANCHES_HANJA = "子丑寅卯辰巳午未申酉戌亥"
BRANCHES = "자축인묘진사오미신유술해"
POSITIONS = ("year", "month", "day", "hour")


def hangul(text: str) -> str:
    """甲子 → 갑자 (hangul passes through)."""
    out = []
    for ch in text:
        if ch in STEMS_HANJA:
            out.append(STEMS[STEMS_HANJA.index(ch)])
        elif ch in BRANCHES_HANJA:
            out.append(BRANCHES[BRANCHES_HANJA.index(ch)])
        else:
            out.append(ch)
    return "".join(out)


class Repo:
    def __init__(self, name: str, path: str):
        self.name = name
        self.path = Path(path)
        self.commit = self._git("rev-parse", "HEAD").strip()

    def _git(self, *args: str) -> str:
        return subprocess.run(
            ["git", f"--git-dir={self._git_dir()}", *args], check=True, capture_output=True, text=True
        ).stdout

    def _git_dir(self) -> str:
        dot = self.path / ".git"
        return str(dot if dot.exists() else self.path)

    def read(self, rel: str) -> str:
        return self._git("show", f"HEAD:{rel}")

    def files(self) -> list[str]:
        return self._git("ls-tree", "-r", "--name-only", "HEAD").splitlines()


def dt(y, mo, d, h=None, mi=0, s=0) -> str:
    date = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    if h is None:
        return date
    return f"{date}T{int(h):02d}:{int(mi):02d}" + (f":{int(s):02d}" if int(s) else "")


def case(cid, repo, source, datetime, options, expected, note=None, **extra_input):
    inp = {"datetime": datetime, **options, **extra_input}
    c = {"id": cid, "peer": repo.name, "commit": repo.commit, "source": source, "input": inp, "expected": expected}
    if note:
        c["note"] = note
    return c


# --------------------------------------------------------------------------------------------------
# yhj1024/manseryeok: KST wall clock, no correction, day at midnight (`dayBoundary: 'midnight'`).
MANSERYEOK = {"timezone": "Asia/Seoul", "zi_hour": "same_day"}
DAY_BOUNDARY = {"midnight": "same_day", "jasi": "next_day", "splitJasi": "split"}


def birth_object(text: str) -> dict:
    """`{ year: 1992, month: 10, ..., isLunar: true }` → dict of the numeric and boolean fields."""
    fields = dict(re.findall(r"(\w+):\s*(-?[\d.]+|true|false|'[^']*')", text))
    return fields


def manseryeok_input(b: dict) -> tuple[str, dict]:
    extra = {}
    if b.get("isLunar") == "true":
        extra["calendar"] = "korean_lunar"
        extra["leap_month"] = b.get("isLeapMonth") == "true"
    return dt(b["year"], b["month"], b["day"], b["hour"], b["minute"]), extra


def manseryeok(repo: Repo) -> list[dict]:
    out = []
    golden = "src/golden.test.ts"
    text = repo.read(golden)
    pat = re.compile(r"\{ birth: (\{[^}]*\}), expected: \[([^\]]*)\] \}")
    for i, m in enumerate(pat.finditer(text), 1):
        b = birth_object(m.group(1))
        names = re.findall(r"'([^']+)'", m.group(2))
        when, extra = manseryeok_input(b)
        out.append(case(f"manseryeok-golden-{i:02d}", repo, golden, when, MANSERYEOK,
                        dict(zip(POSITIONS, names)), **extra))

    src = "src/index.test.ts"
    text = repo.read(src)
    n = 0

    def add(obj_text, expected, note=None, options=MANSERYEOK, **more):
        nonlocal n
        n += 1
        b = birth_object(obj_text)
        when, extra = manseryeok_input(b)
        out.append(case(f"manseryeok-index-{n:02d}", repo, src, when, options, expected, note, **extra, **more))

    for m in re.finditer(r"pillars\(\s*(\{[^}]*\})\s*\),?\s*\)\.toEqual\(\[\s*([^\]]*)\]", text):
        add(m.group(1), dict(zip(POSITIONS, re.findall(r"'([^']+)'", m.group(2)))))
    for m in re.finditer(r"calculateFourPillars\(\s*(\{[^}]*\})\s*\)\.yearString\)\.toBe\(\s*'([^']+)'", text):
        add(m.group(1), {"year": m.group(2)})
    for m in re.finditer(r"ilju\((\{[^}]*\})\)\)\.toBe\('([^']+)'\)", text):
        add(m.group(1), {"day": m.group(2)})
    # 입춘 minute by minute: yearAt(17, 26) on a fixed date.
    base = re.search(r"calculateFourPillars\(\{ year: (\d+), month: (\d+), day: (\d+), hour, minute \}\)\.yearString", text)
    if base:
        for m in re.finditer(r"yearAt\((\d+), (\d+)\)\)\.toBe\('([^']+)'\)", text):
            add(f"{{ year: {base[1]}, month: {base[2]}, day: {base[3]}, hour: {m[1]}, minute: {m[2]} }}",
                {"year": m[3]})
    # 시진 boundaries: at(hour) with a default minute on a fixed date.
    base = re.search(
        r"\(hour: number, minute = (\d+)\): string =>\s*calculateFourPillars\(\{ year: (\d+), month: (\d+), day: (\d+), hour, minute \}\)\.hour\.earthlyBranch",
        text)
    if base:
        block = text[base.end(): text.index("});", base.end())]
        for m in re.finditer(r"expect\(at\((\d+)\)\)\.toBe\('([^']+)'\)", block):
            add(f"{{ year: {base[2]}, month: {base[3]}, day: {base[4]}, hour: {m[1]}, minute: {base[1]} }}",
                {"hour_branch": m[2]})
    # dayBoundary: the three conventions on one birth.
    base = re.search(r"calculateFourPillars\(\{ (year: \d+, month: \d+, day: \d+, hour: \d+, minute: \d+), dayBoundary \}\)", text)
    if base:
        for m in re.finditer(r"at\('(\w+)'\)\)\.toEqual\(\{ day: '([^']+)', hour: '([^']+)' \}\)", text):
            add("{ " + base[1] + " }", {"day": m[2], "hour": m[3]},
                note=f"dayBoundary '{m[1]}'", options={**MANSERYEOK, "zi_hour": DAY_BOUNDARY[m[1]]})
    # True solar time: the same birth with and without `trueSolarTime: { longitude }` (equation of time on).
    m = re.search(
        r"const off = calculateFourPillars\((\{[^}]*\})\);\s*const on = calculateFourPillars\(\{([^}]*)trueSolarTime: \{ longitude: ([\d.]+) \},\s*\}\);\s*"
        r"expect\(off\.hour\.earthlyBranch\)\.toBe\('([^']+)'\);\s*expect\(on\.hour\.earthlyBranch\)\.toBe\('([^']+)'\)",
        text)
    if m:
        add(m[1], {"hour_branch": m[4]})
        add("{" + m[2] + "}", {"hour_branch": m[5]}, note="trueSolarTime { longitude } (equation of time included)",
            options={**MANSERYEOK, "time_correction": "true_solar", "longitude": float(m[3])})
    return out


# --------------------------------------------------------------------------------------------------
# golbin/ssaju: the IANA Asia/Seoul clock, 23:00–24:00 with the same day's stem, no correction.
SSAJU = {"timezone": "Asia/Seoul", "zi_hour": "same_day"}


def test_blocks(text: str, opener: str) -> list[str]:
    starts = [m.start() for m in re.finditer(opener, text)]
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def ssaju(repo: Repo) -> list[dict]:
    src = "tests/calculateSaju.test.ts"
    text = repo.read(src)
    out = []
    n = 0
    for block in test_blocks(text, r'\ntest\("'):
        calls = {m[1]: m[2] for m in re.finditer(r"const (\w+) = calculateSaju\(\{(.*?)\}\);", block, re.S)}
        for var, body in calls.items():
            if re.search(r"\byear,\s", body):  # a loop variable, not a literal birth
                continue
            b = dict(re.findall(r"(\w+):\s*(-?[\d.]+|true|false|\"[^\"]*\")", body))
            expected = {}
            m = re.search(rf"assertEquals\(\s*{var}\.pillars,\s*\{{(.*?)\}}", block, re.S)
            if m:
                expected.update({k: hangul(v) for k, v in re.findall(r'(\w+): "([^"]+)"', m[1])})
            for k, v in re.findall(rf'{var}\.pillars\.(\w+) === "([^"]+)"', block):
                expected[k] = hangul(v)
            for v in re.findall(rf'{var}\.pillarDetails\.hour\.branch === "([^"]+)"', block):
                expected["hour_branch"] = hangul(v)
            m = re.search(rf"assertEquals\(\s*{var}\.normalized\.calculation,\s*\{{(.*?)\}}", block, re.S)
            if m:
                c = dict(re.findall(r"(\w+): (\d+)", m[1]))
                expected["clock"] = dt(c["year"], c["month"], c["day"], c["hour"], c["minute"])
            if not expected:
                continue
            n += 1
            options = dict(SSAJU)
            extra = {}
            if b.get("calendar") == '"lunar"':
                extra = {"calendar": "korean_lunar", "leap_month": b.get("leap") == "true"}
            note = None
            if b.get("applyLocalMeanTime") == "true":
                options.update({"time_correction": "longitude", "longitude": float(b["longitude"])})
                note = "applyLocalMeanTime with longitude"
            when = dt(b["year"], b["month"], b["day"], b.get("hour", 12), b.get("minute", 0))
            out.append(case(f"ssaju-{n:02d}", repo, src, when, options, expected, note, **extra))
    return out


# --------------------------------------------------------------------------------------------------
# 6tail lunar-javascript / lunar-java: a naive Beijing-time clock (UTC+8 all year), jie in Beijing time,
# EightChar sect 2 (split; sect 1 = next_day).
SIXTAIL = {"timezone": "Etc/GMT-8", "zi_hour": "split"}
SECT = {"1": "next_day", "2": "split"}
NUM = r"['\"]?(\d+)['\"]?"
BIRTH = re.compile(
    rf"(Solar|Lunar)(?:\.fromYmdHms\(| ?\(|\s*\()\s*{NUM},\s*{NUM},\s*{NUM},\s*{NUM},\s*{NUM},\s*{NUM}\s*\)")
GETTER = re.compile(
    r"get(Year|Month|Day|Time)\(\)\)\.toBe\(['\"]([^'\"]+)['\"]\)"
    r"|assertEquals\(\"[^\"]*\",\s*\"([^\"]+)\",\s*eightChar\.get(Year|Month|Day|Time)\(\)\)"
    r"|setSect\((\d)\)"
    r"|getEightChar\(\)\.toString\(\)\)\.toBe\(['\"]([^'\"]+)['\"]\)")
FROM_BAZI = re.compile(r"fromBaZi\(\s*((?:['\"][^'\"]+['\"]\s*,?\s*){4})(?:,\s*(\d))?(?:,\s*(\d+))?\s*\)")


def sixtail(repo: Repo, files: list[str], short: str) -> list[dict]:
    out = []
    for src in files:
        text = repo.read(src)
        opener = r"\ntest\(" if src.endswith(".js") else r"@Test"
        for block in test_blocks(text, opener):
            # Pillars asserted after a birth (a later birth in the same block starts a new case).
            events = sorted(
                [(m.start(), "birth", m) for m in BIRTH.finditer(block)]
                + [(m.start(), "get", m) for m in GETTER.finditer(block)],
                key=lambda e: e[0])
            current = None
            sect = "2"
            pending: list[tuple] = []

            def flush():
                if current and pending:
                    kind, when = current
                    by_sect = {}
                    for s, key, value in pending:
                        by_sect.setdefault(s, {})[key] = value
                    for s, expected in by_sect.items():
                        extra = {}
                        note = None
                        if kind == "Lunar":
                            extra = {"calendar": "korean_lunar"}
                            note = "Chinese lunar date in the peer; run as a Korean lunar date (the calendars agree here)"
                        out.append(case(f"{short}-{len(out) + 1:02d}", repo, src, when,
                                        {**SIXTAIL, "zi_hour": SECT[s]}, expected, note, **extra))

            for _, what, m in events:
                if what == "birth":
                    flush()
                    pending = []
                    sect = "2"
                    current = (m[1], dt(*m.groups()[1:]))
                    continue
                if m[5]:
                    sect = m[5]
                elif m[1]:
                    pending.append((sect, {"Year": "year", "Month": "month", "Day": "day", "Time": "hour"}[m[1]], hangul(m[2])))
                elif m[3]:
                    pending.append((sect, {"Year": "year", "Month": "month", "Day": "day", "Time": "hour"}[m[4]], hangul(m[3])))
                elif m[6]:
                    for key, value in zip(POSITIONS, m[6].split()):
                        pending.append((sect, key, hangul(value)))
            flush()
            # fromBaZi: pillars → the solar times that have them; each time is a vector for those pillars.
            m = FROM_BAZI.search(block)
            asserted = "toStrictEqual" in block or "assertEquals(expected, actual)" in block
            if m and asserted:
                names = [hangul(x) for x in re.findall(r"['\"]([^'\"]+)['\"]", m[1])]
                s = m[2] or "2"
                listed = re.search(r"toStrictEqual\(\[([^\]]*)\]\)", block)
                times = re.findall(r"['\"](\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)['\"]", listed[1] if listed else block)
                for t in times:
                    d, h = t.split(" ")
                    y, mo, dd = d.split("-")
                    hh, mi, ss = h.split(":")
                    out.append(case(f"{short}-{len(out) + 1:02d}", repo, src, dt(y, mo, dd, hh, mi, ss),
                                    {**SIXTAIL, "zi_hour": SECT[s]}, dict(zip(POSITIONS, names)),
                                    "Solar.fromBaZi: a time the peer lists for these pillars"))
    return out


# --------------------------------------------------------------------------------------------------
# dan914/saju-engine quotes charts of a widely used Korean app (its expected pillars, copied from the
# app). Run with the `korean_app` preset.
KOREAN_APP = {"timezone": "Asia/Seoul", "convention": "korean_app"}


def py_datetime(s: str) -> str:
    parts = [int(x) for x in s.split(",")]
    return dt(*parts)


def korean_app(repo: Repo) -> list[dict]:
    by_time: dict[str, dict] = {}
    order: list[str] = []

    def put(cid, src, when, expected):
        if when in by_time:
            known = by_time[when]
            if known["expected"] != expected:
                raise SystemExit(f"{cid}: the repository quotes two charts for {when}")
            known.setdefault("also_quoted_as", []).append(cid)
            return
        by_time[when] = case(cid, repo, src, when, KOREAN_APP, expected)
        order.append(when)

    src = "scripts/test_10_reference_cases.py"
    text = repo.read(src)
    for m in re.finditer(r'"id": "(REF-\d+)",\s*"date": datetime\(([\d, ]+)\),\s*"expected": \{([^}]*)\}', text):
        expected = {k: hangul(v) for k, v in re.findall(r'"(\w+)": "([^"]+)"', m[3])}
        put(m[1], src, py_datetime(m[2]), expected)

    results_src = "scripts/compare_fortuneteller_results.py"
    results = {m[1]: {k: hangul(v) for k, v in re.findall(r'"(\w+)": "([^"]+)"', m[2])}
               for m in re.finditer(r'"([A-Z]\d\d)": \{([^}]*)\}', repo.read(results_src))}
    inputs_src = "scripts/verify_30_case_changes.py"
    inputs = {m[1]: py_datetime(m[2]) for m in re.finditer(r'\("([A-Z]\d\d)", datetime\(([\d, ]+)\)', repo.read(inputs_src))}
    skipped = []
    for cid, expected in results.items():
        if cid not in inputs:
            skipped.append(cid)
            continue
        put(cid, f"{results_src} + {inputs_src}", inputs[cid], expected)

    report = "POSUTELLER_COMPARISON_REPORT.md"
    text = repo.read(report)
    m = re.search(r"\*\*Test Case:\*\* (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d) Seoul", text)
    p = re.search(r"\| \*\*사주 기둥\*\* \| (\S+) (\S+) (\S+) (\S+) \|", text)
    if m and p:
        put("REPORT-1", report, dt(*m.groups()), dict(zip(POSITIONS, (hangul(x) for x in p.groups()))))
    for cid in skipped:
        print(f"korean_app: {cid} has expected pillars but no birth time in the repository; left out", file=sys.stderr)
    return [by_time[w] for w in order]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", action="append", default=[], metavar="OWNER/NAME=PATH")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "tests/data/peers"))
    args = ap.parse_args()
    repos = {}
    for spec in args.repo:
        name, _, path = spec.partition("=")
        repos[name] = Repo(name, os.path.expanduser(path))
    outputs = {}
    if "yhj1024/manseryeok" in repos:
        outputs["manseryeok"] = manseryeok(repos["yhj1024/manseryeok"])
    if "golbin/ssaju" in repos:
        outputs["ssaju"] = ssaju(repos["golbin/ssaju"])
    if "6tail/lunar-javascript" in repos:
        outputs["lunar_javascript"] = sixtail(repos["6tail/lunar-javascript"], ["__tests__/EightChar.test.js"], "lunar-js")
    if "6tail/lunar-java" in repos:
        r = repos["6tail/lunar-java"]
        files = [f for f in r.files() if re.search(r"src/test/java/.*BaZiTest\w*\.java$", f)]
        outputs["lunar_java"] = sixtail(r, sorted(files), "lunar-java")
    if "dan914/saju-engine" in repos:
        outputs["korean_app"] = korean_app(repos["dan914/saju-engine"])
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, cases in outputs.items():
        with open(out_dir / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{name}: {len(cases)} vectors", file=sys.stderr)


if __name__ == "__main__":
    main()
