//! Configuration: built-in defaults → TOML file (`--config PATH` or `SAJU_CONFIG`) → `SAJU_*` environment
//! variables (`__` for nesting) → the common variable names operators already use (`OPENAI_API_KEY`,
//! `LOG_LEVEL`, `CORS_ORIGINS`, ...). Unknown keys are errors that name the key. An empty variable is unset.

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `development`, `staging` or `production`. Production forbids debug logs and requires explicit CORS origins.
    pub environment: Environment,
    pub server: ServerConfig,
    pub security: SecurityConfig,
    pub rate_limit: RateLimitConfig,
    pub metrics: MetricsConfig,
    pub log: LogConfig,
    pub llm: LlmConfig,
    pub plugins: PluginsConfig,
    pub knowledge: KnowledgeConfig,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[default]
    Development,
    Staging,
    Production,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address and port to listen on.
    pub listen: String,
    /// Directory holding the database (`saju.redb`) and backups.
    pub data_dir: PathBuf,
    /// Largest request body accepted, bytes.
    pub body_limit_bytes: usize,
    /// Requests running longer are answered 503.
    pub request_timeout_seconds: u64,
    /// On SIGTERM/SIGINT, in-flight requests get this long to finish.
    pub shutdown_grace_seconds: u64,
    /// On SIGTERM/SIGINT, keep serving this long with `/health/ready` at 503 before closing the listener,
    /// so load balancers stop sending new requests first.
    pub shutdown_drain_seconds: u64,
    /// Backups kept in `<data_dir>/backups/` — made by `POST /v1/admin/backup`, by `saju backup` without a
    /// path and by the shipped daily schedules — (the newest; older ones are deleted after each new backup).
    /// 0 keeps them all. Backups written to a path of their own are never touched.
    pub backups_keep: usize,
    /// Client connections open at once; more wait in the listen backlog. Lowered at start-up to fit the
    /// process's open-file limit (less 64 kept for everything else).
    pub max_connections: usize,
    /// A client must send a whole request head within this many seconds (of connecting, or of the head's
    /// first byte on a kept-alive connection); slower ones are disconnected (slowloris).
    pub header_read_timeout_seconds: u64,
    /// A connection with no traffic for this long is closed (kept-alive clients reconnect); never less than
    /// `request_timeout_seconds` + 10, so a slow answer is not cut.
    pub idle_timeout_seconds: u64,
    /// Writes (new users, profiles, chat turns, backups' metadata) are refused with 507
    /// `insufficient_storage` while the file system holding `data_dir` has less than this many MB free;
    /// reads and deletes keep working. 0 turns the watermark off.
    pub min_free_disk_mb: u64,
    /// Bytes one user may store (profiles, sessions, messages), in MB; a write past it is refused with 409
    /// `quota_exceeded`, deletes always work. 0 = no quota.
    pub user_quota_mb: u64,
    /// A user who has made no request for this many days is deleted with everything they saved (checked
    /// hourly). 0 keeps idle users forever.
    pub idle_user_days: u64,
    /// A user who has saved nothing (no profile, no conversation) is deleted after this many idle days.
    /// 0 keeps them forever.
    pub empty_user_days: u64,
    /// `POST /v1/charts/batch` requests computed at once (more wait up to 10 s, then 503); 0 = the number
    /// of CPU cores. Bounds the CPU and memory batches can take from everything else.
    pub max_concurrent_batches: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct SecurityConfig {
    /// Bearer token for `/v1/admin/*`; admin routes are disabled while it is empty. At least 24 characters.
    pub admin_token: String,
    /// Origins allowed by CORS, e.g. `https://saju.example.com`. Empty: no cross-origin access.
    pub cors_origins: Vec<String>,
    /// Host header values accepted (e.g. `saju.example.com`, `localhost:8000`). Empty: any host.
    pub allowed_hosts: Vec<String>,
    /// Proxies (IPs or CIDRs) whose `X-Forwarded-For` is believed for the client address.
    pub trusted_proxies: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitConfig {
    pub enabled: bool,
    /// Sustained requests per second per client IP.
    pub requests_per_second: u32,
    /// Requests a client may send at once above the sustained rate.
    pub burst: u32,
    /// Client addresses tracked at most; idle entries are pruned first (memory stays bounded).
    pub max_tracked_clients: usize,
    /// Accounts (`POST /v1/users`) one client IP may create per hour, up to 10 at once; each account is
    /// storage, so this is stricter than the request rate.
    pub user_creations_per_hour: u32,
    /// Charts one client IP may compute through `POST /v1/charts/batch` per minute (up to 2000 at once):
    /// a batch costs one per item, so one client cannot keep the CPU busy with batches.
    pub batch_charts_per_minute: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    /// Serve `/metrics` in Prometheus text format.
    pub enabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// `error`, `warn`, `info`, `debug` or `trace`.
    pub level: String,
    /// `json` (one object per line) or `pretty`.
    pub format: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct LlmConfig {
    pub remote: RemoteLlmConfig,
    pub local: LocalLlmConfig,
}

/// A local GGUF chat model run with candle (see docs/models.md). Empty `model` turns it off.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct LocalLlmConfig {
    /// A manifest name (looked up in `<data_dir>/models/` then `./models/`), a model folder or a `.gguf` file.
    pub model: String,
    /// Prompt plus answer stay within this many tokens (bounds memory; passages are dropped first).
    pub max_context_tokens: usize,
    pub max_new_tokens: usize,
    /// 0 = greedy.
    pub temperature: f64,
    /// CPU threads for the model; 0 = all cores.
    pub threads: usize,
    /// Seconds the local model may take for one answer before the chain falls back.
    pub timeout_seconds: u64,
}

impl Default for LocalLlmConfig {
    fn default() -> Self {
        LocalLlmConfig {
            model: String::new(),
            max_context_tokens: 2048,
            max_new_tokens: 384,
            temperature: 0.7,
            threads: 0,
            timeout_seconds: 60,
        }
    }
}

/// Retrieval settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct KnowledgeConfig {
    /// A BERT / XLM-RoBERTa sentence-embedding model (manifest name or folder) for dense retrieval, fused
    /// with the lexical index. Empty = lexical only.
    pub embedding_model: String,
}

