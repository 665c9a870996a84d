//! Host bindings generated from `plugins/wit/`, plus lift-only views of a plugin's answers that let the host
//! check sizes before copying anything out of the sandbox.

use wasmtime::component::{ComponentType, Lift, WasmList, WasmStr};

wasmtime::component::bindgen!({
    path: "plugins/wit",
    world: "plugin",
});

pub use exports::saju::plugin::rules as wit;

/// The version of `saju:plugin` this host implements.
pub const CONTRACT_VERSION: &str = "1.0.0";
/// The package a plugin's exports and imports must belong to.
pub const PACKAGE: &str = "saju:plugin";

/// A finding as it lies in the plugin's memory.
#[derive(ComponentType, Lift)]
#[component(record)]
pub struct RawFinding {
    pub code: WasmStr,
    pub title: WasmStr,
    pub text: WasmStr,
    pub weight: i32,
    pub pillars: WasmList<wit::Position>,
    pub school: WasmStr,
}

/// Metadata as it lies in the plugin's memory.
#[derive(ComponentType, Lift)]
#[component(record)]
pub struct RawMetadata {
    pub id: WasmStr,
    pub name: WasmStr,
    pub version: WasmStr,
    pub school: WasmStr,
    pub description: WasmStr,
    pub intents: WasmList<WasmStr>,
}
