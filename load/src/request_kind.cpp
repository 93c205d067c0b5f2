#include <stdexcept>

#include <statefun/load/request_kind.hpp>

#include "request_encoder.hpp"

namespace statefun::load {

protocol::Request sample_request(const RequestKind& kind, std::uint64_t seed) {
  Random random(seed);
  const RenderContext context{random, 0};
  protocol::Request request{
      Address(TypeName(kind.function_type), kind.id.render(context)), kind.state, {}};
  for (const ArgumentTemplate& argument : kind.arguments) {
    std::string text = argument.value.render(context);
    if (argument.is_json && nlohmann::json::parse(text, nullptr, false).is_discarded()) {
      throw std::invalid_argument("the argument '" + text + "' (from '" + argument.value.source() +
                                  "') is not valid JSON");
    }
    std::string bytes;
    if (argument.type_name.starts_with("io.statefun.types/")) {
      encode_builtin(argument.type_name, text, bytes);
    } else {
      bytes = std::move(text);
    }
    request.invocations.push_back({kind.caller, TypedValue{argument.type_name, true, bytes}});
  }
  return request;
}

}  // namespace statefun::load
