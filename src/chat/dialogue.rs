//! One turn's decision, from what the message says and what the conversation already knows: ask a short
//! follow-up question (and remember the facts so far), name what is impossible in them, answer small talk
//! (and crisis wording, with care, never a form), or answer a topic with the user's birth and, for 궁합,
//! the second person's.
//!
//! State between turns is the [`Pending`] record kept in the conversation state (`chat::state`): the facts
//! gathered so far, whose they are, and the question that is waiting for them — or, after an answer, the
//! facts it used and its topic, so "아 아니다, 9월 14일이에요" corrects the date only and "언제쯤?" asks about it.

use super::people::profile_reference;
use super::understand::{follow_up, is_romantic_relation, understand_in, BirthFacts, Invalid, Missing, Role, Topic};
use crate::answer::{which_of_two, wording};
use crate::saju::chart::ChartRequest;
use serde::{Deserialize, Serialize};

/// Someone other than the user whose birth the conversation was told (엄마, 새아빠, 딸, A …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OtherPerson {
    /// The relation's code (`mother`, `stepfather`, `person_a` …).
    pub relation: String,
    /// The word the user called them by ("새아빠").
    pub word: String,
    pub facts: BirthFacts,
}

/// What a follow-up question waits for, or what an answer was given with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The facts are the second person's (궁합).
    #[serde(default)]
    pub partner: bool,
    #[serde(default)]
    pub facts: BirthFacts,
    /// The topic asked before the follow-up ([`Topic::key`]).
    pub topic: String,
    /// The hour was asked for once; not giving it now means "unknown".
    #[serde(default)]
    pub asked_hour: bool,
    #[serde(default)]
    pub year_offset: i32,
    /// The day a day's fortune was asked about before the birth was given ("낼 소개팅인데 운 어때요?").
    #[serde(default, skip_serializing_if = "is_zero")]
    pub day_offset: i32,
    /// A second person's facts given while the user's own were still being asked for (or, after an
    /// answer, the partner's the 궁합 was read with).
    #[serde(default)]
    pub partner_facts: Option<BirthFacts>,
    /// The user's own facts while the partner's are asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own_facts: Option<BirthFacts>,
    /// Nothing is asked: the topic was answered with these facts (kept for corrections and follow-ups).
    #[serde(default)]
    pub answered: bool,
    /// The gender was asked once and not given: the next answers read the chart without it (no 대운)
    /// instead of asking again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gender_asked: bool,
    /// The answer was about the second person, by this word ("아드님"): a follow-up that names nobody stays
    /// with them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// Everyone else the conversation was told a birth for, by relation: a later message that names one of
    /// them ("엄마는 몇 월 조심해요?") is read from their chart, and two of them make a 궁합 the user is not
    /// part of ("엄마랑 새아빠 궁합").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<OtherPerson>,
    /// The two people (relations) the last answer was about when neither is the user: a follow-up that
    /// names nobody ("두 분 중에 누가 더 참아요?") stays with them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pair: Vec<String>,
    /// The last answer read the user and the second person together (a 궁합, a pick between them, a time for
    /// both): a follow-up that names nobody and asks something both charts answer ("내년 몇 월이 좋아요?")
    /// stays with the two.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub couple: bool,
    /// 오전·오후 was asked once and the user went on to something else: the chart is read without the hour
    /// pillar rather than asked again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub am_pm_let_go: bool,
    /// The user's gender as their own words gave it ("엄마예요", "저 아빠인데요") while someone else was read: used
    /// when the user's birth is told later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_gender: Option<String>,
}

/// Adds or updates someone in the conversation's people (only with a whole date: a year alone is not a chart).
fn note_person(people: &mut Vec<OtherPerson>, facts: &BirthFacts, word: Option<&str>) {
    let Some(relation) = facts.relation.clone() else { return };
    if !facts.has_date() {
        return;
    }
    match people.iter_mut().find(|p| p.relation == relation) {
        Some(p) => {
            p.facts = facts.clone();
            if let Some(w) = word {
                p.word = w.to_string();
            }
        }
        None => people.push(OtherPerson {
            word: word.map_or_else(|| relation.clone(), str::to_string),
            relation,
            facts: facts.clone(),
        }),
    }
}

/// The word a message calls someone of that relation by.
fn word_for<'a>(named: &'a [(&'static str, String)], relation: Option<&str>) -> Option<&'a str> {
    named.iter().find(|(r, _)| Some(*r) == relation).map(|(_, w)| w.as_str())
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}

impl Pending {
    /// The user's own facts this record holds.
    pub fn own(&self) -> Option<&BirthFacts> {
        if self.partner {
            self.own_facts.as_ref()
        } else {
            Some(&self.facts)
        }
    }

    /// The second person's facts this record holds.
    pub fn other(&self) -> Option<&BirthFacts> {
        if self.partner {
            Some(&self.facts)
        } else {
            self.partner_facts.as_ref()
        }
    }
}

/// A person the user saved (a profile).
#[derive(Debug, Clone, PartialEq)]
pub struct SavedPerson {
    pub id: String,
    pub name: String,
    /// `self`, `family`, `partner`, … as the profile says.
    pub relation: String,
    pub birth: ChartRequest,
}

/// What the conversation knows before this message.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// The session's profile, or the birth this session was told before.
    pub own: Option<ChartRequest>,
    /// The session is about a saved profile (its id).
    pub session_profile: Option<String>,
    pub profiles: Vec<SavedPerson>,
    pub pending: Option<Pending>,
    /// Today's month and day in Korea, for a birth year counted from an age ("만 쉰여덟 … 생일은 3월 3일");
    /// `None` counts the birthday as passed.
    pub today: Option<(u32, u32)>,
}

/// One value per turn, moved once: the variants' sizes do not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A follow-up question (or what is impossible in the facts, and the question again).
    Ask {
        text: String,
        missing: Missing,
        pending: Box<Pending>,
    },
    SmallTalk {
        topic: Topic,
        keep: Option<Box<Pending>>,
    },
    Answer {
        topic: Topic,
        year_offset: i32,
        /// The user's chart request; its gender is empty when the topic does not need it and it was not said.
        own: Option<ChartRequest>,
        partner: Option<ChartRequest>,
        /// A birth completed in this turn, to keep for the rest of the session.
        remember: Option<ChartRequest>,
        /// The facts and topic this answer used, to store with it for the next turn.
        keep: Option<Box<Pending>>,
        /// The chart read is the second person's, asked about by this word ("그 사람은요?", "여친이 …").
        about: Option<String>,
        /// The second chart is this person's ("남편분", "새아버님"): both are weighed in the answer.
        partner_about: Option<String>,
    },
}

/// A turn's step with what the conversation now knows: the user's facts (or those of the person asked
/// about), the second person's, and what is impossible in them.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub step: Step,
    pub topic: Topic,
    pub emotion: bool,
    pub own: BirthFacts,
    pub partner: Option<BirthFacts>,
    pub invalid: Option<Invalid>,
}

fn ask(missing: Missing, mut pending: Pending, gender_needed: bool) -> Step {
    pending.gender_asked |= missing == Missing::Gender && !pending.partner;
    let facts = &pending.facts;
    Step::Ask { text: follow_up(missing, facts, pending.partner, gender_needed), missing, pending: Box::new(pending) }
}

/// A month or day without a year that the message neither corrects nor gives as a birth.
fn event_date(new: &BirthFacts, text: &str) -> bool {
    // Words that correct a date or tell a birth: either keeps a month or day the birth's.
    // ("엄마한테 물어보니 21일 밤 11시 50분쯤이었대요!": what someone who was there says is a correction.)
    const CORRECTS: &[&str] = &["잘못", "정정", "틀렸", "다시 말", "물어보니", "물어봤더니", "였대요", "이었대요"];
    const BIRTH_TALK: &[&str] = &["태어", "출생", "생일", "생이", "생인"];
    // Words that, beside a bare date, still mean it is the birth's — unless the date is an event's (below).
    const ALSO_BIRTH: &[&str] = &["아니", "사실은", "음력", "양력", "윤달", "윤"];
    let says = |words: &[&str], text: &str| words.iter().any(|w| text.contains(w));
    // "손없는날은 26일이라던데요? 그럼 26일이 나은 거 아니에요?": a day talked of for a move, a ceremony or a
    // booking is that day's, whatever else the message says ("아니에요?" here asks, it corrects nothing).
    const EVENT_TALK: &[&str] =
        &["손없", "손 없", "이사", "택일", "길일", "날 잡", "날잡", "예식", "결혼식", "입대", "계약일", "잔금"];
    let about_birth = says(CORRECTS, text) || says(BIRTH_TALK, text);
    if new.year.is_none() && (new.month.is_some() || new.day.is_some()) && !about_birth && says(EVENT_TALK, text) {
        return true;
    }
    let text = text.replace("아니면", "");
    // "아 5월 16일이에요", "11월 1일이었어요": nothing but a date is a correction.
    static DATE_PART: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\d+\s*(월|일)").expect("a valid pattern"));
    let rest = DATE_PART.replace_all(&text, "");
    let filler = ["아", "이었어요", "이에요", "였어요", "예요", "이요", "입니다", "인데요", "요", "네", "앗"];
    let rest = filler.iter().fold(rest.to_string(), |r, f| r.replace(f, ""));
    let only_a_date =
        new.month.is_some() && new.day.is_some() && rest.chars().filter(|c| c.is_alphanumeric()).count() == 0;
    new.year.is_none()
        && (new.month.is_some() || new.day.is_some())
        && !only_a_date
        && !about_birth
        && !says(ALSO_BIRTH, &text)
}

