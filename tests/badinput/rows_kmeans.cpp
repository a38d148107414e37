// Rows particular to the k-means lecture (an example of a program's own rows: BADINPUT_ROWS(<program>)).
#include "inventory.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace badinput {

namespace {

// A sparse file of `size` bytes starting with `head` (the rest reads as zeros and takes no disk space).
void sparse_file(const fs::path& path, const std::string& head, std::uint64_t size) {
    write_file(path, head);
    if (::truncate(path.c_str(), static_cast<off_t>(size)) != 0) throw std::runtime_error("truncate " + path.string());
}

}  // namespace

BADINPUT_ROWS(kmeans) {
    const std::string exe = ctx.program("kmeans").string();
    {
        // 5 000 000 images of 28 x 28 (3.9 GB of pixels) under a 1.5 GiB memory limit, without --quick: the case
        // fails with a message naming the file and the bytes it needs; the run does not die.
        Row r;
        r.surface = "image data";
        r.subject = "kmeans mnist_centres";
        r.input = "5 000 000 images (3.9 GB) under a 1.5 GiB memory limit";
        const fs::path dir = ctx.fresh("kmeans-huge");
        r.argv = {exe, "--case", "mnist_centres", "--data", dir.string(), "--out", dir.string() + "-out"};
        r.expect = Outcome::case_failed;
        r.message = "not enough memory for";
        r.memory_limit = std::uint64_t(3) << 29;
        r.setup = [dir] {
            write_image_set(dir);
            const std::uint32_t n = 5000000;
            sparse_file(dir / train_images, idx_header(0x803, {n, 28, 28}), 16 + std::uint64_t(n) * 784);
            sparse_file(dir / train_labels, idx_header(0x801, {n}), 8 + std::uint64_t(n));
            return std::shared_ptr<void>();
        };
        rows.push_back(std::move(r));
    }
    {
        // Fashion-MNIST from the Debian package: a valid choice (when the package is installed).
        if (fs::exists("/usr/share/datasets/fashion-mnist")) {
            Row r;
            r.surface = "image data";
            r.subject = "kmeans mnist_centres";
            r.input = "--data fashion";
            const fs::path out = ctx.fresh("kmeans-fashion");
            r.argv = {exe, "--quick", "--case", "mnist_centres", "--data", "fashion", "--out", out.string()};
            r.expect = Outcome::handled;
            r.message = "Fashion-MNIST training images";
            rows.push_back(std::move(r));
        }
    }
}

}  // namespace badinput
