//! saju: a self-hosted Korean 사주 chatbot appliance. The library holds everything; `main.rs` only parses
//! the command line and calls [`cli::run`].

pub mod answer;
mod arrows;
pub mod chat;
pub mod cli;
pub mod clock;
pub mod config;
pub mod http;
pub mod knowledge;
pub mod llm;
pub mod models;
pub mod picture;
pub mod plugins;
pub mod saju;
pub mod store;
pub mod systemd;
pub mod telemetry;
