//! The command line: `server [serve]` and the operators' and trainers' commands (`migrate`,
//! `courses check|import|export`, `user create|import`, `backup`, `check`, `privacy scan`,
//! `prompt check`, `notifications run`, `demo seed`, `assets compress`), each printing French
//! messages and exiting non-zero on failure.

use std::path::PathBuf;

use app::course::{diagnostics::Severity, loader::check_directory};
use clap::{Parser, Subcommand};

use crate::{
    config::{AddressArgs, CoursesArgs, DatabaseArgs, Environment, ReminderArgs, ServeArgs, SiteArgs},
    startup::{shutdown_signal, Application},
};

/// Each command reads the settings it needs, as options or from their environment variables
/// (`server COMMAND --help` lists them).
#[derive(Debug, Parser)]
#[command(name = "server", version, about = "Campus IA — plateforme de formation à l'IA pour les agents publics")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Reads the command line (`args`, program name first) and the settings its command needs;
    /// `server` alone is `server serve`.
    pub fn try_parse_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Command, clap::Error> {
        let args: Vec<_> = args.into_iter().collect();
        if let Some(command) = Cli::try_parse_from(&args)?.command {
            return Ok(command);
        }
        Cli::try_parse_from(args.into_iter().chain(["serve".into()]))?
            .command
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::MissingSubcommand))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Démarre le serveur web (commande par défaut).
    Serve(ServeArgs),
    /// Applique les migrations de la base de données, puis s'arrête.
    Migrate {
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Vérifie ou importe des cours écrits en Markdown.
    Courses {
        #[command(subcommand)]
        action: CoursesCommand,
    },
    /// Gère les comptes (`server user …` ou `server users …`).
    #[command(alias = "users")]
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Sauvegarde cohérente d'une base SQLite pendant que le serveur tourne (le fichier produit
    /// se sert tel quel : DATABASE_URL=sqlite://FICHIER). Pour PostgreSQL, utilisez pg_dump.
    Backup {
        /// Fichier à créer (il ne doit pas exister).
        file: PathBuf,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Vérifie l'intégrité de la base (SQLite : PRAGMA integrity_check).
    Check {
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Repère les données personnelles d'un texte avant de le confier à un outil d'IA.
    Privacy {
        #[command(subcommand)]
        action: PrivacyCommand,
    },
    /// Évalue des demandes à un assistant avec la grille de l'atelier.
    Prompt {
        #[command(subcommand)]
        action: PromptCommand,
    },
    /// Courriels de rappel et récapitulatifs.
    Notifications {
        #[command(subcommand)]
        action: NotificationsCommand,
    },
    /// Données de démonstration (usage local uniquement).
    Demo {
        #[command(subcommand)]
        action: DemoCommand,
    },
    /// Fichiers du site compilé servis sous /pkg (CSS, JavaScript, WebAssembly).
    Assets {
        #[command(subcommand)]
        action: AssetsCommand,
    },
}

impl Command {
    /// Where the command runs, for the logs: the deployment's when it opens the database,
    /// development otherwise.
    pub fn environment(&self) -> Environment {
        let database = match self {
            Command::Serve(serve) => Some(&serve.database),
            Command::Migrate { db }
            | Command::Backup { db, .. }
            | Command::Check { db }
            | Command::Courses { action: CoursesCommand::Import { db, .. } | CoursesCommand::Export { db, .. } }
            | Command::User { action: UserCommand::Create { db, .. } | UserCommand::Import { db, .. } }
            | Command::Notifications { action: NotificationsCommand::Run { db, .. } }
            | Command::Demo { action: DemoCommand::Seed { db, .. } } => Some(db),
            _ => None,
        };
        database.map_or(Environment::Dev, |db| db.environment)
    }
}

#[derive(Debug, Subcommand)]
pub enum AssetsCommand {
    /// Écrit à côté de chaque fichier sa copie brotli (.br, qualité 11) et gzip (.gz, niveau 9),
    /// envoyées selon l'en-tête Accept-Encoding ; à lancer après `cargo leptos build`. Un fichier
    /// dont les copies sont à jour n'est pas recompressé.
    Compress {
        /// Dossier des fichiers ; par défaut LEPTOS_SITE_ROOT/pkg.
        dir: Option<PathBuf>,
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Crée un compte ; le mot de passe est lu sur l'entrée standard (une ligne).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// agent, trainer, hr ou admin.
        #[arg(long, default_value = "agent")]
        role: String,
        /// Unité de rattachement (et périmètre des rôles trainer et hr), par son numéro.
        #[arg(long)]
        unit: Option<i64>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Importe les agents d'un fichier CSV de l'annuaire RH (en-tête email;prenom;nom;unite,
    /// facultatif role;siret;identifiant) : tous les problèmes sont affichés « ligne N : … » et
    /// rien n'est écrit tant qu'il en reste un ; le même fichier deux fois ne change rien.
    Import {
        file: PathBuf,
        /// Vérifie et affiche ce que l'import ferait, sans rien écrire.
        #[arg(long)]
        dry_run: bool,
        /// Synchronisation complète : les agents du périmètre absents du fichier sont désactivés
        /// (pas supprimés : leur historique reste).
        #[arg(long)]
        full_sync: bool,
        /// Limite l'import au sous-arbre de cette unité (par son numéro) ; par défaut, toute
        /// l'organisation.
        #[arg(long)]
        scope: Option<i64>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum NotificationsCommand {
    /// Fait un passage de la tâche périodique : met en file les avis de cours assignés, les
    /// rappels, les avis de retard et les récapitulatifs RH dus, chacun une seule fois.
    Run {
        /// L'instant du passage (RFC 3339, par exemple 2026-12-24T09:00:00Z) ; par défaut, maintenant.
        #[arg(long)]
        at: Option<String>,
        #[command(flatten)]
        db: DatabaseArgs,
        #[command(flatten)]
        address: AddressArgs,
        #[command(flatten)]
        reminders: ReminderArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Analyse les fichiers (ou l'entrée standard) : une ligne JSON par donnée trouvée ; code de
    /// sortie 1 si une donnée personnelle est trouvée, 0 si le texte est propre, 2 en cas d'erreur.
    Scan {
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PromptCommand {
    /// Chaque fichier (ou l'entrée standard) est une demande : une ligne JSON par critère
    /// (`criterion`, `met`, `evidence`, `feedback`), pour tester les demandes d'un exercice.
    Check {
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Crée une organisation de démonstration et un compte par rôle ; avec --agents, un
    /// ministère entier (directions, sous-directions, bureaux), ses agents, des affectations et
    /// de la progression, pour essayer et mesurer le suivi RH.
    Seed {
        /// Nombre d'agents à créer en plus des comptes de démonstration.
        #[arg(long)]
        agents: Option<usize>,
        /// Nombre de cours publiés à assigner (avec --agents).
        #[arg(long, default_value_t = 6)]
        courses: usize,
        #[command(flatten)]
        db: DatabaseArgs,
        #[command(flatten)]
        bundled: CoursesArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum CoursesCommand {
    /// Vérifie chaque cours du dossier et les scénarios de l'atelier (DIR/atelier), et affiche tous
    /// les problèmes (fichier:ligne:colonne: message).
    Check {
        /// Dossier d'un cours (avec son course.toml) ou dossier contenant un sous-dossier par cours.
        dir: PathBuf,
        /// Échoue aussi en cas d'avertissement.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Vérifie et publie chaque cours du dossier et les scénarios de l'atelier (un cours ou un
    /// scénario avec des erreurs est refusé et sa version précédente reste en ligne).
    Import {
        /// Dossier d'un cours (avec son course.toml) ou dossier contenant un sous-dossier par cours.
        dir: PathBuf,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Écrit la version en ligne de chaque cours publié, un dossier par cours, dans le format
    /// de courses/ (que `courses check` accepte et que `courses import` reprend à l'identique).
    Export {
        /// Dossier où écrire les cours (créé s'il n'existe pas).
        dir: PathBuf,
        #[command(flatten)]
        db: DatabaseArgs,
    },
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
    #[error("lecture de {path} impossible : {source}")]
    ReadFile { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    CoursesInvalid(String),
    #[error(transparent)]
    Import(#[from] app::course::repository::ImportError),
    #[error(transparent)]
    Scenarios(#[from] app::sandbox::service::SandboxError),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Seed(#[from] crate::demo::SeedError),
    #[error(transparent)]
    Assets(#[from] crate::assets::AssetError),
    /// Not an error of the program: the scanned text contains personal data (exit code 1).
    #[error("données personnelles trouvées")]
    PersonalDataFound,
}

pub async fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Assets { action: AssetsCommand::Compress { dir, site } } => {
            let dir = dir.unwrap_or_else(|| site.pkg_dir());
            let started = std::time::Instant::now();
            let report = crate::assets::compress_dir(&dir)?;
            let kib = |bytes: u64| format!("{:.1} Kio", bytes as f64 / 1024.0);
            println!(
                "{} : {} fichier(s) compressé(s) en {:.1} s ({} → brotli {}, gzip {}), {} déjà à jour.",
                dir.display(),
                report.compressed,
                started.elapsed().as_secs_f64(),
                kib(report.original_bytes),
                kib(report.brotli_bytes),
                kib(report.gzip_bytes),
                report.up_to_date
            );
        }
        Command::Serve(serve) => {
            let config = serve.into_config()?;
            let application = Application::build(&config).await?;
            tracing::info!(
                address = %application.local_addr(),
                database = application.state().db.engine().name(),
                "Campus IA is listening on http://{}",
                application.local_addr()
            );
            application.run_until(shutdown_signal()).await?;
        }
        Command::Backup { file, db } => {
            let db = db.open().await?;
            let result = db.backup_to(&file).await;
            db.close().await;
            result?;
            println!("sauvegarde écrite dans {}", file.display());
        }
        Command::Check { db } => {
            let db = db.open().await?;
            let result = db.integrity_check().await;
            db.close().await;
            let verdict = result?;
            println!("intégrité : {verdict}");
            if verdict != "ok" {
                return Err(CliError::Invalid(format!("la base n'est pas intègre : {verdict}")));
            }
        }
        Command::Migrate { db } => {
            let db = db.open().await?;
            db.migrate().await?;
            db.close().await;
            println!("migrations appliquées ({})", db.engine().name());
        }
        Command::Courses { action: CoursesCommand::Check { dir, deny_warnings } } => check_courses(&dir, deny_warnings)?,
        Command::User { action: UserCommand::Create { email, name, role, unit, db } } => {
            let db = connect(&db).await?;
            let result = create_user(&db, &email, &name, &role, unit).await;
            db.close().await;
            result?;
        }
        Command::User { action: UserCommand::Import { file, dry_run, full_sync, scope, db } } => {
            let bytes = std::fs::read(&file).map_err(|source| CliError::ReadFile { path: file.clone(), source })?;
            let rows = app::identity::import::parse(&bytes).map_err(|problems| {
                CliError::Invalid(format!("{} : rien n'a été importé.\n{}", file.display(), problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")))
            })?;
            let db = connect(&db).await?;
            let actor = app::identity::directory::ImportActor { user_id: None, scope };
            let started = std::time::Instant::now();
            let report = app::identity::directory::run_import(&db, &actor, &rows, full_sync, !dry_run).await;
            db.close().await;
            let report = report?;
            if !report.problems.is_empty() {
                return Err(CliError::Invalid(format!("{} : rien n'a été importé.\n{}", file.display(), report.problem_lines().join("\n"))));
            }
            let verb = if dry_run { "Simulation (rien n'est écrit)" } else { "Import appliqué" };
            println!("{verb} : {} lignes en {:.1} s ; {}.", rows.len(), started.elapsed().as_secs_f64(), report.summary());
            for path in &report.units_created {
                println!("  unité créée : {path}");
            }
            for email in &report.deactivated_listed {
                println!("  désactivé : {email}");
            }
        }
        Command::Notifications { action: NotificationsCommand::Run { at, db, address, reminders } } => {
            let at = match at {
                None => app::db::now(),
                Some(text) => text
                    .parse::<jiff::Timestamp>()
                    .map(|t| t.as_second())
                    .map_err(|e| CliError::Invalid(format!("--at « {text} » : attendu une date RFC 3339, par exemple 2026-12-24T09:00:00Z ({e})")))?,
            };
            let db = connect(&db).await?;
            let started = std::time::Instant::now();
            let report = crate::scheduler::run_once(&db, &address.public_url(), &reminders.scheduler(), at).await;
            db.close().await;
            let report = report?;
            println!(
                "Passage en {:.1} s : {} avis de cours, {} rappel(s), {} avis de retard, {} récapitulatif(s) RH mis en file.",
                started.elapsed().as_secs_f64(),
                report.notices,
                report.reminders,
                report.overdue,
                report.digests
            );
        }
        Command::Privacy { action: PrivacyCommand::Scan { files } } => {
            if privacy_scan(&files)? {
                return Err(CliError::PersonalDataFound);
            }
        }
        Command::Prompt { action: PromptCommand::Check { files } } => prompt_check(&files)?,
        Command::Demo { action: DemoCommand::Seed { agents, courses, db, bundled } } => {
            let db = connect(&db).await?;
            // Assignments need published courses: publish the bundled ones first.
            if let Some(dir) = bundled.courses_dir.as_ref().filter(|dir| dir.is_dir()) {
                import_courses(&db, dir).await?;
            }
            let result = crate::demo::seed(&db).await;
            let scale = match (&result, agents) {
                (Ok(_), Some(agents)) => Some(crate::demo::seed_at_scale(&db, agents, courses).await),
                _ => None,
            };
            db.close().await;
            println!("Comptes de démonstration (mot de passe : {}) :", crate::demo::DEMO_PASSWORD);
            for account in result? {
                println!("  {:<30} {:<8} {}", account.email, account.role.id(), account.unit);
            }
            if let Some(report) = scale.transpose()? {
                println!(
                    "Ministère de démonstration : {} unités, {} agents (agent.00000@demo.campus-ia.fr…), {} affectations, {} inscriptions dont {} terminées.",
                    report.units, report.agents, report.assignments, report.enrolments, report.completed
                );
            }
        }
        Command::Courses { action: CoursesCommand::Export { dir, db } } => {
            let db = connect(&db).await?;
            let result = export_courses(&db, &dir).await;
            db.close().await;
            result?;
        }
        Command::Courses { action: CoursesCommand::Import { dir, db } } => {
            let db = db.open().await?;
            db.migrate().await?;
            let result = import_courses(&db, &dir).await;
            db.close().await;
            result?;
        }
    }
    Ok(())
}

/// Prints one JSON object per finding; returns whether anything was found.
/// `prompt check`: the rubric's verdict on each input, criterion by criterion.
fn prompt_check(files: &[PathBuf]) -> Result<(), CliError> {
    use app::course::exercise::Criterion;
    for text in read_inputs(files)? {
        for result in app::sandbox::rubric::evaluate(&text, &Criterion::ALL) {
            println!(
                "{}",
                serde_json::json!({ "criterion": result.criterion.id(), "met": result.met, "evidence": result.evidence, "feedback": result.feedback })
            );
        }
    }
    Ok(())
}

/// The texts of `files`, or of the standard input when there is none, with their file names.
fn read_named_inputs(files: &[PathBuf]) -> Result<Vec<(Option<String>, String)>, CliError> {
    use std::io::Read;
    let mut inputs = Vec::new();
    if files.is_empty() {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        inputs.push((None, text));
    }
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|source| CliError::ReadFile { path: file.clone(), source })?;
        inputs.push((Some(file.display().to_string()), text));
    }
    Ok(inputs)
}

fn read_inputs(files: &[PathBuf]) -> Result<Vec<String>, CliError> {
    Ok(read_named_inputs(files)?.into_iter().map(|(_, text)| text).collect())
}

fn privacy_scan(files: &[PathBuf]) -> Result<bool, CliError> {
    let mut found = false;
    for (file, text) in read_named_inputs(files)? {
        for finding in app::sandbox::privacy::scan(&text) {
            found = true;
            let mut line = serde_json::to_value(&finding).unwrap_or_default();
            if let (Some(file), Some(object)) = (&file, line.as_object_mut()) {
                object.insert("file".into(), file.clone().into());
            }
            println!("{line}");
        }
    }
    Ok(found)
}

/// Opens the database and applies pending migrations.
async fn connect(db: &DatabaseArgs) -> Result<app::db::Database, CliError> {
    let db = db.open().await?;
    db.migrate().await?;
    Ok(db)
}

/// Creates an account from the command line (the first administrator, typically).
async fn create_user(db: &app::db::Database, email: &str, name: &str, role: &str, unit: Option<i64>) -> Result<(), CliError> {
    use app::accounts::{check_password_policy, password::hash_password, repository as users, Role};
    let role = Role::from_id(role).ok_or_else(|| CliError::Invalid(format!("rôle inconnu « {role} » (agent, trainer, hr, admin)")))?;
    if role.is_scoped() && unit.is_none() {
        return Err(CliError::Invalid("les rôles trainer et hr demandent --unit".into()));
    }
    let mut password = String::new();
    std::io::stdin().read_line(&mut password)?;
    let password = password.trim_end_matches(['\n', '\r']).to_owned();
    check_password_policy(&password, email).map_err(|e| CliError::Invalid(format!("mot de passe refusé : {e}")))?;
    let hash = hash_password(password).await.map_err(|e| CliError::Invalid(e.to_string()))?;
    let user = users::create(db, users::NewUser { email, display_name: name, organization_id: unit, password_hash: Some(&hash) })
        .await
        .map_err(|e| CliError::Invalid(e.to_string()))?;
    if role != Role::Agent {
        users::grant_role(db, user.id, role, if role.is_scoped() { unit } else { None }, None).await?;
    }
    app::audit::record(db, None, "account.create", &format!("user:{}", user.id), &format!("en ligne de commande, rôle {}", role.id())).await?;
    println!("compte créé : {} ({})", user.email, role.id());
    Ok(())
}

/// Writes every published course's current files under `dir/<course>/`.
async fn export_courses(db: &app::db::Database, dir: &std::path::Path) -> Result<(), CliError> {
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM courses WHERE current_version_id IS NOT NULL ORDER BY slug")
        .fetch_all(db.pool())
        .await
        .map_err(app::db::DbError::from)?;
    for slug in slugs {
        let files = app::authoring::repository::published_files(db, &slug, None).await?;
        for (path, bytes) in &files {
            // Paths were checked at publication; refuse anything that would leave the folder anyway.
            if path.split('/').any(|part| part == ".." || part.is_empty()) {
                return Err(CliError::Invalid(format!("{slug} : chemin refusé « {path} »")));
            }
            let target = dir.join(&slug).join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, bytes)?;
        }
        println!("{slug} : {} fichier(s) écrits dans {}", files.len(), dir.join(&slug).display());
    }
    Ok(())
}

/// Publishes every course of `dir` (or the course `dir` is) and says what happened to each.
async fn import_courses(db: &app::db::Database, dir: &std::path::Path) -> Result<(), CliError> {
    use app::course::repository::{import_directory, PublishOutcome};
    let reports = import_directory(db, dir).await?;
    let mut refused = 0;
    for report in &reports {
        for diagnostic in &report.diagnostics {
            println!("{diagnostic}");
        }
        let what = match &report.outcome {
            Some(PublishOutcome::Published { version_id }) => format!("publié (version {version_id})"),
            Some(PublishOutcome::Unchanged { .. }) => "inchangé".to_owned(),
            Some(PublishOutcome::Restored { version_id }) => format!("version {version_id} remise en ligne"),
            None => {
                refused += 1;
                "refusé : corrigez les erreurs ci-dessus (la version précédente reste en ligne)".to_owned()
            }
        };
        println!("{} : {what}", report.slug);
    }
    if let Some(import) = app::sandbox::service::import_scenarios(db, dir).await? {
        for diagnostic in &import.diagnostics {
            println!("{diagnostic}");
        }
        println!(
            "atelier : {} scénario(s) publié(s), {} inchangé(s), {} refusé(s), {} retiré(s)",
            import.published.len(),
            import.unchanged,
            import.refused,
            import.retired.len()
        );
        refused += import.refused;
    }
    if refused > 0 {
        return Err(CliError::CoursesInvalid(format!("{refused} cours ou scénario(s) refusé(s)")));
    }
    Ok(())
}

/// What `courses check` found.
#[derive(Debug, Default, PartialEq, Eq)]
struct CheckSummary {
    courses: usize,
    modules: usize,
    scenarios: usize,
    errors: usize,
    warnings: usize,
}

impl std::fmt::Display for CheckSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let CheckSummary { courses, modules, scenarios, errors, warnings } = self;
        write!(f, "{courses} cours vérifiés ({modules} modules), {scenarios} scénario(s) de l'atelier : {errors} erreur(s), {warnings} avertissement(s)")
    }
}

/// Prints every problem of every course in `dir` (or of the course `dir` is) and of its
/// atelier's scenarios, and counts them.
fn check_summary(dir: &std::path::Path) -> Result<CheckSummary, CliError> {
    let results = check_directory(dir).map_err(|source| CliError::ReadFile { path: dir.to_owned(), source })?;
    let scenarios = app::sandbox::scenarios::check_scenarios(dir).map_err(|source| CliError::ReadFile { path: dir.to_owned(), source })?;
    let mut summary = CheckSummary { courses: results.len(), ..CheckSummary::default() };
    let course_diagnostics = results.iter().flat_map(|(_, check)| &check.diagnostics);
    let scenario_diagnostics = scenarios.iter().flat_map(|check| &check.diagnostics);
    for diagnostic in course_diagnostics.chain(scenario_diagnostics) {
        println!("{diagnostic}");
        match diagnostic.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
        }
    }
    summary.modules = results.iter().map(|(_, check)| check.modules).sum();
    summary.scenarios = scenarios.map_or(0, |check| check.scenarios.len());
    Ok(summary)
}

/// `courses check`: fails if any problem is an error (or a warning, when warnings are denied).
fn check_courses(dir: &std::path::Path, deny_warnings: bool) -> Result<(), CliError> {
    let summary = check_summary(dir)?;
    println!("{summary}");
    if summary.errors > 0 || (deny_warnings && summary.warnings > 0) {
        return Err(CliError::CoursesInvalid(format!(
            "les cours de {} contiennent {} erreur(s) et {} avertissement(s)",
            dir.display(),
            summary.errors,
            summary.warnings
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A course folder with two modules, a `documents/` and an `images/` folder; `broken` leaves
    /// out its summary (an error).
    fn write_course(parent: &std::path::Path, slug: &str, broken: bool) -> PathBuf {
        let course = parent.join(slug);
        std::fs::create_dir_all(course.join("documents")).unwrap();
        std::fs::create_dir_all(course.join("images")).unwrap();
        let summary = if broken { "" } else { "summary = \"Pour les tests.\"\n" };
        std::fs::write(
            course.join("course.toml"),
            format!("title = \"Cours\"\n{summary}audience = \"Agents\"\nlevel = \"debutant\"\nobjectives = [\"Tester\"]\nmodules = [\"01-un.md\", \"02-deux.md\"]\n"),
        )
        .unwrap();
        for module in ["01-un", "02-deux"] {
            std::fs::write(course.join(format!("{module}.md")), "+++\ntitle = \"Module\"\nduration = 5\nobjectives = [\"Lire\"]\n+++\n\n## Texte\n\nBonjour.\n").unwrap();
        }
        std::fs::write(course.join("documents/courrier.md"), "Madame, Monsieur,\n").unwrap();
        course
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("campus-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn one_course_folder_is_checked_as_one_course() {
        let root = temp_dir("one");
        let course = write_course(&root, "mon-cours", false);
        let summary = check_summary(&course).unwrap();
        assert_eq!((summary.courses, summary.modules, summary.errors), (1, 2, 0), "documents/ and images/ are not courses: {summary}");
        assert!(check_courses(&course, false).is_ok());
        // The same course inside a folder of courses.
        assert_eq!(check_summary(&root).unwrap(), summary);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_course_with_errors_still_counts_its_modules() {
        let root = temp_dir("broken");
        let course = write_course(&root, "mon-cours", true);
        let summary = check_summary(&course).unwrap();
        assert_eq!((summary.courses, summary.modules, summary.errors), (1, 2, 1), "{summary}");
        assert_eq!(summary.to_string(), "1 cours vérifiés (2 modules), 0 scénario(s) de l'atelier : 1 erreur(s), 0 avertissement(s)");
        assert!(matches!(check_courses(&course, false), Err(CliError::CoursesInvalid(_))));
        std::fs::remove_dir_all(root).unwrap();
    }
}
