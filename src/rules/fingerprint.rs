//! A stable fingerprint of a rule set, so two audits can say whether they used the same rules.

use crate::rules::RuleSet;

/// FNV-1a, 64 bits: tiny, stable across versions and platforms, and enough to tell rule sets
/// apart (this is an identity, not a security hash).
struct Fnv(u64);

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn field(&mut self, s: &str) {
        self.write(s.as_bytes());
        self.write(&[0x1f]);
    }
}

/// 16 hex digits over every rule sorted by id: whether it is on, its kind, category, severity,
/// applicability, threshold, message and phrases. Changing any of them changes the hash; the
/// order packs were loaded in does not.
pub fn fingerprint(set: &RuleSet) -> String {
    let mut order: Vec<usize> = (0..set.rules.len()).collect();
    order.sort_by(|&a, &b| set.rules[a].id.cmp(&set.rules[b].id));
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    for i in order {
        let r = &set.rules[i];
        h.field(&r.id);
        h.field(if set.is_enabled(i) { "on" } else { "off" });
        h.field(r.kind.as_str());
        h.field(r.category.as_str());
        h.field(r.severity.as_str());
        h.field(r.applicability.map_or("", |a| a.as_str()));
        h.field(&r.max.map_or(String::new(), |m| m.to_string()));
        h.field(&r.message);
        for p in &r.phrases {
            h.field(p);
        }
        h.field("");
        for p in &r.replace {
            h.field(p);
        }
        h.write(b"\n");
    }
    format!("{:016x}", h.0)
}
