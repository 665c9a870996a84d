//! Which saved person a message names, and the gender words of a message.

pub use crate::chat::understand::gender_in;

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