/// Interpretation-rule plugins (WebAssembly components, see plugins/README.md).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct PluginsConfig {
    /// Load plugins at all.
    pub enabled: bool,
    /// Directories whose `*.wasm` files are loaded, besides `<data_dir>/plugins`.
    pub dirs: Vec<PathBuf>,
    /// WebAssembly fuel per call (about one unit per instruction; the default is a few milliseconds).
    pub fuel: u64,
    /// Largest memory one plugin call may use, bytes.
    pub memory_bytes: usize,
    /// Most findings one call may return.
    pub max_findings: usize,
    /// Most bytes of text one call may return.
    pub max_output_bytes: usize,
    /// Largest plugin file compiled, bytes; larger ones are listed as not loaded. Compiling takes about 70×
    /// the file's size in memory and half a second per MB, before the server is ready.
    pub max_component_bytes: u64,
}

impl Default for PluginsConfig {
    fn default() -> Self {
        PluginsConfig {
            enabled: true,
            dirs: vec![PathBuf::from("plugins")],
            fuel: 20_000_000,
            memory_bytes: 16 * 1024 * 1024,
            max_findings: 32,
            max_output_bytes: 64 * 1024,
            max_component_bytes: 4 * 1024 * 1024,
        }
    }
}

/// An OpenAI-compatible chat service. Read and validated here; the chat brain (see README) decides when it
/// is used.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct RemoteLlmConfig {
    pub base_url: String,
    pub api_key: String,
    pub model: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            environment: Environment::Development,
            server: ServerConfig::default(),
            security: SecurityConfig::default(),
            rate_limit: RateLimitConfig::default(),
            metrics: MetricsConfig::default(),
            log: LogConfig::default(),
            llm: LlmConfig::default(),
            plugins: PluginsConfig::default(),
            knowledge: KnowledgeConfig::default(),
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: "127.0.0.1:8000".into(),
            data_dir: PathBuf::from("saju-data"),
            body_limit_bytes: 256 * 1024,
            // Above [llm.local] timeout_seconds (60): a local model's answer, or its fallback, fits inside.
            request_timeout_seconds: 90,
            shutdown_grace_seconds: 20,
            shutdown_drain_seconds: 2,
            backups_keep: 14,
            max_connections: 1000,
            header_read_timeout_seconds: 10,
            idle_timeout_seconds: 120,
            min_free_disk_mb: 64,
            user_quota_mb: 50,
            idle_user_days: 365,
            empty_user_days: 30,
            max_concurrent_batches: 0,
        }
    }
}

