//! Local chat models from GGUF files (quantized Qwen2, Qwen3, Gemma 3, Llama) run with candle on the CPU.
//! [`LocalChatModel`] is loaded once and shared; it turns chat messages into tokens with the family's
//! template and continues them. It knows nothing of prompts or answers: `llm::local` builds the messages.

mod gemma3;
mod message;
mod stream;
pub mod template;
mod tokenizer;
mod weights;

pub use message::ChatMessage;
pub use tokenizer::from_gguf as tokenizer_from_gguf;

use crate::models::error::{load_error, Context, ModelError};
use candle_core::quantized::gguf_file;
use candle_core::{Device, Tensor};
use candle_transformers::generation::{LogitsProcessor, Sampling};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use stream::TextStream;
use tokenizers::Tokenizer;
use weights::Weights;

/// The chat model families saju runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Qwen2,
    Qwen3,
    Gemma3,
    Llama,
}

impl Family {
    /// From GGUF `general.architecture`.
    pub fn from_arch(arch: &str) -> Option<Family> {
        match arch {
            "qwen2" => Some(Family::Qwen2),
            "qwen3" => Some(Family::Qwen3),
            "gemma3" => Some(Family::Gemma3),
            "llama" => Some(Family::Llama),
            _ => None,
        }
    }

    /// The metadata key prefix (`<arch>.context_length`).
    pub fn gguf_arch(self) -> &'static str {
        match self {
            Family::Qwen2 => "qwen2",
            Family::Qwen3 => "qwen3",
            Family::Gemma3 => "gemma3",
            Family::Llama => "llama",
        }
    }
}

/// How the local model generates. Defaults suit a 0.5–1.5B model on a small CPU.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalOptions {
    /// Prompt plus answer never exceed this many tokens; the prompt gives up passages first.
    pub max_context_tokens: usize,
    pub max_new_tokens: usize,
    /// 0 means greedy.
    pub temperature: f64,
    pub top_p: f64,
    pub repeat_penalty: f32,
    /// Tokens looked back on by the repeat penalty.
    pub repeat_last_n: usize,
    pub seed: u64,
}

impl Default for LocalOptions {
    fn default() -> Self {
        LocalOptions {
            max_context_tokens: 2048,
            max_new_tokens: 384,
            temperature: 0.7,
            top_p: 0.9,
            repeat_penalty: 1.1,
            repeat_last_n: 64,
            seed: 299_792_458,
        }
    }
}

/// Why a generation could not run or finish.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenerateError {
    /// The prompt cannot run at all (it does not fit the context).
    #[error("{0}")]
    Unavailable(String),
    /// The model failed part-way.
    #[error("{0}")]
    Interrupted(String),
    /// The tokenizer could not encode or decode.
    #[error("{0}")]
    Malformed(String),
    /// The caller set the cancel flag.
    #[error("cancelled")]
    Cancelled,
}

/// Why generation stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The model ended its turn (an end-of-sequence or end-of-turn token).
    EndOfTurn,
    /// `max_new_tokens`, or the context cap, was reached.
    Length,
}

/// One finished generation with its counts and timings.
#[derive(Debug, Clone, PartialEq)]
pub struct Generation {
    pub text: String,
    pub prompt_tokens: usize,
    pub generated_tokens: usize,
    pub stop: StopReason,
    /// Time to process the prompt (up to the first sampled token).
    pub prompt_time: Duration,
    /// Time spent producing the tokens after the first.
    pub generation_time: Duration,
}

/// A loaded GGUF chat model. One generation runs at a time (the KV cache is inside the weights).
pub struct LocalChatModel {
    family: Family,
    name: String,
    tokenizer: Tokenizer,
    weights: Mutex<Weights>,
    stop_ids: Vec<u32>,
    options: LocalOptions,
    device: Device,
}

impl std::fmt::Debug for LocalChatModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalChatModel").field("name", &self.name).field("family", &self.family).finish()
    }
}

/// The `.gguf` file of a model folder (or the file itself).
pub fn gguf_path(path: &Path) -> Result<PathBuf, ModelError> {
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    super::paths::find_with_extension(path, ".gguf").context(|| format!("no .gguf file in {}", path.display()))
}

