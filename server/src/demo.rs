//! `server demo seed`: a small demo organisation with one account per role, for trying Campus IA
//! locally. Running it again changes nothing.

use app::{
    accounts::{password::hash_password, repository as users, Role},
    db::{Database, DbError},
    organizations::{repository as units, Organization},
};

/// The bundled course the demo trainer edits.
const SAMPLE_COURSE: &str = "prendre-en-main-campus-ia";

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
        // The demo trainer can open the sample course in authoring straight away.
        if role == Role::Trainer && app::course::repository::outline(db, SAMPLE_COURSE).await?.is_some() {
            app::authoring::repository::add_editor(db, SAMPLE_COURSE, user.id).await?;
        }
        let scope_name = match scope {
            Some(id) => units::find(db, id).await?.map(|u| u.name).unwrap_or_default(),
            None => String::new(),
        };
        created.push(DemoAccount { email, role, unit: scope_name });
    }
    Ok(created)
}

/// What `seed_at_scale` built.
pub struct ScaleReport {
    pub units: usize,
    pub agents: usize,
    pub assignments: usize,
    pub enrolments: i64,
    pub completed: i64,
}

const DIRECTIONS: [&str; 10] = [
    "Direction des affaires juridiques",
    "Direction des achats",
    "Direction des systèmes d'information",
    "Direction des finances",
    "Direction de la communication",
    "Direction des territoires",
    "Direction de l'immobilier",
    "Direction des politiques sociales",
    "Direction de l'évaluation",
    "Direction des relations usagers",
];
const FIRST_NAMES: [&str; 20] = [
    "Camille", "Dominique", "Claude", "Alex", "Sacha", "Marie", "Jean", "Nadia", "Karim", "Sophie", "Lucas", "Inès", "Hugo",
    "Chloé", "Mehdi", "Léa", "Thomas", "Emma", "Yanis", "Julie",
];
const LAST_NAMES: [&str; 20] = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent",
    "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
];

/// A small deterministic pseudo-random number (same demo every time).
fn mix(value: u64) -> u64 {
    let mut x = value.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^ (x >> 29)
}

/// Runs `rows` as multi-row inserts of `columns` values each, in one transaction.
async fn insert_rows(db: &Database, head: &str, columns: usize, rows: &[Vec<RowValue>]) -> Result<(), SeedError> {
    let mut tx = db.begin_write().await?;
    for chunk in rows.chunks(1_000) {
        let placeholders: Vec<String> = (0..chunk.len())
            .map(|r| format!("({})", (1..=columns).map(|c| format!("${}", r * columns + c)).collect::<Vec<_>>().join(", ")))
            .collect();
        let sql = format!("{head} VALUES {}", placeholders.join(", "));
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for value in row {
                query = match value {
                    RowValue::Int(v) => query.bind(*v),
                    RowValue::Text(v) => query.bind(v.clone()),
                    RowValue::Null => query.bind(None::<i64>),
                };
            }
        }
        query.execute(&mut *tx).await.map_err(DbError::from)?;
    }
    tx.commit().await.map_err(DbError::from)?;
    Ok(())
}

enum RowValue {
    Int(i64),
    Text(String),
    Null,
}

