//! 演示柴油车检测、入河排污口台账（13 个）与信访件.
//!
//! The diesel checks and the closed outfalls are counted by the plan's `counted_by`
//! deliverables (diesel-road-checks ≥1000, diesel-home-checks ≥300, yangtze-outfalls 13): the
//! ledgers are their only source in the demo.

use super::registry::credit_code;
use super::{BY, day};
use anyhow::{Context, anyhow, bail};
use ecogov_domain::inspection::{CheckResult, DieselCheck, DieselCheckKind, PlateNumber};
use ecogov_domain::outfall::{Outfall, OutfallState};
use ecogov_domain::petition::{Channel, PetitionCase, PetitionId, PetitionState};
use ecogov_store::{DieselRecord, Store};
use jiff::civil::Date;

/// Checks per month, January to September: 路检路查 (762 in all, 正常 against the pro-rata
/// 747 of 1000 due by 2023-09-30) and 入户检测 (175 in all, 滞后 against 224 of 300).
const ROAD_PER_MONTH: [usize; 9] = [62, 75, 90, 88, 95, 80, 92, 86, 94];
const HOME_PER_MONTH: [usize; 9] = [15, 18, 20, 22, 19, 21, 20, 18, 22];

/// Issuing-office prefixes of the plates checked: mostly 鄂N (潜江), some neighbours.
const PLATE_PREFIXES: [&str; 6] = ["鄂N", "鄂N", "鄂N", "鄂N", "鄂M", "鄂D"];
const PLATE_LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRTUWXY";

/// An invented plate, different for every `n`.
fn plate(n: usize) -> anyhow::Result<PlateNumber> {
    let prefix = PLATE_PREFIXES[n % PLATE_PREFIXES.len()];
    let letter = char::from(PLATE_LETTERS[(n / 7) % PLATE_LETTERS.len()]);
    let digits = (n * 7919 + 1307) % 10_000;
    let text = format!("{prefix}{letter}{digits:04}");
    PlateNumber::parse(&text).map_err(|e| anyhow!("演示车牌 {text} 无效：{e}"))
}

/// The `i`-th of `count` checks of `month` spread over the month's working days.
fn check_day(month: i8, i: usize, count: usize) -> anyhow::Result<Date> {
    let first = day(month, 1)?;
    let days = usize::try_from(first.days_in_month()).context("演示月份天数")?;
    let d = 1 + (i * days) / count.max(1);
    day(month, i8::try_from(d.min(days)).context("演示日期")?)
}

fn diesel_records() -> anyhow::Result<Vec<DieselRecord>> {
    let mut out = Vec::new();
    let mut n = 0usize;
    for (m, (&road, &home)) in ROAD_PER_MONTH.iter().zip(&HOME_PER_MONTH).enumerate() {
        let month = i8::try_from(m + 1).context("演示月份")?;
        for (kind, count) in [
            (DieselCheckKind::RoadCheck, road),
            (DieselCheckKind::HomeCheck, home),
        ] {
            for i in 0..count {
                n += 1;
                // About one check in 23 fails (超标), as roadside checks typically find.
                let result = if n.is_multiple_of(23) {
                    CheckResult::Fail
                } else {
                    CheckResult::Pass
                };
                let enterprise = match kind {
                    DieselCheckKind::HomeCheck => Some(credit_code(n % 8)?),
                    DieselCheckKind::RoadCheck => None,
                };
                let check = DieselCheck::new(
                    kind,
                    check_day(month, i, count)?,
                    Some(plate(n)?),
                    enterprise,
                    result,
                )
                .context("演示柴油车检测记录无效")?;
                let note = match result {
                    CheckResult::Fail => "演示数据；不合格，已告知车主限期维修复检",
                    CheckResult::Pass => "演示数据",
                };
                out.push(DieselRecord {
                    origin: format!("演示数据:{n}"),
                    check,
                    note: Some(note.to_string()),
                });
            }
        }
    }
    Ok(out)
}

