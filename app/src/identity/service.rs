//! Turning a verified identity into a signed-in account (server only), each outcome in one
//! write transaction: the account is keyed on (issuer, `sub`); the first sign-in creates it
//! from the claims and places it in the unit of its SIRET (or the default unit); a later one
//! updates the name and e-mail; an existing local account with the same e-mail is linked only
//! after its owner confirms with the local password.

use super::Identity;
use crate::{
    accounts::session::{hash_token, new_token},
    db::{now, Database, DbError},
};

/// How long a link waiting for the local password stays valid.
pub const LINK_LIFETIME_SECONDS: i64 = 15 * 60;

/// What a verified identity leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum SignInOutcome {
    /// Signed in as this account.
    SignedIn { user_id: i64, created: bool },
    /// A local account has this e-mail: its owner must confirm with its password (token of the
    /// confirmation page).
    ConfirmLink { token: String },
    /// Refused, with the reason to show.
    Refused(SignInRefusal),
}

/// Why a verified identity may not sign in. The `Display` text is French, for logs; the user
/// reads [`SignInRefusal::message`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignInRefusal {
    #[error("Ce compte est désactivé : adressez-vous à votre service des ressources humaines.")]
    Disabled,
    #[error("Le fournisseur d'identité n'a pas transmis d'adresse électronique valide : Campus IA ne peut pas créer votre compte.")]
    NoEmail,
    #[error("Un compte existe déjà avec cette adresse, relié à un autre fournisseur d'identité : demandez à un administrateur de les réunir.")]
    LinkedElsewhere,
}

impl SignInRefusal {
    /// The reason shown on the sign-in page, in `locale`.
    pub fn message(self, locale: crate::i18n::Locale) -> String {
        locale.text(match self {
            SignInRefusal::Disabled => "oidc-refused-disabled",
            SignInRefusal::NoEmail => "oidc-refused-no-email",
            SignInRefusal::LinkedElsewhere => "oidc-refused-linked-elsewhere",
        })
    }
}

