#include "http/internal/request_target.h"

#include <gtest/gtest.h>

#include "http/internal/access_log.h"
#include "http/internal/json_escape.h"
#include "http/internal/mime_types.h"
#include "http/server.h"

namespace hoptac::http::internal {
namespace {

TEST(DecodeTarget, SplitsPathAndDecodesQuery) {
  Result<DecodedTarget> t = DecodeTarget("/api/v1/search?q=Th%C3%A0nh+ph%E1%BB%91&city=%E5%8C%97%E4%BA%AC&q=x");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->path, "/api/v1/search");
  ASSERT_EQ(t->query.count("q"), 2u);
  auto range = t->query.equal_range("q");
  EXPECT_EQ(range.first->second, "Thành phố");
  EXPECT_EQ(std::next(range.first)->second, "x");
  EXPECT_EQ(t->query.find("city")->second, "北京");
}

TEST(DecodeTarget, DecodesPathButKeepsPlus) {
  Result<DecodedTarget> t = DecodeTarget("/a%20b+c/%E1%BA%A1");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/a b+c/ạ");
  EXPECT_TRUE(t->query.empty());
}

TEST(DecodeTarget, AcceptsAbsoluteForm) {
  Result<DecodedTarget> t = DecodeTarget("http://example.org/x/y?z=1");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/x/y");
  EXPECT_EQ(t->query.find("z")->second, "1");
}

TEST(DecodeTarget, EmptyAndValuelessParameters) {
  Result<DecodedTarget> t = DecodeTarget("/x?&a&b=&&c=%3D");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->query.size(), 3u);
  EXPECT_EQ(t->query.find("a")->second, "");
  EXPECT_EQ(t->query.find("b")->second, "");
  EXPECT_EQ(t->query.find("c")->second, "=");
}

TEST(DecodeTarget, RefusesBadInput) {
  EXPECT_FALSE(DecodeTarget("").ok());
  EXPECT_FALSE(DecodeTarget("*").ok());
  EXPECT_FALSE(DecodeTarget("relative/path").ok());
  EXPECT_FALSE(DecodeTarget("/a%00b").ok());       // encoded NUL
  EXPECT_FALSE(DecodeTarget("/a%0Ab").ok());       // encoded control byte
  EXPECT_FALSE(DecodeTarget("/a%FFb").ok());       // not UTF-8
  EXPECT_FALSE(DecodeTarget("/a%C0%AFb").ok());    // overlong '/'
  EXPECT_FALSE(DecodeTarget("/a%ED%A0%80").ok());  // surrogate
  EXPECT_FALSE(DecodeTarget("/a%4").ok());         // truncated escape
  EXPECT_FALSE(DecodeTarget("/a%zz").ok());
  EXPECT_FALSE(DecodeTarget("/../etc/passwd").ok());
  EXPECT_FALSE(DecodeTarget("/%2e%2e/etc/passwd").ok());
  EXPECT_FALSE(DecodeTarget("/a/%2E%2E").ok());
  EXPECT_FALSE(DecodeTarget("/x?q=%00").ok());
  EXPECT_FALSE(DecodeTarget("/x?q=%FF").ok());
  EXPECT_FALSE(DecodeTarget("/x?q=%G1").ok());
  EXPECT_TRUE(DecodeTarget("/a/..b/c..").ok());  // only whole ".." segments are refused
}

TEST(RedactTarget, HidesSecretsKeepsTheRest) {
  EXPECT_EQ(RedactTarget("/a?token=abc&q=x&password=p&Access_Token=t&tok%65n=z"),
            "/a?token=REDACTED&q=x&password=REDACTED&Access_Token=REDACTED&tok%65n=REDACTED");
  EXPECT_EQ(RedactTarget("/a"), "/a");
  EXPECT_EQ(RedactTarget("/a?q=1&&token"), "/a?q=1&&token");
}

TEST(JsonEscape, EscapesAndRepairs) {
  std::string out;
  AppendJsonString(out, "a\"b\\c\n\x01 Việt 中");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001 Việt 中\"");
  out.clear();
  AppendJsonString(out,
                   "x\xff"
                   "y");
  EXPECT_EQ(out, "\"x\\ufffdy\"");
}

TEST(Problem, HasRfc9457Shape) {
  Response r = Problem(413, "Payload Too Large", "The request body is larger than 10 bytes.");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_EQ(r.body, R"({"type":"about:blank","title":"Payload Too Large","status":413,)"
                    R"("detail":"The request body is larger than 10 bytes."})");
  Response e = Problem(422, "Unprocessable", "say \"hi\"", R"("errors":[{"field":"name"}])");
  EXPECT_EQ(e.body, R"({"type":"about:blank","title":"Unprocessable","status":422,)"
                    R"("detail":"say \"hi\"","errors":[{"field":"name"}]})");
}

TEST(MimeType, KnownAndUnknown) {
  EXPECT_EQ(MimeType("html"), "text/html; charset=utf-8");
  EXPECT_EQ(MimeType("JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(MimeType("woff2"), "font/woff2");
  EXPECT_EQ(MimeType("map"), "application/json");
  EXPECT_EQ(MimeType("bin"), "application/octet-stream");
  EXPECT_EQ(MimeType(""), "application/octet-stream");
}

TEST(AccessLog, FormatsOneJsonLine) {
  AccessRecord r{
      .time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1767225600123)),
      .request_id = "ab-01",
      .remote = "127.0.0.1",
      .method = "GET",
      .target = "/x?token=s3cret&q=\"",
      .status = 200,
      .bytes = 12,
      .duration_us = 345,
  };
  EXPECT_EQ(AccessLog::Format(r),
            R"({"time":"2026-01-01T00:00:00.123Z","request_id":"ab-01","remote":"127.0.0.1",)"
            R"("method":"GET","path":"/x?token=REDACTED&q=\"","status":200,"bytes":12,"duration_us":345})");
}

}  // namespace
}  // namespace hoptac::http::internal
