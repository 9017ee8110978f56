//! The SCIM 2.0 server at `/scim/v2` (RFC 7644), what Entra ID, Keycloak's SCIM extension and
//! other HR directories use to provision agents (`/Users`) and units (`/Groups`).
//!
//! Bearer tokens come from `CAMPUS_SCIM_TOKENS` (`jeton` or `jeton@unité`, the unit by id or
//! code: that token then sees and changes only the unit's subtree). The resource rules are in
//! `app::identity::scim` (JSON) and `app::identity::provisioning` (storage); this module reads
//! requests and writes SCIM responses, errors included.

use std::{collections::HashMap, future::Future};

use app::{
    db::Database,
    identity::{
        provisioning::{self, ProvisioningError, Scope},
        scim::{self, EqualityFilter, GroupInput, GroupRecord, ScimError, UserInput, UserRecord},
    },
    state::AppState,
};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use secrecy::ExposeSecret;
use serde_json::Value;

/// Largest accepted request body.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

fn scim_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(scim::CONTENT_TYPE));
    response
}

fn error_response(error: &ScimError) -> Response {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut response = scim_response(status, &error.body());
    if error.status == 401 {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"scim\""));
    }
    response
}

fn failure(error: ProvisioningError) -> Response {
    match error {
        ProvisioningError::Scim(error) => error_response(&error),
        ProvisioningError::Database(error) => {
            tracing::error!(%error, "SCIM request failed");
            error_response(&ScimError::new(503, None, app::error::UNAVAILABLE))
        }
    }
}

/// The scope of the request's bearer token, or the 401 to send.
async fn authorise(state: &AppState, headers: &HeaderMap) -> Result<Scope, Response> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .unwrap_or_default();
    // Every configured token is compared, in constant time.
    let mut found: Option<&Option<String>> = None;
    for (token, unit) in &state.scim_tokens {
        if app::crypto::same_secret(token.expose_secret(), presented) && !presented.is_empty() {
            found = Some(unit);
        }
    }
    let Some(unit) = found else {
        return Err(error_response(&ScimError::new(401, None, "jeton SCIM absent ou invalide (en-tête Authorization: Bearer …)")));
    };
    let Some(unit) = unit else { return Ok(Scope(None)) };
    let row: Option<i64> = sqlx::query_scalar("SELECT id FROM organizations WHERE code = $1 OR CAST(id AS TEXT) = $1")
        .bind(unit)
        .fetch_optional(state.db.pool())
        .await
        .map_err(|error| failure(ProvisioningError::Database(error.into())))?;
    match row {
        Some(id) => Ok(Scope(Some(id))),
        None => {
            tracing::error!(unit, "a CAMPUS_SCIM_TOKENS token names a unit that does not exist");
            Err(error_response(&ScimError::new(403, None, format!("l'unité « {unit} » de ce jeton n'existe pas"))))
        }
    }
}

fn base(state: &AppState) -> String {
    format!("{}/scim/v2", state.public_url)
}

fn parse_body(body: &Bytes) -> Result<Value, Response> {
    serde_json::from_slice(body).map_err(|error| error_response(&ScimError::new(400, Some("invalidSyntax"), format!("corps JSON illisible : {error}"))))
}

fn parse_id(id: &str, kind: &str) -> Result<i64, Response> {
    id.parse().map_err(|_| error_response(&ScimError::not_found(format!("aucun {kind} {id}"))))
}

/// The query parameters of a list (RFC 7644 §3.4.2).
#[derive(Default)]
struct ListQuery {
    filter: Option<String>,
    start_index: usize,
    count: usize,
    attributes: Option<String>,
    excluded: Option<String>,
}

impl ListQuery {
    fn read(query: &HashMap<String, String>) -> Result<ListQuery, Response> {
        let get = |name: &str| query.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
        let number = |name: &str, default: usize| -> Result<usize, Response> {
            match get(name) {
                None => Ok(default),
                Some(value) => value.trim().parse::<i64>().map(|n| n.max(0) as usize).map_err(|_| {
                    error_response(&ScimError::invalid_value(format!("« {name} » doit être un entier, pas « {value} »")))
                }),
            }
        };
        Ok(ListQuery {
            filter: get("filter").filter(|f| !f.trim().is_empty()),
            start_index: number("startIndex", 1)?.max(1),
            count: number("count", scim::MAX_PAGE)?.min(scim::MAX_PAGE),
            attributes: get("attributes"),
            excluded: get("excludedAttributes"),
        })
    }
}

