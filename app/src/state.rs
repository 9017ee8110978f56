//! The state every route and server function shares (server only).

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use crate::db::Database;

/// Provided to axum handlers through `State` and to server functions through the Leptos context
/// (`expect_context::<AppState>()`). Cloned by every layer of every request, so one shared
/// allocation: a clone is a reference count, not a copy of the settings' strings.
#[derive(Clone, Debug)]
pub struct AppState(std::sync::Arc<SharedState>);

impl AppState {
    pub fn new(shared: SharedState) -> AppState {
        AppState(std::sync::Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = SharedState;

    fn deref(&self) -> &SharedState {
        &self.0
    }
}

/// What [`AppState`] shares.
#[derive(Debug)]
pub struct SharedState {
    pub db: Database,
    pub leptos_options: LeptosOptions,
    /// Adds `Secure` to cookies (production, behind HTTPS).
    pub secure_cookies: bool,
    /// E-mail domains allowed to sign up (empty: any).
    pub signup_domains: Vec<String>,
    /// The site's public address (`https://…`, no trailing slash), used in xAPI statements and
    /// attestation links.
    pub public_url: String,
    /// Bearer tokens accepted by the OpenAI-compatible endpoint.
    pub assistant_tokens: Vec<secrecy::SecretString>,
    /// Requests per token on that endpoint (per instance): 120 a minute, in bursts of up to 120.
    pub assistant_rate: std::sync::Arc<governor::DefaultKeyedRateLimiter<String>>,
    /// The assistant of the atelier: the simulation or an external OpenAI-compatible service.
    pub assistant: crate::sandbox::backend::AssistantBackend,
    /// Atelier messages one learner may send per minute.
    pub sandbox_messages_per_minute: i64,
    /// Reverse proxies whose `X-Forwarded-For` gives the client's address (`CAMPUS_TRUSTED_PROXIES`).
    pub trusted_proxies: crate::web::TrustedProxies,
    /// Whether an SMTP relay is configured (`CAMPUS_SMTP_URL`): without one nothing is queued.
    pub mail_enabled: bool,
    /// The OpenID Connect provider (ProConnect…), when `CAMPUS_OIDC_ISSUER` is set.
    pub oidc: Option<std::sync::Arc<crate::identity::oidc::Provider>>,
    /// Whether visitors may create a local account themselves (`CAMPUS_SIGNUP`, on by default).
    pub signup_open: bool,
    /// SCIM bearer tokens (`CAMPUS_SCIM_TOKENS`), each with the unit (id or code) it is limited to.
    pub scim_tokens: Vec<(secrecy::SecretString, Option<String>)>,
    /// The published content read once per content version (catalogue, outlines, modules).
    pub content: crate::course::cache::ContentCache,
    /// The sessions looked up lately, valid while the identity version is unchanged.
    pub sessions: crate::accounts::session::SessionCache,
    /// Wakes the notification scheduler (an assignment was made): its notices go out at once.
    pub notifications: std::sync::Arc<tokio::sync::Notify>,
}

impl AppState {
    /// Reads the content and identity versions (migrations 0017 and 0020) in one statement and
    /// hands them to the caches they invalidate.
    pub async fn refresh_versions(&self) -> Result<(), crate::db::DbError> {
        let (content, identity): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT n FROM content_version WHERE id = 1), (SELECT n FROM identity_version WHERE id = 1)",
        )
        .fetch_one(self.db.pool())
        .await?;
        self.content.set_version(content);
        self.sessions.set_version(identity);
        Ok(())
    }
}

/// Requests one `/v1` token may send per minute.
pub const ASSISTANT_REQUESTS_PER_MINUTE: u32 = 120;

/// The `/v1` rate limiter: [`ASSISTANT_REQUESTS_PER_MINUTE`] per token.
pub fn assistant_rate_limiter() -> std::sync::Arc<governor::DefaultKeyedRateLimiter<String>> {
    let per_minute = std::num::NonZeroU32::new(ASSISTANT_REQUESTS_PER_MINUTE).unwrap_or(std::num::NonZeroU32::MIN);
    std::sync::Arc::new(governor::RateLimiter::keyed(governor::Quota::per_minute(per_minute)))
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The per-request nonce that lets our own inline hydration script run under the Content
/// Security Policy (set by the security middleware, read by the page shell).
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);
