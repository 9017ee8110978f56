//! Database access shared by every repository (server only).
//!
//! **One approach for both engines:** every query goes through [`sqlx::AnyPool`] with portable SQL,
//! so each repository is written once. The rules that make SQL portable here:
//! - placeholders are numbered `$1, $2…` (PostgreSQL's syntax, which SQLite also accepts);
//! - integers are `BIGINT`/`INTEGER` read as `i64`, booleans are stored as `0/1` integers;
//! - times are UTC Unix seconds (`BIGINT`), computed in Rust, never with SQL date functions;
//! - new rows return their id with `RETURNING id`; trees use `WITH RECURSIVE`;
//! - sums are `CAST(SUM(…) AS BIGINT)`: PostgreSQL's `SUM` is `BIGINT` or `NUMERIC` depending on
//!   what it adds up, and the Any driver reads no `NUMERIC`;
//! - rows are read by column name into `#[derive(sqlx::FromRow)]` structs with `query_as` (one
//!   value with `query_scalar`); a boolean column is read as its `0/1` integer;
//! - a query assembled at run time goes through [`QueryBuilder`], which numbers its placeholders.
//!
//! What cannot be portable lives in this module only: the connection settings of each engine, how
//! a write transaction starts ([`Database::begin_write`]), and the schema, kept as two migration folders (`migrations/sqlite`, `migrations/postgres`) that
//! must describe the same tables.

use std::{str::FromStr, time::Duration};

use sqlx::{
    any::{install_default_drivers, AnyConnectOptions, AnyPoolOptions},
    migrate::Migrator,
    AnyPool, Executor,
};

mod query;
pub use query::{QueryBuilder, StatementBatch};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database engine a URL points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// Reads the engine from the URL scheme (`sqlite:` or `postgres:`/`postgresql:`).
    pub fn from_url(url: &str) -> Result<Engine, DbError> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => Ok(Engine::Sqlite),
            "postgres" | "postgresql" => Ok(Engine::Postgres),
            _ => Err(DbError::InvalidUrl {
                reason: format!(
                    "schéma « {scheme} » inconnu : utilisez sqlite://fichier.db ou postgres://…"
                ),
            }),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        }
    }
}

/// Errors of the database layer. Messages are meant for the operator reading the logs.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL invalide : {reason}")]
    InvalidUrl { reason: String },
    #[error("base de données injoignable ({engine}) : {source}")]
    Unreachable { engine: &'static str, source: sqlx::Error },
    #[error("échec des migrations : {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("erreur de base de données : {0}")]
    Query(#[from] sqlx::Error),
    #[error("écriture groupée impossible : {0}")]
    GroupCommit(String),
    /// A read run on the calling thread ([`Database::read_here`]).
    #[error("erreur de base de données (lecture) : {0}")]
    Read(#[from] rusqlite::Error),
}

/// A stored JSON column that no longer reads back (a decoding error of the database layer).
pub fn json_error(error: serde_json::Error) -> DbError {
    DbError::Query(sqlx::Error::Decode(Box::new(error)))
}

/// A connection pool and the engine behind it.
#[derive(Clone, Debug)]
pub struct Database {
    pool: AnyPool,
    engine: Engine,
    /// SQLite's writers take turns here: a waiting writer is woken as soon as the previous one
    /// ends, where SQLite's busy handler sleeps and polls (up to 100 ms a try), which put
    /// hundreds of milliseconds on the slowest quiz submissions under load.
    writer_turn: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// SQLite's group-commit writer ([`Database::write_grouped`]), started at its first job.
    group_writer: std::sync::Arc<GroupWriter>,
    /// Pool connections kept aside for the most frequent reads ([`Database::read_all`]).
    readers: std::sync::Arc<[tokio::sync::Mutex<Option<sqlx::pool::PoolConnection<sqlx::Any>>>]>,
    /// SQLite only: connections of this process's own to the database file, for the reads run on
    /// the calling thread ([`Database::read_here`]).
    here: Option<std::sync::Arc<ReadersHere>>,
}

/// rusqlite connections to a SQLite file, opened when needed, kept idle between reads.
#[derive(Debug)]
struct ReadersHere {
    path: std::path::PathBuf,
    idle: std::sync::Mutex<Vec<rusqlite::Connection>>,
}

/// Connections kept for [`Database::read_all`]: as many as the reads that run at once on a small
/// server (more wait for none: they take a connection from the pool).
const KEPT_READERS: usize = 4;

/// A write transaction. On SQLite it also holds this process's writer turn until it ends.
/// Queries take `&mut *tx`, as with a plain transaction.
pub struct WriteTransaction {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
    engine: Engine,
}

impl WriteTransaction {
    /// Makes every other transaction that serialises on the same `key` wait until this one ends,
    /// so that a limit checked here ("fewer than 3 attempts") still holds when this transaction
    /// writes. SQLite already runs one write transaction at a time (`BEGIN IMMEDIATE`);
    /// PostgreSQL takes a transaction-scoped advisory lock on the key's hash.
    pub async fn serialize_on(&mut self, key: &str) -> Result<(), DbError> {
        serialize_on(&mut self.tx, self.engine, key).await
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }
}

/// Waits for, then holds until the end of the transaction, the lock on `key` (PostgreSQL's
/// transaction-scoped advisory lock on its hash; nothing on SQLite, whose writers take turns).
async fn serialize_on(conn: &mut sqlx::AnyConnection, engine: Engine, key: &str) -> Result<(), DbError> {
    if engine == Engine::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))").bind(key).execute(conn).await?;
    }
    Ok(())
}

