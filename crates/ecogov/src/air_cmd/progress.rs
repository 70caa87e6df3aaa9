//! Progress on standard error for long runs — only when standard error is a terminal, so that
//! logs and pipes stay clean.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// How often the progress line is redrawn.
const EVERY: Duration = Duration::from_millis(500);

pub(crate) struct Progress {
    enabled: bool,
    files: usize,
    file: usize,
    name: String,
    started: Instant,
    last: Instant,
    done_bytes: u64,
    drawn: bool,
}

impl Progress {
    pub(crate) fn new(files: usize) -> Progress {
        let now = Instant::now();
        Progress {
            enabled: std::io::stderr().is_terminal(),
            files,
            file: 0,
            name: String::new(),
            started: now,
            last: now,
            done_bytes: 0,
            drawn: false,
        }
    }

    pub(crate) fn start_file(&mut self, index: usize, path: &Path) {
        self.file = index + 1;
        if self.enabled {
            self.name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
    }

    /// Called after every row; redraws at most every [`EVERY`] (the clock is read every 4,096
    /// rows only).
    pub(crate) fn tick(&mut self, rows: u64, file_bytes: u64) {
        if !self.enabled || !rows.is_multiple_of(4096) {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.last) < EVERY {
            return;
        }
        self.last = now;
        let secs = now.duration_since(self.started).as_secs_f64().max(1e-9);
        let mb = (self.done_bytes + file_bytes) as f64 / 1e6;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[K文件 (file) {}/{} {}: {rows} 行 (rows), {mb:.1} MB, {:.0} 行/秒 (rows/s)",
            self.file,
            self.files,
            self.name,
            rows as f64 / secs
        );
        self.drawn = true;
    }

    pub(crate) fn end_file(&mut self, bytes: u64) {
        self.done_bytes += bytes;
    }

    /// Removes the progress line.
    pub(crate) fn clear(&mut self) {
        if self.drawn {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[K");
            self.drawn = false;
        }
    }
}
