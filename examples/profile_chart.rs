//! A tight loop over full charts of varied births, for profilers (`perf record`, `valgrind --tool=callgrind`).
//! Run: `cargo run --release --example profile_chart -- 200000`.
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};
use saju::saju::time::civil::format_local;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let inputs: Vec<_> = (0..1000i64)
        .map(|i| {
            let t = -2_208_988_800 + i * 6_311_433 + (i * i) % 86_400;
            let datetime = format_local(t, 9 * 3600);
            ChartRequest { datetime, gender: "female".into(), ..Default::default() }.parse().unwrap()
        })
        .collect();
    let mut total = 0usize;
    for i in 0..n {
        total += build_chart(&inputs[i % inputs.len()], &ChartExtras::default()).unwrap().relations.len();
    }
    println!("{total}");
}
