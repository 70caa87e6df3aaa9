//! 佐证材料 — evidence files attached to progress reports and 整改 items: what types are
//! accepted and how large (ecogov rule, issue 7). The type is judged by the file's first bytes
//! and must agree with its name; a file that claims to be a PDF but is not is refused.

/// The largest file accepted: 10 MiB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// An accepted file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceKind {
    /// PDF.
    Pdf,
    /// PNG image.
    Png,
    /// JPEG image.
    Jpeg,
    /// Word document (.docx).
    Docx,
    /// Excel workbook (.xlsx).
    Xlsx,
}

impl EvidenceKind {
    /// The media type sent when the file is downloaded.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    fn by_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" => Some(Self::Pdf),
            "png" => Some(Self::Png),
            "jpg" | "jpeg" => Some(Self::Jpeg),
            "docx" => Some(Self::Docx),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }

    fn signature_fits(self, bytes: &[u8]) -> bool {
        match self {
            Self::Pdf => bytes.starts_with(b"%PDF-"),
            Self::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Self::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            Self::Docx | Self::Xlsx => bytes.starts_with(b"PK\x03\x04"),
        }
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceError {
    /// Nothing was uploaded.
    #[error("佐证材料为空 (the file is empty)")]
    Empty,
    /// Larger than [`MAX_BYTES`].
    #[error("佐证材料 {name} 大小 {size} 字节，超过 10 MiB 上限 (file too large)")]
    TooLarge {
        /// File name.
        name: String,
        /// Its size.
        size: usize,
    },
    /// A name that is not one of the accepted types.
    #[error("佐证材料 {0} 的类型不受支持，仅接受 PDF、PNG、JPG、DOCX、XLSX (type not accepted)")]
    Type(String),
    /// The content does not match the name.
    #[error("佐证材料 {0} 的内容与扩展名不符 (content does not match the file type)")]
    Mismatch(String),
}

/// Checks a file's name, size and first bytes; returns its type.
pub fn check(name: &str, bytes: &[u8]) -> Result<EvidenceKind, EvidenceError> {
    if bytes.is_empty() {
        return Err(EvidenceError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(EvidenceError::TooLarge {
            name: name.to_string(),
            size: bytes.len(),
        });
    }
    let kind = EvidenceKind::by_name(name).ok_or_else(|| EvidenceError::Type(name.to_string()))?;
    if !kind.signature_fits(bytes) {
        return Err(EvidenceError::Mismatch(name.to_string()));
    }
    Ok(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_sizes_and_signatures() {
        assert_eq!(check("现场.pdf", b"%PDF-1.7 ..."), Ok(EvidenceKind::Pdf));
        assert_eq!(
            check("照片.JPG", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Ok(EvidenceKind::Jpeg)
        );
        assert_eq!(
            check("台账.xlsx", b"PK\x03\x04rest"),
            Ok(EvidenceKind::Xlsx)
        );
        assert_eq!(check("a.pdf", b""), Err(EvidenceError::Empty));
        assert_eq!(
            check("a.exe", b"MZ"),
            Err(EvidenceError::Type("a.exe".into()))
        );
        assert_eq!(
            check("a.pdf", b"MZ\x90\x00"),
            Err(EvidenceError::Mismatch("a.pdf".into()))
        );
        let big = vec![b'%'; MAX_BYTES + 1];
        assert!(matches!(
            check("a.pdf", &big),
            Err(EvidenceError::TooLarge { .. })
        ));
    }
}
