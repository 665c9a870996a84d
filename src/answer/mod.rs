//! What a reply says: deterministic, no I/O, no async. The topic vocabulary, the findings and their
//! producers (natal, 세운, 일진, 궁합; plugins' findings arrive from the turn runner), the [`AnswerContext`],
//! passage selection, the grounded composer's text, every fixed sentence, and the grounding policy (what any
//! generator may claim). "Where do I change what the bot says?" — here.

pub mod birth_dates;
pub mod choices;
pub mod climate;
pub mod compat;
pub mod compose;
pub mod context;
pub mod conventions;
pub mod days;
pub mod decision;
pub mod findings;
pub mod followups;
pub mod fortune;
pub mod grounding;
pub mod hard_year;
pub mod life_choices;
pub mod passages;
pub mod plans;
pub mod questions;
pub mod reading;
pub mod relation_advice;
pub mod season;
pub mod star_groups;
pub mod timing;
pub mod topic;
pub mod twins;
pub mod weave;
pub mod which_of_two;
pub mod window;
pub mod wording;
pub mod year_only;

pub use context::{AnswerContext, HistoryTurn, PassageRef, Speaker};
pub use findings::Finding;
pub use passages::{context_for, Question};
pub use topic::{says_this_year, TimingTopic, Topic};

/// A chart for the answer layer's unit tests (Seoul, default conventions).
#[cfg(test)]
pub(crate) fn test_chart(datetime: &str, gender: &str) -> crate::saju::chart::model::Chart {
    use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
    let r = ChartRequest { datetime: datetime.into(), gender: gender.into(), ..Default::default() };
    build_chart(&r.parse().expect("a valid test birth"), &ChartExtras::default()).expect("a chart")
}
