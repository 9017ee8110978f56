//! SCIM 2.0 (RFC 7643 resources, RFC 7644 protocol) as Campus IA speaks it: the JSON of users
//! and groups (groups are units), the discovery documents, filters, `PATCH` operations and the
//! `attributes` / `excludedAttributes` projection. Pure: no database, no HTTP.
//!
//! Written here rather than taken from a crate: the Rust SCIM crates found on crates.io are
//! either client-side models or unmaintained servers, and what a provisioning client needs from
//! us is small — a schema describing exactly what we store, equality filters, and patches. A
//! patch is applied to the resource's JSON and the result read back like a `PUT`, so both
//! write paths share one set of rules.
//!
//! What is published (and therefore what clients may send): users have `userName`,
//! `name.givenName`, `name.familyName`, one `emails[].value` (required: reminders and
//! ProConnect both key on it), `active` (required: provisioning clients send it), `externalId`
//! and a read-only `groups`; groups have `displayName`, `externalId` and `members` (users).
//! Entra ID's habits are accepted: capitalised operation names, `"False"` as a string,
//! `emails[type eq "work"].value` paths.

use serde_json::{json, Map, Value};

pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
pub const PATCH_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub const CONFIG_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
pub const RESOURCE_TYPE_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
pub const SCHEMA_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";
/// The media type of every SCIM body.
pub const CONTENT_TYPE: &str = "application/scim+json";
/// Most resources in one page.
pub const MAX_PAGE: usize = 200;

/// A SCIM error: its HTTP status, `scimType` and a French `detail`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{detail}")]
pub struct ScimError {
    pub status: u16,
    pub scim_type: Option<&'static str>,
    pub detail: String,
}

impl ScimError {
    pub fn new(status: u16, scim_type: Option<&'static str>, detail: impl Into<String>) -> ScimError {
        ScimError { status, scim_type, detail: detail.into() }
    }
    pub fn invalid_value(detail: impl Into<String>) -> ScimError {
        ScimError::new(400, Some("invalidValue"), detail)
    }
    pub fn not_found(detail: impl Into<String>) -> ScimError {
        ScimError::new(404, None, detail)
    }
    pub fn uniqueness(detail: impl Into<String>) -> ScimError {
        ScimError::new(409, Some("uniqueness"), detail)
    }

    /// The error body (RFC 7644 §3.12).
    pub fn body(&self) -> Value {
        let mut body = json!({"schemas": [ERROR_SCHEMA], "status": self.status.to_string(), "detail": self.detail});
        if let Some(kind) = self.scim_type {
            body["scimType"] = json!(kind);
        }
        body
    }
}

/// A stored account, as SCIM shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub user_name: String,
    pub external_id: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub email: String,
    pub active: bool,
    /// The unit (id, name), if any.
    pub unit: Option<(i64, String)>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A unit, as SCIM shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupRecord {
    pub id: i64,
    pub display_name: String,
    pub external_id: Option<String>,
    /// Members (id, display name; the name is not published: clients compare members as sent).
    pub members: Vec<(i64, String)>,
    pub created_at: i64,
    pub updated_at: i64,
}

fn meta(kind: &str, location: String, created: i64, updated: i64) -> Value {
    json!({
        "resourceType": kind,
        "created": crate::time::rfc3339(created),
        "lastModified": crate::time::rfc3339(updated),
        "location": location,
        "version": format!("W/\"{updated}\""),
    })
}

impl UserRecord {
    /// The full representation; `base` is the absolute URL of `/scim/v2`.
    pub fn to_json(&self, base: &str) -> Value {
        let mut user = Map::new();
        user.insert("schemas".into(), json!([USER_SCHEMA]));
        user.insert("id".into(), json!(self.id.to_string()));
        if let Some(external) = &self.external_id {
            user.insert("externalId".into(), json!(external));
        }
        user.insert("userName".into(), json!(self.user_name));
        let mut name = Map::new();
        if let Some(given) = &self.given_name {
            name.insert("givenName".into(), json!(given));
        }
        if let Some(family) = &self.family_name {
            name.insert("familyName".into(), json!(family));
        }
        if !name.is_empty() {
            user.insert("name".into(), Value::Object(name));
        }
        user.insert("emails".into(), json!([{"value": self.email}]));
        user.insert("active".into(), json!(self.active));
        if let Some((id, name)) = &self.unit {
            user.insert("groups".into(), json!([{"value": id.to_string(), "$ref": format!("{base}/Groups/{id}"), "display": name}]));
        }
        user.insert("meta".into(), meta("User", format!("{base}/Users/{}", self.id), self.created_at, self.updated_at));
        Value::Object(user)
    }
}

