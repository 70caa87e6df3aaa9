//! Golden tests: hand-made quarters whose settlement is computed by hand in the comments.
//!
//! GB 3838-2002 表1 limits used (rivers, mg/L), Ⅰ/Ⅱ/Ⅲ/Ⅳ/Ⅴ:
//! COD 15/15/20/30/40; 氨氮 0.15/0.5/1.0/1.5/2.0; 总磷 0.02/0.1/0.2/0.3/0.4.

use super::*;
use ecogov_standards::water::{Item, WaterClass};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().expect("test literal")
}

fn month(m: u32) -> YearMonth {
    YearMonth::new(2023, m).expect("month")
}

/// COD, 氨氮, 总磷 of one section and month.
fn values(section: &str, m: u32, cod: &str, nh3: &str, tp: &str) -> MonthlyValues {
    MonthlyValues {
        section: section.into(),
        month: month(m),
        values: vec![
            (Item::ChemicalOxygenDemand, d(cod)),
            (Item::AmmoniaNitrogen, d(nh3)),
            (Item::TotalPhosphorus, d(tp)),
        ],
    }
}

fn q2() -> AssessmentPeriod {
    "2023-Q2".parse().expect("period")
}

fn banded_agreement() -> Agreement {
    Agreement {
        id: "zk-1".into(),
        upstream: "甲镇".into(),
        downstream: "乙镇".into(),
        sections: vec!["甲乙交界".into()],
        ..Agreement::template_exceedance_bands()
    }
}

/// 周口 bands, monthly assessment, target Ⅲ, factors summed.
///
/// | month | COD | 氨氮 | 总磷 | hand computation | amount |
/// |---|---|---|---|---|---|
/// | 04 | 18 (Ⅲ) | 1.2 (Ⅳ) | 0.15 (Ⅲ) | 氨氮 (1.2−1.0)/1.0 = 0.20 ∈ (0.1,0.5] → 10 × 1.20 = 12 | −12 |
/// | 05 | 32 (Ⅴ) | 1.6 (Ⅴ) | 0.25 (Ⅳ) | COD (32−20)/20 = 0.60 → 25 × 1.60 = 40; 氨氮 0.60 → 40; 总磷 (0.25−0.2)/0.2 = 0.25 → 10 × 1.25 = 12.5; sum 92.5 | −92.5 |
/// | 06 | 15 (Ⅰ) | 0.5 (Ⅱ) | 0.1 (Ⅱ) | nothing exceeds Ⅲ | 0 |
///
/// Quarter: −12 − 92.5 + 0 = −104.5 → 甲镇 (upstream) pays 乙镇 104.5万元.
#[test]
fn banded_monthly_quarter() {
    let a = banded_agreement();
    let inputs = [
        values("甲乙交界", 4, "18", "1.2", "0.15"),
        values("甲乙交界", 5, "32", "1.6", "0.25"),
        values("甲乙交界", 6, "15", "0.5", "0.1"),
        // another section and a month outside the quarter are ignored
        values("别处", 5, "99", "9", "9"),
        values("甲乙交界", 7, "99", "9", "9"),
    ];
    let s = settle(&a, q2(), &inputs).expect("settle");
    let amounts: Vec<Decimal> = s.lines.iter().map(|l| l.amount).collect();
    assert_eq!(amounts, [d("-12"), d("-92.5"), d("0")]);
    let classes: Vec<Option<WaterClass>> = s
        .lines
        .iter()
        .map(|l| l.evaluation.as_ref().map(|e| e.class))
        .collect();
    assert_eq!(
        classes,
        [
            Some(WaterClass::IV),
            Some(WaterClass::V),
            Some(WaterClass::II)
        ]
    );
    assert_eq!(s.gross, d("-104.5"));
    assert_eq!(s.net, d("-104.5"));
    assert!(!s.capped && s.complete);
    assert_eq!(s.payer(), Some("甲镇"));
    assert_eq!(s.payee(), Some("乙镇"));
    assert_eq!(s.amount(), d("104.5"));
    assert_eq!(
        s.lines[1].reason,
        "甲乙交界 2023-05：化学需氧量 32、氨氮 1.6、总磷 0.25（mg/L）→ Ⅴ类（目标Ⅲ类，劣于目标2个类别）；\
         化学需氧量超标0.60倍，基数25万元×(1+0.60)=40万元；\
         氨氮超标0.60倍，基数25万元×(1+0.60)=40万元；\
         总磷超标0.25倍，基数10万元×(1+0.25)=12.5万元；本期上游向下游赔付92.5万元"
    );
    assert_eq!(
        s.lines[2].reason,
        "甲乙交界 2023-06：化学需氧量 15、氨氮 0.5、总磷 0.1（mg/L）→ Ⅱ类（目标Ⅲ类，优于目标1个类别）；\
         各因子均未超标，不补偿；本期0万元"
    );
    assert_eq!(
        s.reason,
        "2023-Q2 超标倍数分档按月考核（模板，依周口办法）：3条考核记录合计上游向下游赔付104.5万元。结论：甲镇向乙镇支付104.5万元"
    );
    // the worst factor only: 04 → 12; 05 → COD and 氨氮 tie at 0.60 → 40; 06 → 0; total 52
    let worst = Agreement {
        rule: AmountRule::ExceedanceBands {
            bands: exceedance_bands_by_multiple().to_vec(),
            aggregation: FactorAggregation::WorstFactor,
        },
        ..banded_agreement()
    };
    assert_eq!(settle(&worst, q2(), &inputs).map(|s| s.net), Ok(d("-52")));
}

