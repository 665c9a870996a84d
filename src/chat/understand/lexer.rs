//! The Korean date/time lexer: finds the typed spans of a message that say something about a birth.
//!
//! Every rule is a small pattern with its own checks around it (what may stand before and after it); all
//! rules run over the whole message, and where two spans overlap the longer one wins (then the earlier
//! rule). What the spans mean together — whose they are, which one corrects which — is the binder's work
//! ([`super::binder`]).
//!
//! Covered: years in digits (`1990년`, `90년생`, `'90`), spoken (`천구백팔십오년`, `구십일년`, `일구팔오년`);
//! numeric dates (`1990-05-15`, `1990/5/15`, `1990.5.15`, `84.02.09`, `19900515`, `830327`, `11/23`);
//! months in digits or words (`유월`, `시월`, `정월`, `동짓달`, `섣달`) with `윤`/`윤달`; days in digits,
//! Sino-Korean words after a month (`팔월 구일`), native day words (`초하루`…`초열흘`, `초파일`, `보름`,
//! `스무날`, `그믐`); 음력/양력/`음`/`(음)`; clock times (`15:30`, `오후 3시 반`, `07시 05분`, `새벽 한 시
//! 사십 분`, `0745`), 자정/정오, 12지 시 names (`축시`), a period alone (`오후요`), an unknown hour; gender
//! words; the words naming a person (저/나/본인, 남편, 여친, 엄마, 동업자, 그분 …); negation (`아니고`,
//! `말고`), a hypothetical (`태어나면`), `정확히`; places ([`crate::chat::places`]); a time-correction wish.

use super::birth::Period;
use super::numbers::{native_day, native_hour, sino, sino_big, sino_month};
use crate::chat::places::places_in;
use regex::{Captures, Regex};
use std::sync::OnceLock;

/// A day of the month as said: a number, or 그믐 (the last day of that lunar month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    Num(u32),
    Last,
}

/// A time of day said by what happens then, read as a clock from the month (the sun's) or the meal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approx {
    /// 해 뜰 무렵, 동틀 무렵: Seoul's sunrise in that month.
    Sunrise,
    /// 새벽녘: the dawn before it, about 05:30.
    Dawn,
    /// 해질녘, 해 질 무렵: Seoul's sunset in that month.
    Sunset,
    /// 점심때: about 12:30.
    Lunch,
    /// 저녁 먹을 때: about 18:30.
    Supper,
}

/// Seoul's sunrise and sunset (KST, standard time) around the middle of each month, to the 5 minutes.
const SUN: [((u32, u32), (u32, u32)); 12] = [
    ((7, 45), (17, 35)),
    ((7, 20), (18, 10)),
    ((6, 45), (18, 40)),
    ((6, 0), (19, 5)),
    ((5, 25), (19, 30)),
    ((5, 10), (19, 55)),
    ((5, 25), (19, 50)),
    ((5, 50), (19, 20)),
    ((6, 15), (18, 40)),
    ((6, 40), (17, 55)),
    ((7, 10), (17, 25)),
    ((7, 35), (17, 15)),
];

impl Approx {
    /// The period a clock said beside it belongs to ("해질녘 7시" is 19시).
    pub fn period(self) -> Period {
        match self {
            Approx::Sunrise | Approx::Dawn => Period::Morning,
            Approx::Sunset | Approx::Supper => Period::Evening,
            Approx::Lunch => Period::Midday,
        }
    }

    /// The 24-hour clock it is read as in `month` (1–12).
    pub fn clock(self, month: u32) -> (u32, u32) {
        let sun = SUN[(month.clamp(1, 12) - 1) as usize];
        match self {
            Approx::Sunrise => sun.0,
            Approx::Dawn => (5, 30),
            Approx::Sunset => sun.1,
            Approx::Lunch => (12, 30),
            Approx::Supper => (18, 30),
        }
    }
}

/// A time of day as said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// As said (0–24 and beyond when wrong: `25시` is kept so it can be named).
    pub hour: u32,
    pub minute: Option<u32>,
    /// A 24-hour clock: zero-padded (`07시`), 0 or ≥ 13, `15:30`, 자정/정오, a 12지 시.
    pub h24: bool,
    pub period: Option<Period>,
    /// A 12지 시 name (`축시`).
    pub branch: bool,
    /// 자정, 정오, a 12지 시: the least precise ways of saying a time.
    pub named: bool,
}

impl Clock {
    /// How precisely the time was said: with minutes 3, an hour 2, a name 1.
    pub fn precision(&self) -> u8 {
        if self.named {
            1
        } else if self.minute.is_some_and(|m| m != 0) {
            3
        } else {
            2
        }
    }
}

/// A word naming a person: the speaker (저, 나, 본인) or someone else (남편, 엄마, 그분 …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub speaker: bool,
    /// The relation's code (`husband`, `girlfriend`, `mother`, `friend`, `partner_business`, `other` …).
    pub relation: &'static str,
    pub gender: Option<&'static str>,
    /// 그 사람, 그분, 상대: the other person already named, or someone unnamed.
    pub generic: bool,
    /// 아들, 딸: said of a child whose chart is asked about, the word also gives the subject's gender.
    pub child: bool,
    /// Followed by 랑/하고/와/과 ("저랑", "남친이랑"): one of a pair, not the owner of what follows.
    pub joint: bool,
    /// Followed by a copula ("저 아빠고", "딸이에요"): says who the current person is, not a new person.
    pub identity: bool,
}

/// What a span says.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Year(i32),
    Month {
        month: u32,
        leap: bool,
        traditional: bool,
    },
    Day {
        day: Day,
        traditional: bool,
    },
    /// 윤달 said on its own ("윤달이었어요").
    Leap,
    /// 평달, or 윤달 denied.
    NotLeap,
    Calendar {
        lunar: bool,
    },
    Time(Clock),
    /// A period of the day said without an hour ("오후요", "오후에 태어났고").
    Period(Period),
    /// A time of day said by what happens then ("해질녘", "점심때"): a clock once the month is known.
    Approx(Approx),
    UnknownHour,
    Gender(&'static str),
    Person(Marker),
    /// 아니고, 아니라, 말고: the span just before is withdrawn.
    Negation,
    /// 태어나면: what the clause says is hypothetical.
    Hypothetical,
    /// 정확히: the time after it wins over a vaguer one.
    Exact,
    /// 아 아니다, 잘못, 정정: what follows corrects what came before.
    Correction,
    Place(&'static str),
    TimeCorrection(&'static str),
    /// 태어, 출생, 생일: words that make a place a birth place.
    BirthWord,
}

impl Tok {
    /// Facts about a birth (as opposed to markers).
    pub fn is_data(&self) -> bool {
        matches!(
            self,
            Tok::Year(_)
                | Tok::Month { .. }
                | Tok::Day { .. }
                | Tok::Leap
                | Tok::NotLeap
                | Tok::Calendar { .. }
                | Tok::Time(_)
                | Tok::Period(_)
                | Tok::Approx(_)
                | Tok::UnknownHour
        )
    }

    /// A part of a date (a year, month or day).
    pub fn is_date(&self) -> bool {
        matches!(self, Tok::Year(_) | Tok::Month { .. } | Tok::Day { .. })
    }
}

/// A typed span of the message (byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub tok: Tok,
}

struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
    toks: Vec<Tok>,
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c) || ('ㄱ'..='ㅣ').contains(&c)
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Nothing of a Hangul word or a number runs into position `i` from the left.
fn word_start(text: &str, i: usize) -> bool {
    prev_char(text, i).is_none_or(|c| !is_hangul(c) && !c.is_ascii_alphanumeric())
}

fn digit_start(text: &str, i: usize) -> bool {
    prev_char(text, i).is_none_or(|c| !c.is_ascii_digit())
}

fn digit_end(text: &str, i: usize) -> bool {
    next_char(text, i).is_none_or(|c| !c.is_ascii_digit())
}

/// A two-digit year: `90` → 1990, `05` → 2005 (years up to this year's two digits are this century).
pub fn full_year(two_digits: i32, this_year: i32) -> i32 {
    let century = this_year - this_year % 100;
    if two_digits <= this_year % 100 {
        century + two_digits
    } else {
        century - 100 + two_digits
    }
}

