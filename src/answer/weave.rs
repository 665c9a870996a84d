//! Weaving knowledge passages into an answer: the sentences of a passage that speak to the chart's facts
//! and the question, and deterministic variety (the same chart and question always read the same, two
//! charts do not read like one template).

/// The sentences of a passage body, each with its closing punctuation.
pub fn sentences(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next_is_gap = chars.get(i + 1).is_none_or(|(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '?') && next_is_gap {
            let end = at + c.len_utf8();
            let s = body[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let tail = body[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

/// Words that open a sentence by pointing back at the one before: out of context they point at nothing.
const BACK_REFERENCES: &[&str] = &[
    "하나는",
    "다른 하나는",
    "첫째",
    "둘째",
    "이런",
    "이러한",
    "이처럼",
    "이렇게",
    "이때",
    "이 경우",
    "이는",
    "그런",
    "그러한",
    "그렇다면",
    "그 때문에",
];
/// Conjunctions that only link to the sentence before; dropped when that sentence is not quoted with it.
const CONJUNCTIONS: &[&str] = &[
    "대신",
    "그래서",
    "하지만",
    "그러나",
    "또한",
    "따라서",
    "반면",
    "그러므로",
    "그런데",
    "다만",
    "그리고",
    "또",
    "즉",
];

/// `sentence` without a leading conjunction (and the comma after it), when it has one.
fn without_conjunction(sentence: &str) -> &str {
    for c in CONJUNCTIONS {
        if let Some(rest) = sentence.strip_prefix(c) {
            if let Some(rest) = rest.strip_prefix(',').or(Some(rest)).filter(|r| r.starts_with(' ')) {
                return rest.trim_start();
            }
        }
    }
    sentence
}

/// Up to `n` sentences of `body` that mention the most `keywords`, in the passage's own order. The first
/// sentence (a passage's thesis) wins ties. A sentence quoted without the one before it loses a leading
/// conjunction, and one that opens by pointing back ("이런 구조는…") is not quoted alone.
pub fn pick(body: &str, keywords: &[String], n: usize) -> Vec<String> {
    // The composer is not checked like a model, so it never repeats a passage's word of certainty.
    let all: Vec<&str> = sentences(body)
        .into_iter()
        .filter(|s| !super::grounding::CERTAINTY_WORDS.iter().any(|w| s.contains(w)))
        .filter(|s| !BACK_REFERENCES.iter().any(|w| s.starts_with(w)))
        .collect();
    let mut scored: Vec<(usize, usize)> = all
        .iter()
        .enumerate()
        .map(|(i, s)| (i, keywords.iter().filter(|k| !k.is_empty() && s.contains(k.as_str())).count()))
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<usize> = scored.into_iter().take(n).map(|(i, _)| i).collect();
    chosen.sort_unstable();
    let mut out: Vec<String> = Vec::new();
    for (k, &i) in chosen.iter().enumerate() {
        let follows_previous = k > 0 && chosen[k - 1] + 1 == i;
        out.push(if follows_previous { all[i] } else { without_conjunction(all[i]) }.to_string());
    }
    out
}

/// A stable 64-bit hash (FNV-1a) of the parts: the seed of an answer's wording.
pub fn seed(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// One of `options`, chosen by `seed` and `salt` (so two choices in one answer vary independently).
pub fn choose<'a>(seed: u64, salt: u64, options: &[&'a str]) -> &'a str {
    let mixed = seed ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    options[(mixed.rotate_left((salt % 64) as u32) % options.len() as u64) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_picks() {
        let body = "편관은 압력입니다. 책임감으로 바뀌기도 합니다! 직장에서 드러납니다. 3.5점은 예시입니다.";
        assert_eq!(sentences(body).len(), 4);
        let picked = pick(body, &["직장".to_string()], 2);
        assert_eq!(picked, vec!["편관은 압력입니다.", "직장에서 드러납니다."]);
        assert_eq!(seed(&["a", "b"]), seed(&["a", "b"]));
        assert_ne!(seed(&["ab", ""]), seed(&["a", "b"]));
        let options = ["가", "나", "다"];
        let picks: std::collections::BTreeSet<&str> =
            (0..40).map(|s| choose(seed(&[&s.to_string()]), 1, &options)).collect();
        assert_eq!(picks.len(), 3, "every option is reachable");
    }

    #[test]
    fn quoted_alone_a_sentence_loses_its_link_words() {
        let body = "편관은 압력입니다. 날씨 이야기입니다. 대신 직장에서는 추진력이 됩니다. 이런 직장은 긴장이 큽니다.";
        let key = ["직장".to_string()];
        // "대신" linked to the sentence before, which is not quoted; "이런" points at nothing alone.
        assert_eq!(pick(body, &key, 2), vec!["편관은 압력입니다.", "직장에서는 추진력이 됩니다."]);
        // Quoted right after its own previous sentence, it keeps the conjunction.
        let body = "편관은 압력입니다. 그래서 직장에서는 추진력이 됩니다.";
        assert_eq!(pick(body, &key, 2), vec!["편관은 압력입니다.", "그래서 직장에서는 추진력이 됩니다."]);
        assert_eq!(without_conjunction("또한, 직장에서"), "직장에서");
        assert_eq!(without_conjunction("또래와 함께"), "또래와 함께", "a word that only starts like one stays");
    }
}
