//! "제 재성은 어때요?", "관성이 없어서 승진을 못 한다던데 진짜예요?", "인성이 많으면 안 좋아요?": a ten-god group
//! named in the question, read on this chart — how many there are and where they sit, what that means here
//! (not the textbook definition), what the absence or the excess does and does not mean, and the next years
//! that bring the group.

use super::plans::{group_noun, group_of, Plan};
use super::timing::score_years;
use super::TimingTopic;
use crate::saju::chart::input::Gender;
use crate::saju::chart::model::Chart;
use crate::saju::derive::TenGodGroup as G;
use crate::saju::josa::particle;

/// The group words a question may name, the group, and its name in a reply (one ten god — "편관 있어요?" — is
/// the named-star plan's).
const GROUPS: &[(&[&str], G, &str)] = &[
    (&["재성"], G::JaeSeong, "재성"),
    (&["관성"], G::GwanSeong, "관성"),
    (&["인성"], G::InSeong, "인성"),
    (&["식상"], G::SikSang, "식상"),
    (&["비겁"], G::BiGeop, "비겁"),
];

/// What a group is for this chart, in everyday words (and, for 재성 and 관성, the spouse star by gender).
fn meaning(group: G, gender: Option<Gender>) -> String {
    let base = match group {
        G::JaeSeong => "내가 다스리는 기운으로, 재물과 현실 감각, 일의 결과물",
        G::GwanSeong => "나를 다스리는 기운으로, 직장·직함·규칙과 책임, 남의 인정",
        G::InSeong => "나를 돕는 기운으로, 배움과 자격·문서, 윗사람과 어머니의 도움",
        G::SikSang => "내가 내보내는 기운으로, 재능과 표현, 말과 기술, 먹고사는 솜씨",
        G::BiGeop => "나와 같은 기운으로, 자존심과 독립심, 형제·친구·동료와 경쟁",
    };
    let spouse = match (group, gender) {
        (G::JaeSeong, Some(Gender::Male)) => ", 남성에게는 아내와 이성 인연의 별",
        (G::GwanSeong, Some(Gender::Female)) => ", 여성에게는 남편과 이성 인연의 별",
        (G::SikSang, Some(Gender::Female)) => ", 여성에게는 자녀의 별",
        (G::GwanSeong, Some(Gender::Male)) => ", 남성에게는 자녀의 별",
        _ => "",
    };
    format!("{base}{spouse}")
}

/// Where the group sits: "월지 오(정관), 시간 정(편관)".
fn seats(chart: &Chart, group: G) -> Vec<String> {
    let p = &chart.pillars;
    let mut out = Vec::new();
    for (name, pillar) in [("년", Some(&p.year)), ("월", Some(&p.month)), ("일", Some(&p.day)), ("시", p.hour.as_ref())]
    {
        let Some(pillar) = pillar else { continue };
        if let Some(god) = pillar.stem.ten_god.as_ref().filter(|g| group_of(g.hangul) == Some(group)) {
            out.push(format!("{name}간 {}({})", pillar.stem.hangul, god.hangul));
        }
        let god = pillar.branch.ten_god.hangul;
        if group_of(god) == Some(group) {
            out.push(format!("{name}지 {}({god})", pillar.branch.hangul));
        }
    }
    out
}

/// The group the question names, when it asks about it on this chart (not "재성 많은 해는 언제?": a time).
pub fn named_group(question: &str) -> Option<(G, &'static str)> {
    if ["언제", "몇 년", "몇년", "몇 월", "몇월"].iter().any(|w| question.contains(w)) {
        return None;
    }
    let asks = [
        "어때",
        "있",
        "없",
        "무슨 뜻",
        "뭐예요",
        "뭔가요",
        "뭐에요",
        "진짜",
        "맞아",
        "맞나",
        "많",
        "적",
        "약해",
        "부족",
    ]
    .iter()
    .any(|w| question.contains(w));
    if !asks {
        return None;
    }
    GROUPS.iter().find(|(words, _, _)| words.iter().any(|w| question.contains(w))).map(|(_, g, name)| (*g, *name))
}