impl GroupRecord {
    pub fn to_json(&self, base: &str) -> Value {
        let mut group = Map::new();
        group.insert("schemas".into(), json!([GROUP_SCHEMA]));
        group.insert("id".into(), json!(self.id.to_string()));
        if let Some(external) = &self.external_id {
            group.insert("externalId".into(), json!(external));
        }
        group.insert("displayName".into(), json!(self.display_name));
        if !self.members.is_empty() {
            let members: Vec<Value> = self
                .members
                .iter()
                .map(|(id, _)| json!({"value": id.to_string(), "$ref": format!("{base}/Users/{id}")}))
                .collect();
            group.insert("members".into(), Value::Array(members));
        }
        group.insert("meta".into(), meta("Group", format!("{base}/Groups/{}", self.id), self.created_at, self.updated_at));
        Value::Object(group)
    }
}

/// What a client asks to store for a user (`POST`, `PUT`, or a patched representation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserInput {
    pub user_name: String,
    pub external_id: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// Lower-cased, as accounts store it.
    pub email: String,
    pub active: bool,
}

impl UserInput {
    /// « Prénom Nom », else the user name.
    pub fn display_name(&self) -> String {
        let parts: Vec<&str> = [self.given_name.as_deref(), self.family_name.as_deref()].into_iter().flatten().collect();
        if parts.is_empty() { self.user_name.clone() } else { parts.join(" ") }
    }
}

/// What a client asks to store for a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupInput {
    pub display_name: String,
    pub external_id: Option<String>,
    /// The member users' ids.
    pub members: Vec<i64>,
}

/// The attributes of `body` with their names lower-cased (SCIM names are case-insensitive),
/// the schema URN prefix of extension-style keys removed.
fn attributes(body: &Value) -> Result<Map<String, Value>, ScimError> {
    let Value::Object(object) = body else { return Err(ScimError::invalid_value("le corps de la requête doit être un objet JSON")) };
    Ok(object.iter().map(|(key, value)| (key.to_lowercase(), value.clone())).collect())
}

fn optional_string(object: &Map<String, Value>, key: &str, label: &str) -> Result<Option<String>, ScimError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => {
            let text = text.trim();
            if text.chars().count() > 200 {
                Err(ScimError::invalid_value(format!("« {label} » dépasse 200 caractères")))
            } else {
                Ok(Some(text.to_owned()).filter(|t| !t.is_empty()))
            }
        }
        Some(_) => Err(ScimError::invalid_value(format!("« {label} » doit être une chaîne de caractères"))),
    }
}

fn boolean(value: &Value, label: &str) -> Result<bool, ScimError> {
    match value {
        Value::Bool(b) => Ok(*b),
        // Entra ID sends booleans as strings in PATCH operations.
        Value::String(text) if text.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(text) if text.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(ScimError::invalid_value(format!("« {label} » doit valoir true ou false"))),
    }
}

fn require_schema(object: &Map<String, Value>, schema: &str) -> Result<(), ScimError> {
    match object.get("schemas") {
        Some(Value::Array(schemas)) if schemas.iter().any(|s| s.as_str() == Some(schema)) => Ok(()),
        _ => Err(ScimError::invalid_value(format!("« schemas » doit contenir {schema}"))),
    }
}

