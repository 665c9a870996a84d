//! The engine-based reading of a topic: a one-line conclusion and a short reading, from the chart's ten-god
//! groups and strength; and the pillars as an answer names them.

use super::findings::{element_hangul, group_counts};
use super::Topic;
use crate::saju::chart::model::Chart;
use crate::saju::derive::TenGodGroup;

/// The four pillars as an answer names them: "경오년 신사월 경진일 갑신시", or "(시주 모름)" for the hour.
pub fn pillars_in_words(chart: &Chart) -> String {
    let p = &chart.pillars;
    format!(
        "{}년 {}월 {}일 {}",
        p.year.hangul,
        p.month.hangul,
        p.day.hangul,
        p.hour.as_ref().map_or("(시주 모름)".to_string(), |h| format!("{}시", h.hangul))
    )
}

/// The organs tradition links to an element (오행과 장부).
pub(super) fn organs(code: &str) -> &'static str {
    match code {
        "wood" => "간·담과 근육, 눈",
        "fire" => "심장·소장과 혈액순환",
        "earth" => "비위와 소화기",
        "metal" => "폐·대장과 호흡기, 피부",
        _ => "신장·방광과 생식기",
    }
}

/// What the ten god on the spouse's seat (일지) says of a relationship.
pub(super) fn spouse_seat(god: &str) -> &'static str {
    match crate::saju::derive::TenGod::from_hangul(god).map(crate::saju::derive::TenGod::group) {
        Some(TenGodGroup::BiGeop) => "친구처럼 대등하게 기대는 관계를 원하는 편입니다.",
        Some(TenGodGroup::SikSang) => "표현이 풍부하고 상대를 챙겨 주는 관계를 만드는 편입니다.",
        Some(TenGodGroup::JaeSeong) => "현실적이고 책임감 있는 관계를 중시하는 편입니다.",
        Some(TenGodGroup::GwanSeong) => "예의와 약속을 지키는 안정된 관계를 바라는 편입니다.",
        _ => "이해받고 보살핌을 주고받는 관계를 편안해하는 편입니다.",
    }
}

