//! The query of `GET /xapi/statements` (xAPI 1.0.3, Communication §2.1.3 "GET Statements"):
//! turns the decoded query pairs into a [`StatementQuery`] the repository can run, or a
//! [`QueryError`] the LRS answers with `400 Bad Request` (or `501` for what it does not implement).
//!
//! Everything here reads untrusted input, so nothing panics and every value is bounded in length.
//! The parameters and the `agent` object are read by serde with `deny_unknown_fields` (the spec
//! has the LRS refuse parameters and properties it does not define); errors say in English (xAPI
//! clients are programs) which parameter is wrong and why.

use std::sync::LazyLock;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use serde::{de::value::MapDeserializer, Deserialize, Deserializer};

/// Number of statements returned when `limit` is absent or `0` (the spec lets the server choose).
pub const DEFAULT_LIMIT: u32 = 100;
/// Largest page we serve, whatever the client asks for.
pub const MAX_LIMIT: u32 = 500;

/// Bounds on untrusted values, so a hostile query costs little to reject.
const MAX_AGENT_BYTES: usize = 8 * 1024;
const MAX_TIMESTAMP_BYTES: usize = 64;
const MAX_IRI_BYTES: usize = 2048;
const MAX_CURSOR_CHARS: usize = 512;
const MAX_CURSOR_ID_BYTES: usize = 128;
/// Names echoed back in error messages are cut to this many characters…
const MAX_ECHOED_CHARS: usize = 64;
/// …and the reasons given by the JSON reader (which may quote the input) to this many.
const MAX_REASON_CHARS: usize = 200;

/// What `GET /xapi/statements` asks for, once validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementQuery {
    /// `statementId`, lower-cased (UUIDs compare case-insensitively, the table stores lower case).
    pub statement_id: Option<String>,
    /// `agent`: the actor's account (the only identifier this LRS stores).
    pub agent_account: Option<AgentAccount>,
    /// `verb`: IRI of the verb.
    pub verb: Option<String>,
    /// `activity`: IRI of the activity.
    pub activity: Option<String>,
    /// `since`, in Unix seconds UTC; exclusive (`stored > since`).
    pub since: Option<i64>,
    /// `until`, in Unix seconds UTC; inclusive (`stored <= until`).
    pub until: Option<i64>,
    /// Page size, between 1 and [`MAX_LIMIT`].
    pub limit: u32,
    /// `ascending`: oldest first when true (the spec's default is newest first).
    pub ascending: bool,
    /// `more`: where the previous page stopped.
    pub cursor: Option<Cursor>,
}

impl Default for StatementQuery {
    fn default() -> Self {
        StatementQuery {
            statement_id: None,
            agent_account: None,
            verb: None,
            activity: None,
            since: None,
            until: None,
            limit: DEFAULT_LIMIT,
            ascending: false,
            cursor: None,
        }
    }
}

/// An xAPI account: `{"homePage": "https://campus.exemple.fr", "name": "42"}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentAccount {
    pub home_page: String,
    pub name: String,
}

/// Keyset paging position: the last statement of the previous page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub stored_at: i64,
    pub id: String,
}

/// Why a query is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The value of a parameter is malformed, or the parameter does not exist.
    #[error("invalid parameter `{name}`: {reason}")]
    InvalidParameter { name: String, reason: String },
    /// The same parameter appears more than once.
    #[error("parameter `{0}` is given more than once")]
    DuplicateParameter(String),
    /// The agent is identified by `mbox`, `mbox_sha1sum` or `openid`, never stored here.
    #[error("this LRS identifies agents by account only; mbox, mbox_sha1sum and openid are not supported")]
    UnsupportedAgent,
    /// A feature of the spec this LRS does not implement.
    #[error("`{0}` is not supported by this LRS")]
    Unsupported(&'static str),
    /// `statementId` comes with a parameter the spec forbids next to it.
    #[error("`statementId` cannot be combined with `{0}` (only `format` and `attachments` may accompany it)")]
    StatementIdWithFilter(String),
    /// The query could not be read at all (serde's catch-all; every parameter is a string, so
    /// this is not expected to happen).
    #[error("malformed query: {0}")]
    Malformed(String),
}