/// Reads a user representation (read-only attributes such as `id`, `groups` and `meta` are
/// ignored, as RFC 7644 §3.5.1 says).
pub fn user_input(body: &Value) -> Result<UserInput, ScimError> {
    let object = attributes(body)?;
    require_schema(&object, USER_SCHEMA)?;
    let user_name = optional_string(&object, "username", "userName")?.ok_or_else(|| ScimError::invalid_value("« userName » est obligatoire"))?;
    let name = match object.get("name") {
        None | Some(Value::Null) => Map::new(),
        Some(value @ Value::Object(_)) => attributes(value)?,
        Some(_) => return Err(ScimError::invalid_value("« name » doit être un objet")),
    };
    let emails = match object.get("emails") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(emails)) => emails.clone(),
        Some(_) => return Err(ScimError::invalid_value("« emails » doit être une liste")),
    };
    // The primary address, else the first one, else a user name that is an address.
    let mut chosen: Option<String> = None;
    for email in &emails {
        let email = attributes(email)?;
        let value = optional_string(&email, "value", "emails.value")?;
        let primary = email.get("primary").map(|p| boolean(p, "emails.primary")).transpose()?.unwrap_or(false);
        if let Some(value) = value {
            if primary || chosen.is_none() {
                chosen = Some(value);
            }
        }
    }
    let email = chosen.unwrap_or_else(|| user_name.clone());
    let email = crate::accounts::normalize_email(&email)
        .map_err(|error| ScimError::invalid_value(format!("une adresse électronique est nécessaire (emails.value ou un userName en forme d'adresse) : {error}")))?;
    let active = object.get("active").filter(|v| !v.is_null()).map(|a| boolean(a, "active")).transpose()?.unwrap_or(true);
    Ok(UserInput {
        user_name,
        external_id: optional_string(&object, "externalid", "externalId")?,
        given_name: optional_string(&name, "givenname", "name.givenName")?,
        family_name: optional_string(&name, "familyname", "name.familyName")?,
        email,
        active,
    })
}

/// Reads a group representation.
pub fn group_input(body: &Value) -> Result<GroupInput, ScimError> {
    let object = attributes(body)?;
    require_schema(&object, GROUP_SCHEMA)?;
    let display_name = optional_string(&object, "displayname", "displayName")?.ok_or_else(|| ScimError::invalid_value("« displayName » est obligatoire"))?;
    let members = match object.get("members") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(members)) => members.iter().map(member_id).collect::<Result<_, _>>()?,
        Some(_) => return Err(ScimError::invalid_value("« members » doit être une liste")),
    };
    Ok(GroupInput { display_name, external_id: optional_string(&object, "externalid", "externalId")?, members })
}

fn member_id(member: &Value) -> Result<i64, ScimError> {
    let member = attributes(member)?;
    let value = member.get("value").and_then(Value::as_str).ok_or_else(|| ScimError::invalid_value("chaque membre doit avoir une « value » (l'id d'un utilisateur)"))?;
    value.parse().map_err(|_| ScimError::invalid_value(format!("« {value} » n'est pas l'id d'un utilisateur de Campus IA")))
}

/// The only filter supported: `attribute eq "value"` (what provisioning clients send to find a
/// resource before creating it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EqualityFilter {
    /// Lower-cased, prefix removed: `username`, `externalid`, `emails.value`, `displayname`, `id`.
    pub attribute: String,
    pub value: String,
}

/// Parses a `filter` parameter.
pub fn parse_filter(filter: &str, allowed: &[&str]) -> Result<EqualityFilter, ScimError> {
    let invalid = |detail: String| ScimError::new(400, Some("invalidFilter"), detail);
    let filter = filter.trim();
    let (attribute, rest) = filter.split_once(char::is_whitespace).ok_or_else(|| invalid(format!("filtre « {filter} » illisible")))?;
    let rest = rest.trim_start();
    let (operator, value) = rest.split_once(char::is_whitespace).ok_or_else(|| invalid(format!("filtre « {filter} » illisible")))?;
    if !operator.eq_ignore_ascii_case("eq") {
        return Err(invalid(format!("opérateur « {operator} » non pris en charge : seul « eq » l'est")));
    }
    let value: Value = serde_json::from_str(value.trim()).map_err(|_| invalid(format!("valeur « {} » illisible : attendu une chaîne entre guillemets", value.trim())))?;
    let Value::String(value) = value else { return Err(invalid("la valeur comparée doit être une chaîne entre guillemets".into())) };
    let attribute = strip_urn(attribute).to_lowercase();
    if !allowed.contains(&attribute.as_str()) {
        return Err(invalid(format!("le filtre porte sur « {attribute} » : attributs filtrables ici : {}", allowed.join(", "))));
    }
    Ok(EqualityFilter { attribute, value })
}

