//! Days asked about: "다음 주는 어때요? 발표가 있어요" (the seven 일진 of that week scored for the event's
//! area, the best and the weakest named with their dates) and "면접이 3월 20일이에요" (that day's 일진 for the
//! event). The scores are the timing engine's rules applied to the day's pillar.

use super::fortune::day_master;
use super::plans::Plan;
use super::timing::{score_pillar, verdict};
use super::TimingTopic;
use crate::saju::astro::julian::{civil_from_jdn, jdn_from_civil};
use crate::saju::chart::model::Chart;
use crate::saju::derive::ten_gods::{branch_ten_god, ten_god};

const WEEKDAYS: [&str; 7] = ["일", "월", "화", "수", "목", "금", "토"];

/// The life area an event word points to ("면접" → 직업), else `fallback`.
pub fn event_area(question: &str, fallback: TimingTopic) -> TimingTopic {
    let has = |words: &[&str]| words.iter().any(|w| question.contains(w));
    // ("시험관 시작일": an IVF cycle, not an exam.)
    if has(&["시험관", "인공수정", "이식", "난임", "임신", "출산", "제왕절개"]) {
        return TimingTopic::Children;
    }
    if has(&[
        "면접",
        "발표",
        "출근",
        "입사",
        "미팅",
        "프레젠테이션",
        "PT",
        "보고",
        "계약",
        "오픈",
        "개업",
        "개점",
        "창업",
    ]) {
        TimingTopic::Career
    } else if has(&["시험", "자격증", "수능", "테스트"]) {
        TimingTopic::Study
    } else if has(&["소개팅", "데이트", "고백", "상견례", "선 보", "맞선"]) {
        TimingTopic::Love
    } else if has(&["이사", "여행", "출국"]) {
        TimingTopic::Move
    } else {
        fallback
    }
}

/// What a day whose stem is `god` means for the event asked about (a 소개팅, an interview, an exam), for this
/// chart's gender: the 이성 star is 재성 for a man and 관성 for a woman. None for other events.
pub fn event_line(chart: &Chart, area: TimingTopic, god: crate::saju::derive::TenGod) -> Option<&'static str> {
    use crate::saju::derive::TenGodGroup as G;
    let male = chart.gender() == Some(crate::saju::chart::input::Gender::Male);
    let group = god.group();
    Some(match area {
        TimingTopic::Love => match group {
            G::JaeSeong if male => "남성에게 재성은 이성의 별이라, 만남에 기운이 실리는 날입니다. 나를 보여 주려 애쓰기보다 상대의 이야기를 들어 주면 좋은 인상이 남습니다.",
            G::GwanSeong if !male => "여성에게 관성은 이성의 별이라, 인연의 기운이 들어오는 날입니다. 마음에 드는 사람이면 다음 약속을 먼저 잡아 보셔도 좋습니다.",
            G::SikSang => "표현과 매력이 살아나는 날이라 대화가 잘 풀리기 쉽습니다. 농담의 수위만 한 번 살피세요.",
            G::BiGeop => "나와 같은 기운의 날이라 편하게 어울리기 좋지만, 고집이나 경쟁심이 드러나지 않게 상대의 속도에 맞추세요.",
            G::InSeong => "차분하고 배려 깊게 비치는 날이라 첫인상이 믿음으로 남기 쉽습니다. 먼저 질문을 건네 보세요.",
            G::GwanSeong => "예의와 책임감이 앞서는 날이라 반듯한 인상을 주지만, 긴장을 풀고 편하게 웃는 것이 도움이 됩니다.",
            G::JaeSeong => "현실 감각이 앞서는 날이라 조건을 따지는 말은 아껴 두고 대화 자체를 즐기세요.",
        },
        TimingTopic::Career => match group {
            G::GwanSeong => "책임감과 반듯함이 돋보이는 날이라 면접이나 발표에서 신뢰를 얻기 쉽습니다.",
            G::InSeong => "준비한 내용을 차분히 정리해 풀어내기 좋은 날입니다. 예상 질문의 답을 한 문장씩 정리해 두세요.",
            G::SikSang => "말이 잘 풀리는 날이라 자기 생각을 드러내기 좋습니다. 과장과 말실수만 조심하세요.",
            G::JaeSeong => "결과와 조건을 챙기기 좋은 날이라 처우·숫자 같은 조건을 확인하기 좋습니다.",
            G::BiGeop => "경쟁이 크게 느껴질 수 있는 날이라 남과 비교하기보다 내 페이스를 지키세요.",
        },
        TimingTopic::Study => match group {
            G::InSeong => "배움의 별 인성이 드는 날이라 암기와 정리가 잘 됩니다.",
            G::GwanSeong => "관성이 드는 날이라 시험처럼 규칙이 있는 자리에서 힘을 내기 좋습니다.",
            G::SikSang => "풀이와 서술에 재주가 살아나는 날입니다. 시간 배분만 미리 정해 두세요.",
            G::JaeSeong => "재성이 인성을 누르는 날이라 집중이 흩어지기 쉽습니다. 휴대폰을 멀리 두고 아는 문제부터 푸세요.",
            G::BiGeop => "경쟁심이 커지는 날이라 남의 속도보다 내 계획대로 가는 것이 좋습니다.",
        },
        _ => return None,
    })
}

/// The event named in the question, as the reply names it ("발표", "면접"), or "일".
fn event_word(question: &str) -> &'static str {
    // "병원에서 4월 7일이랑 14일 중에 고르래요": the hospital's date is the operation's.
    if ["시험관", "인공수정", "이식"].iter().any(|w| question.contains(w)) {
        return "시술";
    }
    // ("요양병원 근처로 이사하시는데": the move is the event, the hospital only where to.)
    if ["이사", "이삿날"].iter().any(|w| question.contains(w)) {
        return "이사";
    }
    if ["수술", "병원", "시술"].iter().any(|w| question.contains(w)) {
        return "수술";
    }
    if ["결혼", "예식", "웨딩", "식장"].iter().any(|w| question.contains(w)) {
        return "결혼식";
    }
    ["면접", "발표", "시험", "소개팅", "데이트", "계약", "미팅", "상견례", "고백", "이사", "여행", "입대"]
        .into_iter()
        .find(|w| question.contains(w))
        .unwrap_or("일")
}

