//! Configuration: each setting is a command-line option that also reads an environment variable
//! (clap's `env`), with a default that works on a laptop. A command reads only the settings it
//! needs (`privacy scan`, `prompt check` and `courses check` none, `migrate` the database's), so
//! a setting meant for the server never stops another command. Secrets are `SecretString`s: `{:?}`
//! shows `[REDACTED]` and `--help` never shows their values.
//!
//! | variable | default | meaning |
//! | --- | --- | --- |
//! | `DATABASE_URL` | `sqlite://campus.db?mode=rwc` | SQLite file or `postgres://…` |
//! | `LEPTOS_SITE_ADDR` | `127.0.0.1:3000` | address and port to listen on |
//! | `LEPTOS_SITE_ROOT` | `target/site` | the built site (WebAssembly, CSS, static files); its `pkg/` files have content-hashed names when `hash.txt` is next to the executable |
//! | `CAMPUS_COURSES_DIR` | `courses` | course folders imported at start-up (empty: none) |
//! | `CAMPUS_SIGNUP_DOMAINS` | (any) | e-mail domains allowed to sign up, comma-separated |
//! | `CAMPUS_PUBLIC_URL` | `http://` + site address | the address users reach (xAPI, attestations) |
//! | `CAMPUS_ASSISTANT_TOKENS` | (none) | bearer tokens accepted by `/v1`, comma-separated |
//! | `CAMPUS_SANDBOX_MESSAGES_PER_MINUTE` | `10` | atelier messages one learner may send per minute |
//! | `ASSISTANT_BASE_URL` | (none: simulation) | an OpenAI-compatible service for the atelier, up to `/v1` |
//! | `ASSISTANT_API_KEY` | (none) | its bearer token |
//! | `ASSISTANT_MODEL` | (required with the URL) | the model to ask |
//! | `CAMPUS_LRS_URL` | (none) | an external Learning Record Store receiving xAPI statements |
//! | `CAMPUS_LRS_USERNAME`, `CAMPUS_LRS_PASSWORD` | (none) | its HTTP Basic credentials |
//! | `CAMPUS_SMTP_URL` | (none: no mail) | the SMTP relay, e.g. `smtp://relais.interne:25`, `smtps://user:pass@host:465` |
//! | `CAMPUS_MAIL_FROM` | (required with the relay) | the sender, e.g. `Campus IA <campus@ville.fr>` |
//! | `CAMPUS_REMINDER_DAYS` | `7,1` | reminders this many days before a due date (empty: none) |
//! | `CAMPUS_OIDC_ISSUER` | (none) | OpenID Connect provider (ProConnect…): its issuer URL, endpoints by discovery |
//! | `CAMPUS_OIDC_CLIENT_ID`, `CAMPUS_OIDC_CLIENT_SECRET` | (required with the issuer) | this site's registration with the provider |
//! | `CAMPUS_OIDC_LABEL` | `ProConnect` | the sign-in button's text |
//! | `CAMPUS_OIDC_SCOPES` | `openid given_name usual_name email uid siret idp_id` | scopes asked for |
//! | `CAMPUS_OIDC_UNIT_CLAIM` | `siret` | the claim that places a new agent in the unit with that SIRET |
//! | `CAMPUS_OIDC_ALLOWED_SIRETS`, `CAMPUS_OIDC_ALLOWED_DOMAINS` | (any) | who may sign in through the provider |
//! | `CAMPUS_SCIM_TOKENS` | (none: SCIM off) | bearer tokens of `/scim/v2`, comma-separated; `jeton@unité` limits one to a unit's subtree (unit id or code) |
//! | `CAMPUS_SIGNUP` | `on` | `off` closes self sign-up (accounts come from the provider or the administrator) |
//! | `CAMPUS_TRUSTED_PROXIES` | (none) | reverse proxies whose `X-Forwarded-For` gives the client's address (IPs or CIDR ranges, comma-separated) |
//! | `CAMPUS_CONTENT_CHECK_MS` | `1000` | how often each instance checks for content published and sessions changed elsewhere (another instance, the command line: a sign-out, a disabled account, a role); `0`: before every request |
//! | `CAMPUS_ENV` | `dev` | `dev` or `prod` (secure cookies, HSTS, JSON logs) |
//! | `RUST_LOG` | `info` | log filter (`tracing` syntax, read by `telemetry`) |
//!
//! A value is checked by its option's parser, which names the variable in French; settings that
//! only make sense together (a relay and its sender, an issuer and its client) are checked when
//! the command builds its settings. Lists are read whole, by one parser: their fields are written
//! `std::vec::Vec` (and a value that may be empty `std::option::Option`) so that clap does not
//! take them for a repeated or optional option.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use app::sandbox::backend::{AssistantBackend, BackendConfigError};
use clap::Args;
use leptos::prelude::LeptosOptions;
use secrecy::{ExposeSecret, SecretString};

