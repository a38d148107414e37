// "Attention operation is permutation equivariant" (NYU slides, Positional encoding): for any permutation pi of the
// tokens, SelfAttention(pi X) = pi SelfAttention(X) — shown numerically with a random multi-head attention and a whole
// transformer block; adding positions (PE_t added to x_t before attention) or a causal mask breaks it.
#include "cases.hpp"
#include "common.hpp"

#include "attention/block.hpp"
#include "attention/positional.hpp"
#include "report/table.hpp"

namespace attention_lecture {

namespace {

using dlc::Tensor;

// Rows of X (1, T, d) permuted: row t of the result is row perm[t] of X.
Tensor<double> permute(const Tensor<double>& X, const std::vector<std::size_t>& perm) {
    Tensor<double> Y = X;
    const std::size_t d = X.shape(2);
    for (std::size_t t = 0; t < perm.size(); ++t)
        for (std::size_t j = 0; j < d; ++j) Y(0, t, j) = X(0, perm[t], j);
    return Y;
}

}  // namespace

void permutation_equivariance(dlc::Case& c) {
    auto& out = c.out();
    const std::size_t T = 6, d = 8;
    Tensor<double> X = Tensor<double>::from_shape({std::size_t{1}, T, d});
    for (auto& v : X) v = c.rng().normal();
    const Tensor<double> PE = dlc::sinusoidal_encoding<double>(T, d);
    Tensor<double> Xpos = X;
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t j = 0; j < d; ++j) Xpos(0, t, j) += PE(t, j);
    const std::vector<std::size_t> perm{3, 0, 5, 1, 4, 2};
    out << "A random sequence X of T = 6 tokens (d = 8), the permutation pi = (3, 0, 5, 1, 4, 2) (row t of pi X is row "
           "pi(t) of X), a multi-head self-attention (2 heads, random W^Q, W^K, W^V, W^O, biases) and a post-LN "
           "transformer block. Equivariance means f(pi X) = pi f(X):\n";

    dlc::MultiHeadAttention<double> mha(d, 2, c.rng());
    dlc::BlockConfig bc;
    bc.d = d;
    bc.heads = 2;
    bc.d_ff = 16;
    dlc::TransformerBlock<double> block(bc, c.rng());
    dlc::TextTable table({"f", "input", "max |f(pi X) - pi f(X)|", "equivariant"});
    nlohmann::json res = nlohmann::json::object();
    auto check = [&](const std::string& name, const std::string& input, const Tensor<double>& in, auto&& f) {
        const Tensor<double> a = f(permute(in, perm));
        const Tensor<double> b = permute(f(in), perm);
        const double e = max_diff(a, b);
        const bool eq = e < 1e-12;
        table.row({name, input, dlc::fmt(e, 3), eq ? "yes" : "no"});
        res[name + ", " + input] = e;
        return e;
    };
    auto attention = [&](const Tensor<double>& in) { return Tensor<double>(mha.forward(in, dlc::AttentionMask{})); };
    auto causal = [&](const Tensor<double>& in) { return Tensor<double>(mha.forward(in, dlc::causal_mask())); };
    auto blk = [&](const Tensor<double>& in) { return Tensor<double>(block.forward(in)); };
    // With positions, the permutation moves the tokens but each keeps the position of its new slot:
    // f(pi X + PE) against pi f(X + PE).
    auto attention_pos = [&](const Tensor<double>& in) {
        Tensor<double> z = in;
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < d; ++j) z(0, t, j) += PE(t, j);
        return Tensor<double>(mha.forward(z, dlc::AttentionMask{}));
    };
    const double e_att = check("self-attention", "X", X, attention);
    const double e_blk = check("transformer block", "X", X, blk);
    const double e_pos = check("self-attention", "X + PE", X, attention_pos);
    const double e_causal = check("causal self-attention", "X", X, causal);
    out << table.str()
        << "Without positions the outputs are the same rows in the permuted order (differences at rounding level): the\n"
           "attention weights alpha_{t,t'} depend on the contents of x_t and x_t' only, and the sum over t' ignores order.\n"
           "With PE_t added, or with the causal mask (which depends on t' <= t), the order matters.\n";
    c.set("max_differences", res);
    c.set("equivariant_without_positions", e_att < 1e-12 && e_blk < 1e-12);
    c.set("equivariant_with_positions", e_pos < 1e-12);
    c.set("equivariant_with_causal_mask", e_causal < 1e-12);
}

}  // namespace attention_lecture
