//! The `server` binary: parses the command line and reports any error on one line.

use std::process::ExitCode;

use server::{cli, config::ConfigError, telemetry};

/// mimalloc rather than glibc's allocator. Under load, a signed-in page's rows are allocated on
/// SQLite's connection thread and freed on tokio's: glibc then takes the other thread's arena
/// lock, and the futex wake-ups and allocator calls were a fifth of the page's CPU in the profile
/// (BENCHMARKS.md). mimalloc frees such a block without a lock, on its owner's list.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's number for its `purge_delay` option (`mi_option_e` in its v3 `mimalloc.h`; the Rust
/// crate leaves option numbers out "for stability reasons" and says to pass them).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory freed is given back to the system at once, where mimalloc waits a second by default, and
/// without transparent huge pages (the `no_thp` feature: memory grew by 2 MiB pages): the server
/// stayed at 80 MiB resident after the benchmark's load instead of 44 MiB, for no measurable
/// difference in speed.
fn give_memory_back_promptly() {
    // SAFETY: this only changes an allocator setting; it runs first, on the main thread.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    give_memory_back_promptly();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number still means `purge_delay` in the mimalloc built here: its default, 1,000 ms
    /// (the test binary does not change it).
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: reads an allocator setting.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1_000, "option {MI_OPTION_PURGE_DELAY} vaut {delay} : ce n'est plus purge_delay (1 000 ms par défaut)");
    }
}
