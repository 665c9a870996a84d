//! 궁합 scoring: the two day stems (합·충), the two day branches (육합·삼합·충·원진) and whether each
//! person's scarcest element is the other's strongest (오행 보완). Each reading is a finding with a weight,
//! and a last finding sums them into a score.

wit_bindgen::generate!({ path: "../../wit", world: "plugin" });

use exports::saju::plugin::rules::{Chart, Finding, Guest, PluginInfo, Position};

struct Gunghap;

const STEMS: [&str; 10] = ["갑", "을", "병", "정", "무", "기", "경", "신", "임", "계"];
const BRANCHES: [&str; 12] = ["자", "축", "인", "묘", "진", "사", "오", "미", "신", "유", "술", "해"];
const SCHOOL: &str = "일주 중심 궁합(합충·원진·오행 보완)";

fn day(chart: &Chart) -> Option<(usize, usize)> {
    let p = chart.pillars.iter().find(|p| p.position == Position::Day)?;
    Some((STEMS.iter().position(|s| *s == p.stem.hangul)?, BRANCHES.iter().position(|b| *b == p.branch.hangul)?))
}

fn element_name(code: &str) -> &'static str {
    match code {
        "wood" => "목(木)",
        "fire" => "화(火)",
        "earth" => "토(土)",
        "metal" => "금(金)",
        "water" => "수(水)",
        _ => "",
    }
}

fn finding(code: &str, title: &str, text: String, weight: i32) -> Finding {
    Finding {
        code: code.into(),
        title: title.into(),
        text,
        weight,
        pillars: vec![Position::Day],
        school: SCHOOL.into(),
    }
}

fn stems(a: usize, b: usize) -> Option<Finding> {
    let (sa, sb) = (STEMS[a], STEMS[b]);
    if (a + 5) % 10 == b || (b + 5) % 10 == a {
        return Some(finding(
            "day_stem.combine",
            "일간 천간합",
            format!("두 분의 일간 {sa}과 {sb}는 서로 합하는 사이로 봅니다. 처음부터 끌림이 있고 서로를 묶어 주는 힘이 있습니다."),
            30,
        ));
    }
    if a.abs_diff(b) == 6 {
        return Some(finding(
            "day_stem.clash",
            "일간 천간충",
            format!("두 분의 일간 {sa}과 {sb}는 서로 부딪히는 사이로 봅니다. 생각의 방향이 달라 자극이 되지만, 결정을 함께 내릴 때 속도를 맞추면 좋습니다."),
            -15,
        ));
    }
    None
}

const SIX_COMBINE: [(usize, usize); 6] = [(0, 1), (2, 11), (3, 10), (4, 9), (5, 8), (6, 7)];
const WONJIN: [(usize, usize); 6] = [(0, 7), (1, 6), (2, 9), (3, 8), (4, 11), (5, 10)];

fn pair_in(list: &[(usize, usize)], a: usize, b: usize) -> bool {
    list.iter().any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
}

fn branches(a: usize, b: usize) -> Option<Finding> {
    let (ba, bb) = (BRANCHES[a], BRANCHES[b]);
    let (code, title, reading, weight) = if pair_in(&SIX_COMBINE, a, b) {
        ("day_branch.six_combine", "일지 육합", "배우자 자리끼리 합하니 생활 속에서 서로 맞춰 가기 쉬운 인연으로 봅니다.", 25)
    } else if a != b && a % 4 == b % 4 {
        ("day_branch.three_harmony", "일지 삼합", "배우자 자리가 같은 삼합에 속해 같은 목표를 향해 힘을 모으기 좋은 사이로 봅니다.", 20)
    } else if (a + 6) % 12 == b {
        ("day_branch.clash", "일지 충", "배우자 자리끼리 부딪히니 생활 습관과 속도의 차이가 드러나기 쉽습니다. 서로의 공간을 인정하면 활력이 됩니다.", -25)
    } else if pair_in(&WONJIN, a, b) {
        ("day_branch.wonjin", "일지 원진", "까닭 없이 서운함이 쌓이기 쉬운 사이로 봅니다. 작은 감정도 그때그때 말로 풀면 충분히 넘을 수 있습니다.", -15)
    } else {
        return None;
    };
    Some(finding(code, title, format!("일지 {ba}와 {bb}: {reading}"), weight))
}

/// Each person's scarcest element (fewest visible characters) met by the other's most plentiful.
fn complement(a: &Chart, b: &Chart) -> Vec<Finding> {
    let scarcest = |c: &Chart| c.elements.iter().min_by_key(|e| e.plain).map(|e| e.element.clone());
    let plentiful = |c: &Chart| c.elements.iter().max_by_key(|e| e.plain).map(|e| e.element.clone());
    let mut out = Vec::new();
    for (code, from, to, who) in
        [("element.b_fills_a", b, a, "상대가 나의"), ("element.a_fills_b", a, b, "내가 상대의")]
    {
        if let (Some(need), Some(has)) = (scarcest(to), plentiful(from)) {
            if need == has {
                out.push(finding(
                    code,
                    "오행 보완",
                    format!("{who} 부족한 {} 기운을 넉넉히 갖고 있어 서로를 채워 주는 관계로 봅니다.", element_name(&need)),
                    15,
                ));
            }
        }
    }
    out
}

impl Guest for Gunghap {
    fn metadata() -> PluginInfo {
        PluginInfo {
            id: "gunghap".into(),
            name: "일주 궁합 점수".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            school: SCHOOL.into(),
            description: "두 사람의 일간 합·충, 일지 육합·삼합·충·원진, 오행 보완을 보고 궁합 점수를 매깁니다.".into(),
            intents: vec!["compatibility".into(), "love".into()],
        }
    }

    fn interpret(_chart: Chart) -> Vec<Finding> {
        Vec::new()
    }

    fn compatibility(a: Chart, b: Chart) -> Vec<Finding> {
        let (Some((sa, ba)), Some((sb, bb))) = (day(&a), day(&b)) else { return Vec::new() };
        let mut out: Vec<Finding> = stems(sa, sb).into_iter().chain(branches(ba, bb)).collect();
        out.extend(complement(&a, &b));
        let score = (50 + out.iter().map(|f| f.weight).sum::<i32>() / 2).clamp(0, 100);
        let verdict = match score {
            70.. => "서로 잘 맞는 편입니다",
            45..=69 => "노력에 따라 충분히 좋아질 수 있는 사이입니다",
            _ => "다른 점이 많아 서로를 이해하려는 노력이 필요한 사이입니다",
        };
        out.push(finding(
            "score",
            "궁합 점수",
            format!("일주와 오행으로 본 궁합 점수는 100점 중 {score}점으로, {verdict}. 궁합은 참고일 뿐 두 사람의 노력이 더 중요합니다."),
            score * 2 - 100,
        ));
        out
    }
}

export!(Gunghap);
