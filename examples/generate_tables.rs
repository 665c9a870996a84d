//! Regenerates the engine's cached solar-term and lunar-calendar tables from its own astronomy.
//! Run: `cargo run --release --example generate_tables` (the tests fail until the committed tables match).

use saju::saju::calendar::generate;
use std::path::Path;

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/saju/calendar/tables");
    std::fs::write(dir.join("solar_terms.rs"), generate::solar_terms_source())?;
    std::fs::write(dir.join("korean_lunar.rs"), generate::korean_lunar_source())?;
    println!("wrote {}", dir.display());
    Ok(())
}