/// "이번 주" / "다음 주" in the question: the week's Monday, from `today`.
pub fn week_asked(question: &str, today: (i32, u32, u32)) -> Option<i64> {
    let this = ["이번 주", "이번주", "금주"].iter().any(|w| question.contains(w));
    let next = ["다음 주", "다음주", "담주", "다음 한 주"].iter().any(|w| question.contains(w));
    if !this && !next {
        return None;
    }
    let jdn = jdn_from_civil(today.0, today.1, today.2);
    let weekday = (jdn + 1).rem_euclid(7); // 0 = 일요일
    let monday = jdn - (weekday + 6) % 7;
    // "이번 주" asked on a Sunday means the week ahead: the days of the one ending today are gone.
    let this_is_ahead = this && weekday == 0;
    Some(if next || this_is_ahead { monday + 7 } else { monday })
}

/// "화요일이랑 목요일 중에 어느 날이 더 좋아요?": two days of the week weighed for the event asked about, the
/// better one first, each with its 일진 and reasons.
pub fn two_days(chart: &Chart, question: &str, fallback: TimingTopic, monday: i64) -> Option<Plan> {
    let [a, b] = weekdays_named(question, monday)[..] else { return None };
    Some(weigh_two(chart, question, fallback, a, b))
}

/// A month and day said ("4월 7일"), or a day alone after one ("…이랑 14일").
static DATE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"(?:(\d{1,2})\s?월\s?)?(\d{1,2})\s?일").expect("valid"));

/// A birth told in the same message ("저는 88년 5월 8일 새벽 2시 반", "팔십일년 12월 9일", "아들은 2007년 9월 8일 …
/// 생이에요"): set aside first, the dates weighed are the others.
static BIRTH: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?:\d{2,4}|[일이삼사오육칠팔구십공영천백]{2,6})\s?년(?:생)?\s?(?:음력\s?|양력\s?)?\d{1,2}\s?월\s?\d{1,2}\s?일",
    )
    .expect("valid")
});

/// "병원에서 4월 7일이랑 4월 14일 중에 고르래요": two dates named (the month of the first carried to a second
/// said as a day alone: "4월 7일이랑 14일"), within the next year, in the order said.
pub fn dates_named(question: &str, today: (i32, u32, u32)) -> Vec<i64> {
    // ("내년 2027년 2월 3일이랑 2월 5일": a year from now on is an event's, never a birth's.)
    static YEAR_AHEAD: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(\d{4})\s?년").expect("valid"));
    let question = YEAR_AHEAD.replace_all(question, |c: &regex::Captures| {
        if c[1].parse::<i32>().is_ok_and(|y| y >= today.0) {
            String::new()
        } else {
            c[0].to_string()
        }
    });
    // ("식장 예약 가능한 날이 27년 9월 26일이랑 10월 10일": a two-digit year of the next few years before a month
    // is the event's.)
    static SHORT_YEAR_AHEAD: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(^|[^\d])(\d{2})\s?년(\s?\d{1,2}\s?월)").expect("valid"));
    let question = SHORT_YEAR_AHEAD.replace_all(&question, |c: &regex::Captures| {
        let year = 2000 + c[2].parse::<i32>().unwrap_or(0);
        if (today.0..=today.0 + 5).contains(&year) {
            format!("{}{}", &c[1], &c[3])
        } else {
            c[0].to_string()
        }
    });
    let question = lunar_holidays(&question, today);
    let cleaned = births_set_aside(&question);
    let question = cleaned.replace("내년", "").replace("올해", "").replace("다음 해", "").replace("다음해", "");
    if question.contains('년') || ["생일", "출생"].iter().any(|w| question.contains(w)) {
        return Vec::new();
    }
    let question = question.as_str();
    let now = jdn_from_civil(today.0, today.1, today.2);
    let mut month = None;
    let mut out = Vec::new();
    for c in DATE.captures_iter(question) {
        let Some(d) = c[2].parse::<u32>().ok().filter(|d| (1..=31).contains(d)) else { continue };
        month = c.get(1).and_then(|m| m.as_str().parse::<u32>().ok()).filter(|m| (1..=12).contains(m)).or(month);
        let Some(m) = month else { continue };
        let this = jdn_from_civil(today.0, m, d);
        out.push(if this < now - 1 { jdn_from_civil(today.0 + 1, m, d) } else { this });
    }
    out
}

/// The lunar holidays a day is planned by ("설 다음 날", "설날 당일", "추석 전날"), written as the solar date they
/// fall on next (the coming 설 is the next lunar new year from today). A holiday told as a birth ("59년 추석날에
/// 났어요") has a year before it and is left alone.
fn lunar_holidays(question: &str, today: (i32, u32, u32)) -> String {
    use crate::saju::calendar::korean_lunar::to_solar_from_parts;
    let now = jdn_from_civil(today.0, today.1, today.2);
    let next = |month: u32, day: u32| {
        [today.0, today.0 + 1].iter().find_map(|&y| {
            let (sy, sm, sd) = to_solar_from_parts(y, month, day, false).ok()?;
            (jdn_from_civil(sy, sm, sd) >= now).then_some(jdn_from_civil(sy, sm, sd))
        })
    };
    let mut out = question.to_string();
    for (names, (month, day)) in [(&["설날", "설"][..], (1, 1)), (&["추석"][..], (8, 15))] {
        let Some(base) = next(month, day) else { continue };
        for name in names {
            for (shift, tail) in [(1, " 다음 날"), (1, " 다음날"), (-1, " 전날"), (-1, " 전 날"), (0, " 당일"), (0, "")]
            {
                let phrase = format!("{name}{tail}");
                let Some(at) = out.find(&phrase) else { continue };
                // ("설 전후로", "설명", "설레": not a day; "59년 추석": a birth.)
                let rest = &out[at + phrase.len()..];
                if tail.is_empty()
                    && (*name == "설"
                        || !(rest.starts_with(' ')
                            || rest.starts_with('에')
                            || rest.starts_with('도')
                            || rest.starts_with('은')
                            || rest.starts_with('이')))
                {
                    continue;
                }
                let before: String = out[..at].chars().rev().take(6).collect();
                if before.contains('년') {
                    continue;
                }
                let (_, m, d) = civil_from_jdn(base + shift);
                out.replace_range(at..at + phrase.len(), &format!("{m}월 {d}일"));
            }
        }
    }
    out
}

