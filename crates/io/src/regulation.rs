//! 监管业务台账的导入导出 — XLSX/CSV import and export of the regulatory ledgers (issue 8).
