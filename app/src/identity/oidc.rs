//! The OpenID Connect relying party (server only), with the `openidconnect` crate: discovery
//! from the issuer (cached for an hour, fetched again when the provider changes its keys or
//! endpoints), the authorization code flow with `state` and `nonce`, the ID token's signature,
//! `iss`, `aud`, `exp` and `nonce` checked, userinfo read as a signed JWT (`application/jwt`, as
//! ProConnect answers) or as plain JSON, and RP-initiated logout. Only documented parameters
//! are sent: `response_type`, `client_id`, `redirect_uri`, `scope`, `state`, `nonce`.

use std::{collections::BTreeMap, str::FromStr, sync::Arc, time::{Duration, Instant}};

use openidconnect::{
    core::{CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreIdToken},
    AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndSessionUrl, IssuerUrl, LogoutRequest, Nonce,
    OAuth2TokenResponse, PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, Scope, TokenResponse, UserInfoClaims,
};
use tokio::sync::RwLock;

use super::{Identity, ProviderSettings, CALLBACK_PATH};

/// Claims beyond the standard ones (ProConnect's `usual_name`, `siret`, `uid`, `idp_id`…),
/// read by name.
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
pub struct ExtraClaims {
    #[serde(flatten)]
    claims: BTreeMap<String, serde_json::Value>,
}

impl AdditionalClaims for ExtraClaims {}

impl ExtraClaims {
    fn text(&self, name: &str) -> Option<String> {
        match self.claims.get(name)? {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Number(number) => Some(number.to_string()),
            _ => None,
        }
    }
}

/// Why a sign-in through the provider failed; the message is for the log, the user reads a
/// short French sentence.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("discovery of {issuer} failed: {reason}")]
    Discovery { issuer: String, reason: String },
    #[error("provider configuration unusable: {0}")]
    Configuration(String),
    #[error("code exchange failed: {0}")]
    Token(String),
    #[error("the provider returned no ID token")]
    NoIdToken,
    #[error("ID token refused: {0}")]
    IdToken(String),
    #[error("userinfo refused: {0}")]
    UserInfo(String),
}

/// A provider: its settings, an HTTP client that never follows redirects (SSRF), and the
/// discovery document once fetched.
pub struct Provider {
    pub settings: ProviderSettings,
    redirect_url: String,
    post_logout_url: String,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<Option<(Instant, ProviderMetadataWithLogout)>>,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider").field("issuer", &self.settings.issuer).field("client_id", &self.settings.client_id).finish_non_exhaustive()
    }
}

/// Random bytes of `state` and `nonce`: 43 characters once encoded (the crate's default, 16
/// bytes, gives 22, under the 32 that ProConnect's guidance asks for).
const RANDOM_BYTES: u32 = 32;

/// How long a discovery document is kept before it is fetched again.
const METADATA_LIFETIME: Duration = Duration::from_secs(3_600);

/// The start of a sign-in: where to send the browser, and what to keep until it comes back.
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub nonce: String,
}

