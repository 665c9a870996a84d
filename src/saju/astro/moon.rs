//! The Moon's apparent geocentric longitude from Meeus' abridgement of ELP-2000/82 (ch. 47),
//! good to about 10″.

use super::julian::J2000;
use super::nutation::nutation;
use super::tables::moon_elp_meeus::LR;

/// Apparent ecliptic longitude of the Moon in degrees [0, 360) at a TT Julian Date.
pub fn apparent_longitude_deg(jde: f64) -> f64 {
    let t = (jde - J2000) / 36_525.0;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let lp = 218.316_447_7 + 481_267.881_234_21 * t - 0.001_578_6 * t2 + t3 / 538_841.0 - t4 / 65_194_000.0;
    let d = 297.850_192_1 + 445_267.111_403_4 * t - 0.001_881_9 * t2 + t3 / 545_868.0 - t4 / 113_065_000.0;
    let m = 357.529_109_2 + 35_999.050_290_9 * t - 0.000_153_6 * t2 + t3 / 24_490_000.0;
    let mp = 134.963_396_4 + 477_198.867_505_5 * t + 0.008_741_4 * t2 + t3 / 69_699.0 - t4 / 14_712_000.0;
    let f = 93.272_095_0 + 483_202.017_523_3 * t - 0.003_653_9 * t2 - t3 / 3_526_000.0 + t4 / 863_310_000.0;
    let a1 = 119.75 + 131.849 * t;
    let a2 = 53.09 + 479_264.290 * t;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let (d, m, mp, f) = (d.to_radians(), m.to_radians(), mp.to_radians(), f.to_radians());
    let mut sigma_l = 0.0;
    for (k, l, _r) in LR.iter() {
        let arg = k[0] as f64 * d + k[1] as f64 * m + k[2] as f64 * mp + k[3] as f64 * f;
        let ecc = match k[1].abs() {
            1 => e,
            2 => e * e,
            _ => 1.0,
        };
        sigma_l += l * ecc * arg.sin();
    }
    sigma_l += 3958.0 * a1.to_radians().sin() + 1962.0 * (lp.to_radians() - f).sin() + 318.0 * a2.to_radians().sin();
    let (dpsi, _) = nutation(t);
    let correction = super::sun::precession_rate_correction(t);
    (lp + sigma_l / 1e6 + (dpsi + correction).to_degrees()).rem_euclid(360.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeus_example_47a() {
        // 1992-04-12 0h TD: apparent λ = 133.167265°.
        let lon = apparent_longitude_deg(2_448_724.5);
        assert!((lon - 133.167_265).abs() < 2e-5, "{lon}");
    }
}