impl LocalChatModel {
    /// Loads the GGUF file at `path` (a file, or a folder holding one `.gguf` and possibly `tokenizer.json`).
    /// The family comes from the file's `general.architecture`.
    pub fn load(path: &Path, options: LocalOptions) -> Result<LocalChatModel, ModelError> {
        let file = gguf_path(path)?;
        let dir = file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let mut reader = std::fs::File::open(&file).context(|| format!("open {}", file.display()))?;
        let content = gguf_file::Content::read(&mut reader)
            .map_err(|e| load_error(format!("{} is not a readable GGUF file: {e}", file.display())))?;
        let arch =
            content.metadata.get("general.architecture").and_then(|v| v.to_string().ok()).cloned().unwrap_or_default();
        let family = Family::from_arch(&arch).context(|| {
            format!("{}: architecture {arch:?} is not one of qwen2, qwen3, gemma3, llama", file.display())
        })?;
        let tokenizer = tokenizer::load(&dir, &content)?;
        let mut options = options;
        let mut limit = weights::declared_context(family, &content).unwrap_or(usize::MAX);
        if family == Family::Llama {
            limit = limit.min(weights::LLAMA_MAX_POSITIONS);
        }
        options.max_context_tokens = options.max_context_tokens.clamp(16, limit.max(16));
        let mut stop_ids: Vec<u32> =
            template::stop_tokens(family).iter().filter_map(|t| tokenizer.token_to_id(t)).collect();
        if let Some(eos) = content.metadata.get("tokenizer.ggml.eos_token_id").and_then(|v| v.to_u32().ok()) {
            stop_ids.push(eos);
        }
        if stop_ids.is_empty() {
            return Err(load_error(format!(
                "{}: the tokenizer knows none of the end-of-turn tokens {:?}",
                file.display(),
                template::stop_tokens(family)
            )));
        }
        let device = Device::Cpu;
        let weights = Weights::load(family, content, &mut reader, &device, options.max_context_tokens)
            .map_err(|e| load_error(format!("{}: {e}", file.display())))?;
        let name = dir.file_name().map_or_else(|| arch.clone(), |n| n.to_string_lossy().into_owned());
        Ok(LocalChatModel { family, name, tokenizer, weights: Mutex::new(weights), stop_ids, options, device })
    }

    pub fn family(&self) -> Family {
        self.family
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn options(&self) -> &LocalOptions {
        &self.options
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    fn encode(&self, text: &str) -> Result<Vec<u32>, GenerateError> {
        let enc =
            self.tokenizer.encode(text, false).map_err(|e| GenerateError::Malformed(format!("tokenizer: {e}")))?;
        Ok(enc.get_ids().to_vec())
    }

    /// The tokens of `messages` in the family's chat template.
    pub fn encode_chat(&self, messages: &[ChatMessage]) -> Result<Vec<u32>, GenerateError> {
        self.encode(&template::render(self.family, messages))
    }

    /// Continues `prompt` by up to `max_new` tokens (fewer if the context cap comes first), calling
    /// `on_piece` with each new piece of text; the pieces concatenate to the returned text. Blocking: call it
    /// from a blocking thread. Stops early when `cancel` is set.
    pub fn generate(
        &self,
        prompt: &[u32],
        max_new: usize,
        cancel: &AtomicBool,
        on_piece: &mut dyn FnMut(&str),
    ) -> Result<Generation, GenerateError> {
        let max = self.options.max_context_tokens;
        if prompt.is_empty() || prompt.len() >= max {
            return Err(GenerateError::Unavailable(format!(
                "prompt of {} tokens does not fit in max_context_tokens = {max}",
                prompt.len()
            )));
        }
        let budget = max_new.min(max - prompt.len());
        let failed = |e: candle_core::Error| GenerateError::Interrupted(format!("local model: {e}"));
        let mut weights = self.weights.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        weights.clear();
        let mut sampler = self.sampler();
        let mut stream = TextStream::new(&self.tokenizer);
        let mut context: Vec<u32> = prompt.to_vec();
        let started = Instant::now();
        let mut first_token_at = started;
        let mut stop = StopReason::Length;
        let mut generated = 0usize;
        let mut input = Tensor::new(prompt, &self.device).and_then(|t| t.unsqueeze(0)).map_err(failed)?;
        let mut pos = 0usize;
        while generated < budget {
            if cancel.load(Ordering::Relaxed) {
                return Err(GenerateError::Cancelled);
            }
            let logits = weights.next_logits(&input, pos).map_err(failed)?;
            pos += input.dim(1).map_err(failed)?;
            let logits = self.penalize(logits, &context).map_err(failed)?;
            let next = sampler.sample(&logits).map_err(failed)?;
            if generated == 0 {
                first_token_at = Instant::now();
            }
            generated += 1;
            if self.stop_ids.contains(&next) {
                stop = StopReason::EndOfTurn;
                break;
            }
            context.push(next);
            if let Some(piece) = stream.push(next).map_err(GenerateError::Malformed)? {
                on_piece(&piece);
            }
            input = Tensor::new(&[next], &self.device).and_then(|t| t.unsqueeze(0)).map_err(failed)?;
        }
        if let Some(rest) = stream.finish().map_err(GenerateError::Malformed)? {
            on_piece(&rest);
        }
        Ok(Generation {
            text: stream.text().to_string(),
            prompt_tokens: prompt.len(),
            generated_tokens: generated,
            stop,
            prompt_time: first_token_at - started,
            generation_time: first_token_at.elapsed(),
        })
    }

    fn sampler(&self) -> LogitsProcessor {
        let o = &self.options;
        let sampling = if o.temperature <= 0.0 {
            Sampling::ArgMax
        } else if o.top_p > 0.0 && o.top_p < 1.0 {
            Sampling::TopP { p: o.top_p, temperature: o.temperature }
        } else {
            Sampling::All { temperature: o.temperature }
        };
        LogitsProcessor::from_sampling(o.seed, sampling)
    }

    fn penalize(&self, logits: Tensor, context: &[u32]) -> candle_core::Result<Tensor> {
        let o = &self.options;
        if (o.repeat_penalty - 1.0).abs() < f32::EPSILON {
            return Ok(logits);
        }
        let from = context.len().saturating_sub(o.repeat_last_n);
        candle_transformers::utils::apply_repeat_penalty(&logits, o.repeat_penalty, &context[from..])
    }
}
