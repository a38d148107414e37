// Every number Bahng's notes state in §2.6 (training checklist), §3.1 (shapes, footnote 1), §3.3 (the PyTorch
// CNN), §5.2.1 (nn.RNN) and §9.1 (parameter counts of graphical models), recomputed:
//   - "check that the loss is reasonable (e.g. log(1/10) ~ 2.3 for softmax classification of 10 classes)";
//   - a 3x3x3x3 kernel without padding on (3, 100, 100) gives (3, 98, 98); with a 2x2 pooling, (3, 49, 49);
//   - a conv layer has (1 + C_in H_ker W_ker) C_out parameters, the linear maps between the spaces C_in H^2 W^2 C_out;
//   - footnote 1: 3 x 1024 x 1024 is "3 million", a dense map to 1000 dimensions "3 billion parameters", "12GB";
//   - §3.3: conv1(3, 6, 5) -> pool -> conv2(6, 16, 5) -> pool -> fc1(16 * 5 * 5, 120) -> fc2 -> fc3;
//   - §5.2.1: nn.RNN(10, 20, 2) on a sequence of 5: its weight shapes, output and h_n sizes;
//   - Examples 9.2-9.3: K^2 - 1, K^M - 1, M (K - 1) and the chain's K - 1 + (M - 1)(K - 1) K parameters.
#include "cases.hpp"
#include "common.hpp"

#include "core/tensor.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace backprop_lecture {

namespace {

std::string with_commas(std::uint64_t v) {
    std::string s = std::to_string(v);
    for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(std::size_t(i), ",");
    return s;
}

// The joint distribution of an M-node Markov chain over K states from its free parameters: p(x_1) from K - 1
// numbers and each p(x_i | x_{i-1}) from K (K - 1); the last entry of every distribution is 1 minus the others.
std::vector<double> chain_joint(const std::vector<double>& free, std::size_t K, std::size_t M) {
    std::size_t at = 0;
    const auto distribution = [&]() {
        std::vector<double> p(K);
        double rest = 1;
        for (std::size_t k = 0; k + 1 < K; ++k) rest -= (p[k] = free[at++]);
        p[K - 1] = rest;
        return p;
    };
    const std::vector<double> first = distribution();
    std::vector<std::vector<std::vector<double>>> trans(M - 1);
    for (auto& table : trans)
        for (std::size_t k = 0; k < K; ++k) table.push_back(distribution());
    std::size_t total = 1;
    for (std::size_t m = 0; m < M; ++m) total *= K;
    std::vector<double> joint(total);
    for (std::size_t idx = 0; idx < total; ++idx) {
        std::vector<std::size_t> x(M);
        std::size_t r = idx;
        for (std::size_t m = M; m-- > 0;) x[m] = r % K, r /= K;
        double p = first[x[0]];
        for (std::size_t m = 1; m < M; ++m) p *= trans[m - 1][x[m - 1]][x[m]];
        joint[idx] = p;
    }
    return joint;
}

}  // namespace

