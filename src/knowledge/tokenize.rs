//! Lexical features for Korean. Korean glues particles and endings to words (남편복이, 돈을, 편관이면) and
//! spaces compounds freely (남편 복 / 남편복), so exact words match poorly. Every text becomes:
//! - whole words (runs of letters and digits), lowercased, plus each word without a trailing particle
//!   (돈을 → 돈), which is what lets one-syllable words (돈, 물, 불, 충) match at all;
//! - character bigrams inside runs of Hangul syllables (and of hanja), which match stems across endings
//!   (모으기 / 모으는 share 모으) and the parts of compounds, and single syllables, weighted low, which let
//!   one-syllable stems meet (많아서 / 많은).
//!
//! Trigrams were tried and left out: on the evaluation set they only double-count what bigrams match.
//!
//! Short phrases (tags, synonyms, queries) also get the n-grams of the phrase with its spaces removed, so
//! "남편 복" and "남편복이" meet.

/// The kind of a feature; part of the term so that a whole-word match counts apart from an n-gram match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Word,
    Unigram,
    Bigram,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Word, Kind::Unigram, Kind::Bigram];

    fn tag(self) -> char {
        match self {
            Kind::Word => 'w',
            Kind::Unigram => '1',
            Kind::Bigram => '2',
        }
    }

    /// The kind of a term made by [`term`].
    pub fn of(term: &str) -> Kind {
        match term.as_bytes().first() {
            Some(b'1') => Kind::Unigram,
            Some(b'2') => Kind::Bigram,
            _ => Kind::Word,
        }
    }
}

/// A term of the index: the kind's tag followed by the text.
pub fn term(kind: Kind, text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 1);
    s.push(kind.tag());
    s.push_str(text);
    s
}

/// Particles and copula endings stripped from the end of a word, longest first.
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "이에요", "이세요", "이라서", "이라고", "이라는", "에서는", "에게서", "으로는", "으로도", "이라도", "이지만",
    "에서", "에게", "한테", "으로", "부터", "까지", "처럼", "보다", "이나", "이랑", "하고", "이고", "이면", "이란",
    "이라", "라는", "라고", "예요", "에는", "에도", "와는", "과는", "이", "가", "은", "는", "을", "를", "의", "에",
    "로", "와", "과", "도", "만", "랑", "나", "란", "면", "요",
];

/// Question and filler words that say nothing about the subject ("편관이 뭐예요?" is about 편관). They are
/// dropped from queries and passages alike.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "뭐예요", "뭐에요", "뭔가요", "뭐죠", "뭐", "무엇", "무엇인가요", "무슨", "어떤", "어떻게", "어떤가요", "어때요",
    "어떨까요", "있을까요", "있나요", "있는", "있으면", "없을까요", "되나요", "될까요", "돼요", "하나요", "할까요",
    "해요", "하는", "인가요", "건가요", "걸까요", "궁금해요", "궁금합니다", "알고", "싶어요", "좀", "너무", "정말",
    "진짜", "제", "저", "저는", "제가", "내", "나", "그", "이", "것", "거", "게", "수", "때", "같아요", "같은", "뜻",
    "의미", "말이", "말인가요", "주세요", "요즘",
];

fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

