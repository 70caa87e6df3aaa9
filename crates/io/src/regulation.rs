//! 监管业务台账的导入导出 — XLSX/CSV import and export of the regulatory ledgers (issue 8).
//!
//! Every ledger file is a table with a header row; columns are found by their Chinese names (in
//! any order, other columns ignored), in CSV (UTF-8 or GBK/GB18030) or in the first sheet of an
//! `.xlsx`/`.xls` workbook, one code path for both ([`sheet`]). A reader returns the good
//! records with their lines and every refused row as a [`LedgerRowError`] naming file, line and
//! column; the callers write nothing when any row is refused (all or nothing).
//!
//! Formats (required columns in bold in `docs/import-formats.md`):
//! - [`enterprises`]: 企业名称, 统一社会信用代码, 地址, 行业, 监管类别 [, 排污许可证编号]
//! - [`inspectors`]: 执法人员编号, 姓名, 所在单位
//! - [`diesel`]: 检测方式, 检测日期 [, 车牌号, 企业信用代码], 检测结果 [, 备注]
//! - [`outfalls`]: 排污口编码, 排污口名称, 受纳水体 [, 整治措施]
//! - [`petitions`]: 信访件编号, 信访渠道, 登记日期 [, 企业信用代码, 地址], 反映内容
//!
//! [`export`] writes each ledger as an `.xlsx` workbook.

pub mod diesel;
pub mod enterprises;
pub mod export;
pub mod inspectors;
pub mod outfalls;
pub mod petitions;
pub mod sheet;

pub use sheet::{LedgerParsed, LedgerRowError, Sheet};
