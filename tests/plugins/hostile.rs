//! Contract checks at load time, and each hostile behaviour at call time.

use super::fixtures::*;
use super::{chart, registry};
use saju::plugins::{FaultKind, Host, Limits, LoadError};

fn load(f: &Fixture) -> Result<saju::plugins::Loaded, LoadError> {
    Host::new(Limits::default()).unwrap().load(&component(f))
}

#[test]
fn a_well_formed_fixture_loads_with_its_metadata() {
    let loaded = load(&Fixture::new("good", Body::Findings(vec![good_finding("a")]))).unwrap();
    assert_eq!(loaded.meta.id, "good");
    assert_eq!(loaded.meta.school, "시험 학파");
    assert_eq!(loaded.meta.intents, ["personality"]);
}

#[test]
fn another_major_version_of_the_contract_is_refused() {
    let mut f = Fixture::new("future", Body::Findings(vec![]));
    f.version = "2.0.0";
    match load(&f) {
        Err(LoadError::VersionMismatch { found }) => assert_eq!(found, "saju:plugin@2.0.0"),
        Err(other) => panic!("expected a version mismatch, got {other}"),
        Ok(_) => panic!("a 2.0.0 plugin loaded"),
    }
}

#[test]
fn an_import_the_contract_does_not_declare_is_refused() {
    let mut f = Fixture::new("netty", Body::Findings(vec![]));
    f.extra_wit = Some((NET_WIT, NET_IMPORT));
    match load(&f) {
        Err(LoadError::ForbiddenImport(name)) => assert_eq!(name, "saju:plugin/net@1.0.0"),
        Err(other) => panic!("expected a forbidden import, got {other}"),
        Ok(_) => panic!("a plugin importing net loaded"),
    }
}

#[test]
fn a_core_module_or_random_bytes_are_not_plugins() {
    let host = Host::new(Limits::default()).unwrap();
    let core = wat::parse_str("(module)").unwrap();
    assert!(matches!(host.load(&core), Err(LoadError::NotAComponent(_))));
    assert!(matches!(host.load(b"not wasm at all"), Err(LoadError::NotAComponent(_))));
}

#[test]
fn unknown_intents_in_metadata_are_refused() {
    let mut f = Fixture::new("odd", Body::Findings(vec![]));
    f.intents = vec!["lottery"];
    assert!(matches!(load(&f), Err(LoadError::Metadata(m)) if m.contains("lottery")));
}

/// Runs `bad` next to a good plugin: the good one's finding is returned, the bad one is disabled with
/// `kind`, and a second call still answers.
fn hostile(bad: Body, kind: FaultKind) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-good.wasm", &Fixture::new("good", Body::Findings(vec![good_finding("steady")])));
    write(dir.path(), "b-bad.wasm", &Fixture::new("bad", bad));
    let registry = registry(dir.path(), None);
    assert!(registry.list().iter().all(|p| p.enabled), "{:?}", registry.list());
    let c = chart("1990-05-15T15:30", "male");
    let first = registry.interpret(&c);
    assert_eq!(first.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["plugin:good:steady"]);
    let bad = registry.get("bad").unwrap();
    assert!(!bad.enabled);
    let reason = bad.disabled_reason.unwrap();
    assert!(reason.contains(kind.code()), "{reason}");
    assert_eq!(registry.metrics().failures.with_label_values(&["bad", kind.code()]).get(), 1);
    assert_eq!(registry.metrics().disabled.get(), 1);
    // The disabled plugin is not called again; the good one still answers.
    assert_eq!(registry.interpret(&c), first);
    assert_eq!(registry.metrics().calls.with_label_values(&["bad"]).get(), 1);
    assert_eq!(registry.metrics().calls.with_label_values(&["good"]).get(), 2);
}

#[test]
fn an_endless_loop_runs_out_of_fuel() {
    hostile(Body::Wat(LOOP), FaultKind::Deadline);
}

#[test]
fn a_memory_bomb_is_stopped_at_the_memory_limit() {
    hostile(Body::Wat(MEMORY_BOMB), FaultKind::Memory);
}

#[test]
fn a_trap_disables_only_that_plugin() {
    hostile(Body::Wat(TRAP), FaultKind::Trap);
}

#[test]
fn a_huge_list_of_findings_is_refused_before_it_is_copied() {
    hostile(Body::RawList { ptr: 0x10000, len: 5000 }, FaultKind::OutputTooLarge);
}

