//! Test support: starts the real application on a random port with a fresh database.
//!
//! Every test gets its own database: a temporary SQLite file, or a new database in the
//! throwaway PostgreSQL cluster that `scripts/test.sh` starts (its address comes from
//! `CAMPUS_TEST_POSTGRES_URL`, pointing at the cluster's `postgres` database).

use std::{
    path::PathBuf,
    sync::atomic::{AtomicU32, Ordering},
    time::{SystemTime, UNIX_EPOCH},
};

pub use app::db::{Database, Engine};
use server::{config::{Config, Environment}, startup::Application};
use sqlx::Connection;

/// A running application and a client to talk to it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// Keeps cookies between requests and does not follow redirects, so tests can check them.
    pub client: reqwest::Client,
    /// Direct access to the application's database, for setting up and checking data.
    pub db: Database,
    _database: TestDatabase,
}

impl TestApp {
    /// The database this application runs on (to start a second instance on it).
    pub fn database_url(&self) -> &str {
        &self._database.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// Posts a form as a browser does without JavaScript (same origin, accepts HTML).
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("Accept", "text/html")
            .header("Origin", &self.address)
            .form(fields)
            .send()
            .await
            .expect("request reaches the test server")
    }

    /// Calls a server function as a script would (no HTML expected), to check its status code.
    pub async fn call(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client.post(self.url(path)).form(fields).send().await.expect("request reaches the test server")
    }

    /// Imports the atelier's scenarios of the bundled curriculum (`courses/atelier/`).
    pub async fn import_bundled_scenarios(&self) {
        let import = app::sandbox::service::import_scenarios(&self.db, &bundled_courses_dir()).await.expect("scenarios import").expect("courses/atelier exists");
        assert_eq!(import.refused, 0, "{:?}", import.diagnostics);
    }

    /// The text of page `path`.
    pub async fn page(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("a text body")
    }

    /// Creates a unit and an account with `password`, with the given extra role, and returns
    /// the account's id.
    pub async fn create_account(&self, email: &str, password: &str, unit: Option<i64>, role: Option<(app::accounts::Role, Option<i64>)>) -> i64 {
        use app::accounts::{password::hash_password, repository as users};
        let hash = hash_password(password.to_owned()).await.expect("hash");
        let user = users::create(&self.db, users::NewUser { email, display_name: "Compte de test", organization_id: unit, password_hash: Some(&hash) })
            .await
            .expect("account created");
        if let Some((role, scope)) = role {
            users::grant_role(&self.db, user.id, role, scope, None).await.expect("role granted");
        }
        user.id
    }

    /// Signs in through the form and checks it worked.
    pub async fn sign_in(&self, email: &str, password: &str) {
        use leptos::server_fn::ServerFn;
        let response = self.post_form(app::accounts::api::SignIn::url(), &[("email", email), ("password", password)]).await;
        assert_eq!(response.status(), reqwest::StatusCode::FOUND);
        assert_eq!(response.headers()["location"], "/mon-parcours", "signed in as {email}");
    }
}