impl std::ops::Deref for WriteTransaction {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTransaction {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}

impl Database {
    /// Connects to `url` and checks that the database answers.
    pub async fn connect(url: &str) -> Result<Database, DbError> {
        install_default_drivers();
        let engine = Engine::from_url(url)?;
        let options = AnyConnectOptions::from_str(url)
            .map_err(|e| DbError::InvalidUrl { reason: e.to_string() })?;
        let pool_options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(5))
            // A connection broken by a database restart fails its query and is dropped; pinging
            // it first (the default) left the pool waiting on dead connections after PostgreSQL
            // came back, until the server restarted.
            .test_before_acquire(false)
            .idle_timeout(Duration::from_secs(60))
            .max_connections(match engine {
                // SQLite has one writer at a time; a few readers are enough in WAL mode.
                Engine::Sqlite => 8,
                Engine::Postgres => 16,
            });
        let pool_options = match engine {
            Engine::Sqlite => pool_options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                         PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
                         PRAGMA temp_store = MEMORY;",
                    )
                    .await?;
                    Ok(())
                })
            }),
            Engine::Postgres => pool_options,
        };
        let pool = pool_options
            .connect_with(options)
            .await
            .map_err(|source| DbError::Unreachable { engine: engine.name(), source })?;
        let readers = (0..KEPT_READERS).map(|_| tokio::sync::Mutex::new(None)).collect();
        let here = match engine {
            Engine::Sqlite => sqlite_file(url).map(|path| std::sync::Arc::new(ReadersHere { path, idle: Default::default() })),
            Engine::Postgres => None,
        };
        Ok(Database { pool, engine, writer_turn: Default::default(), group_writer: Default::default(), readers, here })
    }

    /// Applies the migrations of this engine that have not run yet.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let migrator = match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Checks that the database answers a trivial query (used by `/healthz`).
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads first fails with "database is
    /// locked" when another writer got in between, instead of waiting its turn.
    pub async fn begin_write(&self) -> Result<WriteTransaction, DbError> {
        Ok(match self.engine {
            Engine::Sqlite => {
                let turn = self.writer_turn.clone().lock_owned().await;
                WriteTransaction { tx: self.pool.begin_with("BEGIN IMMEDIATE").await?, _turn: Some(turn), engine: self.engine }
            }
            Engine::Postgres => WriteTransaction { tx: self.pool.begin().await?, _turn: None, engine: self.engine },
        })
    }

    /// This process's turn to write on SQLite (nothing on PostgreSQL), to hold while a write runs on
    /// the pool outside a transaction; [`Database::execute`] takes it for one statement, a write
    /// that returns rows (`RETURNING`) holds it around its query. [`Database::begin_write`] and the
    /// group commit take the same turn. Sent to the pool without it, a write waited in SQLite's
    /// busy handler, which polls, while the writers taking turns handed the lock from one to the
    /// next: under `make bench`'s atelier load an answer waited the whole busy timeout (5 s), then
    /// failed with "database is locked".
    pub async fn writer_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self.engine {
            Engine::Sqlite => Some(self.writer_turn.lock().await),
            Engine::Postgres => None,
        }
    }

    /// Runs one write statement on its own (committed alone), in this process's writer turn.
    pub async fn execute<'q>(&self, query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>) -> Result<sqlx::any::AnyQueryResult, DbError> {
        let _turn = self.writer_turn().await;
        Ok(query.execute(&self.pool).await?)
    }

    /// The rows of the read `query`, run on a connection kept for the reads of every page view (a
    /// signed-in learner's records), or on one from the pool when all are busy.
    ///
    /// **Why not the pool.** sqlx tests every connection given back to its pool with a ping
    /// (`PoolConnection::return_to_pool`, not configurable): on SQLite one more hand-over to the
    /// connection's thread and back, on PostgreSQL one more round trip, after each statement —
    /// and a spawned task. A kept connection is only given back to its slot, untested, when its
    /// statement succeeded or failed in the database (a constraint, a decoding error): after any
    /// other error (the connection broke) or a cancelled request (the statement may be half
    /// read), it goes back to the pool, whose test closes it if it is broken, and the next read
    /// takes another. Kept connections count in the pool's size.
    pub async fn read_all<'q, O>(&self, query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>) -> Result<Vec<O>, DbError>
    where
        O: Send + Unpin + for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let Some(mut slot) = self.readers.iter().find_map(|slot| slot.try_lock().ok()) else {
            return Ok(query.fetch_all(&self.pool).await?);
        };
        // Out of its slot while in use: a cancelled read leaves the slot empty.
        let mut conn = match slot.take() {
            Some(conn) => conn,
            None => self.pool.acquire().await?,
        };
        let outcome = query.fetch_all(&mut *conn).await;
        let connection_sound = match &outcome {
            Ok(_) => true,
            Err(error) => matches!(
                error,
                sqlx::Error::Database(_) | sqlx::Error::RowNotFound | sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) | sqlx::Error::ColumnNotFound(_)
            ),
        };
        if connection_sound {
            *slot = Some(conn);
        }
        Ok(outcome?)
    }

    /// The rows of a read on SQLite, run on the calling thread with rusqlite, `row` reading each
    /// (`sql` with its `$N` placeholders, `params` by those names: `[("$1", &id)]`); `None` on
    /// PostgreSQL or an in-memory SQLite database, where the caller runs the same query through
    /// sqlx ([`Database::read_all`]).
    ///
    /// **Why a second SQLite driver.** sqlx runs each SQLite connection on a thread of its own:
    /// every statement is handed to it and its rows handed back, two thread wake-ups. For the read
    /// of every signed-in module page (`progress::repository::module_records`, a few index
    /// lookups) the profile showed those hand-overs costing more than the statement: 10,100 page
    /// views a second with them, 16,100 with no read at all (2 cores, `wrk -c16`). A read here
    /// holds the calling worker thread for the statement (tens of microseconds, from SQLite's
    /// page cache; a WAL reader never waits for writers). rusqlite is the maintained wrapper, on
    /// the same `libsqlite3-sys` as sqlx: one SQLite library. Connections are opened `query_only`
    /// and kept ([`KEPT_READERS`]) with their prepared statements; one that failed outside SQLite
    /// (not an SQL error) is closed.
    pub fn read_here<O>(
        &self,
        sql: &str,
        params: &[(&str, &dyn rusqlite::ToSql)],
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<O>,
    ) -> Option<Result<Vec<O>, DbError>> {
        let readers = self.here.as_ref()?;
        let idle = || readers.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let taken = idle().pop();
        let conn = match taken {
            Some(conn) => conn,
            None => match open_reader_here(&readers.path) {
                Ok(conn) => conn,
                Err(error) => return Some(Err(error.into())),
            },
        };
        let outcome = conn.prepare_cached(sql).and_then(|mut statement| statement.query_map(params, row)?.collect::<Result<Vec<O>, _>>());
        let sound = match &outcome {
            Ok(_) => true,
            Err(error) => matches!(error, rusqlite::Error::SqliteFailure(..) | rusqlite::Error::FromSqlConversionFailure(..) | rusqlite::Error::InvalidColumnType(..)),
        };
        if sound {
            let mut idle = idle();
            if idle.len() < KEPT_READERS {
                idle.push(conn);
            }
        }
        Some(outcome.map_err(DbError::from))
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Writes a consistent copy of a SQLite database to `target` while the server keeps running
    /// (`VACUUM INTO`: one read transaction, so the copy is a single point in time). The copy is
    /// a complete database file: serve it by pointing `DATABASE_URL` at it. PostgreSQL has its
    /// own tools (`pg_dump`), so this refuses it.
    pub async fn backup_to(&self, target: &std::path::Path) -> Result<(), DbError> {
        if self.engine != Engine::Sqlite {
            return Err(DbError::Query(sqlx::Error::Configuration(
                "la sauvegarde intégrée concerne SQLite ; pour PostgreSQL, utilisez pg_dump".into(),
            )));
        }
        if target.exists() {
            return Err(DbError::Query(sqlx::Error::Configuration(format!("{} existe déjà : choisissez un autre fichier", target.display()).into())));
        }
        let path = target.to_string_lossy().replace('\'', "''");
        sqlx::query(&format!("VACUUM INTO '{path}'")).execute(&self.pool).await?;
        Ok(())
    }

    /// SQLite's `PRAGMA integrity_check` (`ok` when the file is sound); PostgreSQL: `ok`.
    pub async fn integrity_check(&self) -> Result<String, DbError> {
        if self.engine != Engine::Sqlite {
            return Ok("ok".to_owned());
        }
        let lines: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&self.pool).await?;
        Ok(lines.join("; "))
    }

    /// Closes every connection (at shutdown, so SQLite checkpoints its WAL).
    pub async fn close(&self) {
        // Kept connections are given back so that the pool closes them: the kept readers' now, the
        // group writer's when its queue closes (it ends once the calls in flight are answered).
        for slot in self.readers.iter() {
            slot.lock().await.take();
        }
        if let Some(here) = &self.here {
            here.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
        }
        self.group_writer.jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        self.pool.close().await;
    }
}

