//! Turns engine values into the serializable chart model.

use super::boundary::BoundaryWarning;
use super::input::BirthInput;
use super::luck::{self, Daeun};
use super::model::*;
use super::ResolvedBirth;
use crate::saju::calendar::solar_terms::TermEvent;
use crate::saju::derive::{
    branch_ten_god, hidden_stems, life_stage, nayin, relations::pair_relations, ten_god, LifeStage, TenGod,
};
use crate::saju::error::SajuError;
use crate::saju::ganzhi::{Branch, GanZhi, Stem};
use crate::saju::pillars::{FourPillars, Position};
use crate::saju::time::civil::{format_local, format_utc};
use crate::saju::time::TimeCorrection;

pub fn ten_god_view(t: TenGod) -> NameView {
    NameView { code: t.code(), hangul: t.hangul(), hanja: t.hanja() }
}

pub fn stage_view(s: LifeStage) -> NameView {
    NameView { code: s.code(), hangul: s.hangul(), hanja: s.hanja() }
}

pub fn pillar(g: GanZhi, dm: Stem, is_day: bool, void: &[Branch; 2]) -> PillarView {
    let (s, b) = (g.stem(), g.branch());
    let n = nayin(g);
    PillarView {
        hangul: g.hangul(),
        hanja: g.hanja(),
        index: g.index() as u8,
        stem: StemView {
            hangul: s.hangul(),
            hanja: s.hanja(),
            element: s.element().code(),
            polarity: s.polarity().code(),
            ten_god: (!is_day).then(|| ten_god_view(ten_god(dm, s))),
        },
        branch: BranchView {
            hangul: b.hangul(),
            hanja: b.hanja(),
            element: b.element().code(),
            polarity: b.polarity().code(),
            animal: b.animal(),
            ten_god: ten_god_view(branch_ten_god(dm, b)),
            hidden_stems: hidden_stems(b)
                .iter()
                .map(|&(h, role)| HiddenStemView {
                    hangul: h.hangul(),
                    hanja: h.hanja(),
                    element: h.element().code(),
                    role: role.code(),
                    ten_god: ten_god_view(ten_god(dm, h)),
                })
                .collect(),
        },
        life_stage: stage_view(life_stage(dm, b)),
        nayin: NayinView { hangul: n.hangul, hanja: n.hanja, element: n.element.code() },
        void: !is_day && void.contains(&b),
    }
}

pub fn day_master(dm: Stem) -> DayMaster {
    DayMaster {
        hangul: dm.hangul(),
        hanja: dm.hanja(),
        element: dm.element().code(),
        polarity: dm.polarity().code(),
        name: format!("{}{}({}{})", dm.hangul(), dm.element().hangul(), dm.hanja(), dm.element().hanja()),
    }
}

pub fn void_view(p: &FourPillars, void: &[Branch; 2]) -> VoidBranches {
    VoidBranches {
        branches: void.iter().map(|b| b.hangul()).collect(),
        positions: p
            .known()
            .filter(|(pos, g)| *pos != Position::Day && void.contains(&g.branch()))
            .map(|(pos, _)| pos.code())
            .collect(),
    }
}

pub fn term(e: &TermEvent, offset_seconds: i64) -> TermView {
    TermView {
        name: e.term.hangul(),
        hanja: e.term.hanja(),
        utc: format_utc(e.instant),
        local: format_local(e.instant, offset_seconds),
    }
}

pub fn input_echo(input: &BirthInput, longitude: Option<f64>) -> InputEcho {
    let o = &input.options;
    InputEcho {
        calendar: input.calendar.code(),
        datetime: input.given_datetime_text(),
        timezone: input.timezone.clone(),
        gender: input.gender.code(),
        leap_month: input.leap_month,
        hour_known: input.time.is_some(),
        convention: o.convention.code(),
        zi_hour: o.zi_hour.code(),
        time_correction: o.time_correction.code(),
        longitude: longitude.or(o.longitude),
        summer_time: o.summer_time.code(),
        disambiguation: o.disambiguation.code(),
        boundary_window_minutes: o.boundary_window_minutes,
    }
}

