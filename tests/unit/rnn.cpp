// Unit tests of lib/rnn and lib/attention: every recurrent layer, wrapper, the embedding, the sequence
// loss, every attention score and seq2seq gradient-checked in double (central differences, relative error
// < 1e-6); PyTorch parity (tests/fixtures/rnn_reference.json, from make_rnn_fixture.py) to 1e-10 for RNN,
// LSTM, GRU, 2-layer and bidirectional, forward and backward; truncated BPTT; the two GRU forms; beam search
// against greedy; edit distance; bad inputs naming the problem.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "../check_throws.hpp"
#include "../nn_check.hpp"

#include "attention/attention.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "nn/gradcheck.hpp"
#include "rnn/decoding.hpp"
#include "rnn/embedding.hpp"
#include "rnn/seq2seq.hpp"
#include "rnn/sequence_loss.hpp"
#include "rnn/stacked.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

BOOST_AUTO_TEST_SUITE(rnn)

namespace {

using dlc::Tensor;
using dlc_test::check_throws;
using dlc_test::max_abs_diff;
using dlc_test::uniform;

constexpr double tol = dlc_test::gradcheck_tolerance;

double weighted(const Tensor<double>& a, const Tensor<double>& r) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a.data()[i] * r.data()[i];
    return s;
}

// Gradient check of a recurrent layer through L = sum(r ⊙ S) + sum(rh ⊙ s_T) [+ sum(rc ⊙ c_T)], with a
// random initial state (and cell): checks dL/dx, dL/ds0, dL/dc0 and every parameter.
double check_recurrent(dlc::Recurrent<double>& layer, std::size_t steps, std::size_t B, dlc::Rng& rng,
                       bool final_terms = true) {
    const std::size_t D = layer.input_size(), H = layer.hidden_size();
    Tensor<double> x = uniform({steps, B, D}, rng), s0 = uniform({B, H}, rng), c0 = uniform({B, H}, rng);
    const Tensor<double> r = uniform({steps, B, H}, rng), rh = uniform({B, H}, rng), rc = uniform({B, H}, rng);
    const bool cell = layer.has_cell();
    auto loss = [&]() {
        layer.set_initial_state(s0);
        if (cell) layer.set_initial_cell(c0);
        double L = weighted(layer.forward(x), r);
        if (final_terms) {
            L += weighted(layer.final_state(), rh);
            if (cell) L += weighted(layer.final_cell(), rc);
        }
        return L;
    };
    layer.zero_grad();
    loss();
    if (final_terms) {
        layer.add_final_state_grad(rh);
        if (cell) layer.add_final_cell_grad(rc);
    }
    const Tensor<double> gx = layer.backward(r);
    std::vector<dlc::GradCheckTarget> targets{{"x", &x, gx}, {"s0", &s0, layer.initial_state_grad()}};
    if (cell) targets.push_back({"c0", &c0, layer.initial_cell_grad()});
    for (auto& p : layer.parameters()) targets.push_back({p.name, p.value, *p.grad});
    const auto res = dlc::gradcheck_generic(loss, targets);
    BOOST_TEST_MESSAGE(layer.name() << ": " << res.str());
    BOOST_TEST(res.entries > 0u);
    return res.max_relative_error;
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
        std::ifstream f(std::string(dir) + "/rnn_reference.json");
        BOOST_TEST_REQUIRE(f.good(), "cannot open rnn_reference.json in " << dir);
        return nlohmann::json::parse(f);
    }();
    return j;
}

// Row `i` of a (L·dirs, B, H) tensor as (B, H).
Tensor<double> slice0(const Tensor<double>& t, std::size_t i) {
    Tensor<double> s = Tensor<double>::from_shape({t.shape(1), t.shape(2)});
    std::copy(t.data() + i * s.size(), t.data() + (i + 1) * s.size(), s.data());
    return s;
}

void load_params(dlc::Recurrent<double>& layer, const nlohmann::json& p) {
    layer.U() = from_json(p.at("U"));
    layer.W() = from_json(p.at("W"));
    layer.b() = from_json(p.at("b"));
    if (p.contains("c")) dynamic_cast<dlc::GRU<double>&>(layer).c() = from_json(p.at("c"));
}

