//! The span of years a user sets on a question of time: "3년 안에", "내후년까지", "2030년 전에", "35살 전에",
//! "서른 안에", "30대 안에". A 상담가 asked "3년 안에 옮긴다면 언제가 나아요?" names the best year inside those
//! three years, not the strongest of the next ten.

use regex::Regex;
use std::sync::LazyLock;

/// Years from `first` to `last` (both counted), and how the user said it ("3년 안에").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub first: i32,
    pub last: i32,
    pub said: String,
}

impl Window {
    /// "‘3년 안에’라면", "‘앞으로 5년’이라면": the span as the user said it, as a condition.
    pub fn quoted(&self) -> String {
        let with = crate::saju::josa::with_particle(&self.said, "이라면", "라면");
        format!("‘{}’{}", self.said, &with[self.said.len()..])
    }
}

/// A native Korean tens word for an age: 스물 → 20 … 아흔 → 90.
fn native_age(word: &str) -> Option<i32> {
    const TENS: [&str; 8] = ["스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔"];
    TENS.iter().position(|w| *w == word).map(|i| (i as i32 + 2) * 10)
}

/// How a span ends: before the mark (전에, 이전에, 되기 전) or with it (까지, 안에, 이내).
fn before_the_mark(end: &str) -> bool {
    end.contains('전')
}

