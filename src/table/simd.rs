//! The byte-classifying kernels of the CSV block reader: which bytes of a chunk are
//! quotes, delimiters, line ends or rare bytes, and where the quotes of 16 bytes are.
//!
//! Every kernel has a portable version, compiled on every target and used wherever
//! the processor offers nothing faster. The x86_64 versions (SSE2, part of every
//! x86_64 processor, and AVX2, chosen at run time) sit behind `cfg(target_arch)`,
//! and the tests below check each of them against the portable one on the machine
//! that runs them.

/// Which kernel reads a block. The block reader is compiled once per kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kernel {
    /// Byte by byte, on every target. On x86_64 only the tests and the fuzz target
    /// choose it, but it is compiled there too, so that the path other targets take
    /// is tested everywhere.
    #[cfg_attr(
        all(target_arch = "x86_64", not(any(test, feature = "testing"))),
        allow(dead_code)
    )]
    Portable,
    /// 16 bytes at a time.
    #[cfg(target_arch = "x86_64")]
    Sse2,
    /// 32 bytes at a time, with POPCNT, TZCNT and LZCNT for the bit masks.
    #[cfg(target_arch = "x86_64")]
    Avx2,
}

impl Kernel {
    /// The fastest kernel this processor runs.
    pub(crate) fn best() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        {
            if avx2_available() {
                return Kernel::Avx2;
            }
            Kernel::Sse2
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            Kernel::Portable
        }
    }

    /// Every kernel this processor runs, the portable one first.
    #[cfg(any(test, feature = "testing"))]
    pub(crate) fn available() -> Vec<Kernel> {
        #[cfg(target_arch = "x86_64")]
        {
            let mut all = vec![Kernel::Portable, Kernel::Sse2];
            if avx2_available() {
                all.push(Kernel::Avx2);
            }
            all
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            vec![Kernel::Portable]
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn avx2_available() -> bool {
    std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("popcnt")
        && std::arch::is_x86_feature_detected!("bmi1")
        && std::arch::is_x86_feature_detected!("lzcnt")
}

/// The kernels as const parameters of the readers compiled once for each
/// (`Parse::block_with`, `Cutter::parity_with`).
pub(super) const PORTABLE: u8 = 0;
#[cfg(target_arch = "x86_64")]
pub(super) const SSE2: u8 = 1;
#[cfg(target_arch = "x86_64")]
pub(super) const AVX2: u8 = 2;

/// The masks of `chunk` by the kernel `KERNEL`.
///
/// # Safety
///
/// With `KERNEL` [`AVX2`], the processor must have AVX2.
#[inline(always)]
pub(super) unsafe fn masks<const KERNEL: u8>(
    chunk: &[u8; 64],
    delimiter: u8,
    newline: u8,
) -> Masks {
    #[cfg(target_arch = "x86_64")]
    {
        if KERNEL == AVX2 {
            // SAFETY: the caller runs this only where the processor has AVX2.
            return unsafe { Masks::avx2(chunk, delimiter, newline) };
        }
        if KERNEL == SSE2 {
            return Masks::sse2(chunk, delimiter, newline);
        }
    }
    debug_assert_eq!(KERNEL, PORTABLE);
    Masks::portable(chunk, delimiter, newline)
}

/// Which bytes of a 64-byte chunk are quotes, delimiters and line ends (`newline`:
/// LF, or CR in a file whose lines end with CR), one bit per byte; `rare` marks the
/// bytes looked at one by one: control characters other than tab, the delimiter and
/// the line end (so a CR of a CRLF, and NUL), DEL, and 0xC2, the first byte of the
/// C1 controls in UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Masks {
    pub quote: u64,
    pub delim: u64,
    pub newline: u64,
    pub rare: u64,
}

/// Whether byte `b` is rare, as [`Masks::rare`] says.
#[inline(always)]
fn rare(b: u8, delimiter: u8, newline: u8) -> bool {
    (b <= 0x1F && b != b'\t' && b != newline && b != delimiter) || b == 0x7F || b == 0xC2
}

impl Masks {
    /// Keeps only the bits of `valid` (the bytes of a padded chunk that are real).
    pub(crate) fn within(self, valid: u64) -> Masks {
        Masks {
            quote: self.quote & valid,
            delim: self.delim & valid,
            newline: self.newline & valid,
            rare: self.rare & valid,
        }
    }

    /// The masks of `chunk`, byte by byte.
    pub(crate) fn portable(chunk: &[u8; 64], delimiter: u8, newline: u8) -> Masks {
        let mut m = Masks {
            quote: 0,
            delim: 0,
            newline: 0,
            rare: 0,
        };
        for (i, &b) in chunk.iter().enumerate() {
            m.quote |= u64::from(b == b'"') << i;
            m.delim |= u64::from(b == delimiter) << i;
            m.newline |= u64::from(b == newline) << i;
            m.rare |= u64::from(rare(b, delimiter, newline)) << i;
        }
        m
    }

    /// The masks of `chunk`, 16 bytes at a time.
    #[cfg(target_arch = "x86_64")]
    pub(crate) fn sse2(chunk: &[u8; 64], delimiter: u8, newline: u8) -> Masks {
        use std::arch::x86_64::{
            __m128i, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8,
            _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        };
        let mut m = [0u64; 4];
        // SAFETY: SSE2 is part of every x86_64 processor (the intrinsics need nothing
        // else), and each load reads the 16 bytes of `part`, which `chunks_exact`
        // guarantees exist.
        unsafe {
            let quote = _mm_set1_epi8(b'"' as i8);
            let delim = _mm_set1_epi8(delimiter as i8);
            let line = _mm_set1_epi8(newline as i8);
            let tab = _mm_set1_epi8(b'\t' as i8);
            let low = _mm_set1_epi8(0x1F);
            let del = _mm_set1_epi8(0x7F);
            let c2 = _mm_set1_epi8(0xC2u8 as i8);
            for (p, part) in chunk.chunks_exact(16).enumerate() {
                let v = _mm_loadu_si128(part.as_ptr().cast::<__m128i>());
                let is_quote = _mm_cmpeq_epi8(v, quote);
                let is_delim = _mm_cmpeq_epi8(v, delim);
                let is_line = _mm_cmpeq_epi8(v, line);
                let control = _mm_cmpeq_epi8(_mm_min_epu8(v, low), v);
                let allowed = _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_or_si128(is_delim, is_line));
                let rare = _mm_or_si128(
                    _mm_andnot_si128(allowed, control),
                    _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, c2)),
                );
                let bits = [
                    _mm_movemask_epi8(is_quote),
                    _mm_movemask_epi8(is_delim),
                    _mm_movemask_epi8(is_line),
                    _mm_movemask_epi8(rare),
                ];
                for (mask, bits) in m.iter_mut().zip(bits) {
                    *mask |= u64::from(bits as u16) << (16 * p);
                }
            }
        }
        Masks::from(m)
    }

    /// The masks of `chunk`, 32 bytes at a time.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    pub(crate) fn avx2(chunk: &[u8; 64], delimiter: u8, newline: u8) -> Masks {
        use std::arch::x86_64::{
            __m256i, _mm256_andnot_si256, _mm256_cmpeq_epi8, _mm256_loadu_si256, _mm256_min_epu8,
            _mm256_movemask_epi8, _mm256_or_si256, _mm256_set1_epi8,
        };
        let quote = _mm256_set1_epi8(b'"' as i8);
        let delim = _mm256_set1_epi8(delimiter as i8);
        let line = _mm256_set1_epi8(newline as i8);
        let tab = _mm256_set1_epi8(b'\t' as i8);
        let low = _mm256_set1_epi8(0x1F);
        let del = _mm256_set1_epi8(0x7F);
        let c2 = _mm256_set1_epi8(0xC2u8 as i8);
        let mut m = [0u64; 4];
        for (p, part) in chunk.chunks_exact(32).enumerate() {
            // SAFETY: the load reads the 32 bytes of `part`, which `chunks_exact`
            // guarantees exist.
            let v = unsafe { _mm256_loadu_si256(part.as_ptr().cast::<__m256i>()) };
            let is_quote = _mm256_cmpeq_epi8(v, quote);
            let is_delim = _mm256_cmpeq_epi8(v, delim);
            let is_line = _mm256_cmpeq_epi8(v, line);
            let control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, low), v);
            let allowed = _mm256_or_si256(
                _mm256_cmpeq_epi8(v, tab),
                _mm256_or_si256(is_delim, is_line),
            );
            let rare = _mm256_or_si256(
                _mm256_andnot_si256(allowed, control),
                _mm256_or_si256(_mm256_cmpeq_epi8(v, del), _mm256_cmpeq_epi8(v, c2)),
            );
            let bits = [
                _mm256_movemask_epi8(is_quote),
                _mm256_movemask_epi8(is_delim),
                _mm256_movemask_epi8(is_line),
                _mm256_movemask_epi8(rare),
            ];
            for (mask, bits) in m.iter_mut().zip(bits) {
                *mask |= u64::from(bits as u32) << (32 * p);
            }
        }
        Masks::from(m)
    }
}

