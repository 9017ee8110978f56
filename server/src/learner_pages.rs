//! Module pages as a signed-in learner sees them, filled in from a template: the page is
//! rendered once per content version, locale and address with the learner's parts left as slots
//! (`app::components::template`), kept in memory, and each request only renders those parts —
//! the learner's links and name in the header, their progress, quizzes, exercises and "read"
//! button (`app::pages::module::learner_parts`) — and puts them in the slots. The rest of the page
//! (frame, navigation, the module's text, its table of contents, the problem report form) is
//! the same for every learner and was the bulk of the work of each view.
//!
//! **What goes through the renderer as before**: visitors (the page cache answers them), any page
//! but a module's, and a page that shows a form's feedback (a problem report, an exercise's
//! refusal: `app::pages::module::shows_feedback_of`). A template holds no one's data: it is
//! rendered from a request with no user and no cookie but the language.
//!
//! **Content Security Policy**: the template's inline scripts (Leptos' loader) are the same for
//! everyone, so the policy names their SHA-256 instead of a nonce, as for visitors' pages; the
//! learner's parts hold no script.
//!
//! **Compression**: a client that accepts gzip gets the template's pieces compressed once, at the
//! best level, with only its parts compressed at request time (`spliced_gzip`); others get the
//! page as it is, which the compression layer may still compress.
//!
//! Written here rather than with a caching crate, as `page_cache`: the entries are invalidated
//! together by the content version, and the work is the splicing, not the keeping.

use std::sync::Arc;

use app::{
    accounts::{forms::{FormFeedback, FLASH_COOKIE}, CurrentUser},
    components::template::{TemplateRender, SLOT_MARKER},
    i18n::Locale,
    state::{AppState, CspNonce},
};
use crate::page_cache::Kept;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderName, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Templates kept at most (addresses with queries are chosen by the client): past this the
/// cache starts again.
const MAX_TEMPLATES: usize = 1_024;
/// A rendered template larger than this is not kept.
const MAX_TEMPLATE_BYTES: usize = 512 * 1024;
/// The nonce a template is rendered with, removed from it before it is kept.
const TEMPLATE_NONCE: &str = "campus-template-nonce";

/// The kept templates, shared by every request of this instance.
#[derive(Clone)]
pub struct LearnerPages {
    state: AppState,
    templates: Arc<Kept<(Locale, String), Template>>,
}

/// A module page without its learner's parts.
struct Template {
    /// The HTML around the slots: one more piece than there are slots.
    pieces: Vec<String>,
    /// Each piece as a deflate segment of a spliced gzip body (`spliced_gzip::segment`).
    compressed_pieces: Vec<Vec<u8>>,
    content_type: HeaderValue,
    policy: HeaderValue,
    /// The activities as a learner with no record of them sees them, rendered with the template.
    blanks: app::pages::module::BlankActivities,
}

impl LearnerPages {
    pub fn new(state: AppState) -> LearnerPages {
        LearnerPages { state, templates: Arc::new(Kept::new(MAX_TEMPLATES)) }
    }
}

