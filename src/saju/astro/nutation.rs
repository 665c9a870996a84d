//! IAU 1980 nutation (63 terms) and the mean obliquity of the ecliptic (Meeus ch. 22).

use super::tables::nutation_iau1980::TERMS;
use super::ARCSEC;

/// (Δψ, Δε) in radians at `t` Julian centuries (TT) from J2000.0.
pub fn nutation(t: f64) -> (f64, f64) {
    let deg = std::f64::consts::PI / 180.0;
    let t2 = t * t;
    let t3 = t2 * t;
    let d = (297.85036 + 445_267.111_480 * t - 0.001_914_2 * t2 + t3 / 189_474.0) * deg;
    let m = (357.52772 + 35_999.050_340 * t - 0.000_160_3 * t2 - t3 / 300_000.0) * deg;
    let mp = (134.96298 + 477_198.867_398 * t + 0.008_697_2 * t2 + t3 / 56_250.0) * deg;
    let f = (93.27191 + 483_202.017_538 * t - 0.003_682_5 * t2 + t3 / 327_270.0) * deg;
    let om = (125.04452 - 1_934.136_261 * t + 0.002_070_8 * t2 + t3 / 450_000.0) * deg;
    let (mut dpsi, mut deps) = (0.0, 0.0);
    for (k, s0, s1, c0, c1) in TERMS.iter() {
        let arg = k[0] as f64 * d + k[1] as f64 * m + k[2] as f64 * mp + k[3] as f64 * f + k[4] as f64 * om;
        dpsi += (s0 + s1 * t) * arg.sin();
        deps += (c0 + c1 * t) * arg.cos();
    }
    (dpsi * 1e-4 * ARCSEC, deps * 1e-4 * ARCSEC)
}

/// Mean obliquity ε0 in radians (IAU, Meeus 22.2).
pub fn mean_obliquity(t: f64) -> f64 {
    let secs = 84_381.448 - 46.8150 * t - 0.000_59 * t * t + 0.001_813 * t * t * t;
    secs * ARCSEC
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeus_example_22a() {
        // 1987-04-10 0h TT: Δψ = −3.788″, Δε = +9.443″, ε0 = 23°26′27.407″.
        let t = (2_446_895.5 - 2_451_545.0) / 36_525.0;
        let (dpsi, deps) = nutation(t);
        assert!((dpsi / ARCSEC + 3.788).abs() < 0.01, "{}", dpsi / ARCSEC);
        assert!((deps / ARCSEC - 9.443).abs() < 0.01, "{}", deps / ARCSEC);
        assert!((mean_obliquity(t) / ARCSEC - (23.0 * 3600.0 + 26.0 * 60.0 + 27.407)).abs() < 0.01);
    }
}
