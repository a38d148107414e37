// HW7 as code: each function's checks against the library (lib/cluster/kmeans_network's forward, loss and backward;
// lib/nn/conv_transpose2d's output size), with the typical mistakes they diagnose. The wrong variants the self-test
// runs are in wrong.cpp.
#include "hw7/checks.hpp"

#include "cluster/kmeans_network.hpp"
#include "hw7/hints.hpp"
#include "nn/conv_transpose2d.hpp"
#include "report/table.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include <string>
#include <vector>

namespace hw7_exercise {

namespace {

using dlc::exercise::Checker;
using dlc::exercise::Mistake;
using dlc::exercise::show;

// The fixed inputs: HW7's beta = 20 on a batch of 3 images of 2 pixels and 2 centres, and beta = 5 on 4 images of
// 3 pixels and 3 centres (a hard-coded beta, k or d is caught). The numbers keep the softmax soft.
struct Case {
    Tensor X, C;
    double beta;
};

std::vector<Case> cases() {
    return {{Tensor{{0.2, 0.5}, {0.6, 0.1}, {0.4, 0.4}}, Tensor{{0.3, 0.4}, {0.5, 0.2}}, 20.0},
            {Tensor{{1.0, 0.0, 0.5}, {0.0, 1.0, 1.0}, {0.5, 0.5, 0.0}, {1.0, 1.0, 1.0}},
             Tensor{{0.8, 0.1, 0.4}, {0.2, 0.9, 0.7}, {0.5, 0.5, 0.5}}, 5.0}};
}

std::string describe(const Case& k) { return "X = " + show(k.X) + ", C = " + show(k.C); }

// The library's network on one batch: V, S, R = E + X, E, the loss and dL/dC with MSELoss's mean (Z = b d) and, for
// the diagnosis, with the mean over the batch only (Z = b).
struct Pass {
    Tensor V, S, R, E;
    double L = 0;
    Tensor grad, grad_batch;
};

Pass library_pass(const Tensor& X, const Tensor& C, double beta) {
    dlc::KMeansNetwork<double> net{dlc::Matrix<double>(C), beta};
    const dlc::Matrix<double> Xm(X);
    Pass p;
    p.E = net.forward(Xm);
    p.V = net.fields();
    p.S = net.soft_assignments();
    p.R = p.E + X;
    p.L = net.loss(dlc::MseReduction::elements);
    p.grad = net.backward(dlc::MseReduction::elements);
    p.grad_batch = net.backward(dlc::MseReduction::batch);
    return p;
}

Tensor softmax_rows(const Tensor& M) {
    const Tensor e = xt::exp(M);
    const Tensor z = xt::sum(e, {1}, xt::keep_dims);  // evaluated first: xtensor 0.24 broadcasts a lazy keep_dims sum wrongly
    return e / z;
}

Tensor one_hot_argmax(const Tensor& V) {
    Tensor S = xt::zeros_like(V);
    for (std::size_t n = 0; n < V.shape(0); ++n) {
        std::size_t best = 0;
        for (std::size_t i = 1; i < V.shape(1); ++i)
            if (V(n, i) > V(n, best)) best = i;
        S(n, best) = 1.0;
    }
    return S;
}

// The pieces of the backward pass the diagnoses need: S^T G_E (the path through R) and G_V without beta.
struct Pieces {
    Tensor through_R, G_V_without_beta;
};

Pieces pieces(const Tensor& X, const Tensor& C, const Pass& p) {
    const double Z = double(X.size());
    const Tensor G_E = 2.0 / Z * p.E;
    const Tensor G_S = xt::linalg::dot(G_E, xt::transpose(C));
    const Tensor dot = xt::sum(G_S * p.S, {1}, xt::keep_dims);
    return {xt::linalg::dot(xt::transpose(p.S), G_E), p.S * (G_S - dot)};
}

Tensor through_V(const Tensor& X, const Tensor& C, const Tensor& G_V, bool minus_C = true) {
    Tensor g = xt::linalg::dot(xt::transpose(G_V), X);
    if (minus_C) g -= xt::view(xt::sum(G_V, {0}), xt::all(), xt::newaxis()) * C;
    return g;
}

void check_fields(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        c.input(describe(k));
        const Tensor XC = xt::linalg::dot(k.X, xt::transpose(k.C));
        const Tensor norms = xt::sum(k.C * k.C, {1});  // ||C_i||^2, broadcast along the rows
        const Tensor x_norms = xt::sum(k.X * k.X, {1}, xt::keep_dims);
        c.close("V", library_pass(k.X, k.C, k.beta).V, f.fields(k.X, k.C),
                {{hints::fields_half_norm, XC},
                 {hints::fields_factor, XC - norms},
                 {hints::fields_sign, XC + 0.5 * norms},
                 {hints::fields_distance, XC - 0.5 * norms - 0.5 * x_norms},
                 {hints::fields_transposed, xt::transpose(XC - 0.5 * norms)}},
                hints::fields_other);
    }
}

void check_soft_assignments(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        const Pass p = library_pass(k.X, k.C, k.beta);
        c.input("V = " + show(p.V) + " (the fields of " + describe(k) + "), beta = " + dlc::fmt(k.beta));
        c.close("S", p.S, f.soft_assignments(p.V, k.beta),
                {{hints::soft_beta, softmax_rows(p.V)},
                 {hints::soft_axis, xt::transpose(softmax_rows(xt::transpose(k.beta * p.V)))},
                 {hints::soft_argmax, one_hot_argmax(p.V)}},
                hints::soft_other);
    }
}

