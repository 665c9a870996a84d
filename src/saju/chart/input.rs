//! What a chart is computed from: birth data and the conventions chosen, parsed from the wire form
//! (`saju chart --batch` lines, `POST /v1/charts` bodies) into checked types.

use crate::saju::calendar::korean_lunar;
use crate::saju::error::SajuError;
use crate::saju::pillars::ZiHour;
use crate::saju::time::civil::{parse_date, parse_time};
use crate::saju::time::{Disambiguation, LocalDateTime, SummerTime, TimeCorrection};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "male" | "m" | "M" | "남" | "남자" | "남성" => Some(Self::Male),
            "female" | "f" | "F" | "여" | "여자" | "여성" => Some(Self::Female),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }

    pub fn hangul(self) -> &'static str {
        match self {
            Self::Male => "남",
            Self::Female => "여",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarKind {
    Solar,
    KoreanLunar,
}

impl CalendarKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "solar" | "양력" => Some(Self::Solar),
            "korean_lunar" | "lunar" | "음력" => Some(Self::KoreanLunar),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Solar => "solar",
            Self::KoreanLunar => "korean_lunar",
        }
    }
}

/// A named bundle of clock conventions (docs/engine.md, "Conventions"). A request starts from its preset;
/// any convention field it gives explicitly overrides the preset's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Convention {
    /// The engine's defaults: the civil clock as given (summer time kept), 야자시, a gap or fold read with
    /// the earlier offset.
    #[default]
    Classic,
    /// What widely used Korean apps show: local mean time at the birth place (Seoul −32 min, summer time
    /// removed), 정자시 on that clock (the day changes at 23:00), a gap or fold read with the later offset
    /// (a skipped hour as summer time).
    KoreanApp,
    /// Other Korean engines: local mean time at 127.5°E for every birth (KST −30 min, so 자시 from 23:30
    /// on the clock), summer time removed, the day changing at midnight (자정 기준), a gap or fold read
    /// with the later offset.
    Fixed127_5,
}

impl Convention {
    pub const ALL: [Convention; 3] = [Convention::Classic, Convention::KoreanApp, Convention::Fixed127_5];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "classic" => Some(Self::Classic),
            "korean_app" => Some(Self::KoreanApp),
            "fixed_127_5" => Some(Self::Fixed127_5),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Classic => "classic",
            Self::KoreanApp => "korean_app",
            Self::Fixed127_5 => "fixed_127_5",
        }
    }

    pub fn hangul(self) -> &'static str {
        match self {
            Self::Classic => "기본(표준시 시계, 야자시)",
            Self::KoreanApp => "국내 앱식(출생지 경도 보정, 정자시)",
            Self::Fixed127_5 => "동경 127.5도 고정(-30분, 자정 기준)",
        }
    }

    /// The options this preset stands for.
    pub const fn options(self) -> ChartOptions {
        let classic = ChartOptions {
            convention: Convention::Classic,
            zi_hour: ZiHour::Split,
            time_correction: TimeCorrection::Standard,
            longitude: None,
            summer_time: SummerTime::Remove,
            disambiguation: Disambiguation::Earlier,
            boundary_window_minutes: 30,
        };
        match self {
            Convention::Classic => classic,
            Convention::KoreanApp => ChartOptions {
                convention: self,
                zi_hour: ZiHour::NextDay,
                time_correction: TimeCorrection::Longitude,
                summer_time: SummerTime::Remove,
                disambiguation: Disambiguation::Later,
                ..classic
            },
            Convention::Fixed127_5 => ChartOptions {
                convention: self,
                zi_hour: ZiHour::SameDay,
                time_correction: TimeCorrection::Longitude,
                longitude: Some(127.5),
                summer_time: SummerTime::Remove,
                disambiguation: Disambiguation::Later,
                ..classic
            },
        }
    }
}

/// Conventions that change the chart; every chart records the ones it used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartOptions {
    /// The preset the options started from (explicit fields may have overridden some of its values).
    pub convention: Convention,
    pub zi_hour: ZiHour,
    pub time_correction: TimeCorrection,
    /// Degrees east; `None` takes the zone's principal city.
    pub longitude: Option<f64>,
    /// Summer time on the civil clock when `time_correction` is `none`.
    pub summer_time: SummerTime,
    pub disambiguation: Disambiguation,
    /// Births this close to a jie or an hour/day boundary get a warning with the alternative pillars.
    pub boundary_window_minutes: u32,
}

