//! "이직 제안이 왔는데 가는 게 나을까요?", "친구랑 동업해도 될까요?", "병원 가봐야 할까요?": a question that weighs
//! one move now gets a lean first — go, go with care, or wait — from this year's score for the area, the
//! year after when it is clearly better, and what to check for that kind of move.

use super::plans::Plan;
use super::timing::{area_name, score_years};
use super::{TimingTopic, Topic};
use crate::saju::chart::model::Chart;
use crate::saju::derive::TenGodGroup;
use crate::saju::josa::with_ro;

/// Whether a question weighs a move ("해도 될까요?", "가는 게 나을까요?", "받아야 할까요?") — not a question of
/// when ("언제 하는 게 좋을까요?" is timing), of how ("어떻게 하는 게 좋을까요?" is advice), or a divorce (never
/// leaned on from a year's score).
pub fn weighs_a_move(question: &str) -> bool {
    const NOT: &[&str] = &[
        "언제",
        "몇 년",
        "몇년",
        "몇 월",
        "몇월",
        "시기",
        "어떻게",
        "이혼",
        "어디를",
        "어디가",
        "무엇을",
        "뭘 조심",
        "뭐를",
    ];
    if NOT.iter().any(|w| question.contains(w)) {
        return false;
    }
    const ASKS: &[&str] = &[
        "해도 될까",
        "해도 돼",
        "해도 괜찮",
        "하는 게 나을까",
        "하는 게 좋을까",
        "는 게 나을까",
        "는 게 좋을까",
        "는게 나을까",
        "는게 좋을까",
        "받아도 될까",
        "가도 될까",
        "가도 돼",
        "해야 할까",
        "가봐야",
        "가 봐야",
        "받아 봐야",
        "받아봐야",
        "할까요 말까요",
        "할까 말까",
        "차려도",
        "차릴까",
        "열어도 될까",
        "시작해도 될까",
        // "내년에 2호점 내도 될까요?", "전과해도 돼요?": any move asked as allowed.
        "도 될까",
        "도 돼요",
        "도 되나요",
        "할지 고민",
        "할지 말지",
        "할까 고민",
        "갈까 고민",
        "갈지 고민",
        "낳을까",
        "할지 모르겠",
        // "이직할까요 버틸까요?", "그만둘까요?": a move and staying put, weighed.
        "버틸까",
        "옮길까",
        "그만둘까",
    ];
    // "친구가 같이 동업하자는데 어때요?": a move someone proposed, asked as "how is it".
    let proposed = ["하자는데", "하자고 하는데", "하자고 해서", "제안이 왔", "제안을 받", "제의가"]
        .iter()
        .any(|w| question.contains(w));
    let how = ["어때", "어떨까", "어떨지", "어떻게 생각"].iter().any(|w| question.contains(w));
    ASKS.iter().any(|w| question.contains(w)) || (proposed && how)
}

/// Whether a lump sum is staked on the move (퇴직금, 대출, 명퇴, 전 재산 …): the year's score never carries the
/// money, so such a move gets at most "go with care", and a demanded verdict is never a plain yes.
pub(super) fn stakes_money(question: &str) -> bool {
    ["퇴직금", "전재산", "전 재산", "대출", "빚내", "전세금", "노후자금", "적금 깨", "명퇴", "명예퇴직"]
        .iter()
        .any(|w| question.contains(w))
}

/// The area a move belongs to, from its words, else the conversation's.
pub(super) fn area_of_move(question: &str, topic: Topic) -> TimingTopic {
    let has = |ws: &[&str]| ws.iter().any(|w| question.contains(w));
    if has(&[
        "이직",
        "퇴사",
        "취업",
        "동업",
        "창업",
        "사업",
        "회사",
        "제안",
        "승진",
        "부서",
        "유튜버",
        "유튜브",
        "크리에이터",
        "방송",
        "직업",
        "공무원",
        "프리랜서",
        "차려",
        "차릴",
        "가게",
        "장사",
        "퇴직금",
        "명퇴",
    ]) {
        TimingTopic::Career
    } else if has(&["투자", "부동산", "주식", "코인", "집을 사", "집 사", "대출", "돈을"]) {
        TimingTopic::Wealth
    } else if has(&["결혼", "고백", "재회", "헤어", "사귀", "프러포즈", "연애"]) {
        TimingTopic::Love
    } else if has(&["임신", "출산", "아기", "아이를 갖", "아이 갖", "둘째", "첫째"]) {
        TimingTopic::Children
    } else if has(&[
        "이사",
        "이민",
        "유학",
        "들어가",
        "들어갈",
        "돌아갈",
        "귀국",
        "영주권",
        "나가",
        "해외",
        "지방",
        "독립",
        "귀농",
        "귀촌",
        "입대",
        "군대",
    ]) {
        TimingTopic::Move
    } else if has(&["시험", "재수", "편입", "대학원", "공부", "자격증"]) {
        TimingTopic::Study
    } else {
        topic.timing_area().unwrap_or(TimingTopic::General)
    }
}

