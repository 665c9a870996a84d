//! Compiles the `knowledge/` corpus into the binary: writes `$OUT_DIR/knowledge_corpus.rs`, a sorted list of
//! `(relative path, contents)` for every passage file, so an air-gapped binary needs no folder.
//! Cargo reruns this script when anything under `knowledge/` changes. The contents are written out as string
//! literals rather than `include_str!` of absolute paths: a build cache shared by checkouts in different
//! folders (CI clones, worktrees) must never point at another checkout's files.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|x| x == "md") && path.file_name().is_some_and(|n| n != "README.md") {
            let rel = path.strip_prefix(root).expect("under knowledge/");
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>();
            out.push((rel.join("/"), path));
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let root = manifest.join("knowledge");
    println!("cargo:rerun-if-changed=knowledge");
    println!("cargo:rerun-if-changed=build.rs");
    assert!(root.is_dir(), "{} is missing: the binary embeds the knowledge corpus", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut code = String::from("pub(crate) static FILES: &[(&str, &str)] = &[\n");
    for (rel, path) in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        writeln!(code, "    ({rel:?}, {text:?}),").unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("knowledge_corpus.rs");
    std::fs::write(out, code).expect("writing knowledge_corpus.rs");
}
