//! The command line: `server [serve]`, `server migrate`.

use clap::{Parser, Subcommand};

use crate::{config::Config, startup::{shutdown_signal, Application}};

#[derive(Debug, Parser)]
#[command(name = "server", version, about = "Campus IA — plateforme de formation à l'IA pour les agents publics")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Démarre le serveur web (commande par défaut).
    Serve,
    /// Applique les migrations de la base de données, puis s'arrête.
    Migrate,
}

/// Any failure of a command, shown to the operator on one line.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Startup(#[from] crate::startup::StartupError),
    #[error(transparent)]
    Database(#[from] app::db::DbError),
    #[error("erreur du serveur : {0}")]
    Io(#[from] std::io::Error),
}

pub async fn run(cli: Cli, config: Config) -> Result<(), CliError> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let application = Application::build(&config).await?;
            tracing::info!(
                address = %application.local_addr(),
                database = application.state().db.engine().name(),
                "Campus IA is listening on http://{}",
                application.local_addr()
            );
            application.run_until(shutdown_signal()).await?;
        }
        Command::Migrate => {
            let db = app::db::Database::connect(&config.database_url).await?;
            db.migrate().await?;
            db.close().await;
            println!("migrations appliquées ({})", db.engine().name());
        }
    }
    Ok(())
}
