//! The strict front-matter parser. The corpus uses a YAML subset: `key: value` scalars and inline lists
//! `key: [a, b]` (items bare or quoted; `applies_when` items double-quoted), one key per line, no comments.
//! Every error names the file and the line.

use super::passage::Passage;
use std::fmt;

/// A problem in one file, at a 1-based line (0 when the whole file is concerned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

const KEYS: [&str; 6] = ["id", "title", "tags", "synonyms", "topics", "applies_when"];

/// Parses one passage file. `source` is its path relative to the corpus root.
pub fn parse_passage(source: &str, text: &str) -> Result<Passage, Vec<ParseError>> {
    let err = |line: usize, message: String| ParseError { file: source.to_string(), line, message };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(vec![err(1, "the file must start with a '---' line".into())]);
    }
    let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|i| i + 1) else {
        return Err(vec![err(0, "no closing '---' after the front matter".into())]);
    };

    let mut errors = Vec::new();
    let mut values: [Option<(usize, Value)>; 6] = Default::default();
    for (i, line) in lines[1..end].iter().enumerate() {
        let n = i + 2;
        if line.trim().is_empty() {
            continue;
        }
        if line.starts_with(char::is_whitespace) || line.trim_start().starts_with('#') {
            errors.push(err(n, "expected 'key: value' at the start of the line (no indentation, no comments)".into()));
            continue;
        }
        let Some((key, raw)) = line.split_once(':') else {
            errors.push(err(n, format!("expected 'key: value', found {line:?}")));
            continue;
        };
        if !(raw.is_empty() || raw.starts_with(' ')) {
            errors.push(err(n, format!("a space must follow '{key}:'")));
            continue;
        }
        let Some(slot) = KEYS.iter().position(|k| *k == key) else {
            errors.push(err(n, format!("unknown key {key:?} (allowed: {})", KEYS.join(", "))));
            continue;
        };
        if let Some((first, _)) = &values[slot] {
            errors.push(err(n, format!("duplicate key '{key}' (first on line {first})")));
            continue;
        }
        let raw = raw.trim();
        let parsed = if slot >= 2 {
            parse_list(raw, key == "applies_when").map(Value::List)
        } else {
            parse_scalar(raw).map(Value::Scalar)
        };
        match parsed {
            Ok(v) => values[slot] = Some((n, v)),
            Err(message) => errors.push(err(n, format!("{key}: {message}"))),
        }
    }
    for (slot, key) in KEYS.iter().enumerate() {
        if values[slot].is_none() && !errors.iter().any(|e| e.message.starts_with(&format!("{key}:"))) {
            errors.push(err(0, format!("missing key '{key}'")));
        }
    }
    let body = lines[end + 1..].join("\n").trim().to_string();
    if body.is_empty() {
        errors.push(err(end + 1, "empty body after the front matter".into()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut take = |slot: usize| values[slot].take().map(|(_, v)| v).expect("checked above");
    let scalar = |v: Value| match v {
        Value::Scalar(s) => s,
        Value::List(_) => unreachable!("scalar keys parse as scalars"),
    };
    let list = |v: Value| match v {
        Value::List(l) => l,
        Value::Scalar(_) => unreachable!("list keys parse as lists"),
    };
    Ok(Passage {
        id: scalar(take(0)),
        title: scalar(take(1)),
        tags: list(take(2)),
        synonyms: list(take(3)),
        topics: list(take(4)),
        applies_when: list(take(5)),
        body,
        source: source.to_string(),
    })
}

enum Value {
    Scalar(String),
    List(Vec<String>),
}

fn parse_scalar(raw: &str) -> Result<String, String> {
    let value = if raw.starts_with('"') {
        let mut chars = raw.chars().peekable();
        chars.next();
        let s = quoted(&mut chars, '"')?;
        if chars.next().is_some() {
            return Err("text after the closing quote".into());
        }
        s
    } else {
        raw.to_string()
    };
    if value.trim().is_empty() {
        return Err("empty value".into());
    }
    Ok(value.trim().to_string())
}

/// Reads a quoted string after its opening quote; `\"`, `\'` and `\\` are escapes.
fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, close: char) -> Result<String, String> {
    let mut out = String::new();
    loop {
        match chars.next() {
            None => return Err("unterminated quoted string".into()),
            Some('\\') => match chars.next() {
                Some(c @ ('"' | '\'' | '\\')) => out.push(c),
                Some(c) => return Err(format!("unknown escape '\\{c}'")),
                None => return Err("unterminated quoted string".into()),
            },
            Some(c) if c == close => return Ok(out),
            Some(c) => out.push(c),
        }
    }
}

fn parse_list(raw: &str, require_double_quotes: bool) -> Result<Vec<String>, String> {
    let inner = raw
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .ok_or_else(|| "expected an inline list [a, b]".to_string())?;
    let mut items = Vec::new();
    if inner.trim().is_empty() {
        return Ok(items);
    }
    let mut chars = inner.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let item = match chars.peek() {
            Some('"') => {
                chars.next();
                quoted(&mut chars, '"')?
            }
            Some('\'') if !require_double_quotes => {
                chars.next();
                quoted(&mut chars, '\'')?
            }
            _ => {
                let mut bare = String::new();
                while let Some(c) = chars.next_if(|c| *c != ',') {
                    if matches!(c, '"' | '\'' | '[' | ']') {
                        return Err(format!("unexpected {c:?} inside an unquoted item"));
                    }
                    bare.push(c);
                }
                if require_double_quotes && !bare.trim().is_empty() {
                    return Err(format!("items must be double-quoted, found {:?}", bare.trim()));
                }
                bare
            }
        };
        let item = item.trim();
        if item.is_empty() {
            return Err("empty item".into());
        }
        items.push(item.to_string());
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        match chars.next() {
            None => return Ok(items),
            Some(',') => continue,
            Some(c) => return Err(format!("expected ',' or ']' after {item:?}, found {c:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "---\nid: terms.x\ntitle: 제목 — 설명\ntags: [편관, 칠살]\nsynonyms: ['직장', \"상사\"]\n\
topics: [용어]\napplies_when: [\"ten_god:편관\", \"intent:term\"]\n---\n본문입니다. 둘째입니다. 셋째입니다.\n";

    #[test]
    fn parses_a_passage() {
        let p = parse_passage("terms/terms.x.md", OK).unwrap();
        assert_eq!(p.id, "terms.x");
        assert_eq!(p.title, "제목 — 설명");
        assert_eq!(p.synonyms, ["직장", "상사"]);
        assert_eq!(p.applies_when, ["ten_god:편관", "intent:term"]);
        assert_eq!(p.body, "본문입니다. 둘째입니다. 셋째입니다.");
        assert_eq!(p.source, "terms/terms.x.md");
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = OK
            .replace("topics: [용어]", "topics: 용어")
            .replace("applies_when: [\"ten_god:편관\"", "applies_when: [ten_god:편관");
        let errors = parse_passage("terms/terms.x.md", &bad).unwrap_err();
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(text[0].starts_with("terms/terms.x.md:6: topics:"), "{text:?}");
        assert!(text[1].starts_with("terms/terms.x.md:7: applies_when: items must be double-quoted"), "{text:?}");
    }

    #[test]
    fn rejects_unknown_duplicate_and_missing_keys() {
        let bad = OK.replace("tags: [편관, 칠살]\n", "tag: [편관]\ntitle: 또\n");
        let text: Vec<String> = parse_passage("a.md", &bad).unwrap_err().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            text,
            [
                "a.md:4: unknown key \"tag\" (allowed: id, title, tags, synonyms, topics, applies_when)",
                "a.md:5: duplicate key 'title' (first on line 3)",
                "a.md: missing key 'tags'"
            ]
        );
    }

    #[test]
    fn rejects_empty_items_and_missing_delimiters() {
        assert!(parse_list("[a, , b]", false).is_err());
        assert!(parse_list("[a, b", false).is_err());
        assert_eq!(parse_list("[]", true).unwrap(), Vec::<String>::new());
        assert_eq!(parse_list("[\"a, b\", \"c\"]", true).unwrap(), ["a, b", "c"]);
        assert!(parse_passage("a.md", "id: x\n").is_err());
        assert!(parse_passage("a.md", "---\nid: x\n").is_err());
        assert!(parse_passage("a.md", &OK.replace("\n본문입니다. 둘째입니다. 셋째입니다.\n", "\n")).is_err());
    }
}