fn is_hanja(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Composes conjoining Hangul jamo (as typed on some systems, NFD) into syllables, and lowercases.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let l = c as u32;
        if (0x1100..=0x1112).contains(&l) {
            if let Some(&v) = chars.peek() {
                let v = v as u32;
                if (0x1161..=0x1175).contains(&v) {
                    chars.next();
                    let mut s = 0xAC00 + ((l - 0x1100) * 21 + (v - 0x1161)) * 28;
                    if let Some(&t) = chars.peek() {
                        let t = t as u32;
                        if (0x11A8..=0x11C2).contains(&t) {
                            chars.next();
                            s += t - 0x11A7;
                        }
                    }
                    out.push(char::from_u32(s).expect("a Hangul syllable"));
                    continue;
                }
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Endings of 하다/되다 verbs (동업해도, 결혼하면, 표현하지): most Sino-Korean verbs, whose noun is the word.
#[rustfmt::skip]
const VERB_ENDINGS: &[&str] = &[
    "했는데", "했어요", "했을까요", "하려면", "할까요", "하나요", "합니다", "하세요", "해야", "해도", "해요", "해서",
    "하면", "하는", "하고", "하기", "하지", "하게", "하다", "할", "한", "해", "될까요", "되나요", "되면", "되는",
    "돼요", "될", "된",
];

/// The word without one trailing particle (one syllable at least remains) or 하다/되다 ending (two remain).
pub fn strip_particle(word: &str) -> Option<&str> {
    let hangul_rest = |rest: &&str, min: usize| rest.chars().count() >= min && rest.chars().all(is_hangul);
    PARTICLES
        .iter()
        .find_map(|p| word.strip_suffix(p).filter(|rest| hangul_rest(rest, 1)))
        .or_else(|| VERB_ENDINGS.iter().find_map(|e| word.strip_suffix(e).filter(|rest| hangul_rest(rest, 2))))
}

/// The words of a normalized text: maximal runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && !is_stopword(w))
}

/// Pushes the syllables and bigrams of every run of Hangul syllables (or of hanja) in `word`.
fn push_ngrams(word: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = word.chars().collect();
    let mut start = 0;
    while start < chars.len() {
        let class = |c: char| {
            if is_hangul(c) {
                1
            } else if is_hanja(c) {
                2
            } else {
                0
            }
        };
        let k = class(chars[start]);
        let mut end = start + 1;
        while end < chars.len() && class(chars[end]) == k {
            end += 1;
        }
        if k != 0 {
            let run = &chars[start..end];
            for (n, kind) in [(1, Kind::Unigram), (2, Kind::Bigram)] {
                for w in run.windows(n) {
                    out.push(term(kind, &w.iter().collect::<String>()));
                }
            }
        }
        start = end;
    }
}

/// The features of running text (a passage body or title).
pub fn text_features(text: &str) -> Vec<String> {
    let text = normalize(text);
    let mut out = Vec::new();
    for word in words(&text) {
        out.push(term(Kind::Word, word));
        if let Some(stem) = strip_particle(word) {
            out.push(term(Kind::Word, stem));
        }
        push_ngrams(word, &mut out);
    }
    out
}

/// The features of a short phrase (a tag, a synonym, a query): those of the text, plus the whole phrase
/// and its n-grams with the spaces removed.
pub fn phrase_features(phrase: &str) -> Vec<String> {
    let mut out = text_features(phrase);
    let norm = normalize(phrase);
    let joined: String = words(&norm).collect();
    if words(&norm).nth(1).is_some() {
        out.push(term(Kind::Word, &joined));
        let mut grams = Vec::new();
        push_ngrams(&joined, &mut grams);
        for g in grams {
            if !out.contains(&g) {
                out.push(g);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_particles_and_ngrams() {
        let f = text_features("돈을 모으기 편관(偏官)이");
        for t in ["w돈을", "w돈", "2모으", "1모", "w모으기", "2편관", "2偏官", "w편관"] {
            assert!(f.contains(&t.to_string()), "{t} in {f:?}");
        }
        assert_eq!(Kind::of("1모"), Kind::Unigram);
    }

    #[test]
    fn phrases_meet_across_spacing() {
        let a = phrase_features("남편 복");
        let b = phrase_features("남편복이 있을까요");
        assert!(a.contains(&"w남편복".to_string()) && b.contains(&"w남편복".to_string()));
        assert!(a.contains(&"2편복".to_string()) && b.contains(&"2편복".to_string()));
    }

    #[test]
    fn composes_jamo_and_lowercases() {
        assert_eq!(normalize("\u{1103}\u{1169}\u{11AB} MBTI"), "돈 mbti");
    }

    #[test]
    fn particle_stripping_keeps_a_syllable() {
        assert_eq!(strip_particle("물이"), Some("물"));
        assert_eq!(strip_particle("이"), None);
        assert_eq!(strip_particle("사주에서는"), Some("사주"));
    }
}
