// ReadBuffer: the flat buffer a connection reads into and parses in place.
// Part of statefun::http, an internal target: not installed, not an API.
#pragma once

#include <cstddef>
#include <memory>
#include <span>

namespace statefun::http {

/// Holds the bytes read but not consumed yet, [data(), data() + size()), contiguous: the current
/// request from its first byte, then whatever the client pipelined after it. Reads append at the
/// end; consume() drops a finished request. Memory is reused: it moves bytes to the front or
/// grows only when a read would not get enough room.
///
/// Example:
///   ReadBuffer buffer(8192);
///   std::span<char> room = buffer.prepare(2048);  // read into room, then:
///   buffer.commit(bytes_read);
///   parse(buffer.data(), buffer.size());
///   buffer.consume(request_bytes);
class ReadBuffer {
 public:
  explicit ReadBuffer(std::size_t initial)
      : bytes_(std::make_unique_for_overwrite<char[]>(initial)),  // NOLINT(*-c-arrays)
        capacity_(initial),
        initial_(initial) {}

  /// The first unconsumed byte.
  char* data() noexcept { return bytes_.get() + begin_; }

  /// How many bytes are unconsumed.
  std::size_t size() const noexcept { return end_ - begin_; }

  /// The free room after the data, at least `want` bytes (moving or growing the buffer).
  std::span<char> prepare(std::size_t want);

  /// Appends the `n` bytes a read put at the start of prepare()'s room.
  void commit(std::size_t n) noexcept { end_ += n; }

  /// Drops the first `n` bytes.
  void consume(std::size_t n) noexcept;

  /// Drops everything; frees the memory when it grew beyond `keep` bytes.
  void clear(std::size_t keep) noexcept;

 private:
  std::unique_ptr<char[]> bytes_;  // NOLINT(*-c-arrays): raw bytes, not initialised
  std::size_t capacity_;
  std::size_t initial_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

}  // namespace statefun::http
