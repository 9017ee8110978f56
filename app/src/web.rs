//! What server functions and axum handlers need from the HTTP exchange, in one place: cookies
//! (every `Set-Cookie` is built here with the `cookie` crate and the session cookie's flags),
//! the client's address (read from `X-Forwarded-For` only when the peer is a trusted proxy),
//! plain-form detection, redirects that carry a form's feedback, and the same-site check of a
//! redirect target.
//!
//! Client addresses: `axum-client-ip` reads a forwarding header whichever peer sent it, so any
//! client could choose its own throttle key; the rule here (trust the header only from
//! configured proxies, then take the right-most address that is not one of them) is a dozen lines
//! of `std::net` and is unit-tested below.

use std::net::IpAddr;

use axum::http::{header, HeaderMap, HeaderValue};
use cookie::{Cookie, SameSite};
use leptos::prelude::*;

use crate::accounts::forms::{FormFeedback, FLASH_COOKIE};

/// How long the one-shot feedback cookie lives.
const FLASH_MAX_AGE_SECONDS: i64 = 120;

/// A cookie with the flags every cookie of the site has: `Path=/`, `HttpOnly`, `SameSite=Lax`,
/// and `Secure` in production. `max_age: Some(0)` removes it; `None` makes a session cookie.
pub fn cookie(name: &str, value: &str, max_age_seconds: Option<i64>, secure: bool) -> String {
    let mut built = Cookie::build((name.to_owned(), value.to_owned())).path("/").http_only(true).same_site(SameSite::Lax).secure(secure);
    if let Some(seconds) = max_age_seconds {
        built = built.max_age(cookie::time::Duration::seconds(seconds));
    }
    built.build().to_string()
}

/// Whether cookies of this deployment carry `Secure` (production, behind HTTPS).
fn secure_cookies() -> bool {
    use_context::<crate::state::AppState>().is_some_and(|state| state.secure_cookies)
}

/// Adds a `Set-Cookie` header (a value built by [`cookie`]) to the current response.
pub fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), HeaderValue::from_str(value)) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// The `Set-Cookie` value of the one-shot feedback cookie.
pub fn flash_cookie(feedback: &FormFeedback, secure: bool) -> String {
    cookie(FLASH_COOKIE, &feedback.to_cookie_value(), Some(FLASH_MAX_AGE_SECONDS), secure)
}

/// The `Set-Cookie` value that clears the feedback cookie once read.
pub fn clear_flash_cookie() -> String {
    cookie(FLASH_COOKIE, "", Some(0), secure_cookies())
}

/// Sends the user to `to` with `feedback` for the next page. The feedback is shown to the user
/// and never carries a secret (a new access key is shown once in the page's own response).
pub fn redirect_with(feedback: &FormFeedback, to: &str) {
    set_cookie(&flash_cookie(feedback, secure_cookies()));
    leptos_axum::redirect(to);
}

/// Whether the request is a plain HTML form post (no JavaScript): such a request is answered
/// with a redirect to the page, while an island's call gets the server function's value.
pub fn is_plain_form_post() -> bool {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.headers.get(header::ACCEPT)?.to_str().ok().map(|v| v.contains("text/html")))
        .unwrap_or(false)
}

/// The client's address for throttling, as [`client_ip`] finds it.
pub async fn client_address() -> String {
    let peer = leptos_axum::extract::<axum::extract::ConnectInfo<std::net::SocketAddr>>().await.map(|info| info.0.ip());
    let Ok(peer) = peer else { return "inconnue".to_owned() };
    let trusted = use_context::<crate::state::AppState>().map(|s| s.trusted_proxies.clone()).unwrap_or_default();
    let headers = use_context::<axum::http::request::Parts>().map(|p| p.headers).unwrap_or_default();
    client_ip(peer, &headers, &trusted).to_string()
}