fn quarterly_agreement() -> Agreement {
    Agreement {
        id: "q-1".into(),
        name: "按季度类别差考核".into(),
        upstream: "上游区".into(),
        downstream: "下游区".into(),
        sections: vec!["甲".into(), "乙".into()],
        assessment: PeriodKind::Quarter,
        rule: AmountRule::PerClassStep { per_step: d("100") },
        annual_cap: None,
        ..Agreement::template_class_threshold()
    }
}

/// 100万 per class step from Ⅲ, assessed on the quarter's means.
///
/// 甲: COD (12+14+13)/3 = 13 → Ⅰ; 氨氮 (0.10+0.12+0.14)/3 = 0.12 → Ⅰ; 总磷 (0.05+0.07+0.09)/3
///     = 0.07 → Ⅱ. Class Ⅱ, one class better → +100 (下游区 pays 上游区).
/// 乙: COD (22+26+24)/3 = 24 → Ⅳ; 氨氮 (1.8+2.2+2.0)/3 = 2.0 → Ⅴ (≤ 2.0); 总磷 (0.3+0.4+0.2)/3
///     = 0.3 → Ⅳ. Class Ⅴ, two classes worse → −200. (May alone is 劣Ⅴ by 氨氮 2.2, but only the
///     quarter mean counts; the month lines show it without an amount.)
/// Net: +100 − 200 = −100 → 上游区 pays 下游区 100万元. With an annual cap of 50 → 50万元.
#[test]
fn per_class_step_on_quarter_means() {
    let a = quarterly_agreement();
    let inputs = [
        values("甲", 4, "12", "0.10", "0.05"),
        values("甲", 5, "14", "0.12", "0.07"),
        values("甲", 6, "13", "0.14", "0.09"),
        values("乙", 4, "22", "1.8", "0.3"),
        values("乙", 5, "26", "2.2", "0.4"),
        values("乙", 6, "24", "2.0", "0.2"),
    ];
    let s = settle(&a, q2(), &inputs).expect("settle");
    assert_eq!(s.lines.len(), 2);
    let (jia, yi) = (&s.lines[0], &s.lines[1]);
    assert_eq!(
        jia.evaluation.as_ref().map(|e| e.class),
        Some(WaterClass::II)
    );
    assert_eq!(jia.amount, d("100"));
    assert_eq!(yi.evaluation.as_ref().map(|e| e.class), Some(WaterClass::V));
    assert_eq!(yi.amount, d("-200"));
    let may = &yi.months[1].evaluation;
    assert_eq!(may.class, WaterClass::WorseThanV);
    assert!(!may.counted);
    assert_eq!(may.amount, Decimal::ZERO);
    assert_eq!(
        may.reason,
        "乙 2023-05：化学需氧量 26、氨氮 2.2、总磷 0.4（mg/L）→ 劣Ⅴ类（目标Ⅲ类，劣于目标3个类别）；按季度考核，月度结果不计金额"
    );
    assert_eq!(
        yi.reason,
        "乙 2023-Q2均值：化学需氧量 24、氨氮 2、总磷 0.3（mg/L）→ Ⅴ类（目标Ⅲ类，劣于目标2个类别）；类别差-2×每类100万元；本期上游向下游赔付200万元"
    );
    assert_eq!(s.net, d("-100"));
    assert_eq!(s.payer(), Some("上游区"));
    let capped = Agreement {
        annual_cap: Some(d("50")),
        ..quarterly_agreement()
    };
    let c = settle(&capped, q2(), &inputs).expect("settle");
    assert_eq!((c.gross, c.net, c.capped), (d("-100"), d("-50"), true));
    assert!(c.reason.contains("超过年度封顶50万元，按封顶计"));
    assert!(c.reason.ends_with("结论：上游区向下游区支付50万元"));
}

