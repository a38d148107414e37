/// \file
/// \brief Arabic script ↔ a chat-style Latin romanization ("Arabizi"), the mock final Q6 task: several
/// Arabic letters take two Latin characters (sh, kh, th, dh, gh), digits stand for letters Latin lacks
/// (3 = ʿayn, 7 = ḥāʾ, 2 = hamza), and short vowels are not written (Arabic script omits them).
///
/// The table, letter by letter (Unicode code point, name → Latin):
/// | letter | → | letter | → | letter | → |
/// |---|---|---|---|---|---|
/// | ء U+0621 hamza | 2 | آ U+0622 alif madda | 2a | أ U+0623 alif hamza above | 2 |
/// | ؤ U+0624 wāw hamza | 2 | إ U+0625 alif hamza below | 2 | ئ U+0626 yāʾ hamza | 2 |
/// | ا U+0627 alif | a | ب U+0628 bāʾ | b | ة U+0629 tāʾ marbūṭa | a |
/// | ت U+062A tāʾ | t | ث U+062B thāʾ | th | ج U+062C jīm | j |
/// | ح U+062D ḥāʾ | 7 | خ U+062E khāʾ | kh | د U+062F dāl | d |
/// | ذ U+0630 dhāl | dh | ر U+0631 rāʾ | r | ز U+0632 zāy | z |
/// | س U+0633 sīn | s | ش U+0634 shīn | sh | ص U+0635 ṣād | S |
/// | ض U+0636 ḍād | D | ط U+0637 ṭāʾ | T | ظ U+0638 ẓāʾ | Z |
/// | ع U+0639 ʿayn | 3 | غ U+063A ghayn | gh | ف U+0641 fāʾ | f |
/// | ق U+0642 qāf | q | ك U+0643 kāf | k | ل U+0644 lām | l |
/// | م U+0645 mīm | m | ن U+0646 nūn | n | ه U+0647 hāʾ | h |
/// | و U+0648 wāw | w | ى U+0649 alif maqṣūra | a | ي U+064A yāʾ | y |
///
/// The map is not one-to-one, which is what makes Latin → Arabic a learning problem rather than a
/// lookup: the five hamza letters all become "2", alif, tāʾ marbūṭa and alif maqṣūra all "a", and
/// the digraphs collide with letter pairs (ت + ه = "t" + "h" = "th" = ث).
#pragma once

#include <string>
#include <vector>

namespace dlc {

/// \brief The 36 Arabic letters of the table, in code-point order, each as a UTF-8 string.
const std::vector<std::string>& arabizi_letters();

/// \brief Whether every character of `word` (UTF-8) is one of the table's letters (and it is not empty).
bool is_arabic_word(const std::string& word);

/// \brief The romanization of an Arabic word by the table.
/// \throws ValueError naming the character (and its code point) if it is not in the table.
std::string romanize_arabic(const std::string& word);

}  // namespace dlc
