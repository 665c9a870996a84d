//! The grounding rule on real charts.

use crate::{chart, ctx, plain_chart};
use saju::answer::grounding::{allowed_pillars, check, Violation};
use saju::saju::ganzhi::GanZhi;

#[test]
fn the_charts_own_pillars_pass_and_invented_ones_fail() {
    let c = plain_chart();
    let (day, daeun) = (c.pillars.day.hangul, c.daeun.pillars[2].hangul);
    let cx = ctx("성격이 궁금해요", Some(c));
    assert_eq!(
        check(&cx, &format!("{day}일주는 갑자기 찾아오는 변화에도 침착합니다. {daeun} 대운에는 힘이 붙습니다.")),
        Ok(())
    );
    assert_eq!(check(&cx, "2025년 을사년에는 새로운 일이 생길 수 있습니다."), Ok(()));
    let allowed = allowed_pillars(&cx);
    let invented = (0..60).map(GanZhi::new).find(|g| !allowed.contains(&g.index())).unwrap();
    let err = check(&cx, &format!("당신은 {}일주입니다.", invented.hangul())).unwrap_err();
    assert_eq!(err, Violation::InventedPillars(vec![invented.hangul()]));
    let err = check(&cx, &format!("일주는 {}({})입니다.", day, invented.hanja())).unwrap_err();
    assert!(err.to_string().contains("names pillars"), "{err}");
    assert_eq!(check(&cx, "틀림없이 잘 됩니다.").unwrap_err(), Violation::Certainty("틀림없이"));
}

#[test]
fn an_unknown_hour_allows_no_hour_pillar_and_a_boundary_allows_the_alternative() {
    let c = chart("1990-05-15", "female");
    let cx = ctx("성격", Some(c.clone()));
    let allowed = allowed_pillars(&cx);
    let known = chart("1990-05-15T14:10", "female").pillars.hour.unwrap();
    if !allowed.contains(&(known.index as usize)) {
        assert!(check(&cx, &format!("{}시에 태어나셨다면", known.hangul)).is_err());
    }

    let c = chart("2024-02-04T17:10", "male");
    let alt = c.warnings.iter().find_map(|w| w.alternative.clone()).unwrap();
    let cx = ctx("성격", Some(c));
    assert_eq!(check(&cx, &format!("절입 전이라면 {}년 {}월로 볼 수도 있습니다.", alt.year, alt.month)), Ok(()));
}

#[test]
fn without_a_chart_only_the_years_pillars_are_allowed() {
    let cx = ctx("안녕하세요", None);
    assert_eq!(allowed_pillars(&cx).len(), 3);
    assert!(check(&cx, "갑자일주이십니다").is_err());
}
