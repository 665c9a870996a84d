//! Chat sessions: create, list, read with history, delete, and send a message.

use super::models::rfc3339;
use super::turn;
use super::{blocking, ApiTags};
use crate::answer::Finding;
use crate::http::auth::UserAuth;
use crate::http::{ApiError, AppState};
use crate::llm::ChainEvent;
use crate::store::{new_id, now, Message, Session, StoreError};
use futures_util::stream::BoxStream;
use poem::web::sse::Event;
use poem::web::Data;
use poem_openapi::param::Header;
use poem_openapi::param::Path;
use poem_openapi::payload::EventStream;
use poem_openapi::payload::Json;
use poem_openapi::types::Any;
use poem_openapi::types::ToJSON as _;
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
    /// For a 궁합 answer: the second person's chart (CHART JSON); `findings` then holds both charts' facts
    /// and the `compat:` findings between them.
    pub partner_chart: Option<Any<serde_json::Value>>,
    /// Chart facts cited by the answer.
    pub findings: Vec<Any<Finding>>,
    /// Knowledge passages the answer rests on.
    pub citations: Vec<Citation>,
    /// Which generator wrote the reply (`composer`, `remote`, …).
    pub generator: String,
    /// When the reply is a follow-up question: what it asks for (`date`, `year`, `month_day`, `am_pm`,
    /// `hour`, `gender`).
    pub follow_up: Option<String>,
}

#[derive(ApiResponse)]
enum Created {
    #[oai(status = 201)]
    Created(Json<SessionOut>),
}

#[derive(ApiResponse)]
enum SendResponse {
    /// The reply (with `Accept: application/json` or no Accept header).
    #[oai(status = 200)]
    Json(Json<ReplyOut>),
    /// The reply streamed (with `Accept: text/event-stream`): `delta` text pieces (JSON strings), `reset`
    /// (discard the text so far), then `done` with the same JSON as the plain reply, or `error` with `{code, message}`.
    #[oai(status = 200)]
    Stream(EventStream<BoxStream<'static, ReplyEvent>>),
}

/// One event of a streamed reply. On the wire: `event: delta` with the text piece as a JSON string,
/// `event: reset` with the abandoned generator's name as a JSON string, `event: done` with the reply JSON,
/// `event: error` with `{code, message}`.
#[derive(Debug, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct ReplyEvent {
    /// `delta`, `reset`, `done` or `error`.
    pub event: String,
    pub text: Option<String>,
    pub reply: Option<ReplyOut>,
    pub error: Option<crate::http::ErrorBody>,
}

impl ReplyEvent {
    fn text(event: &str, text: &str) -> ReplyEvent {
        ReplyEvent { event: event.into(), text: Some(text.into()), reply: None, error: None }
    }

    fn into_sse(self) -> Event {
        let data = match (&self.text, &self.reply, &self.error) {
            // JSON strings, so newlines and spaces at the edges survive the SSE framing.
            (Some(t), _, _) => serde_json::Value::String(t.clone()).to_string(),
            (_, Some(r), _) => r.to_json_string(),
            (_, _, Some(e)) => serde_json::json!({"code": e.code, "message": e.message}).to_string(),
            _ => String::new(),
        };
        Event::message(data).event_type(self.event)
    }
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

pub(super) fn session_not_found(e: ApiError) -> ApiError {
    match e {
        ApiError::NotFound(_) => ApiError::not_found("대화 세션"),
        other => other,
    }
}

/// Stream events buffered for a client that reads slower than the answer is written.
const EVENTS_IN_FLIGHT: usize = 1024;

/// Earlier turns given to the generators as history.
pub const HISTORY_TURNS: usize = 6;

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
                store.get_profile(&user, p).map_err(|_| StoreError::UnknownProfile(p.clone()))?;
            }
            store.create_session(&user, &saved, MAX_SESSIONS)
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
        /// `text/event-stream` for a streamed reply (SSE events `delta`, `reset`, `done`, `error`).
        #[oai(name = "accept")]
        accept: Header<Option<String>>,
    ) -> Result<SendResponse, ApiError> {
        tracing::Span::current().record("session_id", id.0.as_str());
        let turn = turn::prepare(Arc::clone(&state), auth.0.id, id.0, body.0.message).await?;
        let wants_stream = accept.0.as_deref().is_some_and(|a| a.contains("text/event-stream"));
        // The turn stops when the server shuts down (and, streamed, when the client goes away).
        let cancel = state.shutdown.child();
        if !wants_stream {
            return Ok(SendResponse::Json(Json(turn::finish(turn, &mut |_| {}, &cancel).await?)));
        }
        // SSE: `delta` events carry the text as it is written, `reset` says to discard the text so far
        // (a generator gave up and another one answers), `done` carries the same JSON as the plain reply.
        let (tx, rx) = tokio::sync::mpsc::channel::<ReplyEvent>(EVENTS_IN_FLIGHT);
        let watcher = (tx.clone(), cancel.clone());
        tokio::spawn(async move {
            // The client went away (the stream, and with it the receiver, was dropped): stop the turn.
            // Once the turn has sent its last event it fires the signal itself, so this task ends and
            // drops its sender, and the stream ends after `done`.
            tokio::select! {
                _ = watcher.0.closed() => watcher.1.cancel(),
                _ = watcher.1.cancelled() => {}
            }
        });
        tokio::spawn(async move {
            let events = tx.clone();
            let stop = cancel.clone();
            let result = turn::finish(
                turn,
                &mut |e| {
                    let event = match e {
                        ChainEvent::Token(t) => ReplyEvent::text("delta", t),
                        ChainEvent::Reset { generator } => ReplyEvent::text("reset", generator),
                    };
                    // A client that stops reading while the buffer is full is given up on.
                    if events.try_send(event).is_err() {
                        stop.cancel();
                    }
                },
                &cancel,
            )
            .await;
            let last = match result {
                Ok(reply) => ReplyEvent { event: "done".into(), text: None, reply: Some(reply), error: None },
                Err(e) => ReplyEvent {
                    event: "error".into(),
                    text: None,
                    reply: None,
                    error: Some(super::charts::error_body(e)),
                },
            };
            let _ = tx.send(last).await;
            // The turn is over: release the watcher (its sender keeps the stream open otherwise).
            cancel.cancel();
        });
        let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|e| (e, rx)) });
        let stream: BoxStream<'static, ReplyEvent> = Box::pin(stream);
        // A comment line every 15 s keeps proxies and the idle timeout from taking a slow answer for a dead one.
        Ok(SendResponse::Stream(
            EventStream::new(stream).keep_alive(std::time::Duration::from_secs(15)).to_event(ReplyEvent::into_sse),
        ))
    }
}