/// After "1990년": the year is a birth year only when what follows goes on about a birth (a month, 생,
/// 이에요, a gender …), not "2026년 운세" or "22년차".
/// Whether the words before a number say it is a length of time ("산지", "만난 지", "결혼", "연애").
fn duration_before(before: &str) -> bool {
    let b = before.trim_end();
    // "산지", "만난 지", "된지": a verb in ㄴ before 지 ("아버지" is a word of its own).
    let since = b.strip_suffix('지').is_some_and(|rest| {
        rest.trim_end()
            .chars()
            .last()
            .filter(|c| ('가'..='힣').contains(c))
            .is_some_and(|c| (c as u32 - '가' as u32) % 28 == 4)
    });
    since || ["결혼", "연애", "사귄", "근무", "재직", "경력", "동거"].iter().any(|w| b.ends_with(w))
}

fn birth_year_follows(rest: &str) -> bool {
    let r = rest.trim_start();
    let Some(c) = r.chars().next() else { return true };
    if c.is_ascii_digit() || ",.!?~)/·;(".contains(c) || !is_hangul(c) {
        return true;
    }
    const OK: &[&str] = &[
        "생",
        "도",
        "에 태어",
        "에 출생",
        "에 낳",
        "에 나",
        "에태어",
        "이에요",
        "이예요",
        "이요",
        "입니다",
        "이고",
        "이구",
        "이며",
        "인데",
        "이었",
        "였",
        "이야",
        "임",
        "요",
        "이래",
        "이라",
        "이에",
        "출생",
        "태생",
        "음력",
        "양력",
        "음 ",
        "양 ",
        "윤",
        "정월",
        "동짓달",
        "동지달",
        "섣달",
        "남자",
        "여자",
        "남성",
        "여성",
        "남 ",
        "여 ",
        "오전",
        "오후",
        "오휴",
        "새벽",
        "아침",
        "저녁",
        "밤",
        "낮",
        "점심",
        "자정",
        "정오",
        "시간",
        "생일",
        "인가",
        "이라고",
        "초",
    ];
    if OK.iter().any(|w| r.starts_with(w)) {
        return true;
    }
    // 79년 양띠, 63년 토끼띠
    if crate::saju::ganzhi::Branch::of_zodiac_word_at(r).is_some() {
        return true;
    }
    // A month in words: 오월, 십이월, 유월 …
    let month_word = r.char_indices().take_while(|(i, _)| *i < 9).any(|(i, ch)| {
        ch == '월' && i > 0 && sino_month(r[..i].trim()).is_some() && !r[i + '월'.len_utf8()..].starts_with("요일")
    });
    // "88년 올림픽 할 때 태어났어요": the year of a birth told later in the same sentence.
    let sentence = r.split(['.', '?', '!', '\n']).next().unwrap_or("");
    let born_later = sentence
        .char_indices()
        .take_while(|(i, _)| *i < 45)
        .any(|(i, _)| ["태어", "출생", "낳았", "낳으"].iter().any(|w| sentence[i..].starts_with(w)));
    month_word || born_later || matches!(r, "남" | "여")
}

fn period_of(word: &str) -> Option<Period> {
    Some(match word {
        "오전" | "새벽" | "아침" | "이른 아침" | "새벽녘" | "am" | "AM" | "a.m." => Period::Morning,
        // "해뜨기 직전에 태어났대요": before sunrise is the morning side of the clock.
        "해뜨기 직전" | "해뜨기 전" | "해 뜨기 직전" | "해 뜨기 전" | "동틀 무렵" | "해 뜰 무렵" | "해뜰 무렵" => {
            Period::Morning
        }
        "낮" | "점심" | "한낮" => Period::Midday,
        // "오휴": the common slip of 오후 on a phone keyboard.
        "오후" | "오휴" | "pm" | "PM" | "p.m." => Period::Afternoon,
        "저녁" | "초저녁" => Period::Evening,
        "밤" | "한밤" | "한밤중" | "오밤중" | "늦은 밤" | "밤늦게" => Period::Night,
        _ => return None,
    })
}

const PERIODS: &str = "해 ?뜨기 직전|해 ?뜨기 전|동틀 무렵|해 ?뜰 무렵|이른 아침|새벽녘|늦은 밤|밤늦게|한밤중|오밤중|초저녁|한밤|한낮|오전|오후|오휴|새벽|아침|저녁|점심|밤|낮|a\\.m\\.|p\\.m\\.|am|pm|AM|PM";

/// The speakers' own words and the words for other people, with each relation's code and gender.
const PEOPLE: &[(&str, &str, Option<&str>)] = &[
    ("남자친구", "boyfriend", Some("male")),
    ("남자 친구", "boyfriend", Some("male")),
    ("남친", "boyfriend", Some("male")),
    ("전남친", "boyfriend", Some("male")),
    ("여자친구", "girlfriend", Some("female")),
    ("여자 친구", "girlfriend", Some("female")),
    ("여친", "girlfriend", Some("female")),
    ("전여친", "girlfriend", Some("female")),
    ("남편", "husband", Some("male")),
    ("전남편", "husband", Some("male")),
    ("전 남편", "husband", Some("male")),
    ("전처", "wife", Some("female")),
    ("전부인", "wife", Some("female")),
    ("전 부인", "wife", Some("female")),
    ("전와이프", "wife", Some("female")),
    ("전 와이프", "wife", Some("female")),
    ("전 남친", "boyfriend", Some("male")),
    ("전 여친", "girlfriend", Some("female")),
    ("신랑", "husband", Some("male")),
    ("예비신랑", "husband", Some("male")),
    ("예비 신랑", "husband", Some("male")),
    ("예랑이", "husband", Some("male")),
    ("예랑", "husband", Some("male")),
    ("약혼남", "husband", Some("male")),
    ("예신이", "wife", Some("female")),
    ("예신", "wife", Some("female")),
    ("아내", "wife", Some("female")),
    ("와이프", "wife", Some("female")),
    ("부인", "wife", Some("female")),
    ("집사람", "wife", Some("female")),
    ("예비신부", "wife", Some("female")),
    ("예비 신부", "wife", Some("female")),
    ("약혼녀", "wife", Some("female")),
    ("약혼자", "other", None),
    ("애인", "lover", None),
    ("연인", "lover", None),
    // "지금 만나는 사람은 90년 1월 20일생 남자예요": the user's partner.
    ("만나는 사람", "lover", None),
    ("만나는 분", "lover", None),
    ("사귀는 사람", "lover", None),
    ("사귀는 분", "lover", None),
    ("만나는 남자", "boyfriend", Some("male")),
    ("만나는 여자", "girlfriend", Some("female")),
    ("엄마", "mother", Some("female")),
    ("어머니", "mother", Some("female")),
    ("어머님", "mother", Some("female")),
    ("모친", "mother", Some("female")),
    ("친정엄마", "mother", Some("female")),
    ("새엄마", "stepmother", Some("female")),
    ("새어머니", "stepmother", Some("female")),
    ("새어머님", "stepmother", Some("female")),
    ("계모", "stepmother", Some("female")),
    ("시어머니", "mother_in_law", Some("female")),
    ("시어머님", "mother_in_law", Some("female")),
    ("장모님", "wife_mother", Some("female")),
    ("장모", "wife_mother", Some("female")),
    ("아빠", "father", Some("male")),
    ("아버지", "father", Some("male")),
    ("아버님", "father", Some("male")),
    ("부친", "father", Some("male")),
    ("새아빠", "stepfather", Some("male")),
    ("새아버지", "stepfather", Some("male")),
    ("새아버님", "stepfather", Some("male")),
    ("계부", "stepfather", Some("male")),
    ("시아버지", "father_in_law", Some("male")),
    ("시아버님", "father_in_law", Some("male")),
    ("장인어른", "wife_father", Some("male")),
    ("장인", "wife_father", Some("male")),
    ("며느리", "daughter_in_law", Some("female")),
    ("며느리감", "daughter_in_law", Some("female")),
    ("예비 며느리", "daughter_in_law", Some("female")),
    ("예비며느리", "daughter_in_law", Some("female")),
    ("사위", "son_in_law", Some("male")),
    ("사윗감", "son_in_law", Some("male")),
    ("예비 사위", "son_in_law", Some("male")),
    ("예비사위", "son_in_law", Some("male")),
    ("손녀", "granddaughter", Some("female")),
    ("손녀딸", "granddaughter", Some("female")),
    ("손자", "grandson", Some("male")),
    ("큰애", "child", None),
    ("작은애", "child_second", None),
    ("막내", "child_youngest", None),
    ("할머니", "grandmother", Some("female")),
    ("할아버지", "grandfather", Some("male")),
    ("아들", "son", Some("male")),
    ("아들들", "son", Some("male")),
    ("아들내미", "son", Some("male")),
    ("아들아이", "son", Some("male")),
    ("딸", "daughter", Some("female")),
    ("딸들", "daughter", Some("female")),
    ("딸내미", "daughter", Some("female")),
    ("딸아이", "daughter", Some("female")),
    ("큰딸", "daughter", Some("female")),
    ("작은딸", "daughter", Some("female")),
    ("막내딸", "daughter", Some("female")),
    ("큰아들", "son", Some("male")),
    ("막내아들", "son", Some("male")),
    ("오빠", "brother", Some("male")),
    ("형", "brother", Some("male")),
    ("남동생", "brother", Some("male")),
    ("언니", "sister", Some("female")),
    ("누나", "sister", Some("female")),
    ("여동생", "sister", Some("female")),
    ("동생", "sibling", None),
    ("친구", "friend", None),
    ("베프", "friend", None),
    ("절친", "friend", None),
    ("동창", "friend", None),
    ("동료", "colleague", None),
    ("직장 동료", "colleague", None),
    ("상사", "boss", None),
    ("팀장님", "boss", None),
    ("팀장", "boss", None),
    ("부장님", "boss", None),
    ("과장님", "boss", None),
    ("사장님", "boss", None),
    ("동업자", "partner_business", None),
    ("동업할 사람", "partner_business", None),
    ("동업하는 사람", "partner_business", None),
    ("동업하려는 사람", "partner_business", None),
    ("사업 파트너", "partner_business", None),
    ("파트너", "partner_business", None),
    ("썸남", "other", Some("male")),
    ("썸녀", "other", Some("female")),
    ("짝남", "other", Some("male")),
    ("짝녀", "other", Some("female")),
    ("남자애", "other_male", Some("male")),
    ("여자애", "other_female", Some("female")),
    // "A는 95년 …, B는 93년 …": two candidates told by letter.
    ("A", "person_a", None),
    ("B", "person_b", None),
    ("C", "person_c", None),
    ("그 남자", "other", Some("male")),
    ("그 여자", "other", Some("female")),
    // "소개팅 들어왔는데 남자가 95년생 돼지띠래요": someone else, not the user's year corrected.
    ("남자가", "other", Some("male")),
    ("여자가", "other", Some("female")),
    ("소개팅한 분", "other", None),
    ("소개팅한 사람", "other", None),
    ("소개팅 상대", "other", None),
    ("소개받은 분", "other", None),
    ("선본 분", "other", None),
];

