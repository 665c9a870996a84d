//! "제왕절개 날짜를 3월 5일이랑 3월 8일 중에 고르래요, 둘 다 오전 10시고 아들이에요": two days a baby could be
//! born on are two charts, not two days against the mother's chart. Each candidate's chart is built (the date, the
//! hour said, the baby's gender) and the two are weighed by one documented rule: the balance of the chart (the day
//! master's strength near 중화, fewer elements missing), the 용신 present in the chart, and no clash between the
//! baby's day branch and the parent's; the reply names the pick, both charts side by side, and that the medical
//! team's judgement comes first.

use super::plans::Plan;
use crate::saju::astro::julian::civil_from_jdn;
use crate::saju::chart::model::Chart;
use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
use crate::saju::derive::relations::{pair_relations, RelationKind};
use crate::saju::ganzhi::GanZhi;
use regex::Regex;
use std::sync::LazyLock;

/// Whether the question chooses a day for a baby to be born ("제왕절개 날짜", "출산 날짜", "유도분만").
pub fn asks(question: &str) -> bool {
    let birth = ["제왕절개", "출산 날짜", "출산일", "유도분만", "수술 날짜", "낳을 날", "택일"]
        .iter()
        .any(|w| question.contains(w));
    let baby = ["아기", "아들", "딸", "아이", "태어날", "출산", "제왕절개"].iter().any(|w| question.contains(w));
    birth && baby
}

/// The hour the candidates are booked at ("둘 다 오전 10시"): the first clock that is not part of a birth told in
/// the message (a clock within a few words after a year, "90년 9월 27일 아침 7시 20분생", is the parent's).
fn booked_hour(question: &str) -> Option<(u32, u32)> {
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(오전|오후|아침|낮|저녁|밤)?\s?(\d{1,2})\s?시(?:\s?(\d{1,2})\s?분|\s?(반))?").expect("valid")
    });
    let c = CLOCK.captures_iter(question).find(|c| {
        let start = c.get(0).map_or(0, |m| m.start());
        let before: String = question[..start].chars().rev().take(14).collect();
        !before.contains('년')
    })?;
    let mut hour: u32 = c[2].parse().ok()?;
    match c.get(1).map(|m| m.as_str()) {
        Some("오후" | "저녁" | "밤") if hour < 12 => hour += 12,
        Some("낮") if hour < 7 => hour += 12,
        _ => {}
    }
    let minute = c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(if c.get(4).is_some() { 30 } else { 0 });
    (hour < 24 && minute < 60).then_some((hour, minute))
}

fn gender_of(question: &str) -> &'static str {
    if ["아들", "남아", "남자아이"].iter().any(|w| question.contains(w)) {
        "male"
    } else if ["딸", "여아", "여자아이"].iter().any(|w| question.contains(w)) {
        "female"
    } else {
        ""
    }
}

/// The chart of a baby born on day `jdn` at `hour` (Seoul).
fn baby(jdn: i64, hour: Option<(u32, u32)>, gender: &str) -> Option<Chart> {
    let (y, m, d) = civil_from_jdn(jdn);
    let datetime = match hour {
        Some((h, mi)) => format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00"),
        None => format!("{y:04}-{m:02}-{d:02}"),
    };
    let request = ChartRequest { datetime, gender: gender.into(), ..Default::default() };
    build_chart(&request.parse().ok()?, &ChartExtras::default()).ok()
}

