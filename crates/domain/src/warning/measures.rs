//! 应急措施 — the measures taken at each warning level, as data the bureau edits.
//!
//! 重污染天气应急预案 group measures as 健康防护引导措施, 倡议性污染减排措施 and 强制性污染减排措施,
//! and a higher level keeps the measures of the lower ones. The lists shipped by
//! [`MeasureTable::example`] are **representative examples** written for this system, not the
//! text of any plan: the bureau replaces them with its own 应急预案 and 应急减排清单.

use super::condition::Level;

/// 措施类别 — the kind of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureKind {
    /// 健康防护引导措施 — health advice to the public.
    HealthProtection,
    /// 倡议性污染减排措施 — voluntary emission reduction.
    Advisory,
    /// 强制性污染减排措施 — mandatory emission reduction.
    Mandatory,
}

impl MeasureKind {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::HealthProtection => "健康防护引导措施",
            Self::Advisory => "倡议性污染减排措施",
            Self::Mandatory => "强制性污染减排措施",
        }
    }
}

/// 措施 — one measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    /// Its kind.
    pub kind: MeasureKind,
    /// The measure as written in the plan.
    pub text: String,
}

/// 分级措施表 — measures per level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureTable {
    /// 示例 — whether the lists are the shipped examples (shown as such in the UI).
    pub example: bool,
    levels: Vec<(Level, Vec<Measure>)>,
}

impl MeasureTable {
    /// An empty table (not an example).
    pub fn new() -> Self {
        Self {
            example: false,
            levels: Vec::new(),
        }
    }

    /// 示例措施表 — representative measure lists for the four colours, marked as examples.
    pub fn example() -> Self {
        use MeasureKind::{Advisory, HealthProtection, Mandatory};
        let m = |kind, text: &str| Measure {
            kind,
            text: text.to_string(),
        };
        let levels = vec![
            (
                Level::Blue,
                vec![
                    m(
                        HealthProtection,
                        "儿童、老年人和呼吸道、心脑血管疾病患者减少户外活动",
                    ),
                    m(Advisory, "倡导公众绿色出行，乘坐公共交通工具"),
                    m(Advisory, "倡导减少机动车怠速和露天烧烤"),
                    m(Mandatory, "增加城市道路清扫保洁和洒水抑尘频次"),
                    m(Mandatory, "施工工地严格落实扬尘管控措施"),
                ],
            ),
            (
                Level::Yellow,
                vec![
                    m(
                        HealthProtection,
                        "一般人群减少户外运动，中小学、幼儿园减少户外活动",
                    ),
                    m(Advisory, "倡导企业错峰生产、错峰运输"),
                    m(Mandatory, "建筑工地停止土石方开挖、拆除等作业"),
                    m(Mandatory, "禁止露天焚烧和露天烧烤"),
                    m(Mandatory, "重点企业按应急减排清单落实黄色预警减排措施"),
                ],
            ),
            (
                Level::Orange,
                vec![
                    m(HealthProtection, "中小学、幼儿园停止户外活动"),
                    m(Mandatory, "停止室外施工作业（抢险抢修、重大民生工程除外）"),
                    m(Mandatory, "重点企业按应急减排清单落实橙色预警减排措施"),
                    m(Mandatory, "重型柴油货车在城区限行"),
                    m(Mandatory, "禁止燃放烟花爆竹"),
                ],
            ),
            (
                Level::Red,
                vec![
                    m(HealthProtection, "中小学、幼儿园可视情况停课"),
                    m(Advisory, "倡导机关、企事业单位实行弹性工作制"),
                    m(Mandatory, "重点企业按应急减排清单落实红色预警减排措施"),
                    m(Mandatory, "按政府通告实施机动车限行"),
                ],
            ),
        ];
        Self {
            example: true,
            levels,
        }
    }

    /// Replaces the measures of one level (and marks the table as edited, not an example).
    pub fn set(&mut self, level: Level, measures: Vec<Measure>) {
        self.example = false;
        match self.levels.iter_mut().find(|(l, _)| *l == level) {
            Some((_, list)) => *list = measures,
            None => {
                self.levels.push((level, measures));
                self.levels.sort_by_key(|(l, _)| *l);
            }
        }
    }

    /// The measures listed under `level` itself.
    pub fn own(&self, level: Level) -> &[Measure] {
        self.levels
            .iter()
            .find(|(l, _)| *l == level)
            .map_or(&[], |(_, list)| list.as_slice())
    }

    /// The measures in force at `level`: those of every level up to and including it, least
    /// severe first (a higher level keeps the lower levels' measures).
    pub fn in_force(&self, level: Level) -> Vec<&Measure> {
        self.levels
            .iter()
            .filter(|(l, _)| *l <= level)
            .flat_map(|(_, list)| list.iter())
            .collect()
    }
}

impl Default for MeasureTable {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_lists_accumulate() {
        let t = MeasureTable::example();
        assert!(t.example);
        for l in Level::ALL {
            assert!(!t.own(l).is_empty(), "{l}");
        }
        let orange = t.in_force(Level::Orange);
        assert_eq!(
            orange.len(),
            t.own(Level::Blue).len() + t.own(Level::Yellow).len() + t.own(Level::Orange).len()
        );
        assert!(orange.iter().any(|m| m.text.starts_with("停止室外施工")));
        assert!(
            !t.in_force(Level::Yellow)
                .iter()
                .any(|m| m.text.starts_with("停止室外施工"))
        );
    }

    #[test]
    fn editing_replaces_and_unmarks() {
        let mut t = MeasureTable::example();
        let mine = vec![Measure {
            kind: MeasureKind::Mandatory,
            text: "本局措施".into(),
        }];
        t.set(Level::Red, mine.clone());
        assert!(!t.example);
        assert_eq!(t.own(Level::Red), mine.as_slice());
        let mut empty = MeasureTable::new();
        empty.set(Level::Orange, mine.clone());
        empty.set(Level::Yellow, vec![]);
        assert_eq!(empty.in_force(Level::Red).len(), 1);
        assert!(empty.own(Level::Blue).is_empty());
        assert_eq!(MeasureKind::Mandatory.label(), "强制性污染减排措施");
    }
}
