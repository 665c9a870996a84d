//! The one turn runner: a message and what the conversation knows in; a typed [`TurnOutcome`] out.
//! decide (`dialogue`) → charts (the engine) → plugin findings → answer context (`answer`) → generator
//! chain (`llm`). Every door — the HTTP route, `saju ask` — calls [`run`]; storing the turn is the door's
//! job, with the outcome's state.

use super::dialogue::{decide_turn, Known, Pending, Step};
use super::state::ConversationState;
use super::understand::Missing;
use crate::answer::compose::small_talk;
use crate::answer::{context_for, wording, Finding, HistoryTurn, PassageRef, Question, Topic};
use crate::clock::KoreaTime;
use crate::knowledge::KnowledgeBase;
use crate::llm::{Cancel, ChainEvent, FallbackChain};
use crate::plugins::Registry;
use crate::saju::chart::model::Chart;
use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
use std::sync::Arc;

/// What a turn runs on, shared by every turn.
#[derive(Clone)]
pub struct Brain {
    pub knowledge: Arc<KnowledgeBase>,
    pub chain: Arc<FallbackChain>,
    pub plugins: Arc<Registry>,
}

/// One turn's input.
#[derive(Debug, Clone)]
pub struct TurnRequest {
    pub text: String,
    /// What the conversation knows before this message: its birth, saved people, the pending question.
    pub known: Known,
    /// Earlier turns, oldest first.
    pub history: Vec<HistoryTurn>,
    /// Now, in Korea: "this year" and "today".
    pub now: KoreaTime,
}

/// What a turn produced: the reply and everything it rests on, and what to keep for the next turn.
#[derive(Debug, Clone)]
pub struct TurnOutcome {
    pub reply: String,
    /// The generator whose text the reply is (`composer` for fixed replies and follow-up questions).
    pub generator: String,
    pub chart: Option<Chart>,
    /// The second person's chart (궁합).
    pub partner: Option<Chart>,
    pub findings: Vec<Finding>,
    pub citations: Vec<PassageRef>,
    /// When the reply is a follow-up question: what it asks for.
    pub follow_up: Option<Missing>,
    /// The conversation state after this turn.
    pub state: ConversationState,
    /// A birth completed in this turn, to keep as the conversation's.
    pub remember: Option<ChartRequest>,
    /// Charts the engine computed for this turn.
    pub charts_computed: u32,
}