/// (编码, 名称, 受纳水体, 一口一策措施, final state, dates of 整治中 → 已整治 → 验收 → 销号 as (month, day)).
type Steps = &'static [(i8, i8)];
type OutfallRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    OutfallState,
    Steps,
);
const OUTFALLS: [OutfallRow; 13] = {
    use OutfallState::{Accepted, Closed, Identified, Rectified, Rectifying};
    [
        (
            "QJRH-D01",
            "泽口闸排污口（演示）",
            "汉江",
            &["雨污分流改造", "设置规范化标识牌"],
            Closed,
            &[(1, 10), (2, 20), (3, 6), (3, 15)],
        ),
        (
            "QJRH-D02",
            "红旗码头排污口（演示）",
            "汉江",
            &["封堵废弃排口"],
            Closed,
            &[(1, 16), (2, 28), (3, 14), (3, 28)],
        ),
        (
            "QJRH-D03",
            "兴隆闸下排污口（演示）",
            "汉江",
            &["截污纳管", "设置规范化标识牌"],
            Closed,
            &[(2, 1), (3, 30), (4, 12), (4, 26)],
        ),
        (
            "QJRH-D04",
            "东荆河田关排污口（演示）",
            "东荆河",
            &["接入园区污水处理厂"],
            Closed,
            &[(2, 10), (4, 18), (5, 5), (5, 19)],
        ),
        (
            "QJRH-D05",
            "浩口泵站排污口（演示）",
            "东荆河",
            &["清淤并封堵", "安装在线监测设备"],
            Closed,
            &[(3, 2), (5, 12), (5, 30), (6, 14)],
        ),
        (
            "QJRH-D06",
            "通顺河周矶排污口（演示）",
            "通顺河",
            &["排口整合归并"],
            Closed,
            &[(3, 20), (6, 2), (6, 20), (6, 30)],
        ),
        (
            "QJRH-D07",
            "张金镇排涝口（演示）",
            "通顺河",
            &["明确责任主体", "设置规范化标识牌"],
            Closed,
            &[(4, 6), (6, 26), (7, 10), (7, 21)],
        ),
        (
            "QJRH-D08",
            "熊口农场排口（演示）",
            "田关河",
            &["养殖尾水处理设施建设"],
            Closed,
            &[(4, 20), (7, 14), (8, 1), (8, 16)],
        ),
        (
            "QJRH-D09",
            "高石碑排污口（演示）",
            "汉江",
            &["截污纳管", "排口标识规范化"],
            Closed,
            &[(5, 8), (8, 4), (8, 22), (9, 12)],
        ),
        (
            "QJRH-D10",
            "王场镇排污口（演示）",
            "兴隆河",
            &["雨污分流改造"],
            Accepted,
            &[(5, 22), (8, 25), (9, 20)],
        ),
        (
            "QJRH-D11",
            "老新镇排污口（演示）",
            "四湖总干渠",
            &["封堵并接入镇污水处理厂"],
            Rectified,
            &[(6, 12), (9, 18)],
        ),
        (
            "QJRH-D12",
            "积玉口排污口（演示）",
            "田关河",
            &["截污纳管", "排口整合归并"],
            Rectifying,
            &[(7, 3)],
        ),
        (
            "QJRH-D13",
            "渔洋镇排污口（演示）",
            "东荆河",
            &["溯源排查，明确责任主体"],
            Identified,
            &[],
        ),
    ]
};

async fn seed_outfalls(store: &Store) -> anyhow::Result<usize> {
    let mut entries = Vec::new();
    for (code, name, water, measures, _, _) in &OUTFALLS {
        let mut o =
            Outfall::new(code, name, water).with_context(|| format!("演示排污口 {code}"))?;
        for m in *measures {
            o.add_measure(&format!("{m}（演示）"))
                .with_context(|| format!("演示排污口 {code} 措施"))?;
        }
        entries.push((format!("演示数据:{code}"), o));
    }
    store.add_outfalls(&entries, "演示数据", BY).await?;
    let mut steps = 0;
    for (code, _, _, measures, last, dates) in &OUTFALLS {
        let path = [
            OutfallState::Rectifying,
            OutfallState::Rectified,
            OutfallState::Accepted,
            OutfallState::Closed,
        ];
        for (state, (month, d)) in path.iter().zip(dates.iter()) {
            let on = day(*month, *d)?;
            if *state == OutfallState::Rectified {
                // 一口一策: every measure done on the day rectification is declared finished.
                for i in 1..=measures.len() {
                    store.complete_outfall_measure(code, i, on, BY).await?;
                }
            }
            let reason = match state {
                OutfallState::Accepted => Some("现场核查合格（演示）"),
                OutfallState::Closed => Some("验收合格，予以销号（演示）"),
                _ => None,
            };
            store.advance_outfall(code, *state, on, reason, BY).await?;
            steps += 1;
        }
        let now = store.outfall(code).await?.state();
        if now != *last {
            bail!("演示排污口 {code} 应为“{last}”，实际为“{now}”");
        }
    }
    Ok(OUTFALLS.len() + steps)
}

