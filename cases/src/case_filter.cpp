// -k expressions: words, and, or, not, parentheses.
#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <statefun/cases/case_filter.hpp>

namespace statefun::cases {

struct CaseFilter::Node {
  enum class Kind { word, all, any, negation };
  Kind kind = Kind::word;
  std::string word;  ///< lower case
  std::vector<std::shared_ptr<const Node>> children;
};

namespace {

using NodePtr = std::shared_ptr<const CaseFilter::Node>;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

std::vector<std::string> tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) {
      tokens.push_back(std::move(word));
      word.clear();
    }
  };
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == '(' || c == ')') {
      flush();
      if (c == '(' || c == ')') {
        tokens.emplace_back(1, c);
      }
    } else {
      word += c;
    }
  }
  flush();
  return tokens;
}

/// Recursive descent: or_expr := and_expr ("or" and_expr)*; and_expr := unary ("and" unary)*;
/// unary := "not" unary | "(" or_expr ")" | word.
class Parser {
 public:
  explicit Parser(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}

  NodePtr parse() {
    NodePtr root = binary("or", &Parser::and_expr, CaseFilter::Node::Kind::any);
    if (at_ < tokens_.size()) {
      throw std::invalid_argument("unexpected '" + tokens_[at_] + "'");
    }
    return root;
  }

 private:
  NodePtr binary(const char* op, NodePtr (Parser::*operand)(), CaseFilter::Node::Kind kind) {
    auto node = std::make_shared<CaseFilter::Node>();
    node->kind = kind;
    node->children.push_back((this->*operand)());
    while (at_ < tokens_.size() && tokens_[at_] == op) {
      ++at_;
      node->children.push_back((this->*operand)());
    }
    return node->children.size() == 1 ? node->children.front() : node;
  }

  NodePtr and_expr() { return binary("and", &Parser::unary, CaseFilter::Node::Kind::all); }

  NodePtr unary() {
    if (at_ == tokens_.size()) {
      throw std::invalid_argument("the expression ends too early");
    }
    const std::string token = tokens_[at_++];
    auto node = std::make_shared<CaseFilter::Node>();
    if (token == "not") {
      node->kind = CaseFilter::Node::Kind::negation;
      node->children.push_back(unary());
    } else if (token == "(") {
      NodePtr inner = binary("or", &Parser::and_expr, CaseFilter::Node::Kind::any);
      if (at_ == tokens_.size() || tokens_[at_++] != ")") {
        throw std::invalid_argument("a '(' is not closed");
      }
      return inner;
    } else if (token == ")" || token == "and" || token == "or") {
      throw std::invalid_argument("unexpected '" + token + "'");
    } else {
      node->word = lower(token);
    }
    return node;
  }

  std::vector<std::string> tokens_;
  std::size_t at_ = 0;
};

bool evaluate(const CaseFilter::Node& node, const std::string& name) {
  switch (node.kind) {
    case CaseFilter::Node::Kind::word:
      return name.find(node.word) != std::string::npos;
    case CaseFilter::Node::Kind::negation:
      return !evaluate(*node.children.front(), name);
    case CaseFilter::Node::Kind::all:
      return std::all_of(node.children.begin(), node.children.end(), [&](const NodePtr& child) {
        return evaluate(*child, name);
      });
    case CaseFilter::Node::Kind::any:
      break;
  }
  return std::any_of(node.children.begin(), node.children.end(), [&](const NodePtr& child) {
    return evaluate(*child, name);
  });
}

}  // namespace

CaseFilter CaseFilter::parse(std::string_view expression) {
  CaseFilter filter;
  std::vector<std::string> tokens = tokenize(expression);
  if (!tokens.empty()) {
    filter.root_ = Parser(std::move(tokens)).parse();
  }
  return filter;
}

bool CaseFilter::matches(std::string_view name) const {
  return root_ == nullptr || evaluate(*root_, lower(name));
}

}  // namespace statefun::cases
