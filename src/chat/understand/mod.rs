//! Understanding a message: what it asks ([`Topic`]) and what it says about a birth ([`BirthFacts`]);
//! across turns the facts add up ([`BirthFacts::merge`]) until nothing is [`Missing`], and the
//! [`follow_up`] question asks for what is.

pub mod binder;
pub mod birth;
pub mod intent;
pub mod lexer;
pub mod numbers;

pub use binder::{is_romantic_relation, Role};
pub use birth::{gender_in, BirthFacts, Invalid, Missing};
pub use intent::{day_offset, emotion_in, says_this_year, year_offset, TimingTopic, Topic};
pub use lexer::relation_gender;

use crate::answer::wording::{follow_up_question, Ask};

/// What one message says.
#[derive(Debug, Clone, PartialEq)]
pub struct Understanding {
    /// The topic, with the conversation's when the message names none (see [`understand_in`]).
    pub topic: Topic,
    /// The message itself names its topic (not "오후요", "1990년생이에요").
    pub topic_said: bool,
    /// A feeling told with no question in the middle of a topic ("자꾸 안되니까 너무 우울해요"): heard as
    /// itself, while the conversation's topic goes on for the next question.
    pub feeling_only: bool,
    /// The fortune's year relative to this one (내년 → 1).
    pub year_offset: i32,
    /// The message speaks with feeling (sad, anxious, tired, lonely, excited …).
    pub emotion: bool,
    /// What it says of its subject: the user, or the one person it is about (엄마 사주 …).
    pub birth: BirthFacts,
    /// Whose `birth` is: named as the speaker, unnamed, or someone else.
    pub subject: Role,
    /// In a 궁합, what it says of the second person (with `relation`, and the gender its word gives); outside
    /// one, a second person told with their own birth date.
    pub partner: Option<BirthFacts>,
    /// The people other than the user the message names, in order, each once: their relation's code and the
    /// word said ("새아빠"), whether or not the message gives their birth.
    pub named: Vec<(&'static str, String)>,
    /// Everyone else the message tells a whole date for (with relation and gender).
    pub others: Vec<BirthFacts>,
}

/// Reads `text`, with `this_year` for two-digit years.
pub fn understand(text: &str, this_year: i32) -> Understanding {
    understand_in(text, this_year, None)
}

/// Reads `text` within a conversation whose topic so far is `ongoing`: a message that names no topic keeps
/// it, a bare "언제쯤?" asks the timing of it, and in a 궁합 the message's people are read as two.
pub fn understand_in(text: &str, this_year: i32, ongoing: Option<Topic>) -> Understanding {
    let spans = lexer::lex(text, this_year);
    // "공부 말고 연애는요?": the area set aside is not the one asked.
    let asked_part = text.rsplit_once(" 말고 ").map_or(text, |(_, rest)| rest);
    let mut said = Topic::detect_said(asked_part).or_else(|| Topic::detect_said(text));
    // "ㅋㅋ" beside a birth is not small talk: the birth is what the message is about.
    if said == Some(Topic::SmallTalk) && spans.iter().any(|s| s.tok.is_date()) {
        said = None;
    }
    // "운이 언제 풀릴까" is about luck as a whole; "언제쯤 나아질까요?" goes on with the conversation's area.
    // (So is "언제쯤 괜찮아져요?" after a breakup: when the user is all right again, not when love comes;
    // "언제쯤 나아질까요?" after a job question is still the job.)
    let general_timing_said =
        ["운이", "운은", "인생", "운세", "전체", "괜찮아져", "괜찮아질"].iter().any(|w| text.contains(w));
    let day_said = ["모레", "글피", "오늘"].iter().any(|w| text.contains(w)) || intent::says_tomorrow(text);
    let feeling_only =
        said.is_none() && ongoing.is_some() && emotion_in(text) && !text.contains('?') && year_offset(text) == 0;
    let mut topic = match (said, ongoing) {
        // "그럼 내년에 끝나는 거죠? 언제부터 홀가분해져요?" after a 삼재 answer: still the 삼재.
        (Some(Topic::YearFortune | Topic::Timing(_) | Topic::General), Some(Topic::Samjae))
            if ["끝나", "끝날", "홀가분", "벗어나", "언제까지", "부적"].iter().any(|w| text.contains(w)) =>
        {
            Topic::Samjae
        }
        (Some(Topic::Timing(TimingTopic::General)), Some(o)) if !general_timing_said => {
            Topic::Timing(o.timing_area().unwrap_or(TimingTopic::General))
        }
        // "내년은요?" after a life area: the same area in that year.
        (Some(Topic::YearFortune), Some(o)) if bare_year_follow_up(text) && area_in_a_year(o).is_some() => {
            area_in_a_year(o).unwrap_or(o)
        }
        // "그럼 그냥 음력 5월 5일로 봐주세요", "남편 것도 같이 봐주세요": asked to look again, at a corrected birth
        // or one more person, about the same thing.
        (Some(Topic::General), Some(o)) if o != Topic::General && only_asks_to_look(text) => o,
        (Some(t), _) => t,
        // "내일은요?": the day's fortune, whatever came before.
        (None, Some(_)) if day_said => Topic::TodayFortune,
        // "요즘 너무 힘들어요. 가족들한테 말도 못 하고요": a feeling told with no question is heard as itself,
        // not as more of the last topic.
        (None, Some(_)) if emotion_in(text) && !text.contains('?') && year_offset(text) == 0 => Topic::General,
        (None, Some(o)) => o,
        (None, None) => Topic::General,
    };
    let compat = topic == Topic::Compatibility;
    let mut named: Vec<(&'static str, String)> = Vec::new();
    for s in &spans {
        if let lexer::Tok::Person(m) = &s.tok {
            if !m.speaker && !m.generic && !named.iter().any(|(r, _)| *r == m.relation) {
                named.push((m.relation, text[s.start..s.end].to_string()));
            }
        }
    }
    let mut people = binder::bind(text, spans.clone(), compat);
    // "헤어졌어요.. 저는 빠른 97 1월 19일 …, 걔는 95년 10월 3일이에요. 다시 연락 올까요": a love question told
    // with the user's birth and their (former) partner's is about the two of them.
    let two_told = people.iter().any(|p| p.role != Role::Other && p.facts.has_whole_date())
        && people.iter().any(|p| {
            p.role == Role::Other && p.facts.has_whole_date() && p.relation.is_some_and(binder::is_romantic_relation)
        });
    if topic == Topic::Love && two_told && !binder::asks_of_one(text) {
        topic = Topic::Compatibility;
        people = binder::bind(text, spans, true);
    }
    let compat = topic == Topic::Compatibility;
    let others = binder::others_dated(&people);
    let (mut birth, subject, mut partner) = if compat {
        let (me, other) = binder::pair(&people);
        let facts_of = |p: &binder::Person| {
            let mut f = p.facts.clone();
            f.gender = p.gender().map(str::to_string);
            f
        };
        let partner = other.map(|o| {
            let mut f = facts_of(&o);
            f.relation = Some(o.relation.unwrap_or("other").to_string());
            f
        });
        match me {
            Some(me) => {
                let mut mine = facts_of(&me);
                // "엄마는 62년 …, 새아빠는 58년 … 궁합": neither is the user.
                if me.role == Role::Other {
                    mine.relation = Some(me.relation.unwrap_or("other").to_string());
                }
                mine.gender = mine.gender.or_else(|| binder::speaker_gender_by_relations(&people).map(str::to_string));
                (mine, me.role, partner)
            }
            None => (BirthFacts::default(), Role::Unmarked, partner),
        }
    } else {
        let (mut facts, role, relation) = binder::subject(&people);
        if role == Role::Other {
            facts.relation = relation.map(str::to_string);
        }
        // "저는 82년 9월 9일…, 남편은 80년 2월 3일…" asked of one: the other is kept for the turns that ask
        // about them ("남편 원숭이띠 아니에요?", "남편이 이직하고 싶어하는데").
        (facts, role, binder::second_dated(&people, role))
    };
    // "손녀가 작년에 태어났어요. 음력 윤유월 초사흘": the year said in words.
    if birth.year.is_none() && birth.month.is_some() {
        let born =
            |w: &str| ["에 태어", "에 낳", "생", " 태어", " 낳"].iter().any(|b| text.contains(&format!("{w}{b}")));
        birth.year = if born("재작년") {
            Some(this_year - 2)
        } else if born("작년") {
            Some(this_year - 1)
        } else if born("올해") {
            Some(this_year)
        } else {
            None
        };
    }
    if birth.year.is_none() && birth.month.is_some() && !compat {
        // "올해 일흔다섯 용띠, 음력 2월 초열흘": the age and the 띠 together give the year.
        birth.year = year_from_age_and_zodiac(text, this_year).or_else(|| year_from_age_and_ganzhi(text, this_year));
    }
    // "둘 다 남자고 저는 …, 친구는 …": one gender for both.
    if let Some(both) = both_genders(text) {
        for facts in std::iter::once(&mut birth).chain(partner.as_mut()) {
            facts.gender.get_or_insert_with(|| both.to_string());
        }
    }
    // "둘 다 여자고 시간은 몰라요": the unknown hour is both people's.
    if ["둘 다", "둘다", "두 사람 다", "둘 모두", "두 사람 모두"].iter().any(|w| text.contains(w)) {
        if let Some(p) = partner.as_mut() {
            if p.unknown_hour || birth.unknown_hour {
                for facts in [&mut birth, p] {
                    if facts.hour.is_none() {
                        facts.unknown_hour = true;
                    }
                }
            }
        }
    }
    // "모녀 궁합", "자매", "형제": the pair word gives both genders.
    if let Some(g) = pair_gender(text) {
        for facts in std::iter::once(&mut birth).chain(partner.as_mut()) {
            facts.gender.get_or_insert_with(|| g.to_string());
        }
    }
    birth.settle();
    if let Some(p) = partner.as_mut() {
        p.settle();
    }
    // A year named outright ("2030년 운은?") is the year asked about, unless it is the birth year.
    // A year named beside a relative one is the one asked ("내년에 안 되면 28년은요?" asks 2028).
    let mut offset = year_offset(text);
    // "혹시 올해 수술수 같은 거 있나요? 작년부터 계속 불안해서요": 올해 asked, 작년 only told.
    if offset < 0 && says_this_year(text) {
        offset = 0;
    }
    // "작년 12월 20일에 딸 낳았어요": the relative year dates a birth, it does not ask about that year.
    if offset != 0 && birth.year == Some(this_year + offset) && birth.month.is_some() {
        offset = 0;
    }
    // "2027년 가을 입학이면 올해 지원해야 되는데 올해 운은요?": the 올해 said after the named year is the one asked.
    let this_year_after = |y: i32| {
        let named_at = text.find(&y.to_string()).or_else(|| text.find(&format!("{:02}년", y % 100)));
        named_at.is_some_and(|at| text.rfind("올해").is_some_and(|t| t > at))
    };
    if let Some(y) = named_year(text, this_year, birth.year).filter(|y| !this_year_after(*y)) {
        offset = y - this_year;
        if matches!(topic, Topic::General | Topic::Timing(TimingTopic::General)) {
            topic = Topic::YearFortune;
        }
    }
    Understanding {
        topic,
        topic_said: said.is_some(),
        feeling_only,
        year_offset: offset,
        emotion: emotion_in(text),
        birth,
        subject,
        partner,
        named,
        others,
    }
}

/// The one gender a pair word gives both people: 모녀, 자매 (women), 형제 (men).
fn pair_gender(text: &str) -> Option<&'static str> {
    if ["모녀", "자매"].iter().any(|w| text.contains(w)) {
        Some("female")
    } else if text.contains("형제") && !text.contains("형제자매") {
        Some("male")
    } else {
        None
    }
}

/// The user's gender a word for their own partner implies: "남친", "남편", "남자 생겨요" → female; "여친", "아내",
/// "여자 생겨요" → male. None when both or neither are said.
pub fn gender_from_partner_words(text: &str) -> Option<&'static str> {
    let has = |ws: &[&str]| ws.iter().any(|w| text.contains(w));
    // "아들이 여친이랑 헤어졌대요": the partner may be someone else's; then the word says nothing of the user.
    if has(&[
        "아들",
        "딸",
        "엄마",
        "아빠",
        "친구",
        "동생",
        "언니",
        "오빠",
        "누나",
        "형이",
        "형은",
        "형한테",
        "며느리",
        "사위",
        "시어머니",
    ]) {
        return None;
    }
    let his = has(&[
        "남친",
        "예랑",
        "예비신랑",
        "예비 신랑",
        "약혼남",
        "남자친구",
        "남자 친구",
        "남편",
        "신랑",
        "남자 생기",
        "남자 생겨",
        "남자 생길",
        "남자가 생",
        "남자 만나",
        "남자를 만나",
    ]);
    let hers = has(&[
        "여친",
        "예신",
        "예비신부",
        "예비 신부",
        "약혼녀",
        "여자친구",
        "여자 친구",
        "아내",
        "와이프",
        "집사람",
        "안사람",
        "마누라",
        "여자 생기",
        "여자 생겨",
        "여자 생길",
        "여자가 생",
        "여자 만나",
        "여자를 만나",
    ]);
    match (his, hers) {
        (true, false) => Some("female"),
        (false, true) => Some("male"),
        _ => None,
    }
}

