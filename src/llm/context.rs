//! Everything an answer may use, gathered by the chat orchestrator before any generator runs.

use crate::chat::compose::findings;
use crate::chat::{Finding, Topic};
use crate::saju::chart::model::Chart;
use crate::saju::pillars::ZiHour;
use crate::saju::time::TimeCorrection;

/// A knowledge passage as an answer cites it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PassageRef {
    /// Stable id, cited in answers as `[id]`.
    pub id: String,
    pub title: String,
    /// Where the idea comes from (a file of `knowledge/`, a classical text named as origin).
    pub source: String,
    pub body: String,
}

/// The question and the facts an answer rests on. Generators use nothing else.
#[derive(Debug, Clone)]
pub struct AnswerContext {
    /// The user's message, as written.
    pub question: String,
    pub intent: Topic,
    /// The engine's chart; `None` when the birth data is still missing (the answer then asks for it).
    pub chart: Option<Chart>,
    /// Coded chart facts (`chat::findings`); the only chart facts a model is shown besides the chart itself.
    pub findings: Vec<Finding>,
    /// Knowledge passages, most relevant first (the prompt budget drops from the end).
    pub passages: Vec<PassageRef>,
    /// The conventions the chart was computed with (자시, time correction), in Korean; see [`conventions_of`].
    pub conventions: String,
    /// Earlier turns of this conversation, oldest first, without the current question:
    /// (`user` | `assistant`, text).
    pub history: Vec<(String, String)>,
    /// A caution the answer must carry (health, money, law, relationships in crisis).
    pub caution: Option<String>,
    /// The current year: the running 대운 and this year's 세운 are read from it.
    pub year: i32,
    /// The second person's chart for a 궁합 question.
    pub partner: Option<Chart>,
}

impl AnswerContext {
    /// A context with the derived parts filled in: intent detected from the question, findings and
    /// conventions from the chart, and the caution the topic calls for. Passages and history start empty.
    pub fn new(question: impl Into<String>, chart: Option<Chart>, year: i32) -> AnswerContext {
        let question = question.into();
        let intent = Topic::detect(&question);
        AnswerContext {
            findings: chart.as_ref().map(findings).unwrap_or_default(),
            conventions: chart.as_ref().map(conventions_of).unwrap_or_default(),
            caution: default_caution(intent).map(str::to_string),
            question,
            intent,
            chart,
            passages: Vec::new(),
            history: Vec::new(),
            year,
            partner: None,
        }
    }
}

/// The caution a topic calls for by default.
pub fn default_caution(topic: Topic) -> Option<&'static str> {
    match topic {
        Topic::Health => Some("이 풀이는 전통 명리의 해석이며 의료 전문가의 진단이나 조언을 대신하지 않습니다."),
        Topic::Wealth => Some("이 풀이는 전통 명리의 해석이며 투자·재무 전문가의 조언을 대신하지 않습니다."),
        Topic::Compatibility => {
            Some("궁합은 전통 명리의 한 관점일 뿐, 두 사람의 관계를 정하는 것은 서로의 대화와 노력입니다.")
        }
        _ => None,
    }
}

/// The conventions a chart was computed with, in Korean, for the prompt and for the user.
pub fn conventions_of(chart: &Chart) -> String {
    let input = &chart.input;
    let zi = ZiHour::parse(input.zi_hour).map_or(input.zi_hour, ZiHour::hangul);
    let correction = TimeCorrection::parse(input.time_correction).map_or(input.time_correction, TimeCorrection::hangul);
    let c = &chart.birth.correction;
    let mut lines = vec![
        format!(
            "시간대: {} (UTC{}{})",
            input.timezone,
            chart.birth.utc_offset,
            if chart.birth.dst { ", 서머타임" } else { "" }
        ),
        format!("자시 처리: {zi}"),
    ];
    if input.hour_known {
        let shift = if c.shift_minutes.abs() >= 0.05 { format!(", {:+.1}분", c.shift_minutes) } else { String::new() };
        let longitude = c.longitude.map_or(String::new(), |l| format!(", 경도 {l:.2}°E"));
        lines.push(format!("시간 보정: {correction}{longitude}{shift} → 보정 시각 {}", chart.birth.corrected_clock));
    } else {
        lines.push("태어난 시각 모름: 시주 없이 세 기둥(년·월·일주)으로 계산".to_string());
    }
    lines.push(format!("절기·시 경계 경고 범위: {}분", input.boundary_window_minutes));
    lines.join("\n")
}
