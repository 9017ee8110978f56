//! Throttling of the actions that check a password or create an account: too many attempts for
//! one account, or from one address, within a window make further attempts wait, with a clear
//! "try again in N s" message.
//!
//! The check and the record are one write transaction ([`reserve`]): an attempt is counted
//! *before* its password is checked, so twenty parallel requests cannot all pass a count that
//! none of them has written yet. A successful sign-in then forgets the account's attempts.


use crate::db::{now, Database, DbError};

/// What is being throttled, each with its own limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// A sign-in with a password.
    SignIn,
    /// A self sign-up (each hashes a password and may create an account).
    SignUp,
    /// The current password confirming a change (new password, account deletion).
    PasswordConfirmation,
    /// Asking for a password-reset link (each sends an e-mail).
    PasswordReset,
}

impl Action {
    fn id(self) -> &'static str {
        match self {
            Action::SignIn => "sign-in",
            Action::SignUp => "sign-up",
            Action::PasswordConfirmation => "password-confirmation",
            Action::PasswordReset => "password-reset",
        }
    }

    /// (window in seconds, attempts per account, attempts per address).
    pub fn limits(self) -> (i64, i64, i64) {
        match self {
            // An office may share one address: 30 failures from it before it waits.
            Action::SignIn => (WINDOW_SECONDS, MAX_PER_ACCOUNT, MAX_PER_ADDRESS),
            // A training room signs up together: 30 sign-ups an hour from one address.
            Action::SignUp => (3_600, i64::MAX, 30),
            Action::PasswordConfirmation => (WINDOW_SECONDS, MAX_PER_ACCOUNT, MAX_PER_ADDRESS),
            // Three links per address asked for in 15 minutes, 20 requests per client address.
            Action::PasswordReset => (WINDOW_SECONDS, 3, 20),
        }
    }
}

/// Sign-in attempts are counted over this window.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Failed attempts allowed per account within the window.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failed attempts allowed per address within the window.
pub const MAX_PER_ADDRESS: i64 = 30;

/// Counts the recent attempts of `action` for `account_key` (if any) and from `address`, and,
/// if both are under their limits, records this one — all in one transaction serialised on the
/// keys. `Ok(None)`: go ahead; `Ok(Some(seconds))`: refused, try again after that long.
pub async fn reserve(db: &Database, action: Action, account_key: Option<&str>, address: &str) -> Result<Option<i64>, DbError> {
    let (window, per_account, per_address) = action.limits();
    let at = now();
    let mut tx = db.begin_write().await?;
    // Always in this order (account, then address), so two transactions never wait on each other.
    if let Some(account) = account_key {
        tx.serialize_on(&format!("throttle:{}:account:{account}", action.id())).await?;
    }
    tx.serialize_on(&format!("throttle:{}:address:{address}", action.id())).await?;
    let mut wait: Option<i64> = None;
    let checks = [("account_key", account_key, per_account), ("address", Some(address), per_address)];
    for (column, key, limit) in checks {
        let Some(key) = key else { continue };
        if limit == i64::MAX {
            continue;
        }
        let (n, oldest): (i64, Option<i64>) = sqlx::query_as(&format!(
            "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM ( \
                 SELECT at FROM throttle_events WHERE kind = $1 AND {column} = $2 AND at > $3 ORDER BY at DESC LIMIT {limit} \
             ) recent"
        ))
        .bind(action.id())
        .bind(key)
        .bind(at - window)
        .fetch_one(&mut *tx)
        .await?;
        if n >= limit {
            let seconds = oldest.map_or(window, |o| o + window - at).max(1);
            wait = Some(wait.map_or(seconds, |w| w.max(seconds)));
        }
    }
    if wait.is_none() {
        sqlx::query("INSERT INTO throttle_events (kind, account_key, address, at) VALUES ($1, $2, $3, $4)")
            .bind(action.id())
            .bind(account_key)
            .bind(address)
            .bind(at)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(wait)
}

/// Forgets an account's attempts of `action` after it succeeded (a correct password).
pub async fn clear_account(db: &Database, action: Action, account_key: &str) -> Result<(), DbError> {
    db.execute(sqlx::query("DELETE FROM throttle_events WHERE kind = $1 AND account_key = $2")
        .bind(action.id())
        .bind(account_key))
        .await?;
    Ok(())
}

/// Drops attempts older than the longest window.
pub async fn purge_old(db: &Database) -> Result<(), DbError> {
    db.execute(sqlx::query("DELETE FROM throttle_events WHERE at <= $1").bind(now() - 3_600)).await?;
    Ok(())
}
