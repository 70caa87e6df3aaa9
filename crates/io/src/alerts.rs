//! 预报与协议文件 — forecast and agreement files (issue 9).