impl From<[u64; 4]> for Masks {
    fn from([quote, delim, newline, rare]: [u64; 4]) -> Masks {
        Masks {
            quote,
            delim,
            newline,
            rare,
        }
    }
}

/// Bit `i` of the result is the parity of bits `0..=i` of `x`: with `x` the quotes,
/// whether byte `i` is inside quotes.
pub(crate) fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

/// The quotes among 16 bytes, one bit per byte.
/// The quotes among the 16 bytes of `bytes` from `base` (those past its end read as
/// no quote), one bit a byte.
#[inline]
pub(crate) fn quote_bits_at(bytes: &[u8], base: usize) -> u32 {
    match bytes.get(base..base + 16).map(<&[u8; 16]>::try_from) {
        Some(Ok(chunk)) => quote_bits(chunk),
        _ => {
            let mut tail = [0u8; 16];
            let rest = bytes.get(base..).unwrap_or_default();
            tail[..rest.len()].copy_from_slice(rest);
            quote_bits(&tail)
        }
    }
}

pub(crate) fn quote_bits(chunk: &[u8; 16]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        quote_bits_sse2(chunk)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        quote_bits_portable(chunk)
    }
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn quote_bits_portable(chunk: &[u8; 16]) -> u32 {
    chunk
        .iter()
        .enumerate()
        .fold(0, |bits, (i, &b)| bits | u32::from(b == b'"') << i)
}