/// `server demo seed --agents N`: a ministry of ten directions, five sub-directions each and
/// five offices in each of those, `agents` agents spread over the offices, the first `courses`
/// published courses assigned (two to the whole ministry, each other one to one direction, some
/// already past due), and progress: about 45 % completed, 25 % in progress. For trying and
/// measuring the HR dashboard at the scale of a ministry.
pub async fn seed_at_scale(db: &Database, agents: usize, courses: usize) -> Result<ScaleReport, SeedError> {
    let ministry = unit(db, None, "Ministère de l'Exemple").await?;
    let mut offices = Vec::new();
    let mut directions = Vec::new();
    let mut unit_count = 1;
    for direction_name in DIRECTIONS {
        let direction = unit(db, Some(ministry.id), direction_name).await?;
        for s in 1..=5 {
            let sub = unit(db, Some(direction.id), &format!("Sous-direction {s} ({direction_name})")).await?;
            for b in 1..=5 {
                offices.push(unit(db, Some(sub.id), &format!("Bureau {s}.{b} ({direction_name})")).await?.id);
                unit_count += 1;
            }
            unit_count += 1;
        }
        directions.push(direction.id);
        unit_count += 1;
    }

    let hash = hash_password(DEMO_PASSWORD.to_owned()).await?;
    let created_at = app::db::now();
    let rows: Vec<Vec<RowValue>> = (0..agents)
        .map(|i| {
            let r = mix(i as u64);
            let name = format!("{} {}", FIRST_NAMES[(r % 20) as usize], LAST_NAMES[((r >> 8) % 20) as usize]);
            vec![
                RowValue::Text(format!("agent.{i:05}@demo.campus-ia.fr")),
                RowValue::Text(name),
                RowValue::Int(offices[i % offices.len()]),
                RowValue::Text(hash.clone()),
                RowValue::Int(created_at),
                RowValue::Int(created_at),
            ]
        })
        .collect();
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM users WHERE email LIKE 'agent.%@demo.campus-ia.fr'")
        .fetch_one(db.pool())
        .await
        .map_err(DbError::from)?;
    if existing == 0 {
        insert_rows(db, "INSERT INTO users (email, display_name, organization_id, password_hash, created_at, email_verified_at)", 6, &rows).await?;
    }

    let catalogue = app::course::repository::catalogue(db).await?;
    let mut assignments = 0;
    let day = 86_400;
    for (k, course) in catalogue.iter().take(courses).enumerate() {
        let already: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM assignments WHERE course_slug = $1")
            .bind(&course.slug)
            .fetch_one(db.pool())
            .await
            .map_err(DbError::from)?;
        if already > 0 {
            continue;
        }
        let target = if k < 2 { ministry.id } else { directions[(k - 2) % directions.len()] };
        // Every third course was due ten days ago: some agents are late.
        let due_at = if k % 3 == 2 { created_at - 10 * day } else { created_at + 30 * day };
        let due_date = app::time::iso_date(app::time::local_date(due_at, &app::time::default_zone()));
        let target = app::reporting::repository::Target::Unit { id: target, include_subunits: true };
        app::reporting::repository::create_assignment(db, &course.slug, &target, Some((due_date, due_at)), "Formation obligatoire.", None).await?;
        assignments += 1;
    }

    // Progress on the enrolments: completed, started, or nothing yet.
    let mut first_modules = std::collections::HashMap::new();
    for (index, course) in catalogue.iter().enumerate() {
        if let Some(outline) = app::course::repository::outline(db, &course.slug).await? {
            if let Some(first) = outline.modules.first() {
                first_modules.insert(course.slug.clone(), (index, first.slug.clone()));
            }
        }
    }
    let enrolled: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT e.user_id, e.course_slug, c.current_version_id FROM enrolments e JOIN courses c ON c.slug = e.course_slug \
         WHERE NOT EXISTS (SELECT 1 FROM module_progress p WHERE p.user_id = e.user_id AND p.course_slug = e.course_slug)",
    )
    .fetch_all(db.pool())
    .await
    .map_err(DbError::from)?;
    let mut progress = Vec::new();
    let mut completions = Vec::new();
    for (user_id, slug, version) in enrolled {
        let (Some(version), Some((course_index, first_module))) = (version, first_modules.get(&slug).cloned()) else { continue };
        let r = mix(((user_id as u64) << 8) ^ course_index as u64);
        let started = created_at - ((r >> 20) % 300) as i64 * day;
        match r % 100 {
            0..=44 => {
                progress.push(vec![
                    RowValue::Int(user_id),
                    RowValue::Text(slug.clone()),
                    RowValue::Text(first_module),
                    RowValue::Int(started),
                    RowValue::Int(started),
                    RowValue::Int(started),
                ]);
                completions.push(vec![
                    RowValue::Int(user_id),
                    RowValue::Text(slug),
                    RowValue::Int(version),
                    RowValue::Int(started + ((r >> 40) % 20) as i64 * day / 4),
                    RowValue::Text(format!("DEMO-{user_id:06}-{course_index:03}")),
                ]);
            }
            45..=69 => progress.push(vec![
                RowValue::Int(user_id),
                RowValue::Text(slug),
                RowValue::Text(first_module),
                RowValue::Int(started),
                RowValue::Int(started),
                RowValue::Null,
            ]),
            _ => {}
        }
    }
    insert_rows(db, "INSERT INTO module_progress (user_id, course_slug, module_slug, started_at, last_visited_at, completed_at)", 6, &progress).await?;
    insert_rows(db, "INSERT INTO course_completions (user_id, course_slug, version_id, completed_at, verification_code)", 5, &completions).await?;
    app::reporting::repository::rebuild_all_enrolments(db).await?;
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<_, i64>(sql).fetch_one(db.pool()).await.map_err(DbError::from)
    };
    Ok(ScaleReport {
        units: unit_count,
        agents,
        assignments,
        enrolments: count("SELECT COUNT(*) AS n FROM enrolments").await?,
        completed: count("SELECT COUNT(*) AS n FROM enrolments WHERE completed_at IS NOT NULL").await?,
    })
}