/// The user's gender from their own life's words when no partner word gives it: in-laws by marriage
/// (시어머니·시댁 are a wife's, 장모님·처가 a husband's), a birth the user is giving (제왕절개, 출산 예정, 입덧),
/// military service done (군대 다녀와서, 전역, 제대), the words for their siblings (오빠·언니 a sister's, 형·누나
/// a brother's). None when the words may be someone else's ("아들 군대") or disagree.
pub fn gender_from_life_words(text: &str) -> Option<&'static str> {
    let has = |ws: &[&str]| ws.iter().any(|w| text.contains(w));
    let spouse = has(&["남편", "신랑", "와이프", "아내", "부인", "여친", "남친", "여자친구", "남자친구"]);
    // ("쌍둥이 아들 엄마예요", "두 아이 아빠인데": the speaker says what they are.)
    let says_self = |who: &str| {
        ["예요", "에요", "입니다", "인데", "이에요", "이고", "고요", "로서"]
            .iter()
            .any(|e| text.contains(&format!("{who}{e}")))
    };
    let wife = has(&[
        "시어머니",
        "시어머님",
        "시아버지",
        "시아버님",
        "시댁",
        "시누",
        "아주버님",
        "시부모",
        "시가에",
        "시가 식구",
        "시가 쪽",
    ]) || says_self("엄마")
        || says_self("며느리")
        || (!spouse && has(&["제왕절개", "출산 예정", "입덧", "산후조리", "임신 중", "임신중", "임신했"]));
    let husband = has(&["장모", "장인", "처가", "처제", "처남"])
        || says_self("아빠")
        || says_self("사위")
        || (!has(&["아들", "동생", "오빠", "형이", "형은", "남친", "남자친구", "남편", "신랑"])
            && has(&["군대 다녀", "군대다녀", "전역", "제대", "예비군", "군 복무", "군복무"]));
    // What the speaker calls their siblings: 오빠·언니·새언니·올케 are a sister's words, 형·누나·매형·형수 a
    // brother's (unless a child's siblings are meant: "딸이 오빠랑").
    let childs = has(&["아들", "딸이", "딸은", "딸도", "딸한테", "딸래미", "애가", "애들"]);
    let sisters_words = !childs && has(&["오빠", "언니", "올케"]);
    let brothers_words = !childs
        && has(&["누나", "형이", "형은", "형한테", "형님", "형이랑", "형도", "형 사주", "매형", "형수", "제수"]);
    let wife = wife || (sisters_words && !brothers_words && !husband);
    let husband = husband || (brothers_words && !sisters_words && !wife);
    match (wife, husband) {
        (true, false) => Some("female"),
        (false, true) => Some("male"),
        _ => None,
    }
}

