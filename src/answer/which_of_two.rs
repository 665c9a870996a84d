//! Questions that weigh two people against each other, from both charts: "누가 돈 관리하는 게 나아요?",
//! "집을 누구 명의로 하면 좋아요?", "둘 중에 누가 사업하는 게 맞아요?", "둘 중에 누가 공부 쪽이에요?",
//! "싸우면 누가 더 참아요?", "누가 먼저 장가갈까요?", "아이는 언제 갖는 게 둘 다한테 좋아요?".
//!
//! Each kind has one documented rule, scored on both charts the same way; the reply names the one it picks,
//! why, with both charts' facts side by side, and what the other one brings.

use super::findings::group_count;
use super::plans::Plan;
use super::timing::{score_years, YearScore};
use super::TimingTopic;
use crate::saju::chart::Chart;
use crate::saju::derive::TenGodGroup as G;
use crate::saju::ganzhi::Element;
use crate::saju::josa::with_particle;

/// What the question weighs the two on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Money,
    Abroad,
    Salary,
    Care,
    Title,
    Business,
    Study,
    Yields,
    First(TimingTopic),
    When(TimingTopic),
}

/// The kinds a question's words name, the first that matches winning (a deed's name before money, money before
/// business: "가게 명의", "가게 돈 관리").
const KINDS: &[(&[&str], Kind)] = &[
    (&["명의", "누구 이름"], Kind::Title),
    (
        &[
            "돈 관리",
            "돈관리",
            "경제권",
            "경제는",
            "경제를",
            "살림",
            "재무",
            "통장",
            "가계부",
            "돈을 더 잘",
            "돈을 잘 지키",
            "지갑",
        ],
        Kind::Money,
    ),
    (&["해외", "외국", "이민", "유학"], Kind::Abroad),
    (
        &["고정수입", "고정 수입", "월급", "회사 다니", "회사를 다니", "직장 다니", "회사 계속", "안정적인 일"],
        Kind::Salary,
    ),
    (&["모실", "모시", "돌볼", "돌봐", "부양", "간병"], Kind::Care),
    (&["먼저 장가", "먼저 시집", "먼저 결혼", "결혼 먼저", "장가 먼저", "시집 먼저"], Kind::First(TimingTopic::Love)),
    (&["사업", "장사", "창업", "가게", "물려받", "자영업"], Kind::Business),
    (&["공부", "학업", "시험", "성적"], Kind::Study),
    (
        &[
            "참고",
            "참아",
            "참는",
            "숙여",
            "숙이",
            "양보",
            "져 주",
            "져주",
            "맞춰 주",
            "맞춰주",
            "먼저 풀",
            "먼저 사과",
            "먼저 연락",
            "먼저 다가",
        ],
        Kind::Yields,
    ),
];

fn kind_of(question: &str, area: Option<TimingTopic>) -> Option<Kind> {
    let has = |ws: &[&str]| ws.iter().any(|w| question.contains(w));
    if let Some((_, kind)) = KINDS.iter().find(|(words, _)| has(words)) {
        return Some(*kind);
    }
    if has(&["언제", "몇 년", "몇년", "시기"]) {
        let area = if has(&["아이", "아기", "임신", "자녀", "출산"]) {
            TimingTopic::Children
        } else if has(&["결혼", "식 올", "혼인"]) {
            TimingTopic::Love
        } else if has(&["집", "이사", "매매", "분양"]) {
            TimingTopic::Move
        } else {
            area.unwrap_or(TimingTopic::General)
        };
        return Some(Kind::When(area));
    }
    None
}

