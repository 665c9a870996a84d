//! Birth facts from one Korean message, and how the facts of several messages add up.
//!
//! A message may give any part: a date (`1990-05-15`, `1990/5/15`, `1990년 5월 15일`, `90년 5월 15일생`,
//! `오월 십오일`), a year alone (`90년생`, `05년생`), a time (`15:30`, `오후 3시 반`, `새벽 두시`, `자정`,
//! `정오`, `축시`), "시간은 몰라요", 음력/양력/윤달, a gender word, a place, a time-correction wish.
//! Nothing is guessed: a clock hour without 오전/오후 (`3시`) stays ambiguous and is asked about.

use super::numbers::{any_number, sino, sino_month};
use crate::chat::places::find_place;
use crate::saju::chart::ChartRequest;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

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
    /// `true_solar` or `longitude` when asked for.
    pub time_correction: Option<String>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid pattern"))
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

const HOUR_BRANCHES: [&str; 12] = ["자", "축", "인", "묘", "진", "사", "오", "미", "신", "유", "술", "해"];

/// The clock hour a 12지 시 name stands for: the middle of its two hours (자시 → 0시, 축시 → 2시, 해시 → 22시).
pub fn hour_of_branch(branch: &str) -> Option<u32> {
    HOUR_BRANCHES.iter().position(|b| *b == branch).map(|i| (i as u32 * 2) % 24)
}

/// "한 시간", "두 시간": a duration, not a clock time.
fn says_duration(after_number: &str) -> bool {
    after_number.trim_start().strip_prefix('시').is_some_and(|t| t.starts_with('간'))
}

fn period_word(word: &str) -> Option<Period> {
    Some(match word {
        "오전" | "새벽" | "아침" => Period::Morning,
        "낮" | "점심" => Period::Midday,
        "오후" => Period::Afternoon,
        "저녁" => Period::Evening,
        "밤" | "한밤" | "한밤중" => Period::Night,
        _ => return None,
    })
}

const UNKNOWN_WORDS: &[&str] = &["모름", "몰라", "모르", "기억이 안", "기억 안", "미상", "알 수 없", "확실하지 않"];
const TIME_WORDS: &[&str] = &["시간", "시각", "몇 시", "몇시", "태어난 시", "생시", "출생 시"];

impl BirthFacts {
    /// The facts one message gives, with `this_year` for two-digit years.
    pub fn parse(text: &str, this_year: i32) -> BirthFacts {
        let mut f = BirthFacts::default();
        let time_from = f.date(text, this_year);
        f.time(text, &text[time_from..]);
        f.calendar_of(text);
        f.gender = gender_in(text).map(str::to_string);
        f.place = find_place(text).map(|p| p.name.to_string());
        f.time_correction = if text.contains("진태양시") {
            Some("true_solar".into())
        } else if text.contains("경도 보정") || text.contains("지방시") {
            Some("longitude".into())
        } else {
            None
        };
        f
    }

