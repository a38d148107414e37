// Unit tests of lib/attention's transformer pieces: masks (a masked key gets weight exactly 0, rows sum to 1), the
// fast multi-head scaled dot-product attention against the plain formula, gradient checks in double (central
// differences, relative error < 1e-6) of every function and module (attention, multi-head self- and
// cross-attention, positions, the feed-forward network, post-LN and pre-LN blocks, the decoder block, the language
// model, the encoder-decoder, graph attention, the patch embedding and the vision transformer), PyTorch parity to
// 1e-10 (tests/fixtures/attention_reference.json from make_attention_fixture.py: nn.MultiheadAttention with and
// without the causal mask and as cross-attention with padding, nn.TransformerEncoderLayer and
// nn.TransformerDecoderLayer with norm_first false and true, forward and backward), the sinusoidal table's
// rotation property, the graph receptive field, and bad inputs naming the problem.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "attention/block.hpp"
#include "attention/encoder_decoder.hpp"
#include "attention/graph.hpp"
#include "attention/language_model.hpp"
#include "attention/multihead.hpp"
#include "attention/positional.hpp"
#include "attention/sdpa.hpp"
#include "attention/vision.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/gradcheck.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(attention)

namespace {

using dlc::Tensor;
using dlc_test::check_throws;
using dlc_test::max_abs_diff;
using dlc_test::uniform;

constexpr double tol = dlc_test::gradcheck_tolerance;
constexpr double parity = 1e-10;

double weighted(const Tensor<double>& a, const Tensor<double>& r) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a.data()[i] * r.data()[i];
    return s;
}

Tensor<double> from_json(const nlohmann::json& j) {
    const dlc::Shape shape = j.at("shape").get<dlc::Shape>();
    Tensor<double> t = Tensor<double>::from_shape(shape);
    const auto& d = j.at("data");
    BOOST_TEST_REQUIRE(d.size() == t.size());
    for (std::size_t i = 0; i < t.size(); ++i) t.data()[i] = d[i].get<double>();
    return t;
}

const nlohmann::json& fixture() {
    static const nlohmann::json j = [] {
        const char* dir = std::getenv("DLC_FIXTURES");
        BOOST_TEST_REQUIRE(dir != nullptr, "DLC_FIXTURES is set by CTest; run the suite with ctest");
        std::ifstream f(std::string(dir) + "/attention_reference.json");
        BOOST_TEST_REQUIRE(f.good(), "cannot open attention_reference.json in " << dir);
        return nlohmann::json::parse(f);
    }();
    return j;
}

// A boolean mask (B, Tq, Tk) with random holes but every row keeping at least one key.
xt::xarray<bool> random_allowed(std::size_t B, std::size_t Tq, std::size_t Tk, dlc::Rng& rng) {
    xt::xarray<bool> a = xt::xarray<bool>::from_shape({B, Tq, Tk});
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t i = 0; i < Tq; ++i) {
            for (std::size_t j = 0; j < Tk; ++j) a(b, i, j) = rng.uniform() < 0.6;
            a(b, i, rng.index(Tk)) = true;
        }
    return a;
}

// Gradient check of a module-like forward/backward pair through L = sum(R ⊙ f()), with extra targets.
template <class Fwd>
double check_generic(Fwd f, std::vector<dlc::GradCheckTarget> targets, const std::string& what,
                     const dlc::GradCheckOptions& opt = {}) {
    const auto res = dlc::gradcheck_generic(f, targets, opt);
    BOOST_TEST_MESSAGE(what << ": " << res.str());
    BOOST_TEST(res.entries > 0u);
    return res.max_relative_error;
}

void set_mha(dlc::MultiHeadAttention<double>& m, const nlohmann::json& w, const std::string& prefix = "") {
    m.WQ() = from_json(w.at(prefix + "WQ"));
    m.WK() = from_json(w.at(prefix + "WK"));
    m.WV() = from_json(w.at(prefix + "WV"));
    m.WO() = from_json(w.at(prefix + "WO"));
    m.bQ() = from_json(w.at(prefix + "bQ"));
    m.bK() = from_json(w.at(prefix + "bK"));
    m.bV() = from_json(w.at(prefix + "bV"));
    m.bO() = from_json(w.at(prefix + "bO"));
}

