// The local runtime's HTTP/1.1 server: accept, read, parse with http::MessageParser, hand the
// request to the handler, write its answer, then the next pipelined request.
#include "local_http_server.hpp"

#include <array>
#include <exception>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/write.hpp>

#include <statefun/http/message_parser.hpp>
#include <statefun/http/read_buffer.hpp>

namespace statefun::runtime::detail {

namespace {

using boost::asio::ip::tcp;

constexpr std::size_t kInitialBuffer = 8192;
constexpr std::size_t kReadChunk = 16384;

}  // namespace

class LocalHttpServer::Connection final : public std::enable_shared_from_this<Connection> {
 public:
  Connection(LocalHttpServer& server, tcp::socket socket)
      : server_(server),
        socket_(std::move(socket)),
        parser_(http::MessageParser::Kind::request,
                {.max_body_bytes = server.options_.max_body_bytes}) {}

  void start() { read(); }

  /// Closes the socket; pending operations end with an error and do nothing.
  void close() {
    if (closed_) {
      return;
    }
    closed_ = true;
    boost::system::error_code ignored;
    socket_.close(ignored);
  }

 private:
  void read() {
    const std::span<char> room = buffer_.prepare(kReadChunk);
    socket_.async_read_some(
        boost::asio::buffer(room.data(), room.size()),
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
          if (ec || self->closed_) {
            self->drop();
            return;
          }
          self->buffer_.commit(n);
          self->parse();
        });
  }

  void parse() {
    switch (parser_.parse(buffer_.data(), buffer_.size())) {
      case http::MessageParser::State::need_more:
        read();
        return;
      case http::MessageParser::State::headers_done:
        if (parser_.expect_continue()) {
          write_continue();
          return;
        }
        parse();
        return;
      case http::MessageParser::State::done:
        dispatch();
        return;
      case http::MessageParser::State::error:
        close_after_ = true;
        respond({.status = parser_.error().status, .body = std::string(parser_.error().reason)});
        return;
    }
  }

  void write_continue() {
    boost::asio::async_write(
        socket_,
        boost::asio::buffer(http::kContinueResponse),
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t /*n*/) {
          if (ec || self->closed_) {
            self->drop();
            return;
          }
          self->parse();
        });
  }

  void dispatch() {
    close_after_ = !parser_.keep_alive();
    const LocalRequest request{
        parser_.method(), parser_.target(), parser_.content_type(), parser_.body()};
    std::weak_ptr<Connection> weak = weak_from_this();
    Reply reply = [weak](const LocalResponse& response) {
      if (const std::shared_ptr<Connection> self = weak.lock()) {
        self->respond(response);
      }
    };
    try {
      server_.handler_(request, std::move(reply));
    } catch (const std::exception& e) {
      respond({.status = 500, .body = std::string("the local runtime failed: ") + e.what()});
    }
  }

  void respond(const LocalResponse& response) {
    if (closed_ || answered_) {
      return;
    }
    answered_ = true;
    std::array<char, http::kMaxHeadBytes> head{};
    const std::size_t head_size =
        http::format_head({.status = response.status,
                           .body_type = response.body_type,
                           .content_length = response.body.size(),
                           .connection = close_after_       ? http::ConnectionHeader::close
                                         : parser_.http10() ? http::ConnectionHeader::keep_alive
                                                            : http::ConnectionHeader::none},
                          server_.date_.now(),
                          head);
    out_.assign(head.data(), head_size);
    out_ += response.body;
    boost::asio::async_write(socket_,
                             boost::asio::buffer(out_),
                             [self = shared_from_this()](const boost::system::error_code& ec,
                                                         std::size_t /*n*/) { self->written(ec); });
  }

  void written(const boost::system::error_code& ec) {
    if (ec || closed_ || close_after_) {
      drop();
      return;
    }
    answered_ = false;
    buffer_.consume(parser_.consumed());
    parser_.reset();
    if (buffer_.size() == 0) {
      buffer_.clear(kInitialBuffer);
    }
    parse();  // a pipelined request, or read more
  }

  /// Closes and forgets this connection.
  void drop() {
    close();
    if (!server_.stopped_) {
      server_.connections_.erase(shared_from_this());
    }
  }

  LocalHttpServer& server_;
  tcp::socket socket_;
  http::ReadBuffer buffer_{kInitialBuffer};
  http::MessageParser parser_;
  std::string out_;
  bool close_after_ = false;
  bool answered_ = false;
  bool closed_ = false;
};

LocalHttpServer::LocalHttpServer(boost::asio::io_context& io, Options options, Handler handler)
    : options_(std::move(options)), handler_(std::move(handler)), acceptor_(io) {
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  try {
    const tcp::endpoint endpoint(boost::asio::ip::make_address(options_.host), options_.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen();
    port_ = acceptor_.local_endpoint().port();
  } catch (const boost::system::system_error& e) {
    throw std::runtime_error("cannot listen on " + where + ": " + e.code().message());
  }
  accept();
}

LocalHttpServer::~LocalHttpServer() {
  stop();
}

void LocalHttpServer::stop() {
  if (stopped_) {
    return;
  }
  stopped_ = true;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  for (const std::shared_ptr<Connection>& connection : connections_) {
    connection->close();
  }
  connections_.clear();
}

void LocalHttpServer::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (stopped_) {
      return;
    }
    if (!ec) {
      if (connections_.size() >= options_.max_connections) {
        boost::system::error_code ignored;
        socket.close(ignored);  // over the cap: the client sees the connection closed
      } else {
        auto connection = std::make_shared<Connection>(*this, std::move(socket));
        connections_.insert(connection);
        connection->start();
      }
    }
    accept();
  });
}

}  // namespace statefun::runtime::detail
