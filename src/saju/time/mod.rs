//! Civil time: a local clock reading in an IANA zone → an instant (with Korea's historical offsets and
//! summer time from the bundled tz database), and the corrected clock used for the day and hour pillars.

pub mod civil;
pub mod correction;
#[rustfmt::skip]
mod zone_longitudes;

pub use civil::{resolve_local, Disambiguation, LocalDateTime, ResolvedTime};
pub use correction::{corrected_clock, standard_clock, zone_longitude, CorrectedClock, SummerTime, TimeCorrection};
