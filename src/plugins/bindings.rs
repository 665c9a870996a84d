//! Host bindings generated from `plugins/wit/`, plus lift-only views of a plugin's answers that are copied
//! out of the sandbox under the call's output budget (see `bounded.rs`).

use super::bounded::{BoundedList, BoundedStr};
use wasmtime::component::{ComponentType, Lift};

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
    pub code: BoundedStr,
    pub title: BoundedStr,
    pub text: BoundedStr,
    pub weight: i32,
    pub pillars: BoundedList<wit::Position>,
    pub school: BoundedStr,
}

/// Metadata as it lies in the plugin's memory.
#[derive(ComponentType, Lift)]
#[component(record)]
pub struct RawMetadata {
    pub id: BoundedStr,
    pub name: BoundedStr,
    pub version: BoundedStr,
    pub school: BoundedStr,
    pub description: BoundedStr,
    pub intents: BoundedList<BoundedStr>,
}
