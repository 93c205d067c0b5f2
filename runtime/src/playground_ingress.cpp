#include <optional>
#include <utility>
#include <vector>

#include <statefun/http/syntax.hpp>
#include <statefun/runtime/playground_ingress.hpp>

namespace statefun::runtime {

namespace {

constexpr std::string_view kTypePrefix = "application/vnd.";
constexpr std::string_view kDefaultType = "io.statefun.types/string";

IngressRejection not_an_address(std::string_view path) {
  return {404,
          "the playground ingress takes /namespace/type/id (e.g. /example/person/Bob), not '" +
              std::string(path) + "'"};
}

}  // namespace

std::variant<IngressMessage, IngressRejection> read_playground_ingress(
    std::string_view target, std::string_view content_type, std::string_view body) {
  const std::string_view path = http::target_path(target);
  std::string_view rest = path;
  if (rest.empty() || rest.front() != '/') {
    return not_an_address(path);
  }
  rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == '/') {
    rest.remove_suffix(1);
  }
  std::vector<std::string> parts;
  while (parts.size() <= 3) {
    const std::size_t slash = rest.find('/');
    const std::string_view raw = rest.substr(0, slash);
    std::optional<std::string> part = http::percent_decode(raw);
    if (raw.empty() || !part || (parts.size() < 2 && part->find('/') != std::string::npos)) {
      return not_an_address(path);
    }
    parts.push_back(std::move(*part));
    if (slash == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(slash + 1);
  }
  if (parts.size() != 3) {
    return not_an_address(path);
  }
  std::string type_name(kDefaultType);
  if (content_type.starts_with(kTypePrefix)) {
    type_name = content_type.substr(kTypePrefix.size());
    if (type_name.empty()) {
      return IngressRejection{415, "Content-Type application/vnd.<typename> names no typename"};
    }
  }
  return IngressMessage{Address(TypeName(parts[0], parts[1]), std::move(parts[2])),
                        TypedValue{std::move(type_name), true, std::string(body)},
                        "http"};
}

}  // namespace statefun::runtime
