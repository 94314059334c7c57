//! Compiles the TSV tables of `scripts/gazetteer/build_gazetteer.py` into
//! `data/gazetteer/names.fst` and `data/gazetteer/records.bin`.
//!
//! Usage: `cargo run --release -p sitrep-places --example build_gazetteer -- TABLES_DIR OUT_DIR`

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: build_gazetteer TABLES_DIR OUT_DIR");
        return ExitCode::from(2);
    }
    let (src, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let read = |name: &str| match std::fs::read_to_string(src.join(name)) {
        Ok(s) => Ok(s),
        Err(e) => Err(format!("{}: {e}", src.join(name).display())),
    };
    let tables = match (
        read("records.tsv"),
        read("names.tsv"),
        read("countries.tsv"),
        read("langs.tsv"),
    ) {
        (Ok(r), Ok(n), Ok(c), Ok(l)) => sitrep_places::build::Tables::parse(&r, &n, &c, &l),
        (r, n, c, l) => {
            for e in [r.err(), n.err(), c.err(), l.err()].into_iter().flatten() {
                eprintln!("error: {e}");
            }
            return ExitCode::FAILURE;
        }
    };
    match sitrep_places::build::build(&tables) {
        Ok(built) => {
            let write = |name: &str, bytes: &[u8]| {
                std::fs::write(out.join(name), bytes)
                    .map_err(|e| format!("{}: {e}", out.join(name).display()))
            };
            if let Err(e) =
                write("names.fst", &built.fst).and_then(|_| write("records.bin", &built.records))
            {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
            println!("{}", built.summary);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
