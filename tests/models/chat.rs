use super::context;
use crate::tiny_models::{write_chat_model, ChatSpec};
use saju::llm::LocalGenerator;
use saju::llm::{ChatMessage, FallbackChain, Generator, GroundedComposer};
use saju::models::chat::{Family, LocalChatModel, LocalOptions, StopReason};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

const FAMILIES: [Family; 4] = [Family::Qwen2, Family::Qwen3, Family::Gemma3, Family::Llama];

fn load(spec: ChatSpec, options: LocalOptions) -> (tempfile::TempDir, LocalChatModel) {
    let dir = tempfile::tempdir().unwrap();
    write_chat_model(dir.path(), &spec).unwrap();
    let model = LocalChatModel::load(dir.path(), options).unwrap_or_else(|e| panic!("{:?}: {e:#}", spec.family));
    (dir, model)
}

fn greedy(max_new_tokens: usize) -> LocalOptions {
    LocalOptions { temperature: 0.0, max_new_tokens, ..LocalOptions::default() }
}

fn chat_prompt(model: &LocalChatModel) -> Vec<u32> {
    model.encode_chat(&[ChatMessage::new("system", "사주 일간"), ChatMessage::new("user", "올해 재물 운 ?")]).unwrap()
}

#[test]
fn every_family_loads_generates_and_streams() {
    for family in FAMILIES {
        let (_dir, model) = load(ChatSpec::new(family), LocalOptions { max_new_tokens: 12, ..LocalOptions::default() });
        assert_eq!(model.family(), family);
        let prompt = chat_prompt(&model);
        let mut pieces = Vec::new();
        let out = model.generate(&prompt, 12, &AtomicBool::new(false), &mut |p| pieces.push(p.to_string())).unwrap();
        assert_eq!(pieces.concat(), out.text, "{family:?}");
        assert!(out.generated_tokens >= 1 && out.generated_tokens <= 12, "{family:?}: {}", out.generated_tokens);
        assert_eq!(out.prompt_tokens, prompt.len());
        if out.stop == StopReason::Length {
            assert_eq!(out.generated_tokens, 12);
        }
    }
}

#[test]
fn the_chat_template_reaches_the_model_as_special_tokens() {
    for family in FAMILIES {
        let (_dir, model) = load(ChatSpec::new(family), LocalOptions::default());
        let ids = chat_prompt(&model);
        let start = ["<|im_start|>", "<|im_start|>", "<start_of_turn>", "<|start_header_id|>"]
            [FAMILIES.iter().position(|f| *f == family).unwrap()];
        let start_id = model.tokenizer().token_to_id(start).unwrap();
        assert!(ids.iter().filter(|&&t| t == start_id).count() >= 2, "{family:?}: {ids:?}");
        let unk = model.tokenizer().token_to_id("[UNK]").unwrap();
        assert!(ids.iter().filter(|&&t| t == unk).count() < ids.len() / 4, "{family:?} template words are known");
    }
}

#[test]
fn generation_stops_at_the_end_of_turn_token() {
    for family in FAMILIES {
        let spec = ChatSpec { stop_first: true, flat_logits: true, ..ChatSpec::new(family) };
        let (_dir, model) = load(spec, greedy(20));
        let out = model.generate(&chat_prompt(&model), 20, &AtomicBool::new(false), &mut |_| {}).unwrap();
        assert_eq!((out.stop, out.generated_tokens, out.text.as_str()), (StopReason::EndOfTurn, 1, ""), "{family:?}");
    }
}

#[test]
fn generation_stops_at_max_new_tokens() {
    for family in FAMILIES {
        let spec = ChatSpec { flat_logits: true, ..ChatSpec::new(family) };
        let (_dir, model) = load(spec, greedy(7));
        let mut pieces = 0;
        let out = model.generate(&chat_prompt(&model), 7, &AtomicBool::new(false), &mut |_| pieces += 1).unwrap();
        assert_eq!((out.stop, out.generated_tokens, pieces), (StopReason::Length, 7, 7), "{family:?}");
        // Flat logits: greedy picks id 0, the first vocabulary word, each time.
        let word = model.tokenizer().id_to_token(0).unwrap();
        assert_eq!(out.text, [word.as_str(); 7].join(" "), "{family:?}");
    }
}

#[test]
fn the_same_seed_gives_the_same_text() {
    let (_dir, model) =
        load(ChatSpec::new(Family::Qwen2), LocalOptions { temperature: 1.0, ..LocalOptions::default() });
    let prompt = chat_prompt(&model);
    let run = || model.generate(&prompt, 10, &AtomicBool::new(false), &mut |_| {}).unwrap().text;
    assert_eq!(run(), run());
}

