//! Time against the chart: a year's 세운 and a day's 일진, as findings. Pure chart math on the engine's
//! pillars; the knowledge base's `seun:` and `seun_relation:` conditions select passages from these codes.

use super::findings::Finding;
use crate::saju::astro::julian::jdn_from_civil;
use crate::saju::chart::model::Chart;
use crate::saju::derive::relations::{pair_relations, PillarPart};
use crate::saju::derive::ten_gods::{branch_ten_god, ten_god};
use crate::saju::ganzhi::GanZhi;
use crate::saju::josa::with_particle;
use crate::saju::pillars::{day_pillar, year_pillar};

/// The chart's pillars as (label, 간지), hour last when known.
pub fn natal_pillars(chart: &Chart) -> Vec<(&'static str, GanZhi)> {
    let p = &chart.pillars;
    let mut out = vec![
        ("년주", GanZhi::new(p.year.index.into())),
        ("월주", GanZhi::new(p.month.index.into())),
        ("일주", GanZhi::new(p.day.index.into())),
    ];
    if let Some(h) = &p.hour {
        out.push(("시주", GanZhi::new(h.index.into())));
    }
    out
}

/// The day master (일간) of a chart, as the engine's stem.
pub(super) fn day_master(chart: &Chart) -> crate::saju::ganzhi::Stem {
    GanZhi::new(chart.pillars.day.index.into()).stem()
}

fn name(gz: GanZhi) -> String {
    format!("{}({})", gz.hangul(), gz.hanja())
}

/// `year`'s 세운: its pillar, the ten gods of its stem and branch, and its branch's relations with the day
/// branch (`seun_relation:<kind>`).
pub fn seun_findings(chart: &Chart, year: i32) -> Vec<Finding> {
    let gz = year_pillar(year);
    let dm = day_master(chart);
    let (stem_god, branch_god) = (ten_god(dm, gz.stem()), branch_ten_god(dm, gz.branch()));
    let mut out = vec![Finding {
        code: format!("seun:{}", stem_god.hangul()),
        text: format!(
            "{year}년 세운 {}: 천간 {} → {}, 지지 {} → {} (일간 {} 기준)",
            name(gz),
            gz.stem().hangul(),
            stem_god.hangul(),
            gz.branch().hangul(),
            branch_god.hangul(),
            dm.hangul()
        ),
    }];
    let day = GanZhi::new(chart.pillars.day.index.into());
    for r in pair_relations(gz, day).into_iter().filter(|r| r.members.iter().all(|m| m.part == PillarPart::Branch)) {
        out.push(Finding {
            code: format!("seun_relation:{}", r.kind.code()),
            text: format!("{year}년 세운과 일주 {} → {}", name(day), r.hangul_name),
        });
    }
    // The year's branch against the other natal branches (년지 자 and a 오년 clash, say): not the day seat's
    // relations the knowledge base's `seun_relation:` passages describe, so coded apart.
    for (label, natal) in natal_pillars(chart).into_iter().filter(|(l, _)| *l != "일주") {
        for r in
            pair_relations(gz, natal).into_iter().filter(|r| r.members.iter().all(|m| m.part == PillarPart::Branch))
        {
            out.push(Finding {
                code: format!("seun_natal:{}@{label}", r.kind.code()),
                text: format!("{year}년 세운과 {label} {} → {}", name(natal), r.hangul_name),
            });
        }
    }
    out
}

/// The day pillar (일진) of a civil date.
pub fn day_pillar_of(date: (i32, u32, u32)) -> GanZhi {
    day_pillar(jdn_from_civil(date.0, date.1, date.2))
}

