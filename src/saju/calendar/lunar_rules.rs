//! The Korean lunar calendar's rule, computed from astronomy: months begin on the local date of the new
//! moon; the month holding 동지 is the 11th; in a span of 13 months from one 11th month to the next, the
//! first month with no principal term (중기) is the leap month.
//!
//! The meridian is 135°E (UTC+9) from 1912 on, as KASI computes it. For dates before 1912 KASI's tables
//! follow the 120°E meridian (UTC+8) of the calendar Korea then shared with China: eight new moons between
//! 00:07 and 00:49 KST in 1903–1911 start their months a day earlier in KASI's data, which only UTC+8
//! explains (measured against the PyPI package korean-lunar-calendar; see tests/data/README.md).

use crate::saju::astro::julian::jdn_from_civil;
use crate::saju::astro::{new_moon, solar_terms};

/// UTC offset of the calendar's meridian: 135°E from 1912-01-01, 120°E before.
pub fn calendar_offset_seconds(unix_seconds: f64) -> f64 {
    const KST_1912_01_01: f64 = -1_830_416_400.0; // 1912-01-01T00:00:00+09:00
    if unix_seconds >= KST_1912_01_01 {
        9.0 * 3600.0
    } else {
        8.0 * 3600.0
    }
}

/// One lunar month as the rule defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarMonth {
    pub lunar_year: i32,
    pub number: u8,
    pub leap: bool,
    /// Julian Day Number of the month's first day.
    pub start_jdn: i64,
}

fn kst_jdn(unix_seconds: f64) -> i64 {
    ((unix_seconds + calendar_offset_seconds(unix_seconds)) / 86_400.0).floor() as i64 + jdn_from_civil(1970, 1, 1)
}

/// KST dates of every new moon from about `from_jdn` to `to_jdn`, ascending.
fn new_moon_days(from_jdn: i64, to_jdn: i64) -> Vec<i64> {
    let to_jde = |jdn: i64| jdn as f64;
    let first = new_moon::lunation_near(to_jde(from_jdn)) - 1;
    let last = new_moon::lunation_near(to_jde(to_jdn)) + 1;
    (first..=last).map(|k| kst_jdn(new_moon::new_moon_instant(k))).collect()
}

/// KST date of the solar term `index` (0 = 소한 … 23 = 동지) of Gregorian year `year`.
fn term_day(year: i32, index: usize) -> i64 {
    kst_jdn(solar_terms::term_instant(year, index))
}

/// The months of lunar year `year` (month 1 up to the last month before the next year's month 1),
/// in order, leap month included.
fn months_from_solstice_span(year: i32) -> Vec<LunarMonth> {
    let solstice_prev = term_day(year - 1, 23);
    let solstice = term_day(year, 23);
    let moons = new_moon_days(solstice_prev - 40, solstice + 40);
    let month_start_holding = |day: i64| moons.iter().rev().copied().find(|&m| m <= day).unwrap_or(moons[0]);
    let m11_prev = month_start_holding(solstice_prev);
    let m11 = month_start_holding(solstice);
    let starts: Vec<i64> = moons.iter().copied().filter(|&d| d >= m11_prev && d <= m11).collect();
    // `starts` ends with m11 itself, so each month i spans starts[i]..starts[i+1].
    let month_count = starts.len() - 1;
    let principal_days: Vec<i64> =
        [year - 1, year].iter().flat_map(|&y| (1..24).step_by(2).map(move |i| term_day(y, i))).collect();
    let has_principal = |i: usize| principal_days.iter().any(|&d| d >= starts[i] && d < starts[i + 1]);
    let leap_index = if month_count == 13 { (1..month_count).find(|&i| !has_principal(i)) } else { None };

    let mut out = Vec::with_capacity(month_count);
    let mut number = 10u8;
    let mut lunar_year = year - 1;
    for (i, &start_jdn) in starts.iter().take(month_count).enumerate() {
        let leap = leap_index == Some(i);
        if !leap {
            number = number % 12 + 1;
            if number == 1 {
                lunar_year = year;
            }
        }
        out.push(LunarMonth { lunar_year, number, leap, start_jdn });
    }
    out
}

/// Every month of lunar years `first..=last` in order, with the first day of the month after the last.
pub fn months(first: i32, last: i32) -> (Vec<LunarMonth>, i64) {
    let mut all: Vec<LunarMonth> = Vec::new();
    // Each solstice span holds months 11 and 12 of the previous lunar year and 1..10 of its own.
    for span_year in first..=last + 1 {
        all.extend(months_from_solstice_span(span_year));
    }
    let end = all
        .iter()
        .find(|m| m.lunar_year == last + 1 && m.number == 1 && !m.leap)
        .map(|m| m.start_jdn)
        .expect("the span after the last year starts that year's first month");
    all.retain(|m| m.lunar_year >= first && m.lunar_year <= last);
    (all, end)
}
