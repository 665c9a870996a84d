//! A fake OpenAI-compatible chat service on 127.0.0.1:0 that plays a script, one entry per request (the
//! last entry repeats), and records every request.

use poem::http::StatusCode;
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::web::{Data, Json};
use poem::{handler, post, Body, EndpointExt, Request, Response, Route, Server};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Script {
    /// An event stream: one `delta.content` chunk per piece, `delay` apart, a final chunk with
    /// `finish_reason`, then `[DONE]`.
    Stream { pieces: Vec<String>, delay: Duration },
    /// The pieces as an event stream, then the connection is dropped mid-body.
    StreamThenDrop { pieces: Vec<String> },
    /// A non-streaming chat completion (`application/json`), whatever the request asked.
    Json(String),
    /// An error status with an OpenAI-style error body.
    Status { code: u16, retry_after: Option<String> },
    /// Never answers.
    Hang,
}

impl Script {
    pub fn stream(pieces: &[&str]) -> Script {
        Script::Stream { pieces: pieces.iter().map(|s| s.to_string()).collect(), delay: Duration::from_millis(5) }
    }

    pub fn stream_then_drop(pieces: &[&str]) -> Script {
        Script::StreamThenDrop { pieces: pieces.iter().map(|s| s.to_string()).collect() }
    }

    pub fn status(code: u16) -> Script {
        Script::Status { code, retry_after: None }
    }
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub authorization: Option<String>,
    pub body: Value,
    pub at: Instant,
}

impl Recorded {
    /// The contents of the request's messages with this role.
    pub fn messages(&self, role: &str) -> Vec<String> {
        self.body["messages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["role"] == role)
            .map(|m| m["content"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}

struct State {
    scripts: Mutex<VecDeque<Script>>,
    requests: Mutex<Vec<Recorded>>,
}

pub struct FakeLlm {
    pub base_url: String,
    state: Arc<State>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeLlm {
    pub async fn start(scripts: Vec<Script>) -> FakeLlm {
        assert!(!scripts.is_empty());
        let state = Arc::new(State { scripts: Mutex::new(scripts.into()), requests: Mutex::new(Vec::new()) });
        let acceptor = TcpListener::bind("127.0.0.1:0").into_acceptor().await.unwrap();
        let addr = acceptor.local_addr().into_iter().find_map(|a| a.as_socket_addr().copied()).unwrap();
        let app = Route::new().at("/v1/chat/completions", post(completions)).data(state.clone());
        let task = tokio::spawn(async move {
            let _ = Server::new_with_acceptor(acceptor).run(app).await;
        });
        FakeLlm { base_url: format!("http://{addr}"), state, task }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.requests.lock().unwrap().clone()
    }
}

impl Drop for FakeLlm {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn chunk(content: Option<&str>, finish: Option<&str>) -> String {
    let delta = match content {
        Some(c) => json!({ "content": c }),
        None => json!({}),
    };
    let v = json!({
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "model": "fake",
        "choices": [{ "index": 0, "delta": delta, "finish_reason": finish }],
    });
    format!("data: {v}\n\n")
}

#[handler]
async fn completions(req: &Request, Json(body): Json<Value>, state: Data<&Arc<State>>) -> Response {
    let authorization = req.headers().get("authorization").and_then(|v| v.to_str().ok()).map(str::to_string);
    state.requests.lock().unwrap().push(Recorded { authorization, body, at: Instant::now() });
    let script = {
        let mut scripts = state.scripts.lock().unwrap();
        if scripts.len() > 1 {
            scripts.pop_front().unwrap()
        } else {
            scripts.front().unwrap().clone()
        }
    };
    match script {
        Script::Json(content) => Response::builder().content_type("application/json").body(
            json!({
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "model": "fake",
                "choices": [{ "index": 0, "message": { "role": "assistant", "content": content }, "finish_reason": "stop" }],
            })
            .to_string(),
        ),
        Script::Status { code, retry_after } => {
            let mut b = Response::builder().status(StatusCode::from_u16(code).unwrap()).content_type("application/json");
            if let Some(r) = retry_after {
                b = b.header("retry-after", r);
            }
            b.body(json!({ "error": { "message": format!("scripted {code}"), "type": "test" } }).to_string())
        }
        Script::Hang => {
            std::future::pending::<()>().await;
            unreachable!()
        }
        Script::Stream { pieces, delay } => {
            let (tx, rx) = mpsc::channel(64);
            tokio::spawn(async move {
                let _ = tx.send(Ok(b": keep-alive\n\n".to_vec())).await;
                for p in pieces {
                    tokio::time::sleep(delay).await;
                    let _ = tx.send(Ok(chunk(Some(&p), None).into_bytes())).await;
                }
                let _ = tx.send(Ok(chunk(None, Some("stop")).into_bytes())).await;
                let _ = tx.send(Ok(b"data: [DONE]\n\n".to_vec())).await;
            });
            event_stream(rx)
        }
        Script::StreamThenDrop { pieces } => {
            let (tx, rx) = mpsc::channel(64);
            tokio::spawn(async move {
                for p in pieces {
                    let _ = tx.send(Ok(chunk(Some(&p), None).into_bytes())).await;
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
                let _ = tx.send(Err(io::Error::new(io::ErrorKind::ConnectionReset, "scripted drop"))).await;
            });
            event_stream(rx)
        }
    }
}

fn event_stream(rx: mpsc::Receiver<io::Result<Vec<u8>>>) -> Response {
    Response::builder()
        .content_type("text/event-stream")
        .header("cache-control", "no-cache")
        .body(Body::from_async_read(ChannelReader { rx, buf: Vec::new(), pos: 0 }))
}

/// A body fed by a channel; an `Err` item aborts the response (the connection is dropped mid-body).
struct ChannelReader {
    rx: mpsc::Receiver<io::Result<Vec<u8>>>,
    buf: Vec<u8>,
    pos: usize,
}

impl AsyncRead for ChannelReader {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, out: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        loop {
            if self.pos < self.buf.len() {
                let n = out.remaining().min(self.buf.len() - self.pos);
                let pos = self.pos;
                out.put_slice(&self.buf[pos..pos + n]);
                self.pos += n;
                return Poll::Ready(Ok(()));
            }
            match self.rx.poll_recv(cx) {
                Poll::Ready(Some(Ok(bytes))) => {
                    self.buf = bytes;
                    self.pos = 0;
                }
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Err(e)),
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}
