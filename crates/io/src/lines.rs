//! Physical lines and the CSV fields of one line.
//!
//! [`LineReader`] yields one physical line at a time into a reused buffer, with a length cap so
//! that memory stays flat on any input; [`Splitter`] splits one line into fields (RFC 4180
//! quoting, `""` escapes) with `csv-core`, reusing its buffers.

use std::io::{self, BufRead, Read};

use csv_core::{ReadRecordResult, Terminator};

/// Longest line kept; the rest of a longer line is skipped (no monitoring row comes close).
pub const MAX_LINE_BYTES: u64 = 64 * 1024;

/// One physical line read into the caller's buffer (without its line break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawLine {
    /// Line number, from 1.
    pub number: u64,
    /// Whether the line ended with a line break (`false` for a last line cut short).
    pub terminated: bool,
    /// Whether the line was longer than [`MAX_LINE_BYTES`] and was cut.
    pub too_long: bool,
}

/// Reads physical lines (`\n` or `\r\n`).
#[derive(Debug)]
pub struct LineReader<R> {
    inner: R,
    number: u64,
}

impl<R: BufRead> LineReader<R> {
    /// Reads lines from `inner`.
    pub fn new(inner: R) -> Self {
        LineReader { inner, number: 0 }
    }

    /// Number of the last line read (0 before the first).
    pub fn line_number(&self) -> u64 {
        self.number
    }

    /// Reads the next line into `buf` (cleared first); `None` at the end of the input.
    pub fn read(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<RawLine>> {
        buf.clear();
        let n = (&mut self.inner)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.number += 1;
        let mut too_long = false;
        let terminated = if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            true
        } else if n as u64 == MAX_LINE_BYTES {
            too_long = true;
            self.inner.skip_until(b'\n')? > 0
        } else {
            false
        };
        Ok(Some(RawLine {
            number: self.number,
            terminated,
            too_long,
        }))
    }
}

/// A quote was opened on the line and never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnclosedQuote;

/// Splits lines into fields, reusing its buffers.
#[derive(Debug)]
pub struct Splitter {
    parser: csv_core::Reader,
    input: Vec<u8>,
    out: Vec<u8>,
    ends: Vec<usize>,
    count: usize,
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter::new()
    }
}

impl Splitter {
    /// A splitter for comma-separated lines.
    pub fn new() -> Self {
        Splitter {
            parser: csv_core::ReaderBuilder::new()
                .terminator(Terminator::Any(b'\n'))
                .build(),
            input: Vec::with_capacity(512),
            out: vec![0; 512],
            ends: vec![0; 32],
            count: 0,
        }
    }

    /// Splits `line` (without its line break). On an unclosed quote the fields are still
    /// available (the quoted field runs to the end of the line).
    pub fn split(&mut self, line: &[u8]) -> Result<(), UnclosedQuote> {
        self.input.clear();
        self.input.extend_from_slice(line);
        self.input.push(b'\n');
        let (mut taken, mut written, mut ended) = (0usize, 0usize, 0usize);
        let mut at_end = false;
        let mut unclosed = false;
        loop {
            let input = if at_end {
                &[][..]
            } else {
                &self.input[taken..]
            };
            let (result, nin, nout, nend) =
                self.parser
                    .read_record(input, &mut self.out[written..], &mut self.ends[ended..]);
            taken += nin;
            written += nout;
            ended += nend;
            match result {
                ReadRecordResult::OutputFull => {
                    let len = self.out.len() * 2;
                    self.out.resize(len, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let len = self.ends.len() * 2;
                    self.ends.resize(len, 0);
                }
                ReadRecordResult::Record | ReadRecordResult::End => break,
                ReadRecordResult::InputEmpty if at_end => break,
                ReadRecordResult::InputEmpty => {
                    // The line break was swallowed by an open quote: end the input.
                    unclosed = true;
                    at_end = true;
                }
            }
        }
        if at_end {
            self.parser.reset();
        }
        self.count = ended;
        if unclosed { Err(UnclosedQuote) } else { Ok(()) }
    }

    /// Number of fields of the last line split.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the last line split had no field.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Field `i` of the last line split (empty when out of range).
    pub fn field(&self, i: usize) -> &[u8] {
        if i >= self.count {
            return &[];
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.out.get(start..self.ends[i]).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(s: &mut Splitter, line: &str) -> (Vec<String>, bool) {
        let ok = s.split(line.as_bytes()).is_ok();
        let v = (0..s.len())
            .map(|i| String::from_utf8_lossy(s.field(i)).into_owned())
            .collect();
        (v, ok)
    }

    #[test]
    fn quoted_commas_and_escapes() {
        let mut s = Splitter::new();
        assert_eq!(
            fields(&mut s, r#"a,"PM10,PM2.5",,"x""y""#),
            (
                vec!["a".into(), "PM10,PM2.5".into(), "".into(), "x\"y".into()],
                true
            )
        );
        assert_eq!(fields(&mut s, "1,2"), (vec!["1".into(), "2".into()], true));
        let long = "x".repeat(5000);
        assert_eq!(fields(&mut s, &format!("{long},b")).0.len(), 2);
    }

    #[test]
    fn unclosed_quote_stays_on_its_line() {
        let mut s = Splitter::new();
        let (v, ok) = fields(&mut s, r#"a,"b,c"#);
        assert!(!ok);
        assert_eq!(v[0], "a");
        assert_eq!(fields(&mut s, "d,e"), (vec!["d".into(), "e".into()], true));
    }

    #[test]
    fn lines_and_cut_last_line() {
        let mut r = LineReader::new(&b"h1,h2\r\nx,y\nlast"[..]);
        let mut buf = Vec::new();
        let l = r.read(&mut buf).expect("memory").expect("line 1");
        assert_eq!(
            (l.number, l.terminated, buf.as_slice()),
            (1, true, &b"h1,h2"[..])
        );
        r.read(&mut buf).expect("memory").expect("line 2");
        let l = r.read(&mut buf).expect("memory").expect("line 3");
        assert_eq!((l.terminated, buf.as_slice()), (false, &b"last"[..]));
        assert!(r.read(&mut buf).expect("memory").is_none());
    }
}
