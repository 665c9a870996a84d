//! The Korean lunar calendar against KASI's data (PyPI korean-lunar-calendar), 1900–2050.

use crate::common::csv_rows;
use saju::saju::astro::julian::jdn_from_civil;
use saju::saju::calendar::korean_lunar::{from_jdn, months_of_year, to_jdn, LunarDate};

fn ymd(s: &str) -> (i32, u32, u32) {
    let mut p = s.split('-').map(|x| x.parse::<i64>().unwrap());
    (p.next().unwrap() as i32, p.next().unwrap() as u32, p.next().unwrap() as u32)
}

#[test]
fn every_kasi_month_from_1900_to_2050_is_identical() {
    let rows = csv_rows("korean_lunar_months.csv");
    assert!(rows.len() > 1860);
    for r in &rows {
        let year: i32 = r["lunar_year"].parse().unwrap();
        let month: u8 = r["month"].parse().unwrap();
        let leap = &r["leap"] == "1";
        let days: u8 = r["days"].parse().unwrap();
        let (y, m, d) = ymd(&r["solar_start"]);
        let start = jdn_from_civil(y, m, d);
        let ours = months_of_year(year).unwrap();
        let info = ours
            .iter()
            .find(|i| i.number == month && i.leap == leap)
            .unwrap_or_else(|| panic!("{year}-{month} leap={leap} missing"));
        assert_eq!((info.start_jdn, info.days), (start, days), "{year}-{}{month}", if leap { "윤" } else { "" });
        assert_eq!(to_jdn(LunarDate { year, month, leap, day: days }).unwrap(), start + days as i64 - 1);
        assert_eq!(from_jdn(start).unwrap(), LunarDate { year, month, leap, day: 1 });
    }
    // Leap months, both ways: the years that KASI lists with a leap month are exactly ours.
    for year in 1900..=2050 {
        let kasi_leap = rows
            .iter()
            .find(|r| r["lunar_year"] == year.to_string() && r["leap"] == "1")
            .map(|r| r["month"].parse::<u8>().unwrap());
        assert_eq!(saju::saju::calendar::korean_lunar::leap_month(year), kasi_leap, "{year}");
    }
}

#[test]
fn dates_where_korea_and_china_differ_follow_kasi() {
    let rows = csv_rows("lunar_kr_cn_diff.csv");
    assert!(!rows.is_empty());
    for r in rows {
        let (y, m, d) = ymd(&r["solar_date"]);
        let ours = from_jdn(jdn_from_civil(y, m, d)).unwrap();
        let kasi = LunarDate {
            year: r["korean_year"].parse().unwrap(),
            month: r["korean_month"].parse().unwrap(),
            leap: &r["korean_leap"] == "1",
            day: r["korean_day"].parse().unwrap(),
        };
        assert_eq!(ours, kasi, "{}", r["solar_date"]);
    }
}
