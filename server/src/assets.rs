//! The built front-end files under `/pkg` (CSS, JavaScript, WebAssembly): their content-hashed
//! names, how they are served, and their precompressed copies.
//!
//! - **Names.** With `hash-files = true` (root `Cargo.toml`), cargo-leptos renames them
//!   `campus-ia.<hash>.css|js|wasm` and writes the hashes to `hash.txt` next to the server binary;
//!   Leptos (`HydrationScripts`, `HashedStylesheet`) reads that file when
//!   `LeptosOptions::hash_files` is on, which [`crate::config`] turns on when the file is there.
//! - **Serving.** [`router`] serves the folder with `ServeDir`, outside the page middleware: no
//!   session lookup, no CSRF check, no compression at request time. Hashed names are cached for a
//!   year (`immutable`); anything else revalidates (`Last-Modified` / `If-Modified-Since`).
//! - **Precompression.** [`compress_dir`] writes `FILE.br` (brotli, quality 11) and `FILE.gz`
//!   (gzip, level 9) next to each file; `ServeDir` picks one by `Accept-Encoding`. It runs after
//!   each build (`server assets compress`) and, for whatever is still missing, at start-up
//!   ([`compress_in_background`]).

use std::{
    io::{self, Write},
    path::{Path, PathBuf},
    sync::atomic::{AtomicU64, Ordering},
    time::SystemTime,
};

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::Response,
    Router,
};
use leptos::prelude::LeptosOptions;
use tower_http::services::ServeDir;

/// The file cargo-leptos writes next to the server binary when it hashes the file names.
pub const HASH_FILE_NAME: &str = "hash.txt";

/// How long a browser or a proxy keeps a file whose name changes with its content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Kept, but checked with the server before each use (a 304 when unchanged).
pub const REVALIDATE: &str = "no-cache";

/// Files smaller than this are sent as they are: compression would save a few bytes at most.
pub const MIN_COMPRESSED_SIZE: u64 = 256;

/// Extensions of the files worth compressing (images and fonts already are).
const COMPRESSIBLE: &[&str] = &["css", "js", "mjs", "wasm", "json", "map", "svg", "html", "txt", "xml"];

/// Why compressing the assets failed.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    #[error("dossier {path} introuvable : lancez d'abord `cargo leptos build --release`")]
    MissingDir { path: PathBuf },
    #[error("lecture de {path} impossible : {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("écriture de {path} impossible : {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("compression de {path} impossible : {source}")]
    Compress { path: PathBuf, source: io::Error },
}

/// `hash.txt` next to the running executable, if cargo-leptos wrote one there.
pub fn hash_file_next_to_executable() -> Option<PathBuf> {
    let path = std::env::current_exe().ok()?.parent()?.join(HASH_FILE_NAME);
    path.is_file().then_some(path)
}

/// The `(kind, hash)` pairs of a hash file (`css: 3Qd…`, `js: …`, `wasm: …`).
pub fn parse_hash_file(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .map(|(kind, hash)| (kind.trim().to_owned(), hash.trim().to_owned()))
        .filter(|(kind, hash)| !kind.is_empty() && !hash.is_empty())
        .collect()
}

/// The address of the site's stylesheet, as `HashedStylesheet` links it (for the few pages
/// written outside Leptos, such as the unsubscribe page).
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    let mut name = options.output_name.to_string();
    if options.hash_files {
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .and_then(|path| std::fs::read_to_string(path).ok())
            .map(|text| parse_hash_file(&text))
            .unwrap_or_default();
        if let Some((_, hash)) = hashes.iter().find(|(kind, _)| kind == "css") {
            name = format!("{name}.{hash}");
        }
    }
    format!("/{}/{name}.css", options.site_pkg_dir)
}