/// The plan for a question weighing `a` against `b` (named `names`), when it is one of the kinds above; `others`:
/// neither is the user, and any question of one of the kinds is about both. The years: this one and the one asked.
pub fn plan(
    a: &Chart,
    b: &Chart,
    names: (&str, &str),
    question: &str,
    area: Option<TimingTopic>,
    (this_year, year): (i32, i32),
    others: bool,
) -> Option<Plan> {
    // (Two people neither of whom is the user: "내려가신다면 언제가 좋아요?" after their 궁합 asks for both.)
    if !super::wording::asks_which_of_two(question) && !others {
        return None;
    }
    let kind = kind_of(question, area)?;
    let (an, bn) = names;
    Some(match kind {
        Kind::Money => pick(a, b, names, money, "돈 관리는", "재물을 쥐고 지키는 힘"),
        Kind::Business => pick(a, b, names, business, "사업·장사는", "벌이는 재능과 그것을 감당할 힘"),
        Kind::Study => pick(a, b, names, study, "공부 쪽은", "배우고 인정받는 기운"),
        Kind::Abroad => pick(a, b, names, abroad, "해외 생활은", "움직이고 새 터전에서 기회를 잡는 기운"),
        Kind::Salary => pick(a, b, names, salary, "고정 수입이 있는 자리는", "조직과 규칙 안에서 꾸준히 쌓는 기운"),
        Kind::Care => {
            pick(a, b, names, care, "곁에서 모시고 돌보는 일은", "어른을 잇는 인성과 살뜰히 챙기는 식신의 기운")
        }
        Kind::Title => title(a, b, names, year),
        Kind::Yields => yields(a, b, an, bn),
        Kind::First(area) => first(a, b, names, area, this_year),
        Kind::When(area) => together(a, b, names, area, this_year),
    })
}

fn count(chart: &Chart, name: &str) -> u32 {
    let p = &chart.pillars;
    [Some(&p.year), Some(&p.month), Some(&p.day), p.hour.as_ref()]
        .into_iter()
        .flatten()
        .flat_map(|x| [x.stem.ten_god.as_ref().map(|t| t.hangul), Some(x.branch.ten_god.hangul)])
        .flatten()
        .filter(|g| *g == name)
        .count() as u32
}

fn strong(chart: &Chart) -> bool {
    !chart.strength.verdict.is_weak()
}

/// 재성 held by a day master strong enough to carry it (신강재왕), steady money (정재) counted once more,
/// and many 비겁 (money shared and spent) counted against.
fn money(c: &Chart) -> (f32, String) {
    let jae = group_count(c, G::JaeSeong);
    let bi = group_count(c, G::BiGeop);
    let jeong = count(c, "정재");
    let score = jae.min(3) as f32 + if strong(c) { 2.0 } else { 0.0 } + if jeong > 0 { 1.0 } else { 0.0 }
        - if bi >= 3 { 1.5 } else { 0.0 };
    let mut why = format!("재성 {jae}개(정재 {jeong}), 일간 {}", c.strength.verdict.hangul());
    if bi >= 3 {
        why.push_str(&format!(", 비겁 {bi}개"));
    }
    (score, why)
}

/// The talent that earns (식상) and the money it earns (재성), both present (식상생재), and the strength to
/// carry them.
fn business(c: &Chart) -> (f32, String) {
    let (sik, jae) = (group_count(c, G::SikSang), group_count(c, G::JaeSeong));
    let score = sik.min(3) as f32
        + jae.min(3) as f32
        + if sik > 0 && jae > 0 { 1.0 } else { 0.0 }
        + if strong(c) { 2.0 } else { 0.0 };
    (score, format!("식상 {sik}개·재성 {jae}개, 일간 {}", c.strength.verdict.hangul()))
}

/// 인성 (learning) and 관성 (exams, recognition).
fn study(c: &Chart) -> (f32, String) {
    let (ins, gwan) = (group_count(c, G::InSeong), group_count(c, G::GwanSeong));
    let score = ins.min(3) as f32 * 1.5 + gwan.min(3) as f32 + if ins > 0 && gwan > 0 { 1.0 } else { 0.0 };
    (score, format!("인성 {ins}개·관성 {gwan}개"))
}

/// 역마 (moving), 편재 (money far from home) and 식상 (going out to act).
fn abroad(c: &Chart) -> (f32, String) {
    let yeokma = c.shinsal.iter().any(|s| s.code == "yeokma");
    let (pj, sik) = (count(c, "편재"), group_count(c, G::SikSang));
    let score = if yeokma { 2.5 } else { 0.0 } + pj.min(2) as f32 + sik.min(3) as f32 * 0.5;
    (score, format!("역마 {}, 편재 {pj}개, 식상 {sik}개", if yeokma { "있음" } else { "없음" }))
}

