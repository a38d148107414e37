#include "models/architecture.hpp"

#include "core/error.hpp"
#include "nn/batchnorm.hpp"
#include "nn/conv2d.hpp"
#include "nn/conv_transpose2d.hpp"
#include "nn/dropout.hpp"
#include "nn/flatten.hpp"
#include "nn/layernorm.hpp"
#include "nn/linear.hpp"
#include "nn/pooling.hpp"
#include "nn/relu.hpp"
#include "nn/residual.hpp"
#include "nn/sigmoid.hpp"
#include "nn/softmax.hpp"
#include "nn/step.hpp"
#include "nn/upsample.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace dlc {

namespace {

using json = nlohmann::json;

// ---------------------------------------------------------------- writing

json conv_json(const char* type, std::size_t in, std::size_t out, std::size_t kh, std::size_t kw, bool bias) {
    return {{"type", type}, {"in_channels", in}, {"out_channels", out}, {"kernel", {kh, kw}}, {"bias", bias}};
}

// ---------------------------------------------------------------- reading

// The reader keeps the JSON path of what it reads, for messages: "layers[3].kernel".
struct Reader {
    const json& j;
    std::string path;
    const ArchitectureLimits& limits;

    [[noreturn]] void fail(const std::string& what) const {
        throw DataError("load_model", "architecture " + (path.empty() ? std::string("(top)") : path) + ": " + what);
    }
    const json& field(const char* key) const {
        if (!j.is_object()) fail("expected an object, got " + std::string(j.type_name()));
        const auto it = j.find(key);
        if (it == j.end()) fail(std::string("missing field '") + key + "'");
        return *it;
    }
    std::size_t size(const char* key, std::size_t lo = 1) const { return size_of(field(key), key, lo); }
    std::size_t size_of(const json& v, const std::string& key, std::size_t lo) const {
        if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<long long>() >= 0))
            fail("field '" + key + "' must be a whole number >= " + std::to_string(lo) + ", got " + v.dump());
        const auto x = v.get<unsigned long long>();
        if (x < lo || x > limits.max_extent)
            fail("field '" + key + "' = " + std::to_string(x) + " is outside [" + std::to_string(lo) + ", " +
                 std::to_string(limits.max_extent) + "]");
        return static_cast<std::size_t>(x);
    }
    double real(const char* key) const {
        const json& v = field(key);
        if (!v.is_number()) fail(std::string("field '") + key + "' must be a number, got " + v.dump());
        const double x = v.get<double>();
        if (!std::isfinite(x)) fail(std::string("field '") + key + "' must be finite");
        return x;
    }
    bool flag(const char* key) const {
        const json& v = field(key);
        if (!v.is_boolean()) fail(std::string("field '") + key + "' must be true or false, got " + v.dump());
        return v.get<bool>();
    }
    std::string text(const char* key) const {
        const json& v = field(key);
        if (!v.is_string()) fail(std::string("field '") + key + "' must be a string, got " + v.dump());
        return v.get<std::string>();
    }
    std::pair<std::size_t, std::size_t> pair(const char* key) const {
        const json& v = field(key);
        if (!v.is_array() || v.size() != 2) fail(std::string("field '") + key + "' must be [h, w], got " + v.dump());
        return {size_of(v[0], key, 1), size_of(v[1], key, 1)};
    }
};

// a * b with an overflow check (sizes are bounded by max_extent, products by the budget).
std::size_t times(std::size_t a, std::size_t b, const Reader& r) {
    if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a) r.fail("sizes overflow");
    return a * b;
}

// Takes `n` scalars from the budget, or fails: a layer may not be larger than what the file holds.
void spend(std::size_t& budget, std::size_t n, const Reader& r) {
    if (n > budget)
        r.fail("its parameters need " + std::to_string(n) + " numbers, more than the file holds (" +
               std::to_string(budget) + " left)");
    budget -= n;
}

template <class T>
Tensor<T> zeros(const Shape& s) {
    Tensor<T> t = Tensor<T>::from_shape(s);
    std::fill(t.begin(), t.end(), T(0));
    return t;
}

