//! How statuses look: label, CSS class, colour (also used in SVG, which has no stylesheet when
//! saved on its own).

use ecogov_domain::progress::ProgressStatus;

/// A status badge.
#[derive(Debug, Clone)]
pub(crate) struct Badge {
    pub label: &'static str,
    pub class: &'static str,
}

/// The badge of a status; `None` (a task with no quantified deliverable) shows 定性任务.
pub(crate) fn badge(s: Option<ProgressStatus>) -> Badge {
    match s {
        Some(s) => Badge {
            label: s.label(),
            class: s.code(),
        },
        None => Badge {
            label: "定性任务",
            class: "qualitative",
        },
    }
}

/// Fill colour per status, matching `app.css`.
pub(crate) fn colour(s: Option<ProgressStatus>) -> &'static str {
    match s {
        Some(ProgressStatus::NotStarted) => "#9aa5b1",
        Some(ProgressStatus::OnTrack) => "#2f9e44",
        Some(ProgressStatus::Behind) => "#e8a317",
        Some(ProgressStatus::Overdue) => "#d9480f",
        Some(ProgressStatus::Done) => "#1c7ed6",
        None => "#ced4da",
    }
}

/// The statuses shown in counts and legends, in order, with `None` for 定性任务.
pub(crate) const ORDER: [Option<ProgressStatus>; 6] = [
    Some(ProgressStatus::Done),
    Some(ProgressStatus::OnTrack),
    Some(ProgressStatus::NotStarted),
    Some(ProgressStatus::Behind),
    Some(ProgressStatus::Overdue),
    None,
];