/// The gender a relation's words give ("grandmother" → female), when they give one.
pub fn relation_gender(relation: &str) -> Option<&'static str> {
    PEOPLE.iter().find(|(_, r, g)| *r == relation && g.is_some()).and_then(|(_, _, g)| *g)
}

/// Generic words for the other person: they join the person already named.
const GENERIC: &[&str] =
    &["그 사람", "그사람", "이 사람", "이사람", "그분", "그 분", "이분", "상대방", "상대분", "상대", "걔", "쟤"];

const SPEAKER: &[&str] = &["저", "제", "나", "내", "전", "난", "본인"];

const COPULA: &[&str] = &[
    "이고",
    "이구",
    "고 ",
    "고,",
    "예요",
    "이에요",
    "에요",
    "입니다",
    "이며",
    "인데",
    "이라서",
    "라서",
    "임",
    "이요",
    "인 저",
    "인 제",
    "인 나",
    "로서",
    "으로서",
];
const JOINT: &[&str] = &["이랑", "랑", "하고", "와 ", "과 ", "와의", "과의", "와,", "과,"];

/// Whether the words after a person word say that this person *told* something (a source, not the subject):
/// "한테 물어보니", "말로는", "가 … 였다고 하시네요" within the same sentence.
fn reports(rest: &str) -> bool {
    const ASKED: &[&str] = &[
        "한테 물어",
        "한테 여쭤",
        "께 여쭤",
        "께 물어",
        "말로는",
        "말로 ",
        "말씀으로는",
        "가 그러는데",
        "가 그러시는데",
        "께서 그러시는데",
    ];
    if ASKED.iter().any(|w| rest.starts_with(w)) {
        return true;
    }
    // "엄마가 … 이었다고 하시네요": a subject particle, then a reported statement before the sentence ends,
    // with no birth word of their own in between ("엄마가 75년생이라고 하는데 엄마 사주 봐 주세요" still has the
    // second 엄마 as its subject).
    let Some(after) = rest.strip_prefix('가').or_else(|| rest.strip_prefix("께서")) else { return false };
    let sentence = after.split(['.', '?', '!', '\n']).next().unwrap_or("");
    let told = ["다고 하", "라고 하", "다고 그러", "라고 그러", "다네요", "다시네요"];
    sentence.chars().count() <= 30 && told.iter().any(|w| sentence.contains(w))
}

fn relation_of(word: &str) -> Option<(&'static str, Option<&'static str>)> {
    PEOPLE.iter().find(|(w, _, _)| *w == word).map(|(_, r, g)| (*r, *g))
}

fn person_rule(text: &str, m_start: usize, m_end: usize, word: &str) -> Option<Vec<Tok>> {
    let rest = &text[m_end..];
    let next = rest.chars().next();
    let generic = GENERIC.contains(&word);
    let speaker = SPEAKER.contains(&word);
    if !word_start(text, m_start) {
        // "제남친", "나96년" are fine only for the speaker's own words at a word start; others must start a word,
        // except after 우리/제/내 written together ("우리딸").
        let before = &text[..m_start];
        if speaker || !(before.ends_with("우리") || before.ends_with("제") || before.ends_with("내")) {
            return None;
        }
    }
    if speaker {
        let ok = match word {
            "저" => next.is_none_or(|c| !is_hangul(c) || "는도요의랑희".contains(c)) && !rest.starts_with('희'),
            "제" => next.is_none_or(|c| c.is_whitespace() || c == '가'),
            "나" => next.is_none_or(|c| !is_hangul(c) || "는도의랑".contains(c)) || rest.starts_with("하고"),
            "내" => next.is_none_or(|c| c.is_whitespace() || c == '가'),
            "전" | "난" => next.is_none_or(|c| c.is_whitespace() || c.is_ascii_digit()),
            _ => next.is_none_or(|c| !is_hangul(c) || "은이의".contains(c)),
        };
        if !ok {
            return None;
        }
    } else {
        // "AM", "BTS": a letter for a person stands alone.
        if word.len() == 1 && (next.is_some_and(|c| c.is_ascii_alphanumeric()) || !word_start(text, m_start)) {
            return None;
        }
        // 딸기, 형편, 상대적: the word goes on.
        // "여친꺼도 같이", "남편것도": the person's (chart) too.
        let ok = next.is_none_or(|c| !is_hangul(c) || "은는이가도의랑하와과께요고예에인임입한꺼껀것될".contains(c));
        if !ok || (word == "상대" && rest.starts_with('적')) || (word == "형" && !rest.starts_with(['은', '이', ' ']))
        {
            return None;
        }
    }
    // "엄마가 윤달이었다고 하시네요", "엄마한테 물어보니까 …": the person tells the facts; they are not about them.
    if !speaker && reports(rest) {
        return None;
    }
    let after_particle = rest.trim_start_matches(['은', '는', '이', '가', '도', '께', '서']);
    let joint = JOINT.iter().any(|j| rest.starts_with(j) || (rest.len() == j.trim_end().len() && rest == j.trim_end()))
        || (!speaker && JOINT.iter().any(|j| after_particle.starts_with(j) && rest.starts_with('이')));
    let identity = !speaker && COPULA.iter().any(|c| rest.starts_with(c));
    let (relation, gender) = if speaker {
        ("self", None)
    } else if generic {
        ("other", None)
    } else {
        relation_of(word)?
    };
    let child = matches!(relation, "son" | "daughter");
    Some(vec![Tok::Person(Marker { speaker, relation, gender, generic, child, joint, identity })])
}

/// What a rule made of a match: its byte range and the tokens it says.
type Made = (usize, usize, Vec<Tok>);

struct Rule {
    re: &'static str,
    make: fn(&str, &Captures, i32) -> Option<Made>,
}

fn whole(c: &Captures) -> (usize, usize) {
    let m = c.get(0).expect("match");
    (m.start(), m.end())
}

fn group<'t>(c: &Captures<'t>, i: usize) -> Option<(usize, usize, &'t str)> {
    c.get(i).map(|m| (m.start(), m.end(), m.as_str()))
}

fn year_value(digits: &str, this_year: i32) -> Option<i32> {
    let y: i32 = digits.parse().ok()?;
    match digits.len() {
        4 if (1800..=2100).contains(&y) => Some(y),
        2 => Some(full_year(y, this_year)),
        _ => None,
    }
}

