//! A whole conversation over HTTP: birth data in the first message, then 성격, 올해 운세, 궁합 with a second
//! person, a term, and 오늘의 운세 streamed. Every expected pillar is computed here from the engine.

use crate::common::*;
use saju::knowledge::KnowledgeBase;
use saju::saju::chart::model::Chart;
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};
use saju::saju::derive::ten_gods::ten_god;
use saju::saju::ganzhi::Stem;
use saju::saju::pillars::year_pillar;
use serde_json::{json, Value};

fn chart(datetime: &str, gender: &str) -> Chart {
    let r = ChartRequest { datetime: datetime.into(), gender: gender.into(), ..Default::default() };
    build_chart(&r.parse().unwrap(), &ChartExtras::default()).unwrap()
}

fn reply(r: &Reply) -> &str {
    r.body["reply"].as_str().unwrap_or_else(|| panic!("no reply: {}", r.text))
}

fn cited(r: &Reply) -> Vec<String> {
    r.body["citations"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect()
}

fn finding_codes(r: &Reply) -> Vec<String> {
    r.body["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
}

/// Every citation the reply names as `[id]` is among its citations, and at least one is named.
fn cites_its_passages(r: &Reply) {
    let ids = cited(r);
    let text = reply(r);
    // Quotes carry footnote marks (¹ = the first citation); the ids stay in the JSON, never in the text.
    let marks = ["¹", "²", "³", "⁴", "⁵", "⁶"];
    assert!(ids.iter().zip(marks).any(|(_, m)| text.contains(m)), "no passage cited in: {text}");
    assert!(ids.iter().all(|id| !text.contains(&format!("[{id}]"))), "a raw citation in: {text}");
}

async fn streamed(s: &TestServer, token: &str, session: &str, message: &str) -> (String, Value) {
    let body = s
        .client
        .post(format!("{}/v1/sessions/{session}/messages", s.base))
        .bearer_auth(token)
        .header("accept", "text/event-stream")
        .json(&json!({ "message": message }))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let (mut text, mut done) = (String::new(), Value::Null);
    for block in body.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let event = block.lines().find_map(|l| l.strip_prefix("event: ")).unwrap_or("message");
        let data: String = block.lines().filter_map(|l| l.strip_prefix("data: ")).collect::<Vec<_>>().join("\n");
        match event {
            "delta" => text.push_str(&serde_json::from_str::<String>(&data).unwrap()),
            "reset" => text.clear(),
            "done" => done = serde_json::from_str(&data).unwrap(),
            other => panic!("unexpected event {other}: {data}"),
        }
    }
    (text, done)
}

#[tokio::test]
async fn a_whole_conversation() {
    let s = TestServer::start().await;
    let t = s.user().await;
    let id = s.post("/v1/sessions", Some(&t), json!({})).await.body["id"].as_str().unwrap().to_string();
    let path = format!("/v1/sessions/{id}/messages");
    let kb = KnowledgeBase::embedded();
    let mine = chart("1990-05-15T15:30", "female");
    let p = &mine.pillars;

    // 1. Birth data: the chart comes back with the first answer.
    let first =
        s.post(&path, Some(&t), json!({"message": "1990년 5월 15일 오후 3시 30분 서울에서 태어난 여자예요"})).await;
    assert_eq!(first.body["chart"]["pillars"]["day"]["hangul"], p.day.hangul, "{}", first.text);
    assert!(first.body["follow_up"].is_null());
    let pillars =
        format!("{}년 {}월 {}일 {}시", p.year.hangul, p.month.hangul, p.day.hangul, p.hour.as_ref().unwrap().hangul);
    assert!(reply(&first).contains(&pillars), "{}", reply(&first));

    // 2. 성격: the day master and the month branch's ten god, and the chart's own passages.
    let personality = s.post(&path, Some(&t), json!({"message": "제 성격은 어떤가요?"})).await;
    let text = reply(&personality);
    assert!(text.contains(&format!("일간 {}", mine.day_master.name)), "{text}");
    let month_god = format!("월지 {}", p.month.branch.hangul);
    assert!(text.contains(&month_god) && text.contains(p.month.branch.ten_god.hangul), "{text}");
    cites_its_passages(&personality);
    let codes = finding_codes(&personality);
    let by_chart: Vec<String> = kb.select(&codes, Some("personality")).into_iter().map(|p| p.id.clone()).collect();
    assert!(cited(&personality).iter().any(|id| by_chart.contains(id)), "a passage chosen by the chart's findings");

    // 3. 올해 운세: this year's 세운 pillar and its ten god, and the 세운 passage for that ten god.
    let year = saju::clock::this_year();
    let seun = year_pillar(year);
    let god = ten_god(Stem::parse(mine.day_master.hangul).unwrap(), seun.stem()).hangul();
    let fortune = s.post(&path, Some(&t), json!({"message": "올해 운세는 어때요?"})).await;
    let text = reply(&fortune);
    assert!(text.contains(&format!("{year}년 세운 {}", seun.hangul())), "{text}");
    assert!(finding_codes(&fortune).contains(&format!("seun:{god}")), "{}", fortune.text);
    let seun_passages: Vec<String> =
        kb.select(&[format!("seun:{god}")], Some("year_fortune")).into_iter().map(|p| p.id.clone()).collect();
    assert!(cited(&fortune).iter().any(|id| seun_passages.contains(id)), "{:?}", cited(&fortune));
    cites_its_passages(&fortune);

    // 4. 궁합 with a second person: both charts, both day pillars, compatibility findings and passages.
    let his = chart("1992-03-04T10:00", "male");
    let compat =
        s.post(&path, Some(&t), json!({"message": "남자친구랑 궁합 봐주세요. 1992년 3월 4일 오전 10시생이에요"})).await;
    assert_eq!(compat.body["chart"]["pillars"]["day"]["hangul"], p.day.hangul, "{}", compat.text);
    assert_eq!(compat.body["partner_chart"]["pillars"]["day"]["hangul"], his.pillars.day.hangul);
    assert_eq!(compat.body["partner_chart"]["input"]["gender"], "male");
    let text = reply(&compat);
    assert!(text.contains(p.day.hangul) && text.contains(his.pillars.day.hangul), "{text}");
    let codes = finding_codes(&compat);
    assert!(codes.contains(&format!("compat:day_pillars:{}-{}", p.day.hangul, his.pillars.day.hangul)), "{codes:?}");
    assert!(codes.iter().filter(|c| c.starts_with("compat:")).count() >= 3, "{codes:?}");
    assert!(cited(&compat).contains(&"topics.compat.overview".to_string()));
    cites_its_passages(&compat);

    // 5. A term: the passage that explains it, cited.
    let term = s.post(&path, Some(&t), json!({"message": "편관이 뭐예요?"})).await;
    let first_cited = &term.body["citations"][0];
    assert!(first_cited["title"].as_str().unwrap().contains("편관"), "{}", term.text);
    assert!(reply(&term).starts_with(first_cited["title"].as_str().unwrap()), "{}", term.text);
    assert!(
        reply(&term).contains('¹') && !reply(&term).contains(&format!("[{}]", first_cited["id"].as_str().unwrap()))
    );

    // 6. 오늘의 운세 streamed: the streamed text is the reply, and equals the same question answered plainly.
    let (text, done) = streamed(&s, &t, &id, "오늘의 운세 알려줘").await;
    assert_eq!(text, done["reply"].as_str().unwrap());
    assert!(done["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"].as_str().unwrap().starts_with("today_pillar:")));
    // The same question again in the same session: only what was not said yet, nothing twice.
    let again = s.post(&path, Some(&t), json!({"message": "오늘의 운세 알려줘"})).await;
    let said: Vec<&str> = text.split(['\n', '.']).map(str::trim).filter(|l| l.chars().count() >= 12).collect();
    assert!(!reply(&again).is_empty());
    assert!(reply(&again).split(['\n', '.']).map(str::trim).all(|l| !said.contains(&l)), "{}", reply(&again));
}

