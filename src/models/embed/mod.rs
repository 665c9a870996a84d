//! Sentence embeddings with a BERT or XLM-RoBERTa encoder from safetensors (`model.safetensors`,
//! `config.json`, `tokenizer.json` in one folder): mean pooling over the real tokens, then L2
//! normalisation. E5 models (name containing `e5`) get their `query: ` / `passage: ` prefixes.

use crate::knowledge::dense::EmbedError;
use crate::knowledge::Embedder;
use crate::models::error::{load_error, Context, ModelError};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::{bert, xlm_roberta};
use sha2::{Digest, Sha256};
use std::path::Path;
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};

enum Encoder {
    Bert(bert::BertModel),
    XlmRoberta(xlm_roberta::XLMRobertaModel),
}

pub struct BertEmbedder {
    id: String,
    dim: usize,
    encoder: Encoder,
    tokenizer: Tokenizer,
    prefixes: Option<(&'static str, &'static str)>,
    device: Device,
}

impl std::fmt::Debug for BertEmbedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BertEmbedder").field("id", &self.id).field("dim", &self.dim).finish()
    }
}

/// Longest input in tokens (BERT-family position tables are 512).
const MAX_TOKENS: usize = 512;

impl BertEmbedder {
    /// Loads the model folder `dir`. The id names the folder, the architecture and a hash of the weights'
    /// size and config, so a dense index built by other weights is refused.
    pub fn load(dir: &Path) -> Result<BertEmbedder, ModelError> {
        let config_text = std::fs::read_to_string(dir.join("config.json"))
            .context(|| format!("{}: no config.json", dir.display()))?;
        let config: serde_json::Value = serde_json::from_str(&config_text).context(|| "config.json".to_string())?;
        let model_type = config.get("model_type").and_then(|v| v.as_str()).unwrap_or("bert").to_string();
        let weights = dir.join("model.safetensors");
        let weights_len =
            std::fs::metadata(&weights).context(|| format!("{}: no model.safetensors", dir.display()))?.len();
        let device = Device::Cpu;
        // SAFETY: the weights file is memory-mapped read-only and is not modified while the model lives.
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[&weights], DType::F32, &device)? };
        let (encoder, dim) = match model_type.as_str() {
            "bert" => {
                let cfg: bert::Config =
                    serde_json::from_str(&config_text).context(|| "config.json (bert)".to_string())?;
                (Encoder::Bert(bert::BertModel::load(vb, &cfg)?), cfg.hidden_size)
            }
            "xlm-roberta" | "xlm_roberta" => {
                let cfg: xlm_roberta::Config =
                    serde_json::from_str(&config_text).context(|| "config.json (xlm-roberta)".to_string())?;
                let vb =
                    if vb.contains_tensor("roberta.embeddings.word_embeddings.weight") { vb.pp("roberta") } else { vb };
                (Encoder::XlmRoberta(xlm_roberta::XLMRobertaModel::new(&cfg, vb)?), cfg.hidden_size)
            }
            other => {
                return Err(load_error(format!("{}: model_type {other:?} is not bert or xlm-roberta", dir.display())))
            }
        };
        let mut tokenizer = Tokenizer::from_file(dir.join("tokenizer.json"))
            .map_err(|e| load_error(format!("{}: tokenizer.json: {e}", dir.display())))?;
        tokenizer.with_padding(Some(PaddingParams::default()));
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: MAX_TOKENS, ..Default::default() }))
            .map_err(|e| load_error(format!("tokenizer truncation: {e}")))?;
        let name = dir.canonicalize().ok().and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()));
        let name = name.unwrap_or_else(|| "embedder".into());
        let prefixes = name.to_lowercase().contains("e5").then_some(("query: ", "passage: "));
        let digest =
            Sha256::new().chain_update(config_text.as_bytes()).chain_update(weights_len.to_le_bytes()).finalize();
        let id = format!("{name}/{model_type}/mean/{}", &crate::knowledge::dense::hex(&digest)[..12]);
        Ok(BertEmbedder { id, dim, encoder, tokenizer, prefixes, device })
    }

    fn forward(&self, ids: &Tensor, type_ids: &Tensor, mask: &Tensor) -> candle_core::Result<Tensor> {
        match &self.encoder {
            Encoder::Bert(m) => m.forward(ids, type_ids, Some(mask)),
            Encoder::XlmRoberta(m) => m.forward(ids, mask, type_ids, None, None, None),
        }
    }

    fn embed_batch(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, ModelError> {
        let encodings =
            self.tokenizer.encode_batch(texts.to_vec(), true).map_err(|e| load_error(format!("tokenize: {e}")))?;
        let rows = encodings.len();
        let len = encodings.first().map_or(0, |e| e.get_ids().len());
        let flat = |f: &dyn Fn(&tokenizers::Encoding) -> &[u32]| -> Vec<u32> {
            encodings.iter().flat_map(|e| f(e).iter().copied()).collect()
        };
        let ids = Tensor::from_vec(flat(&|e| e.get_ids()), (rows, len), &self.device)?;
        let type_ids = Tensor::from_vec(flat(&|e| e.get_type_ids()), (rows, len), &self.device)?;
        let mask = Tensor::from_vec(flat(&|e| e.get_attention_mask()), (rows, len), &self.device)?;
        let hidden = self.forward(&ids, &type_ids, &mask)?;
        let mask_f = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask_f)?.sum(1)?;
        let counts = mask_f.sum(1)?.clamp(1e-9, f64::MAX)?;
        let mean = summed.broadcast_div(&counts)?;
        let norms = mean.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
        Ok(mean.broadcast_div(&norms)?.to_vec2::<f32>()?)
    }
}

impl Embedder for BertEmbedder {
    fn id(&self) -> &str {
        &self.id
    }

    fn dim(&self) -> usize {
        self.dim
    }

    fn embed(&self, texts: &[&str], is_query: bool) -> Result<Vec<Vec<f32>>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let prefix = self.prefixes.map_or("", |(q, p)| if is_query { q } else { p });
        let texts: Vec<String> = texts.iter().map(|t| format!("{prefix}{t}")).collect();
        self.embed_batch(&texts).map_err(|e| EmbedError(e.to_string()))
    }
}
