//! The understanding of Korean messages, scored through the real dialogue over two sets:
//! `tests/data/nlu_messages.jsonl` (the project's own, every message must be understood) and
//! `tests/data/nlu_blind.jsonl` (written by someone who had not read the parser; every field ≥ 98 %).
//!
//! Each row: `message`; optional `context` (earlier user messages of the same conversation, oldest first);
//! `intent` (a [`Topic::code`]); `timing_topic` (for `timing`); `emotion` (default false); `expect` (the
//! main person's accumulated birth fields — every field not named must stay empty); `partner` (the second
//! person's fields and `relation`, absent when there is none); `follow_up` (what the dialogue asks next:
//! `date` … `gender`, `partner_date` … `partner_gender`, or null) and `invalid` (`leap_month`, `date`,
//! `time` or null). The messages run through [`decide_turn`] one after another, the conversation state
//! carried as the server carries it, so the follow-up is the one the dialogue really asks.

use saju::chat::dialogue::{decide_turn, Decision, Known, Step};
use saju::chat::understand::{follow_up_code, BirthFacts, Topic};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The year two-digit years are read against, fixed so the sets do not age.
const THIS_YEAR: i32 = 2026;

const FIELDS: [&str; 10] =
    ["year", "month", "day", "hour", "minute", "calendar", "leap", "gender", "place", "unknown_hour"];

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

fn expected(v: &Value, partner: bool) -> Value {
    let mut all = json!({
        "year": null, "month": null, "day": null, "hour": null, "minute": null, "calendar": null,
        "leap": false, "gender": null, "place": null, "unknown_hour": false,
    });
    if partner {
        all["relation"] = Value::Null;
    }
    for (k, x) in v.as_object().expect("an object of fields") {
        assert!(all.get(k).is_some(), "unknown field {k} in {v}");
        all[k] = x.clone();
    }
    all
}

/// What the dialogue made of a conversation: every turn decided with the state the previous ones left.
fn converse(context: &[&str], message: &str) -> Decision {
    let mut known = Known::default();
    let mut last = None;
    for m in context.iter().chain(std::iter::once(&message)) {
        let d = decide_turn(m, THIS_YEAR, known.clone());
        known.pending = match &d.step {
            Step::Ask { pending, .. } => Some((**pending).clone()),
            Step::SmallTalk { keep, .. } => keep.as_deref().cloned(),
            Step::Answer { remember, keep, .. } => {
                if remember.is_some() {
                    known.own = remember.clone();
                }
                keep.as_deref().cloned()
            }
        };
        last = Some(d);
    }
    last.expect("at least the message")
}

#[derive(Default)]
struct Score {
    cases: (u32, u32),
    per_intent: BTreeMap<String, (u32, u32)>,
    per_field: BTreeMap<String, (u32, u32)>,
    failures: Vec<String>,
}

impl Score {
    fn field(&mut self, name: &str, ok: bool) -> bool {
        let slot = self.per_field.entry(name.to_string()).or_default();
        slot.1 += 1;
        slot.0 += u32::from(ok);
        ok
    }

    fn print(&self, set: &str) {
        let pct = |(ok, all): (u32, u32)| 100.0 * f64::from(ok) / f64::from(all.max(1));
        println!("== {set}: {}/{} messages fully understood ({:.1}%)", self.cases.0, self.cases.1, pct(self.cases));
        println!("-- per intent (every field of the message right):");
        for (intent, s) in &self.per_intent {
            println!("{intent:>16}: {:>3}/{:<3} ({:.1}%)", s.0, s.1, pct(*s));
        }
        println!("-- per field:");
        for (field, s) in &self.per_field {
            println!("{field:>22}: {:>3}/{:<3} ({:.1}%)", s.0, s.1, pct(*s));
        }
    }
}

fn score(path: &str) -> Score {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut s = Score::default();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
        let message = row["message"].as_str().expect("message");
        let context: Vec<&str> =
            row["context"].as_array().map(|c| c.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
        let d = converse(&context, message);
        let follow_up = match (&d.step, &d.invalid) {
            (Step::Ask { missing, pending, .. }, None) => Some(follow_up_code(*missing, pending.partner)),
            _ => None,
        };
        let want_intent = row["intent"].as_str().expect("intent");
        assert!(Topic::from_code(want_intent).is_some(), "{path}:{}: unknown intent {want_intent}", n + 1);
        let got_main = fields(&d.own);
        let want_main = expected(&row["expect"], false);
        let got_partner = d.partner.as_ref().map(|p| {
            let mut v = fields(p);
            v["relation"] = json!(p.relation);
            v
        });
        let want_partner = row.get("partner").filter(|p| !p.is_null()).map(|p| expected(p, true));
        let mut ok = s.field("intent", d.topic.code() == want_intent);
        let want_timing = row.get("timing_topic").and_then(Value::as_str);
        if want_timing.is_some() || d.topic.timing_code().is_some() {
            ok &= s.field("timing_topic", d.topic.timing_code() == want_timing);
        }
        ok &= s.field("emotion", d.emotion == row["emotion"].as_bool().unwrap_or(false));
        ok &= s.field("follow_up", follow_up.as_deref() == row["follow_up"].as_str());
        ok &= s.field("invalid", d.invalid.as_ref().map(|i| i.code()) == row["invalid"].as_str());
        for f in FIELDS {
            ok &= s.field(&format!("expect.{f}"), got_main[f] == want_main[f]);
        }
        if want_partner.is_some() || got_partner.is_some() {
            for f in FIELDS.iter().chain(&["relation"]) {
                let (g, w) = (got_partner.as_ref().map(|p| &p[*f]), want_partner.as_ref().map(|p| &p[*f]));
                ok &= s.field(&format!("partner.{f}"), g == w);
            }
        }
        let slot = s.per_intent.entry(want_intent.to_string()).or_default();
        slot.1 += 1;
        slot.0 += u32::from(ok);
        s.cases.1 += 1;
        s.cases.0 += u32::from(ok);
        if !ok {
            s.failures.push(format!(
                "{path}:{}: {message:?} (context {context:?})\n  intent {} timing {:?} emotion {} follow-up {follow_up:?} invalid {:?}\n  want   {want_intent} {want_timing:?} {} {:?} {:?}\n  got  {got_main}\n  want {want_main}\n  partner got  {got_partner:?}\n  partner want {want_partner:?}",
                n + 1,
                d.topic.code(),
                d.topic.timing_code(),
                d.emotion,
                d.invalid.as_ref().map(|i| i.code()),
                row["emotion"],
                row["follow_up"],
                row["invalid"],
            ));
        }
    }
    s
}

#[test]
fn every_message_of_the_project_set_is_understood() {
    let s = score(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nlu_messages.jsonl"));
    s.print("project set");
    assert!(
        s.failures.is_empty(),
        "{} of {} messages misunderstood:\n{}",
        s.failures.len(),
        s.cases.1,
        s.failures.join("\n")
    );
    assert!(s.cases.1 >= 600, "{} messages", s.cases.1);
}

#[test]
fn the_blind_set_is_understood_field_by_field() {
    let s = score(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nlu_blind.jsonl"));
    s.print("blind set");
    for f in &s.failures {
        println!("{f}");
    }
    let low: Vec<String> = s
        .per_field
        .iter()
        .filter(|(_, (ok, all))| f64::from(*ok) < 0.98 * f64::from(*all))
        .map(|(f, (ok, all))| format!("{f} {ok}/{all}"))
        .collect();
    assert!(low.is_empty(), "fields under 98 %: {low:?}");
}
