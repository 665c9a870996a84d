//! The binder: whose is each span the lexer found. A span belongs to the person named most recently
//! before it (저/제가/나/본인 → the speaker; 남편, 여친, 엄마, 동업자, 그분 … → that person, whose gender
//! the word may give); spans before any name are the speaker's, unless "…랑" follows them ("1992년생
//! 남자랑 궁합") or, in a 궁합 message, a second date starts a second unnamed person.
//!
//! Before binding, a negated span is withdrawn ("밤 10시 아니고 새벽 2시", "양력 말고 음력"), and what a
//! hypothetical clause says ("밤 11시 반에 태어나면") is dropped. Within one person a later date part
//! replaces an earlier one, and of several times the most precise wins ("자정쯤(정확히는 밤 11시 50분)").

use super::birth::{BirthFacts, Period};
use super::lexer::{Clock, Day, Marker, Span, Tok};

/// Who a person of the message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Spans before any person word: the speaker, unless the dialogue knows better.
    Unmarked,
    /// Named by 저, 나, 본인 …
    Speaker,
    /// Named by another word (남편, 엄마, 그분 …), or an unnamed second person of a 궁합.
    Other,
}

/// One person of a message and what the message says about them.
#[derive(Debug, Clone)]
pub struct Person {
    pub role: Role,
    /// The relation's code, for another person.
    pub relation: Option<&'static str>,
    /// The gender the naming word gives (남편 → male), used when no gender word is said.
    pub relation_gender: Option<&'static str>,
    /// What a copula said about the person ("저 아빠고" → male).
    pub identity_gender: Option<&'static str>,
    /// Only the explicit gender words are in `facts.gender`.
    pub facts: BirthFacts,
    /// Some part of a date was said.
    pub dated: bool,
    /// Some date or time was said.
    pub data: bool,
    /// "…랑" after this person's data: the other one of a pair.
    pub joint: bool,
    first: usize,
    /// Where the person's first year was said (a second one may start a second person).
    year_at: Option<usize>,
}

impl Person {
    fn new(role: Role, at: usize) -> Person {
        Person {
            role,
            relation: None,
            relation_gender: None,
            identity_gender: None,
            facts: BirthFacts::default(),
            dated: false,
            data: false,
            joint: false,
            first: at,
            year_at: None,
        }
    }

    /// The person's gender: a gender word, else what the naming word or a copula gives.
    pub fn gender(&self) -> Option<&'static str> {
        match self.facts.gender.as_deref() {
            Some("male") => Some("male"),
            Some("female") => Some("female"),
            _ => self.relation_gender.or(self.identity_gender),
        }
    }

    /// Says anything at all (a date, time, gender, or just who they are).
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty() && self.relation.is_none() && self.identity_gender.is_none()
    }
}

/// A relation code of someone the user is (or was) romantically paired with: 남편, 아내, 남자친구, 여자친구, 애인.
pub fn is_romantic_relation(code: &str) -> bool {
    ["boyfriend", "girlfriend", "husband", "wife", "lover"].contains(&code)
}

/// Where "…랑/하고/와/과" follows a person's data ("1992년생이랑", "남자랑", "11시생과").
fn joint_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let rest = rest.strip_prefix('생').unwrap_or(rest);
    let rest = rest.strip_prefix("이랑").map(|_| "랑").unwrap_or(rest);
    ["랑", "하고", "와 ", "과 ", "와의", "과의"].iter().any(|j| rest.starts_with(j))
}

/// Only particles and spaces between two positions.
fn adjacent(text: &str, from: usize, to: usize) -> bool {
    from <= to && text[from..to].chars().all(|c| c.is_whitespace() || "이가은는요,".contains(c))
}