/// Proxies whose `X-Forwarded-For` is believed (`CAMPUS_TRUSTED_PROXIES`): addresses or CIDR
/// ranges such as `127.0.0.1`, `10.0.0.0/8`, `::1`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Reads a comma- or space-separated list; says which entry is wrong.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut ranges = Vec::new();
        for entry in list.split([',', ' ']).map(str::trim).filter(|e| !e.is_empty()) {
            let (address, bits) = entry.split_once('/').map_or((entry, None), |(a, b)| (a, Some(b)));
            let address: IpAddr = address.parse().map_err(|_| format!("« {entry} » n'est pas une adresse IP ni une plage CIDR"))?;
            let max = if address.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                None => max,
                Some(bits) => bits.parse::<u8>().ok().filter(|b| *b <= max).ok_or_else(|| format!("« {entry} » : longueur de préfixe invalide"))?,
            };
            // An IPv4 address written as IPv6 (`::ffff:10.0.0.1/128`) is kept as IPv4.
            ranges.push(match address {
                IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                    Some(v4) => (IpAddr::V4(v4), bits.saturating_sub(96)),
                    None => (address, bits),
                },
                v4 => (v4, bits),
            });
        }
        Ok(TrustedProxies(ranges))
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|(network, bits)| match (*network, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => prefix_matches(&n.octets(), &a.octets(), *bits),
            (IpAddr::V6(n), IpAddr::V6(a)) => prefix_matches(&n.octets(), &a.octets(), *bits),
            _ => false,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) compares as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn prefix_matches(network: &[u8], address: &[u8], bits: u8) -> bool {
    let (whole, rest) = (usize::from(bits / 8), bits % 8);
    let same_bytes = network.get(..whole).is_some_and(|n| address.get(..whole) == Some(n));
    let same_bits = rest == 0 || matches!((network.get(whole), address.get(whole)), (Some(n), Some(a)) if (n ^ a) >> (8 - rest) == 0);
    same_bytes && same_bits
}

/// The address a request comes from: the peer itself, unless the peer is a trusted proxy; then
/// the right-most address of `X-Forwarded-For` that is not a trusted proxy (the left-most ones
/// are whatever the client wrote). A missing or unreadable header leaves the peer.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    if !trusted.contains(peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|entry| entry.trim().parse::<IpAddr>())
        .collect::<Result<_, _>>()
        .unwrap_or_default();
    forwarded.into_iter().rev().find(|ip| !trusted.contains(*ip)).map_or(peer, canonical)
}

/// Where to go after signing in: `next` if it is a path of this site, else the dashboard. A
/// path starts with exactly one `/` and holds no backslash, no control character (browsers drop
/// tabs and newlines, so `/\t/evil.example` would become `//evil.example`) and no scheme.
pub fn safe_next(next: &str) -> &str {
    const DEFAULT: &str = "/mon-parcours";
    let bytes = next.as_bytes();
    let single_slash = bytes.first() == Some(&b'/') && bytes.get(1) != Some(&b'/');
    let clean = !next.chars().any(|c| c.is_control() || c == '\\' || c.is_whitespace());
    let path_part = next.split(['?', '#']).next().unwrap_or_default();
    if single_slash && clean && !path_part.contains(':') && HeaderValue::from_str(next).is_ok() { next } else { DEFAULT }
}

/// Whether a GET comes from somewhere it must not run from: embedded in a page (an `<img>` or a
/// `fetch` has `Sec-Fetch-Dest` other than `document`) or started by another site
/// (`Sec-Fetch-Site: cross-site` or `same-site`). Downloads that write an audit entry (exports)
/// answer such requests 403. A client that sends no fetch metadata (curl, scripts) is not a
/// browser page and is let through.
pub fn is_embedded_or_cross_site(headers: &HeaderMap) -> bool {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_ascii_lowercase);
    let embedded = value("sec-fetch-dest").is_some_and(|dest| dest != "document");
    let foreign = value("sec-fetch-site").is_some_and(|site| site != "same-origin" && site != "none");
    embedded || foreign
}

