//! Users: create (returns the only copy of the token), who am I, export everything, delete everything.

use super::models::rfc3339;
use super::{blocking, ApiTags};
use crate::http::auth::{new_token, token_hash, UserAuth};
use crate::http::{ApiError, AppState};
use crate::store::{new_id, UserExport};
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::types::Any;
use poem_openapi::{ApiResponse, Object, OpenApi};
use std::sync::Arc;

pub struct UsersApi;

/// The body of `POST /v1/users` (may be `{}`).
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewUser {}

#[derive(Debug, Object)]
pub struct CreatedUser {
    pub id: String,
    /// Bearer token for every user-scoped route. Shown only now: the server keeps only its hash.
    pub token: String,
    pub created_at: String,
}

#[derive(Debug, Object)]
pub struct Me {
    pub id: String,
    pub created_at: String,
    pub profiles: u64,
    pub sessions: u64,
}

#[derive(ApiResponse)]
enum CreateUserResponse {
    #[oai(status = 201)]
    Created(Json<CreatedUser>),
}

#[derive(ApiResponse)]
enum DeletedResponse {
    /// Deleted, with everything the user owned.
    #[oai(status = 204)]
    Deleted,
}

#[OpenApi(prefix_path = "/v1/users", tag = "ApiTags::Users")]
impl UsersApi {
    /// Creates a user and returns its bearer token (only this once).
    #[oai(path = "/", method = "post", operation_id = "createUser")]
    async fn create(&self, state: Data<&Arc<AppState>>, _body: Json<NewUser>) -> Result<CreateUserResponse, ApiError> {
        let token = new_token();
        let hash = token_hash(&token);
        let store = state.store.clone();
        let user = blocking(move || store.create_user(&new_id(), &hash)).await?;
        tracing::Span::current().record("user_id", user.id.as_str());
        tracing::info!("user created");
        Ok(CreateUserResponse::Created(Json(CreatedUser { id: user.id, token, created_at: rfc3339(user.created_at) })))
    }

    /// The authenticated user.
    #[oai(path = "/me", method = "get", operation_id = "getMe")]
    async fn me(&self, state: Data<&Arc<AppState>>, auth: UserAuth) -> Result<Json<Me>, ApiError> {
        let store = state.store.clone();
        let id = auth.0.id.clone();
        let (profiles, sessions) =
            blocking(move || Ok((store.list_profiles(&id)?.len() as u64, store.list_sessions(&id)?.len() as u64)))
                .await?;
        Ok(Json(Me { id: auth.0.id, created_at: rfc3339(auth.0.created_at), profiles, sessions }))
    }

    /// Everything stored about the user (profiles, sessions, messages) as JSON.
    #[oai(path = "/me/export", method = "get", operation_id = "exportMe")]
    async fn export(&self, state: Data<&Arc<AppState>>, auth: UserAuth) -> Result<Json<Any<UserExport>>, ApiError> {
        let store = state.store.clone();
        let export = blocking(move || store.export_user(&auth.0)).await?;
        Ok(Json(Any(export)))
    }

    /// Deletes the user and everything they own; the token stops working at once.
    #[oai(path = "/me", method = "delete", operation_id = "deleteMe")]
    async fn delete(&self, state: Data<&Arc<AppState>>, auth: UserAuth) -> Result<DeletedResponse, ApiError> {
        let store = state.store.clone();
        let id = auth.0.id.clone();
        blocking(move || store.delete_user(&id)).await?;
        tracing::info!("user deleted");
        Ok(DeletedResponse::Deleted)
    }
}
