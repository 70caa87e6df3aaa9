//! 填报整改情况 — the responsible unit's update of a 整改 item: new measures and/or one
//! evidence file (multipart), checked with [`evidence::check`] and kept with the step.

use super::rectifications::{authorize, load, take};
use crate::auth::Actor;
use crate::{AppError, AppState};
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use ecogov_domain::authz::Action;
use ecogov_domain::evidence;
use ecogov_domain::rectification::RectificationAction;
use ecogov_store::Evidence;
use std::sync::Arc;

/// The update form: new measures and/or one evidence file.
#[derive(Debug, Default)]
struct UpdateForm {
    measures: String,
    file: Option<(String, Vec<u8>)>,
}

async fn read_update(mut m: Multipart) -> Result<UpdateForm, AppError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        AppError::BadRequest(format!("表单无法读取 (bad form): {e}"))
    };
    let mut f = UpdateForm::default();
    while let Some(field) = m.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "file" => {
                // Some browsers send the whole path; keep the last component.
                let name = field
                    .file_name()
                    .unwrap_or_default()
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                let bytes = field.bytes().await.map_err(bad)?;
                if !name.is_empty() || !bytes.is_empty() {
                    f.file = Some((name, bytes.to_vec()));
                }
            }
            "measures" => f.measures = field.text().await.map_err(bad)?,
            _ => {}
        }
    }
    Ok(f)
}

pub(crate) async fn update(
    State(state): State<Arc<AppState>>,
    actor: Actor,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let r = load(&state, &id).await?;
    authorize(&state, &actor, &r, Action::UpdateRectification).await?;
    let f = read_update(multipart).await?;
    let measures = Some(f.measures).filter(|m| !m.trim().is_empty() && m.trim() != r.item.measures);
    let file = match f.file {
        Some((name, bytes)) => {
            if name.chars().any(char::is_control) {
                return Err(AppError::BadRequest(
                    "佐证材料文件名含有控制字符 (file name contains control characters)".into(),
                ));
            }
            let kind =
                evidence::check(&name, &bytes).map_err(|e| AppError::BadRequest(e.to_string()))?;
            Some(Evidence {
                filename: name,
                content_type: kind.content_type().to_string(),
                data: bytes,
            })
        }
        None => None,
    };
    if measures.is_none() && file.is_none() {
        return Err(AppError::BadRequest(
            "未填写新的整改措施，也未上传佐证材料 (nothing to update)".into(),
        ));
    }
    let step = RectificationAction::Update {
        measures,
        add_evidence: file.iter().map(|f| f.filename.clone()).collect(),
        remove_evidence: Vec::new(),
    };
    take(&state, &actor, &r, step, file.as_ref()).await
}
