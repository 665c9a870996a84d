//! The four pillars as plain cycle indices, and the pure rules that derive month and hour stems.

use super::calendar::solar_terms::{self, TermEvent};
use super::error::SajuError;
use super::ganzhi::{Branch, GanZhi, Stem};
use super::time::LocalDateTime;
use crate::saju::astro::julian::jdn_from_civil;

/// Where a stem or branch sits in the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Position {
    Year,
    Month,
    Day,
    Hour,
}

impl Position {
    pub const ALL: [Position; 4] = [Position::Year, Position::Month, Position::Day, Position::Hour];

    pub const fn code(self) -> &'static str {
        match self {
            Position::Year => "year",
            Position::Month => "month",
            Position::Day => "day",
            Position::Hour => "hour",
        }
    }

    pub const fn hangul(self) -> &'static str {
        match self {
            Position::Year => "년주",
            Position::Month => "월주",
            Position::Day => "일주",
            Position::Hour => "시주",
        }
    }
}

/// 년주 월주 일주 시주. The hour is `None` when the birth hour is unknown (a three-pillar chart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FourPillars {
    pub year: GanZhi,
    pub month: GanZhi,
    pub day: GanZhi,
    pub hour: Option<GanZhi>,
}

impl FourPillars {
    pub fn get(&self, pos: Position) -> Option<GanZhi> {
        match pos {
            Position::Year => Some(self.year),
            Position::Month => Some(self.month),
            Position::Day => Some(self.day),
            Position::Hour => self.hour,
        }
    }

    /// The pillars that are known, in year → hour order.
    pub fn known(&self) -> impl Iterator<Item = (Position, GanZhi)> + '_ {
        Position::ALL.into_iter().filter_map(|p| self.get(p).map(|g| (p, g)))
    }

    pub fn day_master(&self) -> Stem {
        self.day.stem()
    }

    /// Pillars from their names (`"경오"` or `"庚午"`); `None` if any name is not in the sixty cycle.
    pub fn parse(year: &str, month: &str, day: &str, hour: Option<&str>) -> Option<FourPillars> {
        Some(FourPillars {
            year: GanZhi::parse(year)?,
            month: GanZhi::parse(month)?,
            day: GanZhi::parse(day)?,
            hour: match hour {
                Some(h) => Some(GanZhi::parse(h)?),
                None => None,
            },
        })
    }
}

/// 월두법: the month pillar for `month_number` (0 = 인월 … 11 = 축월) in a year whose stem is `year_stem`.
pub const fn month_pillar(year_stem: Stem, month_number: u8) -> GanZhi {
    // 갑·기 → 병인, 을·경 → 무인, 병·신 → 경인, 정·임 → 임인, 무·계 → 갑인.
    let first_stem = (year_stem.index() % 5) * 2 + 2;
    let stem = Stem::new(first_stem as i64 + month_number as i64);
    let branch = Branch::new(2 + month_number as i64);
    match GanZhi::from_parts(stem, branch) {
        Some(g) => g,
        None => unreachable_pair(),
    }
}

/// 시두법: the hour pillar for double-hour `branch` on a day whose stem is `day_stem`.
pub const fn hour_pillar(day_stem: Stem, branch: Branch) -> GanZhi {
    // 갑·기 → 갑자, 을·경 → 병자, 병·신 → 무자, 정·임 → 경자, 무·계 → 임자.
    let first_stem = (day_stem.index() % 5) * 2;
    let stem = Stem::new(first_stem as i64 + branch.index() as i64);
    match GanZhi::from_parts(stem, branch) {
        Some(g) => g,
        None => unreachable_pair(),
    }
}

/// Both rules above pair stems and branches of equal parity by construction.
const fn unreachable_pair() -> GanZhi {
    panic!("stem and branch parity always agree here")
}

/// The double-hour branch of a clock time given as minutes after local midnight (자시 = 23:00–01:00).
pub const fn hour_branch(minute_of_day: u32) -> Branch {
    Branch::new((minute_of_day / 60).div_ceil(2) as i64)
}

/// 일진: the day pillar of a civil date given by its Julian Day Number.
pub const fn day_pillar(jdn: i64) -> GanZhi {
    GanZhi::new(jdn + 49)
}