impl Default for MetricsConfig {
    fn default() -> Self {
        MetricsConfig { enabled: true }
    }
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        RateLimitConfig {
            enabled: true,
            requests_per_second: 50,
            burst: 100,
            max_tracked_clients: 100_000,
            user_creations_per_hour: 30,
            batch_charts_per_minute: 6000,
        }
    }
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig { level: "info".into(), format: "json".into() }
    }
}

/// A configuration problem, naming the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("설정 오류: {key}: {message}")]
pub struct ConfigError {
    pub key: String,
    pub message: String,
}

fn err(key: &str, message: impl Into<String>) -> ConfigError {
    ConfigError { key: key.to_string(), message: message.into() }
}

/// Where the configuration file comes from: an explicit path must exist.
pub fn config_path(cli: Option<&Path>) -> Option<PathBuf> {
    cli.map(Path::to_path_buf).or_else(|| std::env::var_os("SAJU_CONFIG").map(PathBuf::from))
}

/// The common environment names operators already use, mapped onto our keys.
fn alias_env() -> Figment {
    let mut f = Figment::new();
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let list = |v: String| v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect::<Vec<_>>();
    if let Some(v) = var("OPENAI_API_KEY") {
        f = f.merge(Serialized::default("llm.remote.api_key", v));
    }
    if let Some(v) = var("OPENAI_MODEL") {
        f = f.merge(Serialized::default("llm.remote.model", v));
    }
    if let Some(v) = var("OPENAI_BASE_URL") {
        f = f.merge(Serialized::default("llm.remote.base_url", v));
    }
    if let Some(v) = var("LOG_LEVEL") {
        f = f.merge(Serialized::default("log.level", v.to_lowercase()));
    }
    if let Some(v) = var("CORS_ORIGINS") {
        f = f.merge(Serialized::default("security.cors_origins", list(v)));
    }
    if let Some(v) = var("ALLOWED_HOSTS") {
        f = f.merge(Serialized::default("security.allowed_hosts", list(v)));
    }
    if let Some(v) = var("ENVIRONMENT") {
        f = f.merge(Serialized::default("environment", v.to_lowercase()));
    }
    f
}

/// Loads and validates the configuration. `overrides` (from command-line flags) win over everything.
pub fn load(path: Option<&Path>, overrides: Figment) -> Result<Config, ConfigError> {
    let mut figment = Figment::from(Serialized::defaults(Config::default()));
    if let Some(path) = config_path(path) {
        if !path.is_file() {
            return Err(err("config", format!("설정 파일이 없습니다: {}", path.display())));
        }
        figment = figment.merge(Toml::file_exact(&path));
    }
    // An empty SAJU_* value counts as unset, like the alias names above: an image's `ENV SAJU_X=` or a compose
    // file's `SAJU_X: ${SAJU_X:-}` must not replace a value from the TOML file with "".
    let empty: Vec<String> = std::env::vars_os()
        .filter_map(|(k, v)| {
            let rest = k.to_str()?.strip_prefix("SAJU_")?;
            v.to_str().is_some_and(|v| v.trim().is_empty()).then(|| rest.trim().to_string())
        })
        .collect();
    figment = figment
        .merge(alias_env())
        .merge(
            Env::prefixed("SAJU_")
                // SAJU_CONFIG names the file; SAJU_SERVICE_* and SAJU_PORT* are Kubernetes service links
                // for a Service named `saju`, not configuration.
                .filter(|k| k != "config" && !k.starts_with("service_") && !k.starts_with("port"))
                .filter(move |k| !empty.iter().any(|e| k == e.as_str()))
                .split("__")
                .lowercase(true),
        )
        .merge(overrides);
    let config: Config = figment.extract().map_err(|e| {
        let e = e.into_iter().next().expect("figment errors are never empty");
        let mut key: Vec<String> = e.path.clone();
        if let figment::error::Kind::UnknownField(field, _) = &e.kind {
            // figment's path sometimes already ends with the field.
            if key.last() != Some(field) {
                key.push(field.clone());
            }
        }
        let key = if key.is_empty() { "config".to_string() } else { key.join(".") };
        err(&key, e.kind.to_string())
    })?;
    config.validate()?;
    Ok(config)
}

