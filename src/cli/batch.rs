//! JSON-lines batch plumbing shared by `chart --batch` and `calendar --batch`: read lines from a file
//! or stdin, answer each with one line, never stop on a bad line.

use super::CliError;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, BufWriter, Write};

/// Opens `path` (`-` = stdin) for reading lines.
pub fn open_lines(path: &str) -> Result<Box<dyn BufRead>, CliError> {
    if path == "-" {
        Ok(Box::new(BufReader::new(std::io::stdin().lock())))
    } else {
        let file = std::fs::File::open(path).map_err(|e| CliError(format!("{path}: 파일을 열 수 없습니다 ({e})")))?;
        Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
    }
}

/// `{"id": .., "error": {"code": .., "message": ..}}`.
pub fn error_line(id: &Value, code: &str, message: &str) -> Value {
    json!({ "id": id, "error": { "code": code, "message": message } })
}

/// Runs `answer` on every non-blank line and writes one output line per input line.
pub fn run_lines(path: &str, mut answer: impl FnMut(&Value, &Value, &mut Vec<u8>)) -> Result<(), CliError> {
    let input = open_lines(path)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut buf = Vec::with_capacity(4096);
    for (n, line) in input.lines().enumerate() {
        let line = line.map_err(|e| CliError(format!("{path}:{}: 읽을 수 없습니다 ({e})", n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        buf.clear();
        match serde_json::from_str::<Value>(&line) {
            Ok(value) => {
                let id = value.get("id").cloned().unwrap_or(Value::Null);
                answer(&id, &value, &mut buf);
            }
            Err(e) => {
                let line =
                    error_line(&Value::Null, "invalid_json", &format!("{}번째 줄이 JSON이 아닙니다: {e}", n + 1));
                serde_json::to_writer(&mut buf, &line).expect("serializing a Value cannot fail");
            }
        }
        buf.push(b'\n');
        out.write_all(&buf)?;
    }
    out.flush()?;
    Ok(())
}