/// `urn:…:User:userName` → `userName`.
fn strip_urn(path: &str) -> &str {
    for schema in [USER_SCHEMA, GROUP_SCHEMA] {
        if let Some(rest) = path.strip_prefix(schema).and_then(|r| r.strip_prefix(':')) {
            return rest;
        }
    }
    path
}

/// One step of a patch path: an attribute, optionally filtered (`emails[type eq "work"]`), and a
/// sub-attribute.
struct PatchPath {
    attribute: String,
    filter: Option<String>,
    sub: Option<String>,
}

fn parse_path(path: &str) -> Result<PatchPath, ScimError> {
    let path = strip_urn(path.trim());
    let invalid = || ScimError::new(400, Some("invalidPath"), format!("chemin « {path} » illisible"));
    let (head, filter, sub) = match path.find('[') {
        Some(open) => {
            let close = path.rfind(']').filter(|&close| close > open).ok_or_else(invalid)?;
            let sub = match &path[close + 1..] {
                "" => None,
                tail => Some(tail.strip_prefix('.').filter(|s| !s.is_empty()).ok_or_else(invalid)?.to_lowercase()),
            };
            (&path[..open], Some(path[open + 1..close].to_owned()), sub)
        }
        None => match path.split_once('.') {
            Some((head, sub)) if !sub.is_empty() => (head, None, Some(sub.to_lowercase())),
            Some(_) => return Err(invalid()),
            None => (path, None, None),
        },
    };
    if head.is_empty() || head.contains(char::is_whitespace) {
        return Err(invalid());
    }
    Ok(PatchPath { attribute: head.to_lowercase(), filter, sub })
}

/// Finds `key` in `object` whatever its case.
fn key_of(object: &Map<String, Value>, key: &str) -> Option<String> {
    object.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned()
}

/// Applies a `PatchOp` body to a resource's JSON (RFC 7644 §3.5.2). The caller reads the result
/// back with [`user_input`] or [`group_input`]; members are matched by `value`.
pub fn apply_patch(resource: &mut Value, body: &Value) -> Result<(), ScimError> {
    let request = attributes(body)?;
    require_schema(&request, PATCH_SCHEMA)?;
    let Some(Value::Array(operations)) = request.get("operations") else {
        return Err(ScimError::invalid_value("« Operations » doit être une liste d'opérations"));
    };
    let Value::Object(target) = resource else { return Err(ScimError::invalid_value("ressource illisible")) };
    for operation in operations {
        let operation = attributes(operation)?;
        let op = operation.get("op").and_then(Value::as_str).unwrap_or_default().to_lowercase();
        let value = operation.get("value").cloned();
        let path = operation.get("path").and_then(Value::as_str);
        match (op.as_str(), path) {
            ("add" | "replace", None) => {
                let Some(Value::Object(values)) = value else {
                    return Err(ScimError::invalid_value("sans « path », « value » doit être un objet d'attributs"));
                };
                for (key, value) in values {
                    let key = strip_urn(&key).to_owned();
                    set_attribute(target, &PatchPath { attribute: key.to_lowercase(), filter: None, sub: None }, value, op == "add")?;
                }
            }
            ("add" | "replace", Some(path)) => {
                let value = value.ok_or_else(|| ScimError::invalid_value(format!("l'opération « {op} » sur « {path} » n'a pas de « value »")))?;
                set_attribute(target, &parse_path(path)?, value, op == "add")?;
            }
            ("remove", Some(path)) => remove_attribute(target, &parse_path(path)?, value.as_ref())?,
            ("remove", None) => return Err(ScimError::new(400, Some("noTarget"), "« remove » demande un « path »")),
            _ => return Err(ScimError::invalid_value(format!("opération « {op} » inconnue (add, replace ou remove)"))),
        }
    }
    Ok(())
}

