use crate::common::*;
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};
use serde_json::json;

#[tokio::test]
async fn chart_answer_is_the_engines_chart() {
    let s = TestServer::start().await;
    let r = s.post("/v1/charts", None, birth()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let request = ChartRequest { datetime: "1990-05-15T15:30".into(), gender: "male".into(), ..Default::default() };
    let expected =
        serde_json::to_value(build_chart(&request.parse().unwrap(), &ChartExtras::default()).unwrap()).unwrap();
    assert_eq!(r.body, expected);
    assert_eq!(r.body["pillars"]["day"]["hanja"], "庚辰");
    let with_luck = s.post("/v1/charts?seun=2025-2027&wolun=2025", None, birth()).await;
    assert_eq!(with_luck.body["seun"].as_array().unwrap().len(), 3);
    assert_eq!(with_luck.body["wolun"]["months"].as_array().unwrap().len(), 12);
}

#[tokio::test]
async fn invalid_input_is_a_json_error_with_the_right_status() {
    let s = TestServer::start().await;
    assert_error(
        &s.post("/v1/charts", None, json!({"datetime": "1990-05-15T15:30", "gender": "x"})).await,
        400,
        "invalid_request",
    );
    assert_error(
        &s.post("/v1/charts", None, json!({"datetime": "1990-02-30T10:00", "gender": "male"})).await,
        400,
        "invalid_date",
    );
    assert_error(
        &s.post("/v1/charts", None, json!({"datetime": "garbage", "gender": "male"})).await,
        400,
        "invalid_date",
    );
    assert_error(
        &s.post("/v1/charts", None, json!({"datetime": "1990-05-15", "gender": "male", "extra": 1})).await,
        400,
        "invalid_request",
    );
    let leap =
        json!({"calendar": "korean_lunar", "datetime": "2023-04-01T10:00", "gender": "male", "leap_month": true});
    let r = s.post("/v1/charts", None, leap).await;
    assert_error(&r, 422, "no_such_leap_month");
    assert!(r.body["message"].as_str().unwrap().contains("윤2월"));
    let gap = json!({"datetime": "1988-05-08T02:30", "gender": "male", "disambiguation": "reject"});
    assert_error(&s.post("/v1/charts", None, gap).await, 422, "nonexistent_local_time");
    assert_error(
        &s.post("/v1/charts", None, json!({"datetime": "1700-01-01T10:00", "gender": "male"})).await,
        422,
        "out_of_range",
    );
    assert_error(&s.post("/v1/charts?seun=abc", None, birth()).await, 400, "invalid_input");
    let raw = s
        .client
        .post(format!("{}/v1/charts", s.base))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 400);
    let wrong_type = s
        .client
        .post(format!("{}/v1/charts", s.base))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_type.status(), 415);
    let body: serde_json::Value = wrong_type.json().await.unwrap();
    assert_eq!(body["code"], "unsupported_media_type");
}

