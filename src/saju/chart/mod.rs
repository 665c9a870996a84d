//! A full chart: pillars with everything derived from them, luck periods and warnings.

pub mod boundary;
pub mod input;
pub mod luck;
pub mod model;
mod views;

use crate::saju::calendar::korean_lunar;
use crate::saju::calendar::solar_terms::TermEvent;
use crate::saju::derive::{element_balance, relations, shinsal, strength, void_branches};
use crate::saju::error::SajuError;
use crate::saju::pillars::{day_and_hour, four_pillars, saju_month, FourPillars, Position, SajuMonth};
use crate::saju::time::civil::{format_offset, format_utc, Adjustment, ResolvedTime};
use crate::saju::time::{
    corrected_clock, resolve_local, standard_clock, zone_longitude, CorrectedClock, LocalDateTime, SummerTime,
    TimeCorrection,
};
pub use input::{BirthInput, CalendarKind, ChartOptions, ChartRequest, Convention, Gender};
pub use model::Chart;
use model::*;
use std::ops::RangeInclusive;

/// Births (civil dates) the engine charts; the cached tables reach a year beyond on each side.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 1800..=2200;

fn out_of_range(local: &LocalDateTime) -> SajuError {
    SajuError::OutOfRange { value: local.iso(), min: "1800-01-01".into(), max: "2200-12-31".into() }
}

/// Optional parts of a chart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartExtras {
    /// 세운 for these Gregorian years.
    pub seun_years: Option<RangeInclusive<i32>>,
    /// 월운 for this saju year.
    pub wolun_year: Option<i32>,
}

/// The birth resolved to an instant and a corrected clock, and its four pillars: the fast core of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedBirth {
    pub resolved: ResolvedTime,
    pub corrected: CorrectedClock,
    pub longitude: Option<f64>,
    pub pillars: FourPillars,
    pub month: SajuMonth,
}

/// Resolves birth data to the instant, the corrected clock and the pillars.
pub fn resolve_birth(input: &BirthInput) -> Result<ResolvedBirth, SajuError> {
    let local = input.local_solar()?;
    if !SUPPORTED_YEARS.contains(&local.year) {
        return Err(out_of_range(&local));
    }
    let opts = &input.options;
    let resolved = resolve_local(local, &input.timezone, opts.disambiguation)?;
    let hour_known = input.time.is_some();
    let method = if hour_known { opts.time_correction } else { TimeCorrection::None };
    let longitude = match method {
        TimeCorrection::None | TimeCorrection::Standard => None,
        _ => {
            Some(opts.longitude.or_else(|| zone_longitude(&input.timezone)).ok_or_else(|| SajuError::InvalidInput {
                field: "longitude".into(),
                message: format!(
                    "{} 시간대에는 기준 도시가 없어 시간 보정에 쓸 경도를 지정해야 합니다",
                    input.timezone
                ),
            })?)
        }
    };
    let standard = method == TimeCorrection::Standard
        || (method == TimeCorrection::None && hour_known && opts.summer_time == SummerTime::Remove);
    let corrected = if standard {
        standard_clock(local, resolved.unix, resolved.offset_seconds, resolved.standard_offset_seconds)
    } else {
        corrected_clock(local, resolved.unix, resolved.offset_seconds, method, longitude.unwrap_or(0.0))
    };
    let pillars = four_pillars(resolved.unix, &corrected.clock, opts.zi_hour, hour_known)?;
    let month = saju_month(resolved.unix).ok_or_else(|| out_of_range(&local))?;
    Ok(ResolvedBirth { resolved, corrected, longitude, pillars, month })
}

