//! The engine's chart as the WIT `chart` record a plugin reads.

use super::bindings::wit;
use crate::saju::chart::model::{Chart, NameView, PillarView};
use crate::saju::derive::PillarPart;
use crate::saju::pillars::Position;

fn term(n: &NameView) -> wit::Term {
    wit::Term { code: n.code.into(), hangul: n.hangul.into(), hanja: n.hanja.into() }
}

pub(super) fn position(p: Position) -> wit::Position {
    match p {
        Position::Year => wit::Position::Year,
        Position::Month => wit::Position::Month,
        Position::Day => wit::Position::Day,
        Position::Hour => wit::Position::Hour,
    }
}

fn pillar(position: wit::Position, p: &PillarView) -> wit::Pillar {
    let (s, b) = (&p.stem, &p.branch);
    wit::Pillar {
        position,
        hangul: p.hangul.into(),
        hanja: p.hanja.into(),
        index: p.index,
        stem: wit::Stem {
            hangul: s.hangul.into(),
            hanja: s.hanja.into(),
            element: s.element.into(),
            polarity: s.polarity.into(),
            ten_god: s.ten_god.as_ref().map(term),
        },
        branch: wit::Branch {
            hangul: b.hangul.into(),
            hanja: b.hanja.into(),
            element: b.element.into(),
            polarity: b.polarity.into(),
            animal: b.animal.into(),
            ten_god: term(&b.ten_god),
            hidden_stems: b
                .hidden_stems
                .iter()
                .map(|h| wit::HiddenStem {
                    hangul: h.hangul.into(),
                    hanja: h.hanja.into(),
                    element: h.element.into(),
                    role: h.role.into(),
                    ten_god: term(&h.ten_god),
                })
                .collect(),
        },
        life_stage: term(&p.life_stage),
        nayin: p.nayin.hangul.into(),
        void: p.void,
    }
}

/// Everything the engine computed, in the plugin contract's shape.
pub fn to_wit(chart: &Chart) -> wit::Chart {
    let p = &chart.pillars;
    let mut pillars = vec![
        pillar(wit::Position::Year, &p.year),
        pillar(wit::Position::Month, &p.month),
        pillar(wit::Position::Day, &p.day),
    ];
    if let Some(hour) = &p.hour {
        pillars.push(pillar(wit::Position::Hour, hour));
    }
    wit::Chart {
        gender: chart.input.gender.into(),
        hour_known: p.hour.is_some(),
        solar_date: chart.birth.solar_date.clone(),
        pillars,
        day_master: chart.day_master.hangul.into(),
        day_master_element: chart.day_master.element.into(),
        elements: chart
            .elements
            .elements
            .iter()
            .map(|e| wit::ElementCount { element: e.element.code().into(), plain: e.plain, weighted: e.weighted })
            .collect(),
        relations: chart
            .relations
            .iter()
            .map(|r| wit::Relation {
                kind: r.kind.code().into(),
                name: r.hangul_name.clone(),
                members: r
                    .members
                    .iter()
                    .map(|m| wit::RelationMember {
                        position: position(m.position),
                        part: match m.part {
                            PillarPart::Stem => "stem",
                            PillarPart::Branch => "branch",
                        }
                        .into(),
                        hangul: m.hangul.into(),
                    })
                    .collect(),
                result_element: r.result_element.map(|e| e.code().into()),
            })
            .collect(),
        shinsal: chart
            .shinsal
            .iter()
            .map(|s| wit::Shinsal {
                code: s.code.into(),
                hangul: s.hangul.into(),
                hanja: s.hanja.into(),
                positions: s.positions.iter().map(|p| position(*p)).collect(),
            })
            .collect(),
        void_branches: chart.void_branches.branches.iter().map(|b| b.to_string()).collect(),
        strength: wit::Strength {
            score: chart.strength.score,
            verdict: chart.strength.verdict.code().into(),
            favourable: chart.strength.favourable.code().into(),
            unfavourable: chart.strength.unfavourable.code().into(),
        },
        daeun_direction: chart.daeun.direction.into(),
        daeun: chart
            .daeun
            .pillars
            .iter()
            .map(|d| wit::LuckPillar {
                hangul: d.hangul.into(),
                hanja: d.hanja.into(),
                start_age: d.start_age,
                start_year: d.start_year,
                end_year: d.end_year,
                stem_ten_god: term(&d.stem_ten_god),
                branch_ten_god: term(&d.branch_ten_god),
                life_stage: term(&d.life_stage),
            })
            .collect(),
        seun: chart
            .seun
            .iter()
            .flatten()
            .map(|y| wit::YearLuck {
                year: y.year,
                hangul: y.hangul.into(),
                hanja: y.hanja.into(),
                stem_ten_god: term(&y.stem_ten_god),
                branch_ten_god: term(&y.branch_ten_god),
                relations: y.relations.clone(),
            })
            .collect(),
    }
}