fn date_toks(y: Option<i32>, m: u32, d: u32) -> Option<Vec<Tok>> {
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut v: Vec<Tok> = y.map(Tok::Year).into_iter().collect();
    v.push(Tok::Month { month: m, leap: false, traditional: false });
    v.push(Tok::Day { day: Day::Num(d), traditional: false });
    Some(v)
}

/// The hour said by a number word: digits, native (`세`, `열한`) or Sino-Korean (`십오`); with whether it
/// already is a 24-hour clock hour.
fn hour_word(word: &str) -> Option<(u32, bool)> {
    let w: String = word.chars().filter(|c| !c.is_whitespace()).collect();
    if let Ok(h) = w.parse::<u32>() {
        return Some((h, (w.len() == 2 && w.starts_with('0')) || h == 0 || h >= 13));
    }
    if let Some(h) = native_hour(&w) {
        return Some((h, false));
    }
    sino(&w).map(|h| (h, h >= 13))
}

fn clock_tok(period: Option<&str>, hour: &str, minute: Option<u32>) -> Option<Tok> {
    let (h, h24) = hour_word(hour)?;
    let period = period.and_then(period_of);
    let h24 = match period {
        Some(_) => h == 0 || h >= 13,
        None => h24,
    };
    Some(Tok::Time(Clock {
        hour: h,
        minute,
        h24,
        period: if h24 { None } else { period },
        branch: false,
        named: false,
    }))
}

fn minute_word(word: &str) -> Option<u32> {
    let w: String = word.chars().filter(|c| !c.is_whitespace()).collect();
    w.parse().ok().or_else(|| sino(&w))
}

const BRANCHES: [&str; 12] = ["자", "축", "인", "묘", "진", "사", "오", "미", "신", "유", "술", "해"];