/// Where the server runs: it changes security settings, never behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Environment {
    Dev,
    Prod,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{variable} invalide (« {value} ») : {expected}")]
    Invalid { variable: &'static str, value: String, expected: &'static str },
    #[error("{0}")]
    Mail(String),
    #[error("{0}")]
    Identity(String),
    #[error("CAMPUS_TRUSTED_PROXIES invalide : {0} (exemple : 127.0.0.1, 10.0.0.0/8)")]
    TrustedProxies(String),
    #[error(transparent)]
    Assistant(#[from] BackendConfigError),
}

impl ConfigError {
    /// The setting's problem when that is why clap refused the command line (an option's parser
    /// failed), to be shown as it is rather than as a usage error.
    pub fn from_clap(error: &clap::Error) -> Option<&ConfigError> {
        std::error::Error::source(error)?.downcast_ref()
    }
}

/// Everything the server needs to start (`server serve`, or a test's own settings).
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: SecretString,
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub environment: Environment,
    /// Course folders checked and published at start-up; `None` to skip.
    pub courses_dir: Option<PathBuf>,
    /// E-mail domains allowed to sign up (`gouv.fr` also admits `interieur.gouv.fr`); empty: any.
    pub signup_domains: Vec<String>,
    pub public_url: String,
    /// Bearer tokens accepted by the OpenAI-compatible endpoint (none: it answers 401).
    pub assistant_tokens: Vec<SecretString>,
    /// The atelier's assistant (`ASSISTANT_*`); the simulation by default.
    pub assistant: AssistantBackend,
    /// Atelier messages one learner may send per minute (a cost and abuse limit for an external
    /// model; raised by the benchmark, which sends thousands from one account).
    pub sandbox_messages_per_minute: i64,
    /// Where to push xAPI statements, if anywhere.
    pub lrs: Option<crate::lrs::LrsSettings>,
    /// Reverse proxies whose `X-Forwarded-For` is believed (none: the peer is the client).
    pub trusted_proxies: app::web::TrustedProxies,
    /// The SMTP relay and sender, if mail is sent at all.
    pub mail: Option<crate::mailer::MailSettings>,
    /// The OpenID Connect provider, if agents sign in through one.
    pub oidc: Option<app::identity::ProviderSettings>,
    /// Whether visitors may create a local account themselves.
    pub signup_open: bool,
    /// SCIM bearer tokens, each with the unit (id or code) it is limited to, if any.
    pub scim_tokens: Vec<(SecretString, Option<String>)>,
    /// The notification passes (reminders, digests), run when mail is sent.
    pub scheduler: crate::scheduler::SchedulerSettings,
    /// Whether the build gave the CSS, JS and WebAssembly content-hashed names: true when
    /// cargo-leptos's `hash.txt` is next to the executable (not for the integration tests, whose
    /// executable is elsewhere). Pages then link the hashed names, cached for a year.
    pub hashed_assets: bool,
    /// How often the content version is read in the background (0: before every page).
    pub content_check_interval: Duration,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://campus.db?mode=rwc";

/// The name cargo-leptos gives the WebAssembly and CSS files (`output-name` in Cargo.toml).
pub const SITE_OUTPUT_NAME: &str = "campus-ia";
/// The folder of the built site's WebAssembly, JavaScript and CSS (`site-pkg-dir`).
pub const SITE_PKG_DIR: &str = "pkg";

/// The database and the deployment it belongs to: what every command that opens it reads.
#[derive(Clone, Debug, Args)]
pub struct DatabaseArgs {
    /// Base SQLite (fichier) ou PostgreSQL (postgres://…).
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, hide_env_values = true, value_name = "URL")]
    pub database_url: SecretString,
    /// dev ou prod (cookies Secure et __Host-, HSTS, journaux JSON).
    #[arg(long = "env", env = "CAMPUS_ENV", default_value = "dev", value_parser = environment, value_name = "dev|prod")]
    pub environment: Environment,
}

impl DatabaseArgs {
    /// Connects to the database (without migrating it).
    pub async fn open(&self) -> Result<app::db::Database, app::db::DbError> {
        app::db::Database::connect(self.database_url.expose_secret()).await
    }
}

/// Where the site listens and the address its users reach.
#[derive(Clone, Debug, Args)]
pub struct AddressArgs {
    /// Adresse et port d'écoute.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000", value_parser = site_addr, value_name = "ADRESSE:PORT")]
    pub site_addr: SocketAddr,
    /// Adresse publique du site (déclarations xAPI, liens des courriels et des attestations) ;
    /// par défaut http:// suivi de LEPTOS_SITE_ADDR.
    #[arg(long, env = "CAMPUS_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
}

impl AddressArgs {
    /// The public address, without a trailing slash.
    pub fn public_url(&self) -> String {
        let url = self.public_url.clone().unwrap_or_else(|| format!("http://{}", self.site_addr));
        url.trim_end_matches('/').to_owned()
    }
}

