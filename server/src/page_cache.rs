//! Pages as a visitor sees them (not signed in), rendered once per content version and locale
//! and then answered from memory, with their compressed copies; and the moments this instance
//! reads the content version (`app::course::cache`).
//!
//! **What is kept.** Only the pages whose content is the published content and nothing else —
//! home, catalogue, course, module, atelier and accessibility pages — and only for requests with
//! no cookie but `lang` and no `Authorization`: anything personal (a session, a form's feedback)
//! goes through the renderer as before. An entry is the 200 HTML answer without `Set-Cookie`,
//! keyed by content version, locale and path with query.
//!
//! **Content Security Policy.** A rendered page carries a fresh nonce per request. A kept page
//! is sent to many visitors, so its policy names the SHA-256 of each of its inline scripts
//! instead (CSP Level 2 hashes, as strict as nonces), and the nonce attributes are removed.
//!
//! **Compression.** Brotli (quality 11) and gzip (level 9) copies are made once, when the page
//! is kept; the answer is chosen by `Accept-Encoding`. HTML is revalidated (`no-cache`) with a
//! strong ETag, so a repeat visit of an unchanged page is a 304.
//!
//! **Freshness.** The content version, with the identity version of the sessions kept in memory
//! (`app::accounts::session`), is read after each request that may change state (a publication
//! or a sign-out on this instance is seen by the next request), every second in the background
//! (another instance's), and before every request when `CAMPUS_CONTENT_CHECK_MS` is 0.
//!
//! Written here, not with `tower-http` or a caching crate: none keys on a database counter or
//! rewrites the policy of what it keeps.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

use app::{i18n::Locale, state::AppState};
use tokio::sync::watch;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Pages kept at most (paths with queries are attacker-chosen): past this the cache starts again.
const MAX_PAGES: usize = 1_024;
/// A rendered page larger than this is not kept.
const MAX_PAGE_BYTES: usize = 512 * 1024;

/// A page of one content version, in one locale.
type PageKey = (i64, (Locale, String));

/// What the middleware needs: the application state and the kept pages.
#[derive(Clone)]
pub struct PageCache {
    state: AppState,
    pages: Arc<Kept<(Locale, String), KeptPage>>,
    /// Pages being rendered: a burst of visitors just after a publication renders (and
    /// compresses at brotli 11) a page once, the others waiting for it.
    rendering: InFlight<PageKey>,
    /// Read the content version before every page (the tests), not only every second.
    check_every_request: bool,
}

/// What an instance keeps of one content version, keyed by `K` (here and in `learner_pages`):
/// emptied when the version changes, and when it reaches its bound (keys with a query are chosen
/// by the client).
pub struct Kept<K, V> {
    max_entries: usize,
    entries: Mutex<(i64, HashMap<K, Arc<V>>)>,
}

impl<K: std::hash::Hash + Eq, V> Kept<K, V> {
    pub fn new(max_entries: usize) -> Kept<K, V> {
        Kept { max_entries, entries: Mutex::new((0, HashMap::new())) }
    }

    /// The entry for `key` kept under content version `version`.
    pub fn get(&self, version: i64, key: &K) -> Option<Arc<V>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        (entries.0 == version).then(|| entries.1.get(key).cloned()).flatten()
    }

    /// Keeps `value`, made under `version`, unless the content changed since (`current`).
    pub fn keep(&self, current: i64, version: i64, key: K, value: Arc<V>) {
        if current != version {
            return;
        }
        // Entries are only ever replaced whole: a panic while the lock was held leaves nothing
        // half-written.
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.0 != version || entries.1.len() >= self.max_entries {
            *entries = (version, HashMap::new());
        }
        entries.1.insert(key, value);
    }
}

/// A page answered from memory.
struct KeptPage {
    headers: HeaderMap,
    identity: Bytes,
    brotli: Bytes,
    gzip: Bytes,
    etag: HeaderValue,
}

impl PageCache {
    pub fn new(state: AppState, check_interval: Duration) -> PageCache {
        PageCache {
            state,
            pages: Arc::new(Kept::new(MAX_PAGES)),
            rendering: Default::default(),
            check_every_request: check_interval.is_zero(),
        }
    }

    fn get(&self, version: i64, key: &(Locale, String)) -> Option<Arc<KeptPage>> {
        self.pages.get(version, key)
    }

    /// Not kept if the content changed while the page was rendered.
    fn keep(&self, version: i64, key: (Locale, String), page: Arc<KeptPage>) {
        self.pages.keep(self.state.content.version(), version, key, page);
    }
}

