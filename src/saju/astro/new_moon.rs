//! New-moon instants: when the apparent longitudes of the Moon and the Sun coincide.

use super::delta_t::jd_ut_from_jde;
use super::julian::unix_from_jd;
use super::{moon, sun, wrap_pm180};

const SYNODIC_MONTH: f64 = 29.530_588_861;
/// Mean elongation rate in degrees per day.
const ELONGATION_RATE: f64 = 360.0 / SYNODIC_MONTH;

/// Mean new moon of lunation `k` (k = 0 near 2000-01-06), Meeus 49.1, as a TT Julian Date.
fn mean_new_moon(k: f64) -> f64 {
    let t = k / 1236.85;
    2_451_550.097_66 + SYNODIC_MONTH * k + 0.000_154_37 * t * t - 0.000_000_150 * t * t * t
        + 0.000_000_000_73 * t.powi(4)
}

/// The true new moon of lunation `k`, as a TT Julian Date.
pub fn new_moon_jde(k: i64) -> f64 {
    let mut jde = mean_new_moon(k as f64);
    for _ in 0..10 {
        let elongation = wrap_pm180(moon::apparent_longitude_deg(jde) - sun::apparent_longitude_deg(jde));
        let step = -elongation / ELONGATION_RATE;
        jde += step;
        if step.abs() < 1e-8 {
            break;
        }
    }
    jde
}

/// The new moon of lunation `k` in Unix seconds (UT).
pub fn new_moon_instant(k: i64) -> f64 {
    unix_from_jd(jd_ut_from_jde(new_moon_jde(k)))
}

/// The lunation number whose mean new moon is nearest to the TT Julian Date `jde`.
pub fn lunation_near(jde: f64) -> i64 {
    ((jde - 2_451_550.097_66) / SYNODIC_MONTH).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_moon_of_2000_01_06() {
        // 2000-01-06 18:14 UTC.
        let t = new_moon_instant(0);
        assert!((t - 947_182_440.0).abs() < 60.0, "{}", t - 947_182_440.0);
    }
}
