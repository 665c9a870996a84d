//! An OpenAI-compatible chat service (`POST {base}/v1/chat/completions`): OpenAI, vLLM, llama.cpp
//! server, Ollama, LiteLLM and the like.
//!
//! - Streams (`stream: true`) and reads the server-sent events, calling `on_token` per `delta.content`;
//!   a server that answers with one JSON body instead is read as a non-streaming completion.
//! - Retries a request that failed before any token was produced — HTTP 408/429/5xx, connection
//!   errors, timeouts, a stream that ended before its first token — at most `max_retries` times, waiting
//!   `Retry-After` (`retry-after-ms`, seconds, or an HTTP date) when the server sends one and an
//!   exponential backoff with jitter otherwise. A `Retry-After` longer than `max_retry_after` is not
//!   waited for: the error goes to the chain, which falls back at once. Once a token has been produced
//!   nothing is retried (the listener already has it): the error goes to the chain, which resets.
//! - Other statuses (400, 401, 403, 404, …) fail at once.

use super::error::GenError;
use super::prompt;
use super::sse::{SseData, SseParser};
use super::{GenFuture, Generator};
use crate::answer::AnswerContext;
use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE};
use serde_json::{json, Value};
use std::time::Duration;

/// Knobs of the remote generator; the defaults suit a hosted service behind a 25 s chain timeout.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteOptions {
    /// TCP + TLS connect.
    pub connect_timeout: Duration,
    /// One HTTP request, from sending to the last byte of the answer.
    pub request_timeout: Duration,
    /// Longest silence between two reads of the response (a stalled stream).
    pub idle_timeout: Duration,
    /// Retries after the first try (so at most `max_retries + 1` requests).
    pub max_retries: u32,
    /// First backoff; doubled on each retry, capped by `backoff_max`, then jittered to 50–100 %.
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// A `Retry-After` longer than this is not waited for.
    pub max_retry_after: Duration,
    /// Ask for a streamed answer.
    pub stream: bool,
    pub temperature: f32,
    pub max_tokens: u32,
    /// Prompt budget (characters of message content), see `llm::prompt`.
    pub max_prompt_chars: usize,
}

impl Default for RemoteOptions {
    fn default() -> Self {
        RemoteOptions {
            connect_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(15),
            max_retries: 2,
            backoff_base: Duration::from_millis(300),
            backoff_max: Duration::from_secs(4),
            max_retry_after: Duration::from_secs(8),
            stream: true,
            temperature: 0.4,
            max_tokens: 1_000,
            max_prompt_chars: prompt::DEFAULT_MAX_CHARS,
        }
    }
}

/// An answer longer than this (characters) is refused as malformed: the model is rambling.
const MAX_ANSWER_CHARS: usize = 20_000;
/// A non-streamed body larger than this is refused.
const MAX_BODY_BYTES: usize = 1 << 20;

pub struct RemoteGenerator {
    client: reqwest::Client,
    url: String,
    api_key: String,
    model: String,
    options: RemoteOptions,
}

impl std::fmt::Debug for RemoteGenerator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteGenerator").field("url", &self.url).field("model", &self.model).finish_non_exhaustive()
    }
}

/// A failed request and whether trying again may help.
struct Failure {
    error: GenError,
    retryable: bool,
    retry_after: Option<Duration>,
    /// Tokens of this request already went to the listener.
    streamed: bool,
}

impl Failure {
    fn new(error: GenError, retryable: bool, streamed: bool) -> Failure {
        Failure { error, retryable, retry_after: None, streamed }
    }
}

impl RemoteGenerator {
    pub const NAME: &'static str = "remote";