/// The built site.
#[derive(Clone, Debug, Args)]
pub struct SiteArgs {
    /// Le site compilé (WebAssembly, CSS, fichiers statiques).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site", value_name = "DOSSIER")]
    pub site_root: String,
}

impl SiteArgs {
    /// The folder of the hashed `/pkg` files.
    pub fn pkg_dir(&self) -> PathBuf {
        std::path::Path::new(&self.site_root).join(SITE_PKG_DIR)
    }
}

/// The course folders imported at start-up (and by `demo seed`).
#[derive(Clone, Debug, Args)]
pub struct CoursesArgs {
    /// Cours importés au démarrage (vide : aucun).
    #[arg(long, env = "CAMPUS_COURSES_DIR", default_value = "courses", value_parser = optional_dir, value_name = "DOSSIER")]
    pub courses_dir: std::option::Option<PathBuf>,
}

/// When reminders go out.
#[derive(Clone, Debug, Args)]
pub struct ReminderArgs {
    /// Rappels envoyés tant de jours avant l'échéance, séparés par des virgules (vide : aucun).
    #[arg(long, env = "CAMPUS_REMINDER_DAYS", default_value = "7,1", value_parser = reminder_days, value_name = "JOURS")]
    pub reminder_days: std::vec::Vec<i64>,
}

impl ReminderArgs {
    pub fn scheduler(&self) -> crate::scheduler::SchedulerSettings {
        crate::scheduler::SchedulerSettings { reminder_days: self.reminder_days.clone(), ..Default::default() }
    }
}

/// The atelier's assistant.
#[derive(Clone, Debug, Args)]
pub struct AssistantArgs {
    /// Un service compatible OpenAI pour l'atelier, jusqu'à /v1 (aucun : la simulation).
    #[arg(long, env = "ASSISTANT_BASE_URL", value_name = "URL")]
    pub assistant_base_url: Option<String>,
    /// Son jeton.
    #[arg(long, env = "ASSISTANT_API_KEY", hide_env_values = true, value_name = "JETON")]
    pub assistant_api_key: Option<SecretString>,
    /// Le modèle à interroger (requis avec l'URL).
    #[arg(long, env = "ASSISTANT_MODEL", value_name = "MODÈLE")]
    pub assistant_model: Option<String>,
}

impl AssistantArgs {
    pub fn backend(&self) -> Result<AssistantBackend, BackendConfigError> {
        AssistantBackend::from_settings(
            self.assistant_base_url.as_deref(),
            self.assistant_api_key.as_ref().map(ExposeSecret::expose_secret),
            self.assistant_model.as_deref(),
        )
    }
}

/// An external Learning Record Store.
#[derive(Clone, Debug, Args)]
pub struct LrsArgs {
    /// Entrepôt d'apprentissage (LRS) qui reçoit les déclarations xAPI.
    #[arg(long, env = "CAMPUS_LRS_URL", value_name = "URL")]
    pub lrs_url: Option<String>,
    /// Son identifiant HTTP Basic.
    #[arg(long, env = "CAMPUS_LRS_USERNAME", value_name = "NOM")]
    pub lrs_username: Option<String>,
    /// Son mot de passe HTTP Basic.
    #[arg(long, env = "CAMPUS_LRS_PASSWORD", hide_env_values = true, value_name = "MOT-DE-PASSE")]
    pub lrs_password: Option<SecretString>,
}

impl LrsArgs {
    pub fn settings(&self) -> Result<Option<crate::lrs::LrsSettings>, ConfigError> {
        let Some(url) = self.lrs_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) else { return Ok(None) };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(invalid("CAMPUS_LRS_URL", url, "une adresse http:// ou https://, par exemple https://lrs.exemple.fr/xapi"));
        }
        Ok(Some(crate::lrs::LrsSettings {
            url: url.to_owned(),
            username: self.lrs_username.clone().filter(|u| !u.is_empty()),
            password: self.lrs_password.clone(),
            interval: Duration::from_secs(30),
        }))
    }
}

/// The SMTP relay and the sender.
#[derive(Clone, Debug, Args)]
pub struct MailArgs {
    /// Relais SMTP (smtp://hôte:port, smtps://compte:secret@hôte:465, ?tls=required pour STARTTLS) ;
    /// aucun : pas de courriel.
    #[arg(long, env = "CAMPUS_SMTP_URL", hide_env_values = true, value_name = "URL")]
    pub smtp_url: Option<SecretString>,
    /// Expéditeur (obligatoire avec le relais), par exemple « Campus IA <campus@ville.fr> ».
    #[arg(long, env = "CAMPUS_MAIL_FROM", value_name = "ADRESSE")]
    pub mail_from: Option<String>,
}