pub fn topic_reading(topic: Topic, chart: &Chart, year: i32) -> (String, String) {
    let counts = group_counts(chart);
    let count = |g: TenGodGroup| counts.iter().find(|(x, _)| *x == g).map_or(0, |(_, n)| *n);
    let strong = chart.strength.verdict.is_strong();
    let dm = &chart.day_master.name;
    match topic {
        Topic::Personality => {
            let month_god = chart.pillars.month.branch.ten_god.hangul;
            let head = format!(
                "{} 바탕에, 월지 {}의 {} 기질이 더해진 사람입니다.",
                crate::saju::josa::with_particle(
                    &format!("일간 {dm}의 {}", super::followups::strength_of(chart.day_master.hangul)),
                    "이",
                    "가"
                ),
                chart.pillars.month.branch.hangul,
                month_god
            );
            let group_trait = crate::saju::derive::TenGod::from_hangul(month_god)
                .map(|g| super::plans::trait_of(g.group()))
                .unwrap_or_default();
            let weak = super::followups::weaknesses(chart);
            let balance = if strong {
                "일간의 힘이 강한 편이라 자기 기준대로 밀고 나가는 힘이 크고, 주변 의견을 한 번 더 들어 보는 여유가 균형을 잡아 줍니다."
            } else {
                "일간의 힘이 약한 편이라 주변을 살피는 섬세함이 크고, 스스로의 판단을 믿고 한 걸음 먼저 나서는 연습이 힘이 됩니다."
            };
            let short = weak.head.trim_start_matches("단점으로 드러나기 쉬운 부분은 ").trim_end_matches("입니다.");
            let body = format!(
                "사회에서는 {group_trait}. {balance}\n조심할 점은 {} 드러나기 쉬운 면인데, 이것도 장점의 다른 얼굴입니다.",
                crate::saju::josa::with_ro(short)
            );
            (head, body)
        }
        Topic::Career => {
            let (name, text) = if count(TenGodGroup::GwanSeong) >= 2 {
                ("관성", "조직과 규칙 안에서 책임을 맡을 때 인정받기 쉬운 구조입니다.")
            } else if count(TenGodGroup::SikSang) >= 2 {
                ("식상", "표현하고 만들어 내는 일, 기술과 전문성을 쌓는 일에서 힘을 냅니다.")
            } else if count(TenGodGroup::JaeSeong) >= 2 {
                ("재성", "현실 감각과 실행력을 살리는 일, 사람과 자원을 관리하는 일이 잘 맞습니다.")
            } else if count(TenGodGroup::InSeong) >= 2 {
                ("인성", "배우고 가르치고 정리하는 일, 자격과 지식이 쌓이는 일이 잘 맞습니다.")
            } else {
                ("비겁", "스스로 주도하는 일, 동료와 함께 성과를 나누는 일에서 힘을 냅니다.")
            };
            (format!("직업은 {name}의 힘을 살리는 쪽이 유리합니다."), text.into())
        }
        Topic::Wealth => {
            let n = count(TenGodGroup::JaeSeong);
            let head = match n {
                0 => "재성이 원국에 드러나지 않아, 재물은 운에서 들어올 때 잡고 꾸준히 쌓아 가는 구조입니다.".to_string(),
                1 => "재성이 원국에 하나 드러나 있어, 재물은 한 길로 꾸준히 쌓아 가는 쪽에 강합니다.".to_string(),
                n => format!("재성이 원국에 {n}개 드러나 있어, 재물 기운이 분명한 사주입니다."),
            };
            let body = if strong {
                "일간이 힘이 있어 재성을 감당할 수 있는 편이니, 기회를 보되 규모를 정해 두고 움직이면 좋습니다."
            } else {
                "일간의 힘을 먼저 기르는 것이 재물을 지키는 길입니다. 무리한 확장보다 안정적인 흐름을 만드는 쪽을 권합니다."
            };
            (head, body.into())
        }
        Topic::Love => (
            format!(
                "배우자 자리인 일지에 {}{} 있어, {}",
                chart.pillars.day.branch.ten_god.hangul,
                if crate::saju::josa::has_final_consonant(chart.pillars.day.branch.ten_god.hangul) { "이" } else { "가" },
                spouse_seat(chart.pillars.day.branch.ten_god.hangul)
            ),
            format!(
                "일지 {} 배우자 자리로 보며, {}의 성향이 관계에 드러납니다. 상대에게 기대하는 것을 말로 분명히 나누면 오해가 줄어듭니다.",
                crate::saju::josa::with_particle(chart.pillars.day.branch.hangul, "은", "는"),
                chart.pillars.day.branch.ten_god.hangul
            ),
        ),
        Topic::Health => (
            {
                let most = chart.elements.elements.iter().max_by_key(|e| e.plain).expect("five elements");
                let none_missing = chart.elements.elements.iter().all(|e| e.plain > 0);
                if most.plain <= 2 && none_missing {
                    return (
                        "오행이 고루 드러나 한쪽으로 크게 치우치지 않은 사주라, 건강은 타고난 약점보다 생활의 리듬을 중심으로 봅니다.".to_string(),
                        "규칙적인 식사와 잠, 무리하지 않는 운동이 가장 좋은 보완입니다. 불편한 곳이 이어지면 사주와 상관없이 진료를 받아 보세요.".to_string(),
                    );
                }
                format!(
                    "오행 가운데 {} {}개로 가장 많아, 건강은 이 치우침을 중심으로 봅니다.",
                    crate::saju::josa::with_particle(element_hangul(most.element.code()), "이", "가"),
                    most.plain
                )
            },
            {
                let els = &chart.elements.elements;
                let most = els.iter().max_by_key(|e| e.plain).expect("five elements");
                let mut text = format!(
                    "전통적으로 {} {} 이어 보므로, 이 부분을 무리하지 않게 살피라고 봅니다.",
                    crate::saju::josa::with_particle(element_hangul(most.element.code()), "은", "는"),
                    crate::saju::josa::with_particle(organs(most.element.code()), "과", "와")
                );
                match els.iter().find(|e| e.plain == 0) {
                    Some(e) => text.push_str(&format!(
                        " 드러나지 않은 {}의 자리({})도 생활 습관으로 챙기면 좋습니다.",
                        element_hangul(e.element.code()),
                        organs(e.element.code())
                    )),
                    None if most.plain <= 2 => text = "오행이 고루 드러나 있어 한쪽으로 크게 치우친 구조는 아닙니다. 규칙적인 생활이 가장 좋은 보완입니다.".into(),
                    None => {}
                }
                text
            },
        ),
        Topic::YearFortune | Topic::Daeun => {
            let d = &chart.daeun;
            let (current, _) = super::plans::daeun_at(chart, year);
            (
                "운의 흐름은 대운과 그해의 간지를 함께 봅니다.".into(),
                match current {
                    Some(c) => format!(
                        "지금은 {}대운({}~{}년)으로, 천간 {}·지지 {}의 기운이 흐릅니다. 대운은 {}세 무렵 시작해 10년마다 바뀝니다.",
                        c.hangul, c.start_year, c.end_year, c.stem_ten_god.hangul, c.branch_ten_god.hangul, d.number
                    ),
                    None => format!("대운은 {}세 무렵 시작해 10년마다 바뀝니다.", d.number),
                },
            )
        }
        Topic::Term
        | Topic::General
        | Topic::TodayFortune
        | Topic::Compatibility
        | Topic::SmallTalk
        | Topic::OutOfScope
        | Topic::Timing(_)
        | Topic::Children
        | Topic::Study
        | Topic::Samjae
        | Topic::LateLife
        | Topic::Crisis => (
            format!("{dm} 일간의 사주입니다. 성격, 직업, 재물, 연애, 건강, 운의 흐름 중 궁금한 것을 물어 주세요."),
            String::new(),
        ),
    }
}
