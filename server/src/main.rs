//! The `server` binary: parses the command line and reports any error on one line.

use std::process::ExitCode;

use clap::Parser;
use server::{cli, config::Config, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("erreur : {error}");
            return ExitCode::FAILURE;
        }
    };
    telemetry::init(config.environment);
    match cli::run(cli, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::CliError::PersonalDataFound) => ExitCode::from(1),
        Err(error) => {
            eprintln!("erreur : {error}");
            if is_privacy_scan() { ExitCode::from(2) } else { ExitCode::FAILURE }
        }
    }
}

/// `privacy scan` promises exit code 2 on errors (1 means "personal data found").
fn is_privacy_scan() -> bool {
    std::env::args().nth(1).as_deref() == Some("privacy")
}