void check_reconstruction(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        const Pass p = library_pass(k.X, k.C, k.beta);
        c.input("S = " + show(p.S) + " (the soft assignments of " + describe(k) + ", beta = " + dlc::fmt(k.beta) +
                "), C = " + show(k.C));
        c.close("R", p.R, f.reconstruction(p.S, k.C),
                {{hints::recon_hard, xt::linalg::dot(one_hot_argmax(p.S), k.C)},
                 {hints::recon_transposed, xt::transpose(p.R)}},
                hints::recon_other);
    }
}

void check_mse_loss(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        const Pass p = library_pass(k.X, k.C, k.beta);
        c.input("E = " + show(p.E) + " (the error R - X of " + describe(k) + ", beta = " + dlc::fmt(k.beta) + ")");
        const double sum = xt::sum(p.E * p.E)();
        c.close("L", p.L, f.mse_loss(p.E),
                {{hints::loss_batch, sum / double(p.E.shape(0))},
                 {hints::loss_sum, sum},
                 {hints::loss_half, 0.5 * p.L}},
                hints::loss_other);
    }
}

void check_grad_centres(Checker& c, const Functions& f) {
    for (const Case& k : cases()) {
        c.input(describe(k) + ", beta = " + dlc::fmt(k.beta));
        const Pass p = library_pass(k.X, k.C, k.beta);
        const Pieces q = pieces(k.X, k.C, p);
        c.close("dL/dC", p.grad, f.grad_centres(k.X, k.C, k.beta),
                {{hints::grad_S_constant, q.through_R},
                 {hints::grad_batch, p.grad_batch},
                 {hints::grad_beta, q.through_R + through_V(k.X, k.C, q.G_V_without_beta)},
                 {hints::grad_minus_C, q.through_R + through_V(k.X, k.C, k.beta * q.G_V_without_beta, false)},
                 {hints::grad_sign, -p.grad}},
                hints::grad_other);
    }
}

