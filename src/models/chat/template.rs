//! Chat templates: how each family wants a conversation laid out, ending where the assistant speaks.

use super::ChatMessage;
use super::Family;

/// Renders `messages` in `family`'s template, ready for the assistant's turn. Special tokens are written as
/// text; the tokenizer knows them as single tokens.
pub fn render(family: Family, messages: &[ChatMessage]) -> String {
    match family {
        Family::Qwen2 => chatml(messages, ""),
        // Qwen3 thinks aloud unless the think block is given empty.
        Family::Qwen3 => chatml(messages, "<think>\n\n</think>\n\n"),
        Family::Gemma3 => gemma(messages),
        Family::Llama => llama3(messages),
    }
}

/// The token texts that end the assistant's turn, besides the model's own end-of-sequence id.
pub fn stop_tokens(family: Family) -> &'static [&'static str] {
    match family {
        Family::Qwen2 | Family::Qwen3 => &["<|im_end|>", "<|endoftext|>"],
        Family::Gemma3 => &["<end_of_turn>", "<eos>"],
        Family::Llama => &["<|eot_id|>", "<|end_of_text|>", "<|eom_id|>"],
    }
}

fn chatml(messages: &[ChatMessage], assistant_prefix: &str) -> String {
    let mut out = String::new();
    for m in messages {
        out.push_str(&format!("<|im_start|>{}\n{}<|im_end|>\n", m.role, m.content));
    }
    out.push_str("<|im_start|>assistant\n");
    out.push_str(assistant_prefix);
    out
}

/// Gemma has no system role: the system text opens the first user turn. The assistant is `model`.
fn gemma(messages: &[ChatMessage]) -> String {
    let mut out = String::from("<bos>");
    let mut pending_system: Option<&str> = None;
    for m in messages {
        match m.role.as_str() {
            "system" => pending_system = Some(&m.content),
            role => {
                let role = if role == "assistant" { "model" } else { "user" };
                out.push_str(&format!("<start_of_turn>{role}\n"));
                if let Some(system) = pending_system.take().filter(|_| role == "user") {
                    out.push_str(system);
                    out.push_str("\n\n");
                }
                out.push_str(&m.content);
                out.push_str("<end_of_turn>\n");
            }
        }
    }
    if let Some(system) = pending_system {
        out.push_str(&format!("<start_of_turn>user\n{system}<end_of_turn>\n"));
    }
    out.push_str("<start_of_turn>model\n");
    out
}

fn llama3(messages: &[ChatMessage]) -> String {
    let mut out = String::from("<|begin_of_text|>");
    for m in messages {
        out.push_str(&format!("<|start_header_id|>{}<|end_header_id|>\n\n{}<|eot_id|>", m.role, m.content));
    }
    out.push_str("<|start_header_id|>assistant<|end_header_id|>\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convo() -> Vec<ChatMessage> {
        vec![ChatMessage::new("system", "지침"), ChatMessage::new("user", "질문")]
    }

    #[test]
    fn chatml_ends_with_the_assistant_turn() {
        let s = render(Family::Qwen2, &convo());
        assert_eq!(s, "<|im_start|>system\n지침<|im_end|>\n<|im_start|>user\n질문<|im_end|>\n<|im_start|>assistant\n");
        assert!(render(Family::Qwen3, &convo()).ends_with("<|im_start|>assistant\n<think>\n\n</think>\n\n"));
    }

    #[test]
    fn gemma_folds_the_system_text_into_the_first_user_turn() {
        let s = render(Family::Gemma3, &convo());
        assert_eq!(s, "<bos><start_of_turn>user\n지침\n\n질문<end_of_turn>\n<start_of_turn>model\n");
        assert!(!s.contains("system"));
    }

    #[test]
    fn llama3_uses_header_tokens() {
        let s = render(Family::Llama, &convo());
        assert!(s.starts_with("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n지침<|eot_id|>"));
        assert!(s.ends_with("<|start_header_id|>assistant<|end_header_id|>\n\n"));
    }
}
