//! Line diff between two versions of a course file, for the version history of the trainer
//! workspace: which lines were added, removed or kept ([`diff_lines`]), grouped into hunks with
//! a little context around each change, like a unified diff ([`hunks`]).
//!
//! The diff itself is the `similar` crate's Myers algorithm (linear space, common prefix and
//! suffix first) with a deadline, so that two large unrelated versions cannot pin a server
//! thread; the grouping into hunks with context is this module's, to keep a typed [`Hunk`].
//!
//! Line endings are not compared: lines are split as [`str::lines`] does, so `\r\n` against `\n`
//! or a missing final newline shows no difference. The view is for people reading content.

use std::ops::Range;

/// One line of the diff, borrowed from the old or the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// In both versions.
    Same(&'a str),
    /// Only in the new version.
    Added(&'a str),
    /// Only in the old version.
    Removed(&'a str),
}

impl<'a> Line<'a> {
    /// The text of the line, without its line ending.
    pub fn text(&self) -> &'a str {
        match *self {
            Line::Same(text) | Line::Added(text) | Line::Removed(text) => text,
        }
    }

    pub fn is_change(&self) -> bool {
        !matches!(self, Line::Same(_))
    }

    fn in_old(&self) -> bool {
        !matches!(self, Line::Added(_))
    }

    fn in_new(&self) -> bool {
        !matches!(self, Line::Removed(_))
    }
}

/// A group of nearby changes with the unchanged lines around them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk<'a> {
    /// 1-based number in the old text of the hunk's first old line (when the hunk has no old
    /// line, the number the next old line would have).
    pub old_start: usize,
    /// Same as `old_start`, in the new text.
    pub new_start: usize,
    pub lines: Vec<Line<'a>>,
}

impl Hunk<'_> {
    /// Number of old lines in the hunk (`Same` and `Removed`).
    pub fn old_len(&self) -> usize {
        self.lines.iter().filter(|line| line.in_old()).count()
    }

    /// Number of new lines in the hunk (`Same` and `Added`).
    pub fn new_len(&self) -> usize {
        self.lines.iter().filter(|line| line.in_new()).count()
    }
}

/// Longest time spent looking for a minimal diff: two large unrelated versions would otherwise
/// hold a server thread for seconds; past it `similar` returns a valid, less minimal diff.
pub const DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_millis(500);

/// Every line of `old` and `new` in order, marked as kept, removed or added. The number of
/// changes is minimal (unless [`DIFF_DEADLINE`] was reached); within a run of changes, removed
/// lines come before added ones.
pub fn diff_lines<'a>(old: &'a str, new: &'a str) -> Vec<Line<'a>> {
    let old_lines: Vec<&'a str> = old.lines().collect();
    let new_lines: Vec<&'a str> = new.lines().collect();
    let ops = similar::capture_diff_slices_deadline(
        similar::Algorithm::Myers,
        &old_lines,
        &new_lines,
        Some(std::time::Instant::now() + DIFF_DEADLINE),
    );
    let mut lines = Vec::with_capacity(old_lines.len().max(new_lines.len()));
    for op in ops {
        let (_, old_range, new_range) = op.as_tag_tuple();
        match op.tag() {
            similar::DiffTag::Equal => lines.extend(old_range.map(|i| Line::Same(old_lines[i]))),
            similar::DiffTag::Delete => lines.extend(old_range.map(|i| Line::Removed(old_lines[i]))),
            similar::DiffTag::Insert => lines.extend(new_range.map(|j| Line::Added(new_lines[j]))),
            similar::DiffTag::Replace => {
                lines.extend(old_range.map(|i| Line::Removed(old_lines[i])));
                lines.extend(new_range.map(|j| Line::Added(new_lines[j])));
            }
        }
    }
    removals_first(&mut lines);
    lines
}