/// Computes the full chart.
pub fn build_chart(input: &BirthInput, extras: &ChartExtras) -> Result<Chart, SajuError> {
    let birth = resolve_birth(input)?;
    let p = &birth.pillars;
    let dm = p.day_master();
    let r = &birth.resolved;
    let local = r.local;
    let offset = r.offset_seconds as i64;
    let term_view = |e: &TermEvent| views::term(e, offset);

    let lunar = korean_lunar::from_solar(local.year, local.month, local.day).ok().map(|l| LunarDateView {
        year: l.year,
        month: l.month,
        day: l.day,
        leap: l.leap,
        text: l.hangul(),
    });
    let daeun = luck::daeun(p, &birth.month, r.unix, input.gender, (local.year, local.month, local.day));
    let seun = extras.seun_years.clone().map(|years| views::seun(p, &daeun, local.year, years));
    let wolun = match extras.wolun_year {
        Some(y) => Some(views::wolun(dm, y, offset)?),
        None => None,
    };
    let void = void_branches(p.day);

    Ok(Chart {
        input: views::input_echo(input, birth.longitude),
        utc: format_utc(r.unix),
        birth: BirthTime {
            local: local.iso(),
            solar_date: format!("{:04}-{:02}-{:02}", local.year, local.month, local.day),
            lunar_date: lunar,
            utc_offset: format_offset(r.offset_seconds),
            zone_abbreviation: r.abbreviation.clone(),
            dst: r.dst,
            corrected_clock: birth.corrected.clock.iso(),
            correction: views::correction(&birth, input),
        },
        pillars: Pillars {
            year: views::pillar(p.year, dm, false, &void),
            month: views::pillar(p.month, dm, false, &void),
            day: views::pillar(p.day, dm, true, &void),
            hour: p.hour.map(|h| views::pillar(h, dm, false, &void)),
        },
        day_master: views::day_master(dm),
        elements: element_balance(p),
        relations: relations(p),
        shinsal: shinsal(p),
        void_branches: views::void_view(p, &void),
        strength: strength(p),
        daeun: views::daeun(&daeun, dm, offset),
        seun,
        wolun,
        solar_terms: TermsAround {
            previous_jie: term_view(&birth.month.started_by),
            next_jie: term_view(&birth.month.ended_by),
        },
        warnings: warnings(input, &birth),
    })
}

fn warnings(input: &BirthInput, birth: &ResolvedBirth) -> Vec<Warning> {
    let mut out = Vec::new();
    let r = &birth.resolved;
    match r.adjustment {
        Some(Adjustment::Gap { used_offset, other_offset }) => out.push(Warning {
            code: "nonexistent_local_time",
            message: format!(
                "{} {}은 시계가 앞당겨져 실제로는 없던 시각입니다. UTC{} 기준으로 읽었습니다(UTC{}로 읽으면 한 시간 차이).",
                r.zone,
                r.local.iso(),
                format_offset(used_offset),
                format_offset(other_offset)
            ),
            alternative: None,
        }),
        Some(Adjustment::Fold { used_offset, other_offset }) => out.push(Warning {
            code: "ambiguous_local_time",
            message: format!(
                "{} {}은 시계를 되돌려 두 번 있었던 시각입니다. UTC{} 쪽으로 계산했습니다(다른 쪽은 UTC{}).",
                r.zone,
                r.local.iso(),
                format_offset(used_offset),
                format_offset(other_offset)
            ),
            alternative: None,
        }),
        None => {}
    }
    let clock = birth.corrected.clock;
    if input.time.is_none() {
        out.push(Warning {
            code: "hour_unknown",
            message: "출생 시각을 몰라 시주 없이 세 기둥(년·월·일주)으로 풀이합니다.".into(),
            alternative: None,
        });
        out.extend(unknown_hour_month_warning(birth));
        return out;
    }
    if (clock.year, clock.month, clock.day) != (r.local.year, r.local.month, r.local.day) {
        out.push(Warning {
            code: "correction_changed_date",
            message: format!(
                "시간 보정으로 날짜가 {}에서 {}로 바뀌어 일주와 시주는 보정된 날짜로 계산했습니다.",
                &r.local.iso()[..10],
                &clock.iso()[..10]
            ),
            alternative: None,
        });
    }
    out.extend(summer_time_warning(input, birth));
    out.extend(longitude_warning(input, birth));
    let window = input.options.boundary_window_minutes;
    for w in boundary::boundary_warnings(&birth.pillars, &birth.month, r.unix, &clock, input.options.zi_hour, window) {
        out.push(views::boundary_warning(w));
    }
    out
}

