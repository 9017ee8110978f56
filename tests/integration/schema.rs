//! Migration parity: the SQLite and PostgreSQL migration trees, each applied to an empty
//! database, give the same tables, columns, nullability, primary keys and indexes (compared by
//! table, columns, uniqueness and partiality, not by name). The two trees are written by hand
//! side by side; this test is what holds them together.

use std::collections::{BTreeMap, BTreeSet};

use integration_tests::{fresh_database, postgres_available, Database, Engine};
use sqlx::Connection;

/// One column: whether it may be NULL, and the family of its type (the engines spell types
/// differently: `INTEGER`/`BIGINT`, `TEXT`/`TEXT`, `BLOB`/`BYTEA`).
#[derive(Debug, PartialEq, Eq)]
struct Column {
    nullable: bool,
    family: String,
}

/// An index or a unique constraint, as the engines store both.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Index {
    columns: Vec<String>,
    unique: bool,
    partial: bool,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    columns: BTreeMap<String, Column>,
    primary_key: Vec<String>,
    indexes: BTreeSet<Index>,
}

type Schema = BTreeMap<String, Table>;

fn family(declared: &str) -> String {
    let declared = declared.to_ascii_lowercase();
    let family = if declared.contains("int") {
        "integer"
    } else if declared.contains("char") || declared.contains("text") || declared.contains("clob") {
        "text"
    } else if declared.contains("blob") || declared == "bytea" {
        "binary"
    } else if declared.contains("real") || declared.contains("floa") || declared.contains("doub") || declared.contains("numeric") {
        "number"
    } else if declared.contains("bool") {
        "boolean"
    } else {
        // Any other spelling is kept, so that the comparison shows it.
        &declared
    };
    family.to_owned()
}

async fn migrated(engine: Engine) -> (integration_tests::TestDatabase, String) {
    let database = fresh_database(engine).await;
    let db = Database::connect(&database.url).await.expect("the database answers");
    db.migrate().await.expect("the migrations apply to an empty database");
    db.pool().close().await;
    let url = database.url.clone();
    (database, url)
}

async fn sqlite_schema(url: &str) -> Schema {
    let mut conn = sqlx::SqliteConnection::connect(url).await.expect("SQLite opens");
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY name")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let mut schema = Schema::new();
    for name in tables {
        let mut table = Table::default();
        let mut primary_key: Vec<(i64, String)> = Vec::new();
        let columns: Vec<(String, String, i64, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)").bind(&name).fetch_all(&mut conn).await.unwrap();
        for (column, declared, not_null, pk) in columns {
            if pk > 0 {
                primary_key.push((pk, column.clone()));
            }
            // A primary key column is never NULL, whether or not SQLite was told so.
            table.columns.insert(column, Column { nullable: not_null == 0 && pk == 0, family: family(&declared) });
        }
        primary_key.sort();
        table.primary_key = primary_key.into_iter().map(|(_, column)| column).collect();
        let indexes: Vec<(String, i64, String, i64)> =
            sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)").bind(&name).fetch_all(&mut conn).await.unwrap();
        for (index_name, unique, origin, partial) in indexes {
            if origin == "pk" {
                continue;
            }
            let columns = sqlx::query_scalar::<_, Option<String>>("SELECT name FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno")
                .bind(&index_name)
                .fetch_all(&mut conn)
                .await
                .unwrap()
                .into_iter()
                .map(|name| name.unwrap_or_else(|| "<expression>".to_owned()))
                .collect();
            table.indexes.insert(Index { columns, unique: unique == 1, partial: partial == 1 });
        }
        schema.insert(name, table);
    }
    schema
}

