//! 账户与工作流 — accounts, sessions, the task workflow, 督办 and 整改 (issue 7).
