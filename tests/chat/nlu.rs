//! `tests/data/nlu_messages.jsonl`: every message's intent, birth fields and follow-up question must be
//! understood exactly. Each row: `message`, optional `context` (earlier user messages of the same
//! conversation, oldest first), `intent`, `expect` (the birth fields that must be read; every other field
//! must stay empty) and `follow_up` (what the next question asks for, or null).

use saju::chat::understand::{understand, BirthFacts};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The year two-digit years are read against, fixed so the set does not age.
const THIS_YEAR: i32 = 2026;

fn fields(f: &BirthFacts) -> Value {
    let clock = f.clock().filter(|_| !f.unknown_hour);
    json!({
        "year": f.year,
        "month": f.month,
        "day": f.day,
        "hour": clock.map(|c| c.0),
        "minute": clock.map(|c| c.1),
        "calendar": f.calendar,
        "leap": f.leap,
        "gender": f.gender,
        "place": f.place,
        "unknown_hour": f.unknown_hour,
    })
}

fn expected(row: &Value) -> Value {
    let mut all = json!({
        "year": null, "month": null, "day": null, "hour": null, "minute": null, "calendar": null,
        "leap": false, "gender": null, "place": null, "unknown_hour": false,
    });
    for (k, v) in row["expect"].as_object().expect("expect is an object") {
        assert!(all.get(k).is_some(), "unknown field {k} in {row}");
        all[k] = v.clone();
    }
    all
}

#[test]
fn every_message_of_the_test_set_is_understood() {
    let text = include_str!("../data/nlu_messages.jsonl");
    let rows: Vec<Value> =
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(rows.len() >= 200, "{} messages", rows.len());
    let mut per_intent: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut failures = Vec::new();
    for row in &rows {
        let message = row["message"].as_str().unwrap();
        let context: Vec<&str> =
            row["context"].as_array().map(|c| c.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        let facts = context
            .iter()
            .chain(std::iter::once(&message))
            .fold(BirthFacts::default(), |acc, m| acc.merge(&understand(m, THIS_YEAR).birth));
        let u = understand(message, THIS_YEAR);
        // Terms, small talk and out-of-scope messages are answered without a chart: nothing to ask.
        let follow_up = if !u.topic.needs_chart() { None } else { facts.missing(false).map(|m| m.code().to_string()) };
        let want_intent = row["intent"].as_str().unwrap();
        let want_follow = row["follow_up"].as_str().map(str::to_string);
        let (got, want) = (fields(&facts), expected(row));
        let ok = u.topic.code() == want_intent && got == want && follow_up == want_follow;
        let slot = per_intent.entry(want_intent.to_string()).or_default();
        slot.1 += 1;
        if ok {
            slot.0 += 1;
        } else {
            failures.push(format!(
                "{message:?} (context {context:?})\n  intent {} (want {want_intent}), follow-up {follow_up:?} (want {want_follow:?})\n  got  {got}\n  want {want}",
                u.topic.code()
            ));
        }
    }
    for (intent, (ok, all)) in &per_intent {
        println!("{intent:>14}: {ok}/{all} ({:.0}%)", 100.0 * f64::from(*ok) / f64::from(*all));
    }
    assert!(
        failures.is_empty(),
        "{} of {} messages misunderstood:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
