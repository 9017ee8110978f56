//! `server demo seed`: a small demo organisation with one account per role, for trying Campus IA
//! locally. Running it again changes nothing.

use app::{
    accounts::{password::hash_password, repository as users, Role},
    db::{Database, DbError},
    organizations::{repository as units, Organization},
};

/// The password of every demo account (local use only; documented in the README).
pub const DEMO_PASSWORD: &str = "campus-ia-demo";

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("création de l'organisation de démonstration impossible : {0}")]
    Organization(#[from] units::OrganizationError),
    #[error("création d'un compte de démonstration impossible : {0}")]
    Account(#[from] users::AccountError),
    #[error("{0}")]
    Hash(#[from] app::accounts::password::HashError),
}

/// Finds the unit called `name` under `parent`, or creates it.
async fn unit(db: &Database, parent: Option<i64>, name: &str) -> Result<Organization, SeedError> {
    let existing = match parent {
        Some(parent) => units::subtree(db, parent).await?.into_iter().find(|u| u.parent_id == Some(parent) && u.name == name),
        None => units::tree(db).await?.into_iter().map(|(u, _)| u).find(|u| u.parent_id.is_none() && u.name == name),
    };
    match existing {
        Some(unit) => Ok(unit),
        None => Ok(units::create(db, parent, name).await?),
    }
}

/// One line per demo account: e-mail, role, unit.
pub struct DemoAccount {
    pub email: &'static str,
    pub role: Role,
    pub unit: String,
}

pub async fn seed(db: &Database) -> Result<Vec<DemoAccount>, SeedError> {
    let ministry = unit(db, None, "Ministère de l'Exemple").await?;
    let digital = unit(db, Some(ministry.id), "Direction du numérique").await?;
    let usages = unit(db, Some(digital.id), "Service des usages").await?;
    unit(db, Some(digital.id), "Service des infrastructures").await?;
    let hr = unit(db, Some(ministry.id), "Direction des ressources humaines").await?;
    unit(db, Some(hr.id), "Bureau de la formation").await?;

    let accounts = [
        ("agent@demo.campus-ia.fr", "Alex Martin (agent)", usages.id, Role::Agent, None),
        ("formateur@demo.campus-ia.fr", "Camille Bernard (formatrice)", hr.id, Role::Trainer, Some(ministry.id)),
        ("rh@demo.campus-ia.fr", "Dominique Petit (RH)", hr.id, Role::Hr, Some(digital.id)),
        ("admin@demo.campus-ia.fr", "Sacha Robert (administration)", digital.id, Role::Admin, None),
    ];
    let hash = hash_password(DEMO_PASSWORD.to_owned()).await?;
    let mut created = Vec::new();
    for (email, name, unit_id, role, scope) in accounts {
        let user = match users::find_by_email(db, email).await? {
            Some(user) => user,
            None => {
                users::create(db, users::NewUser { email, display_name: name, organization_id: Some(unit_id), password_hash: Some(&hash) }).await?
            }
        };
        if role != Role::Agent {
            users::grant_role(db, user.id, role, scope, None).await?;
        }
        let scope_name = match scope {
            Some(id) => units::find(db, id).await?.map(|u| u.name).unwrap_or_default(),
            None => String::new(),
        };
        created.push(DemoAccount { email, role, unit: scope_name });
    }
    Ok(created)
}