/// The day `date`'s 일진 against the chart: its ten gods and its relations with each natal pillar.
pub fn today_findings(chart: &Chart, date: (i32, u32, u32)) -> Vec<Finding> {
    let gz = day_pillar_of(date);
    let dm = day_master(chart);
    let (stem_god, branch_god) = (ten_god(dm, gz.stem()), branch_ten_god(dm, gz.branch()));
    let (y, m, d) = date;
    let mut out = vec![
        Finding {
            code: format!("today_pillar:{}", gz.hangul()), text: format!("{y}년 {m}월 {d}일 일진 {}", name(gz))
        },
        Finding {
            code: format!("today:{}", stem_god.hangul()),
            text: format!(
                "일진 천간 {} → {}, 지지 {} → {} (일간 {} 기준)",
                gz.stem().hangul(),
                stem_god.hangul(),
                gz.branch().hangul(),
                branch_god.hangul(),
                dm.hangul()
            ),
        },
    ];
    for (label, natal) in natal_pillars(chart) {
        for r in pair_relations(gz, natal) {
            out.push(Finding {
                code: format!("today_relation:{}@{}", r.kind.code(), label),
                text: format!(
                    "일진 {} {} {} → {}",
                    with_particle(gz.hangul(), "과", "와"),
                    label,
                    natal.hangul(),
                    r.hangul_name
                ),
            });
        }
    }
    out
}

/// A day's relations with the natal pillars (`today_relation:<kind>@<seat>` findings, the day seat first)
/// as one sentence: each relation by name with its seat, and what the strongest kind tends to bring (a clash
/// before a punishment before a harm before a combination).
pub fn relations_in_words(relations: &[&Finding]) -> Option<String> {
    relations_said(relations, "이날의 일진은", "날")
}

/// Relations (`<prefix>:<kind>@<seat>` findings) as one sentence opening with `subject` and ending on `unit`
/// ("날", "해").
pub fn relations_said(relations: &[&Finding], subject: &str, unit: &str) -> Option<String> {
    fn kind_of(f: &Finding) -> &str {
        f.code.split_once(':').map(|(_, c)| c).and_then(|c| c.split('@').next()).unwrap_or("")
    }
    let named: Vec<String> = relations
        .iter()
        .take(3)
        .map(|f| {
            let seat = f.code.split('@').nth(1).unwrap_or("일주");
            let name = f.text.split(" → ").nth(1).unwrap_or("");
            format!("{seat}와 {name}")
        })
        .collect();
    if named.is_empty() {
        return None;
    }
    let has = |kinds: &[&str]| relations.iter().any(|f| kinds.contains(&kind_of(f)));
    let combine = has(&["six_combine", "three_harmony", "half_harmony", "stem_combine", "directional"]);
    let meaning = if has(&["clash", "stem_clash"]) && combine {
        "도움과 변동이 함께 오니 일정에 여유를 두면 좋은"
    } else if has(&["clash", "stem_clash"]) {
        "움직임과 변동이 생기기 쉬운"
    } else if has(&["punishment", "self_punishment"]) {
        "마찰이 생기기 쉬워 말과 일정을 한 번 더 조율하면 좋은"
    } else if has(&["break", "harm", "wonjin"]) {
        "작은 오해와 서운함을 조심할"
    } else {
        "일이 묶이고 도움이 붙기 쉬운"
    };
    Some(format!("{subject} 원국의 {} 이루어, {meaning} {unit}입니다.", with_particle(&named.join(", "), "을", "를")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(code: &str, text: &str) -> Finding {
        Finding { code: code.into(), text: text.into() }
    }

    #[test]
    fn relations_are_named_and_the_strongest_kind_speaks() {
        let clash = finding("today_relation:clash@월주", "일진 기축과 월주 을미 → 축미충");
        let combine = finding("today_relation:six_combine@년주", "일진 기축과 년주 병자 → 자축합(토)");
        let harm = finding("today_relation:break@일주", "일진 기축과 일주 임진 → 축진파");
        let both = relations_in_words(&[&combine, &clash]).unwrap();
        assert!(both.contains("년주와 자축합(토)") && both.contains("월주와 축미충"), "{both}");
        assert!(both.contains("도움과 변동이 함께"), "{both}");
        let only_break = relations_in_words(&[&harm]).unwrap();
        assert!(only_break.contains("축진파") && only_break.contains("오해"), "{only_break}");
        assert_eq!(relations_in_words(&[]), None);
    }
}
