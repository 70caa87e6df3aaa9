//! 演示督办通知（一件已回复、一件至 2023-09-30 逾期）与督察整改事项（整改中、已验收并公开、已销号）.
//!
//! Each step is decided by the domain (`supervision::issue/reply`, `rectification::create/apply`)
//! for a demo principal — 督察办 for issuing and acceptance, the addressed unit for replies and
//! evidence — and saved as the pages save it.

use super::{BY, day, moment};
use anyhow::{Context, anyhow};
use ecogov_domain::account::AccountId;
use ecogov_domain::authz::{AccountRole, INSPECTORATE_UNIT, Principal};
use ecogov_domain::rectification::{
    FindingSource, RectificationAction, RectificationDraft, RectificationItem, apply, create,
};
use ecogov_domain::supervision::{NoticeDraft, NoticeSubject, issue, reply};
use ecogov_domain::unit::UnitName;
use ecogov_store::Store;

/// The demo principal acting for `unit`: 督察办 as inspectorate, others as unit staff.
fn principal(unit: &str) -> anyhow::Result<Principal> {
    let id = AccountId::parse(BY).map_err(|e| anyhow!("演示账号名无效：{e}"))?;
    let role = if unit == INSPECTORATE_UNIT {
        AccountRole::Inspectorate
    } else {
        AccountRole::UnitStaff
    };
    Ok(Principal::account(id, UnitName::new(unit), role))
}

async fn seed_notices(store: &Store) -> anyhow::Result<usize> {
    let plan = store.plan(None).await?;
    let office = principal(INSPECTORATE_UNIT)?;

    // 1: to 综合执法支队, replied within the deadline.
    let draft = NoticeDraft {
        addressee: UnitName::new("综合执法支队"),
        subject: NoticeSubject::Free("入河排污口整治进度（演示）".to_string()),
        content: "请于 8 月 15 日前报送入河排污口整治进展及销号计划（演示数据）".to_string(),
        deadline: day(8, 15)?,
    };
    let (notice, event) = issue(draft, &office, moment(8, 1)?).context("演示督办通知 1")?;
    let subject = "入河排污口整治进度（演示）";
    let id = store
        .issue_notice(plan.id, &notice, subject, &event, "演示")
        .await?;
    let unit = principal("综合执法支队")?;
    let (replied, event) = reply(
        &notice,
        &unit,
        "已报送整治进展：9 个排污口已销号，其余 4 个按一口一策推进（演示数据）",
        moment(8, 12)?,
    )
    .context("演示督办回复")?;
    store
        .save_notice_step(id, &notice, &replied, &event, "演示")
        .await?;

    // 2: to 气科, not replied: overdue on 2023-09-30.
    let draft = NoticeDraft {
        addressee: UnitName::new("气科"),
        subject: NoticeSubject::Free("柴油车入户检测进度滞后（演示）".to_string()),
        content:
            "入户检测完成量低于进度要求，请于 9 月 26 日前书面说明原因并报送整改措施（演示数据）"
                .to_string(),
        deadline: day(9, 26)?,
    };
    let (notice, event) = issue(draft, &office, moment(9, 5)?).context("演示督办通知 2")?;
    store
        .issue_notice(
            plan.id,
            &notice,
            "柴油车入户检测进度滞后（演示）",
            &event,
            "演示",
        )
        .await?;
    Ok(3)
}

/// Takes `steps` on item `id` in order, each at its (month, day); returns the item.
async fn steps(
    store: &Store,
    id: i64,
    mut item: RectificationItem,
    steps: Vec<(RectificationAction, &Principal, (i8, i8))>,
) -> anyhow::Result<RectificationItem> {
    for (action, who, (m, d)) in steps {
        let (next, event) = apply(&item, action, who, moment(m, d)?).context("演示整改步骤")?;
        store
            .save_rectification_step(id, &item, &next, &event, None, "演示")
            .await?;
        item = next;
    }
    Ok(item)
}

fn evidence(names: &[&str]) -> RectificationAction {
    RectificationAction::Update {
        measures: None,
        add_evidence: names.iter().map(|n| n.to_string()).collect(),
        remove_evidence: Vec::new(),
    }
}

async fn seed_rectifications(store: &Store) -> anyhow::Result<usize> {
    let office = principal(INSPECTORATE_UNIT)?;
    let items = [
        (
            FindingSource::CentralInspection,
            "四湖总干渠沿线部分生活污水收集管网不完善，雨季溢流（演示）",
            "水科",
            "完善管网并实施雨污分流改造，年底前完成（演示）",
            (12, 31),
            (3, 15),
        ),
        (
            FindingSource::ProvincialInspection,
            "部分企业挥发性有机物无组织排放管控不到位（演示）",
            "气科",
            "开展涉VOCs企业专项检查，督促安装收集处理设施（演示）",
            (6, 30),
            (2, 20),
        ),
        (
            FindingSource::PetitionReferral,
            "群众反映小龙虾加工企业废水直排沟渠（演示）",
            "综合执法支队",
            "立案查处，责令企业完善污水处理设施并接入管网（演示）",
            (5, 31),
            (4, 3),
        ),
    ];
    let mut n = 0;
    for (i, (source, finding, unit, measures, (dm, dd), (cm, cd))) in items.into_iter().enumerate()
    {
        let draft = RectificationDraft {
            source,
            finding: finding.to_string(),
            responsible: UnitName::new(unit),
            measures: measures.to_string(),
            deadline: day(dm, dd)?,
        };
        let (item, event) = create(draft, &office, moment(cm, cd)?).context("演示整改事项")?;
        let id = store.create_rectification(&item, &event, "演示").await?;
        n += 1;
        let staff = principal(unit)?;
        let plan: Vec<(RectificationAction, &Principal, (i8, i8))> = match i {
            // 整改中, with the first evidence uploaded.
            0 => vec![(evidence(&["管网改造施工合同（演示）.pdf"]), &staff, (6, 8))],
            // 已验收 and disclosed.
            1 => vec![
                (
                    evidence(&["专项检查记录（演示）.pdf", "治理设施照片（演示）.jpg"]),
                    &staff,
                    (6, 10),
                ),
                (RectificationAction::Submit, &staff, (6, 12)),
                (RectificationAction::Accept, &office, (6, 20)),
                (RectificationAction::Disclose, &office, (6, 21)),
            ],
            // 已销号.
            _ => vec![
                (
                    evidence(&["行政处罚决定书（演示）.pdf", "整改验收照片（演示）.jpg"]),
                    &staff,
                    (5, 20),
                ),
                (RectificationAction::Submit, &staff, (5, 22)),
                (RectificationAction::Accept, &office, (5, 29)),
                (RectificationAction::Close, &office, (6, 5)),
            ],
        };
        n += plan.len();
        steps(store, id, item, plan).await?;
    }
    Ok(n)
}

/// Writes the notices and the 整改 items.
pub(super) async fn seed(store: &Store) -> anyhow::Result<usize> {
    Ok(seed_notices(store).await? + seed_rectifications(store).await?)
}
