//! UTF-8 byte offsets to code-point offsets (the offsets of a Python `str`).
//!
//! The tokenizer works on the UTF-8 bytes of the page; spam evidence slices the Python string
//! by code points. One linear pass counts the code points before every 64-byte stride; an
//! offset is then that count plus the characters started in the rest of its stride. Pure-ASCII
//! pages (most of the web) skip the table: there bytes and code points coincide.

const STRIDE: usize = 64;
const HIGH: u64 = 0x8080_8080_8080_8080;

pub struct CodePoints<'a> {
    bytes: &'a [u8],
    /// code points before byte `i * STRIDE`; empty for ASCII input.
    before_stride: Vec<u32>,
}

/// Characters started in `bytes`: all bytes but the continuation bytes (0b10xxxxxx), counted
/// eight at a time.
#[inline]
fn count_starts(bytes: &[u8]) -> u32 {
    let mut words = bytes.chunks_exact(8);
    let mut continuations = 0;
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().unwrap());
        continuations += (w & !(w << 1) & HIGH).count_ones();
    }
    let rest = words.remainder();
    continuations += rest.iter().filter(|&&b| b & 0xC0 == 0x80).count() as u32;
    bytes.len() as u32 - continuations
}

impl<'a> CodePoints<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return CodePoints { bytes, before_stride: Vec::new() };
        }
        let mut before_stride = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut count = 0u32;
        let mut strides = bytes.chunks_exact(STRIDE);
        for stride in &mut strides {
            before_stride.push(count);
            let mut continuations = 0;
            for word in stride.chunks_exact(8) {
                let w = u64::from_le_bytes(word.try_into().unwrap());
                continuations += (w & !(w << 1) & HIGH).count_ones();
            }
            count += STRIDE as u32 - continuations;
        }
        before_stride.push(count); // the last, partial stride (possibly empty)
        CodePoints { bytes, before_stride }
    }

    /// The code-point offset of byte offset `at` (a character boundary, or the end).
    #[inline]
    pub fn of(&self, at: usize) -> usize {
        if self.before_stride.is_empty() {
            return at;
        }
        let at = at.min(self.bytes.len());
        let stride = at / STRIDE;
        self.before_stride[stride] as usize + count_starts(&self.bytes[stride * STRIDE..at]) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_boundary() {
        let text = "aé中😀".repeat(40);
        let table = CodePoints::new(&text);
        for (count, (at, _)) in text.char_indices().enumerate() {
            assert_eq!(table.of(at), count);
        }
        assert_eq!(table.of(text.len()), text.chars().count());
        let exact = "é".repeat(32); // 64 bytes: the end is a stride boundary
        assert_eq!(CodePoints::new(&exact).of(exact.len()), 32);
    }
}
