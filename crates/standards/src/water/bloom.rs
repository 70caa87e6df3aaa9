//! 水华程度分级 — algal-bloom level from algal density (藻密度), HJ 1098-2020
//! 《水华遥感与地面监测评价技术规范（试行）》 (standards.md §7, \[S1+\]).
//!
//! Chlorophyll-a thresholds for 轻/中/重度 (30/50/100 µg/L) found in public code have no standard
//! basis (standards.md §7) and are deliberately not implemented.

use std::fmt;

use rust_decimal::Decimal;

/// Builds `m × 10^e` cells/L.
fn cells(m: u32, e: u32) -> Decimal {
    Decimal::from(m) * Decimal::from(10u64.pow(e))
}

/// 水华程度 — bloom level, HJ 1098-2020 (5 levels by algal density D, cells/L).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BloomLevel {
    /// Ⅰ级 无水华 — D < 2.0×10⁶.
    None,
    /// Ⅱ级 无明显水华 — 2.0×10⁶ ≤ D < 1.0×10⁷.
    NotObvious,
    /// Ⅲ级 轻度水华 — 1.0×10⁷ ≤ D < 5.0×10⁷.
    Light,
    /// Ⅳ级 中度水华 — 5.0×10⁷ ≤ D < 1.0×10⁸.
    Moderate,
    /// Ⅴ级 重度水华 — D ≥ 1.0×10⁸.
    Heavy,
}

impl BloomLevel {
    /// The five levels, lowest first.
    pub const ALL: [BloomLevel; 5] = [
        BloomLevel::None,
        BloomLevel::NotObvious,
        BloomLevel::Light,
        BloomLevel::Moderate,
        BloomLevel::Heavy,
    ];

    /// HJ 1098-2020 — the lower density bound of the level (cells/L); a density equal to a bound
    /// belongs to the higher level ("2.0×10⁶ ≤ D").
    pub fn lower_bound(self) -> Decimal {
        match self {
            BloomLevel::None => Decimal::ZERO,
            BloomLevel::NotObvious => cells(2, 6),
            BloomLevel::Light => cells(1, 7),
            BloomLevel::Moderate => cells(5, 7),
            BloomLevel::Heavy => cells(1, 8),
        }
    }

    /// HJ 1098-2020 — the level of an algal density in cells/L.
    pub fn of_density(density: Decimal) -> Result<Self, BloomError> {
        if density.is_sign_negative() && !density.is_zero() {
            return Err(BloomError::NegativeDensity(density));
        }
        let level = Self::ALL
            .into_iter()
            .rev()
            .find(|l| density >= l.lower_bound())
            .unwrap_or(BloomLevel::None);
        Ok(level)
    }

    /// The level label (`Ⅰ级` … `Ⅴ级`).
    pub fn label(self) -> &'static str {
        match self {
            BloomLevel::None => "Ⅰ级",
            BloomLevel::NotObvious => "Ⅱ级",
            BloomLevel::Light => "Ⅲ级",
            BloomLevel::Moderate => "Ⅳ级",
            BloomLevel::Heavy => "Ⅴ级",
        }
    }

    /// 水华程度 (`无水华`, `无明显水华`, `轻度水华`, `中度水华`, `重度水华`).
    pub fn name(self) -> &'static str {
        match self {
            BloomLevel::None => "无水华",
            BloomLevel::NotObvious => "无明显水华",
            BloomLevel::Light => "轻度水华",
            BloomLevel::Moderate => "中度水华",
            BloomLevel::Heavy => "重度水华",
        }
    }

    /// Whether a bloom is present (Ⅲ级 轻度水华 or worse).
    pub fn is_bloom(self) -> bool {
        self >= BloomLevel::Light
    }
}

impl fmt::Display for BloomLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A bloom level cannot be determined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BloomError {
    /// A negative algal density.
    #[error("negative algal density {0}")]
    NegativeDensity(Decimal),
    /// A whole-water-body rule with no sampling point.
    #[error("no sampling point")]
    NoPoint,
}

