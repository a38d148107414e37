// Unit tests of the trained-model store (lib/models): save/load round trips give bit-identical outputs for
// every module type the format knows, in float and double; every kind of bad file (truncated, corrupt,
// wrong version, wrong architecture, wrong scalar type, oversized or malformed header) is refused with a
// DataError naming the check; `trained` trains, caches, reloads and replaces a corrupt cache.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "core/error.hpp"
#include "core/rng.hpp"
#include "models/architecture.hpp"
#include "models/lenet5.hpp"
#include "models/model_file.hpp"
#include "models/trained.hpp"
#include "nn/batchnorm.hpp"
#include "nn/conv2d.hpp"
#include "nn/conv_transpose2d.hpp"
#include "nn/dropout.hpp"
#include "nn/flatten.hpp"
#include "nn/layernorm.hpp"
#include "nn/linear.hpp"
#include "nn/per_unit_activation.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "nn/residual.hpp"
#include "nn/sigmoid.hpp"
#include "nn/softmax.hpp"
#include "nn/step.hpp"
#include "nn/upsample.hpp"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

BOOST_AUTO_TEST_SUITE(models_store)

namespace {

using dlc::Tensor;
using dlc_test::check_throws;
using json = nlohmann::json;

// A network using every module type the format knows (images 1x8x8 in, 5 numbers out), weights random.
template <class T>
std::unique_ptr<dlc::Sequential<T>> zoo(dlc::Rng& rng) {
    auto net = std::make_unique<dlc::Sequential<T>>();
    net->template add<dlc::Conv2d<T>>(1, 3, 3, 3, rng, dlc::ConvOptions{1, 1});  // 3x8x8
    net->template add<dlc::BatchNorm<T>>(3, 0.2, 1e-4);
    net->template add<dlc::LeakyReLU<T>>(T(0.05));
    net->template add<dlc::MaxPool2d<T>>(2);                                           // 3x4x4
    net->template add<dlc::Upsample<T>>(2, dlc::UpsampleMode::bicubic);               // 3x8x8
    net->template add<dlc::AvgPool2d<T>>(2, 2);                                        // 3x4x4
    net->template add<dlc::ConvTranspose2d<T>>(3, 2, 2, 2, rng, dlc::ConvTransposeOptions{2, 0, 0});  // 2x8x8
    net->template add<dlc::ELU<T>>(T(0.7));
    auto body = std::make_unique<dlc::Sequential<T>>();
    body->template add<dlc::Conv2d<T>>(2, 2, 3, 3, rng, dlc::ConvOptions{1, 1});
    body->template add<dlc::Tanh<T>>();
    net->template add<dlc::Residual<T>>(std::move(body));
    net->template add<dlc::Flatten<T>>();                                             // 128
    net->template add<dlc::Unflatten<T>>(dlc::Shape{2, 8, 8});
    net->template add<dlc::GlobalAvgPool2d<T>>();                                     // 2
    net->template add<dlc::Linear<T>>(2, 6, rng, dlc::WeightInit::xavier(), dlc::WeightInit::gaussian(0.3));
    net->template add<dlc::LayerNorm<T>>(6, 1e-3);
    net->template add<dlc::GELU<T>>();
    net->template add<dlc::Dropout<T>>(0.25, rng);
    net->template add<dlc::Linear<T>>(6, 5, rng, dlc::WeightInit::kaiming(), dlc::WeightInit::zeros(), false);
    net->template add<dlc::Sigmoid<T>>(T(2.5));
    net->template add<dlc::ReLU<T>>();
    net->template add<dlc::Softmax<T>>();
    // Non-trivial learned-looking values everywhere, batch norm's running statistics included.
    for (auto& p : net->parameters())
        for (auto& v : *p.value) v = static_cast<T>(rng.uniform(-1, 1));
    for (auto& b : net->buffers())
        for (auto& v : *b.value) v = static_cast<T>(rng.uniform(0.5, 1.5));
    net->eval();
    return net;
}

template <class T>
bool bit_identical(const Tensor<T>& a, const Tensor<T>& b) {
    return dlc::same_shape(a, b) && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

std::filesystem::path temp_dir(const std::string& name) {
    auto d = std::filesystem::temp_directory_path() / ("dlc_models_" + name + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

// The little-endian bytes of v.
std::string le(std::uint64_t v, int bytes) {
    std::string s;
    for (int i = 0; i < bytes; ++i) s += char((v >> (8 * i)) & 0xFF);
    return s;
}

// A file with the given header text and payload, correctly framed and checksummed.
std::string framed(const std::string& header, const std::string& payload, std::uint32_t version = 1) {
    std::string s = "DLCMODEL" + le(version, 4) + le(header.size(), 8) + header + le(payload.size(), 8) + payload;
    return s + le(dlc::crc32_of(s), 4);
}

// The header and payload of a file written by serialize_model.
std::pair<json, std::string> unframe(const std::string& file) {
    std::uint64_t H = 0, P = 0;
    for (int i = 0; i < 8; ++i) H |= std::uint64_t((unsigned char)file[12 + i]) << (8 * i);
    for (int i = 0; i < 8; ++i) P |= std::uint64_t((unsigned char)file[20 + H + i]) << (8 * i);
    return {json::parse(file.substr(20, H)), file.substr(28 + H, P)};
}

std::string small_model_file() {
    dlc::Rng rng(3);
    dlc::Sequential<float> net;
    net.add<dlc::Linear<float>>(4, 3, rng);
    net.add<dlc::ReLU<float>>();
    net.add<dlc::Linear<float>>(3, 2, rng);
    return dlc::serialize_model(net, {{"note", "small"}});
}

template <class F>
void check_refused(F f, const std::string& part) {
    check_throws<dlc::DataError>(f, {part});
}

}  // namespace

BOOST_AUTO_TEST_CASE(round_trip_is_bit_identical_float_and_double) {
    dlc::Rng rng(7);
    auto f = zoo<float>(rng);
    auto d = zoo<double>(rng);
    const Tensor<float> xf = dlc_test::uniform<float>({3, 1, 8, 8}, rng);
    const Tensor<double> xd = dlc_test::uniform<double>({3, 1, 8, 8}, rng);
    const Tensor<float> yf = f->forward(xf);
    const Tensor<double> yd = d->forward(xd);

    const std::string bytes_f = dlc::serialize_model(*f, {{"purpose", "test"}});
    auto lf = dlc::parse_model<float>(bytes_f);
    lf.model->eval();
    BOOST_TEST(lf.meta.at("purpose") == "test");
    BOOST_TEST(lf.model->name() == f->name());
    BOOST_TEST(bit_identical(lf.model->forward(xf), yf));
    // The same bytes again: serialization is deterministic.
    BOOST_TEST(dlc::serialize_model(*lf.model, {{"purpose", "test"}}) == bytes_f);

    auto ld = dlc::parse_model<double>(dlc::serialize_model(*d));
    ld.model->eval();
    BOOST_TEST(bit_identical(ld.model->forward(xd), yd));
    BOOST_TEST(ld.meta == json::object());
}

BOOST_AUTO_TEST_CASE(save_load_files_and_load_weights_into) {
    const auto dir = temp_dir("files");
    dlc::Rng rng(11);
    dlc::Sequential<float> net;
    dlc::add_lenet5(net, rng, dlc::WeightInit::normal_fan_in());
    net.eval();
    const Tensor<float> x = dlc_test::uniform<float>({4, 1, 28, 28}, rng);
    const Tensor<float> y = net.forward(x);
    const std::string path = (dir / "sub" / "lenet.model").string();
    dlc::save_model(net, path, {{"accuracy", 0.5}});
    BOOST_TEST(std::filesystem::exists(path));

    auto loaded = dlc::load_model<float>(path);
    loaded.model->eval();
    BOOST_TEST(bit_identical(loaded.model->forward(x), y));
    BOOST_TEST(loaded.meta.at("accuracy").get<double>() == 0.5);

    // Into a freshly initialized LeNet-5: same outputs afterwards.
    dlc::Rng other(99);
    dlc::Sequential<float> fresh;
    dlc::add_lenet5(fresh, other, dlc::WeightInit::kaiming());
    fresh.eval();
    BOOST_TEST(!bit_identical(Tensor<float>(fresh.forward(x)), y));
    const auto meta = dlc::load_weights_into(fresh, path);
    BOOST_TEST(meta.at("accuracy").get<double>() == 0.5);
    BOOST_TEST(bit_identical(fresh.forward(x), y));

    // A different architecture is refused, naming both.
    dlc::Sequential<float> mlp;
    mlp.add<dlc::Linear<float>>(784, 10, rng);
    check_refused([&] { dlc::load_weights_into(mlp, path); }, "different architecture");
    // The wrong scalar type.
    check_refused([&] { dlc::load_model<double>(path); }, "holds float32 weights");
    // A missing file.
    check_refused([&] { dlc::load_model<float>((dir / "none.model").string()); }, "cannot open");
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(truncated_files_are_refused_at_every_length) {
    const std::string file = small_model_file();
    BOOST_TEST_REQUIRE(dlc::parse_model<float>(file).model->size() == 3u);
    for (std::size_t n = 0; n < file.size(); ++n) {
        bool threw = false;
        try {
            dlc::parse_model<float>(std::string_view(file).substr(0, n));
        } catch (const dlc::DataError& e) {
            threw = true;
        }
        BOOST_TEST(threw, "a file cut to " << n << " bytes was accepted");
    }
    check_refused([&] { dlc::parse_model<float>(file.substr(0, file.size() - 1)); }, "truncated");
    check_refused([&] { dlc::parse_model<float>(file + "x"); }, "unexpected bytes after the checksum");
}

BOOST_AUTO_TEST_CASE(corrupt_bytes_fail_the_checksum) {
    const std::string file = small_model_file();
    // Flip one bit in the JSON, in the payload and in the checksum itself.
    for (std::size_t at : {std::size_t(30), file.size() - 20, file.size() - 2}) {
        std::string bad = file;
        bad[at] = char(bad[at] ^ 0x10);
        check_refused([&] { dlc::parse_model<float>(bad); }, "checksum mismatch");
    }
}

BOOST_AUTO_TEST_CASE(magic_and_version_are_checked_first) {
    const std::string file = small_model_file();
    check_refused([&] { dlc::parse_model<float>(std::string("PNG\x89 not a model at all")); }, "not a dlc model file");
    check_refused([&] { dlc::parse_model<float>(std::string()); }, "not a dlc model file");
    // Not a structured binding: C++17 lambdas cannot capture one (clang refuses it).
    const auto parts = unframe(file);
    const json& header = parts.first;
    const std::string& payload = parts.second;
    check_refused([&] { dlc::parse_model<float>(framed(header.dump(), payload, 2)); }, "format version 2");
    check_refused([&] { dlc::parse_model<float>(framed(header.dump(), payload, 0)); }, "format version 0");
    BOOST_TEST(dlc::parse_model<float>(framed(header.dump(), payload)).model->size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_valid_checksum_does_not_make_a_bad_header_acceptable) {
    const auto parts = unframe(small_model_file());
    const json& header = parts.first;
    const std::string& payload = parts.second;
    const auto with = [&](const std::function<void(json&)>& edit) {
        json h = header;
        edit(h);
        return framed(h.dump(), payload);
    };
    check_refused([&] { dlc::parse_model<float>(framed("{not json", payload)); }, "not valid JSON");
    check_refused([&] { dlc::parse_model<float>(framed("[1, 2]", payload)); }, "must be a JSON object");
    check_refused([&] { dlc::parse_model<float>(framed(std::string(100, '[') + std::string(100, ']'), payload)); },
            "nested deeper");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h.erase("tensors"); })); }, "no 'tensors'");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["scalar"] = "int8"; })); }, "float32 or float64");
    check_refused([&] { dlc::parse_model<double>(with([](json&) {})); }, "holds float32 weights");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["architecture"]["layers"][1]["type"] = "Magic"; })); },
            "unknown module type 'Magic'");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["architecture"]["type"] = "Linear"; })); },
            "must be a Sequential");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["architecture"]["layers"][0]["in"] = -4; })); },
            "layers[0]: field 'in'");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["architecture"]["layers"][0]["in"] = 2.5; })); },
            "whole number");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["architecture"]["layers"][0].erase("bias"); })); },
            "missing field 'bias'");
    // A layer larger than the payload is refused before anything is allocated.
    check_refused([&] {
        dlc::parse_model<float>(with([](json& h) {
            h["architecture"]["layers"][0]["in"] = 1 << 24;
            h["architecture"]["layers"][0]["out"] = 1 << 24;
        }));
    }, "more than the file holds");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["architecture"]["layers"][0]["in"] = 5; })); },
            "more than the file holds");
    // Table and architecture disagree: names, shapes, count.
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["tensors"][0]["name"] = "0.K"; })); }, "'0.K'");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["tensors"][0]["shape"] = {4, 3}; })); }, "has shape");
    check_refused([&] { dlc::parse_model<float>(with([](json& h) { h["tensors"].erase(3); })); }, "lists 3 tensors");
    // The architecture shrinks but the payload does not: leftover bytes.
    check_refused([&] {
        dlc::parse_model<float>(with([](json& h) {
            h["architecture"]["layers"][2]["out"] = 1;
            h["tensors"][2]["shape"] = {1, 3};
            h["tensors"][3]["shape"] = {1};
        }));
    }, "the payload holds");
    // A constructor's own refusal becomes a DataError too (a negative dropout probability).
    check_refused([&] {
        dlc::parse_model<float>(with([](json& h) { h["architecture"]["layers"][1] = {{"type", "Dropout"}, {"p", -1}}; }));
    }, "Dropout");
    // Nesting deeper than the architecture's limit.
    check_refused([&] {
        dlc::parse_model<float>(with([](json& h) {
            json a = {{"type", "Sequential"}, {"layers", json::array()}};
            for (int i = 0; i < 20; ++i) a = {{"type", "Sequential"}, {"layers", {a}}};
            h["architecture"]["layers"][1] = a;
        }));
    }, "nested deeper than 16");
}

