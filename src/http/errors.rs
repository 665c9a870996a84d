//! Every error is JSON `{code, message}` with the right status: the API's own errors, the engine's and
//! the store's, and everything poem or poem-openapi reject on their own (validation, 404, 405, 413).

use crate::saju::error::SajuError;
use crate::store::StoreError;
use poem::http::StatusCode;
use poem::web::Json as PoemJson;
use poem::{IntoResponse, Response};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object};

#[derive(Debug, Clone, Object, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct ErrorBody {
    /// Stable machine-readable code, e.g. `invalid_date`, `not_found`, `rate_limited`.
    pub code: String,
    /// What is wrong, in Korean.
    pub message: String,
}

#[derive(Debug, ApiResponse)]
pub enum ApiError {
    /// The request is malformed or a value is invalid.
    #[oai(status = 400)]
    BadRequest(Json<ErrorBody>),
    /// Missing or invalid bearer token.
    #[oai(status = 401)]
    Unauthorized(Json<ErrorBody>),
    /// The admin API is disabled or the token is not the admin's.
    #[oai(status = 403)]
    Forbidden(Json<ErrorBody>),
    /// No such resource (or not yours).
    #[oai(status = 404)]
    NotFound(Json<ErrorBody>),
    /// The request conflicts with the resource's state (e.g. a full session).
    #[oai(status = 409)]
    Conflict(Json<ErrorBody>),
    /// The input is well-formed but cannot be computed (e.g. no such leap month).
    #[oai(status = 422)]
    Unprocessable(Json<ErrorBody>),
    /// Too many requests from this client; see `Retry-After`.
    #[oai(status = 429)]
    TooManyRequests(Json<ErrorBody>),
    /// An internal failure; details are in the server log under the request id.
    #[oai(status = 500)]
    Internal(Json<ErrorBody>),
    /// The service is not ready or is shutting down.
    #[oai(status = 503)]
    Unavailable(Json<ErrorBody>),
}

fn body(code: &str, message: impl Into<String>) -> Json<ErrorBody> {
    Json(ErrorBody { code: code.to_string(), message: message.into() })
}

impl ApiError {
    pub fn bad_request(code: &str, message: impl Into<String>) -> Self {
        ApiError::BadRequest(body(code, message))
    }
    pub fn unauthorized(message: impl Into<String>) -> Self {
        ApiError::Unauthorized(body("unauthorized", message))
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::Forbidden(body("forbidden", message))
    }
    pub fn not_found(what: &str) -> Self {
        ApiError::NotFound(body("not_found", format!("{what}을(를) 찾을 수 없습니다")))
    }
    pub fn conflict(code: &str, message: impl Into<String>) -> Self {
        ApiError::Conflict(body(code, message))
    }
    pub fn internal(e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "internal error");
        ApiError::Internal(body("internal", "서버 내부 오류입니다. 잠시 후 다시 시도해 주세요"))
    }
}

impl From<SajuError> for ApiError {
    fn from(e: SajuError) -> Self {
        let b = body(e.code(), e.to_string());
        match e {
            SajuError::NoSuchLeapMonth { .. }
            | SajuError::LunarDayOutOfRange { .. }
            | SajuError::OutOfRange { .. }
            | SajuError::NonexistentLocalTime(_)
            | SajuError::AmbiguousLocalTime(_) => ApiError::Unprocessable(b),
            _ => ApiError::BadRequest(b),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound(body("not_found", "찾을 수 없습니다")),
            StoreError::Conflict(m) => ApiError::Conflict(body("conflict", m)),
            other => ApiError::internal(other),
        }
    }
}

impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> Self {
        ApiError::internal(e)
    }
}

/// A JSON error response outside poem-openapi (middleware, auth, catch-all).
pub fn json_error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let mut resp = PoemJson(ErrorBody { code: code.to_string(), message: message.into() }).into_response();
    resp.set_status(status);
    resp
}

/// The stable code for a status that poem produced by itself.
fn code_for(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "invalid_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        408 => "timeout",
        411 => "length_required",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        422 => "unprocessable",
        429 => "rate_limited",
        503 => "unavailable",
        s if s >= 500 => "internal",
        _ => "error",
    }
}

fn korean_message(status: StatusCode, detail: &str) -> String {
    let head = match status.as_u16() {
        400 => "요청을 읽을 수 없습니다",
        401 => "인증이 필요합니다 (Authorization: Bearer 토큰)",
        404 => "없는 경로입니다",
        405 => "이 경로에서 지원하지 않는 메서드입니다",
        413 => "요청 본문이 너무 큽니다",
        415 => "Content-Type: application/json 본문이 필요합니다",
        s if s >= 500 => "서버 내부 오류입니다",
        _ => "요청을 처리할 수 없습니다",
    };
    if detail.is_empty() || !matches!(status.as_u16(), 400 | 422) {
        head.to_string()
    } else {
        format!("{head}: {detail}")
    }
}

/// Turns any error into the JSON shape, keeping JSON bodies that are already ours.
pub async fn to_json_error(err: poem::Error) -> Response {
    let pattern = err.data::<poem::PathPattern>().cloned();
    let status = err.status();
    let detail = err.to_string();
    let resp = err.into_response();
    let is_json = resp.content_type().is_some_and(|c| c.starts_with("application/json"));
    let mut out = if is_json {
        resp
    } else {
        if status.is_server_error() {
            tracing::error!(status = status.as_u16(), error = %detail, "request failed");
        }
        json_error(status, code_for(status), korean_message(status, &detail))
    };
    if let Some(p) = pattern {
        out.set_data(p);
    }
    out
}