template <class T>
std::unique_ptr<Module<T>> build(const Reader& r, Rng& rng, std::size_t& budget, std::size_t depth);

template <class T>
std::unique_ptr<Sequential<T>> build_seq(const Reader& r, Rng& rng, std::size_t& budget, std::size_t depth) {
    const json& layers = r.field("layers");
    if (!layers.is_array()) r.fail("field 'layers' must be an array");
    if (layers.size() > r.limits.max_layers)
        r.fail(std::to_string(layers.size()) + " layers, more than the limit " + std::to_string(r.limits.max_layers));
    auto seq = std::make_unique<Sequential<T>>();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const Reader sub{layers[i], r.path + (r.path.empty() ? "" : ".") + "layers[" + std::to_string(i) + "]",
                         r.limits};
        seq->add(build<T>(sub, rng, budget, depth + 1));
    }
    return seq;
}

template <class T>
std::unique_ptr<Module<T>> build(const Reader& r, Rng& rng, std::size_t& budget, std::size_t depth) {
    if (depth > r.limits.max_depth)
        r.fail("nested deeper than " + std::to_string(r.limits.max_depth) + " containers");
    const std::string type = r.text("type");
    try {
        if (type == "Sequential") return build_seq<T>(r, rng, budget, depth);
        if (type == "Residual") {
            const Reader sub{r.field("body"), r.path + (r.path.empty() ? "" : ".") + "body", r.limits};
            auto body = build<T>(sub, rng, budget, depth + 1);
            std::unique_ptr<Module<T>> shortcut;  // absent: the identity
            if (r.j.is_object() && r.j.contains("shortcut")) {
                const Reader s{r.field("shortcut"), r.path + (r.path.empty() ? "" : ".") + "shortcut", r.limits};
                shortcut = build<T>(s, rng, budget, depth + 1);
            }
            return std::make_unique<Residual<T>>(std::move(body), std::move(shortcut));
        }
        if (type == "Linear") {
            const std::size_t in = r.size("in"), out = r.size("out");
            const bool bias = r.flag("bias");
            spend(budget, times(in, out, r) + (bias ? out : 0), r);
            return std::make_unique<Linear<T>>(zeros<T>({out, in}), bias ? zeros<T>({out}) : zeros<T>({std::size_t{0}}));
        }
        if (type == "Conv2d" || type == "ConvTranspose2d") {
            const std::size_t in = r.size("in_channels"), out = r.size("out_channels");
            const auto [kh, kw] = r.pair("kernel");
            const std::size_t stride = r.size("stride"), padding = r.size("padding", 0);
            const bool bias = r.flag("bias");
            spend(budget, times(times(times(in, out, r), kh, r), kw, r) + (bias ? out : 0), r);
            if (type == "Conv2d")
                return std::make_unique<Conv2d<T>>(zeros<T>({out, in, kh, kw}), bias ? zeros<T>({out}) : zeros<T>({std::size_t{0}}),
                                                   ConvOptions{stride, padding});
            const std::size_t output_padding = r.size("output_padding", 0);
            return std::make_unique<ConvTranspose2d<T>>(zeros<T>({in, out, kh, kw}),
                                                        bias ? zeros<T>({out}) : zeros<T>({std::size_t{0}}),
                                                        ConvTransposeOptions{stride, padding, output_padding});
        }
        if (type == "ReLU") return std::make_unique<ReLU<T>>();
        if (type == "GELU") return std::make_unique<GELU<T>>();
        if (type == "Tanh") return std::make_unique<Tanh<T>>();
        if (type == "Softmax") return std::make_unique<Softmax<T>>();
        if (type == "Flatten") return std::make_unique<Flatten<T>>();
        if (type == "GlobalAvgPool2d") return std::make_unique<GlobalAvgPool2d<T>>();
        if (type == "LeakyReLU") return std::make_unique<LeakyReLU<T>>(static_cast<T>(r.real("alpha")));
        if (type == "ELU") return std::make_unique<ELU<T>>(static_cast<T>(r.real("alpha")));
        if (type == "Sigmoid") return std::make_unique<Sigmoid<T>>(static_cast<T>(r.real("slope")));
        if (type == "Step") return std::make_unique<Step<T>>(static_cast<T>(r.real("low")), static_cast<T>(r.real("high")));
        if (type == "MaxPool2d") return std::make_unique<MaxPool2d<T>>(r.size("kernel"), r.size("stride"));
        if (type == "AvgPool2d") return std::make_unique<AvgPool2d<T>>(r.size("kernel"), r.size("stride"));
        if (type == "Dropout") return std::make_unique<Dropout<T>>(r.real("p"), rng);
        if (type == "Upsample") {
            const std::string mode = r.text("mode");
            if (mode != "nearest" && mode != "bicubic") r.fail("mode must be \"nearest\" or \"bicubic\", got " + mode);
            return std::make_unique<Upsample<T>>(r.size("scale"),
                                                 mode == "nearest" ? UpsampleMode::nearest : UpsampleMode::bicubic);
        }
        if (type == "Unflatten") {
            const json& s = r.field("shape");
            if (!s.is_array() || s.empty() || s.size() > 8) r.fail("field 'shape' must be an array of 1 to 8 sizes");
            Shape shape;
            std::size_t n = 1;
            for (const auto& d : s) {
                shape.push_back(r.size_of(d, "shape", 1));
                n = times(n, shape.back(), r);
            }
            if (n > r.limits.max_extent * std::size_t(256)) r.fail("field 'shape' describes too many features");
            return std::make_unique<Unflatten<T>>(shape);
        }
        if (type == "BatchNorm") {
            const std::size_t c = r.size("channels");
            spend(budget, 4 * c, r);
            auto m = std::make_unique<BatchNorm<T>>(c, r.real("momentum"), r.real("eps"));
            return m;
        }
        if (type == "LayerNorm") {
            const std::size_t d = r.size("features");
            spend(budget, 2 * d, r);
            return std::make_unique<LayerNorm<T>>(d, r.real("eps"));
        }
    } catch (const DataError&) {
        throw;
    } catch (const Error& e) {  // a constructor refused a value (e.g. a negative slope)
        r.fail(type + ": " + e.what());
    }
    r.fail("unknown module type '" + type + "'");
}

}  // namespace