/// The one gender "둘 다 남자", "두 사람 모두 여자", "둘다 남자에요" gives two people.
fn both_genders(text: &str) -> Option<&'static str> {
    static BOTH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?:둘\s?다|두\s?사람\s?(?:다|모두)|둘\s?모두|저희\s?(?:둘\s?)?(?:다|모두))\s?(남자|여자|남|여)",
        )
        .expect("valid")
    });
    let c = BOTH.captures(text)?;
    Some(if c[1].starts_with('남') { "male" } else { "female" })
}

/// The birth year an age and a 띠 given together point to ("일흔다섯 용띠", "서른 둘 토끼띠", "75세 용띠"): of
/// the years the age can mean (Korean age, or 만 나이 before or after this year's birthday), the one whose
/// year branch is that 띠. None without both, or when they do not agree.
fn year_from_age_and_zodiac(text: &str, this_year: i32) -> Option<i32> {
    use crate::saju::ganzhi::Branch;
    let zodiac = text.char_indices().find_map(|(i, _)| Branch::of_zodiac_word_at(&text[i..]))?;
    let age = age_in(text)?;
    [this_year - age as i32 + 1, this_year - age as i32, this_year - age as i32 - 1]
        .into_iter()
        .find(|y| Branch::new(i64::from(*y) - 4) == zodiac)
}

