//! One-shot birth data from free Korean text (the CLI's `ask`), and which saved person a message names.
//! The conversation reads messages with [`crate::chat::understand`], which adds facts up across turns.

use super::understand::BirthFacts;
pub use crate::chat::understand::gender_in;
use crate::saju::chart::ChartRequest;

/// What one message says about a birth; `None` when it gives no full date. With no second message to
/// ask, an hour said without 오전/오후 is read as a 24-hour clock and a missing gender stays empty.
pub fn extract_birth(text: &str, this_year: i32) -> Option<ChartRequest> {
    let mut facts = BirthFacts::parse(text, this_year);
    facts.month?;
    facts.day?;
    facts.year?;
    facts.hour_is_24h |= facts.period.is_none();
    let gender = facts.gender.take();
    facts.gender = Some(String::new());
    let mut request = facts.to_request()?;
    request.gender = gender.unwrap_or_default();
    Some(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_ways_of_writing_a_birth() {
        let extract_birth = |t: &str| extract_birth(t, 2026);
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
        assert_eq!(gender_in("남자친구랑 궁합 봐 주세요"), None);
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