/// The query's parameters are read with serde into [`Parameters`], with this error type, so that
/// an unknown or repeated parameter comes out as the typed error rather than a message.
impl serde::de::Error for QueryError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        QueryError::Malformed(echo(&message.to_string(), MAX_REASON_CHARS))
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        invalid(field, "unknown parameter")
    }

    fn duplicate_field(field: &'static str) -> Self {
        QueryError::DuplicateParameter(field.to_owned())
    }
}

fn invalid(name: &str, reason: impl Into<String>) -> QueryError {
    QueryError::InvalidParameter { name: echo(name, MAX_ECHOED_CHARS), reason: reason.into() }
}

/// Untrusted text put in an error message, cut short so errors stay small.
fn echo(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// The value of a parameter when it is given. serde's value deserializers know nothing of
/// `Option`, so a missing parameter is this type's `Default` instead.
#[derive(Default)]
struct Given(Option<String>);

impl<'de> Deserialize<'de> for Given {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|value| Given(Some(value)))
    }
}

impl Given {
    fn as_deref(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// Every parameter the spec defines for `GET statements`; any other is refused.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Parameters {
    #[serde(rename = "statementId")]
    statement_id: Given,
    #[serde(rename = "voidedStatementId")]
    voided_statement_id: Given,
    agent: Given,
    verb: Given,
    activity: Given,
    registration: Given,
    related_activities: Given,
    related_agents: Given,
    since: Given,
    until: Given,
    limit: Given,
    format: Given,
    attachments: Given,
    ascending: Given,
    more: Given,
}

/// Reads the query pairs (already percent-decoded, e.g. by axum's `Query`).
pub fn parse(pairs: &[(String, String)]) -> Result<StatementQuery, QueryError> {
    let entries = pairs.iter().map(|(name, value)| (name.as_str(), value.as_str()));
    let given = Parameters::deserialize(MapDeserializer::<_, QueryError>::new(entries))?;

    // Spec parameters that this LRS does not implement (statements are never voided here, and
    // carry no registration).
    if given.voided_statement_id.as_deref().is_some() {
        return Err(QueryError::Unsupported("voidedStatementId"));
    }
    if given.registration.as_deref().is_some() {
        return Err(QueryError::Unsupported("registration"));
    }
    for (name, value) in [
        ("attachments", &given.attachments),
        ("related_activities", &given.related_activities),
        ("related_agents", &given.related_agents),
    ] {
        if let Some(value) = value.as_deref() {
            if parse_bool(name, value)? {
                return Err(QueryError::Unsupported(name));
            }
        }
    }
    // Only changes the shape of the answer; every format is served the same way.
    if let Some(format) = given.format.as_deref() {
        if !matches!(format, "ids" | "exact" | "canonical") {
            return Err(invalid("format", "expected `ids`, `exact` or `canonical`"));
        }
    }

    let query = StatementQuery {
        statement_id: given.statement_id.as_deref().map(|v| parse_uuid("statementId", v)).transpose()?,
        agent_account: given.agent.as_deref().map(parse_agent).transpose()?,
        verb: given.verb.as_deref().map(|v| parse_iri("verb", v)).transpose()?,
        activity: given.activity.as_deref().map(|v| parse_iri("activity", v)).transpose()?,
        since: given.since.as_deref().map(|v| parse_timestamp(v).map_err(|r| invalid("since", r))).transpose()?,
        until: given.until.as_deref().map(|v| parse_timestamp(v).map_err(|r| invalid("until", r))).transpose()?,
        limit: given.limit.as_deref().map(parse_limit).transpose()?.unwrap_or(DEFAULT_LIMIT),
        ascending: given.ascending.as_deref().map(|v| parse_bool("ascending", v)).transpose()?.unwrap_or(false),
        cursor: given.more.as_deref().map(decode_cursor).transpose()?,
    };

    if query.statement_id.is_some() {
        // The first parameter, in the order given, that the spec forbids next to `statementId`.
        let filter = pairs.iter().map(|(name, _)| name.as_str()).find(|name| !matches!(*name, "statementId" | "format" | "attachments"));
        if let Some(filter) = filter {
            return Err(QueryError::StatementIdWithFilter(filter.to_owned()));
        }
    }
    Ok(query)
}

/// The `more` token for a page that ends at `cursor`: `"{stored_at}.{id}"` in URL-safe base64,
/// so it needs no escaping in a URL and clients treat it as opaque.
pub fn encode_cursor(cursor: &Cursor) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}.{}", cursor.stored_at, cursor.id))
}