impl Default for ChartOptions {
    fn default() -> Self {
        Convention::Classic.options()
    }
}

/// Checked birth data.
#[derive(Debug, Clone, PartialEq)]
pub struct BirthInput {
    pub calendar: CalendarKind,
    /// The date as given (lunar when `calendar` is Korean lunar).
    pub given_date: (i32, u32, u32),
    pub leap_month: bool,
    /// `None` when the hour is unknown: a three-pillar chart.
    pub time: Option<(u32, u32, u32)>,
    pub timezone: String,
    pub gender: Gender,
    pub options: ChartOptions,
}

impl BirthInput {
    /// The civil (solar) local date-time; the clock is 12:00 when the hour is unknown.
    pub fn local_solar(&self) -> Result<LocalDateTime, SajuError> {
        let (y, m, d) = self.given_date;
        let (year, month, day) = match self.calendar {
            CalendarKind::Solar => (y, m, d),
            CalendarKind::KoreanLunar => korean_lunar::to_solar_from_parts(y, m, d, self.leap_month)?,
        };
        let (h, mi, s) = self.time.unwrap_or((12, 0, 0));
        LocalDateTime::new(year, month, day, h, mi, s)
    }

    pub fn given_datetime_text(&self) -> String {
        let (y, m, d) = self.given_date;
        match self.time {
            Some((h, mi, s)) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}"),
            None => format!("{y:04}-{m:02}-{d:02}"),
        }
    }
}

/// The wire form of a chart request. Field names are the public API.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChartRequest {
    /// `solar` (default) or `korean_lunar`.
    #[serde(default)]
    pub calendar: Option<String>,
    /// `YYYY-MM-DDTHH:MM[:SS]`, or `YYYY-MM-DD` when the hour is unknown. A lunar date when `calendar` is `korean_lunar`.
    pub datetime: String,
    /// IANA zone; default `Asia/Seoul`.
    #[serde(default)]
    pub timezone: Option<String>,
    /// `male` or `female`.
    pub gender: String,
    /// The lunar month is a leap month (윤달).
    #[serde(default)]
    pub leap_month: Option<bool>,
    /// Preset of clock conventions: `classic` (default), `korean_app` or `fixed_127_5`; the fields below
    /// override it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convention: Option<String>,
    /// `split` (default), `next_day` or `same_day`.
    #[serde(default)]
    pub zi_hour: Option<String>,
    /// `standard` (default: the zone's standard time, summer time taken off), `none` (the clock as given),
    /// `longitude` or `true_solar`.
    #[serde(default)]
    pub time_correction: Option<String>,
    /// Degrees east for the time correction; default the zone's principal city.
    #[serde(default)]
    pub longitude: Option<f64>,
    /// `remove` (default) reads standard time; `keep` reads the clock with its summer time (it implies
    /// `time_correction = none`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summer_time: Option<String>,
    /// For a local time that a clock change skipped or repeated: `earlier` (default), `later` or `reject`.
    #[serde(default)]
    pub disambiguation: Option<String>,
    /// Warning window around jie and hour boundaries, minutes (0–720, default 30).
    #[serde(default)]
    pub boundary_window_minutes: Option<u32>,
}

fn invalid(field: &str, message: impl Into<String>) -> SajuError {
    SajuError::InvalidInput { field: field.to_string(), message: message.into() }
}

