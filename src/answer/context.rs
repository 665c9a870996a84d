//! Everything an answer may use, gathered by the turn runner before any generator runs.

use super::findings::{findings, Finding};
use super::Topic;
use crate::saju::chart::model::Chart;

/// A knowledge passage as an answer cites it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PassageRef {
    /// Stable id, cited in answers as `[id]`.
    pub id: String,
    pub title: String,
    /// Where the idea comes from (a file of `knowledge/`, a classical text named as origin).
    pub source: String,
    pub body: String,
    /// The terms the passage is about (편관, 역마 …), as its front matter lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// The question and the facts an answer rests on. Generators use nothing else.
#[derive(Debug, Clone)]
pub struct AnswerContext {
    /// The user's message, as written.
    pub question: String,
    pub intent: Topic,
    /// The engine's chart; `None` when the birth data is still missing (the answer then asks for it).
    pub chart: Option<Chart>,
    /// Coded chart facts (`answer::findings`); the only chart facts a model is shown besides the chart itself.
    pub findings: Vec<Finding>,
    /// Knowledge passages, most relevant first (the prompt budget drops from the end).
    pub passages: Vec<PassageRef>,
    /// The conventions the chart was computed with (자시, time correction), in Korean; see
    /// [`super::conventions::for_prompt`].
    pub conventions: String,
    /// Earlier turns of this conversation, oldest first, without the current question.
    pub history: Vec<HistoryTurn>,
    /// A caution the answer must carry (health, money, law, relationships in crisis).
    pub caution: Option<String>,
    /// The current year: the running 대운 and this year's 세운 are read from it.
    pub year: i32,
    /// The current month (1–12), for "이번 달", "다음 달" and months named without a year.
    pub month: u32,
    /// The civil date in Korea the question is asked on (shifted for "내일은?"), for "다음 주" and days named.
    pub today: (i32, u32, u32),
    /// The second person's chart for a 궁합 question.
    pub partner: Option<Chart>,
    /// The year the question is about, relative to `year` (내년 → 1).
    pub year_offset: i32,
    /// The message voices a feeling (힘들다, 불안하다 …): the answer acknowledges it first.
    pub emotion: bool,
    /// The chart is the second person's ("그분", "남자친구분"), asked about in a follow-up.
    pub about: Option<String>,
    /// The second chart is this person's ("남편분", "새아버님") when a question weighs two people, or a 궁합 is
    /// of two people neither of whom is the user (then `about` names the first).
    pub partner_about: Option<String>,
}

impl AnswerContext {
    /// A context with the derived parts filled in: findings and conventions from the chart, and the caution
    /// the topic calls for. Passages and history start empty.
    pub fn new(question: impl Into<String>, intent: Topic, chart: Option<Chart>, year: i32) -> AnswerContext {
        let question = question.into();
        AnswerContext {
            findings: chart.as_ref().map(findings).unwrap_or_default(),
            conventions: chart.as_ref().map(super::conventions::for_prompt).unwrap_or_default(),
            caution: super::wording::caution_for(intent, &question).map(str::to_string),
            question,
            intent,
            chart,
            passages: Vec::new(),
            history: Vec::new(),
            year,
            month: 1,
            today: (year, 1, 1),
            partner: None,
            year_offset: 0,
            emotion: false,
            about: None,
            partner_about: None,
        }
    }
}

/// Who said an earlier turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    User,
    Assistant,
}

impl Speaker {
    /// The chat role name models use (`user`, `assistant`).
    pub fn role(self) -> &'static str {
        match self {
            Speaker::User => "user",
            Speaker::Assistant => "assistant",
        }
    }

    /// The speaker of a stored role name; anything but `assistant` is the user.
    pub fn from_role(role: &str) -> Speaker {
        if role == "assistant" {
            Speaker::Assistant
        } else {
            Speaker::User
        }
    }
}

/// One earlier turn of the conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryTurn {
    pub speaker: Speaker,
    pub text: String,
}
