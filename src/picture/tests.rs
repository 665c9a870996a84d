use super::*;
use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};

fn chart(datetime: &str, seun: Option<std::ops::RangeInclusive<i32>>) -> Chart {
    let request = ChartRequest { datetime: datetime.into(), gender: "female".into(), ..Default::default() };
    let extras = ChartExtras { seun_years: seun, wolun_year: None };
    build_chart(&request.parse().unwrap(), &extras).unwrap()
}

/// Every text node, in order; panics if the document is not well-formed XML.
fn texts(svg: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut out = Vec::new();
    let mut depth = 0i32;
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("not well-formed at {}: {e}", reader.buffer_position())) {
            quick_xml::events::Event::Start(_) => depth += 1,
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Text(t) => out.push(t.unescape().unwrap().into_owned()),
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced elements");
    out
}

#[test]
fn draws_the_pillars_of_the_chart_in_its_cells() {
    let c = chart("1990-05-15T15:30", None);
    let svg = chart_svg(&c, 2025);
    let texts = texts(&svg);
    for p in [&c.pillars.year, &c.pillars.month, &c.pillars.day, c.pillars.hour.as_ref().unwrap()] {
        assert!(texts.iter().any(|t| t == p.stem.hanja), "stem {} of {}", p.stem.hanja, p.hanja);
        assert!(texts.iter().any(|t| t == p.branch.hanja), "branch {} of {}", p.branch.hanja, p.hanja);
        assert!(texts.iter().any(|t| t == p.life_stage.hangul), "12운성 {}", p.life_stage.hangul);
    }
    assert_eq!(c.pillars.day.hanja, "庚辰");
    assert!(texts.iter().any(|t| t == "일간"), "the day stem is labelled 일간");
    assert!(texts
        .iter()
        .any(|t| t.starts_with("양력 1990-05-15 15:30 (Asia/Seoul) · 음력 1990년") && t.ends_with("· 여성")));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("<title id=\"saju-chart-title\">사주 명식"));
    assert!(!svg.contains("style="), "presentation attributes only, so a strict CSP allows it inline");
}

#[test]
fn an_unknown_hour_draws_an_empty_column() {
    let c = chart("1990-05-15", None);
    let texts = texts(&chart_svg(&c, 2025));
    assert_eq!(texts.iter().filter(|t| *t == "모름").count(), 2);
    assert!(texts.iter().any(|t| t.contains("시주 모름")));
}

#[test]
fn highlights_the_running_daeun_and_draws_asked_seun() {
    let c = chart("1990-05-15T15:30", Some(2024..=2026));
    let running = c.daeun.pillars.iter().find(|p| (p.start_year..=p.end_year).contains(&2025)).unwrap();
    let svg = chart_svg(&c, 2025);
    let texts = texts(&svg);
    assert!(texts.contains(&"세운 · 2024–2026년".to_string()));
    for s in c.seun.as_ref().unwrap() {
        assert!(texts.contains(&format!("{}년", s.year)));
    }
    // Exactly two highlight frames: the running 대운 and the current year's 세운.
    assert_eq!(svg.matches(r#"stroke-width="2""#).count(), 2);
    let label = format!("{}세", running.start_age.floor());
    let at = svg.find(&format!(">{label}<")).unwrap();
    assert!(svg[..at].ends_with(r#"font-weight="bold""#), "the running 대운's age label is bold");
    let without_seun = chart_svg(&chart("1990-05-15T15:30", None), 2025);
    assert_eq!(without_seun.matches(r#"stroke-width="2""#).count(), 1);
    assert_eq!(chart_svg(&c, 1800).matches(r#"stroke-width="2""#).count(), 0, "no cycle runs in 1800");
}

#[test]
fn element_bars_follow_the_balance() {
    let c = chart("1990-05-15T15:30", None);
    let texts = texts(&chart_svg(&c, 2025));
    for s in &c.elements.elements {
        assert!(texts.contains(&format!("{}개 · {:.2}", s.plain, s.weighted)), "{:?}", s);
    }
}
