//! Profiles: the people a user keeps charts for, each with its chart on demand.

use super::charts::{compute, extras};
use super::models::{rfc3339, ChartInput};
use super::svg::SvgImage;
use super::{blocking, ApiTags};
use crate::http::auth::UserAuth;
use crate::http::{ApiError, AppState};
use crate::saju::chart::{Chart, ChartExtras};
use crate::store::{new_id, now, CachedChart, Profile};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::Any;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use std::sync::Arc;

pub struct ProfilesApi;

/// Most profiles one user may keep.
pub const MAX_PROFILES: usize = 100;

#[derive(Debug, Clone, Copy, Enum, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum Relation {
    #[oai(rename = "self")]
    Myself,
    Family,
    Partner,
    Friend,
    Other,
}

impl Relation {
    fn code(self) -> &'static str {
        match self {
            Relation::Myself => "self",
            Relation::Family => "family",
            Relation::Partner => "partner",
            Relation::Friend => "friend",
            Relation::Other => "other",
        }
    }

    fn parse(s: &str) -> Relation {
        match s {
            "self" => Relation::Myself,
            "family" => Relation::Family,
            "partner" => Relation::Partner,
            "friend" => Relation::Friend,
            _ => Relation::Other,
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewProfile {
    /// A label, e.g. `나`, `엄마`, `남자친구`.
    #[oai(validator(min_length = 1, max_length = 40))]
    pub name: String,
    pub relation: Relation,
    pub birth: ChartInput,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct ProfileUpdate {
    #[oai(validator(min_length = 1, max_length = 40))]
    pub name: Option<String>,
    pub relation: Option<Relation>,
    pub birth: Option<ChartInput>,
}

/// The four pillars in hangul; `hour` is absent when the birth hour is unknown.
#[derive(Debug, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct PillarNames {
    pub year: String,
    pub month: String,
    pub day: String,
    pub hour: Option<String>,
}

#[derive(Debug, Object)]
pub struct ProfileOut {
    pub id: String,
    pub name: String,
    pub relation: Relation,
    pub birth: ChartInput,
    pub pillars: PillarNames,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(ApiResponse)]
enum CreatedProfile {
    #[oai(status = 201)]
    Created(Json<ProfileOut>),
}

#[derive(ApiResponse)]
enum Deleted {
    #[oai(status = 204)]
    Deleted,
}

fn view(p: &Profile, chart: &serde_json::Value) -> ProfileOut {
    let pillar = |k: &str| chart["pillars"][k]["hangul"].as_str().map(str::to_string);
    let known = |k: &str| pillar(k).unwrap_or_default();
    ProfileOut {
        id: p.id.clone(),
        name: p.name.clone(),
        relation: Relation::parse(&p.relation),
        birth: ChartInput::from_request(&p.birth),
        pillars: PillarNames { year: known("year"), month: known("month"), day: known("day"), hour: pillar("hour") },
        created_at: rfc3339(p.created_at),
        updated_at: rfc3339(p.updated_at),
    }
}

fn cache_entry(profile: &Profile, chart: &Chart) -> CachedChart {
    CachedChart {
        engine_version: env!("CARGO_PKG_VERSION").to_string(),
        birth: profile.birth.clone(),
        chart: serde_json::to_value(chart).expect("chart serializes"),
    }
}

#[OpenApi(prefix_path = "/v1/profiles", tag = "ApiTags::Profiles")]
impl ProfilesApi {
    /// Saves a person's birth data (the chart is computed and checked now).
    #[oai(path = "/", method = "post", operation_id = "createProfile")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        body: Json<NewProfile>,
    ) -> Result<CreatedProfile, ApiError> {
        let birth = body.birth.to_request();
        let chart = compute(&state, &birth, &ChartExtras::default())?;
        let t = now();
        let profile = Profile {
            id: new_id(),
            name: body.name.clone(),
            relation: body.relation.code().into(),
            birth,
            created_at: t,
            updated_at: t,
        };
        let entry = cache_entry(&profile, &chart);
        let chart_json = entry.chart.clone();
        let store = state.store.clone();
        let user = auth.0.id.clone();
        let saved = profile.clone();
        blocking(move || store.create_profile(&user, &saved, &entry, MAX_PROFILES)).await?;
        Ok(CreatedProfile::Created(Json(view(&profile, &chart_json))))
    }

    /// The user's profiles.
    #[oai(path = "/", method = "get", operation_id = "listProfiles")]
    async fn list(&self, state: Data<&Arc<AppState>>, auth: UserAuth) -> Result<Json<Vec<ProfileOut>>, ApiError> {
        let store = state.store.clone();
        let user = auth.0.id.clone();
        let rows = blocking(move || {
            let profiles = store.list_profiles(&user)?;
            profiles
                .into_iter()
                .map(|p| {
                    let chart = store.cached_chart(&user, &p.id)?.map(|c| c.chart).unwrap_or_default();
                    Ok(view(&p, &chart))
                })
                .collect()
        })
        .await?;
        Ok(Json(rows))
    }

    /// One profile.
    #[oai(path = "/:id", method = "get", operation_id = "getProfile")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        #[oai(validator(pattern = r"^[A-Za-z0-9_-]{1,64}$"))] id: Path<String>,
    ) -> Result<Json<ProfileOut>, ApiError> {
        let store = state.store.clone();
        let user = auth.0.id.clone();
        let out = blocking(move || {
            let p = store.get_profile(&user, &id.0)?;
            let chart = store.cached_chart(&user, &p.id)?.map(|c| c.chart).unwrap_or_default();
            Ok(view(&p, &chart))
        })
        .await
        .map_err(not_found)?;
        Ok(Json(out))
    }

    /// Changes a profile's name, relation or birth data.
    #[oai(path = "/:id", method = "put", operation_id = "updateProfile")]
    async fn update(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        #[oai(validator(pattern = r"^[A-Za-z0-9_-]{1,64}$"))] id: Path<String>,
        body: Json<ProfileUpdate>,
    ) -> Result<Json<ProfileOut>, ApiError> {
        let store = state.store.clone();
        let user = auth.0.id.clone();
        let mut profile = blocking(move || store.get_profile(&user, &id.0)).await.map_err(not_found)?;
        if let Some(name) = &body.name {
            profile.name = name.clone();
        }
        if let Some(r) = body.relation {
            profile.relation = r.code().into();
        }
        if let Some(b) = &body.birth {
            profile.birth = b.to_request();
        }
        let chart = compute(&state, &profile.birth, &ChartExtras::default())?;
        profile.updated_at = now();
        let entry = cache_entry(&profile, &chart);
        let (store, user, saved) = (state.store.clone(), auth.0.id.clone(), profile.clone());
        blocking(move || store.put_profile(&user, &saved, &entry)).await?;
        Ok(Json(view(&profile, &serde_json::to_value(&chart).expect("chart serializes"))))
    }

    /// Deletes a profile and its cached chart.
    #[oai(path = "/:id", method = "delete", operation_id = "deleteProfile")]
    async fn delete(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        #[oai(validator(pattern = r"^[A-Za-z0-9_-]{1,64}$"))] id: Path<String>,
    ) -> Result<Deleted, ApiError> {
        let store = state.store.clone();
        let user = auth.0.id.clone();
        blocking(move || store.delete_profile(&user, &id.0)).await.map_err(not_found)?;
        Ok(Deleted::Deleted)
    }

    /// The profile's full chart (CHART JSON), with optional 세운 and 월운.
    #[oai(path = "/:id/chart", method = "get", operation_id = "getProfileChart")]
    async fn chart(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        #[oai(validator(pattern = r"^[A-Za-z0-9_-]{1,64}$"))] id: Path<String>,
        #[oai(validator(max_length = 9))] seun: Query<Option<String>>,
        wolun: Query<Option<i32>>,
    ) -> Result<Json<Any<serde_json::Value>>, ApiError> {
        let extras = extras(seun.0.as_deref(), wolun.0)?;
        let store = state.store.clone();
        let user = auth.0.id.clone();
        let (profile, cached) = blocking(move || {
            let p = store.get_profile(&user, &id.0)?;
            let c = store.cached_chart(&user, &p.id)?;
            Ok((p, c))
        })
        .await
        .map_err(not_found)?;
        let current = cached.filter(|c| c.engine_version == env!("CARGO_PKG_VERSION") && c.birth == profile.birth);
        match current {
            Some(c) if extras == ChartExtras::default() => Ok(Json(Any(c.chart))),
            _ => {
                let chart = compute(&state, &profile.birth, &extras)?;
                Ok(Json(Any(serde_json::to_value(&chart).expect("chart serializes"))))
            }
        }
    }

    /// The profile's chart as an SVG picture (see `POST /v1/charts.svg`), with optional 세운 years.
    #[oai(path = "/:id/chart.svg", method = "get", operation_id = "getProfileChartSvg")]
    async fn chart_svg(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        #[oai(validator(pattern = r"^[A-Za-z0-9_-]{1,64}$"))] id: Path<String>,
        /// 세운 years to draw: `2025` or `2025-2034` (at most 10 are drawn).
        #[oai(validator(max_length = 9))]
        seun: Query<Option<String>>,
    ) -> Result<SvgImage, ApiError> {
        let extras = extras(seun.0.as_deref(), None)?;
        let birth = birth_of(&state, &auth.0.id, id.0).await?;
        Ok(SvgImage::of(&compute(&state, &birth, &extras)?))
    }
}

/// The profile's saved birth data, or the JSON 404 (also for another user's profile).
async fn birth_of(state: &AppState, user: &str, id: String) -> Result<crate::saju::chart::ChartRequest, ApiError> {
    let (store, user) = (state.store.clone(), user.to_string());
    blocking(move || store.get_profile(&user, &id)).await.map(|p| p.birth).map_err(not_found)
}

fn not_found(e: ApiError) -> ApiError {
    match e {
        ApiError::NotFound(_) => ApiError::not_found("프로필"),
        other => other,
    }
}
