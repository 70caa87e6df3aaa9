//! 预警分级方案 — a named set of warning levels and their conditions, as data, and the two
//! shipped schemes (standards.md §6(a) and §6(b)).

use super::WarningError;
use super::condition::{AqiThreshold, Condition, Level};

/// 等级条件 — one level of a scheme: it applies when all conditions of any one group hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelRule {
    /// The colour.
    pub level: Level,
    /// 级别 as the scheme numbers it (`Ⅲ级`; the 2018 scheme writes 黄色 as 三级).
    pub grade: String,
    /// Condition groups: the level applies when every condition of at least one group holds.
    pub any_of: Vec<Vec<Condition>>,
}

impl LevelRule {
    /// A level, its grade as the scheme writes it, and its condition groups.
    pub fn new(level: Level, grade: &str, any_of: Vec<Vec<Condition>>) -> Self {
        Self {
            level,
            grade: grade.to_string(),
            any_of,
        }
    }

    pub(super) fn holds(&self, episode: &[u16]) -> Option<&[Condition]> {
        self.any_of
            .iter()
            .find(|group| group.iter().all(|c| c.holds(episode)))
            .map(Vec::as_slice)
    }
}

/// 预警分级方案 — a named set of levels with their conditions (standards.md §6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarningScheme {
    name: String,
    source: String,
    onset: AqiThreshold,
    levels: Vec<LevelRule>,
}

impl WarningScheme {
    /// A scheme: `onset` is the daily threshold that starts an episode (AQI > 200); `levels` in
    /// any order. Refuses an empty scheme, a level given twice, an empty condition group and a
    /// condition over zero days.
    pub fn new(
        name: &str,
        source: &str,
        onset: AqiThreshold,
        levels: Vec<LevelRule>,
    ) -> Result<Self, WarningError> {
        if levels.is_empty() {
            return Err(WarningError::EmptyScheme(name.to_string()));
        }
        let levels = sorted(levels);
        for pair in levels.windows(2) {
            if pair[0].level == pair[1].level {
                return Err(WarningError::DuplicateLevel(pair[0].level));
            }
        }
        for rule in &levels {
            if rule.any_of.is_empty() || rule.any_of.iter().any(Vec::is_empty) {
                return Err(WarningError::EmptyCondition(rule.level));
            }
            if rule.any_of.iter().flatten().any(|c| c.days == 0) {
                return Err(WarningError::ZeroDays(rule.level));
            }
        }
        Ok(Self {
            name: name.to_string(),
            source: source.to_string(),
            onset,
            levels,
        })
    }

    /// 2017 四级方案 — MEP 2017-09 revision of 重污染天气应急预案 (standards.md §6(a), \[S3\]):
    ///
    /// | level | condition (forecast daily AQI) |
    /// |---|---|
    /// | 蓝色 Ⅳ级 | > 200, not meeting a higher level |
    /// | 黄色 Ⅲ级 | > 200 lasting ≥ 2 days (48 h) |
    /// | 橙色 Ⅱ级 | > 200 lasting ≥ 3 days (72 h) and > 300 (≥ 1 day) |
    /// | 红色 Ⅰ级 | > 200 lasting ≥ 4 days (96 h) and > 300 lasting ≥ 2 days (48 h); or reaches 500 (≥ 1 day) |
    pub fn mep_2017() -> Self {
        use AqiThreshold::{Above, AtLeast};
        let rule = LevelRule::new;
        let levels = vec![
            rule(
                Level::Blue,
                "Ⅳ级",
                vec![vec![Condition::on_days(Above(200), 1)]],
            ),
            rule(
                Level::Yellow,
                "Ⅲ级",
                vec![vec![Condition::lasting(Above(200), 2)]],
            ),
            rule(
                Level::Orange,
                "Ⅱ级",
                vec![vec![
                    Condition::lasting(Above(200), 3),
                    Condition::on_days(Above(300), 1),
                ]],
            ),
            rule(
                Level::Red,
                "Ⅰ级",
                vec![
                    vec![
                        Condition::lasting(Above(200), 4),
                        Condition::lasting(Above(300), 2),
                    ],
                    vec![Condition::on_days(AtLeast(500), 1)],
                ],
            ),
        ];
        Self {
            name: "2017年四级方案".to_string(),
            source: "原环境保护部2017年9月重污染天气应急预案修订（standards.md §6(a)）".to_string(),
            onset: Above(200),
            levels: sorted(levels),
        }
    }

