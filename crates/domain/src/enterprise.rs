//! 企业 — regulated enterprises and their 统一社会信用代码 (unified social credit identifier).
//!
//! [`CreditCode`] validates a code by GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》:
//! the structure of §4 (18 characters: 登记管理部门码, 机构类别码, 登记管理机关行政区划码,
//! 主体标识码, 校验码) and the check character of §5. [`Enterprise`] is one entry of the
//! bureau's enterprise register with its [`SupervisionClass`].

mod credit_code;

pub(crate) use credit_code::half_width;
pub use credit_code::{CreditCode, CreditCodeError};

use std::fmt;

/// 监管类别 — how closely an enterprise is supervised; the 双随机 draw's default pools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SupervisionClass {
    /// 重点排污单位 — key pollutant-discharging unit.
    KeyDischarger,
    /// 一般排污单位 — ordinary pollutant-discharging unit.
    GeneralDischarger,
    /// 特殊监管对象 — object of special supervision.
    Special,
}

impl SupervisionClass {
    /// All classes in display order.
    pub const ALL: [SupervisionClass; 3] =
        [Self::KeyDischarger, Self::GeneralDischarger, Self::Special];

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::KeyDischarger => "重点排污单位",
            Self::GeneralDischarger => "一般排污单位",
            Self::Special => "特殊监管对象",
        }
    }

    /// A stable code for the database, JSON and the draw's canonical inputs.
    pub fn code(self) -> &'static str {
        match self {
            Self::KeyDischarger => "key",
            Self::GeneralDischarger => "general",
            Self::Special => "special",
        }
    }

    /// Parses a code or a Chinese label.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|c| c.code() == t || c.label() == t)
    }
}

/// 排污许可证编号 — a pollutant discharge permit number: the 22-character 固定污染源代码 of
/// HJ 608-2017 (1–18 the unit's 统一社会信用代码 or an `H9…` substitute code, 19–21 a 3-digit
/// sequence number, 22 an upper-case letter such as `P`), e.g. `91130200699229617X001P`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PermitNumber(String);

impl PermitNumber {
    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Positions 1–18: the unit's credit code or its `H9` substitute.
    pub fn unit_code(&self) -> &str {
        self.0.get(..18).unwrap_or("")
    }
}

impl fmt::Display for PermitNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an enterprise record is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnterpriseError {
    /// The credit code is invalid.
    #[error("{0}")]
    CreditCode(#[from] CreditCodeError),
    /// A required text field is empty.
    #[error("企业{field}不能为空 (enterprise {field} must not be empty)")]
    Empty {
        /// The field: 名称, 地址 or 行业.
        field: &'static str,
    },
    /// The permit number is not in the HJ 608-2017 form.
    #[error(
        "排污许可证编号“{0}”格式不符：应为 18 位单位代码 + 3 位顺序码 + 1 位大写字母，共 22 位 (permit number must be 22 characters, HJ 608-2017)"
    )]
    PermitFormat(String),
    /// The permit number was issued under another unit's credit code.
    #[error(
        "排污许可证编号“{permit}”前 18 位与企业统一社会信用代码“{code}”不一致 (permit number belongs to another credit code)"
    )]
    PermitOfOtherUnit {
        /// The permit number.
        permit: String,
        /// The enterprise's credit code.
        code: String,
    },
}

/// 企业 — one entry of the enterprise register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enterprise {
    name: String,
    credit_code: CreditCode,
    address: String,
    industry: String,
    class: SupervisionClass,
    permit: Option<PermitNumber>,
}