fn decode_cursor(token: &str) -> Result<Cursor, QueryError> {
    let bad = || invalid("more", "not a token returned by this LRS");
    if token.is_empty() || token.len() > MAX_CURSOR_CHARS {
        return Err(bad());
    }
    let plain = URL_SAFE_NO_PAD.decode(token).map_err(|_| bad())?;
    let plain = String::from_utf8(plain).map_err(|_| bad())?;
    let (stored_at, id) = plain.split_once('.').ok_or_else(bad)?;
    let stored_at: i64 = stored_at.parse().map_err(|_| bad())?;
    let id_is_plausible = !id.is_empty() && id.len() <= MAX_CURSOR_ID_BYTES && id.bytes().all(|b| b.is_ascii_graphic());
    if !id_is_plausible {
        return Err(bad());
    }
    Ok(Cursor { stored_at, id: id.to_owned() })
}

fn parse_bool(name: &str, value: &str) -> Result<bool, QueryError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(invalid(name, "expected `true` or `false`")),
    }
}

fn parse_limit(value: &str) -> Result<u32, QueryError> {
    // Digits only: `u32::from_str` would also take a leading `+`.
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("limit", "expected a non-negative integer"));
    }
    // Any number of digits is a valid request; one too large for a u32 asks for the most we serve.
    Ok(match value.parse::<u32>() {
        Ok(0) => DEFAULT_LIMIT,
        Ok(n) => n.min(MAX_LIMIT),
        Err(_) => MAX_LIMIT,
    })
}

/// A UUID in its hyphenated form (`8-4-4-4-12` hexadecimal digits, the only form the spec
/// uses), returned in lower case.
fn parse_uuid(name: &str, value: &str) -> Result<String, QueryError> {
    // `uuid` also reads the simple, braced and URN forms, which are longer or shorter.
    match uuid::Uuid::try_parse(value) {
        Ok(uuid) if value.len() == 36 => Ok(uuid.hyphenated().to_string()),
        _ => Err(invalid(name, "expected a UUID such as 6f0d7f9a-0000-4000-8000-000000000001")),
    }
}

fn parse_iri(name: &str, value: &str) -> Result<String, QueryError> {
    check_iri(value).map_err(|reason| invalid(name, reason))?;
    Ok(value.to_owned())
}

/// An absolute IRI: a scheme (`http`, `urn`, …), a colon, then something without spaces.
/// Deliberately loose beyond that: the IRI is only compared with stored ones.
fn check_iri(value: &str) -> Result<(), &'static str> {
    static SCHEME: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new(r"^[A-Za-z][A-Za-z0-9+.\-]*:.").expect("a valid pattern"));
    if value.is_empty() {
        return Err("must not be empty");
    }
    if value.len() > MAX_IRI_BYTES {
        return Err("longer than 2048 bytes");
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces or control characters");
    }
    if !SCHEME.is_match(value) {
        return Err("expected an absolute IRI such as http://adlnet.gov/expapi/verbs/passed");
    }
    Ok(())
}

/// RFC 3339 timestamp (`2026-11-26T08:15:00Z`, `2026-11-26T09:15:00.5+01:00`) to Unix seconds
/// UTC. The pattern keeps to RFC 3339 (`jiff` alone would also take ISO 8601 shapes such as a
/// missing second or a `+0100` offset, and a leap second); `jiff` then checks the calendar.
/// Fractions are dropped: stored times are whole seconds, so rounding down keeps both
/// `stored > since` and `stored <= until` exact.
fn parse_timestamp(text: &str) -> Result<i64, String> {
    static RFC_3339: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$")
            .expect("a valid pattern")
    });
    if text.len() > MAX_TIMESTAMP_BYTES || !RFC_3339.is_match(text) {
        return Err("expected an RFC 3339 timestamp with its time zone, such as 2026-11-26T08:15:00Z or 2026-11-26T09:15:00+01:00".to_owned());
    }
    let timestamp: jiff::Timestamp = text.to_ascii_uppercase().parse().map_err(|e: jiff::Error| format!("not a date of the calendar ({e})"))?;
    let seconds = timestamp.as_second();
    // `as_second` truncates towards zero; before 1970 that would round up.
    Ok(if timestamp.subsec_nanosecond() < 0 { seconds - 1 } else { seconds })
}

