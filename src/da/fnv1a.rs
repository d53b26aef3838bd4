/// FNV-1a, 64 bits: the hash of the verb tables' slots. build.rs fills the slots with it and
/// `da::lexicon` looks keys up with it; both include this file, so they cannot disagree.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
