#include "models/trained.hpp"

#include "core/error.hpp"
#include "core/progress.hpp"
#include "data/datasets.hpp"
#include "models/cosine_adam.hpp"
#include "models/gap_cnn.hpp"
#include "models/lenet5.hpp"
#include "models/mlp.hpp"
#include "models/model_file.hpp"
#include "nn/init.hpp"
#include "nn/softmax_cross_entropy.hpp"
#include "optim/train.hpp"

#include <xtensor/xmath.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace dlc {

namespace {

using json = nlohmann::json;

// A name is FAMILY_DATA: lenet5 | mlp | gapcnn, and mnist | fashion.
struct Spec {
    std::string family, data;
};

Spec parse_name(const std::string& name) {
    const auto& names = trained_model_names();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw ValueError("trained", "unknown model '" + name + "', expected one of " + list);
    }
    const auto cut = name.rfind('_');
    return {name.substr(0, cut), name.substr(cut + 1)};
}

// What the network is and how it was trained: a cached file is used only if its recipe is this text.
std::string recipe_text(const Spec& s, bool quick, std::uint64_t seed) {
    std::string r = "store v1: ";
    if (s.family == "lenet5")
        r += "LeNet-5 (lib/models/lenet5), weights N(0, 1/n_in), " + lenet5_recipe(quick).describe();
    else if (s.family == "gapcnn")
        r += "GAP CNN (lib/models/gap_cnn), weights N(0, 1/n_in), " + lenet5_recipe(quick).describe();
    else
        r += (quick ? MlpRecipe::quick() : MlpRecipe()).describe();
    r += std::string("; ") + (s.data == "mnist" ? "MNIST" : "Fashion-MNIST") +
         (quick ? ", the first 2000 training images" : ", all 60000 training images") + "; seed " + std::to_string(seed);
    return r;
}

std::uint64_t seed_for(const Spec& s) {
    // The lecture case whose network this is, at --seed 0.
    if (s.family == "lenet5") return lecture_case_seed(0, "lenet5");
    if (s.family == "mlp") return lecture_case_seed(0, "mnist_mlp");
    return lecture_case_seed(0, "gapcnn");
}

void say(const TrainedOptions& o, const std::string& text) { (o.log ? *o.log : std::cerr) << text << std::endl; }

}  // namespace

const std::vector<std::string>& trained_model_names() {
    static const std::vector<std::string> names = {"lenet5_mnist", "lenet5_fashion", "mlp_mnist",
                                                   "mlp_fashion",  "gapcnn_mnist",   "gapcnn_fashion"};
    return names;
}

std::string models_dir() {
    const char* v = std::getenv("DLC_MODELS_DIR");
    if (v != nullptr && *v != '\0') return v;
    return (std::filesystem::path(datasets_dir()) / "models").string();
}

std::uint64_t lecture_case_seed(std::uint64_t seed, const std::string& case_id) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a, as dlc::Case
    for (unsigned char c : case_id) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return seed ^ h;
}

Tensor<float> TrainedModel::input(const Tensor3<float>& images) const {
    const json& in = meta.at("input");
    if (in.at("layout") == "flat") return flattened_batch(images);
    return standardized_batch(images, in.at("mean").get<double>(), in.at("sd").get<double>());
}