template <class T>
nlohmann::json architecture_of(Module<T>& m) {
    if (auto* s = dynamic_cast<Sequential<T>*>(&m)) {
        json layers = json::array();
        for (std::size_t i = 0; i < s->size(); ++i) layers.push_back(architecture_of((*s)[i]));
        return {{"type", "Sequential"}, {"layers", layers}};
    }
    if (auto* r = dynamic_cast<Residual<T>*>(&m)) {
        json j = {{"type", "Residual"}, {"body", architecture_of(r->body())}};
        if (r->shortcut()) j["shortcut"] = architecture_of(*r->shortcut());  // absent: the identity
        return j;
    }
    if (auto* l = dynamic_cast<Linear<T>*>(&m))
        return {{"type", "Linear"}, {"in", l->in_features()}, {"out", l->out_features()}, {"bias", l->has_bias()}};
    if (auto* c = dynamic_cast<Conv2d<T>*>(&m)) {
        json j = conv_json("Conv2d", c->in_channels(), c->out_channels(), c->kernel_h(), c->kernel_w(), c->has_bias());
        j["stride"] = c->options().stride;
        j["padding"] = c->options().padding;
        return j;
    }
    if (auto* c = dynamic_cast<ConvTranspose2d<T>*>(&m)) {
        json j = conv_json("ConvTranspose2d", c->in_channels(), c->out_channels(), c->K().shape(2), c->K().shape(3),
                              c->has_bias());
        j["stride"] = c->options().stride;
        j["padding"] = c->options().padding;
        j["output_padding"] = c->options().output_padding;
        return j;
    }
    if (dynamic_cast<ReLU<T>*>(&m)) return {{"type", "ReLU"}};
    if (dynamic_cast<GELU<T>*>(&m)) return {{"type", "GELU"}};
    if (dynamic_cast<Tanh<T>*>(&m)) return {{"type", "Tanh"}};
    if (dynamic_cast<Softmax<T>*>(&m)) return {{"type", "Softmax"}};
    if (dynamic_cast<Flatten<T>*>(&m)) return {{"type", "Flatten"}};
    if (dynamic_cast<GlobalAvgPool2d<T>*>(&m)) return {{"type", "GlobalAvgPool2d"}};
    if (auto* a = dynamic_cast<LeakyReLU<T>*>(&m)) return {{"type", "LeakyReLU"}, {"alpha", double(a->alpha())}};
    if (auto* a = dynamic_cast<ELU<T>*>(&m)) return {{"type", "ELU"}, {"alpha", double(a->alpha())}};
    if (auto* a = dynamic_cast<Sigmoid<T>*>(&m)) return {{"type", "Sigmoid"}, {"slope", double(a->slope())}};
    if (auto* a = dynamic_cast<Step<T>*>(&m)) return {{"type", "Step"}, {"low", double(a->low())}, {"high", double(a->high())}};
    if (auto* p = dynamic_cast<MaxPool2d<T>*>(&m)) return {{"type", "MaxPool2d"}, {"kernel", p->kernel()}, {"stride", p->stride()}};
    if (auto* p = dynamic_cast<AvgPool2d<T>*>(&m)) return {{"type", "AvgPool2d"}, {"kernel", p->kernel()}, {"stride", p->stride()}};
    if (auto* d = dynamic_cast<Dropout<T>*>(&m)) return {{"type", "Dropout"}, {"p", d->drop_probability()}};
    if (auto* u = dynamic_cast<Upsample<T>*>(&m))
        return {{"type", "Upsample"}, {"scale", u->scale()},
                {"mode", u->interpolation() == UpsampleMode::nearest ? "nearest" : "bicubic"}};
    if (auto* u = dynamic_cast<Unflatten<T>*>(&m)) return {{"type", "Unflatten"}, {"shape", u->per_example()}};
    if (auto* b = dynamic_cast<BatchNorm<T>*>(&m))
        return {{"type", "BatchNorm"}, {"channels", b->channels()}, {"momentum", b->momentum()}, {"eps", b->eps()}};
    if (auto* l = dynamic_cast<LayerNorm<T>*>(&m)) return {{"type", "LayerNorm"}, {"features", l->features()}, {"eps", l->eps()}};
    throw ValueError("architecture_of", "the model store cannot save module " + m.name() +
                                            ": its type has no JSON form (see models/architecture.hpp for the list)");
}

