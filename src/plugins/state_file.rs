//! The operator's choices (which plugins are switched off), and the plugins a fault switched off with the
//! content hash of the file that faulted, in a small JSON file in the data directory, so both survive
//! restarts. Written atomically (temporary file, then rename).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct StateFile {
    disabled: BTreeSet<String>,
    /// id → the fault that switched it off, for the file with this SHA-256 (a new file is tried again).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    faulted: BTreeMap<String, Faulted>,
}

/// A fault remembered across restarts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Faulted {
    pub sha256: String,
    pub reason: String,
}

pub struct OperatorState {
    path: Option<PathBuf>,
}

impl OperatorState {
    /// `path` None: choices live in memory only (CLI runs, tests).
    pub fn new(path: Option<PathBuf>) -> OperatorState {
        OperatorState { path }
    }

    fn read(&self) -> StateFile {
        let Some(path) = &self.path else { return StateFile::default() };
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice::<StateFile>(&bytes).unwrap_or_else(|e| {
                tracing::warn!(path = %path.display(), error = %e, "plugin state file unreadable; all plugins enabled");
                StateFile::default()
            }),
            Err(_) => StateFile::default(),
        }
    }

    fn write(&self, state: &StateFile) -> std::io::Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        write_atomically(path, &serde_json::to_vec_pretty(state)?)
    }

    /// The ids switched off. A missing or unreadable file means none (logged when unreadable).
    pub fn disabled(&self) -> BTreeSet<String> {
        self.read().disabled
    }

    pub fn save(&self, disabled: &BTreeSet<String>) -> std::io::Result<()> {
        let mut state = self.read();
        state.disabled = disabled.clone();
        self.write(&state)
    }

    /// The faults remembered from earlier runs.
    pub fn faulted(&self) -> BTreeMap<String, Faulted> {
        self.read().faulted
    }

    /// Remembers (`Some`) or forgets (`None`) the fault of plugin `id`.
    pub fn set_fault(&self, id: &str, fault: Option<Faulted>) -> std::io::Result<()> {
        let mut state = self.read();
        let changed = match fault {
            Some(f) => state.faulted.insert(id.to_string(), f.clone()).as_ref() != Some(&f),
            None => state.faulted.remove(id).is_some(),
        };
        if changed {
            self.write(&state)
        } else {
            Ok(())
        }
    }

    /// Forgets every remembered fault (an operator's reload tries every plugin again).
    pub fn clear_faults(&self) -> std::io::Result<()> {
        let mut state = self.read();
        if state.faulted.is_empty() {
            return Ok(());
        }
        state.faulted.clear();
        self.write(&state)
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
