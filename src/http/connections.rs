//! Connections are a bounded resource: at most `server.max_connections` are open at once (more wait in the
//! kernel's backlog until one closes), a client must finish a request head within
//! `server.header_read_timeout_seconds` of its first byte (or of connecting), and an error from `accept`
//! (out of file descriptors, most often) is logged, counted and retried after a growing pause instead of
//! being retried at once in a loop that spins a core.

use poem::http::uri::Scheme;
use poem::listener::Acceptor;
use poem::web::{LocalAddr, RemoteAddr};
use prometheus::{IntCounter, IntGauge, Registry};
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Pause after the first failed `accept`; doubled after each further failure, up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(10);
const MAX_BACKOFF: Duration = Duration::from_secs(1);
/// Descriptors kept free for everything else the process opens (the database, plugins, logs, models).
const RESERVED_FDS: u64 = 64;

#[derive(Clone)]
pub struct ConnectionMetrics {
    open: IntGauge,
    limit: IntGauge,
    accept_errors: IntCounter,
    header_timeouts: IntCounter,
}

impl ConnectionMetrics {
    pub fn register(registry: &Registry) -> ConnectionMetrics {
        let m = ConnectionMetrics {
            open: IntGauge::new("saju_connections_open", "Client connections open").expect("valid"),
            limit: IntGauge::new("saju_connections_limit", "Client connections allowed at once").expect("valid"),
            accept_errors: IntCounter::new("saju_accept_errors_total", "Failed accepts (e.g. out of file descriptors)")
                .expect("valid"),
            header_timeouts: IntCounter::new(
                "saju_header_read_timeouts_total",
                "Connections closed because a request head did not arrive in time",
            )
            .expect("valid"),
        };
        for c in [
            Box::new(m.open.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(m.limit.clone()),
            Box::new(m.accept_errors.clone()),
            Box::new(m.header_timeouts.clone()),
        ] {
            // A second server in the same process (tests) shares the first one's metrics.
            let _ = registry.register(c);
        }
        m
    }
}

/// `max_connections`, lowered when the process may not open that many files (each connection is one).
pub fn effective_limit(max_connections: usize) -> usize {
    let mut rl = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: getrlimit writes into the struct we pass and reads nothing else.
    let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut rl) } == 0;
    if !ok || rl.rlim_cur == libc::RLIM_INFINITY {
        return max_connections;
    }
    let room = rl.rlim_cur.saturating_sub(RESERVED_FDS).max(1) as usize;
    if room < max_connections {
        tracing::warn!(
            max_connections,
            open_file_limit = rl.rlim_cur,
            used = room,
            "server.max_connections lowered to fit the open-file limit (raise LimitNOFILE / ulimit -n to allow more)"
        );
    }
    max_connections.min(room)
}

/// An acceptor that bounds, times and survives its connections.
pub struct Guarded<A> {
    inner: A,
    permits: Arc<Semaphore>,
    header_timeout: Duration,
    metrics: ConnectionMetrics,
    backoff: Duration,
}

impl<A> Guarded<A> {
    pub fn new(inner: A, limit: usize, header_timeout: Duration, metrics: ConnectionMetrics) -> Self {
        metrics.limit.set(limit as i64);
        Guarded { inner, permits: Arc::new(Semaphore::new(limit)), header_timeout, metrics, backoff: Duration::ZERO }
    }
}