/// (编号, 渠道, 登记 (month, day), enterprise index, 地址, 摘要, later steps (state, month, day)).
type PetitionSteps = &'static [(PetitionState, i8, i8)];
type PetitionRow = (
    &'static str,
    &'static str,
    (i8, i8),
    Option<usize>,
    &'static str,
    &'static str,
    PetitionSteps,
);
const PETITIONS: [PetitionRow; 6] = {
    use PetitionState::{Accepted, Concluded, FollowedUp, Handling, Replied};
    [
        (
            "XF2023-D001",
            "12369",
            (3, 6),
            Some(3),
            "熊口镇示范村（演示）",
            "反映小龙虾加工废水直排沟渠、气味较大（演示）",
            &[
                (Accepted, 3, 7),
                (Handling, 3, 9),
                (Replied, 3, 24),
                (FollowedUp, 3, 31),
                (Concluded, 4, 3),
            ],
        ),
        (
            "XF2023-D002",
            "12345",
            (4, 18),
            None,
            "园林街道示范小区（演示）",
            "反映夜间施工噪声扰民（演示）",
            &[
                (Accepted, 4, 19),
                (Handling, 4, 20),
                (Replied, 5, 8),
                (FollowedUp, 5, 15),
                (Concluded, 5, 16),
            ],
        ),
        (
            "XF2023-D003",
            "微信公众号",
            (5, 22),
            Some(3),
            "熊口镇示范村（演示）",
            "再次反映该企业废水排放问题（演示）",
            &[
                (Accepted, 5, 23),
                (Handling, 5, 25),
                (Replied, 6, 20),
                (FollowedUp, 6, 28),
                (Concluded, 7, 3),
            ],
        ),
        (
            "XF2023-D004",
            "来信",
            (7, 10),
            Some(4),
            "高石碑镇示范工业园（演示）",
            "反映企业粉尘无组织排放（演示）",
            &[(Accepted, 7, 12), (Handling, 7, 20)],
        ),
        (
            "XF2023-D005",
            "来访",
            (8, 28),
            None,
            "泽口街道示范路（演示）",
            "反映餐饮油烟扰民（演示）",
            &[(Accepted, 8, 29), (Handling, 9, 1), (Replied, 9, 19)],
        ),
        (
            "XF2023-D006",
            "领导信箱",
            (9, 25),
            Some(6),
            "泽口街道示范路9号（演示）",
            "反映污水处理厂周边异味（演示）",
            &[],
        ),
    ]
};

async fn seed_petitions(store: &Store) -> anyhow::Result<usize> {
    let mut cases = Vec::new();
    for (id, channel, (m, d), enterprise, address, summary, steps) in &PETITIONS {
        let pid = PetitionId::new(id).ok_or_else(|| anyhow!("演示信访件编号为空"))?;
        let enterprise = enterprise.map(credit_code).transpose()?;
        let mut case = PetitionCase::register(
            pid,
            Channel::parse(channel),
            day(*m, *d)?,
            enterprise,
            address,
            summary,
        );
        for (state, m, d) in *steps {
            case.advance(*state, day(*m, *d)?)
                .with_context(|| format!("演示信访件 {id}"))?;
        }
        cases.push((format!("演示数据:{id}"), case));
    }
    store.register_petitions(&cases, "演示数据", BY).await?;
    Ok(cases.len())
}

/// Writes the diesel checks, the outfalls with their steps and the petitions.
pub(super) async fn seed(store: &Store) -> anyhow::Result<usize> {
    let diesel = diesel_records()?;
    let mut n = store.add_diesel_checks(&diesel, "演示数据", BY).await?;
    n += seed_outfalls(store).await?;
    n += seed_petitions(store).await?;
    Ok(n)
}
