//! 旧版 xls 的范围检查 — calamine reserves room for rows × columns cells from a legacy
//! workbook's DIMENSIONS record ([MS-XLS] 2.4.90) before it reads a single cell. A damaged or
//! hostile file declaring billions of cells then aborts the whole process: a failed allocation
//! is not a panic, so it cannot be caught. The BIFF records are walked here first, and a file
//! whose declared range exceeds the format's own limits (65,536 rows × 256 columns in BIFF8) or
//! is inverted is refused before calamine sees it.

use std::io::{Cursor, Read};

/// The compound-file signature that starts every legacy .xls.
const CFB_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// BIFF8 limits ([MS-XLS] 2.5.57 Rw, 2.5.52 Col).
const MAX_ROWS: u64 = 65_536;
const MAX_COLUMNS: u64 = 256;

/// DIMENSIONS.
const DIMENSIONS: u16 = 0x0200;

/// `Ok` when `bytes` are not a legacy workbook, or when every DIMENSIONS record of its workbook
/// stream declares a range within the format's limits; otherwise the reason, in Chinese and
/// English.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(&CFB_SIGNATURE) {
        return Ok(());
    }
    let unreadable =
        |e: std::io::Error| format!("不是可读的 xls 工作簿 (not a readable xls workbook): {e}");
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(unreadable)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| "xls 工作簿中没有工作簿数据流 (no workbook stream)".to_string())?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(unreadable)?
        // A stream cannot be larger than the file that holds it.
        .take(bytes.len() as u64)
        .read_to_end(&mut stream)
        .map_err(unreadable)?;
    let mut at = 0usize;
    while let Some(head) = stream.get(at..at + 4) {
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let Some(body) = stream.get(at + 4..at + 4 + len) else {
            break;
        };
        if typ == DIMENSIONS {
            dimensions(body)?;
        }
        at += 4 + len;
    }
    Ok(())
}

/// Checks one DIMENSIONS record the way calamine reads it: first row, row after the last,
/// first column, column after the last.
fn dimensions(r: &[u8]) -> Result<(), String> {
    let u16_at = |i: usize| u64::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |i: usize| u64::from(u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]));
    let (first_row, after_row, first_col, after_col) = match r.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        // calamine refuses other lengths itself.
        _ => return Ok(()),
    };
    let first_col = if first_col > 0xFF || after_col < first_col {
        0
    } else {
        first_col
    };
    if after_row == 0 || after_col == 0 {
        return Ok(());
    }
    let out_of_range = after_row - 1 < first_row
        || after_col - 1 < first_col
        || after_row - first_row > MAX_ROWS
        || after_col - first_col > MAX_COLUMNS;
    if out_of_range {
        return Err(format!(
            "xls 工作表声明的范围超出格式上限，文件可能已损坏 (sheet dimensions out of range, the file may be damaged): 行 {first_row}–{after_row}，列 {first_col}–{after_col}"
        ));
    }
    Ok(())
}
