//! One check for the text of ids and codes read from input (case ids,
//! decision ids, person references, request ids, category codes), so that
//! every crate rejects the same texts for the same reasons.
//!
//! | Rule, checked in this order | Problem |
//! |---|---|
//! | the trimmed text is not empty | [`IdTextProblem::Empty`] |
//! | it has at most `max_chars` characters (Unicode scalar values) | [`IdTextProblem::TooLong`] |
//! | it holds no control character ([`char::is_control`]: tab, newline, NUL, …) | [`IdTextProblem::ControlCharacter`] |
//! | it holds nothing shaped like a personal identity number ([`looks_like_identity_number`]) | [`IdTextProblem::IdentityNumber`] |
//!
//! A problem never carries the text: an id may be a personnummer typed into
//! the wrong column. Callers that want to echo the id use
//! [`quote_for_message`](crate::quote_for_message).

use crate::looks_like_identity_number;

/// Why a text cannot be used as an id or code: the rule of [`id_text`] that
/// it breaks. Never holds the text itself.
///
/// `Display` gives a lowercase reason meant to follow a colon, e.g.
/// `case id is not usable: it contains a control character`.
///
/// # Example
/// ```
/// use namnd_core::{IdTextProblem, id_text};
///
/// let problem = id_text("B-2024\t017", 64).err().ok_or("expected a problem")?;
/// assert_eq!(problem, IdTextProblem::ControlCharacter);
/// assert_eq!(problem.to_string(), "it contains a control character");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum IdTextProblem {
    /// The text is empty or only whitespace.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{IdTextProblem, id_text};
    /// assert_eq!(id_text(" \t ", 64), Err(IdTextProblem::Empty));
    /// assert_eq!(IdTextProblem::Empty.to_string(), "it is empty");
    /// ```
    #[error("it is empty")]
    Empty,

    /// The trimmed text has more than `max_chars` characters.
    ///
    /// # Example
    /// ```
    /// use namnd_core::{IdTextProblem, id_text};
    /// assert_eq!(id_text("LS-2021-03", 5), Err(IdTextProblem::TooLong { max_chars: 5 }));
    /// assert_eq!(
    ///     IdTextProblem::TooLong { max_chars: 64 }.to_string(),
    ///     "it is longer than 64 characters",
    /// );
    /// ```
    #[error("it is longer than {max_chars} characters")]
    TooLong {
        /// The most characters allowed.
        max_chars: usize,
    },

    /// The text holds a control character (see [`char::is_control`]).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{IdTextProblem, id_text};
    /// assert_eq!(id_text("LS\n2021", 64), Err(IdTextProblem::ControlCharacter));
    /// ```
    #[error("it contains a control character")]
    ControlCharacter,

    /// The text holds something shaped like a personal identity number (see
    /// [`looks_like_identity_number`]).
    ///
    /// # Example
    /// ```
    /// use namnd_core::{IdTextProblem, id_text};
    /// assert_eq!(id_text("19121212-1212", 64), Err(IdTextProblem::IdentityNumber));
    /// assert_eq!(
    ///     IdTextProblem::IdentityNumber.to_string(),
    ///     "it looks like a personal identity number",
    /// );
    /// ```
    #[error("it looks like a personal identity number")]
    IdentityNumber,
}

