//! The conversation: understand a message (birth data, topic), compute the chart, compose the reply.
//! This is the deterministic composer; it always works, with no model and no network.

pub mod answer;
pub mod compat;
pub mod compose;
pub mod dialogue;
pub mod extract;
pub mod fortune;
pub mod narrate;
pub mod places;
pub mod understand;
pub mod weave;

pub use compose::{compose, Finding, Reply};
pub use extract::{extract_birth, gender_in, profile_reference};
pub use understand::Topic;
