// `sft test` end to end: the built sft against the real greeter on 127.0.0.1, port 0.
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "greeter_suite.hpp"
#include "mini_xml.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

namespace statefun {
namespace {

using testing::HasSubstr;
using testing::Not;

constexpr int kGreeterCases = 25;  // the cases examples/greeter/greeter.test.yaml expands to

class SftTest : public test::GreeterSuite {
 protected:
  static test::RunResult sft(std::vector<std::string> args) {
    return GreeterSuite::sft("test", std::move(args));
  }

  /// Writes a test file into a fresh directory and returns its path.
  static std::string write(const std::string& name, const std::string& text) {
    const auto dir = std::filesystem::path(testing::TempDir()) /
                     ("sft_test_" + std::to_string(::getpid()) + "_" +
                      testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::ofstream(path) << text;
    return path.string();
  }
};

TEST_F(SftTest, TheGreeterFilePassesWithALinePerCase) {
  const auto r = sft({GREETER_TEST_FILE, "--url", url()});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("collected 25 cases from 1 file\n"));
  EXPECT_THAT(r.out, HasSubstr("greeter.test.yaml::reference[visits=1] PASSED\n"));
  EXPECT_THAT(r.out, HasSubstr("greeter.test.yaml::reference[visits=3] PASSED\n"));
  EXPECT_THAT(r.out, HasSubstr("greeter.test.yaml::person visited three times PASSED\n"));
  EXPECT_THAT(r.out, Not(HasSubstr("FAILED")));
  const std::regex passed_line(".*::.* PASSED\n");
  const auto lines = std::distance(std::sregex_iterator(r.out.begin(), r.out.end(), passed_line),
                                   std::sregex_iterator());
  EXPECT_EQ(lines, kGreeterCases);
  EXPECT_THAT(r.out, testing::ContainsRegex("\n25 passed, 0 failed in [0-9]+\\.[0-9]{2}s\n$"));
  EXPECT_EQ(r.err, "");
}

TEST_F(SftTest, TheGreeterPipelineFilePassesThroughItsModuleWithTheUrlReplaced) {
  const auto r = sft({GREETER_PIPELINE_FILE, "--url", url(), "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("collected 4 cases from 1 file\n"));
  EXPECT_THAT(r.out, HasSubstr("pipeline.test.yaml::Bob visits three times PASSED\n"));
  EXPECT_THAT(r.out, HasSubstr("pipeline.test.yaml::regulars[visits=12] PASSED\n"));
  EXPECT_THAT(r.out, testing::ContainsRegex("\n4 passed, 0 failed in [0-9]+\\.[0-9]{2}s\n$"));
  EXPECT_EQ(r.err, "");
}

TEST_F(SftTest, APipelineFileReadsItsModuleNextToItAndFailsWithTheRunsDiff) {
  const std::string file = write("p.test.yaml",
                                 "module: module.yaml\n"
                                 "cases:\n"
                                 "  - name: one visit\n"
                                 "    send: { to: example/person/Ann, type: example/GreetRequest,"
                                 " value: { name: Ann } }\n"
                                 "    expect: { egress: { greetings: [{ text: Hello Ann }] } }\n");
  std::ofstream(std::filesystem::path(file).parent_path() / "module.yaml")
      << "kind: io.statefun.endpoints.v2/http\nspec:\n  functions: example/*\n"
         "  urlPathTemplate: " +
             url() +
             "\n---\n"
             "kind: io.statefun.playground.v1/egress\nspec:\n  topics: [greetings]\n";
  const auto r = sft({file});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("p.test.yaml::one visit FAILED"));
  EXPECT_THAT(r.out, HasSubstr("-   \"text\": \"Hello Ann\""));
  EXPECT_THAT(r.out, HasSubstr("+   \"text\": \"Welcome Ann\""));
}

TEST_F(SftTest, APipelineFileWhoseModuleIsMissingOrBrokenExitsTwo) {
  const std::string missing = write("p.test.yaml",
                                    "module: nowhere.yaml\n"
                                    "cases:\n"
                                    "  - name: a\n"
                                    "    send: { to: a/b/c, type: int, value: 1 }\n");
  const auto r = sft({missing});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("nowhere.yaml"));
  EXPECT_THAT(r.err, HasSubstr("(the module of " + missing + ")\n"));

  std::ofstream(std::filesystem::path(missing).parent_path() / "nowhere.yaml")
      << "kind: io.statefun.endpoints.v2/http\nspec:\n  functions: example\n";
  const auto broken = sft({missing});
  EXPECT_EQ(broken.exit_code, 2) << broken.out << broken.err;
  EXPECT_THAT(broken.err, HasSubstr("nowhere.yaml:3:"));
}

TEST_F(SftTest, QuietConcurrentRunsPrintDots) {
  const auto r = sft({GREETER_TEST_FILE, "--url", url(), "-q", "-j", "4"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("\n" + std::string(kGreeterCases, '.') + "\n25 passed, 0 failed"));
}

TEST_F(SftTest, TheUrlComesFromTheEnvironmentToo) {
  // The test changes the environment before it starts a child, with no other thread running.
  ::setenv("SFT_URL", url().c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
  const auto r = sft({GREETER_TEST_FILE, "-k", "person and not batch"});
  ::unsetenv("SFT_URL");  // NOLINT(concurrency-mt-unsafe)
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("collected 25 cases from 1 file (22 deselected)"));
  EXPECT_THAT(r.out, HasSubstr("3 passed, 0 failed, 22 deselected in"));
}

TEST_F(SftTest, AWrongExpectationShowsADiffAndExitsOne) {
  const std::string file = write("wrong.test.yaml", R"(cases:
  - name: greets Bob
    target: example/greeter/George
    send: {type: example/GreetRequest, value: {name: George, visits: 3}}
    expect:
      egress:
        - to: io.statefun.playground/egress
          value: {topic: greetings, payload: Third time is the charm Bob}
  - name: right
    target: example/greeter/George
    send: {type: example/GreetRequest, value: {name: George, visits: 1}}
)");
  const auto r = sft({file, "--url", url()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("wrong.test.yaml::greets Bob FAILED\n"));
  EXPECT_THAT(r.out, HasSubstr("wrong.test.yaml::right PASSED\n"));
  EXPECT_THAT(r.out,
              HasSubstr("expected egress record not found (" + file +
                        ":7:11)\n"
                        "  closest egress record sent (#1 of 1) differs at value.payload "
                        "(- expected, + actual):\n"
                        "      {\n"
                        "        \"to\": \"io.statefun.playground/egress\",\n"
                        "        \"value\": {\n"
                        "    -     \"payload\": \"Third time is the charm Bob\",\n"
                        "    +     \"payload\": \"Third time is the charm George\",\n"
                        "          \"topic\": \"greetings\"\n"
                        "        }\n"
                        "      }\n"));
  EXPECT_THAT(r.out, HasSubstr("FAILED " + file + "::greets Bob - expected egress record"));
  EXPECT_THAT(r.out, HasSubstr("\n1 passed, 1 failed in "));
}

TEST_F(SftTest, BrokenFilesNameFileAndLineAndExitTwo) {
  const std::string head = "cases:\n  - name: a\n    target: example/greeter/G\n";
  const std::string send = "    send: {type: int, value: 1}\n";
  const std::vector<std::pair<std::string, std::string>> broken = {
      {head + "    send: {type: int, value: 1\n", ":5:1: invalid YAML: end of map flow not found"},
      {head + send + "    expct: {}\n",
       ":5:5: unknown key 'expct' in a case (did you mean 'expect'?)"},
      {head + send + "    expect: {status: ok}\n",
       ":5:22: status must be an integer, not the string \"ok\""},
      {"cases:\n  - name: a\n" + send, ":2:5: a case needs a 'target' address (namespace/type/id)"},
  };
  for (std::size_t i = 0; i < broken.size(); ++i) {
    const std::string file = write("broken" + std::to_string(i) + ".test.yaml", broken[i].first);
    const auto r = sft({file, "--url", url()});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_EQ(r.err, "sft test: error: " + file + broken[i].second + "\n");
    EXPECT_EQ(r.out, "");
  }
}

TEST_F(SftTest, BadOptionsExitTwo) {
  EXPECT_EQ(sft({GREETER_TEST_FILE, "--url", "nowhere"}).exit_code, 2);
  EXPECT_EQ(sft({GREETER_TEST_FILE, "--url", url(), "-k", "nothing-matches"}).exit_code, 2);
  EXPECT_EQ(sft({GREETER_TEST_FILE, "--url", url(), "--timeout", "soon"}).exit_code, 2);
  EXPECT_EQ(sft({GREETER_TEST_FILE, "--url", url(), "-j", "0"}).exit_code, 2);
}

/// A port on 127.0.0.1 that nothing listens on (bound, then closed again).
std::uint16_t closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ADD_FAILURE() << "cannot find a free port";
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST_F(SftTest, AnUnreachableServiceExitsThree) {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/statefun";
  const auto r = sft({GREETER_TEST_FILE, "--url", url, "-q"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("error[connect]: cannot connect to " + url));
  EXPECT_EQ(r.err, "sft test: cannot reach " + url + " (no case could connect)\n");
}

TEST_F(SftTest, ExecStartsTheServicesTheCasesCallAndStopsThemAtTheEnd) {
  // The service is a greeter of its own on a free port: the cases can only pass once it
  // listens, and by then the shell has written its pid (the greeter is exec'd in its place).
  const std::string pid_file = write("service.pid", "");
  const std::string port = std::to_string(closed_port());
  const auto r = sft({GREETER_PIPELINE_FILE,
                      "--url",
                      "http://127.0.0.1:" + port + "/statefun",
                      "--exec",
                      "echo $$ > " + pid_file + "; exec " + GREETER_BINARY +
                          " --address 127.0.0.1 --threads 1 --port " + port});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, testing::ContainsRegex("\n4 passed, 0 failed in [0-9]+\\.[0-9]{2}s\n$"));
  EXPECT_EQ(r.err, "");
  std::ifstream in(pid_file);
  pid_t pid = 0;
  ASSERT_TRUE(in >> pid) << "the service did not start";
  EXPECT_NE(::kill(pid, 0), 0) << "the service " << pid << " still runs after sft test ended";
}

TEST_F(SftTest, AServiceThatExitsBeforeItListensExitsThreeWithItsOutput) {
  const std::string port = std::to_string(closed_port());
  const auto r = sft({GREETER_TEST_FILE,
                      "--url",
                      "http://127.0.0.1:" + port + "/statefun",
                      "--exec",
                      "echo boom >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_EQ(r.err,
            "sft test: --exec 'echo boom >&2; exit 3' exited with status 3 before 127.0.0.1:" +
                port + " listened; its output:\nboom\n\n");
  EXPECT_EQ(sft({GREETER_TEST_FILE, "--url", url(), "--exec-timeout", "1s"}).exit_code, 2)
      << "--exec-timeout without --exec";
}

TEST_F(SftTest, JsonOutputIsOneDocument) {
  const std::string file = write("wrong.test.yaml", R"(
cases:
  - name: right
    target: example/greeter/George
    send: { type: example/GreetRequest, value: { name: George, visits: 1 } }
    expect:
      egress: [{ to: io.statefun.playground/egress, value: { topic: greetings, payload: Welcome George } }]
  - name: wrong
    target: example/greeter/George
    send: { type: example/GreetRequest, value: { name: George, visits: 3 } }
    expect:
      egress: [{ to: io.statefun.playground/egress, value: { topic: greetings, payload: Welcome George } }]
)");
  const auto r = sft({file, "--url", url(), "--output", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const nlohmann::json report = nlohmann::json::parse(r.out);  // nothing but the document
  EXPECT_EQ(report["passed"], 1);
  EXPECT_EQ(report["failed"], 1);
  ASSERT_EQ(report["cases"].size(), 2U);
  EXPECT_EQ(report["cases"][0]["id"], "right");
  EXPECT_EQ(report["cases"][0]["outcome"], "passed");
  EXPECT_EQ(report["cases"][1]["outcome"], "failed");
  EXPECT_THAT(report["cases"][1]["message"].get<std::string>(),
              HasSubstr("Third time is the charm George"));
  EXPECT_THAT(report["cases"][1]["location"].get<std::string>(), HasSubstr("wrong.test.yaml:8"));
}

TEST_F(SftTest, TheJunitReportReadsBack) {
  const std::string xml_path = write("report.xml", "");
  const auto r = sft({GREETER_TEST_FILE, "--url", url(), "--junit", xml_path});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::ifstream in(xml_path);
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const test::XmlElement root = test::XmlReader::parse(xml);
  EXPECT_EQ(root.name, "testsuites");
  EXPECT_EQ(root.attribute("tests"), std::to_string(kGreeterCases));
  EXPECT_EQ(root.attribute("failures"), "0");
  const auto suites = root.all("testsuite");
  ASSERT_EQ(suites.size(), 1U);
  EXPECT_EQ(suites[0]->attribute("name"), GREETER_TEST_FILE);
  const auto cases = suites[0]->all("testcase");
  ASSERT_EQ(cases.size(), static_cast<std::size_t>(kGreeterCases));
  EXPECT_EQ(cases[0]->attribute("name"), "reference[visits=1]");
  EXPECT_EQ(cases[0]->attribute("classname"), GREETER_TEST_FILE);
  for (const auto* c : cases) {
    EXPECT_TRUE(c->children.empty()) << c->attribute("name");
    EXPECT_GE(std::stod(c->attribute("time")), 0.0);
  }
}

TEST_F(SftTest, TheJunitReportCarriesFailuresAndSkips) {
  const std::string file = write("mixed.test.yaml", R"(cases:
  - name: wrong <status> & "quotes"
    target: example/greeter/George
    send: {type: example/GreetRequest, value: {visits: 3}}
  - name: later
    skip: not written yet
    target: example/greeter/George
    send: {type: example/GreetRequest, value: {visits: 3}}
)");
  const std::string xml_path = write("mixed.xml", "");
  const auto r = sft({file, "--url", url(), "--junit", xml_path});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
  std::ifstream in(xml_path);
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const test::XmlElement root = test::XmlReader::parse(xml);
  EXPECT_EQ(root.attribute("failures"), "1");
  EXPECT_EQ(root.attribute("skipped"), "1");
  const auto cases = root.all("testsuite").at(0)->all("testcase");
  ASSERT_EQ(cases.size(), 2U);
  EXPECT_EQ(cases[0]->attribute("name"), "wrong <status> & \"quotes\"");
  const auto failures = cases[0]->all("failure");
  ASSERT_EQ(failures.size(), 1U);
  EXPECT_THAT(failures[0]->attribute("message"), HasSubstr("expected status 200, got 422"));
  EXPECT_THAT(failures[0]->text, HasSubstr("\"name\\\" must be a string"));
  ASSERT_EQ(cases[1]->all("skipped").size(), 1U);
  EXPECT_EQ(cases[1]->all("skipped")[0]->attribute("message"), "not written yet");
}

}  // namespace
}  // namespace statefun
