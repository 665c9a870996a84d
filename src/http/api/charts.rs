//! `POST /v1/charts`, `POST /v1/charts.svg`, `POST /v1/charts/batch`.

use super::json_body::JsonBody;
use super::models::{parse_years, ChartInput};
use super::svg::SvgImage;
use super::ApiTags;
use crate::http::errors::ErrorCode;
use crate::http::{ApiError, AppState};
use crate::saju::chart::{build_chart, Chart, ChartExtras, ChartRequest};
use poem::web::Data;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::types::Any;
use poem_openapi::{Object, OpenApi};
use std::sync::Arc;

pub struct ChartsApi;

/// Most charts one batch request may hold.
pub const MAX_BATCH: usize = 1000;

#[derive(Debug, Object)]
pub struct BatchRequest {
    /// Up to 1000 items; each `input` has the shape of `POST /v1/charts`.
    #[oai(validator(max_items = 1000))]
    pub items: Vec<BatchItem>,
}

#[derive(Debug, Object)]
pub struct BatchItem {
    #[oai(validator(max_length = 64))]
    pub id: String,
    /// Birth data as in `POST /v1/charts`. Checked per item: a bad item gets an error, the rest go on.
    pub input: Any<serde_json::Value>,
}

#[derive(Debug, Object)]
pub struct BatchResponse {
    pub results: Vec<BatchResult>,
}

#[derive(Debug, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct BatchResult {
    pub id: String,
    /// The chart (CHART JSON), when the item was valid.
    pub answer: Option<Any<serde_json::Value>>,
    pub error: Option<crate::http::ErrorBody>,
}

pub fn extras(seun: Option<&str>, wolun: Option<i32>) -> Result<ChartExtras, ApiError> {
    let seun_years = match seun {
        None => None,
        Some(s) => Some(parse_years(s).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("seun 형식이 올바르지 않습니다: {s} (예: 2025 또는 2025-2034)"),
            )
        })?),
    };
    if let Some(y) = wolun {
        if !(1800..=2200).contains(&y) {
            return Err(ApiError::new(ErrorCode::InvalidInput, format!("wolun은 1800~2200년이어야 합니다: {y}")));
        }
    }
    Ok(ChartExtras { seun_years, wolun_year: wolun })
}

/// A chart, with the plugins' findings when they were asked for.
#[derive(serde::Serialize)]
pub struct ChartAnswer {
    #[serde(flatten)]
    pub chart: Chart,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plugin_findings: Option<Vec<crate::plugins::PluginFinding>>,
}

pub fn compute(state: &AppState, request: &ChartRequest, extras: &ChartExtras) -> Result<Chart, ApiError> {
    let chart = build_chart(&request.parse()?, extras)?;
    state.metrics.calculations.with_label_values(&["chart"]).inc();
    Ok(chart)
}

#[OpenApi(prefix_path = "/v1", tag = "ApiTags::Charts")]
impl ChartsApi {
    /// Computes a full chart.
    ///
    /// The answer is the CHART JSON documented in docs/engine.md: pillars with hangul and hanja, ten gods,
    /// hidden stems, 12운성, 납음, 공망, element balance, relations, 신살, strength, 대운 and warnings.
    /// With `plugins=true` it also carries `plugin_findings`: each enabled plugin's readings, codes
    /// `plugin:<id>:<code>` (a plugin that fails is disabled and left out; the chart is still answered).
    #[oai(path = "/charts", method = "post", operation_id = "createChart")]
    async fn chart(
        &self,
        state: Data<&Arc<AppState>>,
        body: Json<ChartInput>,
        /// 세운 years: `2025` or `2025-2034`.
        #[oai(validator(max_length = 9))]
        seun: Query<Option<String>>,
        /// 월운 for this saju year.
        wolun: Query<Option<i32>>,
        /// Also run the enabled interpretation-rule plugins and add their `plugin_findings`.
        plugins: Query<Option<bool>>,
    ) -> Result<JsonBody<ChartAnswer>, ApiError> {
        let extras = extras(seun.0.as_deref(), wolun.0)?;
        let chart = compute(&state, &body.0.to_request(), &extras)?;
        if plugins.0 != Some(true) {
            return Ok(JsonBody(ChartAnswer { chart, plugin_findings: None }));
        }
        let registry = Arc::clone(&state.plugins);
        let (chart, found) = tokio::task::spawn_blocking(move || {
            let found = registry.interpret(&chart);
            (chart, found)
        })
        .await?;
        Ok(JsonBody(ChartAnswer { chart, plugin_findings: Some(found) }))
    }

    /// Draws a chart as an SVG picture: the same body, checks and errors as `POST /v1/charts`.
    ///
    /// The four pillars grid (천간/지지 with 한자 in their 오행 colours, 십신, 12운성, 지장간), the five-element
    /// balance, the 대운 timeline with this year's cycle highlighted and, with `seun`, the 세운 of those years.
    #[oai(path = "/charts.svg", method = "post", operation_id = "createChartSvg")]
    async fn chart_svg(
        &self,
        state: Data<&Arc<AppState>>,
        body: Json<ChartInput>,
        /// 세운 years to draw: `2025` or `2025-2034` (at most 10 are drawn).
        #[oai(validator(max_length = 9))]
        seun: Query<Option<String>>,
    ) -> Result<SvgImage, ApiError> {
        let extras = extras(seun.0.as_deref(), None)?;
        Ok(SvgImage::of(&compute(&state, &body.0.to_request(), &extras)?))
    }

    /// Computes up to 1000 charts; each item is answered with a chart or an error, in order.
    #[oai(path = "/charts/batch", method = "post", operation_id = "createChartsBatch")]
    async fn batch(
        &self,
        state: Data<&Arc<AppState>>,
        body: Json<BatchRequest>,
    ) -> Result<Json<BatchResponse>, ApiError> {
        if body.items.len() > MAX_BATCH {
            return Err(ApiError::new(ErrorCode::TooManyItems, format!("한 번에 최대 {MAX_BATCH}건까지 계산합니다")));
        }
        let state = Arc::clone(&state);
        let items = body.0.items;
        // CPU-bound: 1000 charts take a few milliseconds; keep them off the async workers.
        let results = tokio::task::spawn_blocking(move || {
            items
                .into_iter()
                .map(|item| {
                    let outcome = serde_json::from_value::<ChartRequest>(item.input.0)
                        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("input을 읽을 수 없습니다: {e}")))
                        .and_then(|r| compute(&state, &r, &ChartExtras::default()));
                    match outcome {
                        Ok(chart) => BatchResult {
                            id: item.id,
                            answer: Some(Any(serde_json::to_value(&chart).expect("chart serializes"))),
                            error: None,
                        },
                        Err(e) => BatchResult { id: item.id, answer: None, error: Some(error_body(e)) },
                    }
                })
                .collect()
        })
        .await?;
        Ok(Json(BatchResponse { results }))
    }
}

/// The `{code, message}` inside an API error.
pub fn error_body(e: ApiError) -> crate::http::ErrorBody {
    match e {
        ApiError::BadRequest(b)
        | ApiError::Unauthorized(b)
        | ApiError::Forbidden(b)
        | ApiError::NotFound(b)
        | ApiError::Conflict(b)
        | ApiError::Unprocessable(b)
        | ApiError::TooManyRequests(b)
        | ApiError::Internal(b)
        | ApiError::Unavailable(b)
        | ApiError::InsufficientStorage(b) => b.0,
    }
}