template <class T>
std::unique_ptr<Module<T>> build_module(const nlohmann::json& spec, Rng& rng, std::size_t& budget,
                                        const ArchitectureLimits& limits) {
    return build<T>(Reader{spec, "", limits}, rng, budget, 0);
}

template <class T>
std::unique_ptr<Sequential<T>> build_sequential(const nlohmann::json& spec, Rng& rng, std::size_t& budget,
                                                const ArchitectureLimits& limits) {
    const Reader r{spec, "", limits};
    if (r.text("type") != "Sequential") r.fail("the top-level module must be a Sequential, got " + r.text("type"));
    return build_seq<T>(r, rng, budget, 0);
}

template nlohmann::json architecture_of(Module<float>&);
template nlohmann::json architecture_of(Module<double>&);
template std::unique_ptr<Module<float>> build_module(const nlohmann::json&, Rng&, std::size_t&, const ArchitectureLimits&);
template std::unique_ptr<Module<double>> build_module(const nlohmann::json&, Rng&, std::size_t&, const ArchitectureLimits&);
template std::unique_ptr<Sequential<float>> build_sequential(const nlohmann::json&, Rng&, std::size_t&,
                                                             const ArchitectureLimits&);
template std::unique_ptr<Sequential<double>> build_sequential(const nlohmann::json&, Rng&, std::size_t&,
                                                              const ArchitectureLimits&);

}  // namespace dlc
