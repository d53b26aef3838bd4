//! `klarsprog serve`: the local web page.

use super::ServeArgs;

pub fn run(_args: ServeArgs) -> anyhow::Result<i32> {
    Ok(2)
}
