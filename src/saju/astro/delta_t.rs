//! ΔT = TT − UT1, from a yearly table (observed values and the Stephenson–Morrison–Hohenkerk 2016 model
//! as skyfield 1.55 reports them), interpolated linearly, with the long-term parabola outside it.

use super::tables::delta_t::{FIRST_YEAR, SECONDS};

fn long_term_parabola(year: f64) -> f64 {
    let u = (year - 1820.0) / 100.0;
    -20.0 + 32.0 * u * u
}

/// ΔT in seconds at a decimal year (e.g. 2024.5).
pub fn delta_t_seconds(year: f64) -> f64 {
    let first = FIRST_YEAR as f64;
    let last = first + (SECONDS.len() - 1) as f64;
    if year < first {
        return long_term_parabola(year) - long_term_parabola(first) + SECONDS[0];
    }
    if year >= last {
        return long_term_parabola(year) - long_term_parabola(last) + SECONDS[SECONDS.len() - 1];
    }
    let pos = year - first;
    let i = pos.floor() as usize;
    let frac = pos - i as f64;
    SECONDS[i] + (SECONDS[i + 1] - SECONDS[i]) * frac
}

/// Decimal year of a Julian Date (close enough for ΔT, which changes by well under a second a year).
pub fn decimal_year(jd: f64) -> f64 {
    2000.0 + (jd - super::julian::J2000) / 365.2425
}

/// TT Julian Date (JDE) from a UT Julian Date.
pub fn jde_from_jd_ut(jd_ut: f64) -> f64 {
    jd_ut + delta_t_seconds(decimal_year(jd_ut)) / 86_400.0
}

/// UT Julian Date from a TT Julian Date, by fixed-point iteration (ΔT varies slowly).
pub fn jd_ut_from_jde(jde: f64) -> f64 {
    let mut ut = jde - delta_t_seconds(decimal_year(jde)) / 86_400.0;
    for _ in 0..2 {
        ut = jde - delta_t_seconds(decimal_year(ut)) / 86_400.0;
    }
    ut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_values_and_continuity_at_the_edges() {
        assert!((delta_t_seconds(2000.0) - 63.83).abs() < 0.05);
        assert!((delta_t_seconds(1900.0) + 1.98).abs() < 0.05);
        let last = FIRST_YEAR as f64 + (SECONDS.len() - 1) as f64;
        assert!((delta_t_seconds(last - 1e-9) - delta_t_seconds(last)).abs() < 0.01);
        assert!((delta_t_seconds(FIRST_YEAR as f64) - delta_t_seconds(FIRST_YEAR as f64 - 1e-9)).abs() < 0.01);
    }

    #[test]
    fn ut_tt_round_trip() {
        for jd in [2_415_020.5, 2_451_545.0, 2_488_070.0] {
            let back = jd_ut_from_jde(jde_from_jd_ut(jd));
            assert!((back - jd).abs() * 86_400.0 < 1e-3);
        }
    }
}
