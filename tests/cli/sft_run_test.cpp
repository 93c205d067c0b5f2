// `sft run` end to end: the built sft runs the greeter pipeline (person -> greeter -> the
// playground egress) against the real greeter binary on 127.0.0.1, port 0.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chromium.hpp"
#include "greeter_suite.hpp"
#include "http_exchange.hpp"

#include <sys/types.h>
#include <unistd.h>

namespace statefun {
namespace {

using testing::HasSubstr;
using testing::Not;

class SftRun : public test::GreeterSuite {
 protected:
  static test::RunResult sft(std::vector<std::string> args, std::string_view input = {}) {
    args.insert(args.begin(), {SFT_BINARY, "run"});
    return test::run(args, input);
  }

  /// Writes `text` into this test's directory and returns its path.
  static std::string write(const std::string& name, const std::string& text) {
    const auto dir = std::filesystem::path(testing::TempDir()) /
                     ("sft_run_" + std::to_string(::getpid()) + "_" +
                      testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    std::ofstream(path) << text;
    return path.string();
  }

  /// The playground greeter's module with its endpoint at `endpoint_url`.
  static std::string module(const std::string& endpoint_url, const std::string& transport = "") {
    return write("module.yaml",
                 "kind: io.statefun.endpoints.v2/http\n"
                 "spec:\n"
                 "  functions: example/*\n"
                 "  urlPathTemplate: " +
                     endpoint_url + "\n" + transport +
                     "---\n"
                     "kind: io.statefun.playground.v1/egress\n"
                     "spec:\n"
                     "  topics: [greetings]\n");
  }

  /// module() with the playground ingress too.
  static std::string module_with_ingress(const std::string& endpoint_url) {
    std::string path = module(endpoint_url);
    std::ofstream(path, std::ios::app) << "---\n"
                                          "kind: io.statefun.playground.v1/ingress\n"
                                          "spec:\n"
                                          "  port: 8090\n";
    return path;
  }

  static constexpr const char* kVisit =
      R"({"target": "example/person/Bob", "typename": "example/GreetRequest", "value": {"name": "Bob"}})";
};

TEST_F(SftRun, BobVisitsThreeTimes) {
  const std::string visits =
      write("visits.jsonl",
            std::string("# three visits\n") + kVisit + "\n" + kVisit + "\n\n" + kVisit + "\n");
  const auto r = sft({module(url()), "--send", visits});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // how greeter/Bob's three messages are batched depends on which answer comes first: 5 or
  // 6 requests in all
  EXPECT_THAT(r.out,
              testing::MatchesRegex(
                  "egress io.statefun.playground/egress greetings: Welcome Bob\n"
                  "egress io.statefun.playground/egress greetings: Nice to see you again Bob\n"
                  "egress io.statefun.playground/egress greetings: Third time is the charm "
                  "Bob\n"
                  "sft run: idle after 3 ingress message\\(s\\), [56] request\\(s\\), 0 "
                  "retried attempt\\(s\\)\n"
                  "  messages: example/greeter 3, example/person 3\n"
                  "  egress:   io.statefun.playground/egress/greetings 3\n"
                  "  state:\n"
                  "    example/person/Bob  visits = 3 \\(io.statefun.types/int\\)\n"));
  EXPECT_EQ(r.err, "");
}

TEST_F(SftRun, MessagesComeFromFlagsOrStdinAndRecordsGoToAFile) {
  const std::string out = write("egress.jsonl", "");
  const auto r = sft({module(url()),
                      "--to",
                      "example/person/Ann",
                      "--type",
                      "example/GreetRequest",
                      "--json",
                      R"({"name":"Ann"})",
                      "--send",
                      "-",
                      "--egress-out",
                      out,
                      "--quiet"},
                     std::string(kVisit) + "\n");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("sft run: idle after 2 ingress message(s)"));
  EXPECT_THAT(r.out, Not(HasSubstr("egress io.statefun")));  // --quiet
  std::ifstream in(out);
  std::vector<std::string> records;
  for (std::string line; std::getline(in, line);) {
    records.push_back(line);
  }
  // Bob's and Ann's messages go to two addresses, served at the same time: either may be
  // greeted first
  EXPECT_THAT(
      records,
      testing::UnorderedElementsAre(
          R"({"egress":"io.statefun.playground/egress","text":"Welcome Bob","topic":"greetings"})",
          R"({"egress":"io.statefun.playground/egress","text":"Welcome Ann","topic":"greetings"})"));
}

TEST_F(SftRun, TheTraceHasEveryStepWithItsCauses) {
  const std::string trace = write("trace.jsonl", "");
  const auto r = sft({module(url()),
                      "--send",
                      write("visit.jsonl", std::string(kVisit) + "\n"),
                      "--trace",
                      trace,
                      "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::ifstream in(trace);
  std::vector<nlohmann::json> events;
  for (std::string line; std::getline(in, line);) {
    events.push_back(nlohmann::json::parse(line));
  }
  std::vector<std::string> kinds;
  kinds.reserve(events.size());
  for (const auto& event : events) {
    kinds.push_back(event["kind"].get<std::string>() + " " + event.value("to", std::string()));
  }
  // the person asks for its state, is called again, writes it and messages the greeter, which
  // sends the greeting to the egress
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"ingress example/person/Bob",
                                      "request example/person/Bob",
                                      "missing_state example/person/Bob",
                                      "request example/person/Bob",
                                      "response example/person/Bob",
                                      "message example/greeter/Bob",
                                      "state example/person/Bob",
                                      "request example/greeter/Bob",
                                      "response example/greeter/Bob",
                                      "egress "}));
  ASSERT_EQ(events.size(), 10U);
  EXPECT_EQ(events[1]["causes"], nlohmann::json::array({events[0]["id"]}));  // the ingress
  EXPECT_EQ(events[5]["value"]["value"], nlohmann::json::parse(R"({"name":"Bob","visits":1})"));
  EXPECT_EQ(events[6]["value"]["value"], 1);                                 // visits = 1
  EXPECT_EQ(events[7]["causes"], nlohmann::json::array({events[5]["id"]}));  // the message
  EXPECT_EQ(events[9]["detail"], "greetings");
}

TEST_F(SftRun, TraceShowPrintsTheTraceAsATimelineAndDrawsIt) {
  const std::string trace = write("trace.jsonl", "");
  ASSERT_EQ(sft({module(url()),
                 "--send",
                 write("visit.jsonl", std::string(kVisit) + "\n"),
                 "--trace",
                 trace,
                 "--quiet"})
                .exit_code,
            0);
  const std::string diagram = write("flow.mmd", "");
  const auto r = test::run({SFT_BINARY, "trace", "show", trace, "--mermaid", diagram});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(
      r.out,
      testing::ContainsRegex(" ms  #1     ingress    -> example/person/Bob: example/GreetRequest "
                             "\\{\"name\":\"Bob\"\\} \\(.*visit\\.jsonl:1\\)\n"));
  EXPECT_THAT(r.out,
              testing::ContainsRegex(" ms  #6     message    example/person/Bob -> "
                                     "example/greeter/Bob: example/GreetRequest "
                                     ".*\"visits\":1.*  \\(after #5\\)\n"));
  EXPECT_THAT(r.out,
              HasSubstr("egress     example/greeter/Bob -> io.statefun.playground/egress "
                        "greetings: io.statefun.playground/EgressRecord "));
  EXPECT_THAT(r.out,
              HasSubstr("sft trace: 10 events (egress 1, ingress 1, message 1, missing_state 1, "
                        "request 3, response 2, state 1)\n"));
  std::ifstream drawn(diagram);
  const std::string mermaid((std::istreambuf_iterator<char>(drawn)), {});
  EXPECT_TRUE(mermaid.starts_with("sequenceDiagram\n")) << mermaid;

  const auto only = test::run({SFT_BINARY,
                               "trace",
                               "show",
                               trace,
                               "--kind",
                               "egress,message",
                               "--address",
                               "example/greeter/Bob"});
  ASSERT_EQ(only.exit_code, 0) << only.err;
  EXPECT_THAT(only.out, HasSubstr("  message  "));  // person/Bob -> greeter/Bob
  EXPECT_THAT(only.out, HasSubstr("  egress  "));   // from greeter/Bob
  EXPECT_THAT(only.out, Not(HasSubstr("  ingress  ")));
  EXPECT_THAT(only.out, Not(HasSubstr("  request  ")));
}

TEST_F(SftRun, TraceShowNamesTheLineThatIsNotAnEvent) {
  const std::string trace =
      write("t.jsonl", "{\"id\": 1, \"kind\": \"ingress\", \"time_ms\": 0}\nnot json\n");
  const auto r = test::run({SFT_BINARY, "trace", "show", trace});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(
      r.err,
      "sft trace show: " + trace + ":2: not a JSON object (a trace has one event per line)\n");
  const auto kind = test::run({SFT_BINARY, "trace", "show", trace, "--kind", "arrival"});
  EXPECT_EQ(kind.exit_code, 2);
  EXPECT_THAT(kind.err, HasSubstr("--kind arrival: not a kind of event (ingress, request"));
  const auto missing = test::run({SFT_BINARY, "trace", "show", trace + ".gone"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "sft trace show: " + trace + ".gone: cannot read this file\n");
}

TEST_F(SftRun, TheMessageFlowIsDrawnAsASequenceDiagram) {
  const std::string diagram = write("flow.mmd", "");
  const auto r = sft({module(url()),
                      "--send",
                      write("visit.jsonl", std::string(kVisit) + "\n"),
                      "--mermaid",
                      diagram,
                      "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::ifstream in(diagram);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text,
            "sequenceDiagram\n"
            "    participant ingress\n"
            "    participant runtime\n"
            "    participant F1 as example/person\n"
            "    participant F2 as example/greeter\n"
            "    participant egress\n"
            "    ingress->>runtime: {\"name\":\"Bob\"} to example/person/Bob\n"
            "    runtime->>F1: Bob: 1 invocation\n"
            "    F1-->>runtime: Bob: needs state visits\n"
            "    runtime->>F1: Bob: 1 invocation, state visits\n"
            "    F1-->>runtime: Bob: 2 effects\n"
            "    Note over runtime: to example/greeter/Bob: {\"name\":\"Bob\",\"visits\":1}\n"
            "    Note over F1: Bob visits = 1\n"
            "    runtime->>F2: Bob: 1 invocation\n"
            "    F2-->>runtime: Bob: 1 effect\n"
            "    runtime->>egress: greetings: Welcome Bob\n");
}

TEST_F(SftRun, TheTracePageDrawsTheFlowInABrowserOffline) {
  if (!test::has_chromium()) {
    GTEST_SKIP() << test::kChromium << " is not installed (scripts/install-deps installs it)";
  }
  const std::string page = write("flow.html", "");
  const std::string trace = write("trace.jsonl", "");
  ASSERT_EQ(sft({module(url()),
                 "--send",
                 write("visit.jsonl", std::string(kVisit) + "\n"),
                 "--html",
                 page,
                 "--trace",
                 trace,
                 "--quiet"})
                .exit_code,
            0);
  // sft trace show writes the same page from the trace file
  const std::string again = write("again.html", "");
  ASSERT_EQ(test::run({SFT_BINARY, "trace", "show", trace, "--html", again}).exit_code, 0);
  for (const std::string& file : {page, again}) {
    const test::RunResult r = test::dump_dom(file);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("data-diagram-drawn=\"1\"")) << r.out.substr(0, 3000);
    EXPECT_THAT(r.out, Not(HasSubstr("data-diagram-error")));
    // Mermaid replaced the diagram's source with an SVG that names the participants and steps
    const std::size_t svg = r.out.find("<svg");
    ASSERT_NE(svg, std::string::npos) << r.out.substr(0, 3000);
    const std::string drawn = r.out.substr(svg, r.out.find("</svg>", svg) - svg);
    EXPECT_THAT(drawn, HasSubstr("example/person"));
    EXPECT_THAT(drawn, HasSubstr("example/greeter"));
    EXPECT_THAT(drawn, HasSubstr("greetings: Welcome Bob"));
    EXPECT_THAT(r.out, HasSubstr("<tr id=\"e6\">"));  // the message person -> greeter
  }
}

TEST_F(SftRun, KafkaRecordsFromTheSendFileGoWhereTheModulesIngressRoutesThem) {
  const std::string path = module(url());
  std::ofstream(path, std::ios::app) << "---\n"
                                        "kind: io.statefun.kafka.v1/ingress\n"
                                        "spec:\n"
                                        "  id: example/names\n"
                                        "  address: kafka:9092\n"
                                        "  topics:\n"
                                        "    - topic: names\n"
                                        "      valueType: example/GreetRequest\n"
                                        "      targets: [example/person]\n";
  const auto r = sft({path,
                      "--send",
                      write("names.jsonl",
                            R"({"topic": "names", "key": "Ann", "value": {"name": "Ann"}})"
                            "\n" +
                                std::string(kVisit) + "\n"),
                      "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("example/person/Ann  visits = 1"));
  EXPECT_THAT(r.out, HasSubstr("example/person/Bob  visits = 1"));
  EXPECT_THAT(r.out, HasSubstr("egress:   io.statefun.playground/egress/greetings 2"));

  const auto unknown = sft(
      {path, "--send", write("other.jsonl", R"({"topic": "clicks", "key": "x", "text": "1"})")});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err,
              HasSubstr("other.jsonl:1: no Kafka or Kinesis ingress of the module reads the topic "
                        "'clicks' (the topics they read: 'names' (example/names))"));
  const auto keyless =
      sft({path, "--send", write("keyless.jsonl", R"({"topic": "names", "text": "1"})")});
  EXPECT_EQ(keyless.exit_code, 2);
  EXPECT_THAT(keyless.err, HasSubstr("keyless.jsonl:1: a record needs \"topic\" and \"key\""));
}

TEST_F(SftRun, ALongRunDrawsItsFirstStepsAndSaysHowManyItLeftOut) {
  std::string visits;
  for (int i = 0; i < 3000; ++i) {  // 8 steps each (2 requests, 2 answers, ...): beyond 20,000
    const std::string name = "P" + std::to_string(i);
    visits += R"({"target": "example/person/)";
    visits += name;
    visits += R"(", "typename": "example/GreetRequest", "value": {"name": ")";
    visits += name;
    visits += "\"}}\n";
  }
  const std::string diagram = write("flow.mmd", "");
  const std::string trace = write("trace.jsonl", "");
  const auto r = sft({module(url()),
                      "--send",
                      write("visits.jsonl", visits),
                      "--mermaid",
                      diagram,
                      "--trace",
                      trace,
                      "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream traced(trace);
  const auto steps = std::count(std::istreambuf_iterator<char>(traced), {}, '\n');
  ASSERT_GT(steps, 20'000);
  std::ifstream drawn(diagram);
  const std::string text((std::istreambuf_iterator<char>(drawn)), {});
  EXPECT_THAT(text,
              HasSubstr("    %% sft run: the first 20000 of " + std::to_string(steps) +
                        " steps (--trace keeps them all)\n"));
  // the summary shows the state of the first 50 persons, in the order of their ids
  EXPECT_THAT(r.out,
              HasSubstr("  state:\n    example/person/P0  visits = 1 (io.statefun.types/int)\n"
                        "    example/person/P1  visits = 1 (io.statefun.types/int)\n"
                        "    example/person/P10  visits = 1 (io.statefun.types/int)\n"));
  EXPECT_THAT(r.out,
              HasSubstr("    example/person/P1041  visits = 1 (io.statefun.types/int)\n"
                        "    ... and 2950 more addresses with state (--admin-port serves them "
                        "all while the run lasts)\n"));
}

TEST_F(SftRun, ABadMessageFileIsAOneLineError) {
  const std::string bad = write("bad.jsonl", std::string(kVisit) + "\n{\"target\": 3}\n");
  const auto r = sft({module(url()), "--send", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "sft run: " + bad +
                ":2: a message needs \"target\": \"namespace/type/id\" (or a record \"topic\" "
                "and \"key\")\n");
  EXPECT_EQ(r.out, "");
}

TEST_F(SftRun, ABadModuleIsAOneLineErrorAtItsPosition) {
  const std::string path = write("module.yaml", "kind: io.statefun.endpoints.v3/http\nspec: {}\n");
  const auto r = sft({path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              testing::StartsWith("sft run: " + path +
                                  ":1:7: unknown kind 'io.statefun.endpoints.v3/http'"));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
}

TEST_F(SftRun, AServiceThatStaysDownStopsTheRunAsAFlinkJobWouldFail) {
  // the greeter's port with a path it does not serve: every attempt is a 404, which the async
  // transport retries until the call's budget (100 ms here) is spent
  std::string wrong_path = url();
  wrong_path.replace(wrong_path.rfind('/'), std::string::npos, "/nothing-here");
  const auto r = sft({module(wrong_path, "  transport:\n    call: 100ms\n"),
                      "--send",
                      write("visit.jsonl", std::string(kVisit) + "\n")});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("sft run: retrying example/person/Bob: HTTP 404"));
  EXPECT_THAT(r.err,
              HasSubstr("sft run: the pipeline stopped as a Flink job would fail: "
                        "example/person/Bob: Failure forwarding a message to a remote "
                        "function: HTTP 404"));
  EXPECT_THAT(r.err,
              HasSubstr("the call budget of 100 ms is spent\n"
                        "  in flight: example/person/Bob: 1 invocation(s) in flight, 0 in "
                        "its backlog\n"));
  EXPECT_THAT(r.out, HasSubstr("sft run: FAILED after 1 ingress message(s)"));
}

TEST_F(SftRun, ServesThePlaygroundIngressAndEgressAsThePlaygroundDoes) {
  const std::string path = module_with_ingress(url());
  test::ServerProcess run(
      {SFT_BINARY, "run", path, "--ingress-port", "0", "--egress-port", "0", "--quiet"});
  std::smatch egress;
  const std::string& line = run.err();
  ASSERT_TRUE(std::regex_search(
      line, egress, std::regex(R"(and http://127\.0\.0\.1:(\d+)/ \(playground egress)")))
      << line;
  const auto egress_port = static_cast<std::uint16_t>(std::stoi(egress[1]));
  EXPECT_THAT(line, HasSubstr("(playground ingress: PUT /namespace/type/id)"));
  for (int i = 0; i < 3; ++i) {
    const test::HttpAnswer taken =
        test::http_exchange(run.port(),
                            test::http_request("PUT",
                                               "/example/person/Bob",
                                               "application/vnd.example/GreetRequest",
                                               R"({"name":"Bob"})"));
    EXPECT_EQ(taken.status, 200) << taken.body;
  }
  std::vector<std::string> greetings;
  greetings.reserve(3);
  for (int i = 0; i < 3; ++i) {
    greetings.push_back(
        test::http_exchange(egress_port, test::http_request("GET", "/greetings?wait=30s")).body);
  }
  EXPECT_EQ(greetings,
            (std::vector<std::string>{
                "Welcome Bob", "Nice to see you again Bob", "Third time is the charm Bob"}));
  EXPECT_EQ(run.stop(), 0) << run.err();
}

TEST_F(SftRun, LoadThroughThePlaygroundIngressCountsWhatTheEgressGives) {
  const std::string path = module_with_ingress(url());
  test::ServerProcess run(
      {SFT_BINARY, "run", path, "--ingress-port", "0", "--egress-port", "0", "--quiet"});
  std::smatch egress;
  ASSERT_TRUE(std::regex_search(
      run.err(), egress, std::regex(R"(and http://127\.0\.0\.1:(\d+)/ \(playground egress)")))
      << run.err();
  const std::string ingress_url = "http://127.0.0.1:" + std::to_string(run.port());
  const std::string egress_url = "http://127.0.0.1:" + egress[1].str() + "/greetings";
  // every message to a person of its own: one greeting each
  const auto load = test::run({SFT_BINARY,
                               "load",
                               ingress_url,
                               "example/person/P{{seq}}",
                               "--type",
                               "example/GreetRequest",
                               "--json",
                               R"({"name":"P{{seq}}"})",
                               "--ingress",
                               "--egress",
                               egress_url,
                               "--users",
                               "4",
                               "--requests",
                               "300",
                               "--no-progress"});
  ASSERT_EQ(load.exit_code, 0) << load.out << load.err;
  EXPECT_THAT(load.out, HasSubstr("PUT      example/person/P{{seq}}"));
  EXPECT_THAT(load.out, testing::ContainsRegex("\nin  +300  +[0-9.]+  " + ingress_url + " \\("));
  EXPECT_THAT(load.out, testing::ContainsRegex("\nout  +300  +[0-9.]+  " + egress_url + " \\("));

  // a message the pipeline refuses is a failed request, with the ingress's reason
  const auto refused = test::run({SFT_BINARY,
                                  "load",
                                  ingress_url,
                                  "other/fn/x",
                                  "--type",
                                  "example/GreetRequest",
                                  "--json",
                                  "{}",
                                  "--ingress",
                                  "--requests",
                                  "2",
                                  "--no-progress"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_THAT(refused.out,
              HasSubstr("PUT other/fn/x: status: HTTP 404 from the ingress: no endpoint of the "
                        "module serves other/fn"));
  EXPECT_EQ(run.stop(), 0) << run.err();

  const auto lonely = test::run({SFT_BINARY,
                                 "load",
                                 ingress_url,
                                 "example/person/x",
                                 "--type",
                                 "example/GreetRequest",
                                 "--json",
                                 "{}",
                                 "--egress",
                                 egress_url,
                                 "--requests",
                                 "1"});
  EXPECT_EQ(lonely.exit_code, 2);
  EXPECT_THAT(lonely.err,
              HasSubstr("sft load: --egress counts what a pipeline gives while "
                        "--ingress feeds it"));
}

TEST_F(SftRun, SftStateShowsWhatARunningRunHolds) {
  const std::string path = module_with_ingress(url());
  test::ServerProcess run({SFT_BINARY,
                           "run",
                           path,
                           "--ingress-port",
                           "0",
                           "--egress-port",
                           "0",
                           "--admin-port",
                           "0",
                           "--quiet"});
  std::smatch ports;
  ASSERT_TRUE(std::regex_search(run.err(),
                                ports,
                                std::regex(R"(and http://127\.0\.0\.1:(\d+)/ \(playground egress.*)"
                                           R"( http://127\.0\.0\.1:(\d+)/state \(admin\))")))
      << run.err();
  const auto egress_port = static_cast<std::uint16_t>(std::stoi(ports[1]));
  const std::string admin = "http://127.0.0.1:" + ports[2].str();
  const std::vector<std::pair<std::string, std::string>> visits = {
      {"Bob", "Bob"}, {"Bob", "Bob"}, {"Ann%20Lee", "Ann Lee"}};
  for (const auto& [id, name] : visits) {
    ASSERT_EQ(test::http_exchange(run.port(),
                                  test::http_request("PUT",
                                                     "/example/person/" + id,
                                                     "application/vnd.example/GreetRequest",
                                                     R"({"name":")" + name + R"("})"))
                  .status,
              200);
  }
  for (int i = 0; i < 3; ++i) {  // the three greetings: the run has done its work
    ASSERT_FALSE(test::http_exchange(egress_port, test::http_request("GET", "/greetings?wait=30s"))
                     .body.empty());
  }
  const auto all = test::run({SFT_BINARY, "state", admin});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_THAT(all.out,
              HasSubstr("example/person/Ann Lee\n    visits = 1 (io.statefun.types/int)\n"
                        "example/person/Bob\n    visits = 2 (io.statefun.types/int)\n"));
  EXPECT_THAT(all.out, HasSubstr("example/greeter/Bob\n    no state\n"));
  const auto ann = test::run({SFT_BINARY, "state", admin, "example/person/Ann Lee"});
  ASSERT_EQ(ann.exit_code, 0) << ann.err;
  EXPECT_EQ(ann.out, "example/person/Ann Lee\n    visits = 1 (io.statefun.types/int)\n");
  const auto json_form = test::run({SFT_BINARY, "state", admin, "-o", "json"});
  ASSERT_EQ(json_form.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(json_form.out)["addresses"].size(), 4U);

  const auto unseen = test::run({SFT_BINARY, "state", admin, "example/person/Zed"});
  EXPECT_EQ(unseen.exit_code, 1);
  EXPECT_EQ(unseen.err, "sft state: the run has not seen example/person/Zed (yet)\n");
  const auto not_admin =
      test::run({SFT_BINARY, "state", "http://127.0.0.1:" + std::to_string(egress_port)});
  EXPECT_EQ(not_admin.exit_code, 2);
  EXPECT_THAT(not_admin.err, HasSubstr("is not sft run's admin endpoint"));
  EXPECT_EQ(run.stop(), 0) << run.err();
  const auto gone = test::run({SFT_BINARY, "state", admin});
  EXPECT_EQ(gone.exit_code, 3);
  EXPECT_THAT(gone.err, HasSubstr("sft state: cannot connect to " + admin + "/state"));
}

TEST_F(SftRun, WithoutInputOrAPlaygroundIngressThereIsNothingToRun) {
  const std::string path = module(url());
  const auto r = sft({path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "sft run: nothing to run: give --send FILE or --to ADDRESS, or declare an "
            "io.statefun.playground.v1/ingress in " +
                path + " to take messages over HTTP\n");
  const std::string no_playground = write("kafka.yaml",
                                          "kind: io.statefun.endpoints.v2/http\n"
                                          "spec:\n"
                                          "  functions: example/*\n"
                                          "  urlPathTemplate: " +
                                              url() + "\n");
  const auto h = sft({no_playground, "--http", "--send", write("v.jsonl", std::string(kVisit))});
  EXPECT_EQ(h.exit_code, 2);
  EXPECT_EQ(h.err,
            "sft run: --http: " + no_playground +
                " declares no io.statefun.playground.v1/ingress or egress to serve\n");
}

/// A port nothing listens on: bound, then closed.
std::uint16_t closed_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

TEST_F(SftRun, ExecStartsTheServicesAndStopsThemAtTheEnd) {
  // The service is a greeter of its own on a free port: the run can only start once it
  // listens, and by then the shell has written its pid (the greeter is exec'd in its place).
  const std::string pid_file = write("service.pid", "");
  const std::string port = std::to_string(closed_port());
  const auto r = sft({module("http://127.0.0.1:" + port + "/statefun"),
                      "--exec",
                      "echo $$ > " + pid_file + "; exec " + GREETER_BINARY +
                          " --address 127.0.0.1 --threads 1 --port " + port,
                      "--send",
                      write("visit.jsonl", std::string(kVisit) + "\n")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("greetings: Welcome Bob"));
  std::ifstream in(pid_file);
  pid_t pid = 0;
  ASSERT_TRUE(in >> pid) << "the service did not start";
  EXPECT_NE(::kill(pid, 0), 0) << "the service " << pid << " still runs after sft run ended";
}

TEST_F(SftRun, AServiceThatExitsBeforeItListensIsReportedWithItsOutput) {
  const std::uint16_t port = closed_port();
  const auto r = sft({module("http://127.0.0.1:" + std::to_string(port) + "/statefun"),
                      "--exec",
                      "echo boom >&2; exit 3",
                      "--send",
                      write("visit.jsonl", std::string(kVisit) + "\n")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "sft run: --exec 'echo boom >&2; exit 3' exited with status 3 before 127.0.0.1:" +
                std::to_string(port) + " listened; its output:\nboom\n\n");
}

TEST_F(SftRun, AServiceThatNeverListensIsReportedAtTheExecTimeout) {
  const std::uint16_t port = closed_port();
  const auto r = sft({module("http://127.0.0.1:" + std::to_string(port) + "/statefun"),
                      "--exec",
                      "exec sleep 600",
                      "--exec-timeout",
                      "100ms",
                      "--send",
                      write("visit.jsonl", std::string(kVisit) + "\n")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "sft run: nothing listens on 127.0.0.1:" + std::to_string(port) +
                " after 100 ms of --exec-timeout\n");
}

}  // namespace
}  // namespace statefun