fn projected(mut resource: Value, query: &ListQuery) -> Value {
    scim::project(&mut resource, query.attributes.as_deref(), query.excluded.as_deref());
    resource
}

fn created(resource: Value) -> Response {
    let location = resource["meta"]["location"].as_str().and_then(|l| HeaderValue::from_str(l).ok());
    let mut response = scim_response(StatusCode::CREATED, &resource);
    if let Some(location) = location {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

pub async fn service_provider_config(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(response) = authorise(&state, &headers).await {
        return response;
    }
    scim_response(StatusCode::OK, &scim::service_provider_config(&base(&state)))
}

pub async fn resource_types(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(response) = authorise(&state, &headers).await {
        return response;
    }
    let types = scim::resource_types(&base(&state));
    let total = types.len();
    scim_response(StatusCode::OK, &scim::list_response(types, total, 1))
}

pub async fn resource_type(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(response) = authorise(&state, &headers).await {
        return response;
    }
    match scim::resource_types(&base(&state)).into_iter().find(|t| t["id"] == id.as_str()) {
        Some(found) => scim_response(StatusCode::OK, &found),
        None => error_response(&ScimError::not_found(format!("type de ressource « {id} » inconnu (User, Group)"))),
    }
}

pub async fn schemas(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(response) = authorise(&state, &headers).await {
        return response;
    }
    let schemas = scim::schemas(&base(&state));
    let total = schemas.len();
    scim_response(StatusCode::OK, &scim::list_response(schemas, total, 1))
}

pub async fn schema(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    if let Err(response) = authorise(&state, &headers).await {
        return response;
    }
    match scim::schemas(&base(&state)).into_iter().find(|s| s["id"] == id.as_str()) {
        Some(found) => scim_response(StatusCode::OK, &found),
        None => error_response(&ScimError::not_found(format!("schéma « {id} » inconnu"))),
    }
}

/// What differs between users and groups; the handlers below are written once for both
/// (`list::<Users>`, `get::<Groups>`…).
pub trait Resource: Send + Sync + 'static {
    type Record: Send;
    type Input: Send + Sync;
    /// « utilisateur » or « groupe », for messages.
    const NOUN: &'static str;
    /// Attributes a `filter` may name (lower-cased).
    const FILTERABLE: &'static [&'static str];
    fn read(body: &Value) -> Result<Self::Input, ScimError>;
    fn to_json(record: &Self::Record, base: &str) -> Value;
    fn list<'a>(db: &'a Database, scope: Scope, filter: Option<&'a EqualityFilter>, start: usize, count: usize) -> impl Future<Output = Result<(Vec<Self::Record>, usize), ProvisioningError>> + Send + 'a;
    fn get(db: &Database, scope: Scope, id: i64) -> impl Future<Output = Result<Self::Record, ProvisioningError>> + Send + '_;
    fn create<'a>(db: &'a Database, scope: Scope, input: &'a Self::Input) -> impl Future<Output = Result<Self::Record, ProvisioningError>> + Send + 'a;
    fn replace<'a>(db: &'a Database, scope: Scope, id: i64, input: &'a Self::Input) -> impl Future<Output = Result<Self::Record, ProvisioningError>> + Send + 'a;
    fn patch<'a>(db: &'a Database, scope: Scope, id: i64, patch: &'a Value, base: &'a str) -> impl Future<Output = Result<Self::Record, ProvisioningError>> + Send + 'a;
    fn delete(db: &Database, scope: Scope, id: i64) -> impl Future<Output = Result<(), ProvisioningError>> + Send + '_;
}

/// `/Users`: agents.
pub struct Users;
/// `/Groups`: units.
pub struct Groups;

