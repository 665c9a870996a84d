//! Knowledge-base commands: `saju index` (load, validate and index the corpus) and `saju knowledge eval|search`.

use super::server_args::ConfigArgs;
use super::CliError;
use crate::knowledge::eval::{evaluate, parse_eval_set, unknown_ids, EvalReport, EMBEDDED_EVAL_SET, MRR_DEPTH};
use crate::knowledge::persist::{attach_dense_from_store, DenseOrigin};
use crate::knowledge::{Bm25Params, DenseIndex, Embedder, KnowledgeBase, LexicalIndex, LoadError, Mode};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// 지식 폴더 (없으면 실행 파일에 내장된 지식 베이스)
    #[arg(long, value_name = "DIR")]
    knowledge_dir: Option<PathBuf>,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct KnowledgeArgs {
    #[command(subcommand)]
    command: KnowledgeCommand,
}

#[derive(Debug, Subcommand)]
pub enum KnowledgeCommand {
    /// 검색 품질 평가: 질문 모음으로 recall@k와 MRR을 잽니다.
    Eval(EvalArgs),
    /// 질문으로 지식 문단을 찾아 제목과 함께 보여 줍니다.
    Search(SearchArgs),
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// 평가 질문 모음 (JSON lines: {"question", "relevant"}; 없으면 내장된 tests/data/retrieval_eval.jsonl)
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,
    /// 상위 몇 개까지 볼지
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    k: u16,
    /// 놓친 질문을 하나씩 보여 줍니다
    #[arg(long, short)]
    verbose: bool,
    /// 지식 폴더 (없으면 내장된 지식 베이스)
    #[arg(long, value_name = "DIR")]
    knowledge_dir: Option<PathBuf>,
    /// 임베딩 모델로 의미(dense) 색인을 만들어 dense, hybrid도 평가합니다
    #[arg(long)]
    dense: bool,
    /// --dense에 쓸 임베딩 모델 (없으면 설정의 [knowledge] embedding_model)
    #[arg(long, value_name = "NAME|DIR", requires = "dense")]
    embedding_model: Option<String>,
    #[command(flatten)]
    config: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// 질문 (예: "남편복이 있을까요?")
    query: String,
    /// 보여 줄 결과 수
    #[arg(long, short, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    k: u16,
    /// 점수에 기여한 검색어 조각을 보여 줍니다
    #[arg(long)]
    explain: bool,
    /// 지식 폴더 (없으면 내장된 지식 베이스)
    #[arg(long, value_name = "DIR")]
    knowledge_dir: Option<PathBuf>,
}

fn load_error(dir: Option<&Path>, e: LoadError) -> CliError {
    let what = dir.map_or_else(|| "내장 지식 베이스".to_string(), |d| d.display().to_string());
    let lines: Vec<String> = e.errors.iter().map(|e| format!("  {e}")).collect();
    CliError(format!("{what}: 문단 {}개를 읽지 못했습니다\n{}", e.errors.len(), lines.join("\n")))
}

fn load(dir: Option<&Path>) -> Result<KnowledgeBase, CliError> {
    match dir {
        Some(d) if !d.is_dir() => Err(CliError(format!("지식 폴더가 없습니다: {}", d.display()))),
        Some(d) => KnowledgeBase::load_dir(d).map_err(|e| load_error(dir, e)),
        None => KnowledgeBase::try_embedded().map_err(|e| load_error(dir, e)),
    }
}

