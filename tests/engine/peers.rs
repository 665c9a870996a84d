//! The peers' own test vectors (tests/data/peers, extracted by scripts/reference/extract_peer_vectors.py),
//! each run with the options that match that peer's documented defaults. Every vector must agree, except
//! the disagreements listed here and in docs/engine.md ("Conventions"), which must still disagree.

use crate::common::{data_path, jsonl};
use saju::saju::chart::{resolve_birth, ChartRequest, ResolvedBirth};
use serde_json::Value;

/// Peer files and the fewest vectors each must hold.
const PEERS: [(&str, usize); 5] =
    [("manseryeok", 30), ("ssaju", 12), ("lunar_javascript", 10), ("lunar_java", 25), ("korean_app", 19)];

/// Vectors that still disagree, with the convention that explains it (docs/engine.md lists the same).
const KNOWN_DISAGREEMENTS: [(&str, &str); 0] = [];

fn request(input: &Value) -> ChartRequest {
    let mut input = input.clone();
    input.as_object_mut().unwrap().entry("gender").or_insert("male".into());
    serde_json::from_value(input).expect("a vector's input is a chart request")
}

/// The expected values that differ from ours, as `key: ours != theirs`.
fn differences(birth: &ResolvedBirth, expected: &Value) -> Vec<String> {
    let p = &birth.pillars;
    let mut out = Vec::new();
    for (key, want) in expected.as_object().unwrap() {
        let want = want.as_str().unwrap();
        let ours = match key.as_str() {
            "year" => p.year.hangul().to_string(),
            "month" => p.month.hangul().to_string(),
            "day" => p.day.hangul().to_string(),
            "hour" => p.hour.map_or("-", |h| h.hangul()).to_string(),
            "hour_branch" => p.hour.map_or("-", |h| h.branch().hangul()).to_string(),
            "clock" => birth.corrected.clock.iso()[..16].to_string(),
            other => panic!("unknown expectation {other}"),
        };
        if ours != want {
            out.push(format!("{key}: ours {ours} != {want}"));
        }
    }
    out
}

fn run(case: &Value) -> Result<Vec<String>, String> {
    request(&case["input"])
        .parse()
        .and_then(|b| resolve_birth(&b))
        .map(|birth| differences(&birth, &case["expected"]))
        .map_err(|e| e.to_string())
}

#[test]
fn every_peer_vector_agrees_under_the_peers_conventions() {
    let mut failures = Vec::new();
    let mut seen_known = Vec::new();
    let mut total = 0;
    for (peer, at_least) in PEERS {
        let cases = jsonl(&format!("peers/{peer}.jsonl"));
        assert!(cases.len() >= at_least, "{peer}: {} vectors", cases.len());
        let mut agree = 0;
        for case in &cases {
            let id = case["id"].as_str().unwrap();
            let known = KNOWN_DISAGREEMENTS.iter().find(|(k, _)| *k == id);
            match (run(case), known) {
                (Ok(d), None) if d.is_empty() => agree += 1,
                (Ok(d), Some(_)) if !d.is_empty() => seen_known.push(id.to_string()),
                (Ok(d), None) => failures.push(format!("{id} ({}): {}", case["input"], d.join("; "))),
                (Ok(_), Some(_)) => failures.push(format!("{id}: listed as a disagreement but now agrees")),
                (Err(e), _) => failures.push(format!("{id}: error {e}")),
            }
        }
        eprintln!("{peer}: {agree}/{} agree", cases.len());
        total += cases.len();
    }
    eprintln!("peer vectors: {total}; known disagreements: {}", seen_known.len());
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(seen_known.len(), KNOWN_DISAGREEMENTS.len());
}

/// The Korean app's 19 charts: all with `korean_app`; the engine's defaults (`classic`) match only some, and
/// each of the preset's parts is needed.
#[test]
fn the_korean_app_needs_every_part_of_its_preset() {
    let cases = jsonl("peers/korean_app.jsonl");
    assert_eq!(cases.len(), 19);
    let agreeing = |change: &dyn Fn(&mut serde_json::Map<String, Value>)| {
        cases
            .iter()
            .filter(|case| {
                let mut case = (*case).clone();
                change(case["input"].as_object_mut().unwrap());
                run(&case).is_ok_and(|d| d.is_empty())
            })
            .count()
    };
    assert_eq!(agreeing(&|_| {}), 19);
    let classic = agreeing(&|i| {
        i.remove("convention");
    });
    eprintln!("korean_app vectors under classic: {classic}/19");
    assert_eq!(classic, CLASSIC_AGREES);
    let without = |field: &'static str, value: &'static str| {
        agreeing(&|i: &mut serde_json::Map<String, Value>| {
            i.insert(field.into(), value.into());
        })
    };
    for (field, value) in
        [("zi_hour", "split"), ("zi_hour", "same_day"), ("time_correction", "none"), ("disambiguation", "earlier")]
    {
        let n = without(field, value);
        eprintln!("korean_app with {field} = {value}: {n}/19");
        assert!(n < 19, "{field} = {value} still matches all 19");
    }
}

/// How many of the app's 19 charts the engine's defaults reproduce (docs/engine.md).
const CLASSIC_AGREES: usize = 12;

#[test]
fn the_vectors_are_what_the_script_wrote() {
    // Regenerating needs the peers' repositories; here we check the files are whole and well-formed.
    for (peer, _) in PEERS {
        let text = std::fs::read_to_string(data_path(&format!("peers/{peer}.jsonl"))).unwrap();
        assert!(text.ends_with('\n'), "{peer}");
        for case in jsonl(&format!("peers/{peer}.jsonl")) {
            for key in ["id", "peer", "commit", "source", "input", "expected"] {
                assert!(!case[key].is_null(), "{peer}: {key} missing in {case}");
            }
        }
    }
}
