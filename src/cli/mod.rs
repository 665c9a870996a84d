//! The `saju` command line: clap definitions and dispatch. Each subcommand lives in its own file.

mod batch;
mod calendar;
mod chart;
mod render;
mod text;

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
    let result = match cli.command {
        Command::Chart(args) => chart::run(args),
        Command::Calendar(args) => calendar::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError(message)) => {
            eprintln!("saju: 오류: {message}");
            ExitCode::from(1)
        }
    }
}
