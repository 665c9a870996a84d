//! Plans for the one thing a follow-up asks of the last answer: "지금 대운은 좋은 거예요?", "다음 대운은
//!언제?", "몇 살이요?", "27년이랑 28년 중엔?", "6월은요?", "조심할 건요?", "단점은요?", "위가 안 좋은데
//! 관련 있어요?". Each answers that slot in its headline, from the chart; `compose` decides when one applies.

use super::plans::{
    daeun_age, daeun_at, fit, god_gloss, group_line, group_noun, group_of, practice, reasons_text, Plan, TIMING_YEARS,
};
use super::timing::{area_name, best, score_months, score_years, MonthScore};
use super::topic::TimingTopic;
use crate::saju::chart::model::Chart;
use crate::saju::derive::strength::StrengthVerdict;
use crate::saju::derive::TenGod;
use crate::saju::ganzhi::{Element, GanZhi};
use crate::saju::josa::{with_particle, with_ro};
use regex::Regex;
use std::sync::LazyLock;

/// "27년", "2030년": a year said with 년 (compiled once; read on every answer).
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{2,4})\s*년").expect("a valid pattern"));
/// "930214": a compact birth date.
static SIX_DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{6}").expect("a valid pattern"));
/// "6월", "5월이랑": a month said with 월, not the end of a longer number.
static MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^\d])(\d{1,2})\s*월").expect("a valid pattern"));

/// Years the question names ("27년이랑 28년", "2030년"), read near `this_year` (a year before it to fifteen
/// after), in the order said.
pub fn years_named(question: &str, this_year: i32) -> Vec<i32> {
    let mut years = Vec::new();
    // "올해랑 내년은 어떻습니까?": the two relative years named together.
    let relative = [("올해", 0), ("금년", 0), ("내년", 1), ("내후년", 2)];
    let said: Vec<i32> = relative.iter().filter(|(w, _)| question.contains(w)).map(|(_, k)| this_year + k).collect();
    // "올해 할까요 내년에 할까요", "올해? 아님 내년?": both named in one question is a choice between them.
    if said.len() >= 2 {
        years.extend(said);
    }
    for c in YEAR.captures_iter(question) {
        let digits = &c[1];
        let y: i32 = digits.parse().unwrap_or(0);
        let y = if digits.len() == 2 { 2000 + y } else { y };
        if (this_year - 1..=this_year + 15).contains(&y) && !years.contains(&y) {
            years.push(y);
        }
    }
    years
}

/// Months the question names, as (calendar year, month): "6월", "5월이랑 6월", "이번 달", "다음 달". A month
/// already past this year is the next year's.
pub fn months_named(question: &str, this_year: i32, this_month: u32) -> Vec<(i32, u32)> {
    let mut months = Vec::new();
    let q = question.replace(' ', "");
    if q.contains("이번달") || q.contains("이달") {
        months.push((this_year, this_month));
    }
    if q.contains("다음달") || q.contains("담달") {
        months.push(if this_month == 12 { (this_year + 1, 1) } else { (this_year, this_month + 1) });
    }
    // A message that gives a year gives a birth date, and one that corrects the birth ("윤6월 13일이요",
    // "음력이었어요", "11월이 아니라 10월이에요") speaks of the birth month: neither month is an event's.
    let gives_year = YEAR.is_match(question) || SIX_DIGITS.is_match(question);
    let corrects_birth =
        ["윤", "음력", "양력", "아니라", "잘못", "정정", "태어", "생일"].iter().any(|w| question.contains(w));
    for c in MONTH.captures_iter(question).filter(|_| !gives_year && !corrects_birth) {
        let m: u32 = c[1].parse().unwrap_or(0);
        if (1..=12).contains(&m) {
            let y = if m < this_month { this_year + 1 } else { this_year };
            if !months.contains(&(y, m)) {
                months.push((y, m));
            }
        }
    }
    months
}

/// A stretch of months a question names: "올해 하반기", "내년 봄", "연말".
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub label: String,
    /// (calendar year, month) in order.
    pub months: Vec<(i32, u32)>,
}

/// The stretches of months a question names, in the order said ("올해 하반기가 나을지 내년 봄이 나을지"); a
/// stretch without its own year takes the one said before it, else this year. Months already past are left out.
pub fn periods_named(question: &str, this_year: i32, this_month: u32) -> Vec<Period> {
    static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(올해|금년|내년|내후년|올|(\d{4})\s?년)?\s?(상반기|하반기|봄|여름|가을|겨울|연초|연말|초|말)")
            .expect("valid")
    });
    let mut year = this_year;
    let mut out = Vec::new();
    for c in PERIOD.captures_iter(question) {
        let word = &c[3];
        // "초", "말" alone only right after a year ("내년 초", "올해 말"), not inside other words.
        let next = question[c.get(0).map_or(0, |m| m.end())..].chars().next();
        if matches!(word, "초" | "말") && (c.get(1).is_none() || next.is_some_and(|n| n == '띠' || n == '의')) {
            continue;
        }
        year = match (c.get(1).map(|m| m.as_str()), c.get(2)) {
            (_, Some(y)) => y.as_str().parse().unwrap_or(year),
            (Some("올해" | "금년" | "올"), _) => this_year,
            (Some("내년"), _) => this_year + 1,
            (Some("내후년"), _) => this_year + 2,
            // ("이번 겨울" said in January or February is the winter already under way, begun last December.)
            (None, None) if word == "겨울" && out.is_empty() && this_month <= 2 => this_year - 1,
            _ => year,
        };
        let months: Vec<(i32, u32)> = match word {
            "상반기" => (1..=6).map(|m| (year, m)).collect(),
            "하반기" => (7..=12).map(|m| (year, m)).collect(),
            "봄" => (3..=5).map(|m| (year, m)).collect(),
            "여름" => (6..=8).map(|m| (year, m)).collect(),
            "가을" => (9..=11).map(|m| (year, m)).collect(),
            "겨울" => vec![(year, 12), (year + 1, 1), (year + 1, 2)],
            "연초" | "초" => (1..=3).map(|m| (year, m)).collect(),
            _ => (10..=12).map(|m| (year, m)).collect(),
        };
        let ahead = |&(y, m): &(i32, u32)| y > this_year || (y == this_year && m >= this_month);
        // ("올 여름에 결혼" said in December, with no year of its own: the coming summer.)
        let rolled = c.get(1).is_none_or(|y| y.as_str() == "올") && !months.iter().any(ahead);
        let months: Vec<(i32, u32)> = if rolled {
            year += 1;
            months.into_iter().map(|(y, m)| (y + 1, m)).collect()
        } else {
            months.into_iter().filter(ahead).collect()
        };
        if !months.is_empty() {
            let label = format!("{year}년 {word}");
            out.push(Period { label, months });
        }
    }
    out
}

