//! Turns a core WebAssembly module built by `wit-bindgen` (with its embedded component type) into a
//! component: `componentize IN.wasm OUT.wasm`. Used by scripts/build-plugins.sh so
//! plugin authors need no extra tool.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("사용법: componentize IN.wasm OUT.wasm");
        return ExitCode::from(2);
    };
    let result = std::fs::read(input).map_err(|e| format!("{input}: {e}")).and_then(|module| {
        wit_component::ComponentEncoder::default()
            .module(&module)
            .and_then(|e| e.validate(true).encode())
            .map_err(|e| format!("{input}: {e:#}"))
    });
    match result.and_then(|component| std::fs::write(output, component).map_err(|e| format!("{output}: {e}"))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("componentize: {e}");
            ExitCode::from(1)
        }
    }
}