impl MailArgs {
    pub fn settings(&self) -> Result<Option<crate::mailer::MailSettings>, ConfigError> {
        let Some(url) = self.smtp_url.as_ref().map(|u| u.expose_secret().trim()).filter(|u| !u.is_empty()) else { return Ok(None) };
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            return Err(ConfigError::Mail("CAMPUS_SMTP_URL invalide : une adresse smtp:// ou smtps:// est attendue, par exemple smtp://relais.interne:25".into()));
        }
        let from = self.mail_from.as_deref().unwrap_or_default().trim();
        let from = from.parse::<lettre::message::Mailbox>().map_err(|_| {
            ConfigError::Mail(format!(
                "CAMPUS_MAIL_FROM invalide (« {from} ») : avec CAMPUS_SMTP_URL, indiquez l'expéditeur, par exemple « Campus IA <campus@ville.fr> »"
            ))
        })?;
        Ok(Some(crate::mailer::MailSettings {
            smtp_url: url.into(),
            from,
            poll_interval: Duration::from_secs(2),
            retry_base_seconds: 30,
        }))
    }
}

/// The OpenID Connect provider.
#[derive(Clone, Debug, Args)]
pub struct OidcArgs {
    /// Émetteur OpenID Connect (ProConnect…) ; les adresses viennent de sa découverte.
    #[arg(long, env = "CAMPUS_OIDC_ISSUER", value_name = "URL")]
    pub oidc_issuer: Option<String>,
    /// Identifiant donné par le fournisseur (obligatoire avec l'émetteur).
    #[arg(long, env = "CAMPUS_OIDC_CLIENT_ID", value_name = "IDENTIFIANT")]
    pub oidc_client_id: Option<String>,
    /// Secret donné par le fournisseur (obligatoire avec l'émetteur).
    #[arg(long, env = "CAMPUS_OIDC_CLIENT_SECRET", hide_env_values = true, value_name = "SECRET")]
    pub oidc_client_secret: Option<SecretString>,
    /// Texte du bouton « Se connecter avec … ».
    #[arg(long, env = "CAMPUS_OIDC_LABEL", default_value = app::identity::DEFAULT_LABEL, value_parser = label, value_name = "TEXTE")]
    pub oidc_label: String,
    /// Scopes demandés, séparés par des espaces.
    #[arg(long, env = "CAMPUS_OIDC_SCOPES", default_value = app::identity::DEFAULT_SCOPES, value_parser = words, value_name = "SCOPES")]
    pub oidc_scopes: std::vec::Vec<String>,
    /// Revendication qui place un nouvel agent dans l'unité de même SIRET.
    #[arg(long, env = "CAMPUS_OIDC_UNIT_CLAIM", default_value = "siret", value_parser = unit_claim, value_name = "REVENDICATION")]
    pub oidc_unit_claim: String,
    /// SIRET autorisés, séparés par des virgules (par défaut, tous).
    #[arg(long, env = "CAMPUS_OIDC_ALLOWED_SIRETS", value_parser = lower_case_list, value_name = "SIRET")]
    pub oidc_allowed_sirets: Option<std::vec::Vec<String>>,
    /// Domaines d'adresse autorisés, séparés par des virgules (par défaut, tous).
    #[arg(long, env = "CAMPUS_OIDC_ALLOWED_DOMAINS", value_parser = lower_case_list, value_name = "DOMAINES")]
    pub oidc_allowed_domains: Option<std::vec::Vec<String>>,
}

impl OidcArgs {
    pub fn settings(&self) -> Result<Option<app::identity::ProviderSettings>, ConfigError> {
        let issuer = self.oidc_issuer.as_deref().map(|u| u.trim().trim_end_matches('/')).filter(|u| !u.is_empty());
        let Some(issuer) = issuer else { return Ok(None) };
        if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
            return Err(ConfigError::Identity(format!("CAMPUS_OIDC_ISSUER invalide (« {issuer} ») : l'adresse de l'émetteur commence par https://")));
        }
        let required = |name: &str, value: Option<&str>| {
            value.map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).ok_or_else(|| {
                ConfigError::Identity(format!("{name} manque : avec CAMPUS_OIDC_ISSUER, indiquez l'identifiant et le secret donnés par le fournisseur"))
            })
        };
        Ok(Some(app::identity::ProviderSettings {
            issuer: issuer.to_owned(),
            client_id: required("CAMPUS_OIDC_CLIENT_ID", self.oidc_client_id.as_deref())?,
            client_secret: required("CAMPUS_OIDC_CLIENT_SECRET", self.oidc_client_secret.as_ref().map(ExposeSecret::expose_secret))?.into(),
            label: self.oidc_label.clone(),
            scopes: self.oidc_scopes.clone(),
            unit_claim: self.oidc_unit_claim.clone(),
            allowed_sirets: self.oidc_allowed_sirets.clone().unwrap_or_default(),
            allowed_domains: self.oidc_allowed_domains.clone().unwrap_or_default(),
        }))
    }
}