/// The rule: balance (strength near 중화, elements missing), the 용신 present, no clash with the parent's day branch.
fn weigh(c: &Chart, parent: Option<&Chart>) -> (f32, Vec<String>) {
    let missing: Vec<&str> = c.elements.elements.iter().filter(|e| e.plain == 0).map(|e| e.element.hangul()).collect();
    let verdict = c.strength.verdict.hangul();
    let balance = match verdict {
        "중화" => 3.0,
        "신강" | "신약" => 1.5,
        _ => 0.0,
    };
    let fav = c.strength.favourable;
    let fav_count = c.elements.elements.iter().find(|e| e.element == fav).map_or(0, |e| e.plain);
    let mut score = balance - missing.len() as f32 + if fav_count > 0 { 1.0 } else { 0.0 };
    let mut why = vec![format!("일간 {}, {verdict}(추정)", c.day_master.name)];
    why.push(if missing.is_empty() {
        "오행이 모두 드러남".to_string()
    } else {
        format!("{} 없음", missing.join("·"))
    });
    why.push(format!("용신 {}({}개)", fav.hangul(), fav_count));
    let Some(parent) = parent else { return (score, why) };
    let (Some(a), Some(b)) = (GanZhi::parse(c.pillars.day.hangul), GanZhi::parse(parent.pillars.day.hangul)) else {
        return (score, why);
    };
    let clash = pair_relations(a, b).iter().any(|r| r.kind == RelationKind::Clash);
    if clash {
        score -= 1.5;
        why.push(format!("부모의 일지 {}와 아기의 일지 {}가 충", b.branch().hangul(), a.branch().hangul()));
    }
    (score, why)
}

/// Two birth days weighed as two charts; `parent`: the chart of the parent asking, when known.
pub fn plan(parent: Option<&Chart>, question: &str, a: i64, b: i64) -> Option<Plan> {
    if !asks(question) {
        return None;
    }
    let hour = booked_hour(question);
    let gender = gender_of(question);
    let (ca, cb) = (baby(a, hour, gender)?, baby(b, hour, gender)?);
    let ((sa, wa), (sb, wb)) = (weigh(&ca, parent), weigh(&cb, parent));
    let name = |jdn: i64, c: &Chart| {
        let (_, m, d) = civil_from_jdn(jdn);
        format!("{m}월 {d}일({}일)", c.pillars.day.hangul)
    };
    let pillars = |c: &Chart| {
        let p = &c.pillars;
        format!(
            "{} {} {} {}",
            p.year.hangul,
            p.month.hangul,
            p.day.hangul,
            p.hour.as_ref().map_or("(시주 없음)", |h| h.hangul)
        )
    };
    let ((win, wc), (lose, lc)) = if sb > sa { ((b, &cb), (a, &ca)) } else { ((a, &ca), (b, &cb)) };
    let head = if (sa - sb).abs() < 0.75 {
        format!(
            "두 날에 태어나는 아기의 사주는 크게 다르지 않지만, 굳이 고르면 {}에 태어나는 사주가 조금 더 고르게 짜입니다.",
            name(win, wc)
        )
    } else {
        format!("두 날 가운데 {}에 태어나는 아기의 사주가 더 고르게 짜입니다.", name(win, wc))
    };
    // ("2월 3일이랑 2월 5일": 입춘 between them changes the year pillar and the 띠 as well.)
    let year_note = (ca.pillars.year.hangul != cb.pillars.year.hangul).then(|| {
        format!(
            "- 두 날 사이에 입춘이 있어 년주도 {}에서 {} 바뀝니다. 띠로 말하면 {}띠와 {}띠예요(사주의 해는 설날이 아니라 입춘에 바뀝니다).",
            ca.pillars.year.hangul,
            crate::saju::josa::with_ro(cb.pillars.year.hangul),
            zodiac(&ca),
            zodiac(&cb)
        )
    });
    let month_note = (ca.pillars.month.hangul != cb.pillars.month.hangul).then(|| {
        format!(
            "- 두 날 사이에 절기가 바뀌어 월주가 {}에서 {} 달라집니다.",
            ca.pillars.month.hangul,
            crate::saju::josa::with_ro(cb.pillars.month.hangul)
        )
    });
    let when = match hour {
        Some((h, m)) if m > 0 => format!("{h}시 {m}분"),
        Some((h, _)) => format!("{h}시"),
        None => "시각 모름".into(),
    };
    let mut lines = vec![
        format!("- {} {when}: {} — {}.", name(a, &ca), pillars(&ca), wa.join(", ")),
        format!("- {} {when}: {} — {}.", name(b, &cb), pillars(&cb), wb.join(", ")),
    ];
    if let Some(parent) = parent {
        let clashed = [&wa, &wb].iter().any(|w| w.iter().any(|l| l.ends_with("충")));
        if !clashed {
            lines.push(format!(
                "- 부모의 일지 {}와 두 날 아기의 일지 모두 충이 없어, 부모와 부딪히는 날은 없습니다.",
                parent.pillars.day.branch.hangul
            ));
        }
    }
    lines.extend(year_note);
    lines.extend(month_note);
    if parent.is_none() {
        lines.push("- 부모님의 생년월일시를 알려 주시면 아기의 일지와 부딪히지 않는지도 함께 볼게요.".into());
    }
    lines.push(format!(
        "- {}에 태어나도 부족한 기운은 이름, 생활 습관과 환경으로 채운다고 봅니다. 어느 쪽도 나쁜 사주는 아니에요.",
        name(lose, lc)
    ));
    lines.push(
        "- 출산 날짜는 산모와 아기의 건강, 의료진의 판단이 먼저입니다. 사주는 고를 수 있을 때의 참고로만 삼으세요."
            .into(),
    );
    Some(Plan { head, body: lines.join("\n") })
}

