//! Builds the application from its configuration: database, migrations, router, listener.

use std::{future::Future, io, net::SocketAddr};

use app::{db::{Database, DbError}, shell, state::AppState, App};
use axum::{routing::{get, post}, serve::ListenerExt, Router};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;
use tower_http::{
    compression::{CompressionLayer, CompressionLevel},
    trace::TraceLayer,
};

use crate::{config::{Config, Environment}, routes};

/// Why the server could not start; each message fits on one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("fournisseur d'identité inutilisable : {0}")]
    Identity(String),
    #[error("impossible d'écouter sur {addr} : {source} (le port est-il déjà pris par un autre programme ?)")]
    Bind { addr: SocketAddr, source: io::Error },
}

/// A server ready to accept connections.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    lrs: Option<crate::lrs::LrsSettings>,
    mail: Option<crate::mailer::MailSettings>,
    scheduler: crate::scheduler::SchedulerSettings,
    content_check_interval: std::time::Duration,
}

impl Application {
    /// Connects to the database, applies pending migrations and binds the listening socket.
    pub async fn build(config: &Config) -> Result<Application, StartupError> {
        let db = Database::connect(config.database_url.expose_secret()).await?;
        db.migrate().await?;
        if let Some(dir) = &config.courses_dir {
            import_bundled_courses(&db, dir).await;
        }
        let listener = TcpListener::bind(config.site_addr)
            .await
            .map_err(|source| StartupError::Bind { addr: config.site_addr, source })?;
        let mut leptos_options = config.leptos_options();
        if let Ok(bound) = listener.local_addr() {
            // With port 0 (tests) the real port is only known once bound.
            leptos_options.site_addr = bound;
        }
        let state = AppState::new(app::state::SharedState {
            db,
            leptos_options,
            secure_cookies: config.environment == Environment::Prod,
            signup_domains: config.signup_domains.clone(),
            public_url: config.public_url.clone(),
            assistant_tokens: config.assistant_tokens.clone(),
            assistant_rate: app::state::assistant_rate_limiter(),
            assistant: config.assistant.clone(),
            sandbox_messages_per_minute: config.sandbox_messages_per_minute,
            trusted_proxies: config.trusted_proxies.clone(),
            mail_enabled: config.mail.is_some(),
            oidc: match &config.oidc {
                Some(settings) => Some(
                    app::identity::oidc::Provider::new(settings.clone(), &config.public_url)
                        .map_err(|e| StartupError::Identity(e.to_string()))?,
                ),
                None => None,
            },
            signup_open: config.signup_open,
            scim_tokens: config.scim_tokens.clone(),
            notifications: Default::default(),
            content: Default::default(),
            sessions: Default::default(),
        });
        state.refresh_versions().await?;
        let router = router(state.clone(), config.content_check_interval);
        Ok(Application {
            listener,
            router,
            state,
            lrs: config.lrs.clone(),
            mail: config.mail.clone(),
            scheduler: config.scheduler.clone(),
            content_check_interval: config.content_check_interval,
        })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.state.leptos_options.site_addr
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves requests until `shutdown` completes, then lets in-flight requests finish and
    /// closes the database cleanly.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> io::Result<()> {
        let Application { listener, router, state, lrs, mail, scheduler, content_check_interval } = self;
        tokio::task::spawn_blocking(app::accounts::password::warm_up);
        let housekeeping = tokio::spawn(housekeeping(state.db.clone()));
        let content_watch = tokio::spawn(crate::page_cache::watch_content(state.clone(), content_check_interval));
        let pusher = lrs.map(|settings| tokio::spawn(crate::lrs::push_forever(state.db.clone(), settings)));
        // Notifications are only computed where they can be sent.
        let notifier = mail.is_some().then(|| {
            tokio::spawn(crate::scheduler::run_forever(state.db.clone(), state.public_url.clone(), scheduler, state.notifications.clone()))
        });
        let mailer = mail.map(|settings| tokio::spawn(crate::mailer::send_forever(state.db.clone(), settings)));
        // Without TCP_NODELAY, a response written in two parts (headers, then a file's body, as
        // ServeDir does) waits for the client's delayed ACK: 40 ms per `/pkg` file (make bench:
        // 452 req/s at p50 43.8 ms for the 3 KB stylesheet before this).
        let listener = listener.tap_io(|stream| {
            if let Err(error) = stream.set_nodelay(true) {
                tracing::debug!(%error, "cannot set TCP_NODELAY on a connection");
            }
        });
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await?;
        housekeeping.abort();
        content_watch.abort();
        if let Some(pusher) = pusher {
            pusher.abort();
        }
        if let Some(mailer) = mailer {
            mailer.abort();
        }
        if let Some(notifier) = notifier {
            notifier.abort();
        }
        state.db.close().await;
        Ok(())
    }
}