/// Withdraws negated spans and hypothetical clauses, and what another source shows ("다른 사이트에선 묘시라고
/// 나오던데": not the user's hour).
fn withdraw(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let shown_elsewhere = |s: &Span| {
        let after = text[s.end..].trim_start();
        [
            "라고 나오",
            "라고 나와",
            "이라고 나오",
            "이라고 나와",
            "로 나오",
            "로 나와",
            "으로 나오",
            "으로 나와",
            "라고 뜨",
            "로 뜨",
        ]
        .iter()
        .any(|w| after.starts_with(w))
    };
    let spans: Vec<Span> = spans.into_iter().filter(|s| !(s.tok.is_data() && shown_elsewhere(s))).collect();
    let spans = without_event_dates(text, spans);
    let mut keep: Vec<Option<Span>> = spans.into_iter().map(Some).collect();
    for i in 0..keep.len() {
        let Some(span) = keep[i].clone() else { continue };
        match span.tok {
            Tok::Negation => {
                let Some(j) = (0..i)
                    .rev()
                    .find(|j| keep[*j].as_ref().is_some_and(|s| s.tok.is_data() || matches!(s.tok, Tok::Gender(_))))
                else {
                    continue;
                };
                let target = keep[j].clone().expect("found");
                if !adjacent(text, target.end, span.start) {
                    continue;
                }
                let later_calendar = keep[i..].iter().flatten().any(|s| matches!(s.tok, Tok::Calendar { .. }));
                for slot in keep.iter_mut().take(i) {
                    if slot.as_ref().is_some_and(|s| s.start == target.start && s.end == target.end) {
                        let s = slot.take().expect("some");
                        *slot = match s.tok {
                            Tok::Calendar { lunar } if !later_calendar => {
                                Some(Span { tok: Tok::Calendar { lunar: !lunar }, ..s })
                            }
                            Tok::Leap => Some(Span { tok: Tok::NotLeap, ..s }),
                            Tok::Month { leap: true, month, traditional } => {
                                // "윤달 6월 아니고": the month stands, the leap does not.
                                Some(Span { tok: Tok::Month { month, leap: false, traditional }, ..s })
                            }
                            _ => None,
                        };
                    }
                }
            }
            Tok::Hypothetical => {
                let clause_start = text[..span.start].rfind(['?', '.', '!', '\n']).map_or(0, |i| i + 1);
                for slot in keep.iter_mut().take(i) {
                    if slot.as_ref().is_some_and(|s| s.start >= clause_start && s.tok.is_data()) {
                        *slot = None;
                    }
                }
            }
            _ => {}
        }
    }
    keep.into_iter().flatten().collect()
}