    /// `base_url` as operators write it: `https://api.openai.com/v1`, `http://127.0.0.1:8080`, or the
    /// full `…/chat/completions` URL.
    pub fn new(
        base_url: &str,
        api_key: &str,
        model: &str,
        options: RemoteOptions,
    ) -> Result<RemoteGenerator, GenError> {
        let client = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.idle_timeout)
            .timeout(options.request_timeout)
            .user_agent(concat!("saju/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| GenError::Unavailable(describe(&e)))?;
        Ok(RemoteGenerator {
            client,
            url: endpoint(base_url),
            api_key: api_key.trim().to_string(),
            model: model.trim().to_string(),
            options,
        })
    }

    /// The chat-completions URL requests go to.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    /// The request body for `ctx`.
    pub fn request_body(&self, ctx: &AnswerContext) -> Value {
        let messages = prompt::build_within(ctx, self.options.max_prompt_chars).messages;
        json!({
            "model": self.model,
            "messages": messages,
            "stream": self.options.stream,
            "temperature": self.options.temperature,
            "max_tokens": self.options.max_tokens,
        })
    }

    async fn answer_with_retries(
        &self,
        ctx: &AnswerContext,
        on_token: &mut (dyn FnMut(&str) + Send),
    ) -> Result<String, GenError> {
        let body = self.request_body(ctx);
        let mut retry = 0u32;
        loop {
            let failure = match self.request(&body, on_token).await {
                Ok(text) => return Ok(text),
                Err(f) => f,
            };
            if failure.streamed || !failure.retryable || retry >= self.options.max_retries {
                return Err(failure.error);
            }
            let delay = match failure.retry_after {
                Some(d) if d > self.options.max_retry_after => {
                    return Err(match failure.error {
                        GenError::Http { status, message } => GenError::Http {
                            status,
                            message: format!(
                                "{message} (Retry-After {d:?} exceeds {:?})",
                                self.options.max_retry_after
                            ),
                        },
                        other => other,
                    });
                }
                Some(d) => d,
                None => backoff(&self.options, retry),
            };
            tracing::info!(
                generator = Self::NAME,
                retry = retry + 1,
                delay_ms = delay.as_millis() as u64,
                error = %failure.error,
                "retrying the remote LLM"
            );
            tokio::time::sleep(delay).await;
            retry += 1;
        }
    }

    /// One HTTP request.
    async fn request(&self, body: &Value, on_token: &mut (dyn FnMut(&str) + Send)) -> Result<String, Failure> {
        let mut req = self.client.post(&self.url).header(ACCEPT, "text/event-stream, application/json").json(body);
        if !self.api_key.is_empty() {
            req = req.bearer_auth(&self.api_key);
        }
        let resp = req.send().await.map_err(|e| transport_failure(&e, &self.options, false))?;
        let status = resp.status();
        if !status.is_success() {
            let retry_after = retry_after(resp.headers());
            let message = error_message(resp).await;
            let retryable = status.as_u16() == 408 || status.as_u16() == 429 || status.is_server_error();
            return Err(Failure {
                error: GenError::Http { status: status.as_u16(), message },
                retryable,
                retry_after,
                streamed: false,
            });
        }
        let content_type =
            resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
        if content_type.contains("event-stream") {
            read_stream(resp, on_token, &self.options).await
        } else {
            read_whole(resp, on_token, &self.options).await
        }
    }
}

impl Generator for RemoteGenerator {
    fn name(&self) -> &str {
        Self::NAME
    }

    fn answer<'a>(&'a self, ctx: &'a AnswerContext, on_token: &'a mut (dyn FnMut(&str) + Send)) -> GenFuture<'a> {
        Box::pin(self.answer_with_retries(ctx, on_token))
    }
}

/// `{base}/v1/chat/completions`, accepting a base that already ends in `/v1` or in `/chat/completions`.
pub fn endpoint(base_url: &str) -> String {
    let base = base_url.trim().trim_end_matches('/');
    if base.ends_with("/chat/completions") {
        base.to_string()
    } else if base.ends_with("/v1") {
        format!("{base}/chat/completions")
    } else {
        format!("{base}/v1/chat/completions")
    }
}

/// The backoff before retry number `retry + 1`: `base × 2^retry`, capped, jittered to 50–100 %.
pub fn backoff(options: &RemoteOptions, retry: u32) -> Duration {
    let full = options.backoff_base.saturating_mul(1u32 << retry.min(16)).min(options.backoff_max);
    full.mul_f64(0.5 + rand::random::<f64>() * 0.5)
}

/// `retry-after-ms` (OpenAI), else `Retry-After` as seconds or as an HTTP date.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    if let Some(ms) = header("retry-after-ms").and_then(|v| v.parse::<f64>().ok()) {
        return (ms.is_finite() && ms >= 0.0).then(|| Duration::from_secs_f64(ms / 1000.0));
    }
    let value = header("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.min(86_400.0)));
    }
    static PARSER: jiff::fmt::rfc2822::DateTimeParser = jiff::fmt::rfc2822::DateTimeParser::new();
    let at = PARSER.parse_timestamp(value).ok()?;
    let ms = at.as_millisecond() - jiff::Timestamp::now().as_millisecond();
    Some(Duration::from_millis(ms.clamp(0, 86_400_000) as u64))
}

/// The error's message and its causes ("error sending request: …: Connection refused").
fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