/// "올해 하반기 vs 내년 봄": the two stretches weighed for `area` by their months (a month straining the day
/// pillar counts less), the better one first with its best month.
pub fn compare_periods(chart: &Chart, area: TimingTopic, a: &Period, b: &Period) -> Plan {
    let scored = |p: &Period| -> (f32, (i32, u32, MonthScore)) {
        let months: Vec<(i32, u32, MonthScore)> =
            p.months.iter().map(|&(y, m)| (y, m, month_score(chart, area, y, m))).collect();
        let weight = |s: &MonthScore| s.score - 0.75 * s.cautions.len() as f32;
        let mean = months.iter().map(|(_, _, s)| weight(s)).sum::<f32>() / months.len() as f32;
        let best = months.into_iter().max_by(|x, y| weight(&x.2).total_cmp(&weight(&y.2))).expect("a month");
        (mean, best)
    };
    let ((ma, ba), (mb, bb)) = (scored(a), scored(b));
    let field = with_ro(area_name(area).trim_end_matches('운').trim());
    let (better, worse, best) = if ma >= mb { (a, b, &ba) } else { (b, a, &bb) };
    let head = if (ma - mb).abs() < 0.3 {
        format!(
            "{field} 보면 {}과 {}은 비슷해, 준비가 된 쪽을 고르시면 됩니다. 굳이 고르면 {}, 그중 양력 {}월({}월)이 좋습니다.",
            a.label, b.label, better.label, best.1, best.2.pillar_hangul
        )
    } else {
        format!(
            "{field} 보면 {}이 {}보다 낫고, 그중 양력 {}월({}월)이 가장 좋습니다.",
            better.label, worse.label, best.1, best.2.pillar_hangul
        )
    };
    let line = |p: &Period, (_, (y, m, s)): &(f32, (i32, u32, MonthScore))| {
        let why = s
            .reasons
            .first()
            .map_or("두드러진 기운이 들지 않는 달".to_string(), |r| super::plans::reason_in_words(r));
        let strain = s.cautions.first().map(|c| format!(" (다만 {c})")).unwrap_or_default();
        format!("- {}: 가장 나은 달은 {y}년 {m}월({}월) — {why}{strain}", p.label, s.pillar_hangul)
    };
    let body = [line(a, &(ma, ba.clone())), line(b, &(mb, bb.clone()))].join("\n");
    Plan { head, body }
}

/// The 월운 of a calendar month: the saju month that covers most of it (인월 from 입춘 is February).
pub fn month_score(chart: &Chart, area: TimingTopic, year: i32, month: u32) -> MonthScore {
    let (saju_year, number) = if month == 1 { (year - 1, 11) } else { (year, (month - 2) as usize) };
    score_months(chart, area, saju_year).swap_remove(number)
}

/// "6월은 어때요?", "5월이랑 6월 중에 언제가 나아요?": each month named, and the better one first when two.
pub fn months_plan(chart: &Chart, area: TimingTopic, months: &[(i32, u32)]) -> Plan {
    let scored: Vec<(i32, u32, MonthScore)> =
        months.iter().take(3).map(|&(y, m)| (y, m, month_score(chart, area, y, m))).collect();
    let name = area_name(area).trim_end_matches('운').trim();
    let head = match scored.as_slice() {
        [(y, m, s)] => {
            format!("{y}년 양력 {m}월({}월)은 {} 보면 {}입니다.", s.pillar_hangul, with_ro(name), s.verdict())
        }
        [a, b, ..] if (a.2.score - b.2.score).abs() < 1.0 => {
            format!("{} 보면 {}월과 {}월은 비슷해, 달보다 준비와 상황이 결과를 가릅니다.", with_ro(name), a.1, b.1)
        }
        [a, b, ..] => {
            let (better, worse) = if a.2.score > b.2.score { (a, b) } else { (b, a) };
            format!("{} 보면 {}월({}월)이 {}월보다 낫습니다.", with_ro(name), better.1, better.2.pillar_hangul, worse.1)
        }
        [] => format!("{name}의 달을 보겠습니다."),
    };
    let lines: Vec<String> = scored
        .iter()
        .map(|(y, m, s)| {
            let why = if s.reasons.is_empty() {
                "두드러진 기운이 들지 않는 달".to_string()
            } else {
                // The same meaning in the stem and the branch is said once.
                let all: Vec<&String> = s.reasons.iter().collect();
                super::plans::merged_reasons(&all, 2).join(", ")
            };
            format!("- {y}년 {m}월 무렵 {}월은 {}: {why}", s.pillar_hangul, s.verdict())
        })
        .collect();
    let mut body = lines.join("\n");
    body.push_str(
        "\n월운은 그해의 흐름 위에 얹히는 작은 파도라, 날짜를 정할 때는 실제 일정과 준비 상태를 먼저 보세요.",
    );
    Plan { head, body }
}

/// "올해 남은 3주 동안 조심해야 할 게 있을까요", "올해 남은 한 달은 어떨까요": the weeks left of the year are
/// this month's (월운): what it brings, the strains it puts on the day and month pillars, what to mind, and
/// when the next month begins.
pub fn rest_of_year(chart: &Chart, year: i32, month: u32) -> Plan {
    let s = month_score(chart, TimingTopic::General, year, month);
    let head =
        format!("올해 남은 기간은 {}월(양력 {month}월)의 흐름 속에 있고, {}입니다.", s.pillar_hangul, s.verdict());
    let mut lines = Vec::new();
    if !s.reasons.is_empty() {
        let all: Vec<&String> = s.reasons.iter().collect();
        let said = super::plans::merged_reasons(&all, 3).join(", ");
        lines.push(format!("- 이 달에는 {} 듭니다.", with_particle(&said, "이", "가")));
    }
    match super::timing::caution_text(&s.cautions) {
        Some(c) => lines.push(format!("- {c}")),
        None => {
            lines.push("- 원국과 크게 부딪히는 글자는 없는 달이라, 하던 일을 차분히 마무리하기 좋습니다.".to_string())
        }
    }
    lines.push(if s.score < 0.0 || !s.cautions.is_empty() {
        "- 연말의 큰 지출이나 계약, 감정이 앞서는 결정은 새해로 넘기고, 잠과 몸을 먼저 챙기세요.".to_string()
    } else {
        "- 미뤄 둔 연락과 정리를 끝내고 새해 계획을 세우기 좋은 때입니다.".to_string()
    });
    if month == 12 {
        lines.push(
            "- 1월 5일 무렵 소한부터는 신축월로 바뀌고, 해의 기운(세운)은 2월 4일 입춘에 넘어갑니다.".to_string(),
        );
    }
    Plan { head, body: lines.join("\n") }
}

/// "지금 몇 번째 대운이야?": the running 대운 counted from the first, with its ages and years.
pub fn daeun_count(chart: &Chart, this_year: i32) -> Option<Plan> {
    let pillars = &chart.daeun.pillars;
    let i = pillars.iter().position(|c| c.start_year <= this_year && this_year <= c.end_year)?;
    let now = &pillars[i];
    let head = format!(
        "지금은 {}번째 대운인 {}대운({}세부터, {}~{}년)입니다.",
        i + 1,
        now.hangul,
        daeun_age(chart, i),
        now.start_year,
        now.end_year
    );
    let body = format!(
        "첫 대운은 {}세({}년)에 {}대운으로 시작해 10년마다 바뀌었습니다. 지금 대운은 {}년까지 이어지고, 남은 기간은 약 {}년입니다.",
        chart.daeun.number,
        pillars[0].start_year,
        pillars[0].hangul,
        now.end_year,
        now.end_year - this_year + 1
    );
    Some(Plan { head, body })
}

/// "지금 대운은 좋은 거예요 나쁜 거예요?": the running 대운, its ten gods and whether it brings the 용신.
pub fn daeun_now(chart: &Chart, this_year: i32) -> Option<Plan> {
    daeun_reading(chart, this_year, this_year)
}

