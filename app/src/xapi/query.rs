//! Parser for the query of `GET /xapi/statements` (xAPI 1.0.3, Communication §2.1.3
//! "GET Statements"): turns the already percent-decoded query pairs into a [`StatementQuery`]
//! the repository can run, or a [`QueryError`] the LRS answers with `400 Bad Request`.
//!
//! Everything here reads untrusted input, so nothing panics: every value is bounded in length,
//! the JSON of `agent` is read by a small parser with a depth limit, and errors say in English
//! (xAPI clients are programs) which parameter is wrong and why.

use crate::time::{days_from_civil, days_in_month};

use std::fmt;

/// Number of statements returned when `limit` is absent or `0` (the spec lets the server choose).
pub const DEFAULT_LIMIT: u32 = 100;
/// Largest page we serve, whatever the client asks for.
pub const MAX_LIMIT: u32 = 500;

/// Bounds on untrusted values, so a hostile query costs little to reject.
const MAX_AGENT_BYTES: usize = 8 * 1024;
const MAX_JSON_DEPTH: usize = 16;
const MAX_TIMESTAMP_BYTES: usize = 64;
const MAX_IRI_BYTES: usize = 2048;
const MAX_CURSOR_CHARS: usize = 512;
const MAX_CURSOR_ID_BYTES: usize = 128;
/// Names echoed back in error messages are cut to this many characters.
const MAX_ECHOED_CHARS: usize = 64;

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryError {
    /// The value of a parameter is malformed, or the parameter does not exist.
    InvalidParameter { name: String, reason: String },
    /// The same parameter appears more than once.
    DuplicateParameter(String),
    /// The agent is identified by `mbox`, `mbox_sha1sum` or `openid`, never stored here.
    UnsupportedAgent,
    /// A feature of the spec this LRS does not implement.
    Unsupported(&'static str),
    /// `statementId` comes with a parameter the spec forbids next to it.
    StatementIdWithFilter(String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::InvalidParameter { name, reason } => {
                write!(f, "invalid parameter `{name}`: {reason}")
            }
            QueryError::DuplicateParameter(name) => {
                write!(f, "parameter `{name}` is given more than once")
            }
            QueryError::UnsupportedAgent => write!(
                f,
                "this LRS identifies agents by account only; mbox, mbox_sha1sum and openid are not supported"
            ),
            QueryError::Unsupported(what) => write!(f, "`{what}` is not supported by this LRS"),
            QueryError::StatementIdWithFilter(name) => write!(
                f,
                "`statementId` cannot be combined with `{name}` (only `format` and `attachments` may accompany it)"
            ),
        }
    }
}

impl std::error::Error for QueryError {}

fn invalid(name: &str, reason: impl Into<String>) -> QueryError {
    QueryError::InvalidParameter {
        name: echo(name),
        reason: reason.into(),
    }
}