async fn postgres_schema(url: &str) -> Schema {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("PostgreSQL answers");
    let mut schema = Schema::new();
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, is_nullable::text, data_type::text FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%' ORDER BY table_name, ordinal_position",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    for (table, column, nullable, declared) in columns {
        schema.entry(table).or_default().columns.insert(column, Column { nullable: nullable == "YES", family: family(&declared) });
    }
    let indexes: Vec<(String, bool, bool, bool, Vec<String>)> = sqlx::query_as(
        "SELECT t.relname::text, ix.indisprimary, ix.indisunique, ix.indpred IS NOT NULL, \
                ARRAY(SELECT COALESCE(a.attname::text, '<expression>') FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) \
                      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n) \
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace \
         WHERE s.nspname = 'public' AND t.relname NOT LIKE '_sqlx%'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    for (table, primary, unique, partial, columns) in indexes {
        let table = schema.entry(table).or_default();
        if primary {
            table.primary_key = columns;
        } else {
            table.indexes.insert(Index { columns, unique, partial });
        }
    }
    schema
}

/// Every difference between the two schemas, one line each.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut found = Vec::new();
    let names: BTreeSet<&String> = sqlite.keys().chain(postgres.keys()).collect();
    for name in names {
        let (Some(s), Some(p)) = (sqlite.get(name), postgres.get(name)) else {
            found.push(format!("table {name}: only on {}", if sqlite.contains_key(name) { "SQLite" } else { "PostgreSQL" }));
            continue;
        };
        let columns: BTreeSet<&String> = s.columns.keys().chain(p.columns.keys()).collect();
        for column in columns {
            match (s.columns.get(column), p.columns.get(column)) {
                (Some(a), Some(b)) if a == b => {}
                (Some(a), Some(b)) => found.push(format!("{name}.{column}: SQLite {a:?}, PostgreSQL {b:?}")),
                (Some(_), None) => found.push(format!("{name}.{column}: only on SQLite")),
                (None, _) => found.push(format!("{name}.{column}: only on PostgreSQL")),
            }
        }
        if s.primary_key != p.primary_key {
            found.push(format!("{name}: primary key {:?} on SQLite, {:?} on PostgreSQL", s.primary_key, p.primary_key));
        }
        for index in s.indexes.difference(&p.indexes) {
            found.push(format!("{name}: index {index:?} only on SQLite"));
        }
        for index in p.indexes.difference(&s.indexes) {
            found.push(format!("{name}: index {index:?} only on PostgreSQL"));
        }
    }
    found
}

#[tokio::test]
async fn both_migration_trees_give_the_same_schema() {
    if !postgres_available("both_migration_trees_give_the_same_schema") {
        return;
    }
    let (_sqlite_db, sqlite_url) = migrated(Engine::Sqlite).await;
    let (_postgres_db, postgres_url) = migrated(Engine::Postgres).await;
    let sqlite = sqlite_schema(&sqlite_url).await;
    let postgres = postgres_schema(&postgres_url).await;
    assert!(sqlite.len() > 10 && sqlite.contains_key("users") && sqlite["users"].columns.contains_key("email"), "the SQLite schema was read: {sqlite:?}");
    assert!(postgres.contains_key("users") && !postgres["users"].indexes.is_empty(), "the PostgreSQL schema was read: {postgres:?}");
    let differences = differences(&sqlite, &postgres);
    assert!(differences.is_empty(), "the migration trees differ:\n{}", differences.join("\n"));
}

#[test]
fn a_divergence_is_reported() {
    let table = |nullable: bool, unique: bool| Table {
        columns: BTreeMap::from([("email".to_owned(), Column { nullable, family: "text".to_owned() })]),
        primary_key: vec!["id".to_owned()],
        indexes: BTreeSet::from([Index { columns: vec!["email".to_owned()], unique, partial: false }]),
    };
    let sqlite = Schema::from([("users".to_owned(), table(false, true))]);
    assert!(differences(&sqlite, &Schema::from([("users".to_owned(), table(false, true))])).is_empty());
    assert_eq!(differences(&sqlite, &Schema::from([("users".to_owned(), table(true, true))])).len(), 1, "nullability");
    assert_eq!(differences(&sqlite, &Schema::from([("users".to_owned(), table(false, false))])).len(), 2, "uniqueness");
    assert_eq!(differences(&sqlite, &Schema::new()), vec!["table users: only on SQLite"]);
}
