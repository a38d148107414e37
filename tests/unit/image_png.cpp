// Unit tests of lib/image and lib/data/skimage: PNG round trips (grey and RGB, exact at 8 bits), bad PNGs
// (not a PNG, truncated at every length, a flipped byte, oversized dimensions, unwritable shapes) refused with
// a DataError naming the problem, bilinear resizing against PyTorch's F.interpolate (fixture) and by hand,
// centre crops, channel normalisation, and the scikit-image loader's errors.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "data/skimage.hpp"
#include "image/colormap.hpp"
#include "image/png.hpp"
#include "image/transform.hpp"
#include "models/model_file.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

BOOST_AUTO_TEST_SUITE(image_png)

namespace {

namespace tt = boost::test_tools;
using dlc_test::check_throws;

dlc::Tensor3<float> random_image(std::size_t C, std::size_t H, std::size_t W, dlc::Rng& rng) {
    dlc::Tensor3<float> x = dlc::Tensor3<float>::from_shape({C, H, W});
    for (auto& v : x) v = float(rng.index(256)) / 255.0f;  // exactly representable 8-bit levels
    return x;
}

std::string be32(std::uint32_t v) {
    return {char(v >> 24), char((v >> 16) & 0xFF), char((v >> 8) & 0xFF), char(v & 0xFF)};
}

// A PNG chunk with its length and (correct) CRC.
std::string chunk(const std::string& type, const std::string& data) {
    return be32(std::uint32_t(data.size())) + type + data + be32(dlc::crc32_of(type + data));
}

const std::string signature("\x89PNG\r\n\x1a\n", 8);

}  // namespace

BOOST_AUTO_TEST_CASE(round_trips_are_exact_at_8_bits) {
    dlc::Rng rng(1);
    for (std::size_t C : {1, 3}) {
        const auto x = random_image(C, 7, 13, rng);
        const std::string bytes = dlc::encode_png(x);
        BOOST_TEST(bytes.compare(0, 8, signature) == 0);
        const auto y = dlc::decode_png(bytes);
        BOOST_TEST(y.shape(0) == C);
        BOOST_TEST(y.shape(1) == 7u);
        BOOST_TEST(y.shape(2) == 13u);
        BOOST_TEST((y == x), "round trip of " << C << " channels changed the pixels");
    }
    // Values are clamped and rounded to the nearest 8-bit level.
    dlc::Tensor3<float> z = {{{-0.5f, 0.25f, 1.7f}}};
    const auto back = dlc::decode_png(dlc::encode_png(z));
    BOOST_TEST(back(0, 0, 0) == 0.0f);
    BOOST_TEST(back(0, 0, 1) == 64.0f / 255.0f);  // 0.25 * 255 = 63.75 -> 64
    BOOST_TEST(back(0, 0, 2) == 1.0f);
}

BOOST_AUTO_TEST_CASE(channels_are_converted_on_request) {
    dlc::Rng rng(2);
    const auto grey = random_image(1, 4, 5, rng);
    const auto rgb = dlc::decode_png(dlc::encode_png(grey), dlc::PngChannels::rgb);
    BOOST_TEST(rgb.shape(0) == 3u);
    for (std::size_t c = 0; c < 3; ++c)
        BOOST_TEST((xt::view(rgb, c, xt::all(), xt::all()) == xt::view(grey, 0, xt::all(), xt::all())));
    // A colour image whose channels are equal becomes that grey exactly.
    const auto g2 = dlc::decode_png(dlc::encode_png(rgb), dlc::PngChannels::grey);
    BOOST_TEST(g2.shape(0) == 1u);
    BOOST_TEST(xt::amax(xt::abs(g2 - grey))() <= 1.0f / 255.0f);
}