/// The message with every birth it tells blanked out, so the dates left are events: a whole birth date
/// ("88년 5월 8일"), a month and day with a year shortly before it ("97년 소띠고 2월 4일") or with a birth word
/// shortly after it ("2월 4일 새벽 3시 반에 태어났어요", "작년 6월 10일에 낳았어요"), and a year or a lunar date
/// said alone ("62년 범띠 음력 삼월 열흘" keeps no date for an event).
fn births_set_aside(question: &str) -> String {
    static MONTH_DAY: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\d{1,2}\s?월\s?\d{1,2}\s?일").expect("valid"));
    static YEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:\d{2,4}|[일이삼사오육칠팔구십공영천백]{2,6})\s?년|음력|양력|윤").expect("valid")
    });
    // Days named by their holiday ("크리스마스 이브에 첫 데이트"): the date they fall on.
    let mut named = question.to_string();
    for (word, date) in [
        ("크리스마스 이브", "12월 24일"),
        ("크리스마스이브", "12월 24일"),
        ("성탄절 전날", "12월 24일"),
        ("크리스마스", "12월 25일"),
        ("성탄절", "12월 25일"),
        ("새해 첫날", "1월 1일"),
        ("신정", "1월 1일"),
        ("발렌타인데이", "2월 14일"),
        ("밸런타인데이", "2월 14일"),
        ("화이트데이", "3월 14일"),
        ("빼빼로데이", "11월 11일"),
    ] {
        named = named.replace(word, date);
    }
    let text = BIRTH.replace_all(&named, " ").into_owned();
    let mut out = text.clone();
    for m in MONTH_DAY.find_iter(&text) {
        let before: String = text[..m.start()].chars().rev().take(14).collect::<Vec<_>>().into_iter().rev().collect();
        let after: String = text[m.end()..].chars().take(18).collect();
        let born = ["생이", "생 ", "생,", "생입", "생인", "태어", "출생", "낳"].iter().any(|w| after.contains(w))
            || text[m.end()..].starts_with('생');
        if born || YEAR.is_match(&before) {
            out.replace_range(m.start()..m.end(), &" ".repeat(m.end() - m.start()));
        }
    }
    // A year said as a birth ("62년 범띠", "80년생") is not an event either.
    YEAR.replace_all(&out, " ").into_owned()
}

/// Two days weighed for the event asked about, the better one first, each with its 일진 and reasons; a day
/// that strains the day pillar (충, 형, 원진) counts less.
pub fn weigh_two(chart: &Chart, question: &str, fallback: TimingTopic, a: i64, b: i64) -> Plan {
    weigh_days_for(&[(chart, "")], question, fallback, &[a, b])
}

/// As [`weigh_two`] for the days named (two to four: "1월 7일, 11일, 14일 중에"), for everyone they are for.
pub fn weigh_two_for(people: &[(&Chart, &str)], question: &str, fallback: TimingTopic, a: i64, b: i64) -> Plan {
    weigh_days_for(people, question, fallback, &[a, b])
}

