//! 统一社会信用代码 — the unified social credit identifier of GB 32100-2015
//! 《法人和其他组织统一社会信用代码编码规则》: structure (§4) and check character (§5).

use std::fmt;

/// The 31 characters a code may use, in value order: GB 32100-2015 §4 (no I, O, Z, S, V).
/// A character's value is its index here (`0`–`9` → 0–9, `A` → 10 … `Y` → 30).
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// 加权因子 — the weights of positions 1–17 for the check character, GB 32100-2015 §5
/// (3^(i−1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A 登记管理部门码, its name, and its 机构类别码 with their names.
type Department = (char, &'static str, &'static [(char, &'static str)]);

/// 登记管理部门码 with the 机构类别码 each department may use: GB 32100-2015 §4 表 1 (with
/// the registration departments added since: A 中央军委改革和编制办公室, N 农业).
const DEPARTMENTS: [Department; 12] = [
    (
        '1',
        "机构编制",
        &[
            ('1', "机关"),
            ('2', "事业单位"),
            ('3', "中央编办直接管理机构编制的群众团体"),
            ('9', "其他"),
        ],
    ),
    ('2', "外交", &[('1', "外国常驻新闻机构"), ('9', "其他")]),
    (
        '3',
        "司法行政",
        &[
            ('1', "律师执业机构"),
            ('2', "公证处"),
            ('3', "基层法律服务所"),
            ('4', "司法鉴定机构"),
            ('5', "仲裁委员会"),
            ('9', "其他"),
        ],
    ),
    ('4', "文化", &[('1', "外国在华文化中心"), ('9', "其他")]),
    (
        '5',
        "民政",
        &[
            ('1', "社会团体"),
            ('2', "民办非企业单位"),
            ('3', "基金会"),
            ('9', "其他"),
        ],
    ),
    (
        '6',
        "旅游",
        &[
            ('1', "外国旅游部门常驻代表机构"),
            ('2', "港澳台地区旅游部门常驻内地（大陆）代表机构"),
            ('9', "其他"),
        ],
    ),
    (
        '7',
        "宗教",
        &[('1', "宗教活动场所"), ('2', "宗教院校"), ('9', "其他")],
    ),
    ('8', "工会", &[('1', "基层工会"), ('9', "其他")]),
    (
        '9',
        "工商",
        &[('1', "企业"), ('2', "个体工商户"), ('3', "农民专业合作社")],
    ),
    (
        'A',
        "中央军委改革和编制办公室",
        &[('1', "军队事业单位"), ('9', "其他")],
    ),
    (
        'N',
        "农业",
        &[
            ('1', "组级集体经济组织"),
            ('2', "村级集体经济组织"),
            ('3', "乡镇级集体经济组织"),
            ('9', "其他"),
        ],
    ),
    ('Y', "其他", &[('1', "其他")]),
];

/// Converts a full-width ASCII form (U+FF01–U+FF5E) or the ideographic space (U+3000) to its
/// half-width counterpart; other characters are returned unchanged.
pub(crate) fn half_width(c: char) -> char {
    match u32::from(c) {
        0x3000 => ' ',
        u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn char_value(c: char) -> Option<u32> {
    let b = u8::try_from(c).ok()?;
    CHARSET
        .iter()
        .position(|&x| x == b)
        .and_then(|p| u32::try_from(p).ok())
}

/// Why a text is not a valid 统一社会信用代码. Each variant names the rule of GB 32100-2015
/// that failed and carries the code as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    /// Not 18 characters (GB 32100-2015 §4).
    #[error(
        "统一社会信用代码应为 18 位，“{code}”为 {len} 位 (credit code must have 18 characters, GB 32100-2015 §4)"
    )]
    Length {
        /// The code as given (trimmed).
        code: String,
        /// Its number of characters.
        len: usize,
    },
    /// A character outside 0-9 A-H J-N P-R T-U W-Y (GB 32100-2015 §4).
    #[error(
        "统一社会信用代码“{code}”第 {position} 位“{found}”不是允许的字符（数字或除 I、O、Z、S、V 以外的大写字母）(character not allowed, GB 32100-2015 §4)"
    )]
    Character {
        /// The code as given.
        code: String,
        /// 1-based position.
        position: usize,
        /// The character found.
        found: char,
    },
    /// The first character is not a 登记管理部门码 (GB 32100-2015 §4 表 1).
    #[error(
        "统一社会信用代码“{code}”第 1 位登记管理部门码“{found}”不存在 (unknown registration department code, GB 32100-2015 §4)"
    )]
    Department {
        /// The code as given.
        code: String,
        /// The character found.
        found: char,
    },
    /// The second character is not a 机构类别码 of the department (GB 32100-2015 §4 表 1).
    #[error(
        "统一社会信用代码“{code}”第 2 位机构类别码“{found}”不属于登记管理部门“{department}” (organisation category code not defined for the department, GB 32100-2015 §4)"
    )]
    Category {
        /// The code as given.
        code: String,
        /// The department's name.
        department: &'static str,
        /// The character found.
        found: char,
    },
    /// Positions 3–8 (登记管理机关行政区划码) are not all digits (GB 32100-2015 §4).
    #[error(
        "统一社会信用代码“{code}”第 3–8 位行政区划码“{found}”应为 6 位数字 (administrative division code must be 6 digits, GB 32100-2015 §4)"
    )]
    Region {
        /// The code as given.
        code: String,
        /// Positions 3–8.
        found: String,
    },
    /// The 18th character is not the check character of the first 17 (GB 32100-2015 §5).
    #[error(
        "统一社会信用代码“{code}”校验码错误：第 18 位应为“{expected}”，实为“{found}” (check character mismatch, GB 32100-2015 §5)"
    )]
    CheckCharacter {
        /// The code as given.
        code: String,
        /// The check character computed from positions 1–17.
        expected: char,
        /// The character found.
        found: char,
    },
}

