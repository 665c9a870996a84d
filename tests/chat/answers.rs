//! Whole conversations through the real turn runner (no model: the grounded composer answers), scored on
//! `tests/data/answer_cases.jsonl`, written by someone who had not read the composer. Each row: `id` and
//! `turns`, each turn a `user` message and its `expect`ations (see `tests/data/README.md`). Every answer is
//! also held to the rules no reply may break: no raw `[passage.id]` in the text, no sentence said twice in
//! one conversation, no quoted passage whose `applies_when` the chart does not meet.
//!
//! `SAJU_ANSWER_CASES=path` runs another file of the same shape (turns may be bare strings), and
//! `SAJU_ANSWER_DUMP=path` writes every reply there as JSON lines, for a reviewer.

use saju::answer::HistoryTurn;
use saju::answer::Speaker;
use saju::chat::dialogue::Known;
use saju::chat::{run, Brain, TurnOutcome, TurnRequest};
use saju::clock::KoreaTime;
use saju::knowledge::KnowledgeBase;
use saju::llm::Cancel;
use saju::plugins::Registry;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The day the conversations take place (the cases say 올해 = 2026, 내일 = 2026-03-16).
const NOW: KoreaTime = KoreaTime { year: 2026, month: 3, day: 15, hour: 10, minute: 0 };

/// The day the b17 conversations take place: 대설, three weeks before the year ends.
const DECEMBER: KoreaTime = KoreaTime { year: 2026, month: 12, day: 7, hour: 10, minute: 0 };
/// The day the b20 set was written and run (a Tuesday).
const DECEMBER_8: KoreaTime = KoreaTime { year: 2026, month: 12, day: 8, hour: 11, minute: 0 };

/// Share of checks that must pass on `answer_cases.jsonl`, the set the composer was improved against.
const REQUIRED: f64 = 1.0;

/// Share that must pass on `answer_heldout.jsonl`, a second blind set scored only after the work (352/363 at
/// first contact). Its known disagreement: "9시" with no 오전/오후 is asked, as the understanding issue wants.
const REQUIRED_HELD_OUT: f64 = 0.98;

fn brain() -> Brain {
    Brain {
        knowledge: Arc::new(KnowledgeBase::embedded()),
        chain: Arc::new(saju::llm::from_config(&Default::default())),
        plugins: Arc::new(Registry::unavailable()),
    }
}

/// The reply's sentences: split after `.`, `?`, `!` and at line breaks, list markers trimmed (the same split the
/// composer uses for "nothing said twice").
fn sentences(text: &str) -> Vec<String> {
    saju::answer::compose::sentences_of(text)
}

fn raw_citation(text: &str) -> Option<String> {
    let re = regex::Regex::new(r"\[[a-z_0-9]+(\.[a-z_0-9]+)+\]").unwrap();
    re.find(text).map(|m| m.as_str().to_string())
}

/// Quoted passages written for a condition the chart does not meet: each `applies_when` string is an all-of
/// join, and its chart parts (not the `intent:` modifier, which the door decides) must all be among the turn's
/// findings and the chart's gender for the passage to fit. Passages with no condition fit every chart.
fn unfit_citations(kb: &KnowledgeBase, o: &TurnOutcome) -> Vec<String> {
    let Some(chart) = &o.chart else { return Vec::new() };
    let mut codes: Vec<String> = o.findings.iter().map(|f| f.code.clone()).collect();
    codes.extend(chart.gender().map(|g| format!("gender:{}", g.code())));
    // A relation between the two charts of a 궁합 (`compat:punishment`) is that relation for the pair.
    let pair: Vec<String> =
        codes.iter().filter_map(|c| c.strip_prefix("compat:")).map(|k| format!("relation:{k}")).collect();
    codes.extend(pair);
    let fits = |cond: &str| cond.split('&').filter(|p| !p.starts_with("intent:")).all(|p| codes.iter().any(|c| c == p));
    o.citations
        .iter()
        .filter(|c| {
            kb.get(&c.id).is_some_and(|p| !p.applies_when.is_empty() && !p.applies_when.iter().any(|a| fits(a)))
        })
        .map(|c| c.id.clone())
        .collect()
}

