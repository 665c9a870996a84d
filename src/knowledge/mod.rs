//! The knowledge base: the Korean interpretation corpus (`knowledge/**.md`), compiled into the binary or read
//! from a folder, selected by findings codes (`applies_when`) and searched by text — lexical (Korean n-grams,
//! BM25F) always, dense when an embedder's index is attached, fused by reciprocal rank.
//!
//! ```no_run
//! use saju::knowledge::KnowledgeBase;
//! let kb = KnowledgeBase::embedded();
//! let codes = vec!["day_stem:경".to_string(), "ten_god:편관@month_branch".to_string()];
//! for p in kb.select(&codes, Some("career")) {
//!     println!("{} {}", p.id, p.title);
//! }
//! for hit in kb.search("남편복이 있을까요?", 5) {
//!     println!("{} {:.2}", hit.id, hit.score);
//! }
//! ```

pub mod dense;
pub mod eval;
pub mod hybrid;
pub mod lexical;
mod parse;
mod passage;
pub mod persist;
pub mod tokenize;
pub mod validate;

pub use dense::{DenseError, DenseHeader, DenseIndex, Embedder};
pub use hybrid::{reciprocal_rank_fusion, HybridSearch, Mode, RRF_K};
pub use lexical::{Bm25Params, LexicalIndex, LexicalStats};
pub use parse::{parse_passage, ParseError};
pub use passage::Passage;
pub use validate::ValidationIssue;

use passage::Condition;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, OnceLock, RwLock};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/knowledge_corpus.rs"));
}

/// A search result: a passage id and its score (BM25F, cosine or fused, by the retriever).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
}

/// The corpus could not be loaded: every file and line at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub errors: Vec<ParseError>,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} error(s) in the knowledge corpus", self.errors.len())?;
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

struct Attached {
    index: DenseIndex,
    embedder: Arc<dyn Embedder>,
}

/// The loaded corpus, sorted by id, with its lexical index (built on first search) and an optional
/// attached dense index.
pub struct KnowledgeBase {
    passages: Vec<Passage>,
    conditions: Vec<Vec<Condition>>,
    by_id: HashMap<String, usize>,
    hash: String,
    lexical: OnceLock<LexicalIndex>,
    dense: RwLock<Option<Arc<Attached>>>,
}

impl std::fmt::Debug for KnowledgeBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnowledgeBase")
            .field("passages", &self.passages.len())
            .field("corpus_hash", &self.hash)
            .field("dense", &self.has_dense())
            .finish()
    }
}

impl KnowledgeBase {
    /// The corpus compiled into the binary. Panics only if the committed corpus does not parse, which the
    /// test suite rules out.
    pub fn embedded() -> Self {
        Self::try_embedded().unwrap_or_else(|e| panic!("the embedded knowledge corpus is invalid: {e}"))
    }

    pub fn try_embedded() -> Result<Self, LoadError> {
        Self::from_files(embedded::FILES.iter().map(|(path, text)| (path.to_string(), text.to_string())))
    }