/// The answer to a question that weighs a move, or None when it is not one.
/// `this_year`: the year a move asked about now falls in (the next one from November, unless the question says
/// 올해: [`super::plans::open_year`]); `said_now`: whether it is this calendar year ("올해").
pub fn plan(chart: &Chart, topic: Topic, question: &str, this_year: i32, said_now: bool) -> Option<Plan> {
    // In a 궁합 the two charts answer ("결혼해도 괜찮을까요" about this couple), not one chart's year.
    if !weighs_a_move(question) || topic == Topic::Compatibility {
        return None;
    }
    if topic == Topic::Health || ["병원", "검진", "검사"].iter().any(|w| question.contains(w)) {
        return Some(Plan {
            head: "네, 불편한 곳이 있다면 사주와 상관없이 병원에서 확인해 보시는 게 맞아요.".into(),
            body: "사주로 보는 약한 곳은 조심할 방향을 알려 줄 뿐 진단이 아니에요. 증상이 이어지거나 걱정되면 미루지 말고 진료를 받아 보세요.".into(),
        });
    }
    let area = area_of_move(question, topic);
    let scores = score_years(chart, area, this_year, 3);
    let (now, next) = (&scores[0], &scores[1]);
    let field = with_ro(area_name(area).trim_end_matches('운').trim());
    // The year in the timing engine's own words (as every timing answer says it), then the lean.
    // A lump sum staked (퇴직금, 전세금, 대출) is never more than "go with care": the year does not carry the money.
    let stakes = stakes_money(question);
    let go = if now.score >= 2.0 && !stakes {
        "조건이 맞는다면 움직여 볼 만한 쪽입니다"
    } else if now.score > 0.0 && stakes {
        "운의 흐름은 나쁘지 않지만, 모아 둔 큰돈이 걸린 만큼 규모를 줄여 시험해 본 뒤 정하는 편이 안전합니다"
    } else if now.score > 0.0 {
        "조건을 꼼꼼히 따진 뒤라면 움직여도 괜찮은 쪽입니다"
    } else {
        "바로 정하기보다 조건을 더 확인하고 움직이는 편이 낫습니다"
    };
    let when = if said_now { "올해" } else { "다가오는" };
    let lean = format!("{field} 보면 {when} {}년은 {}라, {go}.", now.year, now.verdict());
    let mut lines = Vec::new();
    lines.push(format!("- {}년 {}에는 {}.", now.year, now.pillar, super::plans::reasons_text(now, 2)));
    if next.score >= now.score + 1.0 {
        lines.push(format!(
            "- {}년({})이 이 분야로 더 힘이 실려, 서두를 일이 아니라면 그때를 보는 것도 방법입니다.",
            next.year, next.pillar_hangul
        ));
    }
    let has = |ws: &[&str]| ws.iter().any(|w| question.contains(w));
    let check = if has(&["동업"]) {
        // 비견·겁재 (peers: partners and rivals) among the visible stems and branches.
        if super::findings::group_count(chart, TenGodGroup::BiGeop) >= 2 {
            "사주에 비견·겁재(나와 같은 기운)가 두드러져, 돈과 몫이 섞이면 서운함과 다툼이 생기기 쉽습니다. 지분·역할·정산과 헤어질 때의 규칙을 처음부터 계약서로 정해 두세요."
        } else {
            "동업은 사람보다 규칙이 관계를 지킵니다. 지분·역할·정산과 헤어질 때의 규칙을 처음부터 계약서로 정해 두세요."
        }
    } else if has(&["이직", "제안", "퇴사"]) {
        "연봉만이 아니라 맡을 일, 함께 일할 사람, 1년 뒤의 내 모습을 지금 자리와 나란히 적어 비교해 보세요. 옮기기 전에 계약 조건을 서면으로 받아 두면 좋습니다."
    } else if has(&["창업", "사업", "가게", "차려", "차릴", "장사"]) {
        "1년 버틸 생활비와 고정비를 먼저 계산하고, 작게 시작해 반응을 본 뒤 키우는 순서를 권합니다. 프랜차이즈라면 본사 계약서와 폐업률을, 자리라면 유동 인구를 직접 확인해 보세요."
    } else if area == TimingTopic::Wealth {
        "잃어도 생활이 흔들리지 않는 여유 자금 안에서, 나누어 들어가고 숫자는 전문가와 함께 확인하세요."
    } else if area == TimingTopic::Move {
        "머물 곳의 일과 생활비, 곁에 있을 사람을 먼저 따져 보세요. 사주에서 방향은 참고일 뿐, 삶의 조건이 먼저입니다."
    } else if area == TimingTopic::Love {
        "상대의 마음과 두 사람이 원하는 것을 말로 먼저 확인하는 것이 어떤 해보다 중요합니다."
    } else {
        "결정에 필요한 조건을 종이에 적어 두고, 믿을 만한 사람과 한 번 더 이야기해 본 뒤 정하세요."
    };
    lines.push(format!("- {check}"));
    Some(Plan { head: lean, body: lines.join("\n") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart as chart;

    #[test]
    fn a_move_gets_a_lean_first_and_what_to_check() {
        let c = chart("1990-05-15T15:30", "male");
        let p = plan(&c, Topic::Career, "이직 제안이 왔는데 가는 게 나을까요?", 2026, true).expect("a move");
        assert!(p.head.starts_with("직업·이직·사업으로 보면 올해 2026년은"), "{}", p.head);
        assert!(p.body.contains("2026년") && p.body.contains("연봉만이 아니라"), "{}", p.body);
        let d = plan(&c, Topic::Career, "친구랑 동업해도 될까요?", 2026, true).expect("a move");
        assert!(d.body.contains("계약서"), "{}", d.body);
        let h = plan(&c, Topic::Health, "병원 가봐야 할까요?", 2026, true).expect("a move");
        assert!(h.head.starts_with("네,"), "{}", h.head);
        assert!(plan(&c, Topic::Career, "제 직업운은 어때요?", 2026, true).is_none());
        // Asked in December without "올해": the coming year is weighed.
        let late = plan(&c, Topic::Timing(TimingTopic::Move), "그냥 독립하는게 나을까요", 2027, false).expect("a move");
        assert!(late.head.contains("다가오는 2027년은"), "{}", late.head);
    }
}