/// The birth year a 간지 year name and an age give together ("경인년 … 일흔일곱" = 1950): of the years the
/// age can mean, the one with that stem and branch. None without both, or when they do not agree (a 간지
/// alone names a year every sixty).
fn year_from_age_and_ganzhi(text: &str, this_year: i32) -> Option<i32> {
    static GANZHI: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"([갑을병정무기경신임계])([자축인묘진사오미신유술해])\s?년").expect("valid")
    });
    let c = GANZHI.captures(text)?;
    let stem = "갑을병정무기경신임계".chars().position(|x| c[1].starts_with(x))? as i32;
    let branch = "자축인묘진사오미신유술해".chars().position(|x| c[2].starts_with(x))? as i32;
    let age = age_in(text)? as i32;
    [this_year - age + 1, this_year - age, this_year - age - 1]
        .into_iter()
        .find(|y| (y - 4).rem_euclid(10) == stem && (y - 4).rem_euclid(12) == branch)
}

/// An age said in a message: "75세", "32살", "일흔다섯", "서른 둘", "마흔넷이에요".
fn age_in(text: &str) -> Option<u32> {
    static DIGITS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?:^|[^\d])(\d{1,3})\s*(?:세|살)").expect("valid"));
    static WORDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)\s?(하나|한|둘|두|셋|세|석|넷|네|다섯|여섯|일곱|여덟|아홉)?",
        )
        .expect("valid")
    });
    if let Some(c) = DIGITS.captures(text) {
        return c[1].parse().ok().filter(|a| (1..=120).contains(a));
    }
    let c = WORDS.captures(text)?;
    numbers::native_tens(&c[1], c.get(2).map(|m| m.as_str()))
}

