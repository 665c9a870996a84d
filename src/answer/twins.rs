//! "쌍둥이인데 첫째 8시 52분, 둘째 9시 7분이에요. 사주 같은 거죠?": twins share the year, month and day
//! pillars; the hour pillar is theirs alone, and differs when a 시진 boundary falls between the two births.
//! Both hour pillars are read off the chart's own clock corrections (summer time, the clock convention), so
//! the second twin's hour follows the same rules as the first's.

use super::plans::Plan;
use crate::saju::chart::model::Chart;
use crate::saju::derive::ten_gods::{branch_ten_god, ten_god};
use crate::saju::ganzhi::GanZhi;
use crate::saju::pillars::{hour_branch, hour_pillar};
use regex::Regex;
use std::sync::LazyLock;

/// A clock said in a message: hour (0–23 once a period is known), minute, and whether a period fixed it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Said {
    hour: u32,
    minute: u32,
    period_known: bool,
}

/// The clocks a message says, in order; a clock without 오전/오후 takes the period of the clock said before it
/// when the two are within three hours of each other ("오전 8시 52분, 둘째 9시 7분").
fn clocks(question: &str) -> Vec<Said> {
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(오전|오후|새벽|아침|낮|저녁|밤)?\s*(\d{1,2})\s*시\s*(?:(\d{1,2})\s*분|(반))?").expect("valid")
    });
    let mut out: Vec<Said> = Vec::new();
    for c in CLOCK.captures_iter(question) {
        let Some(h) = c[2].parse::<u32>().ok().filter(|h| *h <= 24) else { continue };
        let minute = c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(if c.get(4).is_some() { 30 } else { 0 });
        let said = match c.get(1).map(|m| m.as_str()) {
            Some("오후" | "저녁" | "밤") if h < 12 => Said { hour: h + 12, minute, period_known: true },
            Some("낮") if h < 6 => Said { hour: h + 12, minute, period_known: true },
            // ("새벽 12시 55분", "밤 12시 10분": just after midnight.)
            Some("새벽" | "밤") if h == 12 => Said { hour: 0, minute, period_known: true },
            Some(_) => Said { hour: h % 24, minute, period_known: true },
            None if h >= 13 => Said { hour: h % 24, minute, period_known: true },
            None => match out.last() {
                // "밤 11시 52분, 둘째가 12시 7분": the twin born just after midnight.
                Some(prev) if prev.period_known && prev.hour == 23 && h == 12 => {
                    Said { hour: 0, minute, period_known: true }
                }
                // The twin born a few minutes later: the same half of the day.
                Some(prev) if prev.period_known => {
                    let pm = prev.hour >= 12 && h < 12;
                    let hour = if pm { h + 12 } else { h };
                    let gap = (hour as i32 * 60 + minute as i32) - (prev.hour as i32 * 60 + prev.minute as i32);
                    Said { hour, minute, period_known: gap.abs() <= 180 }
                }
                _ => Said { hour: h, minute, period_known: false },
            },
        };
        out.push(said);
    }
    out
}

/// The birth's civil date (year, month, day).
fn birth_date(chart: &Chart) -> Option<(i32, u32, u32)> {
    let date = chart.birth.local.get(..10)?;
    Some((date.get(..4)?.parse().ok()?, date.get(5..7)?.parse().ok()?, date.get(8..10)?.parse().ok()?))
}

/// The day pillar of the civil day after the birth's.
fn next_day_pillar(chart: &Chart) -> Option<GanZhi> {
    let (y, m, d) = birth_date(chart)?;
    Some(crate::saju::pillars::day_pillar(crate::saju::astro::julian::jdn_from_civil(y, m, d) + 1))
}