pub fn correction(birth: &ResolvedBirth, input: &BirthInput) -> CorrectionView {
    let method = if input.time.is_some() { input.options.time_correction } else { TimeCorrection::None };
    let summer_time = super::summer_time_state(input, birth);
    CorrectionView {
        method: method.code(),
        description: if method.reads_clock() && summer_time == "removed" {
            "보정 없음(서머타임만 뺀 표준시)"
        } else {
            method.hangul()
        },
        summer_time,
        longitude: birth.longitude,
        shift_minutes: (birth.corrected.shift_seconds as f64 / 60.0 * 100.0).round() / 100.0,
        equation_of_time_minutes: birth.corrected.equation_of_time_minutes.map(|e| (e * 100.0).round() / 100.0),
    }
}

pub fn daeun(d: &Daeun, dm: Stem, offset_seconds: i64) -> DaeunView {
    DaeunView {
        direction: d.direction.code(),
        start_age: AgeView { years: d.start.years, months: d.start.months, days: d.start.days, hours: d.start.hours },
        start_age_years: (d.start.as_years() * 1000.0).round() / 1000.0,
        number: d.start.daeun_number(),
        jie: term(&d.jie, offset_seconds),
        span_seconds: d.span_seconds,
        pillars: d
            .cycles
            .iter()
            .map(|c| DaeunPillarView {
                order: c.order,
                hangul: c.pillar.hangul(),
                hanja: c.pillar.hanja(),
                start_age: (c.start_age * 1000.0).round() / 1000.0,
                start_year: c.start_year,
                end_year: c.start_year + 9,
                stem_ten_god: ten_god_view(ten_god(dm, c.pillar.stem())),
                branch_ten_god: ten_god_view(branch_ten_god(dm, c.pillar.branch())),
                life_stage: stage_view(life_stage(dm, c.pillar.branch())),
            })
            .collect(),
    }
}

/// Relations of an incoming pillar (a year's, a cycle's) with each natal pillar, named with the natal pillar.
pub fn relations_with_chart(p: &FourPillars, incoming: GanZhi) -> Vec<String> {
    p.known()
        .flat_map(|(pos, natal)| {
            pair_relations(natal, incoming).into_iter().map(move |r| format!("{}({})", r.hangul_name, pos.hangul()))
        })
        .collect()
}

pub fn seun(p: &FourPillars, d: &Daeun, birth_year: i32, years: std::ops::RangeInclusive<i32>) -> Vec<SeunView> {
    let dm = p.day_master();
    luck::seun(years)
        .map(|(year, g)| SeunView {
            year,
            hangul: g.hangul(),
            hanja: g.hanja(),
            age: year - birth_year,
            stem_ten_god: ten_god_view(ten_god(dm, g.stem())),
            branch_ten_god: ten_god_view(branch_ten_god(dm, g.branch())),
            life_stage: stage_view(life_stage(dm, g.branch())),
            relations: relations_with_chart(p, g),
            daeun: luck::cycle_in_year(d, year).map(|c| c.pillar.hangul()),
        })
        .collect()
}

pub fn wolun(dm: Stem, year: i32, offset_seconds: i64) -> Result<WolunView, SajuError> {
    let months = luck::wolun(year).ok_or_else(|| SajuError::OutOfRange {
        value: year.to_string(),
        min: "1799".into(),
        max: "2200".into(),
    })?;
    Ok(WolunView {
        year,
        months: months
            .iter()
            .map(|m| WolunMonthView {
                month: m.month_number + 1,
                hangul: m.pillar.hangul(),
                hanja: m.pillar.hanja(),
                starts: term(&m.starts, offset_seconds),
                stem_ten_god: ten_god_view(ten_god(dm, m.pillar.stem())),
                branch_ten_god: ten_god_view(branch_ten_god(dm, m.pillar.branch())),
            })
            .collect(),
    })
}

/// The pillars a birth on the other side of a boundary would have; `minutes` from the boundary.
pub fn alternative(alt: &FourPillars, changed: &[Position], earlier: bool, minutes: f64) -> AlternativeView {
    AlternativeView {
        side: if earlier { "earlier" } else { "later" },
        minutes: (minutes * 10.0).round() / 10.0,
        changed: changed.iter().map(|p| p.code()).collect(),
        year: alt.year.hangul(),
        month: alt.month.hangul(),
        day: alt.day.hangul(),
        hour: alt.hour.map(|h| h.hangul()),
    }
}

pub fn boundary_warning(w: BoundaryWarning) -> Warning {
    let alternative = alternative(&w.alternative, &w.changed, w.alternative_is_earlier, w.minutes);
    Warning { code: w.code, message: w.message, alternative: Some(alternative) }
}