/// What happened to summer time at this birth: `not_in_force`, `kept` or `removed`.
pub fn summer_time_state(input: &BirthInput, birth: &ResolvedBirth) -> &'static str {
    let r = &birth.resolved;
    if !r.dst || r.offset_seconds == r.standard_offset_seconds {
        "not_in_force"
    } else if summer_time_kept(input) {
        "kept"
    } else {
        "removed"
    }
}

/// Summer time was in force and the day and hour pillars still read a clock that includes it.
fn summer_time_kept(input: &BirthInput) -> bool {
    let o = &input.options;
    input.time.is_none() || (o.time_correction == TimeCorrection::None && o.summer_time == SummerTime::Keep)
}

/// `summer_time_kept`: the birth clock ran on summer time and nothing took it off; the alternative is the
/// chart on the zone's standard time.
fn summer_time_warning(input: &BirthInput, birth: &ResolvedBirth) -> Option<Warning> {
    let r = &birth.resolved;
    if input.time.is_none() || summer_time_state(input, birth) != "kept" {
        return None;
    }
    let standard = standard_clock(r.local, r.unix, r.offset_seconds, r.standard_offset_seconds);
    let (alt, changed) = read_on(&standard.clock, input, birth);
    let save_minutes = (r.offset_seconds - r.standard_offset_seconds) as f64 / 60.0;
    let effect = if changed.is_empty() {
        "표준시로 읽어도 기둥은 같습니다".to_string()
    } else {
        format!("표준시로 읽으면 달라지는 기둥: {}", changes(&birth.pillars, &alt, &changed))
    };
    Some(Warning {
        code: "summer_time_kept",
        message: format!(
            "{}은 서머타임(UTC{}, {}) 기간이라 시계가 표준시(UTC{})보다 {}분 빠릅니다. 일주·시주는 서머타임 시계 그대로 읽었습니다(표준시 {}). {}. 서머타임을 빼려면 summer_time을 remove로, 또는 경도 보정을 쓰세요.",
            r.local.iso().replace('T', " "),
            format_offset(r.offset_seconds),
            r.abbreviation,
            format_offset(r.standard_offset_seconds),
            save_minutes,
            standard.clock.iso().replace('T', " "),
            effect
        ),
        alternative: Some(views::alternative(&alt, &changed, true, save_minutes)),
    })
}

/// The pillars read from another clock (the day and hour move with it; year and month come from the instant),
/// and the positions that differ from the chart's.
fn read_on(clock: &LocalDateTime, input: &BirthInput, birth: &ResolvedBirth) -> (FourPillars, Vec<Position>) {
    let (day, hour) = day_and_hour(clock, input.options.zi_hour);
    let alt = FourPillars { day, hour: Some(hour), ..birth.pillars };
    let changed = boundary::changed_positions(&birth.pillars, &alt);
    (alt, changed)
}

/// "시주 신사→경진, 일주 …": each changed position with its pillar before and after.
fn changes(before: &FourPillars, after: &FourPillars, changed: &[Position]) -> String {
    let name = |g: Option<crate::saju::ganzhi::GanZhi>| g.map_or("-", |g| g.hangul());
    let list: Vec<String> =
        changed.iter().map(|&p| format!("{} {}→{}", p.hangul(), name(before.get(p)), name(after.get(p)))).collect();
    list.join(", ")
}

