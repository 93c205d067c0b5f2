// Check 3 of issue 6: the shared corpus sent to the C++ greeter and to the JS SDK greeter.
// Both answers are decoded with the test kit, the JS one has its documented text differences
// normalized, and the decoded values must then be equal.

#include "greeter_corpus.hpp"

#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/response.hpp>

#include "greeting_differences.hpp"
#include "peers.hpp"

namespace statefun::interop {
namespace {

using nlohmann::json;

/// One greeter's answer: status, content type and the decoded FromFunction (readable form).
json outcome(testkit::HttpClient& client, const std::string& body) {
  const testkit::HttpReply reply = client.post(body);
  json result = {{"status", reply.status}, {"content_type", reply.content_type}};
  if (reply.status == 200) {
    result["answer"] = protocol::to_json(protocol::decode_response(reply.body));
  } else {
    result["body"] = reply.body;
  }
  return result;
}

class BothGreeters {
 public:
  static void start() {
    cpp_ = std::make_unique<Peer>(cpp_greeter_command());
    js_ = std::make_unique<Peer>(js_greeter_command());
  }

  static void stop() {
    cpp_.reset();
    js_.reset();
  }

  static Peer& cpp() { return *cpp_; }

  static Peer& js() { return *js_; }

 private:
  static inline std::unique_ptr<Peer> cpp_;
  static inline std::unique_ptr<Peer> js_;
};

class GreeterCorpus : public testing::TestWithParam<CorpusCase> {
 protected:
  static void SetUpTestSuite() { BothGreeters::start(); }

  static void TearDownTestSuite() { BothGreeters::stop(); }
};

TEST_P(GreeterCorpus, BothGreetersAnswerAlikeApartFromTheDocumentedTexts) {
  const CorpusCase& c = GetParam();
  const std::string body = protocol::encode_request(c.request);
  const json cpp = outcome(BothGreeters::cpp().client, body);
  const json js = outcome(BothGreeters::js().client, body);
  const auto show = [&] {
    return "request: " + protocol::to_json(c.request).dump() + "\nC++ greeter: " + cpp.dump(2) +
           "\nJS greeter: " + js.dump(2);
  };
  ASSERT_EQ(cpp["status"], 200) << show();
  ASSERT_EQ(js["status"], 200) << show();
  EXPECT_EQ(cpp["content_type"], "application/octet-stream") << show();
  EXPECT_EQ(js["content_type"], "application/octet-stream") << show();

  const Normalized normalized = normalize_js_answer(js["answer"], c.request);
  EXPECT_EQ(normalized.answer, cpp["answer"])
      << show()
      << "\nJS greeter after the documented text differences: " << normalized.answer.dump(2);
  EXPECT_EQ(normalized.applied, c.differences)
      << "the text differences that had to be applied differ from the documented ones\n"
      << show();
}

INSTANTIATE_TEST_SUITE_P(Interop,
                         GreeterCorpus,
                         testing::ValuesIn(greeter_corpus()),
                         [](const testing::TestParamInfo<CorpusCase>& param) {
                           return param.param.name;
                         });

/// The error cases: each greeter answers its documented status; the JS SDK's error answers
/// have an empty body, the C++ SDK's say why.
class GreeterErrors : public testing::TestWithParam<ErrorCase> {
 protected:
  static void SetUpTestSuite() { BothGreeters::start(); }

  static void TearDownTestSuite() { BothGreeters::stop(); }
};

TEST_P(GreeterErrors, EachGreeterAnswersItsDocumentedStatus) {
  const ErrorCase& c = GetParam();
  const json cpp = outcome(BothGreeters::cpp().client, c.body);
  const json js = outcome(BothGreeters::js().client, c.body);
  const std::string both = "\nC++ greeter: " + cpp.dump(2) + "\nJS greeter: " + js.dump(2);
  EXPECT_EQ(cpp["status"], c.cpp_status) << both;
  EXPECT_EQ(js["status"], c.js_status) << both;
  if (c.cpp_status != 200) {
    EXPECT_THAT(cpp["content_type"].get<std::string>(), testing::StartsWith("text/plain")) << both;
    EXPECT_NE(cpp["body"], "") << "the C++ SDK says why it failed" << both;
  }
  if (c.js_status != 200) {
    EXPECT_EQ(js["body"], "") << "the JS SDK answers errors with an empty body" << both;
  }
}

INSTANTIATE_TEST_SUITE_P(Interop,
                         GreeterErrors,
                         testing::ValuesIn(error_corpus()),
                         [](const testing::TestParamInfo<ErrorCase>& param) {
                           return param.param.name;
                         });

}  // namespace
}  // namespace statefun::interop
