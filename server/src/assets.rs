//! The built front-end files under `/pkg` (CSS, JavaScript, WebAssembly): their content-hashed
//! names, how they are served, and their precompressed copies.
//!
//! - **Names.** With `hash-files = true` (root `Cargo.toml`), cargo-leptos renames them
//!   `campus-ia.<hash>.css|js|wasm` and writes the hashes to `hash.txt` next to the server binary;
//!   Leptos (`HydrationScripts`, `HashedStylesheet`) reads that file when
//!   `LeptosOptions::hash_files` is on, which [`crate::config`] turns on when the file is there.
//! - **Serving.** [`router`] serves the folder outside the page middleware: no session lookup, no
//!   CSRF check, no compression at request time. Hashed names are cached for a year
//!   (`immutable`); anything else revalidates (`Last-Modified` / `If-Modified-Since`).
//! - **In memory.** The content-hashed files (a handful, about 1 MiB with their copies) are read
//!   once into memory with their compressed copies ([`Preloaded`]) and answered from there: a
//!   request costs no file operation. `ServeDir` answers everything else, and the hashed files
//!   until they are loaded (a few seconds after start-up at most).
//! - **Precompression.** [`compress_dir`] writes `FILE.br` (brotli, quality 11) and `FILE.gz`
//!   (gzip, level 9) next to each file; the copy is chosen by `Accept-Encoding`. It runs after
//!   each build (`server assets compress`) and, for whatever is still missing, when the router
//!   is built, just before the files are loaded into memory.

use std::{
    collections::HashMap,
    io::{self, Write},
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, OnceLock,
    },
    time::SystemTime,
};

use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Router,
};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;
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
/// security headers. Mounted outside the page middleware (see `startup::router`). Inside a Tokio
/// runtime it also compresses what lacks its copies and then loads the hashed files into memory,
/// on a blocking thread.
pub fn router(options: &LeptosOptions, production: bool) -> Router {
    let dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = PkgFiles { preloaded: Preloaded::default(), dir: ServeDir::new(&dir).precompressed_br().precompressed_gzip() };
    if tokio::runtime::Handle::try_current().is_ok() {
        let (preloaded, hashed_names) = (files.preloaded.clone(), options.hash_files);
        tokio::task::spawn_blocking(move || {
            compress_missing(&dir);
            // Without hashed names a file may change under the same name: read it each time.
            if hashed_names {
                preloaded.load(&dir);
            }
        });
    }
    Router::new().fallback(serve).with_state(files).layer(axum::middleware::from_fn_with_state(
        AssetHeaders { hashed_names: options.hash_files, production },
        asset_headers,
    ))
}

/// What answers `/pkg`: the files held in memory, then the folder itself.
#[derive(Clone)]
struct PkgFiles {
    preloaded: Preloaded,
    dir: ServeDir,
}

async fn serve(State(files): State<PkgFiles>, request: Request) -> Response {
    let name = request.uri().path().trim_start_matches('/');
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        if let Some(file) = files.preloaded.get(name) {
            return file.response(request.headers(), request.method() == Method::HEAD);
        }
    }
    match files.dir.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(infallible) => match infallible {},
    }
}

/// The content-hashed files of `/pkg` and their compressed copies, once loaded into memory.
#[derive(Clone, Default)]
pub struct Preloaded(Arc<OnceLock<HashMap<String, InMemoryFile>>>);

/// One file held in memory, with the copies compressed at build.
#[derive(Clone, Debug)]
pub struct InMemoryFile {
    content_type: HeaderValue,
    /// The file name, quoted: its content hash makes it a strong validator.
    etag: HeaderValue,
    identity: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
}

impl Preloaded {
    /// Reads the content-hashed files of `dir` (not its subfolders) and their `.br` / `.gz`
    /// copies. A file that cannot be read is left to `ServeDir`, which will say why.
    pub fn load(&self, dir: &Path) {
        let mut files = HashMap::new();
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else { continue };
            let Some(content_type) = content_type(&name) else { continue };
            if !is_content_hashed(&name) {
                continue;
            }
            let path = entry.path();
            let Ok(identity) = std::fs::read(&path) else { continue };
            let copy = |suffix: &str| std::fs::read(with_suffix(&path, suffix)).ok().map(Bytes::from);
            let Ok(etag) = HeaderValue::from_str(&format!("\"{name}\"")) else { continue };
            let file = InMemoryFile {
                content_type: HeaderValue::from_static(content_type),
                etag,
                identity: identity.into(),
                brotli: copy("br"),
                gzip: copy("gz"),
            };
            files.insert(name, file);
        }
        tracing::debug!(files = files.len(), "hashed assets held in memory");
        let _ = self.0.set(files);
    }

    /// The file called `name`, if it is held in memory.
    pub fn get(&self, name: &str) -> Option<&InMemoryFile> {
        self.0.get()?.get(name)
    }
}

