//! "언니랑 안 싸우려면 어떻게 해야 돼요?", "제가 며느리한테 어떻게 하면 좋을까요?", "딸한테 뭐라고 해 주면":
//! how the user can get along with a family member, a friend or a colleague, read from the two charts — how
//! the two day masters meet (who feeds, who presses, or the same kind), how the two day branches meet, what the
//! other person's chart needs and whether the user's nature brings it — with advice that fits the relation,
//! never a lover's (no 인연 years, no dates to meet).

use super::compat::{day, element_name as el};
use super::plans::Plan;
use super::year_only::branch_relations;
use crate::saju::chart::model::Chart;
use crate::saju::derive::relations::RelationKind;
use crate::saju::ganzhi::Element;
use crate::saju::josa::with_particle;

/// The question asks what to do with someone, not what will happen.
pub fn asks(question: &str) -> bool {
    [
        "어떻게 해야",
        "어떻게 하면",
        "어떻게 대해",
        "어떻게 해줘",
        "어떻게 해 줘",
        "어떻게 해주",
        "뭐라고 해주",
        "뭐라고 해 주",
        "뭐라고 하면",
        "뭘 해주",
        "뭘 해 주",
        "뭐 해주",
        "안 싸우려면",
        "안싸우려면",
        "덜 싸우",
        "잘 지내려면",
        "잘 지낼 수",
        "사이 좋게",
        "사이좋게",
        "가까워지",
        // ("어떻해야", "어케 해야": as people type it.)
        "어떻해",
        "어케 해",
        // "왜 이렇게 안 맞을까요?", "자꾸 부딪혀요": the relation itself. ("먼저 연락해야 돼요?" has its own answer.)
        "안 맞",
        "안맞",
        "부딪",
        "싸웠",
        "싸워",
        "싸우는",
        "사이가 안",
        "사이가 나",
        "사이 나빠",
        "동업",
        "같이 일해도",
        "같이 해도",
    ]
    .iter()
    .any(|w| question.contains(w))
}

/// The relation words of a lover or spouse: their advice is the 궁합's own, not this.
pub fn is_romantic(word: &str) -> bool {
    ["남편", "아내", "남자친구", "여자친구", "애인", "상대", "예비", "약혼", "신랑", "신부", "그분", "그 사람"]
        .iter()
        .any(|w| word.contains(w))
}

/// What an element is in everyday life, as the advice uses it.
fn everyday(e: Element) -> &'static str {
    match e {
        Element::Wood => "새로 배우고 계획을 세우는 일, 밖에서 걷고 움직이는 시간",
        Element::Fire => "칭찬과 표현, 사람들 앞에 서는 경험",
        Element::Earth => "규칙적인 일과와 믿고 기댈 수 있는 안정감",
        Element::Metal => "분명한 약속과 기준, 스스로 정리하고 마무리하는 경험",
        Element::Water => "혼자 생각할 시간과 충분한 쉼, 차분한 대화",
    }
}

/// The closing line that fits the relation the user named.
fn for_the_relation(their: &str) -> &'static str {
    let has = |ws: &[&str]| ws.iter().any(|w| their.contains(w));
    if has(&["따님", "아드님", "자녀", "아이", "손주", "손자", "손녀"]) {
        "부모와 자식 사이는 맞고 안 맞고보다 말의 순서가 더 중요해요. 고칠 점보다 잘한 점을 먼저 말하고, 결정은 아이가 스스로 내렸다고 느끼게 해 주세요."
    } else if has(&["며느님", "며느리", "사위", "시어머", "시아버", "장모", "장인", "어머님", "아버님"])
    {
        "사돈·고부 사이는 가까움보다 존중의 거리가 편안함을 만들어요. 조언은 부탁받았을 때만, 고마움은 작은 것이라도 말로 전해 주세요."
    } else if has(&["어머니", "아버지", "엄마", "아빠", "부모"]) {
        "부모님과는 옳고 그름을 가리기보다 마음을 먼저 헤아려 드리는 쪽이 부딪힘을 줄여요. 부탁은 짧고 분명하게, 감사는 자주 말로 해 주세요."
    } else if has(&["언니", "오빠", "누나", "형", "동생", "누님", "형님"]) {
        "형제자매는 어릴 때의 역할이 그대로 굳기 쉬워요. 집안일이나 돈처럼 자주 부딪히는 일은 미리 몫을 나눠 정해 두면 다툼이 확 줄어요."
    } else {
        "가까운 사이일수록 돈과 역할은 말로만 두지 말고 미리 적어 두면, 서운함이 쌓일 자리가 줄어요."
    }
}

