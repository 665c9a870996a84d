//! The client's address: the peer, or — only when the peer is a trusted proxy — the nearest untrusted
//! address in `X-Forwarded-For`.

use ipnet::IpNet;
use poem::http::HeaderMap;
use poem::Request;
use std::net::IpAddr;

pub fn client_ip(req: &Request, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = req.remote_addr().as_socket_addr().map(|a| a.ip())?;
    Some(resolve(peer, req.headers(), trusted))
}

fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let chain: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    // Walk from the right (the hop closest to us) past our own proxies.
    chain.into_iter().rev().find(|ip| !is_trusted(ip)).unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(xff: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(x) = xff {
            h.insert("x-forwarded-for", x.parse().unwrap());
        }
        h
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(resolve(ip("203.0.113.9"), &with(Some("1.2.3.4")), &trusted), ip("203.0.113.9"));
        assert_eq!(resolve(ip("10.0.0.2"), &with(Some("1.2.3.4")), &trusted), ip("1.2.3.4"));
        assert_eq!(resolve(ip("10.0.0.2"), &with(Some("6.6.6.6, 1.2.3.4, 10.0.0.3")), &trusted), ip("1.2.3.4"));
        assert_eq!(resolve(ip("10.0.0.2"), &with(None), &trusted), ip("10.0.0.2"));
        assert_eq!(resolve(ip("10.0.0.2"), &with(Some("garbage")), &trusted), ip("10.0.0.2"));
    }
}
