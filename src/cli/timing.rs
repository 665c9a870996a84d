//! `saju timing`: the timing engine's scored years for a life area (the rules: docs/timing.md).

use super::CliError;
use crate::answer::timing::{area_name, best, score_years};
use crate::answer::TimingTopic;
use crate::saju::chart::{build_chart, ChartExtras, ChartRequest};
use clap::Args;

#[derive(Debug, Args)]
pub struct TimingArgs {
    /// 생년월일 YYYY-MM-DD (음력이면 --lunar)
    #[arg(long)]
    date: String,
    /// 출생 시각 HH:MM; 모르면 생략
    #[arg(long)]
    time: Option<String>,
    /// male | female
    #[arg(long)]
    gender: String,
    /// 날짜가 음력입니다
    #[arg(long)]
    lunar: bool,
    /// 음력 윤달입니다 (--lunar와 함께)
    #[arg(long, requires = "lunar")]
    leap: bool,
    /// IANA 시간대
    #[arg(long, default_value = "Asia/Seoul")]
    tz: String,
    /// 관법 묶음: classic | korean_app | fixed_127_5
    #[arg(long)]
    convention: Option<String>,
    /// love(결혼·연애) | career(직업·이직) | wealth(재물) | children(자녀) | move(이사) | study(시험) | general
    #[arg(long, default_value = "general")]
    area: String,
    /// 첫 해 (기본: 올해)
    #[arg(long)]
    from: Option<i32>,
    /// 몇 해를 볼지 (1~30, 기본 10)
    #[arg(long, default_value_t = 10)]
    years: u32,
    /// JSON으로 출력
    #[arg(long)]
    json: bool,
}

pub fn run(args: TimingArgs) -> Result<(), CliError> {
    let area = TimingTopic::from_code(&args.area).ok_or_else(|| {
        CliError(format!(
            "--area는 love, career, wealth, children, move, study, general 중 하나여야 합니다: {}",
            args.area
        ))
    })?;
    if !(1..=30).contains(&args.years) {
        return Err(CliError(format!("--years는 1~30이어야 합니다: {}", args.years)));
    }
    let from = args.from.unwrap_or_else(crate::clock::this_year);
    if !(1800..=2200).contains(&from) {
        return Err(CliError(format!("--from은 1800~2200년이어야 합니다: {from}")));
    }
    let request = ChartRequest {
        calendar: Some(if args.lunar { "korean_lunar" } else { "solar" }.to_string()),
        datetime: match &args.time {
            Some(t) => format!("{}T{t}", args.date),
            None => args.date.clone(),
        },
        timezone: Some(args.tz.clone()),
        gender: args.gender.clone(),
        leap_month: Some(args.leap),
        convention: args.convention.clone(),
        ..Default::default()
    };
    let chart = build_chart(&request.parse()?, &ChartExtras::default())?;
    let scores = score_years(&chart, area, from, args.years);
    let top: Vec<i32> = best(&scores, 3).into_iter().map(|s| s.year).collect();
    if args.json {
        let out = serde_json::json!({"area": area.code(), "years": scores, "best": top});
        println!("{}", serde_json::to_string_pretty(&out).expect("scores serialize"));
        return Ok(());
    }
    println!("{} — {}~{}년 (일간 {})", area_name(area), from, from + args.years as i32 - 1, chart.day_master.name);
    for s in &scores {
        let mark = if top.contains(&s.year) { "★" } else { " " };
        let strains =
            if s.cautions.is_empty() { String::new() } else { format!("  [주의: {}]", s.cautions.join("; ")) };
        println!(
            "{mark} {}년 {} {:>3}세  점수 {:>5.1}  {}{strains}",
            s.year,
            s.pillar,
            s.age,
            s.score,
            s.reasons.join("; ")
        );
    }
    Ok(())
}
