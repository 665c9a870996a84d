//! Plugin metrics: calls, failures by reason, and how many plugins are disabled.

use prometheus::{IntCounterVec, IntGauge, Opts, Registry};

#[derive(Clone)]
pub struct PluginMetrics {
    pub calls: IntCounterVec,
    pub failures: IntCounterVec,
    pub disabled: IntGauge,
}

impl PluginMetrics {
    pub fn new() -> PluginMetrics {
        PluginMetrics {
            calls: IntCounterVec::new(Opts::new("saju_plugin_calls_total", "Plugin calls by plugin id"), &["plugin"])
                .expect("valid metric"),
            failures: IntCounterVec::new(
                Opts::new("saju_plugin_failures_total", "Plugin calls that failed, by plugin id and reason"),
                &["plugin", "reason"],
            )
            .expect("valid metric"),
            disabled: IntGauge::new(
                "saju_plugins_disabled",
                "Plugins found but not running (load error, operator or fault)",
            )
            .expect("valid metric"),
        }
    }

    /// Adds these metrics to a registry (the service's `/metrics`).
    pub fn register(&self, registry: &Registry) -> prometheus::Result<()> {
        registry.register(Box::new(self.calls.clone()))?;
        registry.register(Box::new(self.failures.clone()))?;
        registry.register(Box::new(self.disabled.clone()))
    }
}

impl Default for PluginMetrics {
    fn default() -> Self {
        PluginMetrics::new()
    }
}
