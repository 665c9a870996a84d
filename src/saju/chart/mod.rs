//! A full chart: pillars with everything derived from them, luck periods and warnings.

pub mod boundary;
pub mod input;
pub mod luck;
pub mod model;
mod views;

use crate::saju::calendar::korean_lunar;
use crate::saju::calendar::solar_terms::TermEvent;
use crate::saju::derive::{element_balance, relations, shinsal, strength, void_branches};
use crate::saju::error::SajuError;
use crate::saju::pillars::{four_pillars, saju_month, FourPillars, SajuMonth};
use crate::saju::time::civil::{format_offset, format_utc, Adjustment, ResolvedTime};
use crate::saju::time::{
    corrected_clock, resolve_local, zone_longitude, CorrectedClock, LocalDateTime, TimeCorrection,
};
pub use input::{BirthInput, CalendarKind, ChartOptions, ChartRequest, Gender};
pub use model::Chart;
use model::*;
use std::ops::RangeInclusive;

/// Births (civil dates) the engine charts; the cached tables reach a year beyond on each side.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 1800..=2200;

fn out_of_range(local: &LocalDateTime) -> SajuError {
    SajuError::OutOfRange { value: local.iso(), min: "1800-01-01".into(), max: "2200-12-31".into() }
}

/// Optional parts of a chart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartExtras {
    /// 세운 for these Gregorian years.
    pub seun_years: Option<RangeInclusive<i32>>,
    /// 월운 for this saju year.
    pub wolun_year: Option<i32>,
}

/// The birth resolved to an instant and a corrected clock, and its four pillars: the fast core of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedBirth {
    pub resolved: ResolvedTime,
    pub corrected: CorrectedClock,
    pub longitude: Option<f64>,
    pub pillars: FourPillars,
    pub month: SajuMonth,
}

/// Resolves birth data to the instant, the corrected clock and the pillars.
pub fn resolve_birth(input: &BirthInput) -> Result<ResolvedBirth, SajuError> {
    let local = input.local_solar()?;
    if !SUPPORTED_YEARS.contains(&local.year) {
        return Err(out_of_range(&local));
    }
    let opts = &input.options;
    let resolved = resolve_local(local, &input.timezone, opts.disambiguation)?;
    let hour_known = input.time.is_some();
    let method = if hour_known { opts.time_correction } else { TimeCorrection::None };
    let longitude = match method {
        TimeCorrection::None => None,
        _ => {
            Some(opts.longitude.or_else(|| zone_longitude(&input.timezone)).ok_or_else(|| SajuError::InvalidInput {
                field: "longitude".into(),
                message: format!(
                    "{} 시간대에는 기준 도시가 없어 시간 보정에 쓸 경도를 지정해야 합니다",
                    input.timezone
                ),
            })?)
        }
    };
    let corrected = corrected_clock(local, resolved.unix, resolved.offset_seconds, method, longitude.unwrap_or(0.0));
    let pillars = four_pillars(resolved.unix, &corrected.clock, opts.zi_hour, hour_known)?;
    let month = saju_month(resolved.unix).ok_or_else(|| out_of_range(&local))?;
    Ok(ResolvedBirth { resolved, corrected, longitude, pillars, month })
}

/// Computes the full chart.
pub fn build_chart(input: &BirthInput, extras: &ChartExtras) -> Result<Chart, SajuError> {
    let birth = resolve_birth(input)?;
    let p = &birth.pillars;
    let dm = p.day_master();
    let r = &birth.resolved;
    let local = r.local;
    let offset = r.offset_seconds as i64;
    let term_view = |e: &TermEvent| views::term(e, offset);

    let lunar = korean_lunar::from_solar(local.year, local.month, local.day).ok().map(|l| LunarDateView {
        year: l.year,
        month: l.month,
        day: l.day,
        leap: l.leap,
        text: l.hangul(),
    });
    let daeun = luck::daeun(p, &birth.month, r.unix, input.gender, (local.year, local.month, local.day));
    let seun = extras.seun_years.clone().map(|years| views::seun(p, &daeun, local.year, years));
    let wolun = match extras.wolun_year {
        Some(y) => Some(views::wolun(dm, y, offset)?),
        None => None,
    };
    let void = void_branches(p.day);

    Ok(Chart {
        input: views::input_echo(input, birth.longitude),
        utc: format_utc(r.unix),
        birth: BirthTime {
            local: local.iso(),
            solar_date: format!("{:04}-{:02}-{:02}", local.year, local.month, local.day),
            lunar_date: lunar,
            utc_offset: format_offset(r.offset_seconds),
            zone_abbreviation: r.abbreviation.clone(),
            dst: r.dst,
            corrected_clock: birth.corrected.clock.iso(),
            correction: views::correction(&birth, input),
        },
        pillars: Pillars {
            year: views::pillar(p.year, dm, false, &void),
            month: views::pillar(p.month, dm, false, &void),
            day: views::pillar(p.day, dm, true, &void),
            hour: p.hour.map(|h| views::pillar(h, dm, false, &void)),
        },
        day_master: views::day_master(dm),
        elements: element_balance(p),
        relations: relations(p),
        shinsal: shinsal(p),
        void_branches: views::void_view(p, &void),
        strength: strength(p),
        daeun: views::daeun(&daeun, dm, offset),
        seun,
        wolun,
        solar_terms: TermsAround {
            previous_jie: term_view(&birth.month.started_by),
            next_jie: term_view(&birth.month.ended_by),
        },
        warnings: warnings(input, &birth),
    })
}

