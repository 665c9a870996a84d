//! The corpus itself: the embedded copy equals the folder, every passage follows check.py's rules, and the
//! loader reports broken files by name and line.

use super::{kb, knowledge_dir};
use saju::knowledge::KnowledgeBase;
use std::collections::HashSet;
use std::fs;

#[test]
fn embedded_corpus_equals_the_folder() {
    let dir = KnowledgeBase::load_dir(knowledge_dir()).unwrap();
    assert_eq!(kb().len(), dir.len());
    for (a, b) in kb().passages().iter().zip(dir.passages()) {
        assert_eq!(a, b, "{} differs between the binary and knowledge/", a.id);
    }
    assert_eq!(kb().corpus_hash(), dir.corpus_hash());
    let files = walk_md(&knowledge_dir());
    assert_eq!(files, kb().len(), "every knowledge/**/*.md except README.md is embedded");
}

fn walk_md(dir: &std::path::Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            if p.is_dir() {
                walk_md(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "md") && !p.ends_with("README.md"))
            }
        })
        .sum()
}

#[test]
fn every_passage_follows_the_corpus_rules() {
    let issues: Vec<String> = kb().validate().iter().map(|i| i.to_string()).collect();
    assert_eq!(issues, Vec::<String>::new());
    let ids: HashSet<&str> = kb().passages().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), kb().len(), "ids are unique");
    for p in kb().passages() {
        assert_eq!(p.source, format!("{}/{}.md", p.id.split('.').next().unwrap(), p.id));
        assert!(p.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.'));
        assert_eq!(kb().get(&p.id), Some(p));
    }
    let folders = kb().folder_counts();
    assert_eq!(
        folders.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "branches",
            "elements",
            "life_stages",
            "luck",
            "patterns",
            "relations",
            "shinsal",
            "stems",
            "strength",
            "ten_gods",
            "terms",
            "topics"
        ]
    );
    assert_eq!(folders.values().sum::<usize>(), kb().len());
}

/// A copy of the corpus in a temporary folder, with edits.
pub fn corpus_copy(edit: impl FnOnce(&std::path::Path)) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, text) in KnowledgeBase::embedded_files() {
        let target = tmp.path().join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, text).unwrap();
    }
    edit(tmp.path());
    tmp
}

#[test]
fn load_errors_name_the_file_and_line() {
    let tmp = corpus_copy(|root| {
        let p = root.join("terms/terms.ilgan.md");
        let text = fs::read_to_string(&p).unwrap().replace("topics: [용어]", "topics: 용어");
        fs::write(&p, text).unwrap();
        fs::write(root.join("terms/terms.extra.md"), "---\nid: terms.extra\ntitle: 제목\n---\n본문.\n").unwrap();
        fs::write(
            root.join("terms/terms.ilgan_copy.md"),
            fs::read_to_string(root.join("terms/terms.ganji.md")).unwrap(),
        )
        .unwrap();
    });
    let err = KnowledgeBase::load_dir(tmp.path()).unwrap_err();
    let text: Vec<String> = err.errors.iter().map(|e| e.to_string()).collect();
    assert!(text.iter().any(|e| e.starts_with("terms/terms.ilgan.md:6: topics: expected an inline list")), "{text:?}");
    assert!(text.contains(&"terms/terms.extra.md: missing key 'tags'".to_string()), "{text:?}");
    assert!(text.iter().any(|e| e.contains("duplicate id 'terms.ganji'")), "{text:?}");
    assert!(err.to_string().starts_with(&format!("{} error(s) in the knowledge corpus", err.errors.len())));
    assert!(KnowledgeBase::load_dir(tmp.path().join("missing")).is_err());
}

#[test]
fn validation_reports_rule_breaks() {
    let tmp = corpus_copy(|root| {
        let p = root.join("terms/terms.ilgan.md");
        let text = fs::read_to_string(&p).unwrap();
        let text =
            text.replace("applies_when: [\"intent:term\"]", "applies_when: [\"intent:term&day_stem:을&day_stem:갑\"]");
        fs::write(root.join("stems/terms.moved.md"), text.replace("id: terms.ilgan", "id: terms.moved")).unwrap();
    });
    let kb = KnowledgeBase::load_dir(tmp.path()).unwrap();
    let issues: Vec<String> = kb.validate().iter().map(|i| i.to_string()).collect();
    assert_eq!(
        issues,
        [
            "stems/terms.moved.md: id 'terms.moved' does not start with its folder 'stems'",
            "stems/terms.moved.md: applies_when 'intent:term&day_stem:을&day_stem:갑' joins two values of 'day_stem', \
         which a chart has only one of",
        ]
    );
}

#[test]
fn corpus_hash_follows_content_not_paths() {
    let renamed = corpus_copy(|root| fs::rename(root.join("terms"), root.join("zz_terms")).unwrap());
    assert_eq!(KnowledgeBase::load_dir(renamed.path()).unwrap().corpus_hash(), kb().corpus_hash());
    let edited = corpus_copy(|root| {
        let p = root.join("terms/terms.ilgan.md");
        fs::write(&p, fs::read_to_string(&p).unwrap().replace("일간", "일원")).unwrap();
    });
    assert_ne!(KnowledgeBase::load_dir(edited.path()).unwrap().corpus_hash(), kb().corpus_hash());
    assert_eq!(kb().corpus_hash().len(), 64);
}