/// Everything `server serve` reads.
#[derive(Clone, Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub address: AddressArgs,
    #[command(flatten)]
    pub site: SiteArgs,
    #[command(flatten)]
    pub courses: CoursesArgs,
    /// Domaines d'adresse autorisés à créer un compte, séparés par des virgules (gouv.fr admet
    /// aussi interieur.gouv.fr) ; par défaut, tous.
    #[arg(long, env = "CAMPUS_SIGNUP_DOMAINS", value_parser = domain_list, value_name = "DOMAINES")]
    pub signup_domains: Option<std::vec::Vec<String>>,
    /// off ferme la création de compte libre (les comptes viennent du fournisseur ou de l'administrateur).
    #[arg(long, env = "CAMPUS_SIGNUP", default_value = "on", value_parser = signup, action = clap::ArgAction::Set, value_name = "on|off")]
    pub signup: bool,
    /// Jetons acceptés par /v1, séparés par des virgules.
    #[arg(long, env = "CAMPUS_ASSISTANT_TOKENS", value_parser = tokens, hide_env_values = true, value_name = "JETONS")]
    pub assistant_tokens: Option<std::vec::Vec<SecretString>>,
    /// Messages qu'un agent peut envoyer par minute dans l'atelier.
    #[arg(long, env = "CAMPUS_SANDBOX_MESSAGES_PER_MINUTE", default_value_t = app::sandbox::api::DEFAULT_MESSAGES_PER_MINUTE,
          value_parser = messages_per_minute, value_name = "N")]
    pub sandbox_messages_per_minute: i64,
    #[command(flatten)]
    pub assistant: AssistantArgs,
    #[command(flatten)]
    pub lrs: LrsArgs,
    #[command(flatten)]
    pub oidc: OidcArgs,
    /// Jetons du serveur SCIM /scim/v2, séparés par des virgules ; jeton@unité limite un jeton au
    /// sous-arbre d'une unité (numéro ou code). Aucun : SCIM fermé.
    #[arg(long, env = "CAMPUS_SCIM_TOKENS", value_parser = scim_tokens, hide_env_values = true, value_name = "JETONS")]
    pub scim_tokens: Option<std::vec::Vec<(SecretString, std::option::Option<String>)>>,
    #[command(flatten)]
    pub mail: MailArgs,
    #[command(flatten)]
    pub reminders: ReminderArgs,
    /// Proxys inverses dont l'en-tête X-Forwarded-For donne l'adresse du client (adresses ou
    /// plages CIDR, séparées par des virgules).
    #[arg(long, env = "CAMPUS_TRUSTED_PROXIES", value_parser = trusted_proxies, value_name = "ADRESSES")]
    pub trusted_proxies: Option<app::web::TrustedProxies>,
    /// Intervalle de vérification du contenu publié et des sessions modifiées par une autre
    /// instance ou en ligne de commande, en millisecondes (0 : avant chaque requête).
    #[arg(long = "content-check-ms", env = "CAMPUS_CONTENT_CHECK_MS", default_value = "1000", value_parser = milliseconds, value_name = "MS")]
    pub content_check_interval: Duration,
}

impl ServeArgs {
    /// The server's settings, once those that go together are checked together.
    pub fn into_config(self) -> Result<Config, ConfigError> {
        let mail = self.mail.settings()?;
        let oidc = self.oidc.settings()?;
        let assistant = self.assistant.backend()?;
        let lrs = self.lrs.settings()?;
        Ok(Config {
            public_url: self.address.public_url(),
            database_url: self.database.database_url,
            site_addr: self.address.site_addr,
            site_root: self.site.site_root,
            environment: self.database.environment,
            courses_dir: self.courses.courses_dir,
            signup_domains: self.signup_domains.unwrap_or_default(),
            assistant_tokens: self.assistant_tokens.unwrap_or_default(),
            assistant,
            sandbox_messages_per_minute: self.sandbox_messages_per_minute,
            lrs,
            trusted_proxies: self.trusted_proxies.unwrap_or_default(),
            mail,
            oidc,
            signup_open: self.signup,
            scim_tokens: self.scim_tokens.unwrap_or_default(),
            scheduler: self.reminders.scheduler(),
            hashed_assets: crate::assets::hash_file_next_to_executable().is_some(),
            content_check_interval: self.content_check_interval,
        })
    }
}

impl Config {
    /// The options Leptos needs to render pages and link the built site.
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(SITE_OUTPUT_NAME)
            .site_root(self.site_root.as_str())
            .site_pkg_dir(SITE_PKG_DIR)
            .site_addr(self.site_addr)
            .hash_files(self.hashed_assets)
            .hash_file(crate::assets::HASH_FILE_NAME.into())
            .env(match self.environment {
                Environment::Dev => leptos::config::Env::DEV,
                Environment::Prod => leptos::config::Env::PROD,
            })
            .build()
    }
}

// The options' parsers: each names its variable in its error.

fn invalid(variable: &'static str, value: &str, expected: &'static str) -> ConfigError {
    ConfigError::Invalid { variable, value: value.to_owned(), expected }
}

fn environment(value: &str) -> Result<Environment, ConfigError> {
    match value.to_ascii_lowercase().as_str() {
        "dev" | "development" => Ok(Environment::Dev),
        "prod" | "production" => Ok(Environment::Prod),
        other => Err(invalid("CAMPUS_ENV", other, "dev ou prod")),
    }
}

