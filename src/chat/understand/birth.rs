//! Birth facts from one Korean message, and how the facts of several messages add up.
//!
//! A message may give any part: a date (`1990-05-15`, `1990/5/15`, `1990년 5월 15일`, `90년 5월 15일생`,
//! `천구백팔십오년 칠월 구일`, `정월 초하루`), a year alone (`90년생`, `05년생`), a time (`15:30`, `오후 3시 반`,
//! `07시 05분`, `새벽 두시`, `자정`, `정오`, `축시`), "시간은 몰라요", 음력/양력/윤달, a gender word, a place, a
//! time-correction wish. The lexer ([`super::lexer`]) finds the spans, the binder ([`super::binder`]) says
//! whose they are. Nothing is guessed: a clock hour without 오전/오후 (`3시`) stays ambiguous and is asked
//! about; an impossible date or time is named ([`BirthFacts::invalid`]).

use super::binder::{bind, subject};
use super::lexer::lex;
use crate::chat::places::{find_place, place_at, place_named};
use crate::saju::calendar::korean_lunar;
use crate::saju::chart::ChartRequest;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

pub use super::lexer::full_year;

/// The part of the day a time was said with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// 오전, 새벽, 아침.
    Morning,
    /// 낮, 점심.
    Midday,
    /// 오후.
    Afternoon,
    /// 저녁.
    Evening,
    /// 밤.
    Night,
}

impl Period {
    /// The 24-hour clock hour for `hour` (1–12) said in this period.
    fn resolve(self, hour: u32) -> u32 {
        match (self, hour) {
            (Period::Morning, 12) => 0,
            (Period::Morning, h) => h,
            (Period::Midday, h) if h <= 6 => h + 12,
            (Period::Midday, h) => h,
            (Period::Afternoon | Period::Evening, 12) => 12,
            (Period::Afternoon | Period::Evening, h) => h + 12,
            // 밤 11시 = 23:00, 밤 12시 = 자정, 밤 2시 = 02:00.
            (Period::Night, 12) => 0,
            (Period::Night, h) if h >= 6 => h + 12,
            (Period::Night, h) => h,
        }
    }
}

/// What has been said about one person's birth so far. Every field is optional: messages add up.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BirthFacts {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// As said: 0–23 when written as a 24-hour time or with a period, 1–12 when ambiguous.
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    /// The hour needs no period: a 24-hour clock (`15:30`, `15시`), 자정/정오, or a 12지 시 name.
    pub hour_is_24h: bool,
    pub period: Option<Period>,
    /// `solar` or `lunar` when the message says so.
    pub calendar: Option<String>,
    pub leap: bool,
    /// `male` or `female`.
    pub gender: Option<String>,
    /// The place as named (a key of `places::PLACES`).
    pub place: Option<String>,
    /// The user said the hour is not known.
    pub unknown_hour: bool,
    /// A 12지 시 name (`축시`): the chart is then read without clock correction; see `hour_of_branch`.
    pub branch_hour: bool,
    /// "밤 12시" said as one phrase after the day ("5일 밤 12시"): the night's end, the next day's 0시. Not set
    /// when the night and the 12 are said apart ("5일 밤 지나서 6일로 넘어가는 그 12시": the day named is the
    /// new one).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub night_end: bool,
    /// `true_solar` or `longitude` when asked for.
    pub time_correction: Option<String>,
    /// The second person's relation to the user (`husband`, `girlfriend`, `friend`, `other` …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<String>,
    /// 그믐: the last day of the lunar month, settled once the year and month are known.
    pub day_last: bool,
    /// 윤달 was denied ("윤달 아니에요", 평달): a merge clears `leap`.
    pub leap_denied: bool,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid pattern"))
}

const HOUR_BRANCHES: [&str; 12] = ["자", "축", "인", "묘", "진", "사", "오", "미", "신", "유", "술", "해"];

/// The clock hour a 12지 시 name stands for: the middle of its two hours (자시 → 0시, 축시 → 2시, 해시 → 22시).
pub fn hour_of_branch(branch: &str) -> Option<u32> {
    HOUR_BRANCHES.iter().position(|b| *b == branch).map(|i| (i as u32 * 2) % 24)
}

/// What is impossible in the facts: a leap month the year does not have, a day the month does not have, a
/// time the clock does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    LeapMonth { year: i32, month: u32, actual: Option<u8> },
    Date { year: Option<i32>, month: u32, day: u32, days: Option<u32>, lunar: bool },
    Time { hour: u32, minute: u32 },
}