/// The dates of events, not births, dropped: a month and day said as a day to choose or a day planned ("수술
/// 날짜를 1월 12일이랑 19일 중에", "3월 5일이랑 3월 8일 중에 고르래요", "결혼식을 내년 5월 16일로 잡았는데",
/// "오픈일 후보가 3월 20일이랑 4월 10일인데"). A date with a year, or with a birth word after it, stays.
fn without_event_dates(text: &str, spans: Vec<Span>) -> Vec<Span> {
    let md = |t: &Tok| matches!(t, Tok::Month { .. } | Tok::Day { .. });
    // Runs of month/day spans joined by nothing or by "이랑", "랑", "하고", "vs", ",", "이나", "아니면".
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < spans.len() {
        if !md(&spans[i].tok) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < spans.len() && md(&spans[j + 1].tok) {
            // (Tokens of one span — "1월 12일" as a month and its day — share its bounds.)
            let gap = text.get(spans[j].end..spans[j + 1].start).unwrap_or("").trim();
            let gap = gap.trim_start_matches("이랑").trim_start_matches('랑');
            if !["", "하고", "vs", "VS", ",", "이나", "아니면", "또는", "or", "/"].contains(&gap.trim()) {
                break;
            }
            j += 1;
        }
        groups.push((i, j));
        i = j + 1;
    }
    let mut drop = vec![false; spans.len()];
    for (a, b) in groups {
        let before = text[..spans[a].start].trim_end();
        let before: String = before.chars().rev().take(10).collect::<Vec<_>>().into_iter().rev().collect();
        let after = text[spans[b].end..].trim_start();
        let near: String = after.chars().take(16).collect();
        // (A year said right before belongs to the date: "56년 11월 21일생".)
        // ("내년 4월 10일에 필기": a year said relative to now is the event's, never a birth's.)
        // ("내년 2027년 2월 3일": the relative word may stand just before the year.)
        let relative = |s: &Span| {
            let before: String = text[..s.start].chars().rev().take(4).collect::<String>().chars().rev().collect();
            ["내년", "올해", "후년", "작년", "재작년"]
                .iter()
                .any(|w| text[s.start..s.end].contains(w) || before.contains(w))
        };
        let year_before = a > 0
            && matches!(spans[a - 1].tok, Tok::Year(_))
            && !relative(&spans[a - 1])
            && adjacent(text, spans[a - 1].end, spans[a].start);
        let born = ["생", "태어", "출생", "낳"].iter().any(|w| near.starts_with(w) || near.contains(&format!(" {w}")))
            || after.starts_with("생");
        if born {
            continue;
        }
        // ("식장 예약 가능한 날이 27년 9월 26일이랑 10월 10일": a two-digit year read as the 1900s that would be a
        // coming year in the 2000s is the event's year when the date is one being planned or weighed.)
        let coming_year = year_before
            && matches!(spans[a - 1].tok, Tok::Year(y) if y < 1950)
            && text[spans[a - 1].start..spans[a - 1].end].chars().filter(char::is_ascii_digit).count() == 2;
        let two = b > a && spans[a..=b].iter().filter(|s| matches!(s.tok, Tok::Day { .. })).count() >= 2;
        const PLANNED: &[&str] = &[
            "날짜를",
            "날짜가",
            "날짜는",
            "날짜",
            "후보가",
            "후보는",
            "후보",
            "예정일",
            "예정일이",
            "결혼식을",
            "결혼식은",
            "결혼식이",
            "식을",
            "이사를",
            "이사는",
            "이삿날",
            "입사일",
            "입사일이",
            "오픈",
            "오픈일",
            "개업일",
            "계약일",
            "시험이",
            "시험은",
            "수술은",
            "수술이",
            "시술",
            "제왕절개",
            "택일",
            "내년",
            "올해",
            "다음 달",
            "다음달",
            "이번 달",
            "이번달",
            "내달",
        ];
        let planned = PLANNED.iter().any(|w| before.ends_with(w));
        let weighed = two
            && ["중에", "중 ", "중에서", "어디", "어느", "나을", "나아", "좋을", "괜찮"]
                .iter()
                .any(|w| near.contains(w));
        let booked = [
            "로 잡",
            "으로 잡",
            "로 정",
            "으로 정",
            "에 수술",
            "에 이사",
            "에 결혼",
            "에 입사",
            "에 오픈",
            "에 시험",
            "에 계약",
            "예정",
        ]
        .iter()
        .any(|w| near.starts_with(w) || after.starts_with(w));
        // "12월 22일에 최종면접인데", "12월 19일에 소개팅하는데": a day with an event on it.
        const EVENTS: &[&str] = &[
            "필기",
            "실기",
            "공채",
            "임용",
            "토익",
            "면허",
            "채용",
            "입대",
            "훈련소",
            "면접",
            "시험",
            "수술",
            "시술",
            "이식",
            "이사",
            "결혼",
            "입사",
            "오픈",
            "계약",
            "소개팅",
            "데이트",
            "상견례",
            "발표",
            "출근",
            "미팅",
            "약속",
            "여행",
            "수능",
            "모의고사",
            "협의",
            "개업",
            "고백",
            "오디션",
            "경기",
            "출국",
            "입국",
            "행사",
            "첫 출근",
            "잔금",
            "이직",
            "퇴사",
            "등기",
            "모임",
        ];
        let on_the_day = ["에 ", "에는 ", "날 ", "에도 ", "이 ", "로 "].iter().any(|p| after.starts_with(p))
            && EVENTS.iter().any(|w| after.chars().take(14).collect::<String>().contains(w));
        let event = planned || weighed || booked || on_the_day;
        if year_before && !(coming_year && event) {
            continue;
        }
        if event {
            let a = if year_before { a - 1 } else { a };
            for d in drop.iter_mut().take(b + 1).skip(a) {
                *d = true;
            }
        }
    }
    spans.into_iter().zip(drop).filter(|(_, d)| !d).map(|(s, _)| s).collect()
}

/// Whether a message told with two births asks of one of them ("남편 연애운은요?", "제 연애운만요").
pub fn asks_of_one(text: &str) -> bool {
    ["만요", "만 봐", "따로", "제 연애운", "저만", "제 것만", "제 거만"].iter().any(|w| text.contains(w))
}

/// Whether what follows a 윤달 word reports it and sets it aside: "…이라 그랬는데 그냥 …", "…라던데 일단 …".
fn set_aside(after: &str) -> bool {
    let head: String = after.chars().take(12).collect();
    let reported =
        ["그랬는데", "했는데", "하던데", "라던데", "하셨는데", "그러셨는데"].iter().any(|w| head.contains(w));
    reported && ["그냥", "일단", "그럼"].iter().any(|w| after.contains(w))
}

