//! Embeds the actor tables under `data/actors/` (and every file in `data/actors/officeholders/`)
//! so a new region file needs no code change.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let data = manifest.join("../../data/actors");
    let holders = data.join("officeholders");
    println!("cargo:rerun-if-changed={}", data.display());
    println!("cargo:rerun-if-changed={}", holders.display());

    let mut out = String::new();
    for name in [
        "countries.tsv",
        "country-names.tsv",
        "igos.tsv",
        "groups.tsv",
        "institutions.tsv",
        "phoenix-groups.tsv",
        "phoenix-persons.tsv",
        "phoenix-agents-en.tsv",
    ] {
        let path = data.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let ident = name
            .trim_end_matches(".tsv")
            .replace('-', "_")
            .to_uppercase();
        out.push_str(&format!(
            "pub static {ident}: &str = include_str!({:?});\n",
            abs(&path)
        ));
    }
    let mut files: Vec<PathBuf> = fs::read_dir(&holders)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "tsv"));
    files.sort();
    out.push_str("pub static OFFICEHOLDERS: &[(&str, &str)] = &[\n");
    for p in &files {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", abs(p)));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR")).join("actor_data.rs");
    fs::write(dest, out).expect("write actor_data.rs");
}

fn abs(p: &Path) -> String {
    p.canonicalize()
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}
