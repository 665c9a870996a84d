//! Plugin components assembled from WAT text, so these tests need no wasm target: a core module that
//! follows the canonical ABI of `saju:plugin/rules`, wrapped into a component by `wit-component`.
#![allow(dead_code)]

use std::fmt::Write;
use std::path::Path;

const WIT: &str = include_str!("../../plugins/wit/saju-plugin.wit");

/// Where constant data starts in the fixture's memory, and where its bump allocator starts.
const DATA_BASE: u32 = 1024;
const HEAP_BASE: u32 = 0x50000;
/// Eight 64 KiB pages.
const PAGES: u32 = 8;

/// A finding written into the fixture's data.
#[derive(Clone)]
pub struct F {
    pub code: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    pub weight: i32,
    /// Canonical ABI enum values: 0 year, 1 month, 2 day, 3 hour.
    pub pillars: Vec<u8>,
    pub school: &'static str,
}

pub fn good_finding(code: &'static str) -> F {
    F {
        code,
        title: "시험 발견",
        text: "시험용 플러그인이 돌려준 풀이입니다.",
        weight: 10,
        pillars: vec![2],
        school: "시험 학파",
    }
}

/// What `interpret` does.
pub enum Body {
    /// Returns these findings.
    Findings(Vec<F>),
    /// Returns a list header with this pointer and length (nothing written there).
    RawList { ptr: u32, len: u32 },
    /// Runs this WAT instead (must leave an i32 on the stack or never return).
    Wat(&'static str),
}

pub struct Fixture {
    pub id: &'static str,
    pub version: &'static str,
    pub interpret: Body,
    /// Extra WIT added to the package and its world (e.g. a forbidden import), and the matching WAT import.
    pub extra_wit: Option<(&'static str, &'static str)>,
    pub intents: Vec<&'static str>,
    /// Call the host's `log` with the plugin id before answering.
    pub log_first: bool,
}

impl Fixture {
    pub fn new(id: &'static str, interpret: Body) -> Fixture {
        Fixture { id, version: "1.0.0", interpret, extra_wit: None, intents: vec!["personality"], log_first: false }
    }
}

/// Constant data laid out from `DATA_BASE`.
struct Data {
    bytes: Vec<u8>,
}

impl Data {
    fn addr(&self) -> u32 {
        DATA_BASE + self.bytes.len() as u32
    }
    fn align(&mut self, n: usize) {
        while !self.bytes.len().is_multiple_of(n) {
            self.bytes.push(0);
        }
    }
    fn bytes(&mut self, b: &[u8]) -> (u32, u32) {
        let at = self.addr();
        self.bytes.extend_from_slice(b);
        (at, b.len() as u32)
    }
    fn str(&mut self, s: &str) -> (u32, u32) {
        self.bytes(s.as_bytes())
    }
    fn words(&mut self, words: &[u32]) -> u32 {
        self.align(4);
        let at = self.addr();
        for w in words {
            self.bytes.extend_from_slice(&w.to_le_bytes());
        }
        at
    }
    fn wat(&self) -> String {
        let mut s = format!("(data (i32.const {DATA_BASE}) \"");
        for b in &self.bytes {
            write!(s, "\\{b:02x}").unwrap();
        }
        s.push_str("\")");
        s
    }
}

fn findings_list(data: &mut Data, findings: &[F]) -> u32 {
    let mut words = Vec::new();
    for f in findings {
        let code = data.str(f.code);
        let title = data.str(f.title);
        let text = data.str(f.text);
        let pillars = data.bytes(&f.pillars);
        let school = data.str(f.school);
        words.extend([code.0, code.1, title.0, title.1, text.0, text.1, f.weight as u32]);
        words.extend([pillars.0, pillars.1, school.0, school.1]);
    }
    let list = if words.is_empty() { 0 } else { data.words(&words) };
    data.words(&[list, findings.len() as u32])
}

/// The core module in WAT.
pub fn module_wat(f: &Fixture) -> String {
    let mut data = Data { bytes: Vec::new() };
    let id = data.str(f.id);
    let name = data.str("시험 플러그인");
    let version = data.str("0.0.1");
    let school = data.str("시험 학파");
    let description = data.str("테스트가 WAT로 만든 플러그인입니다.");
    let intents: Vec<(u32, u32)> = f.intents.iter().map(|i| data.str(i)).collect();
    let intent_words: Vec<u32> = intents.iter().flat_map(|(p, l)| [*p, *l]).collect();
    let intents_ptr = if intent_words.is_empty() { 0 } else { data.words(&intent_words) };
    let meta = data.words(&[
        id.0,
        id.1,
        name.0,
        name.1,
        version.0,
        version.1,
        school.0,
        school.1,
        description.0,
        description.1,
        intents_ptr,
        f.intents.len() as u32,
    ]);
    let empty = findings_list(&mut data, &[]);
    let interpret = match &f.interpret {
        Body::Findings(list) => format!("(i32.const {})", findings_list(&mut data, list)),
        Body::RawList { ptr, len } => format!("(i32.const {})", data.words(&[*ptr, *len])),
        Body::Wat(w) => w.to_string(),
    };
    let v = f.version;
    let mut import = f.extra_wit.map(|(_, imp)| imp).unwrap_or("").to_string();
    let interpret = if f.log_first {
        import.push_str(&format!(r#"(import "saju:plugin/host@{v}" "log" (func $log (param i32 i32)))"#));
        format!("(call $log (i32.const {}) (i32.const {})) {interpret}", id.0, id.1)
    } else {
        interpret
    };
    format!(
        r#"(module
  {import}
  (memory (export "memory") {PAGES})
  (global $heap (mut i32) (i32.const {HEAP_BASE}))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $at i32)
    (local.set $at (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                            (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $at) (local.get 3)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.add (i32.div_u (i32.sub (global.get $heap) (i32.mul (memory.size) (i32.const 65536))) (i32.const 65536)) (i32.const 1))))))
    (local.get $at))
  (func (export "saju:plugin/rules@{v}#metadata") (result i32) (i32.const {meta}))
  (func (export "saju:plugin/rules@{v}#interpret") (param i32) (result i32) {interpret})
  (func (export "saju:plugin/rules@{v}#compatibility") (param i32) (result i32) (i32.const {empty}))
  {data}
)"#,
        data = data.wat()
    )
}