impl Provider {
    /// `public_url` is the site's address, to which the callback and post-logout paths are added.
    pub fn new(settings: ProviderSettings, public_url: &str) -> Result<Arc<Provider>, OidcError> {
        let http = openidconnect::reqwest::ClientBuilder::new()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| OidcError::Configuration(e.to_string()))?;
        Ok(Arc::new(Provider {
            settings,
            redirect_url: format!("{public_url}{CALLBACK_PATH}"),
            post_logout_url: format!("{public_url}/connexion"),
            http,
            metadata: RwLock::new(None),
        }))
    }

    /// The discovery document, from the cache or fetched again.
    async fn metadata(&self) -> Result<ProviderMetadataWithLogout, OidcError> {
        if let Some((at, metadata)) = self.metadata.read().await.as_ref() {
            if at.elapsed() < METADATA_LIFETIME {
                return Ok(metadata.clone());
            }
        }
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|e| OidcError::Configuration(e.to_string()))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Discovery { issuer: self.settings.issuer.clone(), reason: error_chain(&e) })?;
        *self.metadata.write().await = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    fn client(
        &self,
        metadata: ProviderMetadataWithLogout,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        OidcError,
    > {
        let redirect = RedirectUrl::new(self.redirect_url.clone()).map_err(|e| OidcError::Configuration(e.to_string()))?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(secrecy::ExposeSecret::expose_secret(&self.settings.client_secret).to_owned())),
        )
        .set_redirect_uri(redirect))
    }

    /// The provider's authorization URL for a new sign-in, with a fresh `state` and `nonce`
    /// ([`RANDOM_BYTES`] random bytes each, base64url).
    pub async fn authorize(&self) -> Result<Authorization, OidcError> {
        let client = self.client(self.metadata().await?)?;
        let mut request = client.authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            || CsrfToken::new_random_len(RANDOM_BYTES),
            || Nonce::new_random_len(RANDOM_BYTES),
        );
        // `openid` is always sent by the crate; the others as configured.
        for scope in self.settings.scopes.iter().filter(|s| s.as_str() != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Authorization { url: url.to_string(), state: state.secret().clone(), nonce: nonce.secret().clone() })
    }

    /// Exchanges `code`, verifies the ID token against `nonce`, reads userinfo (signed or not),
    /// and returns the identity with the raw ID token (kept for logout).
    pub async fn complete(&self, code: &str, nonce: &str) -> Result<(Identity, String), OidcError> {
        let result = self.complete_with(self.metadata().await?, code, nonce).await;
        if matches!(result, Err(OidcError::IdToken(_) | OidcError::UserInfo(_))) {
            // The provider may have rotated its keys: the next sign-in fetches them again.
            *self.metadata.write().await = None;
        }
        result
    }

    async fn complete_with(&self, metadata: ProviderMetadataWithLogout, code: &str, nonce: &str) -> Result<(Identity, String), OidcError> {
        let client = self.client(metadata)?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| OidcError::Configuration(e.to_string()))?
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Token(error_chain(&e)))?;
        let id_token = tokens.id_token().ok_or(OidcError::NoIdToken)?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_owned()))
            .map_err(|e| OidcError::IdToken(error_chain(&e)))?;
        let subject = claims.subject().clone();
        let userinfo: UserInfoClaims<ExtraClaims, CoreGenderClaim> = client
            .user_info(tokens.access_token().to_owned(), Some(subject.clone()))
            .map_err(|e| OidcError::Configuration(e.to_string()))?
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::UserInfo(error_chain(&e)))?;
        let extra = userinfo.additional_claims();
        let given_name = userinfo
            .given_name()
            .and_then(|names| names.get(None))
            .map(|name| name.as_str().to_owned())
            .or_else(|| extra.text("given_name"));
        let email = userinfo.email().map(|e| e.as_str().to_owned()).or_else(|| claims.email().map(|e| e.as_str().to_owned()));
        let identity = Identity {
            issuer: self.settings.issuer.clone(),
            subject: subject.as_str().to_owned(),
            email,
            given_name,
            usual_name: extra.text("usual_name").or_else(|| userinfo.family_name().and_then(|n| n.get(None)).map(|n| n.as_str().to_owned())),
            organisation: extra.text(&self.settings.unit_claim),
        };
        Ok((identity, id_token.to_string()))
    }

    /// Where to send the browser to sign out at the provider too, with the session's ID token as
    /// `id_token_hint`; `None` when the provider has no `end_session_endpoint`.
    pub async fn logout_url(&self, id_token: &str) -> Option<String> {
        let metadata = self.metadata().await.ok()?;
        let endpoint: EndSessionUrl = metadata.additional_metadata().end_session_endpoint.clone()?;
        let hint = CoreIdToken::from_str(id_token).ok()?;
        let back = PostLogoutRedirectUrl::new(self.post_logout_url.clone()).ok()?;
        Some(
            LogoutRequest::from(endpoint)
                .set_id_token_hint(&hint)
                .set_post_logout_redirect_uri(back)
                .set_state(CsrfToken::new_random())
                .http_get_url()
                .to_string(),
        )
    }
}

/// An error and its causes on one line, for the log.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
