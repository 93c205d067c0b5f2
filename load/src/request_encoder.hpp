// RequestEncoder: renders a RequestKind into an HTTP POST of ToFunction bytes, without
// allocating once its buffers have grown.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <statefun/http/request_head.hpp>
#include <statefun/load/request_kind.hpp>

namespace statefun::load {

/// One rendering of a request kind: the target id and each argument's bytes.
struct Rendered {
  std::string id;
  std::vector<std::string> values;
};

/// Writes whole HTTP requests; one per thread (its scratch buffers are reused).
class RequestEncoder {
 public:
  /// `host` is the Host header's value, `target` the request path.
  RequestEncoder(std::string_view host, std::string_view target);

  /// Replaces `out` with a POST of one rendering of `kind`.
  void encode(const RequestKind& kind, const RenderContext& context, std::string& out);

  /// Appends only the ToFunction bytes of one rendering to `out`.
  void encode_body(const RequestKind& kind, const RenderContext& context, std::string& out);

  /// Renders the templates of `kind` into `out` (to send the same request again later).
  void render(const RequestKind& kind, const RenderContext& context, Rendered& out);

  /// Replaces `out` with a playground ingress PUT of one rendering of `kind` (its one argument
  /// to /namespace/type/id under the target's path, Content-Type application/vnd.<typename>).
  void encode_ingress(const RequestKind& kind, const RenderContext& context, std::string& out);

  /// Replaces `out` with a POST of a rendering, with `state` attached instead of kind.state.
  void write(const RequestKind& kind,
             const Rendered& rendered,
             const std::vector<protocol::StateEntry>& state,
             std::string& out);

 private:
  static void write_body(const RequestKind& kind,
                         const Rendered& rendered,
                         const std::vector<protocol::StateEntry>& state,
                         std::string& out);

  http::RequestHead head_;
  std::string host_;
  std::string base_path_;  ///< the target without its trailing '/'s
  Rendered rendered_;
  std::string body_;
  std::string scratch_;
};

/// The bytes of a built-in wrapper for a JSON text, e.g. io.statefun.types/int "3" ->
/// 0D 03 00 00 00. Throws std::invalid_argument when the text does not fit the type.
void encode_builtin(std::string_view type_name, std::string_view json_text, std::string& out);

}  // namespace statefun::load
