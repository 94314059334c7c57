//! The state-feature table the tagger probes ~50 times per token.
//!
//! Most probes miss (the model keeps some tens of thousands of attributes; a sentence
//! produces mostly unseen ones), so a blocked Bloom filter small enough for L1 answers
//! most of them without touching the table. A hit costs one cache line: each 32-byte
//! slot holds the key and up to two label weights inline (most attributes keep one or
//! two after L1 regularisation); longer lists live in an overflow array.

/// 64-bit words in the pre-filter (32 KiB).
const FILTER_WORDS: usize = 1 << 12;
/// Label weights stored inside a slot.
const INLINE: usize = 2;

/// One state weight: the label it votes for and how much.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct LabelWeight {
    pub label: u32,
    pub weight: f32,
}

#[derive(Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    /// Feature key; 0 marks an empty slot (a real key of 0 is stored as 1).
    key: u64,
    /// Number of label weights.
    len: u32,
    /// Start in the overflow array when `len > INLINE`.
    overflow: u32,
    inline: [LabelWeight; INLINE],
}

/// Feature key → the label weights of that feature.
pub(crate) struct FeatureTable {
    filter: Vec<u64>,
    slots: Vec<Slot>,
    mask: usize,
    overflow: Vec<LabelWeight>,
}

fn stored(key: u64) -> u64 {
    if key == 0 { 1 } else { key }
}

/// Filter word and the two bits of `key` in it (taken from bits the slot index ignores).
fn filter_probe(key: u64) -> (usize, u64) {
    let word = (key >> 52) as usize & (FILTER_WORDS - 1);
    let bits = (1u64 << ((key >> 40) & 63)) | (1u64 << ((key >> 46) & 63));
    (word, bits)
}

impl FeatureTable {
    /// Builds the table; on a repeated key the first entry wins.
    pub(crate) fn new(entries: impl IntoIterator<Item = (u64, Vec<LabelWeight>)>) -> FeatureTable {
        let entries: Vec<(u64, Vec<LabelWeight>)> = entries.into_iter().collect();
        // Load factor between 1/3 and 2/3: short probe runs, table as small as that allows.
        let size = (entries.len() * 3 / 2).next_power_of_two().max(16);
        let mut table = FeatureTable {
            filter: vec![0; FILTER_WORDS],
            slots: vec![Slot::default(); size],
            mask: size - 1,
            overflow: Vec::new(),
        };
        for (key, weights) in entries {
            let key = stored(key);
            let mut i = key as usize & table.mask;
            while table.slots[i].key != 0 && table.slots[i].key != key {
                i = (i + 1) & table.mask;
            }
            if table.slots[i].key == key {
                continue;
            }
            let mut slot = Slot {
                key,
                len: weights.len() as u32,
                ..Slot::default()
            };
            if weights.len() <= INLINE {
                slot.inline[..weights.len()].copy_from_slice(&weights);
            } else {
                slot.overflow = table.overflow.len() as u32;
                table.overflow.extend(weights);
            }
            table.slots[i] = slot;
            let (word, bits) = filter_probe(key);
            table.filter[word] |= bits;
        }
        table
    }

    /// The weights of `key`, empty when the model has no such feature.
    #[inline]
    pub(crate) fn get(&self, key: u64) -> &[LabelWeight] {
        let key = stored(key);
        let (word, bits) = filter_probe(key);
        if self.filter[word] & bits != bits {
            return &[];
        }
        let mut i = key as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == key {
                let len = slot.len as usize;
                return if len <= INLINE {
                    &slot.inline[..len]
                } else {
                    &self.overflow[slot.overflow as usize..slot.overflow as usize + len]
                };
            }
            if slot.key == 0 {
                return &[];
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lw(label: u32, weight: f32) -> LabelWeight {
        LabelWeight { label, weight }
    }

    #[test]
    fn finds_stored_keys_and_misses_others() {
        // Keys that collide on the slot index and the filter, plus key 0, with short
        // (inline) and long (overflow) weight lists.
        let keys = [0u64, 1 << 20, 2 << 20, 3 << 20, u64::MAX];
        let table = FeatureTable::new(
            keys.iter()
                .enumerate()
                .map(|(i, &k)| (k, (0..=i as u32).map(|l| lw(l, i as f32)).collect())),
        );
        for (i, &k) in keys.iter().enumerate() {
            let expected: Vec<LabelWeight> = (0..=i as u32).map(|l| lw(l, i as f32)).collect();
            assert_eq!(table.get(k), expected.as_slice());
        }
        assert!(table.get(4 << 20).is_empty());
        assert!(table.get(12345).is_empty());
    }

    #[test]
    fn first_entry_wins_on_repeat() {
        let table = FeatureTable::new([(7, vec![lw(1, 1.0)]), (7, vec![lw(2, 2.0)])]);
        assert_eq!(table.get(7), &[lw(1, 1.0)]);
    }
}
