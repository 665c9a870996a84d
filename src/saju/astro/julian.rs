//! Julian Day Numbers for civil dates and Julian Dates for instants.

/// Unix epoch (1970-01-01T00:00:00Z) as a Julian Date.
pub const UNIX_EPOCH_JD: f64 = 2_440_587.5;
/// J2000.0 as a Julian Date (TT).
pub const J2000: f64 = 2_451_545.0;

/// Julian Day Number of a proleptic Gregorian date (the day that begins at the JD's noon).
pub const fn jdn_from_civil(year: i32, month: u32, day: u32) -> i64 {
    // Fliegel–Van Flandern, in integer arithmetic valid for all years with floor division.
    let y = year as i64;
    let m = month as i64;
    let a = (14 - m) / 12;
    let yy = y + 4800 - a;
    let mm = m + 12 * a - 3;
    day as i64 + (153 * mm + 2) / 5 + 365 * yy + yy.div_euclid(4) - yy.div_euclid(100) + yy.div_euclid(400) - 32045
}

/// The proleptic Gregorian date of a Julian Day Number.
pub const fn civil_from_jdn(jdn: i64) -> (i32, u32, u32) {
    let a = jdn + 32044;
    let b = (4 * a + 3).div_euclid(146_097);
    let c = a - (146_097 * b).div_euclid(4);
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2).div_euclid(153);
    let day = e - (153 * m + 2).div_euclid(5) + 1;
    let month = m + 3 - 12 * m.div_euclid(10);
    let year = 100 * b + d - 4800 + m.div_euclid(10);
    (year as i32, month as u32, day as u32)
}

/// Days since the Unix epoch of a Julian Day Number (the JDN's civil midnight).
pub const fn unix_days_from_jdn(jdn: i64) -> i64 {
    jdn - 2_440_588
}

pub fn jd_from_unix(seconds: f64) -> f64 {
    UNIX_EPOCH_JD + seconds / 86_400.0
}

pub fn unix_from_jd(jd: f64) -> f64 {
    (jd - UNIX_EPOCH_JD) * 86_400.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_julian_day_numbers() {
        assert_eq!(jdn_from_civil(2000, 1, 1), 2_451_545);
        assert_eq!(jdn_from_civil(1970, 1, 1), 2_440_588);
        assert_eq!(jdn_from_civil(1582, 10, 15), 2_299_161);
        assert_eq!(civil_from_jdn(2_451_545), (2000, 1, 1));
        assert_eq!(civil_from_jdn(2_299_161), (1582, 10, 15));
    }

    #[test]
    fn civil_round_trip_over_six_centuries() {
        let start = jdn_from_civil(1700, 1, 1);
        let end = jdn_from_civil(2300, 12, 31);
        let mut prev = civil_from_jdn(start - 1);
        for jdn in start..=end {
            let (y, m, d) = civil_from_jdn(jdn);
            assert_eq!(jdn_from_civil(y, m, d), jdn);
            assert!((y, m, d) > prev);
            prev = (y, m, d);
        }
    }
}
