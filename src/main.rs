fn main() -> std::process::ExitCode {
    saju::cli::run()
}