/// What one expectation key says of one reply; `None` when it holds.
fn check(key: &str, want: &Value, o: &TurnOutcome) -> Option<String> {
    let reply = &o.reply;
    let lead: String = sentences(reply).into_iter().take(2).collect::<Vec<_>>().join(" ");
    let first = sentences(reply).into_iter().next().unwrap_or_default();
    let any = |words: &[&str]| words.iter().any(|w| reply.contains(w));
    let ok = match key {
        "kind" => match want.as_str().unwrap_or("") {
            "answer" => o.chart.is_some() && o.follow_up.is_none(),
            "ask" => o.follow_up.is_some(),
            "crisis" => reply.contains("109") && o.follow_up.is_none() && o.chart.is_none(),
            "refusal" => o.chart.is_none() && o.follow_up.is_none(),
            other => panic!("unknown kind {other}"),
        },
        "future_years_in_lead" => {
            let re = regex::Regex::new(r"(20[2-3][0-9])년").unwrap();
            let found = re.captures_iter(&lead).any(|c| (2026..=2036).contains(&c[1].parse::<i32>().unwrap()));
            found
        }
        "year" => reply.contains(&format!("{}", want.as_i64().unwrap_or(0))),
        "daeun_road" => {
            let re = regex::Regex::new(r"(\d+)세").unwrap();
            let ages: std::collections::BTreeSet<&str> =
                re.captures_iter(reply).map(|c| c.get(1).unwrap().as_str()).collect();
            ages.len() >= 8
        }
        "both_charts" => o.chart.is_some() && o.partner.is_some(),
        "help_lines" => reply.contains("109") || reply.contains("1577-0199"),
        "emotion_ack" => ["마음", "힘드", "힘들", "걱정", "불안", "속상", "지치", "답답", "괜찮", "고민"]
            .iter()
            .any(|w| first.contains(w)),
        "money_caution" => any(&["신중", "나누어", "나눠", "분산", "전문가", "여유 자금", "감당할 수 있는"]),
        "health_disclaimer" => any(&["진단", "의사", "전문의", "병원", "검진"]),
        "mentions_any" => {
            want.as_array().expect("mentions_any is a list").iter().any(|w| reply.contains(w.as_str().unwrap_or("")))
        }
        "no_birth_form" => o.follow_up.is_none() && !reply.contains("생년월일"),
        // The slot a follow-up asks for is answered up front: in the first two sentences.
        "lead_mentions_any" => want.as_array().expect("a list").iter().any(|w| lead.contains(w.as_str().unwrap_or(""))),
        "lead_mentions_all" => want.as_array().expect("a list").iter().all(|w| lead.contains(w.as_str().unwrap_or(""))),
        // The chart read is the user's (a month of an event does not replace the birth).
        "day_pillar" => o.chart.as_ref().is_some_and(|c| c.pillars.day.hangul == want.as_str().unwrap_or("")),
        // A month of now or of an event ("벌써 12월이긴 한데", "만기가 내년 3월") does not replace the birth's.
        "month_pillar" => o.chart.as_ref().is_some_and(|c| c.pillars.month.hangul == want.as_str().unwrap_or("")),
        // The second person's chart of a 궁합 ("둘다 95년 3월 15일, 걔는 23:40").
        "partner_day_pillar" => o.partner.as_ref().is_some_and(|c| c.pillars.day.hangul == want.as_str().unwrap_or("")),
        // Both people of a turn about two read, in either order ("엄마랑 새아빠 궁합", "누가 돈 관리").
        "charts_day_pillars" => {
            let mut want: Vec<&str> =
                want.as_array().expect("a list").iter().map(|w| w.as_str().unwrap_or("")).collect();
            let mut got: Vec<&str> = o.chart.iter().chain(o.partner.iter()).map(|c| c.pillars.day.hangul).collect();
            want.sort();
            got.sort();
            want == got
        }
        // Words that must not appear (a burnout template's help line over a worry about a brother).
        "mentions_none" => {
            !want.as_array().expect("mentions_none is a list").iter().any(|w| reply.contains(w.as_str().unwrap_or("")))
        }
        other => panic!("unknown expectation {other}"),
    };
    (!ok).then(|| format!("{key}={want}"))
}