// Every parameter gradient of `params` (named prefix + PyTorch-side key) against the fixture's grads.
void compare_grads(const std::vector<dlc::Parameter<double>>& params, const nlohmann::json& g,
                   const std::vector<std::pair<std::string, std::string>>& names, const std::string& what) {
    for (const auto& [ours, theirs] : names) {
        bool found = false;
        for (const auto& p : params)
            if (p.name == ours) {
                found = true;
                BOOST_TEST(max_abs_diff(*p.grad, from_json(g.at(theirs))) < parity, what << " grad " << ours);
            }
        BOOST_TEST(found, what << ": no parameter " << ours);
    }
}

std::vector<std::pair<std::string, std::string>> mha_names(const std::string& ours, const std::string& theirs) {
    std::vector<std::pair<std::string, std::string>> n;
    for (const char* k : {"WQ", "bQ", "WK", "bK", "WV", "bV", "WO", "bO"}) n.emplace_back(ours + k, theirs + k);
    return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(masked_keys_get_exactly_zero_and_rows_sum_to_one) {
    dlc::Rng rng(1);
    const std::size_t B = 2, T = 6, H = 2, dk = 3;
    const Tensor<float> Q = uniform<float>({B, T, H * dk}, rng, -3, 3), K = uniform<float>({B, T, H * dk}, rng, -3, 3),
                        V = uniform<float>({B, T, H * dk}, rng);
    std::vector<dlc::AttentionMask> masks(4);
    masks[0] = dlc::causal_mask();
    masks[1] = dlc::padding_mask({4, 1});
    masks[2].allowed = random_allowed(B, T, T, rng);
    masks[3] = dlc::causal_mask();
    masks[3].key_lengths = {6, 3};
    masks[3].allowed = xt::view(random_allowed(1, T, T, rng), 0);
    for (std::size_t i = 0; i < T; ++i) masks[3].allowed(i, 0) = true;  // key 0 keeps every row alive
    for (std::size_t m = 0; m < masks.size(); ++m) {
        dlc::ScaledDotProductAttention<float> att(H);
        att.forward(Q, K, V, masks[m]);
        const Tensor<float>& a = att.weights();
        double worst_sum = 0;
        bool zeros_exact = true;
        std::size_t masked = 0;
        for (std::size_t b = 0; b < B; ++b)
            for (std::size_t h = 0; h < H; ++h)
                for (std::size_t i = 0; i < T; ++i) {
                    double s = 0;
                    for (std::size_t j = 0; j < T; ++j) {
                        s += a(b, h, i, j);
                        if (!dlc::mask_allows(masks[m], b, i, j, T, T)) {
                            ++masked;
                            zeros_exact = zeros_exact && a(b, h, i, j) == 0.0f;
                        }
                    }
                    worst_sum = std::max(worst_sum, std::abs(s - 1.0));
                }
        BOOST_TEST(masked > 0u, "mask " << m);
        BOOST_TEST(zeros_exact, "mask " << m << ": a masked key has a non-zero weight");
        BOOST_TEST(worst_sum < 1e-6, "mask " << m << ": a row sums to 1 +- " << worst_sum);
    }
}

BOOST_AUTO_TEST_CASE(fast_attention_equals_the_plain_formula) {
    dlc::Rng rng(2);
    for (std::size_t H : {1, 2, 3}) {
        const std::size_t B = 2, Tq = 5, Tk = 7, dk = 4, dv = 3;
        const Tensor<double> Q = uniform({B, Tq, H * dk}, rng), K = uniform({B, Tk, H * dk}, rng),
                             V = uniform({B, Tk, H * dv}, rng), dO = uniform({B, Tq, H * dv}, rng);
        dlc::AttentionMask mask = dlc::padding_mask({7, 4});
        mask.allowed = random_allowed(B, Tq, Tk, rng);
        for (std::size_t b = 0; b < B; ++b)
            for (std::size_t i = 0; i < Tq; ++i) mask.allowed(b, i, 0) = true;
        dlc::ScaledDotProductAttention<double> att(H);
        const Tensor<double> O = att.forward(Q, K, V, mask);
        att.backward(dO);
        Tensor<double> alpha, dQ, dK, dV;
        const Tensor<double> Or = dlc::attention_reference(Q, K, V, H, mask, alpha, &dO, &dQ, &dK, &dV);
        BOOST_TEST(max_abs_diff(O, Or) < 1e-13, "H = " << H);
        BOOST_TEST(max_abs_diff(att.weights(), alpha) < 1e-13);
        BOOST_TEST(max_abs_diff(att.grad_queries(), dQ) < 1e-13);
        BOOST_TEST(max_abs_diff(att.grad_keys(), dK) < 1e-13);
        BOOST_TEST(max_abs_diff(att.grad_values(), dV) < 1e-13);
        // float through BLAS against the double formula
        dlc::ScaledDotProductAttention<float> attf(H);
        const Tensor<float> Of = attf.forward(Tensor<float>(xt::cast<float>(Q)), Tensor<float>(xt::cast<float>(K)),
                                              Tensor<float>(xt::cast<float>(V)), mask);
        BOOST_TEST(max_abs_diff(Tensor<double>(xt::cast<double>(Of)), Or) < 1e-5);
    }
}

BOOST_AUTO_TEST_CASE(attention_gradient_check) {
    dlc::Rng rng(3);
    const std::size_t B = 2, T = 4, H = 2;
    Tensor<double> Q = uniform({B, T, H * 3}, rng), K = uniform({B, T, H * 3}, rng), V = uniform({B, T, H * 2}, rng);
    const Tensor<double> R = uniform({B, T, H * 2}, rng);
    for (int m = 0; m < 3; ++m) {
        dlc::AttentionMask mask;
        if (m == 1) mask = dlc::causal_mask();
        if (m == 2) mask = dlc::padding_mask({2, 4});
        dlc::ScaledDotProductAttention<double> att(H);
        auto L = [&] { return weighted(att.forward(Q, K, V, mask), R); };
        L();
        att.backward(R);
        const double e = check_generic(L, {{"Q", &Q, att.grad_queries()}, {"K", &K, att.grad_keys()}, {"V", &V, att.grad_values()}},
                                       "attention, mask " + std::to_string(m));
        BOOST_TEST(e < tol);
    }
}

BOOST_AUTO_TEST_CASE(multihead_attention_gradient_checks) {
    dlc::Rng rng(4);
    const std::size_t B = 2, T = 5, d = 6;
    for (int m = 0; m < 3; ++m) {
        dlc::MultiHeadAttention<double> mha(d, 3, rng);
        for (auto& p : mha.parameters())
            if (p.is_bias) *p.value = uniform(dlc::shape_of_tensor(*p.value), rng, -0.3, 0.3);
        if (m == 1) mha.set_mask(dlc::causal_mask());
        if (m == 2) {
            dlc::AttentionMask a;
            a.allowed = random_allowed(B, T, T, rng);
            mha.set_mask(a);
        }
        dlc_test::check_gradients(mha, uniform({B, T, d}, rng), "self-attention, mask " + std::to_string(m));
    }
    // cross-attention: queries (2, 3, 6), keys and values from (2, 5, 4), padding
    dlc::MultiHeadAttention<double> cross(d, 2, rng, true, 4);
    Tensor<double> Xq = uniform({B, 3, d}, rng), Xkv = uniform({B, 5, 4}, rng);
    const Tensor<double> R = uniform({B, 3, d}, rng);
    const dlc::AttentionMask pad = dlc::padding_mask({5, 2});
    auto L = [&] { return weighted(cross.forward(Xq, Xkv, pad), R); };
    cross.zero_grad();
    L();
    const Tensor<double> gq = cross.backward(R);
    std::vector<dlc::GradCheckTarget> targets{{"Xq", &Xq, gq}, {"Xkv", &Xkv, cross.grad_memory()}};
    for (auto& p : cross.parameters()) targets.push_back({p.name, p.value, *p.grad});
    BOOST_TEST(check_generic(L, targets, "cross-attention") < tol);
}

BOOST_AUTO_TEST_CASE(pytorch_multihead_attention_parity) {
    const auto& f = fixture().at("mha");
    dlc::Rng rng(5);
    const Tensor<double> X = from_json(f.at("X"));
    for (const char* key : {"none", "causal"}) {
        const auto& c = f.at(key);
        dlc::MultiHeadAttention<double> m(f.at("d").get<std::size_t>(), f.at("heads").get<std::size_t>(), rng);
        set_mha(m, f.at("weights"));
        const Tensor<double>& Y = m.forward(X, std::string(key) == "causal" ? dlc::causal_mask() : dlc::AttentionMask{});
        BOOST_TEST(max_abs_diff(Y, from_json(c.at("Y"))) < parity, key);
        BOOST_TEST(max_abs_diff(m.weights(), from_json(c.at("alpha"))) < parity, key);
        m.zero_grad();
        const Tensor<double>& gX = m.backward(from_json(c.at("R")));
        BOOST_TEST(max_abs_diff(gX, from_json(c.at("grad_Xq"))) < parity, key);
        compare_grads(m.parameters(), c.at("grads"), mha_names("", ""), key);
    }
    const auto& x = fixture().at("mha_cross");
    dlc::MultiHeadAttention<double> m(x.at("d").get<std::size_t>(), x.at("heads").get<std::size_t>(), rng);
    set_mha(m, x.at("weights"));
    const Tensor<double>& Y =
        m.forward(from_json(x.at("Xq")), from_json(x.at("Xkv")), dlc::padding_mask(x.at("lengths").get<std::vector<std::size_t>>()));
    BOOST_TEST(max_abs_diff(Y, from_json(x.at("Y"))) < parity);
    BOOST_TEST(max_abs_diff(m.weights(), from_json(x.at("alpha"))) < parity);
    m.zero_grad();
    const Tensor<double>& gq = m.backward(from_json(x.at("R")));
    BOOST_TEST(max_abs_diff(gq, from_json(x.at("grad_Xq"))) < parity);
    BOOST_TEST(max_abs_diff(m.grad_memory(), from_json(x.at("grad_Xkv"))) < parity);
    compare_grads(m.parameters(), x.at("grads"), mha_names("", ""), "cross");
}

BOOST_AUTO_TEST_CASE(pytorch_encoder_layer_parity_post_and_pre_ln) {
    const auto& f = fixture().at("encoder_layer");
    dlc::Rng rng(6);
    const Tensor<double> X = from_json(f.at("X"));
    for (const char* key : {"post", "pre"}) {
        const auto& c = f.at(key);
        const auto& w = c.at("weights");
        dlc::BlockConfig bc;
        bc.d = f.at("d");
        bc.heads = f.at("heads");
        bc.d_ff = f.at("d_ff");
        bc.norm = std::string(key) == "post" ? dlc::NormOrder::post : dlc::NormOrder::pre;
        dlc::TransformerBlock<double> blk(bc, rng);
        set_mha(blk.attention(), w);
        blk.feed_forward().first().W() = from_json(w.at("W1"));
        blk.feed_forward().first().b() = from_json(w.at("b1"));
        blk.feed_forward().second().W() = from_json(w.at("W2"));
        blk.feed_forward().second().b() = from_json(w.at("b2"));
        blk.norm1().gamma() = from_json(w.at("ln1.gamma"));
        blk.norm1().beta() = from_json(w.at("ln1.beta"));
        blk.norm2().gamma() = from_json(w.at("ln2.gamma"));
        blk.norm2().beta() = from_json(w.at("ln2.beta"));
        BOOST_TEST(max_abs_diff(blk.forward(X), from_json(c.at("Y"))) < parity, key);
        blk.zero_grad();
        BOOST_TEST(max_abs_diff(blk.backward(from_json(c.at("R"))), from_json(c.at("grad_X"))) < parity, key);
        auto names = mha_names("attn.", "");
        for (const char* k : {"ln1.gamma", "ln1.beta", "ln2.gamma", "ln2.beta"}) names.emplace_back(k, k);
        names.insert(names.end(), {{"ffn.1.W", "W1"}, {"ffn.1.b", "b1"}, {"ffn.2.W", "W2"}, {"ffn.2.b", "b2"}});
        compare_grads(blk.parameters(), c.at("grads"), names, key);
    }
}

BOOST_AUTO_TEST_CASE(pytorch_decoder_layer_parity_post_and_pre_ln) {
    const auto& f = fixture().at("decoder_layer");
    dlc::Rng rng(7);
    const Tensor<double> X = from_json(f.at("X")), M = from_json(f.at("M"));
    const auto lengths = f.at("lengths").get<std::vector<std::size_t>>();
    for (const char* key : {"post", "pre"}) {
        const auto& c = f.at(key);
        const auto& w = c.at("weights");
        dlc::BlockConfig bc;
        bc.d = f.at("d");
        bc.heads = f.at("heads");
        bc.d_ff = f.at("d_ff");
        bc.norm = std::string(key) == "post" ? dlc::NormOrder::post : dlc::NormOrder::pre;
        dlc::DecoderBlock<double> blk(bc, rng);
        set_mha(blk.self_attention(), w, "self.");
        set_mha(blk.cross_attention(), w, "cross.");
        blk.feed_forward().first().W() = from_json(w.at("W1"));
        blk.feed_forward().first().b() = from_json(w.at("b1"));
        blk.feed_forward().second().W() = from_json(w.at("W2"));
        blk.feed_forward().second().b() = from_json(w.at("b2"));
        dlc::LayerNorm<double>* norms[3] = {&blk.norm1(), &blk.norm2(), &blk.norm3()};
        for (int i = 0; i < 3; ++i) {
            norms[i]->gamma() = from_json(w.at("ln" + std::to_string(i + 1) + ".gamma"));
            norms[i]->beta() = from_json(w.at("ln" + std::to_string(i + 1) + ".beta"));
        }
        BOOST_TEST(max_abs_diff(blk.forward(X, M, lengths), from_json(c.at("Y"))) < parity, key);
        for (auto& p : blk.parameters()) std::fill(p.grad->begin(), p.grad->end(), 0.0);
        Tensor<double> gM = xt::zeros<double>(M.shape());
        BOOST_TEST(max_abs_diff(blk.backward(from_json(c.at("R")), gM), from_json(c.at("grad_X"))) < parity, key);
        BOOST_TEST(max_abs_diff(gM, from_json(c.at("grad_M"))) < parity, key);
        auto names = mha_names("self.", "self.");
        const auto cross = mha_names("cross.", "cross.");
        names.insert(names.end(), cross.begin(), cross.end());
        for (const char* k : {"ln1.gamma", "ln1.beta", "ln2.gamma", "ln2.beta", "ln3.gamma", "ln3.beta"}) names.emplace_back(k, k);
        names.insert(names.end(), {{"ffn.1.W", "W1"}, {"ffn.1.b", "b1"}, {"ffn.2.W", "W2"}, {"ffn.2.b", "b2"}});
        compare_grads(blk.parameters(), c.at("grads"), names, key);
    }
}

BOOST_AUTO_TEST_CASE(layer_gradient_checks) {
    dlc::Rng rng(8);
    dlc::TokenLinear<double> lin(4, 3, rng);
    lin.b() = uniform({3}, rng);
    dlc_test::check_gradients(lin, uniform({2, 5, 4}, rng), "TokenLinear");
    dlc::FeedForward<double> relu(4, 6, rng), gelu(4, 6, rng, dlc::FeedForwardActivation::gelu);
    dlc_test::check_gradients(relu, uniform({2, 3, 4}, rng), "FeedForward relu");
    dlc_test::check_gradients(gelu, uniform({2, 3, 4}, rng), "FeedForward gelu");
    dlc::PositionalEncoding<double> learned(6, 4, true, rng), fixed(6, 4, false, rng);
    dlc_test::check_gradients(learned, uniform({2, 5, 4}, rng), "learned positions");
    dlc_test::check_gradients(fixed, uniform({2, 5, 4}, rng), "sinusoidal positions");
    for (auto order : {dlc::NormOrder::post, dlc::NormOrder::pre}) {
        dlc::BlockConfig bc;
        bc.d = 6;
        bc.heads = 2;
        bc.d_ff = 8;
        bc.norm = order;
        dlc::TransformerBlock<double> blk(bc, rng);
        blk.set_mask(dlc::causal_mask());
        dlc_test::check_gradients(blk, uniform({2, 4, 6}, rng), blk.name());
        // decoder block: dL/dX, dL/dM and every parameter
        dlc::DecoderBlock<double> dec(bc, rng);
        Tensor<double> X = uniform({2, 3, 6}, rng), M = uniform({2, 4, 6}, rng);
        const Tensor<double> R = uniform({2, 3, 6}, rng);
        const std::vector<std::size_t> len{4, 2};
        auto L = [&] { return weighted(dec.forward(X, M, len), R); };
        for (auto& p : dec.parameters()) std::fill(p.grad->begin(), p.grad->end(), 0.0);
        L();
        Tensor<double> gM = xt::zeros<double>(M.shape());
        const Tensor<double> gX = dec.backward(R, gM);
        std::vector<dlc::GradCheckTarget> t{{"X", &X, gX}, {"M", &M, gM}};
        for (auto& p : dec.parameters()) t.push_back({p.name, p.value, *p.grad});
        BOOST_TEST(check_generic(L, t, "decoder block") < tol);
    }
}

BOOST_AUTO_TEST_CASE(language_model_and_encoder_decoder_gradient_checks) {
    dlc::Rng rng(9);
    for (auto order : {dlc::NormOrder::pre, dlc::NormOrder::post}) {
        dlc::LMConfig c;
        c.vocabulary = 5;
        c.d = 4;
        c.heads = 2;
        c.layers = 2;
        c.d_ff = 6;
        c.context = 6;
        c.norm = order;
        dlc::TransformerLM<double> lm(c, rng);
        dlc::Tokens in = {{0, 1, 2, 3, 4}, {4, 4, 1, 0, 2}}, tg = {{1, 2, 3, 4, 0}, {4, 1, 0, 2, dlc::no_token}};
        auto L = [&] { return lm.forward(in, tg); };
        lm.zero_grad();
        L();
        lm.backward();
        std::vector<dlc::GradCheckTarget> t;
        for (auto& p : lm.parameters()) t.push_back({p.name, p.value, *p.grad});
        BOOST_TEST(check_generic(L, t, "language model") < tol);
        const auto p = lm.next_probabilities({1, 2, 3, 4, 0, 1, 2});  // longer than the context: the last 6
        double s = 0;
        for (double v : p) s += v;
        BOOST_TEST(std::abs(s - 1.0) < 1e-12);
    }
    dlc::EncoderDecoderConfig c;
    c.source_vocabulary = 5;
    c.target_vocabulary = 6;
    c.d = 4;
    c.heads = 2;
    c.encoder_layers = 1;
    c.decoder_layers = 2;
    c.d_ff = 6;
    c.max_length = 8;
    dlc::TransformerSeq2Seq<double> s2s(c, rng);
    dlc::Tokens src = {{1, 2, 3, 4}, {4, 3, 0, 0}}, din = {{0, 2, 3}, {0, 5, 1}}, tg = {{2, 3, 1}, {5, 1, dlc::no_token}};
    const std::vector<std::size_t> len{4, 2};
    auto L = [&] { return s2s.forward(src, len, din, tg); };
    s2s.zero_grad();
    L();
    s2s.backward();
    std::vector<dlc::GradCheckTarget> t;
    for (auto& p : s2s.parameters()) t.push_back({p.name, p.value, *p.grad});
    BOOST_TEST(check_generic(L, t, "encoder-decoder") < tol);
    // the padding of a source never matters: changing it leaves the loss unchanged
    const double before = L();
    src(1, 2) = 3;
    src(1, 3) = 1;
    BOOST_TEST(std::abs(L() - before) < 1e-14);
    const auto out = s2s.greedy(src, len, 0, 1, 5);
    BOOST_TEST(out.size() == 2u);
    BOOST_TEST(out[0].size() <= 5u);
}

BOOST_AUTO_TEST_CASE(graph_attention_gradients_and_receptive_field) {
    dlc::Rng rng(10);
    // a path 0-1-2-3-4-5 with self-loops, and a second graph of 3 nodes padded to 6
    const std::size_t N = 6;
    xt::xarray<bool> adj = xt::zeros<bool>({std::size_t{2}, N, N});
    for (std::size_t v = 0; v < N; ++v) {
        adj(0, v, v) = true;
        if (v + 1 < N) adj(0, v, v + 1) = adj(0, v + 1, v) = true;
    }
    for (std::size_t v = 0; v < 3; ++v)
        for (std::size_t u = 0; u < 3; ++u) adj(1, v, u) = true;
    const std::vector<std::size_t> nodes{6, 3};
    for (auto pooling : {dlc::GraphPooling::mean, dlc::GraphPooling::max}) {
        dlc::GraphTransformerConfig c;
        c.features = 2;
        c.d = 4;
        c.heads = 2;
        c.layers = 2;
        c.d_ff = 6;
        c.pooling = pooling;
        dlc::GraphTransformer<double> g(c, rng);
        Tensor<double> X = uniform({2, N, 2}, rng);
        const Tensor<double> r = uniform({2, 1}, rng);
        auto L = [&] { return weighted(g.forward(X, adj, nodes), r); };
        g.zero_grad();
        L();
        const Tensor<double> gX = g.backward(r);
        std::vector<dlc::GradCheckTarget> t{{"X", &X, gX}};
        for (auto& p : g.parameters()) t.push_back({p.name, p.value, *p.grad});
        BOOST_TEST(check_generic(L, t, "graph transformer") < tol);
        // padded nodes get no gradient: they cannot affect the output
        for (std::size_t v = 3; v < N; ++v) BOOST_TEST(gX(1, v, 0) == 0.0);
    }
    // receptive field: with L layers, node 0's output depends on nodes within L hops only
    const auto dist = dlc::hop_distances(xt::view(adj, 0));
    BOOST_TEST(dist(0, 5) == 5u);
    for (std::size_t layers : {1, 2, 3}) {
        dlc::GraphTransformerConfig c;
        c.d = 4;
        c.heads = 1;
        c.layers = layers;
        c.d_ff = 6;
        dlc::GraphTransformer<double> g(c, rng);
        const Tensor<double> X = uniform({2, N, 2}, rng);
        g.forward(X, adj, nodes);
        Tensor<double> dH = xt::zeros<double>(g.node_outputs().shape());
        // distinct weights: with all ones, dH would lie in the null space of the last LayerNorm's backward
        // (sum_j LN(x)_j does not depend on x when gamma = 1) and every gradient would vanish
        for (std::size_t j = 0; j < 4; ++j) dH(0, 0, j) = 1.0 + double(j);
        const Tensor<double> gX = g.backward_nodes(dH);
        for (std::size_t u = 0; u < N; ++u) {
            const double mag = std::abs(gX(0, u, 0)) + std::abs(gX(0, u, 1));
            if (dist(0, u) <= layers) BOOST_TEST(mag > 0.0, "L = " << layers << ", node " << u);
            else BOOST_TEST(mag == 0.0, "L = " << layers << ", node " << u);
        }
    }
}

BOOST_AUTO_TEST_CASE(patch_embedding_and_vision_transformer_gradient_checks) {
    dlc::Rng rng(11);
    dlc::PatchEmbedding<double> pe(2, 4, 6, 2, 3, rng);
    BOOST_TEST(pe.patches() == 6u);
    const Tensor<double> x = uniform({2, 2, 4, 6}, rng);
    const Tensor<double>& e = pe.forward(x);
    BOOST_TEST(e.shape(1) == 6u);
    // patch 4 = row 1, column 1 of the 2 x 3 grid: its vector starts at pixel (channel 0, row 2, column 2)
    BOOST_TEST(pe.patch_vectors()(1, 4, 0) == x(1, 0, 2, 2));
    BOOST_TEST(pe.patch_vectors()(1, 4, 5) == x(1, 1, 2, 3));
    dlc_test::check_gradients(pe, x, "patch embedding");
    dlc::ViTConfig c;
    c.channels = 1;
    c.height = 4;
    c.width = 4;
    c.patch = 2;
    c.d = 4;
    c.heads = 2;
    c.layers = 2;
    c.d_ff = 6;
    c.classes = 3;
    dlc::VisionTransformer<double> vit(c, rng);
    dlc_test::check_gradients(vit, uniform({2, 1, 4, 4}, rng), vit.name());
    BOOST_TEST(vit.attention_weights(1).shape(2) == 5u);
}

BOOST_AUTO_TEST_CASE(sinusoidal_table_and_its_rotation) {
    const Tensor<double> P = dlc::sinusoidal_encoding<double>(40, 8);
    BOOST_TEST(P(0, 0) == 0.0);
    BOOST_TEST(P(0, 1) == 1.0);
    BOOST_TEST(std::abs(P(3, 2) - std::sin(3.0 / std::pow(10000.0, 2.0 / 8))) < 1e-15);
    BOOST_TEST(std::abs(P(3, 7) - std::cos(3.0 / std::pow(10000.0, 6.0 / 8))) < 1e-15);
    for (double k : {1.0, 5.0, 17.0}) {
        const Tensor<double> M = dlc::sinusoidal_shift(8, k);
        double worst = 0, worst_dot = 0;
        for (std::size_t p = 0; p + std::size_t(k) < 40; ++p) {
            for (std::size_t i = 0; i < 8; ++i) {
                double s = 0;
                for (std::size_t j = 0; j < 8; ++j) s += M(i, j) * P(p, j);
                worst = std::max(worst, std::abs(s - P(p + std::size_t(k), i)));
            }
            double dot0 = 0, dot = 0;  // PE_p . PE_{p+k} is the same for every p
            for (std::size_t j = 0; j < 8; ++j) dot0 += P(0, j) * P(std::size_t(k), j), dot += P(p, j) * P(p + std::size_t(k), j);
            worst_dot = std::max(worst_dot, std::abs(dot - dot0));
        }
        BOOST_TEST(worst < 1e-12, "k = " << k);
        BOOST_TEST(worst_dot < 1e-12, "k = " << k);
    }
}

BOOST_AUTO_TEST_CASE(bad_inputs_name_the_problem) {
    dlc::Rng rng(12);
    dlc::ScaledDotProductAttention<double> att(2);
    const Tensor<double> Q = uniform({1, 3, 4}, rng), K = uniform({1, 3, 4}, rng), V = uniform({1, 3, 4}, rng);
    check_throws<dlc::ShapeError>([&] { att.forward(Q, uniform({1, 3, 6}, rng), V); }, {"same size d_k"});
    check_throws<dlc::ShapeError>([&] { att.forward(Q, K, uniform({1, 2, 4}, rng)); }, {"one row per key"});
    check_throws<dlc::ShapeError>([&] { dlc::ScaledDotProductAttention<double>(3).forward(Q, K, V); }, {"3 heads must divide"});
    dlc::AttentionMask wrong;
    wrong.allowed = xt::ones<bool>({std::size_t{3}, std::size_t{2}});
    check_throws<dlc::ShapeError>([&] { att.forward(Q, K, V, wrong); }, {"boolean mask must have shape (3, 3)", "(3, 2)"});
    dlc::AttentionMask empty_row;
    empty_row.allowed = xt::ones<bool>({std::size_t{3}, std::size_t{3}});
    for (std::size_t j = 0; j < 3; ++j) empty_row.allowed(1, j) = false;
    check_throws<dlc::ValueError>([&] { att.forward(Q, K, V, empty_row); }, {"query 1", "every key masked"});
    check_throws<dlc::ValueError>([&] { att.forward(Q, K, V, dlc::padding_mask({0})); }, {"every key masked"});
    check_throws<dlc::ValueError>([&] { att.forward(Q, K, V, dlc::padding_mask({4})); }, {"exceeds the 3 keys"});
    check_throws<dlc::ShapeError>([&] { att.forward(Q, K, V, dlc::padding_mask({3, 3})); }, {"one entry per batch row (1)"});
    check_throws<dlc::ValueError>([&] { att.forward(uniform({1, 2, 4}, rng), K, V, dlc::causal_mask()); },
                                  {"causal mask needs as many queries as keys"});
    check_throws<dlc::ShapeError>([&] { att.backward(uniform({1, 3, 5}, rng)); }, {"dO must have the shape"});
    check_throws<dlc::ValueError>([&] { dlc::MultiHeadAttention<double>(10, 4, rng); }, {"heads (4) must divide the width d (10)"});
    dlc::MultiHeadAttention<double> mha(4, 2, rng);
    check_throws<dlc::ShapeError>([&] { mha.forward(uniform({1, 3, 5}, rng)); }, {"X (B, T, d)", "(*, *, 4)"});
    dlc::BlockConfig bc;
    bc.d = 6;
    bc.heads = 4;
    check_throws<dlc::ValueError>([&] { dlc::TransformerBlock<double>(bc, rng); }, {"heads (4) must divide d (6)"});
    check_throws<dlc::ValueError>([&] { dlc::sinusoidal_encoding<double>(4, 5); }, {"even"});
    dlc::PositionalEncoding<double> pos(3, 4, false, rng);
    check_throws<dlc::ShapeError>([&] { pos.forward(uniform({1, 4, 4}, rng)); }, {"4 positions, the table only 3"});
    check_throws<dlc::ValueError>([&] { dlc::PatchEmbedding<double>(1, 28, 28, 5, 8, rng); }, {"must divide the image size"});
    dlc::LMConfig lc;
    lc.vocabulary = 5;
    lc.d = 4;
    lc.heads = 2;
    lc.layers = 1;
    lc.d_ff = 4;
    lc.context = 3;
    dlc::TransformerLM<double> lm(lc, rng);
    dlc::Tokens long_in = xt::zeros<std::size_t>({std::size_t{1}, std::size_t{4}});
    check_throws<dlc::ShapeError>([&] { lm.forward(long_in, long_in); }, {"exceed the context of 3"});
    dlc::Tokens bad = {{0, 7}};
    check_throws<dlc::ValueError>([&] { lm.forward(bad, bad); }, {"outside the vocabulary"});
    dlc::GraphTransformerConfig gc;
    gc.d = 4;
    gc.heads = 2;
    dlc::GraphTransformer<double> g(gc, rng);
    xt::xarray<bool> adj = xt::zeros<bool>({std::size_t{1}, std::size_t{3}, std::size_t{3}});
    check_throws<dlc::ValueError>([&] { g.forward(uniform({1, 3, 2}, rng), adj, {3}); }, {"no self-loop"});
    check_throws<dlc::ShapeError>([&] { g.forward(uniform({1, 3, 2}, rng), xt::zeros<bool>({std::size_t{1}, std::size_t{3}, std::size_t{2}}), {3}); },
                                  {"adjacency must have shape (1, 3, 3)"});
    check_throws<dlc::ShapeError>([&] { dlc::hop_distances(xt::zeros<bool>({std::size_t{2}, std::size_t{3}})); }, {"square"});
}

BOOST_AUTO_TEST_SUITE_END()