/// `longitude_changes_pillars`: the pillars were read from a civil clock (`standard` or `none`) and local mean
/// time at the zone's principal city — the convention of most Korean 만세력 (Seoul about 32 minutes behind
/// KST) — gives a different hour or day pillar; the alternative is that chart.
fn longitude_warning(input: &BirthInput, birth: &ResolvedBirth) -> Option<Warning> {
    if input.time.is_none() || !input.options.time_correction.reads_clock() {
        return None;
    }
    let r = &birth.resolved;
    let longitude = input.options.longitude.or_else(|| zone_longitude(&input.timezone))?;
    let mean = corrected_clock(r.local, r.unix, r.offset_seconds, TimeCorrection::Longitude, longitude);
    let (alt, changed) = read_on(&mean.clock, input, birth);
    if changed.is_empty() {
        return None;
    }
    let minutes = ((mean.shift_seconds - birth.corrected.shift_seconds) as f64 / 60.0 * 10.0).round() / 10.0;
    Some(Warning {
        code: "longitude_changes_pillars",
        message: format!(
            "시주는 시계 시각({}) 그대로 정했습니다. 출생지 경도 {longitude:.2}°E의 지방평균시({}, 시계보다 {:.0}분 {})로 보면 {} 바뀝니다. 경도 보정을 쓰려면 time_correction을 longitude로 하세요.",
            &birth.corrected.clock.iso().replace('T', " ")[..16],
            &mean.clock.iso()[11..16],
            minutes.abs(),
            if minutes < 0.0 { "이른 시각" } else { "늦은 시각" },
            crate::saju::josa::with_ro(&changes(&birth.pillars, &alt, &changed))
        ),
        alternative: Some(views::alternative(&alt, &changed, minutes < 0.0, minutes.abs())),
    })
}