/// The days named weighed for everyone they are for ("와이프랑 이사 날짜", "둘이 같이 여는 가게"): each day scored
/// on every chart and summed, each chart's reason said by its name; the best first, then the rest in order.
pub fn weigh_days_for(people: &[(&Chart, &str)], question: &str, fallback: TimingTopic, days: &[i64]) -> Plan {
    let area = event_area(question, fallback);
    // For an operation a day that clashes with the day pillar is the first thing 택일 avoids: a day without one
    // comes first whatever else the two days bring.
    let medical =
        ["수술", "시술", "치료", "입원", "병원"].iter().any(|w| question.contains(w)) && !question.contains("이사");
    // (So is a wedding: a day that clashes with either spouse's day pillar is the first one 택일 sets aside.)
    let wedding = ["결혼", "예식", "식 날짜", "웨딩", "식장"].iter().any(|w| question.contains(w));
    // (For any other event a strained day still goes behind one without: 택일 avoids it first.)
    let per_strain = if medical || wedding { 10.0 } else { 2.0 };
    let score_one = |chart: &Chart, jdn: i64| {
        let gz = crate::saju::pillars::day_pillar(jdn);
        let (s, mut r) = score_pillar(chart, area, gz, "일");
        let strains = super::timing::strains(chart, gz);
        let s = s - per_strain * strains.len() as f32;
        if let Some(first) = strains.first() {
            r.insert(0, format!("{first} — 몸과 마음이 흔들리기 쉬운 날"));
        }
        (s, r)
    };
    // (For two people, each one's first reason, by name.)
    let score = |jdn: i64| -> (f32, Vec<String>) {
        if let [(chart, _)] = people {
            return score_one(chart, jdn);
        }
        let mut total = 0.0;
        let mut said = Vec::new();
        for (chart, name) in people {
            let (s, r) = score_one(chart, jdn);
            total += s;
            let why = r
                .first()
                .map_or("두드러진 기운이 들지 않는 날".to_string(), |r| super::plans::reason_in_words(r));
            said.push(format!("{name} {why}"));
        }
        (total, vec![said.join("; ")])
    };
    let mut ranked: Vec<(i64, f32, Vec<String>)> = days
        .iter()
        .map(|&d| {
            let (s, r) = score(d);
            (d, s, r)
        })
        .collect();
    // (Alike days keep the order said: a stable sort, best score first.)
    ranked.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
    let word = |jdn: i64| format!("{} {}일", date_words(jdn), crate::saju::pillars::day_pillar(jdn).hangul());
    let both = if people.len() > 1 { "두 분 모두를 놓고 보면 " } else { "" };
    let count = match days.len() {
        2 => "두",
        3 => "세",
        _ => "네",
    };
    let (best, second) = (&ranked[0], &ranked[1]);
    // (Two days alike still get a pick: the one with the better score, else the first said.)
    let head = if (best.1 - second.1).abs() < 0.5 {
        format!(
            "{both}{count} 날은 {}에 큰 차이가 없지만, 굳이 고르면 {}이 조금 낫습니다.",
            event_word(question),
            word(best.0)
        )
    } else if days.len() == 2 {
        format!("{both}두 날 가운데 {}이 {}에 더 낫습니다.", word(best.0), event_word(question))
    } else {
        format!("{both}{count} 날 가운데 {}이 {}에 가장 낫습니다.", word(best.0), event_word(question))
    };
    let why = |reasons: &[String]| match people {
        [_] => reasons
            .first()
            .map_or("두드러진 기운이 들지 않는 날".to_string(), |r| super::plans::reason_in_words(r)),
        _ => reasons.first().cloned().unwrap_or_default(),
    };
    let closing = if medical {
        "- 날의 기운은 작은 차이라, 수술 날짜는 담당 의사와 병원의 사정이 먼저입니다. 고를 수 있다면 참고로만 삼으세요."
    } else if ["면접", "발표", "시험", "미팅"].iter().any(|w| question.contains(w)) {
        "- 날의 기운은 작은 차이라, 가고 싶은 곳의 면접이라면 그 날에 준비를 더 쏟는 편이 낫습니다."
    } else {
        "- 날의 기운은 작은 차이라, 일정과 준비가 더 편한 날이 있다면 그쪽을 먼저 보세요."
    };
    let mut lines: Vec<String> = ranked.iter().map(|(d, _, r)| format!("- {}: {}", word(*d), why(r))).collect();
    lines.push(closing.to_string());
    Plan { head, body: lines.join("\n") }
}

/// "결혼식을 내년 5월 16일로 잡았는데 날짜 괜찮은지": the one day named for a wedding, against every chart it is
/// for (a clash, punishment or 원진 with a day pillar named first; else what the day brings each).
pub fn wedding_day(people: &[(&Chart, &str)], question: &str, today: (i32, u32, u32)) -> Option<Plan> {
    let wedding = ["결혼식", "예식", "식 날짜", "식날", "결혼 날짜", "날 잡", "날짜 괜찮", "날짜는 괜찮", "날짜도"]
        .iter()
        .any(|w| question.contains(w));
    if !wedding {
        return None;
    }
    // (Births told in the message — "88년 11월 20일 … 태어났고" — set aside; the one date with its month left is
    // the day.)
    let cleaned = BIRTH.replace_all(question, " ");
    let days: Vec<(u32, u32)> = DATE
        .captures_iter(&cleaned)
        .filter_map(|c| Some((c.get(1)?.as_str().parse().ok()?, c[2].parse().ok()?)))
        .collect();
    let [(month, day)] = days[..] else { return None };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let now = jdn_from_civil(today.0, today.1, today.2);
    let this = jdn_from_civil(today.0, month, day);
    let jdn =
        if this < now - 1 || question.contains("내년") { jdn_from_civil(today.0 + 1, month, day) } else { this };
    let gz = crate::saju::pillars::day_pillar(jdn);
    let mut strained = Vec::new();
    let mut lines = Vec::new();
    for (chart, name) in people {
        let (_, reasons) = score_pillar(chart, TimingTopic::Love, gz, "일");
        let strains = super::timing::strains(chart, gz);
        let mut line = format!(
            "- {name}: {}",
            reasons.first().map_or("두드러지게 돕거나 막는 기운이 없는 날".to_string(), |r| {
                super::plans::reason_in_words(r)
            })
        );
        if let Some(s) = strains.first() {
            line.push_str(&format!(", 다만 {s}"));
            strained.push(*name);
        }
        lines.push(line);
    }
    let day = format!("{} {}일", date_words(jdn), gz.hangul());
    let head = match strained.as_slice() {
        [] => format!("잡으신 {day}은 두 분 누구의 일주와도 부딪히지 않는 날이라, 결혼식 날로 무난합니다."),
        [one] => {
            format!("잡으신 {day}은 {one}의 일주와 부딪히는 기운이 있는 날이라, 바꿀 수 있다면 다른 날도 함께 보시길 권해요.")
        }
        _ => format!("잡으신 {day}은 두 분 모두의 일주와 부딪히는 기운이 있는 날이라, 바꿀 수 있다면 다른 날도 함께 보시길 권해요."),
    };
    lines.push("- 날짜는 두 분과 가족의 사정, 예식장이 먼저이고, 사주는 고를 수 있을 때의 참고로만 삼으세요.".into());
    Some(Plan { head, body: lines.join("\n") })
}