impl Enterprise {
    /// Checks and builds a record: name, address and industry non-empty (trimmed); the credit
    /// code valid by GB 32100-2015; the permit number, when given, 22 characters as HJ 608-2017
    /// lays out and — unless it uses an `H9` substitute code — issued under this credit code.
    pub fn new(
        name: &str,
        credit_code: &str,
        address: &str,
        industry: &str,
        class: SupervisionClass,
        permit: Option<&str>,
    ) -> Result<Self, EnterpriseError> {
        let non_empty = |text: &str, field| {
            let t = text.trim();
            if t.is_empty() {
                Err(EnterpriseError::Empty { field })
            } else {
                Ok(t.to_string())
            }
        };
        let name = non_empty(name, "名称")?;
        let credit_code = CreditCode::parse(credit_code)?;
        let address = non_empty(address, "地址")?;
        let industry = non_empty(industry, "行业")?;
        let permit = permit
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| parse_permit(p, &credit_code))
            .transpose()?;
        Ok(Self {
            name,
            credit_code,
            address,
            industry,
            class,
            permit,
        })
    }

    /// 企业名称 — the registered name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// 统一社会信用代码.
    pub fn credit_code(&self) -> &CreditCode {
        &self.credit_code
    }

    /// 地址 — the address of the premises.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// 行业 — the industry.
    pub fn industry(&self) -> &str {
        &self.industry
    }

    /// 监管类别.
    pub fn class(&self) -> SupervisionClass {
        self.class
    }

    /// 排污许可证编号, if the enterprise holds a permit.
    pub fn permit(&self) -> Option<&PermitNumber> {
        self.permit.as_ref()
    }
}

fn parse_permit(text: &str, code: &CreditCode) -> Result<PermitNumber, EnterpriseError> {
    let mut p: String = text.chars().map(half_width).collect();
    // The H9 substitute code ends in a lower-case letter: only other numbers are upper-cased.
    if !p.starts_with("H9") {
        p = p.to_ascii_uppercase();
    }
    let b = p.as_bytes();
    let well_formed = b.len() == 22
        && b[..18].iter().all(u8::is_ascii_alphanumeric)
        && b[18..21].iter().all(u8::is_ascii_digit)
        && b[21].is_ascii_uppercase();
    if !well_formed {
        return Err(EnterpriseError::PermitFormat(text.to_string()));
    }
    let permit = PermitNumber(p);
    if !permit.unit_code().starts_with("H9") && permit.unit_code() != code.as_str() {
        return Err(EnterpriseError::PermitOfOtherUnit {
            permit: permit.0,
            code: code.to_string(),
        });
    }
    Ok(permit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enterprise_is_checked() {
        let ok = Enterprise::new(
            " 潜江某化工有限公司 ",
            "91130200699229617X",
            "潜江市园林办事处",
            "化学原料和化学制品制造业",
            SupervisionClass::KeyDischarger,
            Some("91130200699229617X001P"),
        )
        .expect("valid");
        assert_eq!(ok.name(), "潜江某化工有限公司");
        assert_eq!(
            ok.permit().map(PermitNumber::unit_code),
            Some("91130200699229617X")
        );
        let mk = |name: &str, permit: Option<&str>| {
            Enterprise::new(
                name,
                "91130200699229617X",
                "地址",
                "行业",
                SupervisionClass::Special,
                permit,
            )
        };
        assert_eq!(mk(" ", None), Err(EnterpriseError::Empty { field: "名称" }));
        assert!(matches!(
            mk("甲", Some("91130200699229617X01P")),
            Err(EnterpriseError::PermitFormat(_))
        ));
        assert!(matches!(
            mk("甲", Some("91350100M000100Y43001P")),
            Err(EnterpriseError::PermitOfOtherUnit { .. })
        ));
        assert!(mk("甲", Some("H9420600000000012a001P")).is_ok());
        assert!(mk("甲", Some("")).is_ok_and(|e| e.permit().is_none()));
        assert!(matches!(
            Enterprise::new("甲", "123", "地址", "行业", SupervisionClass::Special, None),
            Err(EnterpriseError::CreditCode(CreditCodeError::Length { .. }))
        ));
    }

    #[test]
    fn classes_parse() {
        for c in SupervisionClass::ALL {
            assert_eq!(SupervisionClass::parse(c.code()), Some(c));
            assert_eq!(SupervisionClass::parse(c.label()), Some(c));
        }
        assert_eq!(SupervisionClass::parse("x"), None);
    }
}
