//! Luck periods: 대운 (ten-year cycles from the month pillar), 세운 (years) and 월운 (months).

use super::input::Gender;
use crate::saju::calendar::solar_terms::{self, SolarTerm, TermEvent};
use crate::saju::ganzhi::{GanZhi, Polarity, Stem};
use crate::saju::pillars::{month_pillar, saju_month, year_pillar, FourPillars, SajuMonth};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::Forward => "forward",
            Direction::Backward => "backward",
        }
    }

    pub fn hangul(self) -> &'static str {
        match self {
            Direction::Forward => "순행",
            Direction::Backward => "역행",
        }
    }
}

/// Forward for a yang year stem and a man or a yin year stem and a woman; backward otherwise.
pub fn direction(year_stem: Stem, gender: Gender) -> Direction {
    match (year_stem.polarity(), gender) {
        (Polarity::Yang, Gender::Male) | (Polarity::Yin, Gender::Female) => Direction::Forward,
        _ => Direction::Backward,
    }
}

/// An age as the traditional rule counts it: 3 days of span = 1 year, 1 day = 4 months,
/// 1 hour = 5 days (1 double hour = 10 days); months of 30 days, years of 360.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeSpan {
    pub years: u32,
    pub months: u32,
    pub days: u32,
    pub hours: u32,
}

impl AgeSpan {
    /// From the span in seconds between birth and the jie.
    pub fn from_span_seconds(span: i64) -> AgeSpan {
        // One second of span is 120 seconds of age; work in whole age-hours to stay exact.
        let age_hours = span.max(0) as u64 * 120 / 3600;
        let (hours, age_days) = (age_hours % 24, age_hours / 24);
        AgeSpan {
            years: (age_days / 360) as u32,
            months: (age_days % 360 / 30) as u32,
            days: (age_days % 30) as u32,
            hours: hours as u32,
        }
    }

    /// The age in (360-day) years as a decimal.
    pub fn as_years(&self) -> f64 {
        self.years as f64 + self.months as f64 / 12.0 + self.days as f64 / 360.0 + self.hours as f64 / 8640.0
    }

    /// 대운수: whole years, rounded half up on the months (at least 1).
    pub fn daeun_number(&self) -> u32 {
        (self.years + u32::from(self.months >= 6)).max(1)
    }
}

/// One ten-year cycle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DaeunCycle {
    pub order: u32,
    pub pillar: GanZhi,
    /// Age (international, decimal years) when the cycle begins.
    pub start_age: f64,
    /// Gregorian year in which the cycle begins.
    pub start_year: i32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Daeun {
    pub direction: Direction,
    /// The jie the span is measured to (forward) or from (backward).
    pub jie: TermEvent,
    pub span_seconds: i64,
    pub start: AgeSpan,
    pub cycles: Vec<DaeunCycle>,
}

/// 대운 for a birth at `instant` in saju month `month`, with civil birth date `birth_date` (y, m, d).
pub fn daeun(
    pillars: &FourPillars,
    month: &SajuMonth,
    instant: i64,
    gender: Gender,
    birth_date: (i32, u32, u32),
) -> Daeun {
    let dir = direction(pillars.year.stem(), gender);
    let (jie, span_seconds) = match dir {
        Direction::Forward => (month.ended_by, month.ended_by.instant - instant),
        Direction::Backward => (month.started_by, instant - month.started_by.instant),
    };
    let start = AgeSpan::from_span_seconds(span_seconds);
    let step = if dir == Direction::Forward { 1 } else { -1 };
    let first_year = first_cycle_year(birth_date, &start);
    let cycles = (1..=10)
        .map(|k| DaeunCycle {
            order: k,
            pillar: pillars.month.offset(step * k as i64),
            start_age: start.as_years() + 10.0 * (k - 1) as f64,
            start_year: first_year + 10 * (k as i32 - 1),
        })
        .collect();
    Daeun { direction: dir, jie, span_seconds, start, cycles }
}