fn site_addr(value: &str) -> Result<SocketAddr, ConfigError> {
    value.parse().map_err(|_| invalid("LEPTOS_SITE_ADDR", value, "une adresse et un port, par exemple 127.0.0.1:3000"))
}

fn optional_dir(value: &str) -> Result<Option<PathBuf>, ConfigError> {
    Ok((!value.trim().is_empty()).then(|| PathBuf::from(value)))
}

fn reminder_days(value: &str) -> Result<Vec<i64>, ConfigError> {
    value
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| d.parse::<i64>().ok().filter(|n| (1..=365).contains(n)))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| invalid("CAMPUS_REMINDER_DAYS", value, "des nombres de jours entre 1 et 365 séparés par des virgules, par exemple 7,1"))
}

fn messages_per_minute(value: &str) -> Result<i64, ConfigError> {
    value.trim().parse().ok().filter(|n: &i64| *n > 0).ok_or_else(|| {
        invalid("CAMPUS_SANDBOX_MESSAGES_PER_MINUTE", value, "un nombre entier de messages supérieur à zéro, par exemple 10")
    })
}

fn milliseconds(value: &str) -> Result<Duration, ConfigError> {
    value.trim().parse().map(Duration::from_millis).map_err(|_| {
        invalid("CAMPUS_CONTENT_CHECK_MS", value, "un nombre entier de millisecondes, par exemple 1000 (0 : avant chaque requête)")
    })
}

fn trusted_proxies(value: &str) -> Result<app::web::TrustedProxies, ConfigError> {
    app::web::TrustedProxies::parse(value).map_err(ConfigError::TrustedProxies)
}

fn signup(value: &str) -> Result<bool, ConfigError> {
    match value.trim().to_lowercase().as_str() {
        "" | "on" | "oui" | "true" => Ok(true),
        "off" | "non" | "false" => Ok(false),
        other => Err(ConfigError::Identity(format!("CAMPUS_SIGNUP invalide (« {other} ») : on ou off"))),
    }
}

/// Comma-separated items, trimmed, empty ones left out.
fn items(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|t| !t.is_empty())
}

fn domain_list(value: &str) -> Result<Vec<String>, ConfigError> {
    Ok(value.split(',').map(|d| d.trim().trim_start_matches('@').to_lowercase()).filter(|d| !d.is_empty()).collect())
}

/// SIRETs or domains, separated by commas or spaces.
fn lower_case_list(value: &str) -> Result<Vec<String>, ConfigError> {
    Ok(value.split([',', ' ']).map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty()).collect())
}

fn words(value: &str) -> Result<Vec<String>, ConfigError> {
    Ok(value.split_whitespace().map(str::to_owned).collect())
}

fn label(value: &str) -> Result<String, ConfigError> {
    Ok(Some(value.trim()).filter(|l| !l.is_empty()).unwrap_or(app::identity::DEFAULT_LABEL).to_owned())
}

fn unit_claim(value: &str) -> Result<String, ConfigError> {
    Ok(Some(value.trim()).filter(|c| !c.is_empty()).unwrap_or("siret").to_owned())
}

fn tokens(value: &str) -> Result<Vec<SecretString>, ConfigError> {
    Ok(items(value).map(SecretString::from).collect())
}

