//! Gzip bodies made of pieces compressed once and parts compressed per request: a signed-in
//! learner's module page is its template's pieces (the same for everyone, most of the bytes)
//! around the learner's parts (`learner_pages`). Compressing the whole page at each request cost
//! three times the rest of its work (brotli's fastest level: 220 µs of CPU for a 23 KB page,
//! gzip's: 80 µs); here the pieces are compressed at the best level when the template is made and
//! each request compresses only its parts (a few KB) and hashes the page (CRC-32, a few µs).
//!
//! **Why this is valid gzip.** A deflate stream (RFC 1951) is a sequence of blocks. Each segment
//! here is compressed on its own, from an empty history, and ended by a full flush: its last
//! block is not final and it ends on a byte boundary, so segments can be laid end to end and
//! none refers to bytes before it. An empty final block (`03 00`) ends the stream; the gzip
//! member (RFC 1952) around it carries the CRC-32 and length of the whole page. This is how
//! `pigz` compresses in parallel.
//!
//! Written here: no crate splices precompressed deflate segments; flate2 compresses each one.

use flate2::{Compress, CompressError, Compression, FlushCompress};

/// A gzip member's header: deflate, no name or time, unknown system (RFC 1952 §2.3).
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
/// A final, empty deflate block with fixed codes: the end of the stream.
const FINAL_EMPTY_BLOCK: [u8; 2] = [0x03, 0x00];

/// `data` as a raw deflate segment that can be laid before or after others: compressed from an
/// empty history at `level`, ended by a full flush (see the module's comment).
pub fn segment(data: &[u8], level: Compression) -> Result<Vec<u8>, CompressError> {
    let mut output = Vec::new();
    append_segment(&mut Compress::new(level, false), data, &mut output)?;
    Ok(output)
}

/// Appends `data` to `output` as a segment compressed by `compressor`. The full flush that ends
/// each segment also empties the compressor's history (zlib's `Z_FULL_FLUSH`): the next segment
/// starts from nothing without a reset, which would clear the compressor's tables once more.
fn append_segment(compressor: &mut Compress, mut data: &[u8], output: &mut Vec<u8>) -> Result<(), CompressError> {
    if data.is_empty() {
        return Ok(());
    }
    loop {
        output.reserve(data.len() / 2 + 64);
        let before = compressor.total_in();
        compressor.compress_vec(data, output, FlushCompress::Full)?;
        let consumed = usize::try_from(compressor.total_in() - before).unwrap_or(data.len());
        data = &data[consumed.min(data.len())..];
        // The flush is complete once the input is used up and the output was not filled.
        if data.is_empty() && output.len() < output.capacity() {
            return Ok(());
        }
    }
}

thread_local! {
    /// Each thread's compressor for request parts: its state is a few hundred KB, allocated once.
    static PART_COMPRESSOR: std::cell::RefCell<Compress> = std::cell::RefCell::new(Compress::new(Compression::fast(), false));
}

/// The gzip body of `pieces[0] parts[0] pieces[1] parts[1] …` (one more piece than parts), given
/// each piece's [`segment`] in `compressed_pieces`; the parts are compressed here at the fastest
/// level.
pub fn gzip(pieces: &[String], compressed_pieces: &[Vec<u8>], parts: &[String]) -> Result<Vec<u8>, CompressError> {
    let size = compressed_pieces.iter().map(Vec::len).sum::<usize>() + parts.iter().map(String::len).sum::<usize>() / 2 + 32;
    let mut body = Vec::with_capacity(size);
    body.extend_from_slice(&GZIP_HEADER);
    let mut crc = crc32fast::Hasher::new();
    let mut length: u64 = 0;
    PART_COMPRESSOR.with(|compressor| -> Result<(), CompressError> {
        let mut compressor = compressor.borrow_mut();
        for (n, (piece, compressed)) in pieces.iter().zip(compressed_pieces).enumerate() {
            crc.update(piece.as_bytes());
            body.extend_from_slice(compressed);
            if let Some(part) = parts.get(n) {
                crc.update(part.as_bytes());
                append_segment(&mut compressor, part.as_bytes(), &mut body)?;
                length += part.len() as u64;
            }
            length += piece.len() as u64;
        }
        Ok(())
    })?;
    body.extend_from_slice(&FINAL_EMPTY_BLOCK);
    body.extend_from_slice(&crc.finalize().to_le_bytes());
    // ISIZE: the length modulo 2³² (RFC 1952).
    body.extend_from_slice(&((length & 0xffff_ffff) as u32).to_le_bytes());
    Ok(body)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn gunzip(body: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(body).read_to_string(&mut text).expect("a valid gzip member");
        text
    }

    fn spliced(pieces: &[&str], parts: &[&str]) -> Vec<u8> {
        let pieces: Vec<String> = pieces.iter().map(|p| (*p).to_owned()).collect();
        let compressed: Vec<Vec<u8>> = pieces.iter().map(|p| segment(p.as_bytes(), Compression::best()).unwrap()).collect();
        let parts: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
        gzip(&pieces, &compressed, &parts).unwrap()
    }

    #[test]
    fn the_spliced_body_is_the_page_in_gzip() {
        let piece = "<div class=\"prose\"><p>Une IA générative produit du texte plausible, pas forcément vrai.</p></div>".repeat(40);
        let part = "<form method=\"post\" action=\"/api/submit_quiz\"><input type=\"hidden\" name=\"shown_at\" value=\"1790000000\"></form>".repeat(5);
        let body = spliced(&[&piece, &piece, &piece], &[&part, &part]);
        assert_eq!(gunzip(&body), format!("{piece}{part}{piece}{part}{piece}"));
        // Repeated text across segments is not shared, but each segment is compressed.
        assert!(body.len() < (3 * piece.len() + 2 * part.len()) / 10, "{} bytes", body.len());
    }

    #[test]
    fn empty_pieces_and_parts_and_a_page_of_one_piece_are_valid() {
        assert_eq!(gunzip(&spliced(&["", "milieu", ""], &["", ""])), "milieu");
        assert_eq!(gunzip(&spliced(&["seul morceau"], &[])), "seul morceau");
        assert_eq!(gunzip(&spliced(&[""], &[])), "");
        assert_eq!(gunzip(&spliced(&["a", "b"], &["é"])), "aéb");
    }

    #[test]
    fn a_part_refers_to_nothing_before_it_even_when_it_repeats_it() {
        // Had the part's compressor kept its history, its repeat of the previous part would be a
        // back-reference into the piece the decoder sees in between.
        let part = "répétition exacte d'une partie de la page ".repeat(20);
        let body = spliced(&["début ", &"x".repeat(5_000), " fin"], &[&part, &part]);
        assert_eq!(gunzip(&body), format!("début {part}{}{part} fin", "x".repeat(5_000)));
    }

    #[test]
    fn a_part_larger_than_the_first_output_buffer_is_whole() {
        // Incompressible text: the flush needs more room than the first reserve.
        let mut state = 0x2545_f491_u64;
        let noise: String = (0..200_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                char::from(b'!' + (state % 90) as u8)
            })
            .collect();
        assert_eq!(gunzip(&spliced(&["<", ">"], &[&noise])), format!("<{noise}>"));
    }
}
