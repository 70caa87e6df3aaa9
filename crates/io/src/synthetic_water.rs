//! 模拟数据 — synthetic monthly water samples for the demo and for tests of the water rules.
//!
//! Each section gets a level drawn once (how polluted it is) and, every month, one manual sample
//! of the routine items. Values wander around that level with a seasonal swing (warmer months:
//! less dissolved oxygen, more nutrients) and noise, so that most sections meet 地表水Ⅲ类 most
//! months and a few do not. Computed in floating point like the air generator — it is invented
//! data — and written as text at the precision laboratories report, below the detection limit as
//! `0.01L`. Everything it produces is 模拟数据.

use ecogov_standards::water::{Item, Measurement};
use std::f64::consts::PI;

/// The routine items of a monthly manual sample, with their usual reporting precision and the
/// detection limit a laboratory would report below.
const ITEMS: [(Item, usize, f64); 7] = [
    (Item::Ph, 2, 0.0),
    (Item::DissolvedOxygen, 1, 0.0),
    (Item::PermanganateIndex, 1, 0.5),
    (Item::ChemicalOxygenDemand, 0, 4.0),
    (Item::AmmoniaNitrogen, 3, 0.025),
    (Item::TotalPhosphorus, 2, 0.01),
    (Item::TotalNitrogen, 2, 0.05),
];

/// A deterministic generator of monthly samples for `sections` sections.
#[derive(Debug, Clone)]
pub struct WaterGenerator {
    state: u64,
    levels: Vec<f64>,
}

impl WaterGenerator {
    /// A generator for `sections` sections, deterministic for `seed`.
    pub fn new(sections: usize, seed: u64) -> Self {
        let mut g = Self {
            state: seed,
            levels: Vec::new(),
        };
        g.levels = (0..sections).map(|_| 0.5 + 1.2 * g.unit()).collect();
        g
    }

    fn unit(&mut self) -> f64 {
        // SplitMix64, as in the air generator.
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// The sample of section `section` (index) in month `month` (1–12): item and measurement.
    pub fn month(&mut self, section: usize, month: i8, lake: bool) -> Vec<(Item, Measurement)> {
        let level = self.levels.get(section).copied().unwrap_or(1.0);
        // +1 in July, −1 in January.
        let summer = -(2.0 * PI * (f64::from(month) - 1.0) / 12.0).cos();
        let mut out = Vec::with_capacity(ITEMS.len());
        for (item, places, detection) in ITEMS {
            let noise = 1.0 + 0.25 * (self.unit() - 0.5) * 2.0;
            let value = match item {
                Item::Ph => 7.6 + 0.4 * (self.unit() - 0.5),
                Item::DissolvedOxygen => (9.0 - 2.2 * summer - 1.5 * (level - 1.0)) * noise,
                Item::PermanganateIndex => 3.2 * level * (1.0 + 0.2 * summer) * noise,
                Item::ChemicalOxygenDemand => 13.0 * level * (1.0 + 0.15 * summer) * noise,
                Item::AmmoniaNitrogen => 0.45 * level * level * (1.0 - 0.3 * summer) * noise,
                Item::TotalPhosphorus => {
                    (if lake { 0.04 } else { 0.12 }) * level * (1.0 + 0.3 * summer) * noise
                }
                _ => 1.1 * level * noise,
            };
            let text = if detection > 0.0 && value < detection {
                format!("{detection}L")
            } else {
                format!("{:.*}", places, value.max(0.0))
            };
            if let Ok(m) = text.parse::<Measurement>() {
                out.push((item, m));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ecogov_standards::water::{WaterBody, gb3838};

    #[test]
    fn deterministic_and_mostly_within_class_five() {
        let run = |seed| {
            let mut g = WaterGenerator::new(6, seed);
            (0..6)
                .flat_map(|s| (1..=12).map(move |m| (s, m)))
                .map(|(s, m)| g.month(s, m, false))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(3), run(3));
        assert_ne!(run(3), run(4));
        let samples = run(3);
        assert_eq!(samples.len(), 72);
        let classified = samples
            .iter()
            .flatten()
            .filter(|(item, _)| *item != Item::TotalNitrogen)
            .filter_map(|(item, m)| gb3838::classify(*item, WaterBody::River, m).ok())
            .count();
        assert!(classified >= 72 * 5, "{classified}");
    }
}
