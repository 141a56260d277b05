#include "dyad/date.h"

#include <gtest/gtest.h>

namespace dyad {
namespace {

TEST(Date, ToStringByPrecision) {
  EXPECT_EQ(Date::Day(2019, 11, 4).ToString(), "2019-11-04");
  EXPECT_EQ(Date::Month(2015, 3).ToString(), "2015-03");
  EXPECT_EQ(Date::Year(2016).ToString(), "2016");
  EXPECT_EQ(Date().ToString(), "");
}

TEST(Date, EpochRoundTrip) {
  EXPECT_EQ(Date::Day(1970, 1, 1).DaysSinceEpoch(), 0);
  EXPECT_EQ(Date::Day(2000, 3, 1).DaysSinceEpoch(), 11017);
  for (long d = -700000; d < 2900000; d += 997) {
    Date x = Date::FromDaysSinceEpoch(d);
    ASSERT_TRUE(IsValidDay(x.year, x.month, x.day)) << d;
    ASSERT_EQ(x.DaysSinceEpoch(), d);
  }
}

TEST(Date, MonthNumber) {
  EXPECT_EQ(MonthNumber("january"), 1);
  EXPECT_EQ(MonthNumber("may"), 5);
  EXPECT_EQ(MonthNumber("jun"), 6);
  EXPECT_EQ(MonthNumber("jun."), 6);
  EXPECT_EQ(MonthNumber("sept"), 9);
  EXPECT_EQ(MonthNumber("sept."), 9);
  EXPECT_EQ(MonthNumber("dec"), 12);
  EXPECT_EQ(MonthNumber("june."), 0);  // a full name takes no period
  EXPECT_EQ(MonthNumber("ju"), 0);
  EXPECT_EQ(MonthNumber("mayor"), 0);
  EXPECT_EQ(MonthNumber("June"), 0);  // lower case only
  EXPECT_EQ(MonthNumber(""), 0);
  EXPECT_EQ(MonthNumber("."), 0);
}

TEST(Date, DayOfWeek) {
  EXPECT_EQ(DayOfWeek(Date::Day(2026, 11, 22)), 0);  // a Sunday
  EXPECT_EQ(DayOfWeek(Date::Day(2011, 12, 31)), 6);  // a Saturday
}

TEST(Date, Parse) {
  EXPECT_EQ(Date::Parse("2019-11-04"), Date::Day(2019, 11, 4));
  EXPECT_EQ(Date::Parse("20120101"), Date::Day(2012, 1, 1));
  EXPECT_EQ(Date::Parse("2015-03"), Date::Month(2015, 3));
  EXPECT_EQ(Date::Parse("2016"), Date::Year(2016));
  EXPECT_FALSE(Date::Parse("2019-02-29").has_value());
  EXPECT_FALSE(Date::Parse("2019-13-01").has_value());
  EXPECT_FALSE(Date::Parse("abcd").has_value());
  EXPECT_FALSE(Date::Parse("").has_value());
}

}  // namespace
}  // namespace dyad
