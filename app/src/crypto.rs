//! The byte-level helpers of tokens, keys and fingerprints, each on top of a crate (server
//! only): random bytes (`getrandom`), lower-case hexadecimal (`hex`), SHA-256 fingerprints in
//! hexadecimal (`sha2`), and the constant-time comparison of secrets (`subtle`).
//!
//! Stored values are written with these (session and reset token hashes, xAPI credential
//! hashes and sealed secrets, course and scenario content hashes): their format is pinned by the
//! tests below and must not change.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::db::DbError;

/// `N` bytes from the system's random source.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], DbError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| DbError::Query(sqlx::Error::Protocol(format!("no randomness: {e}"))))?;
    Ok(bytes)
}

/// `N` random bytes as `2 × N` lower-case hexadecimal digits (tokens, keys and secrets).
pub fn random_hex<const N: usize>() -> Result<String, DbError> {
    Ok(hex::encode(random_bytes::<N>()?))
}

/// Lower-case hexadecimal.
pub fn to_hex(bytes: impl AsRef<[u8]>) -> String {
    hex::encode(bytes)
}

/// The bytes of hexadecimal `text` (either case); `None` if it is not an even number of digits.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    hex::decode(text).ok()
}

/// The SHA-256 of `bytes` in lower-case hexadecimal (64 digits).
pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Whether two secrets (or their hashes) are equal, in a time that does not depend on where
/// they differ (only on their lengths).
pub fn same_secret(a: impl AsRef<[u8]>, b: impl AsRef<[u8]>) -> bool {
    a.as_ref().ct_eq(b.as_ref()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_those_already_stored() {
        // FIPS 180-2's example: the hash of a session token is stored in this form.
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        let by_hand: String = Sha256::digest(b"jeton").iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(sha256_hex("jeton"), by_hand);
        assert_eq!(to_hex([0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(from_hex("000fa5ff").unwrap(), [0x00, 0x0f, 0xa5, 0xff]);
        assert_eq!(from_hex("000FA5FF").unwrap(), [0x00, 0x0f, 0xa5, 0xff]);
        for bad in ["abc", "zz", "0x00"] {
            assert_eq!(from_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn random_values_have_the_asked_size() {
        let token = random_hex::<32>().unwrap();
        assert_eq!(token.len(), 64);
        assert!(token.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)), "{token}");
        assert_ne!(token, random_hex::<32>().unwrap());
        assert_ne!(random_bytes::<16>().unwrap(), [0; 16]);
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("jeton", "jeton"));
        assert!(!same_secret("jeton", "jetoN"));
        assert!(!same_secret("jeton", "jeton-plus-long"));
        assert!(!same_secret("", "jeton"));
    }
}
