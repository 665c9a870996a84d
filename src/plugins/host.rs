//! The sandbox: one engine and linker for every plugin, compilation with contract checks, and calls that
//! each run in a fresh instance under fuel, memory and output limits.

use super::bindings::RawFinding;
use super::bindings::{saju::plugin::host as wit_host, wit, RawMetadata, CONTRACT_VERSION, PACKAGE};
use super::bounded::{self, BoundedList, OutputLimit};
use super::output::{read_findings, read_metadata};
use super::PluginFinding;
use wasmtime::component::{Component, ComponentExportIndex, HasSelf, InstancePre, Linker};
use wasmtime::{Engine, ResourceLimiter, Store, Trap};

/// Limits applied to every call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// WebAssembly fuel per call (about one unit per instruction).
    pub fuel: u64,
    /// Largest linear memory a plugin may have, bytes.
    pub memory_bytes: usize,
    /// Most findings one call may return.
    pub max_findings: usize,
    /// Most bytes of text (codes, titles, texts, schools) one call may return.
    pub max_output_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { fuel: 20_000_000, memory_bytes: 16 << 20, max_findings: 32, max_output_bytes: 64 << 10 }
    }
}

/// Why a call failed. Every kind disables the plugin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultKind {
    /// Ran out of fuel (an endless or too-slow loop).
    Deadline,
    /// Tried to grow memory past the limit.
    Memory,
    /// Trapped (unreachable, out-of-bounds access, stack overflow …).
    Trap,
    /// More findings or text than allowed.
    OutputTooLarge,
    /// An answer the contract does not allow (bad code, text, weight, pointers, UTF-8).
    InvalidOutput,
}

impl FaultKind {
    pub const fn code(self) -> &'static str {
        match self {
            FaultKind::Deadline => "deadline",
            FaultKind::Memory => "memory",
            FaultKind::Trap => "trap",
            FaultKind::OutputTooLarge => "output_too_large",
            FaultKind::InvalidOutput => "invalid_output",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", kind.code())]
pub struct Fault {
    pub kind: FaultKind,
    pub message: String,
}

impl Fault {
    pub fn new(kind: FaultKind, message: impl Into<String>) -> Fault {
        Fault { kind, message: message.into() }
    }
}

/// Why a file could not be loaded as a plugin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("WebAssembly 컴포넌트가 아닙니다: {0}")]
    NotAComponent(String),
    #[error("saju 플러그인이 아닙니다 ({PACKAGE}/rules 내보내기가 없습니다)")]
    NotAPlugin,
    #[error("계약 버전이 맞지 않습니다: 플러그인 {found}, 호스트 {PACKAGE}@{CONTRACT_VERSION}")]
    VersionMismatch { found: String },
    #[error("허용되지 않은 가져오기입니다: {0} (플러그인은 {PACKAGE}/host만 가져올 수 있습니다)")]
    ForbiddenImport(String),
    #[error("계약과 형식이 맞지 않습니다: {0}")]
    Link(String),
    #[error("메타데이터가 올바르지 않습니다: {0}")]
    Metadata(String),
}

/// A plugin's description of itself, checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PluginMeta {
    pub id: String,
    pub name: String,
    pub version: String,
    pub school: String,
    pub description: String,
    pub intents: Vec<String>,
}

/// A compiled, linked plugin, ready to instantiate.
pub struct Loaded {
    pub meta: PluginMeta,
    pre: InstancePre<CallState>,
    interpret: ComponentExportIndex,
    compatibility: ComponentExportIndex,
}

/// Per-call store data: the memory limiter and a bounded log.
pub struct CallState {
    limiter: MemoryLimiter,
    plugin: String,
    logged: u32,
}

struct MemoryLimiter {
    max: usize,
    exceeded: bool,
}

/// Log lines one call may write.
const MAX_LOG_LINES: u32 = 8;
const MAX_LOG_BYTES: usize = 512;

impl ResourceLimiter for MemoryLimiter {
    fn memory_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        if desired > self.max {
            self.exceeded = true;
            wasmtime::bail!("memory limit of {} bytes exceeded ({desired} requested)", self.max);
        }
        Ok(true)
    }

    fn table_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(desired <= 10_000)
    }
}

impl wit_host::Host for CallState {
    fn log(&mut self, message: String) {
        if self.logged >= MAX_LOG_LINES {
            return;
        }
        self.logged += 1;
        let mut end = message.len().min(MAX_LOG_BYTES);
        while !message.is_char_boundary(end) {
            end -= 1;
        }
        tracing::debug!(plugin = %self.plugin, message = &message[..end], "plugin log");
    }
}

