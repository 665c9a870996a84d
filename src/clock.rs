//! One clock for the whole appliance: the instant comes from a [`Clock`] (the system's, or a fixed one in
//! tests), and the calendar date people mean — "today", "this year" — is read in Korea time (UTC+9, where
//! the users are), never in UTC or the host's zone.

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    /// Seconds since the Unix epoch.
    fn unix_seconds(&self) -> i64;

    /// The date and time in Korea now.
    fn korea_now(&self) -> KoreaTime {
        KoreaTime::at(self.unix_seconds())
    }
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn unix_seconds(&self) -> i64 {
        jiff::Timestamp::now().as_second()
    }
}

/// A clock that always says the same instant (tests, reproducible runs).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub i64);

impl Clock for FixedClock {
    fn unix_seconds(&self) -> i64 {
        self.0
    }
}

/// A civil date and time in Korea (UTC+9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KoreaTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

/// Korea's offset from UTC today (no summer time since 1988).
const KST_SECONDS: i64 = 9 * 3600;

impl KoreaTime {
    /// The Korea time of a Unix instant.
    pub fn at(unix_seconds: i64) -> KoreaTime {
        let local = unix_seconds + KST_SECONDS;
        let (year, month, day) = crate::saju::astro::julian::civil_from_jdn(local.div_euclid(86_400) + 2_440_588);
        let in_day = local.rem_euclid(86_400);
        KoreaTime { year, month, day, hour: (in_day / 3600) as u32, minute: (in_day % 3600 / 60) as u32 }
    }

    pub fn date(&self) -> (i32, u32, u32) {
        (self.year, self.month, self.day)
    }
}

/// This year in Korea, by the system clock.
pub fn this_year() -> i32 {
    SystemClock.korea_now().year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_year_comes_at_midnight_in_korea_not_in_utc() {
        // 2026-12-31T15:30:00Z is 2027-01-01 00:30 in Korea.
        let t = FixedClock(1_798_731_000).korea_now();
        assert_eq!((t.year, t.month, t.day, t.hour, t.minute), (2027, 1, 1, 0, 30));
        // An hour earlier in UTC terms it is still 2026 in Korea (23:30).
        let t = FixedClock(1_798_727_400).korea_now();
        assert_eq!((t.year, t.month, t.day, t.hour, t.minute), (2026, 12, 31, 23, 30));
    }
}
