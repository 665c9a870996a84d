//! Understanding a message: what it asks ([`Topic`]) and what it says about a birth ([`BirthFacts`]);
//! across turns the facts add up ([`BirthFacts::merge`]) until nothing is [`Missing`], and the
//! [`follow_up`] question asks for what is.

pub mod birth;
pub mod intent;
pub mod numbers;

pub use birth::{gender_in, BirthFacts, Missing};
pub use intent::{year_offset, Topic};

use crate::answer::wording::{follow_up_question, Ask};

/// What one message says.
#[derive(Debug, Clone, PartialEq)]
pub struct Understanding {
    pub topic: Topic,
    /// The fortune's year relative to this one (내년 → 1).
    pub year_offset: i32,
    pub birth: BirthFacts,
}

/// Reads `text`, with `this_year` for two-digit years.
pub fn understand(text: &str, this_year: i32) -> Understanding {
    Understanding {
        topic: Topic::detect(text),
        year_offset: year_offset(text),
        birth: BirthFacts::parse(text, this_year),
    }
}

/// The short question asking for what is missing; `partner` when the facts are the second person's (궁합).
pub fn follow_up(missing: Missing, facts: &BirthFacts, partner: bool) -> String {
    let ask = match missing {
        Missing::Date => Ask::Birth,
        Missing::Year => Ask::Year { month: facts.month.unwrap_or(0), day: facts.day.unwrap_or(0) },
        Missing::MonthDay => Ask::MonthDay { year: facts.year.unwrap_or(0) },
        Missing::AmPm => Ask::AmPm { hour: facts.hour.unwrap_or(0) },
        Missing::Hour => Ask::Hour { gender_too: facts.gender.is_none() },
        Missing::Gender => Ask::Gender,
    };
    follow_up_question(ask, partner)
}
