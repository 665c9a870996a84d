//! `POST /v1/charts/timing`: the timing engine's scored years for a life area, to check a "언제" answer
//! directly (the rules: docs/timing.md).

use super::models::ChartInput;
use super::ApiTags;
use crate::answer::timing::{best, score_years};
use crate::answer::TimingTopic;
use crate::http::errors::ErrorCode;
use crate::http::{ApiError, AppState};
use crate::saju::chart::ChartExtras;
use poem::web::Data;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};
use std::sync::Arc;

pub struct TimingApi;

/// Most years one request may score.
pub const MAX_YEARS: u32 = 30;

/// One scored year.
#[derive(Debug, Object)]
pub struct TimingYear {
    pub year: i32,
    /// The year's pillar, e.g. `정미(丁未)`.
    pub pillar: String,
    /// Age at the end of that year.
    pub age: i32,
    pub stem_ten_god: String,
    pub branch_ten_god: String,
    /// Sum of the points of the rules that fired (docs/timing.md).
    pub score: f32,
    /// One Korean reason per rule that fired.
    pub reasons: Vec<String>,
    /// Strains the year's pillar puts on the day pillar and the month branch (충, 형, 원진 with 일지; 천간충
    /// with the day master; 충 with 월지), whatever the area: not scored, named beside a recommendation
    /// (docs/timing.md).
    pub cautions: Vec<String>,
}

#[derive(Debug, Object)]
pub struct TimingAnswer {
    /// `love` | `career` | `wealth` | `children` | `move` | `study` | `general`.
    pub area: String,
    /// Every year of the range, in order.
    pub years: Vec<TimingYear>,
    /// The three best years (highest score, the earlier on a tie), in year order.
    pub best: Vec<i32>,
}

#[OpenApi(prefix_path = "/v1", tag = "ApiTags::Charts")]
impl TimingApi {
    /// Scores the years of a range for a life area: the timing engine behind the chat's "언제" answers.
    ///
    /// The body is the birth data of `POST /v1/charts`. Each year gets the points of the rules in
    /// docs/timing.md (the spouse, career, wealth, children or study stars of its stem and branch, 합 and 충
    /// with the seats, 도화 and 역마, the 용신 and 기신), each with its reason.
    #[oai(path = "/charts/timing", method = "post", operation_id = "createTiming")]
    async fn timing(
        &self,
        state: Data<&Arc<AppState>>,
        body: Json<ChartInput>,
        /// `love` | `career` | `wealth` | `children` | `move` | `study` | `general`.
        #[oai(validator(max_length = 16))]
        area: Query<String>,
        /// First year (default: this year in Korea).
        from: Query<Option<i32>>,
        /// How many years, 1–30 (default 10).
        years: Query<Option<u32>>,
    ) -> Result<Json<TimingAnswer>, ApiError> {
        let area_code = area.0;
        let Some(topic) = TimingTopic::from_code(&area_code) else {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                format!("area는 love, career, wealth, children, move, study, general 중 하나여야 합니다: {area_code}"),
            ));
        };
        let from = from.0.unwrap_or_else(|| state.clock.korea_now().year);
        if !(1800..=2200).contains(&from) {
            return Err(ApiError::new(ErrorCode::InvalidInput, format!("from은 1800~2200년이어야 합니다: {from}")));
        }
        let count = years.0.unwrap_or(10);
        if !(1..=MAX_YEARS).contains(&count) {
            return Err(ApiError::new(ErrorCode::InvalidInput, format!("years는 1~{MAX_YEARS}이어야 합니다: {count}")));
        }
        let chart = super::charts::compute(&state, &body.0.to_request(), &ChartExtras::default())?;
        let scores = score_years(&chart, topic, from, count);
        let top = best(&scores, 3).into_iter().map(|s| s.year).collect();
        let years = scores
            .into_iter()
            .map(|s| TimingYear {
                year: s.year,
                pillar: s.pillar,
                age: s.age,
                stem_ten_god: s.stem_ten_god.into(),
                branch_ten_god: s.branch_ten_god.into(),
                score: s.score,
                reasons: s.reasons,
                cautions: s.cautions,
            })
            .collect();
        Ok(Json(TimingAnswer { area: topic.code().into(), years, best: top }))
    }
}