    /// Reads the date; returns where the rest of the text (the time) starts.
    fn date(&mut self, text: &str, this_year: i32) -> usize {
        static FULL: OnceLock<Regex> = OnceLock::new();
        static COMPACT: OnceLock<Regex> = OnceLock::new();
        static YEAR: OnceLock<Regex> = OnceLock::new();
        static MONTH_DAY: OnceLock<Regex> = OnceLock::new();
        let full = re(
            &FULL,
            r"(?:^|[^\d])(\d{4}|\d{2})\s*(?:[-./]|년도?)\s*(윤\s*)?(\d{1,2})\s*(?:[-./]|월)\s*(\d{1,2})(?:\s*일)?",
        );
        let compact = re(&COMPACT, r"(?:^|[^\d])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^\d]|$)");
        let year_only = re(
            &YEAR,
            r"(?:^|[^\d])(\d{4}|\d{2})\s*년\s*(?:생|도|에\s*태어|출생|이에요|이예요|이요|입니다|[,.!?~]|\s*(?:윤\s*)?[유시일이삼사오육칠팔구십]{1,3}\s*월|$)",
        );
        let month_day = re(
            &MONTH_DAY,
            r"(윤\s*)?(\d{1,2}|유|시|십[일이]|[이삼사오육칠팔구]|십|일)\s*월\s*(\d{1,2}|[이삼]?십[일이삼사오육칠팔구]?|[일이삼사오육칠팔구])\s*일",
        );
        let year_of = |s: &str| -> Option<i32> {
            let y: i32 = s.parse().ok()?;
            Some(if s.len() == 2 { full_year(y, this_year) } else { y })
        };
        if let Some(c) = full.captures(text) {
            self.year = year_of(&c[1]);
            self.leap |= c.get(2).is_some();
            self.month = c[3].parse().ok();
            self.day = c[4].parse().ok();
            return c.get(0).map_or(0, |m| m.end());
        }
        if let Some(c) = compact.captures(text) {
            self.year = c[1].parse().ok();
            self.month = c[2].parse().ok();
            self.day = c[3].parse().ok();
            return c.get(3).map_or(0, |m| m.end());
        }
        let mut end = 0;
        if let Some(c) = year_only.captures(text) {
            self.year = year_of(&c[1]);
            end = c.get(1).map_or(0, |m| m.end());
        }
        if let Some(c) = month_day.captures(text) {
            self.leap |= c.get(1).is_some();
            self.month = c[2].parse().ok().or_else(|| sino_month(&c[2]));
            self.day = c[3].parse().ok().or_else(|| sino(&c[3]));
            end = end.max(c.get(0).map_or(0, |m| m.end()));
        }
        end
    }

    fn time(&mut self, text: &str, rest: &str) {
        static CLOCK: OnceLock<Regex> = OnceLock::new();
        static HOUR: OnceLock<Regex> = OnceLock::new();
        static BRANCH: OnceLock<Regex> = OnceLock::new();
        static PERIOD: OnceLock<Regex> = OnceLock::new();
        let clock = re(&CLOCK, r"(?:^|[^\d])(\d{1,2}):(\d{2})");
        let hour = re(
            &HOUR,
            r"(오전|오후|새벽|아침|저녁|한밤중|한밤|밤|낮|점심)?\s*(?:에\s*)?(\d{1,2}|열두|열한|열|한|두|세|네|다섯|여섯|일곱|여덟|아홉)\s*시(?:\s*(\d{1,2}|[이삼사오]?십[일이삼사오육칠팔구]?|[일이삼사오육칠팔구])\s*분|\s*(반))?",
        );
        let branch =
            re(&BRANCH, r"(자|축|인|묘|진|사|오|미|신|유|술|해)시(?:[^가-힣]|$|에|쯤|경|생|요|예|였|입|이|라|로)");
        let period = re(&PERIOD, r"(오전|오후|새벽|아침|저녁|한밤중|한밤|밤|낮|점심)");
        let said = |w: &[&str]| w.iter().any(|x| text.contains(x));
        let short = text.chars().filter(|c| !c.is_whitespace()).count() <= 8;
        if said(UNKNOWN_WORDS) && (said(TIME_WORDS) || short) {
            self.unknown_hour = true;
            return;
        }
        if text.contains("자정") {
            (self.hour, self.minute, self.hour_is_24h) = (Some(0), Some(0), true);
        } else if text.contains("정오") {
            (self.hour, self.minute, self.hour_is_24h) = (Some(12), Some(0), true);
        } else if let Some(c) = clock.captures(rest) {
            (self.hour, self.minute, self.hour_is_24h) = (c[1].parse().ok(), c[2].parse().ok(), true);
        } else if let Some(c) =
            hour.captures_iter(rest).find(|c| !says_duration(&rest[c.get(2).map_or(0, |m| m.end())..]))
        {
            let h = any_number(&c[2]);
            self.hour = h;
            self.minute = match (c.get(3), c.get(4)) {
                (Some(m), _) => any_number(m.as_str()),
                (None, Some(_)) => Some(30),
                (None, None) => Some(0),
            };
            self.hour_is_24h = h.is_some_and(|h| h == 0 || h > 12);
            self.period = c.get(1).and_then(|p| period_word(p.as_str()));
        } else if let Some(c) = branch.captures(rest) {
            (self.hour, self.minute) = (hour_of_branch(&c[1]), Some(0));
            (self.hour_is_24h, self.branch_hour) = (true, true);
        }
        if self.period.is_none() && !self.hour_is_24h {
            // "오후에 태어났고 3시쯤" or, in a later message, just "오후요".
            self.period = period.captures(text).and_then(|c| period_word(&c[1]));
        }
    }