#[test]
fn the_context_cap_drops_passages_and_bounds_prompt_plus_answer() {
    let cap = 1024;
    let options = LocalOptions { max_context_tokens: cap, max_new_tokens: 40, ..LocalOptions::default() };
    let (_dir, model) = load(ChatSpec { flat_logits: true, ..ChatSpec::new(Family::Qwen3) }, options);
    let ctx = context(24);
    let full = model.encode_chat(&saju::llm::prompt::build(&ctx)).unwrap();
    assert!(full.len() > cap, "the test context must overflow the cap ({} tokens)", full.len());
    let fitted = saju::llm::local::fit_prompt(&model, &ctx).unwrap();
    assert!(fitted.len() + 40 <= cap, "{} prompt tokens", fitted.len());
    let out = model.generate(&fitted, 40, &AtomicBool::new(false), &mut |_| {}).unwrap();
    assert!(out.prompt_tokens + out.generated_tokens <= cap);
    // A raw prompt longer than the cap is refused, not run.
    let err = model.generate(&full, 10, &AtomicBool::new(false), &mut |_| {}).unwrap_err();
    assert!(matches!(err, saju::models::chat::GenerateError::Unavailable(_)), "{err:?}");
}

#[test]
fn the_declared_context_of_the_file_bounds_the_configured_cap() {
    let spec = ChatSpec { context: 64, ..ChatSpec::new(Family::Gemma3) };
    let (_dir, model) = load(spec, LocalOptions { max_context_tokens: 100_000, ..LocalOptions::default() });
    assert_eq!(model.options().max_context_tokens, 64);
}

#[test]
fn a_single_gguf_file_carries_its_own_tokenizer() {
    let spec = ChatSpec { tokenizer_in_gguf: true, flat_logits: true, ..ChatSpec::new(Family::Gemma3) };
    let dir = tempfile::tempdir().unwrap();
    write_chat_model(dir.path(), &spec).unwrap();
    assert!(!dir.path().join("tokenizer.json").exists());
    let model = LocalChatModel::load(&dir.path().join("model.gguf"), greedy(3)).unwrap();
    let ids = chat_prompt(&model);
    assert_eq!(ids.first(), model.tokenizer().token_to_id("<bos>").as_ref());
    let out = model.generate(&ids, 3, &AtomicBool::new(false), &mut |_| {}).unwrap();
    assert_eq!(out.generated_tokens, 3);
}

#[test]
fn a_corrupt_or_foreign_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("model.gguf"), b"GGUF but not really").unwrap();
    let err = LocalChatModel::load(dir.path(), LocalOptions::default()).unwrap_err().to_string();
    assert!(err.contains("not a readable GGUF file"), "{err}");
    let empty = tempfile::tempdir().unwrap();
    let err = LocalChatModel::load(empty.path(), LocalOptions::default()).unwrap_err().to_string();
    assert!(err.contains("no .gguf file"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_generator_streams_through_the_chain() {
    let (_dir, model) =
        load(ChatSpec::new(Family::Llama), LocalOptions { max_new_tokens: 16, ..LocalOptions::default() });
    let local: Arc<dyn Generator> = Arc::new(LocalGenerator::new(Arc::new(model)));
    let mut pieces = Vec::new();
    let mut direct = |t: &str| pieces.push(t.to_string());
    let ctx = context(2);
    let text = local.answer(&ctx, &mut direct).await.unwrap();
    assert_eq!(pieces.concat(), text);
    assert!(pieces.len() > 1 || text.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chain_falls_back_to_the_composer_when_the_local_model_fails() {
    // A cap the prompt can never fit: the local generator fails at once and the composer answers.
    let options = LocalOptions { max_context_tokens: 24, ..LocalOptions::default() };
    let (_dir, model) = load(ChatSpec::new(Family::Qwen2), options);
    let chain = FallbackChain::new(
        vec![Arc::new(LocalGenerator::new(Arc::new(model))), Arc::new(GroundedComposer)],
        Arc::new(GroundedComposer),
        Duration::from_secs(20),
    );
    let outcome = chain.run(&context(1), &mut |_| {}).await;
    assert_eq!(outcome.generator, GroundedComposer::NAME);
    assert_eq!(outcome.attempts.len(), 1);
    assert_eq!(outcome.attempts[0].0, "local");
    assert_eq!(outcome.attempts[0].1.code(), "unavailable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timed_out_local_answer_stops_its_thread_and_the_chain_moves_on() {
    let options = LocalOptions { max_new_tokens: 100_000, max_context_tokens: 4096, ..LocalOptions::default() };
    let spec = ChatSpec { flat_logits: true, layers: 4, hidden: 128, ..ChatSpec::new(Family::Qwen2) };
    let (_dir, model) = load(spec, options);
    let model = Arc::new(model);
    let chain = FallbackChain::new(
        vec![Arc::new(LocalGenerator::new(model.clone())), Arc::new(GroundedComposer)],
        Arc::new(GroundedComposer),
        Duration::from_millis(300),
    );
    let outcome = chain.run(&context(1), &mut |_| {}).await;
    assert_eq!(outcome.generator, GroundedComposer::NAME);
    assert_eq!(outcome.attempts[0].1.code(), "timeout");
    // The abandoned generation lets go of the model: a new one can run right away.
    let ids = model.encode_chat(&[ChatMessage::new("user", "사주")]).unwrap();
    let m = model.clone();
    let out = tokio::task::spawn_blocking(move || m.generate(&ids, 2, &AtomicBool::new(false), &mut |_| {}))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(out.generated_tokens, 2);
}
