//! Operator commands: `check-config`, `migrate`, `backup`, `verify`, `openapi`.

use super::server_args::ConfigArgs;
use super::CliError;
use crate::store::{backup_to, verify as verify_file, Store, VerifyReport, SCHEMA_VERSION};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CheckConfigArgs {
    #[command(flatten)]
    config: ConfigArgs,
}

/// Prints the effective configuration with secrets masked; a bad value is a one-line error naming the key.
pub fn check_config(args: CheckConfigArgs) -> Result<(), CliError> {
    let config = args.config.load(None)?;
    print!("{}", config.masked_toml());
    eprintln!("설정이 올바릅니다.");
    Ok(())
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// 바꾸지 않고 현재 스키마 버전만 보여 줍니다
    #[arg(long)]
    status: bool,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn migrate(args: MigrateArgs) -> Result<(), CliError> {
    let config = args.config.load(None)?;
    let path = config.database_path();
    if args.status {
        if !path.is_file() {
            println!("{}: 아직 없음 (이 프로그램의 스키마 버전 {SCHEMA_VERSION})", path.display());
            return Ok(());
        }
        // Every record is read, so a damaged file is reported here and not first by `serve`.
        let report = verify_file(&path).map_err(|e| CliError(e.to_string()))?;
        let v = report.schema_version;
        if !report.is_clean() {
            return Err(damaged(&path, &report));
        }
        println!("{}: 스키마 버전 {v} (이 프로그램 {SCHEMA_VERSION})", path.display());
        return Ok(());
    }
    crate::telemetry::init_logging(&config.log);
    let store = Store::open(&path).map_err(|e| CliError(e.to_string()))?;
    let v = store.check().map_err(|e| CliError(e.to_string()))?;
    println!("{}: 스키마 버전 {v}", path.display());
    Ok(())
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// 백업 파일을 쓸 경로 (.redb). 없으면 <data_dir>/backups/saju-<UTC 시각>-<id>.redb에 쓰고
    /// server.backups_keep개만 남깁니다 (정기 백업용)
    path: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArgs,
}

/// Copies a consistent snapshot of the database, also while the server is running, and checks that every
/// record of the copy reads back. Without a path the copy goes into `<data_dir>/backups/` under a unique
/// name and older ones there are pruned to `server.backups_keep` (what the systemd timer and the
/// Kubernetes CronJob run).
pub fn backup(args: BackupArgs) -> Result<(), CliError> {
    let config = args.config.load(None)?;
    let source = config.database_path();
    let kept = crate::store::backups_dir(&config.server.data_dir);
    let path = match &args.path {
        Some(path) if path.exists() => {
            return Err(CliError(format!("이미 있는 파일입니다 (덮어쓰지 않습니다): {}", path.display())))
        }
        Some(path) => path.clone(),
        None => crate::store::new_backup_path(&kept),
    };
    let err = |e: crate::store::StoreError| CliError(e.to_string());
    let rows = backup_to(&source, &path).map_err(err)?;
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("백업 완료: {} ({rows}개 행, {bytes} 바이트, 다시 읽어 확인함)", path.display());
    if args.path.is_none() {
        let keep = config.server.backups_keep;
        let pruned = crate::store::prune_backups(&kept, crate::store::BACKUP_PREFIX, keep).map_err(err)?;
        if !pruned.is_empty() {
            println!("오래된 백업 {}개를 지웠습니다 (최근 {keep}개 보관)", pruned.len());
        }
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    config: ConfigArgs,
}

/// Reads every record of the database (read-only; the server may be running) and lists what cannot be
/// decoded. Exit status 1 when anything is damaged.
pub fn verify(args: VerifyArgs) -> Result<(), CliError> {
    let config = args.config.load(None)?;
    let path = config.database_path();
    let report = verify_file(&path).map_err(|e| CliError(e.to_string()))?;
    println!("{}: 스키마 버전 {}", path.display(), report.schema_version);
    for (table, rows) in &report.tables {
        println!("  {table:<14} {rows:>10}행");
    }
    if !report.is_clean() {
        return Err(damaged(&path, &report));
    }
    println!("모든 레코드를 읽었습니다. 이상 없음.");
    Ok(())
}

/// The one-line error for a damaged file: how many problems, the first of them, and the next step.
fn damaged(path: &std::path::Path, report: &VerifyReport) -> CliError {
    for p in &report.problems {
        println!("  {p}");
    }
    CliError(format!(
        "{}: 읽을 수 없는 부분이 {}곳 있습니다 (첫 번째: {}). 서버를 멈추고 백업 파일로 복원하세요",
        path.display(),
        report.problems.len(),
        report.problems.first().map_or("", String::as_str)
    ))
}

#[derive(Debug, Args)]
pub struct OpenApiArgs {
    /// 파일로 쓰기 (없으면 표준출력)
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn openapi(args: OpenApiArgs) -> Result<(), CliError> {
    let spec = crate::http::openapi_json();
    match args.output {
        Some(path) => std::fs::write(&path, spec).map_err(|e| CliError(format!("{}: {e}", path.display()))),
        None => {
            print!("{spec}");
            Ok(())
        }
    }
}