fn rules() -> &'static [(Regex, Rule)] {
    static RULES: OnceLock<Vec<(Regex, Rule)>> = OnceLock::new();
    RULES.get_or_init(|| {
        let list: Vec<Rule> = vec![
            // 1990-05-15, 1990/5/15, 1990.5.15, 84.02.09, 93/2/14
            Rule {
                re: r"(\d{4}|\d{2})\s*([-./])\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(\s*일)?",
                make: |t, c, y| {
                    let (s, e) = whole(c);
                    if !digit_start(t, s) || !digit_end(t, e) {
                        return None;
                    }
                    let year = year_value(&c[1], y)?;
                    Some((s, e, date_toks(Some(year), c[3].parse().ok()?, c[4].parse().ok()?)?))
                },
            },
            // 19900515
            Rule {
                re: r"((?:18|19|20)\d{2})(\d{2})(\d{2})",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    if !digit_start(t, s) || !digit_end(t, e) {
                        return None;
                    }
                    Some((s, e, date_toks(c[1].parse().ok(), c[2].parse().ok()?, c[3].parse().ok()?)?))
                },
            },
            // 830327 (생, or after 생년월일/생일/출생)
            Rule {
                re: r"(\d{2})(\d{2})(\d{2})(\s*생)?",
                make: |t, c, y| {
                    let (s, e) = whole(c);
                    if !digit_start(t, s) || !digit_end(t, c.get(3)?.end()) {
                        return None;
                    }
                    let before: String = t[..s].chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
                    // Or followed by what follows a birth date: a gender, an hour, a calendar.
                    let after = t[e..].trim_start();
                    let said = c.get(4).is_some()
                        || ["생년월일", "생일", "출생", "음력", "양력"].iter().any(|w| before.contains(w))
                        || ["남", "여", "오전", "오후", "새벽", "아침", "저녁", "밤", "낮", "음력", "양력"]
                            .iter()
                            .any(|w| after.starts_with(w));
                    if !said {
                        return None;
                    }
                    Some((s, e, date_toks(year_value(&c[1], y), c[2].parse().ok()?, c[3].parse().ok()?)?))
                },
            },
            // 93 5 17 오후 5시: year, month and day apart, followed by what follows a birth date (an hour, a
            // gender, a calendar) — "3 5 7" alone is not a date.
            Rule {
                re: r"(\d{4}|\d{2})\s+(\d{1,2})\s+(\d{1,2})",
                make: |t, c, y| {
                    let (s, e) = whole(c);
                    if !digit_start(t, s) || !digit_end(t, e) {
                        return None;
                    }
                    let after = t[e..].trim_start();
                    let follows = ["남", "여", "오전", "오후", "새벽", "아침", "저녁", "밤", "낮", "음력", "양력", "생", "시"]
                        .iter()
                        .any(|w| after.starts_with(w))
                        || after.chars().next().is_some_and(|ch| ch.is_ascii_digit());
                    if !follows {
                        return None;
                    }
                    Some((s, e, date_toks(year_value(&c[1], y), c[2].parse().ok()?, c[3].parse().ok()?)?))
                },
            },
            // 95 0601: a two-digit year, then month and day run together
            Rule {
                re: r"(\d{2})\s+(\d{2})(\d{2})",
                make: |t, c, y| {
                    let (s, e) = whole(c);
                    if !digit_start(t, s) || !digit_end(t, e) {
                        return None;
                    }
                    Some((s, e, date_toks(year_value(&c[1], y), c[2].parse().ok()?, c[3].parse().ok()?)?))
                },
            },
            // 11/23
            Rule {
                re: r"(\d{1,2})\s*/\s*(\d{1,2})",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    if !digit_start(t, s) || !digit_end(t, e) || prev_char(t, s) == Some('/') || t[e..].starts_with('/')
                    {
                        return None;
                    }
                    Some((s, e, date_toks(None, c[1].parse().ok()?, c[2].parse().ok()?)?))
                },
            },
            // 빠른 95, 빠른 95년생: born early in 1995 (January–February, in school with the year before).
            Rule {
                re: r"빠른\s*(\d{4}|\d{2})(?:\s*년\s*생|\s*년|\s*생)?",
                make: |t, c, y| {
                    let (s, e) = whole(c);
                    if !digit_end(t, e) && !t[e..].starts_with(['년', '생']) {
                        return None;
                    }
                    Some((s, e, vec![Tok::Year(year_value(&c[1], y)?)]))
                },
            },
            // 올해 2월 4일에 낳았어요, 작년 11월 3일생: a birth this year or last, said by its relative year.
            Rule {
                re: r"(올해|금년|작년|지난해|재작년)\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일",
                make: |t, c, y| {
                    let (s, e) = whole(c);
                    let after: String = t[e..].chars().take(24).collect();
                    if !["낳", "태어", "출생", "생이", "생인", "생 ", "생요", "생예"].iter().any(|w| after.contains(w)) {
                        return None;
                    }
                    let year = match &c[1] {
                        "올해" | "금년" => y,
                        "재작년" => y - 2,
                        _ => y - 1,
                    };
                    Some((s, e, date_toks(Some(year), c[2].parse().ok()?, c[3].parse().ok()?)?))
                },
            },
            // 1990년, 90년생, '90년, 1990생
            Rule {
                re: r"['’]?(\d{4}|\d{2})\s*(년\s*생|년도|년|생)",
                make: |t, c, y| {
                    let (s, e) = whole(c);
                    let digits = c.get(1)?;
                    if !digit_start(t, digits.start()) {
                        return None;
                    }
                    let suffix = &c[2];
                    if suffix.starts_with('년') && !suffix.ends_with('생') && !birth_year_follows(&t[e..]) {
                        return None;
                    }
                    // "같이 산지 10년인데", "결혼 10년": a length of time, not a year.
                    if suffix.starts_with('년') && !suffix.ends_with('생') && duration_before(&t[..s]) {
                        return None;
                    }
                    // "낳는다면 언제가 좋아요? 28년생? 29년생?": a coming year asked about (a child to be born), not
                    // a birth a century ago.
                    let asked = t[e..].trim_start().starts_with('?');
                    if asked && digits.as_str().len() == 2 {
                        let coming = 2000 + digits.as_str().parse::<i32>().ok()?;
                        if coming > y && coming <= y + 10 {
                            return None;
                        }
                    }
                    // 15일생 is a day, not a year.
                    Some((s, e, vec![Tok::Year(year_value(digits.as_str(), y)?)]))
                },
            },
            // 천구백팔십오년, 구십일년, 일구팔오년생
            Rule {
                re: r"([일이삼사오육륙칠팔구천백십공영]{2,8})\s*(년\s*생|년도|년|생)",
                make: |t, c, y| {
                    let (s, e) = whole(c);
                    if !word_start(t, s) {
                        return None;
                    }
                    let suffix = &c[2];
                    if suffix == "생" || (!suffix.ends_with('생') && !birth_year_follows(&t[e..])) {
                        return None;
                    }
                    let n = sino_big(&c[1])? as i32;
                    // "공공년", "공오년": two digits read one by one, 2000 and 2005.
                    let two_digits = c[1].chars().count() == 2 && c[1].starts_with(['공', '영']);
                    let year = match n {
                        1800..=2100 => n,
                        10..=99 => full_year(n, y),
                        0..=9 if two_digits => full_year(n, y),
                        _ => return None,
                    };
                    Some((s, e, vec![Tok::Year(year)]))
                },
            },
            // 윤4월, 윤달 6월, 10월
            Rule {
                re: r"(윤\s*(?:달\s*)?)?(\d{1,2})\s*월",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    let digits = c.get(2)?;
                    if !digit_start(t, digits.start()) || t[e..].starts_with("요일") {
                        return None;
                    }
                    let month: u32 = digits.as_str().parse().ok()?;
                    if !(1..=12).contains(&month) || event_month(&t[e..]) || event_before_month(&t[..s]) {
                        return None;
                    }
                    let mut toks = vec![Tok::Month { month, leap: c.get(1).is_some(), traditional: false }];
                    let end = sino_day_after(t, e, &mut toks).unwrap_or(e);
                    Some((s, end, toks))
                },
            },
            // 오월, 유월, 시월, 십이월, 윤사월 (+ a Sino-Korean day right after: 팔월 구일)
            Rule {
                re: r"(윤\s*(?:달\s*)?)?(십일|십이|정|일|이|삼|사|오|유|육|륙|칠|팔|구|시|십)\s*월",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    let word = c.get(2)?;
                    let before_ok = |i: usize| {
                        prev_char(t, i).is_none_or(|p| !is_hangul(p) || "년력윤달".contains(p) || t[..i].ends_with("음력으로"))
                    };
                    if !before_ok(if c.get(1).is_some() { s } else { word.start() })
                        || t[e..].starts_with("요일")
                        || t[e..].starts_with('급')
                    {
                        return None;
                    }
                    let month = if word.as_str() == "정" { 1 } else { sino_month(word.as_str())? };
                    let mut toks = vec![Tok::Month { month, leap: c.get(1).is_some(), traditional: word.as_str() == "정" }];
                    let end = sino_day_after(t, e, &mut toks).unwrap_or(e);
                    Some((s, end, toks))
                },
            },
            // 동짓달, 섣달
            Rule {
                re: r"(윤\s*)?(동짓달|동지달|섣달)",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    let month = if c[2].starts_with('섣') { 12 } else { 11 };
                    Some((s, e, vec![Tok::Month { month, leap: c.get(1).is_some(), traditional: true }]))
                },
            },
            // 15일
            Rule {
                re: r"(\d{1,2})\s*일",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    if !digit_start(t, s) || prev_char(t, s) == Some('초') {
                        return None;
                    }
                    let rest = &t[e..];
                    // "3일 전에", "사흘 뒤", "2일째": a span of days, not a date.
                    let later = rest.trim_start();
                    if ["간", "째", "동안", "만에", "요일", "이내", "본"].iter().any(|w| rest.starts_with(w))
                        || ["전에", "전부터", "전쯤", "후에", "뒤에", "뒤면", "지나", "됐", "정도 "].iter().any(|w| later.starts_with(w))
                    {
                        return None;
                    }
                    let day: u32 = c[1].parse().ok()?;
                    (1..=31).contains(&day).then(|| (s, e, vec![Tok::Day { day: Day::Num(day), traditional: false }]))
                },
            },
            // 초하루 … 초열흘, 초파일, 초3일, 보름, 그믐, 스무날
            Rule {
                re: r"초\s*(하루|이틀|사흘|사흗|나흘|닷새|엿새|이레|여드레|아흐레|열흘|파일|팔일|\d{1,2}\s*일|십\s*일|[일이삼사오육칠구]\s*일)(?:날)?|(보름|그믐|스무|열흘)\s*(?:날)?",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    let rest = &t[e..];
                    if let Some((_, _, w)) = group(c, 2) {
                        // ("열흘 동안", "열흘 뒤에", "열흘째": a span of days; "음력 삼월 열흘": the 10th.)
                        let span = ["동안", "뒤", "후", "전", "째", "만에", "간", "정도", "쯤 "]
                            .iter()
                            .any(|w| rest.trim_start().starts_with(w));
                        if rest.starts_with('달')
                            || rest.starts_with("동안")
                            || (w == "스무" && !c[0].ends_with('날'))
                            || (w == "열흘" && span)
                        {
                            return None;
                        }
                        let day = if w == "그믐" { Day::Last } else { Day::Num(native_day(w)?) };
                        return Some((s, e, vec![Tok::Day { day, traditional: true }]));
                    }
                    let w = c[1].trim_end_matches('일').trim();
                    let n = native_day(&c[1]).or_else(|| w.parse().ok()).or_else(|| sino(w))?;
                    (1..=10).contains(&n).then(|| (s, e, vec![Tok::Day { day: Day::Num(n), traditional: true }]))
                },
            },
            // 열하루 … 열아흐레, 스무하루 … 스무아흐레 (스무닷새 = 25)
            Rule {
                re: r"(열|스무)\s*(하루|이틀|사흘|사흗|나흘|닷새|엿새|이레|여드레|아흐레)(?:날)?",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    let tens = if &c[1] == "열" { 10 } else { 20 };
                    let day = tens + native_day(&c[2])?;
                    Some((s, e, vec![Tok::Day { day: Day::Num(day), traditional: true }]))
                },
            },
            // The lunar holidays a birth is remembered by: 칠석 (7/7), 단오 (5/5), 추석·한가위 (8/15), 대보름 (1/15),
            // 삼짇날 (3/3), 중양절 (9/9), 부처님오신날·석가탄신일 (4/8), 설날 (1/1).
            Rule {
                re: r"(?:칠월\s*)?칠석|단오|추석|한가위|(?:정월\s*)?대보름|삼짇날|중양절|부처님\s*오신\s*날|석가\s*탄신일|설날",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    let w = &c[0];
                    // ("설날 당일도 된대요", "추석 연휴에 이사": a day for an event, not a birth — a birth is told
                    // with a year just before the holiday or a birth word just after it.)
                    let before: String = t[..s].chars().rev().take(8).collect::<String>().chars().rev().collect();
                    let after: String = t[e..].chars().take(12).collect();
                    let year_before = before.contains('년');
                    let born_after = ["생", "태어", "났", "낳", "출생"].iter().any(|b| after.contains(b));
                    if !year_before && !born_after {
                        return None;
                    }
                    let (month, day) = if w.ends_with("칠석") {
                        (7, 7)
                    } else if w == "삼짇날" {
                        (3, 3)
                    } else if w == "중양절" {
                        (9, 9)
                    } else if w.starts_with("부처님") || w.starts_with("석가") {
                        (4, 8)
                    } else if w == "설날" {
                        (1, 1)
                    } else if w == "단오" {
                        (5, 5)
                    } else if w.ends_with("보름") {
                        (1, 15)
                    } else {
                        (8, 15)
                    };
                    Some((
                        s,
                        e,
                        vec![
                            Tok::Calendar { lunar: true },
                            Tok::Month { month, leap: false, traditional: true },
                            Tok::Day { day: Day::Num(day), traditional: true },
                        ],
                    ))
                },
            },
            // 음력, 양력, (음), 음 1983.9.9
            Rule {
                re: r"(음력|양력)|\((음|양)\)|(음|양)\s*\)?\s*\d",
                make: |t, c, _| {
                    if let Some((s, e, w)) = group(c, 1) {
                        // "시댁에선 음력으로 아직 12월이라 토끼띠라 하고": someone's reckoning, not the birth's calendar.
                        let after = t[e..].trim_start();
                        let after = after.strip_prefix("으로").or_else(|| after.strip_prefix("로")).unwrap_or(after);
                        let after = after.strip_prefix('는').unwrap_or(after).trim_start();
                        if after.starts_with("아직") {
                            return None;
                        }
                        return Some((s, e, vec![Tok::Calendar { lunar: w == "음력" }]));
                    }
                    if let Some((_, _, w)) = group(c, 2) {
                        let (s, e) = whole(c);
                        return Some((s, e, vec![Tok::Calendar { lunar: w == "음" }]));
                    }
                    let (s, e, w) = group(c, 3)?;
                    word_start(t, s).then(|| (s, e, vec![Tok::Calendar { lunar: w == "음" }]))
                },
            },
            // 윤달 (on its own), 평달
            Rule {
                re: r"윤달|윤월|평달",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    Some((s, e, vec![if &c[0] == "평달" { Tok::NotLeap } else { Tok::Leap }]))
                },
            },
            // 오후 3:30, 15:30
            Rule {
                re: Box::leak(format!(r"(?:({PERIODS})\s*)?(\d{{1,2}})\s*:\s*(\d{{2}})").into_boxed_str()),
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    let hour = c.get(2)?;
                    if !digit_start(t, hour.start()) || !digit_end(t, e) {
                        return None;
                    }
                    let period = c.get(1).map(|p| p.as_str());
                    let tok = match clock_tok(period, hour.as_str(), c[3].parse().ok())? {
                        // 15:30 said without a period is a 24-hour clock.
                        Tok::Time(mut k) if period.is_none() => {
                            k.h24 = true;
                            Tok::Time(k)
                        }
                        tok => tok,
                    };
                    Some((s, e, vec![tok]))
                },
            },
            // 오후 3시 30분, 07시05분, 세 시 반, 밤 열한 시, 새벽 한 시 사십 분, 25시
            Rule {
                re: Box::leak(format!(
                    r"(?:({PERIODS})\s*(?:에\s*)?)?(\d{{1,2}}|열\s*두|열\s*한|열|한|두|세|네|다섯|여섯|일곱|여덟|아홉|이십\s*[일이삼사]?|십\s*[일이삼사오육칠팔구]?)\s*시(?:\s*(\d{{1,2}}|[이삼사오]?십\s*[일이삼사오육칠팔구]?|[일이삼사오육칠팔구])\s*분|\s*(반)|\s*(정각))?"
                ).into_boxed_str()),
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    let hour = c.get(2)?;
                    let is_digits = hour.as_str().starts_with(|ch: char| ch.is_ascii_digit());
                    let left_ok = if is_digits { digit_start(t, hour.start()) } else { c.get(1).is_some() || word_start(t, hour.start()) };
                    let hour_end = hour.end();
                    let after_si = t[hour_end..].trim_start().strip_prefix('시').unwrap_or("");
                    if !left_ok || after_si.starts_with('간') || after_si.starts_with('작') || after_si.starts_with('절') {
                        return None;
                    }
                    let minute = match (c.get(3), c.get(4), c.get(5)) {
                        (Some(m), _, _) => Some(minute_word(m.as_str())?),
                        (None, Some(_), _) => Some(30),
                        (None, None, Some(_)) => Some(0),
                        _ => None,
                    };
                    let tok = clock_tok(c.get(1).map(|p| p.as_str()), hour.as_str(), minute)?;
                    Some((s, e, vec![tok]))
                },
            },
            // 0745, 1430 (a 19xx/20xx number only after a date: see `lex`)
            Rule {
                re: r"([0-2]\d)([0-5]\d)",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    if !digit_start(t, s) || !digit_end(t, e) || prev_char(t, s).is_some_and(|p| ".-/:".contains(p)) {
                        return None;
                    }
                    let rest = t[e..].trim_start();
                    if rest.starts_with('년') || rest.starts_with(['.', '-', '/', ':']) {
                        return None;
                    }
                    // "연봉 1200 오름", "토익 0900점", "1200만 원": an amount or a score, not a clock.
                    const AMOUNT_AFTER: &[&str] =
                        &["만", "원", "억", "천", "%", "명", "개", "점", "평", "번", "호", "등", "오름", "올라", "인상", "↑"];
                    let before: String = t[..s].chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
                    const AMOUNT_BEFORE: &[&str] = &["연봉", "월급", "토익", "점수", "보증금", "월세", "전세", "대출", "빚"];
                    if AMOUNT_AFTER.iter().any(|w| rest.starts_with(w)) || AMOUNT_BEFORE.iter().any(|w| before.contains(w)) {
                        return None;
                    }
                    let h: u32 = c[1].parse().ok()?;
                    (h <= 24).then(|| {
                        (s, e, vec![Tok::Time(Clock { hour: h, minute: c[2].parse().ok(), h24: true, period: None, branch: false, named: false })])
                    })
                },
            },
            // 자정, 정오
            Rule {
                re: r"자정|정오",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    let hour = if &c[0] == "자정" { 0 } else { 12 };
                    Some((s, e, vec![Tok::Time(Clock { hour, minute: Some(0), h24: true, period: None, branch: false, named: true })]))
                },
            },
            // 축시, 자시생
            Rule {
                re: r"(자|축|인|묘|진|사|오|미|신|유|술|해)\s*시",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    if !word_start(t, s) {
                        return None;
                    }
                    if next_char(t, e).is_some_and(|n| is_hangul(n) && !"에쯤경생요예였입이라래로인무정께".contains(n)) {
                        return None;
                    }
                    let i = BRANCHES.iter().position(|b| *b == &c[1])? as u32;
                    let hour = (i * 2) % 24;
                    Some((s, e, vec![Tok::Time(Clock { hour, minute: Some(0), h24: true, period: None, branch: true, named: true })]))
                },
            },
            // 해질녘, 해 뜰 무렵, 새벽녘, 점심때, 저녁 먹을 때쯤
            Rule {
                re: r"해\s?(?:질|지는)\s?(?:녘|무렵|때)|해질녘|노을\s?(?:질|지던)|해\s?(?:뜰|뜨는)\s?(?:무렵|때)|동\s?틀\s?(?:무렵|때|녘)|새벽녘|점심\s?(?:때|무렵|시간|먹고)|저녁\s?(?:먹을|먹던|먹는)\s?(?:때|무렵|즈음|시간)",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    let w = &c[0];
                    let a = if w.starts_with('해') && (w.contains('질') || w.contains("지는")) || w.starts_with("노을") {
                        Approx::Sunset
                    } else if w.starts_with('해') || w.starts_with('동') {
                        Approx::Sunrise
                    } else if w.starts_with("새벽") {
                        Approx::Dawn
                    } else if w.starts_with("점심") {
                        Approx::Lunch
                    } else {
                        Approx::Supper
                    };
                    Some((s, e, vec![Tok::Approx(a)]))
                },
            },
            // 오후요, 새벽에 태어났고
            Rule {
                re: PERIODS,
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    let w = &c[0];
                    let ascii = w.is_ascii();
                    if ascii && (!word_start(t, s) || next_char(t, e).is_some_and(|n| n.is_ascii_alphanumeric())) {
                        return None;
                    }
                    if !ascii && !word_start(t, s) {
                        return None;
                    }
                    if next_char(t, e).is_some_and(|n| is_hangul(n) && !"에이요였쯤경무인으로께중녘엔예입라".contains(n)) {
                        return None;
                    }
                    if t[e..].starts_with("이랑") || (w == "낮" && t[e..].starts_with('은')) {
                        return None;
                    }
                    Some((s, e, vec![Tok::Period(period_of(w)?)]))
                },
            },
            // 남자, 여자, 남성, 여아, 남자애, 여자분
            Rule {
                re: r"남자\s?아이|여자\s?아이|남자애|여자애|남자분|여자분|남자|여자|남잔|여잔|남성|여성|남아|여아|아가씨|총각|(?i:female|male)",
                make: |t, c, _| {
                    let (s, e) = whole(c);
                    let w = c[0].to_lowercase();
                    if w.ends_with("male") && (!word_start(t, s) || next_char(t, e).is_some_and(|n| n.is_ascii_alphabetic())) {
                        return None;
                    }
                    // "어떤 여자랑 잘 맞아요?", "무슨 남자를 만나": a kind of person asked about, not anyone's gender.
                    let before: String = t[..s].chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
                    if ["어떤 ", "무슨 ", "어떤", "좋은 ", "맞는 "].iter().any(|w| before.ends_with(w)) {
                        return None;
                    }
                    // "올해 남자 생겨요?", "여자 만날 수 있을까": the one hoped for, not the user's gender.
                    let after = t[e..].trim_start();
                    // ("남자 문제가 복잡하다는데", "남자가 꼬인대요", "여자 관계": the people met, not the user.)
                    if ["생기", "생길", "생겨", "생겼", "만나", "만날", "친구", "복", "운", "문제", "관계", "꼬", "들", "쪽", "보는 눈"]
                        .iter()
                        .any(|w| after.starts_with(w))
                        || ["가 꼬", "이 꼬", "가 많", "가 안", "가 없", "에게 인기", "한테 인기"].iter().any(|w| after.starts_with(w))
                        || (["가 생", "이 생", "를 만", "을 만"].iter().any(|w| after.starts_with(w)))
                    {
                        return None;
                    }
                    let g = if w.starts_with('여') || w == "female" || w == "아가씨" { "female" } else { "male" };
                    Some((s, e, vec![Tok::Gender(g)]))
                },
            },
            // 남 / 여 standing alone: "(여)", "성별 여", "14:20 여"
            Rule {
                re: r"(남|여)(?:$|[\s),/.!?~]|이고|입니다|이에요|예요|이요|요|임)",
                make: |t, c, _| {
                    let (s, e, w) = group(c, 1)?;
                    // "… 여", "(남)", and written together after a time or date: "오후3시남", "15일여".
                    if prev_char(t, s).is_some_and(|p| !(p.is_whitespace() || "(,/:·시일생분".contains(p))) {
                        return None;
                    }
                    Some((s, e, vec![Tok::Gender(if w == "여" { "female" } else { "male" })]))
                },
            },
            // 아니고, 아니라, 말고
            Rule {
                re: r"(?:이|가|은|는)?\s*(?:아니고|아니라|아니구|아니요|아니에요|아니예요|아닙니다|아님|아냐|아니었|아녔|말고)",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    Some((s, e, vec![Tok::Negation]))
                },
            },
            // 아 아니다, 잘못, 정정 (what follows corrects what came before)
            Rule {
                re: r"아니다|아니아니|잘못 (?:말|썼|적)|잘못썼|정정|다시 말하면",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    Some((s, e, vec![Tok::Correction]))
                },
            },
            Rule {
                re: r"태어나면|태어났다면|태어났으면|태어난다면|생이면|출생이면",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    Some((s, e, vec![Tok::Hypothetical]))
                },
            },
            Rule {
                re: r"정확히는|정확하게는|정확히|정확하게",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    Some((s, e, vec![Tok::Exact]))
                },
            },
            Rule {
                re: r"진태양시|경도\s*보정|지방시",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    Some((s, e, vec![Tok::TimeCorrection(if &c[0] == "진태양시" { "true_solar" } else { "longitude" })]))
                },
            },
            Rule {
                re: r"태어|출생|생일|태생|생년월일|나왔",
                make: |_, c, _| {
                    let (s, e) = whole(c);
                    Some((s, e, vec![Tok::BirthWord]))
                },
            },
        ];
        list.into_iter().map(|r| (Regex::new(r.re).expect("valid pattern"), r)).collect()
    })
}

