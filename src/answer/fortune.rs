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

fn day_master(chart: &Chart) -> crate::saju::ganzhi::Stem {
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