/// "제일 좋은 대운은 언제예요?": the cycles ranked by the 용신 and 기신 their two characters bring (two points for
/// the 용신 in a character, minus one and a half for the 기신), the best ones named with ages and years, whether
/// they are past, running or ahead.
pub fn daeun_best(chart: &Chart, this_year: i32) -> Option<Plan> {
    use crate::saju::ganzhi::GanZhi;
    let (fav, unfav) = (chart.strength.favourable, chart.strength.unfavourable);
    let score = |hangul: &str| -> f32 {
        GanZhi::parse(hangul).map_or(0.0, |gz| {
            [gz.stem().element(), gz.branch().element()]
                .iter()
                .map(|e| {
                    if *e == fav {
                        2.0
                    } else if *e == unfav {
                        -1.5
                    } else {
                        0.0
                    }
                })
                .sum()
        })
    };
    let cycles: Vec<(usize, &crate::saju::chart::model::DaeunPillarView, f32)> =
        chart.daeun.pillars.iter().enumerate().map(|(i, c)| (i, c, score(c.hangul))).collect();
    let top = cycles.iter().map(|c| c.2).fold(f32::MIN, f32::max);
    if cycles.is_empty() || top <= 0.0 {
        return None;
    }
    let best: Vec<&(usize, &crate::saju::chart::model::DaeunPillarView, f32)> =
        cycles.iter().filter(|c| c.2 >= top - 0.5).take(2).collect();
    let when = |c: &crate::saju::chart::model::DaeunPillarView| {
        if c.end_year < this_year {
            "이미 지나온"
        } else if c.start_year <= this_year {
            "지금 지나고 있는"
        } else {
            "앞으로 올"
        }
    };
    let names: Vec<String> = best
        .iter()
        .map(|(i, c, _)| format!("{}세 {}대운({}~{}년)", daeun_age(chart, *i), c.hangul, c.start_year, c.end_year))
        .collect();
    let head = format!("이 사주에 가장 힘이 되는 대운은 {}입니다.", names.join("과 "));
    let mut lines: Vec<String> = best
        .iter()
        .map(|(_, c, _)| {
            format!(
                "- {}대운은 {} 대운으로, {}",
                c.hangul,
                when(c),
                fit(chart, c)
                    .map_or("도움이 되는 기운이 드는 운입니다.".to_string(), |f| format!("{f}입니다."))
            )
        })
        .collect();
    if best.iter().all(|(_, c, _)| c.end_year < this_year) {
        if let Some((i, c, _)) =
            cycles.iter().filter(|(_, c, s)| c.end_year >= this_year && *s > 0.0).max_by(|a, b| a.2.total_cmp(&b.2))
        {
            lines.push(format!(
                "- 앞으로 가운데서는 {}세 {}대운({}~{}년)이 가장 낫습니다.",
                daeun_age(chart, *i),
                c.hangul,
                c.start_year,
                c.end_year
            ));
        }
    }
    lines.push(format!(
        "- 이 사주의 용신은 {}, 기신은 {}입니다. 대운이 좋아도 해마다의 세운에 따라 오르내림은 있습니다.",
        element(fav),
        element(unfav)
    ));
    Some(Plan { head, body: lines.join("\n") })
}

/// "갑자대운은 어때요?": the 대운 named by its pillar, read like the running one.
pub fn daeun_named(chart: &Chart, question: &str, this_year: i32) -> Option<Plan> {
    let c = chart.daeun.pillars.iter().find(|c| {
        question.contains(&format!("{}대운", c.hangul)) || question.contains(&format!("{} 대운", c.hangul))
    })?;
    daeun_reading(chart, c.start_year, this_year)
}

/// The 대운 running in `year`, read on its own ([`daeun_detail`]).
fn daeun_reading(chart: &Chart, year: i32, this_year: i32) -> Option<Plan> {
    let i = chart.daeun.pillars.iter().position(|c| c.start_year <= year && year <= c.end_year)?;
    Some(daeun_detail(chart, i, this_year))
}

/// The 대운 a follow-up is about: one its decade of age names ("50대 대운"), a year inside it ("2035년 대운"),
/// the next ("다음 대운"), the one before ("지난 대운"), else the running one.
pub fn daeun_asked(chart: &Chart, question: &str, this_year: i32) -> Option<usize> {
    let p = &chart.daeun.pillars;
    if p.is_empty() {
        return None;
    }
    let (now, _) = daeun_at(chart, this_year);
    let now_i = now.map_or(0, |n| p.iter().position(|c| c.order == n.order).unwrap_or(0));
    static DECADE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"([1-9])0\s?대").expect("valid"));
    if let Some(c) = DECADE.captures(question) {
        let tens: u32 = c[1].parse().ok()?;
        // The cycle that covers most of that decade: the one running at its middle (age tens·10 + 5).
        let mid = super::timing::birth_year(chart) + (tens * 10 + 5) as i32;
        return p.iter().position(|c| c.start_year <= mid && mid <= c.end_year);
    }
    if let Some((_, year)) = super::wording::four_digit_years(question).next() {
        if let Some(i) = p.iter().position(|c| c.start_year <= year && year <= c.end_year) {
            return Some(i);
        }
    }
    if ["다음 대운", "다음대운", "다음 운", "바뀌는 대운", "새 대운"].iter().any(|w| question.contains(w))
    {
        return Some((now_i + 1).min(p.len() - 1));
    }
    if ["지난 대운", "전 대운", "이전 대운"].iter().any(|w| question.contains(w)) {
        return Some(now_i.saturating_sub(1));
    }
    Some(now_i)
}

