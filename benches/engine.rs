//! Engine benchmarks: pillars only, full chart, calendar conversion, a 100k batch, and tyme4rs's
//! eight-char computation on the same random dates for comparison. Run: `cargo bench --bench engine`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use saju::saju::calendar::korean_lunar;
use saju::saju::chart::{build_chart, resolve_birth, ChartExtras, ChartRequest};
use saju::saju::pillars::{four_pillars, ZiHour};
use saju::saju::time::civil::format_local;
use saju::saju::time::{resolve_local, Disambiguation, LocalDateTime};
use std::hint::black_box;

// The same allocator as the `saju` binary, so the numbers are the product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Deterministic pseudo-random Seoul births 1900–2100: (UTC seconds, local clock at +09:00).
fn random_births(n: usize) -> Vec<(i64, LocalDateTime)> {
    let (start, end) = (-2_208_988_800i64, 4_102_444_800i64);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let t = start + (x % (end - start) as u64) as i64;
            (t, LocalDateTime::parse(&format_local(t, 9 * 3600)).unwrap())
        })
        .collect()
}

fn requests(births: &[(i64, LocalDateTime)]) -> Vec<ChartRequest> {
    births
        .iter()
        .enumerate()
        .map(|(i, (_, c))| ChartRequest {
            datetime: c.iso(),
            timezone: Some("Asia/Seoul".into()),
            gender: if i % 2 == 0 { "male" } else { "female" }.into(),
            ..Default::default()
        })
        .collect()
}

fn pillars(c: &mut Criterion) {
    let births = random_births(4096);
    let mut g = c.benchmark_group("pillars");
    g.throughput(Throughput::Elements(births.len() as u64));
    g.bench_function("from_instant_and_clock", |b| {
        b.iter(|| {
            for (t, clock) in &births {
                black_box(four_pillars(*t, clock, ZiHour::Split, true).unwrap());
            }
        })
    });
    g.bench_function("from_local_time_in_asia_seoul", |b| {
        b.iter(|| {
            for (_, clock) in &births {
                let r = resolve_local(*clock, "Asia/Seoul", Disambiguation::Earlier).unwrap();
                black_box(four_pillars(r.unix, clock, ZiHour::Split, true).unwrap());
            }
        })
    });
    g.finish();
    // tyme4rs is slow: time it on the first 256 dates, in its own group so the throughput is right.
    let mut g = c.benchmark_group("pillars_reference");
    g.throughput(Throughput::Elements(256));
    g.bench_function("tyme4rs_eight_char", |b| {
        use tyme4rs::tyme::solar::SolarTime;
        b.iter(|| {
            for (_, c) in births.iter().take(256) {
                let t = SolarTime::from_ymd_hms(
                    c.year as isize,
                    c.month as usize,
                    c.day as usize,
                    c.hour as usize,
                    c.minute as usize,
                    c.second as usize,
                );
                black_box(t.get_lunar_hour().get_eight_char());
            }
        })
    });
    g.finish();
}

fn full_chart(c: &mut Criterion) {
    let births = random_births(1024);
    let inputs: Vec<_> = requests(&births).iter().map(|r| r.parse().unwrap()).collect();
    let mut g = c.benchmark_group("chart");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("resolve_birth", |b| {
        b.iter(|| {
            for i in &inputs {
                black_box(resolve_birth(i).unwrap());
            }
        })
    });
    g.bench_function("full_chart", |b| {
        b.iter(|| {
            for i in &inputs {
                black_box(build_chart(i, &ChartExtras::default()).unwrap());
            }
        })
    });
    g.bench_function("full_chart_to_json", |b| {
        let mut buf = Vec::with_capacity(16 << 10);
        b.iter(|| {
            for i in &inputs {
                buf.clear();
                serde_json::to_writer(&mut buf, &build_chart(i, &ChartExtras::default()).unwrap()).unwrap();
                black_box(&buf);
            }
        })
    });
    g.finish();
}

fn calendar(c: &mut Criterion) {
    let births = random_births(4096);
    let mut g = c.benchmark_group("calendar");
    g.throughput(Throughput::Elements(births.len() as u64));
    g.bench_function("solar_to_lunar", |b| {
        b.iter(|| {
            for (_, c) in &births {
                black_box(korean_lunar::from_solar(c.year, c.month, c.day).unwrap());
            }
        })
    });
    let lunar: Vec<_> = births.iter().map(|(_, c)| korean_lunar::from_solar(c.year, c.month, c.day).unwrap()).collect();
    g.bench_function("lunar_to_solar", |b| {
        b.iter(|| {
            for l in &lunar {
                black_box(korean_lunar::to_solar(*l).unwrap());
            }
        })
    });
    g.finish();
}

fn batch_100k(c: &mut Criterion) {
    let births = random_births(100_000);
    let reqs = requests(&births);
    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    g.throughput(Throughput::Elements(reqs.len() as u64));
    g.bench_function("100k_requests_to_json_lines", |b| {
        b.iter_batched_ref(
            || Vec::with_capacity(64 << 20),
            |out: &mut Vec<u8>| {
                for r in &reqs {
                    let chart = build_chart(&r.parse().unwrap(), &ChartExtras::default()).unwrap();
                    serde_json::to_writer(&mut *out, &chart).unwrap();
                    out.push(b'\n');
                }
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, pillars, full_chart, calendar, batch_100k);
criterion_main!(benches);
