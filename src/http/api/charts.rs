//! `POST /v1/charts`, `POST /v1/charts.svg`, `POST /v1/charts/batch`.

use super::json_body::JsonBody;
use super::models::{parse_years, ChartInput};
use super::svg::SvgImage;
use super::ApiTags;
use crate::http::client_ip::client_ip;
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
    ///
    /// The answer is streamed as it is computed (`{"results": [...]}`), so a batch holds a few chunks in
    /// memory, not the whole answer. Batches run `server.max_concurrent_batches` at a time (others wait up
    /// to 10 s, then 503), and each client IP has a budget of `rate_limit.batch_charts_per_minute` charts
    /// (429 with `Retry-After` when spent).
    #[oai(path = "/charts/batch", method = "post", operation_id = "createChartsBatch")]
    async fn batch(
        &self,
        req: &poem::Request,
        state: Data<&Arc<AppState>>,
        body: Json<BatchRequest>,
    ) -> Result<BatchStream, ApiError> {
        let items = body.0.items;
        if items.len() > MAX_BATCH {
            return Err(ApiError::new(ErrorCode::TooManyItems, format!("한 번에 최대 {MAX_BATCH}건까지 계산합니다")));
        }
        if let (Some(budget), Some(ip)) = (&state.batch_budget, client_ip(req, &state.trusted_proxies)) {
            if let Err(wait) = budget.check_cost(ip, items.len() as u32) {
                let secs = crate::http::rate_limit::ClientLimiter::retry_after_seconds(wait);
                state.metrics.rate_limited.with_label_values(&["batch_budget", "/v1/charts/batch"]).inc();
                return Err(ApiError::rate_limited(
                    format!(
                        "일괄 계산 한도(분당 {}건)를 넘었습니다. {secs}초 뒤에 다시 시도해 주세요",
                        state.config.rate_limit.batch_charts_per_minute
                    ),
                    secs,
                ));
            }
        }
        let slot = tokio::time::timeout(BATCH_WAIT, Arc::clone(&state.batch_slots).acquire_owned())
            .await
            .ok()
            .and_then(Result::ok)
            .ok_or_else(|| {
                ApiError::new(ErrorCode::Unavailable, "지금은 일괄 계산이 밀려 있습니다. 잠시 뒤에 다시 시도해 주세요")
            })?;
        let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
        let state = Arc::clone(&state);
        // CPU-bound: keep it off the async workers. The slot is held until the last chunk is handed over;
        // a client that goes away stops the work (the channel closes).
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            let mut out = Vec::with_capacity(CHUNK + 16 * 1024);
            out.extend_from_slice(b"{\"results\":[");
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                let result = batch_result(&state, item);
                serde_json::to_writer(&mut out, &result).expect("a batch result serializes");
                if out.len() >= CHUNK && tx.blocking_send(std::mem::take(&mut out)).is_err() {
                    return;
                }
            }
            out.extend_from_slice(b"]}");
            let _ = tx.blocking_send(out);
        });
        Ok(BatchStream(rx))
    }
}

/// Batches waiting for a slot give up after this long.
const BATCH_WAIT: std::time::Duration = std::time::Duration::from_secs(10);
/// Bytes of the answer handed to the connection at a time.
const CHUNK: usize = 64 * 1024;

/// One item's answer, serialized straight from the chart (no `serde_json::Value` tree).
#[derive(serde::Serialize)]
struct BatchResultOut {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<Chart>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<crate::http::ErrorBody>,
}

fn batch_result(state: &AppState, item: BatchItem) -> BatchResultOut {
    let outcome = serde_json::from_value::<ChartRequest>(item.input.0)
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("input을 읽을 수 없습니다: {e}")))
        .and_then(|r| compute(state, &r, &ChartExtras::default()));
    match outcome {
        Ok(chart) => BatchResultOut { id: item.id, answer: Some(chart), error: None },
        Err(e) => BatchResultOut { id: item.id, answer: None, error: Some(error_body(e)) },
    }
}

/// `200 application/json`: the batch answer streamed in chunks; documented as [`BatchResponse`].
pub struct BatchStream(tokio::sync::mpsc::Receiver<Vec<u8>>);

impl poem_openapi::payload::Payload for BatchStream {
    const CONTENT_TYPE: &'static str = "application/json";

    fn schema_ref() -> poem_openapi::registry::MetaSchemaRef {
        <BatchResponse as poem_openapi::types::Type>::schema_ref()
    }
}

impl poem::IntoResponse for BatchStream {
    fn into_response(self) -> poem::Response {
        let chunks = futures_util::stream::unfold(self.0, |mut rx| async move {
            rx.recv().await.map(|c| (Ok::<_, std::io::Error>(c), rx))
        });
        poem::Response::builder().content_type("application/json").body(poem::Body::from_bytes_stream(chunks))
    }
}

impl poem_openapi::ApiResponse for BatchStream {
    fn meta() -> poem_openapi::registry::MetaResponses {
        use poem_openapi::payload::Payload;
        poem_openapi::registry::MetaResponses {
            responses: vec![poem_openapi::registry::MetaResponse {
                description: "Each item's chart or error, in order",
                status: Some(200),
                status_range: None,
                content: vec![poem_openapi::registry::MetaMediaType {
                    content_type: Self::CONTENT_TYPE,
                    schema: Self::schema_ref(),
                }],
                headers: vec![],
            }],
        }
    }

    fn register(registry: &mut poem_openapi::registry::Registry) {
        <BatchResponse as poem_openapi::types::Type>::register(registry);
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
        | ApiError::TooManyRequests(b, _)
        | ApiError::Internal(b)
        | ApiError::Unavailable(b)
        | ApiError::InsufficientStorage(b) => b.0,
    }
}