/// The file of a SQLite URL (`sqlite://campus.db?mode=rwc`), `None` for an in-memory database.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).ok()?;
    let path = options.get_filename();
    let name = path.to_string_lossy();
    (!name.is_empty() && name != ":memory:" && !name.starts_with("file:")).then(|| path.to_path_buf())
}

/// A connection for [`Database::read_here`]: reads only, waits at most a second for a lock (a
/// WAL reader only meets one while SQLite recovers the log).
fn open_reader_here(path: &std::path::Path) -> rusqlite::Result<rusqlite::Connection> {
    use rusqlite::OpenFlags;
    let conn = rusqlite::Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(Duration::from_secs(1))?;
    conn.pragma_update(None, "query_only", true)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

/// Write jobs of one group commit at most: enough to empty the queue under load, few enough that
/// the first one's wait stays short.
const MAX_GROUP: usize = 64;

/// Jobs waiting for the writer at most; past this, callers wait to queue theirs.
const QUEUED_WRITES: usize = 4_096;

/// The future of a grouped write job, borrowing the connection of the transaction it runs in.
pub type WriteFuture<'c, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'c>>;

/// What a write job of [`Database::write_grouped`] works with: the connection of the transaction
/// it runs in (queries take `&mut *scope`).
pub struct WriteScope<'c> {
    conn: &'c mut sqlx::AnyConnection,
    engine: Engine,
}

