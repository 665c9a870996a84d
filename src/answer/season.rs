//! One stretch of months asked about on its own: "이번 겨울 안에 이직 가능할까요?", "내년 봄에 결혼하면 언제가
//! 좋아요?". A 상담가 answers inside the stretch, month by month, with where each saju month starts (the 절 that
//! opens it: 대설, 소한, 입춘 …), not with the best years of the next decade.

use super::followups::{month_score, Period};
use super::plans::{reason_in_words, Plan};
use super::timing::{area_name, caution_text, MonthScore};
use super::TimingTopic;
use crate::saju::astro::julian::civil_from_jdn;
use crate::saju::calendar::solar_terms::{term_instant, SolarTerm};
use crate::saju::chart::model::Chart;
use crate::saju::josa::{with_particle, with_ro};

/// The day the saju month covering most of calendar month `month` begins: the 절 of that month (소한 in January,
/// 입춘 in February … 대설 in December), as (month, day, term name) on the Korean clock.
fn month_opens(year: i32, month: u32) -> Option<(u32, u32, &'static str)> {
    let term = SolarTerm::new(2 * (month as usize - 1));
    let instant = term_instant(year, term)?;
    let kst_day = (instant + 9 * 3600).div_euclid(86_400) + 2_440_588;
    let (_, m, d) = civil_from_jdn(kst_day);
    Some((m, d, term.hangul()))
}

/// The months of `period` for `area`: the best one first in the headline, then every month in order with the day
/// it begins and what it brings or strains; a stretch that crosses 입춘 says the year's 기운 changes there too.
pub fn plan(chart: &Chart, area: TimingTopic, period: &Period) -> Plan {
    let scored: Vec<(i32, u32, MonthScore)> =
        period.months.iter().map(|&(y, m)| (y, m, month_score(chart, area, y, m))).collect();
    let field = with_ro(area_name(area).trim_end_matches('운').trim());
    let best = scored
        .iter()
        .max_by(|a, b| a.2.recommend_weight().total_cmp(&b.2.recommend_weight()).then(b.1.cmp(&a.1)))
        .expect("a period has months");
    let label = period.label.as_str();
    let head = if scored.len() == 1 {
        format!("{} {field} 보면 {}입니다.", with_particle(label, "은", "는"), best.2.verdict())
    } else if best.2.recommend_weight() <= 0.0 {
        format!(
            "{label}에는 {field} 크게 힘이 실리는 달이 없어, 서두르기보다 준비하는 때로 보입니다. 그중에서는 양력 {}월({}월)이 가장 낫습니다.",
            best.1, best.2.pillar_hangul
        )
    } else {
        format!("{label} 가운데 {field} 보면 양력 {}월({}월)이 가장 낫습니다.", best.1, best.2.pillar_hangul)
    };
    let mut lines = Vec::new();
    // (A half year is six months: the three best and the weakest are said, in order.)
    let mut shown: Vec<&(i32, u32, MonthScore)> = scored.iter().collect();
    if shown.len() > 3 {
        let mut ranked = shown.clone();
        ranked.sort_by(|a, b| b.2.recommend_weight().total_cmp(&a.2.recommend_weight()));
        let worst = ranked.last().copied().filter(|w| w.2.recommend_weight() < 0.0);
        ranked.truncate(3);
        ranked.extend(worst);
        shown.retain(|m| ranked.iter().any(|r| std::ptr::eq(*r, *m)));
    }
    for (y, m, s) in shown {
        let opens = month_opens(*y, *m).map(|(om, od, term)| format!("{om}월 {od}일 {term}부터 ")).unwrap_or_default();
        let helps = s.reasons.iter().find(|r| !r.contains("부담")).map(|r| reason_in_words(r));
        let why = match (helps, s.cautions.first()) {
            (Some(h), Some(c)) => format!("{h}. 다만 {c}"),
            (Some(h), None) => h,
            (None, Some(c)) => format!("{c}이라 부딪힘이 있는 달"),
            (None, None) => "두드러진 기운이 들지 않는 달".to_string(),
        };
        let mark = if std::ptr::eq(s, &best.2) { " ← 가장 나은 달" } else { "" };
        lines.push(format!("- {y}년 {m}월 — {opens}{}월, {}: {why}{mark}", s.pillar_hangul, s.verdict()));
    }
    // (The year's own 기운 turns at 입춘: a stretch across it lives in two saju years.)
    if let (Some(first), Some(last)) = (scored.first(), scored.last()) {
        if first.0 < last.0 && last.1 >= 2 {
            if let Some((om, od, _)) = month_opens(last.0, 2) {
                lines.push(format!(
                    "- {om}월 {od}일 입춘부터는 해의 기운도 {}년 {}년으로 넘어갑니다.",
                    last.0,
                    crate::saju::pillars::year_pillar(last.0).hangul()
                ));
            }
        }
    }
    if let Some(text) = caution_text(&best.2.cautions) {
        lines.push(text);
    }
    lines.push(
        "달의 기운은 그해의 흐름 위에 얹히는 작은 파도라, 실제 일정과 준비가 먼저이고 달은 그 안에서 고르는 기준으로 삼으세요."
            .to_string(),
    );
    Plan { head, body: lines.join("\n") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::followups::periods_named;

    #[test]
    fn a_winter_asked_in_december_is_read_month_by_month_from_its_solar_terms() {
        // 1998-03-04 10:00 male (경술 일주): "이번 겨울 안에 이직" on 2026-12-08.
        let chart = crate::answer::test_chart("1998-03-04T10:00", "male");
        let periods = periods_named("이번 겨울 안에 이직 가능할까요?", 2026, 12);
        assert_eq!(periods.len(), 1);
        assert_eq!(periods[0].months, vec![(2026, 12), (2027, 1), (2027, 2)]);
        let p = plan(&chart, TimingTopic::Career, &periods[0]);
        assert!(p.head.contains("2026년 겨울 가운데") && p.head.contains("가장 낫습니다"), "{}", p.head);
        for opens in ["12월 7일 대설부터 경자월", "1월 5일 소한부터 신축월", "2월 4일 입춘부터 임인월"]
        {
            assert!(p.body.contains(opens), "{opens}: {}", p.body);
        }
        assert!(p.body.contains("입춘부터는 해의 기운도 2027년 정미년으로"), "{}", p.body);
        assert_eq!(p.body.matches("← 가장 나은 달").count(), 1, "{}", p.body);
    }

    #[test]
    fn a_season_already_past_this_year_is_the_coming_one_and_a_half_year_is_cut_to_its_best_months() {
        let summer = periods_named("올 여름에 결혼 가능할까요?", 2026, 12);
        assert_eq!(summer[0].label, "2027년 여름");
        assert_eq!(summer[0].months, vec![(2027, 6), (2027, 7), (2027, 8)]);
        // ("이번 겨울" in January is the winter under way.)
        assert_eq!(periods_named("이번 겨울 안에", 2027, 1)[0].months, vec![(2027, 1), (2027, 2)]);
        let chart = crate::answer::test_chart("1998-03-04T10:00", "male");
        let half = &periods_named("내년 상반기에 옮기면요?", 2026, 12)[0];
        let p = plan(&chart, TimingTopic::Career, half);
        let listed = p.body.lines().filter(|l| l.starts_with("- 2027년")).count();
        assert!((3..=4).contains(&listed), "{}", p.body);
    }
}