/// Twins on either side of midnight ("첫째가 밤 11시 52분, 둘째가 12시 7분"): two calendar days. With 야자시
/// (the 자시 split at midnight, the chart's default) the first keeps its day and the second has the next day's
/// pillar and day master — two different charts; with 정자시 (the day turning at 23:00) both are the next day's.
fn midnight(chart: &Chart, first: &Said, second: &Said, follow_up: Option<&str>) -> Option<Plan> {
    let (_, m, d) = birth_date(chart)?;
    let next = next_day_pillar(chart)?;
    let next_hour = hour_pillar(next.stem(), hour_branch(second.hour * 60 + second.minute));
    let first_hour = chart.pillars.hour.as_ref()?.hangul;
    // "둘 중에 누가 공부 쪽이에요?": each twin's own chart — the shared year and month read from each day master.
    if let Some(question) = follow_up {
        use crate::saju::derive::TenGodGroup as G;
        let gz = |p: &crate::saju::chart::model::PillarView| GanZhi::parse(p.hangul);
        let (year, month) = (gz(&chart.pillars.year)?, gz(&chart.pillars.month)?);
        let hour1 = gz(chart.pillars.hour.as_ref()?)?;
        let day1 = gz(&chart.pillars.day)?;
        let groups = |stem: crate::saju::ganzhi::Stem, day_branch: crate::saju::ganzhi::Branch, hour: GanZhi| {
            let mut g = vec![
                ten_god(stem, year.stem()).group(),
                ten_god(stem, month.stem()).group(),
                ten_god(stem, hour.stem()).group(),
            ];
            for b in [year.branch(), month.branch(), day_branch, hour.branch()] {
                g.push(branch_ten_god(stem, b).group());
            }
            g
        };
        let g1 = groups(day1.stem(), day1.branch(), hour1);
        let g2 = groups(next.stem(), next.branch(), next_hour);
        let count = |g: &[G], want: &[G]| g.iter().filter(|x| want.contains(x)).count();
        let study = ["공부", "성적", "시험", "학업", "머리", "학원"].iter().any(|w| question.contains(w));
        let (want, what): (&[G], &str) = if study {
            (&[G::InSeong, G::GwanSeong], "배움의 별 인성과 규칙의 별 관성")
        } else {
            (&[G::SikSang, G::BiGeop], "표현의 식상과 자기 주장의 비겁")
        };
        let (c1, c2) = (count(&g1, want), count(&g2, want));
        let head = match (study, c1.cmp(&c2)) {
            (true, std::cmp::Ordering::Greater) => "공부의 결로는 첫째가 차분히 쌓는 쪽에 더 강합니다.".to_string(),
            (true, std::cmp::Ordering::Less) => "공부의 결로는 둘째가 차분히 쌓는 쪽에 더 강합니다.".to_string(),
            (true, _) => "공부의 결로는 두 아이가 비슷해, 방식의 차이로 보시면 됩니다.".to_string(),
            (false, _) => "두 아이는 일간부터 달라, 성격의 결도 다르게 읽힙니다.".to_string(),
        };
        let body = format!(
            "- 첫째(일간 {}): {what}이 {c1}개.\n- 둘째(일간 {}): {what}이 {c2}개.\n- {}",
            day1.stem().hangul(),
            next.stem().hangul(),
            if study {
                "학원을 고를 때는 이 결을 참고로, 별이 많은 아이는 정해진 시간표와 복습을, 적은 아이는 직접 해 보고 질문하는 수업을 권해요. 지금 성적과 아이가 좋아하는 과목이 먼저입니다."
            } else {
                "같은 날 태어난 쌍둥이라도 자정을 넘기면 중심 기운이 달라, 다르게 자라는 것이 자연스럽습니다."
            }
        );
        return Some(Plan { head, body });
    }
    let split = chart.input.zi_hour == "split";
    let clock = |s: &Said| format!("{}시 {}분", if s.hour == 0 { 0 } else { s.hour }, s.minute);
    let head = if split {
        format!(
            "네, 두 아이는 자정을 사이에 두고 태어나 날짜가 달라서, 일주부터 갈리는 서로 다른 사주입니다. 첫째는 {}일 {}시, 둘째는 {}일 {}시예요.",
            chart.pillars.day.hangul,
            first_hour,
            next.hangul(),
            next_hour.hangul()
        )
    } else {
        format!(
            "정자시(자시를 하루의 시작으로 보는 방식)로 보면 두 아이 모두 {}일 {}시로 같은 사주입니다.",
            next.hangul(),
            next_hour.hangul()
        )
    };
    let body = format!(
        "- 첫째 {m}월 {d}일 밤 {}: 일간 {}.\n- 둘째 다음 날 {}: 일간 {}, 하루의 기둥이 바뀌어 타고난 중심 기운부터 다릅니다.\n- 다만 한국 만세력 가운데 정자시(밤 11시에 날이 바뀐다고 보는 방식)를 쓰는 곳에서는 두 아이 모두 {}일 {}시로 같게 나옵니다. 어느 쪽이든 성격 차이는 사주만이 아니라 자라는 환경과 첫째·둘째의 자리에서도 옵니다.",
        clock(first),
        chart.pillars.day.hangul.chars().next().map(String::from).unwrap_or_default(),
        clock(second).replacen("0시", "0시(자정 넘어)", 1),
        next.stem().hangul(),
        next.hangul(),
        next_hour.hangul()
    );
    Some(Plan { head, body })
}

/// Minutes of the day of a clock string `YYYY-MM-DDTHH:MM…`.
fn minutes_of(clock: &str) -> Option<i32> {
    let h: i32 = clock.get(11..13)?.parse().ok()?;
    let m: i32 = clock.get(14..16)?.parse().ok()?;
    Some(h * 60 + m)
}

