//! Lexical search: everyday words reach the passages whose terms they mean.

use super::kb;
use saju::knowledge::Hit;

fn top(query: &str, k: usize) -> Vec<String> {
    kb().search(query, k).into_iter().map(|h| h.id).collect()
}

#[test]
fn husband_finds_the_officer_stars_for_women() {
    let got = top("남편", 5);
    assert!(got.contains(&"ten_gods.gender.female_gwan".to_string()), "{got:?}");
    for id in &got {
        let p = kb().get(id).unwrap();
        assert!(p.tags.iter().any(|t| t == "관성" || t == "배우자궁"), "{id} is not about 관성 or the spouse palace");
    }
}

#[test]
fn money_finds_the_wealth_stars() {
    for query in ["돈", "돈을 잘 벌 수 있을까요"] {
        let got = top(query, 5);
        assert!(got.len() == 5, "{got:?}");
        for id in &got {
            let p = kb().get(id).unwrap();
            assert!(p.topics.iter().any(|t| t == "재물"), "{query}: {id} is not about 재물");
        }
        assert!(
            got.iter().any(|id| kb().get(id).unwrap().tags.iter().any(|t| t.starts_with("재성"))),
            "{query}: {got:?}"
        );
    }
}

#[test]
fn everyday_words_and_terms_meet() {
    assert_eq!(top("편관이 뭐예요?", 1), ["terms.pyeon_gwan_what"]);
    assert_eq!(top("역마살", 1), ["shinsal.yeokma"]);
    assert!(top("사주에 물이 없으면", 3).contains(&"elements.water.missing".to_string()));
    assert!(top("이직", 5).contains(&"topics.career.job_change".to_string()));
}

#[test]
fn decomposed_hangul_and_case_do_not_matter() {
    let nfd: String = "남편복".chars().flat_map(decompose).collect();
    assert_ne!(nfd, "남편복");
    assert_eq!(kb().search(&nfd, 5), kb().search("남편복", 5));
}

fn decompose(c: char) -> Vec<char> {
    let s = c as u32 - 0xAC00;
    let mut out = vec![char::from_u32(0x1100 + s / 588).unwrap(), char::from_u32(0x1161 + (s % 588) / 28).unwrap()];
    if !s.is_multiple_of(28) {
        out.push(char::from_u32(0x11A7 + s % 28).unwrap());
    }
    out
}

#[test]
fn ranking_is_ordered_bounded_and_empty_for_noise() {
    let hits: Vec<Hit> = kb().search("결혼은 언제쯤 할 수 있을까요", 7);
    assert_eq!(hits.len(), 7);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(kb().search("", 5).is_empty());
    assert!(kb().search("?! ...", 5).is_empty());
    assert!(kb().search("뭐예요 어떻게", 5).is_empty(), "question words alone match nothing");
    assert!(kb().search("zzqx", 5).is_empty());
    assert_eq!(kb().search("남편", 0), vec![]);
}

#[test]
fn explain_accounts_for_the_score() {
    let hit = &kb().search("남편복이 있을까요", 1)[0];
    let parts = kb().lexical().explain("남편복이 있을까요", &hit.id);
    let sum: f32 = parts.iter().map(|(_, s)| s).sum();
    assert!((sum - hit.score).abs() < 1e-3, "{sum} vs {}", hit.score);
    let stats = kb().lexical().stats();
    assert_eq!(stats.documents, kb().len());
    assert!(stats.terms > 1000 && stats.postings > stats.terms);
}
