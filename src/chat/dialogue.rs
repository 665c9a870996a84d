//! One turn's decision, from what the message says and what the conversation already knows: ask a short
//! follow-up question (and remember the facts so far), answer small talk, or answer a topic with the
//! user's birth and, for 궁합, the second person's.
//!
//! State between turns is the [`Pending`] record kept in the conversation state (`chat::state`): the
//! facts gathered so far, whose they are, and the question that is waiting for them.

use super::people::profile_reference;
use super::understand::{follow_up, understand, BirthFacts, Missing, Topic};
use crate::saju::chart::ChartRequest;
use serde::{Deserialize, Serialize};

/// What a follow-up question waits for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The facts are the second person's (궁합).
    #[serde(default)]
    pub partner: bool,
    #[serde(default)]
    pub facts: BirthFacts,
    /// The topic asked before the follow-up ([`Topic::code`]).
    pub topic: String,
    /// The hour was asked for once; not giving it now means "unknown".
    #[serde(default)]
    pub asked_hour: bool,
    #[serde(default)]
    pub year_offset: i32,
    /// A second person's facts given while the user's own were still being asked for.
    #[serde(default)]
    pub partner_facts: Option<BirthFacts>,
}

/// A person the user saved (a profile).
#[derive(Debug, Clone, PartialEq)]
pub struct SavedPerson {
    pub id: String,
    pub name: String,
    /// `self`, `family`, `partner`, … as the profile says.
    pub relation: String,
    pub birth: ChartRequest,
}

/// What the conversation knows before this message.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The session's profile, or the birth this session was told before.
    pub own: Option<ChartRequest>,
    /// The session is about a saved profile (its id).
    pub session_profile: Option<String>,
    pub profiles: Vec<SavedPerson>,
    pub pending: Option<Pending>,
}

/// One value per turn, moved once: the variants' sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Ask {
        text: String,
        missing: Missing,
        pending: Box<Pending>,
    },
    SmallTalk {
        topic: Topic,
        keep: Option<Box<Pending>>,
    },
    Answer {
        topic: Topic,
        year_offset: i32,
        own: Option<ChartRequest>,
        partner: Option<ChartRequest>,
        /// A birth completed in this turn, to keep for the rest of the session.
        remember: Option<ChartRequest>,
    },
}

/// The partner's gender from the words naming them (남자친구 → male).
fn partner_gender(text: &str) -> Option<String> {
    let male = ["남자친구", "남친", "남편", "남자 친구", "신랑", "그 남자"];
    let female = ["여자친구", "여친", "아내", "와이프", "여자 친구", "신부", "그 여자"];
    if male.iter().any(|w| text.contains(w)) {
        Some("male".into())
    } else if female.iter().any(|w| text.contains(w)) {
        Some("female".into())
    } else {
        None
    }
}

fn ask(missing: Missing, pending: Pending) -> Step {
    Step::Ask { text: follow_up(missing, &pending.facts, pending.partner), missing, pending: Box::new(pending) }
}