/// One 대운 read on its own ("50대 대운 더 자세히요", "다음 대운이 좋다는 게 왜 그런 거예요?"): what its stem and
/// branch bring for this day master, whether it brings the 용신 or the 기신 and so why it is read as good or
/// hard, its strains on the day and month pillars, and the years inside it that stand out.
pub fn daeun_detail(chart: &Chart, i: usize, this_year: i32) -> Plan {
    let c = &chart.daeun.pillars[i];
    let age = daeun_age(chart, i);
    let (fav, unfav) = (chart.strength.favourable, chart.strength.unfavourable);
    let word = |e: crate::saju::ganzhi::Element| format!("{}({})", e.hangul(), e.hanja());
    let gz = GanZhi::parse(c.hangul);
    let els = gz.map(|g| [g.stem().element(), g.branch().element()]).unwrap_or([fav, fav]);
    let (good, hard) = (els.contains(&fav), els.contains(&unfav));
    let when = if c.end_year < this_year {
        "지난"
    } else if c.start_year > this_year {
        "앞으로 올"
    } else {
        "지금의"
    };
    let verdict = match (good, hard) {
        (true, false) => format!("용신 {} 들어와 힘을 내기 좋은 때로 봅니다", with_particle(&word(fav), "이", "가")),
        (true, true) => format!(
            "용신 {}과 기신 {} 함께 들어, 기회와 부담이 엇갈리는 때로 봅니다",
            word(fav),
            with_particle(&word(unfav), "이", "가")
        ),
        (false, true) => {
            format!("기신 {} 들어, 무리를 줄이고 기반을 지킬 때로 봅니다", with_particle(&word(unfav), "이", "가"))
        }
        (false, false) => "용신도 기신도 크게 들지 않아, 원국의 흐름대로 가는 무난한 때로 봅니다".to_string(),
    };
    let head = format!("{when} {}대운({}~{}년, {age}세 무렵부터)은 {verdict}.", c.hangul, c.start_year, c.end_year);
    let gloss = |name: &str| TenGod::from_hangul(name).map_or("", god_gloss);
    let (stem, branch) = gz.map_or(("", ""), |g| (g.stem().hangul(), g.branch().hangul()));
    let mut lines = vec![
        format!(
            "- 앞 5년({}~{}년)은 천간 {stem}({})의 때라 {} 앞에 섭니다.",
            c.start_year,
            c.start_year + 4,
            c.stem_ten_god.hangul,
            with_particle(gloss(c.stem_ten_god.hangul), "이", "가")
        ),
        format!(
            "- 뒤 5년({}~{}년)은 지지 {branch}({})의 때라 {} 깊어집니다.",
            c.start_year + 5,
            c.end_year,
            c.branch_ten_god.hangul,
            with_particle(gloss(c.branch_ten_god.hangul), "이", "가")
        ),
        format!(
            "- 바탕: 일간 {}의 힘이 {}(추정)이라 {} 기운이 힘이 되고, {} 기운은 부담이 되는 사주입니다.",
            chart.day_master.name,
            chart.strength.verdict.hangul(),
            word(fav),
            word(unfav)
        ),
    ];
    if let Some(g) = gz {
        let strains = super::timing::strains(chart, g);
        if !strains.is_empty() {
            lines.push(format!(
                "- 원국과 부딪히는 자리: {}. 이 대운에는 그 자리(가까운 관계, 일터와 집)의 변동을 살피세요.",
                strains.join(", ")
            ));
        }
    }
    let mut years = score_years(
        chart,
        TimingTopic::General,
        c.start_year.max(this_year),
        (c.end_year - c.start_year.max(this_year) + 1).max(0) as u32,
    );
    years.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.year.cmp(&b.year)));
    let top: Vec<String> =
        years.iter().filter(|y| y.score >= 1.0).take(2).map(|y| format!("{}년({})", y.year, y.pillar_hangul)).collect();
    if !top.is_empty() {
        lines.push(format!("- 이 대운 안에서 특히 힘이 실리는 해는 {}입니다.", top.join("과 ")));
    }
    lines.push(if good && !hard {
        "- 이런 대운에는 미뤄 둔 일을 시작하고 자리를 넓혀 보세요. 좋은 운도 준비된 만큼 쓰입니다.".to_string()
    } else if hard && !good {
        "- 이런 대운에는 큰 투자나 확장보다 건강과 관계, 가진 것을 지키는 쪽에 힘을 두면 지나고 나서 남는 것이 많습니다.".to_string()
    } else {
        "- 좋은 해와 조심할 해를 골라, 힘이 실리는 해에 움직이고 부담이 드는 해에는 다지는 식으로 쓰시면 됩니다.".to_string()
    });
    Plan { head, body: lines.join("\n") }
}

/// "그게 무슨 말이에요? 좀 쉽게 설명해 주세요": whether a follow-up asks for the last answer in plain words.
pub fn asks_plain_words(question: &str) -> bool {
    let q: String = question.chars().filter(|c| !c.is_whitespace()).collect();
    // ("요즘 쉽게 지쳐요", "회사 일이 어려워요", "남편이 이해가 안 가요" are about life, not the last answer: the
    // looser words count only in a short message.)
    let strong = [
        "쉽게말",
        "쉽게설명",
        "쉽게풀",
        "쉽게요",
        "쉽게알려",
        "쉽게좀",
        "무슨말",
        "무슨뜻",
        "뭔말",
        "뭔뜻",
        "무슨소리",
        "뭔소리",
        "풀어서",
        "용어가",
        "말이어려",
        "설명이어려",
        "어려운말",
    ];
    let loose = ["못알아", "이해가안", "이해안", "이해를못", "어려워", "어렵네", "어렵다"];
    strong.iter().any(|w| q.contains(w)) || (q.chars().count() <= 12 && loose.iter().any(|w| q.contains(w)))
}

/// The last answer in plain words: each technical word it used (일간, 신약, 용신, 월지, 대운, a ten god, 충 …)
/// said as everyday Korean for this chart, at most five, and the whole in one sentence.
pub fn plain_words(chart: &Chart, last_reply: &str, this_year: i32) -> Option<Plan> {
    let fav = chart.strength.favourable;
    let (_, _, activity) = practice(fav);
    let el = |e: Element| format!("{}({})", e.hangul(), e.hanja());
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut add = |words: &[&str], text: String| {
        if let Some(at) = words.iter().filter_map(|w| last_reply.find(w)).min() {
            found.push((at, text));
        }
    };
    add(
        &["일간"],
        format!("일간은 태어난 날의 글자로 ‘나 자신’을 뜻해요. 이 사주에서는 {}이 나예요.", chart.day_master.name),
    );
    let strength = match chart.strength.verdict {
        StrengthVerdict::VeryWeak | StrengthVerdict::Weak => "신약은 나의 힘이 주변 기운보다 약한 편이라는 뜻이에요. 나쁘다는 말이 아니라, 혼자 다 떠안기보다 사람과 배움의 도움을 받을 때 더 잘 풀린다는 뜻이에요.",
        StrengthVerdict::Balanced => "중화는 나의 힘이 한쪽으로 크게 기울지 않고 균형 잡힌 편이라는 뜻이에요.",
        _ => "신강은 나의 힘이 센 편이라는 뜻이에요. 추진력이 있는 대신 고집이 세질 수 있어, 그 힘을 일과 표현, 베푸는 쪽으로 쓸 때 잘 풀려요.",
    };
    add(&["신약", "신강", "중화"], strength.to_string());
    add(
        &["용신"],
        format!("용신은 이 사주에 가장 필요한 기운이에요. 여기서는 {}이라, {activity}이 힘이 된다고 봐요.", el(fav)),
    );
    add(&["기신"], format!("기신은 반대로 부담이 되는 기운으로, 여기서는 {}이에요.", el(chart.strength.unfavourable)));
    add(&["월지"], "월지는 태어난 달의 글자로, 타고난 환경과 사회생활의 바탕을 보여 줘요.".to_string());
    add(
        &["일지", "배우자 자리"],
        "일지는 태어난 날의 아래 글자로, 배우자의 자리이자 나의 속마음을 보는 곳이에요.".to_string(),
    );
    let (now, _) = daeun_at(chart, this_year);
    add(
        &["대운"],
        match now {
            Some(n) => format!(
                "대운은 10년마다 바뀌는 인생의 큰 계절이에요. 지금은 {}대운({}~{}년)을 지나고 있어요.",
                n.hangul, n.start_year, n.end_year
            ),
            None => "대운은 10년마다 바뀌는 인생의 큰 계절이에요.".to_string(),
        },
    );
    add(&["세운"], "세운은 그해 한 해의 운이에요.".to_string());
    const GROUPS: [(&[&str], &str); 5] = [
        (&["비견", "겁재", "비겁"], "비견·겁재(비겁)는 나와 같은 편, 곧 친구·동료·경쟁자를 뜻해요."),
        (&["식신", "상관", "식상"], "식신·상관(식상)은 내가 밖으로 내놓는 힘, 곧 말과 재주와 표현을 뜻해요."),
        (&["정재", "편재", "재성"], "정재·편재(재성)는 내가 다스려 얻는 것, 곧 돈과 현실 감각을 뜻해요."),
        (&["정관", "편관", "관성"], "정관·편관(관성)은 나를 다잡는 것, 곧 직장과 규칙, 책임을 뜻해요."),
        (&["정인", "편인", "인성"], "정인·편인(인성)은 나를 돕고 채우는 것, 곧 공부와 문서, 어른의 도움을 뜻해요."),
    ];
    for (words, text) in GROUPS {
        add(words, text.to_string());
    }
    add(
        &["충이", "충(", "충 ", "천간충"],
        "충은 두 글자가 정면으로 부딪치는 관계라, 변동이나 마찰이 생기기 쉬운 자리로 봐요.".to_string(),
    );
    add(
        &["육합", "삼합", "반합", "가 합", "이 합", "와 합", "과 합"],
        "합은 두 글자가 서로 끌어당겨 묶이는 관계라, 인연이나 협력으로 봐요.".to_string(),
    );
    add(&["원진"], "원진은 작은 오해와 서운함이 쌓이기 쉬운 관계예요.".to_string());
    add(
        &["형이", "형(", "형살", "삼형"],
        "형은 서로 깎고 다듬는 긴장 관계라, 다툼이나 구설을 조심하라는 뜻으로 봐요.".to_string(),
    );
    if found.is_empty() {
        return None;
    }
    found.sort_by_key(|(at, _)| *at);
    let lines: Vec<String> = found.into_iter().take(5).map(|(_, t)| format!("- {t}")).collect();
    let lean = match chart.strength.verdict {
        StrengthVerdict::VeryWeak | StrengthVerdict::Weak => "나의 힘이 약한 편이라",
        StrengthVerdict::Balanced => "균형이 잡힌 편이고",
        _ => "나의 힘이 센 편이라",
    };
    let summary =
        format!("한마디로, {} 사람이 {lean} {} 기운을 가까이하면 좋다는 뜻이에요.", chart.day_master.name, el(fav));
    Some(Plan {
        head: "어려운 말을 빼고 쉽게 풀어 볼게요.".to_string(),
        body: format!("{}\n{summary}", lines.join("\n")),
    })
}

