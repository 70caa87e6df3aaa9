//! `ecogov serve` and `ecogov demo`.

use crate::ledger_cmd::as_of_date;
use crate::{BUILTIN_PLAN, demo, output};
use anyhow::Context;
use ecogov_domain::plan_file::parse_plan;
use ecogov_store::Store;
use ecogov_web::{AppState, AsOf};
use std::net::SocketAddr;
use std::process::ExitCode;

async fn run(state: AppState, addr: SocketAddr, banner: &str) -> anyhow::Result<ExitCode> {
    let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
        format!("无法监听 {addr}，端口可能已被占用，可用 --addr 换一个 (cannot listen)")
    })?;
    let local = listener
        .local_addr()
        .context("无法读取监听地址 (cannot read the bound address)")?;
    output::line(&format!("{banner}: http://{local}/"))?;
    output::line("按 Ctrl+C 停止 (press Ctrl+C to stop)")?;
    axum::serve(
        listener,
        ecogov_web::app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        // If the signal handler cannot be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    })
    .await
    .context("网页服务异常退出 (server stopped with an error)")?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) async fn serve(
    db: &str,
    addr: SocketAddr,
    as_of: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let as_of = match as_of {
        Some(_) => AsOf::Fixed(as_of_date(as_of)?),
        None => AsOf::Today,
    };
    let store = Store::open(db, false).await?;
    store.plan(None).await?;
    run(
        AppState::new(store, as_of, false),
        addr,
        "ecogov 已启动 (serving)",
    )
    .await
}

pub(crate) async fn demo(db: &str, addr: SocketAddr, no_serve: bool) -> anyhow::Result<ExitCode> {
    let plan = parse_plan(BUILTIN_PLAN)
        .map_err(|_| anyhow::anyhow!("内置计划无效 (built-in plan invalid)"))?;
    let store = Store::open(db, true).await?;
    store.install_plan(&plan, BUILTIN_PLAN, "demo").await?;
    let seeded = demo::seed(&store).await?;
    if seeded > 0 {
        output::line(&format!(
            "{db}: 已写入 {seeded} 条演示进度记录（演示数据） (demo progress written)"
        ))?;
    } else {
        output::line(&format!(
            "{db}: 沿用已有演示数据库 (reusing the demo database)"
        ))?;
    }
    // Last year too, so the pages can compare with the same period.
    let mut water = 0;
    let mut air = 0;
    for year in [plan.year - 1, plan.year] {
        water += crate::demo_data::load_water(&store, year).await?;
        air += crate::demo_data::load_air(&store, year).await?;
    }
    if water > 0 {
        output::line(&format!(
            "{db}: 已载入 {water} 个模拟水质监测值（模拟数据） (synthetic water data loaded)"
        ))?;
    }
    if air > 0 {
        output::line(&format!(
            "{db}: 已载入 {air} 个站点小时的模拟空气数据（模拟数据） (synthetic air data loaded)"
        ))?;
    }
    if seeded > 0 {
        let n = crate::demo_targets::seed(&store).await?;
        output::line(&format!(
            "{db}: 已写入 {n} 条演示目标值、填报数据和记录（演示数据） (demo target data written)"
        ))?;
        let n = crate::demo_ledgers::seed(&store).await?;
        output::line(&format!(
            "{db}: 已写入 {n} 条演示监管、预警、督办记录（演示数据） (demo ledger, warning and supervision records written)"
        ))?;
    }
    if no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    let state = AppState::new(store, AsOf::Fixed(demo::AS_OF), true);
    run(
        state,
        addr,
        &format!(
            "ecogov 演示已启动（评估日期 {}） (demo serving)",
            demo::AS_OF
        ),
    )
    .await
}