/// A Sino-Korean day said right after a month word (`팔월 구일`, `십이월 이십사일`): spoken numbers alone are
/// too common to be read as days anywhere else. Returns where the day ends.
fn sino_day_after(text: &str, month_end: usize, toks: &mut Vec<Tok>) -> Option<usize> {
    static DAY: OnceLock<Regex> = OnceLock::new();
    let re = DAY.get_or_init(|| {
        Regex::new(r"^\s*([이삼]?십\s*[일이삼사오육칠팔구]?|[일이삼사오육칠팔구])\s*일").expect("valid")
    });
    let c = re.captures(&text[month_end..])?;
    let end = month_end + c.get(0)?.end();
    if text[end..].starts_with("요일") {
        return None;
    }
    let word: String = c[1].chars().filter(|c| !c.is_whitespace()).collect();
    let day = sino(&word)?;
    (1..=31).contains(&day).then(|| toks.push(Tok::Day { day: Day::Num(day), traditional: false }))?;
    Some(end)
}

fn person_candidates(text: &str, out: &mut Vec<Candidate>) {
    let rule = 1000;
    let words = PEOPLE.iter().map(|p| p.0).chain(GENERIC.iter().copied()).chain(SPEAKER.iter().copied());
    for word in words {
        for (i, _) in text.match_indices(word) {
            if let Some(toks) = person_rule(text, i, i + word.len(), word) {
                out.push(Candidate { start: i, end: i + word.len(), rule, toks });
            }
        }
    }
}

