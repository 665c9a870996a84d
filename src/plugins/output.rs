//! Reading a plugin's answer out of its memory: sizes are checked before anything is copied, then every
//! field is checked against the contract.

use super::bindings::{wit, RawFinding, RawMetadata};
use super::host::{CallState, Fault, FaultKind, Limits, PluginMeta};
use wasmtime::component::{WasmList, WasmStr};
use wasmtime::Store;

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
const MAX_INTENTS: usize = 16;
pub const INTENTS: [&str; 8] =
    ["personality", "career", "wealth", "love", "health", "year_fortune", "daeun", "compatibility"];

fn invalid(message: impl Into<String>) -> Fault {
    Fault::new(FaultKind::InvalidOutput, message)
}

/// Copies a string out, charging its bytes to `budget`.
fn take(store: &mut Store<CallState>, s: &WasmStr, budget: &mut usize, field: &str) -> Result<String, Fault> {
    let text = s.to_str(&*store).map_err(|e| invalid(format!("{field}: {e}")))?;
    if text.len() > *budget {
        return Err(Fault::new(FaultKind::OutputTooLarge, format!("출력이 {}바이트 한도를 넘었습니다", *budget)));
    }
    *budget -= text.len();
    Ok(text.into_owned())
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

fn position_code(p: wit::Position) -> &'static str {
    match p {
        wit::Position::Year => "year",
        wit::Position::Month => "month",
        wit::Position::Day => "day",
        wit::Position::Hour => "hour",
    }
}

pub(super) fn read_findings(
    store: &mut Store<CallState>,
    plugin: &str,
    list: WasmList<RawFinding>,
    limits: &Limits,
) -> Result<Vec<PluginFinding>, Fault> {
    if list.len() > limits.max_findings {
        return Err(Fault::new(
            FaultKind::OutputTooLarge,
            format!("발견 {}건: 한 번에 {}건까지 돌려줄 수 있습니다", list.len(), limits.max_findings),
        ));
    }
    let raws: Vec<RawFinding> = list
        .iter(&mut *store)
        .map_err(|e| invalid(e.to_string()))?
        .collect::<wasmtime::Result<_>>()
        .map_err(|e| invalid(e.to_string()))?;
    let mut budget = limits.max_output_bytes;
    let mut out = Vec::with_capacity(raws.len());
    for raw in raws {
        let code = take(store, &raw.code, &mut budget, "code")?;
        if !valid_code(&code) {
            return Err(invalid(format!("code는 [a-z0-9_.-] 1~{MAX_CODE}자여야 합니다: {code:?}")));
        }
        let title = take(store, &raw.title, &mut budget, "title")?;
        chars_within(&title, "title", MAX_TITLE)?;
        let text = take(store, &raw.text, &mut budget, "text")?;
        chars_within(&text, "text", MAX_TEXT)?;
        if !has_hangul(&title) || !has_hangul(&text) {
            return Err(invalid(format!("{code}: title과 text는 한국어여야 합니다")));
        }
        let school = take(store, &raw.school, &mut budget, "school")?;
        chars_within(&school, "school", MAX_SCHOOL)?;
        if !(-100..=100).contains(&raw.weight) {
            return Err(invalid(format!("{code}: weight는 -100~100이어야 합니다 ({})", raw.weight)));
        }
        if raw.pillars.len() > 8 {
            return Err(invalid(format!("{code}: pillars가 너무 많습니다 ({})", raw.pillars.len())));
        }
        let pillars = raw
            .pillars
            .iter(&mut *store)
            .map_err(|e| invalid(e.to_string()))?
            .map(|p| p.map(position_code))
            .collect::<wasmtime::Result<Vec<_>>>()
            .map_err(|e| invalid(format!("{code}: pillars: {e}")))?;
        out.push(PluginFinding {
            plugin: plugin.to_string(),
            code: format!("plugin:{plugin}:{code}"),
            title,
            text,
            weight: raw.weight,
            pillars: pillars.into_iter().map(String::from).collect(),
            school,
        });
    }
    Ok(out)
}

pub(super) fn read_metadata(
    store: &mut Store<CallState>,
    raw: RawMetadata,
    limits: &Limits,
) -> Result<PluginMeta, Fault> {
    let mut budget = limits.max_output_bytes;
    let id = take(store, &raw.id, &mut budget, "id")?;
    if !valid_id(&id) {
        return Err(invalid(format!("id는 [a-z0-9-] 1~40자여야 합니다: {id:?}")));
    }
    let name = take(store, &raw.name, &mut budget, "name")?;
    chars_within(&name, "name", MAX_TITLE)?;
    let version = take(store, &raw.version, &mut budget, "version")?;
    chars_within(&version, "version", 32)?;
    let school = take(store, &raw.school, &mut budget, "school")?;
    chars_within(&school, "school", MAX_SCHOOL)?;
    let description = take(store, &raw.description, &mut budget, "description")?;
    chars_within(&description, "description", MAX_TEXT)?;
    if raw.intents.len() > MAX_INTENTS {
        return Err(invalid("intents가 너무 많습니다"));
    }
    let raws: Vec<WasmStr> = raw
        .intents
        .iter(&mut *store)
        .map_err(|e| invalid(e.to_string()))?
        .collect::<wasmtime::Result<_>>()
        .map_err(|e| invalid(e.to_string()))?;
    let mut intents = Vec::new();
    for s in &raws {
        let intent = take(store, s, &mut budget, "intents")?;
        if !INTENTS.contains(&intent.as_str()) {
            return Err(invalid(format!("알 수 없는 intent입니다: {intent:?} ({})", INTENTS.join(", "))));
        }
        intents.push(intent);
    }
    Ok(PluginMeta { id, name, version, school, description, intents })
}
