//! The `image/svg+xml` answer of the chart picture routes.

use crate::saju::chart::Chart;
use poem_openapi::payload::PlainText;
use poem_openapi::ApiResponse;

#[derive(ApiResponse)]
pub enum SvgImage {
    /// The chart picture (SVG): pillars grid, 오행 balance, 대운 timeline and the asked 세운.
    #[oai(status = 200, content_type = "image/svg+xml")]
    Ok(PlainText<String>),
}

impl SvgImage {
    /// The picture of `chart`, the 대운 and 세운 of this year highlighted.
    pub fn of(chart: &Chart) -> SvgImage {
        SvgImage::Ok(PlainText(crate::picture::chart_svg(chart, crate::clock::this_year())))
    }
}