impl WriteScope<'_> {
    /// As [`WriteTransaction::serialize_on`]: on SQLite the jobs of a group already run one after
    /// the other on the single writer; PostgreSQL takes the transaction's advisory lock.
    pub async fn serialize_on(&mut self, key: &str) -> Result<(), DbError> {
        serialize_on(self.conn, self.engine, key).await
    }
}

impl std::ops::Deref for WriteScope<'_> {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &sqlx::AnyConnection {
        self.conn
    }
}

impl std::ops::DerefMut for WriteScope<'_> {
    fn deref_mut(&mut self) -> &mut sqlx::AnyConnection {
        self.conn
    }
}

/// Hands a job's outcome to its caller once the group's commit is known (`Err`: the commit failed).
type Delivery = Box<dyn FnOnce(Result<(), &DbError>) + Send>;
/// A job with its caller's result type erased: runs, says whether it succeeded, and keeps its
/// outcome for the delivery.
type GroupedJob = Box<dyn for<'c> FnOnce(WriteScope<'c>) -> WriteFuture<'c, (bool, Delivery)> + Send>;

/// The SQLite writer of group commits: one task, one connection, one transaction per group.
#[derive(Debug, Default)]
struct GroupWriter {
    jobs: std::sync::Mutex<Option<tokio::sync::mpsc::Sender<GroupedJob>>>,
}