/// The year pillar of saju year `year` (the year that begins at 입춘 of that Gregorian year).
pub const fn year_pillar(year: i32) -> GanZhi {
    GanZhi::new(year as i64 - 4)
}

/// 자시 convention for 23:00–24:00 (the late rat hour). All three give that hour the branch 자; they differ
/// in the day pillar and in which day's stem the hour stem follows (시두법).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum ZiHour {
    /// 야자시: the day pillar stays until midnight; the hour pillar is the next day's 자시.
    #[default]
    Split,
    /// 정자시 for the whole 자시: the day pillar already advances at 23:00.
    NextDay,
    /// The day changes at midnight for both pillars: 23:00–24:00 is the same day's 자시, its stem from the
    /// same day's stem (manseryeok's default `midnight`, ssaju).
    SameDay,
}

impl ZiHour {
    pub const ALL: [ZiHour; 3] = [ZiHour::Split, ZiHour::NextDay, ZiHour::SameDay];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "split" => Some(Self::Split),
            "next_day" => Some(Self::NextDay),
            "same_day" => Some(Self::SameDay),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Split => "split",
            Self::NextDay => "next_day",
            Self::SameDay => "same_day",
        }
    }

    pub fn hangul(self) -> &'static str {
        match self {
            Self::Split => "야자시(23시~자정은 당일 일주, 시주는 다음 날 자시)",
            Self::NextDay => "정자시(23시부터 다음 날 일주)",
            Self::SameDay => "자정 기준(23시~자정은 당일 일주, 시주도 당일 자시)",
        }
    }

    /// A short name for tables: 야자시, 정자시, 자정 기준.
    pub fn short_hangul(self) -> &'static str {
        match self {
            Self::Split => "야자시",
            Self::NextDay => "정자시",
            Self::SameDay => "자정 기준",
        }
    }
}

/// Saju year and month of an instant: the jie that began the month, and the one that ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SajuMonth {
    /// The saju year (starts at 입춘).
    pub year: i32,
    /// 0 = 인월 … 11 = 축월.
    pub month_number: u8,
    pub started_by: TermEvent,
    pub ended_by: TermEvent,
}

/// The saju month holding `instant` (Unix seconds); `None` outside the term table.
pub fn saju_month(instant: i64) -> Option<SajuMonth> {
    let (prev, next) = solar_terms::surrounding_jie(instant)?;
    let month_number = prev.term.month_number();
    // 소한 (index 0) opens 축월, the last month of the previous saju year.
    let year = if prev.term.index() < 2 { prev.year - 1 } else { prev.year };
    Some(SajuMonth { year, month_number, started_by: prev, ended_by: next })
}

/// The civil date (as a JDN) whose day pillar applies, and the hour pillar, for a corrected clock.
pub fn day_and_hour(clock: &LocalDateTime, zi: ZiHour) -> (GanZhi, GanZhi) {
    let jdn = jdn_from_civil(clock.year, clock.month, clock.day);
    let late_rat = clock.hour == 23;
    let day_jdn = if late_rat && zi == ZiHour::NextDay { jdn + 1 } else { jdn };
    // `split` and `next_day` make 23:00–24:00 the next day's 자시, so its stem follows the next day's stem;
    // `same_day` keeps it with the date it falls on.
    let hour_stem_day = if late_rat && zi != ZiHour::SameDay { jdn + 1 } else { jdn };
    let hour = hour_pillar(day_pillar(hour_stem_day).stem(), hour_branch(clock.minute_of_day()));
    (day_pillar(day_jdn), hour)
}

/// The four pillars for a birth instant and the corrected clock that the day and hour are read from.
/// `hour_known = false` gives a three-pillar chart (the day is then the clock's civil date).
pub fn four_pillars(
    instant: i64,
    clock: &LocalDateTime,
    zi: ZiHour,
    hour_known: bool,
) -> Result<FourPillars, SajuError> {
    let month = saju_month(instant).ok_or_else(|| out_of_range(clock))?;
    let year = year_pillar(month.year);
    let (day, hour) = if hour_known {
        let (d, h) = day_and_hour(clock, zi);
        (d, Some(h))
    } else {
        (day_pillar(jdn_from_civil(clock.year, clock.month, clock.day)), None)
    };
    Ok(FourPillars { year, month: month_pillar(year.stem(), month.month_number), day, hour })
}

