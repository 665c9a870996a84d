//! Lifting a plugin's answer under a budget. wasmtime copies strings and lists out of the sandbox eagerly
//! (and runs the plugin's post-return, which frees them, right after), so a list of many findings that all
//! point at one large string could make the host allocate far more than the plugin's own memory. These
//! wrappers check each list length and charge each string to a per-call byte budget *while* lifting, and
//! stop at the first excess.
//!
//! They implement wasmtime's (hidden, but public) lifting traits, delegating type checks to `string` and
//! `list<T>`; wasmtime is pinned (`=48.0.8`) in Cargo.toml.

use std::cell::Cell;
use wasmtime::component::__internal::{CanonicalAbiInfo, InstanceType, InterfaceType, LiftContext};
use wasmtime::component::{ComponentType, Lift};
use wasmtime::ValRaw;

/// Bookkeeping charged per string or list item on top of its bytes, so empty items are not free.
const ITEM_COST: usize = 16;

thread_local! {
    static BUDGET: Cell<Budget> = const { Cell::new(Budget { bytes: 0, max_items: 0 }) };
}

#[derive(Clone, Copy)]
struct Budget {
    bytes: usize,
    max_items: usize,
}

/// The answer was bigger than the limits allow.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct OutputLimit(pub String);

/// Sets the budget for the lifting that follows on this thread (one plugin call).
pub fn start(bytes: usize, max_items: usize) {
    BUDGET.set(Budget { bytes, max_items });
}

fn charge(n: usize) -> wasmtime::Result<()> {
    let mut b = BUDGET.get();
    let cost = n.saturating_add(ITEM_COST);
    if cost > b.bytes {
        return Err(wasmtime::Error::new(OutputLimit("출력이 바이트 한도를 넘었습니다".into())));
    }
    b.bytes -= cost;
    BUDGET.set(b);
    Ok(())
}

fn pair_from_memory(bytes: &[u8]) -> (usize, usize) {
    let word = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize;
    (word(0), word(4))
}

fn region<'a>(cx: &LiftContext<'a>, ptr: usize, len: usize) -> wasmtime::Result<&'a [u8]> {
    ptr.checked_add(len)
        .and_then(|end| cx.memory().get(ptr..end))
        .ok_or_else(|| wasmtime::format_err!("pointer out of bounds of memory"))
}

/// A UTF-8 `string`, copied only if it fits the budget.
pub struct BoundedStr(pub String);

unsafe impl ComponentType for BoundedStr {
    type Lower = [ValRaw; 2];
    const ABI: CanonicalAbiInfo = CanonicalAbiInfo::POINTER_PAIR;

    fn typecheck(ty: &InterfaceType, types: &InstanceType<'_>) -> wasmtime::Result<()> {
        <str as ComponentType>::typecheck(ty, types)
    }
}

impl BoundedStr {
    fn lift(cx: &mut LiftContext<'_>, ptr: usize, len: usize) -> wasmtime::Result<BoundedStr> {
        charge(len)?;
        let bytes = region(cx, ptr, len)?;
        let text = std::str::from_utf8(bytes).map_err(|e| wasmtime::format_err!("invalid UTF-8: {e}"))?;
        Ok(BoundedStr(text.to_string()))
    }
}

unsafe impl Lift for BoundedStr {
    fn linear_lift_from_flat(
        cx: &mut LiftContext<'_>,
        _ty: InterfaceType,
        src: &Self::Lower,
    ) -> wasmtime::Result<Self> {
        BoundedStr::lift(cx, src[0].get_u32() as usize, src[1].get_u32() as usize)
    }

    fn linear_lift_from_memory(cx: &mut LiftContext<'_>, _ty: InterfaceType, bytes: &[u8]) -> wasmtime::Result<Self> {
        let (ptr, len) = pair_from_memory(bytes);
        BoundedStr::lift(cx, ptr, len)
    }
}

/// A `list<T>` of at most the budget's item count, each item charged.
pub struct BoundedList<T>(pub Vec<T>);

unsafe impl<T: ComponentType> ComponentType for BoundedList<T> {
    type Lower = [ValRaw; 2];
    const ABI: CanonicalAbiInfo = CanonicalAbiInfo::POINTER_PAIR;

    fn typecheck(ty: &InterfaceType, types: &InstanceType<'_>) -> wasmtime::Result<()> {
        <[T] as ComponentType>::typecheck(ty, types)
    }
}

impl<T: Lift> BoundedList<T> {
    fn lift(cx: &mut LiftContext<'_>, ty: InterfaceType, ptr: usize, len: usize) -> wasmtime::Result<Self> {
        let max = BUDGET.get().max_items;
        if len > max {
            return Err(wasmtime::Error::new(OutputLimit(format!(
                "목록 {len}개: 한 번에 {max}개까지 돌려줄 수 있습니다"
            ))));
        }
        let element = match ty {
            InterfaceType::List(i) => cx.types[i].element,
            _ => wasmtime::bail!("expected a list"),
        };
        if !ptr.is_multiple_of(T::ALIGN32 as usize) {
            wasmtime::bail!("list pointer not aligned");
        }
        let all = region(cx, ptr, len.checked_mul(T::SIZE32).ok_or_else(|| wasmtime::format_err!("list too long"))?)?;
        let mut items = Vec::with_capacity(len);
        for chunk in all.chunks_exact(T::SIZE32.max(1)).take(len) {
            charge(0)?;
            items.push(T::linear_lift_from_memory(cx, element, chunk)?);
        }
        Ok(BoundedList(items))
    }
}

unsafe impl<T: Lift> Lift for BoundedList<T> {
    fn linear_lift_from_flat(cx: &mut LiftContext<'_>, ty: InterfaceType, src: &Self::Lower) -> wasmtime::Result<Self> {
        BoundedList::lift(cx, ty, src[0].get_u32() as usize, src[1].get_u32() as usize)
    }

    fn linear_lift_from_memory(cx: &mut LiftContext<'_>, ty: InterfaceType, bytes: &[u8]) -> wasmtime::Result<Self> {
        let (ptr, len) = pair_from_memory(bytes);
        BoundedList::lift(cx, ty, ptr, len)
    }
}
