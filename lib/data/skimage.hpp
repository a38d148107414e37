/// \file
/// \brief scikit-image's sample photographs and textures (astronaut, chelsea, coffee, camera; brick,
/// grass, gravel), fetched on first use from Debian's `python3-skimage` package without installing it.
///
/// `skimage_image(name)` looks in `skimage_dir()`; if the file is missing it runs
/// `datasets/fetch_skimage.sh` (unless `$DLC_NO_FETCH` is set), which downloads the package with
/// `apt-get download` into a temporary folder, unpacks it with `dpkg-deb -x`, copies the seven PNGs and
/// checks each one's SHA-256. The script is started without a shell interpreting any string
/// (fork/exec with an argument vector). See `datasets/README.md` for the images' sizes, checksums and
/// licences (public domain and CC0). (scikit-image's `rocket` is a JPEG, which this library does not
/// read.)
#pragma once

#include "core/tensor.hpp"
#include "image/png.hpp"

#include <string>
#include <vector>

namespace dlc {

/// \brief The folder holding the images: `datasets_dir()/skimage` (git-ignored).
std::string skimage_dir();

/// \brief The names of the images available: `astronaut`, `chelsea`, `coffee`, `camera`, `brick`,
/// `grass`, `gravel`.
const std::vector<std::string>& skimage_image_names();

/// \brief The path of image `name` (e.g. `"chelsea"`), fetching the images first if it is missing.
/// \throws ValueError for an unknown name; DataError if the image is missing and cannot be fetched
///         (offline, not a Debian system, `$DLC_NO_FETCH` set), saying how to obtain it.
std::string skimage_path(const std::string& name);

/// \brief Image `name` as a (C, H, W) tensor in [0, 1] (`read_png` of `skimage_path(name)`).
/// \throws as `skimage_path` and `read_png`.
Tensor3<float> skimage_image(const std::string& name, PngChannels channels = PngChannels::as_stored);

}  // namespace dlc
