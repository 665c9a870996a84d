//! The plugin host: the contract checks, every hostile fixture stopped within its limit while the other
//! plugins keep answering, hot reload, operator state, and the example plugins' findings on known charts.

mod cli;
mod examples;
mod fixtures;
mod hostile;
mod registry;

use saju::plugins::{Host, Limits, PluginMetrics, Registry};
use saju::saju::chart::model::Chart;
use saju::saju::chart::{build_chart, ChartExtras, ChartRequest};
use std::path::{Path, PathBuf};

pub fn chart(datetime: &str, gender: &str) -> Chart {
    let request = ChartRequest { datetime: datetime.into(), gender: gender.into(), ..Default::default() };
    build_chart(&request.parse().unwrap(), &ChartExtras::default()).unwrap()
}

pub fn registry(dir: &Path, state: Option<PathBuf>) -> Registry {
    Registry::new(Host::new(Limits::default()).unwrap(), vec![dir.to_path_buf()], state, PluginMetrics::new())
}
