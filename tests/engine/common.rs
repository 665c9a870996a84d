//! Reading the reference files.

use std::path::PathBuf;

pub fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

/// Rows of a CSV file with a header, as maps from column name to value (no quoting in our files).
pub fn csv_rows(name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(data_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().expect("header").split(',').map(str::to_string).collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| header.iter().cloned().zip(l.split(',').map(str::to_string)).collect())
        .collect()
}

pub fn jsonl(name: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(data_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("valid JSON line")).collect()
}

/// `YYYY-MM-DDTHH:MM:SS[.sss]Z` → Unix seconds as f64.
pub fn parse_utc(s: &str) -> f64 {
    let s = s.trim_end_matches('Z');
    let (date, time) = s.split_once('T').expect("T");
    let mut d = date.split('-').map(|x| x.parse::<i64>().unwrap());
    let (y, m, dd) = (d.next().unwrap(), d.next().unwrap(), d.next().unwrap());
    let mut t = time.split(':');
    let (h, mi) = (t.next().unwrap().parse::<f64>().unwrap(), t.next().unwrap().parse::<f64>().unwrap());
    let sec: f64 = t.next().unwrap().parse().unwrap();
    let jdn = saju::saju::astro::julian::jdn_from_civil(y as i32, m as u32, dd as u32);
    (jdn - 2_440_588) as f64 * 86_400.0 + h * 3600.0 + mi * 60.0 + sec
}

/// Summary statistics of absolute differences, printed with `--nocapture`.
pub struct Stats {
    pub count: usize,
    pub max: f64,
    pub mean: f64,
    pub worst: String,
}

pub fn stats(diffs: impl IntoIterator<Item = (f64, String)>) -> Stats {
    let mut count = 0;
    let (mut max, mut sum, mut worst) = (0.0f64, 0.0, String::new());
    for (d, label) in diffs {
        count += 1;
        sum += d.abs();
        if d.abs() > max {
            max = d.abs();
            worst = label;
        }
    }
    Stats { count, max, mean: if count > 0 { sum / count as f64 } else { 0.0 }, worst }
}
