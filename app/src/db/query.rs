//! Queries put together at run time (optional filters, rows inserted by the hundred): the text
//! and its binds, with placeholders numbered `$1, $2…` in the order values are added.
//!
//! sqlx's own `QueryBuilder<Any>` cannot serve here: the Any driver's arguments keep sqlx's
//! default placeholder, `?`, which SQLite reads and PostgreSQL does not (the test below checks it).
//!
//! [`StatementBatch`] runs several writes in one round trip on SQLite: sqlx hands each statement
//! to the connection's own thread and waits for it, and on a busy server those hand-overs, not
//! SQLite, were most of a quiz submission's time in the single writer.

use std::fmt::Write;

use sqlx::{
    any::{AnyArguments, AnyRow},
    query::{Query, QueryAs, QueryScalar},
    Any, Arguments, Encode, FromRow, Type,
};

/// A query's text and binds; see the module's documentation.
#[derive(Default)]
pub struct QueryBuilder<'q> {
    sql: String,
    arguments: AnyArguments<'q>,
    /// The first value that could not be encoded, reported when the query is built.
    error: Option<sqlx::error::BoxDynError>,
}

impl<'q> QueryBuilder<'q> {
    /// Starts with `sql`; placeholders already in it (`$1`…) take the first [`bind`](Self::bind)s.
    pub fn new(sql: impl Into<String>) -> Self {
        QueryBuilder { sql: sql.into(), ..Default::default() }
    }

    /// Adds text.
    pub fn push(&mut self, sql: impl AsRef<str>) -> &mut Self {
        self.sql.push_str(sql.as_ref());
        self
    }

    /// Adds the value of the next placeholder already in the text (`$1` first).
    pub fn bind<T: 'q + Encode<'q, Any> + Type<Any>>(&mut self, value: T) -> &mut Self {
        if let Err(error) = self.arguments.add(value) {
            self.error.get_or_insert(error);
        }
        self
    }

    /// Writes the next placeholder (`$N`) and adds its value.
    pub fn push_bind<T: 'q + Encode<'q, Any> + Type<Any>>(&mut self, value: T) -> &mut Self {
        self.bind(value);
        let _ = write!(self.sql, "${}", self.arguments.len());
        self
    }

    /// Writes `sql` with each `?` replaced by the next placeholder, whose value is `value`
    /// (`" AND s.stored_at > ?"`): one value however many `?` there are.
    pub fn push_condition<T: 'q + Encode<'q, Any> + Type<Any>>(&mut self, sql: &str, value: T) -> &mut Self {
        self.bind(value);
        self.sql.push_str(&sql.replace('?', &format!("${}", self.arguments.len())));
        self
    }

    /// The text so far.
    pub fn sql(&self) -> &str {
        &self.sql
    }

    fn take_arguments(&mut self) -> Result<AnyArguments<'q>, sqlx::Error> {
        match self.error.take() {
            Some(error) => Err(sqlx::Error::Encode(error)),
            None => Ok(std::mem::take(&mut self.arguments)),
        }
    }

    /// The query, to execute (its binds are handed over: build it once).
    pub fn build(&mut self) -> Result<Query<'_, Any, AnyArguments<'_>>, sqlx::Error> {
        let arguments = self.take_arguments()?;
        Ok(sqlx::query_with(&self.sql, arguments))
    }

    /// The query, each row read into a `T`.
    pub fn build_query_as<T: for<'r> FromRow<'r, AnyRow>>(&mut self) -> Result<QueryAs<'_, Any, T, AnyArguments<'_>>, sqlx::Error> {
        let arguments = self.take_arguments()?;
        Ok(sqlx::query_as_with(&self.sql, arguments))
    }

    /// The query, each row's first column read into a `T`.
    pub fn build_query_scalar<T>(&mut self) -> Result<QueryScalar<'_, Any, T, AnyArguments<'_>>, sqlx::Error>
    where
        (T,): for<'r> FromRow<'r, AnyRow>,
    {
        let arguments = self.take_arguments()?;
        Ok(sqlx::query_scalar_with(&self.sql, arguments))
    }
}

/// Writes run together in the caller's transaction: on SQLite one text of `;`-separated
/// statements sent once (sqlx numbers `$N` across the whole text, so each statement's
/// placeholders are shifted past the previous ones' values); on PostgreSQL, whose prepared
/// statements hold one command each, the statements one after the other.
pub struct StatementBatch<'q> {
    queries: Vec<QueryBuilder<'q>>,
    one_text: bool,
    /// How many values the statements pushed so far take, to check each got its binds.
    expected_values: usize,
}

impl<'q> StatementBatch<'q> {
    /// A batch for `conn`'s engine.
    pub fn for_connection(conn: &sqlx::AnyConnection) -> Self {
        StatementBatch { queries: Vec::new(), one_text: conn.backend_name() == "SQLite", expected_values: 0 }
    }