async fn converse(brain: &Brain, turns: &[(String, Value)], now: KoreaTime) -> Vec<(TurnOutcome, Vec<String>)> {
    let mut known = Known::default();
    let mut history: Vec<HistoryTurn> = Vec::new();
    let mut said: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (user, expect) in turns {
        let request = TurnRequest { text: user.clone(), known: known.clone(), history: history.clone(), now };
        let o = run(brain, request, &mut |_| {}, &Cancel::new()).await.expect("not cancelled");
        let mut failed: Vec<String> =
            expect.as_object().map(|m| m.iter().filter_map(|(k, v)| check(k, v, &o)).collect()).unwrap_or_default();
        if let Some(raw) = raw_citation(&o.reply) {
            failed.push(format!("raw citation {raw}"));
        }
        for id in unfit_citations(&brain.knowledge, &o) {
            failed.push(format!("unfit passage {id}"));
        }
        let mine = sentences(&o.reply);
        if o.follow_up.is_none() {
            for s in mine.iter().filter(|s| s.chars().count() >= 12) {
                if said.contains(s) {
                    failed.push(format!("repeated: {s}"));
                }
            }
        }
        said.extend(mine);
        if o.remember.is_some() {
            known.own = o.remember.clone();
        }
        known.pending = o.state.pending.clone();
        history.push(HistoryTurn { speaker: Speaker::User, text: user.clone() });
        history.push(HistoryTurn { speaker: Speaker::Assistant, text: o.reply.clone() });
        out.push((o, failed));
    }
    out
}

/// A conversation: its id and its turns (the user's message and what is expected of the reply).
type Conversation = (String, Vec<(String, Value)>);

fn cases(default: &str) -> (String, Vec<Conversation>) {
    let path = std::env::var("SAJU_ANSWER_CASES")
        .unwrap_or_else(|_| format!("{}/tests/data/{default}", env!("CARGO_MANIFEST_DIR")));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"));
            let id = v["id"].as_str().expect("id").to_string();
            let turns = v["turns"]
                .as_array()
                .expect("turns")
                .iter()
                .map(|t| match t {
                    Value::String(s) => (s.clone(), json!({})),
                    t => (t["user"].as_str().expect("user").to_string(), t.get("expect").cloned().unwrap_or(json!({}))),
                })
                .collect();
            (id, turns)
        })
        .collect();
    (path, rows)
}

#[tokio::test]
async fn conversations_get_answers_that_answer() {
    score("answer_cases.jsonl", REQUIRED).await;
}

#[tokio::test]
async fn held_out_conversations_get_answers_that_answer() {
    kept_set("answer_heldout.jsonl", REQUIRED_HELD_OUT).await;
}

/// The blind review's 40 conversations (2026-12-06, `docs/reviews/answers-2026-12-06.md`), kept as a test:
/// the turns the review found wrong and that were fixed have expectations, and every turn is held to the rules
/// no reply may break.
#[tokio::test]
async fn review_conversations_keep_their_fixes() {
    kept_set("answer_review3.jsonl", 1.0).await;
}

/// The second blind review's 40 conversations (2026-12-06, written before the follow-up work by a helper who
/// had not read the code): the turns found wrong and fixed carry expectations.
#[tokio::test]
async fn second_review_conversations_keep_their_fixes() {
    kept_set("answer_review4.jsonl", 1.0).await;
}

/// The held-out set of that review (40 conversations, 122 turns), scored blind by a judge before and after
/// (docs/reviews/answers-2026-12-06b.md): every turn held to the rules, the turns fixed after the scoring carry
/// expectations.
#[tokio::test]
async fn held_out_review_conversations_keep_the_rules() {
    kept_set("answer_review5.jsonl", 1.0).await;
}

/// The 2026-12-07 blind set (40 conversations, 115 turns, written by a helper who had not read the code, scored
/// blind before and after; docs/reviews/answers-2026-12-07.md): every turn held to the rules, the turns fixed
/// after the first scoring carry expectations.
#[tokio::test]
async fn third_review_conversations_keep_their_fixes() {
    kept_set("answer_review7.jsonl", 1.0).await;
}

/// The 2026-12-08 blind set (40 conversations, 116 turns: 띠 and 입춘, two people, corrections, 다음 주,
/// two-digit years, feelings, a child's chart; written by a helper who had not read the code, scored blind
/// before and after; docs/reviews/answers-2026-12-08.md): every turn held to the rules, the fixed turns carry
/// expectations.
#[tokio::test]
async fn fourth_review_conversations_keep_their_fixes() {
    kept_set("answer_review9.jsonl", 1.0).await;
}

/// The fifth review's blind set (40 conversations a helper wrote without reading the composer; judged blind
/// before and after; docs/reviews/answers-2026-12-09.md): every turn held to the rules, the fixed turns carry
/// expectations.
#[tokio::test]
async fn fifth_review_conversations_keep_their_fixes() {
    kept_set("answer_review10.jsonl", 1.0).await;
}

