//! Configuration from environment variables, with defaults that work on a laptop.
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
//! | `CAMPUS_CONTENT_CHECK_MS` | `1000` | how often each instance checks for content published elsewhere (another instance, the command line); `0`: before every page |
//! | `CAMPUS_ENV` | `dev` | `dev` or `prod` (secure cookies, HSTS, JSON logs) |
//! | `RUST_LOG` | `info` | log filter (`tracing` syntax) |

use std::{net::SocketAddr, path::PathBuf};

use app::sandbox::backend::{AssistantBackend, BackendConfigError};
use leptos::prelude::LeptosOptions;

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

/// Everything the server needs to start.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub environment: Environment,
    /// Course folders checked and published at start-up; `None` to skip.
    pub courses_dir: Option<PathBuf>,
    /// E-mail domains allowed to sign up (`gouv.fr` also admits `interieur.gouv.fr`); empty: any.
    pub signup_domains: Vec<String>,
    pub public_url: String,
    /// Bearer tokens accepted by the OpenAI-compatible endpoint (none: it answers 401).
    pub assistant_tokens: Vec<String>,
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
    pub scim_tokens: Vec<(String, Option<String>)>,
    /// The notification passes (reminders, digests), run when mail is sent.
    pub scheduler: crate::scheduler::SchedulerSettings,
    /// Whether the build gave the CSS, JS and WebAssembly content-hashed names: true when
    /// cargo-leptos's `hash.txt` is next to the executable (not for the integration tests, whose
    /// executable is elsewhere). Pages then link the hashed names, cached for a year.
    pub hashed_assets: bool,
    /// How often the content version is read in the background (0: before every page).
    pub content_check_interval: std::time::Duration,
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://campus.db?mode=rwc";