/// Does `file_name` carry a cargo-leptos content hash (`stem.<22 characters of base64url>.ext`,
/// the MD5 of the content)? Only such names may be cached as immutable.
pub fn is_content_hashed(file_name: &str) -> bool {
    let parts: Vec<&str> = file_name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1]
            .iter()
            .any(|part| part.len() == 22 && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

/// What the `/pkg` responses say about caching and security.
#[derive(Clone, Copy, Debug)]
struct AssetHeaders {
    /// The build hashed the file names (otherwise nothing is immutable).
    hashed_names: bool,
    /// Production: HSTS, as on every other response.
    production: bool,
}

/// The `/pkg` files of the built site, precompressed variants first, with their cache and
/// security headers. Mounted outside the page middleware (see `startup::router`).
pub fn router(options: &LeptosOptions, production: bool) -> Router {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new().fallback_service(files).layer(axum::middleware::from_fn_with_state(
        AssetHeaders { hashed_names: options.hash_files, production },
        asset_headers,
    ))
}

async fn asset_headers(State(policy): State<AssetHeaders>, request: Request, next: Next) -> Response {
    let hashed = policy.hashed_names && request.uri().path().rsplit('/').next().is_some_and(is_content_hashed);
    let mut response = next.run(request).await;
    let status = response.status();
    let found = status.is_success() || status == StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    let cache = match (found, hashed) {
        // A missing file may appear with the next deployment: never keep its 404.
        (false, _) => "no-store",
        (true, true) => IMMUTABLE,
        (true, false) => REVALIDATE,
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if found {
        // The body depends on Accept-Encoding (precompressed variants): shared caches must know.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if policy.production {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(crate::middleware::STRICT_TRANSPORT_SECURITY));
    }
    response
}

/// What [`compress_dir`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompressReport {
    /// Files given fresh `.br` and `.gz` copies.
    pub compressed: usize,
    /// Files whose copies were already there and newer than them.
    pub up_to_date: usize,
    /// Size of the compressed files, before and after (only those compressed now).
    pub original_bytes: u64,
    pub brotli_bytes: u64,
    pub gzip_bytes: u64,
}

/// Writes `FILE.br` and `FILE.gz` next to every compressible file of `dir` and its subfolders
/// that has none or an older one. Each copy is written under a temporary name, then renamed, so
/// a server serving the folder meanwhile never sends a half-written file. Blocking (CPU-bound:
/// about a second for the WebAssembly at brotli's quality 11).
pub fn compress_dir(dir: &Path) -> Result<CompressReport, AssetError> {
    if !dir.is_dir() {
        return Err(AssetError::MissingDir { path: dir.to_owned() });
    }
    let mut report = CompressReport::default();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|source| AssetError::Read { path: folder.clone(), source })?;
        for entry in entries {
            let entry = entry.map_err(|source| AssetError::Read { path: folder.clone(), source })?;
            let path = entry.path();
            let metadata = entry.metadata().map_err(|source| AssetError::Read { path: path.clone(), source })?;
            if metadata.is_dir() {
                folders.push(path);
            } else if metadata.is_file() && is_compressible(&path, metadata.len()) {
                compress_file(&path, &metadata, &mut report)?;
            }
        }
    }
    Ok(report)
}

/// At start-up: gives the assets that lack them their compressed copies, on a blocking thread
/// (a deployment that skipped `server assets compress` still sends compressed files, a few
/// seconds later). Does nothing when the folder does not exist (tests, a server without front).
pub fn compress_in_background(options: &LeptosOptions) -> tokio::task::JoinHandle<()> {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    tokio::task::spawn_blocking(move || {
        if !dir.is_dir() {
            tracing::debug!(dir = %dir.display(), "no built assets to compress");
            return;
        }
        match compress_dir(&dir) {
            Ok(report) if report.compressed > 0 => tracing::info!(
                compressed = report.compressed,
                up_to_date = report.up_to_date,
                "assets were missing their compressed copies (run `server assets compress` after the build)"
            ),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "asset compression failed; these files are sent uncompressed"),
        }
    })
}

fn is_compressible(path: &Path, len: u64) -> bool {
    len >= MIN_COMPRESSED_SIZE
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e.to_ascii_lowercase().as_str()))
        // Our own temporary files, left by an interrupted run, are not assets.
        && !path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.contains(".tmp-"))
}

fn compress_file(path: &Path, metadata: &std::fs::Metadata, report: &mut CompressReport) -> Result<(), AssetError> {
    let modified = metadata.modified().ok();
    let br = with_suffix(path, "br");
    let gz = with_suffix(path, "gz");
    if is_fresh(&br, modified) && is_fresh(&gz, modified) {
        report.up_to_date += 1;
        return Ok(());
    }
    let data = std::fs::read(path).map_err(|source| AssetError::Read { path: path.to_owned(), source })?;
    let compressed_br = brotli(&data).map_err(|source| AssetError::Compress { path: path.to_owned(), source })?;
    let compressed_gz = gzip(&data).map_err(|source| AssetError::Compress { path: path.to_owned(), source })?;
    write_atomically(&br, &compressed_br)?;
    write_atomically(&gz, &compressed_gz)?;
    report.compressed += 1;
    report.original_bytes += data.len() as u64;
    report.brotli_bytes += compressed_br.len() as u64;
    report.gzip_bytes += compressed_gz.len() as u64;
    Ok(())
}

/// Is `copy` there and at least as recent as its original?
fn is_fresh(copy: &Path, original_modified: Option<SystemTime>) -> bool {
    match (std::fs::metadata(copy).and_then(|m| m.modified()), original_modified) {
        (Ok(copied), Some(original)) => copied >= original,
        (Ok(_), None) => true,
        (Err(_), _) => false,
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// Brotli at its best compression (quality 11, 4 MiB window), as served to browsers.
pub fn brotli(data: &[u8]) -> io::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, size_hint: data.len(), ..Default::default() };
    let mut output = Vec::with_capacity(data.len() / 3);
    brotli::BrotliCompress(&mut &data[..], &mut output, &params)?;
    Ok(output)
}