/// Gregorian year of the birth date plus the start age (years, months and days added to the calendar).
fn first_cycle_year((y, m, d): (i32, u32, u32), start: &AgeSpan) -> i32 {
    let months_total = (m as i64 - 1) + start.months as i64 + (d as i64 - 1 + start.days as i64) / 30;
    y + start.years as i32 + (months_total / 12) as i32
}

/// The 대운 cycle running in Gregorian year `year`, if any (cycles start in their `start_year`).
pub fn cycle_in_year(daeun: &Daeun, year: i32) -> Option<&DaeunCycle> {
    daeun.cycles.iter().rev().find(|c| c.start_year <= year).filter(|c| year < c.start_year + 10)
}

/// 세운: the year pillar of each Gregorian year in the range (the saju year beginning at that year's 입춘).
pub fn seun(years: std::ops::RangeInclusive<i32>) -> impl Iterator<Item = (i32, GanZhi)> {
    years.map(|y| (y, year_pillar(y)))
}

/// One month of a saju year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wolun {
    pub month_number: u8,
    pub pillar: GanZhi,
    pub starts: TermEvent,
}

/// 월운: the 12 months of saju year `year` (입춘 of `year` to 소한 of `year + 1`), if the table covers them.
pub fn wolun(year: i32) -> Option<Vec<Wolun>> {
    let stem = year_pillar(year).stem();
    (0..12u8)
        .map(|n| {
            // 인월 starts at 입춘 (index 2); 축월 at the next year's 소한 (index 0).
            let (term_year, index) = if n < 11 { (year, 2 + 2 * n as usize) } else { (year + 1, 0) };
            let term = SolarTerm::new(index);
            let instant = solar_terms::term_instant(term_year, term)?;
            let starts = TermEvent { year: term_year, term, instant };
            debug_assert_eq!(saju_month(instant).map(|m| m.month_number), Some(n));
            Some(Wolun { month_number: n, pillar: month_pillar(stem, n), starts })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_day_rule() {
        let day = 86_400;
        assert_eq!(AgeSpan::from_span_seconds(3 * day), AgeSpan { years: 1, months: 0, days: 0, hours: 0 });
        assert_eq!(AgeSpan::from_span_seconds(day), AgeSpan { years: 0, months: 4, days: 0, hours: 0 });
        assert_eq!(AgeSpan::from_span_seconds(7200), AgeSpan { years: 0, months: 0, days: 10, hours: 0 });
        assert_eq!(AgeSpan::from_span_seconds(60), AgeSpan { years: 0, months: 0, days: 0, hours: 2 });
        let a = AgeSpan::from_span_seconds(20 * day + 5 * 3600);
        assert_eq!(a, AgeSpan { years: 6, months: 8, days: 25, hours: 0 });
        assert_eq!(a.daeun_number(), 7);
        assert_eq!(AgeSpan::from_span_seconds(0).daeun_number(), 1);
    }

    #[test]
    fn direction_by_year_stem_and_gender() {
        assert_eq!(direction(Stem::new(6), Gender::Male), Direction::Forward);
        assert_eq!(direction(Stem::new(6), Gender::Female), Direction::Backward);
        assert_eq!(direction(Stem::new(1), Gender::Female), Direction::Forward);
        assert_eq!(direction(Stem::new(1), Gender::Male), Direction::Backward);
    }

    #[test]
    fn wolun_of_2024_runs_from_byeongin_to_jeongchuk() {
        let months = wolun(2024).unwrap();
        assert_eq!(months[0].pillar.hangul(), "병인");
        assert_eq!(months[11].pillar.hangul(), "정축");
        assert_eq!(months[0].starts.term.hangul(), "입춘");
        assert_eq!(months[11].starts.year, 2025);
        assert!(months.windows(2).all(|w| w[0].starts.instant < w[1].starts.instant));
    }
}
