//! Korean number words: Sino-Korean (`십오` = 15, `유월` = 6월) and native hour words (`두` 시 = 2시).

/// A Sino-Korean number from 1 to 99 (`오`, `십오`, `이십삼`); `None` for anything else.
pub fn sino(word: &str) -> Option<u32> {
    let digit = |c: char| "일이삼사오육칠팔구".chars().position(|d| d == c).map(|i| i as u32 + 1);
    let chars: Vec<char> = word.chars().map(|c| if c == '륙' { '육' } else { c }).collect();
    let value = match chars.as_slice() {
        [u] if *u != '십' => digit(*u)?,
        ['십'] => 10,
        ['십', u] => 10 + digit(*u)?,
        [t, '십'] => digit(*t)? * 10,
        [t, '십', u] => digit(*t)? * 10 + digit(*u)?,
        _ => return None,
    };
    (1..=99).contains(&value).then_some(value)
}

/// A month written in Sino-Korean, with the two irregular ones: `유월` (6), `시월` (10).
pub fn sino_month(word: &str) -> Option<u32> {
    match word {
        "유" => Some(6),
        "시" => Some(10),
        "십이" => Some(12),
        "십일" => Some(11),
        w => sino(w).filter(|m| (1..=12).contains(m)),
    }
}

/// Native Korean hour words (`두` 시 = 2 o'clock).
pub fn native_hour(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = ["한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열", "열한", "열두"];
    WORDS.iter().position(|w| *w == word).map(|i| i as u32 + 1)
}

/// A native Korean number from 20 to 99 said as tens and units: `일흔` + `다섯` = 75, `서른` + `둘` = 32 (the
/// units in counting form, 하나 … 아홉, or before a noun, 한 … 아홉, as [`native_hour`] reads them).
pub fn native_tens(tens: &str, units: Option<&str>) -> Option<u32> {
    const TENS: [&str; 8] = ["스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔"];
    let t = if tens == "스무" { 0 } else { TENS.iter().position(|w| *w == tens)? };
    let u = match units {
        None => 0,
        Some("하나") => 1,
        Some("둘") => 2,
        Some("셋" | "석") => 3,
        Some("넷") => 4,
        Some(w) => native_hour(w).filter(|n| *n <= 9)?,
    };
    Some((t as u32 + 2) * 10 + u)
}

/// A Sino-Korean number up to 9999 (`천구백팔십오` = 1985, `이천삼` = 2003, `구십일` = 91), or one read digit by
/// digit (`일구팔오` = 1985, `공` and `영` for zero).
pub fn sino_big(word: &str) -> Option<u32> {
    let digit = |c: char| "일이삼사오육칠팔구".chars().position(|d| d == c).map(|i| i as u32 + 1);
    let chars: Vec<char> =
        word.chars().filter(|c| !c.is_whitespace()).map(|c| if c == '륙' { '육' } else { c }).collect();
    if chars.is_empty() {
        return None;
    }
    if chars.len() >= 2 && chars.iter().all(|c| digit(*c).is_some() || *c == '공' || *c == '영') {
        return chars.iter().try_fold(0u32, |acc, c| Some(acc * 10 + digit(*c).unwrap_or(0)));
    }
    let (mut total, mut pending) = (0u32, None::<u32>);
    let mut last_unit = u32::MAX;
    for c in chars {
        let unit = match c {
            '천' => 1000,
            '백' => 100,
            '십' => 10,
            c => {
                if pending.is_some() {
                    return None;
                }
                pending = Some(digit(c)?);
                continue;
            }
        };
        if unit >= last_unit {
            return None;
        }
        last_unit = unit;
        total += pending.take().unwrap_or(1) * unit;
    }
    Some(total + pending.unwrap_or(0))
}

/// The native words for the days of a lunar month (`초하루` = 1 … `초열흘` = 10, `보름` = 15, `스무날` = 20).
pub fn native_day(word: &str) -> Option<u32> {
    const WORDS: [&str; 10] = ["하루", "이틀", "사흘", "나흘", "닷새", "엿새", "이레", "여드레", "아흐레", "열흘"];
    if let Some(i) = WORDS.iter().position(|w| *w == word) {
        return Some(i as u32 + 1);
    }
    match word {
        "사흗" => Some(3),
        "파일" | "팔일" => Some(8),
        "보름" => Some(15),
        "스무" => Some(20),
        _ => None,
    }
}

/// A number written in digits or in either kind of Korean words.
pub fn any_number(word: &str) -> Option<u32> {
    word.parse().ok().or_else(|| native_hour(word)).or_else(|| sino(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sino_korean_numbers() {
        assert_eq!(sino("오"), Some(5));
        assert_eq!(sino("십오"), Some(15));
        assert_eq!(sino("이십삼"), Some(23));
        assert_eq!(sino("삼십"), Some(30));
        assert_eq!(sino("십"), Some(10));
        assert_eq!(sino("오십오십"), None);
        assert_eq!(sino_month("유"), Some(6));
        assert_eq!(sino_month("시"), Some(10));
        assert_eq!(sino_month("십삼"), None);
        assert_eq!(native_hour("열두"), Some(12));
        assert_eq!(any_number("반"), None);
        assert_eq!(sino_big("천구백팔십오"), Some(1985));
        assert_eq!(sino_big("이천삼"), Some(2003));
        assert_eq!(sino_big("이천십"), Some(2010));
        assert_eq!(sino_big("구십일"), Some(91));
        assert_eq!(sino_big("일구팔오"), Some(1985));
        assert_eq!(sino_big("이공공일"), Some(2001));
        assert_eq!(sino_big("십구백"), None);
        assert_eq!(native_day("엿새"), Some(6));
        assert_eq!(native_day("파일"), Some(8));
        assert_eq!(native_tens("일흔", Some("다섯")), Some(75));
        assert_eq!(native_tens("서른", Some("둘")), Some(32));
        assert_eq!(native_tens("스무", Some("세")), Some(23));
        assert_eq!(native_tens("마흔", None), Some(40));
    }
}
