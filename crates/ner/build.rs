//! Embeds every trained model `data/ner/<lang>.crfsuite`, so a new language is a new
//! model file (plus its `lang/<code>/ner-*.txt` lists) and the binary reads nothing at
//! run time. A missing model simply means no recogniser for that language, which also
//! lets the training binary build before any model exists.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let dir = manifest.join("../../data/ner");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut models: Vec<(String, PathBuf)> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter_map(|p| {
                    let name = p.file_name()?.to_str()?.to_string();
                    let code = name.strip_suffix(".crfsuite")?;
                    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase()))
                        .then(|| (code.to_string(), p.clone()))
                })
                .collect()
        })
        .unwrap_or_default();
    models.sort();
    let mut out =
        String::from("/// (language code, CRFsuite model bytes) for every embedded model.\n");
    out.push_str("pub(crate) static MODELS: &[(&str, &[u8])] = &[\n");
    for (code, path) in models {
        println!("cargo:rerun-if-changed={}", path.display());
        let abs = fs::canonicalize(&path).unwrap_or(path);
        out.push_str(&format!(
            "    ({code:?}, include_bytes!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets this")).join("models.rs");
    fs::write(dest, out).expect("write models.rs");
}
