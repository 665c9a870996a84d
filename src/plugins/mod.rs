//! Interpretation-rule plugins: sandboxed WebAssembly components that read a chart the way one school does
//! and return findings. The contract is `plugins/wit/saju-plugin.wit` (`saju:plugin@1.0.0`); the author
//! guide is `plugins/README.md`.
//!
//! A plugin imports nothing but a `log` function: no WASI, so no files, clock, network or randomness. Each
//! call runs in a fresh instance with its own fuel, memory and output limits; a plugin that traps, runs out
//! of fuel, exceeds its memory or answers garbage is disabled with the reason, and the other plugins'
//! findings are still returned.

mod bindings;
mod bounded;
mod convert;
mod host;
mod metrics;
mod output;
mod registry;
mod state_file;

pub use bindings::CONTRACT_VERSION;
pub use convert::to_wit;
pub use host::{Fault, FaultKind, Host, Limits, LoadError, Loaded, PluginMeta};
pub use metrics::PluginMetrics;
pub use output::PluginFinding;
pub use registry::{PluginInfo, Registry, RegistryError};
