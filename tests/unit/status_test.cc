#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "vanban/status.h"

namespace vanban {
namespace {

StatusOr<int> Parse(const std::string& s) {
  if (s.empty()) return Status::InvalidArgument("empty");
  return std::stoi(s);
}

Status Double(const std::string& s, int* out) {
  VANBAN_ASSIGN_OR_RETURN(const int v, Parse(s));
  *out = 2 * v;
  return Status::Ok();
}

Status FirstError(const Status& a, const Status& b) {
  VANBAN_RETURN_IF_ERROR(a);
  VANBAN_RETURN_IF_ERROR(b);
  return Status::Ok();
}

TEST(StatusOr, BuiltFromAnOkStatusHoldsAnInternalError) {
  // A bug in the caller, in every build type: ok() must not claim a value that is not there.
  const StatusOr<int> broken(Status::Ok());
  EXPECT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kInternal);
  EXPECT_NE(broken.status().message().find("OK Status"), std::string::npos);
}

TEST(StatusOr, HoldsAValueOrAnError) {
  const StatusOr<int> value(7);
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, 7);
  const StatusOr<int> error(Status::NotFound("x"));
  EXPECT_FALSE(error.ok());
  EXPECT_EQ(error.status().code(), StatusCode::kNotFound);
}

TEST(StatusOr, MovesOutMoveOnlyValues) {
  StatusOr<std::unique_ptr<int>> p(std::make_unique<int>(3));
  std::unique_ptr<int> taken = std::move(p).value();
  EXPECT_EQ(*taken, 3);
}

TEST(StatusOrDeathTest, ValueOfAnErrorAbortsWithTheStatus) {
  const StatusOr<int> error(Status::Corrupt("bad bytes"));
  EXPECT_DEATH((void)error.value(), "corrupt: bad bytes");
}

TEST(StatusMacros, AssignOrReturnPassesValuesAndErrors) {
  int out = 0;
  EXPECT_TRUE(Double("21", &out).ok());
  EXPECT_EQ(out, 42);
  const Status s = Double("", &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "empty");
}

TEST(StatusMacros, ReturnIfErrorReturnsTheFirstError) {
  EXPECT_TRUE(FirstError(Status::Ok(), Status::Ok()).ok());
  EXPECT_EQ(FirstError(Status::NotFound("a"), Status::Corrupt("b")).message(), "a");
  EXPECT_EQ(FirstError(Status::Ok(), Status::Corrupt("b")).message(), "b");
}

TEST(Status, ToStringNamesTheCode) {
  EXPECT_EQ(Status::Ok().ToString(), "ok");
  EXPECT_EQ(Status::Corrupt("PDF has no %EOF").ToString(), "corrupt: PDF has no %EOF");
}

}  // namespace
}  // namespace vanban
