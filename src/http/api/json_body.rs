//! A JSON response serialized straight from a `Serialize` value. poem-openapi's `Json<Any<T>>` first builds a
//! `serde_json::Value` tree; for a chart (~10 KB of JSON) that doubled the cost of the hottest route.

use poem::IntoResponse;
use poem_openapi::payload::Payload;
use poem_openapi::registry::{MetaMediaType, MetaResponse, MetaResponses, MetaSchemaRef, Registry};
use poem_openapi::types::{Any, Type};
use poem_openapi::ApiResponse;
use serde::Serialize;

/// `200 application/json` with the body serialized directly; documented as a free-form object.
pub struct JsonBody<T>(pub T);

impl<T: Serialize + Send> Payload for JsonBody<T> {
    const CONTENT_TYPE: &'static str = "application/json";

    fn schema_ref() -> MetaSchemaRef {
        <Any<serde_json::Value> as Type>::schema_ref()
    }
}

impl<T: Serialize + Send> IntoResponse for JsonBody<T> {
    fn into_response(self) -> poem::Response {
        poem::web::Json(self.0).into_response()
    }
}

impl<T: Serialize + Send> ApiResponse for JsonBody<T> {
    fn meta() -> MetaResponses {
        MetaResponses {
            responses: vec![MetaResponse {
                description: "",
                status: Some(200),
                status_range: None,
                content: vec![MetaMediaType { content_type: Self::CONTENT_TYPE, schema: Self::schema_ref() }],
                headers: vec![],
            }],
        }
    }

    fn register(_registry: &mut Registry) {}
}