/// The engine and linker shared by every plugin.
pub struct Host {
    engine: Engine,
    linker: Linker<CallState>,
    limits: Limits,
}

fn rules_export() -> String {
    format!("{PACKAGE}/rules@{CONTRACT_VERSION}")
}

/// `saju:plugin/x@1.2.3` → (`x`, `1.2.3`).
fn split_name(name: &str) -> Option<(&str, &str)> {
    let rest = name.strip_prefix(PACKAGE)?.strip_prefix('/')?;
    Some(rest.split_once('@').unwrap_or((rest, "")))
}

/// Same major version (and same minor while the major is 0): what semver calls compatible.
fn compatible(version: &str) -> bool {
    let parts = |v: &str| v.split('.').map(|p| p.parse::<u64>().ok()).collect::<Option<Vec<_>>>();
    match (parts(version), parts(CONTRACT_VERSION)) {
        (Some(found), Some(ours)) if found.len() == 3 => {
            found[0] == ours[0] && (ours[0] != 0 || found[1] == ours[1]) && found[1] <= ours[1]
        }
        _ => false,
    }
}

impl Host {
    pub fn new(limits: Limits) -> wasmtime::Result<Host> {
        let mut config = wasmtime::Config::new();
        config.consume_fuel(true);
        config.max_wasm_stack(512 << 10);
        let engine = Engine::new(&config)?;
        let mut linker = Linker::new(&engine);
        wit_host::add_to_linker::<CallState, HasSelf<CallState>>(&mut linker, |s| s)?;
        Ok(Host { engine, linker, limits })
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Compiles a component, checks it against the contract, links it, and reads its metadata.
    pub fn load(&self, bytes: &[u8]) -> Result<Loaded, LoadError> {
        let component =
            Component::from_binary(&self.engine, bytes).map_err(|e| LoadError::NotAComponent(root_cause(&e)))?;
        self.check_contract(&component)?;
        let pre = self.linker.instantiate_pre(&component).map_err(|e| LoadError::Link(root_cause(&e)))?;
        let rules = component.get_export_index(None, rules_export().as_str()).ok_or(LoadError::NotAPlugin)?;
        let func = |name: &str| {
            component
                .get_export_index(Some(&rules), name)
                .ok_or_else(|| LoadError::Link(format!("{name} 함수가 없습니다")))
        };
        let metadata = func("metadata")?;
        let mut loaded = Loaded {
            meta: PluginMeta {
                id: String::new(),
                name: String::new(),
                version: String::new(),
                school: String::new(),
                description: String::new(),
                intents: Vec::new(),
            },
            interpret: func("interpret")?,
            compatibility: func("compatibility")?,
            pre,
        };
        // Check every signature now, so a mismatch is a load error rather than a call-time fault.
        let mut store = self.store("(loading)");
        let instance = loaded.pre.instantiate(&mut store).map_err(|e| LoadError::Metadata(root_cause(&e)))?;
        instance
            .get_typed_func::<(&wit::Chart,), (BoundedList<RawFinding>,)>(&mut store, &loaded.interpret)
            .map_err(|e| LoadError::Link(format!("interpret: {}", root_cause(&e))))?;
        instance
            .get_typed_func::<(&wit::Chart, &wit::Chart), (BoundedList<RawFinding>,)>(&mut store, &loaded.compatibility)
            .map_err(|e| LoadError::Link(format!("compatibility: {}", root_cause(&e))))?;
        let f = instance
            .get_typed_func::<(), (RawMetadata,)>(&mut store, &metadata)
            .map_err(|e| LoadError::Link(format!("metadata: {}", root_cause(&e))))?;
        bounded::start(self.limits.max_output_bytes, self.limits.max_findings);
        let outcome = f.call(&mut store, ()).map_err(|e| classify(e, &store)).and_then(|(raw,)| read_metadata(raw));
        loaded.meta = outcome.map_err(|f| LoadError::Metadata(f.to_string()))?;
        Ok(loaded)
    }

    /// Exports must include `saju:plugin/rules` at a compatible version; imports only `saju:plugin/host`.
    fn check_contract(&self, component: &Component) -> Result<(), LoadError> {
        let ty = component.component_type();
        let rules: Vec<&str> = ty
            .exports(&self.engine)
            .filter_map(|(name, _)| split_name(name).filter(|(iface, _)| *iface == "rules").map(|(_, v)| v))
            .collect();
        match rules.first() {
            None => return Err(LoadError::NotAPlugin),
            Some(v) if !compatible(v) => {
                return Err(LoadError::VersionMismatch { found: format!("{PACKAGE}@{v}") });
            }
            Some(_) => {}
        }
        for (name, _) in ty.imports(&self.engine) {
            match split_name(name) {
                Some(("host", v)) if compatible(v) => {}
                Some(("host", v)) => return Err(LoadError::VersionMismatch { found: format!("{PACKAGE}@{v}") }),
                _ => return Err(LoadError::ForbiddenImport(name.to_string())),
            }
        }
        Ok(())
    }

    fn store(&self, plugin: &str) -> Store<CallState> {
        let state = CallState {
            limiter: MemoryLimiter { max: self.limits.memory_bytes, exceeded: false },
            plugin: plugin.to_string(),
            logged: 0,
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|s| &mut s.limiter);
        store.set_fuel(self.limits.fuel).expect("fuel is enabled");
        store
    }

    /// Instantiates the plugin in a fresh store and drops it: the fixed cost every call pays.
    pub fn instantiate(&self, plugin: &Loaded) -> Result<(), Fault> {
        let mut store = self.store(&plugin.meta.id);
        plugin.pre.instantiate(&mut store).map(drop).map_err(|e| classify(e, &store))
    }

    /// Runs `interpret` over one chart in a fresh instance.
    pub fn interpret(&self, plugin: &Loaded, chart: &wit::Chart) -> Result<Vec<PluginFinding>, Fault> {
        let mut store = self.store(&plugin.meta.id);
        let instance = plugin.pre.instantiate(&mut store).map_err(|e| classify(e, &store))?;
        let f = instance
            .get_typed_func::<(&wit::Chart,), (BoundedList<RawFinding>,)>(&mut store, &plugin.interpret)
            .map_err(|e| Fault::new(FaultKind::InvalidOutput, root_cause(&e)))?;
        bounded::start(self.limits.max_output_bytes, self.limits.max_findings);
        let (list,) = f.call(&mut store, (chart,)).map_err(|e| classify(e, &store))?;
        read_findings(&plugin.meta.id, list)
    }

    /// Runs `compatibility` over two charts in a fresh instance.
    pub fn compatibility(&self, plugin: &Loaded, a: &wit::Chart, b: &wit::Chart) -> Result<Vec<PluginFinding>, Fault> {
        let mut store = self.store(&plugin.meta.id);
        let instance = plugin.pre.instantiate(&mut store).map_err(|e| classify(e, &store))?;
        let f = instance
            .get_typed_func::<(&wit::Chart, &wit::Chart), (BoundedList<RawFinding>,)>(&mut store, &plugin.compatibility)
            .map_err(|e| Fault::new(FaultKind::InvalidOutput, root_cause(&e)))?;
        bounded::start(self.limits.max_output_bytes, self.limits.max_findings);
        let (list,) = f.call(&mut store, (a, b)).map_err(|e| classify(e, &store))?;
        read_findings(&plugin.meta.id, list)
    }
}

/// The innermost message of an error chain, on one line.
fn root_cause(e: &wasmtime::Error) -> String {
    let text = format!("{e:#}");
    text.lines().next().unwrap_or_default().chars().take(300).collect()
}

fn classify(e: wasmtime::Error, store: &Store<CallState>) -> Fault {
    let message = root_cause(&e);
    if let Some(limit) = e.downcast_ref::<OutputLimit>() {
        return Fault::new(FaultKind::OutputTooLarge, limit.0.clone());
    }
    if store.data().limiter.exceeded {
        return Fault::new(FaultKind::Memory, message);
    }
    match e.downcast_ref::<Trap>() {
        Some(Trap::OutOfFuel) => Fault::new(FaultKind::Deadline, "연산 한도(fuel)를 다 썼습니다"),
        Some(trap) => Fault::new(FaultKind::Trap, trap.to_string()),
        // Not a trap: the answer could not be read (pointer out of bounds, bad UTF-8, bad enum value).
        None => Fault::new(FaultKind::InvalidOutput, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_versions_are_compatible_within_the_major_up_to_our_minor() {
        assert!(compatible("1.0.0"));
        assert!(compatible("1.0.7"));
        assert!(!compatible("1.1.0"), "a newer minor may use what this host lacks");
        assert!(!compatible("2.0.0"));
        assert!(!compatible("0.9.0"));
        assert!(!compatible("1.0"));
        assert!(!compatible(""));
    }

    #[test]
    fn names_split_into_interface_and_version() {
        assert_eq!(split_name("saju:plugin/rules@1.0.0"), Some(("rules", "1.0.0")));
        assert_eq!(split_name("saju:plugin/host"), Some(("host", "")));
        assert_eq!(split_name("wasi:random/random@0.2.0"), None);
    }
}