    fn calendar_of(&mut self, text: &str) {
        if text.contains("윤달") || text.contains("윤월") {
            self.leap = true;
        }
        self.calendar = if text.contains("음력") || self.leap {
            Some("lunar".into())
        } else if text.contains("양력") {
            Some("solar".into())
        } else {
            None
        };
    }

    /// True when the message said nothing about a birth.
    pub fn is_empty(&self) -> bool {
        let empty = BirthFacts::default();
        BirthFacts { gender: None, place: None, time_correction: None, ..self.clone() } == empty
            && self.gender.is_none()
            && self.place.is_none()
    }

    /// True when the message gives a date or a year (the start of a new birth, not a detail of one).
    pub fn has_date(&self) -> bool {
        self.year.is_some() || (self.month.is_some() && self.day.is_some())
    }

    /// These facts with what `newer` says on top (a later message corrects or completes an earlier one).
    pub fn merge(mut self, newer: &BirthFacts) -> BirthFacts {
        macro_rules! take {
            ($($field:ident),*) => { $( if newer.$field.is_some() { self.$field = newer.$field.clone(); } )* };
        }
        take!(year, month, day, calendar, gender, place, time_correction);
        if newer.hour.is_some() {
            self.hour = newer.hour;
            self.minute = newer.minute;
            self.hour_is_24h = newer.hour_is_24h;
            self.branch_hour = newer.branch_hour;
            self.period = newer.period;
            self.unknown_hour = false;
        } else if newer.period.is_some() {
            self.period = newer.period;
        }
        if newer.unknown_hour {
            (self.unknown_hour, self.hour, self.minute, self.period) = (true, None, None, None);
        }
        self.leap |= newer.leap;
        self
    }

    /// The 24-hour clock time, when it is known and not ambiguous.
    pub fn clock(&self) -> Option<(u32, u32)> {
        let h = self.hour?;
        let h = match (self.hour_is_24h, self.period) {
            (true, _) => h,
            (false, Some(p)) => p.resolve(h),
            (false, None) => return None,
        };
        Some((h, self.minute.unwrap_or(0)))
    }

    /// The first thing still missing before a chart can be computed; `None` when the facts are complete.
    /// `hour_asked`: the hour was asked for once already, so its absence now means "unknown".
    pub fn missing(&self, hour_asked: bool) -> Option<Missing> {
        Some(match () {
            _ if self.year.is_none() && self.month.is_none() && self.day.is_none() => Missing::Date,
            _ if self.year.is_none() => Missing::Year,
            _ if self.month.is_none() || self.day.is_none() => Missing::MonthDay,
            _ if self.hour.is_some() && self.clock().is_none() => Missing::AmPm,
            _ if self.hour.is_none() && !self.unknown_hour && !hour_asked => Missing::Hour,
            _ if self.gender.is_none() => Missing::Gender,
            _ => return None,
        })
    }

    /// The engine's request for these facts; `None` until [`BirthFacts::missing`] has nothing to ask.
    pub fn to_request(&self) -> Option<ChartRequest> {
        let (y, m, d) = (self.year?, self.month?, self.day?);
        let gender = self.gender.clone()?;
        let place = self.place.as_deref().and_then(find_place);
        let datetime = match self.clock().filter(|_| !self.unknown_hour) {
            Some((h, mi)) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00"),
            None => format!("{y:04}-{m:02}-{d:02}"),
        };
        Some(ChartRequest {
            calendar: Some(if self.calendar.as_deref() == Some("lunar") { "korean_lunar" } else { "solar" }.into()),
            datetime,
            timezone: place.map(|p| p.zone.to_string()),
            longitude: place.map(|p| p.longitude),
            gender,
            leap_month: Some(self.leap && self.calendar.as_deref() == Some("lunar")),
            // A 12지 시 name already names the hour branch: no clock correction may move it out.
            time_correction: if self.branch_hour { Some("none".into()) } else { self.time_correction.clone() },
            ..Default::default()
        })
    }
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