void check_conv_transpose_output_size(Checker& c, const Functions& f) {
    struct Layer {
        long in, kernel, stride, padding, output_padding;
    };
    // HW7's two decoder layers (12 -> 27 -> 28), and two others.
    for (const Layer& l : {Layer{12, 4, 2, 0, 1}, Layer{27, 4, 1, 1, 0}, Layer{6, 3, 2, 1, 1}, Layer{7, 5, 3, 2, 0}}) {
        c.input("in = " + std::to_string(l.in) + ", kernel = " + std::to_string(l.kernel) + ", stride = " +
                std::to_string(l.stride) + ", padding = " + std::to_string(l.padding) + ", output_padding = " +
                std::to_string(l.output_padding));
        dlc::ConvTransposeOptions opt;
        opt.stride = std::size_t(l.stride), opt.padding = std::size_t(l.padding),
        opt.output_padding = std::size_t(l.output_padding);
        const long want = dlc::conv_transpose2d_output_size(std::size_t(l.in), std::size_t(l.kernel), opt);
        const long got = f.conv_transpose_output_size(l.in, l.kernel, l.stride, l.padding, l.output_padding);
        c.close("out", double(want), double(got),
                {{hints::convt_conv, Tensor(double((l.in + 2 * l.padding - l.kernel) / l.stride + 1))},
                 {hints::convt_output_padding, Tensor(double(want - l.output_padding))},
                 {hints::convt_padding_sign, Tensor(double(want + 4 * l.padding))},
                 {hints::convt_in_stride, Tensor(double(want + l.stride))}},
                hints::convt_other);
    }
}

}  // namespace

dlc::exercise::Set checks(const Functions& f) {
    dlc::exercise::Set set;
    set.name = "hw7";
    set.title = "HW7 as code: the k-means network's forward pass and its gradient in C (Q1), a transposed "
                "convolution's output size (Q2)";
    set.functions = {
        {"fields", "V = X C^T - 1/2 ||C_i||^2, (b, k) (HW7 Q1)", [f](Checker& c) { check_fields(c, f); }},
        {"soft_assignments", "S = softmax(beta V) along each row (HW7 Q1)",
         [f](Checker& c) { check_soft_assignments(c, f); }},
        {"reconstruction", "R = S C (HW7 Q1)", [f](Checker& c) { check_reconstruction(c, f); }},
        {"mse_loss", "L = 1/(b d) sum_{n,j} E(n, j)^2, MSELoss()'s mean (HW7 Q1)",
         [f](Checker& c) { check_mse_loss(c, f); }},
        {"grad_centres",
         "dL/dC = S^T G_E + G_V^T X - diag(colsum(G_V)) C, G_E = 2/(b d) E, G_S = G_E C^T, "
         "G_V = beta S * (G_S - rowsum(G_S * S)) (HW7 Q1)",
         [f](Checker& c) { check_grad_centres(c, f); }},
        {"conv_transpose_output_size", "out = (in - 1) stride - 2 padding + kernel + output_padding (HW7 Q2)",
         [f](Checker& c) { check_conv_transpose_output_size(c, f); }},
    };
    return set;
}

Functions reference() {
    Functions r;
    r.fields = [](const Tensor& X, const Tensor& C) { return library_pass(X, C, 20.0).V; };
    // The network's soft assignments for fields V: the batch X = V with the centres C = I (k, k) has the fields
    // V - 1/2 (every ||C_i||^2 is 1), a shift the softmax ignores.
    r.soft_assignments = [](const Tensor& V, double beta) {
        const Tensor I = xt::eye<double>(V.shape(1));
        return library_pass(V, I, beta).S;
    };
    r.reconstruction = [](const Tensor& S, const Tensor& C) { return Tensor(xt::linalg::dot(S, C)); };
    r.mse_loss = [](const Tensor& E) {
        // The network's loss of a batch whose error is E: X = -E with one centre C = 0 gives R = 0, E = -X.
        dlc::KMeansNetwork<double> net{dlc::Matrix<double>(xt::zeros<double>({std::size_t(1), E.shape(1)})), 1.0};
        net.forward(dlc::Matrix<double>(-E));
        return net.loss(dlc::MseReduction::elements);
    };
    r.grad_centres = [](const Tensor& X, const Tensor& C, double beta) { return library_pass(X, C, beta).grad; };
    r.conv_transpose_output_size = [](long in, long kernel, long stride, long padding, long output_padding) {
        dlc::ConvTransposeOptions opt;
        opt.stride = std::size_t(stride), opt.padding = std::size_t(padding),
        opt.output_padding = std::size_t(output_padding);
        return dlc::conv_transpose2d_output_size(std::size_t(in), std::size_t(kernel), opt);
    };
    return r;
}

}  // namespace hw7_exercise
