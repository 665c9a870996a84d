//! Korean particles that depend on the word before them (은/는, 이/가, 을/를, 과/와).

/// Whether the last Hangul syllable of `word` ends in a consonant (받침); a closing gloss in brackets
/// (`목(木)`) is read past, as it is spoken.
pub fn has_final_consonant(word: &str) -> bool {
    let word = match word.strip_suffix(')').and_then(|w| w.rfind('(').map(|i| &w[..i])) {
        Some(spoken) if !spoken.is_empty() => spoken,
        _ => word,
    };
    word.chars()
        .last()
        .filter(|c| ('가'..='힣').contains(c))
        .is_some_and(|c| !(c as u32 - '가' as u32).is_multiple_of(28))
}

/// The right form of a particle pair for `word` alone, e.g. `particle("재성", "은", "는")` → `은` (for a word
/// said with quotes or a gloss around it).
pub fn particle<'a>(word: &str, after_consonant: &'a str, after_vowel: &'a str) -> &'a str {
    if has_final_consonant(word) {
        after_consonant
    } else {
        after_vowel
    }
}

/// `word` followed by the right form of a particle pair, e.g. `with_particle("진", "은", "는")` → `진은`.
pub fn with_particle(word: &str, after_consonant: &str, after_vowel: &str) -> String {
    format!("{word}{}", particle(word, after_consonant, after_vowel))
}

/// `word` followed by 으로 or 로 as it is spoken: 로 after a vowel or ㄹ (`금(金)으로`, `화(火)로`, `연애로`,
/// `물로`); a closing gloss in brackets is read past.
pub fn with_ro(word: &str) -> String {
    let spoken = match word.strip_suffix(')').and_then(|w| w.rfind('(').map(|i| &w[..i])) {
        Some(spoken) if !spoken.is_empty() => spoken,
        _ => word,
    };
    let last = spoken.chars().last().filter(|c| ('가'..='힣').contains(c));
    let final_consonant = last.map_or(0, |c| (c as u32 - '가' as u32) % 28);
    // 0: no final consonant; 8: ㄹ.
    format!("{word}{}", if final_consonant == 0 || final_consonant == 8 { "로" } else { "으로" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_last_syllable() {
        assert_eq!(with_particle("진", "은", "는"), "진은");
        assert_eq!(with_particle("사", "은", "는"), "사는");
        assert_eq!(with_particle("편관", "이", "가"), "편관이");
        assert_eq!(with_particle("비견", "을", "를"), "비견을");
        assert_eq!(with_particle("정재", "과", "와"), "정재와");
        assert!(!has_final_consonant("abc"));
        assert_eq!(with_particle("목(木)", "이", "가"), "목(木)이");
        assert_eq!(with_particle("화(火)", "이", "가"), "화(火)가");
        assert_eq!(with_ro("금(金)"), "금(金)으로");
        assert_eq!(with_ro("화(火)"), "화(火)로");
        assert_eq!(with_ro("물"), "물로");
        assert_eq!(with_ro("결혼·연애"), "결혼·연애로");
    }
}
