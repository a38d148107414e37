// Q1: k-means as a neural network. The network exactly as the homework builds it in PyTorch: one parameter, the
// centres C (10 x 784); ten neurons x C_i^T - 1/2 ||C_i||^2; x 20; softmax; the reconstruction s C; the error
// x - x0 returned; the mean-squared loss against zeros. Its winner is the nearest centre (ECE/CS 559 L17/18).
#include "cases.hpp"

#include "cluster/init.hpp"
#include "cluster/kmeans.hpp"
#include "cluster/kmeans_network.hpp"
#include "report/table.hpp"

namespace hw7 {

void hw7_q1_network(dlc::Case& c) {
    auto& out = c.out();
    const Digits& d = load_digits(c);
    dlc::KMeansNetwork<float> net(first_image_of_each_digit(d), sharpness);
    out << "The network (lib/cluster/kmeans_network.hpp), on a batch X (b, 784) of flattened images x0:\n"
           "  parameter   C (10 x 784), the centres                          "
        << net.centres().size() << " numbers\n"
           "  neurons     V = X C^T - 1/2 ||C_i||^2                         (b, 10)\n"
           "  softmax     S = softmax(20 V)                                  (b, 10)\n"
           "  recon.      R = S C  (a 1-D tensor is a row: multiply from the right)  (b, 784)\n"
           "  returned    E = R - X0, the reconstruction error               (b, 784)\n"
           "  loss        MSELoss(E, 0) = (1/(b 784)) sum E^2  (PyTorch's default reduction: the mean over every element)\n";

    // One forward pass on the first batch, with both reductions of the loss.
    const dlc::Matrix<float> batch = xt::view(d.train, xt::range(0, batch_size), xt::all());
    net.forward(batch);
    const double L_elements = net.loss(dlc::MseReduction::elements), L_batch = net.loss(dlc::MseReduction::batch);
    out << "On the first " << batch_size << " training images (centres: the first image of each digit, part (b)):\n"
        << "  MSELoss() = mean over the 64 x 784 entries = " << dlc::fmt(L_elements, 6)
        << ";  the squared error per image (mean over the batch only) = " << dlc::fmt(L_batch, 6) << " = 784 x "
        << dlc::fmt(L_elements, 6) << ".\n";
    double mean_top = 0;
    const auto& S = net.soft_assignments();
    for (std::size_t n = 0; n < S.shape(0); ++n) mean_top += double(xt::amax(xt::row(S, n))());
    mean_top /= double(S.shape(0));
    out << "  The softmax of 20 V is nearly one-hot: its largest entry averages " << dlc::fmt(mean_top, 6)
        << " over the batch.\n";

    // The winner of the network is the nearest centre: argmax_i (x C_i^T - 1/2 ||C_i||^2) = argmin_i ||x - C_i||^2,
    // since ||x - C_i||^2 = ||x||^2 - 2 (x C_i^T - 1/2 ||C_i||^2). Random check: random centres, the test images.
    std::size_t agree = 0, trials = 0;
    const std::size_t draws = c.quick() ? 3 : 10;
    for (std::size_t t = 0; t < draws; ++t) {
        const dlc::Matrix<float> C = dlc::random_points_init(d.train, k_clusters, c.rng());
        dlc::KMeansNetwork<float> random_net(C, sharpness);
        const dlc::Labels by_network = random_net.assign(d.test);
        const dlc::Labels by_distance = dlc::assign(d.test, C);
        for (std::size_t n = 0; n < d.test.shape(0); ++n) agree += by_network(n) == by_distance(n);
        trials += d.test.shape(0);
    }
    out << "Random check, " << draws << " sets of 10 centres drawn among the training images, every test image: the "
        << "network's winner argmax_i V_i equals the nearest centre argmin_i ||x - C_i||^2 for " << agree << " of "
        << trials << " images (||x - C_i||^2 = ||x||^2 - 2 V_i).\n";

    c.set("parameter_count", net.centres().size());
    c.set("centres_shape", {net.clusters(), net.dim()});
    c.set("loss_mse_default", L_elements);
    c.set("loss_per_image", L_batch);
    c.set("loss_ratio", L_batch / L_elements);
    c.set("softmax_top_mean", mean_top);
    c.set("argmax_checks", trials);
    c.set("argmax_equals_nearest", agree);
}

}  // namespace hw7
