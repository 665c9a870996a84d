#!/usr/bin/env python3
"""Validate the saju knowledge base (stdlib only, Python 3.11).

Usage: python3 knowledge/check.py [KNOWLEDGE_DIR]

Checks every passage file (knowledge/<folder>/<id>.md):
  * front matter between '---' lines parses (key: value, inline lists)
  * required keys present: id, title, tags, synonyms, topics, applies_when
  * ids are unique, ASCII, dot-separated, equal to the file name, and start
    with the folder name
  * body has 3-8 sentences (rough count of sentence-ending punctuation)
  * tags, synonyms, topics are non-empty; topics come from the allowed list
  * every applies_when string matches the findings grammar
Prints the passage count per folder and exits non-zero on any error.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ALLOWED_TOPICS = {"성격", "직업", "재물", "연애", "건강", "운세", "궁합", "용어"}
REQUIRED = ("id", "title", "tags", "synonyms", "topics", "applies_when")
ID_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")

# --- applies_when grammar -------------------------------------------------
STEM = "(?:갑|을|병|정|무|기|경|신|임|계)"
BRANCH = "(?:자|축|인|묘|진|사|오|미|신|유|술|해)"
_S, _B = "갑을병정무기경신임계", "자축인묘진사오미신유술해"
PILLAR = "(?:" + "|".join(_S[i % 10] + _B[i % 12] for i in range(60)) + ")"
TEN_GOD = "(?:비견|겁재|식신|상관|편재|정재|편관|정관|편인|정인)"
GROUP = "(?:비겁|식상|재성|관성|인성)"
ELEMENT = "(?:wood|fire|earth|metal|water)"
STAGE = "(?:장생|목욕|관대|건록|제왕|쇠|병|사|묘|절|태|양)"
TG_POS = "(?:year_stem|year_branch|month_stem|month_branch|day_branch|hour_stem|hour_branch)"
BR_POS = "(?:year_branch|month_branch|day_branch|hour_branch)"
REL = ("(?:stem_combine|stem_clash|six_combine|three_harmony|half_harmony|directional|clash"
       "|punishment|self_punishment|break|harm|wonjin)")
PILLAR_POS = "(?:year|month|day|hour)"
SHINSAL = "(?:dohwa|yeokma|hwagae|cheoneul|yangin|goegang|baekho|munchang|hongyeom|gwimun|gongmang)"
STRENGTH = "(?:very_weak|weak|balanced|strong|very_strong)"
SEUN_REL = "(?:combine|" + REL[3:]  # 'combine' plus every relation kind
INTENT = ("(?:personality|career|wealth|love|health|year_fortune|today_fortune|daeun"
          "|compatibility|term)")

CONDITION = "(?:" + "|".join([
    f"day_stem:{STEM}",
    f"day_pillar:{PILLAR}",
    f"stem:{STEM}@(?:year_stem|month_stem|hour_stem)",
    f"branch:{BRANCH}@{BR_POS}",
    f"month_branch:{BRANCH}",
    f"ten_god:{TEN_GOD}(?:@{TG_POS})?",
    f"ten_god_group_excess:{GROUP}",
    f"ten_god_group_missing:{GROUP}",
    f"element_excess:{ELEMENT}",
    f"element_missing:{ELEMENT}",
    "element_balanced",
    f"life_stage:{STAGE}(?:@{BR_POS})?",
    f"relation:{REL}(?:@{PILLAR_POS}-{PILLAR_POS})?",
    f"shinsal:{SHINSAL}",
    f"strength:{STRENGTH}",
    f"favourable:{ELEMENT}",
    f"daeun:{TEN_GOD}",
    f"seun:{TEN_GOD}",
    f"seun_relation:{SEUN_REL}",
]) + ")"
MODIFIER = f"(?:gender:(?:male|female)|intent:{INTENT})"
ATOM = f"(?:{CONDITION}|{MODIFIER})"
# One string = atoms joined by '&'. Only gender/intent modifiers may be added to a
# condition: at most one non-modifier atom per string (checked separately).
APPLIES_RE = re.compile(f"^{ATOM}(?:&{ATOM})*$")
MODIFIER_RE = re.compile(f"^{MODIFIER}$")

# A sentence ends with . ! ? (or their full-width forms) followed by space, a
# closing quote/bracket, or the end of the text. Digits before '.' (e.g. "1.")
# are not sentence ends.
SENT_END_RE = re.compile(r"(?<![0-9])[.!?。！？](?=[\s\"'”’)\]]|$)")


def parse_list(raw: str, key: str, errors: list[str], where: str) -> list[str]:
    raw = raw.strip()
    if not (raw.startswith("[") and raw.endswith("]")):
        errors.append(f"{where}: '{key}' must be an inline list [..]")
        return []
    try:
        value = json.loads(raw)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [v.strip() for v in value]
    except json.JSONDecodeError:
        pass
    inner = raw[1:-1].strip()
    if not inner:
        return []
    return [item.strip().strip('"').strip("'").strip() for item in inner.split(",")]


def parse_file(path: Path, errors: list[str]) -> tuple[dict, str] | None:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        errors.append(f"{path}: missing opening '---'")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        errors.append(f"{path}: missing closing '---'")
        return None
    meta: dict = {}
    for n, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        if ":" not in line:
            errors.append(f"{path}:{n}: not a 'key: value' line")
            continue
        key, _, value = line.partition(":")
        key = key.strip()
        if key in meta:
            errors.append(f"{path}:{n}: duplicate key '{key}'")
        if key in ("tags", "synonyms", "topics", "applies_when"):
            meta[key] = parse_list(value, key, errors, f"{path}:{n}")
        else:
            meta[key] = value.strip()
    body = "\n".join(lines[end + 1:]).strip()
    return meta, body


def count_sentences(body: str) -> int:
    return len(SENT_END_RE.findall(body))


def check(root: Path) -> int:
    errors: list[str] = []
    ids: dict[str, Path] = {}
    per_folder: Counter[str] = Counter()
    files = sorted(p for p in root.rglob("*.md") if p.name != "README.md")
    for path in files:
        parsed = parse_file(path, errors)
        if parsed is None:
            continue
        meta, body = parsed
        folder = path.parent.relative_to(root).as_posix()
        per_folder[folder] += 1
        for key in REQUIRED:
            if key not in meta:
                errors.append(f"{path}: missing key '{key}'")
        pid = meta.get("id", "")
        if pid:
            if not ID_RE.match(pid):
                errors.append(f"{path}: id '{pid}' is not lowercase ASCII dot-separated")
            if pid + ".md" != path.name:
                errors.append(f"{path}: id '{pid}' does not match file name")
            if pid.split(".")[0] != folder.split("/")[0]:
                errors.append(f"{path}: id '{pid}' does not start with folder '{folder}'")
            if pid in ids:
                errors.append(f"{path}: duplicate id '{pid}' (also {ids[pid]})")
            ids[pid] = path
        if not meta.get("title"):
            errors.append(f"{path}: empty title")
        for key in ("tags", "synonyms", "topics"):
            if key in meta and not meta[key]:
                errors.append(f"{path}: '{key}' is empty")
            for item in meta.get(key, []):
                if not item:
                    errors.append(f"{path}: empty item in '{key}'")
        for topic in meta.get("topics", []):
            if topic not in ALLOWED_TOPICS:
                errors.append(f"{path}: topic '{topic}' not in {sorted(ALLOWED_TOPICS)}")
        for cond in meta.get("applies_when", []):
            if not APPLIES_RE.match(cond):
                errors.append(f"{path}: applies_when '{cond}' does not match the grammar")
                continue
            parts = cond.split("&")
            core = [p for p in parts if not MODIFIER_RE.match(p)]
            if len(core) > 1:
                errors.append(f"{path}: applies_when '{cond}' combines two chart conditions; "
                              "only gender:/intent: may be added with '&'")
            kinds = [p.split(":")[0] for p in parts if MODIFIER_RE.match(p)]
            if len(kinds) != len(set(kinds)):
                errors.append(f"{path}: applies_when '{cond}' repeats a modifier")
        if not body:
            errors.append(f"{path}: empty body")
        else:
            n = count_sentences(body)
            if not 3 <= n <= 8:
                errors.append(f"{path}: body has {n} sentences (want 3-8)")
            if not re.search(r"[가-힣]", body):
                errors.append(f"{path}: body is not Korean")

    print("passages per folder:")
    for folder in sorted(per_folder):
        print(f"  {folder:<14} {per_folder[folder]:>4}")
    print(f"  {'total':<14} {sum(per_folder.values()):>4}")
    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK: all passages valid")
    return 0


if __name__ == "__main__":
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    sys.exit(check(base))
