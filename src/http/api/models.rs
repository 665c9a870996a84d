//! Request and response bodies shared by several routes.

use crate::saju::chart::ChartRequest;
use poem_openapi::{Enum, Object};

#[derive(Debug, Clone, Copy, Enum, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum CalendarKind {
    Solar,
    KoreanLunar,
}

#[derive(Debug, Clone, Copy, Enum, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, Enum, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ZiHour {
    /// 야자시: 23–24시는 당일 일주, 시주는 다음 날 자시.
    Split,
    /// 정자시: 23시부터 다음 날 일주.
    NextDay,
    /// 자정 기준: 23–24시는 당일 일주, 시주도 당일 일간으로 (manseryeok 기본, ssaju).
    SameDay,
}

/// A preset of clock conventions (docs/engine.md, "Conventions"); explicit fields override it.
#[derive(Debug, Clone, Copy, Enum, PartialEq, Eq)]
pub enum Convention {
    /// The defaults: civil clock as given (summer time kept), 야자시 (`split`), gap/fold read `earlier`.
    #[oai(rename = "classic")]
    Classic,
    /// Korean apps: `longitude` at the zone's city (Seoul −32 min), summer time removed, 정자시 (`next_day`),
    /// gap/fold read `later`.
    #[oai(rename = "korean_app")]
    KoreanApp,
    /// Other Korean engines: `longitude` 127.5 (KST −30 min), summer time removed, `same_day`, gap/fold `later`.
    #[oai(rename = "fixed_127_5")]
    Fixed1275,
}

/// Summer time on the civil clock when no time correction applies (`longitude` and `true_solar` always remove it).
#[derive(Debug, Clone, Copy, Enum, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum SummerTime {
    /// Read the clock with its summer time (with `time_correction = none`; a `summer_time_kept` warning says so).
    Keep,
    /// Read the zone's standard time.
    Remove,
}

#[derive(Debug, Clone, Copy, Enum, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum TimeCorrection {
    Standard,
    None,
    Longitude,
    TrueSolar,
}

#[derive(Debug, Clone, Copy, Enum, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Disambiguation {
    Earlier,
    Later,
    Reject,
}

/// Birth data: the same fields as an `input` line of `saju chart --batch`.
#[derive(Debug, Clone, Object, PartialEq)]
#[oai(deny_unknown_fields, skip_serializing_if_is_none)]
pub struct ChartInput {
    /// `solar` (default) or `korean_lunar`.
    pub calendar: Option<CalendarKind>,
    /// `YYYY-MM-DDTHH:MM[:SS]`, or `YYYY-MM-DD` when the hour is unknown (a three-pillar chart).
    /// (Checked by the engine, which names what is wrong; no `pattern` here because poem-openapi compiles a
    /// pattern's regex on every request and this is the hottest route.)
    #[oai(validator(max_length = 25))]
    pub datetime: String,
    /// IANA time zone, default `Asia/Seoul`.
    #[oai(validator(max_length = 64))]
    pub timezone: Option<String>,
    pub gender: Gender,
    /// The lunar month is a leap month (윤달).
    pub leap_month: Option<bool>,
    /// Preset of the clock conventions below (default `classic`); the fields given explicitly override it.
    pub convention: Option<Convention>,
    pub zi_hour: Option<ZiHour>,
    /// `standard` (default: the clock, less the summer hour in Korea's summer-time years), `none` (the clock
    /// exactly as given), `longitude` (local mean time) or `true_solar`.
    pub time_correction: Option<TimeCorrection>,
    /// Degrees east for the time correction; default the zone's principal city.
    #[oai(validator(minimum(value = "-180"), maximum(value = "180")))]
    pub longitude: Option<f64>,
    /// `remove` (default: standard time) or `keep` (the clock as shown; implies `time_correction = none`).
    pub summer_time: Option<SummerTime>,
    pub disambiguation: Option<Disambiguation>,
    /// Minutes around a 절입 or hour boundary that produce a warning (default 30).
    #[oai(validator(maximum(value = "720")))]
    pub boundary_window_minutes: Option<u32>,
}

fn code<T: poem_openapi::types::ToJSON>(v: &T) -> String {
    v.to_json().and_then(|j| j.as_str().map(str::to_string)).unwrap_or_default()
}

impl ChartInput {
    /// The engine's wire form (which does the semantic checks).
    pub fn to_request(&self) -> ChartRequest {
        ChartRequest {
            calendar: self.calendar.as_ref().map(code),
            datetime: self.datetime.clone(),
            timezone: self.timezone.clone(),
            gender: code(&self.gender),
            leap_month: self.leap_month,
            convention: self.convention.as_ref().map(code),
            zi_hour: self.zi_hour.as_ref().map(code),
            time_correction: self.time_correction.as_ref().map(code),
            longitude: self.longitude,
            summer_time: self.summer_time.as_ref().map(code),
            disambiguation: self.disambiguation.as_ref().map(code),
            boundary_window_minutes: self.boundary_window_minutes,
        }
    }

    /// Back from a stored wire form (written by `to_request`, so every value is known).
    pub fn from_request(r: &ChartRequest) -> ChartInput {
        fn parse<T: poem_openapi::types::ParseFromJSON>(s: &Option<String>) -> Option<T> {
            s.as_ref().and_then(|s| T::parse_from_json(Some(serde_json::Value::String(s.clone()))).ok())
        }
        ChartInput {
            calendar: parse(&r.calendar),
            datetime: r.datetime.clone(),
            timezone: r.timezone.clone(),
            gender: parse(&Some(r.gender.clone())).unwrap_or(Gender::Male),
            leap_month: r.leap_month,
            convention: parse(&r.convention),
            zi_hour: parse(&r.zi_hour),
            time_correction: parse(&r.time_correction),
            longitude: r.longitude,
            summer_time: parse(&r.summer_time),
            disambiguation: parse(&r.disambiguation),
            boundary_window_minutes: r.boundary_window_minutes,
        }
    }
}

/// A year range for 세운: `2025` or `2025-2034`.
pub fn parse_years(s: &str) -> Option<std::ops::RangeInclusive<i32>> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let (a, b): (i32, i32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a <= b && b - a <= 200 && (1800..=2200).contains(&a) && (1800..=2200).contains(&b)).then_some(a..=b)
}

/// RFC 3339 UTC text of a Unix time.
pub fn rfc3339(unix: i64) -> String {
    crate::saju::time::civil::format_utc(unix)
}