/// The answer for twins, or None when the question is not about twins with two clocks. A later question
/// about the two ("둘이 성격이 달라요", "공부는 누가 더 잘할까요") is read against the clocks told before.
pub fn plan(chart: &Chart, question: &str, history: &[super::HistoryTurn]) -> Option<Plan> {
    let told = if question.contains("쌍둥이") {
        question.to_string()
    } else if ["첫째", "둘째", "둘이", "누가", "둘 중", "두 아이", "애들"].iter().any(|w| question.contains(w))
    {
        history
            .iter()
            .rev()
            .find(|t| t.speaker == super::Speaker::User && t.text.contains("쌍둥이") && clocks(&t.text).len() >= 2)?
            .text
            .clone()
    } else {
        return None;
    };
    let follow_up = !question.contains("쌍둥이");
    // "둘째가 자주 아파요, 건강 괜찮아요?": a health question is the health plan's, not the twins' comparison.
    if follow_up && ["건강", "아파", "아프", "아픈", "병원", "다쳐", "다칠"].iter().any(|w| question.contains(w))
    {
        return None;
    }
    // Twins without a known hour share every pillar the chart has.
    chart.pillars.hour.as_ref()?;
    let said = clocks(&told);
    let [first, second, ..] = said.as_slice() else { return None };
    if !first.period_known || !second.period_known {
        return None;
    }
    if first.hour == 23 && second.hour == 0 {
        return midnight(chart, first, second, follow_up.then_some(question));
    }
    // The chart's own correction (summer time, the clock convention) applies to both births.
    let shift = minutes_of(&chart.birth.corrected_clock)? - minutes_of(&chart.birth.local)?;
    let day_stem = super::fortune::day_master(chart);
    // With 야자시 (the chart's default) a birth in 23:00–24:00 keeps its day, and its hour pillar is the next
    // day's 자시 (시두법 from the next day's stem).
    let next_day_stem = next_day_pillar(chart)?.stem();
    let split = chart.input.zi_hour == "split";
    let pillar_at = |s: &Said| -> GanZhi {
        let m = (s.hour as i32 * 60 + s.minute as i32 + shift).rem_euclid(24 * 60) as u32;
        let stem = if split && m >= 23 * 60 { next_day_stem } else { day_stem };
        hour_pillar(stem, hour_branch(m))
    };
    let (a, b) = (pillar_at(first), pillar_at(second));
    let shared =
        format!("{}년 {}월 {}일", chart.pillars.year.hangul, chart.pillars.month.hangul, chart.pillars.day.hangul);
    let gods = |g: GanZhi| {
        format!("{}·{}", ten_god(day_stem, g.stem()).hangul(), branch_ten_god(day_stem, g.branch()).hangul())
    };
    let clock = |s: &Said| format!("{}:{:02}", s.hour, s.minute);
    if a == b {
        return Some(Plan {
            head: format!(
                "두 아이는 {shared}에 시주까지 {}시로 같아, 여덟 글자가 모두 같은 사주입니다.",
                a.hangul()
            ),
            body: "같은 사주라도 타고난 기질이 그대로 드러나는 것은 아니라, 자라는 환경과 형제 사이의 역할(첫째와 둘째)이 차이를 만든다고 봅니다. 명리에서도 쌍둥이는 먼저 난 아이를 형, 뒤에 난 아이를 아우의 자리로 따로 읽기도 합니다.".to_string(),
        });
    }
    let head = format!("두 아이는 {shared}까지 같고, 시주가 첫째 {}시, 둘째 {}시로 갈립니다.", a.hangul(), b.hangul());
    // The two read by their stems' groups, or by their branches' when the stems fall in one group.
    let stem_group = |g: GanZhi| ten_god(day_stem, g.stem()).group();
    let branch_group = |g: GanZhi| branch_ten_god(day_stem, g.branch()).group();
    let by_branch = stem_group(a) == stem_group(b);
    let (ga, gb) = if by_branch { (branch_group(a), branch_group(b)) } else { (stem_group(a), stem_group(b)) };
    let seat =
        |g: GanZhi| if by_branch { branch_ten_god(day_stem, g.branch()) } else { ten_god(day_stem, g.stem()) }.hangul();
    let where_ = if by_branch { "지지" } else { "천간" };
    if follow_up {
        // "첫째는 고집 세고 둘째는 느긋한데 사주로도 그래요?", "공부는 누가 더 잘할까요?": the two hour pillars
        // side by side.
        use crate::saju::derive::TenGodGroup as G;
        let study = ["공부", "성적", "시험", "학업", "머리"].iter().any(|w| question.contains(w));
        let study_line = |g: G| match g {
            G::BiGeop => "친구와 겨루며 힘을 내는 타입이라, 함께 공부하는 자리가 잘 맞습니다",
            G::SikSang => "궁금한 것을 스스로 풀어 보며 익히는 타입이라, 질문하고 만들어 보는 공부가 잘 맞습니다",
            G::JaeSeong => "결과가 눈에 보일 때 힘을 내는 타입이라, 작은 목표와 보상이 잘 맞습니다",
            G::GwanSeong => "규칙과 계획 안에서 꾸준히 하는 타입이라, 정해진 시간표가 잘 맞습니다",
            G::InSeong => "읽고 정리하며 차분히 쌓는 타입이라, 혼자 복습하는 시간이 잘 맞습니다",
        };
        let line = |g: G| if study { study_line(g) } else { super::plans::trait_of(g) };
        let mut lines = vec![
            format!("- 첫째 {}시(시주 {where_} {}): {}.", a.hangul(), seat(a), line(ga)),
            format!("- 둘째 {}시(시주 {where_} {}): {}.", b.hangul(), seat(b), line(gb)),
        ];
        let head = if study {
            let learns = |g: G| matches!(g, G::InSeong | G::GwanSeong);
            match (learns(ga), learns(gb)) {
                (true, false) => {
                    "공부의 결로는 시주에 인성·관성이 있는 첫째가 차분히 쌓는 쪽에 더 강합니다.".to_string()
                }
                (false, true) => {
                    "공부의 결로는 시주에 인성·관성이 있는 둘째가 차분히 쌓는 쪽에 더 강합니다.".to_string()
                }
                _ => "두 아이는 누가 더 잘한다기보다 공부하는 방식이 다릅니다.".to_string(),
            }
        } else {
            format!("네, 두 아이의 차이는 시주에서 나옵니다. 첫째는 {}시, 둘째는 {}시입니다.", a.hangul(), b.hangul())
        };
        lines.push(if study {
            "- 같은 학년이라도 맞는 방식이 달라, 한 아이의 방법을 다른 아이에게 그대로 권하지 않는 것이 좋습니다.".to_string()
        } else {
            "- 같은 날 태어나도, 시주와 자라며 맡는 역할이 기질을 다르게 만듭니다. 비교보다 각자에게 맞는 방식을 찾아 주세요.".to_string()
        });
        return Some(Plan { head, body: lines.join("\n") });
    }
    let lines = [
        format!(
            "- 첫째({}): {}시({}) — 시주의 십신 {}.",
            clock(first),
            a.hangul(),
            a.hanja(),
            gods(a)
        ),
        format!(
            "- 둘째({}): {}시({}) — 시주의 십신 {}.",
            clock(second),
            b.hangul(),
            b.hanja(),
            gods(b)
        ),
        "- 시주는 타고난 기질 가운데 속마음과 말년, 자녀의 자리를 맡아, 같은 날 태어나도 성향과 관심이 다르게 드러난다고 봅니다.".to_string(),
        "- 시진 경계 가까이 태어나면 경도 보정이나 기록된 시각 몇 분에 시주가 바뀔 수 있으니, 출생 기록의 시각을 한 번 확인해 보세요.".to_string(),
    ];
    Some(Plan { head, body: lines.join("\n") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::test_chart as chart;

    #[test]
    fn a_clock_without_a_period_takes_the_one_before_it() {
        let c = clocks("첫째 2015년 5월 3일 오전 8시 52분, 둘째 9시 7분이에요");
        assert_eq!(c.len(), 2);
        assert_eq!((c[1].hour, c[1].minute, c[1].period_known), (9, 7, true));
        let pm = clocks("오후 11시 50분에 첫째, 둘째는 12시 5분");
        assert_eq!(pm[0].hour, 23);
    }

    #[test]
    fn twins_either_side_of_a_boundary_get_two_hour_pillars() {
        let c = chart("2015-05-03T09:07", "male");
        let asked = "쌍둥이 아들인데요 첫째 오전 8시 52분, 둘째 9시 7분이에요. 사주 같은 거죠?";
        let p = plan(&c, asked, &[]).expect("twins");
        assert!(p.head.contains("시주가 첫째") && p.head.contains("진시") && p.head.contains("사시"), "{}", p.head);
        assert!(plan(&c, "오전 9시 7분생 남자예요", &[]).is_none());
        let history = [crate::answer::HistoryTurn { speaker: crate::answer::Speaker::User, text: asked.to_string() }];
        let later = plan(&c, "공부는 누가 더 잘할까요", &history).expect("the two, later");
        assert!(later.body.contains("첫째") && later.body.contains("둘째"), "{}", later.body);
    }
}