void compare_grads(dlc::Recurrent<double>& layer, const nlohmann::json& p, const std::string& what) {
    BOOST_TEST(max_abs_diff(Tensor<double>(layer.grad_U()), from_json(p.at("grad_U"))) < 1e-10, what << " grad_U");
    BOOST_TEST(max_abs_diff(Tensor<double>(layer.grad_W()), from_json(p.at("grad_W"))) < 1e-10, what << " grad_W");
    BOOST_TEST(max_abs_diff(Tensor<double>(layer.grad_b()), from_json(p.at("grad_b"))) < 1e-10, what << " grad_b");
    if (p.contains("grad_c"))
        BOOST_TEST(max_abs_diff(Tensor<double>(dynamic_cast<dlc::GRU<double>&>(layer).grad_c()), from_json(p.at("grad_c"))) < 1e-10,
                   what << " grad_c");
}

dlc::CellKind kind_of(const std::string& k) {
    return k == "rnn" ? dlc::CellKind::rnn : k == "lstm" ? dlc::CellKind::lstm : dlc::CellKind::gru;
}

// A hand-made next-token model for beam search: a table from prefixes to distributions.
class TableSource : public dlc::BeamSource {
public:
    explicit TableSource(std::map<std::vector<std::size_t>, std::vector<double>> table) : table_(std::move(table)) {}
    void start() override { prefixes_ = {{}}; }
    std::vector<std::vector<double>> advance(const std::vector<std::size_t>& parents,
                                             const std::vector<std::size_t>& tokens) override {
        std::vector<std::vector<std::size_t>> next;
        std::vector<std::vector<double>> out;
        for (std::size_t j = 0; j < parents.size(); ++j) {
            auto p = prefixes_[parents[j]];
            if (!(p.empty() && tokens[j] == start_token)) p.push_back(tokens[j]);
            next.push_back(p);
            std::vector<double> probs = table_.count(p) ? table_.at(p) : std::vector<double>{1.0, 0.0, 0.0};
            for (auto& v : probs) v = std::log(std::max(v, 1e-300));
            out.push_back(probs);
        }
        prefixes_ = next;
        return out;
    }
    static constexpr std::size_t start_token = 99;

private:
    std::map<std::vector<std::size_t>, std::vector<double>> table_;
    std::vector<std::vector<std::size_t>> prefixes_;
};

}  // namespace

// ---------------------------------------------------------------- gradient checks

BOOST_AUTO_TEST_CASE(every_cell_passes_the_gradient_check) {
    dlc::Rng rng(1);
    dlc::RNN<double> rnn(3, 4, rng);
    BOOST_TEST(check_recurrent(rnn, 5, 2, rng) < tol);
    dlc::LSTM<double> lstm(3, 4, rng);
    BOOST_TEST(check_recurrent(lstm, 5, 2, rng) < tol);
    dlc::LSTM<double> peep(3, 4, rng, true);
    for (auto& v : peep.peepholes()) v = rng.uniform(-0.5, 0.5);
    BOOST_TEST(check_recurrent(peep, 5, 2, rng) < tol);
    dlc::GRU<double> gru(3, 4, rng, dlc::GRUForm::pytorch);
    BOOST_TEST(check_recurrent(gru, 5, 2, rng) < tol);
    dlc::GRU<double> cho(3, 4, rng, dlc::GRUForm::cho);
    BOOST_TEST(check_recurrent(cho, 5, 2, rng) < tol);
}

BOOST_AUTO_TEST_CASE(stacked_and_bidirectional_pass_the_gradient_check) {
    dlc::Rng rng(2);
    for (auto kind : {dlc::CellKind::rnn, dlc::CellKind::lstm, dlc::CellKind::gru, dlc::CellKind::gru_cho}) {
        dlc::Stacked<double> st(kind, 3, 4, 2, rng);
        dlc_test::check_gradients(st, uniform({4, 2, 3}, rng), st.name());
        dlc::Bidirectional<double> bi(kind, 3, 4, rng);
        dlc_test::check_gradients(bi, uniform({4, 2, 3}, rng), bi.name());
    }
    dlc::StackedBidirectional<double> sb(dlc::CellKind::lstm, 3, 2, 2, rng);
    dlc_test::check_gradients(sb, uniform({3, 2, 3}, rng), sb.name());
}

