//! Birth data and topic from free Korean text: dates (`1990-05-15`, `1990년 5월 15일`, `1990.5.15`),
//! times (`15:30`, `오후 3시 30분`, `새벽 2시`, `자정`, `정오`), 음력/윤달, 남/여, and "시간 모름".

use crate::saju::chart::ChartRequest;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    Personality,
    Career,
    Wealth,
    Love,
    Health,
    YearFortune,
    Daeun,
    /// "편관이 뭐예요?": the meaning of a term, answered from the knowledge base with or without a chart.
    Term,
    General,
}

/// Words of the trade a "what is …" question may ask about.
const TERMS: &[&str] = &[
    "비견",
    "겁재",
    "식신",
    "상관",
    "편재",
    "정재",
    "편관",
    "정관",
    "편인",
    "정인",
    "칠살",
    "비겁",
    "식상",
    "재성",
    "관성",
    "인성",
    "십신",
    "장생",
    "목욕",
    "관대",
    "건록",
    "제왕",
    "12운성",
    "도화",
    "역마",
    "화개",
    "천을귀인",
    "양인",
    "괴강",
    "백호",
    "문창",
    "홍염",
    "귀문",
    "공망",
    "납음",
    "대운",
    "세운",
    "월운",
    "용신",
    "기신",
    "지장간",
    "야자시",
    "조자시",
    "진태양시",
    "윤달",
    "절기",
    "입춘",
    "사주팔자",
    "만세력",
    "일간",
    "일주",
    "오행",
    "천간",
    "지지",
    "합충",
    "형파해",
    "원진",
    "삼합",
    "방합",
    "신강",
    "신약",
    "격국",
    "대운수",
];

impl Topic {
    pub fn detect(text: &str) -> Topic {
        let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
        let asks_meaning = has(&[
            "뭐예요",
            "뭔가요",
            "무엇",
            "뭐에요",
            "뭐야",
            "무슨 뜻",
            "뜻이",
            "뜻은",
            "의미",
            "이란",
            "란?",
            "설명해",
        ]);
        if asks_meaning && has(TERMS) {
            Topic::Term
        } else if has(&["건강", "아프", "병"]) {
            Topic::Health
        } else if has(&["재물", "돈", "재산", "투자", "금전"]) {
            Topic::Wealth
        } else if has(&["연애", "결혼", "사랑", "배우자", "남편", "아내", "애인"]) {
            Topic::Love
        } else if has(&["직업", "적성", "진로", "직장", "일이", "사업"]) {
            Topic::Career
        } else if has(&["대운"]) {
            Topic::Daeun
        } else if has(&["올해", "신년", "세운", "내년", "운세"]) {
            Topic::YearFortune
        } else if has(&["성격", "기질", "성향"]) {
            Topic::Personality
        } else {
            Topic::General
        }
    }
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid pattern"))
}

/// "한 시간", "두 시간": a duration, not a clock time.
fn says_duration(rest: &str, c: &regex::Captures<'_>) -> bool {
    let after_number = &rest[c.get(2).map_or(0, |m| m.end())..];
    after_number.trim_start().strip_prefix('시').is_some_and(|t| t.starts_with('간'))
}

/// Native Korean hour words (`두` 시 = 2 o'clock).
fn korean_hour(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = ["한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열", "열한", "열두"];
    WORDS.iter().position(|w| *w == word).map(|i| i as u32 + 1)
}

/// `male` or `female` when the text says so (남자, 여성, "… 여", (남), female, …).
pub fn gender_in(text: &str) -> Option<&'static str> {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || ".!?요예이에".contains(c));
    if ["여자", "여성", "여 ", "(여)", "female", "딸"].iter().any(|w| text.contains(w)) || t.ends_with('여') {
        Some("female")
    } else if ["남자", "남성", "남 ", "(남)", "male", "아들"].iter().any(|w| text.contains(w)) || t.ends_with('남')
    {
        Some("male")
    } else {
        None
    }
}

