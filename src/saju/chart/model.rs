//! The chart as it leaves the engine: plain serializable structs with stable English field names.
//! This is the CHART JSON of `saju chart --json`, `--batch` answers and `POST /v1/charts`.

use crate::saju::chart::input::Gender;
use crate::saju::derive::{ElementBalance, Relation, ShinSal, Strength};
use crate::saju::pillars::ZiHour;
use crate::saju::time::TimeCorrection;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Chart {
    /// The request as understood, with every convention filled in.
    pub input: InputEcho,
    /// The birth instant, `YYYY-MM-DDTHH:MM:SSZ`.
    pub utc: String,
    pub birth: BirthTime,
    pub pillars: Pillars,
    pub day_master: DayMaster,
    pub elements: ElementBalance,
    pub relations: Vec<Relation>,
    pub shinsal: Vec<ShinSal>,
    /// 공망 branches of the day pillar's decade, and the pillars whose branch is one of them.
    pub void_branches: VoidBranches,
    pub strength: Strength,
    pub daeun: DaeunView,
    /// Present when years were asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seun: Option<Vec<SeunView>>,
    /// Present when a year was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wolun: Option<WolunView>,
    pub solar_terms: TermsAround,
    pub warnings: Vec<Warning>,
}

impl Chart {
    /// The gender the chart was computed for (`None` never happens for charts the engine builds today,
    /// but callers must not read an empty string as a gender).
    pub fn gender(&self) -> Option<Gender> {
        Gender::parse(self.input.gender)
    }

    /// The 자시 convention the chart was computed with.
    pub fn zi_hour(&self) -> ZiHour {
        ZiHour::parse(self.input.zi_hour).unwrap_or_default()
    }

    /// The clock correction the chart was computed with.
    pub fn time_correction(&self) -> TimeCorrection {
        TimeCorrection::parse(self.input.time_correction).unwrap_or_default()
    }

    /// The chart with what depends on the gender taken out, for a reading whose gender is not known: the
    /// 대운 (its direction is the gender's) is emptied and the gender reads `unknown`. Build the chart with
    /// either gender first; the pillars, elements, relations and 신살 do not depend on it.
    pub fn without_gender(mut self) -> Chart {
        self.input.gender = "unknown";
        self.daeun.direction = "unknown";
        self.daeun.pillars.clear();
        self.daeun.number = 0;
        self.daeun.start_age = AgeView { years: 0, months: 0, days: 0, hours: 0 };
        self.daeun.start_age_years = 0.0;
        self.daeun.span_seconds = 0;
        self
    }

