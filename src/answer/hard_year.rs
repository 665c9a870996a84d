//! "올해 왜 이렇게 힘들었을까요?", "작년에 일이 왜 그렇게 꼬였을까요?": a year looked back on. A 상담가 names what
//! struck the chart that year — the year's ten gods, the 충·형·원진 its pillar made with which seat, the 기신, the
//! 대운 underneath — not a forecast and not a textbook.

use super::fortune::{day_master, natal_pillars};
use super::plans::Plan;
use crate::saju::chart::model::Chart;
use crate::saju::derive::relations::{pair_relations, PillarPart, RelationKind};
use crate::saju::derive::ten_gods::{branch_ten_god, ten_god};
use crate::saju::derive::{TenGod, TenGodGroup};
use crate::saju::ganzhi::GanZhi;
use crate::saju::josa::{with_particle, with_ro};
use crate::saju::pillars::year_pillar;

/// "올해 왜 이렇게 힘들었을까요", "작년엔 왜 그렇게 안 풀렸을까": the year looked back on (this one or last), when
/// the question asks why it went badly.
pub fn asked(question: &str, this_year: i32) -> Option<i32> {
    let why = ["왜", "이유", "탓", "때문"].iter().any(|w| question.contains(w));
    let hard = [
        "힘들", "안 풀", "안풀", "꼬였", "꼬이", "안 좋", "안좋", "치이", "안 됐", "안됐", "안 되", "망했", "엉망",
        "지쳤",
    ]
    .iter()
    .any(|w| question.contains(w));
    if !(why && hard) {
        return None;
    }
    if question.contains("작년") {
        Some(this_year - 1)
    } else if ["올해", "올 한 해", "이번 해", "요즘", "올해는"].iter().any(|w| question.contains(w)) {
        Some(this_year)
    } else {
        None
    }
}

/// What a natal seat stands for, in a few words.
fn seat(label: &str) -> &'static str {
    match label {
        "년주" => "바깥 관계와 윗사람의 자리",
        "월주" => "직장과 집안, 사회생활의 자리",
        "일주" => "나 자신과 몸, 가장 가까운 관계의 자리",
        _ => "일의 결과와 아랫사람·자녀의 자리",
    }
}

/// What a year of this ten-god group feels like when it weighs on the chart.
fn weight_of(group: TenGodGroup) -> &'static str {
    match group {
        TenGodGroup::GwanSeong => "책임과 평가, 윗사람의 압박이 앞에 서는 해",
        TenGodGroup::BiGeop => "경쟁과 나가는 돈, 사람 사이의 부딪힘이 늘어나는 해",
        TenGodGroup::SikSang => "할 일과 말이 많아지고 기운이 밖으로 새기 쉬운 해",
        TenGodGroup::JaeSeong => "돈과 일에 쫓기며 몸을 많이 쓰는 해",
        TenGodGroup::InSeong => "생각이 많아지고 움직이기보다 머무르게 되는 해",
    }
}