/// The value of one cookie of a request.
pub fn request_cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(key, value)| (key == name).then_some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_site_paths_are_followed() {
        for good in ["/cours", "/cours/a/b#quiz-1", "/connexion?suite=/x"] {
            assert_eq!(safe_next(good), good);
        }
        for bad in ["//evil.example", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "https://evil.example", "evil", "", "/a:b", "/ /x", "/\u{0}"] {
            assert_eq!(safe_next(bad), "/mon-parcours", "{bad:?}");
        }
    }

    #[test]
    fn forwarded_addresses_are_believed_from_trusted_proxies_only() {
        let trusted = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 203.0.113.7, 10.1.2.3"));
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(client_ip(proxy, &headers, &trusted), "203.0.113.7".parse::<IpAddr>().unwrap(), "right-most untrusted");
        let stranger: IpAddr = "198.51.100.1".parse().unwrap();
        assert_eq!(client_ip(stranger, &headers, &trusted), stranger, "a client cannot choose its address");
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &trusted), proxy);
        headers.insert("x-forwarded-for", HeaderValue::from_static("garbage"));
        assert_eq!(client_ip(proxy, &headers, &trusted), proxy);
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").unwrap_err().contains("proxy.local"));
        assert!(TrustedProxies::parse("::ffff:127.0.0.1").unwrap().contains("127.0.0.1".parse().unwrap()));
        assert!(!TrustedProxies::parse("10.0.0.0/9").unwrap().contains("10.128.0.1".parse().unwrap()));
    }

    #[test]
    fn embedded_and_cross_site_requests_are_recognised() {
        let of = |pairs: &[(&'static str, &'static str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(*name, HeaderValue::from_static(value));
            }
            is_embedded_or_cross_site(&headers)
        };
        assert!(!of(&[]), "curl");
        assert!(!of(&[("sec-fetch-dest", "document"), ("sec-fetch-site", "same-origin")]), "a click on the page");
        assert!(!of(&[("sec-fetch-dest", "document"), ("sec-fetch-site", "none")]), "typed in the address bar");
        assert!(of(&[("sec-fetch-dest", "image"), ("sec-fetch-site", "same-origin")]), "an <img> in a module");
        assert!(of(&[("sec-fetch-dest", "document"), ("sec-fetch-site", "cross-site")]), "a link from another site");
    }

    #[test]
    fn cookies_carry_the_session_flags() {
        let set = cookie("campus_flash", "abc", Some(120), true);
        for part in ["campus_flash=abc", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=120", "Secure"] {
            assert!(set.contains(part), "{part} in {set}");
        }
        assert!(!cookie("x", "y", None, false).contains("Secure"));
    }
}

/// One field of a multipart form: its name, the file name when it is a file, and its bytes.
pub type MultipartPart = (String, Option<String>, Vec<u8>);

/// Reads every field of a multipart form (file uploads), with a size limit per field; the error
/// says what went wrong, for the page to show.
pub async fn read_multipart(mut form: axum::extract::Multipart, limit: usize) -> Result<Vec<MultipartPart>, String> {
    let mut parts = Vec::new();
    while let Some(mut field) = form.next_field().await.map_err(|e| format!("formulaire illisible : {e}"))? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|e| format!("envoi interrompu : {e}"))? {
            if bytes.len() + chunk.len() > limit {
                return Err(format!("le fichier dépasse {} Mo", limit / 1024 / 1024));
            }
            bytes.extend_from_slice(&chunk);
        }
        parts.push((name, file_name, bytes));
    }
    Ok(parts)
}

/// The field `name` of a multipart form, if sent.
pub fn multipart_field<'a>(parts: &'a [MultipartPart], name: &str) -> Option<&'a MultipartPart> {
    parts.iter().find(|(n, _, _)| n == name)
}
