//! Per-client-IP rate limiting (governor, GCRA) with bounded memory: idle clients are pruned, and if the
//! table still exceeds `max_tracked_clients` it is replaced by an empty one (a flood of distinct addresses
//! resets limits rather than exhausting memory).

use crate::config::RateLimitConfig;
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::RwLock;
use std::time::Duration;

type Keyed = RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>;

pub struct ClientLimiter {
    quota: Quota,
    limiter: RwLock<Keyed>,
    max_clients: usize,
}

impl ClientLimiter {
    pub fn new(config: &RateLimitConfig) -> ClientLimiter {
        let rate = NonZeroU32::new(config.requests_per_second).expect("validated: at least 1");
        let burst = NonZeroU32::new(config.burst).expect("validated: at least 1");
        ClientLimiter::with_quota(Quota::per_second(rate).allow_burst(burst), config.max_tracked_clients)
    }

    /// The stricter limit on creating accounts: `user_creations_per_hour` per client IP, at most 10 at once.
    pub fn user_creations(config: &RateLimitConfig) -> ClientLimiter {
        let per_hour = NonZeroU32::new(config.user_creations_per_hour).expect("validated: at least 1");
        let burst = NonZeroU32::new(config.user_creations_per_hour.min(10)).expect("at least 1");
        ClientLimiter::with_quota(Quota::per_hour(per_hour).allow_burst(burst), config.max_tracked_clients)
    }

    /// The batch budget: `batch_charts_per_minute` charts per client IP, at most 2000 (two full batches) at once.
    pub fn batch_charts(config: &RateLimitConfig) -> ClientLimiter {
        let per_minute = NonZeroU32::new(config.batch_charts_per_minute).expect("validated: at least 1000");
        let burst = NonZeroU32::new(config.batch_charts_per_minute.min(2000)).expect("at least 1");
        ClientLimiter::with_quota(Quota::per_minute(per_minute).allow_burst(burst), config.max_tracked_clients)
    }

    /// Like [`ClientLimiter::check`] for a request that costs `cost` units (≤ the burst).
    pub fn check_cost(&self, ip: IpAddr, cost: u32) -> Result<(), Duration> {
        let Some(n) = NonZeroU32::new(cost) else { return Ok(()) };
        let over = {
            let limiter = self.limiter.read().expect("limiter lock");
            match limiter.check_key_n(&ip, n) {
                Ok(Ok(())) => limiter.len() > self.max_clients,
                Ok(Err(not_until)) => return Err(not_until.wait_time_from(DefaultClock::default().now())),
                // More than the burst can ever hold: callers cap the cost first, so wait a whole period.
                Err(_) => return Err(Duration::from_secs(60)),
            }
        };
        if over {
            self.prune();
        }
        Ok(())
    }

    fn with_quota(quota: Quota, max_clients: usize) -> ClientLimiter {
        ClientLimiter { quota, limiter: RwLock::new(RateLimiter::keyed(quota)), max_clients }
    }

    /// `Ok(())` to let the request through, or how long the client should wait.
    pub fn check(&self, ip: IpAddr) -> Result<(), Duration> {
        self.check_cost(ip, 1)
    }

    /// A wait as the whole seconds a `Retry-After` header and message give: rounded up, at least 1.
    pub fn retry_after_seconds(wait: Duration) -> u64 {
        wait.as_secs_f64().ceil().max(1.0) as u64
    }

    /// Drops clients whose bucket is full again; replaces the table if that is not enough.
    pub fn prune(&self) {
        let mut limiter = self.limiter.write().expect("limiter lock");
        limiter.retain_recent();
        limiter.shrink_to_fit();
        if limiter.len() > self.max_clients {
            tracing::warn!(clients = limiter.len(), "rate limiter table over its bound; starting a fresh one");
            *limiter = RateLimiter::keyed(self.quota);
        }
    }

    pub fn tracked(&self) -> usize {
        self.limiter.read().expect("limiter lock").len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_client_and_stays_bounded() {
        let config =
            RateLimitConfig { requests_per_second: 1, burst: 3, max_tracked_clients: 100, ..Default::default() };
        let l = ClientLimiter::new(&config);
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..3 {
            assert!(l.check(a).is_ok());
        }
        let wait = l.check(a).unwrap_err();
        assert!(wait > Duration::ZERO && wait <= Duration::from_secs(1));
        assert!(l.check("10.0.0.2".parse().unwrap()).is_ok());
        for i in 0..1000u32 {
            let ip = IpAddr::from(std::net::Ipv4Addr::from(0x0b00_0000 + i));
            let _ = l.check(ip);
            assert!(l.tracked() <= 102, "{}", l.tracked());
        }
    }
}