impl InMemoryFile {
    /// The answer to a GET (or HEAD) of this file: the best copy `Accept-Encoding` allows.
    fn response(&self, request: &HeaderMap, head_only: bool) -> Response {
        if etag_matches(request, &self.etag) {
            return (StatusCode::NOT_MODIFIED, [(header::ETAG, self.etag.clone())]).into_response();
        }
        let (body, encoding) = best_copy(request, &self.identity, self.brotli.as_ref(), self.gzip.as_ref());
        let mut response = if head_only { Body::empty() } else { Body::from(body.clone()) }.into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        headers.insert(header::ETAG, self.etag.clone());
        if let Some(encoding) = encoding {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        response
    }
}

/// Does the request's `If-None-Match` name `etag` (or `*`)? The weak comparison of a GET.
pub fn etag_matches(request: &HeaderMap, etag: &HeaderValue) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| tag.trim() == "*" || tag.trim().trim_start_matches("W/") == etag)
}

/// The copy of a body to send for the request's `Accept-Encoding`: brotli, else gzip, else the
/// body as it is; with its `Content-Encoding`.
pub fn best_copy<'a>(request: &HeaderMap, identity: &'a Bytes, brotli: Option<&'a Bytes>, gzip: Option<&'a Bytes>) -> (&'a Bytes, Option<&'static str>) {
    let accepted = request.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    match (brotli, gzip) {
        (Some(brotli), _) if accepts(accepted, "br") => (brotli, Some("br")),
        (_, Some(gzip)) if accepts(accepted, "gzip") => (gzip, Some("gzip")),
        _ => (identity, None),
    }
}

/// Does an `Accept-Encoding` value accept `coding` (listed, or `*`, with a weight above 0)?
pub fn accepts(accept_encoding: &str, coding: &str) -> bool {
    let mut wildcard = false;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let weight = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            return weight > 0.0;
        }
        if name == "*" {
            wildcard = weight > 0.0;
        }
    }
    wildcard
}

/// The media type of a file held in memory (the kinds a Leptos build writes).
fn content_type(name: &str) -> Option<&'static str> {
    Some(match name.rsplit('.').next()? {
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        _ => return None,
    })
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

/// Gives the assets that lack them their compressed copies (a deployment that skipped
/// `server assets compress` still sends compressed files, a few seconds later). Does nothing
/// when the folder does not exist (tests, a server without front). Blocking.
fn compress_missing(dir: &Path) {
    if !dir.is_dir() {
        tracing::debug!(dir = %dir.display(), "no built assets to compress");
        return;
    }
    match compress_dir(dir) {
        Ok(report) if report.compressed > 0 => tracing::info!(
            compressed = report.compressed,
            up_to_date = report.up_to_date,
            "assets were missing their compressed copies (run `server assets compress` after the build)"
        ),
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "asset compression failed; these files are sent uncompressed"),
    }
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
    fn accept_encoding_weights_are_honoured() {
        assert!(accepts("gzip, deflate, br", "br"));
        assert!(accepts("gzip, deflate, br;q=0.5", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(accepts("*", "br"));
        assert!(!accepts("*, br;q=0", "br"));
        assert!(!accepts("", "gzip"));
        assert!(accepts("GZIP", "gzip"));
    }

    #[test]
    fn hashed_files_are_answered_from_memory_with_the_best_copy() {
        let folder = Folder::new("preload");
        let name = "campus-ia.AbCdEfGhIjKlMnOpQrStUv.css";
        std::fs::write(folder.0.join(name), sample(2_000)).unwrap();
        std::fs::write(folder.0.join("campus-ia.css"), sample(10)).unwrap();
        compress_dir(&folder.0).unwrap();
        let preloaded = Preloaded::default();
        preloaded.load(&folder.0);
        assert!(preloaded.get("campus-ia.css").is_none(), "only hashed names are held");
        let file = preloaded.get(name).expect("held in memory");
        let mut request = HeaderMap::new();
        request.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate, br"));
        let response = file.response(&request, false);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::CONTENT_TYPE], "text/css");
        assert_eq!(response.headers()[header::CONTENT_LENGTH], file.brotli.as_ref().unwrap().len().to_string().as_str());
        request.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        assert_eq!(file.response(&request, false).headers()[header::CONTENT_ENCODING], "gzip");
        let plain = file.response(&HeaderMap::new(), true);
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        request.insert(header::IF_NONE_MATCH, plain.headers()[header::ETAG].clone());
        assert_eq!(file.response(&request, false).status(), StatusCode::NOT_MODIFIED);
        assert_eq!(plain.headers()[header::CONTENT_LENGTH], sample(2_000).len().to_string().as_str());
    }

    #[test]
    fn the_hash_file_gives_one_hash_per_kind() {
        let hashes = parse_hash_file("js: AAAAAAAAAAAAAAAAAAAAAA\nwasm: BBBBBBBBBBBBBBBBBBBBBB\ncss: CCCCCCCCCCCCCCCCCCCCCC\n\n");
        assert_eq!(hashes.len(), 3);
        assert_eq!(hashes[2], ("css".to_owned(), "CCCCCCCCCCCCCCCCCCCCCC".to_owned()));
    }
}
