//! The example plugins (built by scripts/build-plugins.sh, which scripts/test.sh runs first) on real
//! charts, checked against the classical tables written out independently here.

use super::{chart, registry};
use saju::plugins::{PluginFinding, Registry};
use saju::saju::chart::model::Chart;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn examples() -> Option<Registry> {
    let dir = std::env::var_os("SAJU_PLUGIN_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/saju/plugins"));
    if std::env::var_os("SAJU_EXAMPLE_PLUGINS").is_some_and(|v| v == "skip") {
        eprintln!("SKIP: example plugins cannot be built here (scripts/test.sh said so)");
        return None;
    }
    assert!(
        dir.join("sinsal12.wasm").is_file() && dir.join("gunghap.wasm").is_file(),
        "example plugins missing in {}: run scripts/build-plugins.sh",
        dir.display()
    );
    let reg = registry(&dir, None);
    let ids: Vec<String> = reg.list().into_iter().filter(|p| p.enabled).map(|p| p.meta.id).collect();
    assert!(ids.contains(&"sinsal12".to_string()) && ids.contains(&"gunghap".to_string()), "{:?}", reg.list());
    Some(reg)
}

const SALS: [&str; 12] = [
    "geopsal",
    "jaesal",
    "cheonsal",
    "jisal",
    "yeonsal",
    "wolsal",
    "mangsinsal",
    "jangseongsal",
    "banansal",
    "yeongmasal",
    "yukhaesal",
    "hwagaesal",
];

/// The 12신살 table by 삼합 group: the branch each 신살 falls on, 겁살 first.
const TABLE: [(&str, [&str; 12]); 4] = [
    ("신자진", ["사", "오", "미", "신", "유", "술", "해", "자", "축", "인", "묘", "진"]),
    ("인오술", ["해", "자", "축", "인", "묘", "진", "사", "오", "미", "신", "유", "술"]),
    ("사유축", ["인", "묘", "진", "사", "오", "미", "신", "유", "술", "해", "자", "축"]),
    ("해묘미", ["신", "유", "술", "해", "자", "축", "인", "묘", "진", "사", "오", "미"]),
];

fn sal_of(base: &str, target: &str) -> &'static str {
    let (_, row) = TABLE.iter().find(|(group, _)| group.contains(base)).expect("every branch is in a group");
    SALS[row.iter().position(|b| *b == target).expect("every branch is in a row")]
}

fn branches(c: &Chart) -> Vec<(&'static str, &'static str)> {
    let p = &c.pillars;
    let mut v = vec![("year", p.year.branch.hangul), ("month", p.month.branch.hangul), ("day", p.day.branch.hangul)];
    if let Some(h) = &p.hour {
        v.push(("hour", h.branch.hangul));
    }
    v
}

fn sinsal(found: &[PluginFinding]) -> BTreeSet<String> {
    found.iter().filter(|f| f.plugin == "sinsal12").map(|f| f.code.clone()).collect()
}

#[test]
fn sinsal12_matches_the_table_from_the_year_and_the_day_branch() {
    let Some(reg) = examples() else { return };
    for (when, gender) in [("1990-05-15T15:30", "male"), ("1984-11-03T06:05", "female"), ("2001-01-20", "male")] {
        let c = chart(when, gender);
        let found = reg.interpret(&c);
        let mut expected = BTreeSet::new();
        let b = branches(&c);
        for (basis, base) in [("year_base", b[0].1), ("day_base", b[2].1)] {
            let base_pos = if basis == "year_base" { "year" } else { "day" };
            for (pos, target) in b.iter().filter(|(p, _)| *p != base_pos) {
                expected.insert(format!("plugin:sinsal12:{basis}.{}.{pos}", sal_of(base, target)));
            }
        }
        assert_eq!(sinsal(&found), expected, "{when}");
        for f in found.iter().filter(|f| f.plugin == "sinsal12") {
            assert!(f.title.contains("살"), "{f:?}");
            if f.code.contains(".jangseongsal.") {
                assert!(f.weight > 0, "{f:?}");
            }
            if f.code.contains(".geopsal.") {
                assert!(f.weight < 0, "{f:?}");
            }
        }
    }
}

#[test]
fn gunghap_reads_nothing_from_one_chart() {
    let Some(reg) = examples() else { return };
    assert!(reg.interpret(&chart("1990-05-15T15:30", "male")).iter().all(|f| f.plugin != "gunghap"));
}

const STEMS: &str = "갑을병정무기경신임계";

fn stem_index(c: &Chart) -> usize {
    STEMS.chars().position(|s| s.to_string() == c.pillars.day.stem.hangul).unwrap()
}

/// The first day of 2000's first four months whose day pillar satisfies `want` against `a`.
fn partner(a: &Chart, want: impl Fn(&Chart) -> bool) -> Chart {
    (1..=4)
        .flat_map(|m| (1..=28).map(move |d| format!("2000-{m:02}-{d:02}T12:00")))
        .map(|date| chart(&date, "female"))
        .find(|b| want(b))
        .unwrap_or_else(|| panic!("no partner for {}", a.pillars.day.hangul))
}

fn codes(found: &[PluginFinding]) -> Vec<&str> {
    found.iter().filter(|f| f.plugin == "gunghap").map(|f| f.code.as_str()).collect()
}

#[test]
fn gunghap_scores_stem_combination_and_branch_clash() {
    let Some(reg) = examples() else { return };
    let a = chart("1990-05-15T15:30", "male");
    // 갑기·을경·병신·정임·무계: five apart.
    let combined = partner(&a, |b| (stem_index(&a) + 5) % 10 == stem_index(b));
    let found = reg.compatibility(&a, &combined);
    let c = codes(&found);
    assert!(c.contains(&"plugin:gunghap:day_stem.combine"), "{c:?}");
    assert_eq!(c.last(), Some(&"plugin:gunghap:score"));
    // 자오·축미·인신·묘유·진술·사해: six apart.
    let opposite = |x: &str| {
        let order = "자축인묘진사오미신유술해";
        let i = order.chars().position(|ch| ch.to_string() == x).unwrap();
        order.chars().nth((i + 6) % 12).unwrap().to_string()
    };
    let clashing = partner(&a, |b| b.pillars.day.branch.hangul == opposite(a.pillars.day.branch.hangul));
    let found = reg.compatibility(&a, &clashing);
    let clash = found.iter().find(|f| f.code == "plugin:gunghap:day_branch.clash").expect("clash found");
    assert!(clash.weight < 0 && clash.text.contains(a.pillars.day.branch.hangul));
    // The score is the sum of the readings, halved, around 50.
    let score = found.last().unwrap();
    let sum: i32 = found[..found.len() - 1].iter().map(|f| f.weight).sum();
    let expected = (50 + sum / 2).clamp(0, 100);
    assert!(score.text.contains(&format!("{expected}점")), "{} vs {expected}", score.text);
}
