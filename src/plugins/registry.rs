//! The plugins this process knows: found in the configured directories, compiled once (cached by content
//! hash across reloads), switched on and off by the operator (persisted) and off by their own faults.

use super::host::{Fault, Host, Loaded, PluginMeta};
use super::state_file::{Faulted, OperatorState};
use super::{to_wit, PluginFinding, PluginMetrics};
use crate::saju::chart::model::Chart;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

/// One plugin as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PluginInfo {
    /// What the plugin says of itself (only the id, from the file name, when it could not be loaded).
    #[serde(flatten)]
    pub meta: PluginMeta,
    pub path: String,
    pub enabled: bool,
    /// Why it is not running: a load error, the operator, or the fault that stopped it.
    pub disabled_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    #[error("플러그인이 없습니다: {0}")]
    NotFound(String),
    #[error("플러그인 상태를 저장하지 못했습니다: {0}")]
    Io(String),
}

struct Entry {
    id: String,
    path: PathBuf,
    /// SHA-256 of the file, hex (empty when it could not be read).
    sha256: String,
    loaded: Result<Arc<Loaded>, String>,
    operator_enabled: AtomicBool,
    fault: Mutex<Option<String>>,
}

impl Entry {
    fn active(&self) -> Option<&Arc<Loaded>> {
        let ok = self.operator_enabled.load(Ordering::SeqCst) && self.fault.lock().expect("fault lock").is_none();
        self.loaded.as_ref().ok().filter(|_| ok)
    }

    fn info(&self) -> PluginInfo {
        let empty = PluginMeta {
            id: self.id.clone(),
            name: String::new(),
            version: String::new(),
            school: String::new(),
            description: String::new(),
            intents: Vec::new(),
        };
        let meta = self.loaded.as_ref().map(|l| l.meta.clone()).unwrap_or(empty);
        let reason = match &self.loaded {
            Err(e) => Some(format!("불러오기 실패: {e}")),
            Ok(_) if !self.operator_enabled.load(Ordering::SeqCst) => Some("관리자가 껐습니다".to_string()),
            Ok(_) => self.fault.lock().expect("fault lock").clone(),
        };
        PluginInfo { meta, path: self.path.display().to_string(), enabled: reason.is_none(), disabled_reason: reason }
    }
}

#[derive(Default)]
struct Inner {
    entries: Vec<Arc<Entry>>,
    compiled: HashMap<[u8; 32], Arc<Loaded>>,
}

pub struct Registry {
    /// `None` when the plugin engine could not start on this machine: the registry then loads nothing.
    host: Option<Host>,
    dirs: Vec<PathBuf>,
    operator: OperatorState,
    metrics: PluginMetrics,
    inner: RwLock<Inner>,
    /// Files larger than this are refused before compiling.
    max_bytes: u64,
}

/// The `*.wasm` files directly inside `dir`, sorted by name (a missing directory has none).
fn wasm_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    files.sort();
    files
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Plugin files larger than this are refused before compiling.
/// The largest plugin file compiled by default (`plugins.max_component_bytes`): compiling costs about 70×
/// the file's size in memory and half a second per megabyte on one core.
pub const DEFAULT_MAX_COMPONENT_BYTES: u64 = 4 << 20;

impl Registry {
    /// A registry over `dirs`, loaded. `state_path` keeps the operator's choices across restarts.
    pub fn new(host: Host, dirs: Vec<PathBuf>, state_path: Option<PathBuf>, metrics: PluginMetrics) -> Registry {
        Registry::with_size_limit(host, dirs, state_path, metrics, DEFAULT_MAX_COMPONENT_BYTES)
    }

    /// [`Registry::new`] that refuses files larger than `max_bytes` without compiling them. Faults remembered
    /// from an earlier run keep their plugin off while its file is unchanged.
    pub fn with_size_limit(
        host: Host,
        dirs: Vec<PathBuf>,
        state_path: Option<PathBuf>,
        metrics: PluginMetrics,
        max_bytes: u64,
    ) -> Registry {
        let registry = Registry {
            host: Some(host),
            dirs,
            operator: OperatorState::new(state_path),
            metrics,
            inner: RwLock::default(),
            max_bytes,
        };
        registry.load(true);
        registry
    }

    /// A registry that runs nothing (plugins switched off in the configuration).
    pub fn empty(host: Host) -> Registry {
        Registry::new(host, Vec::new(), None, PluginMetrics::new())
    }

    /// A registry whose engine could not start: it runs nothing and says why in the log.
    pub fn unavailable() -> Registry {
        Registry {
            host: None,
            dirs: Vec::new(),
            operator: OperatorState::new(None),
            metrics: PluginMetrics::new(),
            inner: RwLock::default(),
            max_bytes: DEFAULT_MAX_COMPONENT_BYTES,
        }
    }