/// Deletes expired sessions and old sign-in failures every ten minutes.
async fn housekeeping(db: Database) {
    let mut interval = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        interval.tick().await;
        if let Err(error) = app::accounts::session::purge_expired(&db).await {
            tracing::warn!(%error, "session purge failed");
        }
        if let Err(error) = app::accounts::throttle::purge_old(&db).await {
            tracing::warn!(%error, "sign-in failure purge failed");
        }
    }
}

/// The page routes, listed once per process. Listing them renders the app under a process-wide
/// flag of leptos_server (`SuppressResourceLoad`, an `AtomicBool`) that leaves every resource
/// started meanwhile, in any app of the process, pending forever. A server built while another
/// served in the same process (the integration tests, run side by side) stalled pages for good.
/// Reported upstream as leptos-rs/leptos#4773.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Every route of the application; the content version is read at least every
/// `content_check_interval` (0: before every page).
pub fn router(state: AppState, content_check_interval: std::time::Duration) -> Router {
    let leptos_routes = page_routes();
    Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/langue", post(routes::language::set_language))
        .route("/connexion/oidc", get(routes::identity::start))
        .route(app::identity::CALLBACK_PATH, get(routes::identity::callback))
        .route("/cours/{course}/fichiers/{*path}", get(routes::course_files::course_file))
        .route("/mon-compte/donnees", post(routes::personal_data::download))
        .route("/courriels/desabonnement/{token}/{topic}", get(routes::unsubscribe::confirm_page).post(routes::unsubscribe::unsubscribe))
        .route("/rh/export.csv", get(routes::reporting::export_csv))
        .route("/xapi/about", get(routes::xapi::about))
        .route("/xapi/statements", get(routes::xapi::statements))
        .route("/formation/cours/{slug}/export.zip", get(routes::authoring::export_zip))
        .route(
            "/formation/importer",
            post(routes::authoring::import_zip).layer(axum::extract::DefaultBodyLimit::max(app::authoring::archive::MAX_ARCHIVE_BYTES + 64 * 1024)),
        )
        .route(
            "/formation/cours/{slug}/fichiers",
            post(routes::authoring::upload_file).layer(axum::extract::DefaultBodyLimit::max(routes::authoring::MAX_UPLOAD_BYTES + 64 * 1024)),
        )
        .route(
            "/annuaire/import",
            post(routes::directory::upload).layer(axum::extract::DefaultBodyLimit::max(app::identity::import::MAX_FILE_BYTES + 64 * 1024)),
        )
        .route("/v1/models", get(routes::openai::models))
        .route("/v1/models/{id}", get(routes::openai::model))
        .route(
            "/v1/chat/completions",
            post(routes::openai::chat_completions)
                .layer(axum::extract::DefaultBodyLimit::max(routes::openai::MAX_BODY_BYTES)),
        )
        .nest("/scim/v2", scim_router())
        .leptos_routes(&state, leptos_routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Inside the session's layer: a signed-in learner's module page from its template.
        .layer(axum::middleware::from_fn_with_state(crate::learner_pages::LearnerPages::new(state.clone()), crate::learner_pages::serve))
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::middleware::security))
        // Pages not kept by the page cache are compressed as they are sent: gzip at its fastest
        // level, which costs little CPU for most of the gain on HTML. Not brotli: at its fastest
        // it took 220 µs of CPU for a 23 KB module page where gzip takes 80 µs, for the same size
        // (11.4 KB against 11.5 KB).
        .layer(CompressionLayer::new().br(false).quality(CompressionLevel::Fastest))
        .layer(axum::middleware::from_fn_with_state(
            crate::page_cache::PageCache::new(state.clone(), content_check_interval),
            crate::page_cache::serve,
        ))
        // Added after those layers, so outside them: no session lookup, no compression at
        // request time (precompressed copies), their own cache headers.
        .nest_service(
            &format!("/{}", state.leptos_options.site_pkg_dir),
            crate::assets::router(&state.leptos_options, state.secure_cookies),
        )
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The SCIM 2.0 server (`/scim/v2`), with SCIM errors for anything unknown.
fn scim_router() -> Router<AppState> {
    use routes::scim::{self, Groups, Users};
    Router::new()
        .route("/ServiceProviderConfig", get(scim::service_provider_config))
        .route("/ResourceTypes", get(scim::resource_types))
        .route("/ResourceTypes/{id}", get(scim::resource_type))
        .route("/Schemas", get(scim::schemas))
        .route("/Schemas/{id}", get(scim::schema))
        .route("/Users", get(scim::list::<Users>).post(scim::create::<Users>))
        .route("/.search", post(scim::search_everything))
        .route("/Users/.search", post(scim::search::<Users>))
        .route("/Users/{id}", get(scim::get::<Users>).put(scim::replace::<Users>).patch(scim::patch::<Users>).delete(scim::delete::<Users>))
        .route("/Groups", get(scim::list::<Groups>).post(scim::create::<Groups>))
        .route("/Groups/.search", post(scim::search::<Groups>))
        .route("/Groups/{id}", get(scim::get::<Groups>).put(scim::replace::<Groups>).patch(scim::patch::<Groups>).delete(scim::delete::<Groups>))
        .fallback(scim::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(scim::MAX_BODY_BYTES))
}