/// The fixture as a component binary.
pub fn component(f: &Fixture) -> Vec<u8> {
    let mut wit = WIT.replace("saju:plugin@1.0.0", &format!("saju:plugin@{}", f.version));
    if let Some((extra, _)) = f.extra_wit {
        wit = wit.replace("world plugin {", &format!("{extra}\nworld plugin {{\n    import net;"));
    }
    let mut resolve = wit_parser::Resolve::default();
    let package = resolve.push_str("saju-plugin.wit", &wit).expect("fixture WIT parses");
    let world = resolve.select_world(&[package], Some("plugin")).expect("world plugin");
    let mut module = wat::parse_str(module_wat(f)).expect("fixture WAT parses");
    wit_component::embed_component_metadata(&mut module, &resolve, world, wit_component::StringEncoding::UTF8)
        .expect("embed component type");
    wit_component::ComponentEncoder::default()
        .module(&module)
        .expect("module")
        .validate(true)
        .encode()
        .expect("fixture encodes as a component")
}

pub fn write(dir: &Path, file: &str, f: &Fixture) {
    std::fs::write(dir.join(file), component(f)).unwrap();
}

pub const LOOP: &str = "(loop $forever (br $forever)) (unreachable)";
pub const MEMORY_BOMB: &str = "(loop $more (drop (memory.grow (i32.const 16))) (br $more)) (unreachable)";
pub const TRAP: &str = "(unreachable)";
/// A forbidden import: an interface of the package that the host does not provide.
pub const NET_WIT: &str = "interface net {\n    connect: func(host: string) -> u32;\n}\n";
pub const NET_IMPORT: &str = r#"(import "saju:plugin/net@1.0.0" "connect" (func (param i32 i32) (result i32)))"#;