BOOST_AUTO_TEST_CASE(embedding_backward_is_a_scatter_add) {
    dlc::Rng rng(3);
    dlc::Embedding<double> emb(5, 3, rng);
    dlc::Tokens ids = {{1, 4}, {1, 0}, {2, 1}};  // token 1 three times, token 3 never
    const Tensor<double> r = uniform({3, 2, 3}, rng);
    emb.forward(ids);
    emb.zero_grad();
    emb.backward(r);
    std::vector<dlc::GradCheckTarget> targets{{"A", &emb.A(), emb.grad_A()}};
    const auto res = dlc::gradcheck_generic([&] { return weighted(emb.forward(ids), r); }, targets);
    BOOST_TEST(res.max_relative_error < tol, res.str());
    for (std::size_t j = 0; j < 3; ++j) {
        BOOST_TEST(emb.grad_A()(3, j) == 0.0);  // a token that does not occur gets no gradient
        BOOST_TEST(emb.grad_A()(1, j) == r(0, 0, j) + r(1, 0, j) + r(2, 1, j), boost::test_tools::tolerance(1e-15));
    }
    // One-hot times A is the row lookup.
    const Tensor<double> oh = dlc::one_hot<double>(ids, 5);
    BOOST_TEST(oh(2, 1, 1) == 1.0);
    BOOST_TEST(xt::sum(oh)() == 6.0);
}

BOOST_AUTO_TEST_CASE(sequence_cross_entropy_masks_padding_and_passes_the_gradient_check) {
    dlc::Rng rng(4);
    Tensor<double> v = uniform({3, 2, 5}, rng, -2, 2);
    dlc::Tokens y = {{1, 4}, {dlc::no_token, 0}, {2, dlc::no_token}};
    dlc::SequenceCrossEntropy<double> ce;
    const double L = ce.forward(v, y);
    BOOST_TEST(ce.count() == 4u);
    // By hand: mean of -log softmax at the four scored positions.
    double by_hand = 0;
    for (auto [t, n, k] : std::vector<std::array<std::size_t, 3>>{{0, 0, 1}, {0, 1, 4}, {1, 1, 0}, {2, 0, 2}}) {
        double z = 0;
        for (std::size_t j = 0; j < 5; ++j) z += std::exp(v(t, n, j));
        by_hand += -(v(t, n, k) - std::log(z)) / 4;
    }
    BOOST_TEST(L == by_hand, boost::test_tools::tolerance(1e-13));
    const Tensor<double> g = ce.backward();
    for (std::size_t j = 0; j < 5; ++j) BOOST_TEST(g(1, 0, j) == 0.0);  // padding: no gradient
    std::vector<dlc::GradCheckTarget> targets{{"v", &v, g}};
    const auto res = dlc::gradcheck_generic([&] { return ce.forward(v, y); }, targets);
    BOOST_TEST(res.max_relative_error < tol, res.str());
}

BOOST_AUTO_TEST_CASE(every_attention_score_passes_the_gradient_check) {
    dlc::Rng rng(5);
    for (auto kind : {dlc::ScoreKind::dot, dlc::ScoreKind::scaled_dot, dlc::ScoreKind::general,
                      dlc::ScoreKind::reduced_rank, dlc::ScoreKind::additive}) {
        const bool same = kind == dlc::ScoreKind::dot || kind == dlc::ScoreKind::scaled_dot;
        const std::size_t dq = 4, dk = same ? 4 : 3;
        dlc::Attention<double> att(dlc::make_score<double>(kind, dq, dk, 5, rng));
        Tensor<double> Q = uniform({2, 3, dq}, rng), K = uniform({2, 4, dk}, rng), V = uniform({2, 4, 2}, rng);
        const std::vector<std::size_t> lengths{4, 3};
        const Tensor<double> r = uniform({2, 3, 2}, rng);
        att.score().zero_grad();
        att.forward(Q, K, V, lengths);
        att.backward(r);
        std::vector<dlc::GradCheckTarget> targets{{"Q", &Q, att.grad_queries()}, {"K", &K, att.grad_keys()},
                                                  {"V", &V, att.grad_values()}};
        for (auto& p : att.parameters()) targets.push_back({p.name, p.value, *p.grad});
        const auto res = dlc::gradcheck_generic([&] { return weighted(att.forward(Q, K, V, lengths), r); }, targets);
        BOOST_TEST(res.max_relative_error < tol, dlc::score_kind_name(kind) << ": " << res.str());
        // The masked key gets weight exactly 0, each row sums to 1.
        for (std::size_t i = 0; i < 3; ++i) {
            BOOST_TEST(att.weights()(1, i, 3) == 0.0);
            BOOST_TEST(att.weights()(1, i, 0) + att.weights()(1, i, 1) + att.weights()(1, i, 2) == 1.0,
                       boost::test_tools::tolerance(1e-14));
        }
    }
}

