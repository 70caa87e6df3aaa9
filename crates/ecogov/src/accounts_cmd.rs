//! `ecogov user add|reset|disable|enable|list` and `ecogov audit verify|list` — accounts and the
//! audit trail (issue 7). Passwords are read from standard input, never from the command line
//! (which other users of the machine can see); the first administrator is made here, and there
//! is no default password.

use crate::cli::DbArg;
use crate::output;
use anyhow::{Context, bail};
use ecogov_domain::account::{AccountId, PasswordPolicy};
use ecogov_domain::authz::AccountRole;
use ecogov_store::Store;
use std::io::BufRead;
use std::process::ExitCode;

/// The subcommands (flattened into the top level).
#[derive(Debug, clap::Subcommand)]
pub(crate) enum AccountCommand {
    /// 账户管理（口令从标准输入读取） — accounts (passwords read from standard input)
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// 审计记录：校验哈希链、查看最近记录 — the audit trail
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum UserCommand {
    /// 新建账户（首次登录须改口令） — add an account (must change its password at first sign-in)
    Add {
        /// 用户名 — account name
        name: String,
        /// 所属单位（计划中的单位名称） — unit
        #[arg(long)]
        unit: String,
        /// 角色：admin 系统管理员 / leadership 局领导 / inspectorate 督察办 / unit_staff 科室/单位 / monitoring_station 监测站
        #[arg(long)]
        role: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 重置口令（持有人下次登录须修改） — reset a password
    Reset {
        /// 用户名 — account name
        name: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 停用账户（立即结束其会话） — disable an account
    Disable {
        /// 用户名 — account name
        name: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 重新启用账户（须改口令） — enable an account again
    Enable {
        /// 用户名 — account name
        name: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// 列出账户 — list accounts
    List {
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Debug, clap::Subcommand)]
pub(crate) enum AuditCommand {
    /// 校验审计记录哈希链 — verify the audit hash chain
    Verify {
        #[command(flatten)]
        db: DbArg,
    },
    /// 最近的审计记录 — the latest audit events
    List {
        /// 条数 — how many
        #[arg(long, default_value_t = 50)]
        limit: u64,
        #[command(flatten)]
        db: DbArg,
    },
}

pub(crate) async fn run(command: AccountCommand) -> anyhow::Result<ExitCode> {
    match command {
        AccountCommand::User { command } => user(command).await,
        AccountCommand::Audit {
            command: AuditCommand::Verify { db },
        } => verify(&db.db).await,
        AccountCommand::Audit {
            command: AuditCommand::List { limit, db },
        } => list_audit(&db.db, limit).await,
    }
}

/// One line from standard input: the password (a trailing newline removed).
fn read_password(name: &str) -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("无法从标准输入读取口令 (cannot read the password from standard input)")?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if let Err(weak) = PasswordPolicy::default().check(name, &password) {
        let reasons: Vec<String> = weak.0.iter().map(|f| f.to_string()).collect();
        bail!("口令不符合要求 (weak password)：{}", reasons.join("；"));
    }
    Ok(password)
}

async fn account(store: &Store, name: &str) -> anyhow::Result<ecogov_store::Account> {
    store
        .account(name)
        .await?
        .with_context(|| format!("账户“{name}”不存在 (no such account)"))
}

async fn user(command: UserCommand) -> anyhow::Result<ExitCode> {
    match command {
        UserCommand::Add {
            name,
            unit,
            role,
            db,
        } => {
            let id = AccountId::parse(&name).map_err(|e| anyhow::anyhow!("用户名无效：{e}"))?;
            let role = AccountRole::from_code(&role).with_context(|| {
                let codes: Vec<String> = AccountRole::ALL
                    .iter()
                    .map(|r| format!("{}（{}）", r.code(), r.label()))
                    .collect();
                format!(
                    "--role “{role}” 未知 (unknown role)；可用：{}",
                    codes.join("、")
                )
            })?;
            let store = Store::open(&db.db, false).await?;
            let plan = store.plan(None).await?.plan;
            let unit = plan
                .units
                .resolve(&unit)
                .map(|u| u.name.clone())
                .with_context(|| format!("--unit “{unit}” 不是计划中的单位 (unknown unit)"))?;
            let password = read_password(id.as_str())?;
            let a = store
                .add_account(&id, &unit, role, &password, "cli")
                .await?;
            output::line(&format!(
                "已建立账户 (added)：{}（{} · {}），首次登录须修改口令",
                a.name.as_str(),
                a.unit.as_str(),
                a.role.label()
            ))?;
        }
        UserCommand::Reset { name, db } => {
            let store = Store::open(&db.db, false).await?;
            let a = account(&store, &name).await?;
            let password = read_password(a.name.as_str())?;
            store
                .set_password(a.id, &password, true, "cli", None)
                .await?;
            output::line(&format!(
                "已重置口令 (reset)：{}，下次登录须修改；其会话已结束",
                a.name.as_str()
            ))?;
        }
        UserCommand::Disable { name, db } => set_disabled(&db.db, &name, true).await?,
        UserCommand::Enable { name, db } => set_disabled(&db.db, &name, false).await?,
        UserCommand::List { db } => {
            let store = Store::open(&db.db, false).await?;
            let mut rows = vec![
                ["用户名", "单位", "角色", "状态"]
                    .map(String::from)
                    .to_vec(),
            ];
            for a in store.accounts().await? {
                rows.push(vec![
                    a.name.as_str().to_string(),
                    a.unit.as_str().to_string(),
                    a.role.label().to_string(),
                    a.status.label().to_string(),
                ]);
            }
            output::line(&output::table(&rows))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn set_disabled(db: &str, name: &str, disabled: bool) -> anyhow::Result<()> {
    let store = Store::open(db, false).await?;
    let a = account(&store, name).await?;
    store.set_account_disabled(a.id, disabled, "cli").await?;
    output::line(&if disabled {
        format!("已停用 (disabled)：{}，其会话已结束", a.name.as_str())
    } else {
        format!("已启用 (enabled)：{}，下次登录须修改口令", a.name.as_str())
    })
}

async fn verify(db: &str) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false).await?;
    match store.verify_audit().await {
        Ok(n) => {
            output::line(&format!(
                "审计记录完整 (audit trail intact)：{n} 条，哈希链与链头一致"
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            output::line(&format!("审计记录校验失败 (audit trail broken)：{e}"))?;
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn list_audit(db: &str, limit: u64) -> anyhow::Result<ExitCode> {
    let store = Store::open(db, false).await?;
    let mut rows = vec![
        ["时间", "操作人", "来源", "操作", "对象", "内容"]
            .map(String::from)
            .to_vec(),
    ];
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(8));
    for e in store.audit_events(limit).await? {
        let at = jiff::Timestamp::from_second(e.at)
            .map(|t| {
                t.to_zoned_datetime(tz.clone())
                    .strftime("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_else(|_| e.at.to_string());
        rows.push(vec![
            at,
            e.actor,
            e.source,
            e.action,
            e.subject,
            output::clip(&e.detail, 40),
        ]);
    }
    output::line(&output::table(&rows))?;
    Ok(ExitCode::SUCCESS)
}
