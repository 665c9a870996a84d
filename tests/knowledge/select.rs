//! Selection by findings codes (`applies_when`).

use super::{codes, ids, kb};

fn position(list: &[String], id: &str) -> usize {
    list.iter().position(|x| x == id).unwrap_or_else(|| panic!("{id} not in {list:?}"))
}

#[test]
fn day_stem_selects_its_stem_passages() {
    let got = ids(&kb().select(&codes(&["day_stem:경"]), None));
    assert_eq!(got, ["stems.gyeong.career", "stems.gyeong.love", "stems.gyeong.personality"]);
    let with_intent = ids(&kb().select(&codes(&["day_stem:경"]), Some("love")));
    assert_eq!(with_intent[0], "stems.gyeong.love", "the intent-specific condition ranks first: {with_intent:?}");
    assert!(with_intent.contains(&"topics.love.overview".to_string()));
}

#[test]
fn positional_ten_god_comes_before_the_general_one() {
    let got = ids(&kb().select(&codes(&["ten_god:편관@month_branch", "ten_god:편관"]), None));
    assert_eq!(got, ["ten_gods.pyeon_gwan.month", "ten_gods.pyeon_gwan.general"]);
    let only_positional = ids(&kb().select(&codes(&["ten_god:편관@month_branch"]), None));
    assert_eq!(only_positional, ["ten_gods.pyeon_gwan.month"]);
}

#[test]
fn gender_and_intent_combinations() {
    let findings = codes(&["ten_god:편관@month_branch", "ten_god:편관", "gender:female", "seun:정관"]);
    let love = ids(&kb().select(&findings, Some("love")));
    // intent:love&seun:정관&gender:female (three parts) first, then two-part matches, then single ones.
    assert_eq!(love[0], "topics.love.timing_female");
    assert!(position(&love, "ten_gods.gender.female_gwan") < position(&love, "ten_gods.pyeon_gwan.month"));
    assert!(position(&love, "ten_gods.pyeon_gwan.month") < position(&love, "ten_gods.pyeon_gwan.general"));
    assert!(love.contains(&"topics.love.overview".to_string()) && love.contains(&"luck.seun.jeong_gwan".to_string()));
    assert!(!love.iter().any(|id| id.starts_with("topics.career.")));

    let career = ids(&kb().select(&findings, Some("career")));
    assert!(
        career.contains(&"topics.career.authority".to_string())
            && career.contains(&"topics.career.study_exam".to_string())
    );
    assert!(!career.contains(&"topics.love.timing_female".to_string()));

    let male = ids(&kb().select(&codes(&["ten_god:편관", "gender:male"]), None));
    assert_eq!(male, ["ten_gods.gender.male_children", "ten_gods.pyeon_gwan.general"]);
}

#[test]
fn intent_alone_and_literal_intent_codes() {
    let by_arg = ids(&kb().select(&[], Some("wealth")));
    assert_eq!(by_arg, ["topics.wealth.overview"]);
    assert_eq!(ids(&kb().select(&codes(&["intent:wealth"]), None)), by_arg);
    assert!(kb().select(&[], None).is_empty());
    assert!(kb().select(&codes(&["no_such:code", "ten_god:편관@day_stem"]), Some("nothing")).is_empty());
}

#[test]
fn equal_specificity_is_ordered_by_id() {
    let got = ids(&kb().select(&codes(&["shinsal:dohwa", "shinsal:yeokma"]), None));
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got, sorted);
    assert_eq!(got, ["shinsal.dohwa", "shinsal.reading.balance", "shinsal.yeokma"]);
}