#[tokio::test]
async fn batch_answers_every_item_in_order() {
    let s = TestServer::start().await;
    let items = json!({"items": [
        {"id": "a", "input": {"datetime": "1990-05-15T15:30", "gender": "male"}},
        {"id": "b", "input": {"datetime": "1990-05-15T15:30", "gender": "alien"}},
        {"id": "c", "input": {"calendar": "korean_lunar", "datetime": "2020-04-01T10:00", "gender": "female", "leap_month": true}},
        {"id": "d", "input": "not an object"},
    ]});
    let r = s.post("/v1/charts/batch", None, items).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let results = r.body["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(results[0]["answer"]["pillars"]["year"]["hangul"], "경오");
    assert_eq!(results[1]["error"]["code"], "invalid_input");
    assert_eq!(results[2]["answer"]["birth"]["solar_date"], "2020-05-23");
    assert_eq!(results[3]["error"]["code"], "invalid_input");
    let too_many: Vec<_> = (0..1001).map(|i| json!({"id": i.to_string(), "input": birth()})).collect();
    assert_eq!(s.post("/v1/charts/batch", None, json!({"items": too_many})).await.status, 400);
    let thousand: Vec<_> = (0..1000).map(|i| json!({"id": i.to_string(), "input": birth()})).collect();
    let big =
        s.client.post(format!("{}/v1/charts/batch", s.base)).json(&json!({"items": thousand})).send().await.unwrap();
    // 1000 items fit the default 256 KiB body limit only when small; this body is ~75 KB.
    assert_eq!(big.status(), 200);
}

#[tokio::test]
async fn calendar_routes() {
    let s = TestServer::start().await;
    let r = s.post("/v1/calendar/lunar-to-solar", None, json!({"year": 2005, "month": 11, "day": 14})).await;
    assert_eq!(r.body, json!({"solar": "2005-12-15"}));
    let r =
        s.post("/v1/calendar/lunar-to-solar", None, json!({"year": 2023, "month": 4, "day": 1, "leap": true})).await;
    assert_error(&r, 422, "no_such_leap_month");
    let r = s.post("/v1/calendar/solar-to-lunar", None, json!({"solar": "2020-05-23"})).await;
    assert_eq!(r.body["leap"], true);
    assert_eq!(r.body["text"], "음력 2020년 윤4월 1일");
    assert_error(
        &s.post("/v1/calendar/solar-to-lunar", None, json!({"solar": "2023-02-29"})).await,
        400,
        "invalid_date",
    );
    let r = s.get("/v1/calendar/terms/2025", None).await;
    assert_eq!(r.body["terms"].as_array().unwrap().len(), 24);
    assert!(r.body["terms"][2]["local"].as_str().unwrap().starts_with("2025-02-03T23:10"));
    let ny = s.get("/v1/calendar/terms/2025?tz=America/New_York", None).await;
    assert_eq!(ny.body["terms"][2]["utc_offset"], "-05:00");
    assert_error(&s.get("/v1/calendar/terms/3000", None).await, 400, "invalid_request");
    assert_error(&s.get("/v1/calendar/terms/2025?tz=Nowhere/City", None).await, 400, "unknown_timezone");
}

#[tokio::test]
async fn conventions_are_accepted_everywhere_a_birth_is() {
    let s = TestServer::start().await;
    // 2021-01-01 00:01 in Seoul: the Korean app's chart (기유일 갑자시 from 2020-12-31 23:28 local mean time).
    let body = json!({"datetime": "2021-01-01T00:01", "gender": "male", "convention": "korean_app"});
    let r = s.post("/v1/charts", None, body.clone()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["input"]["convention"], "korean_app");
    assert_eq!(r.body["input"]["zi_hour"], "next_day");
    assert_eq!(r.body["input"]["time_correction"], "longitude");
    assert_eq!(r.body["input"]["summer_time"], "remove");
    assert_eq!(r.body["input"]["disambiguation"], "later");
    assert_eq!(r.body["pillars"]["day"]["hangul"], "기유");
    assert_eq!(r.body["pillars"]["hour"]["hangul"], "갑자");
    // An explicit field overrides the preset.
    let fixed =
        json!({"datetime": "2024-03-10T23:45", "gender": "male", "convention": "fixed_127_5", "zi_hour": "same_day"});
    let r = s.post("/v1/charts", None, fixed).await;
    assert_eq!(
        (r.body["input"]["longitude"].as_f64(), &r.body["pillars"]["hour"]["hangul"]),
        (Some(127.5), &json!("임자"))
    );
    let svg = s.post("/v1/charts.svg", None, body.clone()).await;
    assert_eq!(svg.status, 200, "{}", svg.text);
    let batch = s
        .post(
            "/v1/charts/batch",
            None,
            json!({"items": [{"id": "a", "input": body}, {"id": "b", "input": {"datetime": "2021-01-01T00:01", "gender": "male", "convention": "nope"}}]}),
        )
        .await;
    assert_eq!(batch.body["results"][0]["answer"]["input"]["convention"], "korean_app");
    assert_eq!(batch.body["results"][1]["error"]["code"], "invalid_input");
    // Unknown preset or summer_time values are refused by the schema.
    for bad in [json!({"convention": "forceteller"}), json!({"summer_time": "drop"}), json!({"zi_hour": "late"})] {
        let mut b = json!({"datetime": "2021-01-01T00:01", "gender": "male"});
        b.as_object_mut().unwrap().extend(bad.as_object().unwrap().clone());
        assert_error(&s.post("/v1/charts", None, b).await, 400, "invalid_request");
    }
    // Summer time comes off by default (standard time, Korean practice): 09:30 KDT is read as 08:30.
    let summer = s.post("/v1/charts", None, json!({"datetime": "1988-07-01T09:30", "gender": "female"})).await;
    assert_eq!(summer.body["birth"]["correction"]["summer_time"], "removed");
    assert_eq!(summer.body["birth"]["corrected_clock"], "1988-07-01T08:30:00");
    assert_eq!(summer.body["input"]["time_correction"], "standard");
    // `none` is the clock as given: summer time kept, with a warning carrying the standard-time pillars.
    let kept = s
        .post(
            "/v1/charts",
            None,
            json!({"datetime": "1988-07-01T09:30", "gender": "female", "time_correction": "none"}),
        )
        .await;
    let codes: Vec<&str> =
        kept.body["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"summer_time_kept"), "{codes:?}");
    assert_eq!(kept.body["birth"]["correction"]["summer_time"], "kept");
    // Asking to keep summer time together with a correction is refused, not guessed.
    let clash = json!({"datetime": "1988-07-01T09:30", "gender": "female", "time_correction": "longitude", "summer_time": "keep"});
    assert_error(&s.post("/v1/charts", None, clash).await, 400, "invalid_input");
}

#[tokio::test]
async fn timing_route_scores_the_years_and_names_their_strains() {
    let s = TestServer::start().await;
    // 경진일 (庚辰): 2030 경술 clashes the day branch (진술충), 2031 신해 is its 원진, 2032 임자 strains nothing.
    let r = s.post("/v1/charts/timing?area=love&from=2030&years=3", None, birth()).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let years = r.body["years"].as_array().expect("years");
    assert_eq!(years.len(), 3);
    let cautions = |i: usize| -> Vec<String> {
        years[i]["cautions"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect()
    };
    assert!(cautions(0).iter().any(|c| c.contains("일지") && c.ends_with("충")), "{:?}", cautions(0));
    assert!(cautions(1).iter().any(|c| c.ends_with("원진")), "{:?}", cautions(1));
    assert!(cautions(2).is_empty(), "{:?}", cautions(2));
    assert_error(&s.post("/v1/charts/timing?area=lottery", None, birth()).await, 400, "invalid_input");
}
