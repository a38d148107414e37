// Rows particular to the RNN lecture: its text data (first names, the CMU Pronouncing Dictionary, hunspell-ar's
// Arabic words) is fetched on first use into $DLC_DATASETS_DIR (lib/data/fetch.hpp). Without the data, or with a
// cache that is damaged or cannot be written, the case that needs it fails with a message saying how to obtain the
// data, and the other cases still run (exit 1); a damaged file is never used. No row reaches the network: every
// row sets DLC_NO_FETCH, except the unwritable cache, which fails before any command runs.
#include "inventory.hpp"

namespace badinput {

BADINPUT_ROWS(rnn) {
    const std::string exe = ctx.program("rnn").string();
    // The data cases, each with the cache file it reads and its package (for the row's description).
    struct DataCase {
        std::string case_id, cache, file, what;
    };
    std::vector<DataCase> cases = {{"names", "first_names", "female.txt", "the first names (npm)"},
                                   {"g2p_seq2seq", "cmudict", "dict.txt", "the CMU dictionary (npm)"},
                                   // (word_embeddings reads the names first, then the CMU dictionary.)
                                   {"word_embeddings", "first_names", "female.txt", "the first names (npm)"}};
    // hunspell-ar's installed file is used when present (then the case has its data whatever the cache holds).
    if (!fs::exists("/usr/share/hunspell/ar.dic"))
        cases.push_back({"mockfinal_q6_transliteration", "hunspell_ar", "ar.dic", "hunspell-ar's words (Debian)"});

    auto row = [&](const DataCase& dc, const std::string& input, const std::string& message) {
        Row r;
        r.surface = "text data";
        r.subject = "rnn " + dc.case_id;
        r.input = input;
        r.argv = {exe, "--quick", "--case", dc.case_id, "--out", ctx.fresh("rnn-out-" + dc.case_id).string()};
        r.expect = Outcome::case_failed;
        r.message = message;
        return r;
    };

    for (const auto& dc : cases) {
        {
            // No data and fetching disabled: the message says where the file is expected and how to obtain it.
            Row r = row(dc, dc.what + " missing, DLC_NO_FETCH set, an empty DLC_DATASETS_DIR", "DLC_NO_FETCH is set");
            const fs::path dir = ctx.fresh("rnn-empty-" + dc.case_id);
            r.env = {{"DLC_DATASETS_DIR", dir.string()}, {"DLC_NO_FETCH", "1"}};
            r.setup = [dir] {
                fs::create_directories(dir);
                return std::shared_ptr<void>();
            };
            rows.push_back(std::move(r));
        }
        {
            // A damaged cached file (other bytes under the right name): refused by its SHA-256, never parsed.
            Row r = row(dc, dc.what + " in the cache with other content (a wrong SHA-256), DLC_NO_FETCH set",
                        "does not have the expected SHA-256");
            const fs::path dir = ctx.fresh("rnn-damaged-" + dc.case_id);
            r.env = {{"DLC_DATASETS_DIR", dir.string()}, {"DLC_NO_FETCH", "1"}};
            const fs::path file = dir / dc.cache / dc.file;
            r.setup = [file] {
                write_file(file, "HELLO  HH AH0 L OW1\nAnna\n");
                return std::shared_ptr<void>();
            };
            rows.push_back(std::move(r));
        }
        {
            // The cache file is a folder: not a file, so not used.
            Row r = row(dc, dc.what + ": a folder where the cached file should be, DLC_NO_FETCH set", "DLC_NO_FETCH is set");
            const fs::path dir = ctx.fresh("rnn-folder-" + dc.case_id);
            r.env = {{"DLC_DATASETS_DIR", dir.string()}, {"DLC_NO_FETCH", "1"}};
            const fs::path file = dir / dc.cache / dc.file;
            r.setup = [file] {
                fs::create_directories(file);
                return std::shared_ptr<void>();
            };
            rows.push_back(std::move(r));
        }
        {
            // DLC_DATASETS_DIR is a file, so the cache folder cannot be created (root cannot either): the fetch
            // stops before running any command.
            Row r = row(dc, dc.what + " missing, DLC_DATASETS_DIR a file (the cache cannot be written)",
                        "cannot create the cache folder");
            const fs::path file = ctx.fresh("rnn-notdir-" + dc.case_id);
            r.env = {{"DLC_DATASETS_DIR", file.string()}, {"DLC_NO_FETCH", ""}};  // empty = fetching allowed
            r.setup = [file] {
                write_file(file, "not a folder\n");
                return std::shared_ptr<void>();
            };
            rows.push_back(std::move(r));
        }
    }
    {
        // A DLC_DATASETS_DIR whose name is shell syntax: it is only a path (no command runs), named in the message.
        const DataCase& dc = cases.front();
        Row r = row(dc, "DLC_DATASETS_DIR named `it's;touch PWNED_rnn;$(touch PWNED_rnn2)`, DLC_NO_FETCH set",
                    "touch PWNED_rnn;$(touch PWNED_rnn2)");
        const fs::path dir = ctx.fresh("rnn-hostile") / "it's;touch PWNED_rnn;$(touch PWNED_rnn2)";
        r.env = {{"DLC_DATASETS_DIR", dir.string()}, {"DLC_NO_FETCH", "1"}};
        r.setup = [dir] {
            fs::create_directories(dir);
            return std::shared_ptr<void>();
        };
        rows.push_back(std::move(r));
    }
    {
        // No text data: a case that needs none (bptt_by_hand) still runs beside one that fails; one failure is reported.
        Row r;
        r.surface = "text data";
        r.subject = "rnn bptt_by_hand + names";
        r.input = "no text data, DLC_NO_FETCH set, --case bptt_by_hand --case names: the case without data still runs";
        const fs::path dir = ctx.fresh("rnn-all-empty");
        r.argv = {exe, "--quick", "--case", "bptt_by_hand", "--case", "names", "--out", ctx.fresh("rnn-all-out").string()};
        r.env = {{"DLC_DATASETS_DIR", dir.string()}, {"DLC_NO_FETCH", "1"}};
        r.expect = Outcome::case_failed;
        r.message = "rnn: 1 case(s) failed";
        r.setup = [dir] {
            fs::create_directories(dir);
            return std::shared_ptr<void>();
        };
        rows.push_back(std::move(r));
    }
    {
        // --data is for image data; the RNN lecture reads none.
        Row r;
        r.surface = "flags";
        r.subject = "rnn";
        r.input = "--data mnist (the lecture reads text data, not images)";
        r.argv = {exe, "--quick", "--data", "mnist", "--out", ctx.fresh("rnn-data-out").string()};
        r.expect = Outcome::rejected;
        r.message = "rnn reads no image data";
        rows.push_back(std::move(r));
    }
}

}  // namespace badinput