#[test]
fn a_list_pointing_outside_memory_is_garbage() {
    hostile(Body::RawList { ptr: 0xFFFF_0000, len: 4 }, FaultKind::InvalidOutput);
}

#[test]
fn a_bad_code_is_garbage() {
    hostile(Body::Findings(vec![good_finding("Not A Code!")]), FaultKind::InvalidOutput);
}

#[test]
fn a_weight_out_of_range_is_garbage() {
    let mut f = good_finding("heavy");
    f.weight = 1000;
    hostile(Body::Findings(vec![f]), FaultKind::InvalidOutput);
}

#[test]
fn text_without_korean_is_garbage() {
    let mut f = good_finding("english");
    f.text = "This is not Korean.";
    hostile(Body::Findings(vec![f]), FaultKind::InvalidOutput);
}

#[test]
fn text_longer_than_the_output_budget_is_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = good_finding("long");
    f.text = Box::leak("가".repeat(500).into_boxed_str());
    write(dir.path(), "long.wasm", &Fixture::new("long", Body::Findings(vec![f; 20])));
    let host = Host::new(Limits { max_output_bytes: 4096, ..Limits::default() }).unwrap();
    let registry =
        saju::plugins::Registry::new(host, vec![dir.path().to_path_buf()], None, saju::plugins::PluginMetrics::new());
    assert!(registry.interpret(&chart("1990-05-15T15:30", "male")).is_empty());
    let reason = registry.get("long").unwrap().disabled_reason.unwrap();
    assert!(reason.contains("output_too_large"), "{reason}");
}

/// A fault is remembered across restarts while the file is unchanged: the next start does not run the
/// plugin again (a crash loop of faults on every request after every restart); a reload tries it again, and
/// so does a new file.
#[test]
fn a_faulted_plugin_stays_off_across_a_restart_until_reloaded_or_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("plugin-state.json");
    let plugins = dir.path().join("plugins");
    std::fs::create_dir_all(&plugins).unwrap();
    write(&plugins, "a-good.wasm", &Fixture::new("good", Body::Findings(vec![good_finding("steady")])));
    write(&plugins, "b-bad.wasm", &Fixture::new("bad", Body::Wat(TRAP)));
    let c = chart("1990-05-15T15:30", "male");
    let first = registry(&plugins, Some(state.clone()));
    first.interpret(&c);
    assert!(!first.get("bad").unwrap().enabled);
    drop(first);

    // A restart: the unchanged file is not called.
    let again = registry(&plugins, Some(state.clone()));
    let bad = again.get("bad").unwrap();
    assert!(!bad.enabled, "{bad:?}");
    assert!(bad.disabled_reason.as_deref().unwrap().contains("지난 실행"), "{bad:?}");
    assert_eq!(again.interpret(&c).len(), 1);
    assert_eq!(again.metrics().calls.with_label_values(&["bad"]).get(), 0, "not run again after the restart");
    assert!(again.get("good").unwrap().enabled);

    // The operator's reload tries it again (and forgets the remembered fault).
    again.reload();
    assert!(again.get("bad").unwrap().enabled);
    again.interpret(&c);
    assert!(!again.get("bad").unwrap().enabled, "it faults again");

    // A new version of the file is tried at the next start.
    write(&plugins, "b-bad.wasm", &Fixture::new("bad", Body::Findings(vec![good_finding("fixed")])));
    let replaced = registry(&plugins, Some(state));
    assert!(replaced.get("bad").unwrap().enabled, "{:?}", replaced.get("bad"));
    assert_eq!(replaced.interpret(&c).len(), 2);
}

/// A file over `plugins.max_component_bytes` is listed as not loaded, naming the limit, and never compiled.
#[test]
fn a_plugin_file_over_the_size_limit_is_not_compiled() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "small.wasm", &Fixture::new("small", Body::Findings(vec![good_finding("steady")])));
    let size = std::fs::metadata(dir.path().join("small.wasm")).unwrap().len();
    let host = Host::new(Limits::default()).unwrap();
    let metrics = saju::plugins::PluginMetrics::new();
    let tight = saju::plugins::Registry::with_size_limit(host, vec![dir.path().to_path_buf()], None, metrics, size - 1);
    let listed = tight.get("small").unwrap();
    assert!(!listed.enabled);
    assert!(listed.disabled_reason.as_deref().unwrap().contains("max_component_bytes"), "{listed:?}");
    assert!(tight.interpret(&chart("1990-05-15T15:30", "male")).is_empty());
    assert!(registry(dir.path(), None).get("small").unwrap().enabled, "under the default limit it loads");
}