/// Work under way per key, so that concurrent requests for the same key do it once.
#[derive(Clone, Default)]
struct InFlight<K: std::hash::Hash + Eq + Clone>(Arc<Mutex<HashMap<K, watch::Receiver<()>>>>);

impl<K: std::hash::Hash + Eq + Clone> InFlight<K> {
    /// Either the right to do the work for `key`, held until the returned guard is dropped, or
    /// the channel of the work already under way, which closes when that work ends.
    fn begin(&self, key: &K) -> Result<Doing<K>, watch::Receiver<()>> {
        let mut under_way = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(waiting) = under_way.get(key) {
            return Err(waiting.clone());
        }
        let (done, waiting) = watch::channel(());
        under_way.insert(key.clone(), waiting);
        Ok(Doing { in_flight: self.clone(), key: key.clone(), _done: done })
    }
}

/// The work for one key under way; dropping it (done, failed or cancelled) wakes the waiters.
struct Doing<K: std::hash::Hash + Eq + Clone> {
    in_flight: InFlight<K>,
    key: K,
    /// Closed when the guard is dropped, after the entry is removed.
    _done: watch::Sender<()>,
}

impl<K: std::hash::Hash + Eq + Clone> Drop for Doing<K> {
    fn drop(&mut self) {
        self.in_flight.0.lock().unwrap_or_else(PoisonError::into_inner).remove(&self.key);
    }
}

/// Reads the content version every `interval` (another instance's publications), forever.
pub async fn watch_content(state: AppState, interval: Duration) {
    let mut ticks = tokio::time::interval(interval.max(Duration::from_millis(100)));
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        refresh(&state).await;
    }
}

async fn refresh(state: &AppState) {
    if let Err(error) = state.refresh_versions().await {
        tracing::warn!(%error, "cannot read the content and identity versions; pages and sessions may be older");
    }
}

/// The middleware: answers a visitor's page from memory when it can, keeps it when it was
/// rendered, and reads the content and identity versions after requests that may change them.
pub async fn serve(State(cache): State<PageCache>, mut request: Request, next: Next) -> Response {
    if cache.check_every_request {
        refresh(&cache.state).await;
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let changes_versions = may_change_versions(request.uri().path());
        let response = next.run(request).await;
        if changes_versions {
            refresh(&cache.state).await;
        }
        return response;
    }
    let Some(path) = keepable_path(&request) else {
        return next.run(request).await;
    };
    let version = cache.state.content.version();
    let key = (app::locale_of(request.headers()), path);
    let head_only = request.method() == Method::HEAD;
    if let Some(page) = cache.get(version, &key) {
        return kept_response(&page, request.headers(), head_only, "hit");
    }
    let in_flight = (version, key);
    let _rendering = match cache.rendering.begin(&in_flight) {
        Ok(rendering) => Some(rendering),
        Err(mut under_way) => {
            // The sender is dropped when that render ends: `changed` returns (an error) then.
            let _ = under_way.changed().await;
            if let Some(page) = cache.get(version, &in_flight.1) {
                return kept_response(&page, request.headers(), head_only, "shared");
            }
            // That page was not kept (an error page, a redirect…): render this one too.
            None
        }
    };
    let (version, key) = in_flight;
    // Rendered uncompressed (the copies are made once, below), and as a GET.
    let accepted = request.headers_mut().remove(header::ACCEPT_ENCODING);
    let conditional = request.headers_mut().remove(header::IF_NONE_MATCH);
    *request.method_mut() = Method::GET;
    let response = next.run(request).await;
    if !is_keepable(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_PAGE_BYTES).await else {
        return (StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE).into_response();
    };
    let page = match tokio::task::spawn_blocking(move || KeptPage::new(parts.headers, &body)).await {
        Ok(Ok(page)) => Arc::new(page),
        Ok(Err(error)) => {
            tracing::error!(%error, "a page could not be compressed");
            return (StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE).into_response();
        }
        Err(error) => {
            tracing::error!(%error, "page compression task failed");
            return (StatusCode::SERVICE_UNAVAILABLE, app::error::UNAVAILABLE).into_response();
        }
    };
    cache.keep(version, key, page.clone());
    let mut original = HeaderMap::new();
    for (name, value) in [(header::ACCEPT_ENCODING, accepted), (header::IF_NONE_MATCH, conditional)] {
        if let Some(value) = value {
            original.insert(name, value);
        }
    }
    page.response(&original, head_only)
}