/// The middleware, inside the session's (`middleware::security`): a signed-in learner's module
/// page filled in from its template, anything else passed on.
pub async fn serve(State(pages): State<LearnerPages>, request: Request, next: Next) -> Response {
    let Some((course, module)) = learner_module_page(&request) else {
        return next.run(request).await;
    };
    // The feedback cookie is read once: cleared in the answer, as the whole page does.
    let flash = app::web::request_cookie(request.headers(), FLASH_COOKIE).map(|value| FormFeedback::from_cookie_value(value));
    if flash.as_ref().is_some_and(|feedback| feedback.as_ref().is_some_and(|f| app::pages::module::shows_feedback_of(&f.form))) {
        return next.run(request).await;
    }
    let version = pages.state.content.version();
    let locale = app::locale_of(request.headers());
    let address = request.uri().path_and_query().map_or_else(|| request.uri().path().to_owned(), |p| p.as_str().to_owned());
    let key = (locale, address);
    let template = match pages.templates.get(version, &key) {
        Some(template) => template,
        None => match render_template(&pages.state, &next, request.uri().clone(), request.headers().get(header::HOST).cloned(), locale, (&course, &module)).await {
            Some(template) => {
                let template = Arc::new(template);
                // Not kept if the content changed while it was rendered.
                pages.templates.keep(pages.state.content.version(), version, key, template.clone());
                template
            }
            // Not a page (an unknown module: 404), or an error: the renderer answers.
            None => return next.run(request).await,
        },
    };
    let head_only = request.method() == Method::HEAD;
    let accepted = request.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
    let gzip = !head_only && crate::assets::accepts(accepted, "gzip");
    let (parts, body) = request.into_parts();
    let filled = match app::pages::module::learner_parts(&pages.state, parts.clone(), &course, &module, Some(&template.blanks)).await {
        Ok(Some(filled)) if filled.len() + 1 == template.pieces.len() => filled,
        Ok(Some(filled)) => {
            tracing::error!(slots = template.pieces.len() - 1, parts = filled.len(), "a module template and its learner's parts disagree");
            return next.run(Request::from_parts(parts, body)).await;
        }
        Ok(None) => return next.run(Request::from_parts(parts, body)).await,
        Err(error) => return error.into_response(),
    };
    let spliced = if gzip {
        crate::spliced_gzip::gzip(&template.pieces, &template.compressed_pieces, &filled)
            .inspect_err(|error| tracing::error!(%error, "a learner's module page could not be compressed; sent as it is"))
            .ok()
    } else {
        None
    };
    let encoded = spliced.is_some();
    let body = match (head_only, spliced) {
        (true, _) => Body::empty(),
        (false, Some(compressed)) => Body::from(compressed),
        (false, None) => Body::from(page_html(&template.pieces, &filled)),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    if encoded {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    // Whether compressed here or by the compression layer, the body depends on Accept-Encoding.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::CONTENT_TYPE, template.content_type.clone());
    headers.insert(header::CONTENT_SECURITY_POLICY, template.policy.clone());
    headers.insert(HeaderName::from_static("x-campus-cache"), HeaderValue::from_static("learner"));
    if flash.is_some() {
        if let Ok(clear) = HeaderValue::from_str(&app::web::cookie(FLASH_COOKIE, "", Some(0), pages.state.secure_cookies)) {
            headers.append(header::SET_COOKIE, clear);
        }
    }
    response
}

/// The page: each piece of the template followed by the learner's part for its slot.
fn page_html(pieces: &[String], parts: &[String]) -> String {
    let mut html = String::with_capacity(pieces.iter().map(String::len).sum::<usize>() + parts.iter().map(String::len).sum::<usize>());
    for (piece, part) in pieces.iter().zip(parts.iter().map(String::as_str).chain([""])) {
        html.push_str(piece);
        html.push_str(part);
    }
    html
}

/// The course and module of a signed-in learner's request for a module page, if it is one.
fn learner_module_page(request: &Request) -> Option<(String, String)> {
    if !matches!(*request.method(), Method::GET | Method::HEAD) || request.extensions().get::<CurrentUser>().is_none() {
        return None;
    }
    match request.uri().path().trim_start_matches('/').split('/').collect::<Vec<_>>().as_slice() {
        ["cours", course, module] if !course.is_empty() && !module.is_empty() => Some(((*course).to_owned(), (*module).to_owned())),
        _ => None,
    }
}

/// Renders the template of the page at `uri` (module `module` of course `course`), from a
/// request with no user and no cookie but the language, with its blank activities; `None` if
/// that is not a page (an unknown module…).
async fn render_template(
    state: &AppState,
    next: &Next,
    uri: axum::http::Uri,
    host: Option<HeaderValue>,
    locale: Locale,
    (course, module): (&str, &str),
) -> Option<Template> {
    let mut template_request = Request::get(uri.clone()).body(Body::empty()).ok()?;
    if let Some(host) = host {
        template_request.headers_mut().insert(header::HOST, host);
    }
    template_request.headers_mut().insert(header::COOKIE, HeaderValue::from_str(&format!("lang={}", locale.code())).ok()?);
    template_request.extensions_mut().insert(TemplateRender);
    template_request.extensions_mut().insert(CspNonce(TEMPLATE_NONCE.to_owned()));
    let response = next.clone().run(template_request).await;
    let is_page = response.status() == StatusCode::OK
        && !response.headers().contains_key(header::SET_COOKIE)
        && response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
    if !is_page {
        return None;
    }
    let content_type = response.headers().get(header::CONTENT_TYPE).cloned()?;
    let body = axum::body::to_bytes(response.into_body(), MAX_TEMPLATE_BYTES).await.ok()?;
    let html = String::from_utf8(body.to_vec()).ok()?.replace(&format!(" nonce=\"{TEMPLATE_NONCE}\""), "");
    let hashes = crate::page_cache::inline_script_hashes(&html).into_iter().map(|h| format!("'sha256-{h}'")).collect::<Vec<_>>().join(" ");
    let policy = HeaderValue::from_str(&crate::middleware::content_security_policy(&hashes)).ok()?;
    let pieces: Vec<String> = html.split(SLOT_MARKER).map(str::to_owned).collect();
    let compressed_pieces = pieces
        .iter()
        .map(|piece| crate::spliced_gzip::segment(piece.as_bytes(), flate2::Compression::best()))
        .collect::<Result<_, _>>()
        .inspect_err(|error| tracing::error!(%error, "a module template could not be compressed"))
        .ok()?;
    // Without them (an error, in the log), every activity is rendered at each view.
    let blanks = match app::pages::module::blank_activities(state, uri, locale, course, module).await {
        Ok(blanks) => blanks.unwrap_or_default(),
        Err(error) => {
            tracing::error!(%error, "a module's blank activities could not be rendered");
            Default::default()
        }
    };
    Some(Template { pieces, compressed_pieces, content_type, policy, blanks })
}
