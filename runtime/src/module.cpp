// The module model's lookups: endpoint by function type, egress by id, URL templates.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include <statefun/http/url.hpp>
#include <statefun/runtime/module.hpp>

namespace statefun::runtime {

std::string SourcePosition::str() const {
  if (line <= 0) {
    return file;
  }
  return file + ':' + std::to_string(line) + ':' + std::to_string(column);
}

ModuleError::ModuleError(SourcePosition where, const std::string& reason)
    : std::runtime_error(where.str() + ": " + reason), where_(std::move(where)), reason_(reason) {}

Transport Transport::defaults(Kind kind) {
  Transport transport;
  transport.kind = kind;
  if (kind == Kind::okhttp) {
    transport.call = std::chrono::minutes(1);
    transport.connect = std::chrono::seconds(10);
  }
  return transport;
}

bool FunctionPattern::matches(const TypeName& type) const noexcept {
  return type.ns() == ns && (is_namespace() || type.name() == name);
}

std::string FunctionPattern::str() const {
  return ns + '/' + (is_namespace() ? std::string("*") : name);
}

std::string Endpoint::url_for(const TypeName& type) const {
  static constexpr std::string_view kPlaceholder = "{function.name}";
  std::string url;
  std::string_view rest = url_path_template;
  for (std::size_t at = rest.find(kPlaceholder); at != std::string_view::npos;
       at = rest.find(kPlaceholder)) {
    url.append(rest.substr(0, at));
    url.append(type.name());
    rest.remove_prefix(at + kPlaceholder.size());
  }
  url.append(rest);
  return url;
}

const IngressRoute* Ingress::route(std::string_view topic) const noexcept {
  for (const IngressRoute& r : routes) {
    if (r.topic == topic) {
      return &r;
    }
  }
  return nullptr;
}

const Endpoint* Module::endpoint_for(const TypeName& type) const noexcept {
  const Endpoint* by_namespace = nullptr;
  for (const Endpoint& endpoint : endpoints) {
    if (!endpoint.functions.matches(type)) {
      continue;
    }
    if (!endpoint.functions.is_namespace()) {
      return &endpoint;  // an exact binding beats a namespace one
    }
    by_namespace = &endpoint;
  }
  return by_namespace;
}

const Egress* Module::egress(const TypeName& id) const noexcept {
  for (const Egress& e : egresses) {
    if (e.id == id) {
      return &e;
    }
  }
  return nullptr;
}

std::string ServiceAddress::str() const {
  return host + ":" + std::to_string(port);
}

std::vector<ServiceAddress> Module::service_addresses() const {
  std::vector<ServiceAddress> addresses;
  for (const Endpoint& endpoint : endpoints) {
    try {
      const http::Url url =
          http::Url::parse(endpoint.url_for(TypeName(endpoint.functions.ns, "fn")));
      if (std::none_of(addresses.begin(), addresses.end(), [&](const ServiceAddress& a) {
            return a.host == url.host && a.port == url.port;
          })) {
        addresses.push_back({url.host, url.port});
      }
    } catch (const std::invalid_argument&) {
      // not http://: the runtime refuses it, with its reason, when it is created
    }
  }
  return addresses;
}

}  // namespace statefun::runtime
