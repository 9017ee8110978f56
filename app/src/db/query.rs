//! Queries put together at run time (optional filters, rows inserted by the hundred): the text
//! and its binds, with placeholders numbered `$1, $2…` in the order values are added.
//!
//! sqlx's own `QueryBuilder<Any>` cannot serve here: the Any driver's arguments keep sqlx's
//! default placeholder, `?`, which SQLite reads and PostgreSQL does not (the test below checks it).

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
    fn sqlx_query_builder_writes_question_marks_for_any() {
        let mut query = sqlx::QueryBuilder::<Any>::new("SELECT id FROM t WHERE a = ");
        query.push_bind(7_i64);
        assert_eq!(query.sql(), "SELECT id FROM t WHERE a = ?", "if sqlx numbers `$N` for Any one day, it can replace ours");
    }
}
