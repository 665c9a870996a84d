//! Tiny random-weight models for tests and benchmarks: GGUF chat models of each family, a small
//! word-level `tokenizer.json`, and BERT / XLM-RoBERTa encoders in safetensors. They load through the real
//! loaders and run the real code; their output is gibberish.

use candle_core::quantized::gguf_file::{self, Value};
use candle_core::quantized::{GgmlDType, QTensor};
use candle_core::{DType, Device, Tensor};
use candle_nn::{VarBuilder, VarMap};
use candle_transformers::models::{bert, xlm_roberta};
use rand::{Rng, SeedableRng};
use saju::models::chat::{template, Family};
use serde_json::json;
use std::path::Path;

/// Special tokens of every family. Ids: the optional first stop token (see [`ChatSpec::stop_first`]), the
/// plain words, then these.
const SPECIALS: &[&str] = &[
    "[UNK]",
    "[PAD]",
    "[CLS]",
    "[SEP]",
    "<|im_start|>",
    "<|im_end|>",
    "<|endoftext|>",
    "<bos>",
    "<eos>",
    "<start_of_turn>",
    "<end_of_turn>",
    "<|begin_of_text|>",
    "<|end_of_text|>",
    "<|eot_id|>",
    "<|eom_id|>",
    "<|start_header_id|>",
    "<|end_header_id|>",
];

const WORDS: &[&str] = &[
    "system",
    "user",
    "assistant",
    "model",
    "think",
    "사주",
    "일간",
    "오행",
    "목",
    "화",
    "토",
    "금",
    "수",
    "재물",
    "직업",
    "연애",
    "건강",
    "좋은",
    "운",
    "흐름",
    "올해",
    "성격",
    "질문",
    "답",
    "갑",
    "을",
    "병",
    "정",
    "무",
    "기",
    "경",
    "신",
    "임",
    "계",
    "자",
    "축",
    "인",
    "묘",
    "진",
    "사",
    "오",
    "미",
    "유",
    "술",
    "해",
    ".",
    ",",
    "?",
    "!",
    "1",
    "2",
    "3",
    "년",
    "월",
    "일",
    "시",
    "남편",
    "아내",
    "복",
    "결혼",
    "시기",
    "입니다",
    "있습니다",
    "합니다",
    "the",
    "day",
    "master",
    "chart",
    "findings",
    "passages",
    "query",
    "passage",
    ":",
];

/// The tokens of the tiny vocabulary, in id order.
pub fn vocabulary(first: Option<&str>) -> Vec<String> {
    let mut v: Vec<String> = first.iter().map(|s| s.to_string()).collect();
    for t in WORDS.iter().chain(SPECIALS) {
        if Some(*t) != first {
            v.push(t.to_string());
        }
    }
    v
}

/// A word-level `tokenizer.json` over `vocab`: whitespace and punctuation split words, unknown words
/// become `[UNK]`, every bracketed token is special. `bert_template` adds `[CLS] … [SEP]`.
pub fn tokenizer_json(vocab: &[String], bert_template: bool) -> serde_json::Value {
    let ids: serde_json::Map<String, serde_json::Value> =
        vocab.iter().enumerate().map(|(i, t)| (t.clone(), json!(i))).collect();
    let added: Vec<_> = vocab
        .iter()
        .enumerate()
        .filter(|(_, t)| t.starts_with('<') || t.starts_with('['))
        .map(|(i, t)| {
            json!({"id": i, "content": t, "single_word": false, "lstrip": false, "rstrip": false,
                   "normalized": false, "special": true})
        })
        .collect();
    let id_of = |t: &str| vocab.iter().position(|v| v == t).unwrap_or(0);
    let post = bert_template.then(|| {
        json!({"type": "TemplateProcessing",
               "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                          {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
               "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
               "special_tokens": {
                   "[CLS]": {"id": "[CLS]", "ids": [id_of("[CLS]")], "tokens": ["[CLS]"]},
                   "[SEP]": {"id": "[SEP]", "ids": [id_of("[SEP]")], "tokens": ["[SEP]"]}}})
    });
    json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": added,
        "normalizer": null,
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": post,
        "decoder": null,
        "model": {"type": "WordLevel", "vocab": ids, "unk_token": "[UNK]"}
    })
}