/// The word by which a message asks about the second person of the conversation ("그 사람은요?", "여친이
/// 좀 예민한데", "남편은 올해 어때요?"), as the reply names them; `None` when it asks about the user or both
/// ("저희 언제쯤", "남편복", "남편이랑 사이가"). A word for a relation names the second person only when it is
/// theirs (`relation`, the lexer's code): "남친이 돈이 없다고" about a mother's chart is not the mother.
/// Whether the message's questions speak of `word` ("아들", "언니") and never of the user: its sentences with a
/// question in them ("…궁금해서요", "…없어요?", "왜 …할까요") that tell no birth.
fn asks_only_of(text: &str, word: &str) -> bool {
    static BIRTH_PART: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\d\s?(년|월|일|시)|\d{6}|생").expect("valid"));
    const ASKING: &[&str] = &[
        "까",
        "나요",
        "궁금",
        "봐주",
        "봐 주",
        "어때",
        "없어요",
        "있어요",
        "맞아요",
        "뭐",
        "왜",
        "어디",
        "언제",
        "알려",
    ];
    const SELF: &[&str] = &[
        "제 ",
        "저는",
        "저도",
        "저의",
        "저한테",
        "저랑",
        "나는",
        "내 ",
        "나도",
        "나랑",
        "우리",
        "저희 둘",
        "둘이",
        "둘 다",
    ];
    let questions: Vec<&str> = text
        .split(['.', '?', '!', ',', '\n', '~'])
        .filter(|s| !BIRTH_PART.is_match(s))
        .filter(|s| ASKING.iter().any(|w| s.contains(w)))
        .collect();
    questions.iter().any(|s| s.contains(word)) && !questions.iter().any(|s| SELF.iter().any(|w| s.contains(w)))
}

fn partner_word(text: &str, relation: Option<&str>) -> Option<&'static str> {
    // (word, how the reply names them, the relation it names; None: whoever the second person is)
    const WORDS: &[(&str, &str, Option<&[&str]>)] = &[
        ("그 사람", "그분", None),
        ("걔", "그분", None),
        ("그사람", "그분", None),
        ("그 분", "그분", None),
        ("그분", "그분", None),
        ("상대방", "상대분", None),
        ("상대분", "상대분", None),
        ("상대", "상대분", None),
        ("남자친구", "남자친구분", Some(&["boyfriend", "lover", "other"])),
        ("여자친구", "여자친구분", Some(&["girlfriend", "lover", "other"])),
        ("남친", "남자친구분", Some(&["boyfriend", "lover", "other"])),
        ("여친", "여자친구분", Some(&["girlfriend", "lover", "other"])),
        ("썸남", "그분", Some(&["other", "lover"])),
        ("썸녀", "그분", Some(&["other", "lover"])),
        ("남편", "남편분", Some(&["husband"])),
        ("아내", "아내분", Some(&["wife"])),
        ("와이프", "아내분", Some(&["wife"])),
        ("애인", "그분", Some(&["boyfriend", "girlfriend", "lover", "other"])),
        ("엄마", "어머님", Some(&["mother"])),
        ("어머니", "어머님", Some(&["mother"])),
        ("아빠", "아버님", Some(&["father"])),
        ("아버지", "아버님", Some(&["father"])),
        ("딸", "따님", Some(&["daughter"])),
        ("아들", "아드님", Some(&["son"])),
    ];
    // "저희 언제쯤", "우리 둘", "서로": both; "우리 딸은 무슨 띠예요?" is the daughter.
    let both = [
        "둘이",
        "두 사람",
        "서로",
        "둘 다",
        "부부",
        "우리 둘",
        "저희 둘",
        "우리는",
        "저희는",
        "우리가",
        "저희가",
        "우리 사이",
        "저희 사이",
    ];
    if both.iter().any(|w| text.contains(w)) {
        return None;
    }
    WORDS.iter().find_map(|(word, name, relations)| {
        // A relation word fits a second person whose relation is unknown, or is that relation.
        if let (Some(theirs), Some(fits)) = (relation, relations) {
            if !fits.contains(&theirs) {
                return None;
            }
        }
        let at = text.find(word)?;
        // "시어머니", "외할머니", "장모님": a longer word for someone else.
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| ['시', '장', '외', '할', '큰', '새', '양', '친'].contains(&c)) {
            return None;
        }
        let rest = &text[at + word.len()..];
        // "남편은", "남편이 이직", "남편 사주만", "남편꺼", "남편 원숭이띠 아니에요?"
        let particle = ["은", "는", "의 ", "이 ", "가 ", "도 ", "만 ", " 사주", "꺼", "거 ", "것", " 띠", "띠"]
            .iter()
            .any(|p| rest.starts_with(p));
        let zodiac = crate::saju::ganzhi::Branch::of_zodiac_word_at(rest.trim_start()).is_some();
        // "아들 올해 수능 잘 볼까요?": the word that opens the message, its particle dropped.
        // ("남편 복 있나요?" asks about the user's spouse luck, not the husband's chart.)
        let opens =
            at == text.len() - text.trim_start().len() && rest.starts_with(' ') && !rest.trim_start().starts_with('복');
        (particle || zodiac || opens).then_some(*name)
    })
}

/// Whether the message asks something new while a follow-up question of ours waits, and tells nothing of a
/// birth: "근데 그 친구가 대출 보증도 서달래요" while the friend's birthday was asked, "용신이 뭐예요?" while the
/// 오전·오후 of "열두시" was.
fn moved_on(p: &Pending, u: &super::understand::Understanding, text: &str) -> bool {
    let tells_birth = !u.birth.is_empty() || u.partner.as_ref().is_some_and(|f| !f.is_empty()) || !u.others.is_empty();
    let answers_ours = ["몰라", "모르", "기억", "모름", "없어요", "맞아"].iter().any(|w| text.contains(w))
        || ["네", "응", "예"].iter().any(|w| text.trim() == *w);
    // ("잠시만요, 엄마한테 물어볼게요": the answer is coming.)
    let defers =
        ["물어보", "물어볼", "확인해", "확인하고", "잠시만", "잠깐만", "찾아보"].iter().any(|w| text.contains(w));
    // ("날짜는 모른대요. 그럼 엄마인 저랑 딸은 잘 맞아요?": the second person's birthday is not known, and the
    // message goes on to something else.)
    let unknown_then_more = p.partner
        && p.facts.year.is_some()
        && ["모르", "모른", "몰라", "모름"].iter().any(|w| text.contains(w))
        && ["생일", "날짜", "생년", "월일", "태어난 날", "언제 태어"].iter().any(|w| text.contains(w))
        && text.chars().count() >= 14
        && !u.birth.has_date()
        && !u.partner.as_ref().is_some_and(BirthFacts::has_date);
    !p.answered && ((!tells_birth && !answers_ours && !defers && text.chars().count() >= 6) || unknown_then_more)
}

/// A waiting question let go: the second person's missing birth is not asked again (the user's own chart
/// answers, and their partial facts stay among the people told); someone else's partial birth asked about
/// gives way to the user's own, when the session has it; the user's own 오전·오후 asked once and not given
/// reads the chart without the hour pillar.
fn released(p: Pending, own_known: bool) -> Option<Pending> {
    if p.partner {
        let own = p.own_facts.clone().filter(|f| f.relation.is_none() || !own_known).unwrap_or_default();
        let topic = if p.topic == Topic::Compatibility.key() { Topic::General.key() } else { p.topic.clone() };
        Some(Pending { partner: false, facts: own, partner_facts: None, own_facts: None, answered: true, topic, ..p })
    } else if p.facts.relation.is_some() && own_known {
        None
    } else if p.facts.hour.is_some() && p.facts.clock().is_none() {
        Some(Pending { am_pm_let_go: true, ..p })
    } else {
        Some(p)
    }
}

/// Decides the turn for `text`.
pub fn decide(text: &str, this_year: i32, known: Known) -> Step {
    decide_turn(text, this_year, known).step
}

