//! Writes a large synthetic CNEMC-format hourly file, for measuring `ecogov aqi` and `ecogov air`.
//!
//! ```sh
//! cargo run --release -p ecogov-io --example gen_cnemc -- /tmp/cnemc-big.csv 1900 720 [2026]
//! ```
//! Arguments: output file, stations, hours, and `2026` for the 2026 layout (default: the 2023
//! layout with swapped O3 columns). Keep generated files out of the repository (`/tmp`).

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err("usage: gen_cnemc OUT.csv [STATIONS=1900] [HOURS=720] [2026]".into());
    };
    let stations: usize = args.get(1).map_or(Ok(1900), |s| s.parse())?;
    let hours: usize = args.get(2).map_or(Ok(720), |s| s.parse())?;
    let layout_2026 = args.get(3).is_some_and(|s| s == "2026");
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let rows = synthetic::write_file(&mut out, stations, hours, layout_2026, 42)?;
    out.flush()?;
    let bytes = std::fs::metadata(path)?.len();
    eprintln!("{path}: {rows} rows, {bytes} bytes");
    Ok(())
}