/// Shape of a tiny chat model.
#[derive(Debug, Clone, Copy)]
pub struct ChatSpec {
    pub family: Family,
    pub layers: usize,
    /// Multiple of 32 (Q8_0 blocks).
    pub hidden: usize,
    pub heads: usize,
    pub kv_heads: usize,
    pub context: usize,
    /// Put the family's end-of-turn token at id 0: with [`ChatSpec::flat_logits`], greedy decoding then
    /// ends at once.
    pub stop_first: bool,
    /// Zero output norm: every logit is 0 and greedy decoding always picks id 0 (a plain word, or the stop
    /// token with `stop_first`).
    pub flat_logits: bool,
    /// Write the vocabulary into the GGUF metadata (SentencePiece-style) instead of a tokenizer.json.
    pub tokenizer_in_gguf: bool,
    pub seed: u64,
}

impl ChatSpec {
    pub fn new(family: Family) -> ChatSpec {
        ChatSpec {
            family,
            layers: 2,
            hidden: 64,
            heads: 4,
            kv_heads: 2,
            context: 4096,
            stop_first: false,
            flat_logits: false,
            tokenizer_in_gguf: false,
            seed: 7,
        }
    }
}

fn random(rng: &mut rand::rngs::StdRng, shape: &[usize], scale: f32) -> candle_core::Result<Tensor> {
    let n: usize = shape.iter().product();
    let data: Vec<f32> = (0..n).map(|_| (rng.random::<f32>() - 0.5) * 2.0 * scale).collect();
    Tensor::from_vec(data, shape, &Device::Cpu)
}

fn q8(t: &Tensor) -> candle_core::Result<QTensor> {
    QTensor::quantize(t, GgmlDType::Q8_0)
}

fn f32_tensor(t: &Tensor) -> candle_core::Result<QTensor> {
    QTensor::quantize(t, GgmlDType::F32)
}

/// Writes `model.gguf` (and `tokenizer.json` unless the vocabulary goes into the GGUF) into `dir`.
pub fn write_chat_model(dir: &Path, spec: &ChatSpec) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let stop = template::stop_tokens(spec.family)[0];
    let vocab = vocabulary(spec.stop_first.then_some(stop));
    let arch = spec.family.gguf_arch();
    let (h, heads, kv) = (spec.hidden, spec.heads, spec.kv_heads);
    let hd = h / heads;
    let ff = 2 * h;
    let mut rng = rand::rngs::StdRng::seed_from_u64(spec.seed);
    let mut tensors: Vec<(String, QTensor)> = Vec::new();
    tensors.push(("token_embd.weight".into(), q8(&random(&mut rng, &[vocab.len(), h], 1.0)?)?));
    let norm_value = if spec.flat_logits { 0.0 } else { 1.0 };
    tensors.push(("output_norm.weight".into(), f32_tensor(&Tensor::full(norm_value, h, &Device::Cpu)?)?));
    let ones = |n: usize| Tensor::ones(n, DType::F32, &Device::Cpu);
    for i in 0..spec.layers {
        let p = format!("blk.{i}");
        let mut push = |name: &str, t: QTensor| tensors.push((format!("{p}.{name}"), t));
        push("attn_norm.weight", f32_tensor(&ones(h)?)?);
        push("ffn_norm.weight", f32_tensor(&ones(h)?)?);
        push("attn_q.weight", q8(&random(&mut rng, &[heads * hd, h], 0.2)?)?);
        push("attn_k.weight", q8(&random(&mut rng, &[kv * hd, h], 0.2)?)?);
        push("attn_v.weight", q8(&random(&mut rng, &[kv * hd, h], 0.2)?)?);
        push("attn_output.weight", q8(&random(&mut rng, &[h, heads * hd], 0.2)?)?);
        push("ffn_gate.weight", q8(&random(&mut rng, &[ff, h], 0.2)?)?);
        push("ffn_up.weight", q8(&random(&mut rng, &[ff, h], 0.2)?)?);
        push("ffn_down.weight", q8(&random(&mut rng, &[h, ff], 0.2)?)?);
        match spec.family {
            Family::Qwen2 => {
                push("attn_q.bias", f32_tensor(&random(&mut rng, &[heads * hd], 0.1)?)?);
                push("attn_k.bias", f32_tensor(&random(&mut rng, &[kv * hd], 0.1)?)?);
                push("attn_v.bias", f32_tensor(&random(&mut rng, &[kv * hd], 0.1)?)?);
            }
            Family::Qwen3 => {
                push("attn_q_norm.weight", f32_tensor(&ones(hd)?)?);
                push("attn_k_norm.weight", f32_tensor(&ones(hd)?)?);
            }
            Family::Gemma3 => {
                push("attn_q_norm.weight", f32_tensor(&ones(hd)?)?);
                push("attn_k_norm.weight", f32_tensor(&ones(hd)?)?);
                push("post_attention_norm.weight", f32_tensor(&ones(h)?)?);
                push("post_ffw_norm.weight", f32_tensor(&ones(h)?)?);
            }
            Family::Llama => {}
        }
    }

    let key = |k: &str| format!("{arch}.{k}");
    let mut md: Vec<(String, Value)> = vec![
        ("general.architecture".into(), Value::String(arch.into())),
        (key("attention.head_count"), Value::U32(heads as u32)),
        (key("attention.head_count_kv"), Value::U32(kv as u32)),
        (key("embedding_length"), Value::U32(h as u32)),
        (key("block_count"), Value::U32(spec.layers as u32)),
        (key("context_length"), Value::U32(spec.context as u32)),
        (key("attention.layer_norm_rms_epsilon"), Value::F32(1e-6)),
        (key("rope.freq_base"), Value::F32(10_000.0)),
        (key("attention.key_length"), Value::U32(hd as u32)),
        (key("attention.value_length"), Value::U32(hd as u32)),
        (key("rope.dimension_count"), Value::U32(hd as u32)),
        (key("attention.sliding_window"), Value::U32(16)),
        ("tokenizer.ggml.eos_token_id".into(), Value::U32(vocab.iter().position(|t| t == stop).unwrap() as u32)),
    ];
    if spec.tokenizer_in_gguf {
        md.push(("tokenizer.ggml.model".into(), Value::String("llama".into())));
        md.push((
            "tokenizer.ggml.tokens".into(),
            Value::Array(vocab.iter().map(|t| Value::String(t.clone())).collect()),
        ));
        md.push(("tokenizer.ggml.scores".into(), Value::Array(vocab.iter().map(|_| Value::F32(-1.0)).collect())));
        let types = vocab.iter().map(|t| Value::I32(if t.starts_with('<') { 3 } else { 1 }));
        md.push(("tokenizer.ggml.token_type".into(), Value::Array(types.collect())));
        md.push((
            "tokenizer.ggml.unknown_token_id".into(),
            Value::U32(vocab.iter().position(|t| t == "[UNK]").unwrap() as u32),
        ));
    } else {
        std::fs::write(dir.join("tokenizer.json"), serde_json::to_vec(&tokenizer_json(&vocab, false))?)?;
    }
    let md_refs: Vec<(&str, &Value)> = md.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let t_refs: Vec<(&str, &QTensor)> = tensors.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let mut file = std::fs::File::create(dir.join("model.gguf"))?;
    gguf_file::write(&mut file, &md_refs, &t_refs)?;
    Ok(())
}

