//! The client's address: the peer, or — only when the peer is a trusted proxy — the nearest untrusted
//! address in `X-Forwarded-For`.

use ipnet::IpNet;
use poem::Request;
use std::net::IpAddr;

pub fn client_ip(req: &Request, trusted: &[IpNet]) -> Option<IpAddr> {
    let peer = req.remote_addr().as_socket_addr().map(|a| a.ip())?;
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return Some(peer);
    }
    let forwarded = req.headers().get_all("x-forwarded-for");
    let chain: Vec<IpAddr> = forwarded
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    // Walk from the right (the hop closest to us) past our own proxies.
    Some(chain.into_iter().rev().find(|ip| !is_trusted(ip)).unwrap_or(peer))
}
