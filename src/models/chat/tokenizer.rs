//! The chat model's tokenizer: `tokenizer.json` beside the weights, or, for SentencePiece-style GGUF files
//! (`tokenizer.ggml.model = "llama"`, as Gemma and Llama 2 ship), one built from the GGUF metadata, which
//! makes a single `.gguf` file a complete install.

use crate::models::error::{load_error, Context, ModelError};
use candle_core::quantized::gguf_file::{Content, Value};
use serde_json::json;
use std::path::Path;
use tokenizers::Tokenizer;

/// GGUF token types (llama.cpp): 3 is a control token (`<bos>`, `<start_of_turn>`).
const TOKEN_TYPE_CONTROL: i32 = 3;

pub fn load(dir: &Path, gguf: &Content) -> Result<Tokenizer, ModelError> {
    let file = dir.join("tokenizer.json");
    if file.is_file() {
        return Tokenizer::from_file(&file).map_err(|e| load_error(format!("{}: {e}", file.display())));
    }
    from_gguf(gguf).context(|| format!("no tokenizer.json in {}", dir.display()))
}

fn strings(v: &Value) -> Result<Vec<String>, ModelError> {
    v.to_vec()?.iter().map(|s| Ok(s.to_string()?.clone())).collect()
}

/// A Unigram tokenizer over the GGUF vocabulary and scores, with byte fallback and the control tokens as
/// special tokens.
pub fn from_gguf(gguf: &Content) -> Result<Tokenizer, ModelError> {
    let md = &gguf.metadata;
    let model = md.get("tokenizer.ggml.model").and_then(|v| v.to_string().ok()).map(String::as_str);
    if model != Some("llama") {
        return Err(load_error(format!(
            "the GGUF metadata holds a {model:?} tokenizer; only SentencePiece (\"llama\") ones can be rebuilt"
        )));
    }
    let tokens = strings(md.get("tokenizer.ggml.tokens").context(|| "no tokenizer.ggml.tokens".to_string())?)?;
    let scores: Vec<f64> = match md.get("tokenizer.ggml.scores") {
        Some(v) => v.to_vec()?.iter().map(|s| s.to_f32().map(f64::from)).collect::<Result<_, _>>()?,
        None => vec![0.0; tokens.len()],
    };
    let types: Vec<i32> = match md.get("tokenizer.ggml.token_type") {
        Some(v) => v.to_vec()?.iter().map(|t| t.to_i32()).collect::<Result<_, _>>()?,
        None => vec![1; tokens.len()],
    };
    if scores.len() != tokens.len() || types.len() != tokens.len() {
        return Err(load_error("tokenizer.ggml.scores/token_type do not match tokenizer.ggml.tokens"));
    }
    let unk = md.get("tokenizer.ggml.unknown_token_id").and_then(|v| v.to_u32().ok()).unwrap_or(0);
    let vocab: Vec<_> = tokens.iter().zip(&scores).map(|(t, s)| json!([t, s])).collect();
    let added: Vec<_> = tokens
        .iter()
        .enumerate()
        .filter(|(i, _)| types[*i] == TOKEN_TYPE_CONTROL)
        .map(|(i, t)| {
            json!({"id": i, "content": t, "single_word": false, "lstrip": false, "rstrip": false,
                   "normalized": false, "special": true})
        })
        .collect();
    let spec = json!({
        "version": "1.0",
        "added_tokens": added,
        "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "\u{2581}"},
        "pre_tokenizer": null,
        "post_processor": null,
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "\u{2581}"}, "content": " "},
            {"type": "ByteFallback"},
            {"type": "Fuse"}
        ]},
        "model": {"type": "Unigram", "unk_id": unk, "vocab": vocab, "byte_fallback": true}
    });
    Tokenizer::from_bytes(serde_json::to_vec(&spec)?)
        .map_err(|e| load_error(format!("tokenizer from GGUF metadata: {e}")))
}