/// A message whose only topic word is a request to look ("봐주세요"), not at the whole chart ("사주", "총운").
fn only_asks_to_look(text: &str) -> bool {
    ["봐주", "봐 주", "봐줘", "봐줄", "보여주", "봐 줘"].iter().any(|w| text.contains(w))
        && !["사주", "팔자", "풀이", "총운", "전체", "운세", "궁합"].iter().any(|w| text.contains(w))
}

/// A short "내년은요?" that names a year and no fortune of its own.
fn bare_year_follow_up(text: &str) -> bool {
    text.chars().count() <= 30
        && !["운세", "신수", "총운", "전체", "한 해", "한해", "신년", "새해", "세운"].iter().any(|w| text.contains(w))
}

/// The topic a life area is read as in one year (직업 → 직업 that year); `None` for topics without one.
fn area_in_a_year(topic: Topic) -> Option<Topic> {
    Some(match topic {
        Topic::Career | Topic::Wealth | Topic::Love | Topic::Health | Topic::Children | Topic::Study => topic,
        Topic::Timing(TimingTopic::Love) => Topic::Love,
        Topic::Timing(TimingTopic::Career) => Topic::Career,
        Topic::Timing(TimingTopic::Wealth) => Topic::Wealth,
        Topic::Timing(TimingTopic::Children) => Topic::Children,
        Topic::Timing(TimingTopic::Study) => Topic::Study,
        Topic::Timing(TimingTopic::Move) => topic,
        _ => return None,
    })
}