impl Invalid {
    /// `leap_month`, `date` or `time`.
    pub fn code(&self) -> &'static str {
        match self {
            Invalid::LeapMonth { .. } => "leap_month",
            Invalid::Date { .. } => "date",
            Invalid::Time { .. } => "time",
        }
    }

    /// What is wrong, in one Korean sentence, and what to send instead.
    pub fn message(&self) -> String {
        match self {
            Invalid::LeapMonth { year, month, actual } => {
                let that_year = match actual {
                    Some(m) => format!("그해 윤달은 윤{m}월"),
                    None => "그해에는 윤달이 없어요".into(),
                };
                format!(
                    "{year}년 음력에는 윤{month}월이 없어요 ({that_year}). 윤달이 아니었다면 \"평달\"이라고, 날짜가 다르면 바른 날짜를 알려 주세요."
                )
            }
            Invalid::Date { year, month, day, days, lunar } => {
                let cal = if *lunar { "음력 " } else { "" };
                let length = match (year, days) {
                    (Some(y), Some(n)) => format!(" ({cal}{y}년 {month}월은 {n}일까지예요)"),
                    (None, Some(n)) => format!(" ({cal}{month}월은 {n}일까지예요)"),
                    _ => String::new(),
                };
                if (1..=12).contains(month) {
                    format!("{cal}{month}월에는 {day}일이 없어요{length}. 생년월일을 다시 확인해 알려 주세요.")
                } else {
                    format!("{month}월은 없는 달이에요. 생년월일을 다시 확인해 알려 주세요.")
                }
            }
            Invalid::Time { hour, minute } => {
                let said = if *minute >= 60 { format!("{hour}시 {minute}분은") } else { format!("{hour}시는") };
                format!("{said} 없는 시각이에요. 태어난 시각을 다시 알려 주세요. (예: \"오후 3시 30분\", \"15:30\")")
            }
        }
    }
}