/// The days of the week starting at `monday` that the question names ("화요일", "금욜"), Monday first.
fn weekdays_named(question: &str, monday: i64) -> Vec<i64> {
    const DAYS: [(&str, &str); 7] = [
        ("월요일", "월욜"),
        ("화요일", "화욜"),
        ("수요일", "수욜"),
        ("목요일", "목욜"),
        ("금요일", "금욜"),
        ("토요일", "토욜"),
        ("일요일", "일욜"),
    ];
    DAYS.iter()
        .enumerate()
        .filter(|(_, (long, short))| question.contains(long) || question.contains(short))
        .map(|(i, _)| monday + i as i64)
        .collect()
}

/// "다음주 수요일", "이번 주 금욜": the day of the week starting at `monday` that the question names.
pub fn weekday_named(question: &str, monday: i64) -> Option<i64> {
    // Two days named ("수요일이나 목요일"): the week answers both (or `two_days` weighs them).
    match weekdays_named(question, monday)[..] {
        [day] => Some(day),
        _ => None,
    }
}

/// "면접이 오후 2시인데 시간도 상관있어요?": the hour pillar of the event's clock on its day (`jdn`), read for the
/// event, and how little an hour weighs against the day. None when the question names no clock or does not ask
/// about the hour.
pub fn event_hour(chart: &Chart, question: &str, fallback: TimingTopic, jdn: i64) -> Option<Plan> {
    static CLOCK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(오전|오후|아침|저녁|낮)?\s?(\d{1,2})\s?시(?:\s?(\d{1,2})\s?분|\s?반)?").expect("valid")
    });
    if !["시간도", "시간은", "시간이", "시각도", "몇 시", "시간대"].iter().any(|w| question.contains(w))
        || event_word(question) == "일"
        || ["태어", "출생", "여자", "남자", "생이"].iter().any(|w| question.contains(w))
    {
        return None;
    }
    let c = CLOCK.captures(question)?;
    let mut hour: u32 = c[2].parse().ok().filter(|h| *h <= 24)?;
    let minute: u32 =
        c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(if c[0].ends_with('반') { 30 } else { 0 });
    let afternoon = matches!(c.get(1).map(|m| m.as_str()), Some("오후" | "저녁" | "낮"));
    // An event's bare "2시" is an afternoon one: nobody has an interview at two in the night.
    if hour < 12 && (afternoon || (1..=6).contains(&hour) && c.get(1).is_none()) {
        hour += 12;
    }
    let day = crate::saju::pillars::day_pillar(jdn);
    let branch = crate::saju::pillars::hour_branch(hour * 60 + minute);
    let gz = crate::saju::pillars::hour_pillar(day.stem(), branch);
    let area = event_area(question, fallback);
    let (_, reasons) = score_pillar(chart, area, gz, "시");
    let strains = super::timing::strains(chart, gz);
    let word = event_word(question);
    let head = format!(
        "{word} 시각 {hour}시 {minute:02}분은 그날({})의 {}시입니다. 다만 시간의 기운은 날의 기운보다 훨씬 작게 봐서, 시각 때문에 걱정하실 일은 아니에요.",
        date_words(jdn),
        gz.hangul()
    );
    let mut lines = Vec::new();
    lines.push(match reasons.first() {
        Some(r) => format!("- {}시: {}", gz.hangul(), super::plans::reason_in_words(r)),
        None => format!("- {}시는 {word}에 두드러지게 돕거나 막는 기운이 없는 시각입니다.", gz.hangul()),
    });
    if let Some(s) = strains.first() {
        lines.push(format!("- {s}이라, 그 시간 전후로 서두르지 말고 여유 있게 움직이세요."));
    }
    lines.push(
        "- 시각보다 컨디션이 결과를 가릅니다. 30분 일찍 도착해 숨을 고르고, 첫 답변을 미리 소리 내어 연습해 두세요."
            .to_string(),
    );
    Some(Plan { head, body: lines.join("\n") })
}

fn date_words(jdn: i64) -> String {
    let (_, m, d) = civil_from_jdn(jdn);
    format!("{m}월 {d}일({})", WEEKDAYS[(jdn + 1).rem_euclid(7) as usize])
}

/// A day's reading in a few words: its two ten gods and the strongest reason.
fn day_line(chart: &Chart, area: TimingTopic, jdn: i64) -> (f32, String) {
    let gz = crate::saju::pillars::day_pillar(jdn);
    let (score, reasons) = score_pillar(chart, area, gz, "일");
    let (sg, bg) = (ten_god(day_master(chart), gz.stem()), branch_ten_god(day_master(chart), gz.branch()));
    let why = match reasons.first() {
        Some(r) => super::plans::reason_in_words(r),
        None => format!("천간 {}·지지 {}의 날", sg.hangul(), bg.hangul()),
    };
    (score, format!("{} {}일 — {why}", date_words(jdn), gz.hangul()))
}

/// "다음 주 발표": the seven days of the week starting at `monday`, the best two and the weakest named.
pub fn week(chart: &Chart, question: &str, area: TimingTopic, monday: i64) -> Plan {
    let area = event_area(question, area);
    let event = event_word(question);
    let days: Vec<(i64, f32, String)> = (monday..monday + 7)
        .map(|j| {
            let (score, line) = day_line(chart, area, j);
            (j, score, line)
        })
        .collect();
    let mut ranked = days.clone();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let (best, worst) = (&ranked[0], &ranked[6]);
    let range = format!("{}~{}", date_words(monday), date_words(monday + 6));
    let head = if best.1 > worst.1 {
        format!(
            "{range} 가운데 {event}에는 {}이 가장 힘이 실리고, {}은 무리하지 않는 편이 좋습니다.",
            date_words(best.0),
            date_words(worst.0)
        )
    } else {
        format!("{range}은 날마다 크게 다르지 않은, 고른 한 주입니다.")
    };
    let mut lines = vec!["두드러지는 날:".to_string()];
    for d in ranked.iter().take(2).filter(|d| d.1 > 0.0) {
        lines.push(format!("- {}", d.2));
    }
    if worst.1 < 0.0 {
        lines.push(format!("- 조심할 날: {}", worst.2));
    }
    if lines.len() == 1 {
        lines.clear();
    }
    lines.push(
        "날짜를 옮길 수 없다면, 일진보다 준비가 결과를 정합니다. 힘이 덜한 날이면 전날 자료를 한 번 더 점검하고 컨디션을 먼저 챙기세요."
            .to_string(),
    );
    Plan { head, body: lines.join("\n") }
}

