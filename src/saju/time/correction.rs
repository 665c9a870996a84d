//! The corrected clock that the day and hour pillars are read from: the civil clock itself, local mean
//! time at the birth longitude, or apparent (true) solar time there.

use super::civil::LocalDateTime;
use super::zone_longitudes::ZONES;
use crate::saju::astro::{delta_t, julian, sun};
use crate::saju::error::SajuError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeCorrection {
    /// The zone's standard time: the civil clock, less the summer-time hour while summer time was in force
    /// (Korean practice for births in 1948–51, 1955–60 and 1987–88). The default.
    #[default]
    Standard,
    /// The civil clock as read, summer time included unless `summer_time = remove`.
    None,
    /// Local mean time: UTC + longitude × 4 minutes per degree.
    Longitude,
    /// Apparent solar time: local mean time + the equation of time.
    TrueSolar,
}

impl TimeCorrection {
    /// Reads a civil clock (standard time, or the clock as shown) rather than the Sun at a longitude.
    pub fn reads_clock(self) -> bool {
        matches!(self, Self::Standard | Self::None)
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "standard" => Some(Self::Standard),
            "none" => Some(Self::None),
            "longitude" => Some(Self::Longitude),
            "true_solar" => Some(Self::TrueSolar),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::None => "none",
            Self::Longitude => "longitude",
            Self::TrueSolar => "true_solar",
        }
    }

    pub fn hangul(self) -> &'static str {
        match self {
            Self::Standard => "보정 없음(표준시)",
            Self::None => "보정 없음(시계 그대로)",
            Self::Longitude => "경도 보정(지방평균시)",
            Self::TrueSolar => "진태양시 보정",
        }
    }
}

/// What the day and hour pillars make of summer time when no correction is asked for (`time_correction =
/// none`). A correction (`longitude`, `true_solar`) starts from the instant, so it removes summer time
/// whatever this says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum SummerTime {
    /// Read the civil clock as it was shown, summer time included (a `summer_time_kept` warning says so).
    #[default]
    Keep,
    /// Read the zone's standard time: the clock less the summer-time hour.
    Remove,
}

impl SummerTime {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "keep" => Some(Self::Keep),
            "remove" => Some(Self::Remove),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Keep => "keep",
            Self::Remove => "remove",
        }
    }

    pub fn hangul(self) -> &'static str {
        match self {
            Self::Keep => "서머타임 시계 그대로",
            Self::Remove => "서머타임을 빼고 표준시로",
        }
    }
}

/// The standard-time clock of a reading (`civil` shown at `offset_seconds`, whose standard offset is
/// `standard_offset_seconds`): the clock less its summer time.
pub fn standard_clock(
    civil: LocalDateTime,
    unix: i64,
    offset_seconds: i32,
    standard_offset_seconds: i32,
) -> CorrectedClock {
    if offset_seconds == standard_offset_seconds {
        return CorrectedClock { clock: civil, shift_seconds: 0, equation_of_time_minutes: None };
    }
    CorrectedClock {
        clock: clock_from_unix(unix + standard_offset_seconds as i64),
        shift_seconds: (standard_offset_seconds - offset_seconds) as i64,
        equation_of_time_minutes: None,
    }
}

/// Longitude (degrees east) of the zone's principal city in the tz database, if it has one.
pub fn zone_longitude(zone: &str) -> Option<f64> {
    ZONES.binary_search_by(|(z, _)| (*z).cmp(zone)).ok().map(|i| ZONES[i].1)
}

pub fn validate_longitude(longitude: f64) -> Result<f64, SajuError> {
    if longitude.is_finite() && (-180.0..=180.0).contains(&longitude) {
        Ok(longitude)
    } else {
        Err(SajuError::InvalidLongitude(longitude.to_string()))
    }
}

/// The clock the day and hour pillars are read from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CorrectedClock {
    pub clock: LocalDateTime,
    /// Corrected minus civil clock, seconds.
    pub shift_seconds: i64,
    /// Equation of time applied, minutes (true solar only).
    pub equation_of_time_minutes: Option<f64>,
}

