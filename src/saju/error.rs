//! Every way an engine input can be wrong, with a stable code and a Korean message that says what is wrong.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum SajuError {
    #[error("지원하는 범위를 벗어난 날짜입니다: {value} (지원 범위 {min} ~ {max})")]
    OutOfRange { value: String, min: String, max: String },

    #[error("날짜 형식이 올바르지 않습니다: {0}")]
    InvalidDate(String),

    #[error("시각 형식이 올바르지 않습니다: {0}")]
    InvalidTime(String),

    #[error("알 수 없는 시간대입니다: {0} (예: Asia/Seoul, America/New_York)")]
    UnknownTimeZone(String),

    #[error("{year}년에는 윤{month}월이 없습니다{}", match leap_month { Some(m) => format!(" (그해 윤달은 윤{m}월)"), None => " (그해에는 윤달이 없습니다)".to_string() })]
    NoSuchLeapMonth { year: i32, month: u8, leap_month: Option<u8> },

    #[error("음력 {year}년 {}{month}월은 {days}일까지만 있습니다: {day}일", if *leap { "윤" } else { "" })]
    LunarDayOutOfRange { year: i32, month: u8, leap: bool, day: u8, days: u8 },

    #[error("음력 월은 1~12 사이여야 합니다: {0}")]
    InvalidLunarMonth(u8),

    #[error("{}({})은 시계를 앞당긴 전환(서머타임 시작 또는 표준시 변경) 때문에 존재하지 않는 시각입니다. 시계를 UTC{}로 읽으면 {}, UTC{}로 읽으면 {}입니다. disambiguation을 earlier 또는 later로 지정해 주세요", .0.local, .0.zone, .0.before, .0.earlier, .0.after, .0.later)]
    NonexistentLocalTime(Box<LocalTimeIssue>),

    #[error("{}({})은 시계를 되돌려 두 번 있었던 시각입니다: UTC{}로 {} 또는 UTC{}로 {}. disambiguation을 earlier 또는 later로 지정해 주세요", .0.local, .0.zone, .0.before, .0.earlier, .0.after, .0.later)]
    AmbiguousLocalTime(Box<LocalTimeIssue>),

    #[error("경도는 -180 ~ 180 사이의 숫자여야 합니다: {0}")]
    InvalidLongitude(String),

    #[error("{field} 값이 올바르지 않습니다: {message}")]
    InvalidInput { field: String, message: String },
}

/// A local time that a clock change skipped (gap) or repeated (fold), with both readings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTimeIssue {
    pub local: String,
    pub zone: String,
    /// Offsets before and after the transition, e.g. `+09:00`, `+10:00`.
    pub before: String,
    pub after: String,
    /// The instant (UTC) of each reading.
    pub earlier: String,
    pub later: String,
}

impl SajuError {
    /// Stable machine-readable code, used in JSON errors.
    pub fn code(&self) -> &'static str {
        match self {
            SajuError::OutOfRange { .. } => "out_of_range",
            SajuError::InvalidDate(_) => "invalid_date",
            SajuError::InvalidTime(_) => "invalid_time",
            SajuError::UnknownTimeZone(_) => "unknown_timezone",
            SajuError::NoSuchLeapMonth { .. } => "no_such_leap_month",
            SajuError::LunarDayOutOfRange { .. } => "lunar_day_out_of_range",
            SajuError::InvalidLunarMonth(_) => "invalid_lunar_month",
            SajuError::NonexistentLocalTime(_) => "nonexistent_local_time",
            SajuError::AmbiguousLocalTime(_) => "ambiguous_local_time",
            SajuError::InvalidLongitude(_) => "invalid_longitude",
            SajuError::InvalidInput { .. } => "invalid_input",
        }
    }
}