/// "내년에 대운 바뀌는 해라 힘들 거라던데 그렇소?": whether the 대운 really changes in the year said, and whether
/// the change is a hard one — the coming cycle's 용신 or 기신, the 교운기 as what is true in the worry — then the
/// next cycle as [`daeun_next`] reads it.
pub fn daeun_change_claim(chart: &Chart, this_year: i32, asked_year: i32) -> Option<Plan> {
    let next = daeun_next(chart, this_year)?;
    let (_, coming) = daeun_at(chart, this_year);
    let coming = coming?;
    let fit = super::plans::fit(chart, coming);
    let changes = coming.start_year == asked_year;
    let when = if changes {
        format!("네, {asked_year}년에 {}대운으로 바뀌는 것은 맞아요.", coming.hangul)
    } else {
        format!(
            "아니요, {asked_year}년은 대운이 바뀌는 해가 아니에요. 다음 대운은 {}년에 시작하는 {}대운입니다.",
            coming.start_year, coming.hangul
        )
    };
    let hard = match fit.as_deref() {
        Some(f) if f.starts_with("용신") => format!(
            " 다만 '바뀌니까 힘들다'는 말은 맞지 않아요. 들어오는 {}대운은 {f}이라, 오히려 숨이 트이는 쪽으로 봅니다. 바뀌는 앞뒤 1~2년에 변화가 크게 느껴질 수는 있어요.",
            coming.hangul
        ),
        Some(f) => format!(
            " 들어오는 {}대운은 {f}이라 무리하지 않는 것이 좋지만, 대운이 바뀐다고 곧 힘든 해가 되는 것은 아니에요. 바뀌는 앞뒤 1~2년은 큰 결정을 천천히 하시면 됩니다.",
            coming.hangul
        ),
        None => " 대운이 바뀐다고 곧 힘든 해가 되는 것은 아니에요. 바뀌는 앞뒤 1~2년(교운기)에 변화가 크게 느껴질 수 있을 뿐이에요.".to_string(),
    };
    Some(Plan { head: format!("{when}{hard}"), body: next.body })
}

/// "다음 대운은 언제 바뀌어요?", "다음 대운 들어가면 뭐가 달라져요?": the next 대운, its year and age, and
/// what changes from the running one.
pub fn daeun_next(chart: &Chart, this_year: i32) -> Option<Plan> {
    let (now, next) = daeun_at(chart, this_year);
    let next = next?;
    let index = chart.daeun.pillars.iter().position(|c| c.order == next.order).unwrap_or(0);
    let head = format!(
        "다음 대운은 {}년(만 {}세 무렵)에 시작하는 {}대운입니다.",
        next.start_year,
        daeun_age(chart, index),
        next.hangul
    );
    let mut lines = vec![format!(
        "- {}대운({}~{}년): 천간 {}·지지 {} — {}",
        next.hangul,
        next.start_year,
        next.end_year,
        next.stem_ten_god.hangul,
        next.branch_ten_god.hangul,
        group_of(next.stem_ten_god.hangul).map_or("", group_line)
    )];
    if let Some(f) = fit(chart, next) {
        // "기신 목(木)이 드는 운" as a sentence, with what it asks when it is the 기신.
        let sentence = if f.starts_with("기신") {
            format!("{f}이라 무리하지 않는 것이 좋습니다")
        } else {
            format!("{f}입니다")
        };
        lines.push(format!("- {sentence}."));
    }
    if let (Some(n), Some(a), Some(b)) =
        (now, now.and_then(|n| group_of(n.stem_ten_god.hangul)), group_of(next.stem_ten_god.hangul))
    {
        if a != b {
            lines.push(format!(
                "- 지금 {}대운의 중심이던 {}에서 {} 쪽으로 무게가 옮겨 갑니다.",
                n.hangul,
                group_noun(a),
                group_noun(b)
            ));
        }
    }
    lines.push(
        "- 바뀌는 앞뒤 1~2년(교운기)은 변화가 크게 느껴지기 쉬우니, 큰 결정은 흐름을 보며 차분히 정하세요.".into(),
    );
    Some(Plan { head, body: lines.join("\n") })
}

/// "몇 살에요?": the best years of the area as ages.
pub fn ages(chart: &Chart, area: TimingTopic, this_year: i32) -> Plan {
    let scores = score_years(chart, area, this_year, TIMING_YEARS);
    let top = best(&scores, 2);
    let said: Vec<String> = top.iter().map(|s| format!("만 {}세({}년)", s.age, s.year)).collect();
    let head = format!("나이로는 {} 무렵입니다.", said.join("와 "));
    let lines: Vec<String> = top
        .iter()
        .map(|s| format!("- 만 {}세, {}년 {}: {}", s.age, s.year, s.pillar_hangul, reasons_text(s, 2)))
        .collect();
    Plan { head, body: lines.join("\n") }
}

/// "조심할 건 뭐예요?": the years of the next ten that weigh on the area, the 기신, and one habit.
pub fn cautions(chart: &Chart, area: TimingTopic, this_year: i32) -> Plan {
    let scores = score_years(chart, area, this_year, TIMING_YEARS);
    let mut weak: Vec<_> = scores.iter().filter(|s| s.score < 0.0).collect();
    weak.sort_by(|a, b| a.score.total_cmp(&b.score).then(a.year.cmp(&b.year)));
    weak.truncate(2);
    weak.sort_by_key(|s| s.year);
    let unfav = chart.strength.unfavourable;
    let name = area_name(area).trim_end_matches('운').trim();
    let head = match weak.as_slice() {
        [] => format!(
            "앞으로 10년 가운데 {} 크게 꺼릴 해는 두드러지지 않고, 조심할 것은 기신 {} 기운이 넘칠 때입니다.",
            with_ro(name),
            element(unfav)
        ),
        w => format!(
            "조심할 때는 {}이고, 기신 {} 기운이 강해질 때 무리하지 않는 것이 핵심입니다.",
            w.iter().map(|s| format!("{}년({})", s.year, s.pillar_hangul)).collect::<Vec<_>>().join("과 "),
            element(unfav)
        ),
    };
    let mut lines: Vec<String> =
        weak.iter().map(|s| format!("- {}년 {}: {}", s.year, s.pillar_hangul, reasons_text(s, 2))).collect();
    let habit = match unfav {
        Element::Wood => "일을 한꺼번에 벌이기보다 하나씩 마무리하는 습관",
        Element::Fire => "감정이 달아오를 때 결정을 하루 미루는 습관",
        Element::Earth => "고집을 내려놓고 다른 의견을 한 번 더 듣는 습관",
        Element::Metal => "말을 고르고 관계를 칼같이 끊지 않는 습관",
        Element::Water => "걱정을 혼자 쌓지 말고 말로 꺼내는 습관",
    };
    lines.push(format!(
        "- 기신 {} 드는 해와 달에는 {habit}이 힘이 됩니다.",
        crate::saju::josa::with_particle(&element(unfav), "이", "가")
    ));
    Plan { head, body: lines.join("\n") }
}