/// "면접 날짜는 3월 20일 금요일이에요": a month and day named in a follow-up, within the next year.
pub fn day_named(question: &str, today: (i32, u32, u32)) -> Option<i64> {
    static DAY: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(\d{1,2})\s?월\s?(\d{1,2})\s?일").expect("valid"));
    // A birth ("1993년 6월 20일 오후 5시 남자요") is not an event: births are set aside, and a day counts only
    // beside an event word.
    let cleaned = births_set_aside(question);
    let question = cleaned.as_str();
    if ["생일", "출생"].iter().any(|w| question.contains(w)) {
        return None;
    }
    if event_word(question) == "일" && !["날짜", "그날", "당일", "날은"].iter().any(|w| question.contains(w)) {
        return None;
    }
    let c = DAY.captures(question)?;
    let (m, d): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let now = jdn_from_civil(today.0, today.1, today.2);
    let this = jdn_from_civil(today.0, m, d);
    // A date already past this year is next year's.
    Some(if this < now - 1 { jdn_from_civil(today.0 + 1, m, d) } else { this })
}

/// One day read for two people ("3월 20일에 엄마랑 합쳐서 이사하려는데 엄마랑 저 중에 누구 사주에 맞춰야 돼요?"):
/// the day's pillar against each chart, a strain on either one's day pillar named, and — asked whose chart the
/// date should follow — the one the household settles around.
pub fn day_for_two(people: &[(&Chart, &str); 2], question: &str, fallback: TimingTopic, jdn: i64) -> Plan {
    let area = event_area(question, fallback);
    let event = event_word(question);
    let gz = crate::saju::pillars::day_pillar(jdn);
    let mut lines = Vec::new();
    let mut strained = Vec::new();
    for (chart, name) in people {
        let (score, reasons) = score_pillar(chart, area, gz, "일");
        let strains = super::timing::strains(chart, gz);
        let why = match (strains.first(), reasons.first()) {
            (Some(c), _) => format!("{c}이라 부딪힘이 있는 날"),
            (None, Some(r)) => super::plans::reason_in_words(r),
            (None, None) => "두드러진 기운이 들지 않는 날".to_string(),
        };
        let verdict = verdict(score - strains.len() as f32);
        lines.push(format!("- {name}: {}날 — {why}", verdict.strip_suffix('해').unwrap_or(verdict)));
        if !strains.is_empty() {
            strained.push(*name);
        }
    }
    let day = format!("{} {}일", date_words(jdn), gz.hangul());
    let head = match strained.as_slice() {
        [] => format!("{day}은 두 분 모두에게 크게 부딪히는 글자가 없어, {event} 날로 무난합니다."),
        [one] => format!("{day}은 {one}의 원국과 부딪히는 날이라, 가능하면 다른 날을 함께 견주어 보세요."),
        _ => format!("{day}은 두 분 모두의 원국과 부딪히는 날이라, 다른 날을 권합니다."),
    };
    if question.contains("누구") && ["맞춰", "맞추", "기준"].iter().any(|w| question.contains(w)) {
        lines.insert(
            0,
            "- 이사 날짜는 전통적으로 그 집의 중심이 되는 사람(세대주, 또는 모셔 와 함께 사실 어른) 쪽에 맞추고, 다른 한 분에게도 충이 없는 날을 고릅니다.".to_string(),
        );
    }
    lines.push("- 날의 기운은 작은 차이라, 일정과 날씨, 계약 조건이 먼저입니다.".to_string());
    Plan { head, body: lines.join("\n") }
}

/// That day's 일진 for the event.
pub fn day(chart: &Chart, question: &str, area: TimingTopic, jdn: i64) -> Plan {
    let area = event_area(question, area);
    let event = event_word(question);
    let gz = crate::saju::pillars::day_pillar(jdn);
    let (score, reasons) = score_pillar(chart, area, gz, "일");
    let (sg, bg) = (ten_god(day_master(chart), gz.stem()), branch_ten_god(day_master(chart), gz.branch()));
    let day_verdict = verdict(score).strip_suffix('해').unwrap_or(verdict(score));
    let head = format!("{} {}일은 {}에 {day_verdict}날입니다.", date_words(jdn), gz.hangul(), event);
    let mut lines = vec![format!(
        "일진 {} 일간 {}에게 천간 {}·지지 {}의 날입니다.",
        crate::saju::josa::with_particle(&format!("{}({})", gz.hangul(), gz.hanja()), "은", "는"),
        chart.day_master.name,
        sg.hangul(),
        bg.hangul()
    )];
    for r in reasons.iter().take(2) {
        lines.push(format!("- {}", super::plans::reason_in_words(r)));
    }
    lines.push(match (event_line(chart, area, sg), day_tip(event, question)) {
        // An operation, a procedure or a talk over money has its own care, whatever the day's ten god says.
        (_, Some(tip)) => tip.to_string(),
        (Some(line), None) => line.to_string(),
        (None, None) if score >= 0.0 => {
            "준비한 것을 자신 있게 보여 주시면 됩니다. 시작 10분 전 호흡을 고르고, 첫마디를 미리 정해 두면 좋습니다."
                .to_string()
        }
        (None, None) => {
            "기운이 버거운 날일수록 준비가 힘이 됩니다. 예상 질문을 한 번 더 짚고, 전날은 일찍 쉬어 두세요.".to_string()
        }
    });
    Plan { head, body: lines.join("\n") }
}

