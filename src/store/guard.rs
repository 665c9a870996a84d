//! Reading a damaged file must give an error, never a crash: the storage engine may panic on pages it cannot
//! make sense of, so every open and every whole-file read runs inside [`catch`], which turns such a panic
//! into `Err` and keeps the default panic message off the terminal and the log (the caller reports an error
//! that names the file instead). Panics anywhere else are printed as always.

use std::cell::Cell;

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`; a panic inside it becomes `Err(())`.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, ()> {
    let outer = CATCHING.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(outer));
    result.map_err(|_| ())
}

/// Installs the panic hook that stays quiet for panics [`catch`] turns into errors; call once at start-up.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !CATCHING.with(Cell::get) {
            default(info)
        }
    }));
}