BOOST_AUTO_TEST_CASE(files_are_written_and_read) {
    const auto dir = std::filesystem::temp_directory_path() / ("dlc_png_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    dlc::Rng rng(3);
    const auto x = random_image(3, 9, 9, rng);
    const std::string path = (dir / "x.png").string();
    dlc::write_png(path, x);
    BOOST_TEST((dlc::read_png(path) == x));
    check_throws<dlc::DataError>([&] { dlc::read_png((dir / "missing.png").string()); }, {"cannot open"});
    check_throws<dlc::DataError>([&] { dlc::write_png((dir / "no" / "such" / "dir.png").string(), x); }, {"cannot write"});
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(bad_pngs_are_refused) {
    dlc::Rng rng(4);
    const std::string good = dlc::encode_png(random_image(3, 6, 6, rng));
    check_throws<dlc::DataError>([&] { dlc::decode_png("GIF89a........"); }, {"not a PNG file"});
    check_throws<dlc::DataError>([&] { dlc::decode_png(""); }, {"not a PNG file"});
    // Truncated at every length.
    for (std::size_t n = 0; n < good.size(); ++n) {
        bool threw = false;
        try {
            dlc::decode_png(std::string_view(good).substr(0, n));
        } catch (const dlc::DataError&) {
            threw = true;
        }
        BOOST_TEST(threw, "a PNG cut to " << n << " of " << good.size() << " bytes was accepted");
    }
    // A flipped byte in the IHDR chunk: libpng's CRC check.
    std::string bad = good;
    bad[20] = char(bad[20] ^ 0x01);
    check_throws<dlc::DataError>([&] { dlc::decode_png(bad); }, {"invalid PNG"});
    // A well-formed header declaring a huge image (valid CRCs): refused before anything is allocated.
    const std::string ihdr = be32(100000) + be32(100000) + std::string("\x08\x02\x00\x00\x00", 5);
    // (libpng reads the header up to the first IDAT chunk: an empty one is enough for the size check to run.)
    const std::string huge = signature + chunk("IHDR", ihdr) + chunk("IDAT", "") + chunk("IEND", "");
    check_throws<dlc::DataError>([&] { dlc::decode_png(huge); }, {"100000 x 100000", "limit"});
    dlc::PngLimits small;
    small.max_width = 4;
    check_throws<dlc::DataError>([&] { dlc::decode_png(good, dlc::PngChannels::as_stored, small); }, {"6 x 6"});
    // Images that cannot be written.
    check_throws<dlc::ShapeError>([&] { dlc::encode_png(dlc::Tensor3<float>::from_shape({2, 3, 3})); }, {"1 or 3"});
    dlc::Tensor3<float> nan = xt::zeros<float>({std::size_t(1), std::size_t(2), std::size_t(2)});
    nan(0, 1, 1) = std::nanf("");
    check_throws<dlc::ValueError>([&] { dlc::encode_png(nan); }, {"NaN"});
}

BOOST_AUTO_TEST_CASE(resize_taps_are_bilinear_and_sum_to_one) {
    // Upsampling 2 -> 4 (align_corners = False): output i sits at (i + 0.5)/2 - 0.5 = -0.25, 0.25, 0.75, 1.25.
    const auto t = dlc::resize_taps(2, 4, false);
    const dlc::Tensor3<float> x = {{{0.0f, 1.0f}}};
    const auto y = dlc::resize_bilinear(x, 1, 4, false);
    BOOST_TEST(y(0, 0, 0) == 0.0f);   // clamped at the border
    BOOST_TEST(y(0, 0, 1) == 0.25f);
    BOOST_TEST(y(0, 0, 2) == 0.75f);
    BOOST_TEST(y(0, 0, 3) == 1.0f);
    for (std::size_t i = 0; i < 4; ++i) {
        double s = 0;
        for (std::size_t k = 0; k < t.count[i]; ++k) s += t.weight[i * t.taps + k];
        BOOST_TEST(s == 1.0, tt::tolerance(1e-12));
    }
    // Same size: the identity. A constant image stays constant, shrunk or grown.
    dlc::Rng rng(5);
    const auto z = random_image(3, 5, 7, rng);
    BOOST_TEST((dlc::resize_bilinear(z, 5, 7) == z));
    const dlc::Tensor3<float> c = xt::ones<float>({std::size_t(1), std::size_t(9), std::size_t(9)}) * 0.3f;
    BOOST_TEST(xt::amax(xt::abs(dlc::resize_bilinear(c, 4, 13) - 0.3f))() < 1e-6f);
    // Anti-aliased 2:1 shrinking of 4 samples averages pairs with the tent (1/8, 3/8, 3/8, 1/8) at the centre.
    const dlc::Tensor3<float> r = {{{0.0f, 1.0f, 2.0f, 3.0f}}};
    const auto half = dlc::resize_bilinear(r, 1, 2, true);
    BOOST_TEST(half(0, 0, 0) == (0.0f * 3 + 1.0f * 3 + 2.0f * 1) / 7.0f, tt::tolerance(1e-6f));
    check_throws<dlc::ValueError>([&] { dlc::resize_bilinear(z, 0, 3); }, {"new size"});
}

BOOST_AUTO_TEST_CASE(resize_matches_pytorch_interpolate) {
    // tests/fixtures/make_resize_fixture.py: F.interpolate(mode="bilinear", align_corners=False, antialias=...).
    const char* dir = std::getenv("DLC_FIXTURES");
    BOOST_TEST_REQUIRE(dir != nullptr);
    std::ifstream f(std::string(dir) + "/resize_reference.json");
    BOOST_TEST_REQUIRE(f.good());
    const auto j = nlohmann::json::parse(f);
    const auto in = j.at("input").get<std::vector<std::vector<double>>>();
    dlc::Tensor3<float> x = dlc::Tensor3<float>::from_shape({1, in.size(), in[0].size()});
    for (std::size_t i = 0; i < in.size(); ++i)
        for (std::size_t k = 0; k < in[0].size(); ++k) x(0, i, k) = float(in[i][k]);
    std::size_t cases = 0;
    for (const auto& c : j.at("cases")) {
        const std::size_t h = c.at("h"), w = c.at("w");
        const auto y = dlc::resize_bilinear(x, h, w, c.at("antialias").get<bool>());
        const auto want = c.at("output").get<std::vector<std::vector<double>>>();
        double worst = 0;
        for (std::size_t i = 0; i < h; ++i)
            for (std::size_t k = 0; k < w; ++k) worst = std::max(worst, std::abs(double(y(0, i, k)) - want[i][k]));
        BOOST_TEST(worst < 1e-5, h << "x" << w << " antialias " << c.at("antialias") << ": " << worst);
        ++cases;
    }
    BOOST_TEST(cases >= 4u);
}

BOOST_AUTO_TEST_CASE(crops_and_normalisation) {
    dlc::Rng rng(6);
    const auto x = random_image(3, 6, 8, rng);
    const auto c = dlc::center_crop(x, 2, 4);
    BOOST_TEST(c(1, 0, 0) == x(1, 2, 2));
    BOOST_TEST(c(2, 1, 3) == x(2, 3, 5));
    check_throws<dlc::ShapeError>([&] { dlc::center_crop(x, 7, 1); }, {"fit in the image"});
    const auto s = dlc::square_resize(x, 3);
    BOOST_TEST(s.shape(1) == 3u);
    BOOST_TEST(s.shape(2) == 3u);
    std::vector<double> mean, sd;
    dlc::channel_statistics(x, mean, sd);
    auto y = x;
    dlc::normalize_channels(y, mean, sd);
    std::vector<double> m2, s2;
    dlc::channel_statistics(y, m2, s2);
    for (std::size_t k = 0; k < 3; ++k) {
        BOOST_TEST(m2[k] == 0.0, tt::tolerance(1e-6));
        BOOST_TEST(s2[k] == 1.0, tt::tolerance(1e-5));
    }
    dlc::denormalize_channels(y, mean, sd);
    BOOST_TEST(xt::amax(xt::abs(y - x))() < 1e-6f);
    check_throws<dlc::ShapeError>([&] { dlc::normalize_channels(y, {0, 0}, {1}); }, {"1 or C = 3"});
    check_throws<dlc::ValueError>([&] { dlc::normalize_channels(y, {0}, {0}); }, {"positive"});
}

BOOST_AUTO_TEST_CASE(colour_maps) {
    BOOST_TEST(dlc::heat_colour(0)[0] == 0.0, tt::tolerance(0.02));
    BOOST_TEST(dlc::heat_colour(1)[1] > 0.9);
    BOOST_TEST(dlc::diverging_colour(0)[0] > 0.9);   // white
    BOOST_TEST(dlc::diverging_colour(1)[0] > dlc::diverging_colour(1)[2]);   // red
    BOOST_TEST(dlc::diverging_colour(-1)[2] > dlc::diverging_colour(-1)[0]);  // blue
    const dlc::Tensor3<double> img = xt::ones<double>({std::size_t(1), std::size_t(2), std::size_t(2)}) * 0.5;
    const dlc::Matrix<double> map = {{0, 0}, {0, 1}};
    const auto o = dlc::overlay_heat(img, map, 0.7);
    BOOST_TEST(o(0, 0, 0) == 0.5);  // a zero value lets the image through
    BOOST_TEST(o(1, 1, 1) != 0.5);
    check_throws<dlc::ShapeError>([&] { dlc::overlay_heat(img, dlc::Matrix<double>({{0}}), 0.5); }, {"must agree"});
}

BOOST_AUTO_TEST_CASE(skimage_loader_reports_what_is_missing) {
    check_throws<dlc::ValueError>([] { dlc::skimage_path("rocket"); }, {"unknown image 'rocket'", "chelsea"});
    const auto empty = std::filesystem::temp_directory_path() / ("dlc_skimage_" + std::to_string(::getpid()));
    std::filesystem::create_directories(empty);
    ::setenv("DLC_DATASETS_DIR", empty.c_str(), 1);
    ::setenv("DLC_NO_FETCH", "1", 1);
    check_throws<dlc::DataError>([] { dlc::skimage_path("chelsea"); }, {"chelsea.png is missing", "DLC_NO_FETCH"});
    ::unsetenv("DLC_NO_FETCH");
    // No fetch script in that folder either: said so, nothing run.
    check_throws<dlc::DataError>([] { dlc::skimage_path("brick"); }, {"fetch_skimage.sh is not there"});
    ::unsetenv("DLC_DATASETS_DIR");
    std::filesystem::remove_all(empty);
}

BOOST_AUTO_TEST_SUITE_END()