#[tokio::test]
async fn follow_up_questions_gather_the_birth_over_turns() {
    let s = TestServer::start().await;
    let t = s.user().await;
    let id = s.post("/v1/sessions", Some(&t), json!({})).await.body["id"].as_str().unwrap().to_string();
    let path = format!("/v1/sessions/{id}/messages");
    let year = s.post(&path, Some(&t), json!({"message": "5월 15일생인데 재물운이 궁금해요"})).await;
    assert_eq!(year.body["follow_up"], "year", "{}", year.text);
    let ampm = s.post(&path, Some(&t), json!({"message": "90년생이고 3시쯤 태어났어요"})).await;
    assert_eq!(ampm.body["follow_up"], "am_pm", "{}", ampm.text);
    // 재물 needs no gender: answered at once, the chart read without it (no 대운), and that said once.
    let answer = s.post(&path, Some(&t), json!({"message": "오후요"})).await;
    assert!(answer.body["follow_up"].is_null(), "{}", answer.text);
    let expected = chart("1990-05-15T15:00", "male");
    assert_eq!(answer.body["chart"]["pillars"]["day"]["hangul"], expected.pillars.day.hangul, "{}", answer.text);
    assert_eq!(answer.body["chart"]["pillars"]["hour"]["hangul"], expected.pillars.hour.as_ref().unwrap().hangul);
    assert_eq!(answer.body["chart"]["input"]["gender"], "unknown", "{}", answer.text);
    assert_eq!(answer.body["chart"]["daeun"]["pillars"].as_array().map(Vec::len), Some(0), "{}", answer.text);
    // The question asked before the follow-ups is the one answered, with its caution.
    assert!(reply(&answer).contains("재물") && reply(&answer).contains("전문가의 조언"), "{}", reply(&answer));
    assert!(reply(&answer).contains("성별을 모르는 채로"), "{}", reply(&answer));
    let hello = s.post(&path, Some(&t), json!({"message": "안녕하세요"})).await;
    assert!(hello.body["chart"].is_null() && hello.body["follow_up"].is_null());
    // The gender told later: the same question read with it, the 대운 included.
    let male = s.post(&path, Some(&t), json!({"message": "남자예요"})).await;
    assert_eq!(male.body["chart"]["input"]["gender"], "male", "{}", male.text);
    assert!(male.body["chart"]["daeun"]["pillars"].as_array().is_some_and(|p| p.len() >= 8), "{}", male.text);
    assert!(!reply(&male).contains("성별을 모르는 채로"), "{}", reply(&male));

    // 연애 needs the gender: asked once; not given then, read without it.
    let love = s.post("/v1/sessions", Some(&t), json!({})).await.body["id"].as_str().unwrap().to_string();
    let love = format!("/v1/sessions/{love}/messages");
    let asked = s.post(&love, Some(&t), json!({"message": "1990년 5월 15일 오후 3시생, 연애운 궁금해요"})).await;
    assert_eq!(asked.body["follow_up"], "gender", "{}", asked.text);
    let anyway = s.post(&love, Some(&t), json!({"message": "그냥 봐주세요"})).await;
    assert!(
        anyway.body["follow_up"].is_null() && anyway.body["chart"]["input"]["gender"] == "unknown",
        "{}",
        anyway.text
    );

    let unknown = s.post("/v1/sessions", Some(&t), json!({})).await.body["id"].as_str().unwrap().to_string();
    let path = format!("/v1/sessions/{unknown}/messages");
    let hour = s.post(&path, Some(&t), json!({"message": "1988년 11월 3일생 여자예요"})).await;
    assert_eq!(hour.body["follow_up"], "hour", "{}", hour.text);
    let three = s.post(&path, Some(&t), json!({"message": "시간은 몰라요"})).await;
    assert!(three.body["chart"]["pillars"]["hour"].is_null(), "{}", three.text);
    assert!(reply(&three).contains("세 기둥"), "{}", reply(&three));
    let off = s.post(&path, Some(&t), json!({"message": "주식 종목 추천해 주세요"})).await;
    assert!(reply(&off).contains("사주") && off.body["chart"].is_null(), "{}", off.text);
}