impl ChartRequest {
    pub fn parse(&self) -> Result<BirthInput, SajuError> {
        let calendar = match self.calendar.as_deref() {
            None => CalendarKind::Solar,
            Some(c) => {
                CalendarKind::parse(c).ok_or_else(|| invalid("calendar", format!("{c} (solar 또는 korean_lunar)")))?
            }
        };
        let text = self.datetime.trim();
        let (date_part, time_part) = match text.split_once(['T', ' ']) {
            Some((d, t)) => (d, Some(t)),
            None => (text, None),
        };
        let given_date = parse_date(date_part)
            .ok_or_else(|| SajuError::InvalidDate(format!("{text} (형식: YYYY-MM-DDTHH:MM:SS 또는 YYYY-MM-DD)")))?;
        let time = match time_part {
            None => None,
            Some(t) => {
                Some(parse_time(t).ok_or_else(|| SajuError::InvalidTime(format!("{t} (형식: HH:MM 또는 HH:MM:SS)")))?)
            }
        };
        let gender = Gender::parse(&self.gender)
            .ok_or_else(|| invalid("gender", format!("{} (male 또는 female)", self.gender)))?;
        let convention = match self.convention.as_deref() {
            None => Convention::Classic,
            Some(c) => Convention::parse(c)
                .ok_or_else(|| invalid("convention", format!("{c} (classic, korean_app, fixed_127_5 중 하나)")))?,
        };
        let mut options = convention.options();
        if let Some(z) = &self.zi_hour {
            options.zi_hour = ZiHour::parse(z)
                .ok_or_else(|| invalid("zi_hour", format!("{z} (split, next_day, same_day 중 하나)")))?;
        }
        if let Some(c) = &self.time_correction {
            options.time_correction = TimeCorrection::parse(c).ok_or_else(|| {
                invalid("time_correction", format!("{c} (standard, none, longitude, true_solar 중 하나)"))
            })?;
            // `none` is the civil clock as given: summer time stays on it unless `summer_time` says otherwise.
            if options.time_correction == TimeCorrection::None {
                options.summer_time = SummerTime::Keep;
            }
        }
        if let Some(t) = &self.summer_time {
            options.summer_time =
                SummerTime::parse(t).ok_or_else(|| invalid("summer_time", format!("{t} (keep 또는 remove)")))?;
            if options.summer_time == SummerTime::Keep {
                match self.time_correction.as_deref() {
                    // Keeping summer time means reading the clock as shown.
                    None => options.time_correction = TimeCorrection::None,
                    Some("none") => {}
                    Some(c) => {
                        return Err(invalid(
                            "summer_time",
                            format!("keep은 time_correction {c}와 함께 쓸 수 없습니다 (keep은 none과만 씁니다)"),
                        ))
                    }
                }
            }
        }
        if let Some(d) = &self.disambiguation {
            options.disambiguation = Disambiguation::parse(d)
                .ok_or_else(|| invalid("disambiguation", format!("{d} (earlier, later, reject 중 하나)")))?;
        }
        if let Some(lon) = self.longitude {
            options.longitude = Some(crate::saju::time::correction::validate_longitude(lon)?);
        }
        if let Some(w) = self.boundary_window_minutes {
            if w > 720 {
                return Err(invalid("boundary_window_minutes", format!("{w} (0~720)")));
            }
            options.boundary_window_minutes = w;
        }
        let leap_month = self.leap_month.unwrap_or(false);
        if leap_month && calendar == CalendarKind::Solar {
            return Err(invalid("leap_month", "윤달은 음력(korean_lunar) 날짜에만 쓸 수 있습니다"));
        }
        let timezone = self.timezone.clone().unwrap_or_else(|| "Asia/Seoul".to_string());
        crate::saju::time::civil::time_zone(&timezone)?;
        let input = BirthInput { calendar, given_date, leap_month, time, timezone, gender, options };
        input.local_solar()?;
        Ok(input)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(json: &str) -> Result<BirthInput, SajuError> {
        serde_json::from_str::<ChartRequest>(json).unwrap().parse()
    }

    #[test]
    fn defaults_and_unknown_hour() {
        let b = req(r#"{"datetime": "1990-05-15", "gender": "female"}"#).unwrap();
        assert_eq!(b.time, None);
        assert_eq!(b.timezone, "Asia/Seoul");
        assert_eq!(b.options, ChartOptions::default());
    }

    #[test]
    fn lunar_dates_are_checked() {
        let ok = req(
            r#"{"calendar": "korean_lunar", "datetime": "2020-04-15T10:00", "leap_month": true, "gender": "male"}"#,
        )
        .unwrap();
        assert_eq!(ok.local_solar().unwrap().iso(), "2020-06-06T10:00:00");
        let e = req(
            r#"{"calendar": "korean_lunar", "datetime": "2021-04-15T10:00", "leap_month": true, "gender": "male"}"#,
        )
        .unwrap_err();
        assert_eq!(e.code(), "no_such_leap_month");
    }

    #[test]
    fn every_bad_field_names_itself() {
        for (json, code) in [
            (r#"{"datetime": "1990-13-01T10:00", "gender": "male"}"#, "invalid_date"),
            (r#"{"datetime": "1990-01-01T25:00", "gender": "male"}"#, "invalid_time"),
            (r#"{"datetime": "1990-01-01T10:00", "gender": "x"}"#, "invalid_input"),
            (r#"{"datetime": "1990-01-01T10:00", "gender": "male", "timezone": "Seoul"}"#, "unknown_timezone"),
            (r#"{"datetime": "1990-01-01T10:00", "gender": "male", "zi_hour": "late"}"#, "invalid_input"),
            (r#"{"datetime": "1990-01-01T10:00", "gender": "male", "longitude": 200}"#, "invalid_longitude"),
            (r#"{"datetime": "1990-01-01T10:00", "gender": "male", "leap_month": true}"#, "invalid_input"),
        ] {
            assert_eq!(req(json).unwrap_err().code(), code, "{json}");
        }
        assert!(serde_json::from_str::<ChartRequest>(r#"{"datetime": "x", "gender": "m", "extra": 1}"#).is_err());
        for json in [
            r#"{"datetime": "1990-01-01T10:00", "gender": "male", "convention": "forceteller"}"#,
            r#"{"datetime": "1990-01-01T10:00", "gender": "male", "summer_time": "drop"}"#,
        ] {
            let e = req(json).unwrap_err();
            assert_eq!(e.code(), "invalid_input", "{json}");
        }
    }

    #[test]
    fn standard_time_is_the_default_and_none_is_the_clock_as_given() {
        let at = |extra: &str| req(&format!(r#"{{"datetime": "1988-07-01T10:00", "gender": "male"{extra}}}"#));
        let default = at("").unwrap().options;
        assert_eq!((default.time_correction, default.summer_time), (TimeCorrection::Standard, SummerTime::Remove));
        let standard = at(r#", "time_correction": "standard""#).unwrap().options;
        assert_eq!(standard, default);
        let none = at(r#", "time_correction": "none""#).unwrap().options;
        assert_eq!((none.time_correction, none.summer_time), (TimeCorrection::None, SummerTime::Keep));
        let keep = at(r#", "summer_time": "keep""#).unwrap().options;
        assert_eq!((keep.time_correction, keep.summer_time), (TimeCorrection::None, SummerTime::Keep));
        let removed = at(r#", "time_correction": "none", "summer_time": "remove""#).unwrap().options;
        assert_eq!((removed.time_correction, removed.summer_time), (TimeCorrection::None, SummerTime::Remove));
        for clash in [
            r#", "time_correction": "longitude", "summer_time": "keep""#,
            r#", "time_correction": "standard", "summer_time": "keep""#,
        ] {
            let e = at(clash).unwrap_err();
            assert_eq!(e.code(), "invalid_input", "{clash}");
            assert!(e.to_string().contains("summer_time"), "{e}");
        }
    }

    #[test]
    fn presets_fill_every_convention_and_explicit_fields_win() {
        let at = |extra: &str| {
            req(&format!(r#"{{"datetime": "1990-01-01T10:00", "gender": "male"{extra}}}"#)).unwrap().options
        };
        assert_eq!(at(""), ChartOptions::default());
        assert_eq!(at(r#", "convention": "classic""#), Convention::Classic.options());
        let app = at(r#", "convention": "korean_app""#);
        assert_eq!(app.convention, Convention::KoreanApp);
        assert_eq!(app.zi_hour, ZiHour::NextDay);
        assert_eq!(app.time_correction, TimeCorrection::Longitude);
        assert_eq!(app.longitude, None, "the zone's principal city");
        assert_eq!(app.summer_time, SummerTime::Remove);
        assert_eq!(app.disambiguation, Disambiguation::Later);
        let fixed = at(r#", "convention": "fixed_127_5""#);
        assert_eq!(fixed.zi_hour, ZiHour::SameDay);
        assert_eq!((fixed.time_correction, fixed.longitude), (TimeCorrection::Longitude, Some(127.5)));
        assert_eq!((fixed.summer_time, fixed.disambiguation), (SummerTime::Remove, Disambiguation::Later));
        // Explicit fields override the preset and keep the preset's name.
        let mixed =
            at(r#", "convention": "korean_app", "zi_hour": "split", "longitude": 129.0, "disambiguation": "reject""#);
        assert_eq!(mixed.convention, Convention::KoreanApp);
        assert_eq!((mixed.zi_hour, mixed.longitude), (ZiHour::Split, Some(129.0)));
        assert_eq!((mixed.time_correction, mixed.disambiguation), (TimeCorrection::Longitude, Disambiguation::Reject));
        // `none` is the clock as given, whatever the preset: summer time stays on it.
        let none = at(r#", "convention": "fixed_127_5", "time_correction": "none""#);
        assert_eq!((none.time_correction, none.summer_time), (TimeCorrection::None, SummerTime::Keep));
        for c in Convention::ALL {
            assert_eq!(Convention::parse(c.code()), Some(c));
            assert_eq!(c.options().convention, c);
        }
    }
}