BOOST_AUTO_TEST_CASE(oversized_lengths_are_refused) {
    check_refused([&] { dlc::parse_model<float>("DLCMODEL" + le(1, 4) + le(std::uint64_t(1) << 40, 8) + std::string(40, ' ')); },
            "header length");
    check_refused([&] { dlc::parse_model<float>(framed("{}", "") .substr(0, 20 + 2) + le(std::uint64_t(1) << 40, 8) + "abcd"); },
            "payload length");
}

BOOST_AUTO_TEST_CASE(modules_without_a_json_form_cannot_be_saved) {
    dlc::Sequential<double> net;
    auto& units = net.add<dlc::PerUnitActivation<double>>();
    units.add<dlc::Tanh<double>>();
    check_throws<dlc::ValueError>([&] { dlc::serialize_model(net); }, {"cannot save module"});
    dlc::Sequential<double> ok;
    check_throws<dlc::ValueError>([&] { dlc::serialize_model(ok, json::array()); }, {"meta must be a JSON object"});
}

BOOST_AUTO_TEST_CASE(crc32_matches_the_standard_check_value) {
    // The CRC-32 check value of the ASCII digits "123456789" is 0xCBF43926.
    BOOST_TEST(dlc::crc32_of("123456789") == 0xCBF43926u);
    BOOST_TEST(dlc::crc32_of("") == 0u);
}