/// A database that exists for one test only.
pub struct TestDatabase {
    pub url: String,
    sqlite_file: Option<PathBuf>,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(file) = &self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("campus_test_{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), nanos)
}

/// The URL of the throwaway PostgreSQL cluster's maintenance database.
pub fn postgres_admin_url() -> String {
    std::env::var("CAMPUS_TEST_POSTGRES_URL").expect(
        "CAMPUS_TEST_POSTGRES_URL is not set: run the PostgreSQL tests through `make test`, \
         which starts a throwaway cluster",
    )
}

/// Whether the PostgreSQL tests can run; when not, says so on stderr (a plain `cargo test`
/// without the cluster of `make test`) so that the test passes as skipped.
pub fn postgres_available(test: &str) -> bool {
    let available = std::env::var_os("CAMPUS_TEST_POSTGRES_URL").is_some_and(|url| !url.is_empty());
    if !available {
        eprintln!("{test}: skipped on PostgreSQL, CAMPUS_TEST_POSTGRES_URL is not set (`make test` starts a throwaway cluster)");
    }
    available
}

/// Creates an empty database on `engine`.
pub async fn fresh_database(engine: Engine) -> TestDatabase {
    let name = unique_name();
    match engine {
        Engine::Sqlite => {
            let file = std::env::temp_dir().join(format!("{name}.db"));
            TestDatabase { url: format!("sqlite://{}?mode=rwc", file.display()), sqlite_file: Some(file) }
        }
        Engine::Postgres => {
            sqlx::any::install_default_drivers();
            let admin_url = postgres_admin_url();
            let mut admin = sqlx::AnyConnection::connect(&admin_url)
                .await
                .expect("the throwaway PostgreSQL cluster answers");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .expect("test database created");
            let _ = admin.close().await;
            let (base, query) = match admin_url.split_once('?') {
                Some((base, query)) => (base, format!("?{query}")),
                None => (admin_url.as_str(), String::new()),
            };
            let server = base.rsplit_once('/').map(|(server, _)| server).unwrap_or(base);
            TestDatabase { url: format!("{server}/{name}{query}"), sqlite_file: None }
        }
    }
}

/// A configuration for tests: a random free port and the given database.
pub fn test_config(database_url: &str) -> Config {
    Config {
        database_url: database_url.into(),
        site_addr: "127.0.0.1:0".parse().expect("valid address"),
        site_root: "target/site".to_owned(),
        environment: Environment::Dev,
        courses_dir: None,
        signup_domains: Vec::new(),
        public_url: "http://campus.test".to_owned(),
        assistant_tokens: vec!["jeton-de-test".into()],
        assistant: app::sandbox::backend::AssistantBackend::Simulated,
        sandbox_messages_per_minute: app::sandbox::api::DEFAULT_MESSAGES_PER_MINUTE,
        lrs: None,
        trusted_proxies: Default::default(),
        mail: None,
        oidc: None,
        signup_open: true,
        scim_tokens: Vec::new(),
        scheduler: Default::default(),
        hashed_assets: false,
        // Tests change content straight in the database, then read pages: always fresh.
        content_check_interval: std::time::Duration::ZERO,
    }
}

/// Starts the application on `engine` with a fresh database and returns once it listens.
pub async fn spawn_app(engine: Engine) -> TestApp {
    spawn_app_with(engine, |_| {}).await
}

/// Like [`spawn_app`], with the test configuration changed by `configure` first.
pub async fn spawn_app_with(engine: Engine, configure: impl FnOnce(&mut Config)) -> TestApp {
    if std::env::var_os("CAMPUS_TEST_LOG").is_some() {
        server::telemetry::init(Environment::Dev);
    }
    let database = fresh_database(engine).await;
    let mut config = test_config(&database.url);
    configure(&mut config);
    let application = Application::build(&config).await.expect("application starts");
    let address = format!("http://{}", application.local_addr());
    let db = application.state().db.clone();
    tokio::spawn(application.run_until(std::future::pending()));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // A hung request fails the test with its address instead of hanging the suite.
        .timeout(std::time::Duration::from_secs(20))
        .build()
        .expect("HTTP client builds");
    TestApp { address, client, db, _database: database }
}

/// Starts another instance of the application on an existing database (scale-out, backups):
/// the caller keeps whatever owns that database alive.
pub async fn spawn_instance(database_url: &str) -> (String, Database) {
    spawn_instance_with(database_url, |_| {}).await
}

/// Like [`spawn_instance`], with the test configuration changed by `configure` first.
pub async fn spawn_instance_with(database_url: &str, configure: impl FnOnce(&mut Config)) -> (String, Database) {
    let mut config = test_config(database_url);
    configure(&mut config);
    let application = Application::build(&config).await.expect("application starts");
    let address = format!("http://{}", application.local_addr());
    let db = application.state().db.clone();
    tokio::spawn(application.run_until(std::future::pending()));
    (address, db)
}

/// Declares each listed `async fn name(engine: Engine)` as two tests, `sqlite::name` and
/// `postgres::name`, so every behaviour is checked on both engines (the PostgreSQL one passes as
/// skipped, with a message, when no cluster is configured).
#[macro_export]
macro_rules! on_both_engines {
    ($($test:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $test() {
                    super::$test($crate::Engine::Sqlite).await
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $test() {
                    if $crate::postgres_available(stringify!($test)) {
                        super::$test($crate::Engine::Postgres).await
                    }
                }
            )+
        }
    };
}

/// Runs the checks of an official client (`program script args…`, e.g. the openai Python
/// package or the npm @xapi/xapi) and fails the test unless they all passed: the script prints
/// one line a check and ends with "N passed, N failed". `package` names what `make test` installs
/// for it, for the message when it cannot run.
pub async fn run_client_checks(program: &str, script: &str, args: Vec<String>, package: &str) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(script);
    let output = {
        let (program, script) = (program.to_owned(), script.clone());
        tokio::task::spawn_blocking(move || std::process::Command::new(program).arg(script).args(args).output())
    }
    .await
    .expect("the client's thread finishes")
    .unwrap_or_else(|e| panic!("{program} could not run {}: {e} (run the tests through `make test`, which installs {package})", script.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the checks of {package} failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

/// The repository's bundled curriculum.
pub fn bundled_courses_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../courses")
}

/// A temporary folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        let dir = std::env::temp_dir().join(unique_name());
        std::fs::create_dir_all(&dir).expect("temporary folder created");
        TempDir(dir)
    }
}

impl Default for TempDir {
    fn default() -> Self {
        TempDir::new()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copies a folder tree (course fixtures).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("destination created");
    for entry in std::fs::read_dir(from).expect("source readable") {
        let entry = entry.expect("entry readable");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("file copied");
        }
    }
}

