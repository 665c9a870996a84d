//! The 24 solar terms (절기) of a Gregorian year, as Unix-second instants from the cached table.

use super::tables::solar_terms::{FIRST_YEAR, INSTANTS};

/// Names of the terms in table order: index 0 = 소한 (285°) … 23 = 동지 (270°).
const HANGUL: [&str; 24] = [
    "소한", "대한", "입춘", "우수", "경칩", "춘분", "청명", "곡우", "입하", "소만", "망종", "하지", "소서", "대서",
    "입추", "처서", "백로", "추분", "한로", "상강", "입동", "소설", "대설", "동지",
];
const HANJA: [&str; 24] = [
    "小寒", "大寒", "立春", "雨水", "驚蟄", "春分", "清明", "穀雨", "立夏", "小滿", "芒種", "夏至", "小暑", "大暑",
    "立秋", "處暑", "白露", "秋分", "寒露", "霜降", "立冬", "小雪", "大雪", "冬至",
];

/// One of the 24 solar terms, by its index within a Gregorian year (0 = 소한).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SolarTerm(u8);

impl SolarTerm {
    pub const fn new(index: usize) -> SolarTerm {
        SolarTerm((index % 24) as u8)
    }

    pub const fn index(self) -> usize {
        self.0 as usize
    }

    pub const fn hangul(self) -> &'static str {
        HANGUL[self.index()]
    }

    pub const fn hanja(self) -> &'static str {
        HANJA[self.index()]
    }

    /// The Sun's apparent ecliptic longitude at this term, degrees.
    pub const fn longitude(self) -> u16 {
        (285 + 15 * self.0 as u16) % 360
    }

    /// 절 (jie, the 12 terms that start a saju month) as opposed to 중기 (principal terms).
    pub const fn is_jie(self) -> bool {
        self.0.is_multiple_of(2)
    }

    /// For a jie: the saju month it starts, 0 = 인월 (입춘) … 11 = 축월 (소한).
    pub const fn month_number(self) -> u8 {
        (self.0 / 2 + 11) % 12
    }
}

/// First and last Gregorian years the term table covers.
pub const fn table_years() -> (i32, i32) {
    (FIRST_YEAR, FIRST_YEAR + (INSTANTS.len() / 24) as i32 - 1)
}

/// Instant (Unix seconds, UT) of term `term` in Gregorian year `year`, if the table covers it.
pub fn term_instant(year: i32, term: SolarTerm) -> Option<i64> {
    let row = year.checked_sub(FIRST_YEAR)?;
    INSTANTS.get(row as usize * 24 + term.index()).copied()
}

/// A term occurrence: which term, in which Gregorian year, at which instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermEvent {
    pub year: i32,
    pub term: SolarTerm,
    pub instant: i64,
}

fn event_at(flat: usize) -> TermEvent {
    TermEvent { year: FIRST_YEAR + (flat / 24) as i32, term: SolarTerm::new(flat % 24), instant: INSTANTS[flat] }
}

/// The last jie at or before `instant` and the first jie after it, if both are inside the table.
pub fn surrounding_jie(instant: i64) -> Option<(TermEvent, TermEvent)> {
    // Number of terms at or before the instant; the table is sorted.
    let after = INSTANTS.partition_point(|&t| t <= instant);
    if after == 0 || after >= INSTANTS.len() {
        return None;
    }
    let mut prev = after - 1;
    if prev % 2 == 1 {
        prev = prev.checked_sub(1)?;
    }
    let mut next = after;
    if next % 2 == 1 {
        next += 1;
    }
    if next >= INSTANTS.len() {
        return None;
    }
    Some((event_at(prev), event_at(next)))
}

/// The 24 terms of a Gregorian year in order.
pub fn terms_of_year(year: i32) -> Option<Vec<TermEvent>> {
    (0..24)
        .map(|i| {
            let term = SolarTerm::new(i);
            term_instant(year, term).map(|instant| TermEvent { year, term, instant })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_metadata() {
        let ipchun = SolarTerm::new(2);
        assert_eq!(ipchun.hangul(), "입춘");
        assert_eq!(ipchun.longitude(), 315);
        assert!(ipchun.is_jie());
        assert_eq!(ipchun.month_number(), 0);
        assert_eq!(SolarTerm::new(0).month_number(), 11);
        assert_eq!(SolarTerm::new(22).month_number(), 10);
        assert_eq!(SolarTerm::new(23).longitude(), 270);
        assert!(!SolarTerm::new(23).is_jie());
    }

    #[test]
    fn table_is_strictly_increasing_about_15_days_apart() {
        for w in INSTANTS.windows(2) {
            let gap = w[1] - w[0];
            assert!((14 * 86_400..16 * 86_400).contains(&gap), "gap {gap}");
        }
    }

    #[test]
    fn surrounding_jie_brackets_the_instant() {
        let (first, last) = table_years();
        let mid = term_instant(2000, SolarTerm::new(5)).unwrap();
        let (prev, next) = surrounding_jie(mid).unwrap();
        assert_eq!(prev.term.hangul(), "경칩");
        assert_eq!(next.term.hangul(), "청명");
        let ipchun = term_instant(2000, SolarTerm::new(2)).unwrap();
        assert_eq!(surrounding_jie(ipchun).unwrap().0.term.hangul(), "입춘");
        assert_eq!(surrounding_jie(ipchun - 1).unwrap().0.term.hangul(), "소한");
        assert!(surrounding_jie(term_instant(first, SolarTerm::new(0)).unwrap() - 1).is_none());
        assert!(surrounding_jie(term_instant(last, SolarTerm::new(23)).unwrap()).is_none());
    }
}