/// A year written out ("2030년") from a few years back to thirty ahead, other than the birth year.
fn named_year(text: &str, this_year: i32, birth_year: Option<i32>) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let digits: String = chars[i..i + 4].iter().collect();
        let before_digit = i > 0 && chars[i - 1].is_ascii_digit();
        if before_digit || !digits.chars().all(|c| c.is_ascii_digit()) || chars[i + 4] != '년' {
            continue;
        }
        let y: i32 = digits.parse().ok()?;
        if (this_year - 5..=this_year + 30).contains(&y) && Some(y) != birth_year {
            return Some(y);
        }
    }
    short_named_year(text, this_year, birth_year)
}

/// A two-digit year asked about ("28년은요?", "27년 운은?", "29년엔"): 20xx within a few years back to thirty
/// ahead, followed by a particle or a question, not by a month or 생 ("28년 3월", "28년생" are births).
fn short_named_year(text: &str, this_year: i32, birth_year: Option<i32>) -> Option<i32> {
    static SHORT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[^\d])(\d{2})\s?년\s?(?:은|는|이|엔|에|도|운|이랑|하고|과|와|쯤|\?|$)").expect("valid")
    });
    let y = 2000 + SHORT.captures(text)?[1].parse::<i32>().ok()?;
    ((this_year - 5..=this_year + 30).contains(&y) && Some(y) != birth_year).then_some(y)
}

/// The short question asking for what is missing; `partner` when the facts are the second person's (궁합);
/// `gender_needed` when the answer will need the gender too (asked together with the hour).
pub fn follow_up(missing: Missing, facts: &BirthFacts, partner: bool, gender_needed: bool) -> String {
    let ask = match missing {
        Missing::Date => Ask::Birth,
        Missing::Year => Ask::Year { month: facts.month.unwrap_or(0), day: facts.day.unwrap_or(0) },
        Missing::MonthDay => Ask::MonthDay { year: facts.year.unwrap_or(0) },
        Missing::AmPm => Ask::AmPm { hour: facts.hour.unwrap_or(0) },
        Missing::Hour => Ask::Hour { gender_too: facts.gender.is_none() && gender_needed },
        Missing::Gender => Ask::Gender,
    };
    follow_up_question(ask, partner)
}