/// What the message says about a birth; `None` when it gives no date.
pub fn extract_birth(text: &str) -> Option<ChartRequest> {
    static DATE: OnceLock<Regex> = OnceLock::new();
    static CLOCK: OnceLock<Regex> = OnceLock::new();
    static HOUR: OnceLock<Regex> = OnceLock::new();
    let date = re(&DATE, r"(\d{4})\s*(?:[-./]|년)\s*윤?\s*(\d{1,2})\s*(?:[-./]|월)\s*(\d{1,2})\s*일?");
    let clock = re(&CLOCK, r"(\d{1,2}):(\d{2})");
    let hour = re(
        &HOUR,
        r"(오전|오후|새벽|아침|저녁|밤|낮)?\s*(\d{1,2}|열두|열한|열|한|두|세|네|다섯|여섯|일곱|여덟|아홉)\s*시\s*(?:(\d{1,2})\s*분|반)?",
    );

    let d = date.captures(text)?;
    let (y, m, day): (i32, u32, u32) = (d[1].parse().ok()?, d[2].parse().ok()?, d[3].parse().ok()?);
    let rest = &text[d.get(0)?.end()..];
    let unknown =
        ["시간 모름", "시간은 모름", "시간은 몰라", "시간 몰라", "시각 모름", "모름"].iter().any(|w| text.contains(w));
    let time = if unknown {
        None
    } else if text.contains("자정") {
        Some((0, 0))
    } else if text.contains("정오") {
        Some((12, 0))
    } else if let Some(c) = clock.captures(rest) {
        Some((c[1].parse().ok()?, c[2].parse().ok()?))
    } else if let Some(c) = hour.captures(rest).filter(|c| !says_duration(rest, c)) {
        let mut h: u32 = c[2].parse().ok().or_else(|| korean_hour(&c[2]))?;
        let minute: u32 = match c.get(3) {
            Some(mm) => mm.as_str().parse().ok()?,
            None if c.get(0)?.as_str().ends_with('반') => 30,
            None => 0,
        };
        match c.get(1).map(|p| p.as_str()) {
            Some("오후" | "저녁" | "밤") if h < 12 => h += 12,
            Some("낮") if h < 7 => h += 12,
            Some("오전" | "새벽" | "아침") if h == 12 => h = 0,
            _ => {}
        }
        Some((h, minute))
    } else {
        None
    };
    let gender = gender_in(text).unwrap_or("");
    let lunar = text.contains("음력");
    let place = super::places::find_place(text);
    Some(ChartRequest {
        timezone: place.map(|p| p.zone.to_string()),
        longitude: place.map(|p| p.longitude),
        time_correction: if text.contains("진태양시") {
            Some("true_solar".into())
        } else if text.contains("경도 보정") || text.contains("지방시") {
            Some("longitude".into())
        } else {
            None
        },
        calendar: Some(if lunar { "korean_lunar" } else { "solar" }.into()),
        datetime: match time {
            Some((h, mi)) => format!("{y:04}-{m:02}-{day:02}T{h:02}:{mi:02}:00"),
            None => format!("{y:04}-{m:02}-{day:02}"),
        },
        gender: gender.into(),
        leap_month: Some(lunar && text.contains('윤')),
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ways_of_writing_a_birth() {
        let b = extract_birth("1990년 5월 15일 오후 3시 30분에 태어난 남자예요").unwrap();
        assert_eq!((b.datetime.as_str(), b.gender.as_str()), ("1990-05-15T15:30:00", "male"));
        let b = extract_birth("양력 1988.11.03 14:20 여").unwrap();
        assert_eq!((b.datetime.as_str(), b.gender.as_str()), ("1988-11-03T14:20:00", "female"));
        let b = extract_birth("음력 2020년 윤4월 2일 새벽 2시 여자").unwrap();
        assert_eq!(b.datetime, "2020-04-02T02:00:00");
        assert_eq!((b.calendar.as_deref(), b.leap_month), (Some("korean_lunar"), Some(true)));
        let b = extract_birth("2001-02-03 시간은 몰라요, 남자").unwrap();
        assert_eq!(b.datetime, "2001-02-03");
        assert_eq!(extract_birth("1999년 1월 1일 자정 남").unwrap().datetime, "1999-01-01T00:00:00");
        assert_eq!(extract_birth("1999년 1월 1일 정오 남").unwrap().datetime, "1999-01-01T12:00:00");
        assert!(extract_birth("올해 운세가 궁금해요").is_none());
        let abroad = extract_birth("1985년 3월 2일 오후 2시 뉴욕에서 태어난 여자").unwrap();
        assert_eq!((abroad.timezone.as_deref(), abroad.longitude), (Some("America/New_York"), Some(-74.006)));
        assert_eq!(extract_birth("1990-05-15 10:00 부산 남").unwrap().longitude, Some(129.075));
        assert_eq!(extract_birth("90년 아니고 1990년 3월 2일 새벽 두시 여자").unwrap().datetime, "1990-03-02T02:00:00");
        assert_eq!(extract_birth("1990년 3월 2일 오후 세시 반 남자").unwrap().datetime, "1990-03-02T15:30:00");
        assert_eq!(extract_birth("1990년 3월 2일 밤 열한시 남자").unwrap().datetime, "1990-03-02T23:00:00");
        assert_eq!(extract_birth("1990년 3월 2일생 남자, 한 시간 정도 고민했어요").unwrap().datetime, "1990-03-02");
        let corrected = extract_birth("1990-05-15 10:00 부산 남, 진태양시로 봐 주세요").unwrap();
        assert_eq!(corrected.time_correction.as_deref(), Some("true_solar"));
    }

    #[test]
    fn topics() {
        assert_eq!(Topic::detect("제 성격은 어떤가요?"), Topic::Personality);
        assert_eq!(Topic::detect("재물운 알려주세요"), Topic::Wealth);
        assert_eq!(Topic::detect("결혼은 언제쯤"), Topic::Love);
        assert_eq!(Topic::detect("올해 운세"), Topic::YearFortune);
        assert_eq!(Topic::detect("안녕하세요"), Topic::General);
        assert_eq!(Topic::detect("편관이 뭐예요?"), Topic::Term);
        assert_eq!(Topic::detect("역마살이 무슨 뜻이에요?"), Topic::Term);
        assert_eq!(Topic::detect("편관이 많으면 직장운은요?"), Topic::Career);
    }
}

#[cfg(test)]
mod gender_tests {
    use super::gender_in;

    #[test]
    fn gender_words() {
        assert_eq!(gender_in("남자예요"), Some("male"));
        assert_eq!(gender_in("여자입니다."), Some("female"));
        assert_eq!(gender_in("1990-01-01 여"), Some("female"));
        assert_eq!(gender_in("성별은 남"), Some("male"));
        assert_eq!(gender_in("안녕하세요"), None);
    }
}

/// Which of the user's saved people a message is about: a profile whose name it mentions ("엄마 사주"),
/// else the relation words it uses (내/제 → self; 엄마·아빠·가족 → family; 남편·아내·남자친구… → partner; 친구 → friend).
/// `profiles` are (id, name, relation); returns the id.
pub fn profile_reference<'a>(text: &str, profiles: &'a [(String, String, String)]) -> Option<&'a str> {
    if let Some((id, _, _)) = profiles
        .iter()
        .filter(|(_, name, _)| !name.is_empty() && text.contains(name.as_str()))
        .max_by_key(|(_, name, _)| name.chars().count())
    {
        return Some(id);
    }
    let relation =
        if ["엄마", "어머니", "아빠", "아버지", "부모님", "언니", "누나", "오빠", "형", "동생", "아들", "딸", "가족"]
            .iter()
            .any(|w| text.contains(w))
        {
            "family"
        } else if ["남편", "아내", "와이프", "남자친구", "여자친구", "남친", "여친", "애인", "배우자"]
            .iter()
            .any(|w| text.contains(w))
        {
            "partner"
        } else if text.contains("친구") {
            "friend"
        } else if ["내 사주", "제 사주", "나의 사주", "저의 사주", "내 운", "제 운"].iter().any(|w| text.contains(w))
        {
            "self"
        } else {
            return None;
        };
    let mut matching = profiles.iter().filter(|(_, _, r)| r == relation);
    let first = matching.next()?;
    // Ambiguous (two family members and no name): ask instead of guessing.
    matching.next().is_none().then_some(first.0.as_str())
}

#[cfg(test)]
mod profile_reference_tests {
    use super::profile_reference;

    #[test]
    fn names_then_relations() {
        let p = |id: &str, name: &str, rel: &str| (id.to_string(), name.to_string(), rel.to_string());
        let profiles = vec![p("a", "나", "self"), p("b", "엄마", "family"), p("c", "민수", "partner")];
        assert_eq!(profile_reference("우리 엄마 사주 봐 주세요", &profiles), Some("b"));
        assert_eq!(profile_reference("민수랑 잘 맞나요", &profiles), Some("c"));
        assert_eq!(profile_reference("제 사주에서 재물운은요?", &profiles), Some("a"));
        assert_eq!(profile_reference("남자친구 성격이 궁금해요", &profiles), Some("c"));
        assert_eq!(profile_reference("오늘 날씨", &profiles), None);
        let two = vec![p("x", "아빠", "family"), p("y", "언니", "family")];
        assert_eq!(profile_reference("가족 운세", &two), None);
        assert_eq!(profile_reference("언니 사주", &two), Some("y"));
    }
}
