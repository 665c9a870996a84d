// mimalloc: charts allocate many small strings; it is ~10% faster than glibc malloc here (see README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    saju::cli::run()
}