    /// 2018 三级方案 — 《关于推进重污染天气应急预案修订工作的指导意见》(环办大气函〔2018〕875号) as
    /// applied by 忻州市生态环境局 in 2021 (standards.md §6(b), \[S1\]):
    ///
    /// | level | condition (forecast daily AQI) |
    /// |---|---|
    /// | 黄色 (三级) | > 200 lasting ≥ 48 h |
    /// | 橙色 (二级) | > 200 lasting ≥ 72 h |
    /// | 红色 (一级) | > 200 lasting ≥ 96 h and > 300 lasting ≥ 48 h; or reaches 500 |
    ///
    /// A single day above 200 calls for no warning under this scheme.
    pub fn guidance_2018() -> Self {
        use AqiThreshold::{Above, AtLeast};
        let rule = LevelRule::new;
        let levels = vec![
            rule(
                Level::Yellow,
                "三级",
                vec![vec![Condition::lasting(Above(200), 2)]],
            ),
            rule(
                Level::Orange,
                "二级",
                vec![vec![Condition::lasting(Above(200), 3)]],
            ),
            rule(
                Level::Red,
                "一级",
                vec![
                    vec![
                        Condition::lasting(Above(200), 4),
                        Condition::lasting(Above(300), 2),
                    ],
                    vec![Condition::on_days(AtLeast(500), 1)],
                ],
            ),
        ];
        Self {
            name: "2018年三级方案".to_string(),
            source: "环办大气函〔2018〕875号，忻州市2021年应用（standards.md §6(b)）".to_string(),
            onset: Above(200),
            levels: sorted(levels),
        }
    }

    /// 方案名称.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// 依据 — where the thresholds come from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The threshold that starts an episode.
    pub fn onset(&self) -> AqiThreshold {
        self.onset
    }

    /// The levels, most severe first.
    pub fn levels(&self) -> &[LevelRule] {
        &self.levels
    }

    /// The rule of one level, if the scheme has it.
    pub fn rule(&self, level: Level) -> Option<&LevelRule> {
        self.levels.iter().find(|r| r.level == level)
    }
}

fn sorted(mut levels: Vec<LevelRule>) -> Vec<LevelRule> {
    levels.sort_by_key(|r| std::cmp::Reverse(r.level));
    levels
}

#[cfg(test)]
mod tests {
    use super::*;
    use AqiThreshold::Above;

    #[test]
    fn shipped_schemes_pass_validation_and_are_sorted() {
        for s in [WarningScheme::mep_2017(), WarningScheme::guidance_2018()] {
            let rebuilt = WarningScheme::new(s.name(), s.source(), s.onset(), s.levels().to_vec());
            assert_eq!(rebuilt.as_ref(), Ok(&s));
            assert_eq!(s.levels()[0].level, Level::Red);
        }
        assert_eq!(WarningScheme::mep_2017().levels().len(), 4);
        assert!(WarningScheme::guidance_2018().rule(Level::Blue).is_none());
        assert_eq!(
            WarningScheme::guidance_2018()
                .rule(Level::Yellow)
                .map(|r| r.grade.as_str()),
            Some("三级")
        );
    }

    #[test]
    fn refuses_bad_schemes() {
        let rule = |level, any_of| LevelRule {
            level,
            grade: "x".into(),
            any_of,
        };
        let ok = vec![Condition::lasting(Above(200), 2)];
        assert_eq!(
            WarningScheme::new("s", "", Above(200), vec![]),
            Err(WarningError::EmptyScheme("s".into()))
        );
        assert_eq!(
            WarningScheme::new(
                "s",
                "",
                Above(200),
                vec![
                    rule(Level::Red, vec![ok.clone()]),
                    rule(Level::Red, vec![ok.clone()])
                ]
            ),
            Err(WarningError::DuplicateLevel(Level::Red))
        );
        assert_eq!(
            WarningScheme::new("s", "", Above(200), vec![rule(Level::Red, vec![vec![]])]),
            Err(WarningError::EmptyCondition(Level::Red))
        );
        assert_eq!(
            WarningScheme::new(
                "s",
                "",
                Above(200),
                vec![rule(
                    Level::Red,
                    vec![vec![Condition::lasting(Above(200), 0)]]
                )]
            ),
            Err(WarningError::ZeroDays(Level::Red))
        );
    }
}
