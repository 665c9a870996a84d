//! The corpus rules of `knowledge/check.py`, in Rust: id form and place, topics, the `applies_when` grammar,
//! a Korean body of 3–8 sentences. Parse errors and duplicate ids are load errors; these are warnings an
//! operator sees in `saju index`.

use super::passage::Passage;
use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

pub const ALLOWED_TOPICS: [&str; 8] = ["성격", "직업", "재물", "연애", "건강", "운세", "궁합", "용어"];

/// A rule a passage breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationIssue {
    pub source: String,
    pub message: String,
}

impl fmt::Display for ValidationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

static ID_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$").unwrap());

fn alt(items: &[&str]) -> String {
    format!("(?:{})", items.join("|"))
}

/// The grammar of one atom of an `applies_when` string (a chart condition or a modifier).
static CONDITION_RE: LazyLock<Regex> = LazyLock::new(|| {
    let stem = "(?:갑|을|병|정|무|기|경|신|임|계)";
    let branch = "(?:자|축|인|묘|진|사|오|미|신|유|술|해)";
    let (stems, branches): (Vec<char>, Vec<char>) =
        ("갑을병정무기경신임계".chars().collect(), "자축인묘진사오미신유술해".chars().collect());
    let sixty: Vec<String> = (0..60).map(|i| format!("{}{}", stems[i % 10], branches[i % 12])).collect();
    let pillar = format!("(?:{})", sixty.join("|"));
    let ten_god = "(?:비견|겁재|식신|상관|편재|정재|편관|정관|편인|정인)";
    let group = "(?:비겁|식상|재성|관성|인성)";
    let element = "(?:wood|fire|earth|metal|water)";
    let stage = "(?:장생|목욕|관대|건록|제왕|쇠|병|사|묘|절|태|양)";
    let tg_pos = "(?:year_stem|year_branch|month_stem|month_branch|day_branch|hour_stem|hour_branch)";
    let br_pos = "(?:year_branch|month_branch|day_branch|hour_branch)";
    let kinds = "stem_combine|stem_clash|six_combine|three_harmony|half_harmony|directional|clash\
|punishment|self_punishment|break|harm|wonjin";
    let rel = format!("(?:{kinds})");
    let seun_rel = format!("(?:combine|{kinds})");
    let pos = "(?:year|month|day|hour)";
    let shinsal = "(?:dohwa|yeokma|hwagae|cheoneul|yangin|goegang|baekho|munchang|hongyeom|gwimun|gongmang)";
    let strength = "(?:very_weak|weak|balanced|strong|very_strong)";
    let condition = alt(&[
        &format!("day_stem:{stem}"),
        &format!("day_pillar:{pillar}"),
        &format!("stem:{stem}@(?:year_stem|month_stem|hour_stem)"),
        &format!("branch:{branch}@{br_pos}"),
        &format!("month_branch:{branch}"),
        &format!("ten_god:{ten_god}(?:@{tg_pos})?"),
        &format!("ten_god_group_excess:{group}"),
        &format!("ten_god_group_missing:{group}"),
        &format!("element_excess:{element}"),
        &format!("element_missing:{element}"),
        "element_balanced",
        &format!("life_stage:{stage}(?:@{br_pos})?"),
        &format!("relation:{rel}(?:@{pos}-{pos})?"),
        &format!("shinsal:{shinsal}"),
        &format!("strength:{strength}"),
        &format!("favourable:{element}"),
        &format!("daeun:{ten_god}"),
        &format!("seun:{ten_god}"),
        &format!("seun_relation:{seun_rel}"),
        &format!("today:{ten_god}"),
    ]);
    Regex::new(&format!("^{condition}$")).unwrap()
});

static MODIFIER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "^(?:gender:(?:male|female)|intent:(?:personality|career|wealth|love|health|year_fortune|today_fortune\
|daeun|compatibility|term))$",
    )
    .unwrap()
});

/// Whether `code` is a chart condition of the findings grammar (not a modifier).
pub fn is_condition(code: &str) -> bool {
    CONDITION_RE.is_match(code)
}

/// Whether `code` is a `gender:` or `intent:` modifier.
pub fn is_modifier(code: &str) -> bool {
    MODIFIER_RE.is_match(code)
}

/// Why an `applies_when` string is not valid, in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ConditionError(pub String);

/// Kinds of condition a chart has exactly one value of.
const SINGLE_VALUED: [&str; 6] = ["month_branch", "day_stem", "day_pillar", "strength", "gender", "intent"];

