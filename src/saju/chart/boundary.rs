//! Boundary warnings: a birth close to a jie (month and maybe year change) or to an hour or day boundary
//! of the corrected clock gets a warning naming the pillars that would differ.

use crate::saju::astro::julian::{civil_from_jdn, jdn_from_civil};
use crate::saju::ganzhi::GanZhi;
use crate::saju::pillars::{day_and_hour, four_pillars, FourPillars, Position, SajuMonth, ZiHour};
use crate::saju::time::LocalDateTime;

#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryWarning {
    /// `near_jie`, `near_hour_boundary` or `near_day_boundary`.
    pub code: &'static str,
    pub message: String,
    /// Minutes between the birth and the boundary.
    pub minutes: f64,
    /// Whether the alternative is for a birth earlier (`true`) or later than the boundary.
    pub alternative_is_earlier: bool,
    pub alternative: FourPillars,
    pub changed: Vec<Position>,
}

pub(super) fn changed_positions(a: &FourPillars, b: &FourPillars) -> Vec<Position> {
    Position::ALL.into_iter().filter(|&p| a.get(p) != b.get(p)).collect()
}

fn describe(changed: &[Position], from: &FourPillars, to: &FourPillars) -> String {
    let name = |g: Option<GanZhi>| g.map_or("-", |g| g.hangul());
    changed
        .iter()
        .map(|&p| format!("{} {}→{}", p.hangul(), name(from.get(p)), name(to.get(p))))
        .collect::<Vec<_>>()
        .join(", ")
}

fn shift_clock(clock: &LocalDateTime, seconds: i64) -> LocalDateTime {
    let total = jdn_from_civil(clock.year, clock.month, clock.day) * 86_400 + clock.seconds_of_day() + seconds;
    let (year, month, day) = civil_from_jdn(total.div_euclid(86_400));
    let s = total.rem_euclid(86_400) as u32;
    LocalDateTime { year, month, day, hour: s / 3600, minute: s / 60 % 60, second: s % 60 }
}

/// The clock's offset from UTC at the birth (corrected clock minus instant), for showing term times.
fn instant_offset(clock: &LocalDateTime, instant: i64) -> i64 {
    let clock_seconds =
        (jdn_from_civil(clock.year, clock.month, clock.day) - 2_440_588) * 86_400 + clock.seconds_of_day();
    clock_seconds - instant
}

fn minutes_text(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    if s < 60 {
        format!("{s}초")
    } else if s.is_multiple_of(60) {
        format!("{}분", s / 60)
    } else {
        format!("{}분 {}초", s / 60, s % 60)
    }
}

