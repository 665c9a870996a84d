//! The conversation: what the user means (`understand`), what this turn does (`dialogue`), what it keeps
//! between turns (`state`), and the one turn runner every door calls (`turn`). What a reply says is
//! `answer`'s; who phrases it is `llm`'s.

pub mod dialogue;
pub mod people;
pub mod places;
pub mod state;
pub mod turn;
pub mod understand;

pub use people::{gender_in, profile_reference};
pub use turn::{run, Brain, TurnOutcome, TurnRequest};
pub use understand::Topic;
