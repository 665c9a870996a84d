//! The pure saju engine: no I/O, no async, no knowledge of HTTP, storage or models.

pub mod astro;
pub mod calendar;
pub mod chart;
pub mod derive;
pub mod error;
pub mod ganzhi;
pub mod josa;
pub mod pillars;
pub mod time;