/// "단점은요?": the shadow side of the day master and of the chart's strength, with the way through.
/// The strength a day master is known for, in a few words ("속 깊은 배려와 … 집중력").
pub fn strength_of(day_master: &str) -> &'static str {
    match day_master {
        "갑" => "곧게 뻗어 가는 추진력과 책임감",
        "을" => "부드럽게 사람을 잇는 친화력과 끈기",
        "병" => "밝고 시원시원한 표현력과 열정",
        "정" => "속 깊은 배려와 한 가지에 오래 몰입하는 집중력",
        "무" => "믿음직한 무게감과 사람을 품는 포용력",
        "기" => "세심하게 챙기고 길러 내는 성실함",
        "경" => "맺고 끊는 결단력과 의리",
        "신" => "섬세한 안목과 완성도를 끝까지 챙기는 꼼꼼함",
        "임" => "넓은 시야와 어디서든 길을 찾는 적응력",
        _ => "예민한 직관과 깊이 생각하는 힘",
    }
}

/// "장점이랑 단점 하나씩만": one of each, the strength first.
pub fn strengths_and_weaknesses(chart: &Chart) -> Plan {
    let weak = weaknesses(chart);
    let short = weak.head.trim_start_matches("단점으로 드러나기 쉬운 부분은 ").trim_end_matches("입니다.");
    let head = format!("장점은 {}, 단점은 {short}입니다.", strength_of(chart.day_master.hangul));
    Plan { head, body: weak.body }
}

pub fn weaknesses(chart: &Chart) -> Plan {
    let (short, long) = match chart.day_master.hangul {
        "갑" => ("고집", "한번 정한 방향을 잘 굽히지 않아 고집으로 보이기 쉽고, 남에게 도움을 청하는 데 서툽니다."),
        "을" => ("결정을 미루는 것", "주변 분위기에 맞추다 자기 뜻을 뒤로 미루기 쉽고, 결정을 오래 끄는 편입니다."),
        "병" => ("쉽게 식는 열정", "열정이 빨리 타오른 만큼 빨리 식기 쉽고, 말이 앞서 오해를 사기도 합니다."),
        "정" => ("속앓이", "서운한 마음을 말하지 못하고 속으로 태우기 쉬우며, 주변 말에 예민합니다."),
        "무" => (
            "변화에 느린 것",
            "한번 자리 잡은 생각을 잘 바꾸지 않아 답답해 보일 수 있고, 속마음을 잘 드러내지 않습니다.",
        ),
        "기" => ("걱정과 양보", "걱정이 많고 남을 챙기느라 자기 몫을 놓치기 쉽습니다."),
        "경" => ("날카로운 말", "말과 행동이 직설적이라 의도보다 날카롭게 전해지기 쉽습니다."),
        "신" => ("높은 기준", "기준이 높고 예민해 스스로와 남에게 엄격해지기 쉽습니다."),
        "임" => ("흩어지는 관심", "관심이 넓은 만큼 흩어지기 쉽고, 자유를 막는 틀을 견디기 힘들어합니다."),
        _ => ("생각이 많은 것", "생각이 많아 실행이 늦어지고, 걱정을 혼자 쌓아 두기 쉽습니다."),
    };
    let head = format!("단점으로 드러나기 쉬운 부분은 {}입니다.", short);
    let mut lines = vec![format!("- 일간 {}: {long}", chart.day_master.name)];
    let verdict = chart.strength.verdict.hangul();
    match chart.strength.verdict {
        StrengthVerdict::Strong | StrengthVerdict::VeryStrong => lines.push(format!(
            "- 일간의 힘이 강한 편({verdict})이라, 내 방식대로 밀어붙이는 독단이 단점으로 드러나기 쉽습니다."
        )),
        StrengthVerdict::Weak | StrengthVerdict::VeryWeak => {
            lines.push(format!("- 일간의 힘이 약한 편({verdict})이라, 남의 평가에 흔들리고 결정을 미루기 쉽습니다."))
        }
        StrengthVerdict::Balanced => {}
    }
    let (_, _, activity) = practice(chart.strength.favourable);
    lines.push(format!(
        "- 단점은 장점의 그림자라, 용신 {} 쪽의 생활({activity})로 균형을 잡으면 덜 드러난다고 봅니다.",
        element(chart.strength.favourable)
    ));
    Plan { head, body: lines.join("\n") }
}

/// "창업은 어때요?": the money stars (재성) and the talent that earns (식상), the strength to carry them, and
/// the nearest years for business.
pub fn business(chart: &Chart, this_year: i32) -> Plan {
    use crate::saju::derive::TenGodGroup as G;
    let n = |g: G| super::findings::group_count(chart, g);
    let (jae, sik, bi) = (n(G::JaeSeong), n(G::SikSang), n(G::BiGeop));
    let verdict = chart.strength.verdict.hangul();
    let strong = !chart.strength.verdict.is_weak();
    let lean = match (jae + sik > 0, strong) {
        // (Talent without the money star: the earning is there, the keeping is to be learnt.)
        (true, true) if jae == 0 => "재능을 펼치는 식상은 있지만 재물의 별(재성)이 원국에 드러나지 않아, 벌이는 힘보다 돈을 지키고 남기는 구조를 먼저 세워야 장사가 됩니다",
        (true, true) => "사업의 재료(재성·식상)와 그것을 감당할 힘이 함께 있어, 창업을 해 볼 만한 구조입니다",
        (true, false) => "사업의 재료(재성·식상)는 있지만 일간의 힘이 약해, 혼자 크게 벌이기보다 작게 시작하거나 믿을 만한 동업·조직을 끼는 편이 낫습니다",
        (false, true) => "재성·식상이 드러나지 않아, 장사보다는 기술이나 전문성을 파는 방식의 독립이 더 맞습니다",
        (false, false) => "재성·식상이 드러나지 않고 일간의 힘도 약해, 창업은 서두르기보다 조직 안에서 경험을 쌓은 뒤가 안전합니다",
    };
    let head = format!("{lean}.");
    let mut lines = vec![format!(
        "- 재성(재물) {jae}개 · 식상(재능·생산) {sik}개 · 비겁(나와 같은 기운) {bi}개, 일간은 {verdict}(추정)."
    )];
    if bi >= 3 {
        lines.push(
            "- 비겁이 많으면 돈을 나누는 일이 생기기 쉬워, 동업이라면 지분과 역할을 문서로 먼저 정하세요.".into(),
        );
    }
    let scores = score_years(chart, TimingTopic::Career, this_year, TIMING_YEARS);
    let top: Vec<String> = best(&scores, 2).iter().map(|s| format!("{}년({})", s.year, s.pillar_hangul)).collect();
    if !top.is_empty() {
        lines.push(format!("- 시작하기 좋은 때로는 {}이 꼽힙니다.", top.join("과 ")));
    }
    Plan { head, body: lines.join("\n") }
}

