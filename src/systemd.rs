//! systemd readiness notification (`Type=notify`): `READY=1` once serving, `STOPPING=1` on shutdown.
//! Does nothing when `NOTIFY_SOCKET` is not set (not under systemd).

/// Sends one state line to the notify socket; returns whether it was sent.
pub fn notify(state: &str) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::net::UnixDatagram;
        let Some(path) = std::env::var_os("NOTIFY_SOCKET") else { return false };
        let Ok(socket) = UnixDatagram::unbound() else { return false };
        let bytes = path.as_encoded_bytes();
        let sent = if let Some(name) = bytes.strip_prefix(b"@") {
            abstract_send(&socket, name, state)
        } else {
            socket.send_to(state.as_bytes(), std::path::Path::new(&path)).is_ok()
        };
        if !sent {
            tracing::warn!("could not notify systemd");
        }
        sent
    }
    #[cfg(not(unix))]
    {
        let _ = state;
        false
    }
}

#[cfg(target_os = "linux")]
fn abstract_send(socket: &std::os::unix::net::UnixDatagram, name: &[u8], state: &str) -> bool {
    use std::os::linux::net::SocketAddrExt;
    match std::os::unix::net::SocketAddr::from_abstract_name(name) {
        Ok(addr) => socket.send_to_addr(state.as_bytes(), &addr).is_ok(),
        Err(_) => false,
    }
}

#[cfg(all(unix, not(target_os = "linux")))]
fn abstract_send(_: &std::os::unix::net::UnixDatagram, _: &[u8], _: &str) -> bool {
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn notifies_a_path_socket() {
        use std::os::unix::net::UnixDatagram;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notify.sock");
        let listener = UnixDatagram::bind(&path).unwrap();
        // The variable is process-wide; this is the only test that touches it.
        unsafe { std::env::set_var("NOTIFY_SOCKET", &path) };
        assert!(super::notify("READY=1"));
        unsafe { std::env::remove_var("NOTIFY_SOCKET") };
        let mut buf = [0u8; 64];
        let n = listener.recv(&mut buf).unwrap();
        assert_eq!(&buf[..n], b"READY=1");
        assert!(!super::notify("READY=1"));
    }
}