BOOST_AUTO_TEST_CASE(seq2seq_with_and_without_attention_passes_the_gradient_check) {
    for (bool attention : {false, true}) {
        for (auto cell : {dlc::CellKind::gru, dlc::CellKind::lstm}) {
            dlc::Rng rng(6);
            dlc::Seq2SeqConfig cfg;
            cfg.source_vocabulary = 5;
            cfg.target_vocabulary = 6;
            cfg.embedding = 3;
            cfg.hidden = 4;
            cfg.cell = cell;
            cfg.attention = attention;
            cfg.attention_dim = 3;
            dlc::Seq2Seq<double> m(cfg, rng);
            const dlc::Tokens src = {{1, 2}, {3, 4}, {0, 1}};
            const dlc::Tokens din = {{0, 0}, {2, 3}, {5, 1}, {4, 4}};
            const dlc::Tokens tgt = {{2, 3}, {5, 1}, {4, dlc::no_token}, {1, dlc::no_token}};
            m.zero_grad();
            m.forward(src, din, tgt);
            m.backward();
            std::vector<dlc::GradCheckTarget> targets;
            for (auto& p : m.parameters()) targets.push_back({p.name, p.value, *p.grad});
            const auto res = dlc::gradcheck_generic([&] { return m.forward(src, din, tgt); }, targets);
            BOOST_TEST(res.max_relative_error < tol, "attention " << attention << " " << dlc::cell_kind_name(cell) << ": " << res.str());
        }
    }
}

// ---------------------------------------------------------------- PyTorch parity

