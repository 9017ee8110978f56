//! Sign-in throttling: too many failures for one account, or from one address, within a
//! window make further attempts wait, with a clear "try again in N s" message.

use sqlx::Row;

use crate::db::{now, Database, DbError};

/// Failures are counted over this window.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Failures allowed per account within the window.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failures allowed per address within the window (an office may share one address).
pub const MAX_PER_ADDRESS: i64 = 30;

/// How long the caller must wait before trying again, if at all.
pub async fn retry_after(db: &Database, account_key: &str, address: &str) -> Result<Option<i64>, DbError> {
    let at = now();
    let since = at - WINDOW_SECONDS;
    let mut wait = None;
    for (column, key, limit) in [("account_key", account_key, MAX_PER_ACCOUNT), ("address", address, MAX_PER_ADDRESS)] {
        let row = sqlx::query(&format!(
            "SELECT COUNT(*) AS n, MIN(failed_at) AS oldest FROM ( \
                 SELECT failed_at FROM sign_in_failures WHERE {column} = $1 AND failed_at > $2 \
                 ORDER BY failed_at DESC LIMIT {limit} \
             ) recent"
        ))
        .bind(key)
        .bind(since)
        .fetch_one(db.pool())
        .await?;
        let count: i64 = row.try_get("n")?;
        if count >= limit {
            let oldest: Option<i64> = row.try_get("oldest")?;
            let seconds = oldest.map(|o| o + WINDOW_SECONDS - at).unwrap_or(WINDOW_SECONDS).max(1);
            wait = Some(wait.map_or(seconds, |w: i64| w.max(seconds)));
        }
    }
    Ok(wait)
}

/// Records a failed sign-in.
pub async fn record_failure(db: &Database, account_key: &str, address: &str) -> Result<(), DbError> {
    sqlx::query("INSERT INTO sign_in_failures (account_key, address, failed_at) VALUES ($1, $2, $3)")
        .bind(account_key)
        .bind(address)
        .bind(now())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Forgets an account's failures after a successful sign-in.
pub async fn clear_account(db: &Database, account_key: &str) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE account_key = $1").bind(account_key).execute(db.pool()).await?;
    Ok(())
}

/// Drops failures older than the window.
pub async fn purge_old(db: &Database) -> Result<(), DbError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE failed_at <= $1").bind(now() - WINDOW_SECONDS).execute(db.pool()).await?;
    Ok(())
}