/// 高桥河 template (yearly, better than Ⅱ +500 / worse than Ⅲ −500, cap 1000).
#[test]
fn class_threshold_year_and_period_checks() {
    let a = Agreement::template_class_threshold();
    // a quarter is shorter than the yearly assessment
    assert!(matches!(
        settle(&a, q2(), &[]),
        Err(CompensationError::Period(
            PeriodError::ShorterThanAssessment { .. }
        ))
    ));
    // a year with data in two months: means COD (12+14)/2 = 13 Ⅰ, 氨氮 (0.1+0.2)/2 = 0.15 Ⅰ,
    // 总磷 (0.01+0.03)/2 = 0.02 Ⅰ → Ⅰ, better than Ⅱ → +500; ten months missing.
    let inputs = [
        values("跨界断面", 3, "12", "0.1", "0.01"),
        values("跨界断面", 9, "14", "0.2", "0.03"),
    ];
    let year: AssessmentPeriod = "2023".parse().expect("year");
    let s = settle(&a, year, &inputs).expect("settle");
    assert_eq!(s.lines.len(), 1);
    assert_eq!(s.lines[0].missing.len(), 10);
    assert_eq!(s.net, d("500"));
    assert!(!s.complete);
    assert_eq!(s.payer(), Some("下游方"));
    assert!(s.lines[0].reason.contains("2023均值（2个月有数据）"));
    assert!(s.lines[0].reason.contains("优于Ⅱ类，下游补偿500万元"));
    assert!(s.reason.contains("缺少监测数据：跨界断面 2023-01、"));
}

#[test]
fn input_errors_and_missing_months() {
    let a = banded_agreement();
    let dup = [
        values("甲乙交界", 4, "18", "1.2", "0.15"),
        values("甲乙交界", 4, "18", "1.2", "0.15"),
    ];
    assert_eq!(
        settle(&a, q2(), &dup),
        Err(CompensationError::DuplicateInput {
            section: "甲乙交界".into(),
            month: month(4)
        })
    );
    let mut partial = values("甲乙交界", 4, "18", "1.2", "0.15");
    partial.values.pop();
    assert_eq!(
        settle(&a, q2(), &[partial]),
        Err(CompensationError::MissingFactor {
            section: "甲乙交界".into(),
            period: "2023-04".into(),
            item: Item::TotalPhosphorus
        })
    );
    let negative = values("甲乙交界", 4, "-1", "1.2", "0.15");
    assert!(matches!(
        evaluate_month(&a, &negative),
        Err(CompensationError::NegativeValue { .. })
    ));
    // only April: May and June count zero and the settlement is incomplete
    let s = settle(&a, q2(), &[values("甲乙交界", 4, "18", "1.2", "0.15")]).expect("settle");
    assert_eq!(s.net, d("-12"));
    assert!(!s.complete);
    assert_eq!(
        s.lines[1].reason,
        "甲乙交界 2023-05：缺少监测数据，未计金额"
    );
    let mut bad = banded_agreement();
    bad.sections.clear();
    assert_eq!(settle(&bad, q2(), &[]), Err(CompensationError::NoSection));
}

#[test]
fn nothing_owed() {
    let a = banded_agreement();
    let inputs = [
        values("甲乙交界", 4, "15", "0.5", "0.1"),
        values("甲乙交界", 5, "15", "0.5", "0.1"),
        values("甲乙交界", 6, "20", "1.0", "0.2"),
    ];
    let s = settle(&a, q2(), &inputs).expect("settle");
    assert_eq!(s.net, Decimal::ZERO);
    assert_eq!(s.payer(), None);
    assert!(s.reason.ends_with("结论：双方互不支付"));
}