/// The care a day's event asks whatever its 일진: an operation or a procedure (the medical team's schedule
/// first), a meeting over an inheritance or a contract (papers and a witness), a move, a date.
fn day_tip(event: &str, question: &str) -> Option<&'static str> {
    Some(match event {
        "수술" => "수술 날짜는 의료진의 일정과 몸 상태가 먼저이고, 일진은 참고일 뿐이에요. 전날 푹 쉬고, 보호자와 연락할 방법을 미리 정해 두세요.",
        "시술" => "시술 날짜는 병원의 일정이 먼저이고, 일진은 마음을 다잡는 참고 정도예요. 전후로 무리하지 말고 푹 쉬세요.",
        "이사" => "이삿날은 날씨와 일정, 짐이 먼저예요. 계약서와 잔금 날짜를 한 번 더 확인해 두세요.",
        "소개팅" | "데이트" => "처음 만나는 자리는 말하기보다 들어 주는 쪽이 인상을 남겨요. 편한 장소와 시간을 골라 보세요.",
        _ if ["상속", "협의", "합의", "조정", "소송"].iter().any(|w| question.contains(w)) => {
            "돈과 서류가 걸린 자리라, 감정이 올라와도 말은 짧게 하고, 합의한 내용은 글로 남기세요. 필요하면 변호사나 믿을 만한 제3자와 함께 가세요."
        }
        _ => return None,
    })
}

/// Whether a lunar day is a 손 없는 날: its last digit is 9 or 0 (9·10·19·20·29·30일).
fn son_eobneun_day(lunar_day: u8) -> bool {
    lunar_day % 10 == 9 || lunar_day.is_multiple_of(10)
}