/// Gzip at level 9, for clients without brotli.
pub fn gzip(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(data.len() / 3), flate2::Compression::best());
    encoder.write_all(data)?;
    encoder.finish()
}

fn write_atomically(path: &Path, data: &[u8]) -> Result<(), AssetError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let temporary = with_suffix(path, &format!("tmp-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    let written = std::fs::write(&temporary, data).and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        AssetError::Write { path: path.to_owned(), source }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str) -> Folder {
            let dir = std::env::temp_dir().join(format!("campus-assets-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join("snippets")).expect("temporary folder");
            Folder(dir)
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn sample(n: usize) -> Vec<u8> {
        (0..n).map(|i| format!(".bloc-{} {{ marge: {}px; }}\n", i % 97, i % 13)).collect::<String>().into_bytes()
    }

    #[test]
    fn compressed_copies_round_trip_and_are_written_once() {
        let folder = Folder::new("round-trip");
        let css = folder.0.join("campus-ia.AbCdEfGhIjKlMnOpQrStUv.css");
        let wasm = folder.0.join("snippets").join("module.wasm");
        let original_css = sample(2_000);
        let original_wasm: Vec<u8> = (0..50_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        std::fs::write(&css, &original_css).unwrap();
        std::fs::write(&wasm, &original_wasm).unwrap();
        std::fs::write(folder.0.join("tiny.js"), "export {};").unwrap();
        std::fs::write(folder.0.join("image.png"), sample(2_000)).unwrap();

        let report = compress_dir(&folder.0).expect("compressed");
        assert_eq!(report.compressed, 2, "{report:?}");
        assert!(report.brotli_bytes < report.original_bytes && report.gzip_bytes < report.original_bytes, "{report:?}");
        for (file, original) in [(&css, &original_css), (&wasm, &original_wasm)] {
            let mut from_brotli = Vec::new();
            brotli::Decompressor::new(std::fs::File::open(with_suffix(file, "br")).unwrap(), 4096).read_to_end(&mut from_brotli).unwrap();
            assert_eq!(&from_brotli, original, "{}", file.display());
            let mut from_gzip = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(with_suffix(file, "gz")).unwrap()).read_to_end(&mut from_gzip).unwrap();
            assert_eq!(&from_gzip, original, "{}", file.display());
        }
        assert!(!folder.0.join("tiny.js.br").exists(), "too small to be worth it");
        assert!(!folder.0.join("image.png.gz").exists(), "not a compressible type");
        let leftovers: Vec<_> = std::fs::read_dir(&folder.0).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().contains("tmp-")).collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");

        let again = compress_dir(&folder.0).expect("second run");
        assert_eq!((again.compressed, again.up_to_date), (0, 2), "nothing to redo: {again:?}");

        // A rebuilt file (newer than its copies) is compressed again.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let changed = sample(3_000);
        std::fs::write(&css, &changed).unwrap();
        assert_eq!(compress_dir(&folder.0).expect("third run").compressed, 1);
        let mut from_brotli = Vec::new();
        brotli::Decompressor::new(std::fs::File::open(with_suffix(&css, "br")).unwrap(), 4096).read_to_end(&mut from_brotli).unwrap();
        assert_eq!(from_brotli, changed);
    }

    #[test]
    fn a_missing_folder_is_an_error_that_says_what_to_do() {
        let error = compress_dir(Path::new("/nulle/part/pkg")).unwrap_err().to_string();
        assert!(error.contains("/nulle/part/pkg") && error.contains("cargo leptos build"), "{error}");
    }

    #[test]
    fn only_names_with_a_content_hash_are_immutable() {
        assert!(is_content_hashed("campus-ia.3Qd8bLx_aZ-09pQrStUvWx.wasm"));
        assert!(is_content_hashed("campus-ia.3Qd8bLx_aZ-09pQrStUvWx.css"));
        assert!(!is_content_hashed("campus-ia.css"));
        assert!(!is_content_hashed("campus-ia.wasm"));
        assert!(!is_content_hashed("3Qd8bLx_aZ-09pQrStUvWx.css"), "the stem alone is not a hash");
        assert!(!is_content_hashed("campus-ia.3Qd8bLx!aZ-09pQrStUvWx.css"));
        assert!(!is_content_hashed("campus-ia.court.css"));
    }

    #[test]
    fn the_hash_file_gives_one_hash_per_kind() {
        let hashes = parse_hash_file("js: AAAAAAAAAAAAAAAAAAAAAA\nwasm: BBBBBBBBBBBBBBBBBBBBBB\ncss: CCCCCCCCCCCCCCCCCCCCCC\n\n");
        assert_eq!(hashes.len(), 3);
        assert_eq!(hashes[2], ("css".to_owned(), "CCCCCCCCCCCCCCCCCCCCCC".to_owned()));
    }
}
