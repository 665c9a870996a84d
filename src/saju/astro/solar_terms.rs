//! Solar-term instants: when the Sun's apparent longitude reaches a multiple of 15°.

use super::delta_t::jd_ut_from_jde;
use super::julian::{jdn_from_civil, unix_from_jd};
use super::{sun, wrap_pm180};

/// Mean motion of the Sun in degrees per day.
const SUN_RATE: f64 = 360.0 / 365.242_19;

/// The TT Julian Date at which the Sun's apparent longitude equals `target_deg`, searched near `guess`.
pub fn solve_longitude(target_deg: f64, guess_jde: f64) -> f64 {
    let mut jde = guess_jde;
    for _ in 0..10 {
        let delta = wrap_pm180(target_deg - sun::apparent_longitude_deg(jde));
        let step = delta / SUN_RATE;
        jde += step;
        if step.abs() < 1e-8 {
            break;
        }
    }
    jde
}

/// Ecliptic longitude of term `index` (0 = 소한 at 285°, 1 = 대한, 2 = 입춘, … 23 = 동지).
pub const fn term_longitude(index: usize) -> f64 {
    ((285 + 15 * index) % 360) as f64
}

/// The instant, in Unix seconds (UT), of term `index` of Gregorian year `year`.
pub fn term_instant(year: i32, index: usize) -> f64 {
    // 소한 falls around January 5–6; each term follows about 15.22 days later.
    let jan1 = jdn_from_civil(year, 1, 1) as f64 - 0.5;
    let guess = jan1 + 5.5 + 15.218_4 * index as f64;
    let jde = solve_longitude(term_longitude(index), guess);
    unix_from_jd(jd_ut_from_jde(jde))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spring_equinox_2000_within_a_minute_of_published() {
        // 2000-03-20 07:35 UTC (published equinox).
        let t = term_instant(2000, 5);
        let expected = 953_537_700.0;
        assert!((t - expected).abs() < 60.0, "{}", t - expected);
    }
}
