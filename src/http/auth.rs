//! Bearer tokens: users get a random token once (only its SHA-256 is stored); the admin token comes from
//! config. Both are checked in constant time where a comparison is involved.

use super::errors::{json_error, ErrorCode};
use super::state::AppState;
use crate::store::UserRecord;
use base64::Engine;
use poem::http::StatusCode;
use poem::Request;
use poem_openapi::auth::Bearer;
use poem_openapi::SecurityScheme;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// A fresh user token: `sj_` + 32 random bytes, base64url.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("sj_{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn unauthorized(message: &str) -> poem::Error {
    poem::Error::from_response(json_error(ErrorCode::Unauthorized, message))
}

fn state(req: &Request) -> poem::Result<Arc<AppState>> {
    req.data::<Arc<AppState>>().cloned().ok_or_else(|| poem::Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))
}

/// A user authenticated by their bearer token.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", checker = "check_user")]
pub struct UserAuth(pub UserRecord);

async fn check_user(req: &Request, bearer: Bearer) -> poem::Result<UserRecord> {
    let state = state(req)?;
    if bearer.token.len() > 128 {
        return Err(unauthorized("토큰이 올바르지 않습니다"));
    }
    let hash = token_hash(&bearer.token);
    let store = state.store.clone();
    let user = tokio::task::spawn_blocking(move || store.user_by_token_hash(&hash))
        .await
        .map_err(|_| poem::Error::from_status(StatusCode::INTERNAL_SERVER_ERROR))?
        // The store's errors map as everywhere else (503 `store_unavailable` while it is reopened, 500 logged).
        .map_err(|e| poem::Error::from_response(poem::IntoResponse::into_response(super::ApiError::from(e))))?;
    let user = user.ok_or_else(|| unauthorized("토큰이 올바르지 않거나 삭제된 사용자입니다"))?;
    tracing::Span::current().record("user_id", user.id.as_str());
    // Any request keeps the user from the idle-user retention; the store writes that at most once a day.
    let (store, id) = (state.store.clone(), user.id.clone());
    tokio::task::spawn_blocking(move || {
        if let Err(e) = store.touch_user(&id) {
            tracing::warn!(error = %e, "could not record the user's activity");
        }
    });
    Ok(user)
}

/// The operator, authenticated by `security.admin_token`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", checker = "check_admin")]
pub struct AdminAuth(pub ());

async fn check_admin(req: &Request, bearer: Bearer) -> poem::Result<()> {
    let state = state(req)?;
    let expected = state.config.security.admin_token.as_bytes();
    if expected.is_empty() {
        return Err(poem::Error::from_response(json_error(
            ErrorCode::AdminDisabled,
            "관리자 API가 꺼져 있습니다 (security.admin_token을 설정하세요)",
        )));
    }
    if !constant_time_eq(bearer.token.as_bytes(), expected) {
        return Err(poem::Error::from_response(json_error(ErrorCode::Forbidden, "관리자 토큰이 아닙니다")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert!(a.starts_with("sj_") && a.len() == 46, "{a}");
        assert_eq!(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(constant_time_eq(b"same", b"same"));
        assert!(!constant_time_eq(b"same", b"sane"));
        assert!(!constant_time_eq(b"same", b"same!"));
    }
}