/// Warnings for a birth at `instant` with corrected clock `clock`.
pub fn boundary_warnings(
    pillars: &FourPillars,
    month: &SajuMonth,
    instant: i64,
    clock: &LocalDateTime,
    zi: ZiHour,
    window_minutes: u32,
) -> Vec<BoundaryWarning> {
    let window = window_minutes as i64 * 60;
    let mut out = Vec::new();
    if window == 0 {
        return out;
    }
    let hour_known = pillars.hour.is_some();

    // Jie: the month (and at 입춘 the year) changes at the instant.
    for (jie, after) in [(month.started_by, true), (month.ended_by, false)] {
        let distance = (instant - jie.instant).abs();
        if distance > window {
            continue;
        }
        let alt_instant = if after { jie.instant - 1 } else { jie.instant };
        let shifted_clock = shift_clock(clock, alt_instant - instant);
        if let Ok(alt) = four_pillars(alt_instant, &shifted_clock, zi, hour_known) {
            let alt = FourPillars { day: pillars.day, hour: pillars.hour, ..alt };
            let changed = changed_positions(pillars, &alt);
            if !changed.is_empty() {
                let (when, other) = if after { ("뒤", "전") } else { ("전", "뒤") };
                out.push(BoundaryWarning {
                    code: "near_jie",
                    message: format!(
                        "{} 절입 시각({}) {} {}에 태어났습니다. 절입 {}에 태어났다면 달라지는 기둥: {}. 대운 시작 나이도 크게 달라집니다.",
                        jie.term.hangul(),
                        crate::saju::time::civil::format_local(jie.instant, instant_offset(clock, instant)).replace('T', " "),
                        minutes_text(distance),
                        when,
                        other,
                        describe(&changed, pillars, &alt)
                    ),
                    minutes: distance as f64 / 60.0,
                    alternative_is_earlier: after,
                    alternative: alt,
                    changed,
                });
            }
        }
    }

    if !hour_known {
        return out;
    }
    // Hour and day boundaries of the corrected clock: every odd hour and midnight.
    let s = clock.seconds_of_day();
    let boundaries = (-1..=25).filter(|h: &i64| h.rem_euclid(2) == 1 || *h == 0 || *h == 24).map(|h| h * 3600);
    for b in boundaries {
        let delta = b - s;
        if delta.abs() > window {
            continue;
        }
        let alt_clock = if delta > 0 { shift_clock(clock, delta) } else { shift_clock(clock, delta - 1) };
        let (day, hour) = day_and_hour(&alt_clock, zi);
        let alt = FourPillars { day, hour: Some(hour), ..*pillars };
        let changed = changed_positions(pillars, &alt);
        if changed.is_empty() {
            continue;
        }
        let code = if changed.contains(&Position::Day) { "near_day_boundary" } else { "near_hour_boundary" };
        let boundary_label = format!("{:02}:00", b.rem_euclid(86_400) / 3600);
        let (when, other) = if delta > 0 { ("전", "뒤") } else { ("뒤", "전") };
        out.push(BoundaryWarning {
            code,
            message: if delta == 0 {
                format!(
                    "출생 시각(보정 시각 기준)이 {boundary_label} 경계와 같습니다. 경계 {other}에 태어났다면 달라지는 기둥: {}.",
                    describe(&changed, pillars, &alt)
                )
            } else {
                format!(
                    "출생 시각(보정 시각 기준)이 {boundary_label} 경계보다 {} {}입니다. 경계 {}에 태어났다면 달라지는 기둥: {}.",
                    minutes_text(delta),
                    when,
                    other,
                    describe(&changed, pillars, &alt)
                )
            },
            minutes: delta.abs() as f64 / 60.0,
            alternative_is_earlier: delta <= 0,
            alternative: alt,
            changed,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::saju::pillars::saju_month;

    fn warnings(local: &str, unix: i64, window: u32) -> Vec<BoundaryWarning> {
        let clock = LocalDateTime::parse(local).unwrap();
        let p = four_pillars(unix, &clock, ZiHour::Split, true).unwrap();
        let m = saju_month(unix).unwrap();
        boundary_warnings(&p, &m, unix, &clock, ZiHour::Split, window)
    }

    #[test]
    fn near_an_hour_boundary() {
        // 1990-05-15 14:50 KST is 10 minutes before 신시 (15:00): 계미시 → 갑신시.
        let w = warnings("1990-05-15T14:50:00", 642_750_600, 30);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].code, "near_hour_boundary");
        assert_eq!(w[0].changed, [Position::Hour]);
        assert_eq!(w[0].alternative.hour.unwrap().hangul(), "갑신");
        assert!((w[0].minutes - 10.0).abs() < 1e-9);
        assert!(warnings("1990-05-15T14:50:00", 642_750_600, 5).is_empty());
    }

    #[test]
    fn near_midnight_changes_the_day() {
        // 2000-01-01 23:50 KST: 10 minutes before midnight the day pillar would be 기미 after it.
        let w = warnings("2000-01-01T23:50:00", 946_738_200, 30);
        let day = w.iter().find(|w| w.code == "near_day_boundary").unwrap();
        assert_eq!(day.alternative.day.hangul(), "기미");
        assert_eq!(day.changed, [Position::Day]);
    }

    #[test]
    fn near_ipchun_changes_year_and_month() {
        // 입춘 2024: born 5 minutes after it, the earlier alternative is 계묘년 을축월.
        let ipchun = crate::saju::calendar::solar_terms::term_instant(
            2024,
            crate::saju::calendar::solar_terms::SolarTerm::new(2),
        )
        .unwrap();
        let unix = ipchun + 300;
        let secs = (unix + 9 * 3600).rem_euclid(86_400) as u32;
        let local = format!("2024-02-04T{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
        let w = warnings(&local, unix, 30);
        let jie = w.iter().find(|w| w.code == "near_jie").unwrap();
        assert_eq!(jie.changed, [Position::Year, Position::Month]);
        assert_eq!(jie.alternative.year.hangul(), "계묘");
        assert_eq!(jie.alternative.month.hangul(), "을축");
        assert!(jie.alternative_is_earlier);
    }
}
