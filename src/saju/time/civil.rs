//! Local date-time + IANA zone → instant. Gaps (clocks jumped forward) and folds (clocks turned back)
//! are detected and either resolved by the caller's explicit choice or reported as errors.

use crate::saju::error::{LocalTimeIssue, SajuError};
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};

/// A wall-clock reading, validated (a real Gregorian date, 00:00:00–23:59:59).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl LocalDateTime {
    pub fn new(year: i32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Result<Self, SajuError> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return Err(SajuError::InvalidDate(format!("{year:04}-{month:02}-{day:02} (월은 1~12)"))),
        };
        if day == 0 || day > days_in_month {
            return Err(SajuError::InvalidDate(format!(
                "{year:04}-{month:02}-{day:02} ({month}월은 {days_in_month}일까지)"
            )));
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(SajuError::InvalidTime(format!("{hour:02}:{minute:02}:{second:02}")));
        }
        Ok(LocalDateTime { year, month, day, hour, minute, second })
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS]` (a space may replace the `T`).
    pub fn parse(s: &str) -> Result<Self, SajuError> {
        let bad = || SajuError::InvalidDate(format!("{s} (형식: YYYY-MM-DDTHH:MM:SS)"));
        let (date, time) = s.trim().split_once(['T', ' ']).ok_or_else(bad)?;
        let (y, m, d) = parse_date(date).ok_or_else(bad)?;
        let (h, mi, sec) =
            parse_time(time).ok_or_else(|| SajuError::InvalidTime(format!("{time} (형식: HH:MM 또는 HH:MM:SS)")))?;
        LocalDateTime::new(y, m, d, h, mi, sec)
    }

    pub fn minute_of_day(&self) -> u32 {
        self.hour * 60 + self.minute
    }

    pub fn seconds_of_day(&self) -> i64 {
        (self.hour * 3600 + self.minute * 60 + self.second) as i64
    }

    /// `YYYY-MM-DDTHH:MM:SS`.
    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    fn to_jiff(self) -> Result<DateTime, SajuError> {
        let err = |_| SajuError::InvalidDate(self.iso());
        let year = i16::try_from(self.year).map_err(|_| SajuError::InvalidDate(self.iso()))?;
        DateTime::new(year, self.month as i8, self.day as i8, self.hour as i8, self.minute as i8, self.second as i8, 0)
            .map_err(err)
    }
}

/// `YYYY-MM-DD` → (year, month, day), digits only; range checks happen in `LocalDateTime::new`.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.trim().split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?))
}

/// `HH:MM` or `HH:MM:SS` → (hour, minute, second), digits only.
pub fn parse_time(s: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts.iter().any(|p| p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |i: usize| parts.get(i).map_or(Some(0), |p| p.parse().ok());
    Some((n(0)?, n(1)?, n(2)?))
}

/// What to do with a local time that a transition made ambiguous (fold) or skipped (gap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Disambiguation {
    /// Use the offset in force before the transition (the domain's default), and say so in a warning.
    #[default]
    Earlier,
    /// Use the offset in force after the transition, and say so.
    Later,
    /// Refuse: the caller must ask the person.
    Reject,
}

impl Disambiguation {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "earlier" => Some(Self::Earlier),
            "later" => Some(Self::Later),
            "reject" => Some(Self::Reject),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Earlier => "earlier",
            Self::Later => "later",
            Self::Reject => "reject",
        }
    }
}

/// How a local time was resolved, when it was not a plain unambiguous reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Adjustment {
    /// The clock skipped this reading; it was read with the offset `used_offset`.
    Gap { used_offset: i32, other_offset: i32 },
    /// The clock showed this reading twice; the occurrence at `used_offset` was taken.
    Fold { used_offset: i32, other_offset: i32 },
}

/// A local time resolved to an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedTime {
    pub local: LocalDateTime,
    pub zone: String,
    /// Unix seconds (UTC).
    pub unix: i64,
    /// Offset from UTC in seconds of the reading (for a gap or fold, the offset that was chosen).
    pub offset_seconds: i32,
    /// Summer time is part of `offset_seconds` (the state of the zone on the side of any transition that
    /// has that offset, so the flag and the abbreviation always describe the offset actually used).
    pub dst: bool,
    pub abbreviation: String,
    /// The zone's standard offset for this reading: `offset_seconds` less any summer time.
    pub standard_offset_seconds: i32,
    pub adjustment: Option<Adjustment>,
}

pub fn time_zone(name: &str) -> Result<TimeZone, SajuError> {
    if name.is_empty() || name.len() > 64 {
        return Err(SajuError::UnknownTimeZone(name.chars().take(64).collect()));
    }
    TimeZone::get(name).map_err(|_| SajuError::UnknownTimeZone(name.to_string()))
}

/// `+09:00`, `+08:27:52`.
pub fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}:{m:02}")
    } else {
        format!("{sign}{h:02}:{m:02}:{sec:02}")
    }
}

/// The wall clock `YYYY-MM-DDTHH:MM:SS` of an instant at a fixed UTC offset (years 0–9999).
pub fn format_local(unix: i64, offset_seconds: i64) -> String {
    let t = unix + offset_seconds;
    let (y, m, d) = crate::saju::astro::julian::civil_from_jdn(t.div_euclid(86_400) + 2_440_588);
    let secs = t.rem_euclid(86_400) as u32;
    // Hand-rolled: charts format several instants each, and `format!` dominated the profile.
    let mut b = *b"0000-00-00T00:00:00";
    let mut put = |at: usize, width: usize, mut v: u32| {
        for i in (at..at + width).rev() {
            b[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, 4, y.clamp(0, 9999) as u32);
    put(5, 2, m);
    put(8, 2, d);
    put(11, 2, secs / 3600);
    put(14, 2, secs / 60 % 60);
    put(17, 2, secs % 60);
    String::from_utf8_lossy(&b).into_owned()
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_utc(unix: i64) -> String {
    format_local(unix, 0) + "Z"
}

fn unix_with_offset(local: &LocalDateTime, offset: Offset) -> i64 {
    let days = crate::saju::astro::julian::jdn_from_civil(local.year, local.month, local.day) - 2_440_588;
    days * 86_400 + local.seconds_of_day() - offset.seconds() as i64
}

/// Resolves a local clock reading in the named zone to an instant.
pub fn resolve_local(local: LocalDateTime, zone: &str, policy: Disambiguation) -> Result<ResolvedTime, SajuError> {
    let tz = time_zone(zone)?;
    let dt = local.to_jiff()?;
    let ambiguous = tz.to_ambiguous_timestamp(dt);
    let issue = |before: Offset, after: Offset| LocalTimeIssue {
        local: local.iso(),
        zone: zone.to_string(),
        before: format_offset(before.seconds()),
        after: format_offset(after.seconds()),
        earlier: format_utc(unix_with_offset(&local, before)),
        later: format_utc(unix_with_offset(&local, after)),
    };
    let (offset, adjustment) = match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { offset } => (offset, None),
        AmbiguousOffset::Gap { before, after } => {
            let (used, other) = match policy {
                Disambiguation::Earlier => (before, after),
                Disambiguation::Later => (after, before),
                Disambiguation::Reject => return Err(SajuError::NonexistentLocalTime(Box::new(issue(before, after)))),
            };
            (used, Some(Adjustment::Gap { used_offset: used.seconds(), other_offset: other.seconds() }))
        }
        AmbiguousOffset::Fold { before, after } => {
            let (used, other) = match policy {
                Disambiguation::Earlier => (before, after),
                Disambiguation::Later => (after, before),
                Disambiguation::Reject => return Err(SajuError::AmbiguousLocalTime(Box::new(issue(before, after)))),
            };
            (used, Some(Adjustment::Fold { used_offset: used.seconds(), other_offset: other.seconds() }))
        }
    };
    let unix = unix_with_offset(&local, offset);
    let bad = || SajuError::InvalidDate(local.iso());
    let ts = jiff::Timestamp::from_second(unix).map_err(|_| bad())?;
    // The zone's state at the instant, unless the reading was in a gap or fold: then the instant can lie on
    // the other side of the transition (a gap read with the earlier offset lands after it), and the state
    // must be the one on the side whose offset was used.
    let mut state_at = ts;
    if let Some(Adjustment::Gap { other_offset, .. } | Adjustment::Fold { other_offset, .. }) = &adjustment {
        let other = unix_with_offset(&local, Offset::from_seconds(*other_offset).map_err(|_| bad())?);
        let (lo, hi) = (unix.min(other), unix.max(other));
        let hi_ts = jiff::Timestamp::from_second(hi + 1).map_err(|_| bad())?;
        if let Some(t) = tz.preceding(hi_ts).next().map(|t| t.timestamp().as_second()).filter(|&t| t > lo) {
            for candidate in [t - 1, t] {
                let c = jiff::Timestamp::from_second(candidate).map_err(|_| bad())?;
                if tz.to_offset_info(c).offset() == offset {
                    state_at = c;
                }
            }
        }
    }
    let info = tz.to_offset_info(state_at);
    let dst = info.dst().is_dst();
    Ok(ResolvedTime {
        local,
        zone: zone.to_string(),
        unix,
        offset_seconds: offset.seconds(),
        dst,
        abbreviation: info.abbreviation().to_string(),
        standard_offset_seconds: if dst { standard_offset(&tz, state_at, offset) } else { offset.seconds() },
        adjustment,
    })
}

/// The standard offset behind a summer-time state at `at`: the offset of the last transition before it
/// into a state without summer time (or, for a zone that began in summer time, the first one after it).
fn standard_offset(tz: &TimeZone, at: jiff::Timestamp, offset: Offset) -> i32 {
    let next = jiff::Timestamp::from_second(at.as_second() + 1).unwrap_or(at);
    tz.preceding(next)
        .find(|t| !t.dst().is_dst())
        .or_else(|| tz.following(at).find(|t| !t.dst().is_dst()))
        .map_or(offset.seconds() - 3600, |t| t.offset().seconds())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seoul(s: &str) -> ResolvedTime {
        resolve_local(LocalDateTime::parse(s).unwrap(), "Asia/Seoul", Disambiguation::Reject).unwrap()
    }

    #[test]
    fn seoul_offsets_through_history() {
        assert_eq!(seoul("1900-06-01T12:00:00").offset_seconds, 8 * 3600 + 27 * 60 + 52);
        assert_eq!(seoul("1910-06-01T12:00:00").offset_seconds, 8 * 3600 + 1800);
        assert_eq!(seoul("1930-06-01T12:00:00").offset_seconds, 9 * 3600);
        assert_eq!(seoul("1958-01-01T12:00:00").offset_seconds, 8 * 3600 + 1800);
        let summer = seoul("1988-07-01T12:00:00");
        assert_eq!(summer.offset_seconds, 10 * 3600);
        assert!(summer.dst);
        assert_eq!(seoul("1990-05-15T15:30:00").unix, 642_753_000);
    }

    #[test]
    fn gaps_and_folds_are_reported_or_resolved_as_asked() {
        let gap = LocalDateTime::parse("1988-05-08T02:30").unwrap();
        let err = resolve_local(gap, "Asia/Seoul", Disambiguation::Reject).unwrap_err();
        assert_eq!(err.code(), "nonexistent_local_time");
        let earlier = resolve_local(gap, "Asia/Seoul", Disambiguation::Earlier).unwrap();
        let later = resolve_local(gap, "Asia/Seoul", Disambiguation::Later).unwrap();
        assert_eq!(earlier.unix - later.unix, 3600);
        assert!(matches!(earlier.adjustment, Some(Adjustment::Gap { .. })));
        let fold = LocalDateTime::parse("1988-10-09T02:30").unwrap();
        assert_eq!(
            resolve_local(fold, "Asia/Seoul", Disambiguation::Reject).unwrap_err().code(),
            "ambiguous_local_time"
        );
        let first = resolve_local(fold, "Asia/Seoul", Disambiguation::Earlier).unwrap();
        let second = resolve_local(fold, "Asia/Seoul", Disambiguation::Later).unwrap();
        assert_eq!(second.unix - first.unix, 3600);
    }

    #[test]
    fn a_gap_reading_describes_the_offset_it_used() {
        // 1987-05-10 02:30 never showed on Seoul's clocks (02:00 KST → 03:00 KDT).
        let gap = LocalDateTime::parse("1987-05-10T02:30").unwrap();
        let earlier = resolve_local(gap, "Asia/Seoul", Disambiguation::Earlier).unwrap();
        assert_eq!((earlier.offset_seconds, earlier.dst, earlier.abbreviation.as_str()), (9 * 3600, false, "KST"));
        assert_eq!(earlier.standard_offset_seconds, 9 * 3600);
        let later = resolve_local(gap, "Asia/Seoul", Disambiguation::Later).unwrap();
        assert_eq!((later.offset_seconds, later.dst, later.abbreviation.as_str()), (10 * 3600, true, "KDT"));
        assert_eq!(later.standard_offset_seconds, 9 * 3600);
        // The same in New York: 2021-03-14 02:30 (02:00 EST → 03:00 EDT).
        let ny = LocalDateTime::parse("2021-03-14T02:30").unwrap();
        let e = resolve_local(ny, "America/New_York", Disambiguation::Earlier).unwrap();
        assert_eq!((e.offset_seconds, e.dst, e.abbreviation.as_str()), (-5 * 3600, false, "EST"));
        let l = resolve_local(ny, "America/New_York", Disambiguation::Later).unwrap();
        assert_eq!((l.offset_seconds, l.dst, l.abbreviation.as_str()), (-4 * 3600, true, "EDT"));
        // A fold: the first 02:30 of 1987-10-11 is still KDT, the second KST.
        let fold = LocalDateTime::parse("1987-10-11T02:30").unwrap();
        let first = resolve_local(fold, "Asia/Seoul", Disambiguation::Earlier).unwrap();
        let second = resolve_local(fold, "Asia/Seoul", Disambiguation::Later).unwrap();
        assert_eq!((first.offset_seconds, first.dst, first.abbreviation.as_str()), (10 * 3600, true, "KDT"));
        assert_eq!((second.offset_seconds, second.dst, second.abbreviation.as_str()), (9 * 3600, false, "KST"));
    }

    #[test]
    fn standard_offsets_behind_summer_time() {
        // KDT +09:30 in 1955–1960 stood on +08:30; London's double summer time on GMT.
        let kdt = seoul("1958-07-01T12:00:00");
        assert_eq!((kdt.offset_seconds, kdt.standard_offset_seconds), (9 * 3600 + 1800, 8 * 3600 + 1800));
        let bdst =
            resolve_local(LocalDateTime::parse("1944-06-01T12:00").unwrap(), "Europe/London", Disambiguation::Reject)
                .unwrap();
        assert_eq!((bdst.offset_seconds, bdst.standard_offset_seconds), (7200, 0));
        let winter = seoul("1988-12-01T12:00:00");
        assert_eq!(winter.standard_offset_seconds, winter.offset_seconds);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert_eq!(LocalDateTime::parse("2023-02-29T10:00").unwrap_err().code(), "invalid_date");
        assert_eq!(LocalDateTime::parse("2023-02-28T24:00").unwrap_err().code(), "invalid_time");
        assert_eq!(LocalDateTime::parse("garbage").unwrap_err().code(), "invalid_date");
        assert_eq!(LocalDateTime::parse("2023-1-5T7:05").unwrap(), LocalDateTime::new(2023, 1, 5, 7, 5, 0).unwrap());
        let local = LocalDateTime::parse("2000-01-01T00:00").unwrap();
        assert_eq!(
            resolve_local(local, "Mars/Olympus", Disambiguation::Earlier).unwrap_err().code(),
            "unknown_timezone"
        );
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_offset(8 * 3600 + 27 * 60 + 52), "+08:27:52");
    }
}
