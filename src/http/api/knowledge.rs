//! `GET /v1/knowledge/{id}`: one knowledge passage, so a client can show what a reply's citation says.

use super::ApiTags;
use crate::http::{ApiError, AppState};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};
use std::sync::Arc;

pub struct KnowledgeApi;

#[derive(Debug, Object)]
pub struct PassageOut {
    pub id: String,
    pub title: String,
    /// The passage text (Korean, plain text).
    pub body: String,
    /// The terms it is about.
    pub tags: Vec<String>,
    pub source: String,
}

#[OpenApi(prefix_path = "/v1/knowledge", tag = "ApiTags::Knowledge")]
impl KnowledgeApi {
    /// One passage of the knowledge base by the id a reply cites.
    #[oai(path = "/:id", method = "get", operation_id = "getPassage")]
    async fn passage(
        &self,
        state: Data<&Arc<AppState>>,
        #[oai(validator(pattern = r"^[A-Za-z0-9_.-]{1,100}$"))] id: Path<String>,
    ) -> Result<Json<PassageOut>, ApiError> {
        let p = state.knowledge.get(&id.0).ok_or_else(|| ApiError::not_found("지식 문단"))?;
        Ok(Json(PassageOut {
            id: p.id.clone(),
            title: p.title.clone(),
            body: p.body.clone(),
            tags: p.tags.clone(),
            source: p.source.clone(),
        }))
    }
}
