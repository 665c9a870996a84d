//! `GET /v1/plugins` and the operator's plugin routes under `/v1/admin/plugins`.

use super::ApiTags;
use crate::http::auth::AdminAuth;
use crate::http::{ApiError, AppState};
use crate::plugins::{PluginInfo, RegistryError};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};
use std::sync::Arc;

pub struct PluginsApi;

#[derive(Debug, Object)]
pub struct PluginOut {
    /// The plugin's id (its file name when it could not be loaded).
    pub id: String,
    pub name: String,
    pub version: String,
    /// The school or classic it follows.
    pub school: String,
    pub description: String,
    /// What it serves: `personality`, `career`, `wealth`, `love`, `health`, `year_fortune`, `daeun`, `compatibility`.
    pub intents: Vec<String>,
    pub enabled: bool,
    /// Why it is not running (a load error, the operator, or the fault that stopped it).
    pub disabled_reason: Option<String>,
}

#[derive(Debug, Object)]
pub struct PluginList {
    /// The `saju:plugin` contract version this server implements.
    pub contract: String,
    pub plugins: Vec<PluginOut>,
}

fn out(p: PluginInfo) -> PluginOut {
    let m = p.meta;
    PluginOut {
        id: m.id,
        name: m.name,
        version: m.version,
        school: m.school,
        description: m.description,
        intents: m.intents,
        enabled: p.enabled,
        disabled_reason: p.disabled_reason,
    }
}

fn list(plugins: Vec<PluginInfo>) -> Json<PluginList> {
    Json(PluginList {
        contract: format!("saju:plugin@{}", crate::plugins::CONTRACT_VERSION),
        plugins: plugins.into_iter().map(out).collect(),
    })
}

async fn switch(state: &Arc<AppState>, id: String, enabled: bool) -> Result<Json<PluginOut>, ApiError> {
    let registry = Arc::clone(&state.plugins);
    match tokio::task::spawn_blocking(move || registry.set_enabled(&id, enabled)).await? {
        Ok(info) => Ok(Json(out(info))),
        Err(RegistryError::NotFound(_)) => Err(ApiError::not_found("플러그인")),
        Err(e) => Err(ApiError::internal(e)),
    }
}

#[OpenApi(tag = "ApiTags::Plugins")]
impl PluginsApi {
    /// Lists the interpretation-rule plugins found, with whether each runs and why not.
    #[oai(path = "/v1/plugins", method = "get", operation_id = "listPlugins")]
    async fn list(&self, state: Data<&Arc<AppState>>) -> Json<PluginList> {
        list(state.plugins.list())
    }

    /// Switches a plugin on (also clearing a fault). Remembered across restarts.
    #[oai(path = "/v1/admin/plugins/:id/enable", method = "post", operation_id = "adminEnablePlugin")]
    async fn enable(
        &self,
        state: Data<&Arc<AppState>>,
        _admin: AdminAuth,
        #[oai(validator(max_length = 64))] id: Path<String>,
    ) -> Result<Json<PluginOut>, ApiError> {
        switch(&state, id.0, true).await
    }

    /// Switches a plugin off. Remembered across restarts.
    #[oai(path = "/v1/admin/plugins/:id/disable", method = "post", operation_id = "adminDisablePlugin")]
    async fn disable(
        &self,
        state: Data<&Arc<AppState>>,
        _admin: AdminAuth,
        #[oai(validator(max_length = 64))] id: Path<String>,
    ) -> Result<Json<PluginOut>, ApiError> {
        switch(&state, id.0, false).await
    }

    /// Rescans the plugin directories without a restart: new and changed files are compiled, removed ones
    /// dropped, faults forgotten.
    #[oai(path = "/v1/admin/plugins/reload", method = "post", operation_id = "adminReloadPlugins")]
    async fn reload(&self, state: Data<&Arc<AppState>>, _admin: AdminAuth) -> Result<Json<PluginList>, ApiError> {
        let registry = Arc::clone(&state.plugins);
        Ok(list(tokio::task::spawn_blocking(move || registry.reload()).await?))
    }
}
