//! CPR numbers (Danish personal identity numbers): the date and century rule, without modulus 11.

/// A birth date read from a CPR number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BirthDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// Reads the ten digits of a CPR number (DDMMYYSSSS, no hyphen) and returns the birth date when
/// the date is valid under the century rule: the seventh digit with the year gives the century
/// (0–3: 1900s; 4 and 9: 2000–2036 if YY ≤ 36, else 1937–1999; 5–8: 2000–2057 if YY ≤ 57, else
/// 1858–1899). The modulus-11 check is not used: numbers issued since 2007 need not pass it.
pub fn birth_date(digits: &[u8]) -> Option<BirthDate> {
    if digits.len() != 10 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let d = |i: usize| u16::from(digits[i] - b'0');
    let day = d(0) * 10 + d(1);
    let month = d(2) * 10 + d(3);
    let yy = d(4) * 10 + d(5);
    let year = match d(6) {
        0..=3 => 1900 + yy,
        4 | 9 if yy <= 36 => 2000 + yy,
        4 | 9 => 1900 + yy,
        _ if yy <= 57 => 2000 + yy,
        _ => 1800 + yy,
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some(BirthDate {
        year,
        month: month as u8,
        day: day as u8,
    })
}

/// Is `s` a CPR number with a valid date: "DDMMYY-SSSS" or "DDMMYYSSSS"?
pub fn is_valid(s: &str) -> bool {
    let b = s.as_bytes();
    match b.len() {
        10 => birth_date(b).is_some(),
        11 if b[6] == b'-' => {
            let mut digits = [0u8; 10];
            digits[..6].copy_from_slice(&b[..6]);
            digits[6..].copy_from_slice(&b[7..]);
            birth_date(&digits).is_some()
        }
        _ => false,
    }
}

fn days_in_month(year: u16, month: u16) -> u16 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seventh_digit_gives_the_century() {
        let y = |s: &str| birth_date(s.as_bytes()).map(|d| d.year);
        assert_eq!(y("0101301234"), Some(1930));
        assert_eq!(y("0101364234"), Some(2036));
        assert_eq!(y("0101374234"), Some(1937));
        assert_eq!(y("0101109234"), Some(2010));
        assert_eq!(y("0101579234"), Some(1957), "9 with YY > 36 is the 1900s");
        assert_eq!(y("0101575234"), Some(2057));
        assert_eq!(y("0101585234"), Some(1858));
        assert_eq!(y("0101998234"), Some(1899));
    }

    #[test]
    fn the_date_must_exist() {
        assert!(is_valid("290204-5678"), "29 Feb 2004 (seventh digit 5)");
        assert!(!is_valid("290203-5678"), "2003 is no leap year");
        assert!(
            is_valid("2902004321"),
            "seventh digit 4, YY 00: 2000, a leap year"
        );
        assert!(
            !is_valid("2902001321"),
            "seventh digit 1: 1900, not a leap year"
        );
        assert!(!is_valid("310478-1234"), "April has 30 days");
        assert!(!is_valid("001078-1234"));
        assert!(!is_valid("321078-1234"));
        assert!(!is_valid("011378-1234"));
        assert!(!is_valid("071078+1234"));
        assert!(!is_valid("07107812345"));
    }

    #[test]
    fn modulus_11_is_not_required() {
        // 070761-4286 fails the old modulus-11 check (weights 4 3 2 7 6 5 4 3 2 1).
        let digits = b"0707614286";
        let w = [4u32, 3, 2, 7, 6, 5, 4, 3, 2, 1];
        let sum: u32 = digits
            .iter()
            .zip(w)
            .map(|(d, w)| u32::from(d - b'0') * w)
            .sum();
        assert_ne!(sum % 11, 0);
        assert!(is_valid("070761-4286"));
    }
}
