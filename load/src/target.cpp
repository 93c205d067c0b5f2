
#include <algorithm>
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
  return std::all_of(results.begin(), results.end(), [](const auto& entry) {
    return entry.endpoint().address().is_loopback();
  });
}

}  // namespace statefun::load