impl Resource for Users {
    type Record = UserRecord;
    type Input = UserInput;
    const NOUN: &'static str = "utilisateur";
    const FILTERABLE: &'static [&'static str] = &["username", "externalid", "emails.value", "emails", "id"];
    fn read(body: &Value) -> Result<UserInput, ScimError> {
        scim::user_input(body)
    }
    fn to_json(record: &UserRecord, base: &str) -> Value {
        record.to_json(base)
    }
    fn list<'a>(db: &'a Database, scope: Scope, filter: Option<&'a EqualityFilter>, start: usize, count: usize) -> impl Future<Output = Result<(Vec<UserRecord>, usize), ProvisioningError>> + Send + 'a {
        provisioning::list_users(db, scope, filter, start, count)
    }
    fn get(db: &Database, scope: Scope, id: i64) -> impl Future<Output = Result<UserRecord, ProvisioningError>> + Send + '_ {
        provisioning::get_user(db, scope, id)
    }
    fn create<'a>(db: &'a Database, scope: Scope, input: &'a UserInput) -> impl Future<Output = Result<UserRecord, ProvisioningError>> + Send + 'a {
        provisioning::create_user(db, scope, input)
    }
    fn replace<'a>(db: &'a Database, scope: Scope, id: i64, input: &'a UserInput) -> impl Future<Output = Result<UserRecord, ProvisioningError>> + Send + 'a {
        provisioning::replace_user(db, scope, id, input)
    }
    fn patch<'a>(db: &'a Database, scope: Scope, id: i64, patch: &'a Value, base: &'a str) -> impl Future<Output = Result<UserRecord, ProvisioningError>> + Send + 'a {
        provisioning::patch_user(db, scope, id, patch, base)
    }
    fn delete(db: &Database, scope: Scope, id: i64) -> impl Future<Output = Result<(), ProvisioningError>> + Send + '_ {
        provisioning::delete_user(db, scope, id)
    }
}

impl Resource for Groups {
    type Record = GroupRecord;
    type Input = GroupInput;
    const NOUN: &'static str = "groupe";
    const FILTERABLE: &'static [&'static str] = &["displayname", "externalid", "id"];
    fn read(body: &Value) -> Result<GroupInput, ScimError> {
        scim::group_input(body)
    }
    fn to_json(record: &GroupRecord, base: &str) -> Value {
        record.to_json(base)
    }
    fn list<'a>(db: &'a Database, scope: Scope, filter: Option<&'a EqualityFilter>, start: usize, count: usize) -> impl Future<Output = Result<(Vec<GroupRecord>, usize), ProvisioningError>> + Send + 'a {
        provisioning::list_groups(db, scope, filter, start, count)
    }
    fn get(db: &Database, scope: Scope, id: i64) -> impl Future<Output = Result<GroupRecord, ProvisioningError>> + Send + '_ {
        provisioning::get_group(db, scope, id)
    }
    fn create<'a>(db: &'a Database, scope: Scope, input: &'a GroupInput) -> impl Future<Output = Result<GroupRecord, ProvisioningError>> + Send + 'a {
        provisioning::create_group(db, scope, input)
    }
    fn replace<'a>(db: &'a Database, scope: Scope, id: i64, input: &'a GroupInput) -> impl Future<Output = Result<GroupRecord, ProvisioningError>> + Send + 'a {
        provisioning::replace_group(db, scope, id, input)
    }
    fn patch<'a>(db: &'a Database, scope: Scope, id: i64, patch: &'a Value, base: &'a str) -> impl Future<Output = Result<GroupRecord, ProvisioningError>> + Send + 'a {
        provisioning::patch_group(db, scope, id, patch, base)
    }
    fn delete(db: &Database, scope: Scope, id: i64) -> impl Future<Output = Result<(), ProvisioningError>> + Send + '_ {
        provisioning::delete_group(db, scope, id)
    }
}

/// `POST /Users/.search`, `POST /Groups/.search`: the query of a list, from a body.
pub async fn search<R: Resource>(state: State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match parse_body(&body).and_then(|body| scim::search_parameters(&body).map_err(|e| error_response(&e))) {
        Ok(parameters) => list::<R>(state, headers, Query(parameters.into_iter().collect())).await,
        Err(response) => response,
    }
}

