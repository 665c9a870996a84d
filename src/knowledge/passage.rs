//! One knowledge passage and its parsed `applies_when` conditions.

use serde::Serialize;

/// One passage of the corpus: one idea in 3–8 Korean sentences with its front matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    pub id: String,
    pub title: String,
    /// Domain terms the passage is about (편관, 칠살, 관성).
    pub tags: Vec<String>,
    /// Everyday words people use when asking (직장, 상사, 남편).
    pub synonyms: Vec<String>,
    /// Any of 성격, 직업, 재물, 연애, 건강, 운세, 궁합, 용어.
    pub topics: Vec<String>,
    /// Chart conditions, any-of; `&` inside one string is all-of.
    pub applies_when: Vec<String>,
    pub body: String,
    /// Path relative to the corpus root, `/`-separated (`ten_gods/ten_gods.pyeon_gwan.month.md`).
    pub source: String,
}

impl Passage {
    /// The folder the passage lives in (the first path segment of `source`).
    pub fn folder(&self) -> &str {
        self.source.split('/').next().unwrap_or("")
    }

    /// The text a dense embedder sees: title, terms and everyday words, then the body.
    pub fn embedding_text(&self) -> String {
        format!("{}\n{}\n{}\n{}", self.title, self.tags.join(", "), self.synonyms.join(", "), self.body)
    }
}

/// One `applies_when` string split into its `&`-joined parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Condition {
    pub parts: Vec<String>,
}

impl Condition {
    pub fn parse(text: &str) -> Self {
        Condition { parts: text.split('&').map(|p| p.trim().to_string()).collect() }
    }

    /// Whether every part holds: `intent:X` parts against `intent` (or a literal `intent:X` code), the rest
    /// (including `gender:`) against the codes.
    pub fn holds(&self, codes: &std::collections::HashSet<&str>, intent: Option<&str>) -> bool {
        self.parts.iter().all(|part| match part.strip_prefix("intent:") {
            Some(x) => intent == Some(x) || codes.contains(part.as_str()),
            None => codes.contains(part.as_str()),
        })
    }

    /// Sort key: more parts first, then more positional (`@`) parts.
    pub fn specificity(&self) -> (usize, usize) {
        (self.parts.len(), self.parts.iter().filter(|p| p.contains('@')).count())
    }
}
