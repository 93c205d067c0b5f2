// A minimal XML reader for tests: elements, attributes, text and the five predefined entities
// (plus numeric character references). Enough to read back the JUnit XML that `sft test`
// writes; it throws std::runtime_error on anything malformed, so a bad report fails the test.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace statefun::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  ///< the character data directly inside, entities decoded
  std::vector<XmlElement> children;

  /// The children named `child`.
  std::vector<const XmlElement*> all(std::string_view child) const {
    std::vector<const XmlElement*> found;
    for (const auto& c : children) {
      if (c.name == child) {
        found.push_back(&c);
      }
    }
    return found;
  }

  std::string attribute(const std::string& key) const {
    const auto it = attributes.find(key);
    if (it == attributes.end()) {
      throw std::runtime_error("<" + name + "> has no attribute " + key);
    }
    return it->second;
  }
};

class XmlReader {
 public:
  /// Parses a document: an optional <?xml ...?> declaration, then one root element.
  static XmlElement parse(std::string_view text) {
    XmlReader reader(text);
    reader.skip_space();
    if (reader.text_.substr(reader.at_, 5) == "<?xml") {
      reader.at_ = reader.find("?>") + 2;
    }
    reader.skip_space();
    XmlElement root = reader.element();
    reader.skip_space();
    if (reader.at_ != reader.text_.size()) {
      reader.fail("content after the root element");
    }
    return root;
  }

 private:
  explicit XmlReader(std::string_view text) : text_(text) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("XML: " + what + " at offset " + std::to_string(at_));
  }

  std::size_t find(std::string_view token) const {
    const std::size_t found = text_.find(token, at_);
    if (found == std::string_view::npos) {
      fail("missing '" + std::string(token) + "'");
    }
    return found;
  }

  void skip_space() {
    while (at_ < text_.size() &&
           std::string_view(" \t\r\n").find(text_[at_]) != std::string_view::npos) {
      ++at_;
    }
  }

  std::string name() {
    const std::size_t start = at_;
    while (at_ < text_.size() &&
           std::string_view(" \t\r\n/>=").find(text_[at_]) == std::string_view::npos) {
      ++at_;
    }
    if (at_ == start) {
      fail("a name was expected");
    }
    return std::string(text_.substr(start, at_ - start));
  }

  std::string decode(std::string_view raw) const {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      const std::size_t end = raw.find(';', i);
      const std::string_view entity = raw.substr(i + 1, end - i - 1);
      static const std::map<std::string_view, char> kNamed = {
          {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
      if (end == std::string_view::npos) {
        fail("an unterminated entity");
      } else if (kNamed.contains(entity)) {
        out += kNamed.at(entity);
      } else if (entity.starts_with("#") && entity.size() > 1) {
        out += static_cast<char>(std::stoi(std::string(entity.substr(1))));  // ASCII only
      } else {
        fail("unknown entity &" + std::string(entity) + ";");
      }
      i = end;
    }
    return out;
  }

  void attributes(XmlElement& element) {
    while (true) {
      skip_space();
      if (at_ >= text_.size() || text_[at_] == '/' || text_[at_] == '>') {
        return;
      }
      const std::string key = name();
      if (at_ + 1 >= text_.size() || text_[at_] != '=' || text_[at_ + 1] != '"') {
        fail("attribute " + key + " needs =\"...\"");
      }
      at_ += 2;
      const std::size_t end = find("\"");
      if (text_.substr(at_, end - at_).find('<') != std::string_view::npos) {
        fail("'<' inside an attribute");
      }
      element.attributes[key] = decode(text_.substr(at_, end - at_));
      at_ = end + 1;
    }
  }

  XmlElement element() {
    if (at_ >= text_.size() || text_[at_] != '<') {
      fail("'<' expected");
    }
    ++at_;
    XmlElement element;
    element.name = name();
    attributes(element);
    if (text_.substr(at_, 2) == "/>") {
      at_ += 2;
      return element;
    }
    if (at_ >= text_.size() || text_[at_] != '>') {
      fail("'>' expected");
    }
    ++at_;
    while (text_.substr(at_, 2) != "</") {
      if (at_ >= text_.size()) {
        fail("<" + element.name + "> is not closed");
      }
      if (text_[at_] == '<') {
        element.children.push_back(this->element());
      } else {
        const std::size_t end = find("<");
        element.text += decode(text_.substr(at_, end - at_));
        at_ = end;
      }
    }
    at_ += 2;
    if (name() != element.name || at_ >= text_.size() || text_[at_] != '>') {
      fail("</" + element.name + "> expected");
    }
    ++at_;
    return element;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace statefun::test
