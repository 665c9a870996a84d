//! Calendars: the 24 solar terms as instants, and the Korean lunar calendar (음력) as KASI defines it.

pub mod generate;
pub mod korean_lunar;
pub mod lunar_rules;
pub mod solar_terms;
pub mod tables;
pub mod terms_report;