#[cfg(target_arch = "x86_64")]
fn quote_bits_sse2(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 processor, and the load reads the 16
    // bytes of `chunk`.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>());
        _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8))) as u32 & 0xFFFF
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The next number of a xorshift generator, the same on every machine.
    pub(in crate::table) fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// Chunks of the bytes the masks tell apart, in many orders, from a fixed seed.
    fn chunks() -> Vec<[u8; 64]> {
        let alphabet = [
            b'"', b',', b';', b'\n', b'\r', 0, b'a', b' ', 0xE4, 0x80, b'\t', 0x1F, 0x7F, 0xC2,
            0x20,
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        (0..2000)
            .map(|_| {
                std::array::from_fn(|_| {
                    alphabet[(next(&mut state) % alphabet.len() as u64) as usize]
                })
            })
            .collect()
    }

    /// What a kernel says of `chunk`; the portable one is the reference.
    fn masks_by(kernel: Kernel, chunk: &[u8; 64], delimiter: u8, newline: u8) -> Masks {
        match kernel {
            Kernel::Portable => Masks::portable(chunk, delimiter, newline),
            #[cfg(target_arch = "x86_64")]
            Kernel::Sse2 => Masks::sse2(chunk, delimiter, newline),
            // SAFETY: `available` lists AVX2 only where the processor has it.
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => unsafe { Masks::avx2(chunk, delimiter, newline) },
        }
    }

    #[test]
    fn every_kernel_gives_the_portable_masks() {
        let kernels = Kernel::available();
        assert!(kernels.contains(&Kernel::best()));
        for chunk in chunks() {
            for delimiter in [b',', b';', b'\t', b' ', 0x1F] {
                for newline in [b'\n', b'\r'] {
                    let reference = Masks::portable(&chunk, delimiter, newline);
                    for &k in &kernels {
                        assert_eq!(masks_by(k, &chunk, delimiter, newline), reference, "{k:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn quote_bits_are_the_portable_ones() {
        let all: Vec<u8> = chunks().concat();
        for part in all.chunks_exact(16) {
            let part: &[u8; 16] = part.try_into().unwrap();
            assert_eq!(quote_bits(part), quote_bits_portable(part));
        }
    }

    #[test]
    fn masks_and_parity() {
        let mut chunk = [b'a'; 64];
        chunk[0] = b'"';
        chunk[5] = b'"';
        chunk[7] = b',';
        chunk[63] = b'\n';
        let m = Masks::portable(&chunk, b',', b'\n');
        assert_eq!(m.quote, 1 | 1 << 5);
        assert_eq!(m.delim, 1 << 7);
        assert_eq!(m.newline, 1 << 63);
        assert_eq!(m.rare, 0);
        assert_eq!(prefix_xor(m.quote), 0b11111);
        assert_eq!(m.within(0b1111).quote, 1);
        chunk[9] = b'\r';
        chunk[10] = 0;
        chunk[11] = b'\t';
        chunk[12] = 0x7F;
        let m = Masks::portable(&chunk, b',', b'\n');
        assert_eq!(m.rare, 1 << 9 | 1 << 10 | 1 << 12);
        let m = Masks::portable(&chunk, b',', b'\r');
        assert_eq!((m.newline, m.rare), (1 << 9, 1 << 10 | 1 << 12 | 1 << 63));
    }
}
