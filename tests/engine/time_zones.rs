//! Local times that clock changes skipped or repeated, against python's zoneinfo.

use crate::common::{csv_rows, parse_utc};
use saju::saju::time::{resolve_local, Disambiguation, LocalDateTime};

#[test]
fn gaps_and_folds_match_zoneinfo() {
    let rows = csv_rows("seoul_local_time_edges.csv");
    assert!(rows.len() > 100);
    for r in rows {
        let local = LocalDateTime::parse(&r["local"]).unwrap();
        let zone = &r["zone"];
        let err = resolve_local(local, zone, Disambiguation::Reject).unwrap_err();
        let expected_code = if r["kind"] == "gap" { "nonexistent_local_time" } else { "ambiguous_local_time" };
        assert_eq!(err.code(), expected_code, "{} {zone}", r["local"]);
        let earlier = resolve_local(local, zone, Disambiguation::Earlier).unwrap();
        let later = resolve_local(local, zone, Disambiguation::Later).unwrap();
        assert_eq!(earlier.unix as f64, parse_utc(&r["earlier_utc"]), "{} {zone}", r["local"]);
        assert_eq!(later.unix as f64, parse_utc(&r["later_utc"]), "{} {zone}", r["local"]);
    }
}

#[test]
fn seoul_offset_history_matches_zoneinfo() {
    let rows = csv_rows("seoul_offsets.csv");
    assert!(rows.len() >= 20);
    for r in rows {
        let t = parse_utc(&r["utc"]) as i64;
        let offset: i64 = r["offset_seconds"].parse().unwrap();
        // A reading one minute after the transition, on the new clock, resolves back to that instant.
        let wall = t + 60 + offset;
        let clock = saju::saju::time::civil::format_local(wall, 0);
        let resolved =
            resolve_local(LocalDateTime::parse(&clock).unwrap(), "Asia/Seoul", Disambiguation::Later).unwrap();
        assert_eq!(resolved.offset_seconds as i64, offset, "{}", r["utc"]);
        assert_eq!(resolved.unix, t + 60, "{}", r["utc"]);
        assert_eq!(resolved.dst, r["is_dst"] == "1" || r["is_dst"] == "True", "{}", r["utc"]);
    }
}
