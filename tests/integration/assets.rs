//! The `/pkg` files (CSS, JavaScript, WebAssembly): the precompressed copy chosen by
//! `Accept-Encoding`, a year of caching for content-hashed names, revalidation otherwise, and no
//! session, cookie or database on the way.

use integration_tests::{spawn_app_with, Engine, TempDir};
use reqwest::{header, StatusCode};

/// A name as cargo-leptos writes it: stem, 22 characters of base64url (MD5), extension.
const HASHED: &str = "campus-ia.AbCdEfGhIjKlMnOpQrStUv.css";

struct Site {
    root: TempDir,
    original: Vec<u8>,
    brotli: Vec<u8>,
    gzip: Vec<u8>,
}

/// A built site with one hashed stylesheet and its compressed copies, and one unhashed file
/// without copies (the server's start-up gives it some).
fn site() -> Site {
    let root = TempDir::new();
    let pkg = root.0.join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg folder");
    let original = ".carte { couleur: bleu; marge: 1rem; }\n".repeat(200).into_bytes();
    let brotli = server::assets::brotli(&original).expect("brotli");
    let gzip = server::assets::gzip(&original).expect("gzip");
    std::fs::write(pkg.join(HASHED), &original).expect("asset");
    std::fs::write(pkg.join(format!("{HASHED}.br")), &brotli).expect("brotli copy");
    std::fs::write(pkg.join(format!("{HASHED}.gz")), &gzip).expect("gzip copy");
    std::fs::write(pkg.join("autre.css"), &original).expect("unhashed asset");
    Site { root, original, brotli, gzip }
}

async fn fetch(app: &integration_tests::TestApp, path: &str, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(encoding) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    request.send().await.expect("asset request")
}

#[tokio::test]
async fn precompressed_hashed_assets_are_cached_for_a_year_and_need_no_session() {
    let site = site();
    let root = site.root.0.display().to_string();
    let app = spawn_app_with(Engine::Sqlite, |config| {
        config.site_root = root;
        config.hashed_assets = true;
    })
    .await;
    let path = format!("/pkg/{HASHED}");
    // Loaded into memory on a blocking thread after start-up (ServeDir answers meanwhile); the
    // in-memory answer carries the file name as its ETag.
    let mut etag = None;
    for _ in 0..100 {
        etag = fetch(&app, &path, None).await.headers().get(header::ETAG).cloned();
        if etag.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let etag = etag.expect("the hashed file is answered from memory");
    assert_eq!(etag, format!("\"{HASHED}\"").as_str());

    for (accept, encoding, body) in [
        (Some("br"), Some("br"), &site.brotli),
        (Some("gzip"), Some("gzip"), &site.gzip),
        // What browsers send: brotli wins over gzip at equal weight.
        (Some("gzip, deflate, br, zstd"), Some("br"), &site.brotli),
        (Some("identity"), None, &site.original),
        (None, None, &site.original),
    ] {
        let response = fetch(&app, &path, accept).await;
        assert_eq!(response.status(), StatusCode::OK, "{accept:?}");
        let headers = response.headers().clone();
        assert_eq!(headers.get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), encoding, "{accept:?}");
        assert_eq!(headers[header::CONTENT_TYPE], "text/css", "{accept:?}");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable", "{accept:?}");
        assert_eq!(headers[header::VARY], "accept-encoding");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(headers.get(header::SET_COOKIE).is_none(), "no cookie on a static file: {headers:?}");
        assert_eq!(&response.bytes().await.expect("body")[..], &body[..], "{accept:?}: the file on disk, as it is");
    }

    // Revalidation (a browser asked to reload): the name is the validator.
    let again = app
        .client
        .get(app.url(&path))
        .header(header::ACCEPT_ENCODING, "br")
        .header(header::IF_NONE_MATCH, etag)
        .send()
        .await
        .expect("conditional request");
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");

    // A name without a content hash may change content: kept, but revalidated.
    let unhashed = fetch(&app, "/pkg/autre.css", None).await;
    assert_eq!(unhashed.status(), StatusCode::OK);
    assert_eq!(unhashed.headers()[header::CACHE_CONTROL], "no-cache");
    assert!(unhashed.headers().contains_key(header::LAST_MODIFIED));

    // A missing file (an old hash after a deployment) is not kept anywhere.
    let missing = fetch(&app, "/pkg/campus-ia.ZZZZZZZZZZZZZZZZZZZZZZ.css", Some("br")).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing.headers()[header::CACHE_CONTROL], "no-store");

    // No session lookup: with a garbage session cookie and the database closed, a page fails
    // (the session cannot be checked) while the asset is still served. (No page is rendered
    // here: with `hash_files` on and no hash.txt next to the test executable, Leptos's
    // `HydrationScripts` would panic.)
    app.db.close().await;
    let cookie = format!("{}=jeton-invente-0123456789abcdef", app::accounts::session::cookie_name(false));
    let page = app.client.get(app.url("/")).header(header::COOKIE, &cookie).send().await.expect("page request");
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE, "the database is really closed");
    let asset = app
        .client
        .get(app.url(&path))
        .header(header::COOKIE, &cookie)
        .header(header::ACCEPT_ENCODING, "br")
        .send()
        .await
        .expect("asset request");
    assert_eq!(asset.status(), StatusCode::OK);
    assert!(asset.headers().get(header::SET_COOKIE).is_none());
    assert_eq!(&asset.bytes().await.expect("body")[..], &site.brotli[..]);
}

#[tokio::test]
async fn start_up_compresses_assets_that_lack_their_copies() {
    let site = site();
    let root = site.root.0.display().to_string();
    let app = spawn_app_with(Engine::Sqlite, |config| config.site_root = root).await;
    // Compressed on a blocking thread after start-up: the file is served meanwhile, uncompressed.
    let mut encoding = None;
    for _ in 0..100 {
        let response = fetch(&app, "/pkg/autre.css", Some("br")).await;
        assert_eq!(response.status(), StatusCode::OK);
        encoding = response.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap().to_owned());
        if encoding.is_some() {
            let body = response.bytes().await.expect("body");
            let mut decoded = Vec::new();
            std::io::Read::read_to_end(&mut brotli::Decompressor::new(&body[..], 4096), &mut decoded).expect("valid brotli");
            assert_eq!(decoded, site.original);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(encoding.as_deref(), Some("br"), "autre.css.br written at start-up");
    assert!(site.root.0.join("pkg/autre.css.gz").is_file());
    // Without hashed names (hash.txt absent), even a hash-like name revalidates.
    let response = fetch(&app, &format!("/pkg/{HASHED}"), None).await;
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
}
