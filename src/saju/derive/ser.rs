//! Serialization helpers: the building-block types in `ganzhi` and `pillars` are plain indices
//! without serde derives, so derived results write them as their stable English codes
//! (`wood`, `year`) through these `serialize_with` functions.

use serde::ser::{SerializeSeq, Serializer};

use crate::saju::ganzhi::Element;
use crate::saju::pillars::Position;

pub(crate) fn element<S: Serializer>(e: &Element, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(e.code())
}

pub(crate) fn option_element<S: Serializer>(e: &Option<Element>, s: S) -> Result<S::Ok, S::Error> {
    match e {
        Some(e) => s.serialize_some(e.code()),
        None => s.serialize_none(),
    }
}

pub(crate) fn position<S: Serializer>(p: &Position, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(p.code())
}

pub(crate) fn positions<S: Serializer>(v: &[Position], s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(Some(v.len()))?;
    for p in v {
        seq.serialize_element(p.code())?;
    }
    seq.end()
}