impl Database {
    /// Runs `job` in a write transaction and returns its outcome once that transaction is
    /// committed (an `Err` of the job rolls back its own writes only).
    ///
    /// **Group commit on SQLite.** Concurrent jobs are queued to a single writer task, which runs
    /// every job waiting (up to 64) one after the other in one transaction — each inside a
    /// savepoint, so a refused job leaves the others' writes — and commits them together; each
    /// caller gets its answer only after that commit, so an acknowledged write is on disk as
    /// before. This saves the lock hand-over, `BEGIN` and `COMMIT` of each job: the quiz
    /// submission is the write learners make most. The jobs of a group see each other's writes,
    /// so limits checked inside a job ("fewer than 3 attempts") hold. On PostgreSQL, which runs
    /// concurrent transactions, each job has its own.
    ///
    /// A job that panics takes the writer down: its caller gets an error, the group's other
    /// writes are rolled back and their callers get an error too, and the next call starts a new
    /// writer.
    pub async fn write_grouped<T, E, F>(&self, job: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
        F: for<'c> FnOnce(WriteScope<'c>) -> WriteFuture<'c, Result<T, E>> + Send + 'static,
    {
        if self.engine == Engine::Postgres {
            let mut tx = self.pool.begin().await.map_err(DbError::from)?;
            let outcome = job(WriteScope { conn: &mut *tx, engine: self.engine }).await;
            match outcome {
                Ok(value) => {
                    tx.commit().await.map_err(DbError::from)?;
                    return Ok(value);
                }
                Err(error) => {
                    tx.rollback().await.map_err(DbError::from)?;
                    return Err(error);
                }
            }
        }
        let (answer, answered) = tokio::sync::oneshot::channel::<Result<T, E>>();
        let grouped: GroupedJob = Box::new(move |scope| {
            Box::pin(async move {
                let outcome = job(scope).await;
                let succeeded = outcome.is_ok();
                let delivery: Delivery = Box::new(move |committed| {
                    let result = match (committed, outcome) {
                        (Ok(()), outcome) => outcome,
                        (Err(error), Ok(_)) => Err(E::from(DbError::GroupCommit(error.to_string()))),
                        (Err(_), Err(refused)) => Err(refused),
                    };
                    let _ = answer.send(result);
                });
                (succeeded, delivery)
            })
        });
        self.group_writer_queue().send(grouped).await.map_err(|_| DbError::GroupCommit("le rédacteur de la base s'est arrêté".into()))?;
        answered.await.unwrap_or_else(|_| Err(E::from(DbError::GroupCommit("l'écriture a été interrompue".into()))))
    }

