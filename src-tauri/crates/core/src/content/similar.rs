//! How alike two cards are: texts compared as lowercase words (punctuation and apostrophes
//! dropped), their first words, and a normalised edit distance found quickly for many cards.

/// Two cards are nearly the same when their edit distance, as a share of the longer text, is
/// below this many percent.
///
/// Why 20: below it, one character in five or fewer differs, which is what a card copied with a
/// word or two swapped looks like ("What made you laugh today?" against "What made you laugh
/// tonight?" is 19 %). Questions that only share a frame and ask different things stay above
/// it: the closest two of Hearth's ~700 cards that are really different ("…would like us to
/// keep?" and "…would like us to do differently?", written as a pair) are 26 % apart, and "What
/// made you laugh today?" against "What made you smile today?" is exactly 20 %. A higher bar
/// would start refusing honest pairs like those; a lower one would let near copies through.
pub(crate) const NEAR_SAME_BELOW_PERCENT: usize = 20;

/// The text as the checks compare it: lowercase words of letters and digits, apostrophes
/// dropped (so "what's" and "whats" match), one space between words.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else if !matches!(c, '\'' | '\u{2019}') {
            gap = true;
        }
    }
    out
}

/// The first `count` words of a normalised text (all of them when it has fewer).
pub(crate) fn opening(normalised: &str, count: usize) -> String {
    normalised
        .split(' ')
        .take(count)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The edit distance (insertions, deletions, substitutions) between `a` and `b` when it is at
/// most `limit`; `None` when it is more. Only a band `limit` wide either side of the diagonal
/// is computed, and the work stops as soon as a whole row is over the limit.
pub(crate) fn distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > limit {
        return None;
    }
    let over = limit + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    let mut current = vec![over; b.len() + 1];
    for i in 1..=a.len() {
        let low = i.saturating_sub(limit).max(1);
        let high = (i + limit).min(b.len());
        current[low - 1] = if low == 1 { i.min(over) } else { over };
        let mut row_min = current[low - 1];
        for j in low..=high {
            let substitute = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let value = substitute
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(over);
            current[j] = value;
            row_min = row_min.min(value);
        }
        if high < b.len() {
            current[high + 1] = over;
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// Letters, digits and everything else, counted: how far apart two texts' letters are gives a
/// floor under their edit distance that costs almost nothing to compute.
const BINS: usize = 37;

fn histogram(text: &[char]) -> [u16; BINS] {
    let mut counts = [0_u16; BINS];
    for c in text {
        let bin = match c {
            'a'..='z' => *c as usize - 'a' as usize,
            '0'..='9' => 26 + (*c as usize - '0' as usize),
            _ => BINS - 1,
        };
        counts[bin] = counts[bin].saturating_add(1);
    }
    counts
}

/// A lower bound on the edit distance: each edit fixes at most one surplus and one shortfall.
fn histogram_floor(a: &[u16; BINS], b: &[u16; BINS]) -> usize {
    let (mut more, mut fewer) = (0_usize, 0_usize);
    for (x, y) in a.iter().zip(b) {
        if x > y {
            more += usize::from(x - y);
        } else {
            fewer += usize::from(y - x);
        }
    }
    more.max(fewer)
}

/// Every pair `(i, j)`, `i < j`, of normalised texts whose edit distance is below
/// [`NEAR_SAME_BELOW_PERCENT`] of the longer one's length.
///
/// Comparing all of ~700 cards pairwise would be 250,000 edit distances. Instead the texts are
/// sorted by length, and a text is only compared with those not too much longer (the length
/// difference alone is a floor under the distance, so the scan stops at the first one too
/// long); a letter-count floor skips most of the rest; and what is left runs a banded edit
/// distance that gives up as soon as the limit is passed.
pub(crate) fn near_pairs(texts: &[String]) -> Vec<(usize, usize)> {
    let chars: Vec<Vec<char>> = texts.iter().map(|text| text.chars().collect()).collect();
    let counts: Vec<[u16; BINS]> = chars.iter().map(|text| histogram(text)).collect();
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by_key(|&index| chars[index].len());
    let mut pairs = Vec::new();
    for (position, &first) in order.iter().enumerate() {
        for &second in &order[position + 1..] {
            let (short, long) = (chars[first].len(), chars[second].len());
            if (long - short) * 100 >= NEAR_SAME_BELOW_PERCENT * long {
                break;
            }
            // The largest distance still below the share: d * 100 < percent * long.
            let Some(limit) = (NEAR_SAME_BELOW_PERCENT * long).checked_sub(1) else {
                continue;
            };
            let limit = limit / 100;
            if histogram_floor(&counts[first], &counts[second]) > limit {
                continue;
            }
            if distance_within(&chars[first], &chars[second], limit).is_some() {
                pairs.push((first.min(second), first.max(second)));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests;