fn warnings(input: &BirthInput, birth: &ResolvedBirth) -> Vec<Warning> {
    let mut out = Vec::new();
    let r = &birth.resolved;
    match r.adjustment {
        Some(Adjustment::Gap { used_offset, other_offset }) => out.push(Warning {
            code: "nonexistent_local_time",
            message: format!(
                "{} {}은 시계가 앞당겨져 실제로는 없던 시각입니다. UTC{} 기준으로 읽었습니다(UTC{}로 읽으면 한 시간 차이).",
                r.zone,
                r.local.iso(),
                format_offset(used_offset),
                format_offset(other_offset)
            ),
            alternative: None,
        }),
        Some(Adjustment::Fold { used_offset, other_offset }) => out.push(Warning {
            code: "ambiguous_local_time",
            message: format!(
                "{} {}은 시계를 되돌려 두 번 있었던 시각입니다. UTC{} 쪽으로 계산했습니다(다른 쪽은 UTC{}).",
                r.zone,
                r.local.iso(),
                format_offset(used_offset),
                format_offset(other_offset)
            ),
            alternative: None,
        }),
        None => {}
    }
    let clock = birth.corrected.clock;
    if input.time.is_none() {
        out.push(Warning {
            code: "hour_unknown",
            message: "출생 시각을 몰라 시주 없이 세 기둥(년·월·일주)으로 풀이합니다.".into(),
            alternative: None,
        });
        out.extend(unknown_hour_month_warning(birth));
        return out;
    }
    if (clock.year, clock.month, clock.day) != (r.local.year, r.local.month, r.local.day) {
        out.push(Warning {
            code: "correction_changed_date",
            message: format!(
                "시간 보정으로 날짜가 {}에서 {}로 바뀌어 일주와 시주는 보정된 날짜로 계산했습니다.",
                &r.local.iso()[..10],
                &clock.iso()[..10]
            ),
            alternative: None,
        });
    }
    let window = input.options.boundary_window_minutes;
    for w in boundary::boundary_warnings(&birth.pillars, &birth.month, r.unix, &clock, input.options.zi_hour, window) {
        out.push(views::boundary_warning(w));
    }
    out
}

/// With the hour unknown, a jie on the birth date leaves the month (and at 입춘 the year) open.
fn unknown_hour_month_warning(birth: &ResolvedBirth) -> Option<Warning> {
    let r = &birth.resolved;
    let day_start = r.unix - r.local.seconds_of_day();
    let day_end = day_start + 86_400;
    let (started, ended) = (birth.month.started_by, birth.month.ended_by);
    let (jie, alt_instant) = if started.instant > day_start {
        (started, started.instant - 1)
    } else if ended.instant < day_end {
        (ended, ended.instant)
    } else {
        return None;
    };
    let clock = LocalDateTime { hour: 12, minute: 0, second: 0, ..r.local };
    let alt = four_pillars(alt_instant, &clock, Default::default(), false).ok()?;
    let offset = r.offset_seconds as i64;
    let at = views::term(&jie, offset).local;
    Some(Warning {
        code: "month_depends_on_hour",
        message: format!(
            "이날 {}({}) 절입이 있어, 태어난 시각이 그보다 이르냐 늦냐에 따라 월주가 {} 또는 {} 됩니다. 시각을 알려 주시면 정확해집니다.",
            jie.term.hangul(),
            &at[11..16],
            birth.pillars.month.hangul(),
            crate::saju::josa::with_particle(alt.month.hangul(), "이", "가")
        ),
        alternative: Some(views::alternative(
            &alt,
            &boundary::changed_positions(&birth.pillars, &alt),
            alt_instant < r.unix,
            (r.unix - jie.instant).abs() as f64 / 60.0,
        )),
    })
}