/// 统一社会信用代码 — an 18-character unified social credit identifier (GB 32100-2015), valid in
/// length, character set, department and category codes, region digits and check character.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses and validates a code.
    ///
    /// Surrounding white space is removed, full-width characters (as typed with a Chinese input
    /// method) are read as half-width and lower-case letters as upper-case; the rules are then
    /// checked in this order, the first failing one reported: 18 characters (§4); each character
    /// in the set of §4; 登记管理部门码 and 机构类别码 in 表 1 (§4); positions 3–8 digits (§4);
    /// the check character of §5.
    pub fn parse(text: &str) -> Result<Self, CreditCodeError> {
        let code: String = text
            .trim()
            .chars()
            .map(|c| half_width(c).to_ascii_uppercase())
            .collect();
        let chars: Vec<char> = code.chars().collect();
        if chars.len() != 18 {
            return Err(CreditCodeError::Length {
                len: chars.len(),
                code,
            });
        }
        let mut values = [0u32; 18];
        for (i, &c) in chars.iter().enumerate() {
            match char_value(c) {
                Some(v) => values[i] = v,
                None => {
                    return Err(CreditCodeError::Character {
                        code,
                        position: i + 1,
                        found: c,
                    });
                }
            }
        }
        let Some((_, department, categories)) = DEPARTMENTS.iter().find(|d| d.0 == chars[0]) else {
            return Err(CreditCodeError::Department {
                found: chars[0],
                code,
            });
        };
        if !categories.iter().any(|c| c.0 == chars[1]) {
            return Err(CreditCodeError::Category {
                department,
                found: chars[1],
                code,
            });
        }
        if !chars[2..8].iter().all(char::is_ascii_digit) {
            return Err(CreditCodeError::Region {
                found: chars[2..8].iter().collect(),
                code,
            });
        }
        let expected = check_character_of(&values[..17]);
        if expected != chars[17] {
            return Err(CreditCodeError::CheckCharacter {
                expected,
                found: chars[17],
                code,
            });
        }
        Ok(Self(code))
    }

    /// The check character (校验码) GB 32100-2015 §5 gives for the first 17 characters of a
    /// code: C18 = 31 − (Σ Ci × Wi mod 31), with 31 written as `0`.
    ///
    /// `None` when `body` is not exactly 17 characters of the code's character set. Useful to
    /// build valid codes for tests and synthetic data.
    pub fn check_character(body: &str) -> Option<char> {
        let values: Vec<u32> = body.chars().map(char_value).collect::<Option<Vec<u32>>>()?;
        (values.len() == 17).then(|| check_character_of(&values))
    }

    /// The code as text (18 upper-case characters).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 登记管理部门 — the registration department's name, e.g. `工商`.
    pub fn department(&self) -> &'static str {
        self.lookup().map_or("", |(d, _)| d)
    }

    /// 机构类别 — the organisation category's name, e.g. `企业`.
    pub fn category(&self) -> &'static str {
        self.lookup().map_or("", |(_, c)| c)
    }

    /// 登记管理机关行政区划码 — positions 3–8 (GB/T 2260 code), e.g. `350100`.
    pub fn region(&self) -> &str {
        self.0.get(2..8).unwrap_or("")
    }

    /// 主体标识码 — positions 9–17 (the GB 11714 organisation code).
    pub fn subject(&self) -> &str {
        self.0.get(8..17).unwrap_or("")
    }

    fn lookup(&self) -> Option<(&'static str, &'static str)> {
        let mut chars = self.0.chars();
        let (d, c) = (chars.next()?, chars.next()?);
        let (_, department, categories) = DEPARTMENTS.iter().find(|x| x.0 == d)?;
        let (_, category) = categories.iter().find(|x| x.0 == c)?;
        Some((department, category))
    }
}

