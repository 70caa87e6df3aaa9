//! 湖泊（水库）营养状态评价 — the comprehensive trophic level index TLI(Σ).
//!
//! 中国环境监测总站《湖泊(水库)富营养化评价方法及分级技术规定》(总站生字〔2001〕090号), adopted by
//! 环办〔2011〕22号 (standards.md §5.6, \[S3\]). TLI is *not* part of GB 3838-2002.
//!
//! ```text
//! TLI(Σ) = Σ W_j · TLI(j),   W_j = r_j² / Σ r_j²   (over the parameters present)
//! ```
//!
//! Logarithms come from the private `natural_log` module (a series with error < 1e-24; rust_decimal's
//! `maths` feature is not used). The index is computed unrounded and classified on the full value
//! (GB/T 8170-2008 §4.3 全数值比较法); [`TrophicState::rounded`] rounds it once for display.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::gb3838::dec;
use super::item::{normalise_name, strip_unit};
use super::natural_log::ln;
use crate::rounding::gb8170;

/// Decimal places of a published TLI(Σ) (one decimal, as in bulletins: "48.0").
pub const TLI_PLACES: u32 = 1;

/// 营养状态评价参数 — a parameter of TLI(Σ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TrophicParameter {
    /// 叶绿素a chla, in mg/m³ (= µg/L); the reference parameter (r = 1).
    Chlorophyll,
    /// 总磷 TP, mg/L.
    TotalPhosphorus,
    /// 总氮 TN, mg/L.
    TotalNitrogen,
    /// 透明度 SD, m.
    Transparency,
    /// 高锰酸盐指数 CODMn, mg/L.
    PermanganateIndex,
}

impl TrophicParameter {
    /// The five parameters in the order of the 总站 规定.
    pub const ALL: [TrophicParameter; 5] = [
        TrophicParameter::Chlorophyll,
        TrophicParameter::TotalPhosphorus,
        TrophicParameter::TotalNitrogen,
        TrophicParameter::Transparency,
        TrophicParameter::PermanganateIndex,
    ];

    /// The Chinese name (`叶绿素a`, `总磷`, `总氮`, `透明度`, `高锰酸盐指数`).
    pub fn name(self) -> &'static str {
        match self {
            TrophicParameter::Chlorophyll => "叶绿素a",
            TrophicParameter::TotalPhosphorus => "总磷",
            TrophicParameter::TotalNitrogen => "总氮",
            TrophicParameter::Transparency => "透明度",
            TrophicParameter::PermanganateIndex => "高锰酸盐指数",
        }
    }

    /// The unit the formula expects. Note that automatic-station exports give 叶绿素α in mg/L:
    /// multiply by 1000 to get mg/m³.
    pub fn unit(self) -> &'static str {
        match self {
            TrophicParameter::Chlorophyll => "mg/m³",
            TrophicParameter::Transparency => "m",
            _ => "mg/L",
        }
    }

    /// r_ij² — the squared correlation with chla (总站 规定 表1: r = 1, 0.84, 0.82, −0.83, 0.83).
    pub fn r_squared(self) -> Decimal {
        match self {
            TrophicParameter::Chlorophyll => dec(1, 0),
            TrophicParameter::TotalPhosphorus => dec(7056, 4),
            TrophicParameter::TotalNitrogen => dec(6724, 4),
            TrophicParameter::Transparency => dec(6889, 4),
            TrophicParameter::PermanganateIndex => dec(6889, 4),
        }
    }

    /// `(a, b)` of `TLI(j) = 10 · (a + b · ln x)` (总站 规定).
    fn coefficients(self) -> (Decimal, Decimal) {
        match self {
            TrophicParameter::Chlorophyll => (dec(25, 1), dec(1086, 3)),
            TrophicParameter::TotalPhosphorus => (dec(9436, 3), dec(1624, 3)),
            TrophicParameter::TotalNitrogen => (dec(5453, 3), dec(1694, 3)),
            TrophicParameter::Transparency => (dec(5118, 3), -dec(194, 2)),
            TrophicParameter::PermanganateIndex => (dec(109, 3), dec(2661, 3)),
        }
    }

    /// TLI(j) — the trophic level index of one parameter, unrounded:
    ///
    /// - TLI(chla) = 10 (2.5 + 1.086 ln chla)
    /// - TLI(TP) = 10 (9.436 + 1.624 ln TP)
    /// - TLI(TN) = 10 (5.453 + 1.694 ln TN)
    /// - TLI(SD) = 10 (5.118 − 1.94 ln SD)
    /// - TLI(CODMn) = 10 (0.109 + 2.661 ln CODMn)
    pub fn index(self, value: Decimal) -> Result<Decimal, LakeError> {
        let l = ln(value).ok_or(LakeError::NotPositive {
            parameter: self,
            value,
        })?;
        let (a, b) = self.coefficients();
        Ok(Decimal::TEN * (a + b * l))
    }
}