fn set_attribute(target: &mut Map<String, Value>, path: &PatchPath, value: Value, add: bool) -> Result<(), ScimError> {
    let key = key_of(target, &path.attribute).unwrap_or_else(|| canonical(&path.attribute));
    match (&path.filter, &path.sub) {
        (None, None) => {
            let merge_list = add && matches!(value, Value::Array(_));
            match (target.get_mut(&key), value) {
                (Some(Value::Array(existing)), Value::Array(new)) if merge_list => {
                    for item in new {
                        let same = |e: &Value| e.get("value").is_some() && e.get("value") == item.get("value");
                        if !existing.iter().any(same) {
                            existing.push(item);
                        }
                    }
                }
                (Some(Value::Object(existing)), Value::Object(new)) => {
                    for (k, v) in new {
                        let k = key_of(existing, &k).unwrap_or(k);
                        existing.insert(k, v);
                    }
                }
                (_, value) => {
                    target.insert(key, value);
                }
            }
        }
        (None, Some(sub)) => {
            let entry = target.entry(key).or_insert_with(|| json!({}));
            let Value::Object(object) = entry else { return Err(ScimError::new(400, Some("invalidPath"), format!("« {} » n'a pas de sous-attributs", path.attribute))) };
            let sub_key = key_of(object, sub).unwrap_or_else(|| canonical(sub));
            object.insert(sub_key, value);
        }
        (Some(_), sub) => {
            // `emails[type eq "work"].value`: we keep one address, so the filter selects it.
            let entry = target.entry(key).or_insert_with(|| json!([]));
            let Value::Array(items) = entry else { return Err(ScimError::new(400, Some("invalidPath"), format!("« {} » n'est pas une liste", path.attribute))) };
            if items.is_empty() {
                items.push(json!({}));
            }
            for item in items.iter_mut() {
                match (sub, item) {
                    (Some(sub), Value::Object(object)) => {
                        let sub_key = key_of(object, sub).unwrap_or_else(|| canonical(sub));
                        object.insert(sub_key, value.clone());
                    }
                    (None, item) => *item = value.clone(),
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

fn remove_attribute(target: &mut Map<String, Value>, path: &PatchPath, value: Option<&Value>) -> Result<(), ScimError> {
    let Some(key) = key_of(target, &path.attribute) else { return Ok(()) };
    match (&path.filter, &path.sub) {
        (None, None) => {
            // `remove members` with a value removes those members only (Entra ID does so).
            if let (Some(Value::Array(items)), Some(Value::Array(remove))) = (target.get_mut(&key), value) {
                items.retain(|item| !remove.iter().any(|r| r.get("value").is_some() && r.get("value") == item.get("value")));
            } else {
                target.remove(&key);
            }
        }
        (None, Some(sub)) => {
            if let Some(Value::Object(object)) = target.get_mut(&key) {
                if let Some(sub_key) = key_of(object, sub) {
                    object.remove(&sub_key);
                }
                if object.is_empty() {
                    target.remove(&key);
                }
            }
        }
        (Some(filter), _) => {
            // `members[value eq "12"]`: remove the matching items.
            let filter = parse_filter(filter, &["value", "type"])?;
            if let Some(Value::Array(items)) = target.get_mut(&key) {
                items.retain(|item| {
                    let field = item.as_object().and_then(|o| key_of(o, &filter.attribute)).and_then(|k| item.get(&k).cloned());
                    field.and_then(|f| f.as_str().map(str::to_owned)).as_deref() != Some(filter.value.as_str())
                });
            }
        }
    }
    Ok(())
}

/// The published spelling of an attribute name given in any case.
fn canonical(name: &str) -> String {
    const NAMES: [&str; 11] =
        ["userName", "externalId", "name", "givenName", "familyName", "emails", "value", "active", "displayName", "members", "primary"];
    NAMES.iter().find(|n| n.eq_ignore_ascii_case(name)).map(|n| (*n).to_owned()).unwrap_or_else(|| name.to_owned())
}

/// Keeps the attributes asked for (`attributes`) or drops those excluded (`excludedAttributes`);
/// `schemas` and `id` are always returned (RFC 7644 §3.9).
pub fn project(resource: &mut Value, attributes: Option<&str>, excluded: Option<&str>) {
    let Value::Object(object) = resource else { return };
    let list = |text: &str| -> Vec<(String, Option<String>)> {
        text.split(',')
            .map(|p| strip_urn(p.trim()).to_lowercase())
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('.') {
                Some((a, s)) => (a.to_owned(), Some(s.to_owned())),
                None => (p, None),
            })
            .collect()
    };
    let always = |key: &str| key == "schemas" || key == "id";
    if let Some(wanted) = attributes.map(list).filter(|l| !l.is_empty()) {
        object.retain(|key, value| {
            let key = key.to_lowercase();
            if always(&key) {
                return true;
            }
            let subs: Vec<&Option<String>> = wanted.iter().filter(|(a, _)| *a == key).map(|(_, s)| s).collect();
            if subs.is_empty() {
                return false;
            }
            if subs.iter().all(|s| s.is_some()) {
                keep_subs(value, &subs.iter().filter_map(|s| s.as_deref()).collect::<Vec<_>>());
            }
            true
        });
    } else if let Some(unwanted) = excluded.map(list) {
        object.retain(|key, value| {
            let key = key.to_lowercase();
            if always(&key) {
                return true;
            }
            for (attribute, sub) in &unwanted {
                if *attribute == key {
                    match sub {
                        None => return false,
                        Some(sub) => drop_sub(value, sub),
                    }
                }
            }
            true
        });
    }
}

fn keep_subs(value: &mut Value, subs: &[&str]) {
    match value {
        Value::Object(object) => object.retain(|k, _| subs.iter().any(|s| k.eq_ignore_ascii_case(s))),
        Value::Array(items) => items.iter_mut().for_each(|item| keep_subs(item, subs)),
        _ => {}
    }
}

fn drop_sub(value: &mut Value, sub: &str) {
    match value {
        Value::Object(object) => object.retain(|k, _| !k.eq_ignore_ascii_case(sub)),
        Value::Array(items) => items.iter_mut().for_each(|item| drop_sub(item, sub)),
        _ => {}
    }
}

/// The parameters of a `POST …/.search` body (RFC 7644 §3.4.3), as query-string pairs.
pub fn search_parameters(body: &Value) -> Result<Vec<(String, String)>, ScimError> {
    let request = attributes(body)?;
    require_schema(&request, "urn:ietf:params:scim:api:messages:2.0:SearchRequest")?;
    let mut parameters = Vec::new();
    for (key, name) in [("filter", "filter"), ("startindex", "startIndex"), ("count", "count"), ("attributes", "attributes"), ("excludedattributes", "excludedAttributes")] {
        match request.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => parameters.push((name.to_owned(), text.clone())),
            Some(Value::Number(n)) => parameters.push((name.to_owned(), n.to_string())),
            Some(Value::Array(items)) => parameters.push((name.to_owned(), items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","))),
            Some(_) => return Err(ScimError::invalid_value(format!("« {name} » illisible"))),
        }
    }
    Ok(parameters)
}

/// A `ListResponse` page.
pub fn list_response(resources: Vec<Value>, total: usize, start_index: usize) -> Value {
    json!({
        "schemas": [LIST_SCHEMA],
        "totalResults": total,
        "startIndex": start_index,
        "itemsPerPage": resources.len(),
        "Resources": resources,
    })
}

/// `GET /ServiceProviderConfig`.
pub fn service_provider_config(base: &str) -> Value {
    json!({
        "schemas": [CONFIG_SCHEMA],
        "documentationUri": "https://github.com/campus-ia/campus-ia#connexion-proconnect--annuaire",
        "patch": {"supported": true},
        "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": true, "maxResults": MAX_PAGE},
        "changePassword": {"supported": false},
        "sort": {"supported": false},
        "etag": {"supported": false},
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "Jeton d'accès",
            "description": "Un jeton de CAMPUS_SCIM_TOKENS dans l'en-tête Authorization: Bearer",
            "primary": true,
        }],
        "meta": {"resourceType": "ServiceProviderConfig", "location": format!("{base}/ServiceProviderConfig")},
    })
}

