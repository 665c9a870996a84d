//! The image's build stages run for real, outside Docker (no engine here): the planner's `cargo chef prepare`
//! on a copy of the build context (.dockerignore applied), the builder's `cargo chef cook` on the recipe alone
//! (with `--no-build`: the dependency build itself is the suite's own), and then cargo on the skeleton it leaves,
//! as far as dependency resolution: the manifest with every declared target parses and the lock file satisfies
//! it (`cargo fetch --locked`). A skeleton that misses a target (a new `[[bench]]`) fails here, as it would
//! fail `docker build`.

use crate::artifacts::{docker_ignored, dockerfile, dockerignore_patterns};
use crate::support::*;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The instructions of the stage `FROM … AS name`.
fn stage(name: &str) -> Vec<(String, String)> {
    let all = dockerfile();
    let start = all
        .iter()
        .position(|(i, a)| i == "FROM" && a.ends_with(&format!(" AS {name}")))
        .unwrap_or_else(|| panic!("no stage {name} in the Dockerfile"));
    let end = all[start + 1..].iter().position(|(i, _)| i == "FROM").map_or(all.len(), |n| start + 1 + n);
    all[start..end].to_vec()
}

fn runs(stage: &[(String, String)]) -> Vec<String> {
    stage.iter().filter(|(i, _)| i == "RUN").map(|(_, a)| a.clone()).collect()
}

fn arg_default(name: &str) -> String {
    dockerfile()
        .iter()
        .filter(|(i, _)| i == "ARG")
        .find_map(|(_, a)| a.strip_prefix(&format!("{name}=")).map(str::to_string))
        .unwrap_or_else(|| panic!("no ARG {name}=… in the Dockerfile"))
}

#[test]
fn dockerfile_dependency_layer_is_planned_from_the_manifest() {
    // The toolchain stage: a pinned cargo-chef on a Rust at least as new as the manifest asks.
    let chef = stage("chef");
    assert!(chef[0].1.starts_with("rust:${RUST_VERSION}-"), "{:?}", chef[0]);
    let rust = arg_default("RUST_VERSION");
    let manifest: toml::Value = toml::from_str(&read("Cargo.toml")).unwrap();
    let wanted = manifest["package"]["rust-version"].as_str().unwrap();
    let parse = |v: &str| v.split('.').map(|p| p.parse::<u32>().unwrap()).collect::<Vec<_>>();
    assert!(parse(&rust) >= parse(wanted), "RUST_VERSION {rust} < rust-version {wanted}");
    assert!(!arg_default("CARGO_CHEF_VERSION").is_empty());
    assert!(
        runs(&chef).iter().any(|r| r.contains("cargo install --locked cargo-chef --version \"${CARGO_CHEF_VERSION}\"")),
        "{chef:?}"
    );
    // The planner sees the whole context; the builder's dependency layer sees only the recipe.
    let planner = stage("planner");
    assert_eq!(planner[0].1, "chef AS planner");
    assert!(planner.iter().any(|(i, a)| i == "COPY" && a == ". ."));
    assert_eq!(runs(&planner), vec!["cargo chef prepare --recipe-path recipe.json".to_string()]);
    let builder = stage("builder");
    assert_eq!(builder[0].1, "chef AS builder");
    let copies: Vec<&String> = builder.iter().filter(|(i, _)| i == "COPY").map(|(_, a)| a).collect();
    assert_eq!(copies, vec!["--from=planner /src/recipe.json recipe.json", ". ."], "{builder:?}");
    let steps = runs(&builder);
    assert_eq!(steps.len(), 2, "{steps:?}");
    let (cook, build) = (&steps[0], &steps[1]);
    let recipe_copy = builder.iter().position(|(i, a)| i == "COPY" && a.contains("recipe.json")).unwrap();
    let sources_copy = builder.iter().position(|(i, a)| i == "COPY" && a == ". .").unwrap();
    let cook_at = builder.iter().position(|(i, a)| i == "RUN" && a == cook).unwrap();
    assert!(recipe_copy < cook_at && cook_at < sources_copy, "recipe, cook, then the sources");
    // The cook builds what the real build builds: same profile, same binary, same lock rule.
    assert!(cook.starts_with("cargo chef cook ") && cook.contains("--recipe-path recipe.json"), "{cook}");
    for flag in ["--release", "--locked", "--bin saju"] {
        assert!(cook.contains(flag) && build.contains(flag), "`{flag}` in both:\n{cook}\n{build}");
    }
    assert!(build.contains("touch build.rs src/main.rs src/lib.rs"), "{build}");
}