/// With the hour unknown, a jie on the birth date leaves the month (and at 입춘 the year) open.
fn unknown_hour_month_warning(birth: &ResolvedBirth) -> Option<Warning> {
    let r = &birth.resolved;
    let day_start = r.unix - r.local.seconds_of_day();
    let day_end = day_start + 86_400;
    let (started, ended) = (birth.month.started_by, birth.month.ended_by);
    let (jie, alt_instant) = if started.instant > day_start {
        (started, started.instant - 1)
    } else if ended.instant < day_end {
        (ended, ended.instant)
    } else {
        return None;
    };
    let clock = LocalDateTime { hour: 12, minute: 0, second: 0, ..r.local };
    let alt = four_pillars(alt_instant, &clock, Default::default(), false).ok()?;
    let offset = r.offset_seconds as i64;
    let at = views::term(&jie, offset).local;
    Some(Warning {
        code: "month_depends_on_hour",
        message: format!(
            "이날 {}({}) 절입이 있어, 태어난 시각이 그보다 이르냐 늦냐에 따라 월주가 {} 또는 {} 됩니다. 시각을 알려 주시면 정확해집니다.",
            jie.term.hangul(),
            &at[11..16],
            birth.pillars.month.hangul(),
            crate::saju::josa::with_particle(alt.month.hangul(), "이", "가")
        ),
        alternative: Some(views::alternative(
            &alt,
            &boundary::changed_positions(&birth.pillars, &alt),
            alt_instant < r.unix,
            (r.unix - jie.instant).abs() as f64 / 60.0,
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(json: &str) -> Chart {
        let request: ChartRequest = serde_json::from_str(json).unwrap();
        build_chart(&request.parse().unwrap(), &ChartExtras::default()).unwrap()
    }

    fn codes(c: &Chart) -> Vec<&'static str> {
        c.warnings.iter().map(|w| w.code).collect()
    }

    fn day_hour(c: &Chart) -> (&'static str, &'static str) {
        (c.pillars.day.hangul, c.pillars.hour.as_ref().unwrap().hangul)
    }

    #[test]
    fn a_gap_birth_reports_one_consistent_offset() {
        for (disambiguation, offset, abbreviation, dst) in
            [("earlier", "+09:00", "KST", false), ("later", "+10:00", "KDT", true)]
        {
            let c = chart(&format!(
                r#"{{"datetime": "1987-05-10T02:30", "gender": "male", "disambiguation": "{disambiguation}"}}"#
            ));
            assert_eq!(c.birth.utc_offset, offset, "{disambiguation}");
            assert_eq!(c.birth.zone_abbreviation, abbreviation, "{disambiguation}");
            assert_eq!(c.birth.dst, dst, "{disambiguation}");
            assert!(codes(&c).contains(&"nonexistent_local_time"));
        }
        let ny = chart(r#"{"datetime": "2021-03-14T02:30", "gender": "male", "timezone": "America/New_York"}"#);
        assert_eq!((ny.birth.utc_offset.as_str(), ny.birth.zone_abbreviation.as_str()), ("-05:00", "EST"));
        assert!(!ny.birth.dst);
    }

    #[test]
    fn the_longitude_reading_is_a_warning_when_it_changes_a_pillar() {
        // 09:20 KST in Seoul is 08:48 local mean time: 사시 on the clock, 진시 with the correction.
        let c = chart(r#"{"datetime": "1990-05-15T09:20", "gender": "male"}"#);
        let w = c.warnings.iter().find(|w| w.code == "longitude_changes_pillars").expect("longitude warning");
        let alt = w.alternative.as_ref().unwrap();
        assert_eq!((alt.side, alt.changed.as_slice(), alt.hour), ("earlier", &["hour"][..], Some("경진")));
        assert!((alt.minutes - 32.1).abs() < 0.2, "{}", alt.minutes);
        assert!(w.message.contains("(08:47,") && w.message.contains("경진으로"), "{}", w.message);
        // 10:40 is 10:08 mean time: 사시 either way. A chart already corrected has nothing to add.
        let far = chart(r#"{"datetime": "1990-05-15T10:40", "gender": "male"}"#);
        let corrected = chart(r#"{"datetime": "1990-05-15T09:20", "gender": "male", "time_correction": "longitude"}"#);
        for c in [&far, &corrected] {
            assert!(!codes(c).contains(&"longitude_changes_pillars"), "{:?}", codes(c));
        }
        // 23:10 on the clock is 22:38 mean time: the day (split 자시: the hour) changes too.
        let night = chart(r#"{"datetime": "1990-05-15T23:10", "gender": "male", "zi_hour": "next_day"}"#);
        let w = night.warnings.iter().find(|w| w.code == "longitude_changes_pillars").expect("night warning");
        assert_eq!(w.alternative.as_ref().unwrap().changed, ["day", "hour"]);
    }

    #[test]
    fn summer_time_kept_is_a_warning_with_the_standard_time_pillars() {
        // 1988-07-01 (정사일) 09:30 KDT is 08:30 KST: 을사시 on the summer clock, 갑진시 on standard time.
        // `none` reads the clock as given (the default, `standard`, takes the summer hour off).
        let c = chart(r#"{"datetime": "1988-07-01T09:30", "gender": "female", "time_correction": "none"}"#);
        assert_eq!(day_hour(&c), ("정사", "을사"));
        assert_eq!(c.birth.correction.summer_time, "kept");
        let w = c.warnings.iter().find(|w| w.code == "summer_time_kept").expect("summer_time_kept");
        let alt = w.alternative.as_ref().unwrap();
        assert_eq!((alt.side, alt.minutes, alt.hour), ("earlier", 60.0, Some("갑진")));
        assert_eq!(alt.changed, ["hour"]);
        assert!(w.message.contains("08:30"), "{}", w.message);
        // 10:00 KDT and 09:00 KST are both 사시: still warned, nothing changes.
        let same = chart(r#"{"datetime": "1988-07-01T10:00", "gender": "female", "time_correction": "none"}"#);
        let w = same.warnings.iter().find(|w| w.code == "summer_time_kept").expect("summer_time_kept");
        assert!(w.alternative.as_ref().unwrap().changed.is_empty());
        // Removed: by default (standard time), by summer_time = remove, or by any correction. Then no warning.
        let default = chart(r#"{"datetime": "1988-07-01T09:30", "gender": "female"}"#);
        assert_eq!(day_hour(&default), ("정사", "갑진"));
        assert_eq!((default.input.time_correction, default.birth.correction.summer_time), ("standard", "removed"));
        let removed = chart(r#"{"datetime": "1988-07-01T09:30", "gender": "female", "summer_time": "remove"}"#);
        assert_eq!(day_hour(&removed), ("정사", "갑진"));
        assert_eq!(removed.birth.corrected_clock, "1988-07-01T08:30:00");
        assert_eq!((removed.birth.correction.summer_time, removed.birth.correction.shift_minutes), ("removed", -60.0));
        assert_eq!(removed.input.summer_time, "remove");
        let lmt = chart(r#"{"datetime": "1988-07-01T09:30", "gender": "female", "time_correction": "longitude"}"#);
        assert_eq!(lmt.birth.correction.summer_time, "removed");
        for c in [&default, &removed, &lmt] {
            assert!(!codes(c).contains(&"summer_time_kept"), "{:?}", codes(c));
        }
        // No summer time, no warning.
        let winter = chart(r#"{"datetime": "1988-12-01T09:30", "gender": "female"}"#);
        assert_eq!(winter.birth.correction.summer_time, "not_in_force");
        assert!(!codes(&winter).contains(&"summer_time_kept"));
        // Unknown hour: nothing to warn about.
        let unknown = chart(r#"{"datetime": "1988-07-01", "gender": "female"}"#);
        assert!(!codes(&unknown).contains(&"summer_time_kept"));
    }

    #[test]
    fn same_day_in_a_chart() {
        let c = chart(r#"{"datetime": "2024-03-10T23:30", "gender": "male", "zi_hour": "same_day"}"#);
        assert_eq!(day_hour(&c), ("계유", "임자"));
        assert_eq!(c.input.zi_hour, "same_day");
        // A same_day chart still warns at midnight, where both its day and hour pillars change.
        let late = chart(r#"{"datetime": "2024-03-10T23:50", "gender": "male", "zi_hour": "same_day"}"#);
        let w = late.warnings.iter().find(|w| w.code == "near_day_boundary").expect("near_day_boundary");
        let alt = w.alternative.as_ref().unwrap();
        assert_eq!((alt.day, alt.hour), ("갑술", Some("갑자")));
    }

    #[test]
    fn presets_in_charts() {
        let classic = chart(r#"{"datetime": "2021-01-01T00:01", "gender": "male"}"#);
        assert_eq!(classic.input.convention, "classic");
        assert_eq!(day_hour(&classic), ("기유", "갑자"));
        // korean_app: Seoul local mean time is 2020-12-31 23:28:52, 정자시 → the day is already 기유.
        let app = chart(r#"{"datetime": "2021-01-01T00:01", "gender": "male", "convention": "korean_app"}"#);
        assert_eq!(app.input.convention, "korean_app");
        assert_eq!(
            (app.input.zi_hour, app.input.time_correction, app.input.summer_time),
            ("next_day", "longitude", "remove")
        );
        assert_eq!(app.input.disambiguation, "later");
        assert!((app.input.longitude.unwrap() - 126.97).abs() < 0.05);
        assert_eq!(&app.birth.corrected_clock[..16], "2020-12-31T23:28");
        assert_eq!(day_hour(&app), ("기유", "갑자"));
        // A gap time read as summer time and then corrected: 1987-05-10 02:30 KDT = 00:58 local mean time.
        let gap = chart(r#"{"datetime": "1987-05-10T02:30", "gender": "male", "convention": "korean_app"}"#);
        assert_eq!((gap.birth.utc_offset.as_str(), gap.birth.dst), ("+10:00", true));
        assert_eq!(day_hour(&gap), ("기미", "갑자"));
        // fixed_127_5: KST −30 min, day at midnight: 23:45 → 23:15 is 계유일 임자시, 23:20 → 22:50 계해시.
        let fixed = chart(r#"{"datetime": "2024-03-10T23:45", "gender": "male", "convention": "fixed_127_5"}"#);
        assert_eq!((fixed.input.convention, fixed.input.longitude), ("fixed_127_5", Some(127.5)));
        assert_eq!(fixed.birth.corrected_clock, "2024-03-10T23:15:00");
        assert_eq!(day_hour(&fixed), ("계유", "임자"));
        let before = chart(r#"{"datetime": "2024-03-10T23:20", "gender": "male", "convention": "fixed_127_5"}"#);
        assert_eq!(day_hour(&before), ("계유", "계해"));
        // An explicit field overrides the preset, which is still recorded.
        let split = chart(
            r#"{"datetime": "2024-03-10T23:45", "gender": "male", "convention": "fixed_127_5", "zi_hour": "split"}"#,
        );
        assert_eq!((split.input.convention, split.input.zi_hour), ("fixed_127_5", "split"));
        assert_eq!(day_hour(&split), ("계유", "갑자"));
    }
}
