// Rows particular to the VAE lecture: its other image-reading cases (programs.cpp runs every image-data row on
// vae_mnist) on the inputs where they behave differently - images that are not 28 x 28, and data without variance.
#include "inventory.hpp"

namespace badinput {

namespace {

// Every train image black (the pixels of a valid set of 240 + 60 images set to 0).
void black_train_images(const fs::path& dir) {
    write_image_set(dir);
    std::string s = read_bytes(dir / train_images);
    s.replace(16, std::string::npos, s.size() - 16, '\0');
    write_file(dir / train_images, s);
}

}  // namespace

BADINPUT_ROWS(vae) {
    const std::string exe = ctx.program("vae").string();
    // 1 x 1 images: each case that builds 28 x 28 networks or figures refuses them with the same message.
    for (const char* case_id : {"linear_ae_pca", "gaussian_autoencoder_l20", "conditional_vae"}) {
        Row r;
        r.surface = "image data";
        r.subject = std::string("vae ") + case_id;
        r.input = "1 x 1 pixel images";
        const fs::path dir = ctx.fresh(std::string("vae-1x1-") + case_id);
        r.argv = {exe, "--quick", "--case", case_id, "--data", dir.string(), "--out", dir.string() + "-out"};
        r.expect = Outcome::case_failed;
        r.message = "expected 28 x 28 images (MNIST or Fashion-MNIST), got 1 x 1";
        r.setup = [dir] {
            write_image_set(dir, {240, 60, 1, 1});
            return std::shared_ptr<void>();
        };
        rows.push_back(std::move(r));
    }
    // Every training image black: the covariance is 0, so the linear autoencoder has no step size (eta = 0.25 / lambda_1)
    // and PCA no subspace; the case says so. The VAE cases train on it (vae_mnist is in the generic rows).
    {
        Row r;
        r.surface = "image data";
        r.subject = "vae linear_ae_pca";
        r.input = "every training pixel black";
        const fs::path dir = ctx.fresh("vae-black");
        r.argv = {exe, "--quick", "--case", "linear_ae_pca", "--data", dir.string(), "--out", dir.string() + "-out"};
        r.expect = Outcome::case_failed;
        r.message = "C must have a positive eigenvalue";
        r.setup = [dir] {
            black_train_images(dir);
            return std::shared_ptr<void>();
        };
        rows.push_back(std::move(r));
    }
}

}  // namespace badinput
