//! `saju ask "질문"`: one message answered on the command line by the same turn runner as the chat route
//! (`chat::turn`): the same understanding, follow-up questions, plugins and generator chain.

use super::server_args::ConfigArgs;
use super::CliError;
use crate::chat::dialogue::Known;
use crate::chat::{Brain, TurnRequest};
use crate::clock::Clock;
use crate::knowledge::KnowledgeBase;
use crate::llm::{Cancel, ChainEvent};
use clap::Args;
use std::io::Write;
use std::sync::Arc;

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
    let local = crate::models::load_local_chat(&config).map_err(|e| CliError(e.to_string()))?;
    let brain = Brain {
        knowledge: Arc::new(KnowledgeBase::embedded()),
        chain: Arc::new(crate::llm::from_config_with_local(&config.llm, local)),
        plugins: Arc::new(crate::plugins::Registry::from_config(&config)),
    };
    let request = TurnRequest {
        text: question.to_string(),
        known: Known::default(),
        history: Vec::new(),
        now: crate::clock::SystemClock.korea_now(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError(format!("런타임을 시작할 수 없습니다: {e}")))?;
    let outcome = runtime.block_on(async {
        let mut out = std::io::stdout();
        crate::chat::run(
            &brain,
            request,
            &mut |event| match event {
                ChainEvent::Token(t) => {
                    let _ = out.write_all(t.as_bytes());
                    let _ = out.flush();
                }
                // A generator gave up mid-answer: start the answer again on a fresh line.
                ChainEvent::Reset { generator } => {
                    let _ = writeln!(out, "\n[{generator} 답변 중단 — 다른 방법으로 다시 답합니다]");
                }
            },
            &Cancel::new(),
        )
        .await
    });
    println!();
    let outcome = outcome.map_err(|e| CliError(e.to_string()))?;
    if args.verbose {
        println!("\n생성기: {} (순서: {})", outcome.generator, brain.chain.names().join(" → "));
        if let Some(missing) = outcome.follow_up {
            println!("되묻는 항목: {}", missing.code());
        }
        for f in &outcome.findings {
            println!("근거: {} ({})", f.text, f.code);
        }
        for c in &outcome.citations {
            println!("인용: [{}] {} — {}", c.id, c.title, c.source);
        }
    }
    Ok(())
}