/// The unknown-hour wording: "시간은 몰라요", "시간모름", "몇 시에 태어났는지 기억이 안 나요", or a short reply ("모름").
fn unknown_candidates(text: &str, out: &mut Vec<Candidate>) {
    const UNKNOWN: &[&str] = &[
        "모름",
        "몰라",
        "모르",
        "모른",
        "모릅",
        "기억이 안",
        "기억 안",
        "기억안",
        "미상",
        "알 수 없",
        "확실하지 않",
        "불명",
        "정보 없",
        "정보없",
    ];
    const TIME: &[&str] = &["시간", "시각", "몇 시", "몇시", "태어난 시", "생시", "출생 시", "시는", "시 ", "태어난시"];
    let short = text.chars().filter(|c| !c.is_whitespace() && c.is_alphanumeric()).count() <= 8;
    for w in UNKNOWN {
        for (i, _) in text.match_indices(w) {
            let window: String = text[..i].chars().rev().take(16).collect::<Vec<_>>().into_iter().rev().collect();
            if short || TIME.iter().any(|t| window.contains(t)) {
                out.push(Candidate { start: i, end: i + w.len(), rule: 900, toks: vec![Tok::UnknownHour] });
            }
        }
    }
}

/// The typed spans of `text`, in order, without overlaps; `this_year` reads two-digit years.
pub fn lex(text: &str, this_year: i32) -> Vec<Span> {
    // Typos of the calendar words, each the same length as its fix so spans still index `text`.
    let fixed = without_typos(text);
    let text = fixed.as_str();
    let mut cands = Vec::new();
    for (rule, (re, r)) in rules().iter().enumerate() {
        for c in re.captures_iter(text) {
            if let Some((start, end, toks)) = (r.make)(text, &c, this_year) {
                cands.push(Candidate { start, end, rule, toks });
            }
        }
    }
    person_candidates(text, &mut cands);
    unknown_candidates(text, &mut cands);
    for (start, end, place) in places_in(text) {
        cands.push(Candidate { start, end, rule: 800, toks: vec![Tok::Place(place.name)] });
    }
    // A four-digit 19xx/20xx number is a time only when the message has a date elsewhere (19960315 1430).
    let has_year = cands.iter().any(|c| c.toks.iter().any(|t| matches!(t, Tok::Year(_))));
    cands.retain(|c| {
        let compact = c.toks.len() == 1
            && matches!(c.toks[0], Tok::Time(k) if k.h24 && !k.named && c.end - c.start == 4)
            && text[c.start..c.end].bytes().all(|b| b.is_ascii_digit());
        !compact || has_year || !(text[c.start..].starts_with("19") || text[c.start..].starts_with("20"))
    });
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end - c.start), c.rule));
    let mut spans = Vec::new();
    let mut last_end = 0;
    for c in cands {
        if c.start < last_end {
            continue;
        }
        last_end = c.end;
        spans.extend(c.toks.into_iter().map(|tok| Span { start: c.start, end: c.end, tok }));
    }
    for s in spans.iter_mut() {
        minutes_before(text, s);
    }
    spans
}

/// "낮 12시 10분 전", "6시 10분전": a clock said as minutes before the hour is that many minutes earlier
/// (11:50, 5:50). Only a time with minutes: "12시 전에 태어났어요" is not a clock.
fn minutes_before(text: &str, span: &mut Span) {
    let Tok::Time(clock) = &mut span.tok else { return };
    let Some(minute) = clock.minute.filter(|m| (1..60).contains(m)) else { return };
    if !text[span.end..].trim_start().starts_with('전') || clock.branch || clock.named {
        return;
    }
    clock.hour = if clock.hour == 0 { 23 } else { clock.hour - 1 };
    clock.minute = Some(60 - minute);
    // "낮 12시 10분 전" is 11:50 in the morning's half: the period said belongs to the hour named.
    if clock.hour == 11 && clock.period == Some(Period::Midday) {
        clock.h24 = true;
    }
}

/// `text` with the calendar words' common typos fixed ("읍력", "음럭", "양럭"); every fix has the byte
/// length of the typo.
pub fn without_typos(text: &str) -> String {
    let mut out = text.to_string();
    for (typo, fix) in [("읍력", "음력"), ("음럭", "음력"), ("양럭", "양력"), ("얌력", "양력")] {
        debug_assert_eq!(typo.len(), fix.len());
        out = out.replace(typo, fix);
    }
    out
}