/// The advice for the user (`me`) with `other`, called `their` ("언니분", "며느님").
/// "왜 이렇게 안 맞을까요?", "자꾸 부딪혀요": the question is about the friction itself.
fn asks_about_friction(question: &str) -> bool {
    ["안 맞", "안맞", "부딪", "싸웠", "싸워", "싸우는", "사이가 안", "사이가 나", "사이 나빠", "왜 이렇게"]
        .iter()
        .any(|w| question.contains(w))
}

/// [`plan`] for the question asked: asked why the two clash, the strain between their day branches leads, and
/// what the other's day stem is to the user (their ten god) is said.
pub fn plan_for(me: &Chart, other: &Chart, their: &str, question: &str) -> Plan {
    let mut p = plan(me, other, their);
    let (a, b) = (day(me), day(other));
    let god = crate::saju::derive::ten_gods::ten_god(a.stem(), b.stem());
    let strain = branch_relations(a, b).into_iter().find(|r| {
        matches!(
            r.kind,
            RelationKind::Clash
                | RelationKind::Wonjin
                | RelationKind::Punishment
                | RelationKind::SelfPunishment
                | RelationKind::Harm
                | RelationKind::Break
        )
    });
    let role = format!(
        "{}의 일간 {} 본인(일간 {}{})에게 {}에 해당해, {}",
        their,
        with_particle(&format!("{}{}", b.stem().hangul(), b.stem().element().hangul()), "은", "는"),
        a.stem().hangul(),
        a.stem().element().hangul(),
        god.hangul(),
        god_as_person(god)
    );
    // "그럼 제가 어떻게 대해야 돼요?": the way to act leads, the reason after it.
    let asks_how = ["어떻게", "어떻해", "어케", "뭐라고"].iter().any(|w| question.contains(w));
    if asks_how {
        if let Some((how, rest)) = p.body.split_once('\n') {
            let how = how.trim_start_matches("- ").to_string();
            p.body = format!("- {}\n- 이유: {}\n{rest}", god_advice(god, their), p.head);
            p.head = how;
        }
    } else if asks_about_friction(question) {
        // (The way to act is kept for the "그럼 어떻게 해요?" that usually follows.)
        if let Some((_, rest)) = p.body.split_once('\n') {
            p.body = rest.to_string();
        }
        if let Some(r) = strain {
            p.head = format!(
                "부딪히는 가장 큰 이유는 두 분의 일지가 {}이라는 데 있어요: 가까이 지낼수록 생활 속도와 방식이 맞서기 쉬운 자리예요. {}",
                r.hangul_name, p.head
            );
        }
    }
    p.body = format!("- {role}\n{}", p.body);
    p
}

/// How to meet a person who stands as `god` to the user, in one sentence.
fn god_advice(god: crate::saju::derive::TenGod, their: &str) -> String {
    use crate::saju::derive::TenGod::*;
    let their_is = with_particle(their, "이", "가");
    match god {
        PyeonGwan | JeongGwan => format!("{their_is} 본인을 누르는 자리(관성)에 있어, 지시는 그 자리에서 맞받지 말고 요점을 되묻는 질문으로 받은 뒤 결과를 짧게 글로 남겨 두세요. 감정이 아니라 일로 대하는 거리가 본인을 지켜 줘요."),
        PyeonIn | JeongIn => format!("{their_is} 본인을 가르치고 챙기려는 자리(인성)에 있어, 조언을 간섭으로만 받기보다 한 가지라도 받아들였다는 표시를 하면 태도가 한결 누그러져요."),
        BiGyeon | GeopJae => format!("{their_is} 본인과 나란히 서는 자리(비겁)에 있어, 누가 옳은지 다투기보다 각자 맡을 일과 결정권을 먼저 나눠 두세요."),
        SikSin | SangGwan => format!("{their_is} 본인이 챙기고 이끄는 자리(식상)에 있어, 본인의 말이 잔소리로 들리기 쉬워요. 한 번에 한 가지만, 칭찬을 먼저 건네 주세요."),
        PyeonJae | JeongJae => format!("{their_is} 본인이 다루려 하는 자리(재성)에 있어, 통제하려 하기보다 맡기고 결과로 확인하는 편이 서로 편해요."),
    }
}

