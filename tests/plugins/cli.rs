//! `saju plugins …` as a user runs it.

use super::fixtures::*;
use std::process::{Command, Output};

fn saju(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_saju")).args(args).env_clear().output().expect("run saju")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

#[test]
fn check_prints_the_metadata_of_a_valid_plugin() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.wasm", &Fixture::new("good", Body::Findings(vec![good_finding("a")])));
    let o = saju(&["plugins", "check", dir.path().join("good.wasm").to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("id: good") && out.contains("학파: 시험 학파") && out.contains("saju:plugin@1.0.0"), "{out}");
}

#[test]
fn check_refuses_another_contract_version_in_one_korean_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = Fixture::new("future", Body::Findings(vec![]));
    f.version = "2.0.0";
    write(dir.path(), "future.wasm", &f);
    let o = saju(&["plugins", "check", dir.path().join("future.wasm").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("계약 버전이 맞지 않습니다") && err.contains("saju:plugin@2.0.0"), "{err}");
}

#[test]
fn run_prints_findings_as_json_and_a_failing_plugin_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.wasm", &Fixture::new("good", Body::Findings(vec![good_finding("a")])));
    write(dir.path(), "spin.wasm", &Fixture::new("spin", Body::Wat(LOOP)));
    let good = dir.path().join("good.wasm");
    let args =
        ["plugins", "run", good.to_str().unwrap(), "--date", "1990-05-15", "--time", "15:30", "--gender", "male"];
    let o = saju(&[&args[..], &["--json"]].concat());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let found: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(found[0]["code"], "plugin:good:a");
    let table = text(&saju(&args).stdout);
    assert!(table.contains("시험 발견") && table.contains("plugin:good:a"), "{table}");
    let spin = dir.path().join("spin.wasm");
    let o = saju(&["plugins", "run", spin.to_str().unwrap(), "--date", "1990-05-15", "--gender", "male"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("deadline"), "{}", text(&o.stderr));
}

#[test]
fn list_shows_the_data_dir_plugins_and_their_state() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir(data.path().join("plugins")).unwrap();
    write(&data.path().join("plugins"), "good.wasm", &Fixture::new("good", Body::Findings(vec![])));
    std::fs::write(data.path().join("plugins/broken.wasm"), b"junk").unwrap();
    let o = saju(&["plugins", "list", "--data-dir", data.path().to_str().unwrap(), "--json"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2, "{list:?}");
    let broken = list.iter().find(|p| p["id"] == "broken").unwrap();
    assert_eq!(broken["enabled"], false);
    assert!(broken["disabled_reason"].as_str().unwrap().contains("컴포넌트가 아닙니다"));
    assert_eq!(list.iter().find(|p| p["id"] == "good").unwrap()["enabled"], true);
}
