//! UTF-8 byte offsets to code-point offsets (the offsets of a Python `str`).
//!
//! The tokenizer works on the UTF-8 bytes of the page; spam evidence slices the Python string
//! by code points. One linear pass counts the code points before every 64-byte stride; an
//! offset is then that count plus the characters started in the rest of its stride. Pure-ASCII
//! pages (most of the web) skip the table: there bytes and code points coincide.

const STRIDE: usize = 64;

pub struct CodePoints<'a> {
    bytes: &'a [u8],
    /// code points before byte `i * STRIDE`; empty for ASCII input.
    before_stride: Vec<u32>,
}

#[inline]
fn starts_char(byte: u8) -> bool {
    (byte & 0xC0) != 0x80
}

impl<'a> CodePoints<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        if text.is_ascii() {
            return CodePoints { bytes, before_stride: Vec::new() };
        }
        let mut before_stride = Vec::with_capacity(bytes.len() / STRIDE + 1);
        let mut count = 0u32;
        for chunk in bytes.chunks(STRIDE) {
            before_stride.push(count);
            count += chunk.iter().filter(|&&b| starts_char(b)).count() as u32;
        }
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
        if stride >= self.before_stride.len() {
            // `at` is the end of a text whose length is a multiple of STRIDE
            let last = self.before_stride.len() - 1;
            let tail = &self.bytes[last * STRIDE..at];
            return self.before_stride[last] as usize + tail.iter().filter(|&&b| starts_char(b)).count();
        }
        let tail = &self.bytes[stride * STRIDE..at];
        self.before_stride[stride] as usize + tail.iter().filter(|&&b| starts_char(b)).count()
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