fn progress_bar(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

/// Loads the corpus, prints counts per folder and validation issues, and builds the lexical index.
pub fn run_index(args: IndexArgs) -> Result<(), CliError> {
    let dir = args.knowledge_dir.as_deref();
    let started = Instant::now();
    let kb = load(dir)?;
    let source = dir.map_or_else(|| "내장".to_string(), |d| d.display().to_string());
    println!("지식 베이스: {source} ({} ms)", started.elapsed().as_millis());
    for (folder, n) in kb.folder_counts() {
        println!("  {folder:<14} {n:>4}");
    }
    println!("  합계{} {:>4}", " ".repeat(10), kb.len());
    println!("말뭉치 해시: {}", kb.corpus_hash());

    let issues = kb.validate();
    if issues.is_empty() {
        println!("검사: 문제 없음");
    } else {
        println!("검사: 문제 {}개", issues.len());
        for issue in &issues {
            println!("  {issue}");
        }
    }

    let bar = progress_bar(kb.len(), "어휘 색인");
    let started = Instant::now();
    let index = LexicalIndex::build_with(&kb, Bm25Params::default(), |done, _| bar.set_position(done as u64));
    let elapsed = started.elapsed();
    bar.finish_and_clear();
    let s = index.stats();
    println!(
        "어휘 색인: 문단 {}개, 색인어 {}개, 포스팅 {}개, 약 {:.1} KiB, {:.1} ms",
        s.documents,
        s.terms,
        s.postings,
        s.bytes as f64 / 1024.0,
        elapsed.as_secs_f64() * 1000.0
    );
    index_dense(&args.config, &kb)?;
    if issues.is_empty() {
        Ok(())
    } else {
        Err(CliError(format!("지식 베이스 검사에서 문제 {}건이 나왔습니다", issues.len())))
    }
}

/// With `[knowledge] embedding_model` set: reuses the dense index in the store when it is current, else
/// builds it (progress bar) and saves it.
fn index_dense(config: &ConfigArgs, kb: &KnowledgeBase) -> Result<(), CliError> {
    let config = config.load(None)?;
    let Some(embedder) = crate::models::load_embedder(&config).map_err(|e| CliError(e.to_string()))? else {
        println!("의미(dense) 색인: 임베딩 모델이 설정되지 않아 만들지 않았습니다 (어휘 검색만 사용).");
        return Ok(());
    };
    let store = crate::store::Store::open(&config.database_path()).map_err(|e| CliError(e.to_string()))?;
    let bar = progress_bar(kb.len(), "의미 색인");
    let started = Instant::now();
    let origin = attach_dense_from_store(kb, embedder.clone(), &store, |done, _| bar.set_position(done as u64))
        .map_err(|e| CliError(format!("의미 색인을 만들지 못했습니다: {e:#}")))?;
    bar.finish_and_clear();
    let what = match origin {
        DenseOrigin::Stored => "저장된 색인이 최신이라 그대로 씁니다".to_string(),
        DenseOrigin::Built { reason } => format!("새로 만들어 저장했습니다 ({reason})"),
    };
    println!(
        "의미(dense) 색인: {} 차원 {}, {what}, {:.1} s",
        embedder.id(),
        embedder.dim(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub fn run(args: KnowledgeArgs) -> Result<(), CliError> {
    match args.command {
        KnowledgeCommand::Eval(args) => run_eval(args),
        KnowledgeCommand::Search(args) => run_search(args),
    }
}

fn print_report(label: &str, r: &EvalReport, verbose: bool) {
    println!(
        "{label:<8} recall@{k} {:.3}  hit@{k} {:.3}  MRR@{MRR_DEPTH} {:.3}  (놓친 질문 {}개)",
        r.recall_at_k,
        r.hit_at_k,
        r.mrr,
        r.misses.len(),
        k = r.k
    );
    if verbose {
        for m in &r.misses {
            let rank = m.first_relevant_rank.map_or_else(|| format!(">{MRR_DEPTH}"), |r| r.to_string());
            println!("  - {} (첫 정답 순위 {rank})", m.question);
            println!("      정답: {}", m.relevant.join(", "));
            println!("      결과: {}", m.got.join(", "));
        }
    }
}

/// Prints recall@k and MRR for lexical retrieval (and dense and hybrid once an embedder is attached).
pub fn run_eval(args: EvalArgs) -> Result<(), CliError> {
    let kb = load(args.knowledge_dir.as_deref())?;
    let (name, text) = match &args.file {
        Some(path) => (
            path.display().to_string(),
            std::fs::read_to_string(path).map_err(|e| CliError(format!("{}: {e}", path.display())))?,
        ),
        None => ("내장 평가 질문".to_string(), EMBEDDED_EVAL_SET.to_string()),
    };
    let questions = parse_eval_set(&text).map_err(|e| CliError(format!("{name}: {e}")))?;
    if questions.is_empty() {
        return Err(CliError(format!("{name}: 질문이 없습니다")));
    }
    let unknown = unknown_ids(&questions, &kb);
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(|(i, id)| format!("{} ({})", id, questions[*i].question)).collect();
        return Err(CliError(format!("{name}: 지식 베이스에 없는 문단 id: {}", list.join(", "))));
    }
    if args.dense {
        let mut config = args.config.load(None)?;
        if let Some(model) = &args.embedding_model {
            config.knowledge.embedding_model = model.clone();
        }
        let embedder =
            crate::models::load_embedder(&config).map_err(|e| CliError(e.to_string()))?.ok_or_else(|| {
                CliError(
                    "--dense: 임베딩 모델이 설정되지 않았습니다 ([knowledge] embedding_model 또는 --embedding-model)"
                        .into(),
                )
            })?;
        let bar = progress_bar(kb.len(), "의미 색인");
        let index = DenseIndex::build(&kb, embedder.as_ref(), |done, _| bar.set_position(done as u64))
            .map_err(|e| CliError(format!("의미 색인을 만들지 못했습니다: {e}")))?;
        bar.finish_and_clear();
        kb.attach_dense(index, embedder).map_err(|e| CliError(e.to_string()))?;
    }
    let k = args.k as usize;
    println!("{name}: 질문 {}개, 문단 {}개", questions.len(), kb.len());
    let lexical = evaluate(&questions, k, |q, depth| kb.lexical().search(q, depth));
    print_report("lexical", &lexical, args.verbose);
    if kb.has_dense() {
        for (label, mode) in [("dense", Mode::Dense), ("hybrid", Mode::Hybrid)] {
            let r = evaluate(&questions, k, |q, depth| kb.search_mode(q, depth, mode).unwrap_or_default());
            print_report(label, &r, args.verbose);
        }
    } else {
        println!("dense    사용하지 않음: --dense로 임베딩 모델의 dense, hybrid 결과도 봅니다");
    }
    Ok(())
}

/// Prints the top hits for a question with their titles.
pub fn run_search(args: SearchArgs) -> Result<(), CliError> {
    let kb = load(args.knowledge_dir.as_deref())?;
    kb.lexical();
    let started = Instant::now();
    let hits = kb.search(&args.query, args.k as usize);
    let elapsed = started.elapsed();
    if hits.is_empty() {
        println!("찾은 문단이 없습니다.");
    }
    for (rank, hit) in hits.iter().enumerate() {
        let title = kb.get(&hit.id).map_or("", |p| p.title.as_str());
        println!("{:>2}. {:>7.3}  {}  {}", rank + 1, hit.score, hit.id, title);
        if args.explain {
            let parts: Vec<String> = kb
                .lexical()
                .explain(&args.query, &hit.id)
                .iter()
                .take(8)
                .map(|(t, s)| format!("{}={s:.2}", &t[1..]))
                .collect();
            println!("             {}", parts.join(" "));
        }
    }
    eprintln!("({} 검색, {:.2} ms)", if kb.has_dense() { "hybrid" } else { "어휘" }, elapsed.as_secs_f64() * 1000.0);
    Ok(())
}
