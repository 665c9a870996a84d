//! Engine tests against independent references (tests/data, made by scripts/reference) and properties.

mod common;
mod daeun;
mod lunar;
mod peers;
mod pillars;
mod properties;
mod solar_terms;
mod time_zones;