BOOST_AUTO_TEST_CASE(layers_match_pytorch_forward_and_backward_to_1e_10) {
    for (const auto& c : fixture().at("cases")) {
        const std::string name = c.at("name");
        const auto kind = kind_of(c.at("kind"));
        const std::size_t D = c.at("D"), H = c.at("H"), layers = c.at("layers");
        const bool bi = c.at("bidirectional");
        const Tensor<double> x = from_json(c.at("x")), r = from_json(c.at("r")), h0 = from_json(c.at("h0"));
        const bool lstm = kind == dlc::CellKind::lstm;
        const Tensor<double> c0 = lstm ? from_json(c.at("c0")) : Tensor<double>();
        dlc::Rng rng(0);
        const auto& params = c.at("params");
        if (layers == 1 && !bi) {
            auto layer = dlc::make_recurrent<double>(kind, D, H, rng);
            load_params(*layer, params[0]);
            layer->set_initial_state(slice0(h0, 0));
            if (lstm) layer->set_initial_cell(slice0(c0, 0));
            const Tensor<double> out = layer->forward(x);
            BOOST_TEST(max_abs_diff(out, from_json(c.at("output"))) < 1e-10, name << " output");
            BOOST_TEST(max_abs_diff(layer->final_state(), slice0(from_json(c.at("h_n")), 0)) < 1e-10, name << " h_n");
            layer->zero_grad();
            layer->add_final_state_grad(slice0(from_json(c.at("rh")), 0));
            if (lstm) layer->add_final_cell_grad(slice0(from_json(c.at("rc")), 0));
            const Tensor<double> gx = layer->backward(r);
            BOOST_TEST(max_abs_diff(gx, from_json(c.at("grad_x"))) < 1e-10, name << " grad_x");
            BOOST_TEST(max_abs_diff(Tensor<double>(layer->initial_state_grad()), slice0(from_json(c.at("grad_h0")), 0)) < 1e-10,
                       name << " grad_h0");
            if (lstm)
                BOOST_TEST(max_abs_diff(Tensor<double>(layer->initial_cell_grad()), slice0(from_json(c.at("grad_c0")), 0)) < 1e-10,
                           name << " grad_c0");
            compare_grads(*layer, params[0], name);
        } else if (!bi) {
            dlc::Stacked<double> st(kind, D, H, layers, rng);
            for (std::size_t l = 0; l < layers; ++l) {
                load_params(st.layer(l), params[l]);
                st.layer(l).set_initial_state(slice0(h0, l));
                if (lstm) st.layer(l).set_initial_cell(slice0(c0, l));
            }
            BOOST_TEST(max_abs_diff(Tensor<double>(st.forward(x)), from_json(c.at("output"))) < 1e-10, name << " output");
            st.zero_grad();
            BOOST_TEST(max_abs_diff(Tensor<double>(st.backward(r)), from_json(c.at("grad_x"))) < 1e-10, name << " grad_x");
            for (std::size_t l = 0; l < layers; ++l) {
                compare_grads(st.layer(l), params[l], name + " layer " + std::to_string(l));
                BOOST_TEST(max_abs_diff(Tensor<double>(st.layer(l).initial_state_grad()), slice0(from_json(c.at("grad_h0")), l)) < 1e-10);
            }
        } else {
            dlc::Bidirectional<double> b(kind, D, H, rng);
            load_params(b.forward_layer(), params[0]);
            load_params(b.backward_layer(), params[1]);
            b.forward_layer().set_initial_state(slice0(h0, 0));
            b.backward_layer().set_initial_state(slice0(h0, 1));
            if (lstm) {
                b.forward_layer().set_initial_cell(slice0(c0, 0));
                b.backward_layer().set_initial_cell(slice0(c0, 1));
            }
            BOOST_TEST(max_abs_diff(Tensor<double>(b.forward(x)), from_json(c.at("output"))) < 1e-10, name << " output");
            b.zero_grad();
            BOOST_TEST(max_abs_diff(Tensor<double>(b.backward(r)), from_json(c.at("grad_x"))) < 1e-10, name << " grad_x");
            compare_grads(b.forward_layer(), params[0], name + " forward direction");
            compare_grads(b.backward_layer(), params[1], name + " backward direction");
            BOOST_TEST(max_abs_diff(Tensor<double>(b.backward_layer().initial_state_grad()), slice0(from_json(c.at("grad_h0")), 1)) < 1e-10);
        }
    }
}

// ---------------------------------------------------------------- BPTT variants and the GRU forms

BOOST_AUTO_TEST_CASE(truncated_bptt_equals_full_bptt_when_k_is_at_least_T) {
    dlc::Rng rng(7);
    for (auto kind : {dlc::CellKind::rnn, dlc::CellKind::lstm, dlc::CellKind::gru, dlc::CellKind::gru_cho}) {
        auto layer = dlc::make_recurrent<double>(kind, 3, 4, rng);
        const Tensor<double> x = uniform({6, 2, 3}, rng), r = uniform({6, 2, 4}, rng);
        auto grads = [&](std::size_t k) {
            layer->set_truncation(k);
            layer->zero_grad();
            layer->forward(x);
            Tensor<double> g = layer->backward(r);
            return std::make_pair(g, Tensor<double>(layer->grad_W()));
        };
        const auto full = grads(0), k6 = grads(6), k10 = grads(10), k2 = grads(2);
        BOOST_TEST(max_abs_diff(full.first, k6.first) == 0.0);
        BOOST_TEST(max_abs_diff(full.second, k10.second) == 0.0);
        BOOST_TEST(max_abs_diff(full.second, k2.second) > 1e-6);  // k < T really truncates
        // With k = 2 the gradient of x_1 only sees the losses at steps 1 and 2: zero the others, same result.
        Tensor<double> r12 = r;
        for (std::size_t t = 2; t < 6; ++t)
            for (std::size_t i = 0; i < 8; ++i) r12.data()[t * 8 + i] = 0;
        layer->set_truncation(0);
        layer->forward(x);
        const Tensor<double> g12 = layer->backward(r12);
        for (std::size_t i = 0; i < 6; ++i) BOOST_TEST(g12.data()[i] == k2.first.data()[i], boost::test_tools::tolerance(1e-13));
    }
}