/// Whether a state-changing request may change published content or what a session shows (a
/// publication, an import, a restored version, a sign-out, a role, a disabled account…), so that
/// both versions are read after it. The learner's own writes (the busiest: quiz and exercise
/// submissions, atelier messages, "read") never do; anything else might, and the background
/// check catches what this misses within a second.
fn may_change_versions(path: &str) -> bool {
    use leptos::server_fn::ServerFn;
    let learner_writes = [
        app::quiz::api::SubmitQuiz::PATH,
        app::quiz::api::SubmitExercise::PATH,
        app::quiz::api::MarkModuleRead::PATH,
        app::sandbox::api::SendPracticeMessage::PATH,
    ];
    !learner_writes.contains(&path) && !path.starts_with("/v1/") && !path.starts_with("/xapi/")
}

/// A kept page's answer, marked `x-campus-cache: hit` (found kept) or `shared` (its render was
/// under way and this request waited for it).
fn kept_response(page: &KeptPage, request: &HeaderMap, head_only: bool, how: &'static str) -> Response {
    let mut response = page.response(request, head_only);
    response.headers_mut().insert(HeaderName::from_static("x-campus-cache"), HeaderValue::from_static(how));
    response
}

/// The path and query of a request whose answer may be kept, if it is one.
fn keepable_path(request: &Request) -> Option<String> {
    let headers = request.headers();
    if headers.contains_key(header::AUTHORIZATION) || !only_language_cookie(headers) {
        return None;
    }
    let uri = request.uri();
    is_published_content_page(uri.path()).then(|| uri.path_and_query().map_or_else(|| uri.path().to_owned(), |p| p.as_str().to_owned()))
}

/// Pages that show only published content to a visitor (see the module comment).
pub fn is_published_content_page(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] | ["cours"] | ["atelier"] | ["accessibilite"] => true,
        ["cours", course] | ["atelier", course] => !course.is_empty(),
        ["cours", course, module] => !course.is_empty() && !module.is_empty(),
        _ => false,
    }
}

/// No cookie, or only the language choice.
fn only_language_cookie(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .all(|value| value.to_str().is_ok_and(|cookies| cookies.split(';').map(str::trim).filter(|c| !c.is_empty()).all(|c| c.starts_with("lang="))))
}

fn is_keepable(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"))
}

/// Why a rendered page could not be kept.
#[derive(Debug, thiserror::Error)]
#[error("compression : {0}")]
struct KeepError(#[from] std::io::Error);

impl KeptPage {
    /// Rewrites the page for many visitors (policy by hashes, no nonce) and compresses it.
    fn new(rendered: HeaderMap, body: &[u8]) -> Result<KeptPage, KeepError> {
        let html = String::from_utf8_lossy(body);
        let nonce = rendered
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .and_then(|policy| policy.split("'nonce-").nth(1)?.split('\'').next().map(str::to_owned));
        let html = match &nonce {
            Some(nonce) => html.replace(&format!(" nonce=\"{nonce}\""), ""),
            None => html.into_owned(),
        };
        let mut headers = HeaderMap::new();
        for (name, value) in &rendered {
            if ![header::CONTENT_LENGTH, header::CONTENT_ENCODING, header::TRANSFER_ENCODING, header::DATE, header::VARY, header::CONTENT_SECURITY_POLICY]
                .contains(name)
            {
                headers.append(name.clone(), value.clone());
            }
        }
        if let Some(policy) = rendered.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()) {
            let hashes = inline_script_hashes(&html).into_iter().map(|h| format!("'sha256-{h}'")).collect::<Vec<_>>().join(" ");
            let policy = match &nonce {
                Some(nonce) => policy.replace(&format!("'nonce-{nonce}'"), &hashes),
                None => policy.to_owned(),
            };
            if let Ok(policy) = HeaderValue::from_str(&policy) {
                headers.insert(header::CONTENT_SECURITY_POLICY, policy);
            }
        }
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding, accept-language, cookie"));
        let digest = Sha256::digest(html.as_bytes());
        let etag = HeaderValue::from_str(&format!("\"{}\"", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16])))
            .unwrap_or_else(|_| HeaderValue::from_static("\"page\""));
        let brotli = crate::assets::brotli(html.as_bytes())?.into();
        let gzip = crate::assets::gzip(html.as_bytes())?.into();
        Ok(KeptPage { headers, identity: Bytes::from(html.into_bytes()), brotli, gzip, etag })
    }

    fn response(&self, request: &HeaderMap, head_only: bool) -> Response {
        let mut response = if crate::assets::etag_matches(request, &self.etag) {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let (body, encoding) = crate::assets::best_copy(request, &self.identity, Some(&self.brotli), Some(&self.gzip));
            let mut response = if head_only { Body::empty() } else { Body::from(body.clone()) }.into_response();
            response.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
            if let Some(encoding) = encoding {
                response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
            }
            response
        };
        let headers = response.headers_mut();
        for (name, value) in &self.headers {
            headers.append(name.clone(), value.clone());
        }
        headers.insert(header::ETAG, self.etag.clone());
        response
    }
}