/// Seconds the fallback chain allows the remote service for one answer (`llm::DEFAULT_PER_GENERATOR_TIMEOUT` is
/// this).
/// `server.request_timeout_seconds` must be longer when `[llm.remote]` is configured.
pub const REMOTE_GENERATOR_TIMEOUT_SECONDS: u64 = 25;

const LOG_LEVELS: [&str; 5] = ["error", "warn", "info", "debug", "trace"];

impl Config {
    pub fn listen_addr(&self) -> SocketAddr {
        self.server.listen.parse().expect("validated at load")
    }

    pub fn database_path(&self) -> PathBuf {
        self.server.data_dir.join("saju.redb")
    }

    /// Where plugins are loaded from: the configured directories, then `<data_dir>/plugins`.
    pub fn plugin_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = self.plugins.dirs.clone();
        dirs.push(self.server.data_dir.join("plugins"));
        dirs
    }

    pub fn trusted_proxies(&self) -> Vec<ipnet::IpNet> {
        self.security.trusted_proxies.iter().filter_map(|p| parse_net(p)).collect()
    }

    /// Checks every value and the production rules; the error names the key.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let s = &self.server;
        s.listen
            .parse::<SocketAddr>()
            .map_err(|_| err("server.listen", format!("주소:포트 형식이 아닙니다: {}", s.listen)))?;
        if s.data_dir.as_os_str().is_empty() {
            return Err(err("server.data_dir", "비어 있습니다"));
        }
        if !(1024..=64 * 1024 * 1024).contains(&s.body_limit_bytes) {
            return Err(err("server.body_limit_bytes", "1024 ~ 67108864 사이여야 합니다"));
        }
        if !(1..=600).contains(&s.request_timeout_seconds) {
            return Err(err("server.request_timeout_seconds", "1 ~ 600 사이여야 합니다"));
        }
        if s.shutdown_grace_seconds > 600 {
            return Err(err("server.shutdown_grace_seconds", "600 이하여야 합니다"));
        }
        if s.max_connections == 0 {
            return Err(err("server.max_connections", "1 이상이어야 합니다"));
        }
        if !(1..=300).contains(&s.header_read_timeout_seconds) {
            return Err(err("server.header_read_timeout_seconds", "1~300이어야 합니다"));
        }
        if !(1..=3600).contains(&s.idle_timeout_seconds) {
            return Err(err("server.idle_timeout_seconds", "1~3600이어야 합니다"));
        }
        if s.min_free_disk_mb > 1_000_000 {
            return Err(err("server.min_free_disk_mb", "0~1000000(MB)이어야 합니다"));
        }
        if s.user_quota_mb > 1_000_000 {
            return Err(err("server.user_quota_mb", "0~1000000(MB)이어야 합니다"));
        }
        if s.idle_user_days > 36_500 {
            return Err(err("server.idle_user_days", "0~36500(일)이어야 합니다"));
        }
        if s.empty_user_days > 36_500 {
            return Err(err("server.empty_user_days", "0~36500(일)이어야 합니다"));
        }
        if s.shutdown_drain_seconds > 120 {
            return Err(err("server.shutdown_drain_seconds", "120 이하여야 합니다"));
        }
        let sec = &self.security;
        if !sec.admin_token.is_empty() && sec.admin_token.len() < 24 {
            return Err(err("security.admin_token", "24자 이상이어야 합니다 (비워 두면 관리자 API가 꺼집니다)"));
        }
        for origin in &sec.cors_origins {
            if origin != "*" && !valid_origin(origin) {
                return Err(err(
                    "security.cors_origins",
                    format!("origin 형식이 아닙니다 (예: https://example.com): {origin}"),
                ));
            }
        }
        for host in &sec.allowed_hosts {
            if host.is_empty() || host.contains(['/', ' ', '@']) {
                return Err(err("security.allowed_hosts", format!("호스트 이름이 아닙니다: {host}")));
            }
        }
        for p in &sec.trusted_proxies {
            if parse_net(p).is_none() {
                return Err(err("security.trusted_proxies", format!("IP 또는 CIDR이 아닙니다: {p}")));
            }
        }
        let rl = &self.rate_limit;
        if rl.requests_per_second == 0 || rl.burst == 0 {
            return Err(err("rate_limit", "requests_per_second와 burst는 1 이상이어야 합니다"));
        }
        if rl.batch_charts_per_minute < 1000 {
            return Err(err("rate_limit.batch_charts_per_minute", "1000 이상이어야 합니다 (한 번에 최대 1000건)"));
        }
        if rl.user_creations_per_hour == 0 {
            return Err(err("rate_limit.user_creations_per_hour", "1 이상이어야 합니다"));
        }
        if rl.max_tracked_clients < 100 {
            return Err(err("rate_limit.max_tracked_clients", "100 이상이어야 합니다"));
        }
        if !LOG_LEVELS.contains(&self.log.level.as_str()) {
            return Err(err("log.level", format!("{} (error, warn, info, debug, trace 중 하나)", self.log.level)));
        }
        if !["json", "pretty"].contains(&self.log.format.as_str()) {
            return Err(err("log.format", format!("{} (json 또는 pretty)", self.log.format)));
        }
        let remote = &self.llm.remote;
        let scheme_ok = remote.base_url.starts_with("http://") || remote.base_url.starts_with("https://");
        if !remote.base_url.is_empty() && !scheme_ok {
            return Err(err("llm.remote.base_url", "http:// 또는 https://로 시작해야 합니다"));
        }
        let pl = &self.plugins;
        if !(10_000..=10_000_000_000).contains(&pl.fuel) {
            return Err(err("plugins.fuel", "10000 ~ 10000000000 사이여야 합니다"));
        }
        if !(64 * 1024..=1024 * 1024 * 1024).contains(&pl.memory_bytes) {
            return Err(err("plugins.memory_bytes", "65536 ~ 1073741824 사이여야 합니다"));
        }
        if !(1..=1000).contains(&pl.max_findings) {
            return Err(err("plugins.max_findings", "1 ~ 1000 사이여야 합니다"));
        }
        if !(1024..=16 * 1024 * 1024).contains(&pl.max_output_bytes) {
            return Err(err("plugins.max_output_bytes", "1024 ~ 16777216 사이여야 합니다"));
        }
        if !(64 * 1024..=64 * 1024 * 1024).contains(&pl.max_component_bytes) {
            return Err(err("plugins.max_component_bytes", "65536 ~ 67108864 사이여야 합니다"));
        }
        let local = &self.llm.local;
        if !(64..=131_072).contains(&local.max_context_tokens) {
            return Err(err("llm.local.max_context_tokens", "64 ~ 131072 사이여야 합니다"));
        }
        if local.max_new_tokens == 0 || local.max_new_tokens >= local.max_context_tokens {
            return Err(err("llm.local.max_new_tokens", "1 이상, max_context_tokens 미만이어야 합니다"));
        }
        if !(0.0..=2.0).contains(&local.temperature) {
            return Err(err("llm.local.temperature", "0 ~ 2 사이여야 합니다"));
        }
        if !(1..=600).contains(&local.timeout_seconds) {
            return Err(err("llm.local.timeout_seconds", "1 ~ 600 사이여야 합니다"));
        }
        // A generator's time limit must end before the request's: otherwise the request is answered 503
        // `timeout` while the generator still runs, and the chain never gets to fall back.
        let request = s.request_timeout_seconds;
        if !local.model.trim().is_empty() && local.timeout_seconds >= request {
            return Err(err(
                "llm.local.timeout_seconds",
                format!(
                    "{}초가 server.request_timeout_seconds({request}초) 안에 들어가지 않습니다. \
                     로컬 모델의 제한 시간을 요청 제한 시간보다 짧게 하거나 server.request_timeout_seconds를 늘리세요",
                    local.timeout_seconds
                ),
            ));
        }
        let remote_on = !remote.base_url.trim().is_empty() && !remote.model.trim().is_empty();
        if remote_on && REMOTE_GENERATOR_TIMEOUT_SECONDS >= request {
            return Err(err(
                "server.request_timeout_seconds",
                format!(
                    "{request}초로는 llm.remote(원격 모델의 제한 시간 {REMOTE_GENERATOR_TIMEOUT_SECONDS}초)가 \
                     들어가지 않습니다. {}초 이상으로 하거나 llm.remote를 비우세요",
                    REMOTE_GENERATOR_TIMEOUT_SECONDS + 1
                ),
            ));
        }
        if self.environment == Environment::Production {
            if matches!(self.log.level.as_str(), "debug" | "trace") {
                return Err(err("log.level", "production에서는 debug/trace 로그를 쓸 수 없습니다"));
            }
            if sec.cors_origins.is_empty() || sec.cors_origins.iter().any(|o| o == "*") {
                return Err(err("security.cors_origins", "production에서는 허용할 origin을 명시해야 합니다 (* 불가)"));
            }
        }
        Ok(())
    }

    /// The effective configuration as TOML with secrets masked.
    pub fn masked_toml(&self) -> String {
        let mut c = self.clone();
        let mask = |s: &mut String| {
            if !s.is_empty() {
                *s = format!("***({}자)", s.chars().count());
            }
        };
        mask(&mut c.security.admin_token);
        mask(&mut c.llm.remote.api_key);
        toml::to_string_pretty(&c).expect("config serializes")
    }
}