/// Writes `dir/<slug>/`: a course titled `title` with one module (`seul`, completed by reading
/// it), for tests that need a published course but not its content.
pub fn write_one_module_course(dir: &std::path::Path, slug: &str, title: &str) {
    let course = dir.join(slug);
    std::fs::create_dir_all(&course).expect("course folder");
    std::fs::write(
        course.join("course.toml"),
        format!("title = \"{title}\"\nsummary = \"Pour les tests.\"\naudience = \"Agents\"\nlevel = \"debutant\"\nobjectives = [\"Tester\"]\nmodules = [\"01-seul.md\"]\n"),
    )
    .expect("course.toml");
    std::fs::write(course.join("01-seul.md"), "+++\ntitle = \"Seul module\"\nduration = 5\nobjectives = [\"Lire\"]\n+++\n\n## Texte\n\nBonjour.\n")
        .expect("module");
}

/// A real SMTP server (`aiosmtpd`, from PyPI, installed by `make test`) that stores every message
/// it receives in a Maildir; stopped when dropped.
pub struct SmtpServer {
    pub port: u16,
    maildir: TempDir,
    child: std::process::Child,
}

impl SmtpServer {
    /// Starts it on `port` (0: a free one) and returns once it accepts connections.
    pub async fn start(port: u16) -> SmtpServer {
        let port = if port == 0 { free_port() } else { port };
        let maildir = TempDir::new();
        let python = std::env::var("CAMPUS_TEST_PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let child = std::process::Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.0.join("boite"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{python} -m aiosmtpd could not start ({e}): run the tests through `make test`, which installs it"));
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return SmtpServer { port, maildir, child };
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not answer on port {port} (is the aiosmtpd package installed for {python}?)");
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, as raw text.
    pub fn messages(&self) -> Vec<String> {
        let new = self.maildir.0.join("boite").join("new");
        let mut files: Vec<_> = std::fs::read_dir(&new).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        files.sort();
        files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect()
    }

    /// Waits until at least `count` messages arrived (at most 15 s) and returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<String> {
        for _ in 0..300 {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("expected {count} message(s), the SMTP server received {}", self.messages().len());
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A TCP port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// Mail settings for a test pointing at `smtp_url`: quick rounds and retries.
pub fn test_mail_settings(smtp_url: &str) -> server::mailer::MailSettings {
    server::mailer::MailSettings {
        smtp_url: smtp_url.to_owned().into(),
        from: "Campus IA <campus@ville.test>".parse().expect("a valid sender"),
        poll_interval: std::time::Duration::from_millis(100),
        retry_base_seconds: 1,
    }
}

/// A real OpenID Connect provider (the npm package `oidc-provider`, installed by `make test` in
/// `tests/oidc`), configured like ProConnect by `tests/oidc/provider.mjs`; stopped when dropped.
pub struct OidcProvider {
    pub issuer: String,
    child: std::process::Child,
}

/// The client this site is registered as with the test provider.
pub const OIDC_CLIENT_ID: &str = "campus-ia";
pub const OIDC_CLIENT_SECRET: &str = "secret-de-test-du-fournisseur";

impl OidcProvider {
    /// Starts it on `port`, accepting `app_address` (`http://127.0.0.1:N`) as relying party.
    pub async fn start(port: u16, app_address: &str) -> OidcProvider {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("oidc/provider.mjs");
        let child = std::process::Command::new("node")
            .arg(&script)
            .env("OIDC_PORT", port.to_string())
            .env("OIDC_REDIRECT_URIS", format!("{app_address}{}", app::identity::CALLBACK_PATH))
            .env("OIDC_POST_LOGOUT_URIS", format!("{app_address}/connexion"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("node {} could not start ({e}): run the tests through `make test`", script.display()));
        let issuer = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if client.get(format!("{issuer}/.well-known/openid-configuration")).send().await.is_ok_and(|r| r.status().is_success()) {
                return OidcProvider { issuer, child };
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the OpenID provider did not answer on port {port} (is tests/oidc/node_modules installed?)");
    }

    /// The provider settings this site uses for it.
    pub fn settings(issuer: &str) -> app::identity::ProviderSettings {
        app::identity::ProviderSettings {
            issuer: issuer.to_owned(),
            client_id: OIDC_CLIENT_ID.to_owned(),
            client_secret: OIDC_CLIENT_SECRET.into(),
            label: "ProConnect".to_owned(),
            scopes: app::identity::DEFAULT_SCOPES.split_whitespace().map(str::to_owned).collect(),
            unit_claim: "siret".to_owned(),
            allowed_sirets: Vec::new(),
            allowed_domains: Vec::new(),
        }
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The message's text with quoted-printable soft breaks undone and base64 parts decoded.
pub fn readable_mail(message: &str) -> String {
    use base64::Engine as _;
    let unfolded = message.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    let decoded: String = unfolded
        .split("\n\n")
        .filter_map(|block| base64::engine::general_purpose::STANDARD.decode(block.split_whitespace().collect::<String>()).ok())
        .filter_map(|bytes| String::from_utf8(bytes).ok())
        .collect();
    format!("{unfolded}\n{decoded}")
}