fn solar_days(year: Option<i32>, month: u32) -> u32 {
    match month {
        2 => match year {
            Some(y) if !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl BirthFacts {
    /// The facts one message gives about its subject (the user, or the one person it is about), with
    /// `this_year` for two-digit years. A 궁합's two people: [`super::understand`].
    pub fn parse(text: &str, this_year: i32) -> BirthFacts {
        let people = bind(text, lex(text, this_year), false);
        let mut facts = subject(&people).0;
        facts.settle();
        facts
    }

    /// The facts a stored chart request says (a birth completed earlier), so a correction can change one part.
    pub fn from_request(r: &ChartRequest) -> BirthFacts {
        let mut f = BirthFacts::default();
        let (date, time) = match r.datetime.split_once(['T', ' ']) {
            Some((d, t)) => (d, Some(t)),
            None => (r.datetime.as_str(), None),
        };
        let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
        f.year = parts.next().flatten().map(|y| y as i32);
        f.month = parts.next().flatten();
        f.day = parts.next().flatten();
        match time {
            Some(t) => {
                let mut hm = t.split(':').map(|p| p.parse::<u32>().ok());
                f.hour = hm.next().flatten();
                f.minute = hm.next().flatten();
                f.hour_is_24h = true;
            }
            None => f.unknown_hour = true,
        }
        f.calendar = Some(if r.calendar.as_deref() == Some("korean_lunar") { "lunar" } else { "solar" }.into());
        f.leap = r.leap_month.unwrap_or(false);
        f.gender = Some(r.gender.clone()).filter(|g| !g.is_empty());
        f.place = match (r.timezone.as_deref(), r.longitude) {
            (Some(zone), Some(lon)) => place_at(zone, lon).map(|p| p.name.to_string()),
            _ => None,
        };
        f.branch_hour =
            r.time_correction.as_deref() == Some("none") && f.minute == Some(0) && f.hour.is_some_and(|h| h % 2 == 0);
        f.time_correction = r.time_correction.clone().filter(|c| c != "none");
        f
    }

    /// True when the message said nothing about a birth.
    pub fn is_empty(&self) -> bool {
        let bare = BirthFacts { gender: None, place: None, time_correction: None, relation: None, ..self.clone() };
        bare == BirthFacts::default() && self.gender.is_none() && self.place.is_none()
    }

    /// A whole date: the year, the month and the day (or 그믐).
    pub fn has_whole_date(&self) -> bool {
        self.year.is_some() && self.month.is_some() && (self.day.is_some() || self.day_last)
    }

    /// True when the message gives a date or a year (the start of a new birth, not a detail of one).
    pub fn has_date(&self) -> bool {
        self.year.is_some() || (self.month.is_some() && (self.day.is_some() || self.day_last))
    }

    /// These facts with what `newer` says on top: a later message corrects or completes an earlier one. A
    /// restated date part replaces that part only (the year, time and gender stay unless restated); a
    /// restated month brings its own 윤달 flag; a lone period word resolves an ambiguous hour.
    pub fn merge(mut self, newer: &BirthFacts) -> BirthFacts {
        macro_rules! take {
            ($($field:ident),*) => { $( if newer.$field.is_some() { self.$field = newer.$field.clone(); } )* };
        }
        take!(year, calendar, gender, place, time_correction, relation);
        if newer.month.is_some() {
            self.month = newer.month;
            self.leap = newer.leap;
        }
        if newer.day.is_some() || newer.day_last {
            (self.day, self.day_last) = (newer.day, newer.day_last);
        }
        if newer.hour.is_some() {
            let keep_period = if newer.hour_is_24h { None } else { self.period };
            self.hour = newer.hour;
            self.minute = newer.minute;
            self.hour_is_24h = newer.hour_is_24h;
            self.branch_hour = newer.branch_hour;
            self.night_end = newer.night_end;
            self.period = newer.period.or(keep_period);
            self.unknown_hour = false;
        } else if newer.period.is_some() {
            self.period = newer.period;
            if self.hour_is_24h && self.hour.is_some_and(|h| (1..=12).contains(&h)) && !self.branch_hour {
                // "아 오후요" after "오전 3시" read as a clock: the period corrects it.
                self.hour_is_24h = false;
            }
        }
        if newer.unknown_hour {
            (self.unknown_hour, self.hour, self.minute, self.period) = (true, None, None, None);
        }
        self.leap |= newer.leap;
        if newer.leap_denied || newer.calendar.as_deref() == Some("solar") {
            self.leap = false;
        }
        self
    }

    /// Settles 그믐 to the last day of its lunar month once the year and month are known.
    pub fn settle(&mut self) {
        if !self.day_last {
            return;
        }
        let (Some(year), Some(month)) = (self.year, self.month) else { return };
        let days = korean_lunar::months_of_year(year)
            .and_then(|ms| ms.into_iter().find(|m| u32::from(m.number) == month && m.leap == self.leap))
            .map_or(30, |m| u32::from(m.days));
        (self.day, self.day_last) = (Some(days), false);
    }

    /// What is impossible in these facts, checked against the engine's lunar calendar for 음력 dates.
    pub fn invalid(&self) -> Option<Invalid> {
        if let Some(h) = self.hour {
            let m = self.minute.unwrap_or(0);
            if h > 24 || m >= 60 || (h == 24 && m > 0) {
                return Some(Invalid::Time { hour: h, minute: m });
            }
        }
        let month = self.month?;
        let lunar = self.calendar.as_deref() == Some("lunar") || self.leap;
        if !(1..=12).contains(&month) {
            return Some(Invalid::Date { year: self.year, month, day: self.day.unwrap_or(0), days: None, lunar });
        }
        if lunar {
            let months = self.year.and_then(korean_lunar::months_of_year);
            if let (Some(year), Some(months)) = (self.year, &months) {
                if self.leap && !months.iter().any(|m| m.leap && u32::from(m.number) == month) {
                    return Some(Invalid::LeapMonth { year, month, actual: korean_lunar::leap_month(year) });
                }
                let days = months
                    .iter()
                    .find(|m| u32::from(m.number) == month && m.leap == self.leap)
                    .map(|m| u32::from(m.days));
                if let (Some(day), Some(days)) = (self.day, days) {
                    if day == 0 || day > days {
                        return Some(Invalid::Date { year: Some(year), month, day, days: Some(days), lunar });
                    }
                }
            } else if self.day.is_some_and(|d| d == 0 || d > 30) {
                return Some(Invalid::Date { year: self.year, month, day: self.day?, days: Some(30), lunar });
            }
            return None;
        }
        let day = self.day?;
        let days = solar_days(self.year, month);
        (day == 0 || day > days).then_some(Invalid::Date { year: self.year, month, day, days: Some(days), lunar })
    }

    /// These facts without the part `invalid` names, so the follow-up asks for it again; a wrong leap month
    /// keeps the date as said (the answer may be "평달이었어요").
    pub fn without(mut self, invalid: &Invalid) -> BirthFacts {
        match invalid {
            Invalid::LeapMonth { .. } => {}
            Invalid::Date { .. } => (self.month, self.day, self.day_last) = (None, None, false),
            Invalid::Time { .. } => {
                (self.hour, self.minute, self.period, self.hour_is_24h, self.branch_hour) =
                    (None, None, None, false, false)
            }
        }
        self
    }

    /// The 24-hour clock time, when it is known and not ambiguous.
    pub fn clock(&self) -> Option<(u32, u32)> {
        let h = self.hour?;
        let h = match (self.hour_is_24h, self.period) {
            (true, _) => h % 24,
            (false, Some(p)) => p.resolve(h),
            (false, None) => return None,
        };
        Some((h, self.minute.unwrap_or(0)))
    }

    /// "22일 밤 12시": midnight said as the night's end, the start of the next day (what most people mean by
    /// it; a reply says so and what the other reading would change).
    pub fn ends_the_day(&self) -> bool {
        self.night_end
            && !self.hour_is_24h
            && self.period == Some(Period::Night)
            && self.hour == Some(12)
            && !self.unknown_hour
    }

    /// The first thing still missing before a chart can be computed; `None` when the facts are complete.
    /// `hour_asked`: the hour was asked for once already, so its absence now means "unknown";
    /// `gender_needed`: the answer depends on the gender (대운's direction, 연애, 궁합 …).
    pub fn missing(&self, hour_asked: bool, gender_needed: bool) -> Option<Missing> {
        Some(match () {
            _ if self.year.is_none() && self.month.is_none() && self.day.is_none() && !self.day_last => Missing::Date,
            _ if self.year.is_none() => Missing::Year,
            _ if self.month.is_none() || (self.day.is_none() && !self.day_last) => Missing::MonthDay,
            _ if self.hour.is_some() && self.clock().is_none() => Missing::AmPm,
            _ if self.hour.is_none() && !self.unknown_hour && !hour_asked => Missing::Hour,
            _ if self.gender.is_none() && gender_needed => Missing::Gender,
            _ => return None,
        })
    }

    /// What is still missing of a 궁합 partner's birth: as [`BirthFacts::missing`], but the hour is never
    /// asked (an unknown hour reads three pillars) and the gender always is.
    pub fn missing_for_partner(&self) -> Option<Missing> {
        self.missing(true, true)
    }

    /// The engine's request for these facts; `None` while the date is incomplete. The gender is empty when
    /// it was not said (asked only where the answer needs it).
    pub fn to_request(&self) -> Option<ChartRequest> {
        let mut facts = self.clone();
        facts.settle();
        let (mut y, mut m, mut d) = (facts.year?, facts.month?, facts.day?);
        if facts.ends_the_day() {
            // The next day's 0시: a lunar date is read on the solar calendar first.
            if facts.calendar.as_deref() == Some("lunar") {
                if let Ok(solar) = crate::saju::calendar::korean_lunar::to_solar_from_parts(y, m, d, facts.leap) {
                    (y, m, d) = solar;
                    (facts.calendar, facts.leap) = (Some("solar".into()), false);
                }
            }
            let next = i16::try_from(y)
                .ok()
                .and_then(|year| jiff::civil::Date::new(year, m as i8, d as i8).ok())
                .and_then(|date| date.tomorrow().ok());
            if let Some(next) = next.filter(|_| facts.calendar.as_deref() != Some("lunar")) {
                (y, m, d) = (i32::from(next.year()), next.month() as u32, next.day() as u32);
            }
        }
        let place =
            facts.place.as_deref().and_then(place_named).or_else(|| facts.place.as_deref().and_then(find_place));
        let datetime = match facts.clock().filter(|_| !facts.unknown_hour) {
            Some((h, mi)) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00"),
            None => format!("{y:04}-{m:02}-{d:02}"),
        };
        Some(ChartRequest {
            calendar: Some(if facts.calendar.as_deref() == Some("lunar") { "korean_lunar" } else { "solar" }.into()),
            datetime,
            timezone: place.map(|p| p.zone.to_string()),
            longitude: place.map(|p| p.longitude),
            gender: facts.gender.clone().unwrap_or_default(),
            leap_month: Some(facts.leap && facts.calendar.as_deref() == Some("lunar")),
            // A 12지 시 name already names the hour branch: no clock correction may move it out.
            time_correction: if facts.branch_hour { Some("none".into()) } else { facts.time_correction.clone() },
            // Korean practice reads a birth in the summer-time years (1948–51, 1955–60, 1987–88) on standard
            // time: the chat does too (the chart API keeps the civil clock unless asked).
            summer_time: Some("remove".into()),
            ..Default::default()
        })
    }
}

/// The birth year an age says, with the birthday: "만 쉰여덟" (or "만 58세") on 2026-12-07 with a birthday of
/// 3월 3일 is 1968 — this year minus the age, one more back when the birthday is still to come this year
/// (`today`: this month and day; `None` counts it as passed). Only an age said with 만: a bare "58살" may be
/// the Korean count.
pub fn year_from_age(
    text: &str,
    this_year: i32,
    today: Option<(u32, u32)>,
    month: Option<u32>,
    day: Option<u32>,
) -> Option<i32> {
    static AGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"만\s?(?:(\d{1,2})\s?(?:살|세)|(스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)\s?(하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|한|두|세|네)?)",
        )
        .expect("valid")
    });
    let c = AGE.captures(text)?;
    let age = match (c.get(1), c.get(2)) {
        (Some(d), _) => d.as_str().parse().ok()?,
        (None, Some(t)) => super::numbers::native_tens(t.as_str(), c.get(3).map(|u| u.as_str()))?,
        _ => return None,
    } as i32;
    let (m, d) = (month?, day?);
    let to_come = today.is_some_and(|(tm, td)| (m, d) > (tm, td));
    Some(this_year - age - i32::from(to_come))
}