BOOST_AUTO_TEST_CASE(trained_trains_caches_reloads_and_replaces_a_corrupt_cache) {
    const auto dir = temp_dir("cache");
    ::setenv("DLC_MODELS_DIR", dir.c_str(), 1);
    std::ostringstream log;
    dlc::TrainedOptions opt;
    opt.quick = true;
    opt.log = &log;
    // Fashion-MNIST (a Debian package the build installs) so the test does not depend on the digits' download.
    auto first = dlc::trained("lenet5_fashion", opt);
    BOOST_TEST(!first.from_cache);
    BOOST_TEST(first.meta.at("test_accuracy").get<double>() > 0.3);
    BOOST_TEST(first.meta.at("dataset") == "Fashion-MNIST");
    BOOST_TEST(log.str().find("training it now") != std::string::npos);
    BOOST_TEST(std::filesystem::exists(dir / "lenet5_fashion-quick.model"));

    auto second = dlc::trained("lenet5_fashion", opt);
    BOOST_TEST(second.from_cache);
    BOOST_TEST(log.str().find("loaded from") != std::string::npos);
    dlc::Tensor3<float> images = xt::zeros<float>({std::size_t(3), std::size_t(28), std::size_t(28)});
    images(1, 10, 10) = 1.0f;
    images(2, 5, 20) = 0.5f;
    const Tensor<float> a = first.net->forward(first.input(images));
    const Tensor<float> b = second.net->forward(second.input(images));
    BOOST_TEST(bit_identical(a, b));

    // A corrupt cached file is replaced by a new training, which reproduces the same network.
    {
        std::fstream f(dir / "lenet5_fashion-quick.model", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(200);
        f.put('#');
    }
    auto third = dlc::trained("lenet5_fashion", opt);
    BOOST_TEST(!third.from_cache);
    BOOST_TEST(log.str().find("cannot be used") != std::string::npos);
    BOOST_TEST(bit_identical(Tensor<float>(third.net->forward(third.input(images))), a));

    check_throws<dlc::ValueError>([&] { dlc::trained("resnet152", opt); }, {"unknown model", "lenet5_mnist"});

    // trained_once: the first call loads, later ones return the same object and say so; a failure is not remembered.
    dlc::TrainedModel& once = dlc::trained_once("lenet5_fashion", opt);
    BOOST_TEST(once.from_cache);
    BOOST_TEST(&dlc::trained_once("lenet5_fashion", opt) == &once);
    BOOST_TEST(log.str().find("lenet5_fashion-quick (loaded earlier in this run)") != std::string::npos);
    check_throws<dlc::ValueError>([&] { dlc::trained_once("resnet152", opt); }, {"unknown model"});
    check_throws<dlc::ValueError>([&] { dlc::trained_once("resnet152", opt); }, {"unknown model"});
    ::unsetenv("DLC_MODELS_DIR");
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(lecture_case_seed_is_fnv1a_xor_seed) {
    // FNV-1a of the empty string is its offset basis.
    BOOST_TEST(dlc::lecture_case_seed(0, "") == 1469598103934665603ull);
    BOOST_TEST(dlc::lecture_case_seed(5, "") == (1469598103934665603ull ^ 5ull));
    // FNV-1a("a") = (basis ^ 'a') * prime.
    BOOST_TEST(dlc::lecture_case_seed(0, "a") == ((1469598103934665603ull ^ 0x61ull) * 1099511628211ull));
}

BOOST_AUTO_TEST_SUITE_END()
