//! 监管业务 — enterprises, 双随机 draws, inspections, diesel checks, outfalls, petitions (issue 8).