    /// Born in the 자시 (23:00–01:00 on the corrected clock): the 자시 convention decides the day pillar.
    pub fn born_in_zi_hour(&self) -> bool {
        self.pillars.hour.as_ref().is_some_and(|h| h.branch.hangul == "자")
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InputEcho {
    pub calendar: &'static str,
    pub datetime: String,
    pub timezone: String,
    pub gender: &'static str,
    pub leap_month: bool,
    pub hour_known: bool,
    /// The preset the conventions started from: `classic`, `korean_app` or `fixed_127_5`.
    pub convention: &'static str,
    pub zi_hour: &'static str,
    pub time_correction: &'static str,
    pub longitude: Option<f64>,
    /// `keep` or `remove` (summer time on the clock when no time correction is applied).
    pub summer_time: &'static str,
    pub disambiguation: &'static str,
    pub boundary_window_minutes: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BirthTime {
    /// The civil clock in the zone (the solar date, converted when the input was lunar).
    pub local: String,
    pub solar_date: String,
    pub lunar_date: Option<LunarDateView>,
    /// UTC offset of the reading, e.g. `+09:00`, `+08:30`, `+10:00` (summer time); for a time a clock change
    /// skipped or repeated, the offset chosen by `disambiguation`.
    pub utc_offset: String,
    /// The abbreviation and summer-time flag of that same offset.
    pub zone_abbreviation: String,
    pub dst: bool,
    /// The clock the day and hour pillars are read from.
    pub corrected_clock: String,
    pub correction: CorrectionView,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LunarDateView {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub leap: bool,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CorrectionView {
    pub method: &'static str,
    pub description: &'static str,
    /// Longitude used, degrees east (null when no correction was applied).
    pub longitude: Option<f64>,
    /// Corrected minus civil clock, minutes.
    pub shift_minutes: f64,
    pub equation_of_time_minutes: Option<f64>,
    /// Summer time at the birth: `not_in_force`, `kept` (the pillars read a clock that includes it) or
    /// `removed` (by a time correction, or by `summer_time = remove`).
    pub summer_time: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Pillars {
    pub year: PillarView,
    pub month: PillarView,
    pub day: PillarView,
    /// Null when the hour is unknown.
    pub hour: Option<PillarView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PillarView {
    pub hangul: &'static str,
    pub hanja: &'static str,
    /// 0..59 in the sixty cycle (0 = 갑자).
    pub index: u8,
    pub stem: StemView,
    pub branch: BranchView,
    /// 12운성 of the day master at this branch.
    pub life_stage: NameView,
    pub nayin: NayinView,
    /// The branch is 공망 for this chart.
    pub void: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StemView {
    pub hangul: &'static str,
    pub hanja: &'static str,
    pub element: &'static str,
    pub polarity: &'static str,
    /// Ten god relative to the day master; null for the day stem itself (일간).
    pub ten_god: Option<NameView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BranchView {
    pub hangul: &'static str,
    pub hanja: &'static str,
    pub element: &'static str,
    pub polarity: &'static str,
    pub animal: &'static str,
    /// Ten god of the main hidden stem (정기).
    pub ten_god: NameView,
    pub hidden_stems: Vec<HiddenStemView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HiddenStemView {
    pub hangul: &'static str,
    pub hanja: &'static str,
    pub element: &'static str,
    /// `yeogi`, `junggi` or `jeonggi` (여기·중기·정기).
    pub role: &'static str,
    pub ten_god: NameView,
}

/// A named thing with its code, hangul and hanja (ten gods, life stages).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct NameView {
    pub code: &'static str,
    pub hangul: &'static str,
    pub hanja: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct NayinView {
    pub hangul: &'static str,
    pub hanja: &'static str,
    pub element: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DayMaster {
    pub hangul: &'static str,
    pub hanja: &'static str,
    pub element: &'static str,
    pub polarity: &'static str,
    /// e.g. `경금(庚金)`.
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VoidBranches {
    pub branches: Vec<&'static str>,
    pub positions: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AgeView {
    pub years: u32,
    pub months: u32,
    pub days: u32,
    pub hours: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DaeunView {
    pub direction: &'static str,
    /// Exact start age from the span to the jie (3 days = 1 year, 1 day = 4 months, 1 hour = 5 days).
    pub start_age: AgeView,
    pub start_age_years: f64,
    /// 대운수: the start age in whole years, months of 6 or more rounding up (at least 1).
    pub number: u32,
    /// The jie the span was measured to or from.
    pub jie: TermView,
    pub span_seconds: i64,
    pub pillars: Vec<DaeunPillarView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DaeunPillarView {
    pub order: u32,
    pub hangul: &'static str,
    pub hanja: &'static str,
    pub start_age: f64,
    pub start_year: i32,
    pub end_year: i32,
    pub stem_ten_god: NameView,
    pub branch_ten_god: NameView,
    pub life_stage: NameView,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SeunView {
    pub year: i32,
    pub hangul: &'static str,
    pub hanja: &'static str,
    /// International age at the end of that year.
    pub age: i32,
    pub stem_ten_god: NameView,
    pub branch_ten_god: NameView,
    pub life_stage: NameView,
    /// Relations of the year's branch with the chart's branches (e.g. `자오충` with the day branch).
    pub relations: Vec<String>,
    /// The 대운 pillar running that year.
    pub daeun: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WolunView {
    pub year: i32,
    pub months: Vec<WolunMonthView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WolunMonthView {
    /// 1 = 인월 … 12 = 축월.
    pub month: u8,
    pub hangul: &'static str,
    pub hanja: &'static str,
    pub starts: TermView,
    pub stem_ten_god: NameView,
    pub branch_ten_god: NameView,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TermView {
    pub name: &'static str,
    pub hanja: &'static str,
    pub utc: String,
    /// The same instant on the birth zone's clock.
    pub local: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TermsAround {
    pub previous_jie: TermView,
    pub next_jie: TermView,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
    /// Present for boundary warnings: the pillars a birth on the other side would have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alternative: Option<AlternativeView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AlternativeView {
    /// `earlier` or `later`: which side of the boundary the alternative is for.
    pub side: &'static str,
    pub minutes: f64,
    pub changed: Vec<&'static str>,
    pub year: &'static str,
    pub month: &'static str,
    pub day: &'static str,
    pub hour: Option<&'static str>,
}
