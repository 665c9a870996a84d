//! Checking a plugin's answer against the contract (sizes were already bounded while it was copied out).

use super::bindings::{wit, RawFinding, RawMetadata};
use super::bounded::BoundedList;
use super::host::{Fault, FaultKind, PluginMeta};

/// A checked finding, with its code namespaced by the plugin: `plugin:<id>:<code>`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PluginFinding {
    pub plugin: String,
    pub code: String,
    pub title: String,
    pub text: String,
    /// −100 (unfavourable) ..= 100 (favourable).
    pub weight: i32,
    /// `year`, `month`, `day`, `hour`.
    pub pillars: Vec<String>,
    pub school: String,
}

const MAX_CODE: usize = 48;
const MAX_TITLE: usize = 60;
const MAX_TEXT: usize = 600;
const MAX_SCHOOL: usize = 60;
const MAX_PILLARS: usize = 8;
pub const INTENTS: [&str; 8] =
    ["personality", "career", "wealth", "love", "health", "year_fortune", "daeun", "compatibility"];

fn invalid(message: impl Into<String>) -> Fault {
    Fault::new(FaultKind::InvalidOutput, message)
}

fn chars_within(s: &str, field: &str, max: usize) -> Result<(), Fault> {
    let n = s.chars().count();
    if n == 0 || n > max {
        return Err(invalid(format!("{field}의 길이는 1~{max}자여야 합니다 ({n}자)")));
    }
    if s.chars().any(|c| c.is_control() && c != '\n') {
        return Err(invalid(format!("{field}에 제어 문자가 있습니다")));
    }
    Ok(())
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

pub fn valid_code(code: &str) -> bool {
    (1..=MAX_CODE).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'-'))
}

pub fn valid_id(id: &str) -> bool {
    (1..=40).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn position_code(p: &wit::Position) -> &'static str {
    match p {
        wit::Position::Year => "year",
        wit::Position::Month => "month",
        wit::Position::Day => "day",
        wit::Position::Hour => "hour",
    }
}

fn finding(plugin: &str, raw: RawFinding) -> Result<PluginFinding, Fault> {
    let code = raw.code.0;
    if !valid_code(&code) {
        return Err(invalid(format!("code는 [a-z0-9_.-] 1~{MAX_CODE}자여야 합니다: {code:?}")));
    }
    chars_within(&raw.title.0, "title", MAX_TITLE)?;
    chars_within(&raw.text.0, "text", MAX_TEXT)?;
    if !has_hangul(&raw.title.0) || !has_hangul(&raw.text.0) {
        return Err(invalid(format!("{code}: title과 text는 한국어여야 합니다")));
    }
    chars_within(&raw.school.0, "school", MAX_SCHOOL)?;
    if !(-100..=100).contains(&raw.weight) {
        return Err(invalid(format!("{code}: weight는 -100~100이어야 합니다 ({})", raw.weight)));
    }
    if raw.pillars.0.len() > MAX_PILLARS {
        return Err(invalid(format!("{code}: pillars는 {MAX_PILLARS}개까지입니다 ({})", raw.pillars.0.len())));
    }
    Ok(PluginFinding {
        plugin: plugin.to_string(),
        code: format!("plugin:{plugin}:{code}"),
        title: raw.title.0,
        text: raw.text.0,
        weight: raw.weight,
        pillars: raw.pillars.0.iter().map(|p| position_code(p).to_string()).collect(),
        school: raw.school.0,
    })
}

pub(super) fn read_findings(plugin: &str, list: BoundedList<RawFinding>) -> Result<Vec<PluginFinding>, Fault> {
    list.0.into_iter().map(|raw| finding(plugin, raw)).collect()
}

pub(super) fn read_metadata(raw: RawMetadata) -> Result<PluginMeta, Fault> {
    let id = raw.id.0;
    if !valid_id(&id) {
        return Err(invalid(format!("id는 [a-z0-9-] 1~40자여야 합니다: {id:?}")));
    }
    chars_within(&raw.name.0, "name", MAX_TITLE)?;
    chars_within(&raw.version.0, "version", 32)?;
    chars_within(&raw.school.0, "school", MAX_SCHOOL)?;
    chars_within(&raw.description.0, "description", MAX_TEXT)?;
    let mut intents = Vec::new();
    for intent in raw.intents.0 {
        if !INTENTS.contains(&intent.0.as_str()) {
            return Err(invalid(format!("알 수 없는 intent입니다: {:?} ({})", intent.0, INTENTS.join(", "))));
        }
        intents.push(intent.0);
    }
    Ok(PluginMeta {
        id,
        name: raw.name.0,
        version: raw.version.0,
        school: raw.school.0,
        description: raw.description.0,
        intents,
    })
}
