//! Chat sessions: create, list, read with history, delete, and send a message.

use super::models::rfc3339;
use super::{blocking, ApiTags};
use crate::chat::answer::answer;
use crate::chat::{extract_birth, gender_in, Finding};
use crate::http::auth::UserAuth;
use crate::http::{ApiError, AppState};
use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
use crate::store::{new_id, now, Message, Session, StoreError};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::types::Any;
use poem_openapi::{ApiResponse, Object, OpenApi};
use std::sync::Arc;

pub struct SessionsApi;

/// Most user turns one session may hold.
pub const MAX_TURNS: u32 = 100;
/// Most sessions one user may keep.
pub const MAX_SESSIONS: usize = 1000;

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewSession {
    #[oai(validator(max_length = 100))]
    pub title: Option<String>,
    /// The profile the conversation is about.
    #[oai(validator(pattern = r"^[A-Za-z0-9_-]{1,64}$"))]
    pub profile_id: Option<String>,
}

#[derive(Debug, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct SessionOut {
    pub id: String,
    pub title: String,
    pub profile_id: Option<String>,
    pub turns: u32,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct MessageOut {
    pub seq: u64,
    /// `user` or `assistant`.
    pub role: String,
    /// Plain text; clients must render it as text, never as markup.
    pub content: String,
    pub created_at: String,
    /// For assistant messages: the findings and citations the reply rests on.
    pub details: Option<Any<serde_json::Value>>,
}

#[derive(Debug, Object)]
pub struct SessionWithHistory {
    #[oai(flatten)]
    pub session: SessionOut,
    pub messages: Vec<MessageOut>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NewMessage {
    /// The user's message, 1–1000 characters.
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub message: String,
}

#[derive(Debug, Object)]
pub struct Citation {
    pub id: String,
    pub title: String,
    pub source: String,
}

#[derive(Debug, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct ReplyOut {
    /// The assistant's answer in Korean, plain text.
    pub reply: String,
    /// Sequence numbers of the stored user message and reply.
    pub user_seq: u64,
    pub reply_seq: u64,
    /// The chart the answer rests on, when there is one (CHART JSON).
    pub chart: Option<Any<serde_json::Value>>,
    /// Chart facts cited by the answer.
    pub findings: Vec<Any<Finding>>,
    /// Knowledge passages the answer rests on.
    pub citations: Vec<Citation>,
    /// Which generator wrote the reply (`composer`, `remote`, …).
    pub generator: String,
}

#[derive(ApiResponse)]
enum Created {
    #[oai(status = 201)]
    Created(Json<SessionOut>),
}

#[derive(ApiResponse)]
enum Deleted {
    #[oai(status = 204)]
    Deleted,
}

fn view(s: &Session) -> SessionOut {
    SessionOut {
        id: s.id.clone(),
        title: s.title.clone(),
        profile_id: s.profile_id.clone(),
        turns: s.turns,
        created_at: rfc3339(s.created_at),
        updated_at: rfc3339(s.updated_at),
    }
}

fn message_view(m: Message) -> MessageOut {
    MessageOut {
        seq: m.seq,
        role: m.role,
        content: m.content,
        created_at: rfc3339(m.created_at),
        details: (!m.details.is_null()).then_some(Any(m.details)),
    }
}

fn session_not_found(e: ApiError) -> ApiError {
    match e {
        ApiError::NotFound(_) => ApiError::not_found("대화 세션"),
        other => other,
    }
}

/// Earlier turns given to the generators as history.
const HISTORY_TURNS: usize = 6;
const ASK_FOR_GENDER: &str =
    "대운의 방향이 성별에 따라 달라져서, 성별을 알려 주시면 바로 풀어 드릴게요. (예: \"남자\" 또는 \"여자\")";

