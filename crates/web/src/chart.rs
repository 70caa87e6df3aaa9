//! Server-rendered SVG charts: no script, prints as vectors, `<title>` gives hover text.

use crate::view::escape;
use ecogov_domain::target_eval::MonthPoint;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Monthly bars, January to December: this year (green) beside last year (grey), with an optional
/// target line. Values are drawn only — the numbers printed are the decimals themselves.
pub(crate) fn monthly_bars(points: &[MonthPoint], target: Option<Decimal>, unit: &str) -> String {
    const W: f64 = 640.0;
    const H: f64 = 236.0;
    const LEFT: f64 = 44.0;
    const BOTTOM: f64 = 24.0;
    const TOP: f64 = 32.0;
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let max = points
        .iter()
        .flat_map(|p| [p.this_year, p.last_year])
        .flatten()
        .map(f)
        .chain(target.map(f))
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.15;
    let plot_h = H - BOTTOM - TOP;
    let y = |v: f64| TOP + plot_h * (1.0 - v / max);
    let slot = (W - LEFT) / 12.0;
    let mut svg = format!(
        r##"<svg class="chart" role="img" viewBox="0 0 {W} {H}" width="{W}" height="{H}" xmlns="http://www.w3.org/2000/svg"><line x1="{LEFT}" y1="{}" x2="{W}" y2="{}" stroke="#9aa5b1"/>"##,
        H - BOTTOM,
        H - BOTTOM
    );
    let has_last = points.iter().any(|p| p.last_year.is_some());
    svg.push_str(&format!(
        r##"<rect x="{LEFT}" y="6" width="10" height="10" fill="#2f9e44"/><text x="{}" y="15" font-size="11" fill="#1f2933">今年</text>"##,
        LEFT + 14.0
    ));
    if has_last {
        svg.push_str(&format!(
            r##"<rect x="{}" y="6" width="10" height="10" fill="#adb5bd"/><text x="{}" y="15" font-size="11" fill="#1f2933">上年同月</text>"##,
            LEFT + 60.0,
            LEFT + 74.0
        ));
    }
    let bar = |svg: &mut String, x: f64, w: f64, v: Decimal, fill: &str, title: String| {
        let top = y(f(v));
        svg.push_str(&format!(
            r##"<rect x="{x:.1}" y="{top:.1}" width="{w:.1}" height="{:.1}" fill="{fill}"><title>{}</title></rect>"##,
            (H - BOTTOM - top).max(0.0),
            escape(&title),
        ));
        top
    };
    for m in 1..=12i8 {
        let x = LEFT + slot * f64::from(m - 1);
        svg.push_str(&format!(
            r##"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle" fill="#66727f">{m}月</text>"##,
            x + slot / 2.0,
            H - 8.0
        ));
        let Some(p) = points.iter().find(|p| p.month == m) else {
            continue;
        };
        if let Some(v) = p.last_year {
            let shown = v.round_dp(1).normalize();
            bar(
                &mut svg,
                x + slot * 0.12,
                slot * 0.36,
                v,
                "#adb5bd",
                format!("上年{m}月：{shown}{unit}"),
            );
        }
        if let Some(v) = p.this_year {
            let shown = v.round_dp(1).normalize();
            let top = bar(
                &mut svg,
                x + slot * 0.5,
                slot * 0.38,
                v,
                "#2f9e44",
                format!("{m}月：{shown}{unit}"),
            );
            svg.push_str(&format!(
                r##"<text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#1f2933">{}</text>"##,
                x + slot * 0.69,
                top - 3.0,
                escape(&shown.to_string())
            ));
        }
    }
    if let Some(t) = target {
        let ty = y(f(t));
        svg.push_str(&format!(
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{W}" y2="{ty:.1}" stroke="#d9480f" stroke-dasharray="6 4"><title>目标 {}</title></line><text x="2" y="{:.1}" font-size="10" fill="#d9480f">目标{}</text>"##,
            escape(&format!("{}{}", t.normalize(), unit)),
            ty + 3.0,
            escape(&t.normalize().to_string())
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_for_months_with_data_last_year_and_a_target_line() {
        let p = |month, this: Option<i64>, last: Option<i64>| MonthPoint {
            month,
            this_year: this.map(Decimal::from),
            last_year: last.map(Decimal::from),
        };
        let svg = monthly_bars(
            &[
                p(1, Some(40), Some(50)),
                p(2, None, Some(45)),
                p(3, Some(20), None),
            ],
            Some(Decimal::from(35)),
            " μg/m³",
        );
        // Two legend squares, two bars this year, two last year.
        assert_eq!(svg.matches("<rect").count(), 6);
        assert!(svg.contains("1月：40 μg/m³"));
        assert!(svg.contains("上年2月：45 μg/m³"));
        assert!(svg.contains("目标 35 μg/m³"));
        // Twelve month labels and the legend's 上年同月.
        assert_eq!(svg.matches("月</text>").count(), 13);
        assert!(svg.contains("上年同月</text>"));
    }
}