TrainedModel trained(const std::string& name, const TrainedOptions& options) {
    const Spec spec = parse_name(name);
    const bool quick = options.quick;
    const std::uint64_t seed = seed_for(spec);
    const std::string recipe = recipe_text(spec, quick, seed);
    TrainedModel result;
    result.name = name;
    const std::string key = name + (quick ? "-quick" : "");
    if (options.use_cache) result.path = (std::filesystem::path(models_dir()) / (key + ".model")).string();

    // From the cache, if it holds this recipe's network.
    std::string why = "it is not in the cache " + (options.use_cache ? models_dir() : std::string("(not used)"));
    std::error_code ec;
    if (options.use_cache && std::filesystem::exists(result.path, ec)) {
        try {
            auto loaded = load_model<float>(result.path);
            if (loaded.meta.value("recipe", std::string()) == recipe && loaded.meta.contains("input")) {
                result.net = std::move(loaded.model);
                result.net->eval();
                result.meta = loaded.meta;
                result.from_cache = true;
                result.message = "trained model " + key + " loaded from " + result.path;
                say(options, result.message);
                return result;
            }
            why = "the cached " + result.path + " was trained with another recipe";
        } catch (const DataError& e) {
            why = "the cached file cannot be used (" + std::string(e.what()) + ")";
        }
    }

    // Train it now.
    auto data = load_images<float>(spec.data, quick ? 2000 : 0, quick ? 1000 : 0);
    const std::string want = spec.data == "mnist" ? "MNIST" : "Fashion-MNIST";
    if (data.name != want)
        throw DataError("trained", name + " needs the " + want + " images, but " + data.name + " was found" +
                                       (data.note.empty() ? "" : " (" + data.note + ")"));
    say(options, "trained model " + key + ": training it now, because " + why + " (" + recipe + ")");
    Rng rng(seed);
    auto net = std::make_unique<Sequential<float>>();
    json input;
    Tensor<float> X, Xtest;
    const auto t0 = std::chrono::steady_clock::now();
    if (spec.family == "mlp") {
        X = flattened_batch(data.train.images);
        Xtest = flattened_batch(data.test.images);
        data.train.images = Tensor3<float>();  // the network's copies are enough: keep the peak memory low
        input = {{"layout", "flat"}, {"mean", 0.0}, {"sd", 1.0}};
        const MlpRecipe r = quick ? MlpRecipe::quick() : MlpRecipe();
        add_mlp(*net, X.shape(1), r.hidden, 10, r.drop, rng);
        train_mlp(*net, X, data.train.labels, rng, r, key);
    } else {
        const double mean = xt::mean(data.train.images)();
        const double sd = std::sqrt(xt::variance(data.train.images)());
        X = standardized_batch(data.train.images, mean, sd);
        Xtest = standardized_batch(data.test.images, mean, sd);
        data.train.images = Tensor3<float>();
        input = {{"layout", "NCHW"}, {"mean", mean}, {"sd", sd}};
        if (spec.family == "lenet5") add_lenet5(*net, rng, WeightInit::normal_fan_in());
        else add_gap_cnn(*net, rng, WeightInit::normal_fan_in());
        const CosineAdamRecipe r = lenet5_recipe(quick);
        Progress bar(key, r.epochs * r.parts);
        train_cosine_adam(*net, X, data.train.labels, rng, r, [&](const SliceReport& s) {
            bar.tick(1, "epoch " + std::to_string(s.epoch) + ", loss " + std::to_string(s.stats.loss));
        });
        bar.done();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    SoftmaxCrossEntropy<float> loss;
    const auto e = evaluate(*net, loss, Xtest, data.test.labels, 500);
    net->eval();
    result.meta = {{"name", name},
                   {"recipe", recipe},
                   {"dataset", data.name},
                   {"n_train", X.shape(0)},
                   {"quick", quick},
                   {"seed", seed},
                   {"input", input},
                   {"test_accuracy", e.accuracy},
                   {"n_test", Xtest.shape(0)},
                   {"train_seconds", seconds}};
    result.net = std::move(net);
    std::ostringstream msg;
    msg << "trained model " << key << " trained in " << std::lround(seconds) << " s, test accuracy " << std::fixed
        << std::setprecision(2) << 100 * e.accuracy << "% on " << Xtest.shape(0) << " test images";
    result.message = msg.str();
    if (options.use_cache) {
        try {
            save_model(*result.net, result.path, result.meta);
            result.message += ", saved to " + result.path;
        } catch (const Error& err) {
            result.message += "; it could not be cached (" + std::string(err.what()) + ")";
            result.path.clear();
        }
    }
    say(options, result.message);
    return result;
}

TrainedModel& trained_once(const std::string& name, const TrainedOptions& options) {
    static std::map<std::string, TrainedModel> cache;
    const std::string key = name + (options.quick ? "-quick" : "");
    auto it = cache.find(key);
    if (it == cache.end()) return cache.emplace(key, trained(name, options)).first->second;
    say(options, "trained model " + key + " (loaded earlier in this run)");
    return it->second;
}

}  // namespace dlc