impl TurnOutcome {
    fn fixed(reply: String, on_event: &mut (dyn FnMut(ChainEvent<'_>) + Send)) -> TurnOutcome {
        on_event(ChainEvent::Token(&reply));
        TurnOutcome {
            reply,
            generator: crate::llm::GroundedComposer::NAME.into(),
            chart: None,
            partner: None,
            findings: Vec::new(),
            citations: Vec::new(),
            follow_up: None,
            state: ConversationState::default(),
            remember: None,
            charts_computed: 0,
        }
    }
}

/// The turn was abandoned: the client went away or the server is shutting down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the turn was cancelled")]
pub struct Cancelled;

/// The chart for a request; one without a gender (not needed by the answer, or asked once and not given) is read
/// without it (`Chart::without_gender`: no 대운).
fn chart_of(birth: &Option<ChartRequest>) -> Option<Result<Chart, String>> {
    let b = birth.as_ref()?;
    if b.gender.is_empty() {
        // Either gender builds the same pillars; what depends on it (the 대운) is then taken out.
        let mut with = b.clone();
        with.gender = "male".into();
        return Some(
            with.parse()
                .and_then(|input| build_chart(&input, &ChartExtras::default()))
                .map(Chart::without_gender)
                .map_err(|e| e.to_string()),
        );
    }
    Some(b.parse().and_then(|input| build_chart(&input, &ChartExtras::default())).map_err(|e| e.to_string()))
}

/// Runs one turn. Tokens of the reply go to `on_event` as they are written; `cancel` stops the turn (and a
/// model's generation) at once.
pub async fn run(
    brain: &Brain,
    request: TurnRequest,
    on_event: &mut (dyn FnMut(ChainEvent<'_>) + Send),
    cancel: &Cancel,
) -> Result<TurnOutcome, Cancelled> {
    let TurnRequest { text, known, history, now } = request;
    let has_chart = known.own.is_some();
    let last_reply = history.iter().rev().find(|t| t.speaker == crate::answer::Speaker::Assistant);
    let crisis_before = wording::after_crisis(last_reply.map(|t| t.text.as_str()));
    let help_lines_repeated = history.iter().any(|t| t.text.contains(wording::HELP_LINES_AGAIN));
    let without_gender_said = history.iter().any(|t| t.text.contains(wording::READ_WITHOUT_GENDER));
    // A day asked about before the birth was given ("낼 소개팅인데 …" then the birth) is still that day.
    let asked_day = known.pending.as_ref().filter(|p| !p.answered).map_or(0, |p| p.day_offset);
    let known = Known { today: Some((now.month, now.day)), ..known };
    let session_own = known.own.clone();
    let decision = decide_turn(&text, now.year, known);
    // Right after the help lines, anything but a reading asked with a birth gets care and the lines again,
    // never a birth-data form; a reading is given with the lines added at its end.
    // A fear of calling or a goodnight is heard as itself, even beside a question of when.
    let heard_first = wording::fears_calling(&text) || wording::says_goodnight(&text);
    if crisis_before && (!matches!(decision.step, Step::Answer { .. }) || heard_first) {
        // Asked for a reading again after the care was said twice: the lines stay, and the reading goes on.
        // Only a reading asked by name ("재물운은요?"): "요즘은 그냥 …" after the care is heard, never sent a form.
        let reading_asked = !matches!(decision.topic, Topic::SmallTalk | Topic::Crisis)
            && (decision.topic != Topic::General || text.chars().any(|c| c.is_ascii_digit()));
        let twice = last_reply.is_some_and(|t| t.text.contains(wording::CRISIS_AGAIN)) && reading_asked && !heard_first;
        if let (true, Step::Ask { text: question, missing, pending }) = (twice, &decision.step) {
            let mut o = TurnOutcome::fixed(format!("{}\n\n{question}", wording::HELP_LINES_AGAIN), on_event);
            o.follow_up = Some(*missing);
            o.state.pending = Some((**pending).clone());
            return Ok(o);
        }
        let care = if wording::says_goodnight(&text) {
            wording::CRISIS_GOODNIGHT
        } else if wording::fears_calling(&text) {
            wording::CRISIS_CALL_FEAR
        } else if wording::asks_to_be_heard(&text) {
            wording::CRISIS_HEARD
        } else {
            wording::CRISIS_AGAIN
        };
        return Ok(TurnOutcome::fixed(care.to_string(), on_event));
    }
    let emotion = decision.emotion;
    let day = match super::understand::day_offset(&text) {
        0 => asked_day,
        d => d,
    };
    let today = shifted(now.date(), day);
    match decision.step {
        Step::Ask { text: question, missing, pending } => {
            // 삼재 needs only the 띠: read it now from the year or the animal said, and ask for the rest.
            let said: Vec<&str> = std::iter::once(text.as_str())
                .chain(
                    history.iter().rev().filter(|t| t.speaker == crate::answer::Speaker::User).map(|t| t.text.as_str()),
                )
                .collect();
            let question = match samjae_branch(&said, &decision.own).filter(|_| decision.topic == Topic::Samjae) {
                Some((branch, from_year)) => {
                    crate::answer::plans::samjae_by_animal(branch, now.year + pending.year_offset, from_year)
                }
                None => question,
            };
            // A second person told only by a year ("엄마는 77년 뱀띠야"): what the year carries, then the ask.
            let plain = crate::answer::followups::asks_plain_words(&text);
            let question = year_only(&pending, missing, session_own.as_ref(), plain).unwrap_or(question);
            let question = if emotion && missing == Missing::Date && wording::tells_a_loss(&text) {
                wording::feeling_before_ask(&text)
            } else if emotion {
                format!("{}\n{question}", wording::feeling_before_ask(&text))
            } else {
                question
            };
            let mut o = TurnOutcome::fixed(question, on_event);
            o.follow_up = Some(missing);
            o.state.pending = Some(*pending);
            Ok(o)
        }
        Step::SmallTalk { topic, keep } => {
            // A birth told in this very message counts: "대신 이 사주에서 …", not a request for it.
            let told = keep.as_ref().is_some_and(|p| !p.partner && !p.answered && p.facts.has_date());
            let mut o = TurnOutcome::fixed(small_talk(topic, &text, has_chart || told, &history), on_event);
            o.state.pending = keep.map(|p| *p);
            Ok(o)
        }
        Step::Answer { topic, year_offset, own, partner, remember, keep, about, partner_about } => {
            let keep = keep.map(|p| *p);
            // A topic whose answer needs no gender is read without it at once (the dialogue asks, once, only
            // where the answer needs it).
            let gender_asked = keep.as_ref().is_some_and(|p| p.gender_asked) || !topic.needs_gender();
            if own.as_ref().is_some_and(|b| b.gender.is_empty()) && !gender_asked {
                // The 대운 needs a gender even where the answer does not: asked once, keeping what was said;
                // not given then, the chart is read without it.
                let mut o = TurnOutcome::fixed(wording::ASK_FOR_GENDER.to_string(), on_event);
                let keep = keep.map(|p| Pending { gender_asked: true, ..p });
                (o.follow_up, o.state.pending) = (Some(Missing::Gender), keep);
                return Ok(o);
            }
            let (chart, partner_chart) = match (chart_of(&own), chart_of(&partner)) {
                (Some(Err(e)), _) | (_, Some(Err(e))) => {
                    return Ok(TurnOutcome::fixed(wording::cannot_compute(&e), on_event));
                }
                (c, p) => (c.and_then(Result::ok), p.and_then(Result::ok)),
            };
            let charts_computed = u32::from(chart.is_some()) + u32::from(partner_chart.is_some());
            let partner_for_plugins = partner_chart.as_ref().filter(|_| topic == Topic::Compatibility);
            let plugin_findings = plugin_findings(&brain.plugins, chart.as_ref(), partner_for_plugins).await;
            let question = Question {
                text,
                topic,
                chart: chart.clone(),
                partner: partner_chart.clone(),
                plugin_findings,
                year: now.year,
                year_offset,
                today,
                history,
                emotion,
                about,
                partner_about,
            };
            let ctx = context_for(&brain.knowledge, question);
            let outcome = brain.chain.run_with_cancel(&ctx, on_event, cancel).await.map_err(|_| Cancelled)?;
            for (name, error) in &outcome.attempts {
                tracing::warn!(generator = %name, error = %error, "generator failed; fell back");
            }
            let mut reply = outcome.text;
            // Read without the gender (asked once, not given): said once in the session.
            if chart.as_ref().is_some_and(|c| c.gender().is_none()) && !without_gender_said {
                let note = format!("\n\n{}", wording::READ_WITHOUT_GENDER);
                on_event(ChainEvent::Token(&note));
                reply.push_str(&note);
            }
            if crisis_before {
                // Said once in these words; after that in shorter ones (which end the crisis carry-over).
                let still = if help_lines_repeated { wording::HELP_LINES_STILL } else { wording::HELP_LINES_AGAIN };
                let lines = format!("\n\n{still}");
                on_event(ChainEvent::Token(&lines));
                reply.push_str(&lines);
            }
            Ok(TurnOutcome {
                reply,
                generator: outcome.generator,
                chart,
                partner: partner_chart,
                findings: ctx.findings,
                citations: ctx.passages,
                follow_up: None,
                // The facts and topic of this answer, for a correction or a "언제쯤?" next.
                state: ConversationState { pending: keep },
                remember,
                charts_computed,
            })
        }
    }
}

/// `date` moved by `days`.
fn shifted(date: (i32, u32, u32), days: i32) -> (i32, u32, u32) {
    use crate::saju::astro::julian::{civil_from_jdn, jdn_from_civil};
    civil_from_jdn(jdn_from_civil(date.0, date.1, date.2) + i64::from(days))
}

/// The enabled interpretation plugins' findings for the chart (their 궁합 reading when there is a partner),
/// computed off the async runtime.
async fn plugin_findings(plugins: &Arc<Registry>, chart: Option<&Chart>, partner: Option<&Chart>) -> Vec<Finding> {
    let Some(chart) = chart.cloned() else { return Vec::new() };
    if !plugins.has_active() {
        return Vec::new();
    }
    let (registry, partner) = (Arc::clone(plugins), partner.cloned());
    let found = tokio::task::spawn_blocking(move || match &partner {
        Some(p) => registry.compatibility(&chart, p),
        None => registry.interpret(&chart),
    })
    .await
    .unwrap_or_default();
    found.into_iter().map(|f| Finding { code: f.code, text: format!("{}: {}", f.title, f.text) }).collect()
}

/// The 띠 a 삼재 question gives: an animal named in the message ("개띠인데 엄마는요?"), else the year said
/// (`true`: from a year, so a birth before 입춘 may change it).
/// The reading a second person's year alone allows, while their month and day are asked for: the user's own
/// chart (kept in the pending facts or the session's) against that year.
fn year_only(pending: &Pending, missing: Missing, session_own: Option<&ChartRequest>, plain: bool) -> Option<String> {
    if !pending.partner || missing != Missing::MonthDay {
        return None;
    }
    let year = pending.facts.year?;
    let own = pending.own_facts.as_ref().and_then(|f| f.to_request()).or_else(|| session_own.cloned())?;
    let chart = chart_of(&Some(own))?.ok()?;
    let word = pending.facts.relation.as_deref().map_or_else(|| "상대분".to_string(), |r| wording::honorific(r, ""));
    // (Weighed with someone the user asked about — the daughter, for her fiancé — rather than with the user.)
    let whose = pending
        .own_facts
        .as_ref()
        .and_then(|f| f.relation.as_deref())
        .map_or_else(|| "본인".to_string(), |r| wording::honorific(r, ""));
    if plain {
        crate::answer::year_only::plain(&chart, year, &word, &whose)
    } else {
        crate::answer::year_only::reading(&chart, year, &word, &whose)
    }
}

fn samjae_branch(said: &[&str], own: &super::understand::BirthFacts) -> Option<(crate::saju::ganzhi::Branch, bool)> {
    let animal_in =
        |text: &str| text.char_indices().find_map(|(i, _)| crate::saju::ganzhi::Branch::of_zodiac_word_at(&text[i..]));
    // The message's own animal first, then its year, then an animal said earlier in the conversation.
    if let Some(branch) = said.first().and_then(|t| animal_in(t)) {
        return Some((branch, false));
    }
    if let Some(y) = own.year {
        return Some((crate::saju::pillars::year_pillar(y).branch(), true));
    }
    said.iter().skip(1).find_map(|t| animal_in(t)).map(|branch| (branch, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brain() -> Brain {
        Brain {
            knowledge: Arc::new(KnowledgeBase::embedded()),
            chain: Arc::new(crate::llm::from_config(&Default::default())),
            plugins: Arc::new(Registry::unavailable()),
        }
    }

    fn request(text: &str) -> TurnRequest {
        TurnRequest {
            text: text.into(),
            known: Known::default(),
            history: Vec::new(),
            now: KoreaTime { year: 2026, month: 11, day: 26, hour: 10, minute: 0 },
        }
    }

    async fn turn(text: &str) -> (TurnOutcome, String) {
        streamed(request(text)).await
    }

    /// The outcome of a turn and the text its events streamed.
    async fn streamed(request: TurnRequest) -> (TurnOutcome, String) {
        let mut tokens = String::new();
        let o = run(
            &brain(),
            request,
            &mut |e| {
                if let ChainEvent::Token(t) = e {
                    tokens.push_str(t)
                }
            },
            &Cancel::new(),
        )
        .await
        .unwrap();
        (o, tokens)
    }

    #[tokio::test]
    async fn the_composer_answers_with_citations() {
        let (a, tokens) = turn("1990년 5월 15일 오후 3시 30분 여자, 제 성격은 어떤가요?").await;
        assert_eq!(a.generator, "composer");
        assert_eq!(tokens, a.reply);
        assert!(a.reply.contains("경오년 신사월 경진일 갑신시"), "{}", a.reply);
        assert!(a.reply.contains('¹'), "a footnote mark for the first citation: {}", a.reply);
        assert!(a.citations.iter().all(|c| !a.reply.contains(&format!("[{}]", c.id))), "{}", a.reply);
        assert!(a.findings.iter().any(|f| f.code == "day_stem:경"));
        assert!(a.remember.is_some());
        let kept = a.state.pending.expect("the answer's facts are kept for the next turn");
        assert!(kept.answered && kept.topic == "personality" && kept.facts.year == Some(1990), "{kept:?}");
    }

    /// After the help lines, a hopeless reply gets care and the lines again (no form); a reading asked with a
    /// birth is given, with the lines at its end.
    #[tokio::test]
    async fn the_help_lines_stay_after_a_crisis_reply() {
        use crate::answer::{HistoryTurn, Speaker};
        let (crisis, _) = turn("다 포기하고 죽고 싶어요").await;
        assert!(crisis.reply.contains("109"), "{}", crisis.reply);
        let history = vec![
            HistoryTurn { speaker: Speaker::User, text: "다 포기하고 죽고 싶어요".into() },
            HistoryTurn { speaker: Speaker::Assistant, text: crisis.reply.clone() },
        ];
        let next = |text: &str| {
            let mut r = request(text);
            r.history = history.clone();
            r
        };
        let hopeless = run(&brain(), next("사주 봐도 어차피 안 좋겠죠"), &mut |_| {}, &Cancel::new()).await.unwrap();
        assert_eq!(hopeless.reply, wording::CRISIS_AGAIN);
        assert!(hopeless.follow_up.is_none() && !hopeless.reply.contains("생년월일"));
        let (reading, tokens) = streamed(next("1990년 5월 15일 오후 3시 30분 여자예요. 제 사주 좀 봐 주세요")).await;
        assert!(reading.chart.is_some());
        assert!(reading.reply.ends_with(wording::HELP_LINES_AGAIN), "{}", reading.reply);
        assert_eq!(tokens, reading.reply, "what is streamed is what is stored");
    }

    #[tokio::test]
    async fn a_term_question_is_answered_from_the_knowledge_base_without_a_chart() {
        let (a, _) = turn("편관이 뭐예요?").await;
        let first = &a.citations[0];
        assert!(first.title.contains("편관"), "{}", first.title);
        assert!(a.reply.contains(first.body.trim()), "{}", a.reply);
        assert!(!a.reply.contains("생년월일"), "no need to ask for the birth data: {}", a.reply);
    }

    #[tokio::test]
    async fn a_follow_up_question_keeps_what_was_said_in_the_state() {
        let (a, _) = turn("1990년 5월 15일생인데 직업운이 궁금해요").await;
        assert_eq!(a.follow_up, Some(Missing::Hour));
        let pending = a.state.pending.expect("the question waits for the hour");
        assert_eq!((pending.topic.as_str(), pending.facts.year), ("career", Some(1990)));
    }

    #[tokio::test]
    async fn a_cancelled_turn_stops() {
        let cancel = Cancel::new();
        cancel.cancel();
        let r = run(&brain(), request("1990년 5월 15일 오후 3시 30분 여자, 성격은?"), &mut |_| {}, &cancel).await;
        assert_eq!(r.unwrap_err(), Cancelled);
    }
}