/// The two resource types.
pub fn resource_types(base: &str) -> Vec<Value> {
    [("User", "/Users", USER_SCHEMA, "Agent"), ("Group", "/Groups", GROUP_SCHEMA, "Unité")]
        .into_iter()
        .map(|(id, endpoint, schema, description)| {
            json!({
                "schemas": [RESOURCE_TYPE_SCHEMA],
                "id": id,
                "name": id,
                "description": description,
                "endpoint": endpoint,
                "schema": schema,
                "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/{id}")},
            })
        })
        .collect()
}

fn attribute(name: &str, kind: &str, multi: bool, required: bool, mutability: &str, unique: &str, description: &str) -> Value {
    json!({
        "name": name,
        "type": kind,
        "multiValued": multi,
        "description": description,
        "required": required,
        "caseExact": false,
        "mutability": mutability,
        "returned": "default",
        "uniqueness": unique,
    })
}

fn complex(name: &str, multi: bool, required: bool, mutability: &str, description: &str, subs: Vec<Value>) -> Value {
    let mut value = attribute(name, "complex", multi, required, mutability, "none", description);
    value["subAttributes"] = Value::Array(subs);
    value
}

fn reference(name: &str, types: &[&str], mutability: &str) -> Value {
    let mut value = attribute(name, "reference", false, false, mutability, "none", "L'URI de la ressource");
    value["referenceTypes"] = json!(types);
    value
}