    pub fn host(&self) -> Option<&Host> {
        self.host.as_ref()
    }

    pub fn metrics(&self) -> &PluginMetrics {
        &self.metrics
    }

    /// Rescans the directories: new and changed files are compiled, unchanged ones reuse their compiled
    /// code, removed ones disappear, and faults are forgotten (also the remembered ones). Returns the new list.
    pub fn reload(&self) -> Vec<PluginInfo> {
        if let Err(e) = self.operator.clear_faults() {
            tracing::warn!(error = %e, "plugin faults could not be forgotten in the state file");
        }
        self.load(false)
    }

    /// Scans and compiles; with `remembered`, a plugin whose unchanged file faulted in an earlier run stays off.
    fn load(&self, remembered: bool) -> Vec<PluginInfo> {
        let disabled = self.operator.disabled();
        let faulted = if remembered { self.operator.faulted() } else { Default::default() };
        let old = std::mem::take(&mut self.inner.write().expect("registry lock").compiled);
        let mut compiled = HashMap::new();
        let mut entries: Vec<Arc<Entry>> = Vec::new();
        for path in self.dirs.iter().flat_map(|d| wasm_files(d)) {
            let (loaded, sha256) = match self.load_file(&path, &old, &mut compiled) {
                Ok((l, sha)) => (Ok(l), sha),
                Err(e) => (Err(e), String::new()),
            };
            let id = loaded.as_ref().map(|l| l.meta.id.clone()).unwrap_or_else(|_| file_stem(&path));
            let fault = faulted.get(&id).filter(|f| !sha256.is_empty() && f.sha256 == sha256).map(|f| {
                format!("지난 실행에서 오류로 꺼졌습니다({}). 관리자가 켜거나 다시 불러오면 다시 시도합니다", f.reason)
            });
            let loaded = match loaded {
                Ok(l) if entries.iter().any(|e| e.id == l.meta.id && e.loaded.is_ok()) => {
                    Err(format!("id {}가 다른 파일과 겹칩니다", l.meta.id))
                }
                other => other,
            };
            if let Err(e) = &loaded {
                tracing::warn!(path = %path.display(), error = %e, "plugin not loaded");
            } else {
                tracing::info!(plugin = %id, path = %path.display(), "plugin loaded");
            }
            if let Some(f) = &fault {
                tracing::warn!(plugin = %id, reason = %f, "plugin kept off: it faulted in an earlier run");
            }
            entries.push(Arc::new(Entry {
                operator_enabled: AtomicBool::new(!disabled.contains(&id)),
                id,
                path,
                sha256,
                loaded,
                fault: Mutex::new(fault),
            }));
        }
        let mut inner = self.inner.write().expect("registry lock");
        *inner = Inner { entries, compiled };
        drop(inner);
        self.refresh_gauge();
        self.list()
    }