/// The page's 궁합 button: a session about the first saved person, and a message naming both, as the page
/// words it ("나와 민수의 궁합을 봐 주세요." for the user, "엄마와 아빠의 …" for two others).
#[tokio::test]
async fn compatibility_between_two_saved_profiles() {
    let s = TestServer::start().await;
    let t = s.user().await;
    let people = [
        ("나", "self", "1990-05-15T15:30", "female"),
        ("민수", "partner", "1988-11-03T14:20", "male"),
        ("엄마", "family", "1962-02-07T06:00", "female"),
        ("아빠", "family", "1959-09-21T22:10", "male"),
    ];
    let mut ids = std::collections::HashMap::new();
    for (name, relation, datetime, gender) in people {
        let body = json!({"name": name, "relation": relation, "birth": {"datetime": datetime, "gender": gender}});
        let r = s.post("/v1/profiles", Some(&t), body).await;
        assert_eq!(r.status, 201, "{}", r.text);
        ids.insert(name, r.body["id"].as_str().unwrap().to_string());
    }
    for (first, second, said) in [("나", "민수", "나"), ("엄마", "아빠", "엄마")] {
        let session = s.post("/v1/sessions", Some(&t), json!({"profile_id": ids[first]})).await;
        let path = format!("/v1/sessions/{}/messages", session.body["id"].as_str().unwrap());
        let r = s.post(&path, Some(&t), json!({"message": format!("{said}와 {second}의 궁합을 봐 주세요.")})).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let person = |n: &str| people.iter().find(|p| p.0 == n).map(|p| chart(p.2, p.3)).unwrap();
        let (a, b) = (person(first), person(second));
        assert_eq!(r.body["chart"]["pillars"]["day"]["hangul"], a.pillars.day.hangul, "{first}: {}", r.text);
        assert_eq!(r.body["partner_chart"]["pillars"]["day"]["hangul"], b.pillars.day.hangul, "{second}: {}", r.text);
        assert!(finding_codes(&r).iter().any(|c| c.starts_with("compat")), "{:?}", finding_codes(&r));
        let text = reply(&r);
        assert!(text.contains(a.pillars.day.hangul) && text.contains(b.pillars.day.hangul), "{text}");
    }
    s.stop().await;
}
