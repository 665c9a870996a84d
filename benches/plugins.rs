//! Plugin host benchmarks: compile (and check) a component, instantiate it, and call `interpret` over a
//! full chart (calls per second printed), plus how long the default fuel lets an endless loop run.
//! Uses the example 12신살 plugin when scripts/build-plugins.sh has built it, else a WAT fixture.
//! Run: `cargo bench --bench plugins`.

use criterion::{criterion_group, criterion_main, Criterion};
use saju::plugins::{to_wit, Host, Limits};
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../tests/plugins/fixtures.rs"]
mod fixtures;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn plugin_bytes() -> (String, Vec<u8>) {
    let example = std::env::var_os("SAJU_PLUGIN_OUT")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache/saju/plugins")))
        .map(|d| d.join("sinsal12.wasm"));
    match example.and_then(|p| std::fs::read(&p).ok().map(|b| (p.display().to_string(), b))) {
        Some(found) => found,
        None => {
            let f = fixtures::Fixture::new("wat", fixtures::Body::Findings(vec![fixtures::good_finding("a"); 8]));
            ("WAT fixture (8 findings)".to_string(), fixtures::component(&f))
        }
    }
}

fn per_second(n: u32, took: Duration) -> f64 {
    f64::from(n) / took.as_secs_f64()
}

fn print_numbers(host: &Host, name: &str, bytes: &[u8]) {
    let t = Instant::now();
    let loaded = host.load(bytes).expect("plugin loads");
    let compile = t.elapsed();
    let request = ChartRequest { datetime: "1990-05-15T15:30".into(), gender: "male".into(), ..Default::default() };
    let chart =
        build_chart(&request.parse().unwrap(), &ChartExtras { seun_years: Some(2025..=2034), wolun_year: None })
            .unwrap();
    let wit = to_wit(&chart);
    let n = 2000;
    let t = Instant::now();
    for _ in 0..n {
        host.instantiate(&loaded).unwrap();
    }
    let instantiate = t.elapsed() / n;
    let t = Instant::now();
    let mut findings = 0;
    for _ in 0..n {
        findings = host.interpret(&loaded, &wit).unwrap().len();
    }
    let calls = per_second(n, t.elapsed());
    let t = Instant::now();
    for _ in 0..200 {
        black_box(to_wit(&chart));
    }
    let convert = t.elapsed() / 200;
    let spin = fixtures::component(&fixtures::Fixture::new("spin", fixtures::Body::Wat(fixtures::LOOP)));
    let spinner = host.load(&spin).unwrap();
    let t = Instant::now();
    let fault = host.interpret(&spinner, &wit).unwrap_err();
    let deadline = t.elapsed();
    println!("plugin: {name} ({} bytes)", bytes.len());
    println!("  compile + check + metadata: {:.1} ms", compile.as_secs_f64() * 1e3);
    println!("  instantiate: {:.1} µs", instantiate.as_secs_f64() * 1e6);
    println!("  interpret over a full chart ({findings} findings): {calls:.0} calls/s");
    println!("  chart → WIT record: {:.1} µs", convert.as_secs_f64() * 1e6);
    println!(
        "  endless loop stopped by fuel {} after {:.1} ms ({})",
        host.limits().fuel,
        deadline.as_secs_f64() * 1e3,
        fault.kind.code()
    );
}

fn bench(c: &mut Criterion) {
    let host = Host::new(Limits::default()).unwrap();
    let (name, bytes) = plugin_bytes();
    print_numbers(&host, &name, &bytes);
    let loaded = host.load(&bytes).unwrap();
    let request = ChartRequest { datetime: "1990-05-15T15:30".into(), gender: "male".into(), ..Default::default() };
    let wit = to_wit(&build_chart(&request.parse().unwrap(), &ChartExtras::default()).unwrap());
    c.bench_function("plugin_compile", |b| b.iter(|| host.load(black_box(&bytes)).unwrap()));
    c.bench_function("plugin_instantiate", |b| b.iter(|| host.instantiate(&loaded).unwrap()));
    c.bench_function("plugin_interpret", |b| b.iter(|| host.interpret(&loaded, black_box(&wit)).unwrap()));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
