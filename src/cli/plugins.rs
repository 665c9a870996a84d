//! `saju plugins list | check FILE | run FILE --date …`: the interpretation-rule plugins from the command line.

use super::server_args::ConfigArgs;
use super::CliError;
use crate::plugins::{to_wit, Host, Limits, Loaded, PluginFinding, Registry};
use crate::saju::chart::model::Chart;
use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PluginsArgs {
    #[command(subcommand)]
    command: PluginsCommand,
}

#[derive(Debug, Subcommand)]
enum PluginsCommand {
    /// 설정된 디렉터리(plugins.dirs, <data_dir>/plugins)의 플러그인과 상태를 보여 줍니다.
    List {
        #[command(flatten)]
        config: ConfigArgs,
        /// JSON으로 출력
        #[arg(long)]
        json: bool,
    },
    /// 파일 하나가 saju:plugin 계약(world·버전)에 맞는지 검사하고 메타데이터를 보여 줍니다.
    Check { file: PathBuf },
    /// 파일 하나를 차트에 실행해 발견을 보여 줍니다 (--with-*를 주면 궁합).
    Run(RunArgs),
}

#[derive(Debug, Args)]
struct RunArgs {
    file: PathBuf,
    /// 생년월일 YYYY-MM-DD (음력이면 --lunar)
    #[arg(long)]
    date: String,
    /// 출생 시각 HH:MM; 모르면 생략
    #[arg(long)]
    time: Option<String>,
    /// IANA 시간대
    #[arg(long, default_value = "Asia/Seoul")]
    tz: String,
    /// male | female
    #[arg(long)]
    gender: String,
    /// 날짜가 음력입니다
    #[arg(long)]
    lunar: bool,
    /// 음력 윤달입니다 (--lunar와 함께)
    #[arg(long, requires = "lunar")]
    leap: bool,
    /// 궁합 상대의 생년월일 (양력)
    #[arg(long, requires = "with_gender")]
    with_date: Option<String>,
    /// 궁합 상대의 출생 시각
    #[arg(long, requires = "with_date")]
    with_time: Option<String>,
    /// 궁합 상대의 성별
    #[arg(long, requires = "with_date")]
    with_gender: Option<String>,
    /// 연산 한도(fuel)
    #[arg(long)]
    fuel: Option<u64>,
    /// JSON으로 출력
    #[arg(long)]
    json: bool,
}

pub fn run(args: PluginsArgs) -> Result<(), CliError> {
    match args.command {
        PluginsCommand::List { config, json } => list(&config, json),
        PluginsCommand::Check { file } => check(&file),
        PluginsCommand::Run(args) => run_file(args),
    }
}

fn list(config: &ConfigArgs, json: bool) -> Result<(), CliError> {
    let config = config.load(None)?;
    let registry = Registry::from_config(&config);
    let plugins = registry.list();
    if json {
        println!("{}", serde_json::to_string_pretty(&plugins).expect("plugins serialize"));
        return Ok(());
    }
    if plugins.is_empty() {
        let dirs: Vec<String> = config.plugin_dirs().iter().map(|d| d.display().to_string()).collect();
        println!("플러그인이 없습니다 (찾은 곳: {})", dirs.join(", "));
    }
    for p in plugins {
        let state = p.disabled_reason.as_deref().map_or("켜짐".to_string(), |r| format!("꺼짐 — {r}"));
        let m = &p.meta;
        println!("{} {} {} [{}] {}\n    {}", m.id, m.name, m.version, m.school, p.path, state);
    }
    Ok(())
}

fn load(file: &PathBuf, limits: Limits) -> Result<(Host, Loaded), CliError> {
    let bytes = std::fs::read(file).map_err(|e| CliError(format!("{}: {e}", file.display())))?;
    let host = Host::new(limits).map_err(|e| CliError(format!("플러그인 엔진을 시작하지 못했습니다: {e}")))?;
    let loaded = host.load(&bytes).map_err(|e| CliError(format!("{}: {e}", file.display())))?;
    Ok((host, loaded))
}

fn check(file: &PathBuf) -> Result<(), CliError> {
    let (_, loaded) = load(file, Limits::default())?;
    let m = &loaded.meta;
    println!("계약: saju:plugin@{} 호환", crate::plugins::CONTRACT_VERSION);
    println!(
        "id: {}\n이름: {}\n버전: {}\n학파: {}\n설명: {}\n의도: {}",
        m.id,
        m.name,
        m.version,
        m.school,
        m.description,
        m.intents.join(", ")
    );
    Ok(())
}

fn chart(date: &str, time: Option<&str>, tz: &str, gender: &str, lunar: bool, leap: bool) -> Result<Chart, CliError> {
    let request = ChartRequest {
        calendar: Some(if lunar { "korean_lunar" } else { "solar" }.to_string()),
        datetime: time.map_or(date.to_string(), |t| format!("{date}T{t}")),
        timezone: Some(tz.to_string()),
        gender: gender.to_string(),
        leap_month: Some(leap),
        ..Default::default()
    };
    Ok(build_chart(&request.parse()?, &ChartExtras::default())?)
}

fn run_file(args: RunArgs) -> Result<(), CliError> {
    let limits = Limits { fuel: args.fuel.unwrap_or(Limits::default().fuel), ..Limits::default() };
    let (host, loaded) = load(&args.file, limits)?;
    let a = chart(&args.date, args.time.as_deref(), &args.tz, &args.gender, args.lunar, args.leap)?;
    let outcome = match (&args.with_date, &args.with_gender) {
        (Some(date), Some(gender)) => {
            let b = chart(date, args.with_time.as_deref(), &args.tz, gender, false, false)?;
            host.compatibility(&loaded, &to_wit(&a), &to_wit(&b))
        }
        _ => host.interpret(&loaded, &to_wit(&a)),
    };
    let found = outcome.map_err(|f| CliError(format!("플러그인 {} 실행 실패: {f}", loaded.meta.id)))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&found).expect("findings serialize"));
    } else {
        print!("{}", table(&found));
    }
    Ok(())
}

fn table(found: &[PluginFinding]) -> String {
    if found.is_empty() {
        return "발견 없음\n".to_string();
    }
    let mut out = String::new();
    for f in found {
        out.push_str(&format!(
            "{:+4}  {}  ({})  {}\n      {}\n",
            f.weight,
            f.title,
            f.pillars.join("·"),
            f.code,
            f.text
        ));
    }
    out
}