/// 정관 and 정인 (a post and its papers, 관인) and 정재 (steady pay), against 상관 and 편재 (one's own way).
fn salary(c: &Chart) -> (f32, String) {
    let (gw, ji, jj) = (count(c, "정관"), count(c, "정인"), count(c, "정재"));
    let (sg, pj) = (count(c, "상관"), count(c, "편재"));
    let score =
        gw.min(2) as f32 * 1.5 + ji.min(2) as f32 + jj.min(2) as f32 - sg.min(2) as f32 * 0.75 - pj.min(2) as f32 * 0.5;
    (score, format!("정관 {gw}·정인 {ji}·정재 {jj}, 상관 {sg}·편재 {pj}"))
}

/// 인성 (the mother's star: the bond with the elder) and 식신 (looking after others), with the strength to
/// carry a household.
fn care(c: &Chart) -> (f32, String) {
    let (ins, sik) = (group_count(c, G::InSeong), count(c, "식신"));
    let score = ins.min(3) as f32 + sik.min(2) as f32 + if strong(c) { 1.0 } else { 0.0 };
    (score, format!("인성 {ins}개·식신 {sik}개, 일간 {}", c.strength.verdict.hangul()))
}

fn pick(
    a: &Chart,
    b: &Chart,
    (an, bn): (&str, &str),
    rule: fn(&Chart) -> (f32, String),
    what: &str,
    measure: &str,
) -> Plan {
    let ((sa, wa), (sb, wb)) = (rule(a), rule(b));
    let body = [format!("- {an}: {wa}."), format!("- {bn}: {wb}.")];
    let (win, lose) = if sa >= sb { (an, bn) } else { (bn, an) };
    let head = if (sa - sb).abs() < 0.75 {
        format!(
            "{what} 두 분이 비슷해서, 한 사람에게 다 맡기기보다 큰 결정은 함께 하고 일상은 {win} 쪽이 맡는 편을 권해요. 사주로 보면 {measure}이 근소하게 더 있는 쪽이 {win}입니다."
        )
    } else {
        format!(
            "{what} {win} 쪽이 맞습니다. 두 사주를 나란히 놓으면 {measure}이 {win} 쪽에 더 있어요. {} 옆에서 점검하고 보완하는 역할이 잘 맞습니다.",
            with_particle(lose, "은", "는"),
        )
    };
    Plan { head, body: body.join("\n") }
}

/// 명의: the year of the deed's 문서 (인성) and money (재성) for each, against a clash on the day pillar.
fn title(a: &Chart, b: &Chart, (an, bn): (&str, &str), year: i32) -> Plan {
    let of = |c: &Chart| -> (f32, String) {
        let s = &score_years(c, TimingTopic::Wealth, year, 1)[0];
        let gods = [s.stem_ten_god, s.branch_ten_god];
        let doc = gods.iter().filter(|g| g.ends_with("인")).count() as f32;
        let money = gods.iter().filter(|g| g.ends_with("재")).count() as f32;
        let score = doc * 2.0 + money + s.score * 0.25 - s.cautions.len() as f32;
        let mut why = format!("{year}년({})이 천간 {}·지지 {}", s.pillar_hangul, s.stem_ten_god, s.branch_ten_god);
        if doc > 0.0 {
            why.push_str(" — 문서의 별(인성)이 드는 해");
        } else if money > 0.0 {
            why.push_str(" — 재물의 별(재성)이 드는 해");
        }
        if let Some(c) = s.cautions.first() {
            why.push_str(&format!(", 다만 {c}"));
        }
        (score, why)
    };
    let ((sa, wa), (sb, wb)) = (of(a), of(b));
    let win = if sa >= sb { an } else { bn };
    let head = format!(
        "{year}년에 산다면 사주로는 {} 명의가 낫습니다. 그해 문서와 재물의 기운이 {} 쪽에 더 실려요.",
        win, win
    );
    let body = [
        format!("- {an}: {wa}."),
        format!("- {bn}: {wb}."),
        "- 명의는 사주보다 세금·대출 조건(생애 첫 주택, 공동명의)이 먼저 정하는 일이라, 은행과 세무사에게 함께 확인해 보세요."
            .to_string(),
    ];
    Plan { head, body: body.join("\n") }
}