/// Untrusted text put in an error message, cut short so errors stay small.
fn echo(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Reads the query pairs (already percent-decoded by the caller).
pub fn parse(pairs: &[(String, String)]) -> Result<StatementQuery, QueryError> {
    let mut query = StatementQuery::default();
    let mut seen: Vec<&str> = Vec::with_capacity(pairs.len());
    // The first parameter the spec forbids next to `statementId`, if any.
    let mut first_filter: Option<&str> = None;

    for (name, value) in pairs {
        let name = name.as_str();
        if seen.contains(&name) {
            return Err(QueryError::DuplicateParameter(echo(name)));
        }
        seen.push(name);

        match name {
            "statementId" => query.statement_id = Some(parse_uuid(name, value)?),
            "agent" => query.agent_account = Some(parse_agent(value)?),
            "verb" => query.verb = Some(parse_iri(name, value)?),
            "activity" => query.activity = Some(parse_iri(name, value)?),
            "since" => query.since = Some(parse_timestamp(value).map_err(|r| invalid(name, r))?),
            "until" => query.until = Some(parse_timestamp(value).map_err(|r| invalid(name, r))?),
            "limit" => query.limit = parse_limit(value)?,
            "ascending" => query.ascending = parse_bool(name, value)?,
            "more" => query.cursor = Some(decode_cursor(value)?),
            // Only changes the shape of the answer; every format is served the same way.
            "format" => {
                if !matches!(value.as_str(), "ids" | "exact" | "canonical") {
                    return Err(invalid(name, "expected `ids`, `exact` or `canonical`"));
                }
            }
            "attachments" => {
                if parse_bool(name, value)? {
                    return Err(QueryError::Unsupported("attachments"));
                }
            }
            "related_activities" => {
                if parse_bool(name, value)? {
                    return Err(QueryError::Unsupported("related_activities"));
                }
            }
            "related_agents" => {
                if parse_bool(name, value)? {
                    return Err(QueryError::Unsupported("related_agents"));
                }
            }
            "registration" => return Err(QueryError::Unsupported("registration")),
            // A spec parameter, but statements are never voided here.
            "voidedStatementId" => return Err(QueryError::Unsupported("voidedStatementId")),
            _ => return Err(invalid(name, "unknown parameter")),
        }

        if !matches!(name, "statementId" | "format" | "attachments") && first_filter.is_none() {
            first_filter = Some(name);
        }
    }

    if query.statement_id.is_some() {
        if let Some(filter) = first_filter {
            return Err(QueryError::StatementIdWithFilter(filter.to_owned()));
        }
    }
    Ok(query)
}

/// The `more` token for a page that ends at `cursor`: `"{stored_at}.{id}"` in hex, so it needs
/// no escaping in a URL and clients treat it as opaque.
pub fn encode_cursor(cursor: &Cursor) -> String {
    let plain = format!("{}.{}", cursor.stored_at, cursor.id);
    let mut token = String::with_capacity(plain.len() * 2);
    for byte in plain.bytes() {
        token.push(hex_digit(byte >> 4));
        token.push(hex_digit(byte & 0x0f));
    }
    token
}

fn hex_digit(nibble: u8) -> char {
    char::from(b"0123456789abcdef"[usize::from(nibble & 0x0f)])
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

fn decode_cursor(token: &str) -> Result<Cursor, QueryError> {
    let bad = |reason: &str| invalid("more", reason);
    if token.is_empty() || token.len() > MAX_CURSOR_CHARS || !token.len().is_multiple_of(2) {
        return Err(bad("not a token returned by this LRS"));
    }
    let mut plain = Vec::with_capacity(token.len() / 2);
    for pair in token.as_bytes().chunks(2) {
        let &[high, low] = pair else {
            return Err(bad("not a token returned by this LRS"));
        };
        match (hex_value(high), hex_value(low)) {
            (Some(high), Some(low)) => plain.push(high << 4 | low),
            _ => return Err(bad("not a token returned by this LRS")),
        }
    }
    let plain = String::from_utf8(plain).map_err(|_| bad("not a token returned by this LRS"))?;
    let Some((stored_at, id)) = plain.split_once('.') else {
        return Err(bad("not a token returned by this LRS"));
    };
    let stored_at: i64 = stored_at
        .parse()
        .map_err(|_| bad("not a token returned by this LRS"))?;
    let id_is_plausible = !id.is_empty()
        && id.len() <= MAX_CURSOR_ID_BYTES
        && id.bytes().all(|b| b.is_ascii_graphic());
    if !id_is_plausible {
        return Err(bad("not a token returned by this LRS"));
    }
    Ok(Cursor {
        stored_at,
        id: id.to_owned(),
    })
}

fn parse_bool(name: &str, value: &str) -> Result<bool, QueryError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(invalid(name, "expected `true` or `false`")),
    }
}