fn transport_failure(e: &reqwest::Error, options: &RemoteOptions, streamed: bool) -> Failure {
    let error = if e.is_timeout() {
        GenError::Timeout(if e.is_connect() { options.connect_timeout } else { options.idle_timeout })
    } else if streamed {
        GenError::Interrupted(describe(e))
    } else {
        GenError::Unavailable(describe(e))
    };
    // A request that cannot even be built (a bad URL) will not get better by trying again.
    Failure::new(error, !e.is_builder(), streamed)
}

/// A short message from an error body: OpenAI's `error.message`, else the start of the text.
async fn error_message(resp: reqwest::Response) -> String {
    let text = match resp.text().await {
        Ok(t) => t,
        Err(e) => return describe(&e),
    };
    let from_json = serde_json::from_str::<Value>(&text).ok().and_then(|v| {
        let e = v.get("error")?;
        Some(e.get("message").and_then(Value::as_str).map_or_else(|| e.to_string(), str::to_string))
    });
    let message = from_json.unwrap_or(text);
    message.chars().take(300).collect()
}

/// Appends one piece of content; `Err` when the answer grows beyond reason.
fn push_content(text: &mut String, piece: &str, on_token: &mut (dyn FnMut(&str) + Send)) -> Result<(), GenError> {
    if piece.is_empty() {
        return Ok(());
    }
    text.push_str(piece);
    if text.chars().count() > MAX_ANSWER_CHARS {
        return Err(GenError::Malformed(format!("answer longer than {MAX_ANSWER_CHARS} characters")));
    }
    on_token(piece);
    Ok(())
}

/// What one streamed chunk (`chat.completion.chunk`) says.
struct ChunkView<'v> {
    content: Option<&'v str>,
    finished: bool,
}

fn read_chunk(v: &Value) -> Result<ChunkView<'_>, GenError> {
    if let Some(e) = v.get("error") {
        let message = e.get("message").and_then(Value::as_str).map_or_else(|| e.to_string(), str::to_string);
        return Err(GenError::Interrupted(format!("error event: {message}")));
    }
    let choice = v.get("choices").and_then(|c| c.get(0));
    let Some(choice) = choice else {
        // Usage-only chunks (`stream_options.include_usage`) have no choices.
        return if v.get("choices").is_some() || v.get("usage").is_some() {
            Ok(ChunkView { content: None, finished: false })
        } else {
            Err(GenError::Malformed("stream chunk without choices".into()))
        };
    };
    let content = choice
        .get("delta")
        .and_then(|d| d.get("content"))
        .or_else(|| choice.get("message").and_then(|m| m.get("content")))
        .and_then(Value::as_str);
    let finished = choice.get("finish_reason").is_some_and(|f| !f.is_null());
    Ok(ChunkView { content, finished })
}

/// Feeds parsed SSE events into the answer; `Ok(true)` once the stream is complete (`[DONE]`).
fn apply_events(
    events: Vec<SseData>,
    text: &mut String,
    finished: &mut bool,
    on_token: &mut (dyn FnMut(&str) + Send),
) -> Result<bool, GenError> {
    for event in events {
        match event {
            SseData::Done => return Ok(true),
            SseData::Json(data) => {
                let v: Value = serde_json::from_str(&data)
                    .map_err(|e| GenError::Malformed(format!("stream chunk is not JSON ({e})")))?;
                let chunk = read_chunk(&v)?;
                if let Some(c) = chunk.content {
                    push_content(text, c, on_token)?;
                }
                *finished |= chunk.finished;
            }
        }
    }
    Ok(false)
}

async fn read_stream(
    mut resp: reqwest::Response,
    on_token: &mut (dyn FnMut(&str) + Send),
    options: &RemoteOptions,
) -> Result<String, Failure> {
    let mut parser = SseParser::new();
    let mut text = String::new();
    let mut finished = false;
    let fail = |error: GenError, text: &String| {
        let streamed = !text.is_empty();
        // A stream broken before its first token may be tried again; a refusal by content may not.
        let retryable = !streamed && matches!(error, GenError::Interrupted(_) | GenError::Timeout(_));
        Failure::new(error, retryable, streamed)
    };
    loop {
        match resp.chunk().await {
            Ok(Some(bytes)) => {
                let events = parser.push(&bytes);
                match apply_events(events, &mut text, &mut finished, on_token) {
                    Ok(true) => break,
                    Ok(false) => {}
                    Err(e) => return Err(fail(e, &text)),
                }
            }
            Ok(None) => {
                let events = parser.finish();
                match apply_events(events, &mut text, &mut finished, on_token) {
                    Ok(true) => break,
                    Ok(false) if finished => break,
                    Ok(false) => {
                        return Err(fail(GenError::Interrupted("stream ended before [DONE]".into()), &text));
                    }
                    Err(e) => return Err(fail(e, &text)),
                }
            }
            Err(e) => return Err(transport_failure(&e, options, !text.is_empty())),
        }
    }
    if text.trim().is_empty() {
        return Err(Failure::new(GenError::Malformed("the stream carried no content".into()), false, !text.is_empty()));
    }
    Ok(text)
}

