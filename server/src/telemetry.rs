//! Structured logs with `tracing`: readable lines in development, JSON in production.

use tracing_subscriber::{fmt, EnvFilter};

use crate::config::Environment;

/// Installs the global subscriber; `RUST_LOG` overrides the default `info` level.
pub fn init(environment: Environment) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second initialisation (tests) is harmless, hence `try_init`.
    let _ = match environment {
        Environment::Prod => builder.json().try_init(),
        Environment::Dev => builder.compact().try_init(),
    };
}