/// Decides the turn for `text`, with what the conversation knows after it.
pub fn decide_turn(text: &str, this_year: i32, known: Known) -> Decision {
    let mut pending = known.pending.clone();
    let mut ongoing = pending.as_ref().and_then(|p| Topic::from_code(&p.topic));
    let mut u = understand_in(text, this_year, ongoing);
    // A new question instead of the answer to ours: it is answered with what is known, not met with the same
    // question again (and read again without the 궁합 that waited for the second person).
    if let Some(p) = pending.clone().filter(|p| moved_on(p, &u, text)) {
        pending = released(p, known.own.is_some());
        ongoing = pending.as_ref().and_then(|p| Topic::from_code(&p.topic));
        u = understand_in(text, this_year, ongoing);
    }
    // The people told so far, with the ones this message tells.
    let mut people = pending.as_ref().map(|p| p.people.clone()).unwrap_or_default();
    for kept in
        [pending.as_ref().and_then(Pending::other), pending.as_ref().and_then(Pending::own)].into_iter().flatten()
    {
        note_person(&mut people, kept, None);
    }
    for told in std::iter::once(&u.birth).chain(u.partner.as_ref()).chain(u.others.iter()) {
        note_person(&mut people, told, word_for(&u.named, told.relation.as_deref()));
    }
    // "아 잠깐 남친 생일 음력이었대요", "남편은 밤 11시가 아니라 오전 11시래요": a correction that names someone
    // told before changes their birth only; the user's stays as it was.
    let speaks_of_self = speaks_of_self(text);
    let corrected = corrected_other(&u, &people, speaks_of_self);
    if let Some(relation) = &corrected {
        let fix = BirthFacts { relation: None, gender: None, ..correction_facts(&u) };
        if let Some(p) = people.iter_mut().find(|p| p.relation == *relation) {
            p.facts = p.facts.clone().merge(&fix);
        }
    }
    // The people this message names whose birth it does not give (they were told before).
    let given = |relation: &str| {
        std::iter::once(&u.birth)
            .chain(u.partner.as_ref())
            .any(|f| f.relation.as_deref() == Some(relation) && f.has_date())
    };
    let recalled: Vec<OtherPerson> = u
        .named
        .iter()
        .filter(|(r, _)| !given(r))
        .filter_map(|(r, w)| {
            people.iter().find(|p| p.relation == *r).map(|p| OtherPerson { word: w.clone(), ..p.clone() })
        })
        // (A friend told without a gender is still read when named again — "아까 그 친구는 올해 운이 어때요?" — but
        // not when named as company: "A랑 만나면 결혼은 언제쯤" asks of the user.)
        .filter(|p| {
            p.facts.missing_for_partner().is_none()
                || (p.facts.missing(true, false).is_none()
                    && !["랑", "이랑", "하고", "와 ", "과 "].iter().any(|j| text.contains(&format!("{}{j}", p.word))))
        })
        .collect();
    // "저랑 애들은 잘 맞나요?": the children told before.
    let mut recalled = recalled;
    if recalled.is_empty()
        && ["애들", "아이들", "애기", "아기", "우리 애", "아이는", "애는"].iter().any(|w| text.contains(w))
    {
        let child = |r: &str| {
            ["son", "daughter", "child", "child_second", "child_youngest", "granddaughter", "grandson"].contains(&r)
        };
        recalled.extend(people.iter().filter(|p| child(&p.relation)).take(1).cloned());
    }
    // Whether the message names someone told before (then "제가 엄마한테 뭘 해드리면" is about the mother).
    let names_someone_told = u.named.iter().any(|(r, _)| people.iter().any(|p| p.relation == *r));
    // "싸울때 주로 뭐땜에 싸울까요" once the second person is known: the friction of the two charts.
    let friction = ["싸우", "싸울", "싸움", "싸워", "다투", "다퉈", "다툼", "갈등", "부딪혀", "부딪히", "부딪쳐"]
        .iter()
        .any(|w| text.contains(w))
        && !["상사", "동료", "팀장", "직장", "회사", "친구들"].iter().any(|w| text.contains(w));
    let partner_known = pending.as_ref().and_then(Pending::other).is_some_and(|p| p.missing_for_partner().is_none());
    // "결혼까지 갈 수 있을까요? 솔직하게요" right after a 궁합: the couple's future, from both charts.
    let couple_future = ongoing == Some(Topic::Compatibility)
        && ["결혼까지", "갈 수 있을까", "갈수있을까", "오래 갈", "오래갈", "헤어지게", "계속 만나"]
            .iter()
            .any(|w| text.contains(w));
    // (A topic kept from the last turn — "그럼 엄마인 제가 어떻게 해줘야 돼요? 저랑 애랑 맨날 부딪혀서" after the
    // son's aptitude — gives way to the two of them.)
    // "그 사람은 98년생 범띠예요. 그 사람 사주로 보면 저한테 돌아올까요?", "사위될 사람은 93년 5월생이에요. 둘이 잘
    // 살까요?": someone else told only partly, asked about with the one already read — a 궁합 whose second
    // person is asked for (and read from the year meanwhile), never the known birth with their year put in.
    let partial_other = u.subject == Role::Other
        && u.birth.year.is_some()
        && !u.birth.has_whole_date()
        && u.partner.is_none()
        && (known.own.is_some() || pending.as_ref().and_then(Pending::own).is_some_and(BirthFacts::has_date))
        && [
            "둘이",
            "우리",
            "저한테",
            "저랑",
            "나랑",
            "잘 살",
            "잘살",
            "맞을",
            "맞아",
            "돌아올",
            "궁합",
            "어때",
            "어떨",
            "같이",
            "함께",
            "명의",
            "괜찮을까",
            "낫겠",
        ]
        .iter()
        .any(|w| text.contains(w));
    let for_the_two = (friction || couple_future)
        && partner_known
        && (matches!(u.topic, Topic::General | Topic::Love | Topic::Timing(_)) || !u.topic_said);
    let topic = if (partial_other && !matches!(u.topic, Topic::Samjae | Topic::Term | Topic::Crisis)) || for_the_two {
        Topic::Compatibility
    } else {
        u.topic
    };
    // The year asked about goes on into follow-ups ("내년은요?" → "재물은?"), but a "언제?" asks over the years
    // from now.
    // "그다음 해는?" after 2028: the year after the one asked before, not next year.
    let after_asked = ["그다음", "그 다음"].iter().any(|w| text.contains(w)) && u.year_offset == 1;
    // "그 전 해에 하는 건 별로예요?" after 2028: the year before the one asked.
    let before_asked = ["그 전 해", "그 전해", "그전 해", "그전해", "그 앞 해", "한 해 전", "그 전 년도", "그 전년"]
        .iter()
        .any(|w| text.contains(w));
    let year_offset = if before_asked {
        pending.as_ref().map_or(0, |p| p.year_offset) - 1
    } else if after_asked {
        pending.as_ref().map_or(0, |p| p.year_offset) + 1
    } else if u.year_offset != 0 {
        u.year_offset
    } else if super::understand::says_this_year(text)
        || (u.topic_said && matches!(topic, Topic::Timing(_)))
        || u.feeling_only
    {
        0
    } else {
        pending.as_ref().map_or(0, |p| p.year_offset)
    };
    let compat = topic == Topic::Compatibility;
    let waiting = pending.as_ref().filter(|p| !p.answered);
    let day_offset = match super::understand::day_offset(text) {
        0 => waiting.map_or(0, |p| p.day_offset),
        d => d,
    };
    let waiting_own = waiting.is_some_and(|p| !p.partner);
    let waiting_partner = waiting.is_some_and(|p| p.partner);
    let keys: Vec<(String, String, String)> =
        known.profiles.iter().map(|p| (p.id.clone(), p.name.clone(), p.relation.clone())).collect();
    let birth_of = |id: &str| known.profiles.iter().find(|p| p.id == id).map(|p| p.birth.clone());
    // A saved person the message names is the user's subject, or for 궁합 the second person — never the
    // session's own person ("엄마와 아빠의 궁합" in 엄마's session names 아빠).
    let named = if compat {
        let others: Vec<_> =
            keys.iter().filter(|(id, _, _)| Some(id) != known.session_profile.as_ref()).cloned().collect();
        profile_reference(text, &others).map(str::to_string)
    } else {
        profile_reference(text, &keys).map(str::to_string)
    };

    // What was known of the user (or the person asked about) before this message.
    let session_own = known.own.as_ref().map(BirthFacts::from_request);
    // (A wait let go whose kept person was someone else leaves no facts: the session's own birth then.)
    let mut own_base = pending
        .as_ref()
        .and_then(|p| p.own().filter(|f| !f.is_empty()).cloned())
        .or_else(|| session_own.clone())
        .unwrap_or_default();
    // "사위될 사람은 93년 5월생이에요. 둘이 잘 살까요?" right after a reading of the daughter: the new person is
    // weighed with the one that reading was about, not with the user.
    // The one the last answers were about when that was not the user (the son read from his birth, the
    // daughter-in-law named): a 궁합 the user asks with their own birth is with them.
    let last_read: Option<BirthFacts> = pending
        .as_ref()
        .filter(|p| p.answered && p.pair.is_empty() && !p.partner)
        .and_then(|p| match &p.about {
            Some(_) => p.partner_facts.clone(),
            None => Some(p.facts.clone()).filter(|f| f.relation.is_some()),
        })
        .filter(|f| f.has_whole_date());
    let about_person = pending
        .as_ref()
        .filter(|p| p.answered && p.about.is_some() && p.pair.is_empty())
        .and_then(|p| p.partner_facts.clone())
        .filter(|f| f.has_whole_date() && f.relation.is_some());
    if let Some(subject) = about_person.filter(|_| partial_other && !speaks_of_self && !to_the_user(text)) {
        own_base = subject;
    }
    let mut partner_base = pending.as_ref().and_then(|p| p.other().cloned());
    if let (Some(relation), Some(base)) = (&corrected, partner_base.as_mut()) {
        if base.relation.as_deref() == Some(relation.as_str()) {
            *base = base.clone().merge(&BirthFacts { relation: None, gender: None, ..correction_facts(&u) });
        }
    }
    // What was kept as the subject is someone else's (asked about before the user told their own birth): a
    // message that speaks of the user, tells a birth that is not another's, or asks a 궁합 starts the user's own.
    // (Not while the second person's birth is being completed: "생일은 8월 3일이래요" is theirs.)
    if own_base.relation.is_some()
        && u.subject != Role::Other
        && (!waiting_partner || u.birth.has_whole_date())
        && (u.birth.has_whole_date() || (speaks_of_self && !names_someone_told) || compat)
    {
        own_base = session_own.clone().unwrap_or_default();
    }
    // "엄마랑 저 중에 누구 사주에 날짜를 맞춰야 돼요?" after a turn about the mother: the user and the mother, as
    // two — the user's own birth first, the one told before second.
    let with_self = ["랑 저 ", "랑 저는", "하고 저 ", "와 저 ", "과 저 ", "저랑 ", "나랑 ", "랑 나 ", "저하고 "]
        .iter()
        .any(|w| text.contains(w));
    if with_self
        && own_base.relation.is_some()
        && session_own.is_some()
        && !u.birth.has_date()
        && u.named.iter().any(|(r, _)| Some(*r) == own_base.relation.as_deref())
    {
        partner_base = Some(own_base.clone());
        own_base = session_own.clone().unwrap_or_default();
    }
    // A saved person named outside a 궁합 is the subject ("엄마 사주 봐줘").
    let named_subject = named.as_deref().filter(|_| !compat && !u.birth.has_date()).and_then(birth_of);
    if let Some(b) = &named_subject {
        own_base = BirthFacts::from_request(b);
    }
    // Someone other than the user, named with their birth: a new subject, not a correction of the user's.
    let other_subject = !compat && u.subject == Role::Other && !waiting_own && u.birth.has_date();
    // "남편은 80년 음력 9월 9일생이에요. 남편 사주까지 보면 달라지나요?" once the user's birth is known: the
    // husband is read (and named), and the user's birth stays the conversation's.
    // (Only the user's own: "딸은 92년 …" after a reading of the son-in-law keeps him among the people told, not as
    // the user.)
    let user_kept = other_subject.then(|| own_base.clone()).filter(BirthFacts::has_date).map(|f| {
        if f.relation.is_some() {
            BirthFacts::default()
        } else {
            f
        }
    });
    if other_subject {
        own_base = BirthFacts::default();
    }
    // Whose is what this message says: in a 궁합, unnamed facts are the partner's while the partner's are
    // asked for, or once the user's own birth is known.
    let own_known = known.own.is_some() || pending.as_ref().and_then(Pending::own).is_some_and(|f| f.has_date());
    // ("아들은 94년 …이고 친구는 92년생 원숭이띠라 하오. 둘이 맞겠소?": the one told whole is read, the one told
    // by a year is the second person asked for.)
    let partial_first = compat
        && u.birth.relation.is_some()
        && u.birth.year.is_some()
        && !u.birth.has_whole_date()
        && u.partner.as_ref().is_some_and(|p| p.has_whole_date() && p.relation.is_some());
    let (mut own_new, partner_new) = if partial_first {
        (u.partner.clone().unwrap_or_default(), Some(u.birth.clone()))
    } else if compat {
        let unmarked_is_partner =
            u.subject == Role::Unmarked && u.partner.is_none() && (waiting_partner || (own_known && !waiting_own));
        if unmarked_is_partner || partial_other {
            // ("형은 85년 소띠야": the person named is whose year it is.)
            let mut theirs = u.birth.clone();
            if partial_other && theirs.relation.is_none() {
                theirs.relation = u.named.first().map(|(r, _)| r.to_string());
            }
            (BirthFacts::default(), Some(theirs))
        } else {
            (u.birth.clone(), u.partner.clone())
        }
    } else if waiting_partner && u.subject != Role::Speaker {
        (BirthFacts::default(), Some(u.birth.clone()))
    } else {
        // A second person told with their birth beside the subject is kept for later turns about them.
        (u.birth.clone(), u.partner.clone().filter(BirthFacts::has_date))
    };
    if corrected.is_some() {
        own_new = BirthFacts::default();
    }
    // Once the birth is known, a date without a year is an event ("5월에 여행 가는데", "6월 시험은요?",
    // "5월이랑 6월 중에"), not a new birth: only a message that says it corrects or speaks of the birth
    // changes the date.
    if !waiting_own && own_base.year.is_some() && own_base.month.is_some() && event_date(&own_new, text) {
        own_new = BirthFacts { gender: own_new.gender.clone(), ..BirthFacts::default() };
    }
    // "면접이 오후 2시인데 시간도 상관있어요?": a clock beside an event, once the birth is known, is the event's
    // time; only a message that speaks of the birth changes the birth hour.
    let event_words = ["면접", "시험", "약속", "수술", "출근", "미팅", "예약", "발표", "상견례", "소개팅", "비행기"];
    if !waiting_own
        && own_base.has_date()
        && own_new.hour.is_some()
        && !own_new.has_date()
        && event_words.iter().any(|w| text.contains(w))
        && !["태어", "출생", "생시", "아니", "잘못", "정정"].iter().any(|w| text.contains(w))
    {
        own_new.hour = None;
        own_new.minute = None;
        own_new.period = None;
        own_new.hour_is_24h = false;
    }
    // "인사는 이번 달 말이 나아요, 1월이 나아요?" in a 궁합 whose second person's birth is known: the month is
    // the event's, not a correction of theirs.
    let partner_new = partner_new.filter(|new| {
        let known = partner_base.as_ref().is_some_and(|p| p.year.is_some() && p.month.is_some());
        !(known && !waiting_partner && event_date(new, text))
    });
    // The user's birth and a second person's told in one message: a question about days is about both.
    let told_together = !compat
        && own_new.has_whole_date()
        && partner_new.as_ref().is_some_and(|p| p.has_whole_date() && p.relation.is_some());
    if let Some(new) = &partner_new {
        // ("남편은 72년생" after the son's birth: someone else, never the son's date with the husband's year.)
        // (A person only named — "시어머니가 받아오신 날" — tells no birth and changes no one.)
        let someone_else = |base: &BirthFacts| {
            new.year.is_some() && matches!((&base.relation, &new.relation), (Some(a), Some(b)) if a != b)
        };
        // ("나하고 사위는 잘 맞겠소?" while the daughter was kept: the son-in-law named without a birth does not
        // take her date; the one named is found among the people told below.)
        let only_named_other = |base: &BirthFacts| {
            !new.has_date() && matches!((&base.relation, &new.relation), (Some(a), Some(b)) if a != b)
        };
        partner_base = Some(match partner_base {
            Some(base) if only_named_other(&base) => base,
            Some(base) if !someone_else(&base) => base.merge(new),
            _ => new.clone(),
        });
    }
    let mut own = own_base.merge(&own_new);
    // "87년 윤6월 3일 … 헤어진 남친이랑 재회", "올해 남자 생겨요?", "시어머니가", "군대 다녀와서": once the user's
    // birth is there and their gender is not, their word for their own partner (or their in-laws, a birth they
    // are giving, their service) gives it rather than a question (the reply's 남편·아내 stars
    // show which reading was used, and a gender said later replaces it).
    if own.gender.is_none() && own.has_date() && (u.subject != Role::Other || partial_other) {
        // (In a 궁합 too: "예랑이랑 궁합" is the bride's question.)
        // ("남편이 갑자기 실직했어요" two turns before "저는요? … 82년 9월 9일": the husband told earlier is hers.)
        let spouse_told = people.iter().find_map(|p| match p.relation.as_str() {
            "husband" => Some("female"),
            "wife" => Some("male"),
            _ => None,
        });
        own.gender = super::understand::gender_from_partner_words(text)
            .or_else(|| super::understand::gender_from_life_words(text))
            .or(spouse_told.filter(|_| own.relation.is_none()))
            .map(str::to_string);
    }
    // ("쌍둥이 아들 엄마예요." before any birth: the gender is kept for the birth told later.)
    if own.gender.is_none() && !own.has_date() && u.subject != Role::Other && own.relation.is_none() {
        own.gender = super::understand::gender_from_life_words(text).map(str::to_string);
    }
    // "만 쉰여덟 남자고 생일은 3월 3일": the year from the age and the birthday.
    if own.year.is_none() && own.month.is_some() && own.day.is_some() {
        own.year = super::understand::birth::year_from_age(text, this_year, known.today, own.month, own.day);
    }
    own.settle();
    let mut partner = partner_base.filter(|p| !p.is_empty() || p.relation.is_some());
    if let Some(p) = partner.as_mut() {
        p.settle();
    }
    // "저랑 딸은 잘 맞나요?": the second person of a 궁합 is someone told before, when this message names them.
    // ("나하고 사위는 잘 맞겠소?" when the daughter was the second person kept: the one named.)
    let named_other = recalled.iter().find(|p| p.relation != "self");
    let names_another = named_other.is_some_and(|n| {
        partner.as_ref().is_some_and(|p| p.relation.as_deref().is_some_and(|r| r != n.relation))
            && !u.partner.as_ref().is_some_and(BirthFacts::has_date)
    });
    if compat && (!partner.as_ref().is_some_and(BirthFacts::has_date) || names_another) {
        if let Some(p) = named_other {
            // (Their gender, when the birth was told without one: "할머니" says it.)
            let mut facts = p.facts.clone();
            facts.gender = facts.gender.or_else(|| super::understand::relation_gender(&p.relation).map(str::to_string));
            partner = Some(facts);
        } else if let Some(mut facts) = last_read.clone().filter(|_| own_new.has_whole_date() && own.relation.is_none())
        {
            // "아빠랑은 잘 맞아요? 저는 86년 12월 2일 …" after turns about the son: the user (told now) and the one
            // the last answers were about.
            facts.gender = facts
                .gender
                .or_else(|| facts.relation.as_deref().and_then(super::understand::relation_gender).map(str::to_string));
            partner = Some(facts);
        }
    }
    // The user's gender from their own words said while someone else was read ("엄마예요. 중2 딸 …").
    let speaker_gender = super::understand::gender_from_life_words(text)
        .map(str::to_string)
        .or_else(|| pending.as_ref().and_then(|p| p.speaker_gender.clone()));
    if own.gender.is_none() && own.relation.is_none() && own.has_date() {
        own.gender = speaker_gender.clone();
    }
    let kept_gender = speaker_gender.clone().or_else(|| own.gender.clone().filter(|_| own.relation.is_none()));
    let decision = |step: Step, own: BirthFacts, partner: Option<BirthFacts>, invalid: Option<Invalid>| Decision {
        step: with_speaker_gender(step, kept_gender.clone()),
        topic,
        emotion: u.emotion,
        own,
        partner,
        invalid,
    };

    if matches!(topic, Topic::SmallTalk | Topic::OutOfScope | Topic::Crisis) {
        // A birth told beside small talk or a question 사주 cannot answer ("로또 번호 … 890615 남자") is kept, so
        // the next question is answered with it instead of asking for it again.
        // (Beside a crisis too: "… 93년 6월 25일 남자 … 다 그만두고 싶어요" then "올해는 붙을 수 있을까요?" is a
        // reading asked with the birth, answered with the help lines, not a form.)
        let keep = match pending {
            _ if !compat && own_new.has_date() => Some(Pending {
                partner: false,
                facts: own.clone(),
                topic: Topic::General.key(),
                asked_hour: false,
                year_offset: 0,
                day_offset: 0,
                partner_facts: None,
                own_facts: None,
                answered: false,
                gender_asked: false,
                about: None,
                people: people.clone(),
                pair: Vec::new(),
                couple: false,
                am_pm_let_go: false,
                speaker_gender: None,
            }),
            p => p.map(|p| Pending { people: people.clone(), ..p }),
        };
        return decision(Step::SmallTalk { topic, keep: keep.map(Box::new) }, own, partner, None);
    }
    let key = topic.key();
    // Asked once and not given: answered without it from now on (the chart then has no 대운).
    let gender_asked_before = pending.as_ref().is_some_and(|p| p.gender_asked) && own.gender.is_none();
    // A feeling told between questions asks for nothing.
    // ("저랑 할머니는 잘 맞아요?": a 궁합 with family, a friend or a colleague reads the day masters and their
    // relations, not the spouse stars: the user's gender is not asked for it.)
    let not_romantic = compat
        && partner
            .as_ref()
            .and_then(|p| p.relation.as_deref())
            .is_some_and(|r| !is_romantic_relation(r) && r != "other");
    let gender_needed = topic.needs_gender() && !gender_asked_before && !u.feeling_only && !not_romantic;
    let pending_with = |partner_side: bool,
                        facts: BirthFacts,
                        other: Option<BirthFacts>,
                        own_facts: Option<BirthFacts>,
                        asked_hour: bool| {
        Pending {
            partner: partner_side,
            facts,
            topic: key.clone(),
            asked_hour,
            year_offset,
            day_offset,
            partner_facts: other,
            own_facts,
            answered: false,
            gender_asked: gender_asked_before,
            about: None,
            people: people.clone(),
            pair: Vec::new(),
            couple: false,
            am_pm_let_go: false,
            speaker_gender: None,
        }
    };

    // What is impossible is named first, and asked again.
    if let Some(invalid) = own.invalid() {
        let facts = own.clone().without(&invalid);
        let missing = facts.missing(true, gender_needed).unwrap_or(Missing::MonthDay);
        let text = format!("{}\n{}", invalid.message(), follow_up(missing, &facts, false, gender_needed));
        let pending = pending_with(false, facts.clone(), partner.clone(), None, true);
        return decision(Step::Ask { text, missing, pending: Box::new(pending) }, facts, partner, Some(invalid));
    }
    if let Some(invalid) = partner.as_ref().and_then(BirthFacts::invalid) {
        let facts = partner.clone().unwrap_or_default().without(&invalid);
        let missing = facts.missing_for_partner().unwrap_or(Missing::MonthDay);
        let text = format!("상대분의 출생 정보에서 {}", invalid.message());
        let pending = pending_with(true, facts.clone(), None, Some(own.clone()), false);
        return decision(Step::Ask { text, missing, pending: Box::new(pending) }, own, Some(facts), Some(invalid));
    }

    // A term is explained with or without a chart: nothing is asked. (So are two days a baby could be born on:
    // their charts need no one else's.)
    let own_complete = own.missing(true, false).is_none();
    let baby_days = crate::answer::birth_dates::asks(text)
        && crate::answer::days::dates_named(text, known.today.map_or((this_year, 1, 1), |(m, d)| (this_year, m, d)))
            .len()
            == 2;
    if topic == Topic::Term || (baby_days && !own_complete) {
        let request = if own_complete { own.to_request() } else { known.own.clone() };
        // A birth told beside the term ("공망이 무슨 말이에요? 83년 6월 11일생 남자고 시간은 몰라요") is the
        // session's from now on, like any other.
        let remember = request.clone().filter(|_| own_complete && !own_new.is_empty());
        // (What the message told of the speaker, a gender, is kept for the birth told next.)
        let keep = pending.or_else(|| {
            own.gender.is_some().then(|| Pending { facts: own.clone(), topic: key.clone(), ..Pending::default() })
        });
        let step = Step::Answer {
            topic,
            year_offset,
            own: request,
            partner: None,
            remember,
            keep: keep.map(Box::new),
            about: None,
            partner_about: None,
        };
        return decision(step, own, partner, None);
    }

    // Two people neither of whom is the user: both told in this message ("엄마랑 새아빠 궁합 … 엄마는 62년 …,
    // 새아빠는 58년 …"), named again ("엄마랑 새아빠는 잘 맞아요?"), or the pair of the last answer asked about
    // again ("두 분 중에 누가 더 참고 살아요?").
    let pair = others_pair(text, &u, &recalled, &people, pending.as_ref(), compat, speaks_of_self);
    if let [a, b] = pair.as_slice() {
        let user = pending
            .as_ref()
            .and_then(Pending::own)
            .filter(|f| f.relation.is_none())
            .cloned()
            .or_else(|| session_own.clone())
            .unwrap_or_default();
        let keep = Pending {
            facts: user,
            topic: key.clone(),
            year_offset,
            answered: true,
            gender_asked: gender_asked_before,
            people: people.clone(),
            pair: vec![a.relation.clone(), b.relation.clone()],
            ..Pending::default()
        };
        let step = Step::Answer {
            topic,
            year_offset,
            own: a.facts.to_request(),
            partner: b.facts.to_request(),
            remember: None,
            keep: Some(Box::new(keep)),
            about: Some(wording::honorific(&a.relation, &a.word)),
            partner_about: Some(wording::honorific(&b.relation, &b.word)),
        };
        return decision(step, a.facts.clone(), Some(b.facts.clone()), None);
    }

    // The user's own birth (or the subject's) first.
    let asked_hour = waiting.is_some_and(|p| !p.partner && p.asked_hour);
    // (오전·오후 let go: the hour is dropped and the chart read from three pillars.)
    let am_pm_let_go = waiting.is_some_and(|p| !p.partner && p.am_pm_let_go);
    if am_pm_let_go && own.hour.is_some() && own.clock().is_none() {
        own.hour = None;
        own.minute = None;
        own.unknown_hour = true;
    }
    let mut own_request = match own.missing(asked_hour, gender_needed) {
        Some(missing) => {
            let pending =
                pending_with(false, own.clone(), partner.clone(), None, asked_hour || missing == Missing::Hour);
            let mut step = ask(missing, pending, gender_needed);
            if compat && missing == Missing::Date {
                if let Step::Ask { text, .. } = &mut step {
                    *text = format!("궁합을 보려면 먼저 본인의 출생 정보가 필요해요.\n{text}");
                }
            }
            return decision(step, own, partner, None);
        }
        None => own.to_request(),
    };
    if own_request.is_none() {
        own_request = named_subject.clone().or_else(|| known.own.clone());
    }
    // Nothing new said of a birth the session already has: its own request, with every option it carries.
    if known.own.is_some() && own_new.is_empty() && !waiting_own && pending.as_ref().and_then(Pending::own).is_none() {
        own_request = named_subject.clone().or_else(|| known.own.clone());
    }

    // For 궁합, the second person: a saved profile the message names, or the birth told in the chat.
    let mut partner_request = None;
    if compat {
        let facts = partner.clone().unwrap_or_default();
        let saved = named.as_deref().filter(|_| !facts.has_date()).and_then(birth_of);
        if saved.is_some() {
            partner_request = saved;
        } else {
            match facts.missing_for_partner() {
                Some(missing) => {
                    let pending = pending_with(true, facts, None, Some(own.clone()), false);
                    return decision(ask(missing, pending, true), own, partner, None);
                }
                None => partner_request = facts.to_request(),
            }
        }
    }
    let changed = !own_new.is_empty() || waiting_own;
    // (Someone else's birth completed over a follow-up question — "어머니는 48년 …" then "시간 몰라요" — is not the
    // user's.)
    let remember =
        own_request.clone().filter(|_| changed && !other_subject && named_subject.is_none() && own.relation.is_none());
    let keep = Pending {
        partner: false,
        facts: own.clone(),
        // A feeling told between questions does not end the topic they are about.
        topic: if u.feeling_only { ongoing.map_or(key.clone(), Topic::key) } else { key.clone() },
        asked_hour: false,
        year_offset,
        day_offset: 0,
        partner_facts: partner.clone(),
        own_facts: None,
        answered: true,
        // (A 궁합 with family or a friend reads no spouse stars: the user's gender is not asked for it.)
        gender_asked: gender_asked_before || not_romantic,
        about: None,
        people: people.clone(),
        pair: Vec::new(),
        couple: false,
        am_pm_let_go: false,
        speaker_gender: None,
    };
    // "그 사람은요? 올해 운이 어때요?" after a 궁합: the second person's chart answers, the user's stays kept.
    // "혹시 재수하게 되면 내년은 어때요?" right after a turn about the son: still the son, until the message
    // speaks of the user ("저는요?", "제 거는").
    // ("시험관도 두 번 실패했어요 ㅠㅠ": a feeling told is the user's own, whoever was read before.)
    let still_about = pending.as_ref().and_then(|p| p.about.clone()).filter(|_| !speaks_of_self && !u.emotion);
    let about = (!compat && own_new.is_empty() && !u.birth.has_date())
        .then(|| {
            let relation = partner.as_ref().and_then(|p| p.relation.as_deref());
            // "엄마가 제 결혼을 반대해요": the mother acts in the user's own question ("제 결혼"); "제 남편은요?"
            // is still the husband.
            // ("솔직히 너무 지쳐요.. 남편은 별로 힘들어하지도 않는 것 같고": the feeling is the user's, whoever
            // it names.)
            let word = partner_word(text, relation)
                .filter(|_| !speaks_of_self || possessive_of_other(text))
                .filter(|_| !u.feeling_only);
            word.map(str::to_string).or(still_about)
        })
        .flatten()
        .filter(|_| partner.as_ref().is_some_and(|p| p.missing_for_partner().is_none()));
    let keep = Pending { about: about.clone(), ..keep };
    // The second person told in a later turn: kept as the second person, named in this reply and the next
    // ones about nobody in particular.
    let told_now = user_kept.is_some() && about.is_none();
    let (keep, about) = match user_kept {
        Some(user) if about.is_none() => {
            let name = match u.birth.relation.as_deref() {
                Some(r) => wording::honorific(r, word_for(&u.named, Some(r)).unwrap_or("")),
                None => partner_word(text, None).unwrap_or("그분").to_string(),
            };
            let mut other = own.clone();
            other.relation = other.relation.or(u.birth.relation.clone());
            (Pending { facts: user, partner_facts: Some(other), about: Some(name.clone()), ..keep }, Some(name))
        }
        _ => (keep, about),
    };
    let (mut own_request, mut partner_request, mut remember) = match &about {
        // (Told in this very message: their chart is this turn's own, and nothing is remembered as the user's.)
        Some(_) if told_now => (own_request, partner_request, None),
        Some(_) => (partner.as_ref().and_then(BirthFacts::to_request), None, None),
        None => (own_request, partner_request, remember),
    };
    let (mut keep, mut about) = (keep, about);
    // "그럼 엄마는 내년에 몇 월 조심해요?" after turns about others: someone told before, named again without a
    // birth, is read from their own chart (and stays the one asked about).
    let switch = recalled
        .first()
        .filter(|p| own.relation.as_deref() != Some(p.relation.as_str()))
        .filter(|_| !compat && !u.birth.has_date() && (!speaks_of_self || possessive_of_other(text)))
        .filter(|_| !u.feeling_only)
        .filter(|_| !wording::asks_which_of_two(text) || !speaks_of_self);
    if let Some(p) = switch {
        let name = wording::honorific(&p.relation, &p.word);
        own_request = p.facts.to_request();
        (partner_request, remember) = (None, None);
        about = Some(name.clone());
        keep.partner_facts = Some(p.facts.clone());
        keep.about = Some(name);
    }
    // "저는 79년 …생 엄마고요, 중1 아들 적성이 궁금해서요. 아들은 2013년 …": the user's birth and another's told
    // together, and the question is the other's alone: their chart is read, the user's is kept as the session's.
    let other_told = u.partner.as_ref().filter(|p| p.has_whole_date()).and_then(|p| p.relation.clone());
    if let (Some(relation), None, false) = (other_told, &about, compat) {
        let word = word_for(&u.named, Some(&relation)).unwrap_or("");
        if u.birth.has_whole_date() && !word.is_empty() && asks_only_of(text, word) && !wording::asks_which_of_two(text)
        {
            let name = wording::honorific(&relation, word);
            remember = own_request.clone().filter(|_| own.relation.is_none());
            own_request = partner.as_ref().and_then(BirthFacts::to_request);
            partner_request = None;
            keep.partner_facts = partner.clone();
            keep.about = Some(name.clone());
            about = Some(name);
        }
    }
    // "남편이랑 저 중에 누가 돈 관리하는 게 나아요?", "형이랑 저 중에 누가 장사 체질이에요?": a question that
    // weighs the user against the second person reads both charts, whatever its topic.
    let mut partner_about = None;
    // ("그럼 우리 결혼은 언제가 좋아요?", "내년 몇 월이 둘한테 다 괜찮아요?" after a 궁합 or a pick between the two:
    // still both, until the message singles one out.)
    let couple_goes_on = pending.as_ref().is_some_and(|p| p.couple)
        && recalled.is_empty()
        && !speaks_of_self
        && partner_word(text, None).is_none();
    let said_both = wording::asks_for_both(text);
    // ("1월 9일이랑 1월 23일 중에 어디가 나아요?" beside both births, or while the two are being read.)
    let weighs_days = (2..=4).contains(&crate::answer::days::dates_named(text, (this_year, 1, 1)).len());
    // ("저는 92년 …, 남편은 90년 … 아기를 3년 안에는 꼭 갖고 싶거든요": a couple's child is both of theirs.)
    let spouse_told =
        partner.as_ref().and_then(|p| p.relation.as_deref()).is_some_and(|r| ["husband", "wife"].contains(&r));
    let couple_told = partner.as_ref().and_then(|p| p.relation.as_deref()).is_some_and(is_romantic_relation);
    let for_both = ((said_both || couple_goes_on) && which_of_two::weighs_both(text, said_both))
        || ((said_both || couple_goes_on || told_together) && weighs_days)
        || ((told_together || couple_goes_on) && spouse_told && topic.timing_area() == Some(crate::answer::TimingTopic::Children))
        // ("근데 아기 얘기는 누구 사주로 보는 거예요? 제 거요 남편 거요?" after the two were read together.)
        || (pending.as_ref().is_some_and(|p| p.couple) && crate::answer::plans::asks_whose_chart(text))
        // ("제가 며느리한테 어떻게 하면 좋을까요?": the user with someone told before, both charts.)
        || (crate::answer::relation_advice::asks(text) && speaks_of_self && !recalled.is_empty())
        // ("저는 86년 …이고 부장님은 72년 1월 28일생이에요. 왜 이렇게 안 맞을까요?": the two told for their relation.)
        || (told_together && crate::answer::relation_advice::asks(text))
        // ("그럼 제가 어떻게 대해야 되요?" right after the two were read: still the two.)
        || (pending.as_ref().is_some_and(|p| p.couple)
            && recalled.is_empty()
            && partner_word(text, None).is_none()
            && crate::answer::relation_advice::asks(text))
        // ("저 92년 … 여친은 95년 … 2년 안에 결혼하려는데 언제가 좋을까요?": a couple's wedding, house or child is
        // both of theirs.)
        || (told_together
            && couple_told
            && matches!(
                topic.timing_area(),
                Some(crate::answer::TimingTopic::Love | crate::answer::TimingTopic::Children | crate::answer::TimingTopic::Move)
            ));
    if !compat && about.is_none() && (wording::asks_which_of_two(text) || for_both) {
        let second = recalled.first().map(|p| p.facts.clone()).or_else(|| partner.clone());
        // (A reading of both outside a 궁합 needs the second person's date, not their gender: 대운 is not read.)
        if let Some(second) = second.filter(|p| p.missing(true, false).is_none()) {
            let relation = second.relation.clone().unwrap_or_else(|| "other".into());
            let word = people.iter().find(|p| p.relation == relation).map_or("", |p| p.word.as_str());
            partner_about = Some(wording::honorific(&relation, word));
            partner_request = second.to_request();
        }
    }
    // A 궁합's second person is named as the user calls them ("남편분", "팀장님").
    if partner_about.is_none() && partner_request.is_some() {
        partner_about = partner
            .as_ref()
            .and_then(|p| p.relation.as_deref())
            .filter(|r| !["other", "lover"].contains(r))
            .map(|r| wording::honorific(r, word_for(&u.named, Some(r)).unwrap_or("")));
    }
    // A 궁합 of two people neither of whom is the user (the son-in-law's birth completed after "둘이 잘 살까요?"
    // about the daughter): both are named, and the next follow-ups stay with the two.
    if let (true, None, Some(r), Some(pr)) = (
        compat && partner_request.is_some(),
        &about,
        own.relation.clone(),
        partner.as_ref().and_then(|p| p.relation.clone()),
    ) {
        let word = people.iter().find(|p| p.relation == r).map_or("", |p| p.word.as_str());
        about = Some(wording::honorific(&r, word));
        keep.pair = vec![r, pr];
    }
    keep.couple = partner_request.is_some() && about.is_none();
    let step = Step::Answer {
        topic,
        year_offset,
        own: own_request,
        partner: partner_request,
        remember,
        keep: Some(Box::new(keep)),
        about,
        partner_about,
    };
    decision(step, own, partner, None)
}

