//! Directories, reload without restart, duplicate ids, and the operator's choices across restarts.

use super::fixtures::*;
use super::{chart, registry};

#[test]
fn reload_picks_up_added_changed_and_removed_files_and_forgets_faults() {
    let dir = tempfile::tempdir().unwrap();
    let reg = registry(dir.path(), None);
    assert!(reg.list().is_empty());
    let c = chart("1988-02-29T08:10", "female");
    write(dir.path(), "one.wasm", &Fixture::new("one", Body::Wat(TRAP)));
    assert!(reg.interpret(&c).is_empty(), "a new file is not seen before reload");
    let listed = reg.reload();
    assert_eq!(listed.len(), 1);
    assert!(reg.interpret(&c).is_empty());
    assert!(!reg.get("one").unwrap().enabled, "the trap disabled it");
    // A fixed version of the same plugin replaces the file; reload compiles it and clears the fault.
    write(dir.path(), "one.wasm", &Fixture::new("one", Body::Findings(vec![good_finding("fixed")])));
    reg.reload();
    assert!(reg.get("one").unwrap().enabled);
    assert_eq!(reg.interpret(&c)[0].code, "plugin:one:fixed");
    std::fs::remove_file(dir.path().join("one.wasm")).unwrap();
    assert!(reg.reload().is_empty());
    assert!(reg.interpret(&c).is_empty());
}

#[test]
fn a_second_file_with_the_same_id_is_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.wasm", &Fixture::new("same", Body::Findings(vec![good_finding("first")])));
    write(dir.path(), "b.wasm", &Fixture::new("same", Body::Findings(vec![good_finding("second")])));
    let reg = registry(dir.path(), None);
    let list = reg.list();
    assert_eq!(list.len(), 2);
    assert!(list[0].enabled);
    assert!(list[1].disabled_reason.as_deref().unwrap().contains("겹칩니다"), "{list:?}");
    let found = reg.interpret(&chart("1990-05-15T15:30", "male"));
    assert_eq!(found.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["plugin:same:first"]);
}

#[test]
fn the_operators_choice_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state/plugin-state.json");
    write(dir.path(), "p.wasm", &Fixture::new("p", Body::Findings(vec![good_finding("x")])));
    let c = chart("1990-05-15T15:30", "male");
    let reg = registry(dir.path(), Some(state.clone()));
    assert_eq!(reg.interpret(&c).len(), 1);
    let info = reg.set_enabled("p", false).unwrap();
    assert!(!info.enabled);
    assert!(reg.interpret(&c).is_empty());
    drop(reg);
    let restarted = registry(dir.path(), Some(state.clone()));
    assert_eq!(restarted.get("p").unwrap().disabled_reason.as_deref(), Some("관리자가 껐습니다"));
    assert!(restarted.interpret(&c).is_empty());
    restarted.set_enabled("p", true).unwrap();
    assert_eq!(registry(dir.path(), Some(state)).interpret(&c).len(), 1);
    assert!(restarted.set_enabled("nobody", true).is_err());
}

#[test]
fn a_plugin_may_call_the_host_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = Fixture::new("chatty", Body::Findings(vec![good_finding("q")]));
    f.log_first = true;
    assert!(module_wat(&f).contains("saju:plugin/host@1.0.0"));
    write(dir.path(), "chatty.wasm", &f);
    let reg = registry(dir.path(), None);
    assert_eq!(reg.interpret(&chart("1990-05-15T15:30", "male")).len(), 1);
    assert!(reg.get("chatty").unwrap().enabled);
}