void bahng_numeric_claims(dlc::Case& c) {
    auto& out = c.out();

    // §2.6: the initial loss of a 10-class softmax classifier with small weights.
    const double ln10 = std::log(10.0);
    const std::size_t d = 50, K = 10, samples = 2000;
    dlc::Matrix<double> W = dlc::Matrix<double>::from_shape({K, d});
    for (auto& v : W) v = c.rng().normal(0, 0.01);
    double loss = 0;
    for (std::size_t s = 0; s < samples; ++s) {
        dlc::Vector<double> x = dlc::Vector<double>::from_shape({d});
        for (auto& v : x) v = c.rng().normal();
        const dlc::Vector<double> z = xt::linalg::dot(W, x);
        const std::size_t y = c.rng().index(K);
        double m = z(0), sum = 0;
        for (std::size_t k = 1; k < K; ++k) m = std::max(m, z(k));
        for (std::size_t k = 0; k < K; ++k) sum += std::exp(z(k) - m);
        loss += -(z(y) - m - std::log(sum)) / double(samples);
    }
    out << "§2.6: with small initial weights the logits are about 0, the softmax about uniform, and the cross-entropy "
           "-log(1/10) = log 10 = "
        << dlc::fmt(ln10, 8) << ". A 50 -> 10 softmax layer with weights N(0, 0.01^2) on " << samples
        << " random inputs and labels: mean loss " << dlc::fmt(loss, 6) << ". The printed 'log(1/10)' is "
        << dlc::fmt(std::log(0.1), 8) << ".\n";
    c.set("initial_softmax_loss_10_classes", ln10);
    c.set("initial_loss_small_random_layer", loss);
    c.erratum("the initial loss of a 10-class softmax classifier (Bahng §2.6, step 3)", "log(1/10) ~ 2.3",
              "-log(1/10) = log 10 = " + dlc::fmt(ln10, 6) + " (log(1/10) = " + dlc::fmt(std::log(0.1), 6) + ")",
              "The cross-entropy of a uniform prediction over 10 classes is -log(1/10); the number 2.3 is right, the "
              "sign of the printed expression is not. A small random softmax layer starts at " + dlc::fmt(loss, 5) + ".");

    // §3.1: shapes, and the parameter counts of a convolution and of the linear maps it lives among.
    const std::size_t H = 100, Wd = 100, k = 3, C = 3;
    const std::size_t Hc = H - k + 1, Hp = Hc / 2;
    out << "\n§3.1: (3, 100, 100) through a 3x3x3x3 kernel without padding: (3, " << Hc << ", " << Wd - k + 1
        << "); then 2x2 max pooling: (3, " << Hp << ", " << (Wd - k + 1) / 2 << ").\n";
    const std::uint64_t conv_params = (1 + C * k * k) * C;
    const std::uint64_t dense_dims = std::uint64_t(C) * H * Wd * C * H * Wd;
    out << "That kernel has (1 + C_in H_ker W_ker) C_out = (1 + 27) 3 = " << conv_params << " parameters; the "
        << "linear maps from (3, 100, 100) to (3, 100, 100) form a space of C_in H^2 W^2 C_out = "
        << with_commas(dense_dims) << " dimensions.\n";
    c.set("conv_output_shape", {C, Hc, Wd - k + 1});
    c.set("pool_output_shape", {C, Hp, (Wd - k + 1) / 2});
    c.set("conv_parameters", conv_params);
    c.set("dense_map_dimensions", dense_dims);
    if (Hc == 98 && Hp == 49) c.agrees("the shapes after the 3x3 convolution and after the 2x2 pooling", "(3, 98, 98) and (3, 49, 49)");

    // Footnote 1.
    const std::uint64_t in = 3ull * 1024 * 1024, weights = in * 1000, bytes = weights * 4;
    out << "\nFootnote 1: 3 x 1024 x 1024 = " << with_commas(in) << " inputs (the notes: 'parameters'); a dense map to "
        << "1000 dimensions has " << with_commas(weights) << " weights (+ 1,000 biases); at 4 bytes each, "
        << with_commas(bytes) << " bytes = " << dlc::fmt(double(bytes) / 1e9, 4) << " GB = "
        << dlc::fmt(double(bytes) / double(1ull << 30), 4) << " GiB.\n";
    c.set("footnote_inputs", in);
    c.set("footnote_weights", weights);
    c.set("footnote_bytes", bytes);
    c.agrees("footnote 1's inputs, weights and memory (the notes: about 3 million, 3 billion and 12GB)",
             with_commas(in) + ", " + with_commas(weights) + ", " + dlc::fmt(double(bytes) / 1e9, 4) + " GB");

    // §3.3: the PyTorch CNN. fc1 expects 16 * 5 * 5 features: which input size gives that?
    struct Layer {
        std::string name;
        std::uint64_t params;
    };
    std::size_t side = 32;
    std::vector<std::string> trace{"(3, 32, 32)"};
    side = side - 5 + 1;  // conv1 5x5
    trace.push_back("conv1 -> (6, " + std::to_string(side) + ", " + std::to_string(side) + ")");
    side /= 2;
    trace.push_back("pool -> (6, " + std::to_string(side) + ", " + std::to_string(side) + ")");
    side = side - 5 + 1;
    trace.push_back("conv2 -> (16, " + std::to_string(side) + ", " + std::to_string(side) + ")");
    side /= 2;
    trace.push_back("pool -> (16, " + std::to_string(side) + ", " + std::to_string(side) + ")");
    const std::vector<Layer> layers = {{"conv1 = Conv2d(3, 6, 5)", 3 * 6 * 25 + 6},
                                       {"conv2 = Conv2d(6, 16, 5)", 6 * 16 * 25 + 16},
                                       {"fc1 = Linear(16 * 5 * 5, 120)", 400 * 120 + 120},
                                       {"fc2 = Linear(120, 84)", 120 * 84 + 84},
                                       {"fc3 = Linear(84, 10)", 84 * 10 + 10}};
    std::uint64_t total = 0;
    dlc::TextTable lt({"layer", "parameters"});
    for (const auto& l : layers) {
        lt.row({l.name, with_commas(l.params)});
        total += l.params;
    }
    lt.row({"total", with_commas(total)});
    std::string path;
    for (const auto& s : trace) path += (path.empty() ? "" : ", ") + s;
    out << "\n§3.3: fc1 = Linear(16 * 5 * 5, 120) needs (16, 5, 5) after the second pooling, i.e. 32 x 32 inputs "
           "(CIFAR-10): "
        << path << ". (On 28 x 28 MNIST the same layers give (16, 4, 4).)\n" << lt.str();
    c.set("cnn_feature_size", 16 * side * side);
    c.set("cnn_parameters", total);
    c.note("the input size of the §3.3 network",
           "The PyTorch CNN of §3.3 (Conv2d(3, 6, 5), MaxPool2d(2, 2), Conv2d(6, 16, 5), Linear(16 * 5 * 5, 120), ...) "
           "does not say what it is applied to; 16 * 5 * 5 fits 3 x 32 x 32 images (CIFAR-10), not the 1 x 28 x 28 "
           "MNIST digits of §3.1, for which conv1 would need 1 input channel and fc1 16 * 4 * 4 inputs.");

    // §5.2.1: nn.RNN(10, 20, 2) on a sequence of 5 (PyTorch's layout: per layer W_ih, W_hh, b_ih, b_hh).
    const std::size_t input = 10, hidden = 20, layers_n = 2, seq = 5;
    nlohmann::json shapes = nlohmann::json::array();
    std::string shape_str;
    std::uint64_t rnn_params = 0;
    for (std::size_t l = 0; l < layers_n; ++l) {
        const std::size_t in_l = l == 0 ? input : hidden;
        for (const auto& s : std::vector<std::vector<std::size_t>>{{hidden, in_l}, {hidden, hidden}, {hidden}, {hidden}}) {
            shapes.push_back(s);
            std::uint64_t count = 1;
            std::string one;
            for (std::size_t v : s) count *= v, one += (one.empty() ? "" : ", ") + std::to_string(v);
            rnn_params += count;
            shape_str += (shape_str.empty() ? "[" : ", [") + one + "]";
        }
    }
    out << "\n§5.2.1: nn.RNN(10, 20, 2): h_t = tanh(W h_{t-1} + b_hW + U x_t + b_hU) in each layer; the weights are "
        << shape_str << " (" << rnn_params << " numbers); input (5, 10) and h0 (2, 20) give output (" << seq << ", "
        << hidden << ") and h_n (" << layers_n << ", " << hidden << ").\n";
    c.set("rnn_weight_shapes", shapes);
    c.set("rnn_parameters", rnn_params);
    c.set("rnn_output_shape", {seq, hidden});
    c.set("rnn_hn_shape", {layers_n, hidden});
    c.agrees("the eight weight shapes of nn.RNN(10, 20, 2)", shape_str);
    c.note("the code of §5.2.1",
           "The printed list comprehension, [weight.data.size() for weight in rnn.all_weights for weight in weights], "
           "names 'weights' before it exists and raises NameError as written; the intended line is [w.size() for "
           "weights in rnn.all_weights for w in weights] (tests/fixtures/make_bahng_rnn_fixture.py runs both). The text "
           "also says the two biases 'will just cancel out': they add, b_hW + b_hU, and only their sum matters (one of "
           "them is redundant).");

    // §9.1, Examples 9.2-9.3: parameter counts.
    dlc::TextTable pt({"K", "M", "general joint K^M - 1", "no links M (K - 1)", "chain (formula)", "chain (rank of the map)"});
    nlohmann::json counts = nlohmann::json::array();
    bool chain_ok = true;
    for (const auto& [Ks, Ms] : std::vector<std::pair<std::size_t, std::size_t>>{{2, 3}, {3, 3}, {3, 4}, {4, 3}}) {
        std::uint64_t full = 1;
        for (std::size_t m = 0; m < Ms; ++m) full *= Ks;
        full -= 1;
        const std::uint64_t none = Ms * (Ks - 1), chain = (Ks - 1) + (Ms - 1) * (Ks - 1) * Ks;
        // The number of free parameters that actually matter: the rank of the Jacobian of the joint distribution
        // with respect to the chain's free parameters, at a random interior point.
        std::vector<double> free(chain);
        for (auto& v : free) v = 0.5 / double(Ks) + 0.3 / double(Ks) * c.rng().uniform();
        const auto base = chain_joint(free, Ks, Ms);
        dlc::Matrix<double> J = dlc::Matrix<double>::from_shape({base.size(), free.size()});
        for (std::size_t j = 0; j < free.size(); ++j) {
            auto a = free, b = free;
            a[j] += 1e-6, b[j] -= 1e-6;
            const auto pa = chain_joint(a, Ks, Ms), pb = chain_joint(b, Ks, Ms);
            for (std::size_t i = 0; i < base.size(); ++i) J(i, j) = (pa[i] - pb[i]) / 2e-6;
        }
        const auto sv = std::get<1>(xt::linalg::svd(J, false));
        std::size_t rank = 0;
        for (double s : sv) rank += s > 1e-8 * sv(0);
        chain_ok = chain_ok && rank == chain;
        pt.row({std::to_string(Ks), std::to_string(Ms), std::to_string(full), std::to_string(none), std::to_string(chain),
                std::to_string(rank)});
        counts.push_back({{"K", Ks}, {"M", Ms}, {"full", full}, {"independent", none}, {"chain", chain}, {"chain_rank", rank}});
    }
    out << "\n§9.1: parameter counts. The chain's count is checked by building p(x_1) and the tables p(x_i | x_{i-1}) "
           "from K - 1 + (M - 1) K (K - 1) free numbers and taking the rank of the Jacobian of the joint distribution "
           "with respect to them (every one of them matters when the rank equals their number):\n"
        << pt.str();
    c.set("parameter_counts", counts);
    if (chain_ok)
        c.agrees("the number of parameters of an M-node Markov chain over K states (Example 9.3)",
                 "K - 1 + (M - 1)(K - 1) K, the rank of its parametrization for every (K, M) tried");
}

}  // namespace backprop_lecture
