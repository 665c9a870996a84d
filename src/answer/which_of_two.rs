//! Questions that weigh two people against each other, from both charts: "누가 돈 관리하는 게 나아요?",
//! "집을 누구 명의로 하면 좋아요?", "둘 중에 누가 사업하는 게 맞아요?", "둘 중에 누가 공부 쪽이에요?",
//! "싸우면 누가 더 참아요?", "누가 먼저 장가갈까요?", "아이는 언제 갖는 게 둘 다한테 좋아요?".
//!
//! Each kind has one documented rule, scored on both charts the same way; the reply names the one it picks,
//! why, with both charts' facts side by side, and what the other one brings.

use super::findings::group_count;
use super::plans::Plan;
use super::timing::{area_name, calendar_months, score_years, MonthScore, YearScore};
use super::TimingTopic;
use crate::saju::chart::Chart;
use crate::saju::derive::TenGodGroup as G;
use crate::saju::ganzhi::Element;
use crate::saju::josa::{with_particle, with_ro};

/// What the question weighs the two on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Money,
    Abroad,
    Salary,
    Care,
    /// Who leads a child's education.
    Education,
    Title,
    Business,
    Study,
    Yields,
    First(TimingTopic),
    When(TimingTopic),
    /// "내년 몇 월이 둘한테 다 괜찮아요?": the months of one year good for both.
    Months(TimingTopic),
    /// "올해 남은 한달이랑 내년 부부운은 어때요": one year read on both charts, side by side.
    Year(TimingTopic),
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
    (&["교육", "육아", "훈육", "애 공부", "아이 공부", "숙제"], Kind::Education),
    (&["사업", "장사", "창업", "가게", "물려받", "자영업", "버는", "벌어", "벌이", "돈벌"], Kind::Business),
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
    let area = || {
        if has(&["아이", "아기", "임신", "자녀", "출산"]) {
            TimingTopic::Children
        } else if has(&["결혼", "식 올", "혼인", "부부운", "부부 운", "관계"]) {
            TimingTopic::Love
        } else if has(&["집", "이사", "매매", "분양"]) {
            TimingTopic::Move
        } else if has(&["일이", "일도", "직장", "이직", "오픈", "개업", "시작", "동업", "창업", "가게", "카페", "사업"])
        {
            TimingTopic::Career
        } else if has(&["돈", "재물"]) {
            TimingTopic::Wealth
        } else {
            area.unwrap_or(TimingTopic::General)
        }
    };
    // (Seasons and halves of a year weighed are a comparison of periods, not a question for both; a divorce or a
    // breakup is a decision the 궁합's own plans answer.)
    // ("언제쯤 괜찮아져요?": when the user feels better is their own.)
    if has(&["봄", "여름", "가을", "겨울", "상반기", "하반기", "연초", "연말", "이혼", "헤어", "별거"])
        || has(&["나아질", "나아져", "괜찮아져", "괜찮아질", "좋아질", "좋아져", "회복", "풀릴까", "풀려요"])
    {
        return None;
    }
    const MONTHS: &[&str] = &[
        "몇 월",
        "몇월",
        "어느 달",
        "무슨 달",
        "좋은 달",
        "괜찮은 달",
        "풀리는 달",
        "맞는 달",
        "겹치는 달",
        "달이 겹",
        "달이 있",
        "달 있",
    ];
    if has(MONTHS) {
        return Some(Kind::Months(area()));
    }
    // ("언제 시작하는 게 좋아요? 내년? 후년?": the two years said are the choice.)
    if years_named(question, 0).len() >= 2 {
        return Some(Kind::Year(area()));
    }
    if has(&["언제", "몇 년", "몇년", "시기"]) {
        return Some(Kind::When(area()));
    }
    if super::wording::names_year(question) {
        return Some(Kind::Year(area()));
    }
    None
}