/// The held-out blind set of the same review (40 conversations by another helper, scored blind before and after
/// without its conversations being read while the rules changed): every turn held to the rules.
#[tokio::test]
async fn fifth_review_held_out_conversations_keep_the_rules() {
    kept_set("answer_review11.jsonl", 1.0).await;
}

/// The blind set of the 2026-12-07 review (40 conversations by a helper who had read neither the code nor the
/// earlier sets, scored blind before and after): every turn held to the rules, and the turns this round fixed
/// (genders from 여친꺼·시어머니·"둘 다 남자", 공공년 and 경인년 with an age, "올해 안에" and the months left, a
/// near year before far-off peaks, a 띠 told by the calendar year, "다음주 수요일") keep their fixes.
#[tokio::test]
async fn sixth_review_conversations_keep_their_fixes() {
    kept_set("answer_review12.jsonl", 1.0).await;
}

/// Set b13 (40 conversations written blind, 2026-12-07): the 32 turns this round fixed (paths weighed, twins, the
/// gender asked once, a second person kept, corrections re-answered, crisis turns) keep their fixes.
#[tokio::test]
async fn seventh_review_conversations_keep_their_fixes() {
    kept_set("answer_review13.jsonl", 1.0).await;
}

/// The b14 blind set (40 conversations written by a helper who had not read the code; docs/reviews/
/// answers-2026-12-07-b14.md): the turns its rules fixed, checked by expectation — decisions answered first,
/// years and months where asked, the person and the time read right, the help lines where money or a crisis
/// calls for them.
#[tokio::test]
async fn eighth_review_conversations_keep_their_fixes() {
    kept_set("answer_review14.jsonl", 1.0).await;
}

/// The 12 conversations the b14 judge wrote for itself (own-01 … own-12): a crisis told after a job question
/// gets care and the lines and never a form, a reading asked after the care is answered with the lines, a
/// divorce asked as "예 아니오로" is not decided, a husband's birth told later is read and named as his while the
/// user's stays, "나 어떤 사람이야? 잘 맞는 일" is the user's own reading, a 자소서 is declined.
#[tokio::test]
async fn judges_own_conversations_keep_their_fixes() {
    kept_set("answer_own13.jsonl", 1.0).await;
}

/// The b15 blind set (2026-12-07, 40 conversations, 122 turns, written by a helper who had not read the code):
/// every turn held to the rules, and the turns fixed after its diagnosis carry expectations — life choices
/// answered with a pick (결혼 or 유학, 귀국 or 잔류, 전세 연장 or 매매, 이직 or 쉬기, 계속 or 정리, 복학 or 취업),
/// a couple sharing a birthday read as two people, twins across midnight, "93 5 17", "벌써 12월이긴 한데" and
/// "만기가 내년 3월" not read as the birth month, the birth place a birth word follows, "28년생?" asked not told,
/// "손없는날은 26일이라던데요" not a correction, two dates weighed beside a birth, two colours, pushback from
/// elsewhere, 이혼수, a worry for someone's safety answered with their health, no burnout help line over a question.
#[tokio::test]
async fn ninth_review_conversations_keep_their_fixes() {
    kept_set("answer_review15.jsonl", 1.0).await;
}

/// The b16 blind set (2026-12-07, 40 conversations, 129 turns, written by a helper who had not read the code):
/// more than one person in a conversation. Every turn held to the rules; the turns read right after the fixes
/// carry the true pillars (from sxtwl / lunar_python / korean-lunar-calendar, `build_charts.py` of the set) of the
/// person or the two people they are about — someone told before and named again ("그럼 엄마는 내년에 몇 월
/// 조심해요?"), two others' 궁합 ("새아빠랑 엄마", "아들이랑 며느리감", "엄마아빠"), a 궁합 with someone told
/// before ("저랑 딸은 잘 맞나요?"), both spouses weighed ("누가 돈 관리", "누구 명의", "누가 사업"), a birth
/// beside an event's dates, 삼짇날, 작년에 태어났어요.
#[tokio::test]
async fn tenth_review_conversations_keep_their_fixes() {
    kept_set("answer_review16.jsonl", 1.0).await;
}