fn out_of_range(clock: &LocalDateTime) -> SajuError {
    let (first, last) = solar_terms::table_years();
    SajuError::OutOfRange { value: clock.iso(), min: format!("{}-01-07", first), max: format!("{}-12-07", last) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_dates_match_the_domain_primer() {
        assert_eq!(day_pillar(2451545).hangul(), "무오");
        assert_eq!(year_pillar(1984).hangul(), "갑자");
        assert_eq!(month_pillar(Stem::new(0), 0).hangul(), "병인");
        assert_eq!(month_pillar(Stem::new(4), 0).hangul(), "갑인");
        assert_eq!(month_pillar(Stem::new(0), 11).hangul(), "정축");
        assert_eq!(hour_pillar(Stem::new(1), Branch::new(0)).hangul(), "병자");
        assert_eq!(hour_pillar(Stem::new(9), Branch::new(11)).hangul(), "계해");
    }

    #[test]
    fn double_hours_start_at_odd_hours() {
        assert_eq!(hour_branch(0).hangul(), "자");
        assert_eq!(hour_branch(59).hangul(), "자");
        assert_eq!(hour_branch(60).hangul(), "축");
        assert_eq!(hour_branch(22 * 60 + 59).hangul(), "해");
        assert_eq!(hour_branch(23 * 60).hangul(), "자");
    }
}

#[cfg(test)]
mod four_pillar_tests {
    use super::*;

    fn at(s: &str, unix: i64, zi: ZiHour) -> FourPillars {
        four_pillars(unix, &LocalDateTime::parse(s).unwrap(), zi, true).unwrap()
    }

    #[test]
    fn a_known_chart() {
        // 1990-05-15 15:30 KST: 경오년 신사월 경진일 갑신시.
        let p = at("1990-05-15T15:30:00", 642_753_000, ZiHour::Split);
        let names: Vec<&str> = p.known().map(|(_, g)| g.hangul()).collect();
        assert_eq!(names, ["경오", "신사", "경진", "갑신"]);
    }

    #[test]
    fn late_rat_hour_conventions() {
        // 2000-01-01 23:30 KST (무오일): split keeps 무오, next_day gives 기미; both give 병자시.
        let split = at("2000-01-01T23:30:00", 946_737_000, ZiHour::Split);
        let next = at("2000-01-01T23:30:00", 946_737_000, ZiHour::NextDay);
        assert_eq!(split.day.hangul(), "무오");
        assert_eq!(next.day.hangul(), "기미");
        assert_eq!(split.hour, next.hour);
        assert_eq!(split.hour.unwrap().hangul(), "갑자");
    }

    #[test]
    fn same_day_keeps_the_late_rat_hour_with_its_date() {
        // manseryeok's README: 2024-03-10 23:30 is 계유일; midnight → 임자시, jasi → 갑술일 갑자시,
        // splitJasi → 계유일 갑자시.
        let unix = 1_710_081_000; // 2024-03-10T14:30:00Z
        let same = at("2024-03-10T23:30:00", unix, ZiHour::SameDay);
        let next = at("2024-03-10T23:30:00", unix, ZiHour::NextDay);
        let split = at("2024-03-10T23:30:00", unix, ZiHour::Split);
        assert_eq!((same.day.hangul(), same.hour.unwrap().hangul()), ("계유", "임자"));
        assert_eq!((next.day.hangul(), next.hour.unwrap().hangul()), ("갑술", "갑자"));
        assert_eq!((split.day.hangul(), split.hour.unwrap().hangul()), ("계유", "갑자"));
        // Outside 23:00–24:00 the three agree.
        for (clock, unix) in [("2024-03-10T22:30:00", unix - 3600), ("2024-03-11T00:30:00", unix + 3600)] {
            let p: Vec<FourPillars> = ZiHour::ALL.iter().map(|&z| at(clock, unix, z)).collect();
            assert!(p.windows(2).all(|w| w[0] == w[1]), "{clock}");
        }
        for z in ZiHour::ALL {
            assert_eq!(ZiHour::parse(z.code()), Some(z));
        }
        assert_eq!(ZiHour::default(), ZiHour::Split);
    }
}