/// 蓝藻水华 — the cyanobacterial-bloom definition noted with HJ 1098-2020 (standards.md §7, \[S1\]):
/// chlorophyll-a ≥ 20 µg/L and algal density ≥ 1.0×10⁷ cells/L.
pub fn is_cyanobacterial_bloom(chlorophyll_ug_per_l: Decimal, density: Decimal) -> bool {
    chlorophyll_ug_per_l >= Decimal::from(20) && density >= cells(1, 7)
}

/// 水体水华程度 — the level of a whole water body from its sampling points' cyanobacterial
/// densities, after 广东 DB44/T 2261—2020 (standards.md §7; provincial, \[S1\]):
///
/// 1. more than 95% of points below 2.0×10⁶ cells/L → Ⅰ级;
/// 2. else, if at least 75% of points fall in one level → that level;
/// 3. else the level of the mean density of all points.
///
/// Diatom/dinoflagellate thresholds and the chlorophyll cross-check of DB44 are not implemented.
pub fn water_body_level(densities: &[Decimal]) -> Result<BloomLevel, BloomError> {
    if densities.is_empty() {
        return Err(BloomError::NoPoint);
    }
    let levels = densities
        .iter()
        .map(|&d| BloomLevel::of_density(d))
        .collect::<Result<Vec<_>, _>>()?;
    let n = levels.len();
    let count = |level: BloomLevel| levels.iter().filter(|&&l| l == level).count();
    if count(BloomLevel::None) * 100 > 95 * n {
        return Ok(BloomLevel::None);
    }
    if let Some(level) = BloomLevel::ALL
        .into_iter()
        .find(|&l| count(l) * 100 >= 75 * n)
    {
        return Ok(level);
    }
    let sum: Decimal = densities.iter().sum();
    BloomLevel::of_density(sum / Decimal::from(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    #[test]
    fn golden_boundaries() {
        let cases = [
            ("0", BloomLevel::None),
            ("1999999", BloomLevel::None),
            ("2000000", BloomLevel::NotObvious),
            ("9999999.9", BloomLevel::NotObvious),
            ("10000000", BloomLevel::Light),
            ("49999999", BloomLevel::Light),
            ("50000000", BloomLevel::Moderate),
            ("99999999", BloomLevel::Moderate),
            ("100000000", BloomLevel::Heavy),
            ("3000000000", BloomLevel::Heavy),
        ];
        for (x, want) in cases {
            assert_eq!(BloomLevel::of_density(d(x)), Ok(want), "{x}");
        }
        assert_eq!(
            BloomLevel::of_density(d("-1")),
            Err(BloomError::NegativeDensity(d("-1")))
        );
        assert_eq!(BloomLevel::Light.to_string(), "轻度水华");
        assert_eq!(BloomLevel::Heavy.label(), "Ⅴ级");
        assert!(BloomLevel::Light.is_bloom());
        assert!(!BloomLevel::NotObvious.is_bloom());
    }

    #[test]
    fn cyanobacterial_definition() {
        assert!(is_cyanobacterial_bloom(d("20"), d("10000000")));
        assert!(!is_cyanobacterial_bloom(d("19.9"), d("50000000")));
        assert!(!is_cyanobacterial_bloom(d("40"), d("9999999")));
    }

    #[test]
    fn whole_water_body() {
        let low = d("1000000");
        let light = d("20000000");
        let heavy = d("200000000");
        assert_eq!(water_body_level(&[low; 20]), Ok(BloomLevel::None));
        // 3 of 4 points light: 75% → Ⅲ级
        assert_eq!(
            water_body_level(&[light, light, light, low]),
            Ok(BloomLevel::Light)
        );
        // no majority: mean (1e6 + 2e7 + 2e8)/3 = 7.37e7 → Ⅳ级
        assert_eq!(
            water_body_level(&[low, light, heavy]),
            Ok(BloomLevel::Moderate)
        );
        assert_eq!(water_body_level(&[]), Err(BloomError::NoPoint));
    }
}