    /// The queue of this process's SQLite writer, started (again) when needed.
    fn group_writer_queue(&self) -> tokio::sync::mpsc::Sender<GroupedJob> {
        let mut queue = self.group_writer.jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(sender) = queue.as_ref().filter(|sender| !sender.is_closed()) {
            return sender.clone();
        }
        let (sender, receiver) = tokio::sync::mpsc::channel(QUEUED_WRITES);
        tokio::spawn(run_group_writer(self.pool.clone(), self.writer_turn.clone(), receiver));
        *queue = Some(sender.clone());
        sender
    }
}

/// The SQLite writer's loop: takes every job waiting, runs them in one transaction, commits,
/// answers each caller.
async fn run_group_writer(
    pool: AnyPool,
    turn: std::sync::Arc<tokio::sync::Mutex<()>>,
    mut queue: tokio::sync::mpsc::Receiver<GroupedJob>,
) {
    let mut group = Vec::with_capacity(MAX_GROUP);
    // The writer keeps its connection from one group to the next: given back to the pool, it was
    // tested with a ping each time, and the next group could wait for a connection while holding
    // the turn. It goes back to the pool (whose test closes it if broken) after a failure.
    let mut kept: Option<sqlx::pool::PoolConnection<sqlx::Any>> = None;
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        // Other writers (begin_write, execute) take the same turn: one SQLite writer at a time.
        let _turn = turn.lock().await;
        let mut conn = match kept.take() {
            Some(conn) => conn,
            None => match pool.acquire().await {
                Ok(conn) => conn,
                Err(error) => {
                    tracing::error!(%error, jobs = group.len(), "no connection for a group commit");
                    group.clear();
                    continue;
                }
            },
        };
        // Each job runs inside its own savepoint; ending one and opening the next is one round
        // trip to SQLite's thread, as is the start.
        if let Err(error) = conn.execute("BEGIN IMMEDIATE; SAVEPOINT grouped_write").await {
            tracing::error!(%error, jobs = group.len(), "cannot start a group commit");
            let _ = conn.execute("ROLLBACK").await;
            group.clear();
            continue;
        }
        let mut deliveries = Vec::with_capacity(group.len());
        let mut failure: Option<DbError> = None;
        let jobs = group.len();
        for (n, job) in group.drain(..).enumerate() {
            if failure.is_some() {
                continue;
            }
            let (succeeded, delivery) = job(WriteScope { conn: &mut *conn, engine: Engine::Sqlite }).await;
            deliveries.push(delivery);
            let end = match (succeeded, n + 1 == jobs) {
                (true, true) => "RELEASE grouped_write",
                (true, false) => "RELEASE grouped_write; SAVEPOINT grouped_write",
                (false, true) => "ROLLBACK TO grouped_write; RELEASE grouped_write",
                (false, false) => "ROLLBACK TO grouped_write; RELEASE grouped_write; SAVEPOINT grouped_write",
            };
            if let Err(error) = conn.execute(end).await {
                failure = Some(error.into());
            }
        }
        let committed = match failure {
            Some(error) => Err(error),
            None => conn.execute("COMMIT").await.map(|_| ()).map_err(DbError::from),
        };
        match &committed {
            Ok(()) => kept = Some(conn),
            Err(error) => {
                tracing::error!(%error, jobs = deliveries.len(), "group commit failed; its writes are rolled back");
                let _ = conn.execute("ROLLBACK").await;
            }
        }
        for delivery in deliveries {
            delivery(committed.as_ref().map(|_| ()));
        }
    }
}

