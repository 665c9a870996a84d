//! Korean lunar dates (음력, with 윤달) to and from civil dates, by table lookup.

use super::tables::korean_lunar::{END_JDN, FIRST_YEAR, YEARS};
use crate::saju::astro::julian::{civil_from_jdn, jdn_from_civil};
use crate::saju::error::SajuError;

/// A date of the Korean lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LunarDate {
    pub year: i32,
    pub month: u8,
    pub leap: bool,
    pub day: u8,
}

impl LunarDate {
    pub fn hangul(&self) -> String {
        format!("음력 {}년 {}{}월 {}일", self.year, if self.leap { "윤" } else { "" }, self.month, self.day)
    }
}

/// A month of a lunar year as stored: its number, whether it is the leap month, its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthInfo {
    pub number: u8,
    pub leap: bool,
    pub days: u8,
    pub start_jdn: i64,
}

fn year_row(year: i32) -> Option<(i64, u8, u16)> {
    let i = year.checked_sub(FIRST_YEAR)?;
    YEARS.get(usize::try_from(i).ok()?).copied()
}

/// First and last lunar years the table covers.
pub fn table_years() -> (i32, i32) {
    (FIRST_YEAR, FIRST_YEAR + YEARS.len() as i32 - 1)
}

/// First and last civil JDN the table covers.
pub fn table_jdn_range() -> (i64, i64) {
    (YEARS[0].0, END_JDN - 1)
}

fn out_of_range(value: String) -> SajuError {
    let (first, last) = table_jdn_range();
    let fmt = |jdn| {
        let (y, m, d) = civil_from_jdn(jdn);
        format!("{y:04}-{m:02}-{d:02}")
    };
    SajuError::OutOfRange { value, min: fmt(first), max: fmt(last) }
}

/// The months of a lunar year in order, leap month in its place, without allocating.
fn month_iter(year: i32) -> Option<impl Iterator<Item = MonthInfo>> {
    let (start, leap, mask) = year_row(year)?;
    let count = if leap > 0 { 13 } else { 12 };
    let mut jdn = start;
    let mut number = 0u8;
    Some((0..count).map(move |i| {
        let is_leap = leap > 0 && i == leap as usize;
        if !is_leap {
            number += 1;
        }
        let days = if mask & (1 << i) != 0 { 30 } else { 29 };
        let info = MonthInfo { number, leap: is_leap, days, start_jdn: jdn };
        jdn += days as i64;
        info
    }))
}

/// The months of a lunar year in order, leap month in its place.
pub fn months_of_year(year: i32) -> Option<Vec<MonthInfo>> {
    month_iter(year).map(Iterator::collect)
}

/// The leap month of a lunar year, if it has one.
pub fn leap_month(year: i32) -> Option<u8> {
    year_row(year).and_then(|(_, leap, _)| (leap > 0).then_some(leap))
}

/// Civil JDN of a lunar date; errors say exactly what is wrong (no such leap month, day 30 of a short month).
pub fn to_jdn(date: LunarDate) -> Result<i64, SajuError> {
    if !(1..=12).contains(&date.month) {
        return Err(SajuError::InvalidLunarMonth(date.month));
    }
    let mut months = month_iter(date.year).ok_or_else(|| out_of_range(date.hangul()))?;
    let month = months.find(|m| m.number == date.month && m.leap == date.leap).ok_or(SajuError::NoSuchLeapMonth {
        year: date.year,
        month: date.month,
        leap_month: leap_month(date.year),
    })?;
    if date.day == 0 || date.day > month.days {
        return Err(SajuError::LunarDayOutOfRange {
            year: date.year,
            month: date.month,
            leap: date.leap,
            day: date.day,
            days: month.days,
        });
    }
    Ok(month.start_jdn + date.day as i64 - 1)
}

/// Lunar date of a civil JDN.
pub fn from_jdn(jdn: i64) -> Result<LunarDate, SajuError> {
    let (first, last) = table_jdn_range();
    if jdn < first || jdn > last {
        let (y, m, d) = civil_from_jdn(jdn);
        return Err(out_of_range(format!("{y:04}-{m:02}-{d:02}")));
    }
    let row = YEARS.partition_point(|r| r.0 <= jdn) - 1;
    let year = FIRST_YEAR + row as i32;
    let month = month_iter(year)
        .ok_or_else(|| out_of_range(jdn.to_string()))?
        .take_while(|m| m.start_jdn <= jdn)
        .last()
        .ok_or_else(|| out_of_range(jdn.to_string()))?;
    Ok(LunarDate { year, month: month.number, leap: month.leap, day: (jdn - month.start_jdn + 1) as u8 })
}

/// Convenience: lunar date → (year, month, day) of the civil calendar.
pub fn to_solar(date: LunarDate) -> Result<(i32, u32, u32), SajuError> {
    to_jdn(date).map(civil_from_jdn)
}

/// Lunar date given as plain integers (from text or JSON) → civil date, with the same checks.
pub fn to_solar_from_parts(year: i32, month: u32, day: u32, leap: bool) -> Result<(i32, u32, u32), SajuError> {
    let month = u8::try_from(month).map_err(|_| SajuError::InvalidLunarMonth(u8::MAX))?;
    let day = u8::try_from(day).map_err(|_| SajuError::InvalidDate(format!("음력 {year}-{month}-{day}")))?;
    to_solar(LunarDate { year, month, leap, day })
}

/// Convenience: civil date → lunar date.
pub fn from_solar(year: i32, month: u32, day: u32) -> Result<LunarDate, SajuError> {
    from_jdn(jdn_from_civil(year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_dates() {
        // 설날 2024 = 2024-02-10; 2020 has 윤4월 starting 2020-05-23.
        assert_eq!(from_solar(2024, 2, 10).unwrap(), LunarDate { year: 2024, month: 1, leap: false, day: 1 });
        assert_eq!(leap_month(2020), Some(4));
        let d = LunarDate { year: 2020, month: 4, leap: true, day: 1 };
        assert_eq!(to_solar(d).unwrap(), (2020, 5, 23));
        assert_eq!(to_solar(LunarDate { year: 2005, month: 11, leap: false, day: 14 }).unwrap(), (2005, 12, 15));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let e = to_jdn(LunarDate { year: 2023, month: 4, leap: true, day: 1 }).unwrap_err();
        assert_eq!(e.code(), "no_such_leap_month");
        assert!(e.to_string().contains("윤2월"), "{e}");
        let short = months_of_year(2024).unwrap().into_iter().find(|m| m.days == 29).unwrap();
        let e = to_jdn(LunarDate { year: 2024, month: short.number, leap: short.leap, day: 30 }).unwrap_err();
        assert_eq!(e.code(), "lunar_day_out_of_range");
        assert_eq!(
            to_jdn(LunarDate { year: 2024, month: 13, leap: false, day: 1 }).unwrap_err().code(),
            "invalid_lunar_month"
        );
        assert_eq!(from_solar(1700, 1, 1).unwrap_err().code(), "out_of_range");
    }

    #[test]
    fn every_day_of_the_table_round_trips() {
        let (first, last) = table_jdn_range();
        for jdn in first..=last {
            let lunar = from_jdn(jdn).unwrap();
            assert_eq!(to_jdn(lunar).unwrap(), jdn, "{lunar:?}");
        }
    }
}