/// What a person's spans say, as facts (the explicit gender only).
fn facts_of(text: &str, spans: &[&Span]) -> BirthFacts {
    let mut f = BirthFacts::default();
    let mut best: Option<(bool, u8, Clock)> = None;
    let mut exact = false;
    let (mut traditional, mut calendar_said, mut birth_word, mut dated) = (false, false, false, false);
    let twins = text.contains("쌍둥이") || (text.contains("첫째") && text.contains("둘째"));
    let mut places = Vec::new();
    let mut periods = Vec::new();
    let mut approx = None;
    for s in spans {
        match &s.tok {
            Tok::Year(y) => {
                f.year = Some(*y);
                dated = true;
            }
            Tok::Month { month, leap, traditional: t } => {
                f.month = Some(*month);
                f.leap |= *leap;
                traditional |= *t;
                dated = true;
            }
            Tok::Day { day, traditional: t } => {
                match day {
                    Day::Num(d) => (f.day, f.day_last) = (Some(*d), false),
                    Day::Last => (f.day, f.day_last) = (None, true),
                }
                traditional |= *t;
                dated = true;
            }
            // "엄마가 윤달이라 그랬는데 그냥 음력 5월 5일로 봐주세요": 윤달 reported and then set aside.
            Tok::Leap if set_aside(&text[s.end..]) => {}
            Tok::Leap => {
                f.leap = true;
                f.leap_denied = false;
            }
            Tok::NotLeap => {
                f.leap = false;
                f.leap_denied = true;
            }
            Tok::Calendar { lunar } => {
                f.calendar = Some(if *lunar { "lunar" } else { "solar" }.into());
                calendar_said = true;
            }
            Tok::Time(k) => {
                match (k.period, k.named, k.hour) {
                    (Some(p), _, h) => periods.push((h, p)),
                    // 자정쯤 … 12시 15분: the 12 is the midnight one; 정오쯤 … 12시 15분: the noon one.
                    (None, true, 0) => periods.push((12, Period::Night)),
                    (None, true, 12) => periods.push((12, Period::Midday)),
                    (None, false, h) if (13..=23).contains(&h) => periods.push((h - 12, Period::Afternoon)),
                    _ => {}
                }
                let rank = (exact, k.precision());
                // The more precise time wins; of two alike, the later (a correction) — but of twins' two clocks
                // ("쌍둥이 … 첫째가 밤 11시 52분, 둘째가 12시 7분") the first-born's, whose chart is read.
                let replaces = if twins { rank > best.map_or((false, 0), |(e, p, _)| (e, p)) } else { true };
                if best.is_none_or(|(e, p, _)| rank >= (e, p)) && (best.is_none() || replaces) {
                    best = Some((exact, k.precision(), *k));
                }
                exact = false;
            }
            Tok::Exact => exact = true,
            Tok::Period(p) => f.period = Some(*p),
            Tok::Approx(a) => {
                f.period = Some(a.period());
                approx = Some(*a);
            }
            Tok::UnknownHour => f.unknown_hour = true,
            Tok::Gender(g) => f.gender = Some((*g).into()),
            Tok::Place(p) => places.push((*p, &text[s.end..])),
            Tok::TimeCorrection(c) => f.time_correction = Some((*c).into()),
            Tok::BirthWord => birth_word = true,
            Tok::Person(_) | Tok::Negation | Tok::Hypothetical | Tok::Correction => {}
        }
    }
    if let Some((_, _, mut k)) = best {
        // "새벽 2시쯤, 정확히는 2시 17분": the precise time keeps the period said with the vaguer one.
        if k.period.is_none() && !k.h24 {
            k.period = periods.iter().find(|(h, _)| *h == k.hour).map(|(_, p)| *p);
        }
        // "첫째 오전 8시 52분, 둘째 9시 7분", "새벽 2시에 진통 … 5시에 낳았어요": a clock a few hours after one with
        // a period is in the same half of the day.
        if k.period.is_none() && !k.h24 {
            k.period =
                periods.iter().rev().find(|(h, _)| *h <= k.hour && k.hour - *h <= 3 && k.hour < 12).map(|(_, p)| *p);
        }
        // "첫째가 밤 11시 52분, 둘째가 12시 7분": the 12 right after a night's 11 is midnight.
        if k.period.is_none() && !k.h24 && k.hour == 12 && periods.iter().any(|(h, p)| *h == 11 && *p == Period::Night)
        {
            k.period = Some(Period::Night);
        }
        // ("5일 밤 12시": the night's 12 said together; see `BirthFacts::night_end`.)
        f.night_end = k.period == Some(Period::Night) && k.hour == 12 && !k.h24;
        f.hour = Some(k.hour);
        f.minute = Some(k.minute.unwrap_or(0));
        f.hour_is_24h = k.h24;
        f.branch_hour = k.branch;
        if k.period.is_some() || k.h24 {
            f.period = k.period;
        }
        f.unknown_hour = false;
    }
    // "5월 5일 해질녘": no clock said, the words' own (Seoul's sunset that month), said back in the reply.
    if let (None, Some(a), Some(month)) = (best, approx, f.month) {
        let (hour, minute) = a.clock(month);
        (f.hour, f.minute, f.hour_is_24h, f.period, f.unknown_hour) = (Some(hour), Some(minute), true, None, false);
    }
    if f.leap && !calendar_said {
        f.calendar = Some("lunar".into());
    }
    // 정월, 동짓달, 초하루, 보름, 그믐: the traditional words count days by the moon.
    if traditional && !calendar_said {
        f.calendar = Some("lunar".into());
    }
    // A place is a birth place only beside a birth ("서울에서 태어났어요", "1990-05-15 부산"), not "서울 날씨".
    // "밴쿠버 온 지 10년 됐는데 … 서울 출생 89년": the place a birth word follows wins over one lived in.
    if dated || best.is_some() || birth_word {
        let born_there = |after: &str| {
            let near: String = after.chars().take(8).collect();
            ["출생", "태생", "태어", "에서 났", "에서났", "생이", "생인"].iter().any(|w| near.contains(w))
        };
        f.place = places.iter().find(|(_, after)| born_there(after)).or(places.first()).map(|(p, _)| p.to_string());
    }
    f
}

