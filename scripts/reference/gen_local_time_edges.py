"""tests/data/seoul_local_time_edges.csv and tests/data/seoul_offsets.csv.

Transitions are found by scanning Python's zoneinfo (pinned tzdata wheel, IANA
2026f) on a 3-hour UTC grid 1900-01-01..2031-01-01 and bisecting to the second.

Edges: for every transition whose UTC offset changes,
  * offset increases -> a gap: the local wall time in the middle of the gap
    (transition + offset_before + half the gap, floored to the second) does not
    exist; kind=gap;
  * offset decreases -> a fold: the local wall time in the middle of the
    repeated interval (transition + offset_after + half the fold) occurs twice;
    kind=fold.
earlier_utc = that local time interpreted with the offset in force *before*
the transition (PEP 495 fold=0), later_utc = interpreted with the offset
*after* it (fold=1).  For a fold that is the first / second occurrence; for a
gap the fold=0 instant is numerically the LATER one (e.g. Seoul 1988-05-08
02:30 -> 17:30Z with KST, 16:30Z with KDT).  Each row is verified with
common.resolve_local.  Transitions that change only the abbreviation or the
DST flag (e.g. Seoul 1945 JST->KST) produce no edge row.
"""
import csv
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import common  # noqa: E402

ZONES = ["Asia/Seoul", "America/New_York", "Europe/London", "Australia/Sydney"]


def fmt_local(d):
    return d.strftime("%Y-%m-%dT%H:%M:%S")


def main():
    rows = []
    for zone in ZONES:
        for t, before, after in common.transitions(zone, 1900, 2030):
            ob, oa = before[0], after[0]
            if ob == oa:
                continue
            tn = t.replace(tzinfo=None)
            if oa > ob:
                kind = "gap"
                local = tn + dt.timedelta(seconds=ob + (oa - ob) // 2)
            else:
                kind = "fold"
                local = tn + dt.timedelta(seconds=oa + (ob - oa) // 2)
            e = local - dt.timedelta(seconds=ob)
            l = local - dt.timedelta(seconds=oa)
            k, u0, u1 = common.resolve_local(local, zone)
            assert k == kind, (zone, local, k, kind)
            assert u0.replace(tzinfo=None) == e and u1.replace(tzinfo=None) == l, (zone, local, u0, u1, e, l)
            rows.append((fmt_local(local), zone, kind, e.strftime("%Y-%m-%dT%H:%M:%SZ"),
                         l.strftime("%Y-%m-%dT%H:%M:%SZ"), e))
    rows.sort(key=lambda r: (r[1], r[5]))
    out = os.path.join(common.DATA, "seoul_local_time_edges.csv")
    with open(out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["local", "zone", "kind", "earlier_utc", "later_utc"])
        w.writerows(r[:5] for r in rows)
    print(f"wrote {out}: {len(rows)} rows")
    for zone in ZONES:
        g = sum(1 for r in rows if r[1] == zone and r[2] == "gap")
        fo = sum(1 for r in rows if r[1] == zone and r[2] == "fold")
        print(f"  {zone}: {g} gaps, {fo} folds")

    # Seoul's full offset history: every transition (the state before the first one is LMT +08:27:52).
    hist = []
    for t, _, after in common.transitions("Asia/Seoul", 1800, 2100):
        hist.append((t.strftime("%Y-%m-%dT%H:%M:%SZ"), *after))
    z = common.ZoneInfo("Asia/Seoul")
    assert common.zone_state(z, dt.datetime(1800, 1, 1, tzinfo=common.UTC)) == (30472, False, "LMT")
    out2 = os.path.join(common.DATA, "seoul_offsets.csv")
    with open(out2, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["utc", "offset_seconds", "is_dst", "abbrev"])
        for u, off, isdst, ab in hist:
            w.writerow([u, off, int(isdst), ab])
    print(f"wrote {out2}: {len(hist)} rows")


if __name__ == "__main__":
    main()