BOOST_AUTO_TEST_CASE(the_two_gru_forms_agree_on_one_step_from_zero_and_differ_after) {
    // From h_0 = 0 the reset gate multiplies zero in both forms (with the n block of the recurrent bias c at 0,
    // which PyTorch's reset gate would scale); negating the z rows maps z to 1 - i.
    dlc::Rng rng(8);
    dlc::GRU<double> torch_form(3, 4, rng, dlc::GRUForm::pytorch), cho(3, 4, rng, dlc::GRUForm::cho);
    for (std::size_t k = 8; k < 12; ++k) torch_form.c()(k) = 0.0;
    cho.U() = torch_form.U();
    cho.W() = torch_form.W();
    cho.b() = torch_form.b();
    cho.c() = torch_form.c();
    for (std::size_t k = 4; k < 8; ++k) {
        for (std::size_t j = 0; j < 3; ++j) cho.U()(k, j) = -cho.U()(k, j);
        for (std::size_t j = 0; j < 4; ++j) cho.W()(k, j) = -cho.W()(k, j);
        cho.b()(k) = -cho.b()(k);
        cho.c()(k) = -cho.c()(k);
    }
    const Tensor<double> x = uniform({3, 2, 3}, rng);
    const Tensor<double> a = torch_form.forward(x), b = cho.forward(x);
    double step1 = 0, later = 0;
    for (std::size_t i = 0; i < 8; ++i) step1 = std::max(step1, std::abs(a.data()[i] - b.data()[i]));
    for (std::size_t i = 8; i < a.size(); ++i) later = std::max(later, std::abs(a.data()[i] - b.data()[i]));
    BOOST_TEST(step1 < 1e-15);
    BOOST_TEST(later > 1e-4);
}

BOOST_AUTO_TEST_CASE(step_equals_one_step_of_forward) {
    dlc::Rng rng(9);
    for (auto kind : {dlc::CellKind::rnn, dlc::CellKind::lstm, dlc::CellKind::gru, dlc::CellKind::gru_cho}) {
        auto layer = dlc::make_recurrent<double>(kind, 3, 4, rng);
        const Tensor<double> x = uniform({2, 2, 3}, rng);
        const Tensor<double> S = layer->forward(x);
        Tensor<double> s = xt::zeros<double>({2, 4}), c = xt::zeros<double>({2, 4});
        for (std::size_t t = 0; t < 2; ++t) {
            Tensor<double> xt_ = Tensor<double>::from_shape({2, 3});
            std::copy(x.data() + t * 6, x.data() + (t + 1) * 6, xt_.data());
            layer->step(xt_, s, c);
        }
        for (std::size_t i = 0; i < 8; ++i) BOOST_TEST(s.data()[i] == S.data()[8 + i], boost::test_tools::tolerance(1e-14));
    }
}

// ---------------------------------------------------------------- decoding