fn scim_tokens(value: &str) -> Result<Vec<(SecretString, Option<String>)>, ConfigError> {
    Ok(items(value)
        .map(|t| match t.split_once('@') {
            Some((token, unit)) => (token.trim().into(), Some(unit.trim().to_owned()).filter(|u| !u.is_empty())),
            None => (t.into(), None),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches};

    /// What `server serve` reads from these variables alone: each is passed as the option that
    /// reads it, and the process's own environment is ignored.
    fn config(pairs: &[(&str, &str)]) -> Result<Config, String> {
        let command = ServeArgs::augment_args(clap::Command::new("server"));
        let mut argv = vec!["server".to_owned()];
        for (variable, value) in pairs {
            let arg = command
                .get_arguments()
                .find(|arg| arg.get_env() == Some(std::ffi::OsStr::new(variable)))
                .unwrap_or_else(|| panic!("no option reads {variable}"));
            argv.push(format!("--{}={value}", arg.get_long().expect("a long option")));
        }
        let matches = command.mut_args(|arg| arg.env(None)).try_get_matches_from(argv).map_err(|error| match ConfigError::from_clap(&error) {
            Some(problem) => problem.to_string(),
            None => error.to_string(),
        })?;
        ServeArgs::from_arg_matches(&matches).map_err(|e| e.to_string())?.into_config().map_err(|e| e.to_string())
    }

    fn serve_variables() -> Vec<String> {
        ServeArgs::augment_args(clap::Command::new("server"))
            .get_arguments()
            .filter_map(|arg| arg.get_env().map(|name| name.to_string_lossy().into_owned()))
            .collect()
    }

    #[test]
    fn defaults_run_on_a_laptop() {
        let config = config(&[]).unwrap();
        assert_eq!(config.database_url.expose_secret(), DEFAULT_DATABASE_URL);
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.public_url, "http://127.0.0.1:3000");
        assert_eq!(config.site_root, "target/site");
        assert_eq!(config.environment, Environment::Dev);
        assert_eq!(config.courses_dir, Some(PathBuf::from("courses")));
        assert_eq!(config.scheduler.reminder_days, app::mail::notices::DEFAULT_REMINDER_DAYS);
        assert_eq!(config.content_check_interval, Duration::from_secs(1));
        assert!(config.signup_open && config.mail.is_none() && config.oidc.is_none() && config.lrs.is_none());
        assert!(config.assistant.external_model().is_none());
    }

    #[test]
    fn an_empty_courses_dir_disables_the_import() {
        assert_eq!(config(&[("CAMPUS_COURSES_DIR", "")]).unwrap().courses_dir, None);
        assert_eq!(config(&[("CAMPUS_COURSES_DIR", "/srv/cours")]).unwrap().courses_dir, Some(PathBuf::from("/srv/cours")));
        assert!(config(&[("CAMPUS_REMINDER_DAYS", "")]).unwrap().scheduler.reminder_days.is_empty());
    }

    #[test]
    fn bad_values_name_the_variable() {
        let error = config(&[("LEPTOS_SITE_ADDR", "localhost")]).unwrap_err();
        assert_eq!(error, "LEPTOS_SITE_ADDR invalide (« localhost ») : une adresse et un port, par exemple 127.0.0.1:3000");
        let error = config(&[("CAMPUS_ENV", "staging")]).unwrap_err();
        assert_eq!(error, "CAMPUS_ENV invalide (« staging ») : dev ou prod");
        assert_eq!(config(&[("CAMPUS_ENV", "PROD")]).unwrap().environment, Environment::Prod);
        for bad in ["0", "-3", "dix"] {
            let error = config(&[("CAMPUS_SANDBOX_MESSAGES_PER_MINUTE", bad)]).unwrap_err();
            assert!(error.contains("CAMPUS_SANDBOX_MESSAGES_PER_MINUTE") && error.contains(bad), "{error}");
        }
        assert_eq!(config(&[]).unwrap().sandbox_messages_per_minute, 10);
        assert_eq!(config(&[("CAMPUS_SANDBOX_MESSAGES_PER_MINUTE", " 600 ")]).unwrap().sandbox_messages_per_minute, 600);
        assert!(config(&[("CAMPUS_REMINDER_DAYS", "7,400")]).unwrap_err().starts_with("CAMPUS_REMINDER_DAYS invalide (« 7,400 »)"));
        assert!(config(&[("CAMPUS_TRUSTED_PROXIES", "proxy")]).unwrap_err().starts_with("CAMPUS_TRUSTED_PROXIES invalide"));
        assert_eq!(config(&[("CAMPUS_SIGNUP", "peut-être")]).unwrap_err(), "CAMPUS_SIGNUP invalide (« peut-être ») : on ou off");
        assert!(!config(&[("CAMPUS_SIGNUP", "OFF")]).unwrap().signup_open);
    }

    #[test]
    fn settings_that_go_together_are_checked_together() {
        let error = config(&[("CAMPUS_SMTP_URL", "smtp://relais:25")]).unwrap_err();
        assert!(error.starts_with("CAMPUS_MAIL_FROM invalide («  ») : avec CAMPUS_SMTP_URL"), "{error}");
        assert!(config(&[("CAMPUS_SMTP_URL", "http://relais")]).unwrap_err().starts_with("CAMPUS_SMTP_URL invalide"));
        // Without a relay, the sender is not read at all.
        assert!(config(&[("CAMPUS_SMTP_URL", " "), ("CAMPUS_MAIL_FROM", "pas une adresse")]).unwrap().mail.is_none());
        let error = config(&[("CAMPUS_OIDC_ISSUER", "https://auth.exemple.gouv.fr/"), ("CAMPUS_OIDC_CLIENT_ID", "campus")]).unwrap_err();
        assert!(error.starts_with("CAMPUS_OIDC_CLIENT_SECRET manque"), "{error}");
        let error = config(&[("ASSISTANT_BASE_URL", "https://albert.exemple/v1")]).unwrap_err();
        assert!(error.starts_with("ASSISTANT_MODEL est requis"), "{error}");
        let error = config(&[("CAMPUS_LRS_URL", "lrs.exemple.fr")]).unwrap_err();
        assert!(error.starts_with("CAMPUS_LRS_URL invalide (« lrs.exemple.fr »)"), "{error}");
        let oidc = config(&[
            ("CAMPUS_OIDC_ISSUER", "https://auth.exemple.gouv.fr/"),
            ("CAMPUS_OIDC_CLIENT_ID", "campus"),
            ("CAMPUS_OIDC_CLIENT_SECRET", "secret"),
            ("CAMPUS_OIDC_LABEL", " "),
            ("CAMPUS_OIDC_ALLOWED_SIRETS", "21750001600019, 21690123100011"),
        ])
        .unwrap()
        .oidc
        .unwrap();
        assert_eq!((oidc.issuer.as_str(), oidc.label.as_str(), oidc.unit_claim.as_str()), ("https://auth.exemple.gouv.fr", "ProConnect", "siret"));
        assert_eq!(oidc.scopes.join(" "), app::identity::DEFAULT_SCOPES);
        assert_eq!(oidc.allowed_sirets, ["21750001600019", "21690123100011"]);
        let scim = config(&[("CAMPUS_SCIM_TOKENS", "un, deux@URBA ,trois@")]).unwrap().scim_tokens;
        let scim: Vec<_> = scim.iter().map(|(token, unit)| (token.expose_secret(), unit.as_deref())).collect();
        assert_eq!(scim, [("un", None), ("deux", Some("URBA")), ("trois", None)]);
    }

    #[test]
    fn secrets_stay_out_of_debug_output_and_help() {
        let secrets = [
            ("DATABASE_URL", "postgres://campus:mot-de-passe-base@db.interne/campus"),
            ("CAMPUS_SMTP_URL", "smtps://campus:mot-de-passe-smtp@relais:465"),
            ("CAMPUS_OIDC_CLIENT_SECRET", "secret-du-fournisseur"),
            ("CAMPUS_LRS_PASSWORD", "mot-de-passe-lrs"),
            ("ASSISTANT_API_KEY", "cle-de-l-assistant"),
            ("CAMPUS_ASSISTANT_TOKENS", "jeton-v1"),
            ("CAMPUS_SCIM_TOKENS", "jeton-scim@URBA"),
        ];
        let others = [
            ("CAMPUS_MAIL_FROM", "Campus IA <campus@ville.fr>"),
            ("CAMPUS_OIDC_ISSUER", "https://auth.exemple.gouv.fr"),
            ("CAMPUS_OIDC_CLIENT_ID", "campus-ia"),
            ("CAMPUS_LRS_URL", "https://lrs.exemple.fr/xapi"),
            ("CAMPUS_LRS_USERNAME", "campus"),
            ("ASSISTANT_BASE_URL", "https://albert.exemple/v1"),
            ("ASSISTANT_MODEL", "albert-large"),
        ];
        let config = config(&[secrets.as_slice(), others.as_slice()].concat()).unwrap();
        assert!(config.mail.is_some() && config.oidc.is_some() && config.lrs.is_some() && config.assistant.external_model().is_some());
        let shown = format!("{config:?}");
        for (variable, secret) in secrets {
            let secret = secret.trim_end_matches("@URBA");
            assert!(!shown.contains(secret), "{variable} shown by {{:?}}: {shown}");
        }
        for expected in ["lrs.exemple.fr", "campus-ia", "albert-large", "URBA", "REDACTED"] {
            assert!(shown.contains(expected), "{expected} missing from {shown}");
        }
        // `--help` shows the current value of a variable, except for these.
        let command = ServeArgs::augment_args(clap::Command::new("server"));
        for (variable, _) in secrets {
            let arg = command.get_arguments().find(|arg| arg.get_env() == Some(std::ffi::OsStr::new(variable))).unwrap();
            assert!(arg.is_hide_env_values_set(), "--help would show {variable}");
        }
    }

    /// The tables of this module and of the README list exactly the variables `serve` reads.
    #[test]
    fn the_documented_variables_are_the_ones_read() {
        let mut read = serve_variables();
        read.push("RUST_LOG".to_owned());
        read.sort();
        let documented = |text: &str, table_start: &str| -> Vec<String> {
            let table = text.split_once(table_start).expect("the table's heading").1;
            let mut names: Vec<String> = table
                .lines()
                .map(|line| line.trim_start_matches("//! "))
                .skip_while(|line| !line.starts_with("| `"))
                .take_while(|line| line.starts_with("| `"))
                .flat_map(|line| line.split('|').nth(1).unwrap_or_default().split('`').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>())
                .collect();
            names.sort();
            names
        };
        assert_eq!(documented(include_str!("config.rs"), "| variable | default | meaning |"), read);
        assert_eq!(documented(include_str!("../../README.md"), "## Configuration"), read);
    }

    #[test]
    fn commands_that_need_no_settings_read_no_variable() {
        let cli = crate::cli::Cli::command();
        for path in [["privacy", "scan"], ["prompt", "check"], ["courses", "check"]] {
            let command = cli.find_subcommand(path[0]).and_then(|c| c.find_subcommand(path[1])).expect("the command exists");
            let variables: Vec<_> = command.get_arguments().filter_map(|arg| arg.get_env()).collect();
            assert!(variables.is_empty(), "`{}` reads {variables:?}", path.join(" "));
        }
    }
}
