// The test runner's entry point: Boost.Test's compiled library supplies main().
#define BOOST_TEST_MODULE dlc
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