/// The eleventh blind set (b17, tests/data/answer_review17.jsonl), asked in December: topic changes and
/// follow-ups, "언제" with the year nearly over, couples asked about together ("둘 다 괜찮은 달", "내년? 후년?",
/// two days for both), event dates beside births (surgery, moving, C-section, IVF, opening), a gender the
/// speaker's own words give (군대, 제왕절개, 시어머니, 오빠), "밤 12시", 해질녘 and 저녁 먹을 때, a claim about
/// the chart checked ("불이 부족하다던데", "관성이 없어서"). The people read carry their true day pillars.
#[tokio::test]
async fn eleventh_review_conversations_keep_their_fixes() {
    kept_set_at("answer_review17.jsonl", 1.0, DECEMBER).await;
}

/// Round b18 (a blind set written without the code, read on 2026-12-07): spans the user sets ("3년 안에", "2030년
/// 전에", "30대 안에", "마흔 전에"), a day named beside a birth (최종면접, 소개팅, 크리스마스 이브) and the day just
/// read weighed against another, the weeks left of the year read as this month, months to avoid, "쉽게 말해줘요"
/// after any answer, a question asked instead of the answer to ours (the friend's birthday, 오전·오후) answered
/// with what is known, a death and a low child met first, a guarantee, 관살혼잡 and 용신 asked, 만 쉰여덟 with a
/// birthday, 음력 삼월 열흘. The people read carry their true day pillars.
#[tokio::test]
async fn twelfth_review_conversations_keep_their_fixes() {
    kept_set_at("answer_review18.jsonl", 1.0, DECEMBER).await;
}

/// The 12 conversations the b18 judge wrote for itself before any reply (own18-01 … own18-12): "이직 … 언제
/// 옮기는 게" is one move, a span kept, a partner told later read with the user, one 대운 explained and detailed,
/// a 신약 claim checked, grief and a survival question met first.
#[tokio::test]
async fn the_b18_judges_own_conversations_keep_their_fixes() {
    kept_set_at("answer_own18.jsonl", 1.0, DECEMBER).await;
}

/// The eighth blind set, b19 (40 conversations, 145 turns, asked on 2026-12-07), written by a helper who had not
/// read the code: two people outside a 궁합 (a couple's child, a mother and son, siblings, in-laws), 조후 in summer and
/// winter charts, a second person told only by a year, three dates and lunar holidays, "근거가 뭐예요?" after a
/// reading with no year. Turns carry the true pillars of the person or pair read, or the rule this round fixed.
#[tokio::test]
async fn thirteenth_review_conversations_keep_their_fixes() {
    kept_set_at("answer_review19.jsonl", 1.0, DECEMBER).await;
}

/// The b20 blind set (38 conversations, 143 turns, written by a helper who never saw the code): corrections
/// about someone else, a year-only second person weighed with the one asked about, a partner's unknown birthday,
/// the person read last in a 궁합 told with the user's birth, non-romantic pairs, a child's friends, 대운 claims,
/// spans ("앞으로 3년", "30대 중반 전에", a couple's "2년 안에"), a widow's crisis words, a betting debt.
#[tokio::test]
async fn fourteenth_review_conversations_keep_their_fixes() {
    kept_set_at("answer_review20.jsonl", 1.0, DECEMBER_8).await;
}

/// Round b21's blind set (32 conversations, 120 turns, written by a helper who had read no code): the true pillars
/// of whoever each turn is about, and what the round fixed — two births in one message read together (a couple's
/// wedding years and days, a boss, a mother-in-law, a business partner), "27년 9월 26일" as a wedding day, a birth
/// told with "여자예요" after "아빠가 돌아가셨어요" kept as the user's, "올해 왜 이렇게 힘들었을까요" answered from
/// what struck the chart, "화가 많다던데", a loan in the user's name, "이번 겨울 안에" month by month.
#[tokio::test]
async fn fifteenth_review_conversations_keep_their_fixes() {
    kept_set_at("answer_review21.jsonl", 1.0, DECEMBER_8).await;
}

/// The 12 conversations the b21 judge wrote for itself before any reply: every turn held to the general checks.
#[tokio::test]
async fn the_b21_judges_own_conversations_keep_their_fixes() {
    kept_set_at("answer_own21.jsonl", 1.0, DECEMBER_8).await;
}

