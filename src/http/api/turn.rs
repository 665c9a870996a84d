//! One conversation turn, shared by the plain and the streamed reply: `prepare` does every check that can
//! fail with an HTTP error (session, limits, input), `finish` runs the chain and stores both messages.

use super::blocking;
use super::sessions::{session_not_found, Citation, ReplyOut, ASK_FOR_GENDER, HISTORY_TURNS, MAX_TURNS};
use crate::chat::answer::answer;
use crate::chat::{extract_birth, gender_in, profile_reference};
use crate::http::{ApiError, AppState};
use crate::llm::ChainEvent;
use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
use crate::store::{current_year, Session};
use poem_openapi::types::Any;
use std::sync::Arc;

pub struct Turn {
    state: Arc<AppState>,
    user: String,
    session: Session,
    text: String,
    birth: Option<ChartRequest>,
    history: Vec<(String, String)>,
}

pub async fn prepare(state: Arc<AppState>, user: String, session_id: String, text: String) -> Result<Turn, ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("invalid_input", "메시지가 비어 있습니다"));
    }
    let (store, u, said) = (state.store.clone(), user.clone(), text.clone());
    let (session, profile_birth, history) = blocking(move || {
        let s = store.get_session(&u, &session_id)?;
        let birth = match &s.profile_id {
            Some(p) => store.get_profile(&u, p).ok().map(|p| p.birth),
            // No profile chosen: a saved person the message names ("엄마 사주"), when unambiguous.
            None => {
                let profiles = store.list_profiles(&u)?;
                let keys: Vec<(String, String, String)> =
                    profiles.iter().map(|p| (p.id.clone(), p.name.clone(), p.relation.clone())).collect();
                profile_reference(&said, &keys)
                    .and_then(|id| profiles.iter().find(|p| p.id == id))
                    .map(|p| p.birth.clone())
            }
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
    if let Some(mut said) = extract_birth(&text, current_year()) {
        if said.gender.is_empty() {
            said.gender = birth.as_ref().map(|b| b.gender.clone()).unwrap_or_default();
        }
        birth = Some(said);
    } else if let Some(b) = birth.as_mut().filter(|b| b.gender.is_empty()) {
        if let Some(g) = gender_in(&text) {
            b.gender = g.into();
        }
    }
    Ok(Turn { state, user, session, text, birth, history })
}

pub async fn finish(turn: Turn, on_event: &mut (dyn FnMut(ChainEvent<'_>) + Send)) -> Result<ReplyOut, ApiError> {
    let Turn { state, user, session, text, birth, history } = turn;
    let chart = match &birth {
        Some(b) if !b.gender.is_empty() => {
            Some(b.parse().and_then(|input| build_chart(&input, &ChartExtras::default())))
        }
        _ => None,
    };
    let fixed = |t: String, on_event: &mut (dyn FnMut(ChainEvent<'_>) + Send)| {
        on_event(ChainEvent::Token(&t));
        t
    };
    let (reply, chart_json, findings, citations, generator) = match (&birth, chart) {
        (Some(b), None) if b.gender.is_empty() => {
            (fixed(ASK_FOR_GENDER.to_string(), on_event), None, Vec::new(), Vec::new(), "composer".to_string())
        }
        (_, Some(Err(e))) => (
            fixed(
                format!("말씀하신 출생 정보로는 사주를 계산할 수 없습니다: {e}\n다시 한 번 확인해 주세요."),
                on_event,
            ),
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
            let year = current_year();
            let a = answer(&state.knowledge, &state.chain, &text, chart, year, history, on_event).await;
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
    let (store, sid, reply_text) = (state.store.clone(), session.id.clone(), reply.clone());
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
    state.touch_session(&session.id);
    Ok(ReplyOut {
        reply,
        user_seq: written[0].seq,
        reply_seq: written[1].seq,
        chart: chart_json.map(Any),
        findings: findings.into_iter().map(Any).collect(),
        citations,
        generator,
    })
}