/// Decides the turn for `text`.
pub fn decide(text: &str, this_year: i32, known: Known) -> Step {
    let u = understand(text, this_year);
    let pending = known.pending.clone();
    let topic = match (u.topic, &pending) {
        (Topic::General, Some(p)) => Topic::from_code(&p.topic).unwrap_or(Topic::General),
        (t, _) => t,
    };
    if matches!(topic, Topic::SmallTalk | Topic::OutOfScope) {
        return Step::SmallTalk { topic, keep: pending.map(Box::new) };
    }
    let year_offset = if u.year_offset != 0 { u.year_offset } else { pending.as_ref().map_or(0, |p| p.year_offset) };
    let compat = topic == Topic::Compatibility;
    let keys: Vec<(String, String, String)> =
        known.profiles.iter().map(|p| (p.id.clone(), p.name.clone(), p.relation.clone())).collect();
    let birth_of = |id: &str| known.profiles.iter().find(|p| p.id == id).map(|p| p.birth.clone());
    // A saved person the message names is the user's subject, or for 궁합 the second person.
    let named = profile_reference(text, &keys).map(str::to_string);
    let mut own = known.own.clone();
    if own.is_none() || (!compat && known.session_profile.is_none()) {
        if let Some(b) = named.as_deref().filter(|_| !compat).and_then(birth_of) {
            own = Some(b);
        } else if own.is_none() && compat {
            own = known.profiles.iter().find(|p| p.relation == "self").map(|p| p.birth.clone());
        }
    }
    let own_pending = pending.clone().filter(|p| !p.partner);
    let mut remember = None;
    let mut message_used = false;
    let speaks_of_own = own_pending.is_some() || (!compat && u.birth.has_date()) || (own.is_none() && !compat);
    if speaks_of_own {
        let asked_hour = own_pending.as_ref().is_some_and(|p| p.asked_hour);
        let facts = own_pending.as_ref().map(|p| p.facts.clone()).unwrap_or_default().merge(&u.birth);
        message_used = true;
        match facts.missing(asked_hour) {
            Some(Missing::Date) if !topic.needs_chart() => {}
            Some(missing) => {
                let partner_facts = own_pending.and_then(|p| p.partner_facts);
                return ask(
                    missing,
                    Pending {
                        partner: false,
                        facts,
                        topic: topic.code().into(),
                        asked_hour: asked_hour || missing == Missing::Hour,
                        year_offset,
                        partner_facts,
                    },
                );
            }
            None => {
                own = facts.to_request();
                remember = own.clone();
            }
        }
    } else if let Some(b) = own.as_mut().filter(|b| b.gender.is_empty()) {
        b.gender = u.birth.gender.clone().unwrap_or_default();
    }
    if compat && own.is_none() {
        // 궁합 before the user's own birth is known: ask for it first, keep what was said of the other.
        let partner_facts = (!u.birth.is_empty()).then(|| u.birth.clone());
        let pending = Pending {
            partner: false,
            facts: BirthFacts::default(),
            topic: topic.code().into(),
            asked_hour: false,
            year_offset,
            partner_facts,
        };
        let text = format!(
            "궁합을 보려면 먼저 본인의 출생 정보가 필요해요.\n{}",
            follow_up(Missing::Date, &pending.facts, false)
        );
        return Step::Ask { text, missing: Missing::Date, pending: Box::new(pending) };
    }
    let mut partner = None;
    if compat {
        let partner_pending = pending.clone().filter(|p| p.partner);
        let earlier =
            partner_pending.as_ref().map(|p| p.facts.clone()).or_else(|| pending.and_then(|p| p.partner_facts));
        let said = if message_used { BirthFacts::default() } else { u.birth.clone() };
        let mut facts = earlier.unwrap_or_default().merge(&said);
        if facts.gender.is_none() {
            facts.gender = partner_gender(text);
        }
        let saved = named.as_deref().filter(|_| !facts.has_date()).and_then(birth_of);
        if saved.is_some() {
            partner = saved;
        } else {
            let asked_hour = partner_pending.as_ref().is_some_and(|p| p.asked_hour);
            match facts.missing(asked_hour) {
                Some(missing) => {
                    return ask(
                        missing,
                        Pending {
                            partner: true,
                            facts,
                            topic: topic.code().into(),
                            asked_hour: asked_hour || missing == Missing::Hour,
                            year_offset,
                            partner_facts: None,
                        },
                    )
                }
                None => partner = facts.to_request(),
            }
        }
    }
    Step::Answer { topic, year_offset, own, partner, remember }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(messages: &[&str]) -> Step {
        let mut known = Known::default();
        let mut last = None;
        for m in messages {
            let step = decide(m, 2026, known.clone());
            known.pending = match &step {
                Step::Ask { pending, .. } => Some((**pending).clone()),
                Step::SmallTalk { keep, .. } => keep.as_deref().cloned(),
                Step::Answer { remember, .. } => {
                    if remember.is_some() {
                        known.own = remember.clone();
                    }
                    None
                }
            };
            last = Some(step);
        }
        last.unwrap()
    }

    fn answer_of(step: Step) -> (Topic, Option<ChartRequest>, Option<ChartRequest>) {
        match step {
            Step::Answer { topic, own, partner, .. } => (topic, own, partner),
            other => panic!("expected an answer, got {other:?}"),
        }
    }

    #[test]
    fn birth_data_over_three_turns_then_the_question_asked_first() {
        let step = turns(&["제 성격이 궁금해요", "1990년 5월 15일생이에요"]);
        assert!(matches!(step, Step::Ask { missing: Missing::Hour, .. }), "{step:?}");
        let (topic, own, _) =
            answer_of(turns(&["제 성격이 궁금해요", "1990년 5월 15일생이에요", "오후 3시요, 여자예요"]));
        assert_eq!(topic, Topic::Personality);
        assert_eq!(own.unwrap().datetime, "1990-05-15T15:00:00");
    }

    #[test]
    fn an_hour_asked_once_and_not_given_means_unknown() {
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일생 남자", "그냥 봐 주세요"]));
        assert_eq!(own.unwrap().datetime, "1990-05-15");
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일생 남자", "시간은 몰라요"]));
        assert_eq!(own.unwrap().datetime, "1990-05-15");
    }

    #[test]
    fn an_ambiguous_hour_is_asked_about() {
        let step = turns(&["1990년 5월 15일 3시 남자"]);
        assert!(
            matches!(&step, Step::Ask { missing: Missing::AmPm, text, .. } if text.contains("오전 3시")),
            "{step:?}"
        );
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일 3시 남자", "오후요"]));
        assert_eq!(own.unwrap().datetime, "1990-05-15T15:00:00");
    }

    #[test]
    fn compatibility_with_a_second_person_in_the_next_message() {
        let me = "1990년 5월 15일 오후 3시 30분 여자";
        let step = turns(&[me, "남자친구랑 궁합 봐주세요"]);
        assert!(matches!(&step, Step::Ask { pending, .. } if pending.partner), "{step:?}");
        let (topic, own, partner) = answer_of(turns(&[me, "남자친구랑 궁합 봐주세요", "1992년 3월 4일 오전 10시요"]));
        assert_eq!(topic, Topic::Compatibility);
        assert_eq!(own.unwrap().datetime, "1990-05-15T15:30:00");
        let partner = partner.unwrap();
        assert_eq!((partner.datetime.as_str(), partner.gender.as_str()), ("1992-03-04T10:00:00", "male"));
    }

    #[test]
    fn compatibility_before_the_users_own_birth_keeps_the_partners_facts() {
        let step = turns(&["1992년 3월 4일 오전 10시 남자랑 궁합 어때요?"]);
        assert!(matches!(&step, Step::Ask { pending, .. } if !pending.partner && pending.partner_facts.is_some()));
        let (_, own, partner) = answer_of(turns(&[
            "1992년 3월 4일 오전 10시 남자랑 궁합 어때요?",
            "저는 1990년 5월 15일 오후 3시 여자예요",
        ]));
        assert_eq!(own.unwrap().datetime, "1990-05-15T15:00:00");
        assert_eq!(partner.unwrap().datetime, "1992-03-04T10:00:00");
    }

    #[test]
    fn small_talk_keeps_a_pending_question() {
        let step = turns(&["1990년 5월 15일생", "안녕하세요"]);
        assert!(matches!(step, Step::SmallTalk { keep: Some(_), .. }));
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일생", "안녕하세요", "새벽 두시 남자"]));
        assert_eq!(own.unwrap().datetime, "1990-05-15T02:00:00");
    }
}
