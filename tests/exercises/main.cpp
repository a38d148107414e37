// The exercise tests' runner (homework as code): Boost.Test's compiled library supplies main().
#define BOOST_TEST_MODULE dlc_exercises
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