/// The people of a message: its spans bound to the person words before them. `compat`: the message asks
/// for a 궁합, where a second unnamed date is a second person.
pub fn bind(text: &str, spans: Vec<Span>, compat: bool) -> Vec<Person> {
    let spans = withdraw(text, spans);
    let mut people = vec![Person::new(Role::Unmarked, 0)];
    let mut owned: Vec<Vec<&Span>> = vec![Vec::new()];
    let mut current = 0;
    let mut corrected_at = None;
    // "엄마가 부적 쓰래요.. 4월 21일 저녁 8시 여자요": someone named only as the one who said something; what
    // follows the saying goes back to whoever held the data before.
    let mut said_by: Option<(usize, usize)> = None;
    for span in &spans {
        if let Some((until, back)) = said_by {
            if span.start >= until && !matches!(span.tok, Tok::Person(_)) {
                current = back;
                said_by = None;
            }
        }
        match &span.tok {
            Tok::Person(m) => {
                let before = current;
                if let Some(i) = person_for(&mut people, &mut owned, m, current, span.start) {
                    current = i;
                    said_by = (!m.speaker && !m.joint && i != before)
                        .then(|| reported_speech_end(text, span.end))
                        .flatten()
                        .map(|until| (until, before));
                }
                continue;
            }
            Tok::Correction => {
                corrected_at = Some(span.start);
                continue;
            }
            _ => {}
        }
        let p = &people[current];
        // In a 궁합 message, a second year for an unnamed person starts a second person (unless corrected).
        if compat
            && matches!(span.tok, Tok::Year(_))
            && p.role == Role::Unmarked
            && p.year_at.is_some_and(|y| corrected_at.is_none_or(|c| c < y))
        {
            people.push(Person { relation: Some("other"), ..Person::new(Role::Other, span.start) });
            owned.push(Vec::new());
            current = people.len() - 1;
        }
        owned[current].push(span);
        let p = &mut people[current];
        if matches!(span.tok, Tok::Year(_)) && p.year_at.is_none() {
            p.year_at = Some(span.start);
        }
        p.dated |= span.tok.is_date();
        p.data |= span.tok.is_data() && !matches!(span.tok, Tok::Period(_));
        if (span.tok.is_data() || matches!(span.tok, Tok::Gender(_))) && joint_after(text, span.end) {
            p.joint = true;
        }
    }
    for (p, spans) in people.iter_mut().zip(&owned) {
        p.facts = facts_of(text, spans);
    }
    // What came before any name is the speaker's, when the speaker is also named.
    let whole = |f: &BirthFacts| f.year.is_some() && f.month.is_some() && (f.day.is_some() || f.day_last);
    if let Some(s) = people.iter().position(|p| p.role == Role::Speaker) {
        // "A는 92년 6월 3일 오후 2시, B는 90년 음력 윤5월 20일 … 저는 94년 1월 20일": whole dates before the speaker
        // names themself with a whole date of their own are someone else's, not the speaker's to merge.
        if !people[0].joint && whole(&people[0].facts) && whole(&people[s].facts) && corrected_at.is_none() {
            people[0].role = Role::Other;
            people[0].relation = Some("other");
        } else if !people[0].joint && !people[0].is_empty() {
            let unmarked = people[0].clone();
            let speaker = &mut people[s];
            let mut merged = unmarked.facts.clone().merge(&speaker.facts);
            if speaker.facts.gender.is_none() {
                merged.gender = unmarked.facts.gender.clone();
            }
            speaker.facts = merged;
            speaker.dated |= unmarked.dated;
            speaker.data |= unmarked.data;
            speaker.identity_gender = speaker.identity_gender.or(unmarked.identity_gender);
            speaker.first = 0;
            people[0] = Person::new(Role::Unmarked, 0);
        }
    }
    // "아빠가 지난달에 돌아가셨어요 … 81년 11월 29일 밤 9시생 여자예요. 제 사주에": a birth told with a gender
    // word that the person named before cannot have (여자 for 아빠, 남자 for 엄마) is the speaker's own, not theirs.
    if !people.iter().any(|p| p.role == Role::Speaker && p.dated) {
        for p in people.iter_mut().filter(|p| p.role == Role::Other && p.dated) {
            let told = match p.facts.gender.as_deref() {
                Some("male") => Some("male"),
                Some("female") => Some("female"),
                _ => None,
            };
            if let (Some(told), Some(named)) = (told, p.relation_gender) {
                if told != named {
                    p.role = Role::Speaker;
                    p.relation = None;
                    p.relation_gender = None;
                    break;
                }
            }
        }
    }
    if compat && people[0].joint {
        people[0].role = Role::Other;
        people[0].relation = Some("other");
    }
    share_the_date(text, &mut people);
    people.retain(|p| !p.is_empty());
    people.sort_by_key(|p| p.first);
    people
}

