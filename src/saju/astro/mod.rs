//! Positional astronomy for the calendar: the Sun's apparent longitude (VSOP87D with IAU 1980 nutation
//! and annual aberration), the Moon's (Meeus' ELP-2000/82 abridgement), ΔT, and root finding for
//! solar-term and new-moon instants. Everything is in f64 Julian days; instants leave as Unix seconds.

pub mod delta_t;
pub mod julian;
pub mod moon;
pub mod new_moon;
pub mod nutation;
pub mod solar_terms;
pub mod sun;
pub mod tables;

/// Wraps an angle in degrees into (−180°, 180°].
pub(crate) fn wrap_pm180(deg: f64) -> f64 {
    let d = deg.rem_euclid(360.0);
    if d > 180.0 {
        d - 360.0
    } else {
        d
    }
}

pub(crate) const ARCSEC: f64 = std::f64::consts::PI / (180.0 * 3600.0);
