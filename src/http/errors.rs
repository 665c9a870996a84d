//! Every error is JSON `{code, message}` with the right status: the API's own errors, the engine's and
//! the store's, and everything poem or poem-openapi reject on their own (validation, 404, 405, 413).

use crate::saju::error::SajuError;
use crate::store::{Limit, StoreError};
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
    TooManyRequests(Json<ErrorBody>, #[oai(header = "Retry-After")] Option<u64>),
    /// An internal failure; details are in the server log under the request id.
    #[oai(status = 500)]
    Internal(Json<ErrorBody>),
    /// The service is not ready or is shutting down, or its store is being reopened after a failed write.
    #[oai(status = 503)]
    Unavailable(Json<ErrorBody>),
    /// The disk is full or under the configured free-space watermark: nothing was written.
    #[oai(status = 507)]
    InsufficientStorage(Json<ErrorBody>),
}

/// Every error code the API answers with, and its HTTP status: one registry, so a code is never a string
/// literal at a call site and always comes with the same status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidInput,
    InvalidRequest,
    TooManyItems,
    HostNotAllowed,
    Unauthorized,
    AdminDisabled,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    SessionFull,
    TooManyProfiles,
    TooManySessions,
    /// The user's stored bytes would pass `server.user_quota_mb`.
    QuotaExceeded,
    /// A body names a profile the user does not have.
    UnknownProfile,
    ConversationStateUnreadable,
    PayloadTooLarge,
    UnsupportedMediaType,
    LengthRequired,
    Unprocessable,
    RateLimited,
    Internal,
    Timeout,
    Unavailable,
    /// The store cannot serve until it is reopened (after a failed write); readiness is 503 meanwhile.
    StoreUnavailable,
    /// The disk is full or under the free-space watermark; reads and deletes still work.
    InsufficientStorage,
    /// The client went away or the server is shutting down before the answer was finished.
    Cancelled,
}

impl ErrorCode {
    pub const fn code(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::TooManyItems => "too_many_items",
            ErrorCode::HostNotAllowed => "host_not_allowed",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::AdminDisabled => "admin_disabled",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Conflict => "conflict",
            ErrorCode::SessionFull => "session_full",
            ErrorCode::TooManyProfiles => "too_many_profiles",
            ErrorCode::TooManySessions => "too_many_sessions",
            ErrorCode::QuotaExceeded => "quota_exceeded",
            ErrorCode::UnknownProfile => "unknown_profile",
            ErrorCode::ConversationStateUnreadable => "conversation_state_unreadable",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::LengthRequired => "length_required",
            ErrorCode::Unprocessable => "unprocessable",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Internal => "internal",
            ErrorCode::Timeout => "timeout",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::StoreUnavailable => "store_unavailable",
            ErrorCode::InsufficientStorage => "insufficient_storage",
            ErrorCode::Cancelled => "cancelled",
        }
    }

    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::InvalidInput
            | ErrorCode::InvalidRequest
            | ErrorCode::TooManyItems
            | ErrorCode::HostNotAllowed => StatusCode::BAD_REQUEST,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::AdminDisabled | ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::Conflict
            | ErrorCode::SessionFull
            | ErrorCode::TooManyProfiles
            | ErrorCode::TooManySessions
            | ErrorCode::QuotaExceeded
            | ErrorCode::ConversationStateUnreadable => StatusCode::CONFLICT,
            ErrorCode::LengthRequired => StatusCode::LENGTH_REQUIRED,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnknownProfile | ErrorCode::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Timeout | ErrorCode::Unavailable | ErrorCode::StoreUnavailable | ErrorCode::Cancelled => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ErrorCode::InsufficientStorage => StatusCode::INSUFFICIENT_STORAGE,
        }
    }
}

fn body(code: &str, message: impl Into<String>) -> Json<ErrorBody> {
    Json(ErrorBody { code: code.to_string(), message: message.into() })
}

impl ApiError {
    /// The error for `code`, with its registered status.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        let b = body(code.code(), message);
        match code.status().as_u16() {
            401 => ApiError::Unauthorized(b),
            403 => ApiError::Forbidden(b),
            404 => ApiError::NotFound(b),
            409 => ApiError::Conflict(b),
            422 => ApiError::Unprocessable(b),
            429 => ApiError::TooManyRequests(b, None),
            500 => ApiError::Internal(b),
            503 => ApiError::Unavailable(b),
            507 => ApiError::InsufficientStorage(b),
            _ => ApiError::BadRequest(b),
        }
    }
    pub fn not_found(what: &str) -> Self {
        ApiError::new(ErrorCode::NotFound, format!("{what}을(를) 찾을 수 없습니다"))
    }
    /// 429 `rate_limited` with `Retry-After: seconds`.
    pub fn rate_limited(message: impl Into<String>, retry_after_seconds: u64) -> Self {
        ApiError::TooManyRequests(body(ErrorCode::RateLimited.code(), message), Some(retry_after_seconds))
    }
    pub fn internal(e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "internal error");
        ApiError::new(ErrorCode::Internal, "서버 내부 오류입니다. 잠시 후 다시 시도해 주세요")
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
            StoreError::NotFound => ApiError::new(ErrorCode::NotFound, "찾을 수 없습니다"),
            StoreError::Conflict(m) => ApiError::new(ErrorCode::Conflict, m),
            StoreError::LimitReached(limit) => {
                let code = match limit {
                    Limit::SessionTurns { .. } => ErrorCode::SessionFull,
                    Limit::Profiles { .. } => ErrorCode::TooManyProfiles,
                    Limit::Sessions { .. } => ErrorCode::TooManySessions,
                    Limit::UserBytes { .. } => ErrorCode::QuotaExceeded,
                };
                ApiError::new(code, limit.to_string())
            }
            StoreError::UnknownProfile(id) => {
                ApiError::new(ErrorCode::UnknownProfile, format!("profile_id: 없는 프로필입니다 ({id})"))
            }
            StoreError::Full(m) => ApiError::new(ErrorCode::InsufficientStorage, m),
            StoreError::Unavailable(m) => ApiError::new(ErrorCode::StoreUnavailable, m),
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
pub fn json_error(code: ErrorCode, message: impl Into<String>) -> Response {
    status_error(code.status(), code.code(), message)
}

fn status_error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    let mut resp = PoemJson(ErrorBody { code: code.to_string(), message: message.into() }).into_response();
    resp.set_status(status);
    resp
}

/// The stable code for a status that poem produced by itself.
fn code_for(status: StatusCode) -> &'static str {
    let code = match status.as_u16() {
        400 => ErrorCode::InvalidRequest,
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        408 => ErrorCode::Timeout,
        411 => ErrorCode::LengthRequired,
        413 => ErrorCode::PayloadTooLarge,
        415 => ErrorCode::UnsupportedMediaType,
        422 => ErrorCode::Unprocessable,
        429 => ErrorCode::RateLimited,
        503 => ErrorCode::Unavailable,
        507 => ErrorCode::InsufficientStorage,
        s if s >= 500 => ErrorCode::Internal,
        _ => return "error",
    };
    code.code()
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
        status_error(status, code_for(status), korean_message(status, &detail))
    };
    if let Some(p) = pattern {
        out.set_data(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_keeps_its_status_through_api_error() {
        use poem_openapi::ApiResponse as _;
        for code in [ErrorCode::InvalidInput, ErrorCode::UnknownProfile, ErrorCode::SessionFull, ErrorCode::Cancelled] {
            let resp = ApiError::new(code, "x").into_response();
            assert_eq!(resp.status(), code.status(), "{code:?}");
        }
        let _ = ApiError::meta();
    }
}