/// The text of an id or code read from input, trimmed, if it can be used: it
/// is not empty, has at most `max_chars` characters, holds no control
/// character and nothing shaped like a personal identity number (checked in
/// that order). The id types of the namnd crates
/// (case ids, decision ids, request ids, category codes) all check their text
/// with this, and map the [`IdTextProblem`] into their own error.
///
/// Length is counted in characters (Unicode scalar values), after trimming;
/// a very long text is not counted further than `max_chars + 1` characters.
///
/// # Errors
/// The first [`IdTextProblem`] found, in the order above. It never holds the
/// text.
///
/// # Example
/// ```
/// use namnd_core::{IdTextProblem, id_text};
///
/// assert_eq!(id_text("  LS-2021-03 ", 64)?, "LS-2021-03");
/// assert_eq!(id_text("Äldreomsorg", 11)?, "Äldreomsorg"); // 11 characters, 13 bytes
/// assert_eq!(id_text("", 64), Err(IdTextProblem::Empty));
/// assert_eq!(id_text("kund 19121212-1212", 64), Err(IdTextProblem::IdentityNumber));
/// # Ok::<(), namnd_core::IdTextProblem>(())
/// ```
pub fn id_text(raw: &str, max_chars: usize) -> Result<&str, IdTextProblem> {
    let text = raw.trim();
    if text.is_empty() {
        Err(IdTextProblem::Empty)
    } else if text.chars().nth(max_chars).is_some() {
        Err(IdTextProblem::TooLong { max_chars })
    } else if text.chars().any(char::is_control) {
        Err(IdTextProblem::ControlCharacter)
    } else if looks_like_identity_number(text) {
        Err(IdTextProblem::IdentityNumber)
    } else {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(id_text(" \tB-2024-017\n ", 64), Ok("B-2024-017"));
    }

    #[test]
    fn empty_or_blank_text_is_empty() {
        assert_eq!(id_text("", 64), Err(IdTextProblem::Empty));
        assert_eq!(id_text(" \u{a0}\t\n", 64), Err(IdTextProblem::Empty));
    }

    #[test]
    fn empty_is_checked_before_length_even_with_no_room() {
        assert_eq!(id_text("   ", 0), Err(IdTextProblem::Empty));
        assert_eq!(
            id_text("a", 0),
            Err(IdTextProblem::TooLong { max_chars: 0 })
        );
    }

    #[test]
    fn exactly_max_chars_is_accepted_and_one_more_is_too_long() {
        let sixty_four = "x".repeat(64);
        assert_eq!(id_text(&sixty_four, 64), Ok(sixty_four.as_str()));
        let sixty_five = "x".repeat(65);
        assert_eq!(
            id_text(&sixty_five, 64),
            Err(IdTextProblem::TooLong { max_chars: 64 })
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // "Å" is two bytes in UTF-8: 64 characters, 128 bytes.
        let text = "Å".repeat(64);
        assert_eq!(id_text(&text, 64), Ok(text.as_str()));
    }

    #[test]
    fn length_is_counted_after_trimming() {
        let text = format!("  {}  ", "x".repeat(64));
        assert_eq!(id_text(&text, 64).map(str::len), Ok(64));
    }

    #[test]
    fn a_control_character_inside_is_rejected() {
        for text in ["LS\t1", "LS\u{0}1", "LS\u{7f}1", "LS\u{85}1", "LS\r\n1"] {
            assert_eq!(
                id_text(text, 64),
                Err(IdTextProblem::ControlCharacter),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_text_shaped_like_an_identity_number_is_rejected() {
        for text in [
            "19121212-1212",
            "121212-1212",
            "kund 1912121212",
            "191212121212",
        ] {
            assert_eq!(
                id_text(text, 64),
                Err(IdTextProblem::IdentityNumber),
                "{text:?}"
            );
        }
    }

    #[test]
    fn ordinary_keys_with_digits_are_accepted() {
        for text in ["4010", "1:12", "IV-2025-3", "p-0042", "2023066666666"] {
            assert_eq!(id_text(text, 64), Ok(text));
        }
    }

    #[test]
    fn rules_are_checked_in_the_stated_order() {
        // Too long and an identity number: too long wins.
        let long = format!("19121212-1212 {}", "x".repeat(64));
        assert_eq!(
            id_text(&long, 64),
            Err(IdTextProblem::TooLong { max_chars: 64 })
        );
        // A control character and an identity number: the control character wins.
        assert_eq!(
            id_text("19121212-1212\tx", 64),
            Err(IdTextProblem::ControlCharacter)
        );
    }

    #[test]
    fn messages_never_echo_the_text() {
        for text in [
            "",
            "19121212-1212",
            "19121212-1212\t",
            "191212121212191212121212",
        ] {
            if let Err(problem) = id_text(text, 12) {
                let message = problem.to_string();
                assert!(!message.contains("1212"), "{message}");
            }
        }
    }

    #[test]
    fn messages_are_the_documented_reasons() {
        assert_eq!(IdTextProblem::Empty.to_string(), "it is empty");
        assert_eq!(
            IdTextProblem::TooLong { max_chars: 64 }.to_string(),
            "it is longer than 64 characters"
        );
        assert_eq!(
            IdTextProblem::ControlCharacter.to_string(),
            "it contains a control character"
        );
        assert_eq!(
            IdTextProblem::IdentityNumber.to_string(),
            "it looks like a personal identity number"
        );
    }

    /// Text that often hits each rule: blanks, controls, digit runs that may
    /// be identity numbers, and anything else.
    fn id_like_text() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[ \t\n]{0,3}[0-9 +-]{0,16}[ \t\n]{0,3}",
            "[ \\PC\u{0}-\u{1f}\u{7f}-\u{9f}]{0,80}",
            "[a-zÅÄÖ0-9:-]{0,70}",
        ]
    }

    proptest! {
        #[test]
        fn accepted_text_is_the_trimmed_input_and_meets_every_rule(
            raw in id_like_text(),
            max_chars in 0_usize..80,
        ) {
            match id_text(&raw, max_chars) {
                Ok(text) => {
                    prop_assert_eq!(text, raw.trim());
                    prop_assert!(!text.is_empty());
                    prop_assert!(text.chars().count() <= max_chars);
                    prop_assert!(!text.chars().any(char::is_control));
                    prop_assert!(!looks_like_identity_number(text));
                }
                Err(problem) => {
                    let text = raw.trim();
                    let count = text.chars().count();
                    let control = text.chars().any(char::is_control);
                    match problem {
                        IdTextProblem::Empty => prop_assert!(text.is_empty()),
                        IdTextProblem::TooLong { max_chars: limit } => {
                            prop_assert_eq!(limit, max_chars);
                            prop_assert!(!text.is_empty() && count > max_chars);
                        }
                        IdTextProblem::ControlCharacter => {
                            prop_assert!(!text.is_empty() && count <= max_chars && control);
                        }
                        IdTextProblem::IdentityNumber => {
                            prop_assert!(!text.is_empty() && count <= max_chars && !control);
                            prop_assert!(looks_like_identity_number(text));
                        }
                    }
                }
            }
        }
    }
}