impl<A: Acceptor> Acceptor for Guarded<A> {
    type Io = GuardedIo<A::Io>;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.inner.local_addr()
    }

    async fn accept(&mut self) -> io::Result<(Self::Io, LocalAddr, RemoteAddr, Scheme)> {
        let permit = match self.permits.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                tracing::warn!(limit = self.metrics.limit.get(), "connection limit reached; new connections wait");
                self.permits.clone().acquire_owned().await.map_err(io::Error::other)?
            }
        };
        loop {
            match self.inner.accept().await {
                Ok((io, local, remote, scheme)) => {
                    self.backoff = Duration::ZERO;
                    let io = GuardedIo::new(io, permit, self.header_timeout, self.metrics.clone());
                    return Ok((io, local, remote, scheme));
                }
                Err(e) => {
                    self.metrics.accept_errors.inc();
                    self.backoff = (self.backoff * 2).clamp(FIRST_BACKOFF, MAX_BACKOFF);
                    tracing::warn!(error = %e, retry_ms = self.backoff.as_millis() as u64, "accept failed");
                    tokio::time::sleep(self.backoff).await;
                }
            }
        }
    }
}

/// One connection: holds its slot until dropped, and ends a request head that takes too long.
pub struct GuardedIo<T> {
    io: T,
    _permit: OwnedSemaphorePermit,
    metrics: ConnectionMetrics,
    header_timeout: Duration,
    /// Waiting for a request head to end (`\r\n\r\n`); its deadline once it has begun (or since connecting).
    in_head: bool,
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    /// How much of `\r\n\r\n` the last bytes matched.
    matched: usize,
    /// Bytes read so far, for telling an HTTP/2 preface from an HTTP/1 head (h2 frames have no heads).
    seen: usize,
}

const HEAD_END: &[u8; 4] = b"\r\n\r\n";
const H2_PREFACE: &[u8] = b"PRI * HTTP/2.0";

impl<T> GuardedIo<T> {
    fn new(io: T, permit: OwnedSemaphorePermit, header_timeout: Duration, metrics: ConnectionMetrics) -> Self {
        metrics.open.inc();
        GuardedIo {
            io,
            _permit: permit,
            deadline: Some(Box::pin(tokio::time::sleep(header_timeout))),
            metrics,
            header_timeout,
            in_head: true,
            matched: 0,
            seen: 0,
        }
    }

    fn scan(&mut self, bytes: &[u8]) {
        if bytes.is_empty() || !self.in_head {
            return;
        }
        if self.seen == 0 && bytes.starts_with(H2_PREFACE) {
            // HTTP/2 (prior knowledge): no request heads to time; the idle timeout still applies.
            self.in_head = false;
            self.deadline = None;
            return;
        }
        self.seen += bytes.len();
        if self.deadline.is_none() {
            self.deadline = Some(Box::pin(tokio::time::sleep(self.header_timeout)));
        }
        for &b in bytes {
            self.matched = if b == HEAD_END[self.matched] {
                self.matched + 1
            } else if b == b'\r' {
                1
            } else {
                0
            };
            if self.matched == HEAD_END.len() {
                self.in_head = false;
                self.deadline = None;
                self.matched = 0;
                return;
            }
        }
    }
}

impl<T> GuardedIo<T> {
    /// A response went out: the next bytes from an HTTP/1 client begin the next request head, whose deadline
    /// starts with its first byte (an idle keep-alive connection is the idle timeout's to close).
    fn after_write(&mut self, result: &Poll<io::Result<usize>>) {
        if matches!(result, Poll::Ready(Ok(n)) if *n > 0) && !self.in_head && self.seen > 0 {
            self.in_head = true;
            self.deadline = None;
            self.matched = 0;
        }
    }
}

impl<T> Drop for GuardedIo<T> {
    fn drop(&mut self) {
        self.metrics.open.dec();
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for GuardedIo<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.in_head {
            if let Some(deadline) = this.deadline.as_mut() {
                if deadline.as_mut().poll(cx).is_ready() {
                    this.metrics.header_timeouts.inc();
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "the request head did not arrive within server.header_read_timeout_seconds",
                    )));
                }
            }
        }
        let before = buf.filled().len();
        let result = Pin::new(&mut this.io).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = result {
            this.scan(&buf.filled()[before..]);
        }
        result
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for GuardedIo<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        let result = Pin::new(&mut this.io).poll_write(cx, data);
        this.after_write(&result);
        result
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        let result = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.after_write(&result);
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}