/// `GET /Users`, `GET /Groups`: a page of resources, filtered and projected.
pub async fn list<R: Resource>(State(state): State<AppState>, headers: HeaderMap, Query(query): Query<HashMap<String, String>>) -> Response {
    let scope = match authorise(&state, &headers).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let query = match ListQuery::read(&query) {
        Ok(query) => query,
        Err(response) => return response,
    };
    let filter = match query.filter.as_deref().map(|f| scim::parse_filter(f, R::FILTERABLE)).transpose() {
        Ok(filter) => filter,
        Err(error) => return error_response(&error),
    };
    match R::list(&state.db, scope, filter.as_ref(), query.start_index, query.count).await {
        Ok((records, total)) => {
            let base = base(&state);
            let resources = records.iter().map(|r| projected(R::to_json(r, &base), &query)).collect();
            scim_response(StatusCode::OK, &scim::list_response(resources, total, query.start_index))
        }
        Err(error) => failure(error),
    }
}

/// `GET /Users/{id}`, `GET /Groups/{id}`.
pub async fn get<R: Resource>(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>, Query(query): Query<HashMap<String, String>>) -> Response {
    let scope = match authorise(&state, &headers).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let (id, query) = match (parse_id(&id, R::NOUN), ListQuery::read(&query)) {
        (Ok(id), Ok(query)) => (id, query),
        (Err(response), _) | (_, Err(response)) => return response,
    };
    match R::get(&state.db, scope, id).await {
        Ok(record) => scim_response(StatusCode::OK, &projected(R::to_json(&record, &base(&state)), &query)),
        Err(error) => failure(error),
    }
}

/// `POST /Users`, `POST /Groups`.
pub async fn create<R: Resource>(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let scope = match authorise(&state, &headers).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let input = match parse_body(&body).and_then(|b| R::read(&b).map_err(|e| error_response(&e))) {
        Ok(input) => input,
        Err(response) => return response,
    };
    match R::create(&state.db, scope, &input).await {
        Ok(record) => created(R::to_json(&record, &base(&state))),
        Err(error) => failure(error),
    }
}

/// `PUT /Users/{id}`, `PUT /Groups/{id}`.
pub async fn replace<R: Resource>(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    let scope = match authorise(&state, &headers).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let id = match parse_id(&id, R::NOUN) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let input = match parse_body(&body).and_then(|b| R::read(&b).map_err(|e| error_response(&e))) {
        Ok(input) => input,
        Err(response) => return response,
    };
    match R::replace(&state.db, scope, id, &input).await {
        Ok(record) => scim_response(StatusCode::OK, &R::to_json(&record, &base(&state))),
        Err(error) => failure(error),
    }
}

/// `PATCH /Users/{id}`, `PATCH /Groups/{id}`.
pub async fn patch<R: Resource>(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>, body: Bytes) -> Response {
    let scope = match authorise(&state, &headers).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let (id, operations) = match (parse_id(&id, R::NOUN), parse_body(&body)) {
        (Ok(id), Ok(operations)) => (id, operations),
        (Err(response), _) | (_, Err(response)) => return response,
    };
    let base = base(&state);
    match R::patch(&state.db, scope, id, &operations, &base).await {
        Ok(record) => scim_response(StatusCode::OK, &R::to_json(&record, &base)),
        Err(error) => failure(error),
    }
}

/// `DELETE /Users/{id}` (deactivates), `DELETE /Groups/{id}`.
pub async fn delete<R: Resource>(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let scope = match authorise(&state, &headers).await {
        Ok(scope) => scope,
        Err(response) => return response,
    };
    let id = match parse_id(&id, R::NOUN) {
        Ok(id) => id,
        Err(response) => return response,
    };
    match R::delete(&state.db, scope, id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => failure(error),
    }
}

/// `POST /.search` across every resource type: not offered (RFC 7644 §3.4.3 lets a provider
/// answer 501); clients search `/Users/.search` or `/Groups/.search`.
pub async fn search_everything(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(response) = authorise(&state, &headers).await {
        return response;
    }
    error_response(&ScimError::new(501, None, "la recherche sur tous les types de ressources à la fois n'est pas proposée : utilisez /Users/.search ou /Groups/.search"))
}

/// Anything else under `/scim/v2`: a SCIM 404.
pub async fn not_found() -> Response {
    error_response(&ScimError::not_found("cette ressource SCIM n'existe pas (Users, Groups, Schemas, ResourceTypes, ServiceProviderConfig)"))
}
