//! HTTP integration tests, each against a fresh database, on SQLite and PostgreSQL.

mod accounts;
mod assets;
mod assistant;
mod attacks;
mod authoring;
mod courses;
mod directory;
mod foundation;
mod identity;
mod learner_pages;
mod learning;
mod mail;
mod notifications;
mod operations;
mod page_cache;
mod reporting;
mod sandbox;
mod schema;
mod sessions;
mod scim;
mod xapi;
