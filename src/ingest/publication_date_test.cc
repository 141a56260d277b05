#include <gtest/gtest.h>

#include "dyad/ingest.h"

namespace dyad {
namespace {

struct Case {
  const char* input;
  const char* want;  // Date::ToString(), "" for unknown
  DatePrecision precision;
};

class PublicationDateTest : public ::testing::TestWithParam<Case> {};

TEST_P(PublicationDateTest, Parses) {
  const Case& c = GetParam();
  Date d = ParsePublicationDate(c.input);
  EXPECT_EQ(d.ToString(), c.want) << "input: " << c.input;
  EXPECT_EQ(d.precision, c.precision) << "input: " << c.input;
}

constexpr auto kDay = DatePrecision::kDay;
constexpr auto kMonth = DatePrecision::kMonth;
constexpr auto kYear = DatePrecision::kYear;
constexpr auto kNone = DatePrecision::kUnknown;

INSTANTIATE_TEST_SUITE_P(
    Forms, PublicationDateTest,
    ::testing::Values(
        // Reuters corpus metadata: the date as written, time zone ignored.
        Case{"Sat Dec 31, 2011 10:07pm EST", "2011-12-31", kDay},
        Case{"2021-10-18T16:15:00-07:00", "2021-10-18", kDay},
        Case{"2021-10-18T23:15:00Z", "2021-10-18", kDay},
        Case{"2019-11-04 10:30:00", "2019-11-04", kDay}, Case{"20120101", "2012-01-01", kDay},
        Case{"2019/11/04", "2019-11-04", kDay}, Case{"2019.11.04", "2019-11-04", kDay},
        Case{"Published: 2019-11-04", "2019-11-04", kDay},
        Case{"Tuesday, March 3, 2015", "2015-03-03", kDay},
        Case{"Jun 12, 2018", "2018-06-12", kDay},
        Case{"June 12, 2018 at 3:45 p.m. EDT", "2018-06-12", kDay},
        Case{"12 June 2018", "2018-06-12", kDay}, Case{"3rd of March 2015", "2015-03-03", kDay},
        Case{"Sept. 9, 2014", "2014-09-09", kDay},
        Case{"Tue, 03 Mar 2015 10:00:00 +0000", "2015-03-03", kDay},
        Case{"12 June 2018 10:30 GMT+1", "2018-06-12", kDay},
        Case{"1546300800", "2019-01-01", kDay},     // Unix seconds
        Case{"1546300800000", "2019-01-01", kDay},  // Unix milliseconds
        Case{"25/12/2016", "2016-12-25", kDay},     // day > 12: unambiguous
        // Less than a day: the precision says so.
        Case{"March 2015", "2015-03", kMonth}, Case{"2015-03", "2015-03", kMonth},
        Case{"2015", "2015", kYear},
        Case{"03/04/2015", "2015", kYear},  // US or European order: only the year is sure
        // Never invented.
        Case{"Jun 12", "", kNone}, Case{"", "", kNone}, Case{"yesterday", "", kNone},
        Case{"On May 8, 2017, Iran said", "", kNone},  // a sentence is not a date
        Case{"February 30, 2015", "", kNone}, Case{"2015-13-01", "", kNone},
        Case{"Talks to resume on Jun 12", "", kNone}, Case{"12345", "", kNone}));

}  // namespace
}  // namespace dyad