#[OpenApi(prefix_path = "/v1/sessions", tag = "ApiTags::Sessions")]
impl SessionsApi {
    /// Starts a conversation, optionally about a saved profile.
    #[oai(path = "/", method = "post", operation_id = "createSession")]
    async fn create(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        body: Json<NewSession>,
    ) -> Result<Created, ApiError> {
        let t = now();
        let session = Session {
            id: new_id(),
            title: body.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| "새 상담".into()),
            profile_id: body.profile_id.clone(),
            birth: None,
            created_at: t,
            updated_at: t,
            turns: 0,
            next_seq: 0,
        };
        let (store, user, saved) = (state.store.clone(), auth.0.id.clone(), session.clone());
        blocking(move || {
            if let Some(p) = &saved.profile_id {
                store
                    .get_profile(&user, p)
                    .map_err(|_| StoreError::Conflict("profile_id: 없는 프로필입니다".into()))?;
            }
            if store.list_sessions(&user)?.len() >= MAX_SESSIONS {
                return Err(StoreError::Conflict(format!(
                    "대화는 최대 {MAX_SESSIONS}개까지 보관합니다. 오래된 대화를 지워 주세요"
                )));
            }
            store.create_session(&user, &saved)
        })
        .await?;
        tracing::Span::current().record("session_id", session.id.as_str());
        Ok(Created::Created(Json(view(&session))))
    }

    /// The user's sessions, most recent first.
    #[oai(path = "/", method = "get", operation_id = "listSessions")]
    async fn list(&self, state: Data<&Arc<AppState>>, auth: UserAuth) -> Result<Json<Vec<SessionOut>>, ApiError> {
        let (store, user) = (state.store.clone(), auth.0.id.clone());
        let sessions = blocking(move || store.list_sessions(&user)).await?;
        Ok(Json(sessions.iter().map(view).collect()))
    }

    /// A session with its whole history.
    #[oai(path = "/:id", method = "get", operation_id = "getSession")]
    async fn get(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        #[oai(validator(pattern = r"^[A-Za-z0-9_-]{1,64}$"))] id: Path<String>,
    ) -> Result<Json<SessionWithHistory>, ApiError> {
        tracing::Span::current().record("session_id", id.0.as_str());
        let (store, user) = (state.store.clone(), auth.0.id.clone());
        let (session, messages) = blocking(move || {
            let s = store.get_session(&user, &id.0)?;
            let m = store.messages(&s.id, 0, usize::MAX)?;
            Ok((s, m))
        })
        .await
        .map_err(session_not_found)?;
        Ok(Json(SessionWithHistory {
            session: view(&session),
            messages: messages.into_iter().map(message_view).collect(),
        }))
    }

    /// Deletes a session and its messages.
    #[oai(path = "/:id", method = "delete", operation_id = "deleteSession")]
    async fn delete(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        #[oai(validator(pattern = r"^[A-Za-z0-9_-]{1,64}$"))] id: Path<String>,
    ) -> Result<Deleted, ApiError> {
        let (store, user, sid) = (state.store.clone(), auth.0.id.clone(), id.0.clone());
        blocking(move || store.delete_session(&user, &sid)).await.map_err(session_not_found)?;
        state.forget_session(&id.0);
        Ok(Deleted::Deleted)
    }

    /// Sends a message and returns the assistant's reply (stored with the message).
    #[oai(path = "/:id/messages", method = "post", operation_id = "sendMessage")]
    async fn send(
        &self,
        state: Data<&Arc<AppState>>,
        auth: UserAuth,
        #[oai(validator(pattern = r"^[A-Za-z0-9_-]{1,64}$"))] id: Path<String>,
        body: Json<NewMessage>,
    ) -> Result<Json<ReplyOut>, ApiError> {
        tracing::Span::current().record("session_id", id.0.as_str());
        let text = body.0.message;
        if text.trim().is_empty() {
            return Err(ApiError::bad_request("invalid_input", "메시지가 비어 있습니다"));
        }
        let (store, user, sid) = (state.store.clone(), auth.0.id.clone(), id.0.clone());
        let (session, profile_birth, history) = blocking(move || {
            let s = store.get_session(&user, &sid)?;
            let birth = match &s.profile_id {
                Some(p) => store.get_profile(&user, p).ok().map(|p| p.birth),
                None => None,
            };
            let from = s.next_seq.saturating_sub(2 * HISTORY_TURNS as u64);
            let history: Vec<(String, String)> =
                store.messages(&s.id, from, 2 * HISTORY_TURNS)?.into_iter().map(|m| (m.role, m.content)).collect();
            Ok((s, birth, history))
        })
        .await
        .map_err(session_not_found)?;
        if session.turns >= MAX_TURNS {
            return Err(ApiError::conflict(
                "session_full",
                format!("이 대화는 최대 {MAX_TURNS}턴에 도달했습니다. 새 대화를 시작해 주세요"),
            ));
        }

        // Birth data: the profile, else what this session was told before, updated by this message.
        let mut birth: Option<ChartRequest> = profile_birth.or(session.birth.clone());
        if let Some(mut said) = extract_birth(&text) {
            if said.gender.is_empty() {
                said.gender = birth.as_ref().map(|b| b.gender.clone()).unwrap_or_default();
            }
            birth = Some(said);
        } else if let Some(b) = birth.as_mut().filter(|b| b.gender.is_empty()) {
            if let Some(g) = gender_in(&text) {
                b.gender = g.into();
            }
        }

        let chart = match &birth {
            Some(b) if !b.gender.is_empty() => {
                Some(b.parse().and_then(|input| build_chart(&input, &ChartExtras::default())))
            }
            _ => None,
        };
        let (reply, chart_json, findings, citations, generator) = match (&birth, chart) {
            (Some(b), None) if b.gender.is_empty() => {
                (ASK_FOR_GENDER.to_string(), None, Vec::new(), Vec::new(), "composer".to_string())
            }
            (_, Some(Err(e))) => (
                format!("말씀하신 출생 정보로는 사주를 계산할 수 없습니다: {e}\n다시 한 번 확인해 주세요."),
                None,
                Vec::new(),
                Vec::new(),
                "composer".to_string(),
            ),
            (_, chart) => {
                let chart = chart.and_then(Result::ok);
                if chart.is_some() {
                    state.metrics.calculations.with_label_values(&["chart"]).inc();
                }
                let chart_json = chart.as_ref().map(|c| serde_json::to_value(c).expect("chart serializes"));
                let year = crate::saju::astro::julian::civil_from_jdn(now().div_euclid(86_400) + 2_440_588).0;
                let a = answer(&state.knowledge, &state.chain, &text, chart, year, history, &mut |_| {}).await;
                (a.text, chart_json, a.findings, a.citations, a.generator)
            }
        };
        let citations: Vec<Citation> =
            citations.into_iter().map(|p| Citation { id: p.id, title: p.title, source: p.source }).collect();
        let details = serde_json::json!({
            "findings": findings,
            "citations": citations
                .iter()
                .map(|c| serde_json::json!({"id": c.id, "title": c.title, "source": c.source}))
                .collect::<Vec<_>>(),
            "generator": generator,
        });
        let remember = session.profile_id.is_none().then_some(birth).flatten();
        let (store, user, sid, reply_text) = (state.store.clone(), auth.0.id.clone(), id.0.clone(), reply.clone());
        let (_, written) = blocking(move || {
            store.append_messages(
                &user,
                &sid,
                vec![("user".into(), text, serde_json::Value::Null), ("assistant".into(), reply_text, details)],
                1,
                MAX_TURNS,
                remember,
            )
        })
        .await
        .map_err(session_not_found)?;
        state.touch_session(&id.0);
        Ok(Json(ReplyOut {
            reply,
            user_seq: written[0].seq,
            reply_seq: written[1].seq,
            chart: chart_json.map(Any),
            findings: findings.into_iter().map(Any).collect(),
            citations,
            generator,
        }))
    }
}
