//! Writing to standard output: plain lines, aligned tables (CJK-aware), and JSON.

use anyhow::Context;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// Writes one line to standard output. A closed pipe (`| head`) ends the program quietly, as
/// command-line tools do.
pub(crate) fn line(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        r => r.context("写入标准输出失败 (cannot write to standard output)"),
    }
}

/// Writes a value as pretty JSON.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let text =
        serde_json::to_string_pretty(value).context("无法生成 JSON (cannot serialise JSON)")?;
    line(&text)
}

/// Formats rows as a table whose columns line up in a terminal, counting CJK characters as two
/// columns wide. The first row is the header.
pub(crate) fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = Vec::with_capacity(row.len());
        for (c, cell) in row.iter().enumerate() {
            let last = c + 1 == row.len();
            let pad = if last {
                0
            } else {
                widths[c].saturating_sub(cell.width())
            };
            cells.push(format!("{cell}{}", " ".repeat(pad)));
        }
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            out.push_str(&rule.join("  "));
            out.push('\n');
        }
    }
    out
}

/// Shortens text to at most `max` display columns, ending with `…` when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > max {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_cjk() {
        let t = table(&[
            vec!["序号".into(), "任务".into(), "x".into()],
            vec!["(一)1".into(), "ab".into(), "y".into()],
        ]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "序号   任务  x");
        assert_eq!(lines[1], "-----  ----  -");
        assert_eq!(lines[2], "(一)1  ab    y");
    }

    #[test]
    fn clip_counts_wide_characters() {
        assert_eq!(clip("深入打好蓝天保卫战", 9), "深入打好…");
        assert_eq!(clip("short", 9), "short");
    }
}
