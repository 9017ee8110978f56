//! HTTP integration tests, each against a fresh database, on SQLite and PostgreSQL.

mod accounts;
mod courses;
mod foundation;
mod learning;