/// Checks one `applies_when` string: atoms of the grammar joined all-of with `&`, no atom twice, at most one
/// value per single-valued kind (the same rules as `knowledge/check.py`).
pub fn check_applies_when(text: &str) -> Result<(), ConditionError> {
    let parts: Vec<&str> = text.split('&').collect();
    if let Some(bad) = parts.iter().find(|p| !is_condition(p) && !is_modifier(p)) {
        return Err(ConditionError(format!("applies_when '{text}': '{bad}' does not match the grammar")));
    }
    // An all-of join: no atom twice, and at most one value of a kind that has one value per chart (two
    // month branches together can never hold).
    let mut atoms = parts.clone();
    atoms.sort_unstable();
    if atoms.windows(2).any(|w| w[0] == w[1]) {
        return Err(ConditionError(format!("applies_when '{text}' repeats a condition")));
    }
    let mut kinds: Vec<&str> =
        parts.iter().map(|p| p.split(':').next().unwrap_or("")).filter(|k| SINGLE_VALUED.contains(k)).collect();
    kinds.sort_unstable();
    if let Some(kind) = kinds.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]) {
        return Err(ConditionError(format!(
            "applies_when '{text}' joins two values of '{kind}', which a chart has only one of"
        )));
    }
    Ok(())
}

/// Sentence ends as check.py counts them: `. ! ?` (or full-width) not after a digit, followed by whitespace,
/// a closing quote or bracket, or the end.
pub fn count_sentences(body: &str) -> usize {
    let chars: Vec<char> = body.chars().collect();
    (0..chars.len())
        .filter(|&i| {
            matches!(chars[i], '.' | '!' | '?' | '。' | '！' | '？')
                && !(i > 0 && chars[i - 1].is_ascii_digit())
                && chars.get(i + 1).is_none_or(|c| c.is_whitespace() || "\"')]”’".contains(*c))
        })
        .count()
}

/// Every rule one passage breaks.
pub fn validate_passage(p: &Passage) -> Vec<String> {
    let mut out = Vec::new();
    if !ID_RE.is_match(&p.id) {
        out.push(format!("id '{}' is not lowercase ASCII dot-separated", p.id));
    }
    let file = p.source.rsplit('/').next().unwrap_or(&p.source);
    if file != format!("{}.md", p.id) {
        out.push(format!("id '{}' does not match the file name '{file}'", p.id));
    }
    if p.id.split('.').next() != Some(p.folder()) || !p.source.contains('/') {
        out.push(format!("id '{}' does not start with its folder '{}'", p.id, p.folder()));
    }
    for (key, list) in [("tags", &p.tags), ("synonyms", &p.synonyms), ("topics", &p.topics)] {
        if list.is_empty() {
            out.push(format!("'{key}' is empty"));
        }
    }
    for topic in &p.topics {
        if !ALLOWED_TOPICS.contains(&topic.as_str()) {
            out.push(format!("topic '{topic}' is not one of {}", ALLOWED_TOPICS.join(", ")));
        }
    }
    for cond in &p.applies_when {
        if let Err(e) = check_applies_when(cond) {
            out.push(e.0);
        }
    }
    let n = count_sentences(&p.body);
    if !(3..=8).contains(&n) {
        out.push(format!("body has {n} sentences (want 3-8)"));
    }
    if !p.body.chars().any(|c| ('가'..='힣').contains(&c)) {
        out.push("body is not Korean".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        for ok in [
            "ten_god:편관@month_branch",
            "intent:love&seun:정관&gender:female",
            "relation:clash@month-day",
            "element_balanced",
            "day_pillar:경진",
            "seun_relation:combine",
            "life_stage:병@day_branch",
            "ten_god:편관&day_stem:경",
            "element_missing:water&month_branch:오",
        ] {
            assert_eq!(check_applies_when(ok), Ok(()), "{ok}");
        }
        for bad in [
            "month_branch:사&month_branch:오",
            "ten_god:편관&ten_god:편관",
            "intent:love&intent:career",
            "day_pillar:갑축",
            "ten_god:편관@day_stem",
            "strength:medium",
            "seun_relation:combine@day-hour",
        ] {
            assert!(check_applies_when(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sentences() {
        assert_eq!(count_sentences("하나입니다. 둘입니다! 셋인가요? 1. 항목"), 3);
        assert_eq!(count_sentences("버전 2.5를 씁니다."), 1);
        assert_eq!(count_sentences("\"그렇다.\" 끝."), 2);
    }
}
