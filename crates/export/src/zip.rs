//! A one-entry ZIP archive (deflate), the container GDELT publishes its 15-minute
//! files in. Small enough to write here instead of pulling a ZIP library.

use std::io::{self, Write};

use flate2::Compression;
use flate2::write::DeflateEncoder;

/// Builds a ZIP archive holding `data` as `name`, stamped with the given UTC time
/// (`YYYY, MM, DD, hh, mm, ss`) so the same input gives the same bytes.
pub(crate) fn single_entry(
    name: &str,
    data: &[u8],
    stamp: (u16, u16, u16, u16, u16, u16),
) -> io::Result<Vec<u8>> {
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::default());
    enc.write_all(data)?;
    let compressed = enc.finish()?;
    let too_big = |n: usize| n > u32::MAX as usize;
    if too_big(data.len()) || too_big(compressed.len()) {
        return Err(io::Error::other("batch over 4 GB: ZIP64 is not supported"));
    }
    let crc = crc32fast::hash(data);
    let (y, mo, d, h, mi, s) = stamp;
    let dos_time = (h << 11) | (mi << 5) | (s / 2);
    let dos_date = (y.saturating_sub(1980) << 9) | (mo << 5) | d;
    let name = name.as_bytes();
    let mut out = Vec::with_capacity(compressed.len() + 2 * name.len() + 100);
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    // Local file header.
    le32(&mut out, 0x0403_4b50);
    le16(&mut out, 20);
    le16(&mut out, 0);
    le16(&mut out, 8);
    le16(&mut out, dos_time);
    le16(&mut out, dos_date);
    le32(&mut out, crc);
    le32(&mut out, compressed.len() as u32);
    le32(&mut out, data.len() as u32);
    le16(&mut out, name.len() as u16);
    le16(&mut out, 0);
    out.extend_from_slice(name);
    out.extend_from_slice(&compressed);
    // Central directory.
    let cd_start = out.len();
    le32(&mut out, 0x0201_4b50);
    le16(&mut out, 20);
    le16(&mut out, 20);
    le16(&mut out, 0);
    le16(&mut out, 8);
    le16(&mut out, dos_time);
    le16(&mut out, dos_date);
    le32(&mut out, crc);
    le32(&mut out, compressed.len() as u32);
    le32(&mut out, data.len() as u32);
    le16(&mut out, name.len() as u16);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le32(&mut out, 0);
    le32(&mut out, 0);
    out.extend_from_slice(name);
    let cd_len = out.len() - cd_start;
    // End of central directory.
    le32(&mut out, 0x0605_4b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, 1);
    le16(&mut out, 1);
    le32(&mut out, cd_len as u32);
    le32(&mut out, cd_start as u32);
    le16(&mut out, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn archive_holds_the_data() {
        let data = b"1\t20220912\n2\t20220913\n".repeat(50);
        let z = single_entry("20250101001500.export.CSV", &data, (2025, 1, 1, 0, 15, 0)).unwrap();
        assert_eq!(&z[..4], b"PK\x03\x04");
        // The deflate stream after the 30-byte header and the name inflates back.
        let start = 30 + "20250101001500.export.CSV".len();
        let csize = u32::from_le_bytes(z[18..22].try_into().unwrap()) as usize;
        let mut back = Vec::new();
        flate2::read::DeflateDecoder::new(&z[start..start + csize])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, data);
        assert_eq!(&z[z.len() - 22..z.len() - 18], b"PK\x05\x06");
    }
}