/// "저랑 남친 생일이 똑같아요 둘다 95년 3월 15일이고 저는 07:00, 걔는 23:40": a date said to be both people's
/// is given to the one who told only a time.
fn share_the_date(text: &str, people: &mut [Person]) {
    let shared = ["둘다", "둘 다", "생일이 똑같", "생일이 같", "생일 같", "같은 날", "생일이 똑 같", "생일이 같아"]
        .iter()
        .any(|w| text.contains(w));
    if !shared {
        return;
    }
    let Some(source) =
        people.iter().find(|p| p.facts.year.is_some() && p.facts.month.is_some() && p.facts.day.is_some())
    else {
        return;
    };
    let (year, month, day, calendar, leap) =
        (source.facts.year, source.facts.month, source.facts.day, source.facts.calendar.clone(), source.facts.leap);
    for p in people.iter_mut() {
        let f = &mut p.facts;
        if f.year.is_none() && f.month.is_none() && f.day.is_none() && (f.hour.is_some() || f.unknown_hour) {
            (f.year, f.month, f.day, f.leap) = (year, month, day, leap);
            f.calendar = calendar.clone();
            p.dated = true;
        }
    }
}

/// Where a person word is the subject of a saying ("엄마가 부적 쓰래요", "친구가 저보고 도화살 있다던데", "엄마가
/// 난리"): the end of the saying, when it comes before any date or time in the clause; `None` otherwise.
fn reported_speech_end(text: &str, after: usize) -> Option<usize> {
    let rest = &text[after..];
    // "와이프한테는 아직 말도 못했어요. 79년 10월 25일 … 남자고요": someone spoken to (or of) in a sentence of their
    // own with no date in it; the birth after the sentence is not theirs.
    if ["한테는", "한테도", "에게는", "에게도", "께는", "께도"].iter().any(|p| rest.starts_with(p)) {
        let end = rest.find(['.', '?', '!', '\n']).unwrap_or(rest.len());
        if end < rest.len() && !rest[..end].chars().any(|c| c.is_ascii_digit()) {
            return Some(after + end);
        }
    }
    // "엄마가 그러는데", "엄마한테 다시 물어보니까 7시 반쯤이래요", "엄마 말로는 저 해뜨기 직전에 태어났대요".
    if !["가 ", "이 ", "가 저", "이 저", "한테 ", "께 ", "에게 ", " 말로는", "한테 물어", "께 물어"]
        .iter()
        .any(|p| rest.starts_with(p))
    {
        return None;
    }
    let clause_end = rest.find(['.', '?', '!', '\n']).unwrap_or(rest.len());
    let clause = &rest[..clause_end];
    const SAYING: &[&str] = &[
        "래요",
        "래서",
        "라던데",
        "다던데",
        "라고 하",
        "라고 해",
        "다고 하",
        "다고 해",
        "그러는데",
        "그러던데",
        "그랬는데",
        "그러셔서",
        "하던데",
        "난리",
        "말하길",
        "라며",
        "라네요",
        "라길래",
        "보고 ",
        "한테 물어",
        "물어보니",
        "물어봤는데",
        "물어봤더니",
        "말로는",
    ];
    let (at, word) = SAYING.iter().filter_map(|w| clause.find(w).map(|i| (i, w))).min()?;
    // A date or time said before the saying is the named person's own ("엄마가 70년생이래요").
    if clause[..at].chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(after + at + word.len())
}

