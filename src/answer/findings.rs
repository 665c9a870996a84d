//! Chart facts as coded findings: the natal chart's own (day master, month branch's ten god, strength,
//! 용신, missing elements). Other producers: `fortune` (세운, 일진), `compat` (궁합) and the plugins'
//! findings, which the turn runner adds. The codes are what the knowledge base's `applies_when` matches.

use crate::saju::chart::model::Chart;
use crate::saju::derive::{TenGod, TenGodGroup};
use serde::Serialize;

/// A chart fact an answer rests on, with the code the knowledge base's `applies_when` uses.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Finding {
    pub code: String,
    pub text: String,
}

pub fn element_hangul(code: &str) -> &'static str {
    match code {
        "wood" => "목(木)",
        "fire" => "화(火)",
        "earth" => "토(土)",
        "metal" => "금(金)",
        "water" => "수(水)",
        _ => "",
    }
}

/// How many of the chart's visible stems and branches (day stem excluded) fall in each ten-god group.
/// How many of the chart's characters are of `group`.
pub fn group_count(chart: &Chart, group: TenGodGroup) -> u32 {
    group_counts(chart).iter().find(|(g, _)| *g == group).map_or(0, |(_, n)| *n)
}

pub fn group_counts(chart: &Chart) -> [(TenGodGroup, u32); 5] {
    let mut counts = TenGodGroup::ALL.map(|g| (g, 0u32));
    let p = &chart.pillars;
    let pillars = [Some(&p.year), Some(&p.month), Some(&p.day), p.hour.as_ref()];
    for pillar in pillars.into_iter().flatten() {
        let gods = [pillar.stem.ten_god.map(|t| t.code), Some(pillar.branch.ten_god.code)];
        for code in gods.into_iter().flatten() {
            let group = TenGod::from_code(code).map(TenGod::group);
            if let Some(slot) = counts.iter_mut().find(|(g, _)| group == Some(*g)) {
                slot.1 += 1;
            }
        }
    }
    counts
}

pub fn findings(chart: &Chart) -> Vec<Finding> {
    let dm = &chart.day_master;
    let month = &chart.pillars.month;
    let s = &chart.strength;
    let mut out = vec![
        Finding { code: format!("day_stem:{}", dm.hangul), text: format!("일간 {}", dm.name) },
        Finding {
            code: format!("ten_god:{}@month_branch", month.branch.ten_god.hangul),
            text: format!(
                "월지 {}{} → {}",
                month.branch.hangul,
                element_hangul(month.branch.element).chars().next().unwrap_or(' '),
                month.branch.ten_god.hangul
            ),
        },
        Finding { code: format!("strength:{}", s.verdict.code()), text: format!("{}(추정)", s.verdict.hangul()) },
        Finding {
            code: format!("favourable:{}", s.favourable.code()),
            text: format!("용신 {}(추정)", element_hangul(s.favourable.code())),
        },
    ];
    for e in &chart.elements.elements {
        if e.plain == 0 {
            out.push(Finding {
                code: format!("element_missing:{}", e.element.code()),
                text: format!("{} 없음(드러난 글자 기준)", element_hangul(e.element.code())),
            });
        }
    }
    // The symbolic stars, coded as the knowledge base names them (`shinsal:cheoneul` for 천을귀인 …).
    for star in &chart.shinsal {
        let at: Vec<&str> = star.positions.iter().map(|p| p.hangul()).collect();
        out.push(Finding {
            code: format!("shinsal:{}", star_knowledge_code(star.code)),
            text: format!("{}({})", star.hangul, at.join("·")),
        });
    }
    out
}

/// The knowledge base's name for one of the engine's symbolic stars (`shinsal.cheoneul` for
/// `cheoneul_gwiin`); the others are spelled alike.
pub(crate) fn star_knowledge_code(engine_code: &str) -> &str {
    match engine_code {
        "cheoneul_gwiin" => "cheoneul",
        "gwimungwan" => "gwimun",
        other => other,
    }
}