BOOST_AUTO_TEST_CASE(beam_search_beats_greedy_on_a_hand_made_distribution) {
    // Tokens: 0 = END, 1 = "a", 2 = "b". Greedy takes "a" (0.6) but every continuation of "a" is poor;
    // "b" (0.4) is followed by END with probability 0.9: P(b END) = 0.36 > P(a ...) <= 0.6 * 0.4 = 0.24.
    std::map<std::vector<std::size_t>, std::vector<double>> table{
        {{}, {0.0, 0.6, 0.4}}, {{1}, {0.4, 0.3, 0.3}}, {{2}, {0.9, 0.05, 0.05}},
        {{1, 1}, {0.5, 0.25, 0.25}}, {{1, 2}, {0.5, 0.25, 0.25}}};
    TableSource src(table);
    dlc::BeamOptions opt;
    opt.start_token = TableSource::start_token;
    opt.end_token = 0;
    opt.max_length = 4;
    opt.length_normalise = false;
    opt.width = 1;
    const auto greedy = dlc::beam_search(src, opt);
    BOOST_TEST((greedy.best.tokens == std::vector<std::size_t>{1, 0}));
    BOOST_TEST(greedy.best.log_prob == std::log(0.6 * 0.4), boost::test_tools::tolerance(1e-12));
    opt.width = 2;
    const auto beam = dlc::beam_search(src, opt);
    BOOST_TEST((beam.best.tokens == std::vector<std::size_t>{2, 0}));
    BOOST_TEST(beam.best.log_prob == std::log(0.4 * 0.9), boost::test_tools::tolerance(1e-12));
    BOOST_TEST(beam.best.score() == std::log(0.36) / 2, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(sampling_respects_temperature_and_top_k) {
    dlc::Rng rng(10);
    const std::vector<double> logits{2.0, 1.0, 0.0, -1.0};
    std::vector<int> counts(4, 0);
    for (int i = 0; i < 4000; ++i) ++counts[dlc::sample_token(logits, 1.0, 2, rng)];
    BOOST_TEST(counts[2] == 0);
    BOOST_TEST(counts[3] == 0);
    const double p0 = 1 / (1 + std::exp(-1.0));  // e^2 / (e^2 + e^1)
    BOOST_TEST(std::abs(counts[0] / 4000.0 - p0) < 0.03);
    int cold = 0;
    for (int i = 0; i < 1000; ++i) cold += dlc::sample_token(logits, 0.05, 0, rng) == 0;
    BOOST_TEST(cold == 1000);
    BOOST_TEST(dlc::greedy_token(logits) == 0u);
}

BOOST_AUTO_TEST_CASE(edit_distance_by_hand) {
    using V = std::vector<std::size_t>;
    BOOST_TEST(dlc::edit_distance(V{1, 2, 3}, V{1, 2, 3}) == 0u);
    BOOST_TEST(dlc::edit_distance(V{}, V{1, 2}) == 2u);
    BOOST_TEST(dlc::edit_distance(V{1, 2, 3}, V{}) == 3u);
    // kitten -> sitting: k->s, e->i, +g = 3
    BOOST_TEST(dlc::edit_distance(V{'k', 'i', 't', 't', 'e', 'n'}, V{'s', 'i', 't', 't', 'i', 'n', 'g'}) == 3u);
    BOOST_TEST(dlc::edit_distance(V{1, 2}, V{2, 1}) == 2u);
}

// ---------------------------------------------------------------- bad inputs

BOOST_AUTO_TEST_CASE(bad_inputs_name_the_problem) {
    dlc::Rng rng(11);
    dlc::LSTM<double> lstm(3, 4, rng);
    check_throws<dlc::ShapeError>([&] { lstm.forward(Tensor<double>::from_shape({0, 2, 3})); }, {"LSTM", "empty sequence"});
    check_throws<dlc::ShapeError>([&] { lstm.forward(Tensor<double>::from_shape({5, 2, 7})); }, {"LSTM", "(*, *, 3)", "(5, 2, 7)"});
    check_throws<dlc::ShapeError>([&] { lstm.backward(Tensor<double>::from_shape({1, 1, 1})); }, {"LSTM", "backward"});
    check_throws<dlc::ValueError>([&] { dlc::RNN<double> r(0, 3, rng); }, {"RNN", "positive"});
    std::vector<double> logits{1, 2};
    check_throws<dlc::ValueError>([&] { dlc::sample_token(logits, 0.0, 0, rng); }, {"sample_token", "temperature"});
    check_throws<dlc::ValueError>([&] { dlc::sample_token(logits, -1.0, 0, rng); }, {"sample_token", "temperature"});
    TableSource src({});
    dlc::BeamOptions opt;
    opt.width = 0;
    check_throws<dlc::ValueError>([&] { dlc::beam_search(src, opt); }, {"beam_search", "width"});
    dlc::Embedding<double> emb(4, 2, rng);
    check_throws<dlc::ValueError>([&] { emb.forward(dlc::Tokens{{1, 7}}); }, {"Embedding", "token id 7", "4 symbols"});
    check_throws<dlc::ShapeError>([&] { emb.forward(dlc::Tokens::from_shape({0, 3})); }, {"Embedding", "empty"});
    dlc::Tensor<double> E = xt::zeros<double>({1, 1, 3}), a;
    check_throws<dlc::ValueError>([&] { dlc::masked_softmax(E, {0}, a); }, {"masked_softmax", "every key masked"});
    check_throws<dlc::ValueError>([&] { dlc::make_score<double>(dlc::ScoreKind::dot, 3, 4, 2, rng); }, {"make_score", "dq = 3"});
}

BOOST_AUTO_TEST_SUITE_END()