/// The step with the user's gender kept in the state it leaves for the next turn.
fn with_speaker_gender(mut step: Step, gender: Option<String>) -> Step {
    let Some(g) = gender else { return step };
    match &mut step {
        Step::Ask { pending, .. } => pending.speaker_gender = Some(g),
        Step::SmallTalk { keep: Some(p), .. } | Step::Answer { keep: Some(p), .. } => p.speaker_gender = Some(g),
        _ => {}
    }
    step
}

/// "저한테 돌아올까요?", "나한테 맞아요?": the message weighs someone against the user.
fn to_the_user(text: &str) -> bool {
    ["저한테", "나한테", "저에게", "나에게", "저하고", "우리 둘"].iter().any(|w| text.contains(w))
}

/// What a correction says: the facts bound to the person named ("남자친구는 음력이었대요" binds them to the
/// boyfriend), else the message's own.
fn correction_facts(u: &super::understand::Understanding) -> BirthFacts {
    match &u.partner {
        Some(p) if !p.has_date() && u.birth.is_empty() => p.clone(),
        _ => u.birth.clone(),
    }
}

/// The relation of someone told before whose birth this message corrects without telling a new one ("남친
/// 생일 음력이었대요", "남편은 오전 11시래요"): it names them, not the user, and says a calendar, an hour or a
/// month and day but no year.
fn corrected_other(
    u: &super::understand::Understanding,
    people: &[OtherPerson],
    speaks_of_self: bool,
) -> Option<String> {
    let b = correction_facts(u);
    let detail = b.calendar.is_some() || b.hour.is_some() || b.period.is_some() || b.unknown_hour || b.leap_denied;
    if b.year.is_some() || !detail || speaks_of_self || u.partner.as_ref().is_some_and(BirthFacts::has_date) {
        return None;
    }
    // ("시어머니한테 다시 물어보니까 남편은 …": of the people named, the one whose birth was told.)
    let told: Vec<&OtherPerson> = u
        .named
        .iter()
        .filter(|(r, _)| *r != "self")
        .filter_map(|(r, _)| people.iter().find(|p| p.relation == *r && p.facts.has_whole_date()))
        .collect();
    match told.as_slice() {
        [one] => Some(one.relation.clone()),
        _ => None,
    }
}