    fn load_file(
        &self,
        path: &Path,
        old: &HashMap<[u8; 32], Arc<Loaded>>,
        compiled: &mut HashMap<[u8; 32], Arc<Loaded>>,
    ) -> Result<(Arc<Loaded>, String), String> {
        let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
        if size > self.max_bytes {
            return Err(format!(
                "파일이 너무 큽니다 ({size}바이트, 최대 {}바이트: plugins.max_component_bytes)",
                self.max_bytes
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let hash: [u8; 32] = Sha256::digest(&bytes).into();
        let sha256: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        let loaded = match old.get(&hash).or_else(|| compiled.get(&hash)) {
            Some(l) => Arc::clone(l),
            None => {
                let host = self.host.as_ref().ok_or("플러그인 엔진을 시작하지 못했습니다")?;
                Arc::new(host.load(&bytes).map_err(|e| e.to_string())?)
            }
        };
        compiled.insert(hash, Arc::clone(&loaded));
        Ok((loaded, sha256))
    }

    pub fn list(&self) -> Vec<PluginInfo> {
        self.inner.read().expect("registry lock").entries.iter().map(|e| e.info()).collect()
    }

    pub fn get(&self, id: &str) -> Option<PluginInfo> {
        self.entry(id).map(|e| e.info())
    }

    fn entry(&self, id: &str) -> Option<Arc<Entry>> {
        self.inner.read().expect("registry lock").entries.iter().find(|e| e.id == id).cloned()
    }

    /// Switches a plugin on or off and remembers the choice. Switching on also forgets a fault.
    pub fn set_enabled(&self, id: &str, enabled: bool) -> Result<PluginInfo, RegistryError> {
        let entry = self.entry(id).ok_or_else(|| RegistryError::NotFound(id.to_string()))?;
        let mut disabled = self.operator.disabled();
        if enabled {
            disabled.remove(id);
        } else {
            disabled.insert(id.to_string());
        }
        self.operator.save(&disabled).map_err(|e| RegistryError::Io(e.to_string()))?;
        entry.operator_enabled.store(enabled, Ordering::SeqCst);
        if enabled {
            *entry.fault.lock().expect("fault lock") = None;
            self.operator.set_fault(id, None).map_err(|e| RegistryError::Io(e.to_string()))?;
        }
        tracing::info!(plugin = %id, enabled, "plugin switched by operator");
        self.refresh_gauge();
        Ok(entry.info())
    }

    /// Whether any plugin would run now.
    pub fn has_active(&self) -> bool {
        self.inner.read().expect("registry lock").entries.iter().any(|e| e.active().is_some())
    }

    fn active(&self) -> Vec<(Arc<Entry>, Arc<Loaded>)> {
        let inner = self.inner.read().expect("registry lock");
        inner.entries.iter().filter_map(|e| e.active().map(|l| (Arc::clone(e), Arc::clone(l)))).collect()
    }

    /// Every enabled plugin's findings for `chart`, in plugin order. A plugin that fails is disabled and
    /// contributes nothing; the others still answer.
    pub fn interpret(&self, chart: &Chart) -> Vec<PluginFinding> {
        let active = self.active();
        if active.is_empty() {
            return Vec::new();
        }
        let chart = to_wit(chart);
        self.run_each(active, |host, loaded| host.interpret(loaded, &chart))
    }

    /// Every enabled plugin's findings for two people together (궁합).
    pub fn compatibility(&self, a: &Chart, b: &Chart) -> Vec<PluginFinding> {
        let active = self.active();
        if active.is_empty() {
            return Vec::new();
        }
        let (a, b) = (to_wit(a), to_wit(b));
        self.run_each(active, |host, loaded| host.compatibility(loaded, &a, &b))
    }

    fn run_each(
        &self,
        active: Vec<(Arc<Entry>, Arc<Loaded>)>,
        call: impl Fn(&Host, &Loaded) -> Result<Vec<PluginFinding>, Fault>,
    ) -> Vec<PluginFinding> {
        let mut out = Vec::new();
        let Some(host) = &self.host else { return out };
        for (entry, loaded) in active {
            self.metrics.calls.with_label_values(&[&entry.id]).inc();
            match call(host, &loaded) {
                Ok(findings) => out.extend(findings),
                Err(fault) => self.disable_for(&entry, &fault),
            }
        }
        out
    }

    fn disable_for(&self, entry: &Entry, fault: &Fault) {
        tracing::warn!(plugin = %entry.id, reason = fault.kind.code(), error = %fault.message, "plugin disabled");
        self.metrics.failures.with_label_values(&[&entry.id, fault.kind.code()]).inc();
        *entry.fault.lock().expect("fault lock") = Some(format!("실행 중 오류로 꺼졌습니다: {fault}"));
        let remembered = Faulted { sha256: entry.sha256.clone(), reason: fault.kind.code().to_string() };
        if let Err(e) = self.operator.set_fault(&entry.id, Some(remembered).filter(|f| !f.sha256.is_empty())) {
            tracing::warn!(plugin = %entry.id, error = %e, "the fault could not be remembered in the state file");
        }
        self.refresh_gauge();
    }

    fn refresh_gauge(&self) {
        let n = self.inner.read().expect("registry lock").entries.iter().filter(|e| e.active().is_none()).count();
        self.metrics.disabled.set(n as i64);
    }
}

impl Registry {
    /// The registry the configuration describes: its limits, `plugins.dirs` and `<data_dir>/plugins`, and the
    /// operator's choices in `<data_dir>/plugin-state.json`. Plugins switched off in the configuration: none.
    /// An engine that cannot start is logged and gives a registry that runs nothing: the server still serves.
    pub fn from_config(config: &crate::config::Config) -> Registry {
        match Registry::try_from_config(config) {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "plugin engine failed to start; plugins are off");
                Registry::unavailable()
            }
        }
    }

    fn try_from_config(config: &crate::config::Config) -> wasmtime::Result<Registry> {
        let p = &config.plugins;
        let limits = super::Limits {
            fuel: p.fuel,
            memory_bytes: p.memory_bytes,
            max_findings: p.max_findings,
            max_output_bytes: p.max_output_bytes,
        };
        let host = Host::new(limits)?;
        if !p.enabled {
            return Ok(Registry::empty(host));
        }
        let state = config.server.data_dir.join("plugin-state.json");
        Ok(Registry::with_size_limit(
            host,
            config.plugin_dirs(),
            Some(state),
            PluginMetrics::new(),
            p.max_component_bytes,
        ))
    }
}