/// The years a question names, in the order said ("내년에 가는 게 좋을까요 후년이 좋을까요" → 2027, 2028).
fn years_named(question: &str, this_year: i32) -> Vec<i32> {
    let mut found: Vec<(usize, i32)> = Vec::new();
    for (word, offset) in [("올해", 0), ("내년", 1), ("내후년", 3), ("후년", 2), ("재작년", -2), ("작년", -1)]
    {
        let mut from = 0;
        while let Some(i) = question[from..].find(word) {
            let at = from + i;
            // ("내후년" holds "후년"; "재작년" holds "작년".)
            let inside = (word == "후년" && question[..at].ends_with("내"))
                || (word == "작년" && question[..at].ends_with("재"));
            if !inside {
                found.push((at, this_year + offset));
            }
            from = at + word.len();
        }
    }
    found.extend(super::wording::four_digit_years(question));
    found.sort_unstable();
    let mut years: Vec<i32> = Vec::new();
    for (_, y) in found {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years
}

/// Whether a question about the user and the second person together is one this module answers from both
/// charts (a pick, a time good for both, a year side by side).
/// `said_both`: the question says it is about the two ("둘 다", "부부운"); without it (a conversation about the
/// two going on), only "언제", "몇 월" and two years weighed are, not one year named ("올해 … 하는 게 맞아요?" is
/// the user's).
pub fn weighs_both(question: &str, said_both: bool) -> bool {
    match kind_of(question, None) {
        // ("가면 내년이 좋을까요 후년이 좋을까요": two years weighed for the two going on.)
        Some(Kind::Year(_)) => said_both || years_named(question, 0).len() >= 2,
        Some(kind) => kind.is_time(),
        None => false,
    }
}

impl Kind {
    /// A question of time (a year, months, a time good for both): asked of the two together without "누가".
    fn is_time(self) -> bool {
        matches!(self, Kind::When(_) | Kind::Months(_) | Kind::Year(_))
    }
}

/// The time a question is asked in and about.
#[derive(Debug, Clone, Copy)]
pub struct When {
    /// The calendar year and month of today.
    pub now: i32,
    pub month: u32,
    /// The first year a plan made today can still use ([`super::plans::open_year`]).
    pub open: i32,
    /// The year the question is about (the open one when it names none).
    pub asked: i32,
}

/// The plan for a question weighing `a` against `b` (named `names`), when it is one of the kinds above; `both`:
/// the conversation asks about the two together (neither is the user, or the user and the second person were
/// kept for this question), and any question of one of the kinds is about both. The years: the first one a plan
/// can still use and the one asked (`now`, the calendar year, reads "내년" and "후년" in the question).
pub fn plan(
    a: &Chart,
    b: &Chart,
    names: (&str, &str),
    question: &str,
    area: Option<TimingTopic>,
    when: When,
    both: bool,
) -> Option<Plan> {
    let When { now, month, open: this_year, asked: year } = when;
    // (Two people neither of whom is the user: "내려가신다면 언제가 좋아요?" after their 궁합 asks for both; the
    // user and the second person asked about together: "내년 몇 월이 둘한테 다 괜찮아요?".)
    if !super::wording::asks_which_of_two(question) && !both {
        return None;
    }
    let kind = kind_of(question, area)?;
    // (Asked of the two together without "누가", only a question of time is about both: "가게를 어디에 낼까요"
    // stays a question for the one asked.)
    if !super::wording::asks_which_of_two(question) && !kind.is_time() {
        return None;
    }
    let (an, bn) = names;
    Some(match kind {
        Kind::Money => pick(a, b, names, money, MONEY),
        Kind::Business => pick(a, b, names, business, BUSINESS),
        Kind::Study => pick(a, b, names, study, STUDY),
        Kind::Abroad => pick(a, b, names, abroad, ABROAD),
        Kind::Salary => pick(a, b, names, salary, SALARY),
        Kind::Care => pick(a, b, names, care, CARE),
        Kind::Education => pick(a, b, names, education, EDUCATION),
        Kind::Title => title(a, b, names, year),
        Kind::Yields => yields(a, b, an, bn),
        Kind::First(area) => first(a, b, names, area, this_year),
        Kind::When(area) => {
            // ("2년 안에 아기 갖고 싶은데": the span the user set bounds the years for both.)
            let span = super::window::in_question(question, super::timing::birth_year(a), now, this_year);
            together(a, b, names, area, this_year, span)
        }
        Kind::Months(area) => {
            // ("올해 한다면 몇 월이 좋아요?": this year's months that are left.)
            let year = if super::wording::names_year(question) && years_named(question, now).first() == Some(&now) {
                now
            } else {
                year
            };
            months_together(a, b, names, area, year, if year == now { month } else { 1 })
        }
        Kind::Year(area) => match years_named(question, now).as_slice() {
            [first, second, ..] => two_years_for_both(a, b, names, area, (*first, *second)),
            _ => year_of_both(a, b, names, area, year),
        },
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

/// 인성 (teaching, the mother's star) and 관성 (rules and discipline), with 식신 (looking after) a little.
fn education(c: &Chart) -> (f32, String) {
    let (ins, gwan, sik) = (group_count(c, G::InSeong), group_count(c, G::GwanSeong), count(c, "식신"));
    let score = ins.min(3) as f32 * 1.5 + gwan.min(2) as f32 + sik.min(2) as f32 * 0.5;
    (score, format!("인성 {ins}개·관성 {gwan}개·식신 {sik}개"))
}

/// 인성 (the mother's star: the bond with the elder) and 식신 (looking after others), with the strength to
/// carry a household.
fn care(c: &Chart) -> (f32, String) {
    let (ins, sik) = (group_count(c, G::InSeong), count(c, "식신"));
    let score = ins.min(3) as f32 + sik.min(2) as f32 + if strong(c) { 1.0 } else { 0.0 };
    (score, format!("인성 {ins}개·식신 {sik}개, 일간 {}", c.strength.verdict.hangul()))
}

/// How a pick is said: what is weighed, the measure the winner has more of, and what the other one does
/// beside them (one line per kind, so two picks in a conversation do not end on the same sentence).
struct Said {
    what: &'static str,
    measure: &'static str,
    other: &'static str,
}

const MONEY: Said = Said {
    what: "돈 관리는",
    measure: "재물을 쥐고 지키는 힘",
    other: "큰 지출과 투자를 함께 따져 보는 견제 역할을 맡으면 균형이 맞습니다",
};
const BUSINESS: Said = Said {
    what: "사업·돈벌이는",
    measure: "벌이는 재능과 그것을 감당할 힘",
    other: "장부와 계약, 위험을 챙기는 살림 쪽을 맡으면 든든합니다",
};
const STUDY: Said = Said {
    what: "공부 쪽은",
    measure: "배우고 인정받는 기운",
    other: "배운 것을 현장과 사람 속에서 쓰는 쪽에 강점이 있습니다",
};
const ABROAD: Said = Said {
    what: "해외 생활은",
    measure: "움직이고 새 터전에서 기회를 잡는 기운",
    other: "새 터전에서 살림과 관계의 뿌리를 내리는 쪽을 맡으면 좋습니다",
};
const SALARY: Said = Said {
    what: "고정 수입이 있는 자리는",
    measure: "조직과 규칙 안에서 꾸준히 쌓는 기운",
    other: "자기 재능을 살리는 일을 이어 가되, 수입이 들쭉날쭉한 달을 대비해 두면 됩니다",
};
const CARE: Said = Said {
    what: "곁에서 모시고 돌보는 일은",
    measure: "어른을 잇는 인성과 살뜰히 챙기는 식신의 기운",
    other: "병원비와 일정처럼 바깥일을 맡아 짐을 나누면 오래 갑니다",
};
const EDUCATION: Said = Said {
    what: "아이 교육은",
    measure: "가르치고 이끄는 인성과 규칙을 세우는 관성의 기운",
    other: "아이의 마음을 받아 주고 쉬게 하는 쪽을 맡으면 균형이 맞습니다",
};

fn pick(a: &Chart, b: &Chart, (an, bn): (&str, &str), rule: fn(&Chart) -> (f32, String), said: Said) -> Plan {
    let Said { what, measure, other } = said;
    let ((sa, wa), (sb, wb)) = (rule(a), rule(b));
    let body = [format!("- {an}: {wa}."), format!("- {bn}: {wb}.")];
    let (win, lose) = if sa >= sb { (an, bn) } else { (bn, an) };
    let head = if (sa - sb).abs() < 0.75 {
        format!(
            "{what} 두 분이 비슷해서, 한 사람에게 다 맡기기보다 큰 결정은 함께 하고 일상은 {win} 쪽이 맡는 편을 권해요. 사주로 보면 {measure}이 근소하게 더 있는 쪽이 {win}입니다."
        )
    } else {
        format!(
            "{what} {win} 쪽이 맞습니다. 두 사주를 나란히 놓으면 {measure}이 {win} 쪽에 더 있어요. {} {other}.",
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
    // "갑목(甲木)을": the particle follows the spoken name (`with_particle` reads past the gloss).
    let (da_s, db_s) = (with_particle(da, "이", "가"), with_particle(db, "이", "가"));
    let (da_o, db_o) = (with_particle(da, "을", "를"), with_particle(db, "을", "를"));
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
fn together(
    a: &Chart,
    b: &Chart,
    (an, bn): (&str, &str),
    area: TimingTopic,
    this_year: i32,
    span: Option<super::window::Window>,
) -> Plan {
    let n = super::plans::TIMING_YEARS;
    let (ya, yb) = (score_years(a, area, this_year, n), score_years(b, area, this_year, n));
    let inside = |y: i32| span.as_ref().is_none_or(|w| w.first <= y && y <= w.last);
    let mut both: Vec<(&YearScore, &YearScore)> =
        ya.iter().zip(yb.iter()).filter(|(x, y)| x.score >= 0.0 && y.score >= 0.0 && inside(x.year)).collect();
    // (Inside a short span where no year is easy for both, the least hard of its years.)
    if both.is_empty() && span.as_ref().is_some_and(|w| w.first <= w.last) {
        both = ya.iter().zip(yb.iter()).filter(|(x, _)| inside(x.year)).collect();
    }
    // (A nearer year counts a little more, as in one chart's timing: "몇 년 안에요" is the usual wish.)
    let weighed = |x: &YearScore, y: &YearScore| x.score + y.score - 0.3 * (x.year - this_year) as f32;
    both.sort_by(|(x1, y1), (x2, y2)| weighed(x2, y2).total_cmp(&weighed(x1, y1)).then(x1.year.cmp(&x2.year)));
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
    let said = span.as_ref().filter(|w| w.first <= w.last).map_or(String::new(), |w| format!("{} ", w.quoted()));
    let mut head =
        format!("{said}두 분 모두에게 {label}에 무난하게 맞는 때는 {}년({})입니다.", x.year, x.pillar_hangul);
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

/// The months of `year` good for both: each calendar month scored on both charts, the best sums with neither
/// below zero, and the month that weighs on them most.
/// `from`: the first month still ahead (1 for a year to come).
fn months_together(a: &Chart, b: &Chart, (an, bn): (&str, &str), area: TimingTopic, year: i32, from: u32) -> Plan {
    let (ma, mb) = (calendar_months(a, area, year), calendar_months(b, area, year));
    let sum = |i: usize| ma[i].score + mb[i].score;
    let ahead = (from as usize).saturating_sub(1)..12;
    let mut good: Vec<usize> =
        ahead.clone().filter(|&i| ma[i].score >= 0.0 && mb[i].score >= 0.0 && sum(i) > 0.0).collect();
    good.sort_by(|&x, &y| sum(y).total_cmp(&sum(x)).then(x.cmp(&y)));
    good.truncate(3);
    good.sort_unstable();
    let name = area_name(area).trim_end_matches('운');
    let months = good.iter().map(|&i| format!("{}월", ma[i].solar_month)).collect::<Vec<_>>().join("·");
    let when = if from > 1 { format!("{year}년 남은 달 가운데") } else { format!("{year}년에") };
    let head = if good.is_empty() {
        format!(
            "{when} {} 두 분 모두에게 함께 좋은 달이 뚜렷하지 않아, 한 분에게 좋은 달을 고르고 다른 분이 무리하지 않게 맞추는 쪽을 권해요.",
            with_ro(name)
        )
    } else {
        format!("{when} 두 분 모두에게 {} 괜찮은 달은 양력 {months} 무렵입니다.", with_ro(name))
    };
    let why = |m: &MonthScore| m.reasons.first().cloned().unwrap_or_else(|| m.verdict()) + &caution_of(&m.cautions);
    let mut body: Vec<String> = good
        .iter()
        .map(|&i| {
            format!("- {}월({}월): {an} {}, {bn} {}.", ma[i].solar_month, ma[i].pillar_hangul, why(&ma[i]), why(&mb[i]))
        })
        .collect();
    if let Some(w) = ahead.filter(|&i| sum(i) < 0.0).min_by(|&x, &y| sum(x).total_cmp(&sum(y)).then(x.cmp(&y))) {
        let worse = if ma[w].score <= mb[w].score { (an, &ma[w]) } else { (bn, &mb[w]) };
        body.push(format!(
            "- 피하면 좋은 달: {}월({}월) — {} 쪽에 {}.",
            ma[w].solar_month,
            ma[w].pillar_hangul,
            worse.0,
            worse.1.cautions.first().or(worse.1.reasons.first()).map_or("부담이 큰 달", String::as_str)
        ));
    }
    body.push("- 달은 그해 흐름 위의 작은 파도라, 큰일은 좋은 달에 두고 준비는 그 앞달부터 하시면 됩니다.".into());
    Plan { head, body: body.join("\n") }
}

fn caution_of(cautions: &[String]) -> String {
    cautions.first().map(|c| format!("(다만 {c})")).unwrap_or_default()
}

/// One year read on both charts: each one's verdict and reasons, and which of the two it carries more.
fn year_of_both(a: &Chart, b: &Chart, (an, bn): (&str, &str), area: TimingTopic, year: i32) -> Plan {
    let (x, y) = (score_years(a, area, year, 1).remove(0), score_years(b, area, year, 1).remove(0));
    let name = area_name(area);
    let lean = if (x.score - y.score).abs() < 1.0 {
        "두 분에게 비슷한 무게로 옵니다".to_string()
    } else {
        let (w, _) = if x.score > y.score { (an, &x) } else { (bn, &y) };
        format!("{} 쪽에 더 힘이 실립니다", w)
    };
    let head = format!(
        "{}년({})의 {} {an}에게는 {}, {bn}에게는 {}이고, {lean}.",
        year,
        x.pillar_hangul,
        with_particle(name, "은", "는"),
        x.verdict(),
        y.verdict()
    );
    let line = |n: &str, s: &YearScore| {
        let mut l = format!("- {n}: 천간 {}·지지 {}", s.stem_ten_god, s.branch_ten_god);
        if !s.reasons.is_empty() {
            l.push_str(&format!(" — {}", super::plans::reasons_text(s, 2)));
        }
        if let Some(c) = s.cautions.first() {
            l.push_str(&format!(" (다만 {c})"));
        }
        l.push('.');
        l
    };
    let advice = if x.score < 0.0 || y.score < 0.0 || !x.cautions.is_empty() || !y.cautions.is_empty() {
        "- 한쪽에 부담이 드는 해에는 큰 결정을 서로 미루지 말고 함께 정하고, 힘든 쪽의 일을 덜어 주는 것이 먼저입니다."
    } else {
        "- 두 분 모두 무리가 적은 해라, 미뤄 둔 일을 함께 시작하기에 좋습니다."
    };
    Plan { head, body: [line(an, &x), line(bn, &y), advice.to_string()].join("\n") }
}

/// Two years weighed for both ("내년에 가는 게 좋을까요 후년이 좋을까요"): each year's scores on both charts,
/// the one with the better sum and neither below zero picked.
fn two_years_for_both(a: &Chart, b: &Chart, (an, bn): (&str, &str), area: TimingTopic, years: (i32, i32)) -> Plan {
    let of = |y: i32| (score_years(a, area, y, 1).remove(0), score_years(b, area, y, 1).remove(0));
    let (first, second) = (of(years.0), of(years.1));
    let weight =
        |(x, y): &(YearScore, YearScore)| x.score + y.score - if x.score < 0.0 || y.score < 0.0 { 2.0 } else { 0.0 };
    let (win, lose) = if weight(&second) > weight(&first) { (&second, &first) } else { (&first, &second) };
    let name = area_name(area).trim_end_matches('운');
    let head = if (weight(win) - weight(lose)).abs() < 1.0 {
        format!(
            "{} 두 분에게 {}년과 {}년이 비슷하지만, 굳이 고르면 {}년({})이 조금 낫습니다.",
            with_ro(name),
            years.0,
            years.1,
            win.0.year,
            win.0.pillar_hangul
        )
    } else {
        format!(
            "{} 두 분 모두에게는 {}년({})이 {}년보다 낫습니다.",
            with_ro(name),
            win.0.year,
            win.0.pillar_hangul,
            lose.0.year
        )
    };
    let line = |y: &(YearScore, YearScore)| {
        let part = |n: &str, s: &YearScore| {
            let mut t = format!("{n}에게 {}", s.verdict());
            if let Some(r) = s.reasons.first() {
                t.push_str(&format!("({r})"));
            }
            if let Some(c) = s.cautions.first() {
                t.push_str(&format!(", 다만 {c}"));
            }
            t
        };
        format!("- {}년 {}: {}; {}.", y.0.year, y.0.pillar_hangul, part(an, &y.0), part(bn, &y.1))
    };
    let mut body = vec![line(&first), line(&second)];
    body.push(
        match area {
            TimingTopic::Love => {
                "- 두 분 사이의 일은 해보다 대화가 먼저라, 부담이 드는 쪽의 해에는 서로 한 걸음씩 물러서 주세요."
            }
            TimingTopic::Children => {
                "- 아이는 해보다 두 분의 몸과 마음의 준비가 먼저라, 해는 참고로만 두고 전문의와 상의하세요."
            }
            _ => "- 해는 흐름일 뿐이라, 일과 집 같은 조건이 먼저 정해지는 쪽에 맞추고 그 안에서 해를 고르세요.",
        }
        .into(),
    );
    Plan { head, body: body.join("\n") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart as chart;

    fn when(month: u32, asked: i32) -> When {
        When { now: 2026, month, open: super::super::plans::open_year(2026, month), asked }
    }

    #[test]
    fn months_for_both_are_good_on_both_charts_and_still_ahead() {
        let (a, b) = (chart("1992-07-25T21:40", "male"), chart("1991-12-07T10:00", "female"));
        let months =
            plan(&a, &b, ("본인", "여자친구분"), "이사는 내년 몇 월이 둘한테 다 괜찮아요?", None, when(12, 2027), true)
                .expect("a question of months for both");
        assert!(months.head.contains("2027년"), "{}", months.head);
        let (ma, mb) = (calendar_months(&a, TimingTopic::Move, 2027), calendar_months(&b, TimingTopic::Move, 2027));
        let named: Vec<u32> =
            months.body.lines().filter_map(|l| l.strip_prefix("- ")?.split_once("월(")?.0.parse().ok()).collect();
        assert!(!named.is_empty(), "{}", months.body);
        for m in named {
            let (x, y) =
                (ma.iter().find(|s| s.solar_month == m).unwrap(), mb.iter().find(|s| s.solar_month == m).unwrap());
            assert!(x.score >= 0.0 && y.score >= 0.0 && x.score + y.score > 0.0, "{m}월: {} / {}", x.score, y.score);
        }
        assert!(months.body.contains("본인") && months.body.contains("여자친구분"), "{}", months.body);
        // This year's months asked in October: only November and December are left.
        let late =
            plan(&a, &b, ("본인", "여자친구분"), "올해 한다면 몇 월이 둘 다 좋아요?", None, when(10, 2026), true)
                .unwrap();
        assert!(late.head.contains("남은 달"), "{}", late.head);
        assert!(
            !(1..=9).any(|m| late.body.starts_with(&format!("- {m}월")) || late.body.contains(&format!("\n- {m}월(")))
        );
    }

    #[test]
    fn two_years_for_both_pick_one_and_a_divorce_is_not_a_year_reading() {
        let (a, b) = (chart("1996-06-25T03:30", "female"), chart("1995-03-12T14:00", "male"));
        let q = "가면 내년에 가는게 좋을까요 후년이 좋을까요 둘 다 기준으로요";
        let p = plan(&a, &b, ("본인", "남편분"), q, Some(TimingTopic::Move), when(12, 2027), true).unwrap();
        assert!(p.body.contains("2027년") && p.body.contains("2028년"), "{}", p.body);
        assert!(p.head.contains("2027년") || p.head.contains("2028년"), "{}", p.head);
        assert_eq!(years_named(q, 2026), vec![2027, 2028]);
        assert_eq!(years_named("내후년이랑 올해 중에", 2026), vec![2029, 2026]);
        assert!(!weighs_both("올해 이혼하면 어떻게 돼요?", false));
        assert!(!weighs_both("저희 부부 올해 이혼하는 게 맞아요?", true));
        assert!(weighs_both("그럼 결혼은 언제가 좋아요?", false));
        assert!(!weighs_both("내년 운은 어때요?", false) && weighs_both("내년 부부운은 어때요?", true));
    }

    #[test]
    fn a_pick_says_what_the_other_one_brings_by_kind() {
        let (a, b) = (chart("1986-11-22T23:50", "female"), chart("1986-08-08T08:00", "male"));
        let money = plan(&a, &b, ("본인", "남편분"), "누가 돈 관리해요?", None, when(6, 2026), false).unwrap();
        let school =
            plan(&a, &b, ("본인", "남편분"), "애 교육은 누가 주도하는게 낫나요?", None, when(6, 2026), false).unwrap();
        assert!(school.head.starts_with("아이 교육은"), "{}", school.head);
        assert_ne!(money.head.rsplit(". ").next(), school.head.rsplit(". ").next());
    }
}
