//! Text encodings of monitoring exports: detection and streaming decoding to UTF-8.
//!
//! Chinese monitoring systems export UTF-8 (CNEMC's feed) or GBK/GB18030 (spreadsheets saved on
//! Windows). Detection looks at the first block of the file only, so memory stays flat:
//! a byte-order mark decides; otherwise UTF-8 if the block is valid UTF-8, else GB18030
//! (a superset of GBK and GB2312, WHATWG Encoding Standard).

use std::io::{self, BufRead, BufReader, Read};

use encoding_rs::{CoderResult, Decoder, Encoding, GB18030, UTF_8};

/// How many bytes are inspected to choose the encoding.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The encoding found for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding.
    pub encoding: &'static Encoding,
    /// Whether a byte-order mark was present.
    pub bom: bool,
}

/// Chooses the encoding of a file from its first bytes (see the module documentation).
pub fn detect(prefix: &[u8]) -> Detected {
    if let Some((encoding, _)) = Encoding::for_bom(prefix) {
        return Detected {
            encoding,
            bom: true,
        };
    }
    let encoding = match std::str::from_utf8(prefix) {
        Ok(_) => UTF_8,
        // A multi-byte character cut by the end of the block is still UTF-8.
        Err(e) if e.error_len().is_none() && prefix.len() - e.valid_up_to() < 4 => UTF_8,
        Err(_) => GB18030,
    };
    Detected {
        encoding,
        bom: false,
    }
}

/// Opens `reader` as UTF-8 text: detects the encoding from its first block and returns a
/// buffered reader of UTF-8 bytes (a byte-order mark removed) with the encoding found.
///
/// UTF-8 input is passed through without copying; invalid UTF-8 in it is left for the caller
/// (the CNEMC reader parses numbers from bytes and replaces invalid text with U+FFFD).
pub fn utf8_reader<R: Read + Send + 'static>(
    reader: R,
) -> io::Result<(Box<dyn BufRead + Send>, Detected)> {
    let mut buffered = BufReader::with_capacity(SNIFF_BYTES, reader);
    // One read fills the sample from a file; from a pipe it may be shorter, and detection then
    // sees fewer bytes, never wrong ones.
    let detected = detect(buffered.fill_buf()?);
    if detected.encoding == UTF_8 {
        if detected.bom {
            buffered.consume(3);
        }
        return Ok((Box::new(buffered), detected));
    }
    // `new_decoder` removes the BOM of the detected encoding itself.
    let decoder = detected.encoding.new_decoder();
    Ok((Box::new(DecodingReader::new(buffered, decoder)), detected))
}

/// A [`BufRead`] of UTF-8 bytes decoded from another encoding while reading.
struct DecodingReader<R> {
    inner: R,
    decoder: Decoder,
    out: Vec<u8>,
    pos: usize,
    len: usize,
    finished: bool,
}

impl<R: BufRead> DecodingReader<R> {
    fn new(inner: R, decoder: Decoder) -> Self {
        DecodingReader {
            inner,
            decoder,
            out: vec![0; 32 * 1024],
            pos: 0,
            len: 0,
            finished: false,
        }
    }

    /// Decodes the next block into `out`; leaves `len == 0` only at the end of the input.
    fn refill(&mut self) -> io::Result<()> {
        self.pos = 0;
        self.len = 0;
        while self.len == 0 && !self.finished {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let (result, read, written, _) =
                self.decoder
                    .decode_to_utf8(input, &mut self.out[self.len..], last);
            self.inner.consume(read);
            self.len += written;
            if last && result == CoderResult::InputEmpty {
                self.finished = true;
            }
        }
        Ok(())
    }
}

impl<R: BufRead> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for DecodingReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.len {
            self.refill()?;
        }
        Ok(&self.out[self.pos..self.len])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: Vec<u8>) -> (String, &'static str) {
        let (mut r, d) = utf8_reader(std::io::Cursor::new(bytes)).expect("in memory");
        let mut out = String::new();
        r.read_to_string(&mut out).expect("valid UTF-8 out");
        (out, d.encoding.name())
    }

    #[test]
    fn gbk_is_decoded() {
        let text = "timepoint,area\n2023-01-18T08:00:00,北京市\n".repeat(3000);
        let (gbk, _, _) = GB18030.encode(&text);
        let (out, name) = decode_all(gbk.into_owned());
        assert_eq!(name, "gb18030");
        assert_eq!(out, text);
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let (out, name) = decode_all("a,北京\n".as_bytes().to_vec());
        assert_eq!((out.as_str(), name), ("a,北京\n", "UTF-8"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("a,北京\n".as_bytes());
        let (out, _) = decode_all(bom);
        assert_eq!(out, "a,北京\n");
    }

    #[test]
    fn utf8_cut_at_the_sniff_boundary_is_still_utf8() {
        let bytes = "北".as_bytes();
        assert_eq!(detect(&bytes[..2]).encoding, UTF_8);
        assert_eq!(detect(&[b'a', 0xB1, 0xB1, b'b']).encoding, GB18030);
    }
}
