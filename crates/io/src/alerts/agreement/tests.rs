//! The agreement reader: a good file, and every problem named by file, line and field.

use super::*;

const GOOD: &str = r#"
id = "t-1"
name = "测试协议"
upstream = "甲"
downstream = "乙"
sections = ["界河"]
target = "Ⅲ"
assessment = "季度"
annual_cap = "1000"

[rule]
kind = "class_threshold"
reward_if_better_than = "Ⅱ"
penalty_if_worse_than = "Ⅲ"
amount = 500
"#;

#[test]
fn reads_a_good_file() {
    let a = parse(Path::new("a.toml"), GOOD).expect("good");
    assert_eq!(a.id, "t-1");
    assert_eq!(a.factors, default_factors());
    assert_eq!(a.assessment, PeriodKind::Quarter);
    assert_eq!(a.annual_cap, Some(Decimal::from(1000)));
    assert!(matches!(a.rule, AmountRule::ClassThreshold { .. }));
}

#[test]
fn names_line_and_field_of_each_problem() {
    let bad = GOOD
        .replace("amount = 500", "amount = 0.5")
        .replace("target = \"Ⅲ\"", "target = \"劣Ⅴ\"")
        .replace("upstream = \"甲\"\n", "");
    let issues = parse(Path::new("a.toml"), &bad).expect_err("bad");
    let shown: Vec<String> = issues.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 3, "{shown:#?}");
    assert!(shown.iter().any(|s| s.starts_with("a.toml:upstream: 缺少")));
    assert!(
        shown.iter().any(|s| s.starts_with("a.toml:6:target:")),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|s| s.starts_with("a.toml:14:rule.amount:") && s.contains("字符串"))
    );
    let syntax = parse(Path::new("a.toml"), "id = \n").expect_err("syntax");
    assert!(
        syntax[0]
            .to_string()
            .starts_with("a.toml:1:(file): 格式错误")
    );
    let unknown = parse(Path::new("a.toml"), &format!("{GOOD}\n")).map(|_| ());
    assert!(unknown.is_ok());
    let same = GOOD.replace("downstream = \"乙\"", "downstream = \"甲\"");
    let e = parse(Path::new("a.toml"), &same).expect_err("same parties");
    assert!(e[0].to_string().contains("(agreement)"));
}