/// Two words for the same person: the same relation, or a general one and a specific one (동생 and
/// 남동생, 애인 and 남친).
fn same_kind(a: &str, b: &str) -> bool {
    fn family(r: &str) -> &str {
        match r {
            "brother" | "sister" | "sibling" => "sibling",
            "boyfriend" | "girlfriend" | "husband" | "wife" | "lover" => "lover",
            r => r,
        }
    }
    a == b || (family(a) == family(b) && (matches!(a, "sibling" | "lover") || matches!(b, "sibling" | "lover")))
}

/// The person a person word names: found among those already named, or a new one. `None` when the word
/// names nobody new ("저랑", a copula).
fn person_for(
    people: &mut Vec<Person>,
    owned: &mut Vec<Vec<&Span>>,
    m: &Marker,
    current: usize,
    at: usize,
) -> Option<usize> {
    if m.speaker {
        if m.joint {
            return None;
        }
        if let Some(i) = people.iter().position(|p| p.role == Role::Speaker) {
            return Some(i);
        }
        people.push(Person::new(Role::Speaker, at));
        owned.push(Vec::new());
        return Some(people.len() - 1);
    }
    if m.identity && !m.generic {
        // "저 아빠고", "딸이에요": who the current person is.
        let p = &mut people[current];
        p.identity_gender = p.identity_gender.or(m.gender);
        if p.role != Role::Speaker && p.relation.is_none() && p.role == Role::Other {
            p.relation = Some(m.relation);
        }
        return None;
    }
    let found = if m.generic {
        people.iter().rposition(|p| p.role == Role::Other)
    } else {
        people.iter().position(|p| {
            p.role == Role::Other
                && (p.relation.is_some_and(|r| same_kind(r, m.relation))
                    || p.relation == Some("other") && p.relation_gender.is_none() && !p.data)
        })
    };
    if let Some(i) = found {
        let p = &mut people[i];
        if !m.generic && matches!(p.relation, Some("other" | "sibling" | "lover")) {
            p.relation = Some(m.relation);
        }
        p.relation_gender = p.relation_gender.or(m.gender);
        return Some(i);
    }
    people.push(Person { relation: Some(m.relation), relation_gender: m.gender, ..Person::new(Role::Other, at) });
    owned.push(Vec::new());
    let _ = m.child;
    Some(people.len() - 1)
}

/// The subject of a message that is not a 궁합: the speaker when they give a date, else the person the
/// message gives a date for; the other people's facts fill what the subject's leave open ("할머니가 음력
/// 4월 초파일에 태어났다고 … 저요 2001년생"). Returns the facts with the gender settled, and whether the
/// subject is someone other than the speaker.
pub fn subject(people: &[Person]) -> (BirthFacts, Role, Option<&'static str>) {
    let mine = |p: &&Person| p.role != Role::Other;
    // "이사날 12월 20일이랑 내년 1월 10일 중에 … 저는 64년 음력 4월 초하루": the user's own birth with its year
    // before dates without one.
    let subject = people
        .iter()
        .filter(mine)
        .find(|p| p.dated && p.facts.year.is_some())
        .or_else(|| people.iter().filter(mine).find(|p| p.dated))
        .or_else(|| people.iter().find(|p| p.dated))
        .or_else(|| people.iter().find(|p| p.data))
        .or_else(|| people.iter().find(mine));
    let Some(subject) = subject else { return (BirthFacts::default(), Role::Unmarked, None) };
    let mut facts = subject.facts.clone();
    // Someone told with a whole date of their own ("와이프 81년 음력 1월 10일") keeps it: their 음력, their hour
    // never fill the subject's.
    let own_date = |p: &Person| p.facts.has_whole_date();
    // (A subject with a whole date takes no month or day from anyone: those are events' dates.)
    let whole = own_date(subject);
    let dates = |p: &Person| p.facts.month.is_some() || p.facts.day.is_some();
    let kept_apart = |p: &Person| std::ptr::eq(p, subject) || own_date(p) || (whole && dates(p));
    for p in people.iter().filter(|p| !kept_apart(p)) {
        facts = p.facts.clone().merge(&facts);
    }
    let explicit = |p: &Person| p.facts.gender.clone();
    // "저는 …, 남편은 88년생": the speaker's own gender is not the husband's; a spouse or partner told with a birth
    // says the speaker is most likely the other one (남편·남친 → female, 아내·여친 → male). "남편 복 있나요" names
    // no one: the gender is asked.
    let speaker = subject.role != Role::Other;
    let by_partner = speaker_gender_by_relations(people);
    facts.gender = subject
        .facts
        .gender
        .clone()
        .or_else(|| subject.relation_gender.or(subject.identity_gender).map(str::to_string))
        .or_else(|| people.iter().filter(|p| !speaker || p.role != Role::Other).find_map(explicit))
        .or_else(|| by_partner.filter(|_| speaker).map(str::to_string))
        .or_else(|| {
            people
                .iter()
                .find(|p| p.role == Role::Other && p.data && !speaker)
                .and_then(|p| p.relation_gender)
                .map(str::to_string)
        })
        .or_else(|| {
            people
                .iter()
                .find(|p| matches!(p.relation, Some("son" | "daughter")))
                .and_then(|p| p.relation_gender)
                .map(str::to_string)
        })
        .or_else(|| people.iter().find_map(|p| p.identity_gender).map(str::to_string));
    (facts, subject.role, subject.relation)
}