/// The `agent` parameter as JSON. The spec allows these properties and no other.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgentJson {
    #[serde(rename = "objectType")]
    object_type: Option<String>,
    /// The display name identifies nobody; it is allowed and ignored.
    #[allow(dead_code)]
    name: Option<String>,
    account: Option<AccountJson>,
    mbox: Option<String>,
    mbox_sha1sum: Option<String>,
    openid: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountJson {
    #[serde(rename = "homePage")]
    home_page: String,
    name: String,
}

/// Reads `agent`. Only `{"objectType":"Agent","name":…,"account":{"homePage":…,"name":…}}`
/// identifies someone here: the LRS never stores e-mail addresses.
fn parse_agent(text: &str) -> Result<AgentAccount, QueryError> {
    const NAME: &str = "agent";
    if text.len() > MAX_AGENT_BYTES {
        return Err(invalid(NAME, "longer than 8 KiB"));
    }
    // serde would also read a struct from a JSON array of its fields in order.
    if !text.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return Err(invalid(NAME, "expected a JSON object"));
    }
    let agent: AgentJson = serde_json::from_str(text).map_err(|e| invalid(NAME, echo(&e.to_string(), MAX_REASON_CHARS)))?;
    match agent.object_type.as_deref() {
        None | Some("Agent") => {}
        Some("Group") => return Err(QueryError::Unsupported("Group")),
        Some(_) => return Err(invalid(NAME, "`objectType` must be \"Agent\"")),
    }
    let has_other_identifier = agent.mbox.is_some() || agent.mbox_sha1sum.is_some() || agent.openid.is_some();
    let account = match (agent.account, has_other_identifier) {
        (Some(_), true) => return Err(invalid(NAME, "an agent must have exactly one identifier (account, mbox, mbox_sha1sum or openid)")),
        (Some(account), false) => account,
        (None, true) => return Err(QueryError::UnsupportedAgent),
        (None, false) => return Err(invalid(NAME, "the agent has no `account`")),
    };
    check_iri(&account.home_page).map_err(|reason| invalid(NAME, format!("`account.homePage` {reason}")))?;
    // Control characters (NUL above all) have no business in an account name and the database
    // would refuse some of them.
    if account.name.is_empty() || account.name.chars().any(char::is_control) {
        return Err(invalid(NAME, "`account.name` must be a non-empty string without control characters"));
    }
    Ok(AgentAccount { home_page: account.home_page, name: account.name })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn query(items: &[(&str, &str)]) -> Result<StatementQuery, QueryError> {
        parse(&pairs(items))
    }

    fn is_invalid(result: Result<StatementQuery, QueryError>, expected_name: &str) -> bool {
        matches!(result, Err(QueryError::InvalidParameter { ref name, .. }) if name == expected_name)
    }

    const AGENT: &str = r#"{"objectType":"Agent","account":{"homePage":"https://campus.exemple.fr","name":"42"}}"#;

    #[test]
    fn empty_query_uses_defaults() {
        let q = query(&[]).unwrap();
        assert_eq!(q, StatementQuery::default());
        assert_eq!(q.limit, DEFAULT_LIMIT);
        assert!(!q.ascending);
    }

    #[test]
    fn statement_id_is_a_uuid() {
        let q = query(&[("statementId", "6F0D7F9A-0000-4000-8000-000000000001")]).unwrap();
        assert_eq!(q.statement_id.as_deref(), Some("6f0d7f9a-0000-4000-8000-000000000001"));
        for bad in [
            "42",
            "6f0d7f9a-0000-4000-8000-00000000000g",
            "6f0d7f9a00000-4000-8000-000000000001",
            // Forms `uuid` reads but the spec does not use.
            "6f0d7f9a000040008000000000000001",
            "{6f0d7f9a-0000-4000-8000-000000000001}",
            "urn:uuid:6f0d7f9a-0000-4000-8000-000000000001",
        ] {
            assert!(is_invalid(query(&[("statementId", bad)]), "statementId"), "{bad}");
        }
    }

    #[test]
    fn statement_id_allows_only_format_and_attachments() {
        let id = "6f0d7f9a-0000-4000-8000-000000000001";
        assert!(query(&[("statementId", id), ("format", "exact"), ("attachments", "false")]).is_ok());
        assert_eq!(
            query(&[("statementId", id), ("verb", "http://adlnet.gov/expapi/verbs/passed")]),
            Err(QueryError::StatementIdWithFilter("verb".into()))
        );
        // Order does not matter.
        assert_eq!(query(&[("limit", "10"), ("statementId", id)]), Err(QueryError::StatementIdWithFilter("limit".into())));
    }

    #[test]
    fn agent_by_account_in_any_layout() {
        let expected = AgentAccount { home_page: "https://campus.exemple.fr".into(), name: "42".into() };
        assert_eq!(query(&[("agent", AGENT)]).unwrap().agent_account.as_ref(), Some(&expected));
        let spaced = " {\n \"account\" : { \"name\" : \"42\" ,\t\"homePage\":\"https:\\/\\/campus.exemple.fr\" } ,\r\n \"name\":\"Alex\" } ";
        assert_eq!(query(&[("agent", spaced)]).unwrap().agent_account, Some(expected));
    }

    #[test]
    fn agent_string_escapes_are_decoded() {
        let agent = r#"{"account":{"homePage":"https://x","name":"\u00e9l\u00E8ve \"A\" \\ \ud83d\ude00"}}"#;
        let account = query(&[("agent", agent)]).unwrap().agent_account.unwrap();
        assert_eq!(account.name, "élève \"A\" \\ 😀");
        assert_eq!(account.home_page, "https://x");
    }

    #[test]
    fn agent_without_account_is_refused() {
        for agent in [
            r#"{"objectType":"Agent","mbox":"mailto:alex@exemple.fr"}"#,
            r#"{"mbox_sha1sum":"ebd31e95054c018b10727ccffd2ef2ec3a016ee9"}"#,
            r#"{"openid":"https://openid.exemple.fr/alex"}"#,
        ] {
            assert_eq!(query(&[("agent", agent)]), Err(QueryError::UnsupportedAgent), "{agent}");
        }
        assert!(is_invalid(query(&[("agent", r#"{"objectType":"Agent"}"#)]), "agent"));
        // Two identifiers break the spec's "exactly one" rule.
        let both = r#"{"mbox":"mailto:a@b.fr","account":{"homePage":"https://x","name":"1"}}"#;
        assert!(is_invalid(query(&[("agent", both)]), "agent"));
        let group = r#"{"objectType":"Group","account":{"homePage":"https://x","name":"1"}}"#;
        assert_eq!(query(&[("agent", group)]), Err(QueryError::Unsupported("Group")));
    }

    #[test]
    fn malformed_agents_are_invalid() {
        for agent in [
            "",
            "   ",
            "{",
            "}",
            "[]",
            // serde reads a struct from an array of its fields; the agent must be an object.
            r#"[null,null,{"homePage":"https://x","name":"42"},null,null,null]"#,
            "\"Agent\"",
            "{\"account\":}",
            "{\"account\" {}}",
            "{'account':{}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"42\"},}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"42\"}} x",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":42}}",
            "{\"account\":{\"homePage\":\"not an iri\",\"name\":\"42\"}}",
            "{\"account\":{\"homePage\":\"https://x\"}}",
            "{\"account\":{\"name\":\"42\"}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"\"}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"a\\u0000b\"}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"a\nb\"}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"\\ud83d\"}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"\\ude00\"}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"\\q\"}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"\\u12\"}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"42\",\"name\":\"43\"}}",
            "{\"account\":{\"homePage\":\"https://x\",\"name\":\"42\",\"extra\":\"1\"}}",
            "{\"objectType\":\"Activity\",\"account\":{\"homePage\":\"https://x\",\"name\":\"42\"}}",
            "{\"name\":1,\"account\":{\"homePage\":\"https://x\",\"name\":\"42\"}}",
            "{\"mbox\":1}",
            "{\"x\":01}",
            "{\"x\":-}",
            "{\"x\":1.}",
            "{\"x\":1e}",
            "{\"x\":tru}",
            "{\"x\":nul}",
        ] {
            assert!(is_invalid(query(&[("agent", agent)]), "agent"), "{agent:?}");
        }
    }

    #[test]
    fn deep_nesting_is_rejected_without_recursing() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        for agent in [
            format!("{{\"account\":{{\"homePage\":\"https://x\",\"name\":\"42\"}},\"x\":{}}}", nested(40)),
            format!("{{\"mbox\":{}}}", nested(100_000)),
            "{".repeat(100_000),
            "[".repeat(100_000),
        ] {
            assert!(is_invalid(query(&[("agent", &agent)]), "agent"), "{}", &agent[..20]);
        }
    }

    #[test]
    fn agent_errors_stay_short() {
        let name = "x".repeat(7_000);
        let agent = format!("{{\"{name}\":1}}");
        let Err(error) = query(&[("agent", &agent)]) else { panic!("accepted") };
        assert!(error.to_string().len() < 300, "{error}");
    }

    #[test]
    fn oversized_agent_is_rejected() {
        let padding = " ".repeat(MAX_AGENT_BYTES);
        let agent = format!("{AGENT}{padding}");
        assert!(is_invalid(query(&[("agent", &agent)]), "agent"));
    }

    #[test]
    fn verb_and_activity_are_iris() {
        let q = query(&[("verb", "http://adlnet.gov/expapi/verbs/passed"), ("activity", "https://campus.exemple.fr/cours/c/m#quiz-1")]).unwrap();
        assert_eq!(q.verb.as_deref(), Some("http://adlnet.gov/expapi/verbs/passed"));
        assert_eq!(q.activity.as_deref(), Some("https://campus.exemple.fr/cours/c/m#quiz-1"));
        assert!(query(&[("activity", "urn:x-campus:quiz:1")]).is_ok());
        for bad in ["", "passed", "http://x y", ":nothing", "1http://x", "http:", "http://x\u{0}"] {
            assert!(is_invalid(query(&[("verb", bad)]), "verb"), "{bad:?}");
            assert!(is_invalid(query(&[("activity", bad)]), "activity"), "{bad:?}");
        }
        let long = format!("https://x/{}", "a".repeat(MAX_IRI_BYTES));
        assert!(is_invalid(query(&[("verb", &long)]), "verb"));
    }

    #[test]
    fn timestamps_with_offsets_convert_to_utc() {
        let utc = 1_795_680_900;
        for text in [
            "2026-11-26T08:15:00Z",
            "2026-11-26t08:15:00z",
            "2026-11-26T09:15:00+01:00",
            "2026-11-26T02:45:00-05:30",
            "2026-11-26T08:15:00+00:00",
            "2026-11-26T08:15:00-00:00",
            "2026-11-26T08:15:00.999Z",
            "2026-11-26T09:15:00.123456789+01:00",
        ] {
            assert_eq!(parse_timestamp(text), Ok(utc), "{text}");
        }
        let q = query(&[("since", "2026-11-26T09:15:00+01:00"), ("until", "2026-11-26T13:45:00Z")]).unwrap();
        assert_eq!(q.since, Some(utc));
        assert_eq!(q.until, Some(1_795_700_700));
    }

    #[test]
    fn timestamps_across_calendar_edges() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_timestamp("1969-12-31T23:59:59Z"), Ok(-1));
        assert_eq!(parse_timestamp("1969-12-31T23:59:59.5Z"), Ok(-1), "rounded down");
        assert_eq!(parse_timestamp("1970-01-01T00:30:00+01:00"), Ok(-1800));
        assert_eq!(parse_timestamp("2028-02-29T00:00:00Z"), Ok(1_835_395_200));
        assert_eq!(parse_timestamp("2000-02-29T00:00:00Z"), Ok(951_782_400));
        assert!(parse_timestamp("2026-02-29T00:00:00Z").is_err(), "2026 is not a leap year");
        assert!(parse_timestamp("1900-02-29T00:00:00Z").is_err(), "1900 is not a leap year");
        // Agrees with the inverse function used to write timestamps.
        for days in [-700_000i64, -1, 0, 1, 17_000, 20_783, 2_000_000] {
            let seconds = days * 86_400 + 12_345;
            let text = crate::time::rfc3339(seconds);
            if !text.starts_with('-') {
                assert_eq!(parse_timestamp(&text), Ok(seconds), "{text}");
            }
        }
    }

    #[test]
    fn malformed_timestamps_are_invalid() {
        for text in [
            "",
            "2026-11-26",
            "2026-11-26T08:15Z",
            "2026-11-26T08:15:00",
            "2026-11-26 08:15:00Z",
            "2026-11-26T08:15:00.Z",
            "2026-11-26T08:15:00+0100",
            "2026-11-26T08:15:00+01",
            "2026-11-26T08:15:00+24:00",
            "2026-11-26T08:15:00+01:60",
            "2026-13-26T08:15:00Z",
            "2026-00-26T08:15:00Z",
            "2026-11-31T08:15:00Z",
            "2026-11-00T08:15:00Z",
            "2026-11-26T24:00:00Z",
            "2026-11-26T08:60:00Z",
            "2026-11-26T08:15:60Z",
            "26-11-26T08:15:00Z",
            "+2026-11-26T08:15:00Z",
            "2026-1-026T08:15:00Z",
            "2026-11-26T08:15:00ZZ",
            "２０２６-11-26T08:15:00Z",
            "2026-11-26T08:15:00Z[Europe/Paris]",
            "1795680900",
        ] {
            assert!(parse_timestamp(text).is_err(), "{text:?}");
            assert!(is_invalid(query(&[("since", text)]), "since"), "{text:?}");
            assert!(is_invalid(query(&[("until", text)]), "until"), "{text:?}");
        }
        let long = format!("2026-11-26T08:15:00.{}Z", "1".repeat(100));
        assert!(parse_timestamp(&long).is_err());
    }

    #[test]
    fn limit_defaults_and_caps() {
        assert_eq!(query(&[("limit", "25")]).unwrap().limit, 25);
        assert_eq!(query(&[("limit", "0")]).unwrap().limit, DEFAULT_LIMIT);
        assert_eq!(query(&[("limit", "500")]).unwrap().limit, MAX_LIMIT);
        assert_eq!(query(&[("limit", "501")]).unwrap().limit, MAX_LIMIT);
        assert_eq!(query(&[("limit", "99999999999999999999999999")]).unwrap().limit, MAX_LIMIT);
        for bad in ["", "-1", "+5", "1.5", "ten", " 5", "5 "] {
            assert!(is_invalid(query(&[("limit", bad)]), "limit"), "{bad:?}");
        }
    }

    #[test]
    fn ascending_is_true_or_false() {
        assert!(query(&[("ascending", "true")]).unwrap().ascending);
        assert!(!query(&[("ascending", "false")]).unwrap().ascending);
        for bad in ["", "1", "TRUE", "yes"] {
            assert!(is_invalid(query(&[("ascending", bad)]), "ascending"), "{bad:?}");
        }
    }

    #[test]
    fn cursor_round_trips() {
        for cursor in [
            Cursor { stored_at: 1_795_680_900, id: "6f0d7f9a-0000-4000-8000-000000000001".into() },
            Cursor { stored_at: -5, id: "a.b".into() },
            Cursor { stored_at: 0, id: "x".into() },
        ] {
            let token = encode_cursor(&cursor);
            assert!(token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "URL-safe: {token}");
            assert_eq!(query(&[("more", &token)]).unwrap().cursor, Some(cursor));
        }
    }

    #[test]
    fn bad_cursors_are_invalid() {
        let token = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
        for token in [
            String::new(),
            "a".into(),
            "a b".into(),
            "ab==".into(),
            "a+/b".into(),
            token(b"no-dot"),
            token(b"12."),
            token(b".id"),
            token(b"1x.id"),
            token(b"99999999999999999999.id"),
            token(b"12.a b"),
            token(&[0xff]), // not UTF-8
            "a".repeat(MAX_CURSOR_CHARS + 1),
        ] {
            assert!(is_invalid(query(&[("more", &token)]), "more"), "{token:?}");
        }
    }

    #[test]
    fn spec_parameters_we_do_not_implement() {
        assert!(query(&[("format", "ids")]).is_ok());
        assert!(query(&[("format", "canonical")]).is_ok());
        assert!(is_invalid(query(&[("format", "json")]), "format"));
        assert!(query(&[("attachments", "false")]).is_ok());
        assert_eq!(query(&[("attachments", "true")]), Err(QueryError::Unsupported("attachments")));
        assert!(is_invalid(query(&[("attachments", "no")]), "attachments"));
        for name in ["related_activities", "related_agents"] {
            assert!(query(&[(name, "false")]).is_ok());
            assert!(matches!(query(&[(name, "true")]), Err(QueryError::Unsupported(n)) if n == name));
            assert!(is_invalid(query(&[(name, "maybe")]), name));
        }
        assert_eq!(query(&[("registration", "6f0d7f9a-0000-4000-8000-000000000001")]), Err(QueryError::Unsupported("registration")));
        assert_eq!(query(&[("voidedStatementId", "x")]), Err(QueryError::Unsupported("voidedStatementId")));
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        assert!(is_invalid(query(&[("verbs", "http://x")]), "verbs"));
        assert!(is_invalid(query(&[("Limit", "5")]), "Limit"), "names are case-sensitive");
        assert_eq!(query(&[("limit", "5"), ("limit", "6")]), Err(QueryError::DuplicateParameter("limit".into())));
        assert_eq!(query(&[("format", "ids"), ("format", "ids")]), Err(QueryError::DuplicateParameter("format".into())));
        assert_eq!(query(&[("statementId", "x"), ("statementId", "y")]), Err(QueryError::DuplicateParameter("statementId".into())));
        // A huge unknown name is not echoed in full.
        let name = "x".repeat(10_000);
        let Err(error) = query(&[(&name, "1")]) else { panic!("accepted") };
        assert!(error.to_string().len() < 200, "{error}");
    }

    #[test]
    fn full_query_parses() {
        let cursor = Cursor { stored_at: 1_795_680_900, id: "6f0d7f9a-0000-4000-8000-000000000001".into() };
        let q = query(&[
            ("agent", AGENT),
            ("verb", "http://adlnet.gov/expapi/verbs/passed"),
            ("activity", "https://campus.exemple.fr/cours/c/m#quiz-1"),
            ("since", "2026-11-01T00:00:00Z"),
            ("until", "2026-11-30T23:59:59Z"),
            ("limit", "50"),
            ("ascending", "true"),
            ("more", &encode_cursor(&cursor)),
            ("format", "exact"),
            ("attachments", "false"),
            ("related_activities", "false"),
            ("related_agents", "false"),
        ])
        .unwrap();
        assert_eq!(q.agent_account.map(|a| a.name).as_deref(), Some("42"));
        assert_eq!(q.limit, 50);
        assert!(q.ascending);
        assert_eq!(q.cursor, Some(cursor));
        assert!(q.since < q.until);
    }

    #[test]
    fn errors_read_well() {
        assert_eq!(invalid("limit", "expected a non-negative integer").to_string(), "invalid parameter `limit`: expected a non-negative integer");
        assert_eq!(QueryError::Unsupported("registration").to_string(), "`registration` is not supported by this LRS");
        assert_eq!(query(&[("limit", "5"), ("limit", "6")]).unwrap_err().to_string(), "parameter `limit` is given more than once");
        assert_eq!(query(&[("couleur", "bleu")]).unwrap_err().to_string(), "invalid parameter `couleur`: unknown parameter");
        let error: Box<dyn std::error::Error> = Box::new(QueryError::UnsupportedAgent);
        assert!(error.to_string().contains("account"));
    }

    /// xorshift64: deterministic pseudo-random bytes for the robustness tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, bound: usize) -> usize {
            (self.next() % bound as u64) as usize
        }

        /// Mostly characters that matter to the parser, sometimes any byte.
        fn text(&mut self, alphabet: &[u8], max_len: usize) -> String {
            let len = self.below(max_len + 1);
            let bytes: Vec<u8> = (0..len).map(|_| if self.below(8) == 0 { self.next() as u8 } else { alphabet[self.below(alphabet.len())] }).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }

        /// A valid input with a few bytes replaced, to reach deeper into the parser.
        fn mutate(&mut self, valid: &str, alphabet: &[u8]) -> String {
            let mut bytes = valid.as_bytes().to_vec();
            for _ in 0..=self.below(3) {
                if bytes.is_empty() {
                    break;
                }
                let at = self.below(bytes.len());
                match self.below(3) {
                    0 => bytes[at] = alphabet[self.below(alphabet.len())],
                    1 => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, alphabet[self.below(alphabet.len())]),
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }

    #[test]
    fn never_panics_on_random_input() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let json_alphabet = br#"{}[]:,"\/u0123456789abcdefABCDEF-+.eE truefalsnl	"#;
        let time_alphabet = b"0123456789-:+.TZtz ";
        for _ in 0..500 {
            for agent in [rng.text(json_alphabet, 80), rng.mutate(AGENT, json_alphabet)] {
                let _ = parse(&pairs(&[("agent", &agent)]));
            }
            for time in [rng.text(time_alphabet, 40), rng.mutate("2026-11-26T09:15:00.5+01:00", time_alphabet)] {
                let _ = parse(&pairs(&[("since", &time), ("until", &time)]));
            }
            let token = rng.text(b"0123456789abcdefABCDEF-_", 60);
            let _ = parse(&pairs(&[("more", &token)]));
            let limit = rng.text(b"0123456789", 30);
            let _ = parse(&pairs(&[("limit", &limit)]));
        }
    }
}