/// The 12 conversations the b20 judge wrote for itself before any reply: every turn held to the general checks
/// (the chart fits, no raw citation, no repeat).
#[tokio::test]
async fn the_b20_judges_own_conversations_keep_their_fixes() {
    kept_set_at("answer_own20.jsonl", 1.0, DECEMBER_8).await;
}

/// The 12 conversations the b19 judge wrote for itself before any reply (own19-01 … own19-12): babies' birth days
/// across 입춘, a year-only spouse and brother and mother, a lost pregnancy, two years named, twins after midnight.
#[tokio::test]
async fn the_b19_judges_own_conversations_keep_their_fixes() {
    kept_set_at("answer_own19.jsonl", 1.0, DECEMBER).await;
}

/// The 12 conversations the b15 judge wrote for itself (own15-01 … own15-12), graded blind before and after:
/// every turn held to the rules; the choices it asked in its own words ("귀농 vs 그냥 도시에서 소일거리", "2호점
/// 낼지 지금 가게 넓힐지", "재회할지 소개받은 사람 만나볼지") and a wife's 음력 that once leaked into the husband's
/// date carry expectations.
#[tokio::test]
async fn judges_own_b15_conversations_keep_their_fixes() {
    kept_set("answer_own15.jsonl", 1.0).await;
}

/// A kept set scored with the default cases; it stands aside while `SAJU_ANSWER_CASES` points the first test
/// at other cases (the dump runs).
async fn kept_set(file: &str, required: f64) {
    kept_set_at(file, required, NOW).await;
}

/// A kept set whose conversations take place on another day (the b17 set: a December, when "올해" is nearly
/// over).
async fn kept_set_at(file: &str, required: f64, now: KoreaTime) {
    if std::env::var("SAJU_ANSWER_CASES").is_ok() {
        return;
    }
    score_at(file, required, now).await;
}

async fn score(file: &str, required: f64) {
    score_at(file, required, NOW).await;
}

async fn score_at(file: &str, required: f64, now: KoreaTime) {
    let brain = brain();
    let (path, rows) = cases(file);
    let mut dump = std::env::var("SAJU_ANSWER_DUMP").ok().map(|p| std::fs::File::create(p).expect("dump file"));
    let (mut checks, mut passed) = (0u32, 0u32);
    let mut per_key: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (id, turns) in &rows {
        let results = converse(&brain, turns, now).await;
        for (i, ((user, expect), (o, failed))) in turns.iter().zip(&results).enumerate() {
            let keys: Vec<String> = expect.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
            for k in keys.iter().map(String::as_str).chain(["no_raw_citation", "no_repeat", "fits_chart"]) {
                let e = per_key.entry(k.to_string()).or_default();
                e.1 += 1;
                let bad = match k {
                    "no_raw_citation" => failed.iter().any(|f| f.starts_with("raw citation")),
                    "no_repeat" => failed.iter().any(|f| f.starts_with("repeated")),
                    "fits_chart" => failed.iter().any(|f| f.starts_with("unfit passage")),
                    k => failed.iter().any(|f| f.starts_with(&format!("{k}="))),
                };
                e.0 += u32::from(!bad);
            }
            let fixed = ["raw citation", "repeated", "unfit passage"];
            let fixed_failed = fixed.iter().filter(|p| failed.iter().any(|f| f.starts_with(*p))).count();
            let key_failed = failed.iter().filter(|f| !fixed.iter().any(|p| f.starts_with(p))).count();
            checks += keys.len() as u32 + fixed.len() as u32;
            passed += (keys.len() - key_failed.min(keys.len())) as u32 + (fixed.len() - fixed_failed) as u32;
            if !failed.is_empty() {
                failures.push(format!("{id}#{i} {user:?}: {failed:?}\n    → {}", o.reply.replace('\n', " / ")));
            }
            if let Some(f) = dump.as_mut() {
                use std::io::Write;
                let row = json!({"id": id, "turn": i, "user": user, "reply": o.reply, "generator": o.generator});
                writeln!(f, "{row}").unwrap();
            }
        }
    }
    println!("{path}: {passed}/{checks} checks");
    for (k, (ok, n)) in &per_key {
        println!("  {k:<22} {ok:>4}/{n:<4}");
    }
    for f in failures.iter().take(60) {
        println!("FAIL {f}");
    }
    if std::env::var("SAJU_ANSWER_CASES").is_err() {
        let share = f64::from(passed) / f64::from(checks.max(1));
        assert!(share >= required, "{passed}/{checks} checks passed, {} failing turns", failures.len());
    }
}