impl fmt::Display for TrophicParameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for TrophicParameter {
    type Err = LakeError;

    /// Accepts the Chinese names (also `叶绿素α`, `叶绿素`, with a trailing unit) and `chla`, `TP`,
    /// `TN`, `SD`, `CODMn` in any letter case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        fn lookup(n: &str) -> Option<TrophicParameter> {
            let p = match n.to_lowercase().as_str() {
                "叶绿素a" | "叶绿素α" | "叶绿素" | "chla" | "chl-a" => {
                    TrophicParameter::Chlorophyll
                }
                "总磷" | "tp" => TrophicParameter::TotalPhosphorus,
                "总氮" | "tn" => TrophicParameter::TotalNitrogen,
                "透明度" | "sd" => TrophicParameter::Transparency,
                "高锰酸盐指数" | "codmn" => TrophicParameter::PermanganateIndex,
                _ => return None,
            };
            Some(p)
        }
        let n = normalise_name(s);
        lookup(&n)
            .or_else(|| strip_unit(&n).and_then(lookup))
            .ok_or_else(|| LakeError::UnknownParameter(s.to_owned()))
    }
}

/// A trophic index cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LakeError {
    /// A value of zero or below (the formulas take its logarithm).
    #[error("{parameter} must be positive, got {value}")]
    NotPositive {
        /// The parameter.
        parameter: TrophicParameter,
        /// The value given.
        value: Decimal,
    },
    /// The same parameter given twice.
    #[error("{0} given more than once")]
    Duplicate(TrophicParameter),
    /// No parameter at all.
    #[error("no trophic parameter given")]
    Empty,
    /// The text does not name a trophic parameter.
    #[error("unknown trophic parameter: {0:?}")]
    UnknownParameter(String),
}

/// 营养状态分级 — trophic class by TLI(Σ) (总站 规定; standards.md §5.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TrophicClass {
    /// 贫营养 — TLI < 30.
    Oligotrophic,
    /// 中营养 — 30 ≤ TLI ≤ 50.
    Mesotrophic,
    /// 轻度富营养 — 50 < TLI ≤ 60.
    LightlyEutrophic,
    /// 中度富营养 — 60 < TLI ≤ 70.
    ModeratelyEutrophic,
    /// 重度富营养 — TLI > 70.
    HeavilyEutrophic,
}

impl TrophicClass {
    /// The class of an index value. Bounds follow standards.md §5.6 (`<30 / ≤50 / ≤60 / ≤70 / >70`,
    /// as in the TS public code); exactly 50, 60, 70 fall in the lower class (unverified, §10.4).
    pub fn of(index: Decimal) -> Self {
        if index < dec(30, 0) {
            TrophicClass::Oligotrophic
        } else if index <= dec(50, 0) {
            TrophicClass::Mesotrophic
        } else if index <= dec(60, 0) {
            TrophicClass::LightlyEutrophic
        } else if index <= dec(70, 0) {
            TrophicClass::ModeratelyEutrophic
        } else {
            TrophicClass::HeavilyEutrophic
        }
    }