/// The year looked back on: the head names the strongest reason, the body each one with its seat.
pub fn plan(chart: &Chart, year: i32, this_year: i32) -> Plan {
    let gz = year_pillar(year);
    let dm = day_master(chart);
    let (sg, bg): (TenGod, TenGod) = (ten_god(dm, gz.stem()), branch_ten_god(dm, gz.branch()));
    let mut strains: Vec<String> = Vec::new();
    for (label, natal) in natal_pillars(chart) {
        for r in pair_relations(gz, natal) {
            let on_branches = r.members.iter().all(|m| m.part == PillarPart::Branch);
            let on_stems = r.members.iter().all(|m| m.part == PillarPart::Stem);
            let effect = match r.kind {
                RelationKind::Clash if on_branches => "정면으로 부딪쳐 흔들리기 쉬운 때였어요",
                RelationKind::StemClash if on_stems && label == "일주" => "마음과 판단이 흔들리기 쉬운 때였어요",
                RelationKind::Punishment | RelationKind::SelfPunishment if on_branches => {
                    "마찰과 탈이 나기 쉬운 때였어요"
                }
                RelationKind::Wonjin if on_branches => "서운함과 답답함이 쌓이기 쉬운 때였어요",
                RelationKind::Harm | RelationKind::Break if on_branches => "작은 틈이 벌어지기 쉬운 때였어요",
                _ => continue,
            };
            let (theirs, ours) = if on_stems {
                (format!("{}{}", gz.stem().hangul(), gz.stem().element().hangul()), format!("일간 {}", dm.hangul()))
            } else {
                (
                    format!("{}{}", gz.branch().hangul(), gz.branch().element().hangul()),
                    format!("{label} {}", natal.hangul()),
                )
            };
            strains.push(format!(
                "그해의 {} {} {} 이루어, {}에서 {effect}",
                with_particle(&theirs, "이", "가"),
                with_particle(&ours, "과", "와"),
                with_particle(&r.hangul_name, "을", "를"),
                if on_stems { "나 자신의 판단" } else { seat(label) }
            ));
        }
    }
    let year_name = format!("{year}년({})", gz.hangul());
    let gods = format!("천간 {}·지지 {}", sg.hangul(), bg.hangul());
    let group = if sg.group() == bg.group() { Some(sg.group()) } else { None };
    let burden = chart.strength.unfavourable;
    let heavy = [gz.stem().element(), gz.branch().element()].contains(&burden);
    let day = GanZhi::parse(chart.pillars.day.hangul);
    let luck_clash = super::plans::daeun_at(chart, year).0.and_then(|d| GanZhi::parse(d.hangul)).and_then(|luck| {
        let r = pair_relations(luck, day?).into_iter().find(|r| {
            matches!(r.kind, RelationKind::Clash) && r.members.iter().all(|m| m.part == PillarPart::Branch)
        })?;
        Some(format!(
            "바탕에 흐르는 {}대운이 일주와 {}이라, 한 해만이 아니라 몇 해째 흔들림이 이어지는 때예요",
            luck.hangul(),
            r.hangul_name
        ))
    });
    let gods_line = format!(
        "그해의 십신은 {}, {}였어요",
        with_ro(&gods),
        group.map_or_else(
            || format!("{}과 {}이 겹친 해", weight_of(sg.group()), weight_of(bg.group())),
            |g| { weight_of(g).to_string() }
        )
    );
    let reasons: Vec<String> = strains.iter().cloned().chain(luck_clash.clone()).collect();
    let head = match reasons.first() {
        Some(first) => format!("{year_name}이 버거웠던 가장 큰 이유는 이 사주와 부딪친 글자에 있어요. {first}."),
        None if heavy => format!(
            "{year_name}은 이 사주에 부담이 되는 {}({}) 기운이 든 해라, 애쓴 만큼 풀리지 않는 느낌이 들기 쉬웠어요.",
            burden.hangul(),
            burden.hanja()
        ),
        None if group.is_some() => format!("{year_name}은 {gods_line}."),
        None => format!(
            "{year_name} 자체는 이 사주와 크게 부딪친 해가 아니라, 지금의 버거움은 운보다 그동안 쌓인 피로에 가까워 보여요."
        ),
    };
    let mut lines = Vec::new();
    for s in reasons.iter().skip(1).take(2) {
        lines.push(format!("- {s}."));
    }
    if !head.contains(&gods_line) {
        lines.push(format!("- {gods_line}."));
    }
    if heavy && !reasons.is_empty() {
        lines.push(format!(
            "- 게다가 이 사주에 부담이 되는 {}({}) 기운이 들어, 애쓴 만큼 풀리지 않는 느낌이 더해졌어요.",
            burden.hangul(),
            burden.hanja()
        ));
    }
    if year == this_year {
        let next = &super::timing::score_years(chart, super::TimingTopic::General, this_year + 1, 1)[0];
        lines.push(format!(
            "- 다음 해 {}년({})은 {}로 봅니다. 버거운 해를 지나온 것 자체가 힘이 되니, 지금은 몸과 마음을 먼저 추스르세요.",
            next.year,
            next.pillar_hangul,
            next.verdict()
        ));
    }
    Plan { head, body: lines.join("\n") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hard_year_is_asked_only_as_a_year_looked_back_on() {
        assert_eq!(asked("올해 진짜 왜 이렇게 힘들었을까요..", 2026), Some(2026));
        assert_eq!(asked("그럼 올해 일이 꼬였던 건 왜일까요?", 2026), Some(2026));
        assert_eq!(asked("작년엔 왜 그렇게 안 풀렸을까요", 2026), Some(2025));
        assert_eq!(asked("올해 운 어때요?", 2026), None);
        assert_eq!(asked("내년엔 힘들까요?", 2026), None);
    }

    #[test]
    fn the_year_is_explained_by_what_struck_the_chart() {
        // 1990-07-14 10:20 female: 경오 계미 경진 신사. 2026 병오: 오 against the year branch 오 (오오 자형), and
        // 병·오 are 편관·정관 to 경금.
        let chart = crate::answer::test_chart("1990-07-14T10:20", "female");
        let p = plan(&chart, 2026, 2026);
        assert!(p.head.contains("오오 자형") && p.head.contains("년주 경오"), "{}", p.head);
        assert!(p.body.contains("편관·지지 정관"), "{}", p.body);
        assert!(p.body.contains("2027년(정미)"), "{}", p.body);
        // 1993-10-05 19:00 female: 계유 신유 기미 갑술, in 을축대운 — 축미충 with the day branch leads when the
        // year itself strikes nothing.
        let chart = crate::answer::test_chart("1993-10-05T19:00", "female");
        let p = plan(&chart, 2026, 2026);
        assert!(p.head.contains("을축대운") && p.head.contains("축미충"), "{}", p.head);
    }
}