fn check_character_of(values: &[u32]) -> char {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    let c = (31 - sum % 31) % 31;
    usize::try_from(c)
        .ok()
        .and_then(|i| CHARSET.get(i))
        .map_or('0', |&b| char::from(b))
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A valid code from a 17-character body, by the §5 formula.
    fn complete(body: &str) -> String {
        let c = CreditCode::check_character(body).expect("17 valid characters");
        format!("{body}{c}")
    }

    #[test]
    fn well_known_example_is_valid() {
        // Hand check of 91350100M000100Y43 (GB 32100-2015 §5):
        // values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4, weights 1 3 9 27 19 26 16 17 20 29 25
        // 13 8 24 10 30 28: 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640;
        // 1640 mod 31 = 28; 31 − 28 = 3, so C18 = `3`.
        let code = CreditCode::parse("91350100M000100Y43").expect("valid");
        assert_eq!(code.department(), "工商");
        assert_eq!(code.category(), "企业");
        assert_eq!(code.region(), "350100");
        assert_eq!(code.subject(), "M000100Y4");
        assert_eq!(CreditCode::check_character("91350100M000100Y4"), Some('3'));
        // The example of HJ 608-2017 附录 A, with check character X.
        assert!(CreditCode::parse("91130200699229617X").is_ok());
    }

    #[test]
    fn input_is_normalised() {
        let code = CreditCode::parse(" ９１３５０１００m０００１００y４３ ").expect("valid");
        assert_eq!(code.as_str(), "91350100M000100Y43");
    }

    #[test]
    fn each_rule_is_reported() {
        let e = |t: &str| CreditCode::parse(t).expect_err("invalid");
        assert!(matches!(
            e("91350100M000100Y4"),
            CreditCodeError::Length { len: 17, .. }
        ));
        assert!(matches!(
            e("91350100M000100I43"),
            CreditCodeError::Character {
                position: 16,
                found: 'I',
                ..
            }
        ));
        for bad in ['O', 'Z', 'S', 'V'] {
            let t = format!("91350100M00010{bad}Y43");
            assert!(matches!(
                e(&t),
                CreditCodeError::Character { position: 15, .. }
            ));
        }
        assert!(matches!(
            e(&complete("B1350100M000100Y4")),
            CreditCodeError::Department { found: 'B', .. }
        ));
        assert!(matches!(
            e(&complete("94350100M000100Y4")),
            CreditCodeError::Category {
                department: "工商",
                found: '4',
                ..
            }
        ));
        assert!(matches!(
            e(&complete("Y2350100M000100Y4")),
            CreditCodeError::Category { .. }
        ));
        assert!(matches!(
            e(&complete("9135A100M000100Y4")),
            CreditCodeError::Region { .. }
        ));
        assert_eq!(
            e("91350100M000100Y44"),
            CreditCodeError::CheckCharacter {
                code: "91350100M000100Y44".into(),
                expected: '3',
                found: '4'
            }
        );
        let msg = e("91350100M000100Y44").to_string();
        assert!(msg.contains("校验码") && msg.contains("check character"));
    }

    #[test]
    fn every_department_and_category_is_accepted() {
        for (d, _, cats) in DEPARTMENTS {
            for (c, label) in cats {
                let code =
                    CreditCode::parse(&complete(&format!("{d}{c}420600000000001"))).expect("valid");
                assert_eq!(code.category(), *label);
            }
        }
    }

    proptest! {
        #[test]
        fn computed_codes_validate_and_one_change_is_caught(
            body in proptest::collection::vec(0usize..31, 9),
            region in 0u32..1_000_000,
            pos in 0usize..18,
            delta in 1usize..31,
        ) {
            let subject: String = body.iter().map(|&i| char::from(CHARSET[i])).collect();
            let code = complete(&format!("91{region:06}{subject}"));
            prop_assert!(CreditCode::parse(&code).is_ok());
            // Changing any one character to another of the set is always detected
            // (the weights are all non-zero modulo the prime 31).
            let mut chars: Vec<char> = code.chars().collect();
            let old = char_value(chars[pos]).unwrap_or(0) as usize;
            chars[pos] = char::from(CHARSET[(old + delta) % 31]);
            let altered: String = chars.into_iter().collect();
            prop_assert!(CreditCode::parse(&altered).is_err());
        }
    }
}