    /// Adds a statement whose placeholders are `$1, $2…`; its values follow with
    /// [`QueryBuilder::bind`] on the returned builder, before the next statement.
    pub fn statement(&mut self, sql: &str) -> &mut QueryBuilder<'q> {
        self.check_binds();
        if !self.one_text || self.queries.is_empty() {
            self.queries.push(QueryBuilder::new(""));
        }
        let Some(query) = self.queries.last_mut() else { unreachable!("a query was just pushed") };
        let offset = query.arguments.len();
        if !query.sql.is_empty() {
            query.sql.push_str("; ");
        }
        let (shifted, placeholders) = shift_placeholders(sql, offset);
        query.sql.push_str(&shifted);
        self.expected_values = offset + placeholders;
        query
    }

    /// A statement that got fewer or more values than its placeholders is a programming error,
    /// reported when the batch runs.
    fn check_binds(&mut self) {
        if let Some(query) = self.queries.last_mut() {
            if query.arguments.len() != self.expected_values && query.error.is_none() {
                query.error = Some(format!("{} values for {} placeholders in: {}", query.arguments.len(), self.expected_values, query.sql).into());
            }
        }
    }

    /// Runs every statement, in order, on `conn`.
    pub async fn execute(mut self, conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
        use sqlx::Executor;
        self.check_binds();
        for mut query in self.queries {
            conn.execute(query.build()?).await?;
        }
        Ok(())
    }

    /// Runs every statement, in order, on `conn`, and reads the rows they return into `T`s (a
    /// batch of writes ending with the `SELECT` of what they wrote: still one round trip).
    pub async fn fetch_all_as<T>(mut self, conn: &mut sqlx::AnyConnection) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        self.check_binds();
        let mut rows = Vec::new();
        for mut query in self.queries {
            rows.extend(query.build_query_as::<T>()?.fetch_all(&mut *conn).await?);
        }
        Ok(rows)
    }
}

/// `sql` with each `$N` written `$(N + offset)`, and the highest `N` it holds.
fn shift_placeholders(sql: &str, offset: usize) -> (String, usize) {
    let mut shifted = String::with_capacity(sql.len() + 8);
    let mut highest = 0;
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        shifted.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        match rest[..digits].parse::<usize>() {
            Ok(n) => {
                highest = highest.max(n);
                let _ = write!(shifted, "{}", n + offset);
            }
            Err(_) => shifted.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    shifted.push_str(rest);
    (shifted, highest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_the_order_of_the_values() {
        let mut query = QueryBuilder::new("SELECT id FROM t WHERE a = $1");
        query.bind(7_i64).push(" AND b = ").push_bind("deux").push_condition(" AND (c > ? OR (c = ? AND d < $2))", 3_i64);
        assert_eq!(query.sql(), "SELECT id FROM t WHERE a = $1 AND b = $2 AND (c > $3 OR (c = $3 AND d < $2))");
        assert_eq!(query.arguments.len(), 3);
        assert!(query.build().is_ok());
    }

    #[test]
    fn a_batch_shifts_each_statements_placeholders_past_the_previous_values() {
        assert_eq!(shift_placeholders("UPDATE t SET a = $1 WHERE b = $2 AND c = $1", 3).0, "UPDATE t SET a = $4 WHERE b = $5 AND c = $4");
        assert_eq!(shift_placeholders("SELECT '$' || $10", 2).0, "SELECT '$' || $12");
        assert_eq!(shift_placeholders("VALUES ($1, $3, $2, $3)", 0).1, 3);
        assert_eq!(shift_placeholders("SELECT 1", 5), ("SELECT 1".to_owned(), 0));
        let mut batch = StatementBatch { queries: Vec::new(), one_text: true, expected_values: 0 };
        batch.statement("INSERT INTO t (a, b) VALUES ($1, $2)").bind(1_i64).bind(2_i64);
        batch.statement("UPDATE u SET c = $1 WHERE d = $2").bind(3_i64).bind(4_i64);
        assert_eq!(batch.queries.len(), 1);
        assert_eq!(batch.queries[0].sql(), "INSERT INTO t (a, b) VALUES ($1, $2); UPDATE u SET c = $3 WHERE d = $4");
        batch.statement("DELETE FROM v WHERE e = $1");
        batch.check_binds();
        assert!(batch.queries[0].build().is_err(), "a statement without its value is refused");
    }

    #[test]
    fn on_postgresql_a_batch_keeps_one_query_per_statement() {
        let mut batch = StatementBatch { queries: Vec::new(), one_text: false, expected_values: 0 };
        batch.statement("INSERT INTO t (a) VALUES ($1)").bind(1_i64);
        batch.statement("UPDATE u SET c = $1 WHERE d = $2").bind(3_i64).bind(4_i64);
        batch.check_binds();
        assert_eq!(batch.queries.iter().map(QueryBuilder::sql).collect::<Vec<_>>(), ["INSERT INTO t (a) VALUES ($1)", "UPDATE u SET c = $1 WHERE d = $2"]);
        assert!(batch.queries.iter_mut().all(|q| q.build().is_ok()));
    }

    #[test]
    fn sqlx_query_builder_writes_question_marks_for_any() {
        let mut query = sqlx::QueryBuilder::<Any>::new("SELECT id FROM t WHERE a = ");
        query.push_bind(7_i64);
        assert_eq!(query.sql(), "SELECT id FROM t WHERE a = ?", "if sqlx numbers `$N` for Any one day, it can replace ours");
    }
}
