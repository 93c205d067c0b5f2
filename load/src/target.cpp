
#include <exception>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <statefun/http/url.hpp>
#include <statefun/load/target.hpp>

namespace statefun::load {

bool is_loopback_url(std::string_view url) {
  http::Url parsed;
  try {
    parsed = http::Url::parse(url);
  } catch (const std::exception&) {
    return false;
  }
  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver(io);
  boost::system::error_code ec;
  const auto results = resolver.resolve(parsed.host, std::to_string(parsed.port), ec);
  if (ec || results.empty()) {
    return false;
  }
  for (const auto& entry : results) {
    if (!entry.endpoint().address().is_loopback()) {
      return false;
    }
  }
  return true;
}

}  // namespace statefun::load