/// Two people neither of whom is the user (see the caller), each with what is needed for a chart.
fn others_pair(
    text: &str,
    u: &super::understand::Understanding,
    recalled: &[OtherPerson],
    people: &[OtherPerson],
    pending: Option<&Pending>,
    compat: bool,
    speaks_of_self: bool,
) -> Vec<OtherPerson> {
    let person = |facts: &BirthFacts| {
        let relation = facts.relation.clone().unwrap_or_else(|| "other".into());
        let word = word_for(&u.named, Some(relation.as_str())).unwrap_or("").to_string();
        OtherPerson { relation, word, facts: facts.clone() }
    };
    let mut pair: Vec<OtherPerson> = Vec::new();
    let which = wording::asks_which_of_two(text);
    if compat && u.subject == Role::Other && u.birth.has_date() {
        pair.push(person(&u.birth));
        match u.partner.as_ref().filter(|p| p.has_date()) {
            Some(p) => pair.push(person(p)),
            None => pair.extend(recalled.iter().find(|p| Some(&p.relation) != u.birth.relation.as_ref()).cloned()),
        }
    } else if (compat || which) && !speaks_of_self && u.subject != Role::Speaker && !u.birth.has_date() {
        // ("B는 돈이 많고 A는 기술이 있어요. 누가 돈을 더 잘 지켜요?": two told before, weighed.)
        pair.extend(recalled.iter().take(2).cloned());
        if pair.len() < 2 && compat {
            pair.extend(u.partner.as_ref().filter(|p| p.has_date()).map(person));
        }
    }
    // "엄마는 63년 … 두분 궁합으로 보면": the other one is the last told before.
    let both = ["두분", "두 분", "부모님", "두 사람", "둘이"].iter().any(|w| text.contains(w));
    if pair.len() == 1 && both && !speaks_of_self {
        let first = pair[0].relation.clone();
        pair.extend(people.iter().rev().find(|p| p.relation != first).cloned());
    }
    if pair.len() != 2 {
        pair.clear();
        if let Some(kept) = pending.filter(|p| p.pair.len() == 2) {
            // "두 분 중에 누가 더 참고 살아요? 솔직히 엄마가 불쌍해요": the same two, one of them named again.
            let nobody_new = u.named.iter().all(|(r, _)| kept.pair.iter().any(|k| k == r))
                && !speaks_of_self
                && !u.birth.has_date()
                && !u.partner.as_ref().is_some_and(BirthFacts::has_date);
            if nobody_new {
                pair.extend(kept.pair.iter().filter_map(|r| people.iter().find(|p| &p.relation == r).cloned()));
            }
        }
    }
    if pair.len() != 2 || pair[0].relation == pair[1].relation {
        return Vec::new();
    }
    if pair.iter().any(|p| p.facts.missing_for_partner().is_some()) {
        return Vec::new();
    }
    pair
}