/// A response that is not an event stream: a plain chat completion (or an event stream sent with the
/// wrong content type).
async fn read_whole(
    mut resp: reqwest::Response,
    on_token: &mut (dyn FnMut(&str) + Send),
    options: &RemoteOptions,
) -> Result<String, Failure> {
    let mut body = Vec::new();
    loop {
        match resp.chunk().await {
            Ok(Some(bytes)) => {
                body.extend_from_slice(&bytes);
                if body.len() > MAX_BODY_BYTES {
                    let e = GenError::Malformed(format!("response body larger than {MAX_BODY_BYTES} bytes"));
                    return Err(Failure::new(e, false, false));
                }
            }
            Ok(None) => break,
            Err(e) => return Err(transport_failure(&e, options, false)),
        }
    }
    let body_text = String::from_utf8_lossy(&body);
    if body_text.trim_start().starts_with("data:") {
        let mut parser = SseParser::new();
        let mut events = parser.push(&body);
        events.extend(parser.finish());
        let (mut text, mut finished) = (String::new(), false);
        apply_events(events, &mut text, &mut finished, on_token)
            .map_err(|e| Failure::new(e, false, !text.is_empty()))?;
        if text.trim().is_empty() {
            return Err(Failure::new(GenError::Malformed("the stream carried no content".into()), false, false));
        }
        return Ok(text);
    }
    let v: Value = serde_json::from_str(&body_text).map_err(|e| {
        let start: String = body_text.chars().take(80).collect();
        Failure::new(
            GenError::Malformed(format!("body is neither JSON nor an event stream ({e}): {start:?}")),
            false,
            false,
        )
    })?;
    let content = v
        .get("choices")
        .and_then(|c| c.get(0))
        .and_then(|c| c.get("message"))
        .and_then(|m| m.get("content"))
        .and_then(Value::as_str);
    let Some(content) = content.filter(|c| !c.trim().is_empty()) else {
        let e = match v.get("error") {
            Some(e) => GenError::Malformed(format!("error object in a success response: {e}")),
            None => GenError::Malformed("no choices[0].message.content".into()),
        };
        return Err(Failure::new(e, false, false));
    };
    let mut text = String::new();
    push_content(&mut text, content, on_token).map_err(|e| Failure::new(e, false, false))?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn endpoints() {
        assert_eq!(endpoint("https://api.openai.com/v1"), "https://api.openai.com/v1/chat/completions");
        assert_eq!(endpoint("http://127.0.0.1:8080/"), "http://127.0.0.1:8080/v1/chat/completions");
        assert_eq!(endpoint("http://h/v1/chat/completions"), "http://h/v1/chat/completions");
    }

    #[test]
    fn retry_after_forms() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert("retry-after-ms", HeaderValue::from_static("150"));
        assert_eq!(retry_after(&h), Some(Duration::from_millis(150)));
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert_eq!(retry_after(&h), Some(Duration::ZERO), "a date in the past means now");
        let future = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(30);
        let text = jiff::fmt::rfc2822::DateTimePrinter::new().timestamp_to_rfc9110_string(&future).unwrap();
        h.insert("retry-after", HeaderValue::from_str(&text).unwrap());
        let d = retry_after(&h).unwrap();
        assert!(d > Duration::from_secs(27) && d <= Duration::from_secs(30), "{d:?}");
        h.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let o = RemoteOptions {
            backoff_base: Duration::from_millis(100),
            backoff_max: Duration::from_millis(350),
            ..RemoteOptions::default()
        };
        for _ in 0..50 {
            let b0 = backoff(&o, 0);
            assert!(b0 >= Duration::from_millis(50) && b0 <= Duration::from_millis(100), "{b0:?}");
            let b1 = backoff(&o, 1);
            assert!(b1 >= Duration::from_millis(100) && b1 <= Duration::from_millis(200), "{b1:?}");
            let b9 = backoff(&o, 9);
            assert!(b9 >= Duration::from_millis(175) && b9 <= Duration::from_millis(350), "{b9:?}");
        }
    }
}
