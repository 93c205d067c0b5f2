#include "request_encoder.hpp"

#include <charconv>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <system_error>

#include <statefun/http/syntax.hpp>
#include <statefun/protocol/json_form.hpp>
#include <statefun/protocol/json_text.hpp>
#include <statefun/types.hpp>
#include <statefun/wire/to_function.hpp>

namespace statefun::load {

namespace {

template <typename T>
bool parse_int(std::string_view text, T& value) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

void encode_builtin(std::string_view type_name, std::string_view text, std::string& out) {
  // The integers are parsed here, without a JSON parser: they are the common template case.
  if (type_name == type_names::kInt) {
    std::int32_t v = 0;
    if (!parse_int(text, v)) {
      throw std::invalid_argument("'" + std::string(text) + "' is not a 32-bit integer");
    }
    out = int_type().serialize(v);
    return;
  }
  if (type_name == type_names::kLong) {
    std::int64_t v = 0;
    if (!parse_int(text, v)) {
      throw std::invalid_argument("'" + std::string(text) + "' is not a 64-bit integer");
    }
    out = long_type().serialize(v);
    return;
  }
  const auto json = protocol::parse_json(text);
  if (json.is_discarded()) {
    throw std::invalid_argument("'" + std::string(text) + "' is not valid JSON");
  }
  try {
    out = protocol::make_typed_value(type_name, json).value;
  } catch (const std::exception& e) {
    throw std::invalid_argument(e.what());
  }
}

RequestEncoder::RequestEncoder(std::string_view host, std::string_view target)
    : head_(host, target, "sft-load"), host_(host), base_path_(target) {
  while (!base_path_.empty() && base_path_.back() == '/') {
    base_path_.pop_back();
  }
}

void RequestEncoder::render(const RequestKind& kind, const RenderContext& context, Rendered& out) {
  out.id.clear();
  kind.id.render_to(out.id, context);
  out.values.resize(kind.arguments.size());
  for (std::size_t i = 0; i < kind.arguments.size(); ++i) {
    const auto& arg = kind.arguments[i];
    out.values[i].clear();
    if (arg.type_name.starts_with("io.statefun.types/")) {
      scratch_.clear();
      arg.value.render_to(scratch_, context);
      encode_builtin(arg.type_name, scratch_, out.values[i]);
    } else {
      arg.value.render_to(out.values[i], context);
    }
  }
}

namespace {

wire::TypedValueView view(const TypedValue& v) {
  return {v.type_name, v.has_value, v.value, true};
}

/// One rendering of a kind, with its state, as the source of the ToFunction writer.
struct RenderedSource {
  const RequestKind& kind;
  const Rendered& rendered;
  const std::vector<protocol::StateEntry>& state;
  std::string_view ns;
  std::string_view type;

  wire::AddressView target() const { return {ns, type, rendered.id, true}; }

  template <typename F>
  void for_each_state(F f) const {
    for (const auto& s : state) {
      f(wire::StateView{s.name, s.value ? view(*s.value) : wire::TypedValueView{}});
    }
  }

  template <typename F>
  void for_each_invocation(F f) const {
    wire::AddressView caller;
    if (kind.caller) {
      caller = {kind.caller->type.ns(), kind.caller->type.name(), kind.caller->id, true};
    }
    for (std::size_t i = 0; i < kind.arguments.size(); ++i) {
      f(wire::InvocationView{caller,
                             {kind.arguments[i].type_name, true, rendered.values[i], true}});
    }
  }
};

}  // namespace

void RequestEncoder::write_body(const RequestKind& kind,
                                const Rendered& rendered,
                                const std::vector<protocol::StateEntry>& state,
                                std::string& out) {
  const std::string_view function_type = kind.function_type;
  const auto slash = function_type.rfind('/');
  wire::append_to_function(
      out,
      RenderedSource{
          kind, rendered, state, function_type.substr(0, slash), function_type.substr(slash + 1)});
}

void RequestEncoder::encode_body(const RequestKind& kind,
                                 const RenderContext& context,
                                 std::string& out) {
  render(kind, context, rendered_);
  write_body(kind, rendered_, kind.state, out);
}

void RequestEncoder::write(const RequestKind& kind,
                           const Rendered& rendered,
                           const std::vector<protocol::StateEntry>& state,
                           std::string& out) {
  body_.clear();
  write_body(kind, rendered, state, body_);
  head_.write(body_, out);
}

void RequestEncoder::encode_ingress(const RequestKind& kind,
                                    const RenderContext& context,
                                    std::string& out) {
  render(kind, context, rendered_);
  const std::string_view function_type = kind.function_type;
  const std::size_t slash = function_type.rfind('/');
  out.clear();
  out += "PUT ";
  out += base_path_;
  out += '/';
  http::append_percent_encoded(function_type.substr(0, slash), out);
  out += '/';
  http::append_percent_encoded(function_type.substr(slash + 1), out);
  out += '/';
  http::append_percent_encoded(rendered_.id, out);
  out += " HTTP/1.1\r\nHost: ";
  out += host_;
  out += "\r\nUser-Agent: sft-load\r\nContent-Type: application/vnd.";
  out += kind.arguments.front().type_name;
  out += "\r\nContent-Length: ";
  out += std::to_string(rendered_.values.front().size());
  out += "\r\n\r\n";
  out += rendered_.values.front();
}

void RequestEncoder::encode(const RequestKind& kind,
                            const RenderContext& context,
                            std::string& out) {
  render(kind, context, rendered_);
  write(kind, rendered_, kind.state, out);
}

}  // namespace statefun::load