/// The two schemas, describing exactly what is stored.
pub fn schemas(base: &str) -> Vec<Value> {
    let user = vec![
        attribute("userName", "string", false, true, "readWrite", "server", "Identifiant de connexion unique (souvent l'adresse électronique)"),
        complex(
            "name",
            false,
            false,
            "readWrite",
            "Nom de l'agent",
            vec![
                attribute("givenName", "string", false, false, "readWrite", "none", "Prénom"),
                attribute("familyName", "string", false, false, "readWrite", "none", "Nom"),
            ],
        ),
        complex(
            "emails",
            true,
            true,
            "readWrite",
            "Adresse électronique (une seule est conservée)",
            vec![attribute("value", "string", false, true, "readWrite", "none", "Adresse électronique")],
        ),
        attribute("active", "boolean", false, true, "readWrite", "none", "Faux : compte désactivé (historique conservé)"),
        complex(
            "groups",
            true,
            false,
            "readOnly",
            "L'unité de l'agent",
            vec![
                attribute("value", "string", false, false, "readOnly", "none", "Id de l'unité"),
                reference("$ref", &["Group"], "readOnly"),
                attribute("display", "string", false, false, "readOnly", "none", "Nom de l'unité"),
            ],
        ),
    ];
    let group = vec![
        attribute("displayName", "string", false, true, "readWrite", "none", "Nom de l'unité"),
        complex(
            "members",
            true,
            false,
            "readWrite",
            "Les agents de l'unité",
            vec![
                attribute("value", "string", false, false, "immutable", "none", "Id de l'agent"),
                reference("$ref", &["User"], "immutable"),
            ],
        ),
    ];
    [(USER_SCHEMA, "User", "Agent", user), (GROUP_SCHEMA, "Group", "Unité", group)]
        .into_iter()
        .map(|(id, name, description, attributes)| {
            json!({
                "schemas": [SCHEMA_SCHEMA],
                "id": id,
                "name": name,
                "description": description,
                "attributes": attributes,
                "meta": {"resourceType": "Schema", "location": format!("{base}/Schemas/{id}")},
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> UserRecord {
        UserRecord {
            id: 7,
            user_name: "c.durand@mairie.fr".into(),
            external_id: Some("M-7".into()),
            given_name: Some("Camille".into()),
            family_name: Some("Durand".into()),
            email: "c.durand@mairie.fr".into(),
            active: true,
            unit: Some((3, "État civil".into())),
            created_at: 0,
            updated_at: 60,
        }
    }

    #[test]
    fn a_user_reads_back_from_its_own_representation() {
        let json = user().to_json("https://campus.fr/scim/v2");
        assert_eq!(json["meta"]["location"], "https://campus.fr/scim/v2/Users/7");
        assert_eq!(json["groups"][0]["value"], "3");
        let input = user_input(&json).unwrap();
        assert_eq!(input.email, "c.durand@mairie.fr");
        assert_eq!(input.display_name(), "Camille Durand");
        assert!(input.active);
    }

    #[test]
    fn bad_users_get_scim_errors() {
        let missing = user_input(&json!({"schemas": [USER_SCHEMA]})).unwrap_err();
        assert_eq!((missing.status, missing.scim_type), (400, Some("invalidValue")));
        assert!(missing.detail.contains("userName"));
        let no_email = user_input(&json!({"schemas": [USER_SCHEMA], "userName": "cdurand"})).unwrap_err();
        assert!(no_email.detail.contains("adresse électronique"), "{no_email}");
        assert!(user_input(&json!({"userName": "a@b.fr"})).unwrap_err().detail.contains("schemas"));
        assert!(user_input(&json!({"schemas": [USER_SCHEMA], "userName": "a@b.fr", "active": "peut-être"})).is_err());
        assert_eq!(ScimError::not_found("x").body()["status"], "404");
    }

    #[test]
    fn filters_are_equalities_on_known_attributes() {
        let filter = parse_filter(r#"userName eq "C.Durand@mairie.fr""#, &["username"]).unwrap();
        assert_eq!(filter, EqualityFilter { attribute: "username".into(), value: "C.Durand@mairie.fr".into() });
        assert_eq!(parse_filter(r#"userName sw "c""#, &["username"]).unwrap_err().scim_type, Some("invalidFilter"));
        assert!(parse_filter(r#"title eq "x""#, &["username"]).unwrap_err().detail.contains("title"));
        assert!(parse_filter("userName eq c", &["username"]).is_err());
    }

    #[test]
    fn entra_style_patches_apply() {
        let mut json = user().to_json("b");
        let patch = json!({
            "schemas": [PATCH_SCHEMA],
            "Operations": [
                {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "nouvelle@mairie.fr"},
                {"op": "Replace", "path": "name.familyName", "value": "Martin"},
                {"op": "Replace", "path": "active", "value": "False"},
                {"op": "Add", "value": {"externalId": "M-8"}},
                {"op": "Remove", "path": "name.givenName"},
            ]
        });
        apply_patch(&mut json, &patch).unwrap();
        let input = user_input(&json).unwrap();
        assert_eq!(input.email, "nouvelle@mairie.fr");
        assert_eq!(input.family_name.as_deref(), Some("Martin"));
        assert_eq!(input.given_name, None);
        assert_eq!(input.external_id.as_deref(), Some("M-8"));
        assert!(!input.active);
        let bad = apply_patch(&mut json, &json!({"schemas": [PATCH_SCHEMA], "Operations": [{"op": "move", "path": "x"}]})).unwrap_err();
        assert!(bad.detail.contains("move"));
    }

    #[test]
    fn group_members_are_added_and_removed() {
        let group = GroupRecord { id: 3, display_name: "État civil".into(), external_id: None, members: vec![(7, "Camille".into())], created_at: 0, updated_at: 0 };
        let mut json = group.to_json("b");
        apply_patch(&mut json, &json!({"schemas": [PATCH_SCHEMA], "Operations": [{"op": "add", "path": "members", "value": [{"value": "8"}, {"value": "7"}]}]})).unwrap();
        assert_eq!(group_input(&json).unwrap().members, [7, 8]);
        apply_patch(&mut json, &json!({"schemas": [PATCH_SCHEMA], "Operations": [{"op": "remove", "path": "members[value eq \"7\"]"}]})).unwrap();
        assert_eq!(group_input(&json).unwrap().members, [8]);
        apply_patch(&mut json, &json!({"schemas": [PATCH_SCHEMA], "Operations": [{"op": "remove", "path": "members", "value": [{"value": "8"}]}]})).unwrap();
        assert!(group_input(&json).unwrap().members.is_empty());
    }

    #[test]
    fn projection_keeps_id_and_schemas() {
        let mut json = user().to_json("b");
        project(&mut json, Some("userName,name.givenName"), None);
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "name", "schemas", "userName"]);
        assert_eq!(json["name"], json!({"givenName": "Camille"}));
        let mut json = user().to_json("b");
        project(&mut json, None, Some("emails,meta,name.familyName"));
        assert!(json.get("emails").is_none() && json.get("meta").is_none() && json["name"].get("familyName").is_none());
        assert_eq!(json["id"], "7");
    }
}