/// The words that ask about the partner to come ("상대는", "배우자가", "이상형").
pub const PARTNER_WORDS: &[&str] = &["상대는", "상대가", "배우자는", "배우자가", "남편감", "아내감", "이상형"];

/// The words that ask what kind of person suits ("어떤 여자랑 잘 맞아요?"), not about someone named.
pub const PARTNER_KINDS: &[&str] = &["어떤 사람", "어떤 여자", "어떤 남자", "어떤 스타일", "어떤 타입"];

/// "상대는 어떤 사람이 좋아요?": the spouse star by gender (재성 for a man, 관성 for a woman) and where it
/// sits, the spouse seat (일지), and the element that balances the chart.
/// "반대로 피해야 할 사람은요?": the kinds of partner this chart finds heavy — the 기신's people, the one whose
/// branch clashes with the spouse palace, and what an excess in the chart warns of — said as leanings, not a
/// list of 띠 to shun.
pub fn partner_to_avoid(chart: &Chart) -> Plan {
    use crate::saju::derive::TenGodGroup as G;
    use crate::saju::ganzhi::Branch;
    let unfav = chart.strength.unfavourable;
    let count = |g| super::findings::group_count(chart, g);
    let excess = if count(G::GwanSeong) >= 3 {
        "나를 몰아붙이고 통제하려는 사람, 말로 깎아내리는 사람은 이 사주에 이미 많은 관성(압박)을 더 키워요"
    } else if count(G::BiGeop) >= 3 {
        "돈과 자리를 두고 경쟁하거나 기대기만 하는 사람은 이 사주에 많은 비겁(경쟁)을 더 키워요"
    } else if count(G::JaeSeong) >= 3 {
        "씀씀이가 크고 계산이 앞서는 사람은 이 사주에 많은 재성(돈 걱정)을 더 키워요"
    } else if count(G::SikSang) >= 3 {
        "말이 앞서고 약속을 가볍게 여기는 사람은 이 사주에 많은 식상(표현)을 흩트려요"
    } else {
        "감정 기복이 크고 약속을 가볍게 여기는 사람은 어느 사주에나 부담이에요"
    };
    let head = format!("이 사주로 보면, {excess}.");
    let day = chart.pillars.day.branch.hangul;
    let clash =
        crate::saju::ganzhi::Branch::all().find(|b| b.hangul() == day).map(|b| Branch::new(b.index() as i64 + 6));
    let mut lines = vec![format!(
        "- 기신 {}({}) 기운이 강한 사람(예: 일간이 {}({})인 사람)은 곁에 오래 두면 버겁게 느껴지기 쉽다고 봅니다.",
        unfav.hangul(),
        unfav.hanja(),
        unfav.hangul(),
        unfav.hanja()
    )];
    if let Some(c) = clash {
        lines.push(format!(
            "- 배우자 자리인 일지 {day}와 충이 되는 {}({}) 기운이 강한 사람과는 생활의 리듬이 부딪히기 쉬워요. 다만 띠 하나로 사람을 가르지는 않습니다.",
            c.hangul(),
            c.animal()
        ));
    }
    lines.push("- 글자보다 확실한 기준은, 말과 행동이 일관된지, 다툰 뒤에 먼저 손을 내미는지예요.".to_string());
    Plan { head, body: lines.join("\n") }
}

pub fn partner(chart: &Chart) -> Plan {
    use crate::saju::chart::input::Gender;
    use crate::saju::derive::TenGodGroup as G;
    let female = chart.gender() == Some(Gender::Female);
    let group = if female { G::GwanSeong } else { G::JaeSeong };
    let n = match chart.gender() {
        // Not known: either star counts.
        None => super::findings::group_count(chart, G::GwanSeong).max(super::findings::group_count(chart, G::JaeSeong)),
        Some(_) => super::findings::group_count(chart, group),
    };
    let seat = chart.pillars.day.branch.ten_god.hangul;
    let kind = |god: &str| -> &'static str {
        match god {
            "정재" => "성실하고 살림과 현실 감각이 좋은 사람",
            "편재" => "활동적이고 사교적이며 씀씀이가 시원한 사람",
            "정관" => "반듯하고 책임감이 강해 믿고 기댈 수 있는 사람",
            "편관" => "추진력과 카리스마가 있어 앞에서 끌어 주는 사람",
            "정인" | "편인" => "생각이 깊고 나를 이해하고 보살펴 주는 사람",
            "식신" | "상관" => "다정하고 표현이 풍부해 함께 있으면 즐거운 사람",
            _ => "친구처럼 대등하게 마음을 나누는 사람",
        }
    };
    let star = match chart.gender() {
        None => "배우자의 별(남성은 재성, 여성은 관성)",
        Some(_) if female => "남편의 별 관성",
        Some(_) => "아내의 별 재성",
    };
    let head = format!("잘 맞는 상대는 {}입니다.", kind(seat));
    let mut lines = vec![format!(
        "- 배우자 자리인 일지 {}에 {} 있어, 이런 결의 사람과 편안함을 느낀다고 봅니다.",
        chart.pillars.day.branch.hangul,
        with_particle(seat, "이", "가")
    )];
    lines.push(match n {
        0 => format!(
            "- {} 원국에 드러나지 않아, 인연은 그 별이 들어오는 해에 뚜렷해지는 편입니다.",
            with_particle(star, "이", "가")
        ),
        1 => format!("- {} 하나 있어, 한 사람과 깊게 가는 인연으로 봅니다.", with_particle(star, "이", "가")),
        _ => format!(
            "- {} {n}개로 여럿이라, 인연의 기회가 많은 만큼 고르는 안목이 중요합니다.",
            with_particle(star, "이", "가")
        ),
    });
    let fav = chart.strength.favourable;
    lines.push(format!(
        "- 용신이 {}이라, {} 기운이 강한 사람(예: 일간이 {}인 사람)이 곁에 있으면 균형이 잡힌다고 봅니다.",
        element(fav),
        fav.hangul(),
        element(fav)
    ));
    Plan { head, body: lines.join("\n") }
}

/// "시간 모르면 뭐가 달라져요?": what the missing hour pillar leaves open in this chart.
pub fn unknown_hour(chart: &Chart) -> Option<Plan> {
    if chart.pillars.hour.is_some() {
        return None;
    }
    let head = "태어난 시각을 모르면 여덟 글자 가운데 시주 두 글자가 빠져, 그 두 글자가 맡는 부분이 열려 있게 됩니다."
        .to_string();
    let lines = [
        "- 시주는 자녀와 말년, 일의 결실을 보는 자리라 이 부분은 풀이하지 못합니다.".to_string(),
        format!(
            "- 오행 개수와 신강·신약이 두 글자만큼 달라질 수 있어, 지금의 판단({}, 용신 {})은 여섯 글자로 본 추정입니다.",
            chart.strength.verdict.hangul(),
            element(chart.strength.favourable)
        ),
        "- 년·월·일주와 대운·세운은 시각과 상관없이 그대로입니다. 출생 기록(기본증명서나 산모수첩)에서 시각을 찾으면 더 정확해집니다.".to_string(),
    ];
    Some(Plan { head, body: lines.join("\n") })
}