fn element_of(chart: &Chart) -> Option<Element> {
    Element::ALL.into_iter().find(|e| e.code() == chart.day_master.element)
}

/// Who gives way: the day master the other's controls (극) feels the pressure and bends first; between two
/// that do not control each other, the weaker one.
fn yields(a: &Chart, b: &Chart, an: &str, bn: &str) -> Plan {
    let (Some(ea), Some(eb)) = (element_of(a), element_of(b)) else {
        return Plan { head: "두 사주의 일간을 읽지 못했어요.".into(), body: String::new() };
    };
    let (da, db) = (&a.day_master.name, &b.day_master.name);
    // "갑목(甲木)를" → the particle follows the spoken name.
    let obj = |n: &str| {
        let spoken = n.split('(').next().unwrap_or(n);
        format!("{n}{}", &with_particle(spoken, "을", "를")[spoken.len()..])
    };
    let subj = |n: &str| {
        let spoken = n.split('(').next().unwrap_or(n);
        format!("{n}{}", &with_particle(spoken, "이", "가")[spoken.len()..])
    };
    let (da_s, db_s, da_o, db_o) = (subj(da), subj(db), obj(da), obj(db));
    let (giver, why) = if ea.controls() == eb {
        (
            bn,
            format!(
                "{an}의 일간 {da_s} {bn}의 일간 {db_o} 극하는 관계라, 부딪히면 {bn} 쪽이 눌리는 마음으로 참기 쉽습니다"
            ),
        )
    } else if eb.controls() == ea {
        (
            an,
            format!(
                "{bn}의 일간 {db_s} {an}의 일간 {da_o} 극하는 관계라, 부딪히면 {an} 쪽이 눌리는 마음으로 참기 쉽습니다"
            ),
        )
    } else if ea.produces() == eb {
        (an, format!("{an}의 일간 {da_s} {bn}의 일간 {db_o} 생하는 관계라, {an} 쪽이 내어 주고 맞춰 주는 편입니다"))
    } else if eb.produces() == ea {
        (bn, format!("{bn}의 일간 {db_s} {an}의 일간 {da_o} 생하는 관계라, {bn} 쪽이 내어 주고 맞춰 주는 편입니다"))
    } else {
        let weaker = if a.strength.score <= b.strength.score { an } else { bn };
        (weaker, format!("두 일간({da}, {db})이 같은 기운이라 기가 비슷하게 맞서고, 일간의 힘이 약한 {weaker} 쪽이 먼저 물러서기 쉽습니다"))
    };
    let head = format!("사주로는 {} 더 참는 쪽으로 읽힙니다.", with_particle(giver, "이", "가"));
    let body = [
        format!("- {why}."),
        format!("- {an}: 일간 {da}, {}. {bn}: 일간 {db}, {}.", a.strength.verdict.hangul(), b.strength.verdict.hangul()),
        "- 참는 쪽이 늘 정해져 있으면 서운함이 쌓여요. 참는 사람이 말할 자리를 일부러 만들어 주는 것이 두 분에게 가장 필요한 일입니다."
            .to_string(),
    ];
    Plan { head, body: body.join("\n") }
}

fn first_good(c: &Chart, area: TimingTopic, this_year: i32) -> Option<YearScore> {
    score_years(c, area, this_year, super::plans::TIMING_YEARS).into_iter().find(|s| s.score >= 2.0)
}