/// The current time as UTC Unix seconds, the unit every `*_at` column uses.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_comes_from_the_url_scheme() {
        assert_eq!(Engine::from_url("sqlite://campus.db?mode=rwc").unwrap(), Engine::Sqlite);
        assert_eq!(Engine::from_url("postgres://u@h/db").unwrap(), Engine::Postgres);
        assert_eq!(Engine::from_url("postgresql://u@h/db").unwrap(), Engine::Postgres);
        let error = Engine::from_url("mysql://h/db").unwrap_err().to_string();
        assert!(error.contains("mysql"), "{error}");
    }

    #[tokio::test]
    async fn kept_readers_answer_and_survive_a_statement_the_database_refuses() {
        let file = std::env::temp_dir().join(format!("campus-read-all-{}.db", std::process::id()));
        let db = Database::connect(&format!("sqlite://{}?mode=rwc", file.display())).await.unwrap();
        sqlx::query("CREATE TABLE t (n BIGINT)").execute(db.pool()).await.unwrap();
        sqlx::query("INSERT INTO t (n) VALUES (1), (2)").execute(db.pool()).await.unwrap();
        let read = |sql: &'static str| db.read_all::<(i64,)>(sqlx::query_as(sql));
        assert_eq!(read("SELECT n FROM t ORDER BY n").await.unwrap(), vec![(1,), (2,)]);
        let refused = read("SELECT n FROM no_such_table").await.unwrap_err();
        assert!(matches!(refused, DbError::Query(sqlx::Error::Database(_))), "{refused}");
        // The refused statement gave its connection back to its slot, which still answers.
        assert!(db.readers[0].try_lock().unwrap().is_some());
        sqlx::query("INSERT INTO t (n) VALUES (3)").execute(db.pool()).await.unwrap();
        assert_eq!(read("SELECT n FROM t ORDER BY n").await.unwrap(), vec![(1,), (2,), (3,)]);
        db.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
    }

    /// A write outside a transaction takes its turn among the writers that hand the lock to one
    /// another: it does not poll in SQLite's busy handler until the busy timeout (5 s) runs out.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_single_write_gets_its_turn_among_busy_writers() {
        let file = std::env::temp_dir().join(format!("campus-turns-{}.db", std::process::id()));
        let db = Database::connect(&format!("sqlite://{}?mode=rwc", file.display())).await.unwrap();
        db.execute(sqlx::query("CREATE TABLE t (n BIGINT)")).await.unwrap();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut writers = Vec::new();
        for _ in 0..3 {
            let (db, stop) = (db.clone(), stop.clone());
            writers.push(tokio::spawn(async move {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let mut tx = db.begin_write().await.unwrap();
                    sqlx::query("INSERT INTO t (n) VALUES (0)").execute(&mut *tx).await.unwrap();
                    tokio::time::sleep(Duration::from_millis(2)).await;
                    tx.commit().await.unwrap();
                }
            }));
        }
        let grouped = db.clone();
        let group = tokio::spawn(async move {
            grouped
                .write_grouped(|mut scope| {
                    Box::pin(async move {
                        sqlx::query("INSERT INTO t (n) VALUES (2)").execute(&mut *scope).await?;
                        Ok::<(), DbError>(())
                    })
                })
                .await
        });
        for _ in 0..20 {
            let started = std::time::Instant::now();
            db.execute(sqlx::query("INSERT INTO t (n) VALUES (1)")).await.unwrap();
            assert!(started.elapsed() < Duration::from_secs(1), "one write waited {:?}", started.elapsed());
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        for writer in writers {
            writer.await.unwrap();
        }
        group.await.unwrap().unwrap();
        let singles: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM t WHERE n = 1").fetch_one(db.pool()).await.unwrap();
        assert_eq!(singles, 20);
        db.close().await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
    }
}
