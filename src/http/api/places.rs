//! `GET /v1/places`: the birth places the chat understands, for the web page's suggestions.

use super::ApiTags;
use crate::chat::places::PLACES;
use poem_openapi::param::Query;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

pub struct PlacesApi;

/// Most places one answer lists.
const MAX_PLACES: usize = 20;

#[derive(Debug, Object)]
pub struct PlaceOut {
    /// The Korean name, e.g. `부산`, `뉴욕`.
    pub name: String,
    /// IANA time zone.
    pub timezone: String,
    /// Degrees east of the city centre (for `time_correction`).
    pub longitude: f64,
}

#[OpenApi(prefix_path = "/v1", tag = "ApiTags::Places")]
impl PlacesApi {
    /// Known birth places whose name contains `q` (names starting with it first), at most 20; all of them
    /// (up to 20) without `q`.
    #[oai(path = "/places", method = "get", operation_id = "listPlaces")]
    async fn places(&self, #[oai(validator(max_length = 40))] q: Query<Option<String>>) -> Json<Vec<PlaceOut>> {
        let q = q.0.unwrap_or_default();
        let q = q.trim();
        let mut hits: Vec<_> = PLACES.iter().filter(|p| p.name.contains(q)).collect();
        hits.sort_by_key(|p| (!p.name.starts_with(q), p.name.chars().count()));
        Json(
            hits.into_iter()
                .take(MAX_PLACES)
                .map(|p| PlaceOut { name: p.name.into(), timezone: p.zone.into(), longitude: p.longitude })
                .collect(),
        )
    }
}
