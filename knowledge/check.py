#!/usr/bin/env python3
"""Validate the saju knowledge base (stdlib only, Python 3.11).

Usage: python3 knowledge/check.py [KNOWLEDGE_DIR]
       python3 knowledge/check.py --self-test   # runs the condition lint on built-in bad/good examples

Checks every passage file (knowledge/<folder>/<id>.md):
  * front matter between '---' lines parses (key: value, inline lists)
  * required keys present: id, title, tags, synonyms, topics, applies_when
  * ids are unique, ASCII, dot-separated, equal to the file name, and start
    with the folder name
  * body has 3-8 sentences (rough count of sentence-ending punctuation)
  * tags, synonyms, topics are non-empty; topics come from the allowed list
  * every applies_when string matches the findings grammar; '&' joins atoms
    (all-of), no atom twice, at most one value per single-valued kind
    (month_branch, day_stem, day_pillar, strength, gender, intent)
  * condition lint: a sentence that names a season of birth or an element
    being missing/many must be guaranteed by every applies_when string
    (see CONDITION LINT below and the README's check.py section)
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
    f"today:{TEN_GOD}",
]) + ")"
MODIFIER = f"(?:gender:(?:male|female)|intent:{INTENT})"
ATOM = f"(?:{CONDITION}|{MODIFIER})"
# One string = atoms joined by '&', all of which must hold (all-of). Several chart
# conditions may be joined ("element_missing:water&month_branch:오").
APPLIES_RE = re.compile(f"^{ATOM}(?:&{ATOM})*$")
MODIFIER_RE = re.compile(f"^{MODIFIER}$")

# A sentence ends with . ! ? (or their full-width forms) followed by space, a
# closing quote/bracket, or the end of the text. Digits before '.' (e.g. "1.")
# are not sentence ends.
SENT_END_RE = re.compile(r"(?<![0-9])[.!?。！？](?=[\s\"'”’)\]]|$)")


# Kinds of which a chart has exactly one value: joining two of them never holds.
SINGLE_VALUED = {"month_branch", "day_stem", "day_pillar", "strength", "gender", "intent"}

# --- CONDITION LINT -------------------------------------------------------
# A passage is quoted whenever ANY applies_when string holds, so a sentence
# that names a chart condition must be true for EVERY string. This lint knows
# two families of conditions, each as a small explicit table of Korean phrases:
#   * the season of birth (the month branch): "여름에 태어…", "겨울생", "인월생" …
#   * an element being missing or many: "물이 없…", "화가 부족…", "토가 많…",
#     "금 기운이 지나치…" …
# Exempt (they never describe the user's chart): passages in terms/; passages
# whose every applies_when string carries intent:term (quoted only for term
# questions); and search-only passages (applies_when: []) in elements/, the
# general element theory (nature, 상생, 상극), which may describe what an
# excess or lack of an element does in general. Every other passage — also
# any other applies_when: [] passage, since search can bring it to any
# chart — must have each stated condition in every applies_when string.
SEASON_BRANCHES = {"봄": "인묘진", "여름": "사오미", "가을": "신유술", "겨울": "해자축"}
_BIRTH = r"(?:에 태어|생|\s?출생|\s?사주)"
SEASON_PHRASES = [(re.compile(rf"(?<![가-힣])(?:초|한|늦)?{name}{_BIRTH}"), branches)
                  for name, branches in SEASON_BRANCHES.items()] + [
    (re.compile(r"(?:추운|차가운|찬) 계절에 태어"), SEASON_BRANCHES["겨울"]),
    (re.compile(r"(?:더운|뜨거운) 계절에 태어"), SEASON_BRANCHES["여름"]),
]
MONTH_BIRTH_RE = re.compile(r"(?<![가-힣])([자축인묘진사오미신유술해])월(?:에 태어|생)")
ELEMENT_WORDS = {"wood": "목|나무", "fire": "화|불", "earth": "토|흙", "metal": "금|쇠", "water": "수|물"}
_ELEM = r"(?<![가-힣])(?:{w})(?:\([木火土金水]\))?(?:의 기운| 기운)?(?:이|가|은|는)?\s?"
ELEMENT_PHRASES = []
for _code, _words in ELEMENT_WORDS.items():
    ELEMENT_PHRASES.append((re.compile(_ELEM.format(w=_words) + r"(?:없|부족|모자라|보이지 않|드러나지 않)"),
                            f"element_missing:{_code}"))
    ELEMENT_PHRASES.append((re.compile(_ELEM.format(w=_words) + r"(?:많|넘치|넘쳐|과다|과하|지나치|두터)"),
                            f"element_excess:{_code}"))


def split_sentences(body: str) -> list[str]:
    out, start = [], 0
    for m in SENT_END_RE.finditer(body):
        out.append(body[start:m.end()].strip())
        start = m.end()
    if body[start:].strip():
        out.append(body[start:].strip())
    return out


def is_bound_noun_su(sentence: str, start: int) -> bool:
    """'할 수 없다': 수 after a word ending in ㄹ is the bound noun, not the element 수(水)."""
    if sentence[start] != "수" or start < 2 or sentence[start - 1] != " ":
        return False
    prev = sentence[start - 2]
    return "가" <= prev <= "힣" and (ord(prev) - 0xAC00) % 28 == 8


def lint_exempt(folder: str, applies: list[str]) -> bool:
    top = folder.split("/")[0]
    if top == "terms":
        return True
    if applies and all("intent:term" in c.split("&") for c in applies):
        return True
    return not applies and top == "elements"


def lint_conditions(folder: str, applies: list[str], body: str) -> list[str]:
    """Sentences stating a season or element condition that some applies_when string lacks."""
    if lint_exempt(folder, applies):
        return []
    strings = [c.split("&") for c in applies]
    problems = []
    for sentence in split_sentences(body):
        needs: list[tuple[str, set[str]]] = []  # (what, acceptable atoms)
        for rx, branches in SEASON_PHRASES:
            for m in rx.finditer(sentence):
                needs.append((m.group(0), {f"month_branch:{b}" for b in branches}
                              | {f"branch:{b}@month_branch" for b in branches}))
        for m in MONTH_BIRTH_RE.finditer(sentence):
            b = m.group(1)
            needs.append((m.group(0), {f"month_branch:{b}", f"branch:{b}@month_branch"}))
        for rx, atom in ELEMENT_PHRASES:
            for m in rx.finditer(sentence):
                if not is_bound_noun_su(sentence, m.start()):
                    needs.append((m.group(0), {atom}))
        for phrase, atoms in needs:
            if not strings or any(not atoms & set(parts) for parts in strings):
                ordered = sorted(atoms, key=lambda a: (not a.startswith(("month_branch", "element")), a))
                want = " or ".join(ordered[:3]) + (" …" if len(atoms) > 3 else "")
                problems.append(f"sentence states '{phrase}' but not every applies_when string "
                                f"guarantees it (needs {want}): {sentence[:60]}…")
    return problems


def self_test() -> int:
    """Feeds the condition lint known-bad and known-good passages; exit 1 on a miss."""
    original_water_missing = (  # elements.water.missing as first published
        "사주에 수(水)가 없으면 멈추어 돌아보고 쉬어 가는 힘, 상황에 맞춰 유연하게 흘러가는 힘이 부족하기 쉽다고 봅니다. "
        "대신 행동이 빠르고 결과 중심이라 추진력 있는 사람으로 평가받는 경우가 많습니다. "
        "특히 여름에 태어나 물이 없다면 조후(調候)의 관점에서 열기를 식혀 줄 기운이 필요하다고 해석하며, "
        "대운이나 세운에서 수가 올 때를 숨을 고르고 재정비하는 때로 읽기도 합니다.")
    bad = [
        ("elements", ["element_missing:water"], original_water_missing),
        ("topics", ["intent:health&element_excess:fire", "intent:health&element_missing:fire"],
         "화가 지나치면 열이 오릅니다. 반대로 화가 부족한 경우에는 햇볕을 쬐면 좋습니다."),
        ("strength", ["favourable:fire"], "차가운 계절에 태어나 화가 용신이라면 따뜻함이 힘이 됩니다."),
        ("shinsal", [], "겨울생은 차분합니다."),
        ("branches", ["month_branch:축"], "인월생은 시작하는 힘이 강합니다."),
        ("branches", ["month_branch:묘"], "목 기운이 지나치면 고집으로 흐릅니다."),
        ("strength", ["month_branch:해"], "불이 없더라도 운에서 화가 오면 살아납니다."),
        ("elements", ["element_missing:water&month_branch:사", "element_missing:water"],
         "여름에 태어나 물이 없으면 열기를 식힐 기운이 아쉽습니다."),
    ]
    good = [
        ("elements", [f"element_missing:water&month_branch:{b}" for b in "사오미"],
         "여름에 태어났는데 수(水)가 보이지 않으면 열기를 식힐 기운이 아쉽습니다."),
        ("strength", ["intent:term"], "한겨울에 태어나 차가운 사주는 불이 필요합니다."),
        ("terms", [], "겨울생은 차분하다고들 합니다."),
        ("elements", [], "물이 넘치면 흩어지고 불이 지나치면 태웁니다."),
        ("topics", ["intent:love"], "대화가 많은 관계, 결과물이 없는 날, 지금이 많이 힘든 때도 있습니다."),
        ("relations", [], "원진 하나로 관계를 정할 수는 없으며, 단정할 수 없는 일입니다."),
        ("branches", ["month_branch:자"], "자월생은 겨울생답게 차분하고, 한여름인 오월보다 조용합니다."),
        ("topics", ["intent:health&element_missing:earth"], "사주에 토가 부족하면 식사가 불규칙해지기 쉽습니다."),
    ]
    failures = 0
    for folder, applies, body in bad:
        if not lint_conditions(folder, applies, body):
            print(f"self-test: lint missed a bad passage {applies}: {body[:40]}…", file=sys.stderr)
            failures += 1
    for folder, applies, body in good:
        for problem in lint_conditions(folder, applies, body):
            print(f"self-test: lint flagged a good passage {applies}: {problem}", file=sys.stderr)
            failures += 1
    if failures:
        print(f"self-test: {failures} failure(s)", file=sys.stderr)
        return 1
    print(f"self-test: OK ({len(bad)} bad passages caught, {len(good)} good passages pass)")
    return 0


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
            if len(parts) != len(set(parts)):
                errors.append(f"{path}: applies_when '{cond}' repeats an atom")
            kinds = [p.split(":")[0] for p in parts if p.split(":")[0] in SINGLE_VALUED]
            if len(kinds) != len(set(kinds)):
                errors.append(f"{path}: applies_when '{cond}' joins two values of one kind "
                              "(it can never hold)")
        errors.extend(f"{path}: {e}" for e in lint_conditions(
            folder, meta.get("applies_when", []), body))
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
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    base = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    sys.exit(check(base))
