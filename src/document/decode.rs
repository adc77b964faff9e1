//! Turning bytes into text: byte-order marks, UTF-16, lossy UTF-8, and binary detection.

/// How much of a file is inspected for NUL bytes, as git and ripgrep do.
const BINARY_PROBE: usize = 8192;

#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    Text {
        text: String,
        lossy: bool,
        bom: bool,
    },
    Binary,
}

/// Decodes a file's bytes. UTF-8 (with or without BOM) and BOM-marked UTF-16 are read; any
/// other bytes are decoded as UTF-8 lossily (`lossy: true`), so a Latin-1 file still gets
/// checked and the damage is reported. Data with NUL bytes and no UTF-16 BOM is binary.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    if bytes[..bytes.len().min(BINARY_PROBE)].contains(&0) {
        return Decoded::Binary;
    }
    utf8(bytes, false)
}

fn utf8(bytes: &[u8], bom: bool) -> Decoded {
    match String::from_utf8_lossy(bytes) {
        std::borrow::Cow::Borrowed(s) => Decoded::Text {
            text: s.to_owned(),
            lossy: false,
            bom,
        },
        std::borrow::Cow::Owned(text) => Decoded::Text {
            text,
            lossy: true,
            bom,
        },
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Decoded {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    let mut lossy = !bytes.len().is_multiple_of(2);
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                lossy = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    Decoded::Text {
        text,
        lossy,
        bom: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Decoded) -> (String, bool, bool) {
        match d {
            Decoded::Text { text, lossy, bom } => (text, lossy, bom),
            Decoded::Binary => panic!("unexpected binary"),
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            text(decode("Kyiv".as_bytes())),
            ("Kyiv".into(), false, false)
        );
        assert_eq!(
            text(decode(b"\xEF\xBB\xBFKyiv")),
            ("Kyiv".into(), false, true)
        );
    }

    #[test]
    fn latin1_is_decoded_lossily() {
        let (t, lossy, _) = text(decode(b"Z\xfcrich"));
        assert!(lossy);
        assert_eq!(t, "Z\u{FFFD}rich");
    }

    #[test]
    fn utf16_with_bom() {
        assert_eq!(text(decode(b"\xFF\xFEK\0y\0")), ("Ky".into(), false, true));
        assert_eq!(text(decode(b"\xFE\xFF\0K\0y")), ("Ky".into(), false, true));
        assert!(
            text(decode(b"\xFF\xFEK\0\x00\xD8")).1,
            "lone surrogate is lossy"
        );
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Decoded::Binary);
        assert_eq!(text(decode(b"")), (String::new(), false, false));
    }
}
