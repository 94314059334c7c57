//! Embeds every file under the repository's `lang/<code>/` folders, so a new language
//! is a new folder of data files and the binary needs nothing at run time.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let lang_root = manifest.join("../../lang");
    println!("cargo:rerun-if-changed={}", lang_root.display());
    let mut out =
        String::from("/// (language code, [(file name, contents)]) for every embedded language.\n");
    out.push_str("pub static EMBEDDED: &[(&str, &[(&str, &str)])] = &[\n");
    let mut langs: Vec<PathBuf> = fs::read_dir(&lang_root)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    langs.sort();
    for dir in langs {
        let code = dir.file_name().unwrap().to_string_lossy().to_string();
        println!("cargo:rerun-if-changed={}", dir.display());
        out.push_str(&format!("    ({code:?}, &[\n"));
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.is_file())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with('.') || name.ends_with(".md") {
                continue;
            }
            let abs = fs::canonicalize(&f).unwrap_or(f.clone());
            out.push_str(&format!(
                "        ({name:?}, include_str!({:?})),\n",
                abs.display().to_string()
            ));
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets this")).join("embedded.rs");
    fs::write(dest, out).expect("write embedded.rs");
}
