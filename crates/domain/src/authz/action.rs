//! 操作 — the actions [`super::authorize`] decides on.

/// 操作 — every reading and state-changing action of the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// 查看公开页面 — the plan and other public pages.
    ViewPublic,
    /// 查看内部台账 — internal ledger pages: tasks, notices, 整改 items.
    ViewLedger,
    /// 导出台账 — export the internal ledger.
    ExportLedger,
    /// 填报进度 — report progress on a task.
    ReportProgress,
    /// 确认配合部分 — a co unit confirms its own part of a task.
    ConfirmCoPart,
    /// 提交验收 — the lead submits a task for acceptance.
    SubmitForAcceptance,
    /// 验收 — accept a submitted task.
    AcceptTask,
    /// 退回 — return a submitted task, with a reason.
    ReturnTask,
    /// 销号 — close an accepted task.
    CloseTask,
    /// 下发督办通知 — issue a 督办 notice.
    IssueNotice,
    /// 回复督办 — reply to a 督办 notice.
    ReplyNotice,
    /// 督办办结 — close a replied notice.
    CloseNotice,
    /// 新建整改事项 — add an item to the 整改 ledger.
    CreateRectification,
    /// 更新整改事项 — the responsible unit updates measures and evidence of an item in progress.
    UpdateRectification,
    /// 修订整改事项 — 督察办 corrects the finding or changes the deadline (延期).
    ReviseRectification,
    /// 整改提交验收 — submit an item for acceptance.
    SubmitRectification,
    /// 整改验收 — accept a submitted item.
    AcceptRectification,
    /// 整改退回 — return a submitted item, with a reason.
    ReturnRectification,
    /// 整改销号 — close an accepted item.
    CloseRectification,
    /// 整改公开 — mark an accepted item for public disclosure.
    DiscloseRectification,
    /// 登记监管业务 — the regulatory ledgers: enterprises, inspectors, 双随机 draws,
    /// inspections, diesel checks, outfalls, 信访 cases (issue 8).
    RecordRegulatoryWork,
    /// 导入监测数据 — import monitoring data.
    ImportMonitoringData,
    /// 账号管理 — create, disable, unlock accounts, reset passwords, assign roles.
    ManageAccounts,
    /// 设定目标值 — set target thresholds.
    SetTargetThreshold,
    /// 查看审计记录 — read the audit trail.
    ViewAuditTrail,
    /// 修改本人口令 — change one's own password.
    ChangeOwnPassword,
}

impl Action {
    /// All actions.
    pub const ALL: [Action; 26] = [
        Self::ViewPublic,
        Self::ViewLedger,
        Self::ExportLedger,
        Self::ReportProgress,
        Self::ConfirmCoPart,
        Self::SubmitForAcceptance,
        Self::AcceptTask,
        Self::ReturnTask,
        Self::CloseTask,
        Self::IssueNotice,
        Self::ReplyNotice,
        Self::CloseNotice,
        Self::CreateRectification,
        Self::UpdateRectification,
        Self::ReviseRectification,
        Self::SubmitRectification,
        Self::AcceptRectification,
        Self::ReturnRectification,
        Self::CloseRectification,
        Self::DiscloseRectification,
        Self::RecordRegulatoryWork,
        Self::ImportMonitoringData,
        Self::ManageAccounts,
        Self::SetTargetThreshold,
        Self::ViewAuditTrail,
        Self::ChangeOwnPassword,
    ];

    /// The code used in the audit trail and in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::ViewPublic => "view_public",
            Self::ViewLedger => "view_ledger",
            Self::ExportLedger => "export_ledger",
            Self::ReportProgress => "report_progress",
            Self::ConfirmCoPart => "confirm_co_part",
            Self::SubmitForAcceptance => "submit_for_acceptance",
            Self::AcceptTask => "accept_task",
            Self::ReturnTask => "return_task",
            Self::CloseTask => "close_task",
            Self::IssueNotice => "issue_notice",
            Self::ReplyNotice => "reply_notice",
            Self::CloseNotice => "close_notice",
            Self::CreateRectification => "create_rectification",
            Self::UpdateRectification => "update_rectification",
            Self::ReviseRectification => "revise_rectification",
            Self::SubmitRectification => "submit_rectification",
            Self::AcceptRectification => "accept_rectification",
            Self::ReturnRectification => "return_rectification",
            Self::CloseRectification => "close_rectification",
            Self::DiscloseRectification => "disclose_rectification",
            Self::RecordRegulatoryWork => "record_regulatory_work",
            Self::ImportMonitoringData => "import_monitoring_data",
            Self::ManageAccounts => "manage_accounts",
            Self::SetTargetThreshold => "set_target_threshold",
            Self::ViewAuditTrail => "view_audit_trail",
            Self::ChangeOwnPassword => "change_own_password",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Self::ViewPublic => "查看公开页面",
            Self::ViewLedger => "查看内部台账",
            Self::ExportLedger => "导出台账",
            Self::ReportProgress => "填报进度",
            Self::ConfirmCoPart => "确认配合部分",
            Self::SubmitForAcceptance => "提交验收",
            Self::AcceptTask => "验收",
            Self::ReturnTask => "退回",
            Self::CloseTask => "销号",
            Self::IssueNotice => "下发督办通知",
            Self::ReplyNotice => "回复督办",
            Self::CloseNotice => "督办办结",
            Self::CreateRectification => "新建整改事项",
            Self::UpdateRectification => "更新整改事项",
            Self::ReviseRectification => "修订整改事项",
            Self::SubmitRectification => "整改提交验收",
            Self::AcceptRectification => "整改验收",
            Self::ReturnRectification => "整改退回",
            Self::CloseRectification => "整改销号",
            Self::DiscloseRectification => "整改公开",
            Self::ImportMonitoringData => "导入监测数据",
            Self::ManageAccounts => "账号管理",
            Self::SetTargetThreshold => "设定目标值",
            Self::RecordRegulatoryWork => "登记监管业务",
            Self::ViewAuditTrail => "查看审计记录",
            Self::ChangeOwnPassword => "修改本人口令",
        }
    }

    /// Whether the action changes anything (everything except viewing and exporting).
    pub fn is_state_change(self) -> bool {
        !matches!(
            self,
            Self::ViewPublic | Self::ViewLedger | Self::ExportLedger | Self::ViewAuditTrail
        )
    }

    /// The kind of resource the action applies to; `None` for actions on any resource
    /// (viewing).
    pub(super) fn applies_to(self) -> Option<ResourceKind> {
        match self {
            Self::ViewPublic | Self::ViewLedger => None,
            Self::ReportProgress
            | Self::ConfirmCoPart
            | Self::SubmitForAcceptance
            | Self::AcceptTask
            | Self::ReturnTask
            | Self::CloseTask => Some(ResourceKind::Task),
            Self::IssueNotice | Self::ReplyNotice | Self::CloseNotice => Some(ResourceKind::Notice),
            Self::CreateRectification
            | Self::UpdateRectification
            | Self::ReviseRectification
            | Self::SubmitRectification
            | Self::AcceptRectification
            | Self::ReturnRectification
            | Self::CloseRectification
            | Self::DiscloseRectification => Some(ResourceKind::Rectification),
            Self::ExportLedger
            | Self::RecordRegulatoryWork
            | Self::ImportMonitoringData
            | Self::ManageAccounts
            | Self::SetTargetThreshold
            | Self::ViewAuditTrail
            | Self::ChangeOwnPassword => Some(ResourceKind::System),
        }
    }
}

/// The kinds of [`super::Resource`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ResourceKind {
    System,
    Task,
    Notice,
    Rectification,
}
