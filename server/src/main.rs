//! The `server` binary: parses the command line and reports any error on one line.

use std::process::ExitCode;

use server::{cli, config::ConfigError, telemetry};

#[tokio::main]
async fn main() -> ExitCode {
    return_large_blocks_to_the_system();
    let command = match cli::Cli::try_parse_args(std::env::args_os()) {
        Ok(command) => command,
        // A setting's own message (`CAMPUS_ENV invalide (« … ») : dev ou prod`), not clap's.
        Err(error) => match ConfigError::from_clap(&error) {
            Some(problem) => {
                eprintln!("erreur : {problem}");
                return ExitCode::FAILURE;
            }
            // Usage errors, --help and --version, as clap prints them.
            None => {
                let _ = error.print();
                return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
            }
        },
    };
    telemetry::init(command.environment());
    match cli::run(command).await {
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

/// Each password check uses 19 MiB of working memory (argon2). glibc raises its mmap threshold
/// once such a block is freed, after which these blocks come from per-thread arenas that keep
/// them: the resident memory grew by ~19 MiB per sign-in thread (21 → 234 MiB over 16 sign-ups,
/// see BENCHMARKS.md). A fixed threshold keeps large blocks in mmap, returned when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_large_blocks_to_the_system() {
    // SAFETY: mallopt only changes allocator parameters; it is called before any other work.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_large_blocks_to_the_system() {}
