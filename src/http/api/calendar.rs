//! Calendar conversions and the solar terms of a year.

use super::ApiTags;
use crate::http::{ApiError, AppState};
use crate::saju::calendar::korean_lunar;
use crate::saju::calendar::terms_report::{year_terms, TermRow};
use crate::saju::error::SajuError;
use crate::saju::time::civil::parse_date;
use crate::saju::time::LocalDateTime;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};
use std::sync::Arc;

pub struct CalendarApi;

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct LunarDateInput {
    #[oai(validator(minimum(value = "1"), maximum(value = "9999")))]
    pub year: i32,
    #[oai(validator(minimum(value = "1"), maximum(value = "12")))]
    pub month: u32,
    #[oai(validator(minimum(value = "1"), maximum(value = "30")))]
    pub day: u32,
    /// 윤달.
    #[oai(default)]
    pub leap: bool,
}

#[derive(Debug, Object)]
pub struct SolarDateOutput {
    /// `YYYY-MM-DD`.
    pub solar: String,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct SolarDateInput {
    /// `YYYY-MM-DD` (checked by the engine).
    #[oai(validator(max_length = 10))]
    pub solar: String,
}

#[derive(Debug, Object)]
pub struct LunarDateOutput {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub leap: bool,
    /// e.g. `음력 2020년 윤4월 1일`.
    pub text: String,
}

#[derive(Debug, Object)]
pub struct TermOut {
    /// e.g. `입춘`.
    pub name: String,
    pub hanja: String,
    /// The Sun's ecliptic longitude, degrees.
    pub longitude: u16,
    /// A month-starting term (절) rather than a principal term (중기).
    pub jie: bool,
    pub utc: String,
    /// Wall clock in the requested zone.
    pub local: String,
    pub utc_offset: String,
}

impl From<TermRow> for TermOut {
    fn from(r: TermRow) -> Self {
        TermOut {
            name: r.name.into(),
            hanja: r.hanja.into(),
            longitude: r.longitude,
            jie: r.jie,
            utc: r.utc,
            local: r.local,
            utc_offset: r.utc_offset,
        }
    }
}

#[derive(Debug, Object)]
pub struct TermsOutput {
    pub year: i32,
    pub timezone: String,
    pub terms: Vec<TermOut>,
}

#[OpenApi(prefix_path = "/v1/calendar", tag = "ApiTags::Calendar")]
impl CalendarApi {
    /// Korean lunar date (KASI) → solar date.
    #[oai(path = "/lunar-to-solar", method = "post", operation_id = "lunarToSolar")]
    async fn lunar_to_solar(
        &self,
        state: Data<&Arc<AppState>>,
        body: Json<LunarDateInput>,
    ) -> Result<Json<SolarDateOutput>, ApiError> {
        let (y, m, d) = korean_lunar::to_solar_from_parts(body.year, body.month, body.day, body.leap)?;
        state.metrics.calculations.with_label_values(&["calendar"]).inc();
        Ok(Json(SolarDateOutput { solar: format!("{y:04}-{m:02}-{d:02}") }))
    }

    /// Solar date → Korean lunar date (KASI).
    #[oai(path = "/solar-to-lunar", method = "post", operation_id = "solarToLunar")]
    async fn solar_to_lunar(
        &self,
        state: Data<&Arc<AppState>>,
        body: Json<SolarDateInput>,
    ) -> Result<Json<LunarDateOutput>, ApiError> {
        let (y, m, d) = parse_date(&body.solar).ok_or_else(|| SajuError::InvalidDate(body.solar.clone()))?;
        LocalDateTime::new(y, m, d, 0, 0, 0)?;
        let l = korean_lunar::from_solar(y, m, d)?;
        state.metrics.calculations.with_label_values(&["calendar"]).inc();
        Ok(Json(LunarDateOutput { year: l.year, month: l.month, day: l.day, leap: l.leap, text: l.hangul() }))
    }

    /// The 24 solar terms of a Gregorian year, with UTC and local times.
    #[oai(path = "/terms/:year", method = "get", operation_id = "solarTerms")]
    async fn terms(
        &self,
        #[oai(validator(minimum(value = "1799"), maximum(value = "2201")))] year: Path<i32>,
        /// IANA zone for the local times, default `Asia/Seoul`.
        #[oai(validator(max_length = 64))]
        tz: Query<Option<String>>,
    ) -> Result<Json<TermsOutput>, ApiError> {
        let tz = tz.0.unwrap_or_else(|| "Asia/Seoul".to_string());
        let rows = year_terms(year.0, &tz)?;
        Ok(Json(TermsOutput { year: year.0, timezone: tz, terms: rows.into_iter().map(TermOut::from).collect() }))
    }
}