fn parse_limit(value: &str) -> Result<u32, QueryError> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("limit", "expected a non-negative integer"));
    }
    // Any number of digits is a valid request; saturating keeps huge ones from overflowing.
    let requested = value.bytes().fold(0u64, |acc, digit| {
        acc.saturating_mul(10)
            .saturating_add(u64::from(digit - b'0'))
    });
    Ok(match requested {
        0 => DEFAULT_LIMIT,
        n => u32::try_from(n).map_or(MAX_LIMIT, |n| n.min(MAX_LIMIT)),
    })
}

/// `8-4-4-4-12` hexadecimal digits, returned in lower case.
fn parse_uuid(name: &str, value: &str) -> Result<String, QueryError> {
    let bytes = value.as_bytes();
    let well_formed = bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_hexdigit(),
        });
    if !well_formed {
        return Err(invalid(
            name,
            "expected a UUID such as 6f0d7f9a-0000-4000-8000-000000000001",
        ));
    }
    Ok(value.to_ascii_lowercase())
}

fn parse_iri(name: &str, value: &str) -> Result<String, QueryError> {
    check_iri(value).map_err(|reason| invalid(name, reason))?;
    Ok(value.to_owned())
}

/// An absolute IRI: a scheme (`http`, `urn`, …), a colon, then something without spaces.
/// Deliberately loose beyond that: the IRI is only compared with stored ones.
fn check_iri(value: &str) -> Result<(), &'static str> {
    if value.is_empty() {
        return Err("must not be empty");
    }
    if value.len() > MAX_IRI_BYTES {
        return Err("longer than 2048 bytes");
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces or control characters");
    }
    let has_scheme = match value.split_once(':') {
        Some((scheme, rest)) => {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.is_empty()
        }
        None => false,
    };
    if !has_scheme {
        return Err("expected an absolute IRI such as http://adlnet.gov/expapi/verbs/passed");
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Timestamps

/// RFC 3339 timestamp (`2026-11-26T08:15:00Z`, `2026-11-26T09:15:00.5+01:00`) to Unix seconds
/// UTC. Fractions are dropped: stored times are whole seconds, so rounding down keeps both
/// `stored > since` and `stored <= until` exact.
fn parse_timestamp(text: &str) -> Result<i64, String> {
    const SHAPE: &str = "expected an RFC 3339 timestamp such as 2026-11-26T08:15:00Z";
    let bytes = text.as_bytes();
    if bytes.len() < 19 || bytes.len() > MAX_TIMESTAMP_BYTES {
        return Err(SHAPE.to_owned());
    }
    let separators_ok = bytes[4] == b'-'
        && bytes[7] == b'-'
        && matches!(bytes[10], b'T' | b't')
        && bytes[13] == b':'
        && bytes[16] == b':';
    let fields = (
        digits(bytes, 0, 4),
        digits(bytes, 5, 2),
        digits(bytes, 8, 2),
        digits(bytes, 11, 2),
        digits(bytes, 14, 2),
        digits(bytes, 17, 2),
    );
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = fields
    else {
        return Err(SHAPE.to_owned());
    };
    if !separators_ok {
        return Err(SHAPE.to_owned());
    }

    // Optional fraction of a second, at least one digit.
    let mut pos = 19;
    if bytes.get(pos) == Some(&b'.') {
        let digits_start = pos + 1;
        pos = digits_start;
        while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        if pos == digits_start {
            return Err(SHAPE.to_owned());
        }
    }

    // Time zone: `Z` or `±HH:MM`; without one the instant would be ambiguous.
    let offset_seconds = match &bytes[pos..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (Some(hours), Some(minutes)) =
                (digits(&[*h1, *h2], 0, 2), digits(&[*m1, *m2], 0, 2))
            else {
                return Err(SHAPE.to_owned());
            };
            if hours > 23 || minutes > 59 {
                return Err("the time zone offset is out of range".to_owned());
            }
            let magnitude = hours * 3600 + minutes * 60;
            if *sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
        [] => {
            return Err("the time zone is missing (add `Z` or an offset such as +01:00)".to_owned())
        }
        _ => return Err(SHAPE.to_owned()),
    };

    if !(1..=12).contains(&month) {
        return Err("the month is out of range".to_owned());
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err("the day is out of range for this month".to_owned());
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err("the time of day is out of range".to_owned());
    }

    let local = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    // 09:15+01:00 is 08:15Z: subtract the offset to get UTC.
    Ok(local - offset_seconds)
}

/// The decimal number written with exactly `len` ASCII digits at `start`.
fn digits(bytes: &[u8], start: usize, len: usize) -> Option<i64> {
    let slice = bytes.get(start..start.checked_add(len)?)?;
    slice.iter().try_fold(0i64, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

// ---------------------------------------------------------------------------------------------
// Agent

/// Reads `agent`. Only `{"objectType":"Agent","name":…,"account":{"homePage":…,"name":…}}`
/// identifies someone here: the LRS never stores e-mail addresses.
fn parse_agent(text: &str) -> Result<AgentAccount, QueryError> {
    const NAME: &str = "agent";
    if text.len() > MAX_AGENT_BYTES {
        return Err(invalid(NAME, "longer than 8 KiB"));
    }
    let value = parse_json(text).map_err(|reason| invalid(NAME, reason))?;
    let Json::Object(members) = value else {
        return Err(invalid(NAME, "expected a JSON object"));
    };

    let mut account = None;
    let mut has_other_identifier = false;
    for (key, value) in &members {
        match key.as_str() {
            "objectType" => match value {
                Json::String(kind) if kind == "Agent" => {}
                Json::String(kind) if kind == "Group" => {
                    return Err(QueryError::Unsupported("Group"))
                }
                _ => return Err(invalid(NAME, "`objectType` must be \"Agent\"")),
            },
            // The display name identifies nobody; it is allowed and ignored.
            "name" => {
                if !matches!(value, Json::String(_)) {
                    return Err(invalid(NAME, "`name` must be a string"));
                }
            }
            "account" => account = Some(read_account(value)?),
            "mbox" | "mbox_sha1sum" | "openid" => has_other_identifier = true,
            other => {
                return Err(invalid(
                    NAME,
                    format!("unexpected property `{}`", echo(other)),
                ))
            }
        }
    }

    match (account, has_other_identifier) {
        (Some(_), true) => Err(invalid(
            NAME,
            "an agent must have exactly one identifier (account, mbox, mbox_sha1sum or openid)",
        )),
        (Some(account), false) => Ok(account),
        (None, true) => Err(QueryError::UnsupportedAgent),
        (None, false) => Err(invalid(NAME, "the agent has no `account`")),
    }
}

fn read_account(value: &Json) -> Result<AgentAccount, QueryError> {
    const NAME: &str = "agent";
    let Json::Object(members) = value else {
        return Err(invalid(NAME, "`account` must be an object"));
    };
    let mut home_page = None;
    let mut name = None;
    for (key, value) in members {
        let Json::String(text) = value else {
            return Err(invalid(
                NAME,
                format!("`account.{}` must be a string", echo(key)),
            ));
        };
        match key.as_str() {
            "homePage" => home_page = Some(text),
            "name" => name = Some(text),
            other => {
                return Err(invalid(
                    NAME,
                    format!("unexpected property `account.{}`", echo(other)),
                ))
            }
        }
    }
    let Some(home_page) = home_page else {
        return Err(invalid(NAME, "`account.homePage` is missing"));
    };
    let Some(name) = name else {
        return Err(invalid(NAME, "`account.name` is missing"));
    };
    check_iri(home_page).map_err(|reason| invalid(NAME, format!("`account.homePage` {reason}")))?;
    // Control characters (NUL above all) have no business in an account name and the database
    // would refuse some of them.
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(invalid(
            NAME,
            "`account.name` must be a non-empty string without control characters",
        ));
    }
    Ok(AgentAccount {
        home_page: home_page.clone(),
        name: name.clone(),
    })
}

/// Just enough JSON to read an agent. Scalars other than strings keep no value: an agent never
/// needs one, they only have to be well-formed.
#[derive(Debug, PartialEq)]
enum Json {
    Null,
    Bool,
    Number,
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

fn parse_json(text: &str) -> Result<Json, String> {
    let mut parser = JsonParser {
        bytes: text.as_bytes(),
        pos: 0,
    };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos != parser.bytes.len() {
        return Err(parser.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

struct JsonParser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl JsonParser<'_> {
    fn error(&self, what: &str) -> String {
        format!("malformed JSON at byte {}: {what}", self.pos)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected `{}`", char::from(byte))))
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character"))
        }
    }

    /// `depth` counts the arrays and objects around this value.
    fn value(&mut self, depth: usize) -> Result<Json, String> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Json::Bool),
            Some(b'f') => self.literal("false", Json::Bool),
            Some(b'n') => self.literal("null", Json::Null),
            Some(_) => Err(self.error("unexpected character")),
            None => Err(self.error("unexpected end of input")),
        }
    }

    fn check_depth(&self, depth: usize) -> Result<(), String> {
        if depth > MAX_JSON_DEPTH {
            Err(self.error("nested deeper than 16 levels"))
        } else {
            Ok(())
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, String> {
        self.check_depth(depth)?;
        self.expect(b'{')?;
        let mut members: Vec<(String, Json)> = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a property name"));
            }
            let key = self.string()?;
            // Two values for one key would make the agent ambiguous.
            if members.iter().any(|(existing, _)| *existing == key) {
                return Err(self.error(&format!("duplicate property `{}`", echo(&key))));
            }
            self.skip_whitespace();
            self.expect(b':')?;
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, String> {
        self.check_depth(depth)?;
        self.expect(b'[')?;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Result<Json, String> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => return Err(self.error("malformed number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.error("malformed number"));
            }
            self.skip_digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.error("malformed number"));
            }
            self.skip_digits();
        }
        Ok(Json::Number)
    }

    fn skip_digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.expect(b'"')?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(byte) = self.peek() else {
                return Err(self.error("unterminated string"));
            };
            self.pos += 1;
            match byte {
                b'"' => break,
                b'\\' => self.escape(&mut out)?,
                0x00..=0x1f => return Err(self.error("control character in a string")),
                _ => out.push(byte),
            }
        }
        // The input is a &str and escapes are encoded as UTF-8, so this cannot fail; still no
        // unwrap on the path of untrusted input.
        String::from_utf8(out).map_err(|_| self.error("invalid UTF-8 in a string"))
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        let Some(byte) = self.peek() else {
            return Err(self.error("unterminated string"));
        };
        self.pos += 1;
        let simple = match byte {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let c = self.unicode_escape()?;
                let mut buffer = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                return Ok(());
            }
            _ => return Err(self.error("unknown escape sequence")),
        };
        out.push(simple);
        Ok(())
    }

    /// After `\u`: four hex digits, or a surrogate pair `\uD83D\uDE00`.
    fn unicode_escape(&mut self) -> Result<char, String> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !self.bytes[self.pos..].starts_with(b"\\u") {
                    return Err(self.error("unpaired surrogate in a \\u escape"));
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("unpaired surrogate in a \\u escape"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(self.error("unpaired surrogate in a \\u escape")),
            _ => first,
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let mut code = 0u32;
        for _ in 0..4 {
            let Some(digit) = self.peek().and_then(hex_value) else {
                return Err(self.error("expected four hexadecimal digits after \\u"));
            };
            code = code * 16 + u32::from(digit);
            self.pos += 1;
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn query(items: &[(&str, &str)]) -> Result<StatementQuery, QueryError> {
        parse(&pairs(items))
    }

    fn is_invalid(result: Result<StatementQuery, QueryError>, expected_name: &str) -> bool {
        matches!(result, Err(QueryError::InvalidParameter { ref name, .. }) if name == expected_name)
    }

    const AGENT: &str =
        r#"{"objectType":"Agent","account":{"homePage":"https://campus.exemple.fr","name":"42"}}"#;

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
        assert_eq!(
            q.statement_id.as_deref(),
            Some("6f0d7f9a-0000-4000-8000-000000000001")
        );
        assert!(is_invalid(query(&[("statementId", "42")]), "statementId"));
        assert!(is_invalid(
            query(&[("statementId", "6f0d7f9a-0000-4000-8000-00000000000g")]),
            "statementId"
        ));
        assert!(is_invalid(
            query(&[("statementId", "6f0d7f9a00000-4000-8000-000000000001")]),
            "statementId"
        ));
    }

    #[test]
    fn statement_id_allows_only_format_and_attachments() {
        let id = "6f0d7f9a-0000-4000-8000-000000000001";
        assert!(query(&[
            ("statementId", id),
            ("format", "exact"),
            ("attachments", "false")
        ])
        .is_ok());
        assert_eq!(
            query(&[
                ("statementId", id),
                ("verb", "http://adlnet.gov/expapi/verbs/passed")
            ]),
            Err(QueryError::StatementIdWithFilter("verb".into()))
        );
        // Order does not matter.
        assert_eq!(
            query(&[("limit", "10"), ("statementId", id)]),
            Err(QueryError::StatementIdWithFilter("limit".into()))
        );
    }

    #[test]
    fn agent_by_account_in_any_layout() {
        let expected = AgentAccount {
            home_page: "https://campus.exemple.fr".into(),
            name: "42".into(),
        };
        assert_eq!(
            query(&[("agent", AGENT)]).unwrap().agent_account.as_ref(),
            Some(&expected)
        );
        let spaced = " {\n \"account\" : { \"name\" : \"42\" ,\t\"homePage\":\"https:\\/\\/campus.exemple.fr\" } ,\r\n \"name\":\"Alex\" } ";
        assert_eq!(
            query(&[("agent", spaced)]).unwrap().agent_account,
            Some(expected)
        );
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
            assert_eq!(
                query(&[("agent", agent)]),
                Err(QueryError::UnsupportedAgent),
                "{agent}"
            );
        }
        assert!(is_invalid(
            query(&[("agent", r#"{"objectType":"Agent"}"#)]),
            "agent"
        ));
        // Two identifiers break the spec's "exactly one" rule.
        let both = r#"{"mbox":"mailto:a@b.fr","account":{"homePage":"https://x","name":"1"}}"#;
        assert!(is_invalid(query(&[("agent", both)]), "agent"));
        let group = r#"{"objectType":"Group","account":{"homePage":"https://x","name":"1"}}"#;
        assert_eq!(
            query(&[("agent", group)]),
            Err(QueryError::Unsupported("Group"))
        );
    }

    #[test]
    fn malformed_agents_are_invalid() {
        for agent in [
            "",
            "   ",
            "{",
            "}",
            "[]",
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
    fn json_parser_reads_every_value_kind() {
        let value =
            parse_json(r#" { "a": [1, -2.5e+3, 0, true, false, null, "s", {}], "b": {"c": []} } "#);
        let Ok(Json::Object(members)) = value else {
            panic!("{value:?}")
        };
        assert_eq!(members.len(), 2);
        assert_eq!(
            members[0].1,
            Json::Array(vec![
                Json::Number,
                Json::Number,
                Json::Number,
                Json::Bool,
                Json::Bool,
                Json::Null,
                Json::String("s".into()),
                Json::Object(vec![]),
            ])
        );
    }

    #[test]
    fn deep_nesting_is_rejected() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse_json(&nested(MAX_JSON_DEPTH)).is_ok());
        assert!(parse_json(&nested(MAX_JSON_DEPTH + 1)).is_err());
        let deep_agent = format!(
            "{{\"account\":{{\"homePage\":\"https://x\",\"name\":\"42\"}},\"x\":{}}}",
            nested(40)
        );
        assert!(is_invalid(query(&[("agent", &deep_agent)]), "agent"));
        // Far deeper than the stack could take if depth were not bounded.
        let very_deep = "[".repeat(100_000);
        assert!(parse_json(&very_deep).is_err());
        assert!(is_invalid(query(&[("agent", &very_deep)]), "agent"));
    }

    #[test]
    fn oversized_agent_is_rejected() {
        let padding = " ".repeat(MAX_AGENT_BYTES);
        let agent = format!("{AGENT}{padding}");
        assert!(is_invalid(query(&[("agent", &agent)]), "agent"));
    }

    #[test]
    fn verb_and_activity_are_iris() {
        let q = query(&[
            ("verb", "http://adlnet.gov/expapi/verbs/passed"),
            ("activity", "https://campus.exemple.fr/cours/c/m#quiz-1"),
        ])
        .unwrap();
        assert_eq!(
            q.verb.as_deref(),
            Some("http://adlnet.gov/expapi/verbs/passed")
        );
        assert_eq!(
            q.activity.as_deref(),
            Some("https://campus.exemple.fr/cours/c/m#quiz-1")
        );
        assert!(query(&[("activity", "urn:x-campus:quiz:1")]).is_ok());
        for bad in [
            "",
            "passed",
            "http://x y",
            ":nothing",
            "1http://x",
            "http:",
            "http://x\u{0}",
        ] {
            assert!(is_invalid(query(&[("verb", bad)]), "verb"), "{bad:?}");
            assert!(
                is_invalid(query(&[("activity", bad)]), "activity"),
                "{bad:?}"
            );
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
        let q = query(&[
            ("since", "2026-11-26T09:15:00+01:00"),
            ("until", "2026-11-26T13:45:00Z"),
        ])
        .unwrap();
        assert_eq!(q.since, Some(utc));
        assert_eq!(q.until, Some(1_795_700_700));
    }

    #[test]
    fn timestamps_across_calendar_edges() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_timestamp("1969-12-31T23:59:59Z"), Ok(-1));
        assert_eq!(parse_timestamp("1970-01-01T00:30:00+01:00"), Ok(-1800));
        assert_eq!(parse_timestamp("2028-02-29T00:00:00Z"), Ok(1_835_395_200));
        assert_eq!(parse_timestamp("2000-02-29T00:00:00Z"), Ok(951_782_400));
        assert!(
            parse_timestamp("2026-02-29T00:00:00Z").is_err(),
            "2026 is not a leap year"
        );
        assert!(
            parse_timestamp("1900-02-29T00:00:00Z").is_err(),
            "1900 is not a leap year"
        );
        // Agrees with the inverse function used to write timestamps.
        for days in [-800_000i64, -1, 0, 1, 17_000, 20_783, 2_000_000] {
            let seconds = days * 86_400 + 12_345;
            let (y, mo, d, h, mi, s) = crate::time::civil(seconds);
            let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z");
            if (0..=9999).contains(&y) {
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
        assert_eq!(
            query(&[("limit", "99999999999999999999999999")])
                .unwrap()
                .limit,
            MAX_LIMIT
        );
        for bad in ["", "-1", "+5", "1.5", "ten", " 5", "5 "] {
            assert!(is_invalid(query(&[("limit", bad)]), "limit"), "{bad:?}");
        }
    }

    #[test]
    fn ascending_is_true_or_false() {
        assert!(query(&[("ascending", "true")]).unwrap().ascending);
        assert!(!query(&[("ascending", "false")]).unwrap().ascending);
        for bad in ["", "1", "TRUE", "yes"] {
            assert!(
                is_invalid(query(&[("ascending", bad)]), "ascending"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn cursor_round_trips() {
        for cursor in [
            Cursor {
                stored_at: 1_795_680_900,
                id: "6f0d7f9a-0000-4000-8000-000000000001".into(),
            },
            Cursor {
                stored_at: -5,
                id: "a.b".into(),
            },
            Cursor {
                stored_at: 0,
                id: "x".into(),
            },
        ] {
            let token = encode_cursor(&cursor);
            assert!(
                token.bytes().all(|b| b.is_ascii_hexdigit()),
                "URL-safe: {token}"
            );
            assert_eq!(query(&[("more", &token)]).unwrap().cursor, Some(cursor));
        }
    }

    #[test]
    fn bad_cursors_are_invalid() {
        let hex = |text: &str| text.bytes().map(|b| format!("{b:02x}")).collect::<String>();
        for token in [
            String::new(),
            "abc".into(),
            "zz".into(),
            "0g".into(),
            hex("no-dot"),
            hex("12."),
            hex(".id"),
            hex("1x.id"),
            hex("99999999999999999999.id"),
            hex("12.a b"),
            "ff".into(), // not UTF-8
            "a".repeat(MAX_CURSOR_CHARS + 2),
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
        assert_eq!(
            query(&[("attachments", "true")]),
            Err(QueryError::Unsupported("attachments"))
        );
        assert!(is_invalid(query(&[("attachments", "no")]), "attachments"));
        for name in ["related_activities", "related_agents"] {
            assert!(query(&[(name, "false")]).is_ok());
            assert!(
                matches!(query(&[(name, "true")]), Err(QueryError::Unsupported(n)) if n == name)
            );
            assert!(is_invalid(query(&[(name, "maybe")]), name));
        }
        assert_eq!(
            query(&[("registration", "6f0d7f9a-0000-4000-8000-000000000001")]),
            Err(QueryError::Unsupported("registration"))
        );
        assert_eq!(
            query(&[("voidedStatementId", "x")]),
            Err(QueryError::Unsupported("voidedStatementId"))
        );
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        assert!(is_invalid(query(&[("verbs", "http://x")]), "verbs"));
        assert!(
            is_invalid(query(&[("Limit", "5")]), "Limit"),
            "names are case-sensitive"
        );
        assert_eq!(
            query(&[("limit", "5"), ("limit", "6")]),
            Err(QueryError::DuplicateParameter("limit".into()))
        );
        assert_eq!(
            query(&[("format", "ids"), ("format", "ids")]),
            Err(QueryError::DuplicateParameter("format".into()))
        );
        // A huge unknown name is not echoed in full.
        let name = "x".repeat(10_000);
        let Err(error) = query(&[(&name, "1")]) else {
            panic!("accepted")
        };
        assert!(error.to_string().len() < 200, "{error}");
    }

    #[test]
    fn full_query_parses() {
        let cursor = Cursor {
            stored_at: 1_795_680_900,
            id: "6f0d7f9a-0000-4000-8000-000000000001".into(),
        };
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
        assert_eq!(
            invalid("limit", "expected a non-negative integer").to_string(),
            "invalid parameter `limit`: expected a non-negative integer"
        );
        assert_eq!(
            QueryError::Unsupported("registration").to_string(),
            "`registration` is not supported by this LRS"
        );
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
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    if self.below(8) == 0 {
                        self.next() as u8
                    } else {
                        alphabet[self.below(alphabet.len())]
                    }
                })
                .collect();
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
            for agent in [
                rng.text(json_alphabet, 80),
                rng.mutate(AGENT, json_alphabet),
            ] {
                let _ = parse(&pairs(&[("agent", &agent)]));
            }
            for time in [
                rng.text(time_alphabet, 40),
                rng.mutate("2026-11-26T09:15:00.5+01:00", time_alphabet),
            ] {
                let _ = parse(&pairs(&[("since", &time), ("until", &time)]));
            }
            let token = rng.text(b"0123456789abcdef2e", 60);
            let _ = parse(&pairs(&[("more", &token)]));
            let limit = rng.text(b"0123456789", 30);
            let _ = parse(&pairs(&[("limit", &limit)]));
        }
    }
}