    /// The Chinese name (`贫营养`, `中营养`, `轻度富营养`, `中度富营养`, `重度富营养`).
    pub fn name(self) -> &'static str {
        match self {
            TrophicClass::Oligotrophic => "贫营养",
            TrophicClass::Mesotrophic => "中营养",
            TrophicClass::LightlyEutrophic => "轻度富营养",
            TrophicClass::ModeratelyEutrophic => "中度富营养",
            TrophicClass::HeavilyEutrophic => "重度富营养",
        }
    }

    /// 富营养 — any of the three eutrophic classes (TLI > 50).
    pub fn is_eutrophic(self) -> bool {
        self >= TrophicClass::LightlyEutrophic
    }
}

impl fmt::Display for TrophicClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One parameter's share of TLI(Σ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrophicPart {
    /// The parameter.
    pub parameter: TrophicParameter,
    /// The value given.
    pub value: Decimal,
    /// TLI(j), unrounded.
    pub index: Decimal,
    /// W_j, renormalised over the parameters present, unrounded.
    pub weight: Decimal,
}

/// 综合营养状态 — TLI(Σ) and its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrophicState {
    index: Decimal,
    parts: Vec<TrophicPart>,
}

impl TrophicState {
    /// TLI(Σ), unrounded.
    pub fn index(&self) -> Decimal {
        self.index
    }

    /// TLI(Σ) rounded once to [`TLI_PLACES`] decimals (GB/T 8170-2008 §3.3).
    pub fn rounded(&self) -> Decimal {
        gb8170(self.index, TLI_PLACES)
    }

    /// 营养状态 — decided on the unrounded index (GB/T 8170-2008 §4.3).
    pub fn class(&self) -> TrophicClass {
        TrophicClass::of(self.index)
    }

    /// The parameters used, in the order given.
    pub fn parts(&self) -> &[TrophicPart] {
        &self.parts
    }
}