/// The 띠 of a chart's year branch ("말").
fn zodiac(c: &Chart) -> &'static str {
    GanZhi::parse(c.pillars.year.hangul).map_or("", |g| g.branch().animal())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::saju::astro::julian::jdn_from_civil;

    #[test]
    fn two_birth_days_are_two_charts_weighed() {
        let mother = crate::answer::test_chart("1990-09-27T07:20", "female");
        let q = "3월에 제왕절개 날짜를 받아야 돼요. 병원에서 3월 5일이랑 3월 8일 중에 고르래요 둘 다 오전 10시고 아들이에요";
        assert!(asks(q) && !asks("3월 5일이랑 8일 중에 이사 어디가 나아요?"));
        assert_eq!(booked_hour(q), Some((10, 0)));
        // The parent's own birth told first: its clock is not the booking.
        assert_eq!(
            booked_hour("저는 90년 9월 27일 아침 7시 20분생이고 제왕절개 3월 5일이랑 8일 중에 둘 다 오후 2시예요"),
            Some((14, 0))
        );
        let p = plan(Some(&mother), q, jdn_from_civil(2027, 3, 5), jdn_from_civil(2027, 3, 8)).expect("a plan");
        // 2027-03-05 10:00 is 계미일 in 임인월; 03-08 10:00 is 병술일 in 계묘월 (경칩 on 03-06 between them).
        assert!(p.body.contains("3월 5일(계미일)") && p.body.contains("3월 8일(병술일)"), "{}", p.body);
        assert!(p.body.contains("월주가 임인에서 계묘로"), "{}", p.body);
        assert!(p.head.contains("태어나는 아기의 사주"), "{}", p.head);
        assert!(p.body.contains("의료진의 판단이 먼저"), "{}", p.body);
        // Without the parent's chart, and across 입춘: the 띠 changes with the year pillar.
        let q = "둘째 제왕절개 날짜를 내년 2027년 2월 3일이랑 2월 5일 중에 고르래요. 둘 다 오전 10시이고 아들이에요";
        let p = plan(None, q, jdn_from_civil(2027, 2, 3), jdn_from_civil(2027, 2, 5)).expect("a plan");
        assert!(p.body.contains("년주도 병오에서 정미로") && p.body.contains("말띠와 양띠"), "{}", p.body);
        assert!(p.body.contains("부모님의 생년월일시를 알려 주시면"), "{}", p.body);
    }
}
