// The CNN lecture's worked cases added for issue 11: Bahng Example 3.2's filters on the 5x5 identity image, and the
// UCSD kernel table on the L14 notes' 5x5 input (valid and same), as numbers. Values derived by hand below.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "case_run.hpp"

#include <cmath>

BOOST_AUTO_TEST_SUITE(cnn_cases)

namespace {

const nlohmann::json& run() { return dlc_test::run_cases("lectures", "cnn", {"bahng_example_3_2", "kernel_gallery"}); }

}  // namespace

// The identity image I (5x5), same size, zero padding, cross-correlation:
// Sharpen: on the diagonal 5 * 1 - (four neighbours, all 0 there) = 5; next to it, e.g. (1, 2) (1-based):
// 5 * 0 - (I(1,1) + I(2,2) + I(1,3)) = -2.
// Mean (1/25): at the centre the window is the whole image, 5 ones -> 0.2; at (1, 1) it holds I(1,1), I(2,2),
// I(3,3) -> 3/25 = 0.12. Gaussian at the centre: the kernel's diagonal (1 + 16 + 41 + 16 + 1) / 273 = 75/273.
// Sobel: the flipped kernel is -w, so the flipped convolution is the negative of the cross-correlation.
BOOST_AUTO_TEST_CASE(bahng_example_3_2_numbers) {
    const auto& j = run();
    const auto& c = j["cases"]["bahng_example_3_2"];
    for (std::size_t i = 0; i < 5; ++i) BOOST_TEST(c["sharpen"][i][i].get<double>() == 5.0);
    BOOST_TEST(c["sharpen"][0][1].get<double>() == -2.0);
    BOOST_TEST(std::abs(c["mean"][2][2].get<double>() - 0.2) < 1e-15);
    BOOST_TEST(std::abs(c["mean"][0][0].get<double>() - 0.12) < 1e-15);
    BOOST_TEST(std::abs(c["gaussian"][2][2].get<double>() - 75.0 / 273.0) < 1e-15);
    BOOST_TEST(c["gaussian_integer_sum"].get<double>() == 273.0);
    for (const char* k : {"sobel_horizontal", "sobel_vertical"})
        for (std::size_t r = 0; r < 5; ++r)
            for (std::size_t q = 0; q < 5; ++q)
                BOOST_TEST(c[std::string(k) + "_flipped_convolution"][r][q].get<double>() == -c[k][r][q].get<double>());
    BOOST_TEST(!c.contains("sharpen_flipped_convolution"));  // symmetric kernels: one operation, one answer
    BOOST_TEST(dlc_test::notes_of(j, "bahng_example_3_2").size() == 2u);
}

// L14 input x = ((1, 2, 0, 3, 1), (-1, -1, 2, 0, 1), (1, -1, -1, 0, 1), (3, 1, 2, -1, 1), (1, 4, 0, 1, 2)).
// Identity, valid: the inner 3x3 block ((-1, 2, 0), (-1, -1, 0), (1, 2, -1)). Box blur, same, at (1, 1): the top-left
// 2x2 block 1 + 2 - 1 - 1 = 1, over 9: 1/9. Every UCSD kernel is symmetric under a 180-degree rotation, so the
// convolution the slide defines equals the cross-correlation, and no second answer is recorded.
BOOST_AUTO_TEST_CASE(ucsd_kernels_on_the_l14_input) {
    const auto& c = run()["cases"]["kernel_gallery"];
    const auto& k = c["ucsd_kernels_on_l14"];
    BOOST_TEST(k["identity"]["valid"] == nlohmann::json::parse("[[-1.0, 2.0, 0.0], [-1.0, -1.0, 0.0], [1.0, 2.0, -1.0]]"));
    BOOST_TEST(std::abs(k["box blur"]["same"][0][0].get<double>() - 1.0 / 9.0) < 1e-15);
    for (const auto& [name, entry] : k.items()) {
        BOOST_TEST(entry["operation"] == "convolution = cross-correlation", name);
        BOOST_TEST(entry["valid"].size() == 3u);
        BOOST_TEST(entry["same"].size() == 5u);
    }
    BOOST_TEST(c["images_operation"].get<std::string>().find("flipped") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
