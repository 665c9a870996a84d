//! The `saju` command line as a user runs it: the real binary, its output and exit status.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn saju(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_saju")).args(args).output().expect("run saju")
}

fn saju_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_saju"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn saju");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn chart_prints_a_korean_table() {
    let o = saju(&["chart", "--date", "1990-05-15", "--time", "15:30", "--tz", "Asia/Seoul", "--gender", "male"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for expected in [
        "시주",
        "일주",
        "월주",
        "년주",
        "甲갑",
        "庚경",
        "辛신",
        "申신",
        "辰진",
        "巳사",
        "午오",
        "일간: 경금(庚金)",
        "대운 (순행",
        "임오",
        "12운성",
        "지장간",
    ] {
        assert!(out.contains(expected), "missing {expected} in\n{out}");
    }
}

#[test]
fn chart_json_has_the_documented_shape() {
    let o = saju(&["chart", "--date", "1990-05-15", "--time", "15:30", "--gender", "male", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(c["utc"], "1990-05-15T06:30:00Z");
    assert_eq!(c["pillars"]["year"]["hangul"], "경오");
    assert_eq!(c["pillars"]["year"]["hanja"], "庚午");
    assert_eq!(c["pillars"]["month"]["hangul"], "신사");
    assert_eq!(c["pillars"]["day"]["hangul"], "경진");
    assert_eq!(c["pillars"]["hour"]["hangul"], "갑신");
    assert_eq!(c["daeun"]["direction"], "forward");
    assert_eq!(c["daeun"]["start_age"]["years"], 7);
    assert_eq!(c["daeun"]["pillars"].as_array().unwrap().len(), 10);
    assert_eq!(c["daeun"]["pillars"][0]["hangul"], "임오");
    assert_eq!(c["input"]["zi_hour"], "split");
    assert_eq!(c["input"]["convention"], "classic");
    assert_eq!(c["birth"]["correction"]["method"], "standard");
}

#[test]
fn chart_takes_a_convention_preset_and_overrides() {
    // 1987-05-10 02:30 Seoul (a summer-time gap): the Korean app reads it as KDT, then as local mean time.
    let base = ["chart", "--date", "1987-05-10", "--time", "02:30", "--gender", "male", "--json"];
    let o = saju(&[&base[..], &["--convention", "korean_app"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(c["input"]["convention"], "korean_app");
    assert_eq!(
        (c["birth"]["utc_offset"].as_str(), c["birth"]["zone_abbreviation"].as_str()),
        (Some("+10:00"), Some("KDT"))
    );
    assert_eq!(c["pillars"]["day"]["hangul"], "기미");
    assert_eq!(c["pillars"]["hour"]["hangul"], "갑자");
    let o = saju(&[&base[..], &["--convention", "korean_app", "--disambiguation", "earlier"]].concat());
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!((c["birth"]["utc_offset"].as_str(), c["birth"]["dst"].as_bool()), (Some("+09:00"), Some(false)));
    assert_eq!(c["input"]["disambiguation"], "earlier");
    let o = saju(&[
        "chart",
        "--date",
        "1988-07-01",
        "--time",
        "09:30",
        "--gender",
        "female",
        "--json",
        "--summer-time",
        "remove",
    ]);
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(c["pillars"]["hour"]["hangul"], "갑진");
    let o = saju(&["chart", "--date", "2024-03-10", "--time", "23:30", "--gender", "male", "--zi-hour", "same_day"]);
    assert!(stdout(&o).contains("자정 기준"), "{}", stdout(&o));
    let bad = saju(&["chart", "--date", "2024-03-10", "--gender", "male", "--convention", "nope"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("convention"), "{}", stderr(&bad));
    let batch = saju_stdin(
        &["chart", "--batch", "-"],
        r#"{"id": 1, "input": {"datetime": "2021-01-01T00:01", "gender": "male", "convention": "korean_app"}}"#,
    );
    let lines = json_lines(&batch);
    assert_eq!(lines[0]["answer"]["input"]["convention"], "korean_app");
    assert_eq!(lines[0]["answer"]["pillars"]["day"]["hangul"], "기유");
}

#[test]
fn lunar_input_with_leap_month_and_corrections() {
    let o = saju(&[
        "chart",
        "--date",
        "2020-04-15",
        "--time",
        "10:00",
        "--lunar",
        "--leap",
        "--gender",
        "female",
        "--time-correction",
        "longitude",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(c["birth"]["solar_date"], "2020-06-06");
    assert_eq!(c["birth"]["lunar_date"]["leap"], true);
    assert_eq!(c["birth"]["correction"]["method"], "longitude");
    assert_eq!(c["birth"]["corrected_clock"], "2020-06-06T09:27:52");
}

#[test]
fn unknown_hour_gives_three_pillars_and_says_so() {
    let o = saju(&["chart", "--date", "1990-05-15", "--gender", "female", "--json"]);
    assert!(o.status.success());
    let c: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(c["pillars"]["hour"].is_null());
    assert!(c["warnings"].as_array().unwrap().iter().any(|w| w["code"] == "hour_unknown"));
}

#[test]
fn bad_input_is_one_line_on_stderr_and_exit_1() {
    for args in [
        vec!["chart", "--date", "1990-02-30", "--time", "10:00", "--gender", "male"],
        vec!["chart", "--date", "2023-04-01", "--lunar", "--leap", "--gender", "male"],
        vec!["chart", "--date", "1990-05-15", "--time", "10:00", "--gender", "male", "--tz", "Mars/Base"],
        vec!["chart", "--date", "1988-05-08", "--time", "02:30", "--gender", "male", "--disambiguation", "reject"],
        vec!["calendar", "lunar-to-solar", "2023-04-01", "--leap"],
        vec!["calendar", "terms", "--year", "3000"],
    ] {
        let o = saju(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("saju: 오류: "), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(stdout(&o).is_empty());
    }
    let leap = stderr(&saju(&["calendar", "lunar-to-solar", "2023-04-01", "--leap"]));
    assert!(leap.contains("윤4월이 없습니다") && leap.contains("윤2월"), "{leap}");
}

#[test]
fn chart_batch_answers_every_line_and_goes_on_after_bad_ones() {
    let input = [
        r#"{"id": "a", "input": {"calendar": "solar", "datetime": "1990-05-15T15:30:00", "timezone": "Asia/Seoul", "gender": "male"}}"#,
        r#"this is not json"#,
        r#"{"id": "c", "input": {"datetime": "1990-05-15T15:30:00", "gender": "alien"}}"#,
        r#"{"id": "d", "input": {"calendar": "korean_lunar", "datetime": "2021-04-01T10:00:00", "gender": "female", "leap_month": true}}"#,
        "",
        r#"{"id": 7, "input": {"calendar": "korean_lunar", "datetime": "2020-04-01T10:00:00", "gender": "female", "leap_month": true, "zi_hour": "next_day", "time_correction": "true_solar"}}"#,
        r#"{"id": "f"}"#,
    ]
    .join("\n");
    let o = saju_stdin(&["chart", "--batch", "-"], &input);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["answer"]["pillars"]["day"]["hanja"], "庚辰");
    assert_eq!(lines[1]["error"]["code"], "invalid_json");
    assert_eq!(lines[2]["id"], "c");
    assert_eq!(lines[2]["error"]["code"], "invalid_input");
    assert_eq!(lines[3]["error"]["code"], "no_such_leap_month");
    assert_eq!(lines[4]["id"], 7);
    assert_eq!(lines[4]["answer"]["input"]["time_correction"], "true_solar");
    assert!(lines[4]["answer"]["utc"].as_str().unwrap().ends_with('Z'));
    assert_eq!(lines[5]["error"]["code"], "invalid_input");
}

#[test]
fn chart_batch_reads_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    let mut body = String::new();
    for i in 0..50 {
        body.push_str(&format!(
            "{{\"id\": \"{i}\", \"input\": {{\"datetime\": \"{}-03-0{}T0{}:15:00\", \"gender\": \"female\"}}}}\n",
            1950 + i,
            1 + i % 9,
            i % 10
        ));
    }
    std::fs::write(&path, body).unwrap();
    let o = saju(&["chart", "--batch", path.to_str().unwrap()]);
    assert!(o.status.success());
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 50);
    assert!(lines.iter().all(|l| l["answer"]["daeun"]["pillars"].as_array().unwrap().len() == 10));
    let missing = saju(&["chart", "--batch", "/nonexistent/file.jsonl"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn calendar_conversions() {
    let o = saju(&["calendar", "lunar-to-solar", "2005-11-14"]);
    assert!(stdout(&o).contains("2005-12-15"), "{}", stdout(&o));
    let o = saju(&["calendar", "solar-to-lunar", "2005-12-15", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        (v["lunar"]["year"].as_i64(), v["lunar"]["month"].as_i64(), v["lunar"]["day"].as_i64()),
        (Some(2005), Some(11), Some(14))
    );
    let o = saju(&["calendar", "lunar-to-solar", "2020-04-01", "--leap", "--json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["solar"], "2020-05-23");
}

#[test]
fn calendar_terms_of_a_year() {
    let o = saju(&["calendar", "terms", "--year", "2025", "--json"]);
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let terms = v["terms"].as_array().unwrap();
    assert_eq!(terms.len(), 24);
    assert_eq!(terms[2]["name"], "입춘");
    assert!(terms[2]["local"].as_str().unwrap().starts_with("2025-02-03T23:10"), "{}", terms[2]["local"]);
    assert_eq!(terms[2]["utc_offset"], "+09:00");
    let table = stdout(&saju(&["calendar", "terms", "--year", "2025"]));
    assert_eq!(table.lines().count(), 25);
    assert!(table.contains("동지(冬至)"));
}

#[test]
fn calendar_batch() {
    let input = [
        r#"{"id": "1", "direction": "lunar_to_solar", "input": {"year": 2005, "month": 11, "day": 14, "leap": false}}"#,
        r#"{"id": "2", "direction": "solar_to_lunar", "input": {"solar": "2020-05-23"}}"#,
        r#"{"id": "3", "direction": "lunar_to_solar", "input": {"year": 2023, "month": 4, "day": 1, "leap": true}}"#,
        r#"{"id": "4", "direction": "lunar_to_solar", "input": {"year": 2024, "month": 1, "day": 30}}"#,
        r#"{"id": "5", "direction": "solar_to_lunar", "input": {"solar": "2023-02-29"}}"#,
        r#"{"id": "6", "direction": "sideways", "input": {}}"#,
    ]
    .join("\n");
    let lines = json_lines(&saju_stdin(&["calendar", "--batch", "-"], &input));
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0]["answer"], serde_json::json!({"valid": true, "solar": "2005-12-15"}));
    assert_eq!(
        lines[1]["answer"],
        serde_json::json!({"valid": true, "year": 2020, "month": 4, "day": 1, "leap": true})
    );
    assert_eq!(lines[2]["answer"]["valid"], false);
    assert!(lines[2]["answer"]["message"].as_str().unwrap().contains("윤4월"));
    assert_eq!(lines[3]["answer"]["valid"], false);
    assert_eq!(lines[3]["answer"]["code"], "lunar_day_out_of_range");
    assert_eq!(lines[4]["answer"]["valid"], false);
    assert_eq!(lines[5]["error"]["code"], "invalid_input");
}

#[test]
fn births_outside_1800_to_2200_are_refused_clearly() {
    for date in ["1799-12-31", "2201-01-01"] {
        let o = saju(&["chart", "--date", date, "--time", "12:00", "--gender", "male"]);
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("1800-01-01 ~ 2200-12-31"), "{}", stderr(&o));
    }
    for date in ["1800-01-01", "2200-12-31"] {
        let o = saju(&["chart", "--date", date, "--time", "12:00", "--gender", "female", "--json"]);
        assert!(o.status.success(), "{date}: {}", stderr(&o));
    }
}

#[test]
fn ask_answers_from_the_chart_and_the_knowledge_base() {
    let o = saju(&["ask", "1990년 5월 15일 오후 3시 30분 남자, 재물운이 궁금해요", "--verbose"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("경오년 신사월 경진일 갑신시"), "{out}");
    assert!(out.contains("생성기: composer"));
    assert!(out.contains("근거: 일간 경금(庚金) (day_stem:경)"), "{out}");
    assert!(out.contains("인용: ["), "{out}");
    assert!(out.contains("전통 명리"), "money questions carry the caution: {out}");
    let no_birth = saju(&["ask", "사주가 뭐예요?"]);
    assert!(no_birth.status.success());
    assert!(stdout(&no_birth).contains("생년월일"));
    // The same turn as the chat: what is missing is asked, as the chat would ask it.
    let no_gender = saju(&["ask", "1990년 5월 15일 오후 3시 30분에 태어났어요", "--verbose"]);
    assert!(no_gender.status.success(), "{}", stderr(&no_gender));
    assert!(stdout(&no_gender).contains("성별") && stdout(&no_gender).contains("되묻는 항목: gender"));
}

#[test]
fn chart_svg_writes_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.svg");
    let args = ["chart", "--date", "1990-05-15", "--time", "15:30", "--gender", "male", "--seun", "2030"];
    let o = saju(&[&args[..], &["--svg", path.to_str().unwrap()]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("庚경 금+"), "the table is still printed");
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(">庚<") && svg.contains(">辰<") && svg.contains("세운 · 2030년"), "{svg}");
    let to_stdout = saju(&[&args[..], &["--svg", "-"]].concat());
    assert!(stdout(&to_stdout).trim_end().ends_with("</svg>"));
    let unwritable = saju(&[&args[..], &["--svg", "/nonexistent-dir/chart.svg"]].concat());
    assert_eq!(unwritable.status.code(), Some(1));
    assert_eq!(stderr(&unwritable).lines().count(), 1, "{}", stderr(&unwritable));
}

#[test]
fn timing_prints_the_scored_years_with_their_strains() {
    let args = ["timing", "--date", "1990-05-15", "--time", "15:30", "--gender", "male", "--area", "love"];
    let o = saju(&[&args[..], &["--from", "2030", "--years", "3"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    // 경진일: 2030 경술 clashes the day branch, 2032 임자 strains nothing.
    let line = |y: &str| text.lines().find(|l| l.contains(y)).unwrap_or_default().to_string();
    assert!(line("2030년").contains("[주의: 일지 진과 술이 충"), "{text}");
    assert!(!line("2032년").contains("주의"), "{text}");
    let json = saju(&[&args[..], &["--from", "2030", "--years", "1", "--json"]].concat());
    let v: Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(v.to_string().contains("진술충") || v.to_string().contains("술이 충"), "{v}");
    let bad = saju(&["timing", "--date", "1990-05-15", "--gender", "male", "--area", "lottery"]);
    assert!(!bad.status.success());
}

/// `saju ask … | head -1`: a reader that goes away before the answer is printed ends the command quietly,
/// as it does any Unix tool — no panic and no backtrace on stderr.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::os::unix::process::ExitStatusExt;
    for args in
        [&["ask", "1990년 5월 15일 오후 3시 30분 남자, 올해 운세는?"][..], &["calendar", "terms", "--year", "2026"][..]]
    {
        let mut child = Command::new(env!("CARGO_BIN_EXE_saju"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn saju");
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(out.status.success() || out.status.signal() == Some(libc::SIGPIPE), "{args:?}: {:?} {err}", out.status);
    }
}
