//! Server-sent events as OpenAI-compatible chat services stream them: `data: {json}` events separated by
//! blank lines, ending with `data: [DONE]`. Bytes arrive in arbitrary chunks (a UTF-8 character or a line
//! may be split between two), so the parser buffers until a line is complete.

/// One dispatched event's data (its `data:` lines joined by `\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SseData {
    Json(String),
    Done,
}

#[derive(Debug, Default)]
pub struct SseParser {
    line: Vec<u8>,
    data: Vec<String>,
    /// The previous chunk ended with `\r`: a `\n` starting the next one belongs to it.
    after_cr: bool,
}

impl SseParser {
    pub fn new() -> SseParser {
        SseParser::default()
    }

    /// Feeds bytes; returns the events completed by them.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<SseData> {
        let mut out = Vec::new();
        for &b in bytes {
            if self.after_cr {
                self.after_cr = false;
                if b == b'\n' {
                    continue;
                }
            }
            match b {
                b'\n' | b'\r' => {
                    self.after_cr = b == b'\r';
                    let line = std::mem::take(&mut self.line);
                    self.line(&String::from_utf8_lossy(&line), &mut out);
                }
                _ => self.line.push(b),
            }
        }
        out
    }

    /// The end of the stream: a last event without its blank line is still dispatched.
    pub fn finish(&mut self) -> Vec<SseData> {
        let mut out = Vec::new();
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.line(&String::from_utf8_lossy(&line), &mut out);
        }
        self.dispatch(&mut out);
        out
    }

    fn line(&mut self, line: &str, out: &mut Vec<SseData>) {
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if line.starts_with(':') {
            return; // comment / keep-alive
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line, ""),
        };
        if field != "data" {
            return; // event, id, retry: not used by chat completions
        }
        // Tolerance for servers that omit the blank line between events: a new `data:` line after a
        // complete JSON value starts a new event.
        if !self.data.is_empty() && is_complete(&self.data.join("\n")) {
            self.dispatch(out);
        }
        self.data.push(value.to_string());
    }

    fn dispatch(&mut self, out: &mut Vec<SseData>) {
        if self.data.is_empty() {
            return;
        }
        let data = std::mem::take(&mut self.data).join("\n");
        let trimmed = data.trim();
        if trimmed == "[DONE]" {
            out.push(SseData::Done);
        } else if !trimmed.is_empty() {
            out.push(SseData::Json(data));
        }
    }
}

fn is_complete(data: &str) -> bool {
    let t = data.trim();
    t == "[DONE]" || serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_anywhere_gives_the_same_events() {
        let stream = "data: {\"a\":\"가나\"}\n\n: keep-alive\n\ndata: {\"b\":1}\r\n\r\ndata: [DONE]\n\n".as_bytes();
        let expected = vec![SseData::Json("{\"a\":\"가나\"}".into()), SseData::Json("{\"b\":1}".into()), SseData::Done];
        for cut in 0..stream.len() {
            let mut p = SseParser::new();
            let mut got = p.push(&stream[..cut]);
            got.extend(p.push(&stream[cut..]));
            got.extend(p.finish());
            assert_eq!(got, expected, "cut at {cut}");
        }
    }

    #[test]
    fn missing_blank_lines_and_final_newline() {
        let mut p = SseParser::new();
        let mut got = p.push(b"data: {\"x\":1}\ndata: {\"y\":2}\ndata: [DONE]");
        got.extend(p.finish());
        assert_eq!(got, vec![SseData::Json("{\"x\":1}".into()), SseData::Json("{\"y\":2}".into()), SseData::Done]);
    }

    #[test]
    fn multi_line_data_is_joined() {
        let mut p = SseParser::new();
        let got = p.push(b"data: {\"x\":\ndata: 1}\n\n");
        assert_eq!(got, vec![SseData::Json("{\"x\":\n1}".into())]);
    }
}
