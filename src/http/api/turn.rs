//! The HTTP side of one conversation turn, shared by the plain and the streamed reply: [`prepare`] does
//! every check that can fail with an HTTP error (session, limits, input) and loads what the conversation
//! knows; [`finish`] runs the turn (`chat::turn`) and stores both messages with the new conversation state.

use super::blocking;
use super::sessions::{session_not_found, Citation, ReplyOut, HISTORY_TURNS, MAX_TURNS};
use crate::answer::{HistoryTurn, Speaker};
use crate::chat::dialogue::{Known, SavedPerson};
use crate::chat::state::ConversationState;
use crate::chat::{Brain, TurnOutcome, TurnRequest};
use crate::http::errors::ErrorCode;
use crate::http::{ApiError, AppState};
use crate::llm::{Cancel, ChainEvent};
use crate::saju::chart::model::Chart;
use crate::store::{NewMessage, Session, TurnWrite};
use poem_openapi::types::Any;
use std::sync::Arc;

pub struct Turn {
    state: Arc<AppState>,
    user: String,
    session: Session,
    request: TurnRequest,
}

pub async fn prepare(state: Arc<AppState>, user: String, session_id: String, text: String) -> Result<Turn, ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidInput, "메시지가 비어 있습니다"));
    }
    let (store, u, sid) = (state.store.clone(), user.clone(), session_id.clone());
    let (session, profiles, history, stored_state) = blocking(move || {
        let s = store.get_session(&u, &sid)?;
        let profiles: Vec<SavedPerson> = store
            .list_profiles(&u)?
            .into_iter()
            .map(|p| SavedPerson { id: p.id, name: p.name, relation: p.relation, birth: p.birth })
            .collect();
        let from = s.next_seq.saturating_sub(2 * HISTORY_TURNS as u64);
        let messages = store.messages(&s.id, from, 2 * HISTORY_TURNS)?;
        let history: Vec<HistoryTurn> = messages
            .into_iter()
            .map(|m| HistoryTurn { speaker: Speaker::from_role(&m.role), text: m.content })
            .collect();
        let stored_state = store.conversation_state(&s.id)?;
        Ok((s, profiles, history, stored_state))
    })
    .await
    .map_err(session_not_found)?;
    if session.turns >= MAX_TURNS {
        return Err(ApiError::new(
            ErrorCode::SessionFull,
            format!("이 대화는 최대 {MAX_TURNS}턴에 도달했습니다. 새 대화를 시작해 주세요"),
        ));
    }
    let conversation = match stored_state.as_deref().map(ConversationState::decode).transpose() {
        Ok(s) => s.unwrap_or_default(),
        Err(e) => {
            // Never silently dropped: logged, and answered with an error the user can act on.
            tracing::error!(session_id = %session.id, error = %e, "conversation state unreadable");
            return Err(ApiError::new(
                ErrorCode::ConversationStateUnreadable,
                "이 대화의 진행 상태를 읽을 수 없습니다. 새 대화를 시작해 주세요",
            ));
        }
    };
    let own = match &session.profile_id {
        Some(id) => profiles.iter().find(|p| &p.id == id).map(|p| p.birth.clone()),
        None => session.birth.clone(),
    };
    let known = Known {
        own,
        session_profile: session.profile_id.clone(),
        profiles,
        pending: conversation.pending,
        today: None,
    };
    let request = TurnRequest { text, known, history, now: state.clock.korea_now() };
    Ok(Turn { state, user, session, request })
}

/// Runs the turn and stores it. `cancel` stops the turn when the client goes away or the server shuts
/// down; nothing is stored then.
pub async fn finish(
    turn: Turn,
    on_event: &mut (dyn FnMut(ChainEvent<'_>) + Send),
    cancel: &Cancel,
) -> Result<ReplyOut, ApiError> {
    let Turn { state, user, session, request } = turn;
    let text = request.text.clone();
    let brain = Brain {
        knowledge: Arc::clone(&state.knowledge),
        chain: Arc::clone(&state.chain),
        plugins: Arc::clone(&state.plugins),
    };
    let o: TurnOutcome = crate::chat::run(&brain, request, on_event, cancel)
        .await
        .map_err(|_| ApiError::new(ErrorCode::Cancelled, "요청이 취소되었습니다"))?;
    state.metrics.calculations.with_label_values(&["chart"]).inc_by(u64::from(o.charts_computed));
    let citations: Vec<Citation> =
        o.citations.into_iter().map(|p| Citation { id: p.id, title: p.title, source: p.source }).collect();
    let details = serde_json::json!({
        "findings": o.findings,
        "citations": citations
            .iter()
            .map(|c| serde_json::json!({"id": c.id, "title": c.title, "source": c.source}))
            .collect::<Vec<_>>(),
        "generator": o.generator,
    });
    let write = TurnWrite {
        messages: vec![
            NewMessage { role: "user".into(), content: text, details: serde_json::Value::Null },
            NewMessage { role: "assistant".into(), content: o.reply.clone(), details },
        ],
        new_turns: 1,
        max_turns: MAX_TURNS,
        birth: o.remember.filter(|_| session.profile_id.is_none()),
        state: o.state.encode(),
    };
    let (store, sid) = (state.store.clone(), session.id.clone());
    let (_, written) = blocking(move || store.append_turn(&user, &sid, write)).await.map_err(session_not_found)?;
    state.touch_session(&session.id);
    let json = |c: &Chart| Any(serde_json::to_value(c).expect("chart serializes"));
    Ok(ReplyOut {
        reply: o.reply,
        user_seq: written[0].seq,
        reply_seq: written[1].seq,
        chart: o.chart.as_ref().map(json),
        partner_chart: o.partner.as_ref().map(json),
        findings: o.findings.into_iter().map(Any).collect(),
        citations,
        generator: o.generator,
        follow_up: o.follow_up.map(|m| m.code().to_string()),
    })
}
