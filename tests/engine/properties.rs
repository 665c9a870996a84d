//! Invariants over random inputs (proptest).

use proptest::prelude::*;
use saju::saju::calendar::korean_lunar::{self, LunarDate};
use saju::saju::calendar::solar_terms::{self, SolarTerm};
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};
use saju::saju::pillars::{four_pillars, ZiHour};
use saju::saju::time::civil::format_local;
use saju::saju::time::LocalDateTime;

fn clock(unix: i64) -> LocalDateTime {
    LocalDateTime::parse(&format_local(unix, 9 * 3600)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn month_pillar_steps_by_one_at_every_jie(year in 1800i32..2200, jie in 0usize..12) {
        let term = SolarTerm::new(jie * 2);
        let t = solar_terms::term_instant(year, term).unwrap();
        let before = four_pillars(t - 1, &clock(t - 1), ZiHour::Split, true).unwrap();
        let after = four_pillars(t, &clock(t), ZiHour::Split, true).unwrap();
        prop_assert_eq!(after.month, before.month.offset(1));
        let year_steps = if term.hangul() == "입춘" { 1 } else { 0 };
        prop_assert_eq!(after.year, before.year.offset(year_steps));
    }

    #[test]
    fn day_and_hour_step_by_one_across_their_boundaries(day in 0i64..146_000, slot in 0i64..12, next_day in any::<bool>()) {
        // Any day 1800–2199; the boundary at the start of double hour `slot` (23:00, 01:00, …, 21:00).
        let zi = if next_day { ZiHour::NextDay } else { ZiHour::Split };
        let midnight = (-5_364_662_400i64 + day * 86_400) - 9 * 3600;
        let boundary = midnight + (2 * slot - 1) * 3600;
        let before = four_pillars(boundary - 1, &clock(boundary - 1), zi, true).unwrap();
        let after = four_pillars(boundary, &clock(boundary), zi, true).unwrap();
        prop_assert_eq!(after.hour.unwrap(), before.hour.unwrap().offset(1));
        let day_step = if slot == 0 && zi == ZiHour::NextDay { 1 } else { 0 };
        prop_assert_eq!(after.day, before.day.offset(day_step));
        let m = four_pillars(midnight, &clock(midnight), zi, true).unwrap();
        let m1 = four_pillars(midnight - 1, &clock(midnight - 1), zi, true).unwrap();
        prop_assert_eq!(m.day, m1.day.offset(if zi == ZiHour::Split { 1 } else { 0 }));
        prop_assert_eq!(m.hour, m1.hour);
    }

    #[test]
    fn lunar_dates_round_trip(year in 1800i32..2200, month_index in 0usize..13, day in 1u8..=30) {
        let months = korean_lunar::months_of_year(year).unwrap();
        let m = months[month_index % months.len()];
        let date = LunarDate { year, month: m.number, leap: m.leap, day };
        match korean_lunar::to_jdn(date) {
            Ok(jdn) => prop_assert_eq!(korean_lunar::from_jdn(jdn).unwrap(), date),
            Err(e) => {
                prop_assert!(day > m.days);
                prop_assert_eq!(e.code(), "lunar_day_out_of_range");
            }
        }
    }

    #[test]
    fn any_request_gives_a_chart_or_a_clear_error(
        datetime in "[0-9T:\\- ]{0,22}",
        tz in prop::sample::select(vec!["Asia/Seoul", "America/New_York", "Etc/UTC", "Nowhere/City", ""]),
        gender in prop::sample::select(vec!["male", "female", "여", "x"]),
        correction in prop::sample::select(vec!["none", "longitude", "true_solar", "bogus"]),
        lunar in any::<bool>(),
        leap in any::<bool>(),
    ) {
        let request = ChartRequest {
            calendar: Some(if lunar { "korean_lunar" } else { "solar" }.into()),
            datetime,
            timezone: Some(tz.into()),
            gender: gender.into(),
            leap_month: Some(leap),
            time_correction: Some(correction.into()),
            ..Default::default()
        };
        match request.parse().and_then(|b| build_chart(&b, &ChartExtras { seun_years: Some(2020..=2030), wolun_year: Some(2025) })) {
            Ok(chart) => prop_assert!(serde_json::to_string(&chart).is_ok()),
            Err(e) => {
                prop_assert!(!e.code().is_empty());
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }
}

#[test]
fn valid_random_births_always_chart() {
    // A deterministic sweep: every 7919 minutes from 1800 to 2200 in Seoul, both genders, all corrections.
    let start = -5_364_662_400i64;
    let mut t = start + 86_400 * 40;
    let mut n = 0;
    while t < 7_258_118_400 - 86_400 * 40 {
        let local = format_local(t, 9 * 3600);
        for (gender, correction) in [("male", "none"), ("female", "true_solar")] {
            let request = ChartRequest {
                datetime: local.clone(),
                timezone: Some("Asia/Seoul".into()),
                gender: gender.into(),
                time_correction: Some(correction.into()),
                ..Default::default()
            };
            let chart = build_chart(&request.parse().unwrap(), &ChartExtras::default())
                .unwrap_or_else(|e| panic!("{local}: {e}"));
            assert_eq!(chart.daeun.pillars.len(), 10);
            n += 1;
        }
        t += 7919 * 60;
    }
    assert!(n > 50_000);
}
