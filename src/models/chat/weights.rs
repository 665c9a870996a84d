//! One type over the four quantized families candle runs.

use super::gemma3;
use super::Family;
use candle_core::quantized::gguf_file::{Content, Value};
use candle_core::{Device, IndexOp, Tensor};
use candle_transformers::models::{quantized_llama, quantized_qwen2, quantized_qwen3};
use std::io::{Read, Seek};

pub enum Weights {
    Qwen2(quantized_qwen2::ModelWeights),
    Qwen3(quantized_qwen3::ModelWeights),
    Gemma3(gemma3::ModelWeights),
    Llama(quantized_llama::ModelWeights),
}

/// `quantized_llama` sizes its rotary table for this many positions, whatever the file says.
pub const LLAMA_MAX_POSITIONS: usize = quantized_llama::MAX_SEQ_LEN;

/// The context length the file declares (`<arch>.context_length`).
pub fn declared_context(family: Family, ct: &Content) -> Option<usize> {
    let v = ct.metadata.get(&format!("{}.context_length", family.gguf_arch()))?;
    v.to_u32().ok().map(|n| n as usize)
}

impl Weights {
    /// Loads the weights with position tables for `max_positions` positions: the file's declared context
    /// is lowered to it (Qwen), or it is passed to the loader (Gemma 3).
    pub fn load<R: Read + Seek>(
        family: Family,
        mut ct: Content,
        reader: &mut R,
        device: &Device,
        max_positions: usize,
    ) -> candle_core::Result<Weights> {
        let key = format!("{}.context_length", family.gguf_arch());
        if ct.metadata.contains_key(&key) {
            ct.metadata.insert(key, Value::U32(max_positions as u32));
        }
        Ok(match family {
            Family::Qwen2 => Weights::Qwen2(quantized_qwen2::ModelWeights::from_gguf(ct, reader, device)?),
            Family::Qwen3 => Weights::Qwen3(quantized_qwen3::ModelWeights::from_gguf(ct, reader, device)?),
            Family::Gemma3 => Weights::Gemma3(gemma3::ModelWeights::from_gguf(ct, reader, device, max_positions)?),
            Family::Llama => Weights::Llama(quantized_llama::ModelWeights::from_gguf(ct, reader, device)?),
        })
    }

    /// Logits (f32, one per vocabulary entry) for the token after `input` (shape `[1, n]`), which starts at
    /// position `pos`.
    pub fn next_logits(&mut self, input: &Tensor, pos: usize) -> candle_core::Result<Tensor> {
        let out = match self {
            Weights::Qwen2(m) => m.forward(input, pos)?,
            Weights::Qwen3(m) => m.forward(input, pos)?,
            Weights::Gemma3(m) => m.forward(input, pos)?,
            Weights::Llama(m) => m.forward(input, pos)?,
        };
        let last = match out.rank() {
            1 => out,
            2 => out.i(out.dim(0)? - 1)?,
            _ => out.i(0)?.i(out.dim(1)? - 1)?,
        };
        last.to_dtype(candle_core::DType::F32)
    }

    /// Forgets the previous conversation (Gemma 3 resets its cache at position 0 by itself).
    pub fn clear(&mut self) {
        match self {
            Weights::Qwen2(m) => m.clear_kv_cache(),
            Weights::Qwen3(m) => m.clear_kv_cache(),
            Weights::Gemma3(_) => {}
            Weights::Llama(m) => m.clear_kv_cache(),
        }
    }
}