/// The name cargo-leptos gives the WebAssembly and CSS files (`output-name` in Cargo.toml).
pub const SITE_OUTPUT_NAME: &str = "campus-ia";

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let database_url = lookup("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let addr = lookup("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".to_owned());
        let site_addr = addr.parse().map_err(|_| ConfigError::Invalid {
            variable: "LEPTOS_SITE_ADDR",
            value: addr.clone(),
            expected: "une adresse et un port, par exemple 127.0.0.1:3000",
        })?;
        let site_root = lookup("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".to_owned());
        let environment = match lookup("CAMPUS_ENV").as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("dev") | Some("development") => Environment::Dev,
            Some("prod") | Some("production") => Environment::Prod,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    variable: "CAMPUS_ENV",
                    value: other.to_owned(),
                    expected: "dev ou prod",
                })
            }
        };
        let courses_dir = match lookup("CAMPUS_COURSES_DIR") {
            None => Some(PathBuf::from("courses")),
            Some(dir) if dir.trim().is_empty() => None,
            Some(dir) => Some(PathBuf::from(dir)),
        };
        let signup_domains = lookup("CAMPUS_SIGNUP_DOMAINS")
            .unwrap_or_default()
            .split(',')
            .map(|d| d.trim().trim_start_matches('@').to_lowercase())
            .filter(|d| !d.is_empty())
            .collect();
        let public_url = lookup("CAMPUS_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{site_addr}"))
            .trim_end_matches('/')
            .to_owned();
        let scim_tokens = lookup("CAMPUS_SCIM_TOKENS")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| match t.split_once('@') {
                Some((token, unit)) => (token.trim().to_owned(), Some(unit.trim().to_owned()).filter(|u| !u.is_empty())),
                None => (t.to_owned(), None),
            })
            .collect();
        let mut scheduler = crate::scheduler::SchedulerSettings::default();
        if let Some(days) = lookup("CAMPUS_REMINDER_DAYS") {
            scheduler.reminder_days = days
                .split(',')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| d.parse::<i64>().ok().filter(|n| (1..=365).contains(n)))
                .collect::<Option<Vec<_>>>()
                .ok_or(ConfigError::Invalid {
                    variable: "CAMPUS_REMINDER_DAYS",
                    value: days.clone(),
                    expected: "des nombres de jours entre 1 et 365 séparés par des virgules, par exemple 7,1",
                })?;
        }
        let assistant_tokens = lookup("CAMPUS_ASSISTANT_TOKENS")
            .unwrap_or_default()
            .split(',')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let sandbox_messages_per_minute = match lookup("CAMPUS_SANDBOX_MESSAGES_PER_MINUTE") {
            None => app::sandbox::api::DEFAULT_MESSAGES_PER_MINUTE,
            Some(value) => value.trim().parse().ok().filter(|n: &i64| *n > 0).ok_or(ConfigError::Invalid {
                variable: "CAMPUS_SANDBOX_MESSAGES_PER_MINUTE",
                value,
                expected: "un nombre entier de messages supérieur à zéro, par exemple 10",
            })?,
        };
        let content_check_interval = match lookup("CAMPUS_CONTENT_CHECK_MS") {
            None => std::time::Duration::from_secs(1),
            Some(value) => value.trim().parse().map(std::time::Duration::from_millis).map_err(|_| ConfigError::Invalid {
                variable: "CAMPUS_CONTENT_CHECK_MS",
                value,
                expected: "un nombre entier de millisecondes, par exemple 1000 (0 : avant chaque page)",
            })?,
        };
        let trusted_proxies =
            app::web::TrustedProxies::parse(&lookup("CAMPUS_TRUSTED_PROXIES").unwrap_or_default()).map_err(ConfigError::TrustedProxies)?;
        let mail = match lookup("CAMPUS_SMTP_URL").map(|u| u.trim().to_owned()).filter(|u| !u.is_empty()) {
            None => None,
            Some(url) => {
                if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                    return Err(ConfigError::Mail("CAMPUS_SMTP_URL invalide : une adresse smtp:// ou smtps:// est attendue, par exemple smtp://relais.interne:25".into()));
                }
                let from = lookup("CAMPUS_MAIL_FROM").unwrap_or_default();
                let from = from.trim().parse::<lettre::message::Mailbox>().map_err(|_| {
                    ConfigError::Mail(format!(
                        "CAMPUS_MAIL_FROM invalide (« {from} ») : avec CAMPUS_SMTP_URL, indiquez l'expéditeur, par exemple « Campus IA <campus@ville.fr> »"
                    ))
                })?;
                Some(crate::mailer::MailSettings {
                    smtp_url: url.into(),
                    from,
                    poll_interval: std::time::Duration::from_secs(2),
                    retry_base_seconds: 30,
                })
            }
        };
        let list = |name: &str| -> Vec<String> {
            lookup(name).unwrap_or_default().split([',', ' ']).map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty()).collect()
        };
        let oidc = match lookup("CAMPUS_OIDC_ISSUER").map(|u| u.trim().trim_end_matches('/').to_owned()).filter(|u| !u.is_empty()) {
            None => None,
            Some(issuer) => {
                if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
                    return Err(ConfigError::Identity(format!("CAMPUS_OIDC_ISSUER invalide (« {issuer} ») : l'adresse de l'émetteur commence par https://")));
                }
                let required = |name: &str| {
                    lookup(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).ok_or_else(|| {
                        ConfigError::Identity(format!("{name} manque : avec CAMPUS_OIDC_ISSUER, indiquez l'identifiant et le secret donnés par le fournisseur"))
                    })
                };
                let scopes = lookup("CAMPUS_OIDC_SCOPES").unwrap_or_else(|| app::identity::DEFAULT_SCOPES.to_owned());
                Some(app::identity::ProviderSettings {
                    issuer,
                    client_id: required("CAMPUS_OIDC_CLIENT_ID")?,
                    client_secret: required("CAMPUS_OIDC_CLIENT_SECRET")?,
                    label: lookup("CAMPUS_OIDC_LABEL").map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).unwrap_or_else(|| app::identity::DEFAULT_LABEL.to_owned()),
                    scopes: scopes.split_whitespace().map(str::to_owned).collect(),
                    unit_claim: lookup("CAMPUS_OIDC_UNIT_CLAIM").map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()).unwrap_or_else(|| "siret".to_owned()),
                    allowed_sirets: list("CAMPUS_OIDC_ALLOWED_SIRETS"),
                    allowed_domains: list("CAMPUS_OIDC_ALLOWED_DOMAINS"),
                })
            }
        };
        let signup_open = match lookup("CAMPUS_SIGNUP").map(|v| v.trim().to_lowercase()) {
            None => true,
            Some(value) => match value.as_str() {
                "" | "on" | "oui" | "true" => true,
                "off" | "non" | "false" => false,
                _ => return Err(ConfigError::Identity(format!("CAMPUS_SIGNUP invalide (« {value} ») : on ou off"))),
            },
        };
        let assistant = AssistantBackend::from_settings(
            lookup("ASSISTANT_BASE_URL").as_deref(),
            lookup("ASSISTANT_API_KEY").as_deref(),
            lookup("ASSISTANT_MODEL").as_deref(),
        )?;
        let lrs = match lookup("CAMPUS_LRS_URL").map(|u| u.trim().to_owned()).filter(|u| !u.is_empty()) {
            None => None,
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => Some(crate::lrs::LrsSettings {
                url,
                username: lookup("CAMPUS_LRS_USERNAME").filter(|u| !u.is_empty()),
                password: lookup("CAMPUS_LRS_PASSWORD"),
                interval: std::time::Duration::from_secs(30),
            }),
            Some(url) => {
                return Err(ConfigError::Invalid {
                    variable: "CAMPUS_LRS_URL",
                    value: url,
                    expected: "une adresse http:// ou https://, par exemple https://lrs.exemple.fr/xapi",
                })
            }
        };
        Ok(Config {
            lrs,
            database_url,
            site_addr,
            site_root,
            environment,
            courses_dir,
            signup_domains,
            public_url,
            assistant_tokens,
            assistant,
            sandbox_messages_per_minute,
            trusted_proxies,
            mail,
            oidc,
            signup_open,
            scim_tokens,
            scheduler,
            hashed_assets: crate::assets::hash_file_next_to_executable().is_some(),
            content_check_interval,
        })
    }

    /// The options Leptos needs to render pages and link the built site.
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(SITE_OUTPUT_NAME)
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> =
            pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_run_on_a_laptop() {
        let config = config(&[]).unwrap();
        assert_eq!(config.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.site_root, "target/site");
        assert_eq!(config.environment, Environment::Dev);
        assert_eq!(config.courses_dir, Some(PathBuf::from("courses")));
    }

    #[test]
    fn an_empty_courses_dir_disables_the_import() {
        assert_eq!(config(&[("CAMPUS_COURSES_DIR", "")]).unwrap().courses_dir, None);
        assert_eq!(config(&[("CAMPUS_COURSES_DIR", "/srv/cours")]).unwrap().courses_dir, Some(PathBuf::from("/srv/cours")));
    }

    #[test]
    fn bad_values_name_the_variable() {
        let error = config(&[("LEPTOS_SITE_ADDR", "localhost")]).unwrap_err().to_string();
        assert!(error.contains("LEPTOS_SITE_ADDR"), "{error}");
        let error = config(&[("CAMPUS_ENV", "staging")]).unwrap_err().to_string();
        assert!(error.contains("CAMPUS_ENV"), "{error}");
        assert_eq!(config(&[("CAMPUS_ENV", "PROD")]).unwrap().environment, Environment::Prod);
        for bad in ["0", "-3", "dix"] {
            let error = config(&[("CAMPUS_SANDBOX_MESSAGES_PER_MINUTE", bad)]).unwrap_err().to_string();
            assert!(error.contains("CAMPUS_SANDBOX_MESSAGES_PER_MINUTE") && error.contains(bad), "{error}");
        }
        assert_eq!(config(&[]).unwrap().sandbox_messages_per_minute, 10);
        assert_eq!(config(&[("CAMPUS_SANDBOX_MESSAGES_PER_MINUTE", " 600 ")]).unwrap().sandbox_messages_per_minute, 600);
    }
}