/// Encoder architectures for [`write_embedding_model`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncoderKind {
    Bert,
    XlmRoberta,
}

/// Writes `model.safetensors`, `config.json` and `tokenizer.json` of a tiny random encoder (2 layers, 4
/// heads) with `hidden` dimensions into `dir`.
pub fn write_embedding_model(dir: &Path, kind: EncoderKind, hidden: usize) -> anyhow::Result<()> {
    write_encoder(dir, kind, hidden, 2, 4)
}

/// [`write_embedding_model`] with a chosen depth and head count (384 / 12 / 12 is multilingual-e5-small's
/// shape, for timing).
pub fn write_encoder(dir: &Path, kind: EncoderKind, hidden: usize, layers: usize, heads: usize) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let vocab = vocabulary(None);
    let pad = vocab.iter().position(|t| t == "[PAD]").unwrap();
    let model_type = match kind {
        EncoderKind::Bert => "bert",
        EncoderKind::XlmRoberta => "xlm-roberta",
    };
    let config = json!({
        "model_type": model_type, "vocab_size": vocab.len(), "hidden_size": hidden, "num_hidden_layers": layers,
        "num_attention_heads": heads, "intermediate_size": 2 * hidden, "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0, "attention_probs_dropout_prob": 0.0, "max_position_embeddings": 600,
        "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": pad,
        "position_embedding_type": "absolute", "use_cache": false
    });
    let varmap = VarMap::new();
    let vb = VarBuilder::from_varmap(&varmap, DType::F32, &Device::Cpu);
    match kind {
        EncoderKind::Bert => {
            let cfg: bert::Config = serde_json::from_value(config.clone())?;
            bert::BertModel::load(vb, &cfg)?;
        }
        EncoderKind::XlmRoberta => {
            let cfg: xlm_roberta::Config = serde_json::from_value(config.clone())?;
            xlm_roberta::XLMRobertaModel::new(&cfg, vb)?;
        }
    }
    varmap.save(dir.join("model.safetensors"))?;
    std::fs::write(dir.join("config.json"), serde_json::to_vec_pretty(&config)?)?;
    std::fs::write(dir.join("tokenizer.json"), serde_json::to_vec(&tokenizer_json(&vocab, true))?)?;
    Ok(())
}
