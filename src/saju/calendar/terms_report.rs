//! The 24 terms of a year as rows for people and APIs: name, longitude, UTC and local time in a zone.

use super::solar_terms::{self, table_years};
use crate::saju::error::SajuError;
use crate::saju::time::civil::{format_local, format_offset, format_utc, time_zone};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermRow {
    pub name: &'static str,
    pub hanja: &'static str,
    /// Ecliptic longitude of the Sun, degrees.
    pub longitude: u16,
    /// A month-starting term (절) rather than a principal term (중기).
    pub jie: bool,
    pub utc: String,
    /// Wall clock in the requested zone, `YYYY-MM-DDTHH:MM:SS`.
    pub local: String,
    pub utc_offset: String,
}

/// The terms of Gregorian year `year` with local times in zone `tz`.
pub fn year_terms(year: i32, tz: &str) -> Result<Vec<TermRow>, SajuError> {
    let zone = time_zone(tz)?;
    let events = solar_terms::terms_of_year(year).ok_or_else(|| {
        let (first, last) = table_years();
        SajuError::OutOfRange { value: year.to_string(), min: first.to_string(), max: last.to_string() }
    })?;
    Ok(events
        .iter()
        .map(|e| {
            let ts = jiff::Timestamp::from_second(e.instant).expect("table instants are valid timestamps");
            let offset = zone.to_offset(ts).seconds();
            TermRow {
                name: e.term.hangul(),
                hanja: e.term.hanja(),
                longitude: e.term.longitude(),
                jie: e.term.is_jie(),
                utc: format_utc(e.instant),
                local: format_local(e.instant, offset as i64),
                utc_offset: format_offset(offset),
            }
        })
        .collect())
}