/// The reading of the group the question names, from `this_year` on for the coming years.
pub fn plan(chart: &Chart, question: &str, this_year: i32) -> Option<Plan> {
    let (group, name) = named_group(question)?;
    let gender = match chart.input.gender {
        "male" => Some(Gender::Male),
        "female" => Some(Gender::Female),
        _ => None,
    };
    let at = seats(chart, group);
    let n = at.len();
    let what = meaning(group, gender);
    // The next years whose stem or branch is of the group.
    let coming: Vec<String> = score_years(chart, TimingTopic::General, this_year, 10)
        .into_iter()
        .filter(|s| group_of(s.stem_ten_god) == Some(group) || group_of(s.branch_ten_god) == Some(group))
        .take(3)
        .map(|s| format!("{}년({})", s.year, s.pillar_hangul))
        .collect();
    let claims_lack = ["없어서", "없으면", "없다", "없대", "없는", "부족"].iter().any(|w| question.contains(w));
    let claims_excess = ["많아서", "많으면", "많다", "많대", "많은"].iter().any(|w| question.contains(w));
    let noun = group_noun(group);
    let head = match n {
        0 if claims_lack => format!(
            "네, 원국에 {name}{} 드러나 있지 않은 것은 맞아요. 하지만 그래서 {noun}의 일이 안 된다는 뜻은 아닙니다 — {name}{} 운에서 들어올 때 그 문이 열리는 사주로 봅니다.",
            particle(name, "이", "가"),
            particle(name, "은", "는")
        ),
        0 => format!(
            "이 사주의 원국에는 {name}{} 드러나 있지 않아, {noun}의 일은 운에서 {name}{} 들어올 때 힘을 받는 구조입니다.",
            particle(name, "이", "가"),
            particle(name, "이", "가")
        ),
        n if claims_lack => format!(
            "아니요, 이 사주에는 {name}{} {n}개 있습니다({}). 없다는 말은 이 원국에는 맞지 않아요.",
            particle(name, "이", "가"),
            at.join(", ")
        ),
        n if n >= 3 || claims_excess => format!(
            "이 사주에는 {name}{} {n}개로 많은 편입니다({}). {noun}의 기운이 두드러지는 대신, 넘치는 만큼 다른 기운과의 균형이 관건입니다.",
            particle(name, "이", "가"),
            at.join(", ")
        ),
        n => format!(
            "이 사주에는 {name}{} {n}개 있습니다({}).",
            particle(name, "이", "가"),
            at.join(", ")
        ),
    };
    let mut lines =
        vec![format!("- {name}{} 일간 {}에게 {what}입니다.", particle(name, "은", "는"), chart.day_master.name)];
    // What the count means on this chart, against the day master's strength.
    let weak = chart.strength.verdict.is_weak();
    lines.push(match (group, n, weak) {
        (G::JaeSeong | G::GwanSeong | G::SikSang, 1.., true) => format!(
            "- 다만 일간의 힘이 {}(추정)이라, {name}의 기회를 한꺼번에 크게 잡기보다 감당할 만큼 나누어 잡는 편이 맞습니다.",
            chart.strength.verdict.hangul()
        ),
        (G::InSeong | G::BiGeop, 1.., false) if n >= 2 => format!(
            "- 일간이 이미 {}(추정)이라 {name}{} 더해지면 고집이나 생각이 앞서기 쉬워, 실행으로 옮기는 습관이 균형을 잡습니다.",
            chart.strength.verdict.hangul(),
            particle(name, "이", "가")
        ),
        (_, 0, _) => format!(
            "- {name}{} 없는 사주는 그 기운을 당연하게 여기지 않고 의식해서 쌓는 편이라, 오히려 늦게 단단해지는 경우가 많습니다.",
            particle(name, "이", "가")
        ),
        _ => format!("- 일간의 힘은 {}(추정)이라, {name}의 기운을 무리 없이 쓸 수 있는 편입니다.", chart.strength.verdict.hangul()),
    });
    if !coming.is_empty() {
        lines.push(format!("- 가까이 {name}{} 들어오는 해: {}.", particle(name, "이", "가"), coming.join(", ")));
    }
    Some(Plan { head, body: lines.join("\n") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart as chart;

    #[test]
    fn a_group_named_is_read_on_this_chart_and_a_wrong_claim_is_corrected() {
        // 1984-11-02 18:30: 갑자 갑술 경자 을유 — no 관성 (화) anywhere.
        let c = chart("1984-11-02T18:30", "male");
        let none = plan(&c, "제 사주에 관성이 없어서 승진을 못 한다고 하던데 진짜예요?", 2027).expect("a plan");
        assert!(none.head.starts_with("네, 원국에 관성이 드러나 있지 않은 것은 맞아요"), "{}", none.head);
        assert!(none.body.contains("들어오는 해: 2027년(정미)"), "{}", none.body);
        let some = plan(&c, "제 재성은 어때요?", 2027).expect("a plan");
        assert!(some.head.contains("재성이 ") && some.head.contains("갑"), "{}", some.head);
        assert!(some.body.contains("남성에게는 아내"), "{}", some.body);
        // A time asked for is the timing plan's.
        assert!(plan(&c, "재성 들어오는 해는 언제예요?", 2027).is_none());
        assert!(named_group("재성이 뭔가요").is_some() && named_group("오늘 날씨").is_none());
    }
}