/// Whether what follows a month says it is the month of an event, not of a birth: "10월에 공인중개사 시험 보는데",
/// "3월에 이사해요" (a day right after, or a birth word, keeps it a date).
/// The words before a month that make it an event's month or someone's reckoning, not a birth: "전세 만기가
/// 10월인데", "계약이 10월로", "음력으로 아직 12월이라".
fn event_before_month(before: &str) -> bool {
    let b = before.trim_end();
    let last: String = b.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
    // "전세 만기가 내년 3월인데", "벌써 12월이긴 한데": a month of the coming year or of now is not a birth.
    if ["내년", "내후년", "다음 해", "다음해", "벌써", "이제", "지금은", "이번 달", "이번달"]
        .iter()
        .any(|w| last.ends_with(w))
    {
        return true;
    }
    [
        "아직",
        "만기가",
        "만기는",
        "만기",
        "계약이",
        "계약은",
        "시험이",
        "시험은",
        "이사가",
        "예정일이",
        "결혼식이",
        "수술이",
        "면접이",
        "개강이",
    ]
    .iter()
    .any(|w| last.ends_with(w))
}

fn event_month(after: &str) -> bool {
    // "4월이랑 6월 중에 언제 가는 게 나을까요?": months weighed against each other are an event's.
    let t = after.trim_start();
    if ["이랑", "랑 ", "하고", "이나 ", "중에", "중 ", "vs"].iter().any(|p| t.starts_with(p)) {
        let near: String = t.chars().take(18).collect();
        if ["중에", "중 ", "언제", "어느", "나을", "좋을", "나아"].iter().any(|w| near.contains(w)) {
            return true;
        }
    }
    let Some(rest) = after.trim_start().strip_prefix('에') else { return false };
    let near: String = rest.chars().take(14).collect();
    const EVENTS: &[&str] = &[
        "시험", "면접", "이사", "결혼", "수술", "여행", "발표", "입사", "출산", "개업", "계약", "이직", "졸업", "입학",
    ];
    EVENTS.iter().any(|w| near.contains(w)) && !["태어", "출생", "낳"].iter().any(|w| near.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_typos_are_read_as_the_word() {
        assert_eq!(without_typos("1976년 읍력 7월 7일"), "1976년 음력 7월 7일");
        let u = crate::chat::understand::understand("사주봐주새요 1976년 읍력 7월 7일 저녁 여덟시 여자에요", 2026);
        assert_eq!((u.birth.year, u.birth.calendar.as_deref()), (Some(1976), Some("lunar")));
    }

    fn toks(text: &str) -> Vec<Tok> {
        lex(text, 2026).into_iter().map(|s| s.tok).collect()
    }

    #[test]
    fn spoken_lunar_days_and_the_holidays_a_birth_is_remembered_by() {
        let u = crate::chat::understand::understand("87년 음력 유월 스무닷새 해시생이고 남자예요", 2026);
        assert_eq!((u.birth.month, u.birth.day), (Some(6), Some(25)));
        let u = crate::chat::understand::understand("83년생이고 음력 칠월 칠석날 새벽 인시에 태어났대요", 2026);
        assert_eq!((u.birth.month, u.birth.day, u.birth.calendar.as_deref()), (Some(7), Some(7), Some("lunar")));
        assert_eq!(crate::chat::understand::understand("열아흐레날 태어났어요", 2026).birth.day, Some(19));
    }

    #[test]
    fn a_month_of_an_event_is_not_the_birth_month() {
        let u = crate::chat::understand::understand(
            "83년생 음력 칠월 칠석날 인시생 여자예요. 10월에 공인중개사 시험 보는데 붙을 수 있을까요?",
            2026,
        );
        assert_eq!(u.birth.month, Some(7));
        let u = crate::chat::understand::understand("1990년 10월에 태어났어요", 2026);
        assert_eq!(u.birth.month, Some(10));
    }

    #[test]
    fn the_short_tomorrow_is_heard_as_a_word() {
        use crate::chat::understand::intent::{day_offset, says_tomorrow};
        assert!(says_tomorrow("낼은?") && says_tomorrow("낼 운세") && says_tomorrow("내일은요"));
        assert_eq!(day_offset("낼은?"), 1);
        // 낼 inside a word is not tomorrow.
        assert!(!says_tomorrow("돈을 낼까요") && !says_tomorrow("보낼게요"));
    }

    #[test]
    fn abroad_is_not_lonely() {
        use crate::chat::understand::intent::emotion_in;
        assert!(!emotion_in("다시 해외로 나갈지 고민이에요"));
        assert!(emotion_in("요즘 너무 외로워요"));
    }

    #[test]
    fn the_speaker_is_not_given_the_husband_s_gender() {
        let u = crate::chat::understand::understand(
            "결혼 3년차인데 아기가 안 생겨요ㅠ 저는 90년 10월 10일 오전 10시 10분, 남편은 88년 12월 3일생이에요",
            2026,
        );
        assert_eq!((u.birth.year, u.birth.gender.as_deref()), (Some(1990), Some("female")));
        let u = crate::chat::understand::understand("저는 88년 3월 2일 오후 2시생이고 와이프는 90년생이에요", 2026);
        assert_eq!(u.birth.gender.as_deref(), Some("male"));
        // An ex-husband's birthday is his, not a correction of the speaker's.
        let u = crate::chat::understand::understand(
            "전남편이 80년 1월 15일생인데 시간은 몰라요. 우리가 안 맞았던 거였나요?",
            2026,
        );
        assert_eq!(u.partner.as_ref().and_then(|p| p.year), Some(1980));
    }

    #[test]
    fn a_leap_month_reported_and_set_aside_is_not_kept() {
        let u = crate::chat::understand::understand(
            "엄마가 분명 윤달이라 그랬는데ㅋㅋ 그럼 그냥 음력 5월 5일로 봐주세요",
            2026,
        );
        assert!(!u.birth.leap);
        assert!(crate::chat::understand::understand("음력 윤달 5월 5일이에요", 2026).birth.leap);
    }

    #[test]
    fn dates_in_every_form() {
        let ymd = |y, m, d| {
            vec![
                Tok::Year(y),
                Tok::Month { month: m, leap: false, traditional: false },
                Tok::Day { day: Day::Num(d), traditional: false },
            ]
        };
        assert_eq!(toks("1990-05-15"), ymd(1990, 5, 15));
        assert_eq!(toks("84.02.09"), ymd(1984, 2, 9));
        assert_eq!(toks("19960315"), ymd(1996, 3, 15));
        assert_eq!(toks("생년월일 830327"), [vec![Tok::BirthWord], ymd(1983, 3, 27)].concat());
        assert_eq!(toks("천구백팔십오년 칠월 구일"), ymd(1985, 7, 9));
        assert_eq!(toks("구십일년 사월 이일"), ymd(1991, 4, 2));
        assert_eq!(toks("2026년 운세"), vec![]);
        assert_eq!(toks("모쏠 22년차"), vec![]);
        assert_eq!(toks("정월 초하루")[1], Tok::Day { day: Day::Num(1), traditional: true });
        assert_eq!(toks("동짓달 그믐날")[1], Tok::Day { day: Day::Last, traditional: true });
        assert_eq!(toks("윤4월")[0], Tok::Month { month: 4, leap: true, traditional: false });
        assert_eq!(toks("11/23")[0], Tok::Month { month: 11, leap: false, traditional: false });
    }

    #[test]
    fn times_in_every_form() {
        let clock = |t: &str| match toks(t).into_iter().find(|t| matches!(t, Tok::Time(_))) {
            Some(Tok::Time(k)) => Some((k.hour, k.minute, k.h24, k.period)),
            _ => None,
        };
        assert_eq!(clock("07시 05분"), Some((7, Some(5), true, None)));
        assert_eq!(clock("08시30분생"), Some((8, Some(30), true, None)));
        assert_eq!(clock("3시"), Some((3, None, false, None)));
        assert_eq!(clock("세 시 반"), Some((3, Some(30), false, None)));
        assert_eq!(clock("새벽 한 시 사십 분"), Some((1, Some(40), false, Some(Period::Morning))));
        assert_eq!(clock("태어난 시간 0615"), Some((6, Some(15), true, None)));
        assert_eq!(clock("25시"), Some((25, None, true, None)));
        assert_eq!(clock("한 시간 정도"), None);
        assert_eq!(clock("진시래요"), Some((8, Some(0), true, None)));
        assert_eq!(clock("오시면 좋겠어요"), None);
    }

    #[test]
    fn people_and_markers() {
        let people: Vec<&str> = toks("저는 여자고 남편은 남자친구랑")
            .into_iter()
            .filter_map(|t| match t {
                Tok::Person(m) => Some(m.relation),
                _ => None,
            })
            .collect();
        assert_eq!(people, ["self", "husband", "boyfriend"]);
        assert!(!toks("저녁 7시").iter().any(|t| matches!(t, Tok::Person(_))));
        assert!(!toks("오전 7시").iter().any(|t| matches!(t, Tok::Person(_))));
        assert!(!toks("딸기").iter().any(|t| matches!(t, Tok::Person(_))));
    }
}
