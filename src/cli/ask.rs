//! `saju ask "질문"`: one question answered on the command line, the same way the chat route answers it.

use super::server_args::ConfigArgs;
use super::CliError;
use crate::chat::answer::answer;
use crate::chat::extract_birth;
use crate::knowledge::KnowledgeBase;
use crate::llm::ChainEvent;
use crate::saju::chart::{build_chart, ChartExtras};
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct AskArgs {
    /// 질문. 출생 정보를 함께 적으세요 (예: "1990년 5월 15일 오후 3시 30분 남자, 올해 운세는?")
    question: String,
    /// 답을 만든 생성기, 근거(findings)와 인용한 지식 항목도 출력
    #[arg(long)]
    verbose: bool,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn run(args: AskArgs) -> Result<(), CliError> {
    let config = args.config.load(None)?;
    let question = args.question.trim();
    if question.is_empty() || question.chars().count() > 1000 {
        return Err(CliError("질문은 1~1000자여야 합니다".into()));
    }
    let chart = match extract_birth(question, crate::store::current_year()) {
        Some(birth) if !birth.gender.is_empty() => Some(build_chart(&birth.parse()?, &ChartExtras::default())?),
        Some(_) => return Err(CliError("성별을 함께 적어 주세요 (예: 남자, 여자)".into())),
        None => None,
    };
    let kb = KnowledgeBase::embedded();
    let local = crate::models::load_local_chat(&config).map_err(CliError)?;
    let chain = crate::llm::from_config_with_local(&config.llm, local);
    let year = crate::store::current_year();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError(format!("런타임을 시작할 수 없습니다: {e}")))?;
    let answered = runtime.block_on(async {
        let mut out = std::io::stdout();
        answer(&kb, &chain, question, chart, year, Vec::new(), &mut |event| match event {
            ChainEvent::Token(t) => {
                let _ = out.write_all(t.as_bytes());
                let _ = out.flush();
            }
            // A generator gave up mid-answer: start the answer again on a fresh line.
            ChainEvent::Reset { generator } => {
                let _ = writeln!(out, "\n[{generator} 답변 중단 — 다른 방법으로 다시 답합니다]");
            }
        })
        .await
    });
    println!();
    if args.verbose {
        println!("\n생성기: {} (순서: {})", answered.generator, chain.names().join(" → "));
        for f in &answered.findings {
            println!("근거: {} ({})", f.text, f.code);
        }
        for c in &answered.citations {
            println!("인용: [{}] {} — {}", c.id, c.title, c.source);
        }
    }
    Ok(())
}
