//! One conversation turn, shared by the plain and the streamed reply: `prepare` does every check that can
//! fail with an HTTP error (session, limits, input) and decides the turn (`chat::dialogue`), `finish` asks,
//! chats or answers, and stores both messages.

use super::blocking;
use super::sessions::{session_not_found, Citation, ReplyOut, ASK_FOR_GENDER, HISTORY_TURNS, MAX_TURNS};
use crate::chat::answer::{answer_question, Question};
use crate::chat::dialogue::{decide, Known, Pending, Step};
use crate::chat::fortune::today_in_korea;
use crate::chat::narrate::small_talk;
use crate::chat::Topic;
use crate::http::{ApiError, AppState};
use crate::llm::ChainEvent;
use crate::saju::chart::model::Chart;
use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
use crate::store::{current_year, Session};
use poem_openapi::types::Any;
use std::sync::Arc;

pub struct Turn {
    state: Arc<AppState>,
    user: String,
    session: Session,
    text: String,
    step: Step,
    history: Vec<(String, String)>,
}

pub async fn prepare(state: Arc<AppState>, user: String, session_id: String, text: String) -> Result<Turn, ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("invalid_input", "메시지가 비어 있습니다"));
    }
    let (store, u) = (state.store.clone(), user.clone());
    let (session, known, history) = blocking(move || {
        let s = store.get_session(&u, &session_id)?;
        let profiles: Vec<_> =
            store.list_profiles(&u)?.into_iter().map(|p| (p.id, p.name, p.relation, p.birth)).collect::<Vec<_>>();
        let from = s.next_seq.saturating_sub(2 * HISTORY_TURNS as u64);
        let messages = store.messages(&s.id, from, 2 * HISTORY_TURNS)?;
        let pending: Option<Pending> = messages
            .iter()
            .rev()
            .find(|m| m.role == "assistant")
            .and_then(|m| m.details.get("pending"))
            .and_then(|p| serde_json::from_value(p.clone()).ok());
        let own = match &s.profile_id {
            Some(id) => profiles.iter().find(|p| &p.0 == id).map(|p| p.3.clone()),
            None => s.birth.clone(),
        };
        let known = Known { own, session_profile: s.profile_id.clone(), profiles, pending };
        let history = messages.into_iter().map(|m| (m.role, m.content)).collect();
        Ok((s, known, history))
    })
    .await
    .map_err(session_not_found)?;
    if session.turns >= MAX_TURNS {
        return Err(ApiError::conflict(
            "session_full",
            format!("이 대화는 최대 {MAX_TURNS}턴에 도달했습니다. 새 대화를 시작해 주세요"),
        ));
    }
    let step = decide(&text, current_year(), known);
    Ok(Turn { state, user, session, text, step, history })
}

/// The chart for a request, `None` while the gender is missing.
fn chart_of(birth: &Option<ChartRequest>) -> Option<Result<Chart, String>> {
    let b = birth.as_ref().filter(|b| !b.gender.is_empty())?;
    Some(b.parse().and_then(|input| build_chart(&input, &ChartExtras::default())).map_err(|e| e.to_string()))
}

struct Outcome {
    reply: String,
    chart: Option<Chart>,
    partner: Option<Chart>,
    findings: Vec<crate::chat::Finding>,
    citations: Vec<crate::llm::PassageRef>,
    generator: String,
    pending: Option<Pending>,
    follow_up: Option<String>,
    remember: Option<ChartRequest>,
}

impl Outcome {
    fn fixed(reply: String, on_event: &mut (dyn FnMut(ChainEvent<'_>) + Send)) -> Outcome {
        on_event(ChainEvent::Token(&reply));
        Outcome {
            reply,
            chart: None,
            partner: None,
            findings: Vec::new(),
            citations: Vec::new(),
            generator: "composer".into(),
            pending: None,
            follow_up: None,
            remember: None,
        }
    }
}

async fn outcome(
    state: &AppState,
    text: &str,
    step: Step,
    history: Vec<(String, String)>,
    has_chart: bool,
    on_event: &mut (dyn FnMut(ChainEvent<'_>) + Send),
) -> Outcome {
    match step {
        Step::Ask { text: question, missing, pending } => {
            let mut o = Outcome::fixed(question, on_event);
            (o.pending, o.follow_up) = (Some(*pending), Some(missing.code().to_string()));
            o
        }
        Step::SmallTalk { topic, keep } => {
            let mut o = Outcome::fixed(small_talk(topic, text, has_chart), on_event);
            o.pending = keep.map(|p| *p);
            o
        }
        Step::Answer { topic, year_offset, own, partner, remember } => {
            if own.as_ref().is_some_and(|b| b.gender.is_empty()) {
                return Outcome::fixed(ASK_FOR_GENDER.to_string(), on_event);
            }
            let (chart, partner_chart) = match (chart_of(&own), chart_of(&partner)) {
                (Some(Err(e)), _) | (_, Some(Err(e))) => {
                    return Outcome::fixed(
                        format!("말씀하신 출생 정보로는 사주를 계산할 수 없습니다: {e}\n다시 한 번 확인해 주세요."),
                        on_event,
                    )
                }
                (c, p) => (c.and_then(Result::ok), p.and_then(Result::ok)),
            };
            state
                .metrics
                .calculations
                .with_label_values(&["chart"])
                .inc_by(u64::from(chart.is_some()) + u64::from(partner_chart.is_some()));
            let partner_for_plugins = partner_chart.as_ref().filter(|_| topic == Topic::Compatibility);
            let plugin_findings = super::plugins::chat_findings(state, chart.as_ref(), partner_for_plugins).await;
            let q = Question {
                text: text.to_string(),
                topic,
                chart: chart.clone(),
                partner: partner_chart.clone(),
                plugin_findings,
                year: current_year(),
                year_offset,
                today: today_in_korea(),
                history,
            };
            let a = answer_question(&state.knowledge, &state.chain, q, on_event).await;
            Outcome {
                reply: a.text,
                chart,
                partner: partner_chart,
                findings: a.findings,
                citations: a.citations,
                generator: a.generator,
                pending: None,
                follow_up: None,
                remember,
            }
        }
    }
}

pub async fn finish(turn: Turn, on_event: &mut (dyn FnMut(ChainEvent<'_>) + Send)) -> Result<ReplyOut, ApiError> {
    let Turn { state, user, session, text, step, history } = turn;
    let has_chart = session.birth.is_some() || session.profile_id.is_some();
    let o = outcome(&state, &text, step, history, has_chart, on_event).await;
    let citations: Vec<Citation> =
        o.citations.into_iter().map(|p| Citation { id: p.id, title: p.title, source: p.source }).collect();
    let mut details = serde_json::json!({
        "findings": o.findings,
        "citations": citations
            .iter()
            .map(|c| serde_json::json!({"id": c.id, "title": c.title, "source": c.source}))
            .collect::<Vec<_>>(),
        "generator": o.generator,
    });
    if let Some(p) = &o.pending {
        details["pending"] = serde_json::to_value(p).expect("pending serializes");
    }
    let remember = o.remember.filter(|_| session.profile_id.is_none());
    let (store, sid, reply_text) = (state.store.clone(), session.id.clone(), o.reply.clone());
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
        follow_up: o.follow_up,
    })
}
