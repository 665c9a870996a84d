//! The Sun's apparent geocentric position from VSOP87D (Meeus ch. 25, "higher accuracy"), and the
//! equation of time (Meeus ch. 28).

use super::julian::J2000;
use super::nutation::{mean_obliquity, nutation};
use super::tables::vsop87_earth::{B, L, R};
use super::ARCSEC;
use std::f64::consts::{PI, TAU};

/// Sums one VSOP87 variable: Σ_k τ^k Σ A cos(B + C τ), with A in 1e-8 units.
fn vsop(series: &[&[(f64, f64, f64)]], tau: f64) -> f64 {
    let mut total = 0.0;
    let mut power = 1.0;
    for terms in series {
        let sum: f64 = terms.iter().map(|(a, b, c)| a * (b + c * tau).cos()).sum();
        total += sum * power;
        power *= tau;
    }
    total * 1e-8
}

/// IAU 2000 correction to the IAU 1976 precession rate in longitude (−0.29965″ per century), which
/// VSOP87's and ELP's "of date" frames inherit. Without it the terms drift by ~7 s per century against
/// a modern ephemeris (measured against skyfield/DE421: +6.5 s in 1900, −2.9 s in 2050).
pub fn precession_rate_correction(t: f64) -> f64 {
    -0.299_65 * ARCSEC * t
}

/// The Sun's apparent place of date.
#[derive(Debug, Clone, Copy)]
pub struct SunPosition {
    /// Apparent ecliptic longitude, radians in [0, 2π).
    pub longitude: f64,
    /// Ecliptic latitude, radians.
    pub latitude: f64,
    /// Distance, astronomical units.
    pub radius: f64,
    /// Nutation in longitude, radians.
    pub nutation_longitude: f64,
    /// True obliquity of the ecliptic, radians.
    pub obliquity: f64,
}

/// The Sun's apparent position at a TT Julian Date.
pub fn position(jde: f64) -> SunPosition {
    let tau = (jde - J2000) / 365_250.0;
    let t = tau * 10.0;
    let l = vsop(&L, tau);
    let b = vsop(&B, tau);
    let r = vsop(&R, tau);
    // Geocentric: opposite the Earth's heliocentric direction.
    let theta = l + PI;
    let beta = -b;
    // Conversion of VSOP87 to the FK5 frame (Meeus 25.9).
    let lambda_prime = theta - (1.397 * t + 0.000_31 * t * t).to_radians();
    let d_theta = -0.090_33 * ARCSEC;
    let d_beta = 0.039_16 * ARCSEC * (lambda_prime.cos() - lambda_prime.sin());
    let (dpsi, deps) = nutation(t);
    let aberration = -20.4898 * ARCSEC / r;
    let longitude = (theta + d_theta + dpsi + aberration + precession_rate_correction(t)).rem_euclid(TAU);
    SunPosition {
        longitude,
        latitude: beta + d_beta,
        radius: r,
        nutation_longitude: dpsi,
        obliquity: mean_obliquity(t) + deps,
    }
}

/// Apparent ecliptic longitude of the Sun in degrees [0, 360) at a TT Julian Date.
pub fn apparent_longitude_deg(jde: f64) -> f64 {
    position(jde).longitude.to_degrees()
}

/// Equation of time (apparent minus mean solar time) in minutes at a TT Julian Date.
pub fn equation_of_time_minutes(jde: f64) -> f64 {
    let tau = (jde - J2000) / 365_250.0;
    let mean_longitude = (280.466_456_7 + 360_007.698_277_9 * tau + 0.030_320_28 * tau * tau + tau.powi(3) / 49_931.0
        - tau.powi(4) / 15_300.0
        - tau.powi(5) / 2_000_000.0)
        .to_radians();
    let sun = position(jde);
    let (lambda, beta, eps) = (sun.longitude, sun.latitude, sun.obliquity);
    let alpha = (lambda.sin() * eps.cos() - beta.tan() * eps.sin()).atan2(lambda.cos());
    let e = mean_longitude - 0.005_718_3_f64.to_radians() - alpha + sun.nutation_longitude * eps.cos();
    super::wrap_pm180(e.to_degrees()) * 4.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeus_example_25b_against_de421() {
        // 1992-10-13 0h TT: apparent λ of date = 199°54′21.591″ (skyfield 1.55 with DE421).
        let lon = apparent_longitude_deg(2_448_908.5);
        let expected = 199.0 + 54.0 / 60.0 + 21.591 / 3600.0;
        assert!(((lon - expected) * 3600.0).abs() < 0.1, "off by {}″", (lon - expected) * 3600.0);
    }

    #[test]
    fn meeus_example_28a() {
        // 1992-10-13 0h TD: E = 13m 42.6s.
        let e = equation_of_time_minutes(2_448_908.5);
        assert!((e - (13.0 + 42.6 / 60.0)).abs() < 0.02, "{e}");
    }
}
