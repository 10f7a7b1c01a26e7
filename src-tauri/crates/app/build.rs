//! Embeds every TOML file under the top-level content/ folder into the binary.
//!
//! Walking the folder here (rather than listing files by hand) means a new content file can
//! never be forgotten: it is embedded and checked by the next build.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, root, out)?;
        } else if path.extension().is_some_and(|ext| ext == "toml") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = relative.to_string_lossy().replace('\\', "/");
            out.push((name, path));
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let content_dir = manifest_dir.join("../../../content").canonicalize()?;
    println!("cargo::rerun-if-changed={}", content_dir.display());

    let mut files = Vec::new();
    collect(&content_dir, &content_dir, &mut files)?;
    files.sort();

    let mut code = String::from("&[\n");
    for (name, path) in &files {
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )?;
    }
    code.push(']');
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("embedded_content.rs");
    std::fs::write(out, code)?;
    Ok(())
}