/// Groups changes into hunks with `context` unchanged lines before and after each, merging
/// hunks whose context would touch or overlap (as `diff -U context` does).
pub fn hunks<'a>(lines: &[Line<'a>], context: usize) -> Vec<Hunk<'a>> {
    // Ranges of `lines` to show, each grown around a change by `context` on both sides.
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if !line.is_change() {
            continue;
        }
        let start = index.saturating_sub(context);
        let end = index
            .saturating_add(1)
            .saturating_add(context)
            .min(lines.len());
        match ranges.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => ranges.push(start..end),
        }
    }

    // Line numbers: count the old and new lines that precede each range.
    let mut hunks = Vec::with_capacity(ranges.len());
    let (mut index, mut old_seen, mut new_seen) = (0, 0, 0);
    for range in ranges {
        for line in &lines[index..range.start] {
            old_seen += usize::from(line.in_old());
            new_seen += usize::from(line.in_new());
        }
        hunks.push(Hunk {
            old_start: old_seen + 1,
            new_start: new_seen + 1,
            lines: lines[range.clone()].to_vec(),
        });
        index = range.start;
    }
    hunks
}

/// Within each run of consecutive changes, puts removed lines before added ones: still a valid
/// and minimal diff, and far easier to read than interleaved `-`/`+` lines.
fn removals_first(lines: &mut [Line<'_>]) {
    let mut start = 0;
    while start < lines.len() {
        if !lines[start].is_change() {
            start += 1;
            continue;
        }
        let end = lines[start..]
            .iter()
            .position(|line| !line.is_change())
            .map_or(lines.len(), |offset| start + offset);
        // Stable: each kind keeps its order.
        lines[start..end].sort_by_key(|line| matches!(line, Line::Added(_)));
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Line::{Added, Removed, Same};

    /// The old and new texts as the diff describes them, lines joined with `\n`.
    fn sides(lines: &[Line]) -> (Vec<String>, Vec<String>) {
        let old = lines
            .iter()
            .filter(|l| l.in_old())
            .map(|l| l.text().to_owned())
            .collect();
        let new = lines
            .iter()
            .filter(|l| l.in_new())
            .map(|l| l.text().to_owned())
            .collect();
        (old, new)
    }

    fn split(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    fn changes(lines: &[Line]) -> usize {
        lines.iter().filter(|l| l.is_change()).count()
    }

    /// Smallest possible number of changes, from the textbook O(N·M) longest common subsequence.
    fn minimal_changes(old: &[&str], new: &[&str]) -> usize {
        let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
        for i in (0..old.len()).rev() {
            for j in (0..new.len()).rev() {
                lcs[i][j] = if old[i] == new[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        old.len() + new.len() - 2 * lcs[0][0]
    }

    fn check(old: &str, new: &str) -> Vec<Line<'static>> {
        let old: &'static str = Box::leak(old.to_owned().into_boxed_str());
        let new: &'static str = Box::leak(new.to_owned().into_boxed_str());
        let lines = diff_lines(old, new);
        assert_eq!(
            sides(&lines),
            (split(old), split(new)),
            "the diff rebuilds both texts"
        );
        let old_lines: Vec<&str> = old.lines().collect();
        let new_lines: Vec<&str> = new.lines().collect();
        if old_lines.len() * new_lines.len() <= 250_000 {
            assert_eq!(
                changes(&lines),
                minimal_changes(&old_lines, &new_lines),
                "{old:?} → {new:?}"
            );
        }
        lines
    }

    #[test]
    fn identical_texts_have_no_hunks() {
        let text = "# Titre\n\nUn paragraphe.\n";
        let lines = check(text, text);
        assert!(lines.iter().all(|l| !l.is_change()));
        assert_eq!(lines.len(), 3);
        assert!(hunks(&lines, 3).is_empty());
        assert!(diff_lines("", "").is_empty());
        assert!(hunks(&[], 3).is_empty());
    }

    #[test]
    fn pure_insert() {
        let lines = check("a\nb\nc\n", "a\nb\nx\ny\nc\n");
        assert_eq!(
            lines,
            vec![Same("a"), Same("b"), Added("x"), Added("y"), Same("c")]
        );
        let hunks = hunks(&lines, 1);
        assert_eq!(
            hunks,
            vec![Hunk {
                old_start: 2,
                new_start: 2,
                lines: vec![Same("b"), Added("x"), Added("y"), Same("c")]
            }]
        );
        assert_eq!((hunks[0].old_len(), hunks[0].new_len()), (2, 4));
    }

    #[test]
    fn pure_delete() {
        let lines = check("a\nb\nc\nd\n", "a\nd\n");
        assert_eq!(
            lines,
            vec![Same("a"), Removed("b"), Removed("c"), Same("d")]
        );
        assert_eq!(
            hunks(&lines, 0),
            vec![Hunk {
                old_start: 2,
                new_start: 2,
                lines: vec![Removed("b"), Removed("c")]
            }]
        );
    }

    #[test]
    fn replace_in_the_middle_lists_removals_first() {
        let lines = check(
            "un\ndeux\ntrois\nquatre\ncinq\n",
            "un\ndeux\nTROIS\nQUATRE\ncinq\n",
        );
        assert_eq!(
            lines,
            vec![
                Same("un"),
                Same("deux"),
                Removed("trois"),
                Removed("quatre"),
                Added("TROIS"),
                Added("QUATRE"),
                Same("cinq")
            ]
        );
        let hunks = hunks(&lines, 1);
        assert_eq!(hunks.len(), 1);
        assert_eq!((hunks[0].old_start, hunks[0].new_start), (2, 2));
        assert_eq!(hunks[0].lines.first(), Some(&Same("deux")));
        assert_eq!(hunks[0].lines.last(), Some(&Same("cinq")));
    }

    #[test]
    fn empty_old_or_new() {
        let lines = check("", "a\nb\n");
        assert_eq!(lines, vec![Added("a"), Added("b")]);
        assert_eq!(
            hunks(&lines, 3),
            vec![Hunk {
                old_start: 1,
                new_start: 1,
                lines: vec![Added("a"), Added("b")]
            }]
        );
        let lines = check("a\nb\n", "");
        assert_eq!(lines, vec![Removed("a"), Removed("b")]);
        assert_eq!(hunks(&lines, 3)[0].new_len(), 0);
    }

    #[test]
    fn line_endings_are_not_differences() {
        assert!(hunks(&check("a\nb", "a\nb\n"), 3).is_empty());
        assert!(hunks(&check("a\r\nb\r\n", "a\nb\n"), 3).is_empty());
        // An added empty line is a real change.
        assert_eq!(check("a\n", "a\n\n"), vec![Same("a"), Added("")]);
        assert_eq!(
            check("a\nb", "a\n\nb"),
            vec![Same("a"), Added(""), Same("b")]
        );
    }

    #[test]
    fn close_changes_share_a_hunk() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
        // Changes on lines 3 and 10: six unchanged lines between them.
        let new: String = (1..=20)
            .map(|i| match i {
                3 => "three\n".to_owned(),
                10 => "ten\n".to_owned(),
                _ => format!("{i}\n"),
            })
            .collect();
        let lines = check(&old, &new);

        let merged = hunks(&lines, 3);
        assert_eq!(
            merged.len(),
            1,
            "6 lines apart, context 3: the contexts touch"
        );
        assert_eq!((merged[0].old_start, merged[0].new_start), (1, 1));
        assert_eq!(merged[0].old_len(), 13, "lines 1 to 13");

        let apart = hunks(&lines, 2);
        assert_eq!(apart.len(), 2);
        assert_eq!((apart[0].old_start, apart[0].old_len()), (1, 5));
        assert_eq!(
            (apart[1].old_start, apart[1].new_start, apart[1].old_len()),
            (8, 8, 5)
        );

        let bare = hunks(&lines, 0);
        assert_eq!(
            bare[0],
            Hunk {
                old_start: 3,
                new_start: 3,
                lines: vec![Removed("3"), Added("three")]
            }
        );
        assert_eq!(
            bare[1],
            Hunk {
                old_start: 10,
                new_start: 10,
                lines: vec![Removed("10"), Added("ten")]
            }
        );

        // A huge context shows everything in one hunk without overflowing.
        let all = hunks(&lines, usize::MAX);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].lines.len(), lines.len());
    }

    #[test]
    fn hunk_line_numbers_follow_earlier_changes() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "new1\nnew2\na\nb\nc\nd\ne\nf\nh\n";
        let hunks = hunks(&check(old, new), 1);
        assert_eq!(hunks.len(), 2);
        assert_eq!((hunks[0].old_start, hunks[0].new_start), (1, 1));
        // `g` is old line 7; two lines were inserted above, so `f` is new line 8.
        assert_eq!((hunks[1].old_start, hunks[1].new_start), (6, 8));
        assert_eq!(hunks[1].lines, vec![Same("f"), Removed("g"), Same("h")]);
    }

    #[test]
    fn five_thousand_lines_with_three_edits() {
        let old: String = (0..5_000)
            .map(|i| format!("Ligne {i} du cours\n"))
            .collect();
        let new = old
            .replace("Ligne 1000 du cours\n", "Ligne 1000 modifiée\n")
            .replace("Ligne 2500 du cours\n", "")
            .replace(
                "Ligne 4000 du cours\n",
                "Ligne 4000 du cours\nLigne ajoutée\n",
            );
        let lines = check(&old, &new);
        assert_eq!(lines.len(), 5_002);
        let changed: Vec<Line> = lines.iter().copied().filter(Line::is_change).collect();
        assert_eq!(
            changed,
            vec![
                Removed("Ligne 1000 du cours"),
                Added("Ligne 1000 modifiée"),
                Removed("Ligne 2500 du cours"),
                Added("Ligne ajoutée"),
            ]
        );
        let hunks = hunks(&lines, 3);
        assert_eq!(hunks.len(), 3);
        assert_eq!((hunks[0].old_start, hunks[0].new_start), (998, 998));
        assert_eq!((hunks[1].old_start, hunks[1].new_start), (2498, 2498));
        assert_eq!((hunks[2].old_start, hunks[2].new_start), (3999, 3998));
    }

    #[test]
    fn unrelated_files_are_replaced_wholesale() {
        let old: String = (0..3_000).map(|i| format!("ancien {i}\n")).collect();
        let new: String = (0..2_000).map(|i| format!("nouveau {i}\n")).collect();
        let lines = check(&old, &new);
        assert_eq!(changes(&lines), 5_000);
        assert_eq!(hunks(&lines, 3).len(), 1);
    }

    #[test]
    fn repeated_lines_still_give_minimal_diffs() {
        check("a\na\na\nb\na\na\n", "a\nb\na\na\na\na\nb\n");
        check("}\n}\n}\n", "}\n\n}\n");
        check("x\n\n\n\ny\n", "\n\nx\n\ny\n\n");
    }

    /// xorshift64, so the randomised test is deterministic.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, bound: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % bound
        }

        /// Up to `max_lines` lines from a tiny alphabet, so many lines repeat.
        fn text(&mut self, max_lines: u64, alphabet: u64) -> String {
            (0..self.below(max_lines + 1))
                .map(|_| format!("{}\n", self.below(alphabet)))
                .collect()
        }
    }

    #[test]
    fn random_texts_give_valid_minimal_diffs() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for round in 0..2_000 {
            let alphabet = 2 + round % 5;
            let old = rng.text(30, alphabet);
            let new = if rng.below(2) == 0 {
                rng.text(30, alphabet)
            } else {
                mutate(&mut rng, &old, alphabet)
            };
            let lines = check(&old, &new);
            for context in [0, 1, 3] {
                // Every change is in exactly one hunk, and the hunks' numbers are right.
                let hunks = hunks(&lines, context);
                assert_eq!(
                    hunks.iter().map(|h| changes(&h.lines)).sum::<usize>(),
                    changes(&lines)
                );
                let old_lines = split(&old);
                let new_lines = split(&new);
                for hunk in &hunks {
                    let (hunk_old, hunk_new) = sides(&hunk.lines);
                    let old_at = hunk.old_start - 1;
                    let new_at = hunk.new_start - 1;
                    assert_eq!(old_lines[old_at..old_at + hunk_old.len()], hunk_old[..]);
                    assert_eq!(new_lines[new_at..new_at + hunk_new.len()], hunk_new[..]);
                }
            }
        }
    }

    /// `text` with a few lines changed, removed or inserted.
    fn mutate(rng: &mut Rng, text: &str, alphabet: u64) -> String {
        let mut lines = split(text);
        for _ in 0..=rng.below(4) {
            let at = rng.below(lines.len() as u64 + 1) as usize;
            match rng.below(3) {
                0 if at < lines.len() => lines[at] = rng.below(alphabet).to_string(),
                1 if at < lines.len() => {
                    lines.remove(at);
                }
                _ => lines.insert(at, rng.below(alphabet).to_string()),
            }
        }
        lines.iter().map(|line| format!("{line}\n")).collect()
    }

    #[test]
    fn two_large_unrelated_versions_still_give_a_valid_diff() {
        let old: String = (0..40_000).map(|i| format!("ancienne ligne {i}\n")).collect();
        let new: String = (0..40_000).map(|i| format!("nouvelle ligne {}\n", i * 7 % 40_000)).collect();
        let lines = diff_lines(&old, &new);
        assert_eq!(sides(&lines), (split(&old), split(&new)));
    }
}