/// The window a question sets, for a person born in `birth_year`, asked in `this_year`; `open` is the first
/// year a plan can still use (next year in November–December). `None` when the question sets none.
pub fn in_question(question: &str, birth_year: i32, this_year: i32, open: i32) -> Option<Window> {
    static YEARS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{1,2}|몇|한두|두세|이삼|삼사)\s?년\s?(안에|안으로|내에|이내|안엔|안에는)").expect("valid")
    });
    // "앞으로 5년 중에", "앞으로 3년 동안", "3년만 보시오" (not "3년 동안 사귀었는데", "3년 만에"): a span ahead.
    static AHEAD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"앞으로\s?(\d{1,2})\s?년|(\d{1,2})\s?년\s?만\s?(?:보|봐)").expect("valid"));
    static UNTIL_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(20\d\d)\s?년\s?(이전에|전에|전까지|까지|안에|안으로|되기\s?전)").expect("valid")
    });
    static RELATIVE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(내후년|후년|내년)\s?(까지|안에|안으로|전에|전까지)").expect("valid"));
    static AGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:만\s?)?(\d{2}|스물|서른|마흔|쉰|예순|일흔)\s?(?:살|세)?\s?(되기\s?전에|되기\s?전|이전에|전에|전까지|까지|안에|안으로)")
            .expect("valid")
    });
    static DECADE: LazyLock<Regex> = LazyLock::new(|| {
        // (Not "20대 때": a decade looked back on is not a span asked about.)
        Regex::new(r"([2-7]0|이십|삼십|사십|오십|육십)\s?대\s?(초반|중반|후반)?\s?(안에|중에|에|안으로)")
            .expect("valid")
    });
    // A window already past (`last < first`) is kept: the reply says so before it reads the coming years.
    // "올해 안에 고백해도 될까? 아니면 내년까지 기다려야 되나": two moments weighed, not a span.
    if ["아니면", "기다려", "기다릴", " vs", "VS"].iter().any(|w| question.contains(w)) {
        return None;
    }
    let window = |first: i32, last: i32, said: &str| {
        Some(Window { first: first.max(open), last, said: said.trim().to_string() })
    };
    if let Some(c) = YEARS.captures(question) {
        let n = match &c[1] {
            "몇" => 5,
            "한두" => 2,
            "두세" | "이삼" => 3,
            "삼사" => 4,
            d => d.parse::<i32>().ok().filter(|n| (1..=30).contains(n))?,
        };
        return window(open, open + n - 1, &c[0]);
    }
    if let Some(c) = AHEAD.captures(question) {
        let n: i32 = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok()).filter(|n| (1..=30).contains(n))?;
        return window(open, open + n - 1, &format!("앞으로 {n}년"));
    }
    if let Some(c) = UNTIL_YEAR.captures(question) {
        let year: i32 = c[1].parse().ok()?;
        let last = if before_the_mark(&c[2]) { year - 1 } else { year };
        return window(open, last, &c[0]);
    }
    if let Some(c) = RELATIVE.captures(question) {
        let year = this_year
            + match &c[1] {
                "내년" => 1,
                _ => 2,
            };
        let last = if before_the_mark(&c[2]) { year - 1 } else { year };
        return window(open, last, &c[0]);
    }
    // "30대 되기 전에", "마흔 되기 전에" (the latter read by AGE below): before that decade begins.
    static DECADE_BEFORE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"([2-7])0\s?대\s?(?:가\s?)?되기\s?전").expect("valid"));
    if birth_year > 0 {
        if let Some(c) = DECADE_BEFORE.captures(question) {
            let tens: i32 = c[1].parse().ok()?;
            return window(open, birth_year + tens * 10 - 1, &c[0]);
        }
        // "30대 중반 전에는": before that part of the decade begins.
        static DECADE_PART_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"([2-7]0|이십|삼십|사십|오십|육십)\s?대\s?(중반|후반)\s?(?:되기\s?)?(전에|전까지|이전)")
                .expect("valid")
        });
        if let Some(c) = DECADE_PART_BEFORE.captures(question) {
            let tens = match &c[1] {
                "이십" => 20,
                "삼십" => 30,
                "사십" => 40,
                "오십" => 50,
                "육십" => 60,
                d => d.parse().ok()?,
            };
            // ("중반" said loosely: by about 35, counted as the replies count ages.)
            let until = if &c[2] == "중반" { 5 } else { 8 };
            return window(open, birth_year + tens + until, &c[0]);
        }
        if let Some(c) = DECADE.captures(question) {
            let tens = match &c[1] {
                "이십" => 20,
                "삼십" => 30,
                "사십" => 40,
                "오십" => 50,
                "육십" => 60,
                d => d.parse().ok()?,
            };
            let (from, to) = match c.get(2).map(|m| m.as_str()) {
                Some("초반") => (0, 3),
                Some("중반") => (4, 6),
                Some("후반") => (7, 9),
                _ => (0, 9),
            };
            return window(birth_year + tens + from, birth_year + tens + to, &c[0]);
        }
        if let Some(c) = AGE.captures(question) {
            let age = native_age(&c[1]).or_else(|| c[1].parse().ok()).filter(|a| (15..=90).contains(a))?;
            // Ages are counted as the replies print them: the age reached in that year (만 나이 by its end).
            let last = if before_the_mark(&c[2]) { birth_year + age - 1 } else { birth_year + age };
            return window(open, last, &c[0]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(q: &str) -> Option<(i32, i32)> {
        in_question(q, 1995, 2026, 2027).map(|w| (w.first, w.last))
    }

    #[test]
    fn spans_said_in_years() {
        assert_eq!(w("3년 안에 꼭 옮긴다면 몇 년이 제일 나아요?"), Some((2027, 2029)));
        assert_eq!(w("2년 안에는 열어야 하는데 언제가 좋아요"), Some((2027, 2028)));
        assert_eq!(w("몇 년 안에는 붙어요?"), Some((2027, 2031)));
        assert_eq!(w("내후년까지 결혼할 수 있을까"), Some((2027, 2028)));
        assert_eq!(w("2030년 전에 집 살 수 있을까요"), Some((2027, 2029)));
        assert_eq!(w("2030년까지 언제가 좋아요"), Some((2027, 2030)));
        assert_eq!(w("재물운은 언제 좋소? 앞으로 3년만 보시오"), Some((2027, 2029)));
        assert_eq!(w("앞으로 5년 중에 제일 좋은 해는 언제예요?"), Some((2027, 2031)));
        assert_eq!(w("앞으로 3년 동안 건강 조심할 해가 있어요?"), Some((2027, 2029)));
    }

    #[test]
    fn spans_said_in_ages() {
        assert_eq!(w("35살 전에 결혼할 수 있을까요?"), Some((2027, 2029)));
        // Already past: kept, so the reply can say so.
        assert_eq!(w("서른 안에 결혼할까요"), Some((2027, 2025)));
        assert_eq!(w("마흔 전에 내 집 마련 가능?"), Some((2027, 2034)));
        assert_eq!(w("30대 안에 결혼은 하나요"), Some((2027, 2034)));
        assert_eq!(w("30대 후반에 이직 운이 있나요"), Some((2032, 2034)));
        // Before the middle of the thirties, said loosely: by about 35.
        assert_eq!(w("30대 중반 전에는 결혼하고 싶은데 가능할까요?"), Some((2027, 2030)));
        assert_eq!(w("물 기운 들어오는 때는요? 30대 되기 전에요"), Some((2027, 2024)));
        assert_eq!(in_question("30대 되기 전에요", 1998, 2026, 2027).map(|w| (w.first, w.last)), Some((2027, 2027)));
    }

    #[test]
    fn no_span_when_none_is_set() {
        assert_eq!(w("언제쯤 결혼할 수 있을까요?"), None);
        assert_eq!(w("20대 때는 힘들었는데 앞으로는 어때요"), None);
        assert_eq!(w("1995년 3월 2일생이에요"), None);
        assert_eq!(w("내년 운세 봐주세요"), None);
        assert_eq!(w("남친이랑 3년 동안 사귀었는데 결혼은 언제쯤?"), None);
        assert_eq!(w("3년 만에 연애하는데 잘될까요"), None);
        assert_eq!(in_question("마흔 전에", 0, 2026, 2027), None);
    }
}
