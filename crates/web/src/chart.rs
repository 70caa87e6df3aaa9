//! Server-rendered SVG charts: no script, prints as vectors, `<title>` gives hover text.

use crate::view::escape;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Monthly bars (January to December) with an optional target line. Values are drawn only — the
/// numbers shown are the decimals themselves.
pub(crate) fn monthly_bars(
    values: &[(i8, Option<Decimal>)],
    target: Option<Decimal>,
    unit: &str,
) -> String {
    const W: f64 = 640.0;
    const H: f64 = 220.0;
    const LEFT: f64 = 44.0;
    const BOTTOM: f64 = 24.0;
    const TOP: f64 = 16.0;
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    let max = values
        .iter()
        .filter_map(|(_, v)| v.map(f))
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
    for m in 1..=12i8 {
        let x = LEFT + slot * f64::from(m - 1);
        svg.push_str(&format!(
            r##"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle" fill="#66727f">{m}月</text>"##,
            x + slot / 2.0,
            H - 8.0
        ));
        if let Some((_, Some(v))) = values.iter().find(|(month, _)| *month == m) {
            let top = y(f(*v));
            let text = format!("{}{}", v.round_dp(1).normalize(), unit);
            svg.push_str(&format!(
                r##"<rect x="{:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" fill="#2f9e44"><title>{m}月：{}</title></rect><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#1f2933">{}</text>"##,
                x + slot * 0.2,
                slot * 0.6,
                (H - BOTTOM - top).max(0.0),
                escape(&text),
                x + slot / 2.0,
                top - 3.0,
                escape(&v.round_dp(1).normalize().to_string())
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
    fn bars_for_months_with_data_and_a_target_line() {
        let svg = monthly_bars(
            &[
                (1, Some(Decimal::from(40))),
                (2, None),
                (3, Some(Decimal::from(20))),
            ],
            Some(Decimal::from(35)),
            " μg/m³",
        );
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("1月：40 μg/m³"));
        assert!(svg.contains("目标 35 μg/m³"));
        assert_eq!(svg.matches("月</text>").count(), 12);
    }
}
