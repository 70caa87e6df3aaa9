//! 演示企业名录、执法人员名录、回避关系、双随机抽查（固定演示种子）及其检查记录.

use super::{BY, day};
use anyhow::{Context, anyhow, bail};
use ecogov_domain::draw::{Inspector, InspectorId, Seed, Share};
use ecogov_domain::enterprise::{CreditCode, Enterprise, SupervisionClass};
use ecogov_domain::inspection::InspectionRecord;
use ecogov_store::Store;

/// 潜江市's administrative division code, the region part of the demo credit codes.
const REGION: &str = "429005";

/// (主体标识码 (9 characters, invented), name, address, industry, class).
const ENTERPRISES: [(&str, &str, &str, &str, SupervisionClass); 8] = [
    (
        "MA49D0001",
        "潜江示范化工有限公司（演示）",
        "潜江经济开发区示范路1号（演示）",
        "化学原料和化学制品制造业",
        SupervisionClass::KeyDischarger,
    ),
    (
        "MA49D0002",
        "潜江示范制药有限公司（演示）",
        "潜江经济开发区示范路8号（演示）",
        "医药制造业",
        SupervisionClass::KeyDischarger,
    ),
    (
        "MA49D0003",
        "潜江示范热电有限公司（演示）",
        "江汉盐化工业园示范大道3号（演示）",
        "电力、热力生产和供应业",
        SupervisionClass::KeyDischarger,
    ),
    (
        "MA49D0004",
        "潜江示范虾业食品有限公司（演示）",
        "熊口镇示范村（演示）",
        "农副食品加工业",
        SupervisionClass::GeneralDischarger,
    ),
    (
        "MA49D0005",
        "潜江示范新型建材有限公司（演示）",
        "高石碑镇示范工业园（演示）",
        "非金属矿物制品业",
        SupervisionClass::GeneralDischarger,
    ),
    (
        "MA49D0006",
        "潜江示范汽车维修有限公司（演示）",
        "园林街道示范路66号（演示）",
        "机动车维修",
        SupervisionClass::GeneralDischarger,
    ),
    (
        "MA49D0007",
        "潜江示范污水处理有限公司（演示）",
        "泽口街道示范路9号（演示）",
        "污水处理及其再生利用",
        SupervisionClass::Special,
    ),
    (
        "MA49D0008",
        "潜江示范危废处置有限公司（演示）",
        "江汉盐化工业园示范大道18号（演示）",
        "危险废物治理",
        SupervisionClass::Special,
    ),
];

/// (执法人员编号, 姓名).
const INSPECTORS: [(&str, &str); 6] = [
    ("QJZF-D01", "执法员甲（演示）"),
    ("QJZF-D02", "执法员乙（演示）"),
    ("QJZF-D03", "执法员丙（演示）"),
    ("QJZF-D04", "执法员丁（演示）"),
    ("QJZF-D05", "执法员戊（演示）"),
    ("QJZF-D06", "执法员己（演示）"),
];

/// 抽查期次 of the demo draw; the label says the seed is the demo's fixed one.
pub(super) const DRAW_PERIOD: &str = "2023年第三季度（演示数据，固定演示种子）";

/// 固定演示种子 — a FIXED, published seed so that every demo draws the same enterprises and
/// inspectors and `ecogov draw verify 1` can be checked against a known result. A real draw
/// takes its seed from the system's random source (`ecogov draw commit` without `--seed`) and
/// keeps it secret until the draw is made; never reuse this one.
const DEMO_SEED: &str = "de302023de302023de302023de302023de302023de302023de302023de302023";

/// The credit code of demo enterprise `i` (0-based): "91" (工商, 企业) + 潜江 + its 主体标识码 +
/// the check character of GB 32100-2015 §5.
pub(super) fn credit_code(i: usize) -> anyhow::Result<CreditCode> {
    let subject = ENTERPRISES
        .get(i)
        .map(|e| e.0)
        .ok_or_else(|| anyhow!("没有第 {i} 家演示企业"))?;
    let body = format!("91{REGION}{subject}");
    let check = CreditCode::check_character(&body)
        .ok_or_else(|| anyhow!("演示信用代码主体 {body} 无效"))?;
    CreditCode::parse(&format!("{body}{check}"))
        .with_context(|| format!("演示信用代码 {body}{check} 无效"))
}

fn inspector_id(i: usize) -> anyhow::Result<InspectorId> {
    INSPECTORS
        .get(i)
        .and_then(|(id, _)| InspectorId::new(id))
        .ok_or_else(|| anyhow!("没有第 {i} 名演示执法人员"))
}

/// Writes the registers, the 回避 relation, the draw and its two inspections.
pub(super) async fn seed(store: &Store) -> anyhow::Result<usize> {
    let enterprises = ENTERPRISES
        .iter()
        .enumerate()
        .map(|(i, (_, name, address, industry, class))| {
            let code = credit_code(i)?;
            Enterprise::new(name, code.as_str(), address, industry, *class, None)
                .with_context(|| format!("演示企业 {name} 无效"))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let counts = store
        .import_enterprises(&enterprises, "演示企业名录", BY)
        .await?;
    let inspectors = (0..INSPECTORS.len())
        .map(|i| {
            Ok(Inspector {
                id: inspector_id(i)?,
                name: INSPECTORS[i].1.to_string(),
                unit: "综合执法支队".to_string(),
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    store.upsert_inspectors(&inspectors, BY).await?;
    store
        .add_relation(
            &inspector_id(0)?,
            &credit_code(0)?,
            "近亲属在该企业任职，依规回避（演示）",
            BY,
        )
        .await?;

    // 双随机: one key and one general discharger, two inspectors each.
    let shares = [
        (SupervisionClass::KeyDischarger, Share::Count(1)),
        (SupervisionClass::GeneralDischarger, Share::Count(1)),
    ];
    let planned = store.plan_draw(DRAW_PERIOD, 2, &shares, BY).await?;
    let seed = Seed::from_hex(DEMO_SEED).map_err(|e| anyhow!("演示种子无效：{e}"))?;
    store.commit_draw(planned.id, &seed, BY).await?;
    let drawn = store.run_committed_draw(planned.id, BY).await?;
    store.reveal_draw(planned.id, BY).await?;
    let result = drawn
        .parsed_result()
        .ok_or_else(|| anyhow!("演示抽取没有结果"))?
        .map_err(|e| anyhow!("演示抽取结果无法读取：{e}"))?;
    if result.assignments.len() != 2 {
        bail!("演示抽取应抽中 2 家企业，实际 {}", result.assignments.len());
    }
    let findings = [
        (
            day(8, 16)?,
            "现场检查污染防治设施运行正常，在线监测数据有效传输，排污许可执行报告按时提交（演示数据）",
            false,
            Vec::new(),
        ),
        (
            day(8, 23)?,
            "危险废物贮存场所标识不全，台账记录不完整（演示数据）",
            true,
            vec![
                "责令限期改正（演示）".to_string(),
                "纳入后续跟踪检查（演示）".to_string(),
            ],
        ),
    ];
    for (a, (date, text, violation, measures)) in result.assignments.iter().zip(findings) {
        let record = InspectionRecord::new(
            a.inspectors.clone(),
            a.enterprise.clone(),
            date,
            text,
            violation,
            measures,
        )
        .context("演示检查记录无效")?;
        store
            .record_inspection(Some(planned.id), &record, BY)
            .await?;
    }
    Ok(counts.inserted + inspectors.len() + 1 + 1 + result.assignments.len())
}