/// The message speaks of the user ("저는", "제가", "저도", "나랑" …), each word starting a word ("먼저 가시고" is not
/// "저 ").
fn speaks_of_self(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "저는",
        "제가",
        "저도",
        "제 ",
        "저 ",
        "나는",
        "내가",
        "내 ",
        "본인",
        "저랑",
        "나랑",
        "저하고",
        "저와",
        "저희 둘",
    ];
    WORDS
        .iter()
        .any(|w| text.match_indices(w).any(|(i, _)| text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric())))
}

/// "제 남편", "내 딸", "저희 엄마": the user's own word for someone else, not the user.
fn possessive_of_other(text: &str) -> bool {
    ["제 ", "내 ", "저희 ", "우리 "].iter().any(|p| {
        text.match_indices(p).any(|(i, _)| {
            let rest = &text[i + p.len()..];
            [
                "남편",
                "아내",
                "와이프",
                "남친",
                "여친",
                "남자친구",
                "여자친구",
                "엄마",
                "어머니",
                "아빠",
                "아버지",
                "딸",
                "아들",
                "애인",
            ]
            .iter()
            .any(|w| rest.starts_with(w))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn turns(messages: &[&str]) -> Step {
        let mut known = Known::default();
        let mut last = None;
        for m in messages {
            let step = decide(m, 2026, known.clone());
            known.pending = match &step {
                Step::Ask { pending, .. } => Some((**pending).clone()),
                Step::SmallTalk { keep, .. } => keep.as_deref().cloned(),
                Step::Answer { remember, keep, .. } => {
                    if remember.is_some() {
                        known.own = remember.clone();
                    }
                    keep.as_deref().cloned()
                }
            };
            last = Some(step);
        }
        last.unwrap()
    }

    fn answer_of(step: Step) -> (Topic, Option<ChartRequest>, Option<ChartRequest>) {
        match step {
            Step::Answer { topic, own, partner, .. } => (topic, own, partner),
            other => panic!("expected an answer, got {other:?}"),
        }
    }

    #[test]
    fn a_couple_stays_two_for_questions_of_time_until_one_is_singled_out() {
        let first =
            "저 92년 7월 25일 밤 9시 40분 남자, 여친은 91년 12월 7일 오전 10시요. 계약을 누구 이름으로 하는게 좋아요?";
        let partner_of = |msgs: &[&str]| answer_of(turns(msgs)).2.map(|p| p.datetime);
        let hers = Some("1991-12-07T10:00:00".to_string());
        assert_eq!(partner_of(&[first]), hers);
        // Said to be about both, or a question of time while the two were being read: both charts.
        assert_eq!(partner_of(&[first, "이사는 내년 몇 월이 둘한테 다 괜찮아요?"]), hers);
        assert_eq!(partner_of(&[first, "그럼 결혼은 언제가 좋아요?"]), hers);
        assert_eq!(partner_of(&[first, "내년 부부운은 어때요?"]), hers);
        // A year named without saying both, the user singled out, or a question that is not of time: one chart.
        assert_eq!(partner_of(&[first, "올해 이직하는 게 맞아요?"]), None);
        assert_eq!(partner_of(&[first, "그럼 결혼은 언제가 좋아요?", "저는요? 제 재물운은요"]), None);
        assert_eq!(partner_of(&[first, "제 성격은 어때요?"]), None);
    }

    #[test]
    fn a_correction_of_someone_else_changes_only_their_birth() {
        let first = "남친이랑 3년 사귀었는데 결혼 얘기가 없어요. 저는 98년 10월 20일 밤 9시 10분이에요";
        let told = "남친은 96년 4월 9일 오후 2시요. 남친 성격 좀 봐주세요";
        let step = turns(&[first, told, "아 잠깐 남친 생일 음력이었대요ㅋㅋㅋ 그럼 달라져요?"]);
        let (_, own, _) = answer_of(step.clone());
        let own = own.unwrap();
        assert_eq!((own.datetime.as_str(), own.calendar.as_deref()), ("1996-04-09T14:00:00", Some("korean_lunar")));
        let Step::Answer { keep, .. } = step else { unreachable!() };
        let user = keep.unwrap().facts;
        assert_eq!((user.year, user.calendar), (Some(1998), None));
        // An hour corrected for the husband leaves the user's hour alone.
        let couple = "저는 1988년 2월 3일 오전 6시생이고 남편은 1986년 7월 9일 밤 11시생이에요. 궁합 어때요?";
        let (_, own, partner) = answer_of(turns(&[couple, "아 남편은 밤 11시가 아니라 오전 11시래요"]));
        assert!(own.unwrap().datetime.starts_with("1988-02-03T06:00"));
        assert_eq!(partner.unwrap().datetime, "1986-07-09T11:00:00");
    }

    #[test]
    fn the_second_person_asked_about_is_read_from_their_chart() {
        let couple = "저는 1991년 3월 8일 오전 10시생 여자고, 남자친구는 1989년 11월 30일 밤 9시 반에 태어났어요. 저희 궁합 어때요?";
        let (_, own, _) = answer_of(turns(&[couple, "그 사람은요? 올해 운이 어때요?"]));
        assert_eq!(own.unwrap().datetime, "1989-11-30T21:30:00");
        // "저희", "남편복" and a message without the partner stay with the user.
        let (_, own, _) = answer_of(turns(&[couple, "저희 언제쯤 결혼할 수 있을까요?"]));
        assert_eq!(own.unwrap().datetime, "1991-03-08T10:00:00");
        assert_eq!(partner_word("남편복 있어요?", None), None);
        assert_eq!(partner_word("여친이 좀 예민한 편인데 사주에 나와요?", None), Some("여자친구분"));
        // A relation word names the second person only when it is theirs, and not inside a longer word.
        assert_eq!(partner_word("엄마가 반대해요 남친이 돈이 없다고", Some("boyfriend")), Some("남자친구분"));
        assert_eq!(partner_word("남친이 돈이 없다고", Some("mother")), None);
        assert_eq!(partner_word("시어머니가 아들 바라셔서요", Some("husband")), None);
        assert!(possessive_of_other("제 남편은요?") && !possessive_of_other("제 결혼을 반대해요"));
    }

    #[test]
    fn the_year_after_the_one_asked() {
        let step = turns(&["1994년 4월 17일 오후 2시 남자 재물운은요?", "28년은?", "그다음해는?"]);
        let Step::Answer { year_offset, .. } = step else { panic!("{step:?}") };
        assert_eq!(2026 + year_offset, 2029);
    }

    #[test]
    fn birth_data_over_three_turns_then_the_question_asked_first() {
        let step = turns(&["제 성격이 궁금해요", "1990년 5월 15일생이에요"]);
        assert!(matches!(step, Step::Ask { missing: Missing::Hour, .. }), "{step:?}");
        let (topic, own, _) =
            answer_of(turns(&["제 성격이 궁금해요", "1990년 5월 15일생이에요", "오후 3시요, 여자예요"]));
        assert_eq!(topic, Topic::Personality);
        assert_eq!(own.unwrap().datetime, "1990-05-15T15:00:00");
    }

    #[test]
    fn an_hour_asked_once_and_not_given_means_unknown() {
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일생 남자", "그냥 봐 주세요"]));
        assert_eq!(own.unwrap().datetime, "1990-05-15");
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일생 남자", "시간은 몰라요"]));
        assert_eq!(own.unwrap().datetime, "1990-05-15");
    }

    #[test]
    fn an_ambiguous_hour_is_asked_about() {
        let step = turns(&["1990년 5월 15일 3시 남자"]);
        assert!(
            matches!(&step, Step::Ask { missing: Missing::AmPm, text, .. } if text.contains("오전 3시")),
            "{step:?}"
        );
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일 3시 남자", "오후요"]));
        assert_eq!(own.unwrap().datetime, "1990-05-15T15:00:00");
    }

    #[test]
    fn compatibility_with_a_second_person_in_the_next_message() {
        let me = "1990년 5월 15일 오후 3시 30분 여자";
        let step = turns(&[me, "남자친구랑 궁합 봐주세요"]);
        assert!(matches!(&step, Step::Ask { pending, .. } if pending.partner), "{step:?}");
        let (topic, own, partner) = answer_of(turns(&[me, "남자친구랑 궁합 봐주세요", "1992년 3월 4일 오전 10시요"]));
        assert_eq!(topic, Topic::Compatibility);
        assert_eq!(own.unwrap().datetime, "1990-05-15T15:30:00");
        let partner = partner.unwrap();
        assert_eq!((partner.datetime.as_str(), partner.gender.as_str()), ("1992-03-04T10:00:00", "male"));
    }

    #[test]
    fn compatibility_before_the_users_own_birth_keeps_the_partners_facts() {
        let step = turns(&["1992년 3월 4일 오전 10시 남자랑 궁합 어때요?"]);
        assert!(matches!(&step, Step::Ask { pending, .. } if !pending.partner && pending.partner_facts.is_some()));
        let (_, own, partner) = answer_of(turns(&[
            "1992년 3월 4일 오전 10시 남자랑 궁합 어때요?",
            "저는 1990년 5월 15일 오후 3시 여자예요",
        ]));
        assert_eq!(own.unwrap().datetime, "1990-05-15T15:00:00");
        assert_eq!(partner.unwrap().datetime, "1992-03-04T10:00:00");
    }

    #[test]
    fn small_talk_keeps_a_pending_question() {
        let step = turns(&["1990년 5월 15일생", "안녕하세요"]);
        assert!(matches!(step, Step::SmallTalk { keep: Some(_), .. }));
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일생", "안녕하세요", "새벽 두시 남자"]));
        assert_eq!(own.unwrap().datetime, "1990-05-15T02:00:00");
    }

    #[test]
    fn crisis_wording_never_gets_a_form() {
        for m in ["죽고 싶어요", "다 내려놓고 싶어요", "사라지고 싶다 90년 4월 1일생"] {
            assert!(matches!(turns(&[m]), Step::SmallTalk { topic: Topic::Crisis, .. }), "{m}");
        }
    }

    #[test]
    fn a_gender_is_asked_only_where_the_answer_needs_it() {
        let (topic, own, _) = answer_of(turns(&["1990년 5월 15일 오후 3시 재물운"]));
        assert_eq!((topic, own.unwrap().gender.as_str()), (Topic::Wealth, ""));
        assert!(matches!(turns(&["1990년 5월 15일 오후 3시 연애운"]), Step::Ask { missing: Missing::Gender, .. }));
    }

    #[test]
    fn a_correction_changes_only_what_it_says() {
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일 오후 3시 남자", "아 아니다, 9월 14일이에요"]));
        let own = own.unwrap();
        assert_eq!((own.datetime.as_str(), own.gender.as_str()), ("1990-09-14T15:00:00", "male"));
        let (_, own, _) = answer_of(turns(&["1990년 5월 15일 오후 3시 남자", "음력이었어요"]));
        assert_eq!(own.unwrap().calendar.as_deref(), Some("korean_lunar"));
    }

    #[test]
    fn a_month_of_an_event_is_not_a_new_birth() {
        for event in [
            "5월에 해외여행 가는데 괜찮아요?",
            "수술 날짜를 5월이랑 6월 중에 잡아야 돼요",
            "시험이 6월인데 6월운은?",
            "6월 말 계약인데 괜찮나요",
            "3월 20일 면접이에요",
        ] {
            let (_, own, _) = answer_of(turns(&["1997년 7월 7일 오전 7시 여자", event]));
            assert_eq!(own.unwrap().datetime, "1997-07-07T07:00:00", "{event}");
        }
        let (_, own, _) = answer_of(turns(&["1997년 7월 7일 오전 7시 여자", "아 생일이 5월 7일이에요"]));
        assert_eq!(own.unwrap().datetime, "1997-05-07T07:00:00");
    }

    #[test]
    fn impossible_input_is_named() {
        let d = decide_turn("1990년 음력 윤3월 3일 오전 3시 남자", 2026, Known::default());
        let Step::Ask { text, .. } = &d.step else { panic!("{d:?}") };
        assert!(text.contains("1990년 음력에는 윤3월이 없어요 (그해 윤달은 윤5월)"), "{text}");
        let d = decide_turn("1990년 2월 30일 오후 3시 여자", 2026, Known::default());
        assert_eq!(d.invalid.as_ref().map(Invalid::code), Some("date"));
        let d = decide_turn("1990년 5월 15일 25시 남자", 2026, Known::default());
        assert!(matches!(&d.step, Step::Ask { text, .. } if text.contains("25시는 없는 시각")), "{d:?}");
    }

    #[test]
    fn someone_told_before_is_read_again_when_named() {
        let me = "구십일년 8월 17일 밤 열한시 사십분에 태어난 여자에요. 내년엔 이직 될까요?";
        let mom = "엄마는 60년 음력 2월 3일 새벽 4시쯤이에요. 엄마 건강은 어때요?";
        // After the user again, "엄마는" reads the mother's chart, "저는요?" the user's.
        let (_, own, _) =
            answer_of(turns(&[me, mom, "저는요? 저도 내년에 조심할 달 있어요?", "그럼 엄마는 몇 월 조심해야 해요?"]));
        assert_eq!(own.unwrap().datetime, "1960-02-03T04:00:00");
        let (_, own, _) = answer_of(turns(&[me, mom, "저는요? 저도 내년에 조심할 달 있어요?"]));
        assert_eq!(own.unwrap().datetime, "1991-08-17T23:40:00");
        // A 궁합 with someone told before the user's own birth.
        let daughter = "제 딸 (2019.4.2 오후 3시) 공부운은 어때요?";
        let (topic, own, partner) =
            answer_of(turns(&[daughter, "저랑 딸은 잘 맞나요? 저는 79년 5월 2일 오후 1시 남자구요"]));
        assert_eq!(topic, Topic::Compatibility);
        assert_eq!(own.unwrap().datetime, "1979-05-02T13:00:00");
        assert_eq!(partner.unwrap().datetime, "2019-04-02T15:00:00");
    }

    #[test]
    fn two_others_make_a_pair_the_user_is_not_part_of() {
        let told = "새아빠랑 엄마 궁합 좀 봐주세요! 엄마는 62년 11월 8일 양력 아침 6시, 새아빠는 58년 8월 22일 오전 9시 반이래요";
        let step = turns(&[told]);
        let Step::Answer { own, partner, about, partner_about, .. } = step else { panic!("{step:?}") };
        let dates = [own.unwrap().datetime, partner.unwrap().datetime];
        assert!(dates.contains(&"1962-11-08T06:00:00".to_string()), "{dates:?}");
        assert!(dates.contains(&"1958-08-22T09:30:00".to_string()), "{dates:?}");
        let names = [about.unwrap(), partner_about.unwrap()];
        assert!(names.contains(&"어머님".to_string()) && names.contains(&"새아버님".to_string()), "{names:?}");
        // The pair stays for "두분 중에 누가 …" even when one of them is named.
        let step = turns(&[told, "두분 중에 누가 더 참고 사는거에요? 솔직히 엄마가 불쌍해요"]);
        assert!(matches!(step, Step::Answer { partner: Some(_), partner_about: Some(_), .. }), "{step:?}");
    }

    #[test]
    fn a_question_weighing_two_reads_both_charts() {
        let step =
            turns(&["남편 87년 7월 7일 밤 11시 반, 저 89년 음력 10월 3일 오후 2시에요. 누가 돈 관리하는게 나아요?"]);
        let Step::Answer { own, partner, partner_about, .. } = step else { panic!("{step:?}") };
        assert_eq!(own.unwrap().calendar.as_deref(), Some("korean_lunar"));
        assert_eq!(partner.unwrap().datetime, "1987-07-07T23:30:00");
        assert_eq!(partner_about.as_deref(), Some("남편분"));
        assert!(!speaks_of_self("시아버님 먼저 가시고 혼자 지내셔서요") && speaks_of_self("저 중에 누가"));
    }

    #[test]
    fn two_people_in_one_message() {
        let (topic, own, partner) = answer_of(turns(&[
            "저는 1993년 6월 2일 오전 9시생 여자고 남편은 1990년 12월 30일 오후 11시생이에요, 궁합 봐주세요",
        ]));
        assert_eq!(topic, Topic::Compatibility);
        assert_eq!(own.unwrap().datetime, "1993-06-02T09:00:00");
        let partner = partner.unwrap();
        assert_eq!((partner.datetime.as_str(), partner.gender.as_str()), ("1990-12-30T23:00:00", "male"));
    }
}