/// What a follow-up question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    Date,
    Year,
    MonthDay,
    AmPm,
    Hour,
    Gender,
}

impl Missing {
    pub fn code(self) -> &'static str {
        match self {
            Missing::Date => "date",
            Missing::Year => "year",
            Missing::MonthDay => "month_day",
            Missing::AmPm => "am_pm",
            Missing::Hour => "hour",
            Missing::Gender => "gender",
        }
    }
}

/// Words about someone else that contain a gender word ("남자친구" is not the user's own gender).
const OTHER_PEOPLE: &[&str] =
    &["남자친구", "여자친구", "남자 친구", "여자 친구", "남자친", "여자친", "남편", "여동생", "남동생"];

/// `male` or `female` when the text says so (남자, 여성, "… 여", (남), 아들, 딸, …).
pub fn gender_in(text: &str) -> Option<&'static str> {
    let mut own = text.to_string();
    for w in OTHER_PEOPLE {
        own = own.replace(w, " ");
    }
    let text = own.as_str();
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || ".!?,~요예이에고".contains(c));
    let has = |ws: &[&str]| ws.iter().any(|w| text.contains(w));
    static SINGLE: OnceLock<Regex> = OnceLock::new();
    // 남/여 standing alone: "(여)", "성별 여", "여, 서울", "14:20 여".
    let single = re(&SINGLE, r"(?:^|[\s(,/:])([남여])(?:[\s),/.]|$|아|자|성|이고|입니다|이에요|예요)");
    let alone = single.captures(text).map(|c| c[1].to_string());
    if has(&["여자", "여성", "여아", "female", "딸", "아가씨"]) || t.ends_with('여') || alone.as_deref() == Some("여")
    {
        Some("female")
    } else if has(&["남자", "남성", "남아", "male", "아들", "총각"])
        || t.ends_with('남')
        || alone.as_deref() == Some("남")
    {
        Some("male")
    } else {
        None
    }
}

#[cfg(test)]
mod age_tests {
    use super::year_from_age;

    #[test]
    fn a_birth_year_from_an_age_said_with_man() {
        // 2026-12-07: the birthday has passed.
        assert_eq!(year_from_age("만 쉰여덟 남자고 생일은 3월 3일", 2026, Some((12, 7)), Some(3), Some(3)), Some(1968));
        assert_eq!(year_from_age("만 58세 남자", 2026, Some((12, 7)), Some(3), Some(3)), Some(1968));
        // Asked in March, a birthday in May is still to come: one year further back.
        assert_eq!(year_from_age("만 서른둘이에요", 2026, Some((3, 1)), Some(5), Some(20)), Some(1993));
        // A bare age may be the Korean count; "만 원" is money.
        assert_eq!(year_from_age("58살 남자", 2026, Some((12, 7)), Some(3), Some(3)), None);
        assert_eq!(year_from_age("만 5천원", 2026, Some((12, 7)), Some(3), Some(3)), None);
    }
}
