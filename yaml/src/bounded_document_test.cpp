#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <statefun/yaml/bounded_document.hpp>

#include <unistd.h>

namespace statefun::yaml {
namespace {

/// The Error parse_bounded throws for `text`, or a failure.
Error refusal(const std::string& text, const Limits& limits = {}) {
  try {
    (void)parse_bounded(text, limits);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << text.substr(0, 80);
  return {"", -1, -1};
}

/// "Billion laughs": ten levels of nine aliases each, 10^9 strings from a few hundred bytes.
std::string billion_laughs() {
  std::string text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level < 10; ++level) {
    const std::string previous = "*l" + std::to_string(level - 1);
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 9; ++i) {
      text += (i == 0 ? "" : ", ") + previous;
    }
    text += "]\n";
  }
  return text;
}

TEST(BoundedDocument, ParsesAnOrdinaryDocument) {
  const YAML::Node root = parse_bounded("a: &x [1, {b: c}]\nd: *x\n");
  EXPECT_EQ(root["d"][1]["b"].Scalar(), "c");
}

TEST(BoundedDocument, AnAliasInsideItsOwnAnchorIsRefused) {
  // Walking this tree recursed until the stack overflowed (a segmentation fault).
  const Error e = refusal("a: &a [*a]\n");
  EXPECT_NE(std::string(e.what()).find("nested deeper than 256 levels"), std::string::npos)
      << e.what();
  EXPECT_EQ(e.line(), 1);
}

TEST(BoundedDocument, BillionLaughsIsRefused) {
  const Error e = refusal(billion_laughs());
  EXPECT_STREQ(e.what(),
               "the document expands to more than 200000 values (an alias repeated too often?)");
}

TEST(BoundedDocument, ExpandedTextIsBounded) {
  Limits limits;
  limits.max_expanded_bytes = 1000;
  const std::string big(600, 'x');
  EXPECT_NO_THROW((void)parse_bounded("a: &a " + big + "\n", limits));
  const Error e = refusal("a: &a " + big + "\nb: *a\n", limits);
  EXPECT_NE(std::string(e.what()).find("more than 1000 bytes of text"), std::string::npos);
  EXPECT_EQ(e.line(), 1);  // an alias points at its anchor
}

TEST(BoundedDocument, DepthIsBounded) {
  // A value inside 256 lists is 256 levels deep.
  const auto nested = [](int levels) {
    return std::string(levels, '[') + "1" + std::string(levels, ']');
  };
  EXPECT_NO_THROW((void)parse_bounded(nested(256)));
  EXPECT_NE(std::string(refusal(nested(257)).what()).find("deeper than 256"), std::string::npos);
}

TEST(BoundedDocument, InvalidUtf8IsRefusedWithItsPosition) {
  const Error value = refusal("a: ok\nb: \xff\xfe\n");
  EXPECT_STREQ(value.what(), "a value is not valid UTF-8 text");
  EXPECT_EQ(value.line(), 2);
  EXPECT_EQ(value.column(), 4);
  EXPECT_EQ(refusal("\xc3\x28: 1\n").line(), 1);  // a key too
}

TEST(BoundedDocument, SizeIsBoundedBeforeParsing) {
  Limits limits;
  limits.max_bytes = 10;
  EXPECT_STREQ(refusal("a: 12345678\n", limits).what(), "the document is larger than 10 bytes");
}

TEST(BoundedDocument, SyntaxErrorsCarryTheirPosition) {
  const Error e = refusal("a: [1, 2\nb: 3\n");
  EXPECT_EQ(std::string(e.what()).rfind("invalid YAML: ", 0), 0U) << e.what();
  EXPECT_GT(e.line(), 0);
}

TEST(BoundedDocument, AStreamIsReadDocumentByDocument) {
  const std::vector<StreamDocument> documents = parse_bounded_stream("a: 1\n---\n---\nb: [2]\n");
  ASSERT_EQ(documents.size(), 3U);
  EXPECT_EQ(documents[0].root["a"].Scalar(), "1");
  EXPECT_EQ(documents[0].first_line, 0);
  EXPECT_TRUE(documents[1].root.IsNull());
  EXPECT_EQ(documents[1].first_line, 1);
  EXPECT_EQ(documents[2].root["b"][0].Scalar(), "2");
  EXPECT_EQ(documents[2].first_line, 2);
  EXPECT_EQ(documents[2].first_line + documents[2].root["b"].Mark().line, 3);  // in the stream
  EXPECT_TRUE(parse_bounded_stream("").empty());
  EXPECT_TRUE(parse_bounded_stream("# only a comment\n\n").empty());
}

TEST(BoundedDocument, AStreamIsCutAtItsMarkersOnly) {
  // comments and directives before `---` belong to its document; `...` ends one; a marker
  // needs a blank or the end of the line after it; CRLF line ends work
  const std::vector<StreamDocument> documents = parse_bounded_stream(
      "# the first\n%YAML 1.2\n--- {a: 1}\n...\nb: '---x'\n----\n---\r\nc: |\n  text\n");
  ASSERT_EQ(documents.size(), 3U);
  EXPECT_EQ(documents[0].root["a"].Scalar(), "1");
  EXPECT_EQ(documents[0].first_line, 0);
  EXPECT_EQ(documents[1].root["b"].Scalar(), "---x");
  EXPECT_EQ(documents[1].first_line, 4);
  EXPECT_EQ(documents[2].root["c"].Scalar(), "text\n");
  EXPECT_EQ(documents[2].first_line, 6);
}

TEST(BoundedDocument, AStreamThatYamlCppsLoadAllNeverFinishesIsRead) {
  // YAML::LoadAll(",") loops forever (yaml-cpp 0.7): found by the module_file fuzz target
  for (const std::string& text :
       {std::string(","), std::string(",\0", 2), std::string("a: 1\n---\n,\n")}) {
    try {
      for (const StreamDocument& document : parse_bounded_stream(text)) {
        EXPECT_GE(document.first_line, 0);
      }
    } catch (const Error& e) {
      EXPECT_EQ(std::string(e.what()).rfind("invalid YAML: ", 0), 0U) << e.what();
    }
  }
}

TEST(BoundedDocument, AStreamsBoundsCoverAllItsDocuments) {
  Limits limits;
  limits.max_nodes = 10;
  std::string text;
  for (int i = 0; i < 4; ++i) {  // 4 values per document: each alone is within the bound
    text += "---\nk: [v]\n";
  }
  try {
    (void)parse_bounded_stream(text, limits);
    ADD_FAILURE() << "a stream over the bound was accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "the document expands to more than 10 values (an alias repeated too often?)");
    EXPECT_EQ(e.line(), 6);  // the 11th value: the third document's list
  }
  try {
    (void)parse_bounded_stream("a: 1\n---\nb: [\nc: 2\n");
    ADD_FAILURE() << "invalid YAML in the second document was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("invalid YAML: ", 0), 0U) << e.what();
    EXPECT_GE(e.line(), 3);  // in the stream, not in its document
  }
}

TEST(BoundedDocument, FilesAreReadWithinTheBound) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("bounded_document_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "a.yaml";
  std::ofstream(file) << std::string(100'000, 'x');
  Limits limits;
  EXPECT_EQ(read_bounded_file(file.string(), limits).size(), 100'000U);
  limits.max_bytes = 99'999;
  try {
    (void)read_bounded_file(file.string(), limits);
    ADD_FAILURE() << "a file over the bound was read";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "the file is larger than 99999 bytes");
  }
  EXPECT_THROW((void)read_bounded_file(dir.string()), Error);
  EXPECT_THROW((void)read_bounded_file((dir / "missing").string()), Error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace statefun::yaml