/// "28일이 손 없는 날 맞아요?": yes or no from the day's lunar date, this month's 손 없는 날, and the day's 일진
/// for a move (the folk custom and the chart's reading are two things, said as two).
pub fn son_eobneun(chart: &Chart, question: &str, today: (i32, u32, u32)) -> Option<Plan> {
    if !["손 없는", "손없는"].iter().any(|w| question.contains(w)) {
        return None;
    }
    static DATE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?:(\d{1,2})\s?월\s?)?(\d{1,2})\s?일").expect("valid"));
    let lunar = |jdn: i64| {
        let (y, m, d) = civil_from_jdn(jdn);
        crate::saju::calendar::korean_lunar::from_solar(y, m, d).ok()
    };
    let (year, month, asked) = match DATE.captures(question) {
        Some(c) => {
            let d: u32 = c[2].parse().ok()?;
            let m: u32 = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(today.1);
            // A day of this month already past is next month's.
            let (y, m) = if c.get(1).is_none() && d < today.2 {
                if m == 12 {
                    (today.0 + 1, 1)
                } else {
                    (today.0, m + 1)
                }
            } else {
                (today.0, m)
            };
            (y, m, Some(d))
        }
        // "5월에 이사해도 돼요? 손없는날로": the month named, this year's or, once past, next year's.
        None => {
            static MONTH: std::sync::LazyLock<regex::Regex> =
                std::sync::LazyLock::new(|| regex::Regex::new(r"(\d{1,2})\s?월").expect("valid"));
            match MONTH.captures(question).and_then(|c| c[1].parse::<u32>().ok()).filter(|m| (1..=12).contains(m)) {
                Some(m) if m < today.1 => (today.0 + 1, m, None),
                Some(m) => (today.0, m, None),
                None => (today.0, today.1, None),
            }
        }
    };
    let first = jdn_from_civil(year, month, 1);
    let days_in_month = (jdn_from_civil(if month == 12 { year + 1 } else { year }, month % 12 + 1, 1) - first) as u32;
    let good: Vec<u32> = (1..=days_in_month)
        .filter(|d| lunar(first + i64::from(*d) - 1).is_some_and(|l| son_eobneun_day(l.day)))
        .collect();
    let list = good.iter().map(|d| format!("{d}일")).collect::<Vec<_>>().join("·");
    let custom = "손 없는 날은 음력으로 끝자리가 9와 0인 날(9·10·19·20·29·30일)로, 사람을 해코지하는 손(귀신)이 쉬는 날이라 이사나 혼례에 좋다고 보는 민속입니다. 명리의 일진과는 다른 풍습이에요.";
    let Some(d) = asked.filter(|d| (1..=days_in_month).contains(d)) else {
        return Some(Plan {
            head: format!("{year}년 {month}월의 손 없는 날은 양력 {list}입니다."),
            body: custom.to_string(),
        });
    };
    let jdn = first + i64::from(d) - 1;
    let l = lunar(jdn)?;
    let lunar_text = format!("음력 {}{}월 {}일", if l.leap { "윤" } else { "" }, l.month, l.day);
    let head = if son_eobneun_day(l.day) {
        format!("네, {month}월 {d}일은 {lunar_text}이라 손 없는 날이 맞습니다.")
    } else {
        format!(
            "아니요, {month}월 {d}일은 {lunar_text}이라 손 없는 날이 아닙니다. 그달의 손 없는 날은 양력 {list}입니다."
        )
    };
    let reading = day(chart, "이사", TimingTopic::Move, jdn);
    Some(Plan { head, body: format!("{custom}\n사주로 보면: {}", reading.head) })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_two_digit_coming_year_before_a_planned_date_is_the_events_year() {
        let q = "식장 예약 가능한 날이 27년 9월 26일이랑 10월 10일 두 개밖에 없대요. 어디가 나아요?";
        let days = dates_named(q, (2026, 12, 8));
        assert_eq!(days, vec![jdn_from_civil(2027, 9, 26), jdn_from_civil(2027, 10, 10)]);
        // ("92년 9월 26일" is a birth, not a year ahead.)
        assert!(dates_named("저 92년 9월 26일생이에요", (2026, 12, 8)).is_empty());
        assert_eq!(event_word(q), "결혼식");
    }

    #[test]
    fn a_wedding_day_is_read_against_both_and_a_clash_named() {
        let bride = crate::answer::test_chart("1988-11-20T12:30", "female");
        let groom = crate::answer::test_chart("1985-03-02", "male");
        let q = "결혼식을 내년 5월 16일로 잡았는데 궁합이랑 날짜 괜찮은지 봐주세요! 저 88년 11월 20일 점심때 태어났고";
        let p = wedding_day(&[(&bride, "본인"), (&groom, "남편분")], q, (2026, 12, 7)).expect("a wedding day");
        // 2027-05-16 is 을미일: 자미 원진 with the groom's day branch 자.
        assert!(p.head.starts_with("잡으신 5월 16일(일) 을미일은 남편분의 일주와 부딪히는"), "{}", p.head);
        assert!(p.body.contains("본인:") && p.body.contains("남편분:") && p.body.contains("원진"), "{}", p.body);
        assert!(wedding_day(&[(&bride, "본인")], "5월 16일 운세 어때요?", (2026, 12, 7)).is_none());
    }
    use super::*;
    use crate::answer::test_chart as chart;

    #[test]
    fn a_day_beside_a_birth_is_the_event_and_the_birth_is_not() {
        let today = (2026, 12, 7);
        let q = "97년 소띠고 2월 4일 새벽 3시 반에 태어났어요 남자. 12월 22일에 최종면접인데 그날 괜찮아요?";
        assert_eq!(day_named(q, today).map(civil_from_jdn), Some((2026, 12, 22)));
        let two =
            "엄마가 수술을 받으셔야 하는데 12월 29일이랑 1월 12일 중에 고르래요. 엄마는 62년 범띠 음력 삼월 열흘이고";
        let days: Vec<_> = dates_named(two, today).into_iter().map(civil_from_jdn).collect();
        assert_eq!(days, vec![(2026, 12, 29), (2027, 1, 12)]);
        assert_eq!(
            day_named("크리스마스 이브에 첫 데이트 하는데 그날 어때요?", today).map(civil_from_jdn),
            Some((2026, 12, 24))
        );
        // A birth alone names no event day.
        assert_eq!(day_named("1993년 6월 20일 오후 5시 남자요", today), None);
        assert_eq!(day_named("작년 6월 10일에 낳았어요. 그날 어때요?", today), None);
    }

    #[test]
    fn this_and_next_week_start_on_monday() {
        // 2026-03-15 is a Sunday.
        let sunday = (2026, 3, 15);
        assert_eq!(week_asked("다음 주는 어때요?", sunday).map(civil_from_jdn), Some((2026, 3, 16)));
        // On a Sunday "이번 주" is the week ahead: the days of the one ending today are gone.
        assert_eq!(week_asked("이번주 운세", sunday).map(civil_from_jdn), Some((2026, 3, 16)));
        assert_eq!(week_asked("이번주 운세", (2026, 3, 18)).map(civil_from_jdn), Some((2026, 3, 16)));
        assert_eq!(week_asked("다음 달은요?", sunday), None);
    }

    #[test]
    fn a_weekday_of_the_week_asked_is_that_day() {
        let monday = week_asked("다음주 수요일에 계약하는데", (2026, 3, 15)).unwrap();
        assert_eq!(
            weekday_named("다음주 수요일에 계약하는데 그날 괜찮을까요?", monday).map(civil_from_jdn),
            Some((2026, 3, 18))
        );
        assert_eq!(weekday_named("담주 금욜 면접", monday).map(civil_from_jdn), Some((2026, 3, 20)));
        assert_eq!(weekday_named("다음 주 수요일이나 목요일 중에", monday), None);
        assert_eq!(weekday_named("다음 주는 어때요?", monday), None);
    }

    #[test]
    fn a_week_names_its_best_and_weakest_days() {
        let c = chart("1987-07-07T09:30", "female");
        let monday = week_asked("다음 주에 면접이 있는데", (2026, 3, 15)).unwrap();
        let p = week(&c, "다음 주에 면접이 있는데 괜찮을까요?", TimingTopic::General, monday);
        assert!(p.head.starts_with("3월 16일(월)~3월 22일(일)"), "{}", p.head);
        assert!(p.head.contains("면접"), "{}", p.head);
    }

    #[test]
    fn an_event_day_is_not_a_birth() {
        let today = (2026, 3, 15);
        assert_eq!(day_named("면접 날짜는 3월 20일 금요일이에요", today).map(civil_from_jdn), Some((2026, 3, 20)));
        assert_eq!(day_named("1993년 6월 20일 오후 5시 남자요. 연애운 어때요?", today), None);
        assert_eq!(day_named("아 5월 16일이에요", today), None);
        // A day already past is next year's.
        assert_eq!(day_named("시험 날짜가 1월 10일이에요", today).map(civil_from_jdn), Some((2027, 1, 10)));
    }

    #[test]
    fn a_son_eobneun_day_is_read_from_the_lunar_date() {
        let chart = crate::answer::test_chart("1990-03-11T21:30", "female");
        // 2026-03-28 is 음력 2월 10일: a 손 없는 날. 2026-03-27 (음력 2월 9일) is one too; 03-25 is not.
        let yes = son_eobneun(&chart, "28일이 손 없는 날 맞아요?", (2026, 3, 15)).expect("a plan");
        assert!(yes.head.starts_with("네, 3월 28일은 음력 2월 10일"), "{}", yes.head);
        let no = son_eobneun(&chart, "3월 25일은 손없는 날이에요?", (2026, 3, 15)).expect("a plan");
        assert!(no.head.starts_with("아니요") && no.head.contains("27일·28일"), "{}", no.head);
        assert!(son_eobneun(&chart, "28일에 이사해요", (2026, 3, 15)).is_none());
    }
}
