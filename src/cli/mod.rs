//! The `saju` command line: clap definitions and dispatch. Each subcommand lives in its own file.

mod admin;
mod ask;
mod batch;
mod calendar;
mod chart;
mod knowledge;
mod models;
mod plugins;
mod probe;
mod render;
mod serve;
mod server_args;
mod text;
mod timing;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "saju", version, about = "사주 차트 엔진과 상담 챗봇 어플라이언스", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 사주 차트를 계산합니다 (표 또는 --json, 여러 건은 --batch).
    Chart(chart::ChartArgs),
    /// 음력·양력 변환과 24절기.
    Calendar(calendar::CalendarArgs),
    /// HTTP 서비스를 시작합니다 (API, 문서, 상태 점검, 지표).
    Serve(serve::ServeArgs),
    /// 적용될 설정을 보여 주고 검사합니다 (비밀 값은 가림).
    CheckConfig(admin::CheckConfigArgs),
    /// 데이터베이스 스키마를 최신으로 올립니다.
    Migrate(admin::MigrateArgs),
    /// 실행 중에도 일관된 데이터베이스 백업을 만듭니다.
    Backup(admin::BackupArgs),
    /// 데이터베이스의 모든 레코드를 읽어 상한 곳을 찾습니다 (읽기 전용, 실행 중에도 가능).
    Verify(admin::VerifyArgs),
    /// OpenAPI 명세(JSON)를 출력합니다.
    Openapi(admin::OpenApiArgs),
    /// 실행 중인 서버의 상태를 확인합니다 (정상이면 종료 코드 0; 컨테이너 상태 점검용).
    Probe(probe::ProbeArgs),
    /// 질문 하나에 답합니다 (출생 정보를 질문에 함께 적으세요).
    Ask(ask::AskArgs),
    /// 시기 엔진: 분야(결혼, 이직, 재물 …)별로 앞으로의 해를 점수와 이유로 보여 줍니다.
    Timing(timing::TimingArgs),
    /// 지식 베이스를 읽고 검사하고 색인합니다.
    Index(knowledge::IndexArgs),
    /// 지식 베이스 도구: 검색 품질 평가(eval), 검색(search).
    Knowledge(knowledge::KnowledgeArgs),
    /// 해석 규칙 플러그인(WebAssembly): 목록(list), 검사(check), 실행(run).
    Plugins(plugins::PluginsArgs),
    /// 로컬 모델: 목록(list), 받기(pull).
    Models(models::ModelsArgs),
}

/// A failure the user can fix: printed as one line on stderr, exit status 1.
#[derive(Debug)]
pub struct CliError(pub String);

impl From<crate::saju::error::SajuError> for CliError {
    fn from(e: crate::saju::error::SajuError) -> Self {
        CliError(format!("{} [{}]", e, e.code()))
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError(format!("입출력 오류: {e}"))
    }
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    crate::store::install_panic_hook();
    // "saju ask … | head": a command that prints ends quietly when its reader goes away, as Unix tools do
    // (Rust ignores SIGPIPE, so `println!` would panic on the closed pipe). The server keeps ignoring it:
    // a client that hangs up is an error on that connection, not the end of the process.
    if !matches!(cli.command, Command::Serve(_)) {
        // SAFETY: restoring the default disposition of one signal before any thread starts.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let result = match cli.command {
        Command::Chart(args) => chart::run(args),
        Command::Calendar(args) => calendar::run(args),
        Command::Serve(args) => serve::run(args),
        Command::CheckConfig(args) => admin::check_config(args),
        Command::Migrate(args) => admin::migrate(args),
        Command::Backup(args) => admin::backup(args),
        Command::Verify(args) => admin::verify(args),
        Command::Openapi(args) => admin::openapi(args),
        Command::Probe(args) => probe::run(args),
        Command::Ask(args) => ask::run(args),
        Command::Timing(args) => timing::run(args),
        Command::Index(args) => knowledge::run_index(args),
        Command::Knowledge(args) => knowledge::run(args),
        Command::Plugins(args) => plugins::run(args),
        Command::Models(args) => models::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError(message)) => {
            eprintln!("saju: 오류: {message}");
            ExitCode::from(1)
        }
    }
}
