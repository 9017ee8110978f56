//! Password hashing with argon2id (OWASP parameters: 19 MiB, 2 iterations, 1 lane).
//!
//! Hashing takes tens of milliseconds of CPU, so it runs on the blocking thread pool, never on
//! the async runtime. Checking a sign-in for an unknown e-mail verifies against a fixed dummy
//! hash, so that it takes as long as a wrong password and does not reveal which accounts exist.
//!
//! Each hash holds 19 MiB while it runs: at most [`MAX_CONCURRENT_HASHES`] run at once in the
//! process, and a request that cannot get a turn within [`HASH_WAIT`] is answered "busy" (503
//! with `Retry-After`) instead of piling up memory.

use std::sync::LazyLock;

use argon2::{
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("le calcul de l'empreinte du mot de passe a échoué : {0}")]
    Hash(String),
    #[error("tâche de calcul interrompue")]
    Join,
    #[error("trop de mots de passe sont vérifiés en ce moment")]
    Busy,
}

/// Password hashes computed at the same time, whatever the number of requests.
pub const MAX_CONCURRENT_HASHES: usize = 4;
/// How long a request waits for a hashing turn before being told to come back.
pub const HASH_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

static HASHING_TURNS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(MAX_CONCURRENT_HASHES);

/// Runs `work` on the blocking pool once a hashing turn is free.
async fn with_hashing_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
    let _turn = tokio::time::timeout(HASH_WAIT, HASHING_TURNS.acquire()).await.map_err(|_| HashError::Busy)?.map_err(|_| HashError::Busy)?;
    tokio::task::spawn_blocking(work).await.map_err(|_| HashError::Join)
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn random_salt() -> Result<SaltString, HashError> {
    let bytes: [u8; 16] = crate::crypto::random_bytes().map_err(|e| HashError::Hash(e.to_string()))?;
    SaltString::encode_b64(&bytes).map_err(|e| HashError::Hash(e.to_string()))
}

fn hash_blocking(password: &str) -> Result<String, HashError> {
    let salt = random_salt()?;
    hasher().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| HashError::Hash(e.to_string()))
}

fn verify_blocking(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A valid hash of a random password, verified against when the account does not exist.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let bytes: [u8; 24] = crate::crypto::random_bytes().unwrap_or_default();
    hash_blocking(&format!("{bytes:?}")).unwrap_or_default()
});

/// Hashes a new password (PHC string, salt included).
pub async fn hash_password(password: String) -> Result<String, HashError> {
    with_hashing_turn(move || hash_blocking(&password)).await?
}

/// Checks `password` against `stored` (or, when there is no account, against a dummy hash so
/// the answer takes the same time). Returns false for no account.
pub async fn verify_password(password: String, stored: Option<String>) -> Result<bool, HashError> {
    with_hashing_turn(move || match stored {
        Some(phc) => verify_blocking(&password, &phc),
        None => {
            verify_blocking(&password, &DUMMY_HASH);
            false
        }
    })
    .await
}

/// Computes the dummy hash ahead of the first sign-in (at start-up).
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_use_owasp_parameters() {
        let hash = hash_password("une phrase de passe".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(verify_password("une phrase de passe".into(), Some(hash.clone())).await.unwrap());
        assert!(!verify_password("une autre phrase".into(), Some(hash.clone())).await.unwrap());
        assert!(!verify_password("une phrase de passe".into(), None).await.unwrap());
        assert_ne!(hash, hash_password("une phrase de passe".into()).await.unwrap(), "salted");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_than_the_cap_hash_at_once() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static RUNNING: AtomicUsize = AtomicUsize::new(0);
        static PEAK: AtomicUsize = AtomicUsize::new(0);
        let tasks: Vec<_> = (0..12)
            .map(|_| {
                tokio::spawn(with_hashing_turn(|| {
                    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
                    PEAK.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(30));
                    RUNNING.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert!(PEAK.load(Ordering::SeqCst) <= MAX_CONCURRENT_HASHES, "peak {}", PEAK.load(Ordering::SeqCst));
    }
}
