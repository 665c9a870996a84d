//! `saju models list|pull|bench`: the supported models, what is configured and on disk, fetching one, and
//! measuring a chat model's speed on this machine.

use super::server_args::ConfigArgs;
use super::CliError;
use crate::models::chat::{LocalChatModel, LocalOptions};
use crate::models::paths::{candidates, dir_size, find_with_extension};
use crate::models::{pull, Manifest, ModelKind};
use clap::{Args, Subcommand};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

#[derive(Debug, Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    command: ModelsCommand,
}

#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// 지원하는 모델, 설정된 모델, 디스크에 있는 모델을 보여 줍니다.
    List(ListArgs),
    /// 모델을 Hugging Face 허브에서 데이터 디렉터리로 받습니다.
    Pull(PullArgs),
    /// 대화 모델의 속도(프롬프트·생성 토큰/초, 메모리)를 잽니다.
    #[command(hide = true)]
    Bench(BenchArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct PullArgs {
    /// 모델 이름 (saju models list)
    name: String,
    /// 저장소 리비전 (브랜치, 태그 또는 커밋; 없으면 목록의 값)
    #[arg(long)]
    revision: Option<String>,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// 모델 이름, 모델 폴더 또는 .gguf 파일
    model: String,
    /// 프롬프트 토큰 수
    #[arg(long, default_value_t = 256)]
    prompt_tokens: usize,
    /// 생성할 토큰 수
    #[arg(long, default_value_t = 64)]
    tokens: usize,
    /// CPU 스레드 수 (0 = 모든 코어)
    #[arg(long, default_value_t = 2)]
    threads: usize,
    #[command(flatten)]
    config: ConfigArgs,
}

pub fn run(args: ModelsArgs) -> Result<(), CliError> {
    match args.command {
        ModelsCommand::List(args) => list(args),
        ModelsCommand::Pull(args) => run_pull(args),
        ModelsCommand::Bench(args) => bench(args),
    }
}

fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn list(args: ListArgs) -> Result<(), CliError> {
    let config = args.config.load(None)?;
    let data_dir = &config.server.data_dir;
    let manifest = Manifest::embedded();
    let chat = config.llm.local.model.trim();
    let embedding = config.knowledge.embedding_model.trim();
    println!(
        "설정: 대화 모델 [llm.local] model = {:?}, 임베딩 모델 [knowledge] embedding_model = {:?}",
        chat, embedding
    );
    for (what, spec) in [("대화 모델", chat), ("임베딩 모델", embedding)] {
        if !spec.is_empty() {
            match crate::models::resolve(spec, data_dir) {
                Ok(loc) => println!("  {what} {spec}: {} ({})", loc.dir.display(), mib(dir_size(&loc.dir))),
                Err(e) => println!("  {what} {spec}: 없음 — {e}"),
            }
        }
    }
    println!("\n{:<24} {:<9} {:<11} {:>8}  상태", "이름", "종류", "계열", "크기");
    for m in &manifest.models {
        let kind = match m.kind {
            ModelKind::Chat => "chat",
            ModelKind::Embedding => "embedding",
        };
        let state = match candidates(&m.name, data_dir).into_iter().find(|d| d.is_dir()) {
            Some(dir) => {
                let missing: Vec<&str> =
                    m.files.iter().map(|f| f.file_name()).filter(|f| !dir.join(f).is_file()).collect();
                if missing.is_empty() {
                    format!("있음 {} ({})", dir.display(), mib(dir_size(&dir)))
                } else {
                    format!("불완전 {} (빠진 파일: {})", dir.display(), missing.join(", "))
                }
            }
            None => "없음".to_string(),
        };
        let configured = if m.name == chat || m.name == embedding { " *설정됨" } else { "" };
        println!("{:<24} {:<9} {:<11} {:>8}  {state}{configured}", m.name, kind, m.family, format!("{} MB", m.size_mb));
    }
    Ok(())
}

fn run_pull(args: PullArgs) -> Result<(), CliError> {
    let config = args.config.load(None)?;
    let manifest = Manifest::embedded();
    let entry = manifest.get(&args.name).ok_or_else(|| {
        CliError(format!("모르는 모델입니다: {} (받을 수 있는 모델: {})", args.name, manifest.names().join(", ")))
    })?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError(format!("런타임을 시작할 수 없습니다: {e}")))?;
    let show = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let dir = runtime
        .block_on(pull::pull(entry, args.revision.as_deref(), &config.server.data_dir, show))
        .map_err(CliError)?;
    println!("{}: {} ({})", entry.name, dir.display(), mib(dir_size(&dir)));
    Ok(())
}

/// A `/proc/self/status` memory line (`VmRSS`, `VmHWM`) in KiB.
fn proc_status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn bench(args: BenchArgs) -> Result<(), CliError> {
    let config = args.config.load(None)?;
    crate::models::set_threads(args.threads);
    let location = crate::models::resolve(&args.model, &config.server.data_dir).map_err(|e| CliError(e.to_string()))?;
    let path = location.file.clone().unwrap_or(location.dir.clone());
    let file = if path.is_file() { path.clone() } else { find_with_extension(&path, ".gguf").unwrap_or(path.clone()) };
    let options = LocalOptions {
        max_context_tokens: args.prompt_tokens + args.tokens + 1,
        max_new_tokens: args.tokens,
        temperature: 0.0,
        repeat_penalty: 1.0,
        ..LocalOptions::default()
    };
    let started = Instant::now();
    let model = LocalChatModel::load(&path, options).map_err(|e| CliError(format!("{e:#}")))?;
    let load_ms = started.elapsed().as_millis();
    let prompt = bench_prompt(&model, args.prompt_tokens)?;
    let out = model
        .generate(&prompt, args.tokens, &AtomicBool::new(false), &mut |_| {})
        .map_err(|e| CliError(format!("생성 실패: {e}")))?;
    let per_sec = |n: usize, d: std::time::Duration| n as f64 / d.as_secs_f64().max(1e-9);
    println!("model            {} ({:?}, {})", file.display(), model.family(), mib(file_len(&file)));
    println!("threads          {}", candle_core::utils::get_num_threads());
    println!("load             {load_ms} ms");
    println!("prompt           {} tokens, {:.1} tok/s", out.prompt_tokens, per_sec(out.prompt_tokens, out.prompt_time));
    let after_first = out.generated_tokens.saturating_sub(1);
    println!(
        "generation       {} tokens, {:.1} tok/s",
        out.generated_tokens,
        per_sec(after_first, out.generation_time)
    );
    let show = |key: &str| proc_status_kib(key).map_or("?".into(), |k| mib(k * 1024));
    println!("RSS              {} after generating (peak {} while loading)", show("VmRSS:"), show("VmHWM:"));
    Ok(())
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// About `n` tokens of Korean saju text.
fn bench_prompt(model: &LocalChatModel, n: usize) -> Result<Vec<u32>, CliError> {
    let text = "사주는 태어난 해, 달, 날, 시의 네 기둥으로 타고난 기운을 읽습니다. 일간은 나 자신을 뜻하고 오행의 균형이 성격과 흐름을 보여 줍니다. ";
    let mut ids = Vec::new();
    while ids.len() < n {
        let enc = model.tokenizer().encode(text, false).map_err(|e| CliError(format!("토큰화 실패: {e}")))?;
        if enc.get_ids().is_empty() {
            return Err(CliError("토크나이저가 토큰을 만들지 않습니다".into()));
        }
        ids.extend_from_slice(enc.get_ids());
    }
    ids.truncate(n);
    Ok(ids)
}