/// What a person who stands as `god` to the user tends to be to them, in a clause.
fn god_as_person(god: crate::saju::derive::TenGod) -> &'static str {
    use crate::saju::derive::TenGod::*;
    match god {
        BiGyeon | GeopJae => "대등하게 맞서고 견주는 상대가 되기 쉬워요.",
        SikSin | SangGwan => "본인이 말과 행동으로 챙기고 이끄는 상대가 되기 쉬워요.",
        PyeonJae | JeongJae => "본인이 다루고 책임지려 하는 상대가 되기 쉬워요.",
        PyeonGwan => "본인을 세게 누르고 몰아붙이는 사람으로 느껴지기 쉬워요.",
        JeongGwan => "본인에게 규칙과 책임을 요구하는 사람으로 느껴지기 쉬워요.",
        PyeonIn | JeongIn => "본인을 가르치고 돌보려는 사람이 되기 쉬워요.",
    }
}

pub fn plan(me: &Chart, other: &Chart, their: &str) -> Plan {
    let (a, b) = (day(me), day(other));
    let (ea, eb) = (a.stem().element(), b.stem().element());
    let their_is = with_particle(their, "이", "가");
    let their_to = format!("{their}에게");
    let (head, how) = if ea == eb {
        (
            format!(
                "두 분은 일간이 같은 {} 기운이라 생각의 결이 비슷하고, 그래서 둘 다 쉽게 물러서지 않는 사이예요.",
                el(ea)
            ),
            "맞서서 이기려 하기보다 서로의 영역을 나눠 주세요. 각자 결정할 일을 정해 두면 부딪힐 일이 줄어요."
                .to_string(),
        )
    } else if ea.produces() == eb {
        (
            format!(
                "본인의 {} {}의 {} 북돋우는 사이라, 본인이 챙기고 베푸는 쪽이 되기 쉬워요.",
                with_particle(&el(ea), "이", "가"),
                their,
                with_particle(&el(eb), "을", "를")
            ),
            format!("챙김이 지나치면 {their}에게는 간섭으로 느껴질 수 있어요. 도움은 부탁받았을 때 주고, 평소에는 믿고 지켜봐 주는 것이 더 큰 힘이 돼요."),
        )
    } else if eb.produces() == ea {
        (
            format!(
                "{}의 {} 본인의 {} 받쳐 주는 사이라, {} 본인을 돕고 챙기는 쪽이 되기 쉬워요.",
                their,
                with_particle(&el(eb), "이", "가"),
                with_particle(&el(ea), "을", "를"),
                their_is
            ),
            format!(
                "받는 쪽은 당연하게 여기기 쉬워요. {their_to} 고마움을 말로 자주 표현하면 관계가 훨씬 부드러워져요."
            ),
        )
    } else if ea.controls() == eb {
        (
            format!(
                "본인의 {} {}의 {} 누르는 사이라, 본인의 말이 {their_to} 지적이나 통제로 들리기 쉬워요.",
                with_particle(&el(ea), "이", "가"),
                their,
                with_particle(&el(eb), "을", "를")
            ),
            "지시나 충고 대신 \"너는 어떻게 생각해?\"처럼 묻는 말로 바꿔 보세요. 같은 내용도 질문으로 건네면 훨씬 덜 부딪혀요.".to_string(),
        )
    } else {
        (
            format!(
                "{}의 {} 본인의 {} 누르는 사이라, {}의 말이 본인에게는 압박이나 잔소리로 느껴지기 쉬워요.",
                their,
                with_particle(&el(eb), "이", "가"),
                with_particle(&el(ea), "을", "를"),
                their
            ),
            "말에 바로 맞받기보다 한 박자 쉬고 \"무슨 뜻인지\" 먼저 물어보세요. 의도를 확인하면 같은 말도 덜 아프게 들려요.".to_string(),
        )
    };
    let mut lines = vec![format!("- {how}")];
    // The day branches: the seat of closeness.
    // (The day branches only: the stems were weighed above.)
    if let Some(r) = branch_relations(a, b).into_iter().next() {
        let tip = match r.kind {
            RelationKind::Clash => "생활 속도와 방식이 정면으로 부딪히는 자리라, 같은 공간에서 오래 부딪히는 일(같이 일하기, 한 집 살림)은 역할을 미리 나눠 두세요.",
            RelationKind::Wonjin => "이유 없이 서운함이 쌓이기 쉬운 자리라, 감정이 올라올 때는 그 자리에서 말하지 말고 하루 지나 차분히 이야기하세요.",
            RelationKind::Punishment | RelationKind::SelfPunishment => "가까울수록 서로를 깎기 쉬운 자리라, 지적은 둘만 있을 때 짧게 하세요.",
            RelationKind::Harm | RelationKind::Break => "작은 서운함이 쌓이기 쉬운 자리라, 그때그때 가볍게 풀어 두는 것이 좋아요.",
            _ => "생활의 결이 잘 맞물리는 자리라, 함께 하는 시간(식사, 산책)을 늘리면 관계가 빨리 풀려요.",
        };
        lines.push(format!("- 두 분의 일지(가까운 사이를 보는 자리) {}: {tip}", r.hangul_name));
    }
    // What the other's chart needs, and whether the user brings it.
    let need = other.strength.favourable;
    let brings = if ea == need {
        format!(" 본인의 일간이 바로 그 {} 기운이라, 곁에 있는 것만으로 힘이 되는 사이예요.", el(need))
    } else {
        String::new()
    };
    lines.push(format!(
        "- {}의 사주에 힘이 되는 기운은 {} 쪽이에요: {}.{} 이런 쪽으로 함께하거나 응원해 주시면 좋아요.",
        their,
        el(need),
        everyday(need),
        brings
    ));
    lines.push(format!("- {}", for_the_relation(their)));
    Plan { head, body: lines.join("\n") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_advice_reads_both_charts_and_fits_the_relation() {
        // 1996-08-29 12:10 (무술 일주, 무토) and her sister 1993-02-08 03:50 (경신 일주, 경금): 토 feeds 금.
        let me = crate::answer::test_chart("1996-08-29T12:10", "female");
        let sister = crate::answer::test_chart("1993-02-08T03:50", "female");
        let p = plan(&me, &sister, "언니분");
        assert!(p.head.contains("토(土)가") && p.head.contains("금(金)을 북돋우는"), "{}", p.head);
        assert!(p.body.contains("몫을 나눠"), "{}", p.body);
        assert!(!p.body.contains("인연") && !p.body.contains("소개"), "{}", p.body);
        assert!(asks("그럼 언니랑 안 싸우려면 어떻게 해야돼요?") && asks("제가 며느리한테 어떻게 하면 좋을까요?"));
        assert!(!asks("내년 운은 어때요?"));
        assert!(is_romantic("남편분") && !is_romantic("며느님"));
    }

    #[test]
    fn asked_why_two_clash_the_day_branches_lead_and_asked_how_the_way_to_act_does() {
        // 1986-10-23 07:50 (경자 일주) and her boss 1972-01-28 (무오 일주): 자오충 between the day branches; 무토
        // is 편인 to 경금.
        let me = crate::answer::test_chart("1986-10-23T07:50", "female");
        let boss = crate::answer::test_chart("1972-01-28T12:00", "male");
        let why = plan_for(&me, &boss, "부장님", "왜 이렇게 안 맞을까요?");
        assert!(why.head.starts_with("부딪히는 가장 큰 이유는") && why.head.contains("자오충"), "{}", why.head);
        assert!(why.body.contains("부장님의 일간 무토는 본인(일간 경금)에게 편인"), "{}", why.body);
        let how = plan_for(&me, &boss, "부장님", "그럼 제가 어떻게 대해야 되요?");
        assert!(!how.head.contains("자오충") && how.body.contains("- 이유:"), "{}\n{}", how.head, how.body);
        assert!(how.body.contains("인성"), "{}", how.body);
        assert!(asks("명절때마다 부딪히는데 어떻해야 할까요?") && asks("둘이 동업 괜찮을까요?"));
    }
}