/// The speaker's gender as the people they name imply: a spouse or partner told with a birth says the speaker
/// is most likely the other one (남편·남친 → female, 아내·여친 → male); in-laws say it whoever has a birth
/// (시어머니·시아버지 are a wife's, 장모·장인 a husband's).
pub fn speaker_gender_by_relations(people: &[Person]) -> Option<&'static str> {
    people.iter().filter(|p| p.role == Role::Other).find_map(|p| match p.relation {
        Some("husband" | "boyfriend") if p.data => Some("female"),
        Some("wife" | "girlfriend") if p.data => Some("male"),
        Some("mother_in_law" | "father_in_law") => Some("female"),
        Some("wife_mother" | "wife_father") => Some("male"),
        _ => None,
    })
}

/// The two people of a 궁합: the user (the speaker, or what came unnamed) and the other. When only others
/// are named with data, the first of them is taken as the user's side.
/// Outside a 궁합, a second person told with a full date of their own besides the subject (whose role is
/// `subject`): someone else's when the subject is the speaker, and the other way round; with the relation
/// and the gender its word gives.
pub fn second_dated(people: &[Person], subject: Role) -> Option<BirthFacts> {
    let full = |p: &&Person| p.facts.year.is_some() && p.facts.month.is_some() && p.facts.day.is_some();
    let dated: Vec<&Person> = people.iter().filter(full).collect();
    if dated.len() < 2 {
        return None;
    }
    let other = if subject == Role::Other {
        // "큰애 88년 …, 작은애 91년 …": the second of two others when the speaker gives no date.
        match dated.iter().find(|p| p.role != Role::Other) {
            Some(p) => p,
            None => dated.iter().filter(|p| p.role == Role::Other).nth(1)?,
        }
    } else {
        dated.iter().find(|p| p.role == Role::Other)?
    };
    let mut f = other.facts.clone();
    f.gender = other.gender().map(str::to_string);
    if other.role == Role::Other {
        f.relation = Some(other.relation.unwrap_or("other").to_string());
    }
    Some(f)
}

/// Everyone other than the speaker told with a whole date of their own, with the relation and the gender
/// their word gives: the conversation keeps them for later turns that name them.
pub fn others_dated(people: &[Person]) -> Vec<BirthFacts> {
    people
        .iter()
        .filter(|p| p.role == Role::Other && p.facts.year.is_some() && p.facts.month.is_some() && p.facts.day.is_some())
        .map(|p| {
            let mut f = p.facts.clone();
            f.gender = p.gender().map(str::to_string);
            f.relation = Some(p.relation.unwrap_or("other").to_string());
            f.settle();
            f
        })
        .collect()
}

pub fn pair(people: &[Person]) -> (Option<Person>, Option<Person>) {
    let me =
        people.iter().find(|p| p.role == Role::Speaker).or_else(|| people.iter().find(|p| p.role == Role::Unmarked));
    let others: Vec<&Person> = people.iter().filter(|p| p.role == Role::Other).collect();
    // "여자친구 아버님께 … 아버님은 63년 …": of the others named, the one told with a birth.
    let told = others.iter().find(|p| p.data).or(others.first());
    match (me, others.as_slice()) {
        (Some(me), [_, ..]) => (Some(me.clone()), told.map(|p| (*p).clone())),
        (Some(me), []) => (Some(me.clone()), None),
        (None, [a, b, ..]) if a.data && b.data => (Some((*a).clone()), Some((*b).clone())),
        (None, [other, ..]) => (None, Some((*other).clone())),
        (None, []) => (None, None),
    }
}