/// 综合营养状态指数 TLI(Σ) from the parameters present (one to five).
///
/// `W_j = r_j² / Σ r_j²` over the parameters given, so missing parameters renormalise the weights
/// (standards.md §5.6). The sum is formed as `Σ r_j² · TLI(j) / Σ r_j²` with a single division.
pub fn trophic_state(values: &[(TrophicParameter, Decimal)]) -> Result<TrophicState, LakeError> {
    if values.is_empty() {
        return Err(LakeError::Empty);
    }
    let mut seen = Vec::with_capacity(values.len());
    let mut parts = Vec::with_capacity(values.len());
    let mut sum_r2 = Decimal::ZERO;
    let mut weighted = Decimal::ZERO;
    for &(parameter, value) in values {
        if seen.contains(&parameter) {
            return Err(LakeError::Duplicate(parameter));
        }
        seen.push(parameter);
        let index = parameter.index(value)?;
        sum_r2 += parameter.r_squared();
        weighted += parameter.r_squared() * index;
        parts.push(TrophicPart {
            parameter,
            value,
            index,
            weight: Decimal::ZERO,
        });
    }
    // sum_r2 ≥ 0.6724 because at least one parameter is present
    for p in &mut parts {
        p.weight = p.parameter.r_squared() / sum_r2;
    }
    Ok(TrophicState {
        index: weighted / sum_r2,
        parts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    fn reference_vector() -> Vec<(TrophicParameter, Decimal)> {
        vec![
            (TrophicParameter::Chlorophyll, d("10")),
            (TrophicParameter::TotalPhosphorus, d("0.05")),
            (TrophicParameter::TotalNitrogen, d("1.0")),
            (TrophicParameter::Transparency, d("1.0")),
            (TrophicParameter::PermanganateIndex, d("4.0")),
        ]
    }

    #[test]
    fn worked_example_of_the_reference() {
        // standards.md §5.6: TLI = {50.006, 45.709, 54.530, 51.180, 37.979}, TLI(Σ) = 48.018 中营养.
        let s = trophic_state(&reference_vector()).expect("tli");
        let shown: Vec<Decimal> = s.parts().iter().map(|p| gb8170(p.index, 3)).collect();
        assert_eq!(
            shown,
            [
                d("50.006"),
                d("45.709"),
                d("54.530"),
                d("51.180"),
                d("37.979")
            ]
        );
        assert_eq!(gb8170(s.index(), 3), d("48.018"));
        // 60-digit reference: 48.01809751880007766739725318874…
        assert!((s.index() - d("48.018097518800077667397253")).abs() < d("1e-22"));
        assert_eq!(s.rounded(), d("48.0"));
        assert_eq!(s.class(), TrophicClass::Mesotrophic);
        // weights as printed to 4 decimals: 0.2663, 0.1879, 0.1790, 0.1834, 0.1834
        let w: Vec<Decimal> = s.parts().iter().map(|p| gb8170(p.weight, 4)).collect();
        assert_eq!(
            w,
            [
                d("0.2663"),
                d("0.1879"),
                d("0.1790"),
                d("0.1834"),
                d("0.1834")
            ]
        );
        let total: Decimal = s.parts().iter().map(|p| p.weight).sum();
        assert!((total - Decimal::ONE).abs() < d("1e-26"));
    }

    #[test]
    fn weights_renormalise_over_present_parameters() {
        let two = [
            (TrophicParameter::Chlorophyll, d("10")),
            (TrophicParameter::TotalPhosphorus, d("0.05")),
        ];
        let s = trophic_state(&two).expect("tli");
        // (1 · 50.00607 + 0.7056 · 45.70931) / 1.7056 = 48.22852 (60-digit reference)
        assert_eq!(gb8170(s.parts()[0].weight, 4), d("0.5863"));
        assert_eq!(gb8170(s.index(), 3), d("48.229"));
        let one = trophic_state(&two[..1]).expect("tli");
        assert_eq!(one.parts()[0].weight, Decimal::ONE);
        assert_eq!(one.index(), one.parts()[0].index);
    }

    #[test]
    fn errors() {
        assert_eq!(trophic_state(&[]), Err(LakeError::Empty));
        let zero = [(TrophicParameter::Transparency, Decimal::ZERO)];
        assert!(matches!(
            trophic_state(&zero),
            Err(LakeError::NotPositive { .. })
        ));
        let dup = [
            (TrophicParameter::TotalNitrogen, d("1")),
            (TrophicParameter::TotalNitrogen, d("2")),
        ];
        assert_eq!(
            trophic_state(&dup),
            Err(LakeError::Duplicate(TrophicParameter::TotalNitrogen))
        );
    }

    #[test]
    fn class_boundaries() {
        let cases = [
            ("29.999", TrophicClass::Oligotrophic),
            ("30", TrophicClass::Mesotrophic),
            ("50", TrophicClass::Mesotrophic),
            ("50.001", TrophicClass::LightlyEutrophic),
            ("60", TrophicClass::LightlyEutrophic),
            ("60.001", TrophicClass::ModeratelyEutrophic),
            ("70", TrophicClass::ModeratelyEutrophic),
            ("70.001", TrophicClass::HeavilyEutrophic),
        ];
        for (x, c) in cases {
            assert_eq!(TrophicClass::of(d(x)), c, "{x}");
        }
        assert!(TrophicClass::LightlyEutrophic.is_eutrophic());
        assert!(!TrophicClass::Mesotrophic.is_eutrophic());
    }

    #[test]
    fn parse_parameters() {
        assert_eq!("叶绿素α(mg/L)".parse(), Ok(TrophicParameter::Chlorophyll));
        assert_eq!("Chla".parse(), Ok(TrophicParameter::Chlorophyll));
        assert_eq!("透明度(m)".parse(), Ok(TrophicParameter::Transparency));
        assert_eq!("codMn".parse(), Ok(TrophicParameter::PermanganateIndex));
        assert!("溶解氧".parse::<TrophicParameter>().is_err());
    }

    #[test]
    fn index_rises_with_nutrients_and_falls_with_transparency() {
        let tp = TrophicParameter::TotalPhosphorus;
        assert!(tp.index(d("0.1")).expect("i") > tp.index(d("0.05")).expect("i"));
        let sd = TrophicParameter::Transparency;
        assert!(sd.index(d("2")).expect("i") < sd.index(d("1")).expect("i"));
    }
}