    /// The embedded corpus as `(relative path, text)` pairs.
    pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
        embedded::FILES
    }

    /// Reads every `*.md` except `README.md` under `dir`, recursively.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Self, LoadError> {
        let dir = dir.as_ref();
        let mut files = Vec::new();
        let mut errors = Vec::new();
        walk(dir, dir, &mut files, &mut errors);
        if !errors.is_empty() {
            return Err(LoadError { errors });
        }
        Self::from_files(files)
    }

    /// Parses `(relative path, text)` pairs; every parse error and duplicate id is reported.
    pub fn from_files(files: impl IntoIterator<Item = (String, String)>) -> Result<Self, LoadError> {
        let mut passages = Vec::new();
        let mut errors = Vec::new();
        for (path, text) in files {
            match parse_passage(&path, &text) {
                Ok(p) => passages.push(p),
                Err(mut e) => errors.append(&mut e),
            }
        }
        passages.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.source.cmp(&b.source)));
        for pair in passages.windows(2) {
            if pair[0].id == pair[1].id {
                errors.push(ParseError {
                    file: pair[1].source.clone(),
                    line: 0,
                    message: format!("duplicate id '{}' (also {})", pair[1].id, pair[0].source),
                });
            }
        }
        if !errors.is_empty() {
            return Err(LoadError { errors });
        }
        Ok(Self::new(passages))
    }

    fn new(passages: Vec<Passage>) -> Self {
        let conditions =
            passages.iter().map(|p| p.applies_when.iter().map(|c| Condition::parse(c)).collect()).collect();
        let by_id = passages.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        let hash = corpus_hash(&passages);
        KnowledgeBase { passages, conditions, by_id, hash, lexical: OnceLock::new(), dense: RwLock::new(None) }
    }

    /// All passages, sorted by id.
    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    pub fn len(&self) -> usize {
        self.passages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.passages.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Passage> {
        self.by_id.get(id).map(|&i| &self.passages[i])
    }

    /// Passages per folder (first path segment of `source`).
    pub fn folder_counts(&self) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for p in &self.passages {
            *out.entry(p.folder().to_string()).or_insert(0) += 1;
        }
        out
    }

    /// Hex SHA-256 over every passage's id, title, lists and body (not its file path): changes exactly when
    /// what a retriever sees changes. Keys a stored dense index.
    pub fn corpus_hash(&self) -> &str {
        &self.hash
    }

    /// The corpus rules of `knowledge/check.py` that passages break (empty for a clean corpus).
    pub fn validate(&self) -> Vec<ValidationIssue> {
        self.passages
            .iter()
            .flat_map(|p| {
                validate::validate_passage(p)
                    .into_iter()
                    .map(|message| ValidationIssue { source: p.source.clone(), message })
            })
            .collect()
    }

    /// Passages whose `applies_when` holds for these findings codes (`gender:` codes included) and intent:
    /// any of its conditions, each an all-of `&`-join. More specific matches first (more parts, then more
    /// positional `@` parts), then by id.
    pub fn select(&self, codes: &[String], intent: Option<&str>) -> Vec<&Passage> {
        let codes: HashSet<&str> = codes.iter().map(String::as_str).collect();
        let mut matched: Vec<((usize, usize), usize)> = self
            .conditions
            .iter()
            .enumerate()
            .filter_map(|(i, conds)| {
                conds.iter().filter(|c| c.holds(&codes, intent)).map(Condition::specificity).max().map(|s| (s, i))
            })
            .collect();
        matched.sort_by(|(sa, a), (sb, b)| sb.cmp(sa).then_with(|| a.cmp(b)));
        matched.into_iter().map(|(_, i)| &self.passages[i]).collect()
    }

    /// The lexical index, built on first use.
    pub fn lexical(&self) -> &LexicalIndex {
        self.lexical.get_or_init(|| LexicalIndex::build(self))
    }

    /// Attaches a dense index built from this corpus by `embedder`; later searches are hybrid.
    pub fn attach_dense(&self, index: DenseIndex, embedder: Arc<dyn Embedder>) -> Result<(), DenseError> {
        index.check(self, embedder.as_ref())?;
        *self.dense.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(Attached { index, embedder }));
        Ok(())
    }

    pub fn detach_dense(&self) {
        *self.dense.write().unwrap_or_else(|e| e.into_inner()) = None;
    }

    pub fn has_dense(&self) -> bool {
        self.dense.read().unwrap_or_else(|e| e.into_inner()).is_some()
    }

    /// The `k` best passages for a question: hybrid when a dense index is attached, lexical otherwise.
    pub fn search(&self, query: &str, k: usize) -> Vec<Hit> {
        let attached = self.dense.read().unwrap_or_else(|e| e.into_inner()).clone();
        let search = HybridSearch::new(self.lexical());
        match &attached {
            Some(a) => search.with_dense(&a.index, a.embedder.as_ref()).search(query, k),
            None => search.search(query, k),
        }
    }

    /// One retrieval mode exactly (for evaluation); fails for dense modes without an attached index.
    pub fn search_mode(&self, query: &str, k: usize, mode: Mode) -> Result<Vec<Hit>, dense::DenseError> {
        let attached = self.dense.read().unwrap_or_else(|e| e.into_inner()).clone();
        let search = HybridSearch::new(self.lexical());
        match &attached {
            Some(a) => search.with_dense(&a.index, a.embedder.as_ref()).search_mode(query, k, mode),
            None => search.search_mode(query, k, mode),
        }
    }
}

fn corpus_hash(passages: &[Passage]) -> String {
    let mut h = Sha256::new();
    let mut put = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    put("saju-knowledge-v1");
    for p in passages {
        put(&p.id);
        put(&p.title);
        for list in [&p.tags, &p.synonyms, &p.topics, &p.applies_when] {
            put(&list.len().to_string());
            list.iter().for_each(|s| put(s));
        }
        put(&p.body);
    }
    dense::hex(&h.finalize())
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, String)>, errors: &mut Vec<ParseError>) {
    let io = |path: &Path, e: std::io::Error| ParseError {
        file: path.display().to_string(),
        line: 0,
        message: e.to_string(),
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push(io(dir, e)),
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(root, &path, files, errors);
        } else if path.extension().is_some_and(|x| x == "md") && path.file_name().is_some_and(|n| n != "README.md") {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            match std::fs::read_to_string(&path) {
                Ok(text) => files.push((rel.join("/"), text)),
                Err(e) => errors.push(io(&path, e)),
            }
        }
    }
}