/// The follow-up's code as the NLU test set writes it: `date` … `gender`, `partner_date` … for the partner.
pub fn follow_up_code(missing: Missing, partner: bool) -> String {
    if partner {
        format!("partner_{}", missing.code())
    } else {
        missing.code().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_birth_told_with_a_gender_the_person_named_cannot_have_is_the_speakers() {
        let u = understand(
            "아빠가 지난달에 갑자기 돌아가셨어요. 아직도 실감이 안 나요.. 81년 11월 29일 밤 9시생 여자예요. 제 사주에 부모 복이 없는 건가요",
            2026,
        );
        assert_eq!(u.subject, Role::Speaker);
        assert_eq!(
            (u.birth.year, u.birth.relation.as_deref(), u.birth.gender.as_deref()),
            (Some(1981), None, Some("female"))
        );
        // ("엄마는 61년 3월 2일생 여자예요": the mother's own, as before.)
        let u = understand("엄마는 61년 3월 2일 아침 7시생이에요. 엄마 올해 운 봐주세요", 2026);
        assert_eq!(u.birth.relation.as_deref(), Some("mother"));
    }

    #[test]
    fn a_two_digit_year_asked_about_is_that_year() {
        assert_eq!(understand("28년은?", 2026).year_offset, 2);
        assert_eq!(understand("그럼 27년은요?", 2026).year_offset, 1);
        // A birth year is not a year asked about.
        assert_eq!(understand("88년 3월 2일생이에요", 2026).year_offset, 0);
        assert_eq!(understand("28년생 할머니 사주", 2026).year_offset, 0);
        assert_eq!(
            understand("작년 12월 20일 새벽 3시 15분에 딸 낳았어요!! 부족한 오행이 뭐예요?", 2026).year_offset,
            0
        );
        // The user's own partner word gives the user's gender; someone else's partner does not.
        assert_eq!(gender_from_partner_words("헤어진 남친이랑 재회 가능할까요"), Some("female"));
        assert_eq!(gender_from_partner_words("올해 여친 생기는 거 맞죠?"), Some("male"));
        assert_eq!(gender_from_partner_words("아들이 여친이랑 헤어졌대요"), None);
    }

    #[test]
    fn midnight_said_as_the_night_is_the_next_day() {
        let at = |text: &str| understand(text, 2026).birth.to_request().map(|r| (r.datetime, r.calendar));
        let solar = Some("solar".to_string());
        assert_eq!(at("86년 11월 22일 밤 12시 여자"), Some(("1986-11-23T00:00:00".into(), solar.clone())));
        assert_eq!(at("95년 2월 28일 밤 열두시 반에 태어났어요"), Some(("1995-03-01T00:30:00".into(), solar.clone())));
        assert_eq!(at("99년 12월 31일 밤 12시"), Some(("2000-01-01T00:00:00".into(), solar.clone())));
        // A lunar date is read on the solar calendar first (음력 1990-03-05 = 양력 3월 31일).
        assert_eq!(at("음력 90년 3월 5일 밤 12시 남자"), Some(("1990-04-01T00:00:00".into(), solar)));
        // The night and the 12 said apart, the new day named: that day's 0시.
        assert_eq!(
            at("97년 3월 5일생 남자고 5일 밤 지나서 6일로 넘어가는 그 12시래요").map(|r| r.0),
            Some("1997-03-06T00:00:00".into())
        );
        // 0시, 새벽 12시 and 자정 alone keep the day said.
        assert_eq!(at("86년 11월 22일 0시 10분").map(|r| r.0), Some("1986-11-22T00:10:00".into()));
        assert_eq!(at("86년 11월 22일 새벽 12시 10분").map(|r| r.0), Some("1986-11-22T00:10:00".into()));
    }

    #[test]
    fn an_area_set_aside_is_not_the_one_asked() {
        assert_eq!(
            understand_in("공부 말고 연애는요? 남친이랑 결혼 얘기가 나오는데", 2026, Some(Topic::Study)).topic,
            Topic::Love
        );
        assert_eq!(understand_in("돈 말고 건강은 어때요?", 2026, Some(Topic::Wealth)).topic, Topic::Health);
    }

    #[test]
    fn the_speakers_own_words_give_their_gender() {
        assert_eq!(gender_from_life_words("02년생이고 군대 다녀와서 이번에 복학했어요"), Some("male"));
        assert_eq!(gender_from_life_words("3월에 제왕절개 날짜를 받아야 돼요"), Some("female"));
        assert_eq!(gender_from_life_words("시어머니랑 사이가 안 좋아요"), Some("female"));
        assert_eq!(gender_from_life_words("장모님이 식당을 하세요"), Some("male"));
        assert_eq!(gender_from_life_words("오빠가 내년에 결혼해요! 새언니는 91년생"), Some("female"));
        assert_eq!(gender_from_life_words("형이 사업하다 빚이 생겨서"), Some("male"));
        // Someone else's: the son's service, a daughter's brother.
        assert_eq!(gender_from_life_words("아들이 군대 다녀와서 복학했어요"), None);
        assert_eq!(gender_from_life_words("딸이 오빠랑 자꾸 싸워요"), None);
        assert_eq!(gender_from_life_words("와이프가 제왕절개로 낳았어요"), None);
    }

    #[test]
    fn a_feeling_told_without_a_question_is_not_more_of_the_last_topic() {
        let u = understand_in("요즘 너무 힘들어요. 가족들한테 말도 못 하고요", 2026, Some(Topic::Career));
        assert_eq!(u.topic, Topic::General);
        assert!(u.emotion);
        // A question keeps the conversation's area.
        let u = understand_in("언제쯤 나아질까요?", 2026, Some(Topic::Career));
        assert_eq!(u.topic, Topic::Timing(TimingTopic::Career));
    }

    #[test]
    fn years_read_from_spoken_digits_and_from_a_ganzhi_with_an_age() {
        let u = understand("공공년 8월 19일 오후 4시 20분 여자", 2026);
        assert_eq!((u.birth.year, u.birth.month, u.birth.day), (Some(2000), Some(8), Some(19)));
        let u = understand("내 나이 일흔일곱인데 말년운이 궁금해요. 음력 경인년 유월 초닷새 사시에 났어요 여자", 2026);
        assert_eq!((u.birth.year, u.birth.month, u.birth.day), (Some(1950), Some(6), Some(5)));
        // A 간지 alone names a year every sixty: nothing is guessed.
        assert_eq!(understand("음력 경인년 유월 초닷새 사시 여자", 2026).birth.year, None);
        // An age that does not fit the 간지 is not forced onto it.
        assert_eq!(understand("일흔 살이에요. 음력 경인년 유월 초닷새", 2026).birth.year, None);
    }

    #[test]
    fn genders_from_the_words_for_the_people_named() {
        // "둘 다 남자": both.
        let u = understand_in(
            "친구랑 동업하려는데 궁합 봐줄 수 있어요? 둘 다 남자고 저는 89년 5월 5일 오전 10시, 친구는 91년 11월 11일 오후 6시요",
            2026,
            None,
        );
        assert_eq!(u.birth.gender.as_deref(), Some("male"));
        assert_eq!(u.partner.as_ref().and_then(|p| p.gender.as_deref()), Some("male"));
        // 시어머니 is a wife's; 장모 a husband's.
        let u = understand("시어머니랑 원진살이라던데 그래서 이렇게 안맞는건가요.. 저 90년 5월 26일 오후 4시, 시어머니 61년 12월 12일 시간은 몰라요", 2026);
        assert_eq!(u.birth.gender.as_deref(), Some("female"), "{u:?}");
        let u = understand("장모님이랑 사이가 어떨까요 저는 85년 3월 3일 오전 9시", 2026);
        assert_eq!(u.birth.gender.as_deref(), Some("male"));
        // "여친꺼도": the girlfriend's, a woman.
        let u = understand_in(
            "여친꺼도 같이 봐주세요 구십일년 1월 29일 밤 9시 10분 양력이요. 궁합 괜찮아요?",
            2026,
            Some(Topic::Compatibility),
        );
        assert_eq!(u.partner.as_ref().and_then(|p| p.gender.as_deref()), Some("female"), "{u:?}");
    }

    #[test]
    fn new_words_for_areas() {
        assert_eq!(Topic::detect("일은 어떤 쪽이 잘 맞을까요?"), Topic::Career);
        assert_eq!(Topic::detect("그럼 올해 횡재수라도 있어?"), Topic::Wealth);
        assert_eq!(Topic::detect("한국으로 들어가는 건 언제가 좋을까요?"), Topic::Timing(TimingTopic::Move));
        assert_eq!(Topic::detect("지금 상사랑 너무 안 맞는데 편관 때문인가요?"), Topic::Career);
        assert_eq!(Topic::detect("그럼 어떤 색 옷 입으면 좋아요? ㅎㅎ"), Topic::General);
    }
}
