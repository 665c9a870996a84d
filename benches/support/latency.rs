//! Latency percentiles of a benchmark's own timed samples (microseconds), for the printed p50/p99 lines.

/// p50, p99 and mean of `samples`, which it sorts.
pub fn percentiles(samples: &mut [f64]) -> (f64, f64, f64) {
    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p) as usize];
    let mean = samples.iter().sum::<f64>() / samples.len() as f64;
    (pct(0.5), pct(0.99), mean)
}