/// Signs `identity` in (see the module's rules). `id_token` is kept for the confirmation page
/// when a link must be confirmed.
pub async fn sign_in(db: &Database, identity: &Identity, id_token: &str) -> Result<SignInOutcome, DbError> {
    let at = now();
    let mut tx = db.begin_write().await?;
    tx.serialize_on(&format!("identity:{}:{}", identity.issuer, identity.subject)).await?;
    let known: Option<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT u.id, u.disabled_at FROM external_identities i JOIN users u ON u.id = i.user_id WHERE i.issuer = $1 AND i.subject = $2",
    )
    .bind(&identity.issuer)
    .bind(&identity.subject)
    .fetch_optional(&mut *tx)
    .await?;
    let email = identity.email.as_deref().and_then(|e| crate::accounts::normalize_email(e).ok());
    let name = crate::accounts::clean_display_name(&identity.display_name()).unwrap_or_else(|_| identity.subject.chars().take(120).collect());
    if let Some((user_id, disabled_at)) = known {
        if disabled_at.is_some() {
            tx.rollback().await?;
            return Ok(SignInOutcome::Refused(SignInRefusal::Disabled));
        }
        sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2").bind(&name).bind(user_id).execute(&mut *tx).await?;
        if let Some(email) = &email {
            // A new address from the provider, unless another account already has it.
            sqlx::query("UPDATE users SET email = $1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM users WHERE email = $1 AND id <> $2)")
                .bind(email)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE external_identities SET last_sign_in_at = $1 WHERE issuer = $2 AND subject = $3")
            .bind(at)
            .bind(&identity.issuer)
            .bind(&identity.subject)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Ok(SignInOutcome::SignedIn { user_id, created: false });
    }
    let Some(email) = email else {
        tx.rollback().await?;
        return Ok(SignInOutcome::Refused(SignInRefusal::NoEmail));
    };
    let local: Option<(i64, Option<String>)> = sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1").bind(&email).fetch_optional(&mut *tx).await?;
    if let Some((user_id, password_hash)) = local {
        let linked = sqlx::query("SELECT 1 FROM external_identities WHERE user_id = $1").bind(user_id).fetch_optional(&mut *tx).await?.is_some();
        let has_password = password_hash.is_some();
        if !has_password && !linked {
            // An account loaded from the employer's directory (CSV import, SCIM): no password to
            // confirm, and the provider vouches for the same address — link it now.
            let disabled_at: Option<i64> = sqlx::query_scalar("SELECT disabled_at FROM users WHERE id = $1").bind(user_id).fetch_one(&mut *tx).await?;
            let disabled = disabled_at.is_some();
            if disabled {
                tx.rollback().await?;
                return Ok(SignInOutcome::Refused(SignInRefusal::Disabled));
            }
            link(&mut tx, identity, user_id, at).await?;
            crate::audit::record_in(&mut tx, Some(user_id), "account.link.oidc", &format!("user:{user_id}"), &format!("compte de l'annuaire relié à {}", identity.issuer)).await?;
            tx.commit().await?;
            return Ok(SignInOutcome::SignedIn { user_id, created: false });
        }
        if !has_password {
            tx.rollback().await?;
            return Ok(SignInOutcome::Refused(SignInRefusal::LinkedElsewhere));
        }
        let token = new_token()?;
        sqlx::query("DELETE FROM pending_links WHERE user_id = $1 OR expires_at < $2").bind(user_id).bind(at).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO pending_links (token_hash, user_id, identity_json, id_token, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(hash_token(&token))
            .bind(user_id)
            .bind(serde_json::to_string(identity).map_err(crate::db::json_error)?)
            .bind(id_token)
            .bind(at + LINK_LIFETIME_SECONDS)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        return Ok(SignInOutcome::ConfirmLink { token });
    }
    let unit = match identity.organisation.as_deref().and_then(super::normalize_siret) {
        Some(siret) => sqlx::query_scalar("SELECT id FROM organizations WHERE siret = $1").bind(siret).fetch_optional(&mut *tx).await?,
        None => None,
    };
    let unit = match unit {
        Some(unit) => Some(unit),
        None => super::repository::default_unit(&mut tx).await?,
    };
    let user_id: i64 = sqlx::query_scalar("INSERT INTO users (email, display_name, organization_id, password_hash, created_at, email_verified_at) VALUES ($1, $2, $3, NULL, $4, $4) RETURNING id")
        .bind(&email)
        .bind(&name)
        .bind(unit)
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
    link(&mut tx, identity, user_id, at).await?;
    crate::audit::record_in(&mut tx, Some(user_id), "account.create.oidc", &format!("user:{user_id}"), &format!("compte créé par {}", identity.issuer)).await?;
    tx.commit().await?;
    Ok(SignInOutcome::SignedIn { user_id, created: true })
}

async fn link(conn: &mut sqlx::AnyConnection, identity: &Identity, user_id: i64, at: i64) -> Result<(), DbError> {
    sqlx::query("INSERT INTO external_identities (issuer, subject, user_id, created_at, last_sign_in_at) VALUES ($1, $2, $3, $4, $4)")
        .bind(&identity.issuer)
        .bind(&identity.subject)
        .bind(user_id)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A link waiting for confirmation: the account, its e-mail, the provider's label and ID token.
pub async fn pending_link(db: &Database, token: &str) -> Result<Option<(i64, String, Identity, String)>, DbError> {
    let row: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT p.user_id, u.email, p.identity_json, p.id_token FROM pending_links p JOIN users u ON u.id = p.user_id WHERE p.token_hash = $1 AND p.expires_at > $2",
    )
    .bind(hash_token(token))
    .bind(now())
    .fetch_optional(db.pool())
    .await?;
    let Some((user_id, email, identity, id_token)) = row else { return Ok(None) };
    let identity: Identity = serde_json::from_str(&identity).map_err(crate::db::json_error)?;
    Ok(Some((user_id, email, identity, id_token)))
}

/// Links the identity of a confirmed pending link to its account, in one transaction.
pub async fn confirm_link(db: &Database, token: &str) -> Result<Option<(i64, String)>, DbError> {
    let at = now();
    let mut tx = db.begin_write().await?;
    let row: Option<(i64, String, String)> = sqlx::query_as("DELETE FROM pending_links WHERE token_hash = $1 AND expires_at > $2 RETURNING user_id, identity_json, id_token")
        .bind(hash_token(token))
        .bind(at)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((user_id, identity, id_token)) = row else {
        tx.rollback().await?;
        return Ok(None);
    };
    let identity: Identity = serde_json::from_str(&identity).map_err(crate::db::json_error)?;
    link(&mut tx, &identity, user_id, at).await?;
    crate::audit::record_in(&mut tx, Some(user_id), "account.link.oidc", &format!("user:{user_id}"), &format!("identité de {} reliée", identity.issuer)).await?;
    tx.commit().await?;
    Ok(Some((user_id, id_token)))
}