fn clock_from_unix(unix: i64) -> LocalDateTime {
    let (y, m, d) = julian::civil_from_jdn(unix.div_euclid(86_400) + 2_440_588);
    let s = unix.rem_euclid(86_400) as u32;
    LocalDateTime { year: y, month: m, day: d, hour: s / 3600, minute: s / 60 % 60, second: s % 60 }
}

/// Applies `method` to a birth at `unix` (UTC seconds) whose civil clock read `civil` at `offset_seconds`.
pub fn corrected_clock(
    civil: LocalDateTime,
    unix: i64,
    offset_seconds: i32,
    method: TimeCorrection,
    longitude: f64,
) -> CorrectedClock {
    let mean_solar = unix as f64 + longitude * 240.0;
    let (wall, eot) = match method {
        TimeCorrection::None | TimeCorrection::Standard => {
            return CorrectedClock { clock: civil, shift_seconds: 0, equation_of_time_minutes: None }
        }
        TimeCorrection::Longitude => (mean_solar, None),
        TimeCorrection::TrueSolar => {
            let jde = delta_t::jde_from_jd_ut(julian::jd_from_unix(unix as f64));
            let e = sun::equation_of_time_minutes(jde);
            (mean_solar + e * 60.0, Some(e))
        }
    };
    let wall = wall.round() as i64;
    CorrectedClock {
        clock: clock_from_unix(wall),
        shift_seconds: wall - (unix + offset_seconds as i64),
        equation_of_time_minutes: eot,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seoul_runs_about_32_minutes_behind_kst() {
        let lon = zone_longitude("Asia/Seoul").unwrap();
        assert!((lon - 126.97).abs() < 0.05);
        let civil = LocalDateTime::parse("1990-05-15T15:30:00").unwrap();
        let c = corrected_clock(civil, 642_753_000, 9 * 3600, TimeCorrection::Longitude, lon);
        assert_eq!(c.shift_seconds, ((lon - 135.0) * 240.0).round() as i64);
        assert_eq!((c.clock.hour, c.clock.minute), (14, 57));
    }

    #[test]
    fn true_solar_adds_the_equation_of_time() {
        // Early November the Sun runs about 16 minutes ahead of the mean Sun.
        let civil = LocalDateTime::parse("2023-11-03T12:00:00").unwrap();
        let unix = 1_698_980_400; // 2023-11-03T03:00:00Z
        let mean = corrected_clock(civil, unix, 9 * 3600, TimeCorrection::Longitude, 126.9667);
        let apparent = corrected_clock(civil, unix, 9 * 3600, TimeCorrection::TrueSolar, 126.9667);
        let e = apparent.equation_of_time_minutes.unwrap();
        assert!((16.0..16.6).contains(&e), "{e}");
        assert_eq!(apparent.shift_seconds - mean.shift_seconds, (e * 60.0).round() as i64);
        assert!(zone_longitude("Etc/UTC").is_none());
        assert!(validate_longitude(f64::NAN).is_err());
    }

    #[test]
    fn standard_clock_takes_the_summer_hour_off() {
        // 1988-07-01 10:00 KDT (+10) is 09:00 KST.
        let civil = LocalDateTime::parse("1988-07-01T10:00:00").unwrap();
        let unix = 583_718_400; // 1988-07-01T00:00:00Z
        let c = standard_clock(civil, unix, 10 * 3600, 9 * 3600);
        assert_eq!(c.clock.iso(), "1988-07-01T09:00:00");
        assert_eq!(c.shift_seconds, -3600);
        assert_eq!(standard_clock(civil, unix, 9 * 3600, 9 * 3600).clock, civil);
        for s in [SummerTime::Keep, SummerTime::Remove] {
            assert_eq!(SummerTime::parse(s.code()), Some(s));
        }
    }
}