fn valid_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else { return false };
    matches!(scheme, "http" | "https") && !rest.is_empty() && !rest.contains(['/', ' ', '?', '#'])
}

fn parse_net(s: &str) -> Option<ipnet::IpNet> {
    s.parse::<ipnet::IpNet>().ok().or_else(|| s.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        Config::default().validate().unwrap();
    }

    #[test]
    fn production_rules() {
        let mut c = Config { environment: Environment::Production, ..Config::default() };
        assert_eq!(c.validate().unwrap_err().key, "security.cors_origins");
        c.security.cors_origins = vec!["https://saju.example.com".into()];
        c.validate().unwrap();
        c.log.level = "debug".into();
        assert_eq!(c.validate().unwrap_err().key, "log.level");
    }

    #[test]
    fn bad_values_name_their_key() {
        let mut c = Config::default();
        c.server.listen = "localhost".into();
        assert_eq!(c.validate().unwrap_err().key, "server.listen");
        let mut c = Config::default();
        c.security.trusted_proxies = vec!["10.0.0.0/33".into()];
        assert_eq!(c.validate().unwrap_err().key, "security.trusted_proxies");
        let mut c = Config::default();
        c.security.admin_token = "short".into();
        assert_eq!(c.validate().unwrap_err().key, "security.admin_token");
    }

    #[test]
    fn generator_timeouts_must_fit_inside_the_request_timeout() {
        let mut c = Config::default();
        c.llm.local.model = "qwen2.5-0.5b-instruct".into();
        c.validate().unwrap();
        c.server.request_timeout_seconds = 30;
        let e = c.validate().unwrap_err();
        assert_eq!(e.key, "llm.local.timeout_seconds");
        assert!(e.to_string().contains("server.request_timeout_seconds(30초)"), "{e}");
        c.llm.local.timeout_seconds = 29;
        c.validate().unwrap();
        // Without a local model its timeout constrains nothing.
        let mut c = Config::default();
        c.server.request_timeout_seconds = 10;
        c.validate().unwrap();
        c.llm.remote.base_url = "https://llm.example.com/v1".into();
        c.llm.remote.model = "gpt-4o-mini".into();
        let e = c.validate().unwrap_err();
        assert_eq!(e.key, "server.request_timeout_seconds");
        assert!(e.to_string().contains("llm.remote"), "{e}");
    }

    #[test]
    fn example_file_lists_exactly_the_defaults() {
        let parsed: Config = toml::from_str(include_str!("../saju.example.toml")).unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn secrets_are_masked() {
        let mut c = Config::default();
        c.security.admin_token = "a".repeat(30);
        c.llm.remote.api_key = "sk-secret".into();
        let t = c.masked_toml();
        assert!(!t.contains("sk-secret") && !t.contains(&"a".repeat(30)), "{t}");
        assert!(t.contains("***(9자)"));
    }
}
