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
        Err(error) => {
            eprintln!("erreur : {error}");
            ExitCode::FAILURE
        }
    }
}