/// Copies the build context (the repository minus .dockerignore, .git and target) to `to`.
fn copy_context(to: &Path) -> usize {
    let patterns = dockerignore_patterns();
    fn walk(dir: &Path, root: &Path, to: &Path, patterns: &[(bool, regex::Regex)], n: &mut usize) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if rel == ".git" || rel == "target" || docker_ignored(&rel, patterns) && !path.is_dir() {
                continue;
            }
            if path.is_dir() {
                walk(&path, root, to, patterns, n);
            } else if path.is_file() {
                let dest = to.join(&rel);
                std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
                std::fs::copy(&path, &dest).unwrap();
                *n += 1;
            }
        }
    }
    let mut n = 0;
    walk(&repo(), &repo(), to, &patterns, &mut n);
    n
}

fn host_triple() -> String {
    let out = run_bounded(
        {
            let mut c = Command::new("rustc");
            c.arg("-vV");
            c
        },
        Duration::from_secs(30),
    );
    text(&out.stdout).lines().find_map(|l| l.strip_prefix("host: ")).expect("rustc -vV host").to_string()
}

/// `sh -c COMMAND` in `dir` with this environment but a scratch target directory.
fn shell(dir: &Path, command: &str, target: &Path) -> std::process::Output {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", command]).current_dir(dir).env("CARGO_TARGET_DIR", target).env("CARGO_TERM_COLOR", "never");
    let out = run_bounded(cmd, Duration::from_secs(300));
    assert!(
        out.status.success(),
        "`{command}` in {} failed:\n{}{}",
        dir.display(),
        text(&out.stdout),
        text(&out.stderr)
    );
    out
}

#[test]
fn dockerfile_builder_commands_run_on_the_committed_manifest() {
    if !tool_works("cargo", &["chef", "--version"]) {
        eprintln!(
            "SKIP dockerfile_builder_commands_run_on_the_committed_manifest: cargo-chef is not installed \
             (scripts/test.sh installs it: cargo install --locked cargo-chef --version {})",
            arg_default("CARGO_CHEF_VERSION")
        );
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let (context, skeleton, target) =
        (scratch.path().join("context"), scratch.path().join("builder"), scratch.path().join("target"));
    std::fs::create_dir_all(&skeleton).unwrap();
    let files = copy_context(&context);
    assert!(context.join("Cargo.lock").is_file() && context.join("benches").is_dir() && files > 50, "{files} files");

    // The planner stage, its own RUN line.
    let planner = runs(&stage("planner")).remove(0);
    shell(&context, &planner, &target);
    std::fs::copy(context.join("recipe.json"), skeleton.join("recipe.json")).unwrap();

    // The builder's dependency layer: the same command, without the build.
    let cook = runs(&stage("builder")).remove(0);
    shell(&skeleton, &format!("{cook} --no-build"), &target);
    // Every target of the real manifest has its stand-in (the `chat` bench was missing from the old stubs).
    let meta = shell(&context, "cargo metadata --no-deps --format-version 1 --offline", &target);
    let meta: serde_json::Value = serde_json::from_slice(&meta.stdout).unwrap();
    let mut checked = 0;
    for t in meta["packages"][0]["targets"].as_array().unwrap() {
        let src = Path::new(t["src_path"].as_str().unwrap()).strip_prefix(&context).unwrap().to_path_buf();
        assert!(skeleton.join(&src).is_file(), "the skeleton has no {} for the {} target", src.display(), t["name"]);
        checked += 1;
    }
    // cargo reads the skeleton's manifest with all its targets, and the committed lock file satisfies it.
    let fetch = format!("cargo fetch --locked --target {}", host_triple());
    shell(&skeleton, &fetch, &target);
    // Then `COPY . .` over the skeleton: the real manifest resolves from the same lock file.
    copy_context(&skeleton);
    shell(&skeleton, &fetch, &target);
    eprintln!(
        "Dockerfile builder: prepare, cook --no-build and cargo fetch --locked ran on {files} files; {checked} targets"
    );
}