/// Body parts and the element tradition links them to.
const ORGANS: &[(&str, Element)] = &[
    ("간이", Element::Wood),
    ("간 수치", Element::Wood),
    ("눈이", Element::Wood),
    ("근육", Element::Wood),
    ("심장", Element::Fire),
    ("혈압", Element::Fire),
    ("혈액", Element::Fire),
    ("불면", Element::Fire),
    ("위가", Element::Earth),
    ("위장", Element::Earth),
    ("위염", Element::Earth),
    ("소화", Element::Earth),
    ("속이", Element::Earth),
    ("장이", Element::Earth),
    ("당뇨", Element::Earth),
    ("폐", Element::Metal),
    ("기관지", Element::Metal),
    ("호흡", Element::Metal),
    ("피부", Element::Metal),
    ("대장", Element::Metal),
    ("비염", Element::Metal),
    ("신장", Element::Water),
    ("방광", Element::Water),
    ("허리", Element::Water),
    ("자궁", Element::Water),
];

/// "요즘 위가 안 좋은데 관련 있어요?": the organ's element in tradition and how much of it the chart has.
pub fn organ(chart: &Chart, question: &str) -> Option<Plan> {
    let (word, e) = ORGANS.iter().find(|(w, _)| question.contains(w))?;
    let count = chart.elements.elements.iter().find(|x| x.element == *e).map_or(0, |x| x.plain);
    let most = chart.elements.elements.iter().map(|x| x.plain).max().unwrap_or(0);
    let (lean, why) = if count == 0 {
        (
            "이어 볼 수 있습니다",
            format!("{} 드러나지 않은 사주라, 그 자리를 약한 곳으로 봅니다", with_particle(&element(*e), "이", "가")),
        )
    } else if count >= 3 && count == most {
        (
            "이어 볼 수 있습니다",
            format!(
                "{} {count}개로 가장 많아, 치우친 기운이 그 자리에 부담을 준다고 봅니다",
                with_particle(&element(*e), "이", "가")
            ),
        )
    } else {
        (
            "직접 이어지지는 않습니다",
            format!(
                "{} {count}개로 치우치지 않아, 사주로는 그 자리를 특별히 약하게 보지 않습니다",
                with_particle(&element(*e), "이", "가")
            ),
        )
    };
    let part = word.trim_end_matches(['가', '이']).trim();
    let head = format!(
        "전통 명리에서 {} {} 이어 보는데, 이 사주로는 {lean}.",
        with_particle(part, "은", "는"),
        with_particle(&element(*e), "과", "와")
    );
    let lines = [
        format!("- {why}."),
        "- 다만 지금 불편한 증상은 사주가 아니라 진료로 확인할 일입니다. 증상이 이어지면 꼭 병원에 가 보세요."
            .to_string(),
    ];
    Some(Plan { head, body: lines.join("\n") })
}

fn element(e: Element) -> String {
    format!("{}({})", e.hangul(), e.hanja())
}

/// "왜요?", "근거가 뭐예요?", "어디서 그게 보여요?" after a reply that named no year (a personality, an aptitude,
/// a 궁합, a claim): the facts that reply rested on, said as its grounds, with the seats they sit in — not the
/// strength derivation every chart has. `None` when the reply stated no chart fact.
pub fn grounds_of(chart: &Chart, last_reply: &str) -> Option<Plan> {
    const FACT: &[&str] = &[
        "일지", "월지", "년지", "시지", "일간", "시주", "월주", "일주", "충", "형", "합", "원진", "식상", "재성",
        "관성", "인성", "비겁", "식신", "상관", "편재", "정재", "편관", "정관", "편인", "정인", "비견", "겁재", "개로",
        "없어",
    ];
    // (The reply's verdict, past a "따님의 사주(…)로 볼게요." or a word of care before it.)
    let head_line = last_reply
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.ends_with("볼게요.") && !p.starts_with("원국은"))
        .unwrap_or("");
    let facts: Vec<String> = last_reply
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- "))
        .filter_map(|l| l.split(". ").find(|piece| FACT.iter().any(|w| piece.contains(w))))
        .map(|l| l.trim_end_matches('.').trim().to_string())
        .take(4)
        .collect();
    if facts.is_empty() {
        return None;
    }
    let short: String = head_line.chars().take(40).collect();
    let short = if head_line.chars().count() > 40 { format!("{short}…") } else { short };
    let mut lines: Vec<String> = facts.iter().map(|f| format!("- 근거: {f}.")).collect();
    let p = &chart.pillars;
    let seat = |name: &str, v: &crate::saju::chart::model::PillarView| {
        format!("{name} {}({}·{})", v.hangul, v.stem.ten_god.map_or("일간", |t| t.hangul), v.branch.ten_god.hangul)
    };
    let mut seats = vec![seat("년주", &p.year), seat("월주", &p.month), seat("일주", &p.day)];
    if let Some(h) = &p.hour {
        seats.push(seat("시주", h));
    }
    lines.push(format!("- 자리별로 보면: {}.", seats.join(" · ")));
    Some(Plan {
        head: format!("앞에서 \u{201c}{short}\u{201d}라고 본 근거는 이 사주의 이 자리들이에요."),
        body: lines.join("\n"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_asked_for_the_last_answer_not_for_life() {
        assert!(asks_plain_words("그게 무슨 뜻이에요? 좀 쉽게 말해줘요"));
        assert!(asks_plain_words("좀 쉽게 말해줘요ㅎㅎ"));
        assert!(asks_plain_words("어려워요ㅠ"));
        assert!(!asks_plain_words("요즘 쉽게 지쳐요 왜 그럴까요"));
        assert!(!asks_plain_words("회사 일이 너무 어려워요 이직해야 할까요"));
        assert!(!asks_plain_words("남편이 이해가 안 가요 왜 저러는 걸까요"));
    }
    use crate::answer::test_chart as chart;

    #[test]
    fn years_and_months_are_read_near_now() {
        assert_eq!(years_named("27년이랑 28년중에 고르라면요?", 2026), vec![2027, 2028]);
        assert_eq!(years_named("1990년생인데 2030년은?", 2026), vec![2030]);
        assert_eq!(months_named("5월이랑 6월중에 언제가 나아요", 2026, 3), vec![(2026, 5), (2026, 6)]);
        assert_eq!(months_named("다음달은?", 2026, 12), vec![(2027, 1)]);
        assert_eq!(months_named("이번 달 운세", 2026, 3), vec![(2026, 3)]);
        // A month already past is next year's.
        assert_eq!(months_named("2월엔 어때요", 2026, 3), vec![(2027, 2)]);
    }

    #[test]
    fn each_slot_is_answered_in_the_headline() {
        let c = chart("1988-04-21T10:40", "male");
        let (now, next) = daeun_at(&c, 2026);
        let (now, next) = (now.unwrap(), next.unwrap());
        assert!(daeun_now(&c, 2026).unwrap().head.contains(&format!("{}대운", now.hangul)));
        let n = daeun_next(&c, 2026).unwrap();
        assert!(n.head.contains(&format!("{}년", next.start_year)) && n.head.contains(next.hangul), "{}", n.head);
        assert!(ages(&c, TimingTopic::Love, 2026).head.contains("만 "));
        let m = months_plan(&c, TimingTopic::General, &[(2026, 5), (2026, 6)]);
        assert!(m.head.contains("5월") && m.head.contains("6월"), "{}", m.head);
        assert!(weaknesses(&c).head.starts_with("단점"));
        let o = organ(&c, "요즘 위가 안좋은데 관련있나요").unwrap();
        assert!(o.head.contains("토(土)"), "{}", o.head);
        assert!(organ(&c, "관련 있나요").is_none());
    }
}
