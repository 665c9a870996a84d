//! Every door runs the same turn: `saju ask` and `POST /v1/sessions/{id}/messages` give the same reply text
//! and the same findings for the same message.

use crate::http::Request;
use crate::support::{run_bounded, saju_command, stdout, Server};
use serde_json::json;
use std::time::Duration;

#[test]
fn saju_ask_and_the_chat_route_give_the_same_reply() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let (_, token) = server.create_user();
    for message in [
        "1990년 5월 15일 오후 3시 30분 서울 여자, 재물운이 궁금해요",
        "1985년 3월 2일 새벽 1시 남자 올해 운세는?",
        "1990년 5월 15일생인데 직업운 봐 주세요",
        "편관이 뭐예요?",
    ] {
        let session = Request::post_json("/v1/sessions", &json!({})).bearer(&token).send(server.addr).json();
        let sid = session["id"].as_str().unwrap();
        let path = format!("/v1/sessions/{sid}/messages");
        let r = Request::post_json(&path, &json!({"message": message})).bearer(&token).send(server.addr);
        assert_eq!(r.status, 200, "{}", r.text());
        let http = r.json();

        let mut cmd = saju_command(&["ask", message, "--verbose"]);
        cmd.env("SAJU_SERVER__DATA_DIR", dir.path().join("ask"));
        let o = run_bounded(cmd, Duration::from_secs(60));
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = stdout(&o);
        let reply = http["reply"].as_str().unwrap();
        assert!(out.starts_with(reply), "{message}\nHTTP: {reply}\nCLI: {out}");
        let verbose = &out[reply.len()..];
        for f in http["findings"].as_array().unwrap() {
            let line = format!("근거: {} ({})", f["text"].as_str().unwrap(), f["code"].as_str().unwrap());
            assert!(verbose.contains(&line), "{message}: the CLI lacks {line}");
        }
        let cli_findings = verbose.lines().filter(|l| l.starts_with("근거: ")).count();
        assert_eq!(cli_findings, http["findings"].as_array().unwrap().len(), "{message}");
        if let Some(asked) = http["follow_up"].as_str() {
            assert!(out.contains(&format!("되묻는 항목: {asked}")), "{message}: {out}");
        }
    }
}