/// Who marries first: the first year within ten whose marriage score is strong, for each.
fn first(a: &Chart, b: &Chart, (an, bn): (&str, &str), area: TimingTopic, this_year: i32) -> Plan {
    let (fa, fb) = (first_good(a, area, this_year), first_good(b, area, this_year));
    let line = |name: &str, f: &Option<YearScore>| match f {
        Some(s) => format!(
            "- {name}: 가장 가까운 인연의 해는 {}년({}), {}.",
            s.year,
            s.pillar_hangul,
            super::plans::reasons_text(s, 1)
        ),
        None => format!(
            "- {name}: 앞으로 10년 안에 두드러진 인연의 해가 없어, 때보다 만남의 자리를 넓히는 쪽이 중요합니다."
        ),
    };
    let head = match (&fa, &fb) {
        (Some(x), Some(y)) if x.year == y.year => {
            format!(
                "두 분 모두 {}년({})에 인연의 기운이 들어, 사주로는 누가 먼저라고 가르기 어렵습니다.",
                x.year, x.pillar_hangul
            )
        }
        (Some(x), Some(y)) => {
            let (w, s) = if x.year < y.year { (an, x) } else { (bn, y) };
            format!(
                "사주로는 {} 먼저일 가능성이 큽니다. 인연의 해가 {}년({})으로 더 빨리 옵니다.",
                with_particle(w, "이", "가"),
                s.year,
                s.pillar_hangul
            )
        }
        (Some(x), None) => format!(
            "사주로는 {} 먼저일 가능성이 큽니다. {}년({})에 인연의 기운이 뚜렷해요.",
            with_particle(an, "이", "가"),
            x.year,
            x.pillar_hangul
        ),
        (None, Some(y)) => format!(
            "사주로는 {} 먼저일 가능성이 큽니다. {}년({})에 인연의 기운이 뚜렷해요.",
            with_particle(bn, "이", "가"),
            y.year,
            y.pillar_hangul
        ),
        (None, None) => {
            "두 분 모두 앞으로 10년 안에 두드러진 인연의 해가 보이지 않아, 사주로 순서를 가르기 어렵습니다.".to_string()
        }
    };
    Plan { head, body: [line(an, &fa), line(bn, &fb)].join("\n") }
}

/// A time good for both: the years of the next ten scored on both charts, the best sum with neither below
/// zero.
fn together(a: &Chart, b: &Chart, (an, bn): (&str, &str), area: TimingTopic, this_year: i32) -> Plan {
    let n = super::plans::TIMING_YEARS;
    let (ya, yb) = (score_years(a, area, this_year, n), score_years(b, area, this_year, n));
    let mut both: Vec<(&YearScore, &YearScore)> =
        ya.iter().zip(yb.iter()).filter(|(x, y)| x.score >= 0.0 && y.score >= 0.0).collect();
    both.sort_by(|(x1, y1), (x2, y2)| {
        (x2.score + y2.score).total_cmp(&(x1.score + y1.score)).then(x1.year.cmp(&x2.year))
    });
    let label = match area {
        TimingTopic::Love => "결혼",
        TimingTopic::Children => "아이를 갖기",
        TimingTopic::Move => "집을 옮기기",
        TimingTopic::Career => "일을 옮기기",
        TimingTopic::Wealth => "재물",
        TimingTopic::Study => "공부",
        TimingTopic::General => "큰일을 하기",
    };
    let Some((x, y)) = both.first().copied() else {
        return Plan {
            head: format!("앞으로 10년 안에 두 분 모두에게 {label}에 편한 해가 겹치지 않아, 한 분에게 좋은 해를 고르고 다른 분이 무리하지 않게 돕는 쪽을 권해요."),
            body: String::new(),
        };
    };
    let mut head = format!("두 분 모두에게 {label}에 무난하게 맞는 때는 {}년({})입니다.", x.year, x.pillar_hangul);
    if let Some((x2, _)) = both.get(1) {
        head.push_str(&format!(" 다음으로는 {}년({})이 좋습니다.", x2.year, x2.pillar_hangul));
    }
    let why = |name: &str, s: &YearScore| {
        let mut line = format!("- {name}: {}년은 {}", s.year, s.verdict());
        if !s.reasons.is_empty() {
            line.push_str(&format!(" — {}", super::plans::reasons_text(s, 1)));
        }
        if let Some(c) = s.cautions.first() {
            line.push_str(&format!(" (다만 {c})"));
        }
        line.push('.');
        line
    };
    Plan { head, body: [why(an, x), why(bn, y)].join("\n") }
}