/// The base64 SHA-256 of each inline script (`<script>` without `src`), as CSP writes hashes.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start + "<script".len()..];
        let Some(tag_end) = rest.find('>') else { break };
        let attributes = &rest[..tag_end];
        rest = &rest[tag_end + 1..];
        let Some(end) = rest.find("</script>") else { break };
        if !attributes.contains("src=") {
            hashes.push(base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&rest.as_bytes()[..end])));
        }
        rest = &rest[end..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn concurrent_renders_of_one_page_wait_for_the_first() {
        let in_flight = InFlight::<&str>::default();
        let first = in_flight.begin(&"/cours").ok().expect("the first request renders");
        let Err(mut waiting) = in_flight.begin(&"/cours") else { panic!("a second request waits") };
        assert!(in_flight.begin(&"/atelier").is_ok(), "another page is rendered at once");
        let woken = tokio::spawn(async move { waiting.changed().await.is_err() });
        tokio::task::yield_now().await;
        assert!(!woken.is_finished(), "it waits while the render runs");
        drop(first);
        assert!(woken.await.unwrap(), "the end of the render wakes it");
        assert!(in_flight.begin(&"/cours").is_ok(), "the next render may start");
    }

    #[test]
    fn only_requests_that_may_change_content_or_sessions_read_the_versions() {
        use leptos::server_fn::ServerFn;
        assert!(may_change_versions(app::authoring::api::PublishCourse::PATH));
        assert!(may_change_versions("/formation/import"));
        assert!(may_change_versions(app::accounts::api::SignOut::PATH));
        for learner in [app::quiz::api::SubmitQuiz::PATH, app::quiz::api::SubmitExercise::PATH, "/v1/chat/completions", "/xapi/statements"] {
            assert!(!may_change_versions(learner), "{learner}");
        }
    }

    #[test]
    fn only_pages_of_published_content_are_kept() {
        for path in ["/", "/cours", "/cours/ia", "/cours/ia/module-1", "/atelier", "/atelier/usager", "/accessibilite"] {
            assert!(is_published_content_page(path), "{path}");
        }
        for path in ["/connexion", "/mon-parcours", "/attestations/ABC", "/cours/ia/fichiers/a.png", "/rh", "/cours//", "/inscription"] {
            assert!(!is_published_content_page(path), "{path}");
        }
    }

    #[test]
    fn any_cookie_but_the_language_makes_a_page_personal() {
        let with = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::COOKIE, HeaderValue::from_static(value));
            headers
        };
        assert!(only_language_cookie(&HeaderMap::new()));
        assert!(only_language_cookie(&with("lang=en")));
        assert!(!only_language_cookie(&with("lang=en; campus_session=abc")));
        assert!(!only_language_cookie(&with("campus_feedback=x")));
    }

    #[test]
    fn the_policy_names_each_inline_script_by_its_hash() {
        let html = "<html><script type=\"module\" nonce=\"abc\">alert(1)</script><script src=\"/pkg/a.js\"></script><script nonce=\"abc\">x=[];</script></html>";
        let mut rendered = HeaderMap::new();
        rendered.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        let page = KeptPage::new(rendered, html.as_bytes()).expect("kept");
        let identity = String::from_utf8(page.identity.to_vec()).unwrap();
        assert!(!identity.contains("nonce"), "{identity}");
        let policy = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert!(policy.contains("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"), "{policy}");
        assert!(!policy.contains("nonce"), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");

        let mut request = HeaderMap::new();
        request.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate, br"));
        let response = page.response(&request, false);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        request.insert(header::IF_NONE_MATCH, response.headers()[header::ETAG].clone());
        assert_eq!(page.response(&request, false).status(), StatusCode::NOT_MODIFIED);
    }
}
