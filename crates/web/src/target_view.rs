//! The plan's targets evaluated on the page's date ([`ecogov_domain::target_eval`]), with who set
//! the thresholds entered later.

use crate::view::Ledger;
use crate::{AppError, AppState};
use ecogov_domain::target::ThresholdSource;
use ecogov_domain::target_eval::{Evaluation, evaluate};
use ecogov_store::ThresholdSetting;
use std::collections::HashMap;

/// Every target's evaluation, in the plan's order, and the thresholds as set.
pub(crate) struct Targets {
    pub evaluations: Vec<Evaluation>,
    pub settings: HashMap<String, ThresholdSetting>,
}

impl Targets {
    pub async fn load(state: &AppState, ledger: &Ledger) -> Result<Self, AppError> {
        let inputs = state
            .store
            .target_inputs(ledger.stored.id, ledger.plan(), ledger.as_of)
            .await?;
        Ok(Self {
            evaluations: evaluate(ledger.plan(), &inputs),
            settings: state.store.target_thresholds(ledger.stored.id).await?,
        })
    }

    /// `气科 设定，省厅〔2023〕5号` for a threshold entered later, or empty.
    pub fn set_by(&self, e: &Evaluation) -> String {
        match (e.target.source, self.settings.get(&e.target.id)) {
            (ThresholdSource::Province, Some(s)) => format!(
                "{} 设定{}",
                s.set_by,
                s.note
                    .as_deref()
                    .map(|n| format!("，{n}"))
                    .unwrap_or_default()
            ),
            _ => String::new(),
        }
    }
}
