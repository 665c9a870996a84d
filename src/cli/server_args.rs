//! Flags shared by the commands that read the configuration.

use crate::config::{self, Config};
use clap::Args;
use figment::providers::Serialized;
use figment::Figment;
use std::path::PathBuf;

#[derive(Debug, Args, Clone, Default)]
pub struct ConfigArgs {
    /// 설정 파일(TOML). 없으면 SAJU_CONFIG, 둘 다 없으면 내장 기본값
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// 데이터 디렉터리 (server.data_dir)
    #[arg(long, value_name = "PATH")]
    pub data_dir: Option<PathBuf>,
}

impl ConfigArgs {
    pub fn load(&self, listen: Option<&str>) -> Result<Config, super::CliError> {
        let mut overrides = Figment::new();
        if let Some(dir) = &self.data_dir {
            overrides = overrides.merge(Serialized::default("server.data_dir", dir));
        }
        if let Some(listen) = listen {
            overrides = overrides.merge(Serialized::default("server.listen", listen));
        }
        config::load(self.config.as_deref(), overrides).map_err(|e| super::CliError(e.to_string()))
    }
}