/// Publishes the course folders of `dir` that changed, then the atelier's scenarios of
/// `dir/atelier`. A course or scenario with errors is refused and its previous version stays
/// online; problems are logged, and never stop the server from starting.
async fn import_bundled_courses(db: &Database, dir: &std::path::Path) {
    if !dir.is_dir() {
        tracing::warn!(dir = %dir.display(), "course folder not found, nothing imported");
        return;
    }
    match app::course::repository::import_directory(db, dir).await {
        Ok(reports) => {
            for report in reports {
                for diagnostic in &report.diagnostics {
                    tracing::warn!(course = %report.slug, "{diagnostic}");
                }
                match report.outcome {
                    Some(outcome) => tracing::info!(course = %report.slug, ?outcome, "course imported"),
                    None => tracing::error!(course = %report.slug, "course refused: it has errors, the previous version stays online"),
                }
            }
        }
        Err(error) => tracing::error!(%error, "course import failed"),
    }
    match app::sandbox::service::import_scenarios(db, dir).await {
        Ok(Some(import)) => {
            for diagnostic in &import.diagnostics {
                tracing::warn!("{diagnostic}");
            }
            tracing::info!(published = ?import.published, unchanged = import.unchanged, refused = import.refused, retired = ?import.retired, "atelier scenarios imported");
        }
        Ok(None) => {}
        Err(error) => tracing::error!(%error, "scenario import failed"),
    }
}

/// Completes on Ctrl-C or SIGTERM (what systemd and container runtimes send).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown requested, finishing in-flight requests");
}
